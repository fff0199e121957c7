//! The prestatie use cases. Each gets the caller, the transaction (or a connection for reads)
//! and the request's `now`; every write checks, changes and audits in that one transaction, or
//! does nothing at all. Checks that a second request could race (balance, limits, the running
//! clock) run after locking the owning row (see `db.rs`).

use chrono::{DateTime, Utc};

use super::store::{self, NewEntry, RunningClockRow};
use super::{Agreement, Confirmed, EntrySource, EntryStatus, Hours, ReviewItem, Stopped};
use crate::audit::{self, Action, Event};
use crate::cheques::service as cheques;
use crate::clients::store as clients;
use crate::db::{Conn, Db, Tx};
use crate::error::{AppError, Field};
use crate::i18n::hm;
use crate::ids::{AssignmentId, EntryId, OrganisationId};
use crate::request::Ctx;
use crate::workers::service::me;
use crate::workers::store::{self as workers, Worker};
use crate::{assignments, clock, rules};

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
            pause_minutes: 0,
            km: 0,
            note: String::new(),
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
    // A Stop during a pause ends the pause too.
    let pause = pause_until(entry.pause_minutes, entry.paused_at, ctx.now);
    let worked = worked_minutes(entry.started_at, ctx.now, pause);

    // Forgotten overnight: keep every minute, but let a coordinator decide what counts (a held
    // prestatie counts against the limits only once settled, and settling checks them).
    if rules::needs_review(worked) {
        let status = EntryStatus::Review;
        if !store::stop(tx.c(), entry.id, ctx.now, worked, pause, status).await? {
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
    let status = EntryStatus::Submitted;
    if !store::stop(tx.c(), entry.id, ctx.now, minutes, pause, status).await? {
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

/// A clock's pause minutes if its pause (if any) ends at `at`.
fn pause_until(counted: i64, paused_at: Option<DateTime<Utc>>, at: DateTime<Utc>) -> i64 {
    rules::pause_minutes_at(
        counted,
        paused_at.map(|p| p.timestamp_millis()),
        at.timestamp_millis(),
    )
}

/// Minutes worked from `start` to `end` less `pause` minutes: a started minute counts, and a
/// stopped clock is never less than one minute.
fn worked_minutes(start: DateTime<Utc>, end: DateTime<Utc>, pause: i64) -> i64 {
    (rules::clocked_minutes((end - start).num_seconds()) - pause).max(1)
}

/// Pauze: the running clock stops counting until Verder.
pub async fn pause_clock(ctx: &Ctx, tx: &mut Tx, entry_id: EntryId) -> Result<(), AppError> {
    let (worker, entry) = my_running_entry(ctx, tx, entry_id).await?;
    if !store::pause(tx.c(), entry.id, ctx.now).await? {
        return Err(AppError::PauseState);
    }
    let org = worker.organisation_id;
    audit_entry(tx, ctx, org, Action::ClockPause, entry.id, String::new()).await
}

/// Verder: the pause ends; its whole minutes count as pause.
pub async fn resume_clock(ctx: &Ctx, tx: &mut Tx, entry_id: EntryId) -> Result<(), AppError> {
    let (worker, entry) = my_running_entry(ctx, tx, entry_id).await?;
    if entry.paused_at.is_none() {
        return Err(AppError::PauseState);
    }
    let minutes = pause_until(0, entry.paused_at, ctx.now);
    if !store::resume(tx.c(), entry.id, minutes).await? {
        return Err(AppError::PauseState);
    }
    let detail = format!("pause {minutes} min");
    let org = worker.organisation_id;
    audit_entry(tx, ctx, org, Action::ClockResume, entry.id, detail).await
}

/// The longest note or reason the worker can write with their hours.
pub const MAX_NOTE_CHARS: usize = 500;

/// Everything the rules ask of hours entered or changed by the worker, checked with their row
/// locked: the assignment is theirs and accepted and planned around that day, the trajectory
/// runs, the hours can be right (past, ordered, pause inside, at most 12 hours, no overlap with
/// another of their prestaties) and stay within the month and year. `except` is the prestatie
/// being changed (its own minutes and time do not count against itself).
async fn check_hours(
    ctx: &Ctx,
    tx: &mut Tx,
    worker: &Worker,
    assignment_id: AssignmentId,
    hours: &Hours,
    except: Option<&store::Entry>,
) -> Result<NewEntry, AppError> {
    if hours.note.trim().chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::Invalid(Field::Note));
    }
    // New hours only on an accepted assignment; a prestatie changed keeps its own, finished
    // since or not.
    let assignment = match except {
        Some(old) if old.assignment_id == assignment_id => {
            assignments::store::worked_for_worker(tx.c(), worker.id, assignment_id).await?
        }
        _ => assignments::store::accepted_for_worker(tx.c(), worker.id, assignment_id).await?,
    }
    .ok_or(AppError::Invalid(Field::Assignment))?;
    // The day must be around the planned one, when it is set now (a change that keeps the
    // day, e.g. a bemiddelaar's correction, was judged when it was recorded).
    let day_kept = except.is_some_and(|old| old.work_date == hours.date);
    if !day_kept && !rules::may_start_on(assignment.planned_date, hours.date) {
        return Err(AppError::NotPlannedToday {
            planned: assignment.planned_date,
        });
    }
    rules::check_trajectory(worker.trajectory(), hours.date).map_err(AppError::Limit)?;
    let others = store::spans_near(tx.c(), worker.id, hours.date, except.map(|e| e.id)).await?;
    let minutes = hours
        .check(ctx.now.timestamp_millis(), &others)
        .map_err(AppError::Entry)?;
    check_limits(tx, worker.id, hours.date, minutes, except).await?;
    let span = hours.span();
    Ok(NewEntry {
        organisation_id: worker.organisation_id,
        assignment_id,
        worker_id: worker.id,
        work_date: hours.date,
        started_at: clock::from_ms(span.start_ms),
        ended_at: span.end_ms.map(clock::from_ms),
        minutes: Some(minutes),
        pause_minutes: hours.pause_minutes,
        km: hours.km,
        note: hours.note.trim().to_string(),
        status: EntryStatus::Submitted,
        source: EntrySource::Manual,
    })
}

/// Would `minutes` on `day` stay within the worker's month and year (the worker's row locked)?
/// `replacing`: the prestatie these minutes replace, whose old minutes go if they counted.
/// Every path that makes minutes count passes here: hours entered or changed, a correction, a
/// held or disputed prestatie confirmed on behalf of the gebruiker (a clock's Stop checks the
/// same rule with its cap).
async fn check_limits(
    tx: &mut Tx,
    worker: crate::ids::WorkerId,
    day: chrono::NaiveDate,
    minutes: i64,
    replacing: Option<&store::Entry>,
) -> Result<(), AppError> {
    let mut usage = workers::usage(tx.c(), worker, day).await?;
    if let Some(old) = replacing.filter(|old| old.status.counts_against_limits()) {
        usage = usage.without(old.minutes.unwrap_or(0), old.work_date, day);
    }
    rules::check_new_minutes(usage, minutes).map_err(AppError::Limit)
}

/// Achteraf ingeven: hours worked, entered afterwards; they wait for the gebruiker.
pub async fn enter_hours(
    ctx: &Ctx,
    tx: &mut Tx,
    assignment_id: AssignmentId,
    hours: Hours,
) -> Result<EntryId, AppError> {
    let worker = me(tx.c(), ctx).await?;
    // One transaction at a time checks this worker's hours and time (limits, overlap).
    workers::lock(tx.c(), worker.id).await?;
    let new = check_hours(ctx, tx, &worker, assignment_id, &hours, None).await?;
    let detail = describe(&new);
    let org = new.organisation_id;
    let entry_id = store::insert(tx.c(), new, ctx.now).await?;
    audit_entry(tx, ctx, org, Action::EntryEntered, entry_id, detail).await?;
    Ok(entry_id)
}

/// Verbeteren: the worker changes an own prestatie until the gebruiker confirmed it.
pub async fn change_entry(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    hours: Hours,
    reason: String,
) -> Result<(), AppError> {
    let worker = me(tx.c(), ctx).await?;
    workers::lock(tx.c(), worker.id).await?;
    let old = store::for_worker(tx.c(), entry_id, worker.id)
        .await?
        .ok_or(AppError::NotFound)?;
    // A bemiddelaar's correction is not the worker's to change again.
    if !old.status.changeable_by_worker() || old.revision > 0 {
        return Err(AppError::EntryLocked);
    }
    let reason = reason.trim();
    let today = clock::local_date(ctx.now);
    let needs_reason = rules::change_needs_reason(old.work_date, today)
        || rules::change_needs_reason(hours.date, today);
    if (needs_reason && reason.chars().count() < 3) || reason.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::Invalid(Field::ChangeReason));
    }
    let new = check_hours(ctx, tx, &worker, old.assignment_id, &hours, Some(&old)).await?;
    if !store::change_hours(tx.c(), old.id, &new, ctx.now).await? {
        return Err(AppError::EntryLocked);
    }
    let before = describe_entry(&old);
    let after = describe(&new);
    let detail = if reason.is_empty() {
        format!("before: {before}; after: {after}")
    } else {
        format!("before: {before}; after: {after}; reason: {reason}")
    };
    let org = worker.organisation_id;
    audit_entry(tx, ctx, org, Action::EntryChanged, old.id, detail).await
}

