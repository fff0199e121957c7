//! The gebruiker confirms or disputes; confirmation spends cheques, exactly once, never more
//! than there are.

use app::clients::ClientOverview;
use app::error::{AppError, Field};
use app::time_entries::{Confirmed, ConfirmedAll, EntryStatus};

use crate::clock::clock_minutes;
use crate::harness::TestApp;

async fn owed(app: &TestApp, entry: app::ids::EntryId) -> i64 {
    app.scalar("SELECT cheques_owed FROM time_entry WHERE id = $1", entry.0)
        .await
}

pub async fn too_few_cheques_confirm_and_wait_for_cheques(app: &TestApp) {
    // Kevin works two hours for Roger, who has one cheque.
    let kevin = app.login("kevin@a.test").await;
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 120).await;
    let roger_id = app.a.clients["roger"];

    let roger = app.login("roger@a.test").await;
    let done = roger
        .call::<Confirmed>("confirm_entry", &[("entry_id", &entry.to_string())])
        .await
        .unwrap();
    // Confirmed: the work was done. Not paid: the one cheque stays, the prestatie waits for two.
    let waits = Confirmed {
        balance: 1,
        cheques_owed: 2,
    };
    assert_eq!(done, waits);
    assert_eq!(app.entry_status(entry).await, "confirmed");
    assert_eq!((app.payments(entry).await, owed(app, entry).await), (0, 2));
    let overview: ClientOverview = roger.call("client_overview", &[]).await.unwrap();
    assert_eq!(overview.cheque_balance, 1);
    assert!(overview.pending.is_empty());
    assert_eq!((overview.owed.entries, overview.owed.cheques), (1, 2));
    let line = overview.recent.iter().find(|l| l.id == entry).unwrap();
    assert_eq!(
        (line.status, line.cheques_owed),
        (EntryStatus::Confirmed, 2)
    );
    // The bemiddelaar sees Roger waiting for cheques.
    let sofie = app.login("sofie@a.test").await;
    let waiting: Vec<app::clients::OwingClient> =
        sofie.call("waiting_for_cheques", &[]).await.unwrap();
    let roger_waits = waiting.iter().find(|w| w.client_id == roger_id).unwrap();
    assert_eq!((roger_waits.entries, roger_waits.cheques), (1, 2));
    // A purchase of one more pays it, from the old cheque and the new one; nothing is left.
    buy(app, roger_id, 1).await;
    assert_eq!((app.payments(entry).await, owed(app, entry).await), (1, 0));
    assert_eq!(app.balance(roger_id).await, 0);
}

pub async fn simultaneous_confirmations_never_overdraw_the_cheques(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let roger_id = app.a.clients["roger"];
    // Two phones of one household.
    let phone_one = app.login("roger@a.test").await;
    let phone_two = app.login("roger@a.test").await;
    // A race is caught only when both requests overlap: run it several times.
    for round in 0..5 {
        if round > 0 {
            // The coordinator records a purchase of two cheques: one pays the prestatie that
            // waited since the last round, one stays.
            buy(app, roger_id, 2).await;
        }
        assert_eq!(app.balance(roger_id).await, 1, "round {round}");
        // Two prestaties of one hour each: the one cheque covers only one of them.
        let first = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
        let second = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
        let (first_s, second_s) = (first.to_string(), second.to_string());
        let (form_one, form_two) = ([("entry_id", &*first_s)], [("entry_id", &*second_s)]);
        let (a, b) = tokio::join!(
            phone_one.call::<Confirmed>("confirm_entry", &form_one),
            phone_two.call::<Confirmed>("confirm_entry", &form_two),
        );
        // Both are confirmed; exactly one is paid and the other waits for its cheque.
        let mut outcomes = [a.unwrap(), b.unwrap()];
        outcomes.sort_by_key(|o| o.cheques_owed);
        let expected = [
            Confirmed {
                balance: 0,
                cheques_owed: 0,
            },
            Confirmed {
                balance: 0,
                cheques_owed: 1,
            },
        ];
        assert_eq!(outcomes, expected, "round {round}");
        assert_eq!(app.balance(roger_id).await, 0, "never below zero");
        assert_eq!(app.payments(first).await + app.payments(second).await, 1);
        assert_eq!(owed(app, first).await + owed(app, second).await, 1);
    }
}

