//! The wijk-werker's use cases that are not about one prestatie.

use super::store::{self as workers, Worker};
use super::{MyHours, Profile, WorkerDay};
use crate::db::{Conn, DbConn};
use crate::error::AppError;
use crate::request::Ctx;
use crate::time_entries::RunningClock;
use crate::time_entries::store;
use crate::{assignments, clock, organisations, rules};

/// The caller's own wijk-werker row (403 for anyone else).
pub(crate) async fn me(c: DbConn<'_>, ctx: &Ctx) -> Result<Worker, AppError> {
    workers::by_id(c, ctx.caller.worker()?)
        .await?
        .ok_or(AppError::NotFound)
}

/// How many of the last prestaties Vandaag shows.
const RECENT_ON_TODAY: i64 = 3;

/// Everything on the worker's start screen, for today in Brussels.
pub async fn worker_day(ctx: &Ctx, conn: &mut Conn) -> Result<WorkerDay, AppError> {
    let worker = me(conn.c(), ctx).await?;
    let today = clock::local_date(ctx.now);
    let usage = workers::usage(conn.c(), worker.id, today).await?;
    let running = store::running_row_for_worker(conn.c(), worker.id)
        .await?
        .map(|e| RunningClock {
            entry_id: e.id,
            assignment_id: e.assignment_id,
            started_at_ms: e.started_at.timestamp_millis(),
            started_local: clock::local_time(e.started_at),
            pause_minutes: e.pause_minutes,
            paused_since_ms: e.paused_at.map(|p| p.timestamp_millis()),
            planned_end_local: clock::local_time(crate::time_entries::service::planned_end(&e)),
            remind_at_ms: crate::time_entries::service::remind_at(&e).timestamp_millis(),
        });
    let mut assignments = assignments::store::accepted_on(conn.c(), worker.id, today).await?;
    // A clock started yesterday evening still shows, so it can be stopped.
    if let Some(r) = &running
        && !assignments.iter().any(|a| a.id == r.assignment_id)
        && let Some(a) =
            assignments::store::accepted_for_worker(conn.c(), worker.id, r.assignment_id).await?
    {
        assignments.insert(0, a);
    }
    let offers = assignments::store::offers_for_worker(conn.c(), worker.id).await?;
    // Nothing today: the next one, so the worker knows where they stand.
    let next = match assignments.is_empty() {
        true => assignments::store::upcoming_for_worker(
            conn.c(),
            worker.id,
            today.succ_opt().unwrap_or(today),
            1,
        )
        .await?
        .into_iter()
        .next(),
        false => None,
    };
    // Vandaag shows the last three; Mijn uren has them all.
    let recent = store::recent_for_worker(conn.c(), worker.id, RECENT_ON_TODAY).await?;
    let trajectory = worker.trajectory();
    let settings = organisations::settings(conn.c(), worker.organisation_id).await?;
    Ok(WorkerDay {
        first_name: worker.first_name,
        today,
        server_now_ms: ctx.now.timestamp_millis(),
        assignments,
        offers,
        next,
        running,
        reminder_minutes: settings.forgotten_reminder_minutes,
        usage,
        trajectory,
        recent,
    })
}

/// How far back hours can be entered afterwards on Mijn uren (a coordinator corrects older).
pub const ENTER_DAYS_BACK: i64 = 45;

/// Mijn uren, for the month of today in Brussels.
pub async fn my_hours(ctx: &Ctx, conn: &mut Conn) -> Result<MyHours, AppError> {
    let worker = me(conn.c(), ctx).await?;
    let today = clock::local_date(ctx.now);
    let usage = workers::usage(conn.c(), worker.id, today).await?;
    let (month_start, next_month) = rules::month_bounds(today);
    let month_km = store::km_between(conn.c(), worker.id, month_start, next_month).await?;
    let settings = organisations::settings(conn.c(), worker.organisation_id).await?;
    let (last_month_start, _) = rules::month_bounds(month_start.pred_opt().unwrap_or(month_start));
    let entries = store::mine(conn.c(), worker.id, last_month_start, 200).await?;
    let enterable = assignments::store::accepted_between(
        conn.c(),
        worker.id,
        today - chrono::Duration::days(ENTER_DAYS_BACK),
        today + chrono::Duration::days(rules::START_DAYS_AROUND_PLAN),
    )
    .await?;
    let trajectory = worker.trajectory();
    Ok(MyHours {
        today,
        server_now_ms: ctx.now.timestamp_millis(),
        usage,
        trajectory_last_day: trajectory.last_day(),
        trajectory_days_left: rules::trajectory_days_left(trajectory, today),
        month_km,
        allowance_cents_per_hour: settings.allowance_cents_per_hour,
        km_rate_cents: settings.km_rate_cents,
        allowance_estimate_cents: rules::allowance_cents(
            usage.month_minutes,
            month_km,
            settings.allowance_cents_per_hour,
            settings.km_rate_cents,
        ),
        entries,
        enterable,
    })
}

pub async fn my_profile(ctx: &Ctx, conn: &mut Conn) -> Result<Profile, AppError> {
    let worker = me(conn.c(), ctx).await?;
    let email = crate::auth::store::by_id(conn.c(), ctx.caller.account)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    Ok(Profile {
        first_name: worker.first_name,
        last_name: worker.last_name,
        email,
    })
}
