//! The wijk-werker's use cases that are not about one prestatie.

use super::WorkerDay;
use super::store::{self as workers, Worker};
use crate::db::{Conn, DbConn};
use crate::error::AppError;
use crate::request::Ctx;
use crate::time_entries::RunningClock;
use crate::time_entries::store;
use crate::{assignments, clock, rules};

/// The caller's own wijk-werker row (403 for anyone else).
pub(crate) async fn me(c: DbConn<'_>, ctx: &Ctx) -> Result<Worker, AppError> {
    workers::by_id(c, ctx.caller.worker()?)
        .await?
        .ok_or(AppError::NotFound)
}

/// Everything on the worker's start screen, for today in Brussels.
pub async fn worker_day(ctx: &Ctx, conn: &mut Conn) -> Result<WorkerDay, AppError> {
    let worker = me(conn.c(), ctx).await?;
    let today = clock::local_date(ctx.now);
    let usage = workers::usage(conn.c(), worker.id, today).await?;
    let running = store::running_for_worker(conn.c(), worker.id)
        .await?
        .map(|e| RunningClock {
            entry_id: e.id,
            assignment_id: e.assignment_id,
            started_at_ms: e.started_at.timestamp_millis(),
            started_local: clock::local_time(e.started_at),
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
    let recent = store::recent_for_worker(conn.c(), worker.id, 10).await?;
    let trajectory = worker.trajectory();
    Ok(WorkerDay {
        first_name: worker.first_name,
        today,
        server_now_ms: ctx.now.timestamp_millis(),
        assignments,
        offers,
        running,
        usage,
        minutes_left: rules::minutes_left(usage),
        trajectory_last_day: trajectory.last_day(),
        trajectory_days_left: rules::trajectory_days_left(trajectory, today),
        recent,
    })
}
