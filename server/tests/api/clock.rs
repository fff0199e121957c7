//! Clocking: Start and Stop on the worker's phone, limits, races, and clocks that go wrong.

use app::audit::Action;
use app::error::{AppError, Field};
use app::ids::{AssignmentId, EntryId, WorkerId};
use app::reports::MonthHours;
use app::rules::LimitBreach;
use app::time_entries::{Confirmed, EntryStatus, Stopped};
use app::workers::{MyHours, WorkerDay};
use chrono::Duration;

use crate::harness::{TestApp, User};

pub async fn start(user: &User, assignment: AssignmentId) -> Result<EntryId, (u16, AppError)> {
    user.call("start_clock", &[("assignment_id", &assignment.to_string())])
        .await
}

pub async fn stop(user: &User, entry: EntryId, cap: bool) -> Result<Stopped, (u16, AppError)> {
    let cap = if cap { "true" } else { "false" };
    user.call(
        "stop_clock",
        &[("entry_id", &entry.to_string()), ("cap_at_limit", cap)],
    )
    .await
}

/// Clock `minutes` of work: start, let the server's clock run, stop.
pub async fn clock_minutes(
    app: &TestApp,
    user: &User,
    assignment: AssignmentId,
    minutes: i64,
) -> EntryId {
    let entry = start(user, assignment).await.expect("start");
    app.advance(Duration::minutes(minutes));
    let stopped = stop(user, entry, false).await.expect("stop");
    assert_eq!(stopped.minutes, minutes);
    entry
}

/// Minutes this month of a worker in the coordinator's report.
pub async fn report_minutes(coordinator: &User, worker: WorkerId) -> i64 {
    let report: MonthHours = coordinator.call("month_hours", &[]).await.unwrap();
    report
        .municipalities
        .iter()
        .flat_map(|m| m.workers.iter())
        .find(|w| w.worker_id == worker)
        .map(|w| w.minutes)
        .unwrap_or_else(|| panic!("worker {worker} not in report"))
}

pub async fn an_hour_is_clocked_confirmed_paid_once_and_reported(app: &TestApp) {
    let ahmed_id = app.a.workers["ahmed"];
    let sofie = app.login("sofie@a.test").await;
    let before = report_minutes(&sofie, ahmed_id).await;

    let ahmed = app.login("AHMED@a.test ").await; // case and spaces do not matter
    let day: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    assert_eq!(day.first_name, "Ahmed");
    let assignment = &day.assignments[0];
    assert_eq!(assignment.id, app.a.assignments.ahmed_maria);
    assert_eq!(assignment.client_name, "Maria Peeters");
    assert!(day.running.is_none());

    let entry = start(&ahmed, assignment.id).await.unwrap();
    let again = start(&ahmed, assignment.id).await;
    assert_eq!(again.unwrap_err(), (409, AppError::AlreadyRunning));
    let day: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    assert_eq!(day.running.as_ref().map(|r| r.entry_id), Some(entry));

    app.advance(Duration::minutes(59) + Duration::seconds(10));
    let stopped = stop(&ahmed, entry, false).await.unwrap();
    assert_eq!(
        stopped,
        Stopped {
            minutes: 60,
            held_for_review: false
        },
        "a started minute counts"
    );
    let twice = stop(&ahmed, entry, false).await;
    assert_eq!(twice.unwrap_err(), (409, AppError::NotRunning));
    let day: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    let line = day
        .recent
        .iter()
        .find(|l| l.id == entry)
        .expect("in recent");
    assert_eq!(line.status, EntryStatus::Submitted);
    assert_eq!(line.minutes, Some(60));

    let maria = app.login("maria@a.test").await;
    let overview: app::clients::ClientOverview = maria.call("client_overview", &[]).await.unwrap();
    let balance = overview.cheque_balance;
    let pending = overview
        .pending
        .iter()
        .find(|p| p.line.id == entry)
        .expect("the new prestatie waits for Maria");
    assert_eq!(pending.cheques, 1);

    let entry_s = entry.to_string();
    let done: Confirmed = maria
        .call("confirm_entry", &[("entry_id", &entry_s)])
        .await
        .unwrap();
    let paid = Confirmed {
        balance: balance - 1,
        cheques_owed: 0,
    };
    assert_eq!(done, paid);
    let again = maria
        .call::<Confirmed>("confirm_entry", &[("entry_id", &entry_s)])
        .await;
    assert_eq!(again.unwrap_err(), (409, AppError::AlreadyDecided));
    assert_eq!(app.balance(app.a.clients["maria"]).await, balance - 1);
    assert_eq!(app.payments(entry).await, 1, "paid exactly once");
    assert_eq!(report_minutes(&sofie, ahmed_id).await, before + 60);

    let mut conn = app.db.conn().await.unwrap();
    let actions = app::audit::actions(conn.c(), app.a.organisation_id)
        .await
        .unwrap();
    for action in [
        Action::Login,
        Action::ClockStart,
        Action::ClockStop,
        Action::EntryConfirm,
    ] {
        assert!(actions.contains(&action), "{action:?} in {actions:?}");
    }
}

