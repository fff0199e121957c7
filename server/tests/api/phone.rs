//! The worker's phone: pauses, hours entered afterwards and corrected, the forgotten-clock
//! job, Opdrachten, Mijn uren and the password.

use app::assignments::{AssignmentDetail, MyAssignments};
use app::audit::Action;
use app::error::{AppError, Field};
use app::ids::{AssignmentId, EntryId};
use app::rules::{EntryProblem, LimitBreach};
use app::workers::{MyHours, WorkerDay};
use chrono::Duration;

use crate::harness::{TestApp, User};

async fn entry_field<T>(app: &TestApp, column: &str, id: EntryId) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + Send
        + Unpin,
{
    let sql = format!("SELECT {column} FROM time_entry WHERE id = $1");
    let mut conn = app.db.conn().await.unwrap();
    app::on!(conn.c(), c => sqlx::query_scalar::<_, T>(&sql).bind(id).fetch_one(c).await).unwrap()
}

async fn audits(app: &TestApp, action: Action, id: EntryId) -> i64 {
    let mut conn = app.db.conn().await.unwrap();
    app::audit::count(conn.c(), action, Some(id.0))
        .await
        .unwrap()
}

/// Hours entered afterwards: (date, start, end, pause, km, note).
pub async fn enter(
    user: &User,
    assignment: AssignmentId,
    date: &str,
    start: &str,
    end: &str,
    pause: &str,
    km: &str,
) -> Result<EntryId, (u16, AppError)> {
    user.call(
        "enter_hours",
        &[
            ("assignment_id", &assignment.to_string()),
            ("date", date),
            ("start", start),
            ("end", end),
            ("pause_minutes", pause),
            ("km", km),
            ("note", "Ook de goot gekuist"),
        ],
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn change(
    user: &User,
    entry: EntryId,
    date: &str,
    start: &str,
    end: &str,
    pause: &str,
    reason: &str,
) -> Result<(), (u16, AppError)> {
    user.call(
        "change_entry",
        &[
            ("entry_id", &entry.to_string()),
            ("date", date),
            ("start", start),
            ("end", end),
            ("pause_minutes", pause),
            ("km", "0"),
            ("note", ""),
            ("reason", reason),
        ],
    )
    .await
}

fn day(app: &TestApp, days_from_today: i64) -> String {
    (app::clock::local_date(app.clock.now()) + Duration::days(days_from_today)).to_string()
}

pub async fn a_pause_does_not_count_and_stop_ends_it(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    let entry: EntryId = ahmed
        .call(
            "start_clock",
            &[("assignment_id", &app.a.assignments.ahmed_maria.to_string())],
        )
        .await
        .unwrap();
    let id = [("entry_id", entry.to_string())];
    let id: Vec<(&str, &str)> = id.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.advance(Duration::minutes(60));
    assert_eq!(
        ahmed.call::<()>("resume_clock", &id).await.unwrap_err(),
        (409, AppError::PauseState)
    );
    ahmed.call::<()>("pause_clock", &id).await.unwrap();
    // A second device taps Pauze too: refused, nothing changes.
    assert_eq!(
        ahmed.call::<()>("pause_clock", &id).await.unwrap_err(),
        (409, AppError::PauseState)
    );
    let today: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    let running = today.running.unwrap();
    assert!(running.paused_since_ms.is_some());
    app.advance(Duration::minutes(30));
    ahmed.call::<()>("resume_clock", &id).await.unwrap();
    app.advance(Duration::minutes(20));
    // Stop during a second pause: the pause ends at the stop and counts too.
    ahmed.call::<()>("pause_clock", &id).await.unwrap();
    app.advance(Duration::minutes(10));
    let stopped: app::time_entries::Stopped = ahmed
        .call(
            "stop_clock",
            &[("entry_id", &entry.to_string()), ("cap_at_limit", "false")],
        )
        .await
        .unwrap();
    assert_eq!(stopped.minutes, 80);
    assert_eq!(entry_field::<i64>(app, "pause_minutes", entry).await, 40);
    assert_eq!(audits(app, Action::ClockPause, entry).await, 2);
    assert_eq!(audits(app, Action::ClockResume, entry).await, 1);
}

pub async fn hours_entered_afterwards_wait_for_the_gebruiker(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let vzw = app.a.assignments.kevin_vzw;
    let three_days_ago = day(app, -3);
    let entry = enter(&kevin, vzw, &three_days_ago, "13:00", "16:00", "15", "12")
        .await
        .unwrap();
    assert_eq!(entry_field::<i64>(app, "minutes", entry).await, 165);
    assert_eq!(
        entry_field::<String>(app, "status", entry).await,
        "submitted"
    );
    assert_eq!(entry_field::<String>(app, "source", entry).await, "manual");
    assert_eq!(entry_field::<i64>(app, "km", entry).await, 12);
    assert_eq!(audits(app, Action::EntryEntered, entry).await, 1);

    let hours: MyHours = kevin.call("my_hours", &[]).await.unwrap();
    assert!(hours.entries.iter().any(|e| e.id == entry && e.km == 12));
    // It counts in the month of its day (November), not in this month (December); the
    // disputed 2 h 30 of that day counts until a coordinator corrects it.
    assert_eq!(hours.usage.month_minutes, 0);
    assert_eq!(hours.usage.year_minutes, 150 + 165);
    // This month's allowance: nothing of December yet, confirmed or waiting.
    assert_eq!(hours.allowance.sums.entries, 0);
    assert_eq!(hours.allowance_waiting.sums.entries, 0);
    assert!(hours.enterable.iter().any(|a| a.id == vzw));
}

pub async fn hours_that_cannot_be_right_are_refused_and_change_nothing(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let vzw = app.a.assignments.kevin_vzw;
    let d = day(app, -3);
    let before = app
        .scalar(
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1",
            app.a.workers["kevin"].0,
        )
        .await;
    let refused = |e: EntryProblem| (422, AppError::Entry(e));
    assert_eq!(
        enter(&kevin, vzw, &d, "12:00", "11:00", "0", "0")
            .await
            .unwrap_err(),
        refused(EntryProblem::EndNotAfterStart)
    );
    assert_eq!(
        enter(&kevin, vzw, &d, "12:00", "13:00", "60", "0")
            .await
            .unwrap_err(),
        refused(EntryProblem::PauseTooLong)
    );
    // The demo's disputed prestatie runs 09:00–11:30 that day.
    let overlap = enter(&kevin, vzw, &d, "11:00", "12:00", "0", "0")
        .await
        .unwrap_err();
    assert!(
        matches!(
            overlap,
            (422, AppError::Entry(EntryProblem::Overlap { .. }))
        ),
        "{overlap:?}"
    );
    assert_eq!(
        enter(&kevin, vzw, &d, "12:00", "13:00", "0", "900")
            .await
            .unwrap_err(),
        refused(EntryProblem::Km)
    );
    // Today, on the assignment of today, but later than now (09:00): in the future.
    let today = app.a.assignments.kevin_roger_today;
    assert_eq!(
        enter(&kevin, today, &day(app, 0), "14:00", "16:00", "0", "0")
            .await
            .unwrap_err(),
        refused(EntryProblem::InFuture)
    );
    // Far from the planned day; another worker's assignment; an offer not accepted.
    assert!(matches!(
        enter(&kevin, vzw, &day(app, -10), "09:00", "10:00", "0", "0").await,
        Err((422, AppError::NotPlannedToday { .. }))
    ));
    assert_eq!(
        enter(
            &kevin,
            app.a.assignments.ahmed_maria,
            &day(app, 0),
            "06:00",
            "07:00",
            "0",
            "0"
        )
        .await
        .unwrap_err(),
        (422, AppError::Invalid(Field::Assignment))
    );
    assert_eq!(
        enter(
            &kevin,
            app.a.assignments.kevin_roger,
            &day(app, 0),
            "06:00",
            "07:00",
            "0",
            "0"
        )
        .await
        .unwrap_err(),
        (422, AppError::Invalid(Field::Assignment))
    );
    // A form that is not a form.
    assert_eq!(
        enter(&kevin, vzw, "gisteren", "09:00", "10:00", "0", "0")
            .await
            .unwrap_err(),
        (422, AppError::Invalid(Field::Form))
    );
    let after = app
        .scalar(
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1",
            app.a.workers["kevin"].0,
        )
        .await;
    assert_eq!(before, after);
}

pub async fn an_ended_trajectory_refuses_hours(app: &TestApp) {
    let kevin_id = app.a.workers["kevin"].0;
    // His trajectory ended four days ago; the assignment was three days ago.
    let ended = day(app, -4);
    let start = (app::clock::local_date(app.clock.now()) - Duration::days(200)).to_string();
    let sql = format!(
        "UPDATE worker SET trajectory_start = '{start}', trajectory_planned_end = '{ended}' \
         WHERE id = $1"
    );
    app.execute(&sql, kevin_id).await.unwrap();
    let kevin = app.login("kevin@a.test").await;
    let err = enter(
        &kevin,
        app.a.assignments.kevin_vzw,
        &day(app, -3),
        "13:00",
        "14:00",
        "0",
        "0",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            err,
            (422, AppError::Limit(LimitBreach::TrajectoryEnded { .. }))
        ),
        "{err:?}"
    );
}

pub async fn the_61st_hour_is_refused_with_what_is_left(app: &TestApp) {
    // Jozef has 58 h 30 this month: 2 h 30 more is too much, 1 h 30 is all that is left.
    let jozef = app.login("jozef@a.test").await;
    let gemeente = app.a.assignments.jozef_gemeente;
    let today = day(app, 0);
    assert_eq!(
        enter(&jozef, gemeente, &today, "05:00", "07:30", "0", "0")
            .await
            .unwrap_err(),
        (
            422,
            AppError::Limit(LimitBreach::Month { left_minutes: 90 })
        )
    );
    let words = app::i18n::error_message(
        app::i18n::Lang::Nl,
        &AppError::Limit(LimitBreach::Month { left_minutes: 90 }),
    );
    assert!(words.contains("nog 1 u 30 min"), "{words}");
    enter(&jozef, gemeente, &today, "05:00", "06:30", "0", "10")
        .await
        .unwrap();
    // Mijn uren: 60 hours. The nine confirmed prestaties of 6 u 30 earn 7 cheques each at
    // €4.10; the 1 u 30 just entered (2 cheques; a 10 km round trip pays no travel) waits.
    let hours: MyHours = jozef.call("my_hours", &[]).await.unwrap();
    assert_eq!(hours.usage.month_minutes, 3600);
    assert_eq!(hours.allowance.total_cents, 63 * 410);
    assert_eq!(hours.allowance_waiting.sums.entries, 1);
    assert_eq!(hours.allowance_waiting.total_cents, 2 * 410);
    assert_eq!(
        enter(&jozef, gemeente, &today, "06:30", "06:31", "0", "0")
            .await
            .unwrap_err(),
        (422, AppError::Limit(LimitBreach::Month { left_minutes: 0 }))
    );
}

pub async fn a_worker_changes_own_hours_until_they_are_confirmed(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let d = day(app, -3);
    let entry = enter(
        &kevin,
        app.a.assignments.kevin_vzw,
        &d,
        "13:00",
        "16:00",
        "0",
        "0",
    )
    .await
    .unwrap();
    // After the day a change needs a reason.
    assert_eq!(
        change(&kevin, entry, &d, "13:00", "15:00", "0", "")
            .await
            .unwrap_err(),
        (422, AppError::Invalid(Field::ChangeReason))
    );
    assert_eq!(entry_field::<i64>(app, "minutes", entry).await, 180);
    change(
        &kevin,
        entry,
        &d,
        "13:00",
        "15:00",
        "0",
        "Om 15 u gestopt, niet om 16 u",
    )
    .await
    .unwrap();
    assert_eq!(entry_field::<i64>(app, "minutes", entry).await, 120);
    let mut conn = app.db.conn().await.unwrap();
    let detail: String = app::on!(conn.c(), c => sqlx::query_scalar(
        "SELECT detail FROM audit_event WHERE action = 'prestatie_changed' AND subject_id = $1")
        .bind(entry).fetch_one(c).await)
    .unwrap();
    assert!(
        detail.contains("13:00–16:00") && detail.contains("13:00–15:00"),
        "{detail}"
    );
    assert!(detail.contains("Om 15 u gestopt"), "{detail}");
    // Another worker's prestatie: not found.
    let ahmed = app.login("ahmed@a.test").await;
    assert_eq!(
        change(&ahmed, entry, &d, "13:00", "14:00", "0", "mijn fout")
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
    // Confirmed by the gebruiker: locked for the worker.
    let ahmed_entry = app.a.entries.ahmed_submitted;
    let maria = app.login("maria@a.test").await;
    let _: app::time_entries::Confirmed = maria
        .call("confirm_entry", &[("entry_id", &ahmed_entry.to_string())])
        .await
        .unwrap();
    let two_days_ago = day(app, -2);
    assert_eq!(
        change(
            &ahmed,
            ahmed_entry,
            &two_days_ago,
            "09:00",
            "10:00",
            "0",
            "toch korter"
        )
        .await
        .unwrap_err(),
        (409, AppError::EntryLocked)
    );
}

pub async fn a_forgotten_clock_is_closed_once_at_the_planned_end(app: &TestApp) {
    // Ahmed's work today is planned 09:00–12:00; he starts at 09:00 and forgets to stop.
    let ahmed = app.login("ahmed@a.test").await;
    let entry: EntryId = ahmed
        .call(
            "start_clock",
            &[("assignment_id", &app.a.assignments.ahmed_maria.to_string())],
        )
        .await
        .unwrap();
    let today: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    let running = today.running.unwrap();
    // The phone reminds him 30 minutes (the default margin) after the planned end.
    assert_eq!(
        running.remind_at_ms,
        app.clock.now().timestamp_millis() + (180 + 30) * 60_000
    );
    // Nine hours later the maximum (10 hours) is not reached: nothing happens.
    app.advance(Duration::hours(9));
    let service = app::time_entries::service::close_forgotten;
    assert_eq!(service(&app.db, app.clock.now()).await.unwrap(), 0);
    app.advance(Duration::hours(2));
    // Two server processes run the job at the same moment: one closes it.
    let now = app.clock.now();
    let (a, b) = tokio::join!(service(&app.db, now), service(&app.db, now));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    // And again later: nothing left to do.
    assert_eq!(service(&app.db, app.clock.now()).await.unwrap(), 0);
    assert_eq!(entry_field::<String>(app, "status", entry).await, "review");
    assert_eq!(entry_field::<i64>(app, "minutes", entry).await, 180);
    assert_eq!(audits(app, Action::ClockClosedForgotten, entry).await, 1);
    let today: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    assert!(today.running.is_none());
}

pub async fn opdrachten_shows_offers_planned_and_done(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let list: MyAssignments = kevin.call("my_assignments", &[]).await.unwrap();
    let ids = |l: &[app::assignments::AssignmentCard]| l.iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(&list.offers), vec![app.a.assignments.kevin_roger]);
    assert_eq!(
        ids(&list.upcoming),
        vec![app.a.assignments.kevin_roger_today]
    );
    assert_eq!(ids(&list.past), vec![app.a.assignments.kevin_vzw]);
    // Roger gave his number: tap to call.
    assert!(list.offers[0].client_phone.is_some());
    let detail: AssignmentDetail = kevin
        .call(
            "my_assignment",
            &[("assignment_id", &app.a.assignments.kevin_vzw.to_string())],
        )
        .await
        .unwrap();
    assert_eq!(detail.entries.len(), 1);
    // Someone else's assignment, in this organisation or the other: not found.
    for other in [app.a.assignments.ahmed_maria, app.b.assignments.kevin_vzw] {
        let err = kevin
            .call::<AssignmentDetail>("my_assignment", &[("assignment_id", &other.to_string())])
            .await
            .unwrap_err();
        assert_eq!(err, (404, AppError::NotFound));
    }
}

pub async fn the_password_changes_after_the_current_one(app: &TestApp) {
    let lien = app.login("lien@a.test").await;
    let new = "een-lang-nieuw-wachtwoord";
    assert_eq!(
        lien.call::<()>("change_password", &[("current", "fout"), ("new", new)])
            .await
            .unwrap_err(),
        (422, AppError::Invalid(Field::CurrentPassword))
    );
    assert_eq!(
        lien.call::<()>(
            "change_password",
            &[("current", "wijkwerk"), ("new", "kort")]
        )
        .await
        .unwrap_err(),
        (422, AppError::Invalid(Field::NewPassword))
    );
    lien.call::<()>("change_password", &[("current", "wijkwerk"), ("new", new)])
        .await
        .unwrap();
    let again = app.anonymous();
    let old = again
        .call::<app::auth::Role>(
            "login",
            &[("email", "lien@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert_eq!(old.unwrap_err().1, AppError::WrongLogin);
    again
        .call::<app::auth::Role>("login", &[("email", "lien@a.test"), ("password", new)])
        .await
        .unwrap();
}

/// The rules' property cases against the server: random hours on days around Kevin's
/// assignment (one with summer time ending in the year, a month end nearby), each sent to the
/// server and judged by the pure rules with what was accepted so far. The server and the rules
/// agree on every one, and what was accepted never overlaps.
pub async fn random_hours_get_the_same_verdict_from_the_server_and_the_rules(app: &TestApp) {
    use app::rules::{self, Span};
    let kevin = app.login("kevin@a.test").await;
    let vzw = app.a.assignments.kevin_vzw;
    let planned = app::clock::local_date(app.clock.now()) - Duration::days(3);
    let now_ms = app.clock.now().timestamp_millis();
    // What the database already holds for Kevin: the demo's disputed prestatie.
    let hours: MyHours = kevin.call("my_hours", &[]).await.unwrap();
    let mut accepted: Vec<(Span, chrono::NaiveDate, i64)> = hours
        .entries
        .iter()
        .map(|e| (e.span(), e.work_date, e.minutes.unwrap_or(0)))
        .collect();
    let mut seed: u64 = 0x5eed_2026;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for _ in 0..24 {
        let date = planned + Duration::days(next(3) as i64 - 1);
        let start_minute = next(24 * 60) as u32;
        let end_minute = (start_minute + 1 + next(14 * 60) as u32).min(24 * 60 - 1);
        let pause = next(90) as i64;
        let at = |m: u32| chrono::NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap();
        let h = app::time_entries::Hours {
            date,
            start: at(start_minute),
            end: at(end_minute),
            pause_minutes: pause,
            km: 0,
            note: String::new(),
        };
        let others: Vec<Span> = accepted.iter().map(|(s, _, _)| *s).collect();
        let usage = |day: chrono::NaiveDate| {
            let (m0, m1) = rules::month_bounds(day);
            let (y0, y1) = rules::year_bounds(day);
            let sum = |a, b| -> i64 {
                accepted
                    .iter()
                    .filter(|(_, d, _)| *d >= a && *d < b)
                    .map(|(_, _, m)| m)
                    .sum()
            };
            rules::Usage {
                month_minutes: sum(m0, m1),
                year_minutes: sum(y0, y1),
            }
        };
        let expected = h
            .check(now_ms, &others)
            .map_err(AppError::Entry)
            .and_then(|m| {
                rules::check_new_minutes(usage(date), m)
                    .map(|()| m)
                    .map_err(AppError::Limit)
            });
        let fmt = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        let got = enter(
            &kevin,
            vzw,
            &date.to_string(),
            &fmt(start_minute),
            &fmt(end_minute),
            &pause.to_string(),
            "0",
        )
        .await;
        match (&expected, &got) {
            (Ok(minutes), Ok(_)) => accepted.push((h.span(), date, *minutes)),
            (Err(e), Err((_, g))) => assert_eq!(e, g, "{h:?}"),
            _ => panic!("{h:?}: rules say {expected:?}, server says {got:?}"),
        }
    }
    for (i, (a, _, _)) in accepted.iter().enumerate() {
        for (b, _, _) in &accepted[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} {b:?}");
        }
    }
    assert!(
        accepted.len() > 2,
        "some hours were accepted: {}",
        accepted.len()
    );
}
