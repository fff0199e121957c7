//! The worker's answers to offers. An offer is made to one worker; the answer records who
//! answered and when, and is refused once the offer was withdrawn (409) or given to someone
//! else (404: it is no longer theirs).

use super::{AssignmentDetail, AssignmentStatus, MyAssignments, store};
use crate::audit::{self, Action, Event};
use crate::db::{Conn, Tx};
use crate::error::{AppError, Field};
use crate::ids::AssignmentId;
use crate::request::Ctx;

/// Opdrachten: the worker's offers, what is coming and the last ones done.
pub async fn my_assignments(ctx: &Ctx, conn: &mut Conn) -> Result<MyAssignments, AppError> {
    let worker = ctx.caller.worker()?;
    let today = crate::clock::local_date(ctx.now);
    Ok(MyAssignments {
        today,
        server_now_ms: ctx.now.timestamp_millis(),
        offers: store::offers_for_worker(conn.c(), worker).await?,
        upcoming: store::upcoming_for_worker(conn.c(), worker, today, 50).await?,
        past: store::past_for_worker(conn.c(), worker, today, 30).await?,
    })
}

/// One of the worker's assignments with their prestaties on it.
pub async fn my_assignment(
    ctx: &Ctx,
    conn: &mut Conn,
    assignment_id: AssignmentId,
) -> Result<AssignmentDetail, AppError> {
    let worker = ctx.caller.worker()?;
    let assignment = store::card_for_worker(conn.c(), worker, assignment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries =
        crate::time_entries::store::mine_on_assignment(conn.c(), worker, assignment_id).await?;
    Ok(AssignmentDetail {
        today: crate::clock::local_date(ctx.now),
        assignment,
        entries,
    })
}

/// The longest reason for declining we keep.
pub const MAX_DECLINE_REASON_CHARS: usize = 500;

pub async fn accept_offer(
    ctx: &Ctx,
    tx: &mut Tx,
    assignment_id: AssignmentId,
) -> Result<(), AppError> {
    answer(ctx, tx, assignment_id, AssignmentStatus::Accepted, None).await
}

pub async fn decline_offer(
    ctx: &Ctx,
    tx: &mut Tx,
    assignment_id: AssignmentId,
    reason: String,
) -> Result<(), AppError> {
    ctx.caller.worker()?;
    let reason = reason.trim();
    if reason.chars().count() > MAX_DECLINE_REASON_CHARS {
        return Err(AppError::Invalid(Field::DeclineReason));
    }
    let reason = (!reason.is_empty()).then_some(reason);
    answer(ctx, tx, assignment_id, AssignmentStatus::Declined, reason).await
}

async fn answer(
    ctx: &Ctx,
    tx: &mut Tx,
    assignment_id: AssignmentId,
    answer: AssignmentStatus,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let worker = ctx.caller.worker()?;
    let answered = store::answer_offer(
        tx.c(),
        assignment_id,
        worker,
        answer,
        reason,
        ctx.caller.account,
        ctx.now,
    )
    .await?;
    if !answered {
        return Err(
            match store::status_for_worker(tx.c(), worker, assignment_id).await? {
                // Given to someone else meanwhile (or never this worker's): not theirs.
                None => AppError::NotFound,
                // Withdrawn, or answered already (on another device).
                Some(_) => AppError::OfferNotOpen,
            },
        );
    }
    let action = match answer {
        AssignmentStatus::Accepted => Action::OfferAccepted,
        _ => Action::OfferDeclined,
    };
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(ctx.caller.organisation),
            account_id: Some(ctx.caller.account),
            action,
            subject: "assignment",
            subject_id: Some(assignment_id.0),
            detail: String::new(),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// The week plan: the Monday of `day`'s week (Brussels today without one) and seven days.
pub async fn week_plan(
    ctx: &Ctx,
    conn: &mut Conn,
    day: Option<chrono::NaiveDate>,
    municipality_id: Option<crate::ids::MunicipalityId>,
) -> Result<super::WeekPlan, AppError> {
    use chrono::{Datelike, Duration};
    let organisation = ctx.caller.staff()?;
    let today = crate::clock::local_date(ctx.now);
    let day = day.unwrap_or(today);
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let items = store::plan(
        conn.c(),
        organisation,
        monday,
        monday + Duration::days(7),
        municipality_id,
    )
    .await?;
    Ok(super::WeekPlan {
        monday,
        today,
        items,
    })
}
