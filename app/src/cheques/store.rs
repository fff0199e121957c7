//! SQL for the tables of the cheques: `cheque_batch` (purchases), `cheque_ledger` (every change
//! of a balance) and `cheque_use` (which batches paid a prestatie). All three are append-only.

use chrono::{DateTime, NaiveDate, Utc};

use super::{BatchLine, LedgerLine, LedgerReason};
use crate::db::DbConn;
use crate::ids::{AccountId, BatchId, ClientId, EntryId, OrganisationId};
use crate::on;

pub async fn balance(c: DbConn<'_>, client_id: ClientId) -> Result<i64, sqlx::Error> {
    const SQL: &str =
        "SELECT CAST(COALESCE(SUM(change), 0) AS BIGINT) FROM cheque_ledger WHERE client_id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(client_id).fetch_one(c).await)
}

/// What is left of a batch: bought, less what paid prestaties, expired or was reversed.
const REMAINING: &str = "b.cheques \
    - COALESCE((SELECT SUM(u.cheques) FROM cheque_use u WHERE u.batch_id = b.id), 0) \
    + COALESCE((SELECT SUM(l.change) FROM cheque_ledger l \
        WHERE l.batch_id = b.id AND l.reason IN ('expired', 'reversal')), 0)";

/// The gebruiker's batches, oldest first, with what is left of each.
pub async fn batches(c: DbConn<'_>, client_id: ClientId) -> Result<Vec<BatchLine>, sqlx::Error> {
    let sql = format!(
        "SELECT b.id, b.bought_on, b.cheques, b.price_cents, b.valid_until, \
           CAST({REMAINING} AS BIGINT) AS remaining, \
           CAST(COALESCE((SELECT -SUM(l.change) FROM cheque_ledger l \
             WHERE l.batch_id = b.id AND l.reason = 'expired'), 0) AS BIGINT) AS expired, \
           CAST(COALESCE((SELECT -SUM(l.change) FROM cheque_ledger l \
             WHERE l.batch_id = b.id AND l.reason = 'reversal'), 0) AS BIGINT) AS reversed \
         FROM cheque_batch b WHERE b.client_id = $1 ORDER BY b.bought_on, b.id"
    );
    on!(c, c => sqlx::query_as(&sql).bind(client_id).fetch_all(c).await)
}

/// Batches past their last day with cheques left and no expiry row yet: (batch, gebruiker,
/// organisation). For the daily job.
pub async fn expiring(
    c: DbConn<'_>,
    today: NaiveDate,
) -> Result<Vec<(BatchId, ClientId, OrganisationId)>, sqlx::Error> {
    let sql = format!(
        "SELECT b.id, b.client_id, b.organisation_id FROM cheque_batch b \
         WHERE b.valid_until < $1 AND {REMAINING} > 0 \
           AND NOT EXISTS (SELECT 1 FROM cheque_ledger l \
             WHERE l.batch_id = b.id AND l.reason = 'expired') \
         ORDER BY b.client_id, b.id"
    );
    on!(c, c => sqlx::query_as(&sql).bind(today).fetch_all(c).await)
}

pub struct NewBatch {
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub bought_on: NaiveDate,
    pub cheques: i64,
    pub price_cents: i64,
    pub valid_until: NaiveDate,
    pub created_by: Option<AccountId>,
    /// From an issuer's statement: the import, and the line's reference when it has one.
    pub import_id: Option<i64>,
    pub reference: Option<String>,
}

pub async fn insert_batch(
    c: DbConn<'_>,
    b: &NewBatch,
    now: DateTime<Utc>,
) -> Result<BatchId, sqlx::Error> {
    const SQL: &str = "INSERT INTO cheque_batch (organisation_id, client_id, bought_on, cheques, \
        price_cents, valid_until, created_by, created_at, import_id, reference) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(b.organisation_id)
        .bind(b.client_id)
        .bind(b.bought_on)
        .bind(b.cheques)
        .bind(b.price_cents)
        .bind(b.valid_until)
        .bind(b.created_by)
        .bind(now)
        .bind(b.import_id)
        .bind(&b.reference)
        .fetch_one(c)
        .await)
}

/// One ledger row: a purchase, expiry or reversal names its batch; the payment of a prestatie
/// names the prestatie (at most once each) and its batches in `cheque_use`.
pub struct Change {
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub change: i64,
    pub reason: LedgerReason,
    pub time_entry_id: Option<EntryId>,
    pub batch_id: Option<BatchId>,
    pub created_by: Option<AccountId>,
}

pub async fn append(c: DbConn<'_>, ch: Change, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    // A payment or refund belongs to the prestatie's revision of the moment.
    const SQL: &str = "INSERT INTO cheque_ledger \
        (organisation_id, client_id, change, reason, time_entry_id, batch_id, created_by, \
         created_at, revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         COALESCE((SELECT revision FROM time_entry WHERE id = $5), 0)) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(ch.organisation_id)
        .bind(ch.client_id)
        .bind(ch.change)
        .bind(ch.reason)
        .bind(ch.time_entry_id)
        .bind(ch.batch_id)
        .bind(ch.created_by)
        .bind(now)
        .fetch_one(c)
        .await)
}

