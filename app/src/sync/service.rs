//! Applying the phone's actions exactly once.
//!
//! Per sync, one transaction: lock the worker's row (one delivery at a time per worker, on
//! both databases); then per action, in tap order, look for its UUID (a replay answers what
//! was stored), apply the effect inside a savepoint at the time of the tap, and store the UUID
//! with the outcome. If the rules refuse the effect, the savepoint is rolled back and the
//! refusal is stored instead: a replay answers the same refusal, and the coordinator sees it.
//! A failure of the database itself fails the whole sync: nothing of it is stored, and the
//! phone sends it all again (each action then counts once, as if the first try never came).
//!
//! One transaction per sync, not per action: a phone that was offline sends a Start and its
//! Stop together, and on SQLite every statement is a round trip to the one writer's thread
//! (BENCHMARKS.md: those round trips, not the SQL, are where a sync's time goes).

use chrono::{DateTime, Utc};

use super::store::{self, NewRecord};
use super::{
    Action, ActionId, ActionKind, ActionResult, Batch, ClockRef, MAX_BATCH, RefusedAction,
    SyncAnswer,
};
use crate::db::{Conn, Db, Tx};
use crate::error::{AppError, Field};
use crate::ids::EntryId;
use crate::request::Ctx;
use crate::workers::service::me;
use crate::workers::store::{self as workers, Worker};
use crate::{assignments, clock, time_entries};

/// How far a tap may lie in the future (after correcting the phone's clock) before it is
/// suspect: a phone whose clock jumped back between tap and send.
pub const MAX_SKEW_MS: i64 = 2 * 60 * 1000;
/// The oldest tap still applied: older ones go to the coordinator.
pub const MAX_AGE_MS: i64 = 7 * 24 * 60 * 60 * 1000;

pub async fn sync(ctx: &Ctx, db: &Db, batch: Batch) -> Result<SyncAnswer, AppError> {
    ctx.caller.worker()?;
    if batch.actions.len() > MAX_BATCH {
        return Err(AppError::Invalid(Field::Form));
    }
    // The phone's clock against ours, measured at this sync (the network's delay is small
    // next to what it corrects: a phone set minutes or hours wrong).
    let offset_ms = ctx.now.timestamp_millis() - batch.sent_at_ms;
    let mut actions = batch.actions;
    // Tap order; a stable sort keeps the phone's order for taps in the same millisecond.
    actions.sort_by_key(|a| a.tapped_at_ms);
    let mut tx = db.begin().await?;
    let worker = me(tx.c(), ctx).await?;
    workers::lock(tx.c(), worker.id).await?;
    let mut results = Vec::with_capacity(actions.len());
    for action in &actions {
        let result = deliver(ctx, &mut tx, &worker, action, offset_ms, &results).await?;
        results.push(result);
    }
    tx.commit().await?;
    Ok(SyncAnswer {
        server_now_ms: ctx.now.timestamp_millis(),
        results,
    })
}

/// The time a tap counts at, or `None` when it lies outside the bounds.
pub fn tap_time(tapped_at_ms: i64, offset_ms: i64, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let now_ms = now.timestamp_millis();
    let at = tapped_at_ms.saturating_add(offset_ms);
    if at > now_ms + MAX_SKEW_MS || at < now_ms - MAX_AGE_MS {
        return None;
    }
    // Within the skew: never later than now.
    Some(clock::from_ms(at.min(now_ms)))
}

/// One action, in the sync's transaction; `earlier` holds what this sync delivered before it.
async fn deliver(
    ctx: &Ctx,
    tx: &mut Tx,
    worker: &Worker,
    action: &Action,
    offset_ms: i64,
    earlier: &[ActionResult],
) -> Result<ActionResult, AppError> {
    if let Some(done) = store::find(tx.c(), action.id).await? {
        return Ok(if done.account_id == ctx.caller.account {
            done.result()
        } else {
            // Another account's UUID: say nothing about it, store nothing.
            refused(action, AppError::NotFound)
        });
    }
    let at = tap_time(action.tapped_at_ms, offset_ms, ctx.now);
    tx.savepoint().await?;
    let effect = match at {
        Some(at) => {
            let at_tap = Ctx {
                caller: ctx.caller,
                now: at,
            };
            apply(&at_tap, tx, &action.kind, earlier).await
        }
        None => Err(AppError::TapTime),
    };
    let (entry_id, problem) = match effect {
        Ok(entry_id) => {
            tx.release_savepoint().await?;
            (entry_id, None)
        }
        Err(e) if e.is_transient() => return Err(e),
        Err(e) => {
            tx.rollback_to_savepoint().await?;
            (None, Some(e))
        }
    };
    let record = NewRecord {
        organisation_id: worker.organisation_id,
        account_id: ctx.caller.account,
        worker_id: worker.id,
        action,
        phone_offset_ms: offset_ms,
        tapped_at: at.unwrap_or(ctx.now),
        received_at: ctx.now,
        entry_id,
        problem: problem.as_ref(),
    };
    match store::insert(tx.c(), &record).await {
        Ok(()) => {}
        // Delivered meanwhile by a transaction that did not wait on this worker's row (the
        // same UUID from another account's phone; the unique key is the last line of
        // defence): nothing of this sync is kept, and when the phone sends it again the
        // stored answer is found.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::Unavailable);
        }
        Err(e) => return Err(e.into()),
    }
    Ok(ActionResult {
        id: action.id,
        entry_id,
        problem,
    })
}

