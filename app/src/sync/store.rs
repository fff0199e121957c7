//! SQL for the `sync_action` table: the phone's actions, one row per UUID.

use chrono::{DateTime, Utc};

use super::{Action, ActionId, ActionResult, RefusedAction};
use crate::db::DbConn;
use crate::error::AppError;
use crate::ids::{AccountId, EntryId, OrganisationId, WorkerId};
use crate::on;

/// A delivered action, as a replay finds it.
#[derive(Clone, Debug)]
pub struct Delivered {
    pub id: ActionId,
    pub account_id: AccountId,
    pub entry_id: Option<EntryId>,
    pub problem: Option<AppError>,
}

impl Delivered {
    pub fn result(self) -> ActionResult {
        ActionResult {
            id: self.id,
            entry_id: self.entry_id,
            problem: self.problem,
        }
    }
}

/// A stored refusal that no longer reads (an error the code no longer has) is still a refusal.
fn problem_from(text: Option<String>) -> Option<AppError> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(AppError::Unavailable))
}

#[derive(sqlx::FromRow)]
struct DeliveredRow {
    account_id: AccountId,
    entry_id: Option<EntryId>,
    problem: Option<String>,
}

pub async fn find(c: DbConn<'_>, id: ActionId) -> Result<Option<Delivered>, sqlx::Error> {
    const SQL: &str = "SELECT account_id, entry_id, problem FROM sync_action WHERE id = $1";
    let row: Option<DeliveredRow> = on!(c, c => sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|r| Delivered {
        id,
        account_id: r.account_id,
        entry_id: r.entry_id,
        problem: problem_from(r.problem),
    }))
}

pub struct NewRecord<'a> {
    pub organisation_id: OrganisationId,
    pub account_id: AccountId,
    pub worker_id: WorkerId,
    pub action: &'a Action,
    pub phone_offset_ms: i64,
    pub tapped_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub entry_id: Option<EntryId>,
    pub problem: Option<&'a AppError>,
}

pub async fn insert(c: DbConn<'_>, r: &NewRecord<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO sync_action (id, organisation_id, account_id, worker_id, \
        kind, payload, phone_tapped_at_ms, phone_offset_ms, tapped_at, received_at, outcome, \
        problem, entry_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    let payload = serde_json::to_string(r.action).unwrap_or_default();
    let problem = r
        .problem
        .map(|p| serde_json::to_string(p).unwrap_or_default());
    let outcome = if problem.is_some() {
        "refused"
    } else {
        "applied"
    };
    on!(c, c => sqlx::query(SQL)
        .bind(r.action.id.to_string())
        .bind(r.organisation_id)
        .bind(r.account_id)
        .bind(r.worker_id)
        .bind(r.action.kind.name())
        .bind(&payload)
        .bind(r.action.tapped_at_ms)
        .bind(r.phone_offset_ms)
        .bind(r.tapped_at)
        .bind(r.received_at)
        .bind(outcome)
        .bind(&problem)
        .bind(r.entry_id)
        .execute(c)
        .await
        .map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct RefusedRow {
    id: String,
    worker_name: String,
    kind: String,
    tapped_at: DateTime<Utc>,
    received_at: DateTime<Utc>,
    problem: Option<String>,
}

/// The organisation's refused actions nobody reviewed yet, oldest first.
pub async fn refused_for_review(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<RefusedAction>, sqlx::Error> {
    const SQL: &str = "SELECT s.id, w.first_name || ' ' || w.last_name AS worker_name, s.kind, \
        s.tapped_at, s.received_at, s.problem \
        FROM sync_action s JOIN worker w ON w.id = s.worker_id \
        WHERE s.organisation_id = $1 AND s.outcome = 'refused' AND s.reviewed_at IS NULL \
        ORDER BY s.received_at, s.id";
    let rows: Vec<RefusedRow> =
        on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(RefusedAction {
                id: ActionId(r.id.parse().ok()?),
                worker_name: r.worker_name,
                kind: r.kind,
                tapped_at_ms: r.tapped_at.timestamp_millis(),
                received_at_ms: r.received_at.timestamp_millis(),
                problem: problem_from(r.problem).unwrap_or(AppError::Unavailable),
            })
        })
        .collect())
}

/// A bemiddelaar handled a refused action of the organisation (it leaves the queue). False
/// when there is no such action to handle (another organisation's, or handled already).
pub async fn mark_handled(
    c: DbConn<'_>,
    id: ActionId,
    organisation_id: OrganisationId,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE sync_action SET reviewed_at = $3, reviewed_by = $4 \
        WHERE id = $1 AND organisation_id = $2 AND outcome = 'refused' AND reviewed_at IS NULL";
    on!(c, c => sqlx::query(SQL)
        .bind(id.to_string())
        .bind(organisation_id)
        .bind(now)
        .bind(by)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// Every delivered action of a worker, for tests: (id, kind, tapped_at, outcome).
pub async fn all_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
) -> Result<Vec<(String, String, DateTime<Utc>, String)>, sqlx::Error> {
    const SQL: &str = "SELECT id, kind, tapped_at, outcome FROM sync_action \
        WHERE worker_id = $1 ORDER BY tapped_at, id";
    on!(c, c => sqlx::query_as(SQL).bind(worker_id).fetch_all(c).await)
}
