//! The gebruiker confirms or disputes; confirmation spends cheques, exactly once, never more
//! than there are.

use app::clients::ClientOverview;
use app::error::{AppError, Field};
use app::time_entries::EntryStatus;

use crate::clock::clock_minutes;
use crate::harness::TestApp;

pub async fn too_few_cheques_changes_nothing(app: &TestApp) {
    // Kevin works two hours for Roger, who has one cheque.
    let kevin = app.login("kevin@a.test").await;
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 120).await;

    let roger = app.login("roger@a.test").await;
    let refused = roger
        .call::<i64>("confirm_entry", &[("entry_id", &entry.to_string())])
        .await;
    assert_eq!(
        refused.unwrap_err(),
        (
            409,
            AppError::NotEnoughCheques {
                balance: 1,
                needed: 2
            }
        )
    );
    let overview: ClientOverview = roger.call("client_overview", &[]).await.unwrap();
    assert_eq!(overview.cheque_balance, 1);
    assert_eq!(overview.pending[0].line.id, entry);
    assert_eq!(app.payments(entry).await, 0);
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
            // The coordinator records a purchase of one cheque.
            buy(app, roger_id, 1).await;
        }
        assert_eq!(app.balance(roger_id).await, 1);
        // Two prestaties of one hour each: the one cheque covers only one of them.
        let first = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
        let second = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
        let (first_s, second_s) = (first.to_string(), second.to_string());
        let (form_one, form_two) = ([("entry_id", &*first_s)], [("entry_id", &*second_s)]);
        let (a, b) = tokio::join!(
            phone_one.call::<i64>("confirm_entry", &form_one),
            phone_two.call::<i64>("confirm_entry", &form_two),
        );
        let outcomes = [a, b];
        assert_eq!(
            outcomes.iter().filter(|r| r.is_ok()).count(),
            1,
            "round {round}: {outcomes:?}"
        );
        let refusal = outcomes.iter().find_map(|r| r.clone().err()).unwrap();
        assert_eq!(
            refusal,
            (
                409,
                AppError::NotEnoughCheques {
                    balance: 0,
                    needed: 1
                }
            )
        );
        assert_eq!(app.balance(roger_id).await, 0, "never below zero");
        assert_eq!(app.payments(first).await + app.payments(second).await, 1);
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

/// The coordinator records a purchase (a store fixture until the purchase screen exists).
async fn buy(app: &TestApp, client: app::ids::ClientId, cheques: i64) {
    let mut tx = app.db.begin().await.unwrap();
    app::cheques::store::append(
        tx.c(),
        app::cheques::store::Change {
            organisation_id: app.a.organisation_id,
            client_id: client,
            change: cheques,
            time_entry_id: None,
            created_by: None,
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

pub async fn alles_bevestigen_confirms_what_was_shown_or_nothing(app: &TestApp) {
    use app::time_entries::ConfirmedAll;
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
    assert_eq!(
        all(vec![first, second]).await.unwrap_err(),
        (
            409,
            AppError::NotEnoughCheques {
                balance: 1,
                needed: 2
            }
        )
    );
    assert_eq!(app.payments(first).await + app.payments(second).await, 0);
    assert_eq!(app.entry_status(first).await, "submitted");

    // With a cheque more, both; a prestatie that arrived after the screen loaded waits.
    buy(app, roger_id, 1).await;
    let later = clock_minutes(app, &kevin, assignment, 60).await;
    let done = all(vec![first, second]).await.unwrap();
    assert_eq!(
        done,
        ConfirmedAll {
            confirmed: 2,
            balance: 0
        }
    );
    assert_eq!(app.entry_status(later).await, "submitted");
    // Tapped twice (or sent again): nothing more happens, each paid once.
    let again = all(vec![first, second]).await.unwrap();
    assert_eq!(
        again,
        ConfirmedAll {
            confirmed: 0,
            balance: 0
        }
    );
    assert_eq!(
        (app.payments(first).await, app.payments(second).await),
        (1, 1)
    );
    assert_eq!(app.balance(roger_id).await, 0);

    // Someone else's prestatie, a worker, an empty list: refused, nothing changes.
    let maria = app.login("maria@a.test").await;
    let other = maria
        .call_json::<ConfirmedAll>("confirm_all", &serde_json::json!({ "entry_ids": [later] }))
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
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
