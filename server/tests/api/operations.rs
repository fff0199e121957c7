//! Running the server for years: the command line's backup, check and generate, health and
//! graceful shutdown, two server processes on one database, and a `kill -9` in the middle of
//! a thousand clock taps. Each test starts the release binary as a process of its own, with
//! the real clock, on a fresh database.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::db::Db;
use app::error::AppError;
use app::ids::{AssignmentId, EntryId};
use app::on;
use app::sync::{Action, ActionId, ActionKind, Batch, ClockRef, SyncAnswer};
use chrono::Utc;
use tokio::sync::Mutex;

use crate::harness::{TestApp, User};
use crate::process::{self, ServerProcess, free_port, get};

async fn scalar(db: &Db, sql: &str, id: i64) -> i64 {
    let mut conn = db.conn().await.unwrap();
    on!(conn.c(), c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(c).await).unwrap()
}

async fn check(database_url: &str) -> (bool, String, String) {
    let mut command = process::command(database_url);
    command.arg("check");
    process::run(command).await
}

pub async fn backup_and_check_guard_the_data(app: &TestApp) {
    let (ok, out, err) = check(&app.database_url).await;
    assert!(ok, "the demo's data is consistent: {out}{err}");
    assert!(out.contains("check passed"), "{out}");

    let file = std::env::temp_dir().join(format!("wijkwerk-backup-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let mut backup = process::command(&app.database_url);
    backup.arg("backup").arg(&file);
    let (ok, out, err) = process::run(backup).await;
    if app.database_url.starts_with("sqlite") {
        assert!(ok, "{out}{err}");
        assert!(out.contains("written and checked"), "{out}");
        // The copy is a database of its own that passes the same check.
        let copy = format!("sqlite://{}", file.display());
        let (ok, out, err) = check(&copy).await;
        assert!(ok, "{out}{err}");
        let copied = Db::connect(&copy).await.unwrap();
        let accounts = "SELECT COUNT(*) FROM account WHERE id > $1";
        assert_eq!(
            scalar(&copied, accounts, 0).await,
            app.scalar(accounts, 0).await
        );
        copied.close().await;
        // A backup never overwrites a file.
        let mut again = process::command(&app.database_url);
        again.arg("backup").arg(&file);
        let (ok, _, err) = process::run(again).await;
        assert!(!ok);
        assert!(err.contains("already exists"), "{err}");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    } else {
        // PostgreSQL: the pg_dump command to use, and nothing written.
        assert!(!ok, "a PostgreSQL backup is pg_dump's: {out}");
        assert!(err.contains("pg_dump --format=custom"), "{err}");
        assert!(!file.exists());
    }

    // A report month that no longer adds up (a hand edit, a trigger dropped) is found and
    // named; put back, the check passes again.
    let tamper = |by: i64| {
        format!(
            "UPDATE report_worker_month SET minutes = minutes + ({by}) \
             WHERE (organisation_id, worker_id, activity_id, month) = \
               (SELECT organisation_id, worker_id, activity_id, month FROM report_worker_month \
                WHERE minutes > 0 ORDER BY organisation_id, worker_id, activity_id, month LIMIT 1)"
        )
    };
    assert_eq!(app.execute_raw(&tamper(7)).await.unwrap(), 1);
    let (ok, out, _) = check(&app.database_url).await;
    assert!(!ok, "the check must fail: {out}");
    assert!(
        out.contains("PROBLEM  report months of wijk-werkers that differ from their prestaties: 1"),
        "{out}"
    );
    app.execute_raw(&tamper(-7)).await.unwrap();
    let (ok, out, err) = check(&app.database_url).await;
    assert!(ok, "{out}{err}");

    // A balance below zero (as a bug or a hand edit would leave it) is found and named.
    let maria = app.a.clients["maria"].0;
    let batch = app
        .scalar(
            "SELECT MIN(id) FROM cheque_batch WHERE client_id = $1",
            maria,
        )
        .await;
    let balance = app.balance(app.a.clients["maria"]).await;
    app.execute(
        &format!(
            "INSERT INTO cheque_ledger (organisation_id, client_id, change, reason, batch_id, \
             created_at) SELECT organisation_id, id, -{} - 1, 'expired', {batch}, \
             '2026-12-01T08:00:00+00:00' FROM client WHERE id = $1",
            balance
        ),
        maria,
    )
    .await
    .unwrap();
    let (ok, out, _) = check(&app.database_url).await;
    assert!(!ok, "the check must fail: {out}");
    assert!(out.contains("PROBLEM  balances below zero: 1"), "{out}");
}

pub async fn generate_makes_a_large_consistent_data_set(app: &TestApp) {
    let scratch = app.scratch().await;
    let mut generate = process::command(&scratch.url);
    generate.args(["generate", "40"]);
    let (ok, out, err) = process::run(generate).await;
    assert!(ok, "{out}{err}");
    let count = |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE id >= $1");
    let base = server::operations::generate::BASE;
    assert_eq!(scalar(&scratch.db, &count("worker"), base).await, 40);
    assert_eq!(scalar(&scratch.db, &count("client"), base).await, 20);
    assert_eq!(scalar(&scratch.db, &count("time_entry"), base).await, 6000);
    let (ok, out, err) = check(&scratch.url).await;
    assert!(ok, "generated data passes the check: {out}{err}");
    // Never into a database in use.
    let mut again = process::command(&scratch.url);
    again.args(["generate", "40"]);
    let (ok, _, err) = process::run(again).await;
    assert!(!ok);
    assert!(err.contains("empty database"), "{err}");
    scratch.finish().await;
}

/// Demo data around the real now, in a fresh database of the test's backend.
async fn demo_now(
    app: &TestApp,
    domains: &[&str],
) -> (crate::harness::Scratch, Vec<app::demo::Demo>) {
    let scratch = app.scratch().await;
    let mut demos = Vec::new();
    for (n, domain) in domains.iter().enumerate() {
        let demo = app::demo::load(&scratch.db, &format!("Organisatie {n}"), domain, Utc::now())
            .await
            .expect("demo");
        demos.push(demo);
    }
    (scratch, demos)
}

pub async fn health_and_graceful_shutdown(app: &TestApp) {
    let (scratch, demos) = demo_now(app, &["h.test"]).await;
    let port = free_port();
    let mut server = ServerProcess::start(
        &scratch.url,
        port,
        &[
            ("RUST_LOG", "info,tower_http=debug"),
            ("WIJKWERK_SHUTDOWN_SECONDS", "10"),
        ],
    )
    .await;
    let probe = server.browser();
    let live = probe.send(get("/livez")).await;
    assert_eq!((live.status, live.body.as_str()), (200, "ok"));
    let ready = probe.send(get("/readyz")).await;
    assert_eq!((ready.status, ready.body.as_str()), (200, "ready"));

    // Logs carry a request id and no personal data.
    let secret = "geheim.persoon@example.test";
    let answer = probe
        .post(
            "login",
            &[("email", secret), ("password", "verkeerd wachtwoord")],
        )
        .await;
    assert_eq!(answer.status, 401, "{}", answer.body);
    let id = answer
        .header("x-request-id")
        .expect("a request id")
        .to_string();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let logs = server.logs();
    assert!(logs.contains(&id), "the request id is logged: {logs}");
    assert!(
        !logs.contains("geheim") && !logs.contains("verkeerd"),
        "{logs}"
    );

    // A server whose database lacks a migration is not ready.
    let last = scalar(
        &scratch.db,
        "SELECT MAX(version) FROM _sqlx_migrations WHERE version > $1",
        0,
    )
    .await;
    let mut conn = scratch.db.conn().await.unwrap();
    on!(conn.c(), c => sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1").bind(last).execute(c).await.map(|_| ())).unwrap();
    drop(conn);
    let ready = probe.send(get("/readyz")).await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (503, "migrations pending")
    );

    // SIGTERM while a request is in flight: nothing new is accepted, the request is finished.
    let body = format!(
        "email={}&password=wijkwerk",
        demos[0].email("sofie").replace('@', "%40")
    );
    let addr = format!("127.0.0.1:{port}");
    let mut in_flight = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        in_flight,
        "POST /api/login HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
        server.base,
        body.len(),
        &body[..10]
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.terminate();
    let mut refused = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(&addr).is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "no new connections after SIGTERM");
    assert!(
        server.wait(Duration::from_millis(300)).await.is_none(),
        "it waits for the request"
    );
    in_flight.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    let mut buf = [0u8; 4096];
    while !answer.contains("\r\n\r\n") {
        let n = in_flight.read(&mut buf).unwrap();
        assert!(n > 0, "the server closed without answering: {answer}");
        answer.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the login was finished: {answer}"
    );
    drop(in_flight);
    let status = server
        .wait(Duration::from_secs(30))
        .await
        .expect("it stops");
    assert!(status.success(), "{status}: {}", server.logs());
    assert!(server.logs().contains("stopped"), "{}", server.logs());
    scratch.finish().await;
}

pub async fn two_servers_share_sessions_throttle_and_jobs(app: &TestApp) {
    let (scratch, demos) = demo_now(app, &["s.test"]).await;
    let demo = &demos[0];
    // A clock forgotten since yesterday: the job of either server closes it, once.
    let started = Utc::now() - chrono::Duration::hours(11);
    let forgotten: i64 = {
        let mut conn = scratch.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query_scalar(
            "INSERT INTO time_entry (organisation_id, assignment_id, worker_id, work_date, \
             started_at, status, source, created_at) VALUES ($1, $2, $3, $4, $5, 'running', \
             'clock', $5) RETURNING id",
        )
        .bind(demo.organisation_id)
        .bind(demo.assignments.lien_school)
        .bind(demo.workers["lien"])
        .bind(app::clock::local_date(started))
        .bind(started)
        .fetch_one(c)
        .await)
        .unwrap()
    };
    // Behind one load balancer: one public origin for both.
    let (port_one, port_two) = (free_port(), free_port());
    let origin = format!("http://127.0.0.1:{port_one}");
    let shared = [("WIJKWERK_PUBLIC_ORIGIN", origin.as_str())];
    let (one, two) = tokio::join!(
        ServerProcess::start(&scratch.url, port_one, &shared),
        ServerProcess::start(&scratch.url, port_two, &shared),
    );

    // A session made on one server works on the other (no sticky sessions).
    let ahmed = login(&one.base, &demo.email("ahmed")).await;
    let on_two = ahmed.via(&two.base);
    let me: Option<app::auth::CurrentUser> = on_two.call("current_user", &[]).await.unwrap();
    assert!(me.is_some(), "logged in on the other server too");
    let start = tap(ActionKind::Start {
        assignment_id: demo.assignments.ahmed_maria,
    });
    let stop = tap(ActionKind::Stop {
        clock: ClockRef::Start(start.id),
        cap_at_limit: false,
    });
    let started = send(&on_two, &start).await.expect("an answer").unwrap();
    let stopped = send(&ahmed, &stop).await.expect("an answer").unwrap();
    assert_eq!(started.results[0].problem, None);
    assert_eq!(stopped.results[0].problem, None);
    assert_eq!(started.results[0].entry_id, stopped.results[0].entry_id);

    // Wrong passwords count on both servers together: five are free (three on one, two on the
    // other), then either server makes the next one wait.
    let maria = demo.email("maria");
    for n in 0..5 {
        let server = if n % 2 == 0 { &one } else { &two };
        let answer: Result<app::auth::Role, _> = server
            .browser()
            .call(
                "login",
                &[("email", &maria), ("password", "niet het wachtwoord")],
            )
            .await;
        assert!(
            matches!(answer, Err((_, AppError::WrongLogin))),
            "{n}: {answer:?}"
        );
    }
    for server in [&one, &two] {
        let answer: Result<app::auth::Role, _> = server
            .browser()
            .call("login", &[("email", &maria), ("password", "wijkwerk")])
            .await;
        assert!(
            matches!(answer, Err((_, AppError::TooManyAttempts { .. }))),
            "{answer:?}"
        );
    }

    // Both servers ran their jobs at start: the forgotten clock was closed once.
    let closed_once = "SELECT COUNT(*) FROM audit_event WHERE action = 'clock_closed_forgotten' \
                       AND subject_id = $1";
    let mut closes = 0;
    for _ in 0..200 {
        closes = scalar(&scratch.db, closed_once, forgotten).await;
        if closes > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Give the slower server's job its moment too.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(scalar(&scratch.db, closed_once, forgotten).await, 1);
    assert_eq!(closes, 1);
    let running = "SELECT COUNT(*) FROM time_entry WHERE status = 'running' AND id = $1";
    assert_eq!(scalar(&scratch.db, running, forgotten).await, 0);
    drop((one, two));
    scratch.finish().await;
}

fn tap(kind: ActionKind) -> Action {
    Action {
        id: ActionId(uuid::Uuid::from_u128(rand_u128())),
        tapped_at_ms: Utc::now().timestamp_millis(),
        kind,
    }
}

/// Action ids: this run's start time and a counter, unique in the test's fresh database.
fn rand_u128() -> u128 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let run = Utc::now().timestamp_micros() as u128;
    (run << 64) | u128::from(NEXT.fetch_add(1, Ordering::SeqCst))
}

