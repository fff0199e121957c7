//! SQL for the `cheque_ledger` table.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::ids::{AccountId, ClientId, EntryId, OrganisationId};
use crate::on;

crate::text_enum! {
    /// Why the balance changed.
    pub enum LedgerReason {
        Purchase = "purchase",
        /// The payment of a prestatie (the stored word is the users' own).
        EntryPayment = "prestatie",
    }
}

pub async fn balance(c: DbConn<'_>, client_id: ClientId) -> Result<i64, sqlx::Error> {
    const SQL: &str =
        "SELECT CAST(COALESCE(SUM(change), 0) AS BIGINT) FROM cheque_ledger WHERE client_id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(client_id).fetch_one(c).await)
}

/// One ledger row. `time_entry_id` is set for the payment of a prestatie (at most once each).
pub struct Change {
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub change: i64,
    pub time_entry_id: Option<EntryId>,
    pub created_by: Option<AccountId>,
}

pub async fn append(c: DbConn<'_>, ch: Change, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO cheque_ledger \
        (organisation_id, client_id, change, reason, time_entry_id, created_by, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    let reason = if ch.time_entry_id.is_some() {
        LedgerReason::EntryPayment
    } else {
        LedgerReason::Purchase
    };
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(ch.organisation_id)
        .bind(ch.client_id)
        .bind(ch.change)
        .bind(reason)
        .bind(ch.time_entry_id)
        .bind(ch.created_by)
        .bind(now)
        .fetch_one(c)
        .await)
}

/// How many ledger rows pay this prestatie (0 or 1; tests use it to prove "never twice").
pub async fn payments_for_entry(c: DbConn<'_>, time_entry_id: EntryId) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM cheque_ledger WHERE time_entry_id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(time_entry_id).fetch_one(c).await)
}
