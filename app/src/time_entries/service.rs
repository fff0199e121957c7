//! The prestatie use cases. Each gets the caller, the transaction (or a connection for reads)
//! and the request's `now`; every write checks, changes and audits in that one transaction, or
//! does nothing at all. Checks that a second request could race (balance, limits, the running
//! clock) run after locking the owning row (see `db.rs`).

use super::store::{self, NewEntry};
use super::{EntrySource, EntryStatus, Stopped};
use crate::audit::{self, Action, Event};
use crate::cheques::store as cheques;
use crate::clients::store as clients;
use crate::db::Tx;
use crate::error::{AppError, Field};
use crate::ids::{AssignmentId, EntryId, OrganisationId};
use crate::request::Ctx;
use crate::workers::service::me;
use crate::workers::store::{self as workers, Worker};
use crate::{assignments, clock, organisations, rules};

pub async fn start_clock(
    ctx: &Ctx,
    tx: &mut Tx,
    assignment_id: AssignmentId,
) -> Result<EntryId, AppError> {
    let worker = me(tx.c(), ctx).await?;
    // One transaction at a time checks this worker's clock and hours.
    workers::lock(tx.c(), worker.id).await?;
    // Another worker's (or organisation's) assignment is simply not found.
    let assignment = assignments::store::accepted_for_worker(tx.c(), worker.id, assignment_id)
        .await?
        .ok_or(AppError::Invalid(Field::Assignment))?;
    let today = clock::local_date(ctx.now);
    if !rules::may_start_on(assignment.planned_date, today) {
        return Err(AppError::NotPlannedToday {
            planned: assignment.planned_date,
        });
    }
    if store::running_for_worker(tx.c(), worker.id)
        .await?
        .is_some()
    {
        return Err(AppError::AlreadyRunning);
    }
    let usage = workers::usage(tx.c(), worker.id, today).await?;
    rules::may_start(worker.trajectory(), usage, today).map_err(AppError::Limit)?;

    let inserted = store::insert(
        tx.c(),
        NewEntry {
            organisation_id: worker.organisation_id,
            assignment_id,
            worker_id: worker.id,
            work_date: today,
            started_at: ctx.now,
            ended_at: None,
            minutes: None,
            status: EntryStatus::Running,
            source: EntrySource::Clock,
        },
        ctx.now,
    )
    .await;
    let entry_id = match inserted {
        Ok(id) => id,
        // The unique index on running entries: the last line of defence.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::AlreadyRunning);
        }
        Err(e) => return Err(e.into()),
    };
    audit_entry(
        tx,
        ctx,
        worker.organisation_id,
        Action::ClockStart,
        entry_id,
        String::new(),
    )
    .await?;
    Ok(entry_id)
}