fn refused(action: &Action, problem: AppError) -> ActionResult {
    ActionResult {
        id: action.id,
        entry_id: None,
        problem: Some(problem),
    }
}

/// The effect of one action, through the same use cases the buttons used before the outbox:
/// the same checks, the same audit lines. Answers the prestatie it is about, if any.
async fn apply(
    ctx: &Ctx,
    tx: &mut Tx,
    kind: &ActionKind,
    earlier: &[ActionResult],
) -> Result<Option<EntryId>, AppError> {
    use time_entries::service as entries;
    Ok(match kind {
        ActionKind::Start { assignment_id } => {
            Some(entries::start_clock(ctx, tx, *assignment_id).await?)
        }
        ActionKind::Pause { clock } => {
            let entry = running_entry(ctx, tx, *clock, earlier).await?;
            entries::pause_clock(ctx, tx, entry).await?;
            Some(entry)
        }
        ActionKind::Resume { clock } => {
            let entry = running_entry(ctx, tx, *clock, earlier).await?;
            entries::resume_clock(ctx, tx, entry).await?;
            Some(entry)
        }
        ActionKind::Stop {
            clock,
            cap_at_limit,
        } => {
            let entry = running_entry(ctx, tx, *clock, earlier).await?;
            entries::stop_clock(ctx, tx, entry, *cap_at_limit).await?;
            Some(entry)
        }
        ActionKind::Cancel { clock } => {
            let entry = running_entry(ctx, tx, *clock, earlier).await?;
            entries::cancel_clock(ctx, tx, entry).await?;
            Some(entry)
        }
        ActionKind::EnterHours {
            assignment_id,
            hours,
        } => Some(entries::enter_hours(ctx, tx, *assignment_id, hours.clone()).await?),
        ActionKind::Accept { assignment_id } => {
            assignments::service::accept_offer(ctx, tx, *assignment_id).await?;
            None
        }
        ActionKind::Decline {
            assignment_id,
            reason,
        } => {
            assignments::service::decline_offer(ctx, tx, *assignment_id, reason.clone()).await?;
            None
        }
    })
}

/// The prestatie a clock action is about: named, or made by a Start delivered before it (in
/// this sync, or an earlier one). A Start that was refused made no clock: the action finds
/// nothing running.
async fn running_entry(
    ctx: &Ctx,
    tx: &mut Tx,
    clock: ClockRef,
    earlier: &[ActionResult],
) -> Result<EntryId, AppError> {
    match clock {
        ClockRef::Entry(id) => Ok(id),
        // Delivered in this sync: its answer is at hand.
        ClockRef::Start(start) => match earlier.iter().find(|r| r.id == start) {
            Some(done) => done.entry_id.ok_or(AppError::NotRunning),
            None => store::find(tx.c(), start)
                .await?
                .filter(|s| s.account_id == ctx.caller.account)
                .and_then(|s| s.entry_id)
                .ok_or(AppError::NotRunning),
        },
    }
}

pub async fn refused_actions(ctx: &Ctx, conn: &mut Conn) -> Result<Vec<RefusedAction>, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(store::refused_for_review(conn.c(), organisation).await?)
}

/// Afgehandeld: the bemiddelaar dealt with a refused phone action (entered the hours, called
/// the worker, ...): it leaves Te bekijken, audited. One of another organisation, or handled
/// already, is not found.
pub async fn handle_refusal(ctx: &Ctx, tx: &mut Tx, action_id: ActionId) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let by = ctx.caller.account;
    if !store::mark_handled(tx.c(), action_id, organisation, by, ctx.now).await? {
        return Err(AppError::NotFound);
    }
    crate::audit::record(
        tx.c(),
        crate::audit::Event {
            organisation_id: Some(organisation),
            account_id: Some(by),
            action: crate::audit::Action::PhoneActionHandled,
            subject: "sync_action",
            subject_id: None,
            detail: action_id.to_string(),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}
