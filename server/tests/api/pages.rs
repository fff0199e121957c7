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
    let unknown_language = anon.call::<()>("set_language", &[("lang", "fr")]).await;
    assert_eq!(
        unknown_language.unwrap_err(),
        (422, AppError::Invalid(Field::Form))
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
