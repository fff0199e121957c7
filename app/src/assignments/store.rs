//! SQL for the `assignment` table.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::{AssignmentCard, AssignmentStatus};
use crate::db::DbConn;
use crate::ids::{AccountId, ActivityId, AssignmentId, ClientId, OrganisationId, WorkerId};
use crate::on;

/// An assignment's card: where the work is comes from its request when that names an address
/// of its own, else from the gebruiker.
const CARD: &str = concat!(
    "SELECT a.id, cl.name AS client_name, act.name AS activity, a.description, ",
    crate::work_address_columns!(),
    ", a.planned_date, a.planned_start, a.planned_minutes, cl.phone AS client_phone, a.status \
    FROM assignment a \
    JOIN client cl ON cl.id = a.client_id \
    LEFT JOIN request r ON r.id = a.request_id \
    JOIN activity act ON act.id = a.activity_id"
);

/// The worker's accepted assignments planned on `day`.
pub async fn accepted_on(
    c: DbConn<'_>,
    worker_id: WorkerId,
    day: NaiveDate,
) -> Result<Vec<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.worker_id = $1 AND a.planned_date = $2 AND a.status = 'accepted' \
         ORDER BY a.planned_start, a.id"
    );
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).bind(day).fetch_all(c).await)
}

/// One assignment, if it is this worker's and accepted.
pub async fn accepted_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    assignment_id: AssignmentId,
) -> Result<Option<AssignmentCard>, sqlx::Error> {
    let sql = format!("{CARD} WHERE a.id = $1 AND a.worker_id = $2 AND a.status = 'accepted'");
    on!(c, c => sqlx::query_as(&sql).bind(assignment_id).bind(worker_id).fetch_optional(c).await)
}

/// The worker's assignment that a prestatie of theirs was worked on: accepted, or finished
/// since (its prestaties can still be corrected).
pub async fn worked_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    assignment_id: AssignmentId,
) -> Result<Option<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.id = $1 AND a.worker_id = $2 AND a.status IN ('accepted', 'finished')"
    );
    on!(c, c => sqlx::query_as(&sql).bind(assignment_id).bind(worker_id).fetch_optional(c).await)
}

/// The offers waiting for this worker's answer, soonest first.
pub async fn offers_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
) -> Result<Vec<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.worker_id = $1 AND a.status = 'offered' \
         ORDER BY a.planned_date, a.planned_start, a.id"
    );
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).fetch_all(c).await)
}

/// The worker's accepted assignments from `from` on, soonest first.
pub async fn upcoming_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    from: NaiveDate,
    limit: i64,
) -> Result<Vec<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.worker_id = $1 AND a.status = 'accepted' AND a.planned_date >= $2 \
         ORDER BY a.planned_date, a.planned_start, a.id LIMIT $3"
    );
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).bind(from).bind(limit).fetch_all(c).await)
}

/// The worker's assignments before `before` (accepted or finished), most recent first.
pub async fn past_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    before: NaiveDate,
    limit: i64,
) -> Result<Vec<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.worker_id = $1 AND a.status IN ('accepted', 'finished') \
           AND a.planned_date < $2 \
         ORDER BY a.planned_date DESC, a.planned_start DESC, a.id DESC LIMIT $3"
    );
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).bind(before).bind(limit).fetch_all(c).await)
}

/// The worker's accepted assignments planned between `from` and `until` (inclusive): those
/// hours can be entered on.
pub async fn accepted_between(
    c: DbConn<'_>,
    worker_id: WorkerId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.worker_id = $1 AND a.status = 'accepted' \
           AND a.planned_date >= $2 AND a.planned_date <= $3 \
         ORDER BY a.planned_date DESC, a.planned_start DESC, a.id DESC"
    );
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).bind(from).bind(until).fetch_all(c).await)
}