/// "2026-12-01 09:00–12:00, pause 15 min, 180 min, 12 km" for the audit trail.
fn describe(e: &NewEntry) -> String {
    describe_parts(
        e.started_at,
        e.ended_at,
        e.pause_minutes,
        e.minutes,
        e.km,
        e.status,
    )
}

fn describe_entry(e: &store::Entry) -> String {
    describe_parts(
        e.started_at,
        e.ended_at,
        e.pause_minutes,
        e.minutes,
        e.km,
        e.status,
    )
}

fn describe_parts(
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    pause: i64,
    minutes: Option<i64>,
    km: i64,
    status: EntryStatus,
) -> String {
    let end = end.map_or("…".to_string(), |e| hm(clock::local_time(e)));
    format!(
        "{} {}–{end}, pause {pause} min, {} min, {km} km, {}",
        clock::local_date(start),
        hm(clock::local_time(start)),
        minutes.unwrap_or(0),
        status.as_str(),
    )
}

/// Vergeten te stoppen: close every clock that ran past its organisation's maximum, at the
/// planned end, and hold it for a coordinator. Safe to run again and from several server
/// processes at once: each closure is a guarded update of a running clock (only one
/// transaction can turn it from running into anything), and the audit line is written in that
/// same transaction only when this run closed it. Returns how many this run closed.
pub async fn close_forgotten(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    // The shortest maximum any organisation may set; each clock is judged by its own below.
    let earliest = now - chrono::Duration::minutes(60);
    let candidates = {
        let mut conn = db.conn().await?;
        store::running_since_before(conn.c(), earliest).await?
    };
    let mut closed = 0;
    for clock in candidates {
        let limit = chrono::Duration::minutes(clock.forgotten_close_minutes);
        if now - clock.started_at < limit {
            continue;
        }
        let mut tx = db.begin().await?;
        if close_one(&mut tx, &clock, now).await? {
            closed += 1;
        }
        tx.commit().await?;
    }
    Ok(closed)
}

