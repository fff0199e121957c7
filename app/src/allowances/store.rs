//! SQL of the allowance rates (`allowance_rates`, owned here) and the sums the allowance is
//! reckoned on (reads of `time_entry`, owned by `time_entries`).

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{Rates, Sums};
use crate::db::DbConn;
use crate::ids::{AccountId, OrganisationId, WorkerId};
use crate::on;

/// `rules::cheques_for` in SQL: one cheque per started hour of a prestatie.
pub const CHEQUES: &str = "(e.minutes + 59) / 60";

/// Which prestaties a sum takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// What the allowance pays: confirmed (by the gebruiker, automatically or on their behalf)
    /// or corrected with the gebruiker's agreement.
    Paid,
    /// What still waits: for the gebruiker, disputed, or held for a bemiddelaar.
    Waiting,
}

impl Counted {
    fn statuses(self) -> &'static str {
        match self {
            Counted::Paid => "('confirmed', 'corrected')",
            Counted::Waiting => "('submitted', 'disputed', 'review')",
        }
    }
}

/// The sums of each of the organisation's workers over [from, until) under one set of rates
/// (its km threshold), on the index `time_entry_organisation_period`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkerSums {
    pub worker_id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub municipality: String,
    #[sqlx(flatten)]
    pub sums: Sums,
}

/// `Rates::per_minute_cents` in SQL, with `$5` the hourly rate.
pub const PER_MINUTE_CENTS: &str = "(e.minutes * $5 + 30) / 60";

/// The sums of `rules::Sums`: `$2`..`$3` the days, `$4` the km threshold, `$5` the allowance.
fn sums_select(counted: Counted) -> String {
    format!(
        "CAST(COUNT(*) AS BIGINT) AS entries, CAST(SUM(e.minutes) AS BIGINT) AS minutes, \
         CAST(SUM({CHEQUES}) AS BIGINT) AS cheques, CAST(SUM(e.km) AS BIGINT) AS km, \
         CAST(SUM(CASE WHEN e.km > $4 THEN e.km ELSE 0 END) AS BIGINT) AS paid_km, \
         CAST(SUM({PER_MINUTE_CENTS}) AS BIGINT) AS per_minute_cents \
         FROM time_entry e \
         WHERE e.status IN {statuses} AND e.work_date >= $2 AND e.work_date < $3",
        statuses = counted.statuses()
    )
}

pub async fn organisation_sums(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    (from, until): (NaiveDate, NaiveDate),
    rates: &Rates,
    counted: Counted,
) -> Result<Vec<WorkerSums>, sqlx::Error> {
    let sql = format!(
        "SELECT w.id AS worker_id, w.first_name, w.last_name, m.name AS municipality, \
           s.entries, s.minutes, s.cheques, s.km, s.paid_km, s.per_minute_cents \
         FROM (SELECT e.worker_id, {sums} AND e.organisation_id = $1 GROUP BY e.worker_id) s \
         JOIN worker w ON w.id = s.worker_id \
         JOIN municipality m ON m.id = w.municipality_id",
        sums = sums_select(counted)
    );
    on!(c, c => sqlx::query_as(&sql)
        .bind(organisation_id)
        .bind(from)
        .bind(until)
        .bind(rates.km_threshold)
        .bind(rates.allowance_cents)
        .fetch_all(c)
        .await)
}

/// One worker's sums over [from, until) under one set of rates.
pub async fn worker_sums(
    c: DbConn<'_>,
    worker_id: WorkerId,
    (from, until): (NaiveDate, NaiveDate),
    rates: &Rates,
    counted: Counted,
) -> Result<Sums, sqlx::Error> {
    let sql = format!(
        "SELECT {sums} AND e.worker_id = $1",
        sums = sums_select(counted)
    );
    // SUM over no rows is NULL: no prestaties, nothing earned.
    type Row = (
        i64,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );
    let row: Row = on!(c, c => sqlx::query_as(&sql)
        .bind(worker_id)
        .bind(from)
        .bind(until)
        .bind(rates.km_threshold)
        .bind(rates.allowance_cents)
        .fetch_one(c)
        .await)?;
    Ok(Sums {
        entries: row.0,
        minutes: row.1.unwrap_or(0),
        cheques: row.2.unwrap_or(0),
        km: row.3.unwrap_or(0),
        paid_km: row.4.unwrap_or(0),
        per_minute_cents: row.5.unwrap_or(0),
    })
}

const RATES: &str = "SELECT valid_from, allowance_cents, basis, km_rate_cents, km_threshold \
    FROM allowance_rates";

/// Every set of rates of the organisation, latest first.
pub async fn history(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<Rates>, sqlx::Error> {
    let sql = format!("{RATES} WHERE organisation_id = $1 ORDER BY valid_from DESC");
    on!(c, c => sqlx::query_as(&sql).bind(organisation_id).fetch_all(c).await)
}

/// The rates in force on some day of [from, until): the last that started on or before `from`
/// and every one that starts after it, before `until`.
pub async fn in_force_between(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Rates>, sqlx::Error> {
    let sql = format!(
        "{RATES} WHERE organisation_id = $1 AND valid_from < $3 AND valid_from >= COALESCE( \
           (SELECT MAX(valid_from) FROM allowance_rates \
            WHERE organisation_id = $1 AND valid_from <= $2), $2) \
         ORDER BY valid_from"
    );
    on!(c, c => sqlx::query_as(&sql).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}

/// Rates from `rates.valid_from` on; a change planned for that same day is replaced.
pub async fn set_from(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    rates: &Rates,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO allowance_rates (organisation_id, valid_from, allowance_cents, \
          basis, km_rate_cents, km_threshold, created_by, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
        ON CONFLICT (organisation_id, valid_from) DO UPDATE SET \
          allowance_cents = excluded.allowance_cents, basis = excluded.basis, \
          km_rate_cents = excluded.km_rate_cents, km_threshold = excluded.km_threshold, \
          created_by = excluded.created_by, created_at = excluded.created_at";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation_id)
        .bind(rates.valid_from)
        .bind(rates.allowance_cents)
        .bind(rates.basis)
        .bind(rates.km_rate_cents)
        .bind(rates.km_threshold)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}
