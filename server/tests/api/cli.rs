//! The command line a real organisation starts with: no demo data, a coordinator whose password
//! never appears on the command line, and refusals that keep the demo off public addresses.

use std::io::Write;
use std::process::{Command, Stdio};

use app::auth::Role;
use app::error::{AppError, Field};

use crate::harness::TestApp;

fn server(app: &TestApp) -> Command {
    let mut command = crate::process::command(&app.database_url);
    command.stdin(Stdio::piped());
    command
}

/// Run with `stdin` as standard input; (success, stdout, stderr).
fn run(mut command: Command, stdin: &str) -> (bool, String, String) {
    let mut child = command.spawn().expect("start the server binary");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `create-coordinator` for Els, the password on standard input.
async fn create_els(
    app: &TestApp,
    organisation: i64,
    email: &str,
    password: &str,
) -> (bool, String, String) {
    let mut command = server(app);
    command.args([
        "create-coordinator",
        "--organisation",
        &organisation.to_string(),
        "--email",
        email,
        "--name",
        "Els Maes",
    ]);
    let stdin = format!("{password}\n");
    tokio::task::spawn_blocking(move || run(command, &stdin))
        .await
        .unwrap()
}

pub async fn the_command_line_starts_a_real_organisation(app: &TestApp) {
    let mut migrate = server(app);
    migrate.arg("migrate");
    let (ok, out, err) = tokio::task::spawn_blocking(move || run(migrate, ""))
        .await
        .unwrap();
    assert!(ok, "{out}{err}");

    let mut create = server(app);
    create.args(["create-organisation", "--name", "Wijk-werken Leiestreek"]);
    let (ok, out, err) = tokio::task::spawn_blocking(move || run(create, ""))
        .await
        .unwrap();
    assert!(ok, "{out}{err}");
    let organisation: i64 = out.trim().parse().expect("the new organisation's number");
    // It starts with the Flemish activity list: 8 main groups, 2 activities each.
    assert_eq!(
        app.scalar(
            "SELECT COUNT(DISTINCT category) FROM activity WHERE organisation_id = $1",
            organisation
        )
        .await,
        8
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM activity WHERE organisation_id = $1",
            organisation
        )
        .await,
        16
    );

    // A password that is too short is refused, and nothing is created.
    let (ok, _, err) = create_els(app, organisation, "els@leiestreek.test", "kort").await;
    assert!(!ok);
    assert!(err.contains("at least 12 characters"), "{err}");

    let password = "een lang genoeg wachtwoord";
    let (ok, out, err) = create_els(app, organisation, "Els@Leiestreek.test", password).await;
    assert!(ok, "{out}{err}");
    assert!(!out.contains(password) && !err.contains(password));

    // She logs in to the running app, in her own, empty organisation.
    let els = app.anonymous();
    let role: Role = els
        .call(
            "login",
            &[
                ("email", "els@leiestreek.test"),
                ("password", "een lang genoeg wachtwoord"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(role, Role::Coordinator);
    let report: app::reports::MonthHours = els.call("month_hours", &[]).await.unwrap();
    assert!(report.municipalities.is_empty(), "no demo data");

    // The same email twice is refused.
    let (ok, _, err) = create_els(app, organisation, "els@leiestreek.test", password).await;
    assert!(!ok);
    let expected = app::i18n::error_message(app::i18n::Lang::En, &AppError::Invalid(Field::Email));
    assert!(err.contains(&expected), "{err}");
}

pub async fn demo_data_is_refused_on_a_public_address(app: &TestApp) {
    let mut public = server(app);
    public
        .arg("serve")
        .env("WIJKWERK_DEMO_DATA", "1")
        .env("LEPTOS_SITE_ADDR", "0.0.0.0:0")
        .env("WIJKWERK_PUBLIC_ORIGIN", "https://wijkwerk.example");
    let (ok, _, err) = tokio::task::spawn_blocking(move || run(public, ""))
        .await
        .unwrap();
    assert!(!ok, "the server must not start");
    assert!(err.contains("demo data"), "{err}");
    let mut plain_http = server(app);
    plain_http
        .arg("serve")
        .env("WIJKWERK_DEV_HTTP", "1")
        .env("LEPTOS_SITE_ADDR", "0.0.0.0:0");
    let (ok, _, err) = tokio::task::spawn_blocking(move || run(plain_http, ""))
        .await
        .unwrap();
    assert!(!ok, "the server must not start");
    assert!(err.contains("loopback"), "{err}");
}
