//! The wijk-werker's use cases that are not about one prestatie.

use super::store::{self as workers, Worker};
use super::{MyHours, Profile, WorkerDay};
use crate::allowances::{self, store::Counted};
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
    let (month_start, _) = rules::month_bounds(today);
    let month = allowances::rules::Month::of(today);
    let org = worker.organisation_id;
    let paid = allowances::service::worker_month(conn, org, worker.id, month, Counted::Paid);
    let allowance = paid.await?;
    let waiting = allowances::service::worker_month(conn, org, worker.id, month, Counted::Waiting);
    let allowance_waiting = waiting.await?;
    let rates_today = allowances::service::in_force_on(conn, org, today).await?;
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
        allowance,
        allowance_waiting,
        rates_today,
        payments: crate::payments::service::of_worker(conn.c(), worker.id).await?,
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
    let views = crate::file_views::store::of(
        conn.c(),
        crate::file_views::Whose::Worker(worker.id),
        crate::file_views::service::SHOWN,
    )
    .await?;
    Ok(Profile {
        first_name: worker.first_name,
        last_name: worker.last_name,
        email,
        views,
    })
}

// ---- The coordinator's use cases: the organisation's workers ----

use super::{CreatedWorker, Outcome, WorkerFile, WorkerForm, WorkerLine, WorkerStatus};
use crate::audit::{self, Action, Event};
use crate::auth::Role;
use crate::db::Tx;
use crate::error::Field;
use crate::ids::{MunicipalityId, OrganisationId, WorkerId};

pub async fn list_workers(
    ctx: &Ctx,
    conn: &mut Conn,
    search: String,
    municipality_id: Option<MunicipalityId>,
    status: WorkerStatus,
) -> Result<Vec<WorkerLine>, AppError> {
    let organisation = ctx.caller.staff()?;
    if search.chars().count() > 100 {
        return Err(AppError::Invalid(Field::Form));
    }
    let ended = match status {
        WorkerStatus::Active => Some(false),
        WorkerStatus::Ended => Some(true),
        WorkerStatus::All => None,
    };
    let search = search.trim().to_lowercase();
    let rows = workers::list(conn.c(), organisation, &search, municipality_id, ended).await?;
    Ok(rows
        .into_iter()
        .map(|r| WorkerLine {
            id: r.id,
            name: format!("{} {}", r.first_name, r.last_name),
            municipality: r.municipality,
            trajectory_planned_end: r.trajectory_planned_end,
            ended: r.ended,
            waiting_for_activation: r.waiting_for_activation,
        })
        .collect())
}

/// A worker of the caller's organisation (404 for another's; 403 for non-staff).
pub(crate) async fn managed(
    ctx: &Ctx,
    c: DbConn<'_>,
    id: WorkerId,
) -> Result<(OrganisationId, workers::FileRow), AppError> {
    let organisation = ctx.caller.staff()?;
    let row = workers::file(c, id)
        .await?
        .filter(|w| w.organisation_id == organisation)
        .ok_or(AppError::NotFound)?;
    Ok((organisation, row))
}

pub async fn worker_file(ctx: &Ctx, conn: &mut Conn, id: WorkerId) -> Result<WorkerFile, AppError> {
    let (_, w) = managed(ctx, conn.c(), id).await?;
    let today = clock::local_date(ctx.now);
    let usage = workers::usage(conn.c(), w.id, today).await?;
    let code = crate::auth::store::open_code_expiry(conn.c(), w.account_id).await?;
    let trajectory = rules::Trajectory {
        start: w.trajectory_start,
        planned_end: w.trajectory_planned_end,
        ex_pwa: w.ex_pwa,
        ended_on: w.ended_on,
    };
    Ok(WorkerFile {
        id: w.id,
        account_id: w.account_id,
        email: w.email,
        account_active: w.account_active,
        code_valid_until: code.map(clock::local_date),
        form: WorkerForm {
            first_name: w.first_name,
            last_name: w.last_name,
            email: String::new(),
            phone: w.phone.unwrap_or_default(),
            municipality_id: w.municipality_id,
            referrer: w.referrer,
            trajectory_start: w.trajectory_start,
            trajectory_planned_end: w.trajectory_planned_end,
            ex_pwa: w.ex_pwa,
        },
        municipality: w.municipality,
        usage,
        last_day: trajectory.last_day(),
        days_left: rules::trajectory_days_left(trajectory, today),
        ended_on: w.ended_on,
        outcome: w.outcome,
        today,
        settlements: crate::audit::settlements_of_worker(conn.c(), w.id, 20).await?,
        views: crate::file_views::store::of(
            conn.c(),
            crate::file_views::Whose::Worker(w.id),
            crate::file_views::service::SHOWN,
        )
        .await?,
        iban_masked: workers::iban(conn.c(), w.id)
            .await?
            .as_deref()
            .map(crate::payments::rules::masked),
    })
}

