//! The bemiddelaar's use cases for requests, matching and offers.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use super::rules::{self, Candidate, Suggestion};
use super::store;
use super::{
    MAX_DESCRIPTION_CHARS, MAX_WEEKS, MatchingProfile, NewRequest, Recurrence, RequestFacts,
    RequestView, Work, WorkChoices,
};
use crate::assignments::AssignmentStatus;
use crate::assignments::store::{self as assignments, NewAssignment};
use crate::audit::{self, Action, Event};
use crate::db::{Conn, DbConn, Tx};
use crate::error::{AppError, Field};
use crate::ids::{AssignmentId, ClientId, OrganisationId, RequestId, WorkerId};
use crate::request::Ctx;
use crate::workers::store as workers;
use crate::{clock, rules as domain};

/// A request of the caller's organisation (404 otherwise; 403 for non-staff).
async fn managed(ctx: &Ctx, c: DbConn<'_>, id: RequestId) -> Result<store::Row, AppError> {
    let organisation = ctx.caller.staff()?;
    store::by_id(c, id)
        .await?
        .filter(|r| r.organisation_id == organisation)
        .ok_or(AppError::NotFound)
}

/// A worker of the caller's organisation (404 otherwise).
async fn our_worker(
    c: DbConn<'_>,
    organisation: OrganisationId,
    id: WorkerId,
) -> Result<workers::Worker, AppError> {
    workers::by_id(c, id)
        .await?
        .filter(|w| w.organisation_id == organisation)
        .ok_or(AppError::NotFound)
}

fn check_slots(slots: &[super::Slot]) -> Result<Vec<super::Slot>, AppError> {
    if slots.iter().any(|s| !(1..=7).contains(&s.weekday)) {
        return Err(AppError::Invalid(Field::Form));
    }
    let mut slots = slots.to_vec();
    slots.sort();
    slots.dedup();
    Ok(slots)
}

pub async fn create_request(
    ctx: &Ctx,
    tx: &mut Tx,
    request: NewRequest,
) -> Result<RequestId, AppError> {
    let organisation = ctx.caller.staff()?;
    let client = crate::clients::store::by_id(tx.c(), request.client_id).await?;
    if client.map(|c| c.organisation_id) != Some(organisation) {
        return Err(AppError::NotFound);
    }
    insert_request(ctx, tx, organisation, request.client_id, request.work).await
}

/// The gebruiker asks for work themselves: the same checks as a request the bemiddelaar takes.
pub async fn ask_for_work(ctx: &Ctx, tx: &mut Tx, work: Work) -> Result<RequestId, AppError> {
    let client = ctx.caller.client()?;
    insert_request(ctx, tx, ctx.caller.organisation, client, work).await
}

async fn insert_request(
    ctx: &Ctx,
    tx: &mut Tx,
    organisation: OrganisationId,
    client: ClientId,
    work: Work,
) -> Result<RequestId, AppError> {
    if crate::activities::store::organisation_of(tx.c(), work.activity_id).await?
        != Some(organisation)
        || !crate::activities::store::allowed_for_client(tx.c(), work.activity_id, client).await?
    {
        return Err(AppError::Invalid(Field::Activity));
    }
    let description = work.description.trim();
    if description.is_empty() || description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(AppError::Invalid(Field::Description));
    }
    if !(15..=12 * 60).contains(&work.planned_minutes) {
        return Err(AppError::Invalid(Field::PlannedMinutes));
    }
    let slots = check_slots(&work.slots)?;
    // An address left empty: the work is at the gebruiker's own.
    let address = match work.address {
        Some(a) if !a.is_blank() => Some(a.checked()?),
        _ => None,
    };
    let id = store::insert(
        tx.c(),
        store::NewRow {
            organisation_id: organisation,
            client_id: client,
            activity_id: work.activity_id,
            description,
            recurrence: work.recurrence,
            planned_minutes: work.planned_minutes,
            address: address.as_ref(),
            created_by: ctx.caller.account,
        },
        ctx.now,
    )
    .await?;
    for slot in slots {
        store::insert_slot(tx.c(), id, slot).await?;
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::RequestCreated,
            subject: "request",
            subject_id: Some(id.0),
            detail: String::new(),
        },
        ctx.now,
    )
    .await?;
    Ok(id)
}

/// The gebruiker's own requests and where each stands.
pub async fn my_requests(ctx: &Ctx, conn: &mut Conn) -> Result<Vec<RequestFacts>, AppError> {
    let client = ctx.caller.client()?;
    let mut mine = Vec::new();
    for r in store::for_client(conn.c(), client).await? {
        let offers = store::offers(conn.c(), r.id).await?;
        mine.push(facts(conn, r, &offers).await?);
    }
    Ok(mine)
}