/// Automatische bevestiging: every prestatie its gebruiker left unanswered for the
/// organisation's days (`rules::auto_confirm_on`) is confirmed, and paid from the gebruiker's
/// cheques; without enough, it is confirmed and waits for cheques (`cheques_owed`), for the
/// bemiddelaar and the gebruiker to see. Safe to run again and from several server processes
/// at once, and against a gebruiker confirming at that moment: each runs in a transaction with
/// the gebruiker's row locked (the one lock every payment takes), and only the transaction
/// that turns the prestatie from waiting into confirmed pays and audits it. Returns how many
/// this run confirmed.
pub async fn confirm_unanswered(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let today = clock::local_date(now);
    // The shortest wait any organisation may set; each prestatie is judged by its own below.
    let candidates = {
        let mut conn = db.conn().await?;
        store::unanswered_since_before(conn.c(), now - chrono::Duration::days(1)).await?
    };
    let mut confirmed = 0;
    for entry in candidates {
        let submitted_on = clock::local_date(entry.submitted_at);
        if today < rules::auto_confirm_on(submitted_on, entry.auto_confirm_days) {
            continue;
        }
        let mut tx = db.begin().await?;
        if confirm_one_unanswered(&mut tx, &entry, now).await? {
            confirmed += 1;
        }
        tx.commit().await?;
    }
    Ok(confirmed)
}

