//! SQL for `request`, `request_slot`, `worker_skill` and `worker_availability`.

use chrono::{DateTime, NaiveDate, Utc};

use super::{DayPart, OfferLine, Recurrence, Slot};
use crate::assignments::AssignmentStatus;
use crate::db::DbConn;
use crate::ids::{
    AccountId, ActivityId, AssignmentId, ClientId, MunicipalityId, OrganisationId, RequestId,
    WorkerId,
};
use crate::on;
use crate::rules::Address;

pub struct NewRow<'a> {
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub activity_id: ActivityId,
    pub description: &'a str,
    pub recurrence: Recurrence,
    pub planned_minutes: i64,
    /// `None`: at the gebruiker's own address.
    pub address: Option<&'a Address>,
    pub created_by: AccountId,
}

pub async fn insert(
    c: DbConn<'_>,
    r: NewRow<'_>,
    now: DateTime<Utc>,
) -> Result<RequestId, sqlx::Error> {
    const SQL: &str = "INSERT INTO request (organisation_id, client_id, activity_id, description, \
        recurrence, planned_minutes, status, created_by, created_at, street, postcode, city) \
        VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(r.organisation_id)
        .bind(r.client_id)
        .bind(r.activity_id)
        .bind(r.description)
        .bind(r.recurrence)
        .bind(r.planned_minutes)
        .bind(r.created_by)
        .bind(now)
        .bind(r.address.map(|a| a.street.as_str()))
        .bind(r.address.map(|a| a.postcode.as_str()))
        .bind(r.address.map(|a| a.city.as_str()))
        .fetch_one(c)
        .await)
}

/// Where a request's work is, as SQL columns: its own address, or else its gebruiker's (`r`
/// the request, `cl` its client). A macro, so that the worker's card (`assignments::store`)
/// can build its constant query with the same words.
#[macro_export]
macro_rules! work_address_columns {
    () => {
        "COALESCE(r.street, cl.street) AS street, \
        COALESCE(r.postcode, cl.postcode) AS postcode, COALESCE(r.city, cl.city) AS city"
    };
}
const WORK_ADDRESS: &str = crate::work_address_columns!();

pub async fn insert_slot(c: DbConn<'_>, id: RequestId, slot: Slot) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO request_slot (request_id, weekday, part) VALUES ($1, $2, $3)";
    on!(c, c => sqlx::query(SQL)
        .bind(id)
        .bind(i64::from(slot.weekday))
        .bind(slot.part)
        .execute(c)
        .await
        .map(|_| ()))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: RequestId,
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub client_name: String,
    pub municipality_id: MunicipalityId,
    pub municipality: String,
    pub activity_id: ActivityId,
    pub activity: String,
    pub description: String,
    pub recurrence: Recurrence,
    pub planned_minutes: i64,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub rejected_reason: Option<String>,
}

impl Row {
    pub fn address(&self) -> Address {
        Address {
            street: self.street.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
        }
    }
}

const ROW: &str = "SELECT r.id, r.organisation_id, r.client_id, cl.name AS client_name, \
    cl.municipality_id, m.name AS municipality, r.activity_id, a.name AS activity, \
    r.description, r.recurrence, r.planned_minutes, r.rejected_reason, ";
const ROW_FROM: &str = " FROM request r JOIN client cl ON cl.id = r.client_id \
    JOIN municipality m ON m.id = cl.municipality_id \
    JOIN activity a ON a.id = r.activity_id";

