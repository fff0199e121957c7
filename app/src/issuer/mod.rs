//! What the organisation learns from and sends to the issuer of the wijk-werkcheques
//! (shared/DOMAIN.md: the issuer sells the cheques to the gebruikers, not the organisation):
//! the issuer's statement of what each gebruiker bought, imported as batches; the paper cheques
//! the workers hand in, recorded per prestatie and sent monthly on a hand-in list (bordereau);
//! what the issuer paid the organisation beside what it should have (reconciliation).

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::EntryId;

pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod statement;
#[cfg(feature = "ssr")]
pub mod store;

pub use rules::{LineProblem, Mapping};

/// A statement's file as uploaded, for choosing its columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadView {
    pub id: i64,
    pub file_name: String,
    pub header: Vec<String>,
    /// The first lines under the header, to recognise the columns by.
    pub sample: Vec<Vec<String>>,
    pub lines: usize,
    /// What the header suggests (the plain format's names).
    pub mapping: Mapping,
    /// This very file was imported before (its hash): importing it again adds nothing.
    pub imported_at: Option<DateTime<Utc>>,
}

/// What importing a statement did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// Every line became a batch (those whose reference was imported before excepted).
    Imported {
        batches: i64,
        cheques: i64,
        /// Lines whose issuer's reference was imported before: left out.
        known: i64,
        /// Prestaties that waited for cheques and are paid now.
        settled: i64,
    },
    /// Nothing of the file was applied: the lines that are wrong, by their number in the file.
    Refused { problems: Vec<(usize, LineProblem)> },
    /// The same file was imported before: nothing added.
    AlreadyImported { imported_at: DateTime<Utc> },
}

#[server(prefix = "/api", endpoint = "statement_upload", output = crate::wire::Json)]
pub async fn statement_upload(upload_id: i64) -> Result<UploadView, AppError> {
    crate::read_case!(service::upload_view, upload_id)
}

/// Import an uploaded statement with the columns chosen (0-based; -1: not in the file).
#[server(prefix = "/api", endpoint = "import_statement", output = crate::wire::Json)]
pub async fn import_statement(
    upload_id: i64,
    date: i64,
    client_number: i64,
    cheques: i64,
    price: i64,
    valid_until: i64,
    reference: i64,
) -> Result<ImportOutcome, AppError> {
    let column = |i: i64| usize::try_from(i).ok();
    let mapping = Mapping {
        date: column(date).ok_or(AppError::Invalid(crate::error::Field::Form))?,
        client_number: column(client_number).ok_or(AppError::Invalid(crate::error::Field::Form))?,
        cheques: column(cheques).ok_or(AppError::Invalid(crate::error::Field::Form))?,
        price: column(price).ok_or(AppError::Invalid(crate::error::Field::Form))?,
        valid_until: column(valid_until),
        reference: column(reference),
    };
    crate::write_case!(service::import, upload_id, mapping)
}

/// A prestatie confirmed and waiting for cheques: paper cheques handed in can pay it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WaitingEntry {
    pub id: EntryId,
    pub work_date: NaiveDate,
    pub worker_name: String,
    pub client_name: String,
    pub minutes: i64,
    pub cheques_owed: i64,
}

/// The paper cheques that paid a prestatie of the organisation: their numbers (typed or
/// scanned), exactly as many as it waits for; by a bemiddelaar.
#[server(prefix = "/api", endpoint = "record_paper_cheques", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn record_paper_cheques(entry_id: EntryId, numbers: Vec<String>) -> Result<(), AppError> {
    crate::write_case!(service::record_paper, entry_id, numbers)
}

/// The same by the worker, for an own prestatie, on the phone.
#[server(prefix = "/api", endpoint = "record_my_paper_cheques", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn record_my_paper_cheques(
    entry_id: EntryId,
    numbers: Vec<String>,
) -> Result<(), AppError> {
    crate::write_case!(service::record_my_paper, entry_id, numbers)
}

/// One paper cheque on a hand-in list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PaperLine {
    pub number: String,
    pub work_date: NaiveDate,
    pub worker_name: String,
    pub client_name: String,
    pub client_number: String,
    pub price_cents: i64,
}

/// The hand-in list (bordereau) of a month: the paper cheques recorded in it, to send to the
/// issuer; closed once sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandIn {
    pub organisation: String,
    /// The month's first day.
    pub month: NaiveDate,
    pub lines: Vec<PaperLine>,
    pub cheques: i64,
    pub amount_cents: i64,
    pub closed_at: Option<DateTime<Utc>>,
    /// It can be closed: the month is over and it is still open.
    pub closable: bool,
}

/// Close a month's hand-in list (it was sent to the issuer).
#[server(prefix = "/api", endpoint = "close_hand_in", output = crate::wire::Json)]
pub async fn close_hand_in(month: String) -> Result<(), AppError> {
    crate::write_case!(service::close_hand_in, month)
}

/// What the issuer should pay the organisation for a month, beside what it paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    pub month: NaiveDate,
    /// Electronic cheques that paid prestaties that month (less those refunded), and their
    /// value at the price of their batches.
    pub electronic_cheques: i64,
    pub electronic_cents: i64,
    /// The paper cheques on that month's hand-in list.
    pub paper_cheques: i64,
    pub paper_cents: i64,
    pub should_cents: i64,
    pub paid_cents: i64,
    /// Paid less should: below zero, the issuer still owes it.
    pub difference_cents: i64,
}

/// What the issuer paid the organisation for a month (from its payment notice).
#[server(prefix = "/api", endpoint = "record_issuer_payment", output = crate::wire::Json)]
pub async fn record_issuer_payment(
    month: String,
    amount: String,
    paid_on: NaiveDate,
    reference: String,
) -> Result<(), AppError> {
    crate::write_case!(
        service::record_issuer_payment,
        month,
        amount,
        paid_on,
        reference
    )
}

/// One statement imported before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ImportLine {
    pub file_name: String,
    pub lines: i64,
    pub cheques: i64,
    pub imported_at: DateTime<Utc>,
}

/// The bemiddelaar's Cheques page: prestaties waiting for cheques, this month's and last
/// month's hand-in list, the reconciliation of the last months, the statements imported and
/// the orders that extended validity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequesDesk {
    pub waiting: Vec<WaitingEntry>,
    pub hand_ins: Vec<HandIn>,
    pub reconciliation: Vec<Reconciliation>,
    pub imports: Vec<ImportLine>,
    pub extensions: Vec<crate::cheques::ExtensionLine>,
    pub today: NaiveDate,
}

#[server(prefix = "/api", endpoint = "cheques_desk", output = crate::wire::Json)]
pub async fn get_cheques_desk() -> Result<ChequesDesk, AppError> {
    crate::read_case!(service::desk)
}
