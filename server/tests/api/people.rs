//! The coordinator's workers: create with an activation code, first login with it, edit, end
//! the trajectory, a new code, deactivate; always inside the coordinator's own organisation.

use app::auth::{ActivationCode, Role};
use app::error::{AppError, Field};
use app::ids::{AccountId, WorkerId};
use app::workers::{CreatedWorker, WorkerDay, WorkerFile, WorkerLine};
use chrono::Duration;

use crate::harness::{TestApp, User};

const PASSWORD: &str = "een lang wachtwoord";

/// The form of a new worker in municipality `m`, trajectory from 2026-11-01 to `end`.
fn form<'a>(first: &'a str, email: &'a str, m: &'a str, end: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[first_name]", first),
        ("form[last_name]", "Peeters"),
        ("form[email]", email),
        ("form[phone]", "09 123 45 67"),
        ("form[municipality_id]", m),
        ("form[referrer]", "Ocmw"),
        ("form[trajectory_start]", "2026-11-01"),
        ("form[trajectory_planned_end]", end),
    ]
}

async fn create(
    sofie: &User,
    first: &str,
    email: &str,
    m: &str,
) -> Result<CreatedWorker, (u16, AppError)> {
    sofie
        .call("create_worker", &form(first, email, m, "2027-10-31"))
        .await
}

async fn activate(app: &TestApp, code: &str) -> (User, Result<Role, (u16, AppError)>) {
    let phone = app.anonymous();
    let answer = phone
        .call("activate", &[("code", code), ("password", PASSWORD)])
        .await;
    (phone, answer)
}

pub async fn a_new_worker_activates_with_the_code_once(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let gavere = app.a.municipalities["gavere"].to_string();
    let created = create(&sofie, "Lotte", "Lotte@Example.test", &gavere)
        .await
        .unwrap();
    let code = &created.code.code;
    assert_eq!(code.len(), 9, "{code}");
    assert_eq!(&code[4..5], "-");
    // No password works before the code is used.
    let before = app
        .anonymous()
        .call::<Role>(
            "login",
            &[("email", "lotte@example.test"), ("password", "!")],
        )
        .await;
    assert_eq!(before.unwrap_err(), (401, AppError::WrongLogin));
    let listed: Vec<WorkerLine> = sofie
        .call("list_workers", &[("search", "lotte")])
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].waiting_for_activation);

    // Typed as people type it: lower case, spaces instead of the dash.
    let typed = code.to_lowercase().replace('-', " ");
    let (phone, role) = activate(app, &typed).await;
    assert_eq!(role.unwrap(), Role::Worker);
    let day: WorkerDay = phone.call("worker_day", &[]).await.unwrap();
    assert_eq!(day.first_name, "Lotte");
    // The password chosen works for the next login too.
    let again = app
        .anonymous()
        .call::<Role>(
            "login",
            &[("email", "lotte@example.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(again.unwrap(), Role::Worker);

    // Used once: a second phone with the same code gets nothing.
    let (_, second) = activate(app, code).await;
    assert_eq!(second.unwrap_err(), (422, AppError::ActivationCode));
    let file: WorkerFile = sofie
        .call(
            "worker_file",
            &[("worker_id", &created.worker_id.to_string())],
        )
        .await
        .unwrap();
    assert_eq!(file.code_valid_until, None);
    assert_eq!(file.email, "lotte@example.test");
    assert_eq!(file.form.phone, "09 123 45 67");
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE subject_id = $1 AND action = 'account_activated'",
            file.account_id.0
        )
        .await,
        1
    );
}

