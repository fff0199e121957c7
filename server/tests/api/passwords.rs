//! Passwords: a new one is long enough and not on the list of common and breached passwords
//! (refused in words, nothing changed); a hash made with older parameters is made again at the
//! next login.

use app::auth::Role;
use app::error::{AppError, Field};
use app::i18n::{Lang, error_message};
use app::workers::CreatedWorker;

use crate::harness::TestApp;

pub async fn a_common_password_is_refused_in_dutch(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let gavere = app.a.municipalities["gavere"].to_string();
    let created: CreatedWorker = sofie
        .call(
            "create_worker",
            &[
                ("form[first_name]", "Jonas"),
                ("form[last_name]", "Claes"),
                ("form[email]", "jonas@example.test"),
                ("form[phone]", ""),
                ("form[municipality_id]", gavere.as_str()),
                ("form[referrer]", "Vdab"),
                ("form[trajectory_start]", "2026-11-01"),
                ("form[trajectory_planned_end]", "2027-10-31"),
            ],
        )
        .await
        .unwrap();
    let code = created.code.code.as_str();

    // "Qwerty123456" is on the list (compared in lower case): refused, in plain Dutch.
    let phone = app.anonymous();
    let refused = phone
        .call::<Role>("activate", &[("code", code), ("password", "Qwerty123456")])
        .await
        .unwrap_err();
    assert_eq!(refused, (422, AppError::Invalid(Field::CommonPassword)));
    let words = error_message(Lang::Nl, &refused.1);
    assert!(words.contains("te bekend"), "{words}");
    assert!(words.contains("gelekte wachtwoorden"), "{words}");
    // Nothing changed: the code still works, with a password of one's own.
    let role = phone
        .call::<Role>(
            "activate",
            &[("code", code), ("password", "paardenbloem in de goot")],
        )
        .await
        .unwrap();
    assert_eq!(role, Role::Worker);

    // Changing a password checks the list too, and keeps the old password when it refuses.
    let lien = app.login("lien@a.test").await;
    assert_eq!(
        lien.call::<()>(
            "change_password",
            &[("current", "wijkwerk"), ("new", "password1234")]
        )
        .await
        .unwrap_err(),
        (422, AppError::Invalid(Field::CommonPassword))
    );
    app.anonymous()
        .call::<Role>(
            "login",
            &[("email", "lien@a.test"), ("password", "wijkwerk")],
        )
        .await
        .unwrap();
    // 64 characters with spaces, pasted: accepted.
    let long = "de kat van de buren slaapt elke middag op onze vensterbank, ja!!";
    assert_eq!(long.chars().count(), 64);
    lien.call::<()>("change_password", &[("current", "wijkwerk"), ("new", long)])
        .await
        .unwrap();
    app.anonymous()
        .call::<Role>("login", &[("email", "lien@a.test"), ("password", long)])
        .await
        .unwrap();
}

pub async fn an_older_hash_is_made_again_at_login(app: &TestApp) {
    let kevin = app.a.accounts["kevin"];
    let old = app::auth::password::hash_with_old_parameters("wijkwerk");
    app.execute_raw(&format!(
        "UPDATE account SET password_hash = '{old}' WHERE id = {}",
        kevin.0
    ))
    .await
    .unwrap();
    let with = |params: &str| {
        format!(
            "SELECT COUNT(*) FROM account WHERE id = $1 AND password_hash LIKE '$argon2id$v=19${params}$%'"
        )
    };
    assert_eq!(app.scalar(&with("m=4096,t=3,p=1"), kevin.0).await, 1);

    // A wrong password changes nothing.
    let wrong = app
        .anonymous()
        .call::<Role>(
            "login",
            &[("email", "kevin@a.test"), ("password", "niet wijkwerk")],
        )
        .await;
    assert_eq!(wrong.unwrap_err().1, AppError::WrongLogin);
    assert_eq!(app.scalar(&with("m=4096,t=3,p=1"), kevin.0).await, 1);

    // The right one logs in and leaves a hash with today's parameters, which works next time.
    app.login("kevin@a.test").await;
    assert_eq!(app.scalar(&with("m=19456,t=2,p=1"), kevin.0).await, 1);
    app.login("kevin@a.test").await;
}