pub async fn the_month_limit_refuses_work_past_sixty_hours(app: &TestApp) {
    let jozef = app.login("jozef@a.test").await;
    let day: WorkerDay = jozef.call("worker_day", &[]).await.unwrap();
    assert_eq!(day.usage.month_minutes, 58 * 60 + 30);
    let assignment = app.a.assignments.jozef_gemeente;

    // Two hours of work: more than the 90 minutes left.
    let entry = start(&jozef, assignment).await.unwrap();
    app.advance(Duration::minutes(120));
    let refused = stop(&jozef, entry, false).await;
    let breach = AppError::Limit(LimitBreach::Month { left_minutes: 90 });
    assert_eq!(refused.unwrap_err(), (422, breach.clone()));
    let message = app::i18n::error_message(app::i18n::Lang::Nl, &breach);
    assert!(message.contains("nog 1 u 30 min"), "{message}");
    // Nothing changed: the clock still runs.
    let day: WorkerDay = jozef.call("worker_day", &[]).await.unwrap();
    assert_eq!(day.running.map(|r| r.entry_id), Some(entry));
    assert_eq!(day.usage.month_minutes, 58 * 60 + 30);

    // Recording what the law allows.
    let stopped = stop(&jozef, entry, true).await.unwrap();
    assert_eq!(stopped.minutes, 90);
    let sofie = app.login("sofie@a.test").await;
    assert_eq!(
        report_minutes(&sofie, app.a.workers["jozef"]).await,
        60 * 60
    );

    // At the limit, Start itself is refused.
    let blocked = start(&jozef, assignment).await;
    assert_eq!(
        blocked.unwrap_err(),
        (422, AppError::Limit(LimitBreach::Month { left_minutes: 0 }))
    );
}

pub async fn concurrent_taps_never_count_twice(app: &TestApp) {
    let lien = app.login("lien@a.test").await;
    let assignment = app.a.assignments.lien_school;
    let (a, b, c) = tokio::join!(
        start(&lien, assignment),
        start(&lien, assignment),
        start(&lien, assignment),
    );
    let started: Vec<EntryId> = [a, b, c].into_iter().filter_map(Result::ok).collect();
    assert_eq!(started.len(), 1, "exactly one clock starts");
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1 AND status = 'running'",
            app.a.workers["lien"].0
        )
        .await,
        1
    );
    let entry = started[0];
    app.advance(Duration::minutes(30));
    let (a, b) = tokio::join!(stop(&lien, entry, false), stop(&lien, entry, false));
    assert_eq!([&a, &b].iter().filter(|r| r.is_ok()).count(), 1);

    let school = app.login("school@a.test").await;
    let confirm = [("entry_id", &*entry.to_string())];
    let (a, b) = tokio::join!(
        school.call::<Confirmed>("confirm_entry", &confirm),
        school.call::<Confirmed>("confirm_entry", &confirm)
    );
    assert_eq!([&a, &b].iter().filter(|r| r.is_ok()).count(), 1);
    assert_eq!(app.payments(entry).await, 1);
}

pub async fn a_clock_starts_only_around_the_planned_day(app: &TestApp) {
    // Kevin's assignment at the vzw was planned three days ago.
    let kevin = app.login("kevin@a.test").await;
    let old = start(&kevin, app.a.assignments.kevin_vzw).await;
    let planned = app::clock::local_date(app.clock.now()) - Duration::days(3);
    assert_eq!(
        old.unwrap_err(),
        (422, AppError::NotPlannedToday { planned })
    );
    // An offer he has not accepted cannot be clocked at all.
    let offer = start(&kevin, app.a.assignments.kevin_roger).await;
    assert_eq!(
        offer.unwrap_err(),
        (422, AppError::Invalid(Field::Assignment))
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1 AND status = 'running'",
            app.a.workers["kevin"].0
        )
        .await,
        0
    );
    // The next day the clock may still start on yesterday's assignment (work moved a day).
    let ahmed = app.login("ahmed@a.test").await;
    app.advance(Duration::days(1));
    let entry = start(&ahmed, app.a.assignments.ahmed_maria).await.unwrap();
    app.advance(Duration::minutes(15));
    stop(&ahmed, entry, false).await.unwrap();
    // Two days later, no more.
    app.advance(Duration::days(1));
    let late = start(&ahmed, app.a.assignments.ahmed_maria).await;
    assert_eq!(late.unwrap_err().0, 422);
}

