//! SQL for reports. Reads only; the tables belong to their own modules.

use chrono::{DateTime, NaiveDate, Utc};

use super::{ChequeFigures, ReportWorker, WorkerHours};
use crate::clients::ClientKind;
use crate::db::DbConn;
use crate::ids::{ClientId, MunicipalityId, OrganisationId, WorkerId};
use crate::on;
use crate::time_entries::EntryStatus;

/// Every worker of the organisation with the minutes that count in [from, until).
pub async fn worker_minutes(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<WorkerHours>, sqlx::Error> {
    let sql = format!(
        "SELECT w.id AS worker_id, m.name AS municipality, w.first_name, w.last_name, \
           CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) AS minutes \
         FROM worker w \
         JOIN municipality m ON m.id = w.municipality_id \
         LEFT JOIN time_entry e ON e.worker_id = w.id AND e.work_date >= $2 \
           AND e.work_date < $3 AND e.status IN {counted} \
         WHERE w.organisation_id = $1 \
         GROUP BY w.id, m.name, w.first_name, w.last_name \
         ORDER BY m.name, w.last_name, w.first_name",
        counted = EntryStatus::COUNTED_SQL
    );
    on!(c, c => sqlx::query_as(&sql).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}

/// The ledger's changes in [from, until) per municipality of the gebruiker. A reversal undoes a
/// purchase, so it counts against "bought".
pub async fn cheque_figures(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<ChequeFigures>, sqlx::Error> {
    const SQL: &str = "SELECT m.name AS municipality, \
           CAST(COALESCE(SUM(CASE WHEN l.reason IN ('purchase', 'reversal') THEN l.change END), 0) AS BIGINT) AS bought, \
           CAST(COALESCE(SUM(CASE WHEN l.reason IN ('prestatie', 'refund') THEN -l.change END), 0) AS BIGINT) AS used, \
           CAST(COALESCE(SUM(CASE WHEN l.reason = 'expired' THEN -l.change END), 0) AS BIGINT) AS expired \
         FROM cheque_ledger l \
         JOIN client cl ON cl.id = l.client_id \
         JOIN municipality m ON m.id = cl.municipality_id \
         WHERE l.organisation_id = $1 AND l.created_at >= $2 AND l.created_at < $3 \
         GROUP BY m.name ORDER BY m.name";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}

// ---- Rapport per gemeente ----
//
// The prestaties of the period are read once, summed per assignment and worker on the covering
// index `time_entry_organisation_period`; only those sums (at most one per assignment) are
// joined to their worker, gebruiker and activity. The report is composed from them
// (`service::municipality_report`), so 1.5 million prestaties cost one index range scan.

/// The counted minutes of the period per assignment and worker, with where the worker lives,
/// who the gebruiker is, their kind and municipality, and the activity group.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkSum {
    pub worker_id: WorkerId,
    pub worker_municipality: MunicipalityId,
    pub client_id: ClientId,
    pub client_kind: ClientKind,
    pub client_municipality: MunicipalityId,
    pub category: String,
    pub minutes: i64,
}

pub async fn work_sums(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<WorkSum>, sqlx::Error> {
    let sql = format!(
        "SELECT t.worker_id, w.municipality_id AS worker_municipality, a.client_id, \
           cl.kind AS client_kind, cl.municipality_id AS client_municipality, act.category, \
           t.minutes \
         FROM (SELECT e.assignment_id, e.worker_id, CAST(SUM(e.minutes) AS BIGINT) AS minutes \
               FROM time_entry e \
               WHERE e.organisation_id = $1 AND e.work_date >= $2 AND e.work_date < $3 \
                 AND e.status IN {counted} \
               GROUP BY e.assignment_id, e.worker_id) t \
         JOIN worker w ON w.id = t.worker_id \
         JOIN assignment a ON a.id = t.assignment_id \
         JOIN client cl ON cl.id = a.client_id \
         JOIN activity act ON act.id = a.activity_id",
        counted = EntryStatus::COUNTED_SQL
    );
    on!(c, c => sqlx::query_as(&sql)
        .bind(organisation_id)
        .bind(from)
        .bind(until)
        .fetch_all(c)
        .await)
}

/// The organisation's workers in a trajectory on a day of [from, until) (those whose trajectory
/// started or ended in it among them: a trajectory ends on or after its start): what the
/// trajectory figures and the list of names are made of.
pub async fn trajectories(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<ReportWorker>, sqlx::Error> {
    const SQL: &str = "SELECT w.id AS worker_id, w.first_name, w.last_name, \
           m.name AS municipality, w.trajectory_start, w.trajectory_planned_end, w.ended_on, \
           w.outcome, CAST(0 AS BIGINT) AS minutes \
         FROM worker w JOIN municipality m ON m.id = w.municipality_id \
         WHERE w.organisation_id = $1 AND ($2 IS NULL OR w.municipality_id = $2) \
           AND w.trajectory_start < $4 \
           AND COALESCE(w.ended_on, w.trajectory_planned_end) >= $3 \
         ORDER BY m.name, w.last_name, w.first_name, w.id";
    on!(c, c => sqlx::query_as(SQL)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_all(c)
        .await)
}

/// Cheques of the gebruikers living there that paid prestaties in [from, until), less those
/// given back: summed per gebruiker on the index `cheque_ledger_organisation_day` first.
pub async fn cheques_used(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(t.used), 0) AS BIGINT) \
         FROM (SELECT l.client_id, SUM(-l.change) AS used FROM cheque_ledger l \
               WHERE l.organisation_id = $1 AND l.created_at >= $3 AND l.created_at < $4 \
                 AND l.reason IN ('prestatie', 'refund') \
               GROUP BY l.client_id) t \
         JOIN client cl ON cl.id = t.client_id \
         WHERE $2 IS NULL OR cl.municipality_id = $2";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_one(c)
        .await)
}

// ---- The monthly summaries (`report_worker_month`, `report_client_month`) ----
//
// Kept by triggers in the same transaction as the prestatie or ledger row that changes them
// (migration 20261210000001); the report reads whole months here and only the days around
// them from the prestaties.

/// A wijk-werker's counted minutes of whole months in one activity group, and where they live.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkerSum {
    pub worker_id: WorkerId,
    pub worker_municipality: MunicipalityId,
    pub category: String,
    pub minutes: i64,
}