pub async fn by_id(c: DbConn<'_>, id: RequestId) -> Result<Option<Row>, sqlx::Error> {
    let sql = format!("{ROW}{WORK_ADDRESS}{ROW_FROM} WHERE r.id = $1");
    on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

/// A gebruiker's requests, newest first.
pub async fn for_client(c: DbConn<'_>, client: ClientId) -> Result<Vec<Row>, sqlx::Error> {
    let sql = format!("{ROW}{WORK_ADDRESS}{ROW_FROM} WHERE r.client_id = $1 ORDER BY r.id DESC");
    on!(c, c => sqlx::query_as(&sql).bind(client).fetch_all(c).await)
}

/// Turn an open request down (guarded: once); its open offers are withdrawn with it.
pub async fn reject(c: DbConn<'_>, id: RequestId, reason: &str) -> Result<bool, sqlx::Error> {
    const REJECT: &str = "UPDATE request SET status = 'closed', rejected_reason = $2 \
        WHERE id = $1 AND status = 'open'";
    const WITHDRAW: &str =
        "UPDATE assignment SET status = 'cancelled' WHERE request_id = $1 AND status = 'offered'";
    on!(c, c => {
        let done = sqlx::query(REJECT).bind(id).bind(reason).execute(&mut *c).await?.rows_affected() == 1;
        if done {
            sqlx::query(WITHDRAW).bind(id).execute(&mut *c).await?;
        }
        Ok(done)
    })
}

#[derive(sqlx::FromRow)]
struct SlotRow {
    weekday: i64,
    part: DayPart,
}

fn slots_of(rows: Vec<SlotRow>) -> Vec<Slot> {
    rows.into_iter()
        .map(|r| Slot {
            weekday: u8::try_from(r.weekday).unwrap_or(1),
            part: r.part,
        })
        .collect()
}

pub async fn slots(c: DbConn<'_>, id: RequestId) -> Result<Vec<Slot>, sqlx::Error> {
    const SQL: &str =
        "SELECT weekday, part FROM request_slot WHERE request_id = $1 ORDER BY weekday, part DESC";
    let rows: Vec<SlotRow> = on!(c, c => sqlx::query_as(SQL).bind(id).fetch_all(c).await)?;
    Ok(slots_of(rows))
}

#[derive(sqlx::FromRow)]
struct OfferRow {
    assignment_id: AssignmentId,
    worker_id: WorkerId,
    first_name: String,
    last_name: String,
    planned_date: NaiveDate,
    status: AssignmentStatus,
    decline_reason: Option<String>,
}

pub async fn offers(c: DbConn<'_>, id: RequestId) -> Result<Vec<OfferLine>, sqlx::Error> {
    const SQL: &str = "SELECT a.id AS assignment_id, w.id AS worker_id, w.first_name, \
        w.last_name, a.planned_date, a.status, a.decline_reason \
        FROM assignment a JOIN worker w ON w.id = a.worker_id \
        WHERE a.request_id = $1 ORDER BY a.planned_date, a.id";
    let rows: Vec<OfferRow> = on!(c, c => sqlx::query_as(SQL).bind(id).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| OfferLine {
            assignment_id: r.assignment_id,
            worker_id: r.worker_id,
            worker_name: format!("{} {}", r.first_name, r.last_name),
            planned_date: r.planned_date,
            status: r.status,
            decline_reason: r.decline_reason,
        })
        .collect())
}

/// Link a new assignment (the offer) to its request.
pub async fn link_assignment(
    c: DbConn<'_>,
    assignment: AssignmentId,
    request: RequestId,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE assignment SET request_id = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(assignment).bind(request).execute(c).await.map(|_| ()))
}

/// Withdraw an offer not answered yet (guarded: an answer that came first wins).
pub async fn withdraw(c: DbConn<'_>, assignment: AssignmentId) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "UPDATE assignment SET status = 'cancelled' WHERE id = $1 AND status = 'offered'";
    on!(c, c => sqlx::query(SQL).bind(assignment).execute(c).await.map(|r| r.rows_affected() == 1))
}

/// The organisation an assignment belongs to.
pub async fn assignment_organisation(
    c: DbConn<'_>,
    assignment: AssignmentId,
) -> Result<Option<OrganisationId>, sqlx::Error> {
    const SQL: &str = "SELECT organisation_id FROM assignment WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(assignment).fetch_optional(c).await)
}