pub async fn an_expired_or_replaced_code_does_not_work(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let zulte = app.a.municipalities["zulte"].to_string();
    let first = create(&sofie, "Ilse", "ilse@example.test", &zulte)
        .await
        .unwrap();
    let second = create(&sofie, "Jan", "jan@example.test", &zulte)
        .await
        .unwrap();
    // A new code replaces the old one.
    let account = first.code.account_id.to_string();
    let renewed: ActivationCode = sofie
        .call("new_activation_code", &[("account_id", &account)])
        .await
        .unwrap();
    assert_ne!(renewed.code, first.code.code);
    let (_, old) = activate(app, &first.code.code).await;
    assert_eq!(old.unwrap_err(), (422, AppError::ActivationCode));
    // After 14 days a code is worth nothing.
    app.advance(Duration::days(14) + Duration::minutes(1));
    let (_, late) = activate(app, &second.code.code).await;
    assert_eq!(late.unwrap_err(), (422, AppError::ActivationCode));
    let (_, late) = activate(app, &renewed.code).await;
    assert_eq!(late.unwrap_err(), (422, AppError::ActivationCode));
    // Something that is not even a code, and a password that is too short.
    let (_, garbage) = activate(app, "hallo").await;
    assert_eq!(garbage.unwrap_err(), (422, AppError::ActivationCode));
    let short = app
        .anonymous()
        .call::<Role>("activate", &[("code", &renewed.code), ("password", "kort")])
        .await;
    assert_eq!(
        short.unwrap_err(),
        (422, AppError::Invalid(Field::NewPassword))
    );
}

pub async fn a_worker_is_checked_and_stays_in_the_organisation(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let gavere = app.a.municipalities["gavere"].to_string();
    // 12 months and a day: refused, unless ex-PWA.
    let too_long = sofie
        .call::<CreatedWorker>(
            "create_worker",
            &form("Tom", "tom@example.test", &gavere, "2027-11-01"),
        )
        .await;
    assert_eq!(
        too_long.unwrap_err(),
        (422, AppError::Invalid(Field::TrajectoryEnd))
    );
    let mut ex_pwa = form("Tom", "tom@example.test", &gavere, "2028-06-30");
    ex_pwa.push(("form[ex_pwa]", "true"));
    let tom: CreatedWorker = sofie.call("create_worker", &ex_pwa).await.unwrap();
    // Another organisation's municipality, an e-mail in use, an empty name: refused, nothing
    // written.
    let municipality_b = app.b.municipalities["gavere"].to_string();
    let refused = create(&sofie, "Els", "els@example.test", &municipality_b).await;
    assert_eq!(
        refused.unwrap_err(),
        (422, AppError::Invalid(Field::Municipality))
    );
    let taken = create(&sofie, "Els", "ahmed@a.test", &gavere).await;
    assert_eq!(taken.unwrap_err(), (422, AppError::Invalid(Field::Email)));
    let nameless = create(&sofie, "  ", "els@example.test", &gavere).await;
    assert_eq!(nameless.unwrap_err(), (422, AppError::Invalid(Field::Name)));
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM account WHERE email = 'els@example.test' AND id > $1",
            0
        )
        .await,
        0
    );

    // Organisation B's coordinator does not find A's worker; a worker may not list workers.
    let sofie_b = app.login("sofie@b.test").await;
    let id = tom.worker_id.to_string();
    let file = sofie_b
        .call::<WorkerFile>("worker_file", &[("worker_id", &id)])
        .await;
    assert_eq!(file.unwrap_err(), (404, AppError::NotFound));
    let mut change = form("Thomas", "", &gavere, "2027-10-31");
    change.push(("worker_id", &id));
    let changed = sofie_b.call::<()>("update_worker", &change).await;
    assert_eq!(changed.unwrap_err(), (404, AppError::NotFound));
    let account = tom.code.account_id.to_string();
    for endpoint in ["new_activation_code", "deactivate_account"] {
        let answer = sofie_b
            .call::<serde_json::Value>(endpoint, &[("account_id", &account)])
            .await;
        assert_eq!(answer.unwrap_err(), (404, AppError::NotFound), "{endpoint}");
    }
    let list_b: Vec<WorkerLine> = sofie_b
        .call("list_workers", &[("status", "All")])
        .await
        .unwrap();
    assert!(list_b.iter().all(|w| w.id != tom.worker_id));
    let ahmed = app.login("ahmed@a.test").await;
    let listed = ahmed.call::<Vec<WorkerLine>>("list_workers", &[]).await;
    assert_eq!(listed.unwrap_err(), (403, AppError::Forbidden));
    // A coordinator's own account is not managed here.
    let own = app
        .scalar(
            "SELECT id FROM account WHERE email = 'sofie@a.test' AND id > $1",
            0,
        )
        .await
        .to_string();
    let answer = sofie
        .call::<()>("deactivate_account", &[("account_id", &own)])
        .await;
    assert_eq!(answer.unwrap_err(), (403, AppError::Forbidden));

    // A's coordinator changes the worker; the audit keeps before and after.
    sofie.call::<()>("update_worker", &change).await.unwrap();
    let file: WorkerFile = sofie
        .call("worker_file", &[("worker_id", &id)])
        .await
        .unwrap();
    assert_eq!(file.form.first_name, "Thomas");
    assert!(!file.form.ex_pwa);
    let detail = app
        .scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'worker_changed' AND subject_id = $1 \
             AND detail LIKE '%before: Tom Peeters%after: Thomas Peeters%'",
            tom.worker_id.0,
        )
        .await;
    assert_eq!(detail, 1);
}