/// The worker's IBAN: checked (Belgian, mod 97), kept without spaces, audited masked; empty
/// removes it (the worker's next payment waits until there is one).
pub async fn set_iban(ctx: &Ctx, tx: &mut Tx, id: WorkerId, iban: String) -> Result<(), AppError> {
    let (organisation, w) = managed(ctx, tx.c(), id).await?;
    let new = match iban.trim() {
        "" => None,
        typed => Some(
            crate::payments::rules::belgian_iban(typed).ok_or(AppError::Invalid(Field::Iban))?,
        ),
    };
    let before = workers::iban(tx.c(), w.id).await?;
    if before == new {
        return Ok(());
    }
    workers::set_iban(tx.c(), w.id, new.as_deref()).await?;
    let masked = |i: &Option<String>| {
        i.as_deref()
            .map_or("none".to_string(), crate::payments::rules::masked)
    };
    let detail = format!("before: {}; after: {}", masked(&before), masked(&new));
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::IbanChanged,
            subject: "worker",
            subject_id: Some(w.id.0),
            detail,
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// The form's fields, trimmed and checked: names, phone, a municipality of the organisation,
/// a trajectory of at most 12 months (unless ex-PWA).
struct Checked {
    first_name: String,
    last_name: String,
    phone: Option<String>,
}

async fn check_form(
    c: DbConn<'_>,
    organisation: OrganisationId,
    form: &WorkerForm,
) -> Result<Checked, AppError> {
    let name = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.chars().count() <= 100)
            .then(|| s.to_string())
            .ok_or(AppError::Invalid(Field::Name))
    };
    let phone = form.phone.trim();
    if !crate::rules::phone_is_valid(phone) {
        return Err(AppError::Invalid(Field::Phone));
    }
    let trajectory = rules::Trajectory {
        start: form.trajectory_start,
        planned_end: form.trajectory_planned_end,
        ex_pwa: form.ex_pwa,
        ended_on: None,
    };
    if !trajectory.can_be_planned() {
        return Err(AppError::Invalid(Field::TrajectoryEnd));
    }
    if !organisations::has_municipality(c, organisation, form.municipality_id).await? {
        return Err(AppError::Invalid(Field::Municipality));
    }
    Ok(Checked {
        first_name: name(&form.first_name)?,
        last_name: name(&form.last_name)?,
        phone: (!phone.is_empty()).then(|| phone.to_string()),
    })
}

/// A new worker with a login that waits for its activation code (no password yet).
pub async fn create_worker(
    ctx: &Ctx,
    tx: &mut Tx,
    form: WorkerForm,
) -> Result<CreatedWorker, AppError> {
    let organisation = ctx.caller.staff()?;
    let checked = check_form(tx.c(), organisation, &form).await?;
    let email = crate::auth::service::normalised_email(&form.email)?;
    let display_name = format!("{} {}", checked.first_name, checked.last_name);
    let account = crate::auth::service::create_account(
        tx.c(),
        crate::auth::store::NewAccount {
            organisation_id: organisation,
            email: &email,
            // Not a hash: no password matches it until the code is used.
            password_hash: "!",
            role: Role::Worker,
            display_name: &display_name,
        },
        ctx.now,
    )
    .await?;
    let worker_id = workers::insert(
        tx.c(),
        workers::NewWorker {
            organisation_id: organisation,
            account_id: account,
            municipality_id: form.municipality_id,
            first_name: &checked.first_name,
            last_name: &checked.last_name,
            phone: checked.phone.as_deref(),
            trajectory_start: form.trajectory_start,
            trajectory_planned_end: form.trajectory_planned_end,
            ex_pwa: form.ex_pwa,
            referrer: form.referrer,
        },
        ctx.now,
    )
    .await?;
    let code = crate::auth::service::issue_code(tx.c(), account, Some(ctx.caller.account), ctx.now)
        .await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::WorkerCreated,
            subject: "worker",
            subject_id: Some(worker_id.0),
            detail: display_name,
        },
        ctx.now,
    )
    .await?;
    Ok(CreatedWorker { worker_id, code })
}

/// A changed worker; the audit line keeps the fields before and after.
pub async fn update_worker(
    ctx: &Ctx,
    tx: &mut Tx,
    id: WorkerId,
    form: WorkerForm,
) -> Result<(), AppError> {
    let (organisation, before) = managed(ctx, tx.c(), id).await?;
    let checked = check_form(tx.c(), organisation, &form).await?;
    workers::update(
        tx.c(),
        id,
        workers::Change {
            first_name: &checked.first_name,
            last_name: &checked.last_name,
            phone: checked.phone.as_deref(),
            municipality_id: form.municipality_id,
            referrer: form.referrer,
            trajectory_start: form.trajectory_start,
            trajectory_planned_end: form.trajectory_planned_end,
            ex_pwa: form.ex_pwa,
        },
    )
    .await?;
    let detail = format!(
        "before: {} {}, {:?}, municipality {}, {}, {} – {}, ex-PWA {}; after: {} {}, {:?}, \
         municipality {}, {}, {} – {}, ex-PWA {}",
        before.first_name,
        before.last_name,
        before.phone,
        before.municipality_id,
        before.referrer.as_str(),
        before.trajectory_start,
        before.trajectory_planned_end,
        before.ex_pwa,
        checked.first_name,
        checked.last_name,
        checked.phone,
        form.municipality_id,
        form.referrer.as_str(),
        form.trajectory_start,
        form.trajectory_planned_end,
        form.ex_pwa,
    );
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::WorkerChanged,
            subject: "worker",
            subject_id: Some(id.0),
            detail,
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// The trajectory ends on `ended_on` (not before its start, not in the future) with its
/// outcome; from the next day the worker can no longer clock hours.
pub async fn end_trajectory(
    ctx: &Ctx,
    tx: &mut Tx,
    id: WorkerId,
    ended_on: chrono::NaiveDate,
    outcome: Outcome,
) -> Result<(), AppError> {
    let (organisation, w) = managed(ctx, tx.c(), id).await?;
    if ended_on < w.trajectory_start || ended_on > clock::local_date(ctx.now) {
        return Err(AppError::Invalid(Field::EndDate));
    }
    if !workers::end(tx.c(), id, ended_on, outcome).await? {
        return Err(AppError::TrajectoryEnded);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::TrajectoryEnded,
            subject: "worker",
            subject_id: Some(id.0),
            detail: format!("{ended_on} {}", outcome.as_str()),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}
