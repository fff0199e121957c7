//! Logging in and staying logged in: throttling, the session cookie, idle and absolute
//! lifetimes, logout and deactivation.

use app::auth::{CurrentUser, Role};
use app::error::{AppError, Field};
use app::workers::WorkerDay;
use chrono::Duration;

use crate::harness::{TestApp, User};

async fn try_login(user: &User, email: &str, password: &str) -> Result<Role, (u16, AppError)> {
    user.call("login", &[("email", email), ("password", password)])
        .await
}

pub async fn wrong_logins_are_refused_without_saying_which_part_is_wrong(app: &TestApp) {
    let anon = app.anonymous();
    let wrong = try_login(&anon, "ahmed@a.test", "fout-wachtwoord").await;
    assert_eq!(wrong.unwrap_err(), (401, AppError::WrongLogin));
    let unknown = try_login(&anon, "niemand@a.test", "wijkwerk").await;
    assert_eq!(unknown.unwrap_err(), (401, AppError::WrongLogin));
    let invalid = try_login(&anon, "geen-adres", "x").await;
    assert_eq!(invalid.unwrap_err(), (422, AppError::Invalid(Field::Email)));
    // Still not logged in.
    let day = anon.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
}

pub async fn every_demo_login_works(app: &TestApp) {
    let accounts = [
        ("sofie", Role::Coordinator),
        ("ahmed", Role::Worker),
        ("lien", Role::Worker),
        ("kevin", Role::Worker),
        ("fatima", Role::Worker),
        ("jozef", Role::Worker),
        ("maria", Role::Client),
        ("gemeente", Role::Client),
        ("vzw", Role::Client),
        ("school", Role::Client),
        ("hoeve", Role::Client),
        ("roger", Role::Client),
    ];
    for (who, role) in accounts {
        let user = app.anonymous();
        let email = app.a.email(who);
        let answer = try_login(&user, &email, "wijkwerk")
            .await
            .unwrap_or_else(|e| panic!("{email}: {e:?}"));
        assert_eq!(answer, role, "{email}");
        let me: Option<CurrentUser> = user.call("current_user", &[]).await.unwrap();
        let me = me.expect("logged in");
        assert_eq!((me.role, me.account_id), (role, app.a.accounts[who]));
    }
    // The five kinds of gebruiker are all there.
    assert_eq!(
        app.scalar(
            "SELECT COUNT(DISTINCT kind) FROM client WHERE organisation_id = $1",
            app.a.organisation_id.0
        )
        .await,
        5
    );
}