pub async fn an_ended_trajectory_and_a_deactivated_account_stop_the_worker(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let ahmed = app.login("ahmed@a.test").await;
    let worker: WorkerId = app.a.workers["ahmed"];
    let id = worker.to_string();
    let today = app::clock::local_date(app.clock.now()).to_string();
    let future = (app::clock::local_date(app.clock.now()) + Duration::days(1)).to_string();
    let early = sofie
        .call::<()>(
            "end_trajectory",
            &[
                ("worker_id", &id),
                ("ended_on", &future),
                ("outcome", "Work"),
            ],
        )
        .await;
    assert_eq!(early.unwrap_err(), (422, AppError::Invalid(Field::EndDate)));
    sofie
        .call::<()>(
            "end_trajectory",
            &[
                ("worker_id", &id),
                ("ended_on", &today),
                ("outcome", "Work"),
            ],
        )
        .await
        .unwrap();
    let twice = sofie
        .call::<()>(
            "end_trajectory",
            &[
                ("worker_id", &id),
                ("ended_on", &today),
                ("outcome", "Training"),
            ],
        )
        .await;
    assert_eq!(twice.unwrap_err(), (409, AppError::TrajectoryEnded));
    let file: WorkerFile = sofie
        .call("worker_file", &[("worker_id", &id)])
        .await
        .unwrap();
    assert_eq!(file.outcome, Some(app::workers::Outcome::Work));
    assert_eq!(file.last_day.map(|d| d.to_string()), Some(today.clone()));
    let running: Vec<WorkerLine> = sofie.call("list_workers", &[]).await.unwrap();
    assert!(
        running.iter().all(|w| w.id != worker),
        "ended: not among the running"
    );
    let ended: Vec<WorkerLine> = sofie
        .call("list_workers", &[("status", "Ended")])
        .await
        .unwrap();
    assert!(ended.iter().any(|w| w.id == worker));
    // From tomorrow no hours: the worker's own screen shows the end.
    app.advance(Duration::days(1));
    let day: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    assert_eq!(day.trajectory.ended_on.map(|d| d.to_string()), Some(today));

    // Deactivated: the session ends at once, the password no longer works. (A day later the
    // bemiddelaar logs in anew: staff sessions last a working day.)
    let sofie = app.login("sofie@a.test").await;
    let account: AccountId = file.account_id;
    sofie
        .call::<()>(
            "deactivate_account",
            &[("account_id", &account.to_string())],
        )
        .await
        .unwrap();
    let after = ahmed.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(after.unwrap_err(), (401, AppError::NotLoggedIn));
    let login = app
        .anonymous()
        .call::<Role>(
            "login",
            &[("email", "ahmed@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert_eq!(login.unwrap_err(), (401, AppError::WrongLogin));
    let code = sofie
        .call::<ActivationCode>(
            "new_activation_code",
            &[("account_id", &account.to_string())],
        )
        .await;
    assert_eq!(code.unwrap_err(), (404, AppError::NotFound));
}
