//! SQL for reports. Reads only; the tables belong to their own modules.

use chrono::{DateTime, NaiveDate, Utc};

use super::{ChequeFigures, WorkerHours};
use crate::db::DbConn;
use crate::ids::OrganisationId;
use crate::on;
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
           CAST(COALESCE(SUM(CASE WHEN l.reason = 'prestatie' THEN -l.change END), 0) AS BIGINT) AS used, \
           CAST(COALESCE(SUM(CASE WHEN l.reason = 'expired' THEN -l.change END), 0) AS BIGINT) AS expired \
         FROM cheque_ledger l \
         JOIN client cl ON cl.id = l.client_id \
         JOIN municipality m ON m.id = cl.municipality_id \
         WHERE l.organisation_id = $1 AND l.created_at >= $2 AND l.created_at < $3 \
         GROUP BY m.name ORDER BY m.name";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}
