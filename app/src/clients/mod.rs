//! Gebruikers: who the work is done for. Their start screen lists the prestaties to confirm and
//! their cheque balance.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::time_entries::EntryLine;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

crate::text_enum! {
    /// The five kinds of gebruiker the regulation knows.
    pub enum ClientKind {
        PrivatePerson = "private_person",
        LocalAuthority = "local_authority",
        NonProfit = "non_profit",
        School = "school",
        Agriculture = "agriculture",
    }
}

/// A prestatie to confirm, with what it will cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingEntry {
    pub line: EntryLine,
    pub cheques: i64,
    /// Without an answer, it is confirmed automatically from this day on.
    pub auto_confirm_on: Option<chrono::NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientOverview {
    pub name: String,
    pub cheque_balance: i64,
    /// Prestaties confirmed without enough cheques, and the cheques they wait for.
    pub owed: Owed,
    pub pending: Vec<PendingEntry>,
    pub recent: Vec<EntryLine>,
}

/// "Wacht op cheques": confirmed prestaties the gebruiker's cheques did not cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owed {
    pub entries: i64,
    pub cheques: i64,
}

#[server(prefix = "/api", endpoint = "client_overview", output = crate::wire::Json)]
pub async fn get_client_overview() -> Result<ClientOverview, AppError> {
    crate::read_case!(service::overview)
}

// ---- The bemiddelaar's side: the organisation's gebruikers ----

use chrono::NaiveDate;

use crate::ids::{AccountId, ClientId, MunicipalityId};

/// A gebruiker as the bemiddelaar fills in the form (new or changed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientForm {
    pub kind: ClientKind,
    /// The gebruikersnummer; empty on a new gebruiker: the next free one (`G00007`).
    #[serde(default)]
    pub client_number: String,
    pub name: String,
    pub street: String,
    /// Four digits (Belgium).
    pub postcode: String,
    pub city: String,
    #[serde(default)]
    pub phone: String,
    pub municipality_id: MunicipalityId,
    /// The date of the agreement with the organisation.
    #[serde(default)]
    pub agreement_date: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientLine {
    pub id: ClientId,
    pub client_number: String,
    pub name: String,
    pub kind: ClientKind,
    pub municipality: String,
    pub cheque_balance: i64,
}

/// A login of a gebruiker (one of the people of a school, say).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientLogin {
    pub account_id: AccountId,
    pub name: String,
    pub email: String,
    pub active: bool,
    /// Has an activation code not used yet.
    pub waiting_for_activation: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFile {
    pub id: ClientId,
    pub form: ClientForm,
    pub municipality: String,
    pub cheque_balance: i64,
    /// Years whose registration fee is paid, with the day it was, newest first.
    pub fees_paid: Vec<(i32, NaiveDate)>,
    pub logins: Vec<ClientLogin>,
    /// Who looked at this file lately (newest first).
    pub views: Vec<crate::file_views::FileView>,
}

#[server(prefix = "/api", endpoint = "list_clients", output = crate::wire::Json)]
pub async fn list_clients(
    #[server(default)] search: String,
    #[server(default)] municipality_id: Option<MunicipalityId>,
    #[server(default)] kind: Option<ClientKind>,
) -> Result<Vec<ClientLine>, AppError> {
    crate::read_case!(service::list_clients, search, municipality_id, kind)
}

/// A gebruiker whose confirmed prestaties wait for cheques (the bemiddelaar's review).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwingClient {
    pub client_id: ClientId,
    pub client_number: String,
    pub name: String,
    pub entries: i64,
    pub cheques: i64,
}

#[server(prefix = "/api", endpoint = "waiting_for_cheques", output = crate::wire::Json)]
pub async fn waiting_for_cheques() -> Result<Vec<OwingClient>, AppError> {
    crate::read_case!(service::waiting_for_cheques)
}

#[server(prefix = "/api", endpoint = "client_file", output = crate::wire::Json)]
pub async fn get_client_file(client_id: ClientId) -> Result<ClientFile, AppError> {
    crate::seen_case!(
        crate::file_views::Seen::ClientFile,
        service::client_file,
        client_id
    )
}

#[server(prefix = "/api", endpoint = "create_client", output = crate::wire::Json)]
pub async fn create_client(form: ClientForm) -> Result<ClientId, AppError> {
    crate::write_case!(service::create_client, form)
}

#[server(prefix = "/api", endpoint = "update_client", output = crate::wire::Json)]
pub async fn update_client(client_id: ClientId, form: ClientForm) -> Result<(), AppError> {
    crate::write_case!(service::update_client, client_id, form)
}

/// The yearly registration fee of `year` is paid (once per year).
#[server(prefix = "/api", endpoint = "record_fee", output = crate::wire::Json)]
pub async fn record_fee(
    client_id: ClientId,
    year: i32,
    paid_on: NaiveDate,
) -> Result<(), AppError> {
    crate::write_case!(service::record_fee, client_id, year, paid_on)
}

/// A login for one more person of the gebruiker: the activation code to hand over.
#[server(prefix = "/api", endpoint = "add_client_login", output = crate::wire::Json)]
pub async fn add_client_login(
    client_id: ClientId,
    email: String,
    name: String,
) -> Result<crate::auth::ActivationCode, AppError> {
    crate::write_case!(service::add_client_login, client_id, email, name)
}
