//! Pages render on the server for the right people, and work as plain forms.

use app::error::{AppError, Field};
use app::workers::WorkerDay;

use crate::harness::{Request, TestApp};

pub async fn pages_are_served_to_the_right_people(app: &TestApp) {
    let anon = app.anonymous();
    let page = anon.get("/worker").await;
    assert_eq!(
        (page.status, page.header("location")),
        (302, Some("/login"))
    );
    let page = anon.get("/login").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html lang=\"nl\""), "{}", page.body);
    assert!(page.body.contains("Aanmelden"));
    assert_eq!(anon.get("/bestaat-niet").await.status, 404);
    let unknown_language = anon.call::<()>("set_language", &[("lang", "de")]).await;
    assert_eq!(
        unknown_language.unwrap_err(),
        (422, AppError::Invalid(Field::Form))
    );
    let french = anon.post("set_language", &[("lang", "fr")]).await;
    assert!(
        french
            .header("set-cookie")
            .is_some_and(|c| c.starts_with("wijkwerk_lang=fr;"))
    );
    let english = anon.post("set_language", &[("lang", "en")]).await;
    assert_eq!(english.status, 200);
    assert!(
        english
            .header("set-cookie")
            .is_some_and(|c| c.starts_with("wijkwerk_lang=en;")),
        "the language is remembered"
    );

    let ahmed = app.login("ahmed@a.test").await;
    let home = ahmed.get("/").await;
    assert_eq!(
        (home.status, home.header("location")),
        (302, Some("/worker"))
    );
    let page = ahmed.get("/worker").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Dag Ahmed"), "{}", page.body);
    assert!(page.body.contains("Maria Peeters"));
    let page = ahmed.get("/coordinator").await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Dit mag je niet doen"), "{}", page.body);

    // A plain form post (no JavaScript yet) logs in and lands on the role's page.
    let form_user = app.anonymous();
    let res = form_user
        .send(Request {
            method: "POST",
            path: "/api/login",
            html: true,
            form: &[("email", "sofie@a.test"), ("password", "wijkwerk")],
            json: None,
            headers: &[],
        })
        .await;
    assert_eq!(res.status, 302);
    assert_eq!(res.header("location"), Some("/coordinator"));
    let page = form_user.get("/coordinator").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Uren deze maand per gemeente"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Jozef Vermeulen"));

    // Logging out ends the session on the server.
    let () = ahmed.call("logout", &[]).await.unwrap();
    let day = ahmed.call::<WorkerDay>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
}

/// Every screen of the worker's phone is rendered on the server for the worker (the phone shows
/// it before the WASM arrives), and refused to a gebruiker.
pub async fn every_worker_screen_renders_for_the_worker_only(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let detail = format!("/worker/assignments/{}", app.a.assignments.kevin_vzw);
    let screens = [
        ("/worker/assignments", "Lekkende kraan"),
        (detail.as_str(), "Rekken aanvullen"),
        ("/worker/hours", "Jouw vergoeding deze maand"),
        ("/worker/hours/new", "Uren achteraf ingeven"),
        ("/worker/profile", "Wachtwoord veranderen"),
    ];
    for (path, words) in screens {
        let page = kevin.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains(words), "{path}: {}", page.body);
        assert!(page.body.contains("aria-label=\"Hoofdmenu\""), "{path}");
    }
    let maria = app.login("maria@a.test").await;
    for (path, _) in screens {
        assert_eq!(maria.get(path).await.status, 403, "{path}");
    }
}

/// The language a person chooses is kept with their account: logging in on another phone
/// brings it back.
pub async fn the_chosen_language_follows_the_account(app: &TestApp) {
    let fatima = app.login("fatima@a.test").await;
    let chosen = fatima.post("set_language", &[("lang", "fr")]).await;
    assert_eq!(chosen.status, 200);
    let account = app.a.accounts["fatima"].0;
    let mut conn = app.db.conn().await.unwrap();
    let stored: Option<String> = app::on!(conn.c(), c => sqlx::query_scalar(
        "SELECT language FROM account WHERE id = $1").bind(account).fetch_one(c).await)
    .unwrap();
    assert_eq!(stored.as_deref(), Some("fr"));
    // Another phone, no language cookie: the login answers with hers.
    let other_phone = app.anonymous();
    let login = other_phone
        .post(
            "login",
            &[("email", "fatima@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert!(
        login.headers.iter().any(
            |(k, v)| k.eq_ignore_ascii_case("set-cookie") && v.starts_with("wijkwerk_lang=fr;")
        ),
        "{:?}",
        login.headers
    );
    // Someone without a choice gets no language cookie at login.
    let lien = app
        .anonymous()
        .post(
            "login",
            &[("email", "lien@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert!(
        !lien
            .headers
            .iter()
            .any(|(_, v)| v.starts_with("wijkwerk_lang="))
    );
}