async fn confirm_one_unanswered(
    tx: &mut Tx,
    entry: &store::Unanswered,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if !clients::lock(tx.c(), entry.client_id).await? {
        return Ok(false);
    }
    let needed = rules::cheques_for(entry.minutes);
    let (organisation, client) = (entry.organisation_id, entry.client_id);
    let balance = cheques::usable_balance(tx, organisation, client, now).await?;
    let owed = rules::cheques_owed(balance, needed);
    if !store::confirm_automatically(tx.c(), entry.id, owed, now).await? {
        // Answered meanwhile, by the gebruiker or by this job in another process.
        return Ok(false);
    }
    if owed == 0 {
        cheques::pay(tx, organisation, client, entry.id, needed, None, now).await?;
    }
    let detail = payment_detail(needed, owed, balance);
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(entry.organisation_id),
            account_id: None,
            action: Action::EntryAutoConfirm,
            subject: "time_entry",
            subject_id: Some(entry.id.0),
            detail,
        },
        now,
    )
    .await?;
    Ok(true)
}

/// When the phone should ask "vergeten te stoppen?": the planned end plus the margin.
pub fn remind_at(clock: &RunningClockRow) -> DateTime<Utc> {
    planned_end(clock) + chrono::Duration::minutes(clock.forgotten_reminder_minutes)
}

pub fn planned_end(clock: &RunningClockRow) -> DateTime<Utc> {
    let planned_start = clock
        .planned_start
        .map(|t| clock::instant(clock.planned_date, t).timestamp_millis());
    clock::from_ms(rules::planned_end_ms(
        planned_start,
        clock.planned_minutes,
        clock.started_at.timestamp_millis(),
    ))
}

async fn close_one(
    tx: &mut Tx,
    clock: &RunningClockRow,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let end = planned_end(clock).min(now);
    let pause = pause_until(clock.pause_minutes, clock.paused_at, end);
    let minutes = worked_minutes(clock.started_at, end, pause);
    let status = EntryStatus::Review;
    if !store::stop(tx.c(), clock.id, end, minutes, pause, status).await? {
        // Stopped meanwhile, by the worker or another server process: nothing to do.
        return Ok(false);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(clock.organisation_id),
            account_id: None,
            action: Action::ClockClosedForgotten,
            subject: "time_entry",
            subject_id: Some(clock.id.0),
            detail: format!("closed at the planned end, {minutes} min, held for review"),
        },
        now,
    )
    .await?;
    Ok(true)
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

