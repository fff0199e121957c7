//! Roles and ownership: every server function checks who calls, and an object that is not the
//! caller's own is "not found" and stays as it was.

use app::error::{AppError, Field};
use app::reports::MonthHours;
use app::time_entries::{Confirmed, Stopped};
use app::workers::WorkerDay;
use chrono::Duration;

use crate::clock::start;
use crate::harness::TestApp;

pub async fn roles_are_checked_on_the_server(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    let report = ahmed.call::<MonthHours>("month_hours", &[]).await;
    assert_eq!(report.unwrap_err(), (403, AppError::Forbidden));
    let maria = app.login("maria@a.test").await;
    let started = start(&maria, app.a.assignments.ahmed_maria).await;
    assert_eq!(started.unwrap_err(), (403, AppError::Forbidden));
    let entry = app.a.entries.ahmed_submitted.to_string();
    let confirm = ahmed
        .call::<Confirmed>("confirm_entry", &[("entry_id", &entry)])
        .await;
    assert_eq!(confirm.unwrap_err(), (403, AppError::Forbidden));
    let sofie = app.login("sofie@a.test").await;
    let day = sofie.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (403, AppError::Forbidden));
    let anon = app.anonymous();
    let report = anon.call::<MonthHours>("month_hours", &[]).await;
    assert_eq!(report.unwrap_err(), (401, AppError::NotLoggedIn));
    // Garbage input is refused with a clear error, not a crash.
    let bad = ahmed
        .call::<i64>("start_clock", &[("assignment_id", "drie")])
        .await;
    assert_eq!(bad.unwrap_err(), (422, AppError::Invalid(Field::Form)));
    assert_eq!(
        app.entry_status(app.a.entries.ahmed_submitted).await,
        "submitted"
    );
}

pub async fn one_organisation_never_touches_another(app: &TestApp) {
    // Ahmed's submitted prestatie at Maria, organisation A.
    let entry = app.a.entries.ahmed_submitted;
    let maria_b = app.login("maria@b.test").await;
    let refused = maria_b
        .call::<Confirmed>("confirm_entry", &[("entry_id", &entry.to_string())])
        .await;
    assert_eq!(refused.unwrap_err(), (404, AppError::NotFound));
    let disputed = maria_b
        .call::<()>(
            "dispute_entry",
            &[("entry_id", &entry.to_string()), ("reason", "niet van mij")],
        )
        .await;
    assert_eq!(disputed.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(app.entry_status(entry).await, "submitted");
    assert_eq!(app.payments(entry).await, 0);

    // A worker of B cannot start A's assignment.
    let ahmed_b = app.login("ahmed@b.test").await;
    let started = start(&ahmed_b, app.a.assignments.ahmed_maria).await;
    assert_eq!(
        started.unwrap_err(),
        (422, AppError::Invalid(Field::Assignment))
    );

    // The coordinator of B sees only B's workers.
    let sofie_b = app.login("sofie@b.test").await;
    let report: MonthHours = sofie_b.call("month_hours", &[]).await.unwrap();
    let ids: Vec<_> = report
        .municipalities
        .iter()
        .flat_map(|m| m.workers.iter().map(|w| w.worker_id))
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(ids.iter().all(|id| app.b.workers.values().any(|b| b == id)));
}

pub async fn people_of_one_organisation_cannot_touch_each_other(app: &TestApp) {
    // Ahmed's clock runs; Lien (same organisation) tries to stop it.
    let ahmed = app.login("ahmed@a.test").await;
    let entry = start(&ahmed, app.a.assignments.ahmed_maria).await.unwrap();
    app.advance(Duration::minutes(45));
    let lien = app.login("lien@a.test").await;
    let stopped = lien
        .call::<Stopped>(
            "stop_clock",
            &[("entry_id", &entry.to_string()), ("cap_at_limit", "false")],
        )
        .await;
    assert_eq!(stopped.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(app.entry_status(entry).await, "running");
    // Lien cannot start Ahmed's assignment either.
    let started = start(&lien, app.a.assignments.ahmed_maria).await;
    assert_eq!(
        started.unwrap_err(),
        (422, AppError::Invalid(Field::Assignment))
    );

    // The school (same organisation) tries to confirm Maria's prestatie.
    let school = app.login("school@a.test").await;
    let mine_not = app.a.entries.ahmed_submitted;
    let before = app.balance(app.a.clients["school"]).await;
    let confirm = school
        .call::<Confirmed>("confirm_entry", &[("entry_id", &mine_not.to_string())])
        .await;
    assert_eq!(confirm.unwrap_err(), (404, AppError::NotFound));
    let dispute = school
        .call::<()>(
            "dispute_entry",
            &[
                ("entry_id", &mine_not.to_string()),
                ("reason", "niet van ons"),
            ],
        )
        .await;
    assert_eq!(dispute.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(app.entry_status(mine_not).await, "submitted");
    assert_eq!(app.payments(mine_not).await, 0);
    assert_eq!(app.balance(app.a.clients["school"]).await, before);
}