/// What is asked, where, and where it stands (from what became of its offers).
async fn facts(
    conn: &mut Conn,
    r: store::Row,
    offers: &[super::OfferLine],
) -> Result<RequestFacts, AppError> {
    let statuses: Vec<AssignmentStatus> = offers.iter().map(|o| o.status).collect();
    Ok(RequestFacts {
        id: r.id,
        address: r.address().line(),
        status: rules::request_status(r.rejected_reason.is_some(), &statuses),
        planned_dates: offers
            .iter()
            .filter(|o| {
                matches!(
                    o.status,
                    AssignmentStatus::Accepted | AssignmentStatus::Finished
                )
            })
            .map(|o| o.planned_date)
            .collect(),
        slots: store::slots(conn.c(), r.id).await?,
        activity: r.activity,
        description: r.description,
        recurrence: r.recurrence,
        planned_minutes: r.planned_minutes,
        rejected_reason: r.rejected_reason,
    })
}

/// What the gebruiker's request form offers: the activities allowed for them and their own
/// address.
pub async fn work_choices(ctx: &Ctx, conn: &mut Conn) -> Result<WorkChoices, AppError> {
    let client = ctx.caller.client()?;
    Ok(WorkChoices {
        activities: crate::activities::store::allowed_list_for_client(conn.c(), client).await?,
        own_address: crate::clients::store::address(conn.c(), client)
            .await?
            .ok_or(AppError::NotFound)?,
    })
}

