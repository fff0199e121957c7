//! The security baseline: requests from elsewhere, headers, and what an error may say.

use app::error::AppError;
use app::workers::WorkerDay;

use crate::harness::{Request, TestApp, User};

async fn post_from(
    user: &User,
    endpoint: &str,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> u16 {
    user.send(Request {
        method: "POST",
        path: &format!("/api/{endpoint}"),
        html: false,
        form,
        json: None,
        headers,
    })
    .await
    .status
}

pub async fn cross_site_changes_are_refused_before_anything_runs(app: &TestApp) {
    // A logged-in gebruiker visits another site, which posts a confirmation in her name.
    let maria = app.login("maria@a.test").await;
    let entry = app.a.entries.ahmed_submitted.to_string();
    let form = [("entry_id", entry.as_str())];
    let elsewhere = [("origin", "https://elders.example")];
    assert_eq!(
        post_from(&maria, "confirm_entry", &form, &elsewhere).await,
        403
    );
    let sibling = [("origin", "https://andere.wijkwerk.example")];
    assert_eq!(
        post_from(&maria, "confirm_entry", &form, &sibling).await,
        403
    );
    let opaque = [("origin", "null")];
    assert_eq!(
        post_from(&maria, "confirm_entry", &form, &opaque).await,
        403
    );
    let fetch_meta = [
        ("origin", app.base.as_str()),
        ("sec-fetch-site", "cross-site"),
    ];
    assert_eq!(
        post_from(&maria, "confirm_entry", &form, &fetch_meta).await,
        403
    );
    assert_eq!(
        app.entry_status(app.a.entries.ahmed_submitted).await,
        "submitted"
    );
    assert_eq!(app.payments(app.a.entries.ahmed_submitted).await, 0);

    // Login CSRF: another site cannot log a browser in to an account of its choosing.
    let victim = app.anonymous();
    let login = [("email", "sofie@a.test"), ("password", "wijkwerk")];
    assert_eq!(post_from(&victim, "login", &login, &elsewhere).await, 403);
    assert!(victim.cookie().is_none());

    // The app's own origin, and a client that sends no browser headers, go on as usual.
    let own = [
        ("origin", app.base.as_str()),
        ("sec-fetch-site", "same-origin"),
    ];
    assert_eq!(post_from(&maria, "confirm_entry", &form, &own).await, 200);
    assert_eq!(
        app.entry_status(app.a.entries.ahmed_submitted).await,
        "confirmed"
    );
    let ahmed = app.login("ahmed@a.test").await;
    let answer = ahmed
        .send(Request {
            method: "POST",
            path: "/api/worker_day",
            html: false,
            form: &[],
            json: None,
            headers: &[("origin", "")],
        })
        .await;
    assert_eq!(
        answer.status, 200,
        "no browser headers: the session decides"
    );
}

fn assert_baseline(answer: &crate::harness::Answer, what: &str) {
    assert_eq!(
        answer.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        answer.header("referrer-policy"),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(answer.header("x-frame-options"), Some("DENY"), "{what}");
    assert!(
        answer
            .header("strict-transport-security")
            .is_some_and(|v| v.contains("max-age=31536000")),
        "{what}"
    );
    let csp = answer.header("content-security-policy").expect(what);
    for directive in ["frame-ancestors 'none'", "base-uri 'none'"] {
        assert!(csp.contains(directive), "{what}: {directive} in {csp}");
    }
}

pub async fn every_response_carries_the_security_headers(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    let page = ahmed.get("/worker").await;
    assert_eq!(page.status, 200);
    assert_baseline(&page, "page");
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let csp = page.header("content-security-policy").unwrap();
    for directive in [
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "script-src 'self' 'nonce-",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    // The nonce in the header is the one on the page's scripts, and new for every response.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap();
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "{}",
        page.body
    );
    let again = ahmed.get("/worker").await;
    assert!(
        !again
            .header("content-security-policy")
            .unwrap()
            .contains(nonce)
    );

    let answer = ahmed.post("worker_day", &[]).await;
    assert_eq!(answer.status, 200);
    assert_baseline(&answer, "server function");
    assert_eq!(answer.header("cache-control"), Some("no-store"));

    let login = app.anonymous().get("/login").await;
    assert_baseline(&login, "login page");
    let missing = app.anonymous().get("/bestaat-niet").await;
    assert_baseline(&missing, "404");
}

pub async fn an_internal_error_says_nothing_about_the_internals(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    // Break the database under the running server: the worker's screen cannot be read.
    app.execute_raw("ALTER TABLE time_entry RENAME TO time_entry_kapot")
        .await
        .unwrap();
    let answer = ahmed.post("worker_day", &[]).await;
    assert_eq!(answer.status, 500);
    let error: AppError = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(error, AppError::Unavailable);
    for secret in [
        "time_entry",
        "kapot",
        "sqlite",
        "postgres",
        "relation",
        "SELECT",
        "no such",
    ] {
        assert!(
            !answer.body.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in {}",
            answer.body
        );
    }
    assert_baseline(&answer, "500");
    app.execute_raw("ALTER TABLE time_entry_kapot RENAME TO time_entry")
        .await
        .unwrap();
    let _: WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
}