/// The calling gebruiker, with their row locked for the rest of `tx`: one transaction at a
/// time checks and debits their cheques.
async fn locked_client(ctx: &Ctx, tx: &mut Tx) -> Result<clients::Client, AppError> {
    let client_id = ctx.caller.client()?;
    if !clients::lock(tx.c(), client_id).await? {
        return Err(AppError::NotFound);
    }
    clients::by_id(tx.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The gebruiker's own prestatie waiting for them, inside `tx`, with their row locked.
async fn client_entry(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
) -> Result<(clients::Client, store::Entry), AppError> {
    let client = locked_client(ctx, tx).await?;
    // Another gebruiker's prestatie, in this organisation or another, is simply not found.
    let entry = store::for_client(tx.c(), entry_id, client.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.status != EntryStatus::Submitted {
        return Err(AppError::AlreadyDecided);
    }
    Ok((client, entry))
}

/// The gebruiker confirms a prestatie. Their valid cheques pay it, oldest first; without
/// enough of them it is confirmed all the same and waits for cheques: the next purchase pays
/// it (the decree's confirmation is the gebruiker's word that the work was done).
pub async fn confirm(ctx: &Ctx, tx: &mut Tx, entry_id: EntryId) -> Result<Confirmed, AppError> {
    let (client, entry) = client_entry(ctx, tx, entry_id).await?;
    let needed = rules::cheques_for(entry.minutes.unwrap_or(0));
    let balance = cheques::usable_balance(tx, client.organisation_id, client.id, ctx.now).await?;
    let cheques_owed = confirm_and_pay(ctx, tx, &client, entry.id, needed, balance).await?;
    let paid = needed - cheques_owed;
    Ok(Confirmed {
        balance: balance - paid,
        cheques_owed,
    })
}

/// Alles bevestigen: the prestaties the gebruiker saw on the screen (`entry_ids`), in one
/// transaction: all of those still waiting are confirmed; the cheques pay the oldest work
/// first and what they do not cover waits for cheques. One decided meanwhile (in another tab)
/// is left as it is; a prestatie that is not theirs refuses the whole. Answers how many were
/// confirmed, how many wait for cheques and the new balance.
pub async fn confirm_all(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_ids: Vec<EntryId>,
) -> Result<super::ConfirmedAll, AppError> {
    ctx.caller.client()?;
    if entry_ids.is_empty() || entry_ids.len() > 200 {
        return Err(AppError::Invalid(Field::Entries));
    }
    let client = locked_client(ctx, tx).await?;
    let mut waiting = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in entry_ids {
        if !seen.insert(id) {
            continue;
        }
        let entry = store::for_client(tx.c(), id, client.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if entry.status == EntryStatus::Submitted {
            let needed = rules::cheques_for(entry.minutes.unwrap_or(0));
            waiting.push((entry.work_date, entry.started_at, entry.id, needed));
        }
    }
    waiting.sort();
    let mut balance =
        cheques::usable_balance(tx, client.organisation_id, client.id, ctx.now).await?;
    let mut done = super::ConfirmedAll::default();
    for &(_, _, entry, needed) in &waiting {
        let owed = confirm_and_pay(ctx, tx, &client, entry, needed, balance).await?;
        balance -= needed - owed;
        done.confirmed += 1;
        if owed > 0 {
            done.waiting_for_cheques += 1;
            done.cheques_owed += owed;
        }
    }
    done.balance = balance;
    Ok(done)
}

/// The audit trail's words for a confirmation's payment, by hand or automatic alike.
fn payment_detail(needed: i64, owed: i64, balance: i64) -> String {
    if owed > 0 {
        format!("{needed} cheques owed: balance {balance}")
    } else {
        format!("{needed} cheques")
    }
}

/// Confirm a waiting prestatie in the caller's transaction (the gebruiker's row locked, so
/// `balance` is still true): its cheques are debited when `balance` covers them — exactly one
/// payment per prestatie — or it waits for them. Answers the cheques it waits for.
async fn confirm_and_pay(
    ctx: &Ctx,
    tx: &mut Tx,
    client: &clients::Client,
    entry: EntryId,
    needed: i64,
    balance: i64,
) -> Result<i64, AppError> {
    let cheques_owed = rules::cheques_owed(balance, needed);
    let decision = store::Decision {
        status: EntryStatus::Confirmed,
        dispute_reason: None,
        cheques_owed,
    };
    if !store::decide(tx.c(), entry, decision, ctx.caller.account, ctx.now).await? {
        return Err(AppError::AlreadyDecided);
    }
    if cheques_owed == 0 {
        let by = Some(ctx.caller.account);
        let (organisation, client) = (client.organisation_id, client.id);
        cheques::pay(tx, organisation, client, entry, needed, by, ctx.now).await?;
    }
    let detail = payment_detail(needed, cheques_owed, balance);
    let organisation = client.organisation_id;
    audit_entry(tx, ctx, organisation, Action::EntryConfirm, entry, detail).await?;
    Ok(cheques_owed)
}

/// Te bekijken, for the organisation's bemiddelaars.
pub async fn review_queue(ctx: &Ctx, conn: &mut Conn) -> Result<Vec<ReviewItem>, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(store::to_review(conn.c(), organisation).await?)
}

/// A disputed or held prestatie confirmed by a bemiddelaar on behalf of the gebruiker, with a
/// reason: paid from the gebruiker's cheques like their own confirmation (or waiting for
/// cheques), in the one lock every payment takes, audited with the reason.
pub async fn confirm_on_behalf(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    reason: String,
) -> Result<Confirmed, AppError> {
    let organisation = ctx.caller.staff()?;
    let reason = checked_reason(&reason)?;
    confirm_one_on_behalf(ctx, tx, organisation, entry_id, reason)
        .await?
        .ok_or(AppError::AlreadyDecided)
}

/// Bevestig de geselecteerde: the simple cases of Te bekijken at once, with one reason, in one
/// transaction; one settled meanwhile is left as it is, and so is one whose minutes would pass
/// the worker's limits (counted in `over_limit`: nothing of it was written); one of another
/// organisation refuses the whole. Answers how many were confirmed and how many of those wait
/// for cheques.
pub async fn confirm_all_on_behalf(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_ids: Vec<EntryId>,
    reason: String,
) -> Result<super::ConfirmedAll, AppError> {
    let organisation = ctx.caller.staff()?;
    let reason = checked_reason(&reason)?;
    if entry_ids.is_empty() || entry_ids.len() > 200 {
        return Err(AppError::Invalid(Field::Entries));
    }
    let mut done = super::ConfirmedAll::default();
    let mut seen = std::collections::HashSet::new();
    for id in entry_ids {
        if !seen.insert(id) {
            continue;
        }
        match confirm_one_on_behalf(ctx, tx, organisation, id, reason).await {
            Ok(Some(one)) => {
                done.confirmed += 1;
                if one.cheques_owed > 0 {
                    done.waiting_for_cheques += 1;
                    done.cheques_owed += one.cheques_owed;
                }
            }
            Ok(None) => {}
            // Refused before anything of it was written (the limits are checked first).
            Err(AppError::Limit(_)) => done.over_limit += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// A settling reason: 3 to 500 characters, trimmed.
fn checked_reason(reason: &str) -> Result<&str, AppError> {
    let reason = reason.trim();
    if !(3..=500).contains(&reason.chars().count()) {
        return Err(AppError::Invalid(Field::SettleReason));
    }
    Ok(reason)
}

/// Confirm one disputed or held prestatie of `organisation` on behalf of its gebruiker; `None`
/// when it was settled already. Its minutes must fit the worker's month and year: a held one
/// did not count yet, so confirming it can be refused with what is left (then correct it).
async fn confirm_one_on_behalf(
    ctx: &Ctx,
    tx: &mut Tx,
    organisation: OrganisationId,
    entry_id: EntryId,
    reason: &str,
) -> Result<Option<Confirmed>, AppError> {
    let found = store::in_organisation(tx.c(), entry_id, organisation)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(found.status, EntryStatus::Disputed | EntryStatus::Review) {
        return Ok(None);
    }
    // The worker's hours and the gebruiker's cheques, locked in that order (as everywhere).
    workers::lock(tx.c(), found.worker_id).await?;
    if !clients::lock(tx.c(), found.client_id).await? {
        return Err(AppError::NotFound);
    }
    // Read again under the locks: what was settled meanwhile is seen.
    let entry = store::in_organisation(tx.c(), entry_id, organisation)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(entry.status, EntryStatus::Disputed | EntryStatus::Review) {
        return Ok(None);
    }
    let minutes = entry.minutes.unwrap_or(0);
    check_limits(tx, entry.worker_id, entry.work_date, minutes, Some(&entry)).await?;
    let needed = rules::cheques_for(minutes);
    let balance = cheques::usable_balance(tx, organisation, entry.client_id, ctx.now).await?;
    let owed = rules::cheques_owed(balance, needed);
    let by = ctx.caller.account;
    if !store::settle_confirmed(tx.c(), entry.id, owed, by, ctx.now).await? {
        // Settled by another bemiddelaar between the read and the lock.
        return Ok(None);
    }
    if owed == 0 {
        let client = entry.client_id;
        cheques::pay(
            tx,
            organisation,
            client,
            entry.id,
            needed,
            Some(by),
            ctx.now,
        )
        .await?;
    }
    let detail = format!(
        "on behalf of the gebruiker, was {}: {reason}; {}",
        entry.status.as_str(),
        payment_detail(needed, owed, balance)
    );
    let action = Action::EntryConfirmedOnBehalf;
    audit_entry(tx, ctx, organisation, action, entry.id, detail).await?;
    Ok(Some(Confirmed {
        balance: balance - (needed - owed),
        cheques_owed: owed,
    }))
}

/// The prestatie of the bemiddelaar's organisation that they settle, as they saw it
/// (`revision`), with its worker and gebruiker locked (in that order, as everywhere) for the
/// rest of `tx`.
async fn to_settle(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    revision: i64,
) -> Result<(OrganisationId, store::Entry), AppError> {
    let organisation = ctx.caller.staff()?;
    let found = store::in_organisation(tx.c(), entry_id, organisation)
        .await?
        .ok_or(AppError::NotFound)?;
    workers::lock(tx.c(), found.worker_id).await?;
    clients::lock(tx.c(), found.client_id).await?;
    // Read again under the locks: what another bemiddelaar settled meanwhile is seen.
    let entry = store::in_organisation(tx.c(), entry_id, organisation)
        .await?
        .ok_or(AppError::NotFound)?;
    // The revision the bemiddelaar saw: a correction by someone else meanwhile is not
    // overwritten unseen.
    let settleable = matches!(
        entry.status,
        EntryStatus::Disputed
            | EntryStatus::Review
            | EntryStatus::Confirmed
            | EntryStatus::Corrected
    );
    if !settleable || entry.revision != revision {
        return Err(AppError::AlreadyDecided);
    }
    // Paper cheques are with the issuer: nothing to give back, so the prestatie stays as paid.
    if store::paid_on_paper(tx.c(), entry.id).await? {
        return Err(AppError::PaidOnPaper);
    }
    Ok((organisation, entry))
}

/// Corrigeren: a bemiddelaar sets the start, end, pause and km of a prestatie (on its day),
/// with a reason (the limits and overlaps checked as for the worker, without its old hours).
/// Paid before? The payment is refunded: a row added to the ledger, none changed. Then, as
/// DOMAIN.md has it, the changed prestatie goes back to the gebruiker, who confirms or disputes
/// it (or it is confirmed automatically after the organisation's days, counted from now) —
/// unless the bemiddelaar records that the gebruiker agreed already, and how (phone, paper, at
/// the office): then it is settled as corrected and paid now, or waits for cheques. Audited
/// with before, after, the reason and the agreement.
#[allow(clippy::too_many_arguments)]
pub async fn correct(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    revision: i64,
    (start, end): (chrono::NaiveTime, chrono::NaiveTime),
    pause_minutes: i64,
    km: i64,
    reason: String,
    agreement: Agreement,
) -> Result<super::Corrected, AppError> {
    ctx.caller.staff()?;
    let reason = checked_reason(&reason)?;
    let (organisation, old) = to_settle(ctx, tx, entry_id, revision).await?;
    let worker = workers::by_id(tx.c(), old.worker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let hours = Hours {
        date: old.work_date,
        start,
        end,
        pause_minutes,
        km,
        note: old.note.clone(),
    };
    let new = check_hours(ctx, tx, &worker, old.assignment_id, &hours, Some(&old)).await?;
    let by = Some(ctx.caller.account);
    let client = old.client_id;
    let refunded = cheques::refund(tx, organisation, client, old.id, by, ctx.now).await?;
    let needed = rules::cheques_for(new.minutes.unwrap_or(0));
    let balance = cheques::usable_balance(tx, organisation, client, ctx.now).await?;
    let agreed_via = (agreement != Agreement::AskClient).then_some(agreement);
    let owed = match agreed_via {
        Some(_) => rules::cheques_owed(balance, needed),
        None => 0,
    };
    let status = match agreed_via {
        Some(_) => EntryStatus::Corrected,
        None => EntryStatus::Submitted,
    };
    let change = store::Correction {
        revision: old.revision,
        hours: &new,
        status,
        cheques_owed: owed,
        agreed_via,
    };
    if !store::correct(tx.c(), old.id, change, ctx.caller.account, ctx.now).await? {
        return Err(AppError::AlreadyDecided);
    }
    let paid = agreed_via.is_some() && owed == 0;
    if paid {
        cheques::pay(tx, organisation, client, old.id, needed, by, ctx.now).await?;
    }
    let settled = match agreed_via {
        Some(how) => format!(
            "agreed by the gebruiker ({}); {}",
            how.as_str(),
            payment_detail(needed, owed, balance)
        ),
        None => "sent back to the gebruiker to confirm".to_string(),
    };
    let detail = format!(
        "before: {}; after: {}; reason: {reason}; refunded {refunded}; {settled}",
        describe_entry(&old),
        describe(&NewEntry { status, ..new }),
    );
    audit_entry(
        tx,
        ctx,
        organisation,
        Action::EntryCorrected,
        old.id,
        detail,
    )
    .await?;
    Ok(super::Corrected {
        awaits_client: agreed_via.is_none(),
        balance: balance - if paid { needed } else { 0 },
        cheques_owed: owed,
    })
}

/// Afwijzen: a bemiddelaar finds a prestatie was not worked (or not as wijk-werk), with a
/// reason: it no longer counts against the worker's hours, owes nothing, and a payment is
/// refunded (a row added to the ledger). Audited with the reason.
pub async fn reject(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    revision: i64,
    reason: String,
) -> Result<(), AppError> {
    ctx.caller.staff()?;
    let reason = checked_reason(&reason)?;
    let (organisation, entry) = to_settle(ctx, tx, entry_id, revision).await?;
    let by = Some(ctx.caller.account);
    let client = entry.client_id;
    let refunded = cheques::refund(tx, organisation, client, entry.id, by, ctx.now).await?;
    let account = ctx.caller.account;
    if !store::reject(tx.c(), entry.id, entry.revision, account, ctx.now).await? {
        return Err(AppError::AlreadyDecided);
    }
    let detail = format!(
        "was {}: {reason}; refunded {refunded}",
        describe_entry(&entry)
    );
    audit_entry(
        tx,
        ctx,
        organisation,
        Action::EntryRejected,
        entry.id,
        detail,
    )
    .await
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
    let decision = store::Decision {
        status: EntryStatus::Disputed,
        dispute_reason: Some(reason),
        cheques_owed: 0,
    };
    let decided = store::decide(tx.c(), entry.id, decision, ctx.caller.account, ctx.now).await?;
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