/// Turn a request down, with a reason for the gebruiker (1 to 500 characters); its open offers
/// are withdrawn with it. Once: a second time is 409.
pub async fn reject_request(
    ctx: &Ctx,
    tx: &mut Tx,
    id: RequestId,
    reason: String,
) -> Result<(), AppError> {
    let r = managed(ctx, tx.c(), id).await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > super::MAX_REJECT_REASON_CHARS {
        return Err(AppError::Invalid(Field::RejectReason));
    }
    if !store::reject(tx.c(), id, reason).await? {
        return Err(AppError::RequestClosed);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(r.organisation_id),
            account_id: Some(ctx.caller.account),
            action: Action::RequestRejected,
            subject: "request",
            subject_id: Some(id.0),
            detail: reason.to_string(),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

pub async fn request_view(
    ctx: &Ctx,
    conn: &mut Conn,
    id: RequestId,
) -> Result<RequestView, AppError> {
    let r = managed(ctx, conn.c(), id).await?;
    let offers = store::offers(conn.c(), id).await?;
    let (client_name, municipality) = (r.client_name.clone(), r.municipality.clone());
    let organisation = r.organisation_id;
    let year = chrono::Datelike::year(&clock::local_date(ctx.now));
    let paid = crate::clients::store::fees(conn.c(), r.client_id).await?;
    let fee_unpaid_year = (!paid.iter().any(|(y, _)| *y == year)).then_some(year);
    Ok(RequestView {
        request: facts(conn, r, &offers).await?,
        client_name,
        municipality,
        offers,
        fee_unpaid_year,
        fee_cents: crate::organisations::store::registration_fee(conn.c(), organisation).await?,
    })
}

/// How far ahead a worker's planned work counts as load.
const LOAD_DAYS: i64 = 14;

pub async fn suggestions(
    ctx: &Ctx,
    conn: &mut Conn,
    id: RequestId,
) -> Result<Vec<Suggestion>, AppError> {
    let r = managed(ctx, conn.c(), id).await?;
    let wanted = store::slots(conn.c(), id).await?;
    let today = clock::local_date(ctx.now);
    let mut candidates = Vec::new();
    for w in store::candidates(conn.c(), r.organisation_id).await? {
        let worker = workers::by_id(conn.c(), w.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let usage = workers::usage(conn.c(), w.id, today).await?;
        let month_minutes_left = domain::MONTH_LIMIT_MINUTES - usage.month_minutes;
        let year_minutes_left = domain::YEAR_LIMIT_MINUTES - usage.year_minutes;
        let skills = store::skills(conn.c(), w.id).await?;
        let available = store::availability(conn.c(), w.id).await?;
        candidates.push(Candidate {
            worker_id: w.id,
            name: format!("{} {}", w.first_name, w.last_name),
            same_municipality: w.municipality_id == r.municipality_id,
            has_skill: skills.contains(&r.activity_id),
            available: wanted.iter().filter(|s| available.contains(s)).count() as u32,
            requested: wanted.len() as u32,
            month_minutes_left,
            year_minutes_left,
            trajectory_days_left: domain::trajectory_days_left(worker.trajectory(), today),
            load_minutes: store::load_minutes(
                conn.c(),
                w.id,
                today,
                today + Duration::days(LOAD_DAYS),
            )
            .await?,
        });
    }
    Ok(rules::rank(candidates, r.planned_minutes))
}

/// One offer per date: `first_date`, and for a weekly request the same weekday for `weeks`
/// weeks. Every date must be from today on and within the worker's trajectory.
pub async fn offer_request(
    ctx: &Ctx,
    tx: &mut Tx,
    id: RequestId,
    worker_id: WorkerId,
    first_date: NaiveDate,
    start: String,
    weeks: u32,
) -> Result<Vec<AssignmentId>, AppError> {
    let r = managed(ctx, tx.c(), id).await?;
    if r.rejected_reason.is_some() {
        return Err(AppError::RequestClosed);
    }
    // The rules may have changed since the request was taken.
    if !crate::activities::store::allowed_for_client(tx.c(), r.activity_id, r.client_id).await? {
        return Err(AppError::Invalid(Field::Activity));
    }
    let start = match start.trim() {
        "" => None,
        s => Some(
            NaiveTime::parse_from_str(s, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
                .map_err(|_| AppError::Invalid(Field::Form))?,
        ),
    };
    let worker = our_worker(tx.c(), r.organisation_id, worker_id).await?;
    let weeks = match r.recurrence {
        Recurrence::Once if weeks == 1 => 1,
        Recurrence::Weekly if (1..=MAX_WEEKS).contains(&weeks) => weeks,
        _ => return Err(AppError::Invalid(Field::Weeks)),
    };
    let today = clock::local_date(ctx.now);
    let dates: Vec<NaiveDate> = (0..weeks)
        .map(|w| first_date + Duration::weeks(i64::from(w)))
        .collect();
    let last_day = worker.trajectory().last_day();
    if first_date < today || dates.iter().any(|d| last_day.is_some_and(|l| *d > l)) {
        return Err(AppError::Invalid(Field::OfferDate));
    }
    let mut ids = Vec::new();
    for date in dates {
        let assignment = assignments::insert(
            tx.c(),
            NewAssignment {
                organisation_id: r.organisation_id,
                client_id: r.client_id,
                worker_id: Some(worker_id),
                activity_id: r.activity_id,
                description: &r.description,
                status: AssignmentStatus::Offered,
                planned_date: date,
                planned_start: start,
                planned_minutes: r.planned_minutes,
            },
            ctx.now,
        )
        .await?;
        store::link_assignment(tx.c(), assignment, id).await?;
        ids.push(assignment);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(r.organisation_id),
            account_id: Some(ctx.caller.account),
            action: Action::OfferMade,
            subject: "request",
            subject_id: Some(id.0),
            detail: format!(
                "worker {worker_id}, {} × from {first_date} ({})",
                ids.len(),
                first_date.weekday()
            ),
        },
        ctx.now,
    )
    .await?;
    Ok(ids)
}

pub async fn withdraw_offer(ctx: &Ctx, tx: &mut Tx, id: AssignmentId) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    if store::assignment_organisation(tx.c(), id).await? != Some(organisation) {
        return Err(AppError::NotFound);
    }
    if !store::withdraw(tx.c(), id).await? {
        return Err(AppError::OfferNotOpen);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::OfferWithdrawn,
            subject: "assignment",
            subject_id: Some(id.0),
            detail: String::new(),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

pub async fn matching_profile(
    ctx: &Ctx,
    conn: &mut Conn,
    worker_id: WorkerId,
) -> Result<MatchingProfile, AppError> {
    let organisation = ctx.caller.staff()?;
    our_worker(conn.c(), organisation, worker_id).await?;
    Ok(MatchingProfile {
        skills: store::skills(conn.c(), worker_id).await?,
        availability: store::availability(conn.c(), worker_id).await?,
    })
}

pub async fn set_matching_profile(
    ctx: &Ctx,
    tx: &mut Tx,
    worker_id: WorkerId,
    profile: MatchingProfile,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    our_worker(tx.c(), organisation, worker_id).await?;
    let mut skills = profile.skills.clone();
    skills.sort();
    skills.dedup();
    for skill in &skills {
        if crate::activities::store::organisation_of(tx.c(), *skill).await? != Some(organisation) {
            return Err(AppError::Invalid(Field::Activity));
        }
    }
    let availability = check_slots(&profile.availability)?;
    store::replace_profile(tx, worker_id, &skills, &availability).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::WorkerChanged,
            subject: "worker",
            subject_id: Some(worker_id.0),
            detail: format!("skills {skills:?}, available {availability:?}"),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

pub async fn list_requests(
    ctx: &Ctx,
    conn: &mut Conn,
) -> Result<Vec<super::RequestLine>, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(store::list(conn.c(), organisation).await?)
}