/// The caller's own running entry, with their row locked (hours and clock are checked by one
/// transaction at a time).
async fn my_running_entry(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
) -> Result<(Worker, store::Entry), AppError> {
    let worker = me(tx.c(), ctx).await?;
    workers::lock(tx.c(), worker.id).await?;
    let entry = store::for_worker(tx.c(), entry_id, worker.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.status != EntryStatus::Running {
        return Err(AppError::NotRunning);
    }
    Ok((worker, entry))
}

pub async fn stop_clock(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    cap_at_limit: bool,
) -> Result<Stopped, AppError> {
    let (worker, entry) = my_running_entry(ctx, tx, entry_id).await?;
    let worked = rules::clocked_minutes((ctx.now - entry.started_at).num_seconds());

    // Forgotten overnight: keep every minute, but let a coordinator decide what counts.
    if rules::needs_review(worked) {
        if !store::stop(tx.c(), entry.id, ctx.now, worked, EntryStatus::Review).await? {
            return Err(AppError::NotRunning);
        }
        let detail = format!("clock ran {worked} min");
        audit_entry(
            tx,
            ctx,
            worker.organisation_id,
            Action::ClockHeldForReview,
            entry.id,
            detail,
        )
        .await?;
        return Ok(Stopped {
            minutes: worked,
            held_for_review: true,
        });
    }

    let usage = workers::usage(tx.c(), worker.id, entry.work_date).await?;
    let (minutes, detail) = match rules::check_new_minutes(usage, worked) {
        Ok(()) => (worked, String::new()),
        Err(breach) => {
            let left = rules::minutes_left(usage);
            if !cap_at_limit || left <= 0 {
                return Err(AppError::Limit(breach));
            }
            // The real end time is kept; only the minutes that may count are counted.
            (
                left,
                format!("capped at limit: worked {worked} min, counted {left} min"),
            )
        }
    };
    if !store::stop(tx.c(), entry.id, ctx.now, minutes, EntryStatus::Submitted).await? {
        return Err(AppError::NotRunning);
    }
    audit_entry(
        tx,
        ctx,
        worker.organisation_id,
        Action::ClockStop,
        entry.id,
        detail,
    )
    .await?;
    Ok(Stopped {
        minutes,
        held_for_review: false,
    })
}

/// Undo a Start tapped by mistake, in its first minutes: the clock goes, no prestatie stays.
pub async fn cancel_clock(ctx: &Ctx, tx: &mut Tx, entry_id: EntryId) -> Result<(), AppError> {
    let (worker, entry) = my_running_entry(ctx, tx, entry_id).await?;
    let started_ms = entry.started_at.timestamp_millis();
    if !rules::may_cancel(started_ms, ctx.now.timestamp_millis()) {
        return Err(AppError::TooLateToCancel);
    }
    if !store::delete_running(tx.c(), entry.id).await? {
        return Err(AppError::NotRunning);
    }
    let seconds = (ctx.now - entry.started_at).num_seconds();
    let detail = format!("cancelled {seconds} s after the start");
    audit_entry(
        tx,
        ctx,
        worker.organisation_id,
        Action::ClockCancel,
        entry.id,
        detail,
    )
    .await
}

/// The audit line for something the caller did to a prestatie of `organisation`.
async fn audit_entry(
    tx: &mut Tx,
    ctx: &Ctx,
    organisation: OrganisationId,
    action: Action,
    entry_id: EntryId,
    detail: String,
) -> Result<(), AppError> {
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action,
            subject: "time_entry",
            subject_id: Some(entry_id.0),
            detail,
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// The gebruiker's own prestatie waiting for them, inside `tx`, with their row locked.
async fn client_entry(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
) -> Result<(clients::Client, store::Entry), AppError> {
    let client_id = ctx.caller.client()?;
    // One transaction at a time checks and debits this gebruiker's cheques.
    if !clients::lock(tx.c(), client_id).await? {
        return Err(AppError::NotFound);
    }
    let client = clients::by_id(tx.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Another gebruiker's prestatie, in this organisation or another, is simply not found.
    let entry = store::for_client(tx.c(), entry_id, client.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.status != EntryStatus::Submitted {
        return Err(AppError::AlreadyDecided);
    }
    Ok((client, entry))
}

pub async fn confirm(ctx: &Ctx, tx: &mut Tx, entry_id: EntryId) -> Result<i64, AppError> {
    let (client, entry) = client_entry(ctx, tx, entry_id).await?;
    let settings = organisations::settings(tx.c(), client.organisation_id).await?;
    let needed = rules::cheques_for(entry.minutes.unwrap_or(0), settings.cheque_rounding);
    let balance = cheques::balance(tx.c(), client.id).await?;
    if balance < needed {
        return Err(AppError::NotEnoughCheques { balance, needed });
    }
    let decided = store::decide(
        tx.c(),
        entry.id,
        EntryStatus::Confirmed,
        None,
        ctx.caller.account,
        ctx.now,
    )
    .await?;
    if !decided {
        return Err(AppError::AlreadyDecided);
    }
    if needed > 0 {
        let paid = cheques::append(
            tx.c(),
            cheques::Change {
                organisation_id: client.organisation_id,
                client_id: client.id,
                change: -needed,
                time_entry_id: Some(entry.id),
                created_by: Some(ctx.caller.account),
            },
            ctx.now,
        )
        .await;
        match paid {
            Ok(_) => {}
            // One payment per prestatie (unique index): the last line of defence.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(AppError::AlreadyDecided);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let detail = format!("{needed} cheques");
    audit_entry(
        tx,
        ctx,
        client.organisation_id,
        Action::EntryConfirm,
        entry.id,
        detail,
    )
    .await?;
    Ok(balance - needed)
}

pub async fn dispute(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    reason: String,
) -> Result<(), AppError> {
    ctx.caller.client()?;
    let reason = reason.trim();
    let length = reason.chars().count();
    if !(3..=500).contains(&length) {
        return Err(AppError::Invalid(Field::DisputeReason));
    }
    let (client, entry) = client_entry(ctx, tx, entry_id).await?;
    let decided = store::decide(
        tx.c(),
        entry.id,
        EntryStatus::Disputed,
        Some(reason),
        ctx.caller.account,
        ctx.now,
    )
    .await?;
    if !decided {
        return Err(AppError::AlreadyDecided);
    }
    let organisation = client.organisation_id;
    audit_entry(
        tx,
        ctx,
        organisation,
        Action::EntryDispute,
        entry.id,
        String::new(),
    )
    .await
}