pub async fn a_clock_forgotten_overnight_is_held_for_review(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    let entry = start(&ahmed, app.a.assignments.ahmed_maria).await.unwrap();
    // Forgotten: Stop the next morning, 23 hours later. Nothing is lost...
    app.advance(Duration::hours(23));
    let stopped = stop(&ahmed, entry, false).await.unwrap();
    assert_eq!(
        stopped,
        Stopped {
            minutes: 23 * 60,
            held_for_review: true
        }
    );
    assert_eq!(app.entry_status(entry).await, "review");
    // ...but it does not go to the gebruiker as it is.
    let maria = app.login("maria@a.test").await;
    let overview: app::clients::ClientOverview = maria.call("client_overview", &[]).await.unwrap();
    assert!(overview.pending.iter().all(|p| p.line.id != entry));
    let confirm = maria
        .call::<Confirmed>("confirm_entry", &[("entry_id", &entry.to_string())])
        .await;
    assert_eq!(confirm.unwrap_err(), (409, AppError::AlreadyDecided));
    // The worker sees it as "te controleren", with a plain explanation in the catalogue.
    let day: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    let line = day.recent.iter().find(|l| l.id == entry).unwrap();
    assert_eq!(line.status, EntryStatus::Review);
    assert!(
        app::i18n::T::HeldForReview
            .text(app::i18n::Lang::Nl)
            .contains("bemiddelaar")
    );
    let mut conn = app.db.conn().await.unwrap();
    assert_eq!(
        app::audit::count(conn.c(), Action::ClockHeldForReview, Some(entry.0))
            .await
            .unwrap(),
        1
    );
}

async fn cancel(user: &User, entry: EntryId) -> Result<(), (u16, AppError)> {
    user.call("cancel_clock", &[("entry_id", &entry.to_string())])
        .await
}

pub async fn a_mistaken_start_is_cancelled_without_a_prestatie(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    // Started by mistake; cancelled four minutes later: no prestatie, one audit line.
    let entry = start(&ahmed, app.a.assignments.ahmed_maria).await.unwrap();
    app.advance(Duration::minutes(4));
    // Not by another worker of the organisation.
    let lien = app.login("lien@a.test").await;
    assert_eq!(
        cancel(&lien, entry).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    cancel(&ahmed, entry).await.unwrap();
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM time_entry WHERE id = $1", entry.0)
            .await,
        0
    );
    let day: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    assert!(day.running.is_none());
    assert!(day.recent.iter().all(|l| l.id != entry));
    let mut conn = app.db.conn().await.unwrap();
    assert_eq!(
        app::audit::count(conn.c(), Action::ClockCancel, Some(entry.0))
            .await
            .unwrap(),
        1
    );
    drop(conn);
    assert_eq!(
        cancel(&ahmed, entry).await.unwrap_err(),
        (404, AppError::NotFound),
        "gone"
    );

    // Six minutes after a Start it is work: cancelling is refused and the clock runs on.
    let entry = start(&ahmed, app.a.assignments.ahmed_maria).await.unwrap();
    app.advance(Duration::minutes(6));
    assert_eq!(
        cancel(&ahmed, entry).await.unwrap_err(),
        (409, AppError::TooLateToCancel)
    );
    assert_eq!(app.entry_status(entry).await, "running");
    let stopped = stop(&ahmed, entry, false).await.unwrap();
    assert_eq!(stopped.minutes, 6);
    assert_eq!(
        cancel(&ahmed, entry).await.unwrap_err(),
        (409, AppError::NotRunning)
    );
}

pub async fn the_worker_sees_both_limits_and_the_end_of_the_trajectory(app: &TestApp) {
    let today = app::clock::local_date(app.clock.now());
    let jozef = app.login("jozef@a.test").await;
    // Mijn uren is where the worker sees them.
    let day: MyHours = jozef.call("my_hours", &[]).await.unwrap();
    assert!(app::rules::month_limit_near(day.usage), "58 u 30: warned");
    assert!(day.usage.year_minutes >= day.usage.month_minutes);
    assert_eq!(
        (day.trajectory_last_day, day.trajectory_days_left),
        (None, None),
        "ex-PWA: no end"
    );
    let ahmed = app.login("ahmed@a.test").await;
    let day: MyHours = ahmed.call("my_hours", &[]).await.unwrap();
    assert!(!app::rules::month_limit_near(day.usage));
    // The demo's planned end, 240 days on, comes before the 12-month maximum.
    assert_eq!(day.trajectory_last_day, Some(today + Duration::days(240)));
    assert_eq!(day.trajectory_days_left, Some(240));
    app.advance(Duration::days(10));
    let day: MyHours = ahmed.call("my_hours", &[]).await.unwrap();
    assert_eq!(day.trajectory_days_left, Some(230));
}