pub async fn a_dispute_needs_a_reason_and_uses_no_cheques(app: &TestApp) {
    let maria = app.login("maria@a.test").await;
    let entry = app.a.entries.ahmed_submitted;
    let balance = app.balance(app.a.clients["maria"]).await;
    let entry_s = entry.to_string();
    let empty = maria
        .call::<()>("dispute_entry", &[("entry_id", &entry_s), ("reason", "  ")])
        .await;
    assert_eq!(
        empty.unwrap_err(),
        (422, AppError::Invalid(Field::DisputeReason))
    );
    assert_eq!(app.entry_status(entry).await, "submitted");
    let () = maria
        .call(
            "dispute_entry",
            &[
                ("entry_id", &entry_s),
                ("reason", "Hij is maar een uur gebleven"),
            ],
        )
        .await
        .unwrap();
    let overview: ClientOverview = maria.call("client_overview", &[]).await.unwrap();
    assert_eq!(overview.cheque_balance, balance);
    let line = overview.recent.iter().find(|l| l.id == entry).unwrap();
    assert_eq!(line.status, EntryStatus::Disputed);
    assert_eq!(app.payments(entry).await, 0);
}

pub async fn the_ledger_and_audit_trail_are_append_only(app: &TestApp) {
    let row = app
        .scalar("SELECT MIN(id) FROM cheque_ledger WHERE id > $1", 0)
        .await;
    assert!(
        app.execute("UPDATE cheque_ledger SET change = 1000 WHERE id = $1", row)
            .await
            .is_err()
    );
    assert!(
        app.execute("DELETE FROM cheque_ledger WHERE id = $1", row)
            .await
            .is_err()
    );
    // The batches and which batch paid what: as fixed as the ledger.
    let batch = app
        .scalar("SELECT MIN(id) FROM cheque_batch WHERE id > $1", 0)
        .await;
    let used = app
        .scalar(
            "SELECT MIN(ledger_id) FROM cheque_use WHERE ledger_id > $1",
            0,
        )
        .await;
    let uses = "SELECT COUNT(*) FROM cheque_use WHERE ledger_id = $1";
    let before = app.scalar(uses, used).await;
    assert!(before > 0);
    let statements = [
        (
            "UPDATE cheque_batch SET cheques = 1000 WHERE id = $1",
            batch,
        ),
        (
            "UPDATE cheque_batch SET valid_until = '2999-01-01' WHERE id = $1",
            batch,
        ),
        ("DELETE FROM cheque_batch WHERE id = $1", batch),
        (
            "UPDATE cheque_use SET cheques = 1000 WHERE ledger_id = $1",
            used,
        ),
        ("DELETE FROM cheque_use WHERE ledger_id = $1", used),
    ];
    for (sql, id) in statements {
        assert!(app.execute(sql, id).await.is_err(), "{sql} was allowed");
    }
    assert_eq!(app.scalar(uses, used).await, before);
    app.login("sofie@a.test").await;
    let event = app
        .scalar("SELECT MIN(id) FROM audit_event WHERE id > $1", 0)
        .await;
    assert!(
        app.execute("DELETE FROM audit_event WHERE id = $1", event)
            .await
            .is_err()
    );
    assert!(
        app.execute("UPDATE audit_event SET detail = 'x' WHERE id = $1", event)
            .await
            .is_err()
    );
}

/// The bemiddelaar records a purchase paid today, as on the gebruiker's page.
pub async fn buy(
    app: &TestApp,
    client: app::ids::ClientId,
    cheques: i64,
) -> app::cheques::Purchased {
    let sofie = app.login("sofie@a.test").await;
    let today = app::clock::local_date(app.clock.now());
    crate::cheques::purchase(&sofie, client, cheques, today)
        .await
        .unwrap()
}

