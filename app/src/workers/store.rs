//! SQL for the `worker` table.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{DbConn, Owner};
use crate::ids::{AccountId, MunicipalityId, OrganisationId, WorkerId};
use crate::on;
use crate::rules::{Trajectory, Usage};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Worker {
    pub id: WorkerId,
    pub organisation_id: OrganisationId,
    pub municipality_id: MunicipalityId,
    pub first_name: String,
    pub last_name: String,
    pub trajectory_start: NaiveDate,
    pub trajectory_planned_end: NaiveDate,
    pub ex_pwa: bool,
    pub ended_on: Option<NaiveDate>,
}

impl Worker {
    pub fn trajectory(&self) -> Trajectory {
        Trajectory {
            start: self.trajectory_start,
            planned_end: self.trajectory_planned_end,
            ex_pwa: self.ex_pwa,
            ended_on: self.ended_on,
        }
    }
}

pub async fn by_id(c: DbConn<'_>, id: WorkerId) -> Result<Option<Worker>, sqlx::Error> {
    const SQL: &str = "SELECT id, organisation_id, municipality_id, first_name, last_name, \
        trajectory_start, trajectory_planned_end, ex_pwa, ended_on FROM worker WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)
}

/// Lock the worker's row for the rest of the transaction: hours and clock are checked and
/// written by one transaction at a time (see `db.rs`).
pub async fn lock(c: DbConn<'_>, id: WorkerId) -> Result<(), sqlx::Error> {
    crate::db::lock_known_owner(c, Owner::Worker, id.0).await
}

pub struct NewWorker<'a> {
    pub organisation_id: OrganisationId,
    pub account_id: AccountId,
    pub municipality_id: MunicipalityId,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone: Option<&'a str>,
    pub trajectory_start: NaiveDate,
    pub trajectory_planned_end: NaiveDate,
    pub ex_pwa: bool,
    pub referrer: super::Referrer,
}

pub async fn insert(
    c: DbConn<'_>,
    w: NewWorker<'_>,
    now: DateTime<Utc>,
) -> Result<WorkerId, sqlx::Error> {
    const SQL: &str = "INSERT INTO worker (organisation_id, account_id, municipality_id, \
        first_name, last_name, phone, trajectory_start, trajectory_planned_end, ex_pwa, referrer, \
        created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(w.organisation_id)
        .bind(w.account_id)
        .bind(w.municipality_id)
        .bind(w.first_name)
        .bind(w.last_name)
        .bind(w.phone)
        .bind(w.trajectory_start)
        .bind(w.trajectory_planned_end)
        .bind(w.ex_pwa)
        .bind(w.referrer)
        .bind(now)
        .fetch_one(c)
        .await)
}

/// What the worker has worked in the month and the year of `day`: the minutes that count
/// against the limits (`EntryStatus::counts_against_limits`). A disputed prestatie still counts
/// until a bemiddelaar settles it (the safe side of the law); a held one only once settled.
pub async fn usage(
    c: DbConn<'_>,
    worker_id: WorkerId,
    day: NaiveDate,
) -> Result<Usage, sqlx::Error> {
    let (m0, m1) = crate::rules::month_bounds(day);
    let (y0, y1) = crate::rules::year_bounds(day);
    // One statement, so both sums see the same snapshot.
    let sql = format!(
        "SELECT \
           CAST(COALESCE(SUM(CASE WHEN work_date >= $2 AND work_date < $3 THEN minutes END), 0) AS BIGINT), \
           CAST(COALESCE(SUM(minutes), 0) AS BIGINT) \
         FROM time_entry WHERE worker_id = $1 AND work_date >= $4 AND work_date < $5 \
           AND status IN {counted}",
        counted = crate::time_entries::EntryStatus::COUNTED_SQL
    );
    let (month_minutes, year_minutes): (i64, i64) = on!(c, c => sqlx::query_as(&sql)
        .bind(worker_id)
        .bind(m0)
        .bind(m1)
        .bind(y0)
        .bind(y1)
        .fetch_one(c)
        .await)?;
    Ok(Usage {
        month_minutes,
        year_minutes,
    })
}

/// A worker's row as the coordinator's page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: WorkerId,
    pub organisation_id: OrganisationId,
    pub account_id: AccountId,
    pub email: String,
    pub account_active: bool,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub municipality_id: MunicipalityId,
    pub municipality: String,
    pub referrer: super::Referrer,
    pub trajectory_start: NaiveDate,
    pub trajectory_planned_end: NaiveDate,
    pub ex_pwa: bool,
    pub ended_on: Option<NaiveDate>,
    pub outcome: Option<super::Outcome>,
}