/// Ten wrong passwords, waiting out every delay as it comes; then a delay even for the right
/// password, until it has passed.
async fn ten_failures_then_right_password(app: &TestApp, email: &str, exists: bool) {
    let user = app.anonymous();
    let mut failures = 0;
    let mut first_wait = None;
    while failures < 10 {
        match try_login(&user, email, "fout-wachtwoord").await {
            Err((401, AppError::WrongLogin)) => failures += 1,
            Err((429, AppError::TooManyAttempts { retry_after_secs })) => {
                assert!(failures >= 5, "no wait before the fifth failure");
                first_wait.get_or_insert(retry_after_secs);
                app.advance(Duration::seconds(retry_after_secs));
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(first_wait, Some(30), "the first wait is half a minute");
    // Even the right password waits now, with Retry-After saying how long.
    let answer = user
        .post("login", &[("email", email), ("password", "wijkwerk")])
        .await;
    assert_eq!(answer.status, 429);
    let retry_after: i64 = answer.header("retry-after").unwrap().parse().unwrap();
    assert!(retry_after >= 60, "the waits grow: {retry_after}");
    let error: AppError = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(
        error,
        AppError::TooManyAttempts {
            retry_after_secs: retry_after
        }
    );
    assert!(user.cookie().is_none(), "no session");
    // After the wait the right password works (or, for an unknown email, is simply wrong).
    app.advance(Duration::seconds(retry_after));
    let after = try_login(&user, email, "wijkwerk").await;
    if exists {
        assert!(after.is_ok(), "{after:?}");
    } else {
        assert_eq!(after.unwrap_err(), (401, AppError::WrongLogin));
    }
}

pub async fn ten_wrong_passwords_make_even_the_right_one_wait(app: &TestApp) {
    ten_failures_then_right_password(app, "ahmed@a.test", true).await;
    // Every failure is in the audit trail of Ahmed's organisation.
    let mut conn = app.db.conn().await.unwrap();
    let failed = app::audit::count(
        conn.c(),
        app::audit::Action::LoginFailed,
        Some(app.a.accounts["ahmed"].0),
    )
    .await
    .unwrap();
    assert_eq!(failed, 10);
    // Another account is not affected.
    drop(conn);
    app.login("lien@a.test").await;
}

pub async fn an_unknown_email_is_throttled_the_same(app: &TestApp) {
    ten_failures_then_right_password(app, "niemand@a.test", false).await;
    let mut conn = app.db.conn().await.unwrap();
    let failed = app::audit::count(conn.c(), app::audit::Action::LoginFailed, None)
        .await
        .unwrap();
    assert!(failed >= 10, "{failed}");
}

pub async fn the_session_cookie_is_host_bound_and_renewed_at_login(app: &TestApp) {
    let user = app.anonymous();
    // A visit before login may already have a session (e.g. a fixed one); login replaces it.
    user.set_cookie(Some(
        "__Host-wijkwerk_session=vastgezet-door-aanvaller".into(),
    ));
    let answer = user
        .post(
            "login",
            &[("email", "maria@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert_eq!(answer.status, 200);
    let cookie = answer.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("__Host-wijkwerk_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure", "Max-Age="] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
    let first = user.cookie().unwrap();
    assert!(!first.contains("vastgezet"));
    // Logging in again gives yet another id.
    let _: Role = user
        .call(
            "login",
            &[("email", "maria@a.test"), ("password", "wijkwerk")],
        )
        .await
        .unwrap();
    assert_ne!(user.cookie().unwrap(), first);
}

pub async fn a_session_ends_at_logout_and_its_cookie_is_worthless(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    let old = ahmed.cookie();
    let () = ahmed.call("logout", &[]).await.unwrap();
    let day = ahmed.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
    // Replaying the cookie from before the logout does not bring the session back.
    let replay = app.anonymous();
    replay.set_cookie(old);
    let day = replay.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
}

pub async fn a_deactivated_account_is_logged_out_at_once(app: &TestApp) {
    let lien = app.login("lien@a.test").await;
    let _: WorkerDay = lien.call("worker_day", &[]).await.unwrap();
    {
        let mut conn = app.db.conn().await.unwrap();
        assert!(
            app::auth::store::set_active(conn.c(), app.a.accounts["lien"], false)
                .await
                .unwrap()
        );
    }
    let day = lien.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
    // And she cannot log in again.
    let again = try_login(&app.anonymous(), "lien@a.test", "wijkwerk").await;
    assert_eq!(again.unwrap_err(), (401, AppError::WrongLogin));
}

pub async fn sessions_expire_when_idle_and_after_their_lifetime(app: &TestApp) {
    // A worker who uses the app every few weeks stays logged in: the idle time restarts...
    let ahmed = app.login("ahmed@a.test").await;
    for _ in 0..3 {
        app.advance(Duration::days(29));
        let _: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    }
    // ...but not past 90 days after logging in.
    app.advance(Duration::days(4));
    let day = ahmed.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));

    // A worker idle for more than 30 days is logged out.
    let lien = app.login("lien@a.test").await;
    app.advance(Duration::days(31));
    let day = lien.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));

    // Staff: 10 hours idle...
    let sofie = app.login("sofie@a.test").await;
    app.advance(Duration::hours(9));
    let _: app::reports::MonthHours = sofie.call("month_hours", &[]).await.unwrap();
    app.advance(Duration::hours(2));
    let _: app::reports::MonthHours = sofie.call("month_hours", &[]).await.unwrap();
    // ...and 12 hours at most.
    app.advance(Duration::hours(2));
    let report = sofie
        .call::<app::reports::MonthHours>("month_hours", &[])
        .await;
    assert_eq!(report.unwrap_err(), (401, AppError::NotLoggedIn));
    let sofie = app.login("sofie@a.test").await;
    app.advance(Duration::hours(10) + Duration::minutes(1));
    let report = sofie
        .call::<app::reports::MonthHours>("month_hours", &[])
        .await;
    assert_eq!(report.unwrap_err(), (401, AppError::NotLoggedIn));
}
