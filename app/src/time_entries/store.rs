//! SQL for the `time_entry` table.

use chrono::{DateTime, NaiveDate, Utc};

use super::{EntryLine, EntrySource, EntryStatus};
use crate::db::DbConn;
use crate::ids::{AccountId, AssignmentId, ClientId, EntryId, OrganisationId, WorkerId};
use crate::on;

const LINE: &str = "SELECT e.id, e.work_date, c.name AS client_name, w.first_name AS worker_name, \
    act.name AS activity, e.minutes, e.status \
    FROM time_entry e \
    JOIN assignment a ON a.id = e.assignment_id \
    JOIN client c ON c.id = a.client_id \
    JOIN worker w ON w.id = e.worker_id \
    JOIN activity act ON act.id = a.activity_id";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: EntryId,
    pub organisation_id: OrganisationId,
    pub assignment_id: AssignmentId,
    pub worker_id: WorkerId,
    pub client_id: ClientId,
    pub work_date: NaiveDate,
    pub started_at: DateTime<Utc>,
    pub minutes: Option<i64>,
    pub status: EntryStatus,
}

const ENTRY: &str = "SELECT e.id, e.organisation_id, e.assignment_id, e.worker_id, a.client_id, \
    e.work_date, e.started_at, e.minutes, e.status \
    FROM time_entry e JOIN assignment a ON a.id = e.assignment_id";

pub async fn running_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.worker_id = $1 AND e.status = 'running'");
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).fetch_optional(c).await)
}

pub async fn for_worker(
    c: DbConn<'_>,
    entry_id: EntryId,
    worker_id: WorkerId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.id = $1 AND e.worker_id = $2");
    on!(c, c => sqlx::query_as(&sql).bind(entry_id).bind(worker_id).fetch_optional(c).await)
}

pub async fn for_client(
    c: DbConn<'_>,
    entry_id: EntryId,
    client_id: ClientId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.id = $1 AND a.client_id = $2");
    on!(c, c => sqlx::query_as(&sql).bind(entry_id).bind(client_id).fetch_optional(c).await)
}

/// Lines for a list: `filter` uses `$1` (whose list) and the order; `$2` is the limit.
async fn lines(
    c: DbConn<'_>,
    filter: &str,
    id: i64,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let sql = format!("{LINE} WHERE {filter} LIMIT $2");
    on!(c, c => sqlx::query_as(&sql).bind(id).bind(limit).fetch_all(c).await)
}

pub async fn recent_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let filter = "e.worker_id = $1 AND e.status <> 'running' \
        ORDER BY e.work_date DESC, e.started_at DESC";
    lines(c, filter, worker_id.0, limit).await
}

/// The gebruiker's prestaties waiting for confirmation, oldest first.
pub async fn pending_for_client(
    c: DbConn<'_>,
    client_id: ClientId,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let filter = "a.client_id = $1 AND e.status = 'submitted' \
        ORDER BY e.work_date, e.started_at, e.id";
    lines(c, filter, client_id.0, limit).await
}

/// The gebruiker's confirmed or disputed prestaties, most recent work first.
pub async fn decided_for_client(
    c: DbConn<'_>,
    client_id: ClientId,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let filter = "a.client_id = $1 AND e.status IN ('confirmed', 'disputed') \
        ORDER BY e.work_date DESC, e.started_at DESC, e.id DESC";
    lines(c, filter, client_id.0, limit).await
}

pub struct NewEntry {
    pub organisation_id: OrganisationId,
    pub assignment_id: AssignmentId,
    pub worker_id: WorkerId,
    pub work_date: NaiveDate,
    pub started_at: DateTime<Utc>,
    /// `None` for a running clock.
    pub ended_at: Option<DateTime<Utc>>,
    pub minutes: Option<i64>,
    pub status: EntryStatus,
    pub source: EntrySource,
}

pub async fn insert(
    c: DbConn<'_>,
    e: NewEntry,
    now: DateTime<Utc>,
) -> Result<EntryId, sqlx::Error> {
    const SQL: &str = "INSERT INTO time_entry (organisation_id, assignment_id, worker_id, \
        work_date, started_at, ended_at, minutes, status, source, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(e.organisation_id)
        .bind(e.assignment_id)
        .bind(e.worker_id)
        .bind(e.work_date)
        .bind(e.started_at)
        .bind(e.ended_at)
        .bind(e.minutes)
        .bind(e.status)
        .bind(e.source)
        .bind(now)
        .fetch_one(c)
        .await)
}

/// Stop a running entry as `status` (submitted, or held for review). Returns false when it was
/// not running any more.
pub async fn stop(
    c: DbConn<'_>,
    entry_id: EntryId,
    ended_at: DateTime<Utc>,
    minutes: i64,
    status: EntryStatus,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET status = $4, ended_at = $2, minutes = $3 \
        WHERE id = $1 AND status = 'running'";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(ended_at)
        .bind(minutes)
        .bind(status)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// Remove a running entry (a mistaken Start; the audit trail keeps that it happened). Returns
/// false when it was not running any more.
pub async fn delete_running(c: DbConn<'_>, entry_id: EntryId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM time_entry WHERE id = $1 AND status = 'running'";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// Confirm or dispute a submitted entry. Returns false when it was decided already.
pub async fn decide(
    c: DbConn<'_>,
    entry_id: EntryId,
    status: EntryStatus,
    reason: Option<&str>,
    by_account: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET status = $2, dispute_reason = $3, decided_by = $4, \
        decided_at = $5 WHERE id = $1 AND status = 'submitted'";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(status)
        .bind(reason)
        .bind(by_account)
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}
