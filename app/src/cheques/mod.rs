//! Wijk-werkcheques: prepaid, one pays one hour. Bought in dated batches (valid 12 months), kept
//! as an append-only ledger per gebruiker whose sum is the balance; a payment takes the oldest
//! valid cheques first (see `rules.rs` and the README's *Cheque rules*).

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{BatchId, ClientId, EntryId};

#[cfg(feature = "ssr")]
pub mod attest;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

crate::text_enum! {
    /// Why the balance changed.
    pub enum LedgerReason {
        Purchase = "purchase",
        /// The payment of a prestatie (the stored word is the users' own).
        EntryPayment = "prestatie",
        /// What was left of a batch at the end of its year.
        Expired = "expired",
        /// A purchase recorded by mistake, undone.
        Reversal = "reversal",
        /// A prestatie's payment given back (it was corrected or rejected after payment).
        Refund = "refund",
    }
}

/// One batch as the gebruiker and the bemiddelaar see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BatchLine {
    pub id: BatchId,
    pub bought_on: NaiveDate,
    pub cheques: i64,
    pub price_cents: i64,
    /// The last day it can pay.
    pub valid_until: NaiveDate,
    pub remaining: i64,
    pub expired: i64,
    pub reversed: i64,
}

impl BatchLine {
    pub fn rule(&self) -> rules::Batch {
        rules::Batch {
            id: self.id.0,
            bought_on: self.bought_on,
            valid_until: self.valid_until,
            remaining: self.remaining,
        }
    }

    /// Nothing of it used, expired or reversed: a purchase recorded by mistake can be undone.
    pub fn untouched(&self) -> bool {
        self.remaining == self.cheques
    }
}

/// An order that extended the validity of cheques, as the bemiddelaar recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ExtensionLine {
    pub issued_up_to: NaiveDate,
    pub valid_months: i64,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// One change of the balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LedgerLine {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub change: i64,
    pub reason: LedgerReason,
    pub time_entry_id: Option<EntryId>,
    /// For a payment: the prestatie's day and worker.
    pub work_date: Option<NaiveDate>,
    pub worker_name: Option<String>,
    /// For a purchase, expiry or reversal: the day the batch was bought.
    pub bought_on: Option<NaiveDate>,
}

/// A prestatie paid with cheques, for the fiscal attest and the year's CSV.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PaidLine {
    pub paid_at: DateTime<Utc>,
    pub work_date: NaiveDate,
    pub worker_name: String,
    pub activity: String,
    pub minutes: Option<i64>,
    pub cheques: i64,
    pub amount_cents: i64,
}

/// A gebruiker's cheques: the balance, the batches and the latest changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    pub client_id: ClientId,
    /// The server's Brussels day (what has expired is judged on it).
    pub today: NaiveDate,
    pub balance: i64,
    /// The organisation's price of one cheque today (what a purchase now costs).
    pub price_cents: i64,
    pub batches: Vec<BatchLine>,
    pub history: Vec<LedgerLine>,
    /// Private persons: the years with a fiscal attest (this year first).
    pub attest_years: Vec<i32>,
}

/// The gebruiker's own cheques.
#[server(prefix = "/api", endpoint = "my_cheques", output = crate::wire::Json)]
pub async fn my_cheques() -> Result<Wallet, AppError> {
    crate::read_case!(service::my_wallet)
}

/// A gebruiker's cheques, for the bemiddelaar.
#[server(prefix = "/api", endpoint = "client_cheques", output = crate::wire::Json)]
pub async fn client_cheques(client_id: ClientId) -> Result<Wallet, AppError> {
    crate::seen_case!(
        crate::file_views::Seen::ClientCheques,
        service::client_wallet,
        client_id
    )
}

/// The bemiddelaar records a purchase after the gebruiker paid: `cheques` at the
/// organisation's price, paid on `paid_on` (a Brussels day, not in the future). Prestaties that
/// waited for cheques are paid from it at once, the longest waiting first.
#[server(prefix = "/api", endpoint = "record_purchase", output = crate::wire::Json)]
pub async fn record_purchase(
    client_id: ClientId,
    cheques: i64,
    paid_on: NaiveDate,
) -> Result<Purchased, AppError> {
    crate::write_case!(service::record_purchase, client_id, cheques, paid_on)
}

/// What a purchase did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purchased {
    pub batch_id: BatchId,
    /// Prestaties that waited for cheques and are paid now.
    pub settled: i64,
    pub balance: i64,
}

/// A purchase recorded by mistake, undone by a reversing row (only while none of it was used).
#[server(prefix = "/api", endpoint = "undo_purchase", output = crate::wire::Json)]
pub async fn undo_purchase(client_id: ClientId, batch_id: BatchId) -> Result<(), AppError> {
    crate::write_case!(service::undo_purchase, client_id, batch_id)
}

/// An order that extends the validity of the cheques issued up to a day (13 to 36 months from
/// issue), with its reference.
#[server(prefix = "/api", endpoint = "extend_validity", output = crate::wire::Json)]
pub async fn extend_validity(
    issued_up_to: NaiveDate,
    valid_months: i64,
    reason: String,
) -> Result<(), AppError> {
    crate::write_case!(service::extend_validity, issued_up_to, valid_months, reason)
}
