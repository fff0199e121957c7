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
}

impl Worker {
    pub fn trajectory(&self) -> Trajectory {
        Trajectory {
            start: self.trajectory_start,
            planned_end: self.trajectory_planned_end,
            ex_pwa: self.ex_pwa,
        }
    }
}

pub async fn by_id(c: DbConn<'_>, id: WorkerId) -> Result<Option<Worker>, sqlx::Error> {
    const SQL: &str = "SELECT id, organisation_id, municipality_id, first_name, last_name, \
        trajectory_start, trajectory_planned_end, ex_pwa FROM worker WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)
}

/// Lock the worker's row for the rest of the transaction: hours and clock are checked and
/// written by one transaction at a time (see `db.rs`).
pub async fn lock(c: DbConn<'_>, id: WorkerId) -> Result<bool, sqlx::Error> {
    crate::db::lock_owner(c, Owner::Worker, id.0).await
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
}

pub async fn insert(
    c: DbConn<'_>,
    w: NewWorker<'_>,
    now: DateTime<Utc>,
) -> Result<WorkerId, sqlx::Error> {
    const SQL: &str = "INSERT INTO worker (organisation_id, account_id, municipality_id, \
        first_name, last_name, phone, trajectory_start, trajectory_planned_end, ex_pwa, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
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
        .bind(now)
        .fetch_one(c)
        .await)
}

/// Minutes that count against the limits: everything stopped, confirmed or not, and what is
/// held for review. A disputed prestatie still counts until a coordinator corrects it (the
/// safe side of the law).
pub const COUNTED_STATUSES: &str = "('submitted', 'confirmed', 'disputed', 'review', 'corrected')";

/// What the worker has worked in the month and the year of `day`.
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
           AND status IN {COUNTED_STATUSES}"
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