/// `cheques` of `batch_id` paid the ledger row `ledger_id`.
pub async fn record_use(
    c: DbConn<'_>,
    ledger_id: i64,
    batch_id: BatchId,
    cheques: i64,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO cheque_use (ledger_id, batch_id, cheques) VALUES ($1, $2, $3)";
    on!(c, c => sqlx::query(SQL).bind(ledger_id).bind(batch_id).bind(cheques).execute(c).await
        .map(|_| ()))
}

/// The payment of the prestatie's current revision not refunded yet: (ledger row, cheques).
pub async fn standing_payment(
    c: DbConn<'_>,
    time_entry_id: EntryId,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT l.id, -l.change FROM cheque_ledger l \
        JOIN time_entry e ON e.id = l.time_entry_id AND e.revision = l.revision \
        WHERE l.time_entry_id = $1 AND l.reason = 'prestatie' \
          AND NOT EXISTS (SELECT 1 FROM cheque_ledger r WHERE r.time_entry_id = l.time_entry_id \
            AND r.revision = l.revision AND r.reason = 'refund')";
    on!(c, c => sqlx::query_as(SQL).bind(time_entry_id).fetch_optional(c).await)
}

/// The refund `refund_id` gives back to each batch what the payment `payment_id` took from it.
pub async fn return_uses(
    c: DbConn<'_>,
    refund_id: i64,
    payment_id: i64,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO cheque_use (ledger_id, batch_id, cheques) \
        SELECT $1, batch_id, -cheques FROM cheque_use WHERE ledger_id = $2";
    on!(c, c => sqlx::query(SQL).bind(refund_id).bind(payment_id).execute(c).await.map(|_| ()))
}

/// How many ledger rows pay this prestatie (0 or 1; tests use it to prove "never twice").
pub async fn payments_for_entry(c: DbConn<'_>, time_entry_id: EntryId) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM cheque_ledger WHERE time_entry_id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(time_entry_id).fetch_one(c).await)
}

/// The gebruiker's ledger, newest first: what changed the balance, and for a payment which
/// prestatie (its day, the worker's first name).
pub async fn history(
    c: DbConn<'_>,
    client_id: ClientId,
    limit: i64,
) -> Result<Vec<LedgerLine>, sqlx::Error> {
    const SQL: &str = "SELECT l.id, l.created_at, l.change, l.reason, l.time_entry_id, \
        e.work_date, w.first_name AS worker_name, b.bought_on \
        FROM cheque_ledger l \
        LEFT JOIN time_entry e ON e.id = l.time_entry_id \
        LEFT JOIN worker w ON w.id = e.worker_id \
        LEFT JOIN cheque_batch b ON b.id = l.batch_id \
        WHERE l.client_id = $1 ORDER BY l.id DESC LIMIT $2";
    on!(c, c => sqlx::query_as(SQL).bind(client_id).bind(limit).fetch_all(c).await)
}

/// The prestaties the gebruiker paid in [from, until): when, which work, how many cheques and
/// what was paid for them (each cheque at its batch's price). The fiscal attest and its CSV.
/// A refund (a prestatie corrected or rejected after payment) is a line with a negative
/// count and amount, so the totals are what the gebruiker paid in the end.
pub async fn paid_between(
    c: DbConn<'_>,
    client_id: ClientId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<super::PaidLine>, sqlx::Error> {
    const SQL: &str = "SELECT l.created_at AS paid_at, e.work_date, w.first_name AS worker_name, \
        act.name AS activity, e.minutes, -l.change AS cheques, \
        CAST(SUM(u.cheques * b.price_cents) AS BIGINT) AS amount_cents \
        FROM cheque_ledger l \
        JOIN time_entry e ON e.id = l.time_entry_id \
        JOIN worker w ON w.id = e.worker_id \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN activity act ON act.id = a.activity_id \
        JOIN cheque_use u ON u.ledger_id = l.id \
        JOIN cheque_batch b ON b.id = u.batch_id \
        WHERE l.client_id = $1 AND l.reason IN ('prestatie', 'refund') \
          AND l.created_at >= $2 AND l.created_at < $3 \
        GROUP BY l.id, l.created_at, e.work_date, w.first_name, act.name, e.minutes, l.change \
        ORDER BY l.created_at, l.id";
    on!(c, c => sqlx::query_as(SQL).bind(client_id).bind(from).bind(until).fetch_all(c).await)
}

/// The first year the gebruiker paid a prestatie (None before the first).
pub async fn first_payment(
    c: DbConn<'_>,
    client_id: ClientId,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    const SQL: &str =
        "SELECT MIN(created_at) FROM cheque_ledger WHERE client_id = $1 AND reason = 'prestatie'";
    on!(c, c => sqlx::query_scalar(SQL).bind(client_id).fetch_one(c).await)
}

/// The organisation's orders that extend the validity of cheques, oldest first.
pub async fn extensions(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<super::rules::Extension>, sqlx::Error> {
    const SQL: &str = "SELECT issued_up_to, valid_months FROM validity_extension \
        WHERE organisation_id = $1 ORDER BY created_at, id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

/// Every order, with why and when it was recorded, newest first.
pub async fn extension_list(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<super::ExtensionLine>, sqlx::Error> {
    const SQL: &str = "SELECT issued_up_to, valid_months, reason, created_at \
        FROM validity_extension WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

pub async fn insert_extension(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    e: &super::rules::Extension,
    reason: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO validity_extension (organisation_id, issued_up_to, \
        valid_months, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation_id)
        .bind(e.issued_up_to)
        .bind(e.valid_months)
        .bind(reason)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}