/// One action as the phone sends it; `Err` when no answer came.
async fn send(user: &User, action: &Action) -> Result<Result<SyncAnswer, (u16, AppError)>, String> {
    let batch = Batch {
        sent_at_ms: Utc::now().timestamp_millis(),
        actions: vec![action.clone()],
    };
    user.try_call_json("sync", &serde_json::json!({ "batch": batch }))
        .await
}

/// What the clients were told: the actions and confirmations that got a success answer.
#[derive(Default)]
struct Answered {
    starts: Vec<(ActionId, EntryId)>,
    stops: Vec<(ActionId, EntryId)>,
    confirmed: Vec<EntryId>,
    /// Every start action sent (answered or not).
    sent_starts: usize,
}

const CLOCK_EVENTS: usize = 1000;

pub async fn a_killed_server_loses_no_answered_request(app: &TestApp) {
    let (scratch, demos) = demo_now(app, &["k1.test", "k2.test"]).await;
    // The demo's own prestaties are not counted below.
    let before = scalar(
        &scratch.db,
        "SELECT COALESCE(MAX(id), 0) FROM time_entry WHERE id > $1",
        0,
    )
    .await;
    let port = free_port();
    // A server that takes two requests at a time and lets two wait (per kind: the phone's,
    // the gebruiker's): twelve clients keep it full, and what does not fit is shed with 503.
    // The accounting below holds under that overload too.
    const FULL: &[(&str, &str)] = &[
        ("WIJKWERK_BUSY_AT_WORK", "2"),
        ("WIJKWERK_BUSY_WAITING", "2"),
    ];
    let server = Arc::new(Mutex::new(Some(
        ServerProcess::start(&scratch.url, port, FULL).await,
    )));
    let base = format!("http://127.0.0.1:{port}");
    let answered = Arc::new(Mutex::new(Answered::default()));
    let events = Arc::new(AtomicUsize::new(0));
    // Requests that got no answer (the server was killed, or not back yet).
    let unanswered = Arc::new(AtomicUsize::new(0));
    // Requests answered 503 (the server was full): stored nothing, sent again.
    let shed = Arc::new(AtomicUsize::new(0));

    // Per organisation three wijk-werkers clock for their gebruiker, who confirms each
    // prestatie as it arrives: six phones and six gebruikers on their own connections.
    let mut tasks = Vec::new();
    for demo in &demos {
        for (worker, client, assignment) in [
            ("ahmed", "maria", demo.assignments.ahmed_maria),
            ("lien", "school", demo.assignments.lien_school),
            ("kevin", "roger", demo.assignments.kevin_roger_today),
        ] {
            let phone = login(&base, &demo.email(worker)).await;
            let gebruiker = login(&base, &demo.email(client)).await;
            let (to_confirm, confirm_queue) = tokio::sync::mpsc::unbounded_channel();
            tasks.push(tokio::spawn(clock_until_done(
                phone,
                assignment,
                events.clone(),
                answered.clone(),
                to_confirm,
                unanswered.clone(),
                shed.clone(),
            )));
            tasks.push(tokio::spawn(confirm_each(
                gebruiker,
                confirm_queue,
                answered.clone(),
                shed.clone(),
            )));
        }
    }

    // Part-way, kill -9; then start it again on the same database and port.
    while events.load(Ordering::SeqCst) < CLOCK_EVENTS / 3 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let killed = server.lock().await.take().expect("running");
    killed.kill();
    let events_at_kill = events.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(300)).await;
    *server.lock().await = Some(ServerProcess::start(&scratch.url, port, FULL).await);
    for task in tasks {
        task.await.expect("a client task");
    }
    assert!(events_at_kill < CLOCK_EVENTS, "the kill came part-way");
    assert!(
        unanswered.load(Ordering::SeqCst) > 0,
        "the kill cut requests off"
    );
    assert!(shed.load(Ordering::SeqCst) > 0, "the server was full");

    let answered = answered.lock().await;
    let db = &scratch.db;
    // Every answered start and stop is there, with its prestatie.
    for (action, entry) in answered.starts.iter().chain(&answered.stops) {
        let stored: Option<i64> = {
            let mut conn = db.conn().await.unwrap();
            on!(conn.c(), c => sqlx::query_scalar(
                "SELECT entry_id FROM sync_action WHERE id = $1",
            )
            .bind(action.0.hyphenated().to_string())
            .fetch_optional(c)
            .await)
            .unwrap()
            .flatten()
        };
        assert_eq!(stored, Some(entry.0), "answered action {action} kept");
    }
    // Nothing doubled: one prestatie per start tapped, however often it was sent.
    let clocked = "SELECT COUNT(*) FROM time_entry WHERE source = 'clock' AND id > $1";
    assert_eq!(
        scalar(db, clocked, before).await as usize,
        answered.sent_starts
    );
    assert_eq!(
        answered.starts.len(),
        answered.sent_starts,
        "every start answered in the end"
    );
    assert!(answered.stops.len() * 2 >= CLOCK_EVENTS);
    let running =
        "SELECT COUNT(*) FROM time_entry WHERE status = 'running' AND organisation_id = $1";
    for demo in &demos {
        assert_eq!(scalar(db, running, demo.organisation_id.0).await, 0);
    }
    // Every answered confirmation stands, paid once or waiting for cheques.
    for entry in &answered.confirmed {
        let status = {
            let mut conn = db.conn().await.unwrap();
            on!(conn.c(), c => sqlx::query_scalar::<_, String>(
                "SELECT status FROM time_entry WHERE id = $1",
            )
            .bind(*entry)
            .fetch_one(c)
            .await)
            .unwrap()
        };
        assert_eq!(status, "confirmed", "{entry:?}");
    }
    assert!(!answered.confirmed.is_empty());
    // And every prestatie was confirmed in the end (a retry after a lost answer is refused
    // because it was).
    let confirmed = "SELECT COUNT(*) FROM time_entry WHERE status = 'confirmed' AND id > $1";
    assert_eq!(
        scalar(db, confirmed, before).await as usize,
        answered.stops.len()
    );
    drop(answered);
    // The ledger balances and nothing is paid twice.
    let (ok, out, err) = check(&scratch.url).await;
    assert!(ok, "{out}{err}");
    drop(server);
    scratch.finish().await;
}

