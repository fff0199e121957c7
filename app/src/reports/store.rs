//! SQL for reports. Reads only; the tables belong to their own modules.

use chrono::{DateTime, NaiveDate, Utc};

use super::{ChequeFigures, ReportWorker, WorkerHours};
use crate::clients::ClientKind;
use crate::db::DbConn;
use crate::ids::{MunicipalityId, OrganisationId};
use crate::on;
use crate::workers::Outcome;
use crate::workers::store::COUNTED_STATUSES;

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
           AND e.work_date < $3 AND e.status IN {COUNTED_STATUSES} \
         WHERE w.organisation_id = $1 \
         GROUP BY w.id, m.name, w.first_name, w.last_name \
         ORDER BY m.name, w.last_name, w.first_name"
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

// ---- Rapport per gemeente: each figure one aggregate over an indexed range ----
//
// `$1` is the organisation, `$2` the municipality or NULL for all, `$3` and `$4` the first day
// of the period and the day after its last.

/// (in a trajectory during the period, started in the period), of the workers living there.
pub async fn trajectory_counts(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<(i64, i64), sqlx::Error> {
    const SQL: &str = "SELECT \
           CAST(COALESCE(SUM(CASE WHEN w.trajectory_start < $4 \
             AND COALESCE(w.ended_on, w.trajectory_planned_end) >= $3 THEN 1 ELSE 0 END), 0) \
             AS BIGINT), \
           CAST(COALESCE(SUM(CASE WHEN w.trajectory_start >= $3 AND w.trajectory_start < $4 \
             THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM worker w \
         WHERE w.organisation_id = $1 AND ($2 IS NULL OR w.municipality_id = $2)";
    on!(c, c => sqlx::query_as(SQL)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_one(c)
        .await)
}

/// Trajectories ended in the period, per outcome.
pub async fn ended_by_outcome(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(Outcome, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT w.outcome, COUNT(*) FROM worker w \
         WHERE w.organisation_id = $1 AND ($2 IS NULL OR w.municipality_id = $2) \
           AND w.ended_on >= $3 AND w.ended_on < $4 AND w.outcome IS NOT NULL \
         GROUP BY w.outcome";
    on!(c, c => sqlx::query_as(SQL)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_all(c)
        .await)
}

/// Per activity group: (group, minutes, workers), of the workers living there.
pub async fn minutes_by_group(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT act.category, CAST(SUM(e.minutes) AS BIGINT), COUNT(DISTINCT e.worker_id) \
         FROM time_entry e \
         JOIN worker w ON w.id = e.worker_id \
         JOIN assignment a ON a.id = e.assignment_id \
         JOIN activity act ON act.id = a.activity_id \
         WHERE e.organisation_id = $1 AND ($2 IS NULL OR w.municipality_id = $2) \
           AND e.work_date >= $3 AND e.work_date < $4 AND e.status IN {COUNTED_STATUSES} \
         GROUP BY act.category"
    );
    on!(c, c => sqlx::query_as(&sql)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_all(c)
        .await)
}

/// The workers living there with hours that count in the period.
pub async fn working_workers(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "SELECT COUNT(DISTINCT e.worker_id) FROM time_entry e \
         JOIN worker w ON w.id = e.worker_id \
         WHERE e.organisation_id = $1 AND ($2 IS NULL OR w.municipality_id = $2) \
           AND e.work_date >= $3 AND e.work_date < $4 AND e.status IN {COUNTED_STATUSES}"
    );
    on!(c, c => sqlx::query_scalar(&sql)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_one(c)
        .await)
}

/// Gebruikers living there with work that counts in the period, per kind.
pub async fn clients_by_kind(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(ClientKind, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT cl.kind, COUNT(DISTINCT cl.id) FROM time_entry e \
         JOIN assignment a ON a.id = e.assignment_id \
         JOIN client cl ON cl.id = a.client_id \
         WHERE e.organisation_id = $1 AND ($2 IS NULL OR cl.municipality_id = $2) \
           AND e.work_date >= $3 AND e.work_date < $4 AND e.status IN {COUNTED_STATUSES} \
         GROUP BY cl.kind"
    );
    on!(c, c => sqlx::query_as(&sql)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_all(c)
        .await)
}

/// Cheques of the gebruikers living there that paid prestaties in [from, until), less those
/// given back.
pub async fn cheques_used(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(-l.change), 0) AS BIGINT) FROM cheque_ledger l \
         JOIN client cl ON cl.id = l.client_id \
         WHERE l.organisation_id = $1 AND ($2 IS NULL OR cl.municipality_id = $2) \
           AND l.created_at >= $3 AND l.created_at < $4 \
           AND l.reason IN ('prestatie', 'refund')";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_one(c)
        .await)
}

/// The workers living there in a trajectory during the period, with their counted minutes in
/// it: the organisation's own version only.
pub async fn report_workers(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<ReportWorker>, sqlx::Error> {
    let sql = format!(
        "SELECT w.id AS worker_id, w.first_name, w.last_name, m.name AS municipality, \
           w.trajectory_start, w.trajectory_planned_end, w.ended_on, w.outcome, \
           CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) AS minutes \
         FROM worker w \
         JOIN municipality m ON m.id = w.municipality_id \
         LEFT JOIN time_entry e ON e.worker_id = w.id AND e.work_date >= $3 \
           AND e.work_date < $4 AND e.status IN {COUNTED_STATUSES} \
         WHERE w.organisation_id = $1 AND ($2 IS NULL OR w.municipality_id = $2) \
           AND w.trajectory_start < $4 AND COALESCE(w.ended_on, w.trajectory_planned_end) >= $3 \
         GROUP BY w.id, w.first_name, w.last_name, m.name, w.trajectory_start, \
           w.trajectory_planned_end, w.ended_on, w.outcome \
         ORDER BY m.name, w.last_name, w.first_name, w.id"
    );
    on!(c, c => sqlx::query_as(&sql)
        .bind(organisation_id)
        .bind(municipality_id)
        .bind(from)
        .bind(until)
        .fetch_all(c)
        .await)
}
