//! The second factor of bemiddelaars and admins: setting it up with a code from the app, the
//! code after the password (each works once), wrong codes throttled like wrong passwords,
//! recovery codes used once, and an organisation that makes it mandatory.

use app::auth::second_factor::{STEP_SECONDS, code_at};
use app::auth::{CurrentUser, Enrolment, Role, SecondFactorStatus};
use app::error::{AppError, Field};
use chrono::Duration;

use crate::harness::{Request, TestApp, User};

fn secret_of(e: &Enrolment) -> String {
    e.secret.replace(' ', "")
}

fn code_now(app: &TestApp, secret: &str) -> String {
    code_at(secret, app.clock.now()).unwrap()
}

/// The password step: answers where the browser goes next.
async fn password(app: &TestApp, email: &str, password: &str) -> (User, Option<String>) {
    let user = app.anonymous();
    // As the login page's plain form posts it: the answer sends the browser on.
    let answer = user
        .send(Request {
            method: "POST",
            path: "/api/login",
            html: true,
            form: &[("email", email), ("password", password)],
            json: None,
            headers: &[],
        })
        .await;
    assert_eq!(answer.status, 302, "{}", answer.body);
    let location = answer.header("location").map(str::to_string);
    (user, location)
}

async fn logged_in(user: &User) -> Option<CurrentUser> {
    user.call("current_user", &[]).await.unwrap()
}

async fn enrol(user: &User) -> (Enrolment, String) {
    let enrolment: Enrolment = user.call("second_factor_enrolment", &[]).await.unwrap();
    assert!(enrolment.qr_svg.contains("<svg"), "{}", enrolment.qr_svg);
    assert_eq!(enrolment.recovery_codes.len(), 10);
    let secret = secret_of(&enrolment);
    (enrolment, secret)
}

pub async fn a_coordinator_enrols_and_logs_in_with_a_code_once(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let status: SecondFactorStatus = sofie.call("second_factor_status", &[]).await.unwrap();
    assert!(!status.enrolled && !status.required);

    // Set up: nothing is on before a code from the app matches.
    let (first, _) = enrol(&sofie).await;
    // Shown again (a reload): the same secret, new recovery codes.
    let (enrolment, secret) = enrol(&sofie).await;
    assert_eq!(first.secret, enrolment.secret);
    assert_ne!(first.recovery_codes, enrolment.recovery_codes);
    let wrong = sofie
        .call::<Role>("confirm_second_factor", &[("code", "000000")])
        .await;
    assert_eq!(
        wrong.unwrap_err(),
        (422, AppError::Invalid(Field::SecondFactorCode))
    );
    let status: SecondFactorStatus = sofie.call("second_factor_status", &[]).await.unwrap();
    assert!(!status.enrolled);
    let enrolled_with = code_now(app, &secret);
    let role: Role = sofie
        .call("confirm_second_factor", &[("code", &enrolled_with)])
        .await
        .unwrap();
    assert_eq!(role, Role::Coordinator);
    let status: SecondFactorStatus = sofie.call("second_factor_status", &[]).await.unwrap();
    assert_eq!((status.enrolled, status.recovery_codes_left), (true, 10));
    // On is on: no second secret over it.
    let again = sofie
        .call::<Enrolment>("second_factor_enrolment", &[])
        .await;
    assert_eq!(again.unwrap_err(), (409, AppError::SecondFactorOn));
    // The codes used so far were the older set's, which no longer work.
    let old_recovery = first.recovery_codes[0].clone();

    // The next login: the password alone is half a login.
    let (browser, next) = password(app, "sofie@a.test", "wijkwerk").await;
    assert_eq!(next.as_deref(), Some("/login/code"));
    assert_eq!(logged_in(&browser).await, None);
    let refused = browser
        .call::<Vec<app::workers::WorkerLine>>("list_workers", &[])
        .await;
    assert_eq!(refused.unwrap_err().0, 401);
    // The code that set it up was used: it does not work twice.
    let reused = browser
        .call::<Role>("login_code", &[("code", &enrolled_with)])
        .await;
    assert_eq!(
        reused.unwrap_err(),
        (422, AppError::Invalid(Field::SecondFactorCode))
    );
    // Half a minute later the app shows a new code: logged in.
    app.advance(Duration::seconds(STEP_SECONDS));
    let code = code_now(app, &secret);
    let role: Role = browser
        .call("login_code", &[("code", &code)])
        .await
        .unwrap();
    assert_eq!(role, Role::Coordinator);
    assert_eq!(logged_in(&browser).await.unwrap().role, Role::Coordinator);
    let _: Vec<app::workers::WorkerLine> = browser.call("list_workers", &[]).await.unwrap();
    // Someone who saw that code over her shoulder, with her password, gets nothing.
    let (thief, _) = password(app, "sofie@a.test", "wijkwerk").await;
    let stolen = thief.call::<Role>("login_code", &[("code", &code)]).await;
    assert_eq!(
        stolen.unwrap_err(),
        (422, AppError::Invalid(Field::SecondFactorCode))
    );

    // Wrong codes count like wrong passwords: after five, even the right one waits.
    for _ in 0..4 {
        let wrong = thief
            .call::<Role>("login_code", &[("code", "123456")])
            .await;
        assert_eq!(
            wrong.unwrap_err(),
            (422, AppError::Invalid(Field::SecondFactorCode))
        );
    }
    // The app's next code (one step ahead still counts) is refused while the wait lasts.
    let right = code_at(&secret, app.clock.now() + Duration::seconds(STEP_SECONDS)).unwrap();
    let waited = thief.call::<Role>("login_code", &[("code", &right)]).await;
    assert!(
        matches!(waited, Err((429, AppError::TooManyAttempts { .. }))),
        "{waited:?}"
    );
    assert_eq!(logged_in(&thief).await, None);
    assert!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login_failed' AND subject_id = $1",
            app.a.accounts["sofie"].0
        )
        .await
            >= 5
    );

    // After the wait, with a recovery code (typed loosely), once.
    app.advance(Duration::minutes(10));
    let (phone_lost, _) = password(app, "sofie@a.test", "wijkwerk").await;
    let recovery = enrolment.recovery_codes[3].to_uppercase().replace('-', " ");
    let role: Role = phone_lost
        .call("login_code", &[("code", &recovery)])
        .await
        .unwrap();
    assert_eq!(role, Role::Coordinator);
    let status: SecondFactorStatus = phone_lost.call("second_factor_status", &[]).await.unwrap();
    assert_eq!(status.recovery_codes_left, 9);
    let (again, _) = password(app, "sofie@a.test", "wijkwerk").await;
    for used in [recovery.as_str(), old_recovery.as_str()] {
        let refused = again.call::<Role>("login_code", &[("code", used)]).await;
        assert_eq!(
            refused.unwrap_err(),
            (422, AppError::Invalid(Field::SecondFactorCode)),
            "{used}"
        );
    }
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'recovery_code_used' \
             AND subject_id = $1",
            app.a.accounts["sofie"].0
        )
        .await,
        1
    );

    // A half login ends after ten minutes.
    let (slow, _) = password(app, "sofie@a.test", "wijkwerk").await;
    app.advance(Duration::minutes(11));
    let late = slow
        .call::<Role>("login_code", &[("code", &code_now(app, &secret))])
        .await;
    assert_eq!(late.unwrap_err().0, 401);
}