async fn login(base: &str, email: &str) -> User {
    let user = User::browser(base);
    let _: app::auth::Role = user
        .call("login", &[("email", email), ("password", "wijkwerk")])
        .await
        .unwrap_or_else(|e| panic!("login {email}: {e:?}"));
    user
}

/// Send until the server answers: the phone's outbox, which keeps an action until it has its
/// answer (a refusal is an answer too).
async fn deliver(
    user: &User,
    action: &Action,
    unanswered: &AtomicUsize,
    shed: &AtomicUsize,
) -> app::sync::ActionResult {
    loop {
        match send(user, action).await {
            Ok(Ok(answer)) => return answer.results.into_iter().next().expect("a result"),
            // Shed by a full server: nothing of it was stored; the phone sends it again
            // (sooner here than the phone would, to keep the server full).
            Ok(Err((503, AppError::Busy))) => {
                shed.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(10)).await
            }
            Ok(Err((status, e))) => panic!("sync refused as a whole: {status} {e:?}"),
            Err(_) => {
                unanswered.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(50)).await
            }
        }
    }
}

async fn clock_until_done(
    phone: User,
    assignment_id: AssignmentId,
    events: Arc<AtomicUsize>,
    answered: Arc<Mutex<Answered>>,
    to_confirm: tokio::sync::mpsc::UnboundedSender<EntryId>,
    unanswered: Arc<AtomicUsize>,
    shed: Arc<AtomicUsize>,
) {
    while events.fetch_add(2, Ordering::SeqCst) < CLOCK_EVENTS {
        let start = tap(ActionKind::Start { assignment_id });
        answered.lock().await.sent_starts += 1;
        let result = deliver(&phone, &start, &unanswered, &shed).await;
        assert_eq!(result.problem, None, "start");
        let entry = result.entry_id.expect("its prestatie");
        answered.lock().await.starts.push((start.id, entry));
        let stop = tap(ActionKind::Stop {
            clock: ClockRef::Start(start.id),
            cap_at_limit: false,
        });
        let result = deliver(&phone, &stop, &unanswered, &shed).await;
        assert_eq!(result.problem, None, "stop");
        answered.lock().await.stops.push((stop.id, entry));
        let _ = to_confirm.send(entry);
    }
}