/// A gebruiker's counted minutes and used cheques of whole months, their kind and municipality.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClientSum {
    pub client_id: ClientId,
    pub client_kind: ClientKind,
    pub client_municipality: MunicipalityId,
    pub minutes: i64,
    pub cheques_used: i64,
}

/// `month >= $2 AND month < $3`. SQLite is told not to search the key by month (`+month`): its
/// statistics see few rows per wijk-werker and would skip-scan the key for the range, then sort
/// to group; read in key order from the organisation on, the rows group as they come (the
/// three-year report: 75 ms instead of 280 ms on `make bench`'s data).
fn months_between(c: &DbConn<'_>) -> &'static str {
    match c {
        DbConn::Sqlite(_) => "+month >= $2 AND +month < $3",
        DbConn::Postgres(_) => "month >= $2 AND month < $3",
    }
}

/// The months [from, until) (first days), per wijk-werker and activity.
pub async fn worker_month_sums(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<WorkerSum>, sqlx::Error> {
    let sql = format!(
        "SELECT s.worker_id, w.municipality_id AS worker_municipality, act.category, s.minutes \
         FROM (SELECT worker_id, activity_id, CAST(SUM(minutes) AS BIGINT) AS minutes \
               FROM report_worker_month WHERE organisation_id = $1 AND {months} \
               GROUP BY worker_id, activity_id HAVING SUM(minutes) <> 0) s \
         JOIN worker w ON w.id = s.worker_id \
         JOIN activity act ON act.id = s.activity_id",
        months = months_between(&c)
    );
    on!(c, c => sqlx::query_as(&sql).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}

/// The months [from, until), per gebruiker.
pub async fn client_month_sums(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<ClientSum>, sqlx::Error> {
    let sql = format!(
        "SELECT s.client_id, cl.kind AS client_kind, cl.municipality_id AS client_municipality, \
           s.minutes, s.cheques_used \
         FROM (SELECT client_id, CAST(SUM(minutes) AS BIGINT) AS minutes, \
                 CAST(SUM(cheques_used) AS BIGINT) AS cheques_used \
               FROM report_client_month WHERE organisation_id = $1 AND {months} \
               GROUP BY client_id) s \
         JOIN client cl ON cl.id = s.client_id",
        months = months_between(&c)
    );
    on!(c, c => sqlx::query_as(&sql).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}

/// (organisation, wijk-werker or gebruiker, activity or 0, month, minutes, cheques).
pub type SummaryRow = (i64, i64, i64, NaiveDate, i64, i64);

/// What the summaries hold, leaving out rows of nothing: the wijk-werkers' (cheques 0) and
/// the gebruikers' (activity 0).
pub const WORKER_SUMMARY: &str = "SELECT organisation_id, worker_id, activity_id, month, \
     CAST(minutes AS BIGINT), CAST(0 AS BIGINT) FROM report_worker_month WHERE minutes <> 0";
pub const CLIENT_SUMMARY: &str = "SELECT organisation_id, client_id, CAST(0 AS BIGINT), month, \
     CAST(minutes AS BIGINT), CAST(cheques_used AS BIGINT) FROM report_client_month \
     WHERE minutes <> 0 OR cheques_used <> 0";

/// The first day of the month of a date column, in the backend's SQL.
fn month_of(c: &DbConn<'_>, column: &str) -> String {
    match c {
        DbConn::Sqlite(_) => format!("substr({column}, 1, 8) || '01'"),
        DbConn::Postgres(_) => format!("CAST(date_trunc('month', {column}) AS DATE)"),
    }
}

/// The same recomputed from the prestaties: the wijk-werkers' months.
pub async fn worker_months(c: DbConn<'_>) -> Result<Vec<SummaryRow>, sqlx::Error> {
    prestatie_months(c, "e.worker_id, a.activity_id").await
}

/// The gebruikers' months of work (the cheques are added from [`cheque_payments`]).
pub async fn client_months(c: DbConn<'_>) -> Result<Vec<SummaryRow>, sqlx::Error> {
    prestatie_months(c, "a.client_id, CAST(0 AS BIGINT)").await
}

/// Counted minutes per organisation, `key` (two columns) and month, as [`SummaryRow`]s.
async fn prestatie_months(c: DbConn<'_>, key: &str) -> Result<Vec<SummaryRow>, sqlx::Error> {
    let month = month_of(&c, "e.work_date");
    let sql = format!(
        "SELECT e.organisation_id, {key}, {month}, \
           CAST(SUM(e.minutes) AS BIGINT), CAST(0 AS BIGINT) \
         FROM time_entry e JOIN assignment a ON a.id = e.assignment_id \
         WHERE e.status IN {counted} AND e.minutes IS NOT NULL \
         GROUP BY e.organisation_id, {key}, {month}",
        counted = EntryStatus::COUNTED_SQL
    );
    on!(c, c => sqlx::query_as(&sql).fetch_all(c).await)
}

/// The rows of [`WORKER_SUMMARY`] or [`CLIENT_SUMMARY`].
pub async fn summary_rows(c: DbConn<'_>, sql: &str) -> Result<Vec<SummaryRow>, sqlx::Error> {
    on!(c, c => sqlx::query_as(sql).fetch_all(c).await)
}

/// The cheques that paid prestaties, less those given back, as ledger rows: (organisation,
/// gebruiker, instant, cheques).
pub async fn cheque_payments(
    c: DbConn<'_>,
) -> Result<Vec<(i64, i64, DateTime<Utc>, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT organisation_id, client_id, created_at, CAST(-change AS BIGINT) \
         FROM cheque_ledger WHERE reason IN ('prestatie', 'refund')";
    on!(c, c => sqlx::query_as(SQL).fetch_all(c).await)
}