/// One assignment as its worker sees it: offered to them, accepted or finished. Declined,
/// withdrawn or given to someone else: not found.
pub async fn card_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    assignment_id: AssignmentId,
) -> Result<Option<AssignmentCard>, sqlx::Error> {
    let sql = format!(
        "{CARD} WHERE a.id = $1 AND a.worker_id = $2 \
           AND a.status IN ('offered', 'accepted', 'finished')"
    );
    on!(c, c => sqlx::query_as(&sql).bind(assignment_id).bind(worker_id).fetch_optional(c).await)
}

/// The status of an assignment made to this worker, if there is one.
pub async fn status_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    assignment_id: AssignmentId,
) -> Result<Option<AssignmentStatus>, sqlx::Error> {
    const SQL: &str = "SELECT status FROM assignment WHERE id = $1 AND worker_id = $2";
    on!(c, c => sqlx::query_scalar(SQL).bind(assignment_id).bind(worker_id).fetch_optional(c).await)
}

/// Answer an offer: only while it is still offered to this worker (a guarded update, so two
/// devices answering at once cannot both win). Returns false when it was not open any more.
pub async fn answer_offer(
    c: DbConn<'_>,
    assignment_id: AssignmentId,
    worker_id: WorkerId,
    answer: AssignmentStatus,
    reason: Option<&str>,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE assignment SET status = $3, decline_reason = $4, answered_by = $5, \
        answered_at = $6 WHERE id = $1 AND worker_id = $2 AND status = 'offered'";
    on!(c, c => sqlx::query(SQL)
        .bind(assignment_id)
        .bind(worker_id)
        .bind(answer)
        .bind(reason)
        .bind(by)
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

pub struct NewAssignment<'a> {
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub worker_id: Option<WorkerId>,
    pub activity_id: ActivityId,
    pub description: &'a str,
    pub status: AssignmentStatus,
    pub planned_date: NaiveDate,
    pub planned_start: Option<NaiveTime>,
    pub planned_minutes: i64,
}

pub async fn insert(
    c: DbConn<'_>,
    a: NewAssignment<'_>,
    now: DateTime<Utc>,
) -> Result<AssignmentId, sqlx::Error> {
    const SQL: &str = "INSERT INTO assignment (organisation_id, client_id, worker_id, \
        activity_id, description, status, planned_date, planned_start, planned_minutes, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(a.organisation_id)
        .bind(a.client_id)
        .bind(a.worker_id)
        .bind(a.activity_id)
        .bind(a.description)
        .bind(a.status)
        .bind(a.planned_date)
        .bind(a.planned_start)
        .bind(a.planned_minutes)
        .bind(now)
        .fetch_one(c)
        .await)
}

pub async fn insert_activity(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    category: &str,
    name: &str,
) -> Result<ActivityId, sqlx::Error> {
    const SQL: &str = "INSERT INTO activity (organisation_id, category, name) \
        VALUES ($1, $2, $3) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).bind(category).bind(name).fetch_one(c).await)
}

/// The organisation's offered, accepted and finished assignments from `from` until before `to`.
pub async fn plan(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
    municipality_id: Option<crate::ids::MunicipalityId>,
) -> Result<Vec<super::PlanItem>, sqlx::Error> {
    const SQL: &str = "SELECT a.id, a.planned_date, a.planned_start, a.planned_minutes, \
        w.id AS worker_id, w.first_name || ' ' || w.last_name AS worker_name, \
        c.name AS client_name, act.name AS activity, m.name AS municipality, a.status \
        FROM assignment a JOIN worker w ON w.id = a.worker_id \
        JOIN client c ON c.id = a.client_id JOIN activity act ON act.id = a.activity_id \
        JOIN municipality m ON m.id = w.municipality_id \
        WHERE a.organisation_id = $1 AND a.planned_date >= $2 AND a.planned_date < $3 \
          AND a.status IN ('offered', 'accepted', 'finished') \
          AND ($4 IS NULL OR w.municipality_id = $4) \
        ORDER BY a.planned_date, a.planned_start, w.last_name, w.first_name, a.id";
    on!(c, c => sqlx::query_as(SQL)
        .bind(organisation_id)
        .bind(from)
        .bind(to)
        .bind(municipality_id)
        .fetch_all(c)
        .await)
}
