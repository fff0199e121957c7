//! What the time-entry server functions do, on the server. Every write happens in one
//! transaction that checks, changes and audits, or does nothing at all.

use super::store::{self, NewEntry};
use super::{EntryStatus, RunningClock, WorkerDay};
use crate::audit::{self, Event};
use crate::auth::{Role, require};
use crate::cheques::store as cheques;
use crate::db::Tx;
use crate::error::{AppError, Field};
use crate::rules;
use crate::workers::store::{self as workers, Worker};
use crate::{assignments, clients, clock};

async fn me_as_worker(
    tx_or_conn: crate::db::DbConn<'_>,
    account_id: i64,
) -> Result<Worker, AppError> {
    workers::by_account(tx_or_conn, account_id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn worker_day() -> Result<WorkerDay, AppError> {
    let (user, db) = require(&[Role::Worker]).await?;
    let mut conn = db.conn().await?;
    let worker = me_as_worker(conn.c(), user.account_id).await?;
    let now = clock::now();
    let today = clock::local_date(now);
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
    let recent = store::recent_for_worker(conn.c(), worker.id, 10).await?;
    Ok(WorkerDay {
        first_name: worker.first_name,
        today,
        server_now_ms: now.timestamp_millis(),
        assignments,
        running,
        usage,
        minutes_left: rules::minutes_left(usage),
        recent,
    })
}

pub async fn start_clock(assignment_id: i64) -> Result<i64, AppError> {
    let (user, db) = require(&[Role::Worker]).await?;
    let mut tx = db.begin().await?;
    let worker = me_as_worker(tx.c(), user.account_id).await?;
    // Another worker's (or organisation's) assignment is simply not found.
    assignments::store::accepted_for_worker(tx.c(), worker.id, assignment_id)
        .await?
        .ok_or(AppError::Invalid(Field::Assignment))?;
    if store::running_for_worker(tx.c(), worker.id)
        .await?
        .is_some()
    {
        return Err(AppError::AlreadyRunning);
    }
    let now = clock::now();
    let today = clock::local_date(now);
    let usage = workers::usage(tx.c(), worker.id, today).await?;
    rules::may_start(worker.trajectory(), usage, today).map_err(AppError::Limit)?;

    let inserted = store::insert(
        tx.c(),
        NewEntry {
            organisation_id: worker.organisation_id,
            assignment_id,
            worker_id: worker.id,
            work_date: today,
            started_at: now,
            ended_at: None,
            minutes: None,
            status: EntryStatus::Running,
            source: "clock",
        },
    )
    .await;
    let entry_id = match inserted {
        Ok(id) => id,
        // The unique index on running entries: a second device started at the same moment.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::AlreadyRunning);
        }
        Err(e) => return Err(e.into()),
    };
    audit_entry(
        &mut tx,
        &worker,
        user.account_id,
        "clock_start",
        entry_id,
        String::new(),
    )
    .await?;
    tx.commit().await?;
    Ok(entry_id)
}

pub async fn stop_clock(entry_id: i64, cap_at_limit: bool) -> Result<i64, AppError> {
    let (user, db) = require(&[Role::Worker]).await?;
    let mut tx = db.begin().await?;
    let worker = me_as_worker(tx.c(), user.account_id).await?;
    let entry = store::for_worker(tx.c(), entry_id, worker.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.status != EntryStatus::Running {
        return Err(AppError::NotRunning);
    }
    let now = clock::now();
    let worked = rules::clocked_minutes((now - entry.started_at).num_seconds());
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
    if !store::stop(tx.c(), entry.id, now, minutes).await? {
        return Err(AppError::NotRunning);
    }
    audit_entry(
        &mut tx,
        &worker,
        user.account_id,
        "clock_stop",
        entry.id,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(minutes)
}

async fn audit_entry(
    tx: &mut Tx,
    worker: &Worker,
    account_id: i64,
    action: &str,
    entry_id: i64,
    detail: String,
) -> Result<(), AppError> {
    audit::record(
        tx.c(),
        Event {
            organisation_id: worker.organisation_id,
            account_id: Some(account_id),
            action,
            subject: "time_entry",
            subject_id: Some(entry_id),
            detail,
        },
    )
    .await?;
    Ok(())
}

/// The gebruiker's own submitted prestatie, inside `tx`.
async fn client_entry(
    tx: &mut Tx,
    account_id: i64,
    entry_id: i64,
) -> Result<(clients::store::Client, store::Entry), AppError> {
    let client = clients::store::by_account(tx.c(), account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let entry = store::for_client(tx.c(), entry_id, client.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.status != EntryStatus::Submitted {
        return Err(AppError::AlreadyDecided);
    }
    Ok((client, entry))
}

pub async fn confirm(entry_id: i64) -> Result<i64, AppError> {
    let (user, db) = require(&[Role::Client]).await?;
    let mut tx = db.begin().await?;
    let (client, entry) = client_entry(&mut tx, user.account_id, entry_id).await?;
    let settings = crate::organisations::settings(tx.c(), client.organisation_id).await?;
    let needed = rules::cheques_for(entry.minutes.unwrap_or(0), settings.rounding());
    let balance = cheques::balance(tx.c(), client.id).await?;
    if balance < needed {
        return Err(AppError::NotEnoughCheques { balance, needed });
    }
    let now = clock::now();
    if !store::decide(
        tx.c(),
        entry.id,
        EntryStatus::Confirmed,
        None,
        user.account_id,
        now,
    )
    .await?
    {
        return Err(AppError::AlreadyDecided);
    }
    if needed > 0 {
        cheques::append(
            tx.c(),
            cheques::Change {
                organisation_id: client.organisation_id,
                client_id: client.id,
                change: -needed,
                time_entry_id: Some(entry.id),
                created_by: Some(user.account_id),
            },
        )
        .await?;
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: client.organisation_id,
            account_id: Some(user.account_id),
            action: "prestatie_confirm",
            subject: "time_entry",
            subject_id: Some(entry.id),
            detail: format!("{needed} cheques"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(balance - needed)
}

pub async fn dispute(entry_id: i64, reason: String) -> Result<(), AppError> {
    let (user, db) = require(&[Role::Client]).await?;
    let reason = reason.trim();
    let length = reason.chars().count();
    if !(3..=500).contains(&length) {
        return Err(AppError::Invalid(Field::DisputeReason));
    }
    let mut tx = db.begin().await?;
    let (client, entry) = client_entry(&mut tx, user.account_id, entry_id).await?;
    let now = clock::now();
    if !store::decide(
        tx.c(),
        entry.id,
        EntryStatus::Disputed,
        Some(reason),
        user.account_id,
        now,
    )
    .await?
    {
        return Err(AppError::AlreadyDecided);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: client.organisation_id,
            account_id: Some(user.account_id),
            action: "prestatie_dispute",
            subject: "time_entry",
            subject_id: Some(entry.id),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