pub async fn alles_bevestigen_confirms_what_was_shown(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let roger = app.login("roger@a.test").await;
    let roger_id = app.a.clients["roger"];
    let assignment = app.a.assignments.kevin_roger_today;
    // Two hours of work, one cheque (demo): together they cost two.
    let first = clock_minutes(app, &kevin, assignment, 60).await;
    let second = clock_minutes(app, &kevin, assignment, 60).await;
    let all = |ids: Vec<app::ids::EntryId>| {
        let roger = &roger;
        async move {
            roger
                .call_json::<ConfirmedAll>("confirm_all", &serde_json::json!({ "entry_ids": ids }))
                .await
        }
    };
    // A prestatie that arrives after the screen loaded is not part of it.
    let later = clock_minutes(app, &kevin, assignment, 60).await;
    // Both shown are confirmed, in any order sent: the cheque pays the older one, the other
    // waits for a cheque.
    let done = all(vec![second, first]).await.unwrap();
    let expected = ConfirmedAll {
        confirmed: 2,
        balance: 0,
        waiting_for_cheques: 1,
        cheques_owed: 1,
        over_limit: 0,
    };
    assert_eq!(done, expected);
    assert_eq!((app.payments(first).await, owed(app, first).await), (1, 0));
    assert_eq!(
        (app.payments(second).await, owed(app, second).await),
        (0, 1)
    );
    assert_eq!(app.entry_status(second).await, "confirmed");
    assert_eq!(app.entry_status(later).await, "submitted");
    // Tapped twice (or sent again): nothing more happens, each paid once.
    let again = all(vec![first, second]).await.unwrap();
    assert_eq!(again, ConfirmedAll::default());
    // The next purchase pays the one that waited.
    buy(app, roger_id, 1).await;
    assert_eq!(
        (app.payments(first).await, app.payments(second).await),
        (1, 1)
    );
    assert_eq!(owed(app, second).await, 0);
    assert_eq!(app.balance(roger_id).await, 0);

    // Someone else's prestatie, a worker, an empty list: refused, nothing changes.
    let maria = app.login("maria@a.test").await;
    let other = maria
        .call_json::<ConfirmedAll>("confirm_all", &serde_json::json!({ "entry_ids": [later] }))
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
    let mixed = all(vec![later, app.a.entries.ahmed_submitted]).await;
    assert_eq!(mixed.unwrap_err(), (404, AppError::NotFound));
    let by_worker = kevin
        .call_json::<ConfirmedAll>("confirm_all", &serde_json::json!({ "entry_ids": [later] }))
        .await;
    assert_eq!(by_worker.unwrap_err(), (403, AppError::Forbidden));
    assert_eq!(
        all(vec![]).await.unwrap_err(),
        (422, AppError::Invalid(Field::Entries))
    );
    assert_eq!(app.entry_status(later).await, "submitted");
    assert_eq!(app.payments(later).await, 0);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'prestatie_confirm' AND subject_id = $1",
            first.0
        )
        .await,
        1
    );
}

/// The job as every server process runs it each minute.
async fn run_job(db: &app::db::Db, app: &TestApp) -> usize {
    app::time_entries::service::confirm_unanswered(db, app.clock.now())
        .await
        .unwrap()
}

