//! The audit trail: who did what to which record. Append-only (the database refuses updates).

use crate::db::DbConn;
use crate::on;

pub struct Event<'a> {
    pub organisation_id: i64,
    pub account_id: Option<i64>,
    pub action: &'a str,
    pub subject: &'a str,
    pub subject_id: Option<i64>,
    pub detail: String,
}

pub async fn record(c: DbConn<'_>, e: Event<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO audit_event \
        (organisation_id, account_id, action, subject, subject_id, detail, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let now = crate::clock::now();
    on!(c, c => sqlx::query(SQL)
        .bind(e.organisation_id)
        .bind(e.account_id)
        .bind(e.action)
        .bind(e.subject)
        .bind(e.subject_id)
        .bind(&e.detail)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The actions of one organisation, newest first (for tests and, later, the coordinator).
pub async fn actions(c: DbConn<'_>, organisation_id: i64) -> Result<Vec<String>, sqlx::Error> {
    const SQL: &str = "SELECT action FROM audit_event WHERE organisation_id = $1 ORDER BY id DESC";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).fetch_all(c).await)
}
