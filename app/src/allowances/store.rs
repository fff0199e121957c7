//! SQL of the allowance export. Reads only; the tables belong to their own modules.

use chrono::NaiveDate;

use super::WorkedMonth;
use crate::db::DbConn;
use crate::ids::OrganisationId;
use crate::on;

/// Every worker with confirmed prestaties whose work day is in [from, until), summed in the
/// database (index `time_entry_organisation_period`), by name.
pub async fn worked(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<WorkedMonth>, sqlx::Error> {
    const SQL: &str = "SELECT w.id AS worker_id, w.first_name, w.last_name, \
           m.name AS municipality, CAST(COUNT(*) AS BIGINT) AS entries, \
           CAST(SUM(e.minutes) AS BIGINT) AS minutes, CAST(SUM(e.km) AS BIGINT) AS km \
         FROM time_entry e \
         JOIN worker w ON w.id = e.worker_id \
         JOIN municipality m ON m.id = w.municipality_id \
         WHERE e.organisation_id = $1 AND e.status IN ('confirmed', 'corrected') \
           AND e.work_date >= $2 AND e.work_date < $3 \
         GROUP BY w.id, w.first_name, w.last_name, m.name \
         ORDER BY w.last_name, w.first_name, w.id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).bind(from).bind(until).fetch_all(c).await)
}