/// Audit lines of one kind about one prestatie, and how many of them name nobody.
async fn audit_lines(app: &TestApp, action: &str, entry: app::ids::EntryId) -> (i64, i64) {
    let mut conn = app.db.conn().await.unwrap();
    app::on!(conn.c(), c => sqlx::query_as::<_, (i64, i64)>(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN account_id IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM audit_event WHERE action = $1 AND subject = 'time_entry' AND subject_id = $2")
        .bind(action).bind(entry).fetch_one(c).await)
    .unwrap()
}

fn at(brussels_utc: &str) -> chrono::DateTime<chrono::Utc> {
    brussels_utc.parse().unwrap()
}

pub async fn an_unanswered_prestatie_is_confirmed_after_the_organisations_days(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let roger_id = app.a.clients["roger"];
    // Tuesday 1 December, 09:00–10:00 in Brussels: one hour for Roger (one cheque), who does
    // not answer. The organisation waits 4 calendar days (the default).
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
    let roger = app.login("roger@a.test").await;
    let overview: ClientOverview = roger.call("client_overview", &[]).await.unwrap();
    let pending = overview
        .pending
        .iter()
        .find(|p| p.line.id == entry)
        .unwrap();
    // Roger is told when it confirms itself: Saturday 5 December.
    assert_eq!(
        pending.auto_confirm_on,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
    );
    // Organisation B waits two days: its prestaties (handed over on 1 December) go first.
    app.execute(
        "UPDATE organisation SET auto_confirm_days = 2 WHERE id = $1",
        app.b.organisation_id.0,
    )
    .await
    .unwrap();
    let waiting_in_b = app
        .scalar(
            "SELECT COUNT(*) FROM time_entry WHERE status = 'submitted' AND organisation_id = $1",
            app.b.organisation_id.0,
        )
        .await;
    assert!(waiting_in_b > 0);

    // Friday 4 December, 23:59 in Brussels: A's still wait, B's are confirmed, once.
    app.clock.set(at("2026-12-04T22:59:00Z"));
    assert_eq!(run_job(&app.db, app).await as i64, waiting_in_b);
    assert_eq!(run_job(&app.db, app).await, 0, "a second run finds nothing");
    assert_eq!(app.entry_status(entry).await, "submitted");
    assert_eq!(app.payments(entry).await, 0);

    // Saturday 5 December, 00:00 in Brussels: Roger's hour is confirmed and paid, once.
    let waiting_in_a = app
        .scalar(
            "SELECT COUNT(*) FROM time_entry WHERE status = 'submitted' AND organisation_id = $1",
            app.a.organisation_id.0,
        )
        .await;
    app.clock.set(at("2026-12-04T23:00:00Z"));
    assert_eq!(run_job(&app.db, app).await as i64, waiting_in_a);
    assert_eq!(run_job(&app.db, app).await, 0);
    assert_eq!(app.entry_status(entry).await, "confirmed");
    assert_eq!(app.payments(entry).await, 1);
    assert_eq!(app.balance(roger_id).await, 0);
    // The trail says the server did it, nobody's account.
    assert_eq!(
        audit_lines(app, "prestatie_auto_confirm", entry).await,
        (1, 1)
    );
    assert_eq!(audit_lines(app, "prestatie_confirm", entry).await, (0, 0));

    // Roger sees it as "automatisch bevestigd"; he can no longer confirm or dispute it.
    let roger = app.login("roger@a.test").await;
    let overview: ClientOverview = roger.call("client_overview", &[]).await.unwrap();
    let line = overview.recent.iter().find(|l| l.id == entry).unwrap();
    assert_eq!(line.status, EntryStatus::Confirmed);
    assert!(line.auto_confirmed);
    assert_eq!(line.cheques_owed, 0);
    assert!(overview.pending.is_empty());
    let again = roger
        .call::<Confirmed>("confirm_entry", &[("entry_id", &entry.to_string())])
        .await;
    assert_eq!(again.unwrap_err(), (409, AppError::AlreadyDecided));
    assert_eq!(app.payments(entry).await, 1);
}

pub async fn without_cheques_it_is_confirmed_and_waits_for_cheques(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let roger_id = app.a.clients["roger"];
    // Two hours for Roger, who has one cheque.
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 120).await;
    app.advance(chrono::Duration::days(5));
    assert!(run_job(&app.db, app).await >= 1);
    assert_eq!(app.entry_status(entry).await, "confirmed");
    // Nothing is taken: the balance never goes below zero, and no cheque is taken twice later.
    assert_eq!(app.payments(entry).await, 0);
    assert_eq!(app.balance(roger_id).await, 1);
    assert_eq!(
        app.scalar("SELECT cheques_owed FROM time_entry WHERE id = $1", entry.0)
            .await,
        2
    );
    assert_eq!(
        audit_lines(app, "prestatie_auto_confirm", entry).await,
        (1, 1)
    );

    // Roger is told why and what to do.
    let roger = app.login("roger@a.test").await;
    let overview: ClientOverview = roger.call("client_overview", &[]).await.unwrap();
    assert_eq!(
        overview.owed,
        app::clients::Owed {
            entries: 1,
            cheques: 2
        }
    );
    let line = overview.recent.iter().find(|l| l.id == entry).unwrap();
    assert_eq!((line.auto_confirmed, line.cheques_owed), (true, 2));

    // The bemiddelaar's review lists Roger; organisation B's sees nobody; a worker may not look.
    let sofie = app.login("sofie@a.test").await;
    let owing: Vec<app::clients::OwingClient> =
        sofie.call("waiting_for_cheques", &[]).await.unwrap();
    assert_eq!(owing.len(), 1);
    assert_eq!(
        (owing[0].client_id, owing[0].entries, owing[0].cheques),
        (roger_id, 1, 2)
    );
    let sofie_b = app.login("sofie@b.test").await;
    let owing_b: Vec<app::clients::OwingClient> =
        sofie_b.call("waiting_for_cheques", &[]).await.unwrap();
    assert!(owing_b.is_empty());
    let kevin = app.login("kevin@a.test").await;
    let refused = kevin
        .call::<Vec<app::clients::OwingClient>>("waiting_for_cheques", &[])
        .await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
}