pub async fn file(c: DbConn<'_>, id: WorkerId) -> Result<Option<FileRow>, sqlx::Error> {
    const SQL: &str = "SELECT w.id, w.organisation_id, w.account_id, a.email, \
        a.active AS account_active, w.first_name, w.last_name, w.phone, w.municipality_id, \
        m.name AS municipality, w.referrer, w.trajectory_start, w.trajectory_planned_end, \
        w.ex_pwa, w.ended_on, w.outcome \
        FROM worker w JOIN account a ON a.id = w.account_id \
        JOIN municipality m ON m.id = w.municipality_id WHERE w.id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LineRow {
    pub id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub municipality: String,
    pub trajectory_planned_end: NaiveDate,
    pub ended: bool,
    pub waiting_for_activation: bool,
}

/// The organisation's workers by last and first name. `search` (lower case, may be empty)
/// matches the name or the e-mail; `ended`: `None` for all.
pub async fn list(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    search: &str,
    municipality_id: Option<MunicipalityId>,
    ended: Option<bool>,
) -> Result<Vec<LineRow>, sqlx::Error> {
    const SQL: &str = "SELECT w.id, w.first_name, w.last_name, m.name AS municipality, \
        w.trajectory_planned_end, (w.ended_on IS NOT NULL) AS ended, \
        EXISTS (SELECT 1 FROM activation_code ac WHERE ac.account_id = w.account_id) \
          AS waiting_for_activation \
        FROM worker w JOIN account a ON a.id = w.account_id \
        JOIN municipality m ON m.id = w.municipality_id \
        WHERE w.organisation_id = $1 \
          AND ($2 = '' OR lower(w.first_name || ' ' || w.last_name) LIKE '%' || $2 || '%' \
               OR a.email LIKE '%' || $2 || '%') \
          AND ($3 IS NULL OR w.municipality_id = $3) \
          AND ($4 IS NULL OR (w.ended_on IS NOT NULL) = $4) \
        ORDER BY lower(w.last_name), lower(w.first_name), w.id";
    on!(c, c => sqlx::query_as(SQL)
        .bind(organisation_id)
        .bind(search)
        .bind(municipality_id)
        .bind(ended)
        .fetch_all(c)
        .await)
}

pub struct Change<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone: Option<&'a str>,
    pub municipality_id: MunicipalityId,
    pub referrer: super::Referrer,
    pub trajectory_start: NaiveDate,
    pub trajectory_planned_end: NaiveDate,
    pub ex_pwa: bool,
}

pub async fn update(c: DbConn<'_>, id: WorkerId, w: Change<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE worker SET first_name = $2, last_name = $3, phone = $4, \
        municipality_id = $5, referrer = $6, trajectory_start = $7, \
        trajectory_planned_end = $8, ex_pwa = $9 WHERE id = $1";
    on!(c, c => sqlx::query(SQL)
        .bind(id)
        .bind(w.first_name)
        .bind(w.last_name)
        .bind(w.phone)
        .bind(w.municipality_id)
        .bind(w.referrer)
        .bind(w.trajectory_start)
        .bind(w.trajectory_planned_end)
        .bind(w.ex_pwa)
        .execute(c)
        .await
        .map(|_| ()))
}

/// End the trajectory (guarded: only one that runs). `false` when it had ended already.
pub async fn end(
    c: DbConn<'_>,
    id: WorkerId,
    ended_on: NaiveDate,
    outcome: super::Outcome,
) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "UPDATE worker SET ended_on = $2, outcome = $3 WHERE id = $1 AND ended_on IS NULL";
    on!(c, c => sqlx::query(SQL)
        .bind(id)
        .bind(ended_on)
        .bind(outcome)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// The language the worker chose (their account's), Dutch without one: their statement's.
pub async fn language(c: DbConn<'_>, id: WorkerId) -> Result<crate::i18n::Lang, sqlx::Error> {
    const SQL: &str = "SELECT a.language FROM worker w JOIN account a ON a.id = w.account_id \
        WHERE w.id = $1";
    let code: Option<Option<String>> =
        on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_optional(c).await)?;
    Ok(code
        .flatten()
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
        .unwrap_or_default())
}

/// The worker's IBAN on file (checked when it was kept), or none.
pub async fn iban(c: DbConn<'_>, id: WorkerId) -> Result<Option<String>, sqlx::Error> {
    const SQL: &str = "SELECT iban FROM worker WHERE id = $1";
    let found: Option<Option<String>> =
        on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_optional(c).await)?;
    Ok(found.flatten())
}

pub async fn set_iban(c: DbConn<'_>, id: WorkerId, iban: Option<&str>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE worker SET iban = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(iban).execute(c).await.map(|_| ()))
}

/// The worker's first and last name.
pub async fn name(c: DbConn<'_>, id: WorkerId) -> Result<(String, String), sqlx::Error> {
    const SQL: &str = "SELECT first_name, last_name FROM worker WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_one(c).await)
}
