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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientOverview {
    pub name: String,
    pub cheque_balance: i64,
    pub pending: Vec<PendingEntry>,
    pub recent: Vec<EntryLine>,
}

#[server(prefix = "/api", endpoint = "client_overview")]
pub async fn get_client_overview() -> Result<ClientOverview, AppError> {
    crate::read_case!(service::overview)
}