pub async fn the_automatic_confirmation_races_the_gebruiker_and_another_process(app: &TestApp) {
    let roger_id = app.a.clients["roger"];
    let start = crate::harness::start();
    // A second server process: its own connections to the same database.
    let other = app::db::Db::connect(&app.database_url).await.unwrap();
    // The demo's prestaties confirm themselves first, out of the way of the rounds below.
    app.clock.set(start + chrono::Duration::days(5));
    run_job(&app.db, app).await;
    let mut by_job = 0;
    for round in 0..6 {
        // Each round: one more hour of work on 1 December, one cheque to pay it with.
        app.clock.set(start + chrono::Duration::minutes(61 * round));
        if round > 0 {
            buy(app, roger_id, 1).await;
        }
        let kevin = app.login("kevin@a.test").await;
        let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
        app.clock
            .set(start + chrono::Duration::days(5) + chrono::Duration::minutes(round));
        let roger = app.login("roger@a.test").await;
        let entry_s = entry.to_string();
        let form = [("entry_id", &*entry_s)];
        // Roger taps Bevestigen just as two server processes run the job.
        let now = app.clock.now();
        let job = app::time_entries::service::confirm_unanswered;
        let (manual, here, there) = tokio::join!(
            roger.call::<Confirmed>("confirm_entry", &form),
            job(&app.db, now),
            job(&other, now),
        );
        let (here, there) = (here.unwrap(), there.unwrap());
        match &manual {
            Ok(done) => assert_eq!(done.balance, 0),
            Err(e) => assert_eq!(*e, (409, AppError::AlreadyDecided), "round {round}"),
        }
        assert_eq!(
            usize::from(manual.is_ok()) + here + there,
            1,
            "round {round}: exactly one confirmed it ({manual:?}, {here}, {there})"
        );
        by_job += here + there;
        assert_eq!(app.entry_status(entry).await, "confirmed");
        assert_eq!(app.payments(entry).await, 1, "round {round}: paid once");
        assert_eq!(app.balance(roger_id).await, 0, "never below zero");
        let manual_lines = audit_lines(app, "prestatie_confirm", entry).await.0;
        let auto_lines = audit_lines(app, "prestatie_auto_confirm", entry).await.0;
        assert_eq!(manual_lines + auto_lines, 1);
        assert_eq!(
            app.scalar(
                "SELECT CAST(CASE WHEN auto_confirmed THEN 1 ELSE 0 END AS BIGINT) \
                 FROM time_entry WHERE id = $1",
                entry.0
            )
            .await,
            auto_lines
        );
    }
    other.close().await;
    // Not a proof of overlap, but a sign the rounds were races: both sides won sometimes.
    eprintln!("the job won {by_job} of 6 rounds");
}