async fn confirm_each(
    gebruiker: User,
    mut queue: tokio::sync::mpsc::UnboundedReceiver<EntryId>,
    answered: Arc<Mutex<Answered>>,
    shed: Arc<AtomicUsize>,
) {
    while let Some(entry) = queue.recv().await {
        let id = entry.0.to_string();
        loop {
            match gebruiker
                .try_call::<app::time_entries::Confirmed>("confirm_entry", &[("entry_id", &id)])
                .await
            {
                Ok(Ok(_)) => {
                    answered.lock().await.confirmed.push(entry);
                    break;
                }
                Ok(Err((503, AppError::Busy))) => {
                    shed.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(10)).await
                }
                // Confirmed before the answer was lost: the retry is refused, and counted as
                // not answered (the check below still finds it paid once at most).
                Ok(Err(_)) => break,
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }
}

/// Phones on a bad connection give up mid-request, hundreds at once: the server cancels those
/// requests at any point of their transaction, and the next tap is still written (on SQLite
/// all writes share one connection: one transaction left open there would refuse every later
/// write).
pub async fn phones_that_give_up_never_block_the_next_write(app: &TestApp) {
    let (scratch, demos) = demo_now(app, &["g.test"]).await;
    let demo = &demos[0];
    let server = ServerProcess::start(&scratch.url, free_port(), &[]).await;
    let ahmed = login(&server.base, &demo.email("ahmed")).await;
    let cookie = ahmed.cookie().expect("a session");
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut quitters = Vec::new();
    for n in 0..300u64 {
        let start = tap(ActionKind::Start {
            assignment_id: demo.assignments.ahmed_maria,
        });
        let stop = tap(ActionKind::Stop {
            clock: ClockRef::Start(start.id),
            cap_at_limit: false,
        });
        let batch = Batch {
            sent_at_ms: Utc::now().timestamp_millis(),
            actions: vec![start, stop],
        };
        let body = serde_json::json!({ "batch": batch }).to_string();
        let request = format!(
            "POST /api/sync HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\nCookie: {cookie}\r\n\
             Accept: application/json\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            server.base,
            body.len()
        );
        let addr = addr.clone();
        quitters.push(tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            let Ok(mut stream) = tokio::net::TcpStream::connect(&addr).await else {
                return;
            };
            let _ = stream.write_all(request.as_bytes()).await;
            // Give up after a moment that varies, so requests are dropped at every stage.
            tokio::time::sleep(Duration::from_micros(n * 37 % 3000)).await;
            drop(stream);
        }));
    }
    for quitter in quitters {
        quitter.await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The next tap, from a phone that waits for its answer, is written.
    let start = tap(ActionKind::Start {
        assignment_id: demo.assignments.ahmed_maria,
    });
    let answer = send(&ahmed, &start).await.expect("an answer");
    let answer = answer.unwrap_or_else(|e| panic!("{e:?}: {}", server.logs()));
    assert!(
        matches!(
            answer.results[0].problem,
            None | Some(AppError::AlreadyRunning) | Some(AppError::Limit(_))
        ),
        "{:?}",
        answer.results[0]
    );
    let mut conn = scratch.db.begin().await.expect("the database takes writes");
    on!(conn.c(), c => sqlx::query("SELECT 1").execute(c).await.map(|_| ())).unwrap();
    drop(conn);
    assert!(
        !server.logs().contains("database failed"),
        "{}",
        server.logs()
    );
    drop(server);
    scratch.finish().await;
}