pub async fn an_organisation_makes_the_second_factor_mandatory(app: &TestApp) {
    // A second bemiddelaar of organisation A, without a second factor.
    let jan = {
        let mut tx = app.db.begin().await.unwrap();
        let id = app::auth::service::create_coordinator(
            &mut tx,
            app.a.organisation_id,
            "jan@a.test",
            "Jan Peeters",
            "een lang wachtwoord voor jan".into(),
            app.clock.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    };
    // Workers and gebruikers have no second factor to set up.
    let kevin = app.login("kevin@a.test").await;
    assert_eq!(
        kevin
            .call::<Enrolment>("second_factor_enrolment", &[])
            .await
            .unwrap_err(),
        (403, AppError::Forbidden)
    );
    assert_eq!(
        kevin
            .call::<()>("set_second_factor_required", &[("required", "true")])
            .await
            .unwrap_err(),
        (403, AppError::Forbidden)
    );
    assert_eq!(
        app.anonymous()
            .call::<Enrolment>("second_factor_enrolment", &[])
            .await
            .unwrap_err()
            .0,
        401
    );

    let sofie = app.login("sofie@a.test").await;
    sofie
        .call::<()>("set_second_factor_required", &[("required", "true")])
        .await
        .unwrap();
    let status: SecondFactorStatus = sofie.call("second_factor_status", &[]).await.unwrap();
    assert!(status.required);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'settings_changed' \
             AND detail LIKE '%second_factor_required: false -> true%' AND organisation_id = $1",
            app.a.organisation_id.0
        )
        .await,
        1
    );

    // Jan's next login goes to setting it up; nothing else works until he has.
    let (browser, next) = password(app, "jan@a.test", "een lang wachtwoord voor jan").await;
    assert_eq!(next.as_deref(), Some("/login/enrol"));
    assert_eq!(logged_in(&browser).await, None);
    let (_, secret) = enrol(&browser).await;
    let role: Role = browser
        .call(
            "confirm_second_factor",
            &[("code", &code_now(app, &secret))],
        )
        .await
        .unwrap();
    assert_eq!(role, Role::Coordinator);
    let me = logged_in(&browser).await.unwrap();
    assert_eq!(me.account_id, jan);
    // From now on Jan logs in with a code.
    let (_, next) = password(app, "jan@a.test", "een lang wachtwoord voor jan").await;
    assert_eq!(next.as_deref(), Some("/login/code"));

    // Workers log in as before; organisation B's bemiddelaar too.
    let (_, next) = password(app, "kevin@a.test", "wijkwerk").await;
    assert_eq!(next.as_deref(), Some("/worker"));
    let (_, next) = password(app, "sofie@b.test", "wijkwerk").await;
    assert_eq!(next.as_deref(), Some("/coordinator"));
}