pub async fn skills(c: DbConn<'_>, worker: WorkerId) -> Result<Vec<ActivityId>, sqlx::Error> {
    const SQL: &str =
        "SELECT activity_id FROM worker_skill WHERE worker_id = $1 ORDER BY activity_id";
    on!(c, c => sqlx::query_scalar(SQL).bind(worker).fetch_all(c).await)
}

pub async fn availability(c: DbConn<'_>, worker: WorkerId) -> Result<Vec<Slot>, sqlx::Error> {
    const SQL: &str = "SELECT weekday, part FROM worker_availability WHERE worker_id = $1 \
        ORDER BY weekday, part DESC";
    let rows: Vec<SlotRow> = on!(c, c => sqlx::query_as(SQL).bind(worker).fetch_all(c).await)?;
    Ok(slots_of(rows))
}

/// Replace a worker's skills and available moments.
pub async fn replace_profile(
    c: &mut crate::db::Tx,
    worker: WorkerId,
    skills: &[ActivityId],
    availability: &[Slot],
) -> Result<(), sqlx::Error> {
    on!(c.c(), c => sqlx::query("DELETE FROM worker_skill WHERE worker_id = $1").bind(worker).execute(c).await.map(|_| ()))?;
    on!(c.c(), c => sqlx::query("DELETE FROM worker_availability WHERE worker_id = $1").bind(worker).execute(c).await.map(|_| ()))?;
    for skill in skills {
        on!(c.c(), c => sqlx::query("INSERT INTO worker_skill (worker_id, activity_id) VALUES ($1, $2)")
            .bind(worker).bind(*skill).execute(c).await.map(|_| ()))?;
    }
    for slot in availability {
        on!(c.c(), c => sqlx::query(
            "INSERT INTO worker_availability (worker_id, weekday, part) VALUES ($1, $2, $3)")
            .bind(worker).bind(i64::from(slot.weekday)).bind(slot.part).execute(c).await.map(|_| ()))?;
    }
    Ok(())
}

/// Workers of the organisation whose trajectory runs and whose account is active.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CandidateRow {
    pub id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub municipality_id: MunicipalityId,
}

pub async fn candidates(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<CandidateRow>, sqlx::Error> {
    const SQL: &str = "SELECT w.id, w.first_name, w.last_name, w.municipality_id FROM worker w \
        JOIN account a ON a.id = w.account_id \
        WHERE w.organisation_id = $1 AND w.ended_on IS NULL AND a.active";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

/// Minutes offered to or accepted by the worker from `from` until before `to`.
pub async fn load_minutes(
    c: DbConn<'_>,
    worker: WorkerId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(planned_minutes), 0) AS BIGINT) FROM assignment \
        WHERE worker_id = $1 AND status IN ('offered', 'accepted') \
          AND planned_date >= $2 AND planned_date < $3";
    on!(c, c => sqlx::query_scalar(SQL).bind(worker).bind(from).bind(to).fetch_one(c).await)
}

pub async fn list(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<super::RequestLine>, sqlx::Error> {
    const SQL: &str = "SELECT r.id, cl.name AS client_name, a.name AS activity, r.recurrence, \
        CAST(COALESCE(SUM(CASE WHEN x.status = 'offered' THEN 1 ELSE 0 END), 0) AS BIGINT) AS open_offers, \
        CAST(COALESCE(SUM(CASE WHEN x.status IN ('accepted', 'finished') THEN 1 ELSE 0 END), 0) AS BIGINT) AS accepted, \
        CAST(COALESCE(SUM(CASE WHEN x.status = 'declined' THEN 1 ELSE 0 END), 0) AS BIGINT) AS declined, \
        r.rejected_reason IS NOT NULL AS rejected \
        FROM request r JOIN client cl ON cl.id = r.client_id JOIN activity a ON a.id = r.activity_id \
        LEFT JOIN assignment x ON x.request_id = r.id \
        WHERE r.organisation_id = $1 \
        GROUP BY r.id, cl.name, a.name, r.recurrence, r.rejected_reason ORDER BY r.id DESC";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}
