//! Black-box tests of the server functions over real HTTP, against a real database.
//!
//! Every test below runs twice: `sqlite::<name>` on a fresh SQLite file and `postgres::<name>`
//! in a fresh PostgreSQL schema (`TEST_DATABASE_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`). Each test starts its own server on a free port
//! with two demo organisations: `*@a.test` and `*@b.test`.

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use app::db::Db;
use app::error::{AppError, Field};
use app::on;
use app::rules::LimitBreach;
use serde::de::DeserializeOwned;
use serde_json::Value;

enum Backend {
    Sqlite,
    Postgres,
}

struct TestApp {
    base: String,
    db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Schema(String, String),
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "wwt_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

impl TestApp {
    async fn spawn(backend: Backend) -> TestApp {
        let name = unique_name();
        let (db, cleanup) = match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                let db = Db::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .expect("open sqlite");
                (db, Cleanup::File(path))
            }
            Backend::Postgres => {
                let url = std::env::var("TEST_DATABASE_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
                let admin = Db::connect(&url).await.expect("connect to PostgreSQL");
                if let Db::Postgres(pool) = &admin {
                    sqlx::query(&format!("CREATE SCHEMA {name}"))
                        .execute(pool)
                        .await
                        .expect("create schema");
                }
                admin.close().await;
                let options = sqlx::postgres::PgConnectOptions::from_str(&url)
                    .unwrap()
                    .options([("search_path", name.as_str())]);
                let db = Db::connect_postgres(options).await.expect("connect schema");
                (db, Cleanup::Schema(url, name.clone()))
            }
        };
        db.migrate().await.expect("migrate");
        app::demo::load(&db, "Organisatie A", "a.test")
            .await
            .expect("demo A");
        app::demo::load(&db, "Organisatie B", "b.test")
            .await
            .expect("demo B");

        let options = leptos::config::LeptosOptions::builder()
            .output_name("wijkwerk")
            .build();
        let config = server::Config {
            database_url: String::new(),
            demo_data: false,
            secure_cookies: false,
        };
        let router = server::router(db.clone(), options, &config)
            .await
            .expect("router");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        TestApp {
            base: format!("http://{addr}"),
            db,
            cleanup,
        }
    }

    async fn finish(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Schema(url, schema) => {
                if let Ok(Db::Postgres(pool)) = Db::connect(&url).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                        .execute(&pool)
                        .await;
                    pool.close().await;
                }
            }
        }
    }

    fn anonymous(&self) -> User {
        User {
            // Keeps cookies; shows redirects and error statuses to the test instead of acting.
            agent: ureq::Agent::config_builder()
                .max_redirects(0)
                .http_status_as_error(false)
                .build()
                .into(),
            base: self.base.clone(),
            session_cookie: Default::default(),
        }
    }

    async fn login(&self, email: &str) -> User {
        let user = self.anonymous();
        let role: Value = user
            .call("login", &[("email", email), ("password", "wijkwerk")])
            .await
            .unwrap_or_else(|e| panic!("login {email}: {e:?}"));
        assert!(role.is_string(), "{role}");
        user
    }

    /// A single number from the database.
    async fn scalar(&self, sql: &str, id: i64) -> i64 {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(c).await).unwrap()
    }

    /// Ledger rows that pay this prestatie (the store's own count).
    async fn payments(&self, entry_id: i64) -> i64 {
        let mut conn = self.db.conn().await.unwrap();
        app::cheques::store::payments_for_entry(conn.c(), entry_id)
            .await
            .unwrap()
    }

    async fn execute(&self, sql: &str, id: i64) -> Result<u64, sqlx::Error> {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query(sql).bind(id).execute(c).await.map(|r| r.rows_affected()))
    }

    async fn id_of(&self, sql: &str) -> i64 {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).unwrap()
    }
}

struct User {
    agent: ureq::Agent,
    base: String,
    /// `wijkwerk_session=…` as the server last set it, sent back like a browser would.
    session_cookie: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

/// A response as the tests look at it.
struct Answer {
    status: u16,
    location: Option<String>,
    set_cookie: Option<String>,
    body: String,
}

impl User {
    /// One HTTP request, off the async threads (ureq blocks).
    async fn send(&self, method: &str, path: &str, html: bool, form: &[(&str, &str)]) -> Answer {
        let agent = self.agent.clone();
        let url = format!("{}{path}", self.base);
        let base = self.base.clone();
        let method = method.to_string();
        let jar = self.session_cookie.clone();
        let form: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        tokio::task::spawn_blocking(move || {
            let accept = if html {
                "text/html"
            } else {
                "application/json"
            };
            let cookie = jar.lock().unwrap().clone().unwrap_or_default();
            let result = if method == "GET" {
                agent
                    .get(&url)
                    .header("accept", accept)
                    .header("cookie", &cookie)
                    .call()
            } else {
                agent
                    .post(&url)
                    .header("accept", accept)
                    .header("cookie", &cookie)
                    .header("referer", format!("{base}/login"))
                    .send_form(form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            };
            let mut res = result.expect("request");
            let header = |name: &str| {
                res.headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
            };
            let (location, set_cookie) = (header("location"), header("set-cookie"));
            if let Some(set) = set_cookie.as_deref()
                && let Some(rest) = set.strip_prefix("wijkwerk_session=")
            {
                let value = rest.split(';').next().unwrap_or_default();
                let removed = value.is_empty() || set.contains("Max-Age=0");
                *jar.lock().unwrap() = (!removed).then(|| format!("wijkwerk_session={value}"));
            }
            Answer {
                status: res.status().as_u16(),
                location,
                set_cookie,
                body: res.body_mut().read_to_string().expect("body"),
            }
        })
        .await
        .unwrap()
    }

    /// Call a server function the way the browser does: a form-encoded POST to `/api/<name>`.
    async fn call<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<T, (u16, AppError)> {
        let Answer { status, body, .. } = self
            .send("POST", &format!("/api/{endpoint}"), false, form)
            .await;
        if (200..300).contains(&status) {
            Ok(serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")))
        } else {
            let err: AppError =
                serde_json::from_str(&body).unwrap_or_else(|e| panic!("{status} {e}: {body}"));
            Err((status, err))
        }
    }

    async fn get(&self, path: &str) -> (u16, Option<String>, String) {
        let a = self.send("GET", path, true, &[]).await;
        (a.status, a.location, a.body)
    }
}

fn find<'a>(list: &'a Value, key: &str, value: &Value) -> Option<&'a Value> {
    list.as_array()?.iter().find(|item| &item[key] == value)
}

/// Minutes this month of a worker in the coordinator's report.
async fn report_minutes(coordinator: &User, worker_id: i64) -> i64 {
    let report: Value = coordinator.call("month_hours", &[]).await.unwrap();
    report["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["workers"].as_array().unwrap().iter())
        .find(|w| w["worker_id"] == worker_id)
        .map(|w| w["minutes"].as_i64().unwrap())
        .unwrap_or_else(|| panic!("worker {worker_id} not in report {report}"))
}

async fn worker_id(app: &TestApp, email: &str) -> i64 {
    app.id_of(&format!(
        "SELECT w.id FROM worker w JOIN account a ON a.id = w.account_id WHERE a.email = '{email}'"
    ))
    .await
}

// ---------------------------------------------------------------------------------------------
// The tests.

async fn wrong_logins_are_refused_without_saying_which_part_is_wrong(app: &TestApp) {
    let anon = app.anonymous();
    let wrong = anon
        .call::<Value>(
            "login",
            &[("email", "ahmed@a.test"), ("password", "fout-wachtwoord")],
        )
        .await;
    assert_eq!(wrong.unwrap_err(), (401, AppError::WrongLogin));
    let unknown = anon
        .call::<Value>(
            "login",
            &[("email", "niemand@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert_eq!(unknown.unwrap_err(), (401, AppError::WrongLogin));
    let invalid = anon
        .call::<Value>("login", &[("email", "geen-adres"), ("password", "x")])
        .await;
    assert_eq!(invalid.unwrap_err(), (422, AppError::Invalid(Field::Email)));
    // Still not logged in.
    let day = anon.call::<Value>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
}

async fn an_hour_is_clocked_confirmed_paid_once_and_reported(app: &TestApp) {
    let ahmed_id = worker_id(app, "ahmed@a.test").await;
    let sofie = app.login("sofie@a.test").await;
    let before = report_minutes(&sofie, ahmed_id).await;

    let ahmed = app.login("AHMED@a.test ").await; // case and spaces do not matter
    let day: Value = ahmed.call("worker_day", &[]).await.unwrap();
    assert_eq!(day["first_name"], "Ahmed");
    let assignment = &day["assignments"][0];
    assert_eq!(assignment["client_name"], "Maria Peeters");
    assert!(day["running"].is_null());
    let assignment_id = assignment["id"].as_i64().unwrap().to_string();

    let entry: i64 = ahmed
        .call("start_clock", &[("assignment_id", &assignment_id)])
        .await
        .unwrap();
    let again = ahmed
        .call::<i64>("start_clock", &[("assignment_id", &assignment_id)])
        .await;
    assert_eq!(again.unwrap_err(), (409, AppError::AlreadyRunning));
    let day: Value = ahmed.call("worker_day", &[]).await.unwrap();
    assert_eq!(day["running"]["entry_id"], entry);

    let entry_s = entry.to_string();
    let minutes: i64 = ahmed
        .call(
            "stop_clock",
            &[("entry_id", &entry_s), ("cap_at_limit", "false")],
        )
        .await
        .unwrap();
    assert_eq!(minutes, 1, "a started minute counts");
    let twice = ahmed
        .call::<i64>(
            "stop_clock",
            &[("entry_id", &entry_s), ("cap_at_limit", "false")],
        )
        .await;
    assert_eq!(twice.unwrap_err(), (409, AppError::NotRunning));
    let day: Value = ahmed.call("worker_day", &[]).await.unwrap();
    let line = find(&day["recent"], "id", &entry.into()).expect("entry in recent work");
    assert_eq!(line["status"], "Submitted");
    assert_eq!(line["minutes"], 1);

    let maria = app.login("maria@a.test").await;
    let overview: Value = maria.call("client_overview", &[]).await.unwrap();
    let balance = overview["cheque_balance"].as_i64().unwrap();
    let pending = overview["pending"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["line"]["id"] == entry)
        .expect("the new prestatie waits for Maria");
    assert_eq!(pending["cheques"], 1);

    let new_balance: i64 = maria
        .call("confirm_prestatie", &[("entry_id", &entry_s)])
        .await
        .unwrap();
    assert_eq!(new_balance, balance - 1);
    let again = maria
        .call::<i64>("confirm_prestatie", &[("entry_id", &entry_s)])
        .await;
    assert_eq!(again.unwrap_err(), (409, AppError::AlreadyDecided));
    let overview: Value = maria.call("client_overview", &[]).await.unwrap();
    assert_eq!(overview["cheque_balance"], balance - 1);
    assert_eq!(app.payments(entry).await, 1, "paid exactly once");

    assert_eq!(report_minutes(&sofie, ahmed_id).await, before + 1);

    let org = app
        .id_of("SELECT organisation_id FROM account WHERE email = 'ahmed@a.test'")
        .await;
    let mut conn = app.db.conn().await.unwrap();
    let actions = app::audit::actions(conn.c(), org).await.unwrap();
    for action in ["login", "clock_start", "clock_stop", "prestatie_confirm"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

async fn the_month_limit_refuses_work_past_sixty_hours(app: &TestApp) {
    let jozef_id = worker_id(app, "jozef@a.test").await;
    let jozef = app.login("jozef@a.test").await;
    let day: Value = jozef.call("worker_day", &[]).await.unwrap();
    assert_eq!(day["usage"]["month_minutes"], 58 * 60 + 30);
    let assignment_id = day["assignments"][0]["id"].as_i64().unwrap().to_string();

    // Start, then pretend the clock ran 2 hours: more than the 90 minutes left.
    let entry: i64 = jozef
        .call("start_clock", &[("assignment_id", &assignment_id)])
        .await
        .unwrap();
    let backdate = match app.db {
        Db::Sqlite(_) => {
            "UPDATE time_entry SET started_at = datetime(started_at, '-120 minutes') WHERE id = $1"
        }
        Db::Postgres(_) => {
            "UPDATE time_entry SET started_at = started_at - interval '120 minutes' WHERE id = $1"
        }
    };
    app.execute(backdate, entry).await.unwrap();
    let entry_s = entry.to_string();
    let refused = jozef
        .call::<i64>(
            "stop_clock",
            &[("entry_id", &entry_s), ("cap_at_limit", "false")],
        )
        .await;
    assert_eq!(
        refused.unwrap_err(),
        (
            422,
            AppError::Limit(LimitBreach::Month { left_minutes: 90 })
        )
    );
    let message = app::i18n::error_message(
        app::i18n::Lang::Nl,
        &AppError::Limit(LimitBreach::Month { left_minutes: 90 }),
    );
    assert!(message.contains("nog 1 u 30 min"), "{message}");
    // Nothing changed: the clock still runs.
    let day: Value = jozef.call("worker_day", &[]).await.unwrap();
    assert_eq!(day["running"]["entry_id"], entry);
    assert_eq!(day["usage"]["month_minutes"], 58 * 60 + 30);

    // Recording what the law allows.
    let minutes: i64 = jozef
        .call(
            "stop_clock",
            &[("entry_id", &entry_s), ("cap_at_limit", "true")],
        )
        .await
        .unwrap();
    assert_eq!(minutes, 90);
    let sofie = app.login("sofie@a.test").await;
    assert_eq!(report_minutes(&sofie, jozef_id).await, 60 * 60);

    // At the limit, Start itself is refused.
    let blocked = jozef
        .call::<i64>("start_clock", &[("assignment_id", &assignment_id)])
        .await;
    assert_eq!(
        blocked.unwrap_err(),
        (422, AppError::Limit(LimitBreach::Month { left_minutes: 0 }))
    );
}

async fn roles_are_checked_on_the_server(app: &TestApp) {
    let ahmed = app.login("ahmed@a.test").await;
    let report = ahmed.call::<Value>("month_hours", &[]).await;
    assert_eq!(report.unwrap_err(), (403, AppError::Forbidden));
    let maria = app.login("maria@a.test").await;
    let start = maria
        .call::<i64>("start_clock", &[("assignment_id", "1")])
        .await;
    assert_eq!(start.unwrap_err(), (403, AppError::Forbidden));
    let confirm = ahmed
        .call::<i64>("confirm_prestatie", &[("entry_id", "1")])
        .await;
    assert_eq!(confirm.unwrap_err(), (403, AppError::Forbidden));
    let anon = app.anonymous();
    let report = anon.call::<Value>("month_hours", &[]).await;
    assert_eq!(report.unwrap_err(), (401, AppError::NotLoggedIn));
    // Garbage input is refused with a clear error, not a crash.
    let bad = ahmed
        .call::<i64>("start_clock", &[("assignment_id", "drie")])
        .await;
    assert_eq!(bad.unwrap_err().0, 422);
}

async fn one_organisation_never_touches_another(app: &TestApp) {
    // Ahmed's submitted prestatie at Maria, organisation A.
    let entry = app
        .id_of(
            "SELECT e.id FROM time_entry e JOIN worker w ON w.id = e.worker_id \
             JOIN account a ON a.id = w.account_id \
             WHERE a.email = 'ahmed@a.test' AND e.status = 'submitted'",
        )
        .await;
    let maria_b = app.login("maria@b.test").await;
    let refused = maria_b
        .call::<i64>("confirm_prestatie", &[("entry_id", &entry.to_string())])
        .await;
    assert_eq!(refused.unwrap_err(), (404, AppError::NotFound));
    let disputed = maria_b
        .call::<()>(
            "dispute_prestatie",
            &[("entry_id", &entry.to_string()), ("reason", "niet van mij")],
        )
        .await;
    assert_eq!(disputed.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM time_entry WHERE id = $1 AND status = 'submitted'",
            entry
        )
        .await,
        1
    );
    assert_eq!(app.payments(entry).await, 0);

    // A worker of B cannot start A's assignment.
    let assignment_a = app
        .id_of(
            "SELECT a.id FROM assignment a JOIN worker w ON w.id = a.worker_id \
             JOIN account ac ON ac.id = w.account_id WHERE ac.email = 'ahmed@a.test' LIMIT 1",
        )
        .await;
    let ahmed_b = app.login("ahmed@b.test").await;
    let start = ahmed_b
        .call::<i64>(
            "start_clock",
            &[("assignment_id", &assignment_a.to_string())],
        )
        .await;
    assert_eq!(
        start.unwrap_err(),
        (422, AppError::Invalid(Field::Assignment))
    );

    // The coordinator of B sees only B's workers.
    let sofie_b = app.login("sofie@b.test").await;
    let report: Value = sofie_b.call("month_hours", &[]).await.unwrap();
    let ahmed_a = worker_id(app, "ahmed@a.test").await;
    let ids: Vec<i64> = report["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["workers"].as_array().unwrap().iter())
        .map(|w| w["worker_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(!ids.contains(&ahmed_a));
}

async fn too_few_cheques_changes_nothing(app: &TestApp) {
    // Roger (1 cheque) gets a prestatie of 2 hours to confirm.
    let assignment = app
        .id_of(
            "SELECT a.id FROM assignment a JOIN client c ON c.id = a.client_id \
             JOIN account ac ON ac.id = c.account_id WHERE ac.email = 'roger@a.test'",
        )
        .await;
    let (org, worker) = {
        let mut conn = app.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query_as::<_, (i64, i64)>(
            "SELECT organisation_id, worker_id FROM assignment WHERE id = $1"
        ).bind(assignment).fetch_one(c).await)
        .unwrap()
    };
    let now = app::clock::now();
    let mut tx = app.db.begin().await.unwrap();
    let entry = app::time_entries::store::insert(
        tx.c(),
        app::time_entries::store::NewEntry {
            organisation_id: org,
            assignment_id: assignment,
            worker_id: worker,
            work_date: app::clock::local_date(now),
            started_at: now - chrono::Duration::minutes(120),
            ended_at: Some(now),
            minutes: Some(120),
            status: app::time_entries::EntryStatus::Submitted,
            source: "clock",
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let roger = app.login("roger@a.test").await;
    let refused = roger
        .call::<i64>("confirm_prestatie", &[("entry_id", &entry.to_string())])
        .await;
    assert_eq!(
        refused.unwrap_err(),
        (
            409,
            AppError::NotEnoughCheques {
                balance: 1,
                needed: 2
            }
        )
    );
    let overview: Value = roger.call("client_overview", &[]).await.unwrap();
    assert_eq!(overview["cheque_balance"], 1);
    assert_eq!(overview["pending"][0]["line"]["id"], entry);
}

async fn a_dispute_needs_a_reason_and_uses_no_cheques(app: &TestApp) {
    let maria = app.login("maria@a.test").await;
    let overview: Value = maria.call("client_overview", &[]).await.unwrap();
    let balance = overview["cheque_balance"].as_i64().unwrap();
    let entry = overview["pending"][0]["line"]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let empty = maria
        .call::<()>(
            "dispute_prestatie",
            &[("entry_id", &entry), ("reason", "  ")],
        )
        .await;
    assert_eq!(
        empty.unwrap_err(),
        (422, AppError::Invalid(Field::DisputeReason))
    );
    let () = maria
        .call(
            "dispute_prestatie",
            &[
                ("entry_id", &entry),
                ("reason", "Hij is maar een uur gebleven"),
            ],
        )
        .await
        .unwrap();
    let overview: Value = maria.call("client_overview", &[]).await.unwrap();
    assert_eq!(overview["cheque_balance"], balance);
    let line = find(
        &overview["recent"],
        "id",
        &entry.parse::<i64>().unwrap().into(),
    )
    .expect("disputed line");
    assert_eq!(line["status"], "Disputed");
}

async fn concurrent_taps_never_count_twice(app: &TestApp) {
    let lien = app.login("lien@a.test").await;
    let day: Value = lien.call("worker_day", &[]).await.unwrap();
    let assignment_id = day["assignments"][0]["id"].as_i64().unwrap().to_string();
    let form = [("assignment_id", assignment_id.as_str())];
    let (a, b, c) = tokio::join!(
        lien.call::<i64>("start_clock", &form),
        lien.call::<i64>("start_clock", &form),
        lien.call::<i64>("start_clock", &form),
    );
    let started: Vec<i64> = [a, b, c].into_iter().filter_map(Result::ok).collect();
    assert_eq!(started.len(), 1, "exactly one clock starts");
    let lien_id = worker_id(app, "lien@a.test").await;
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1 AND status = 'running'",
            lien_id
        )
        .await,
        1
    );
    let entry = started[0].to_string();
    let stop = [("entry_id", entry.as_str()), ("cap_at_limit", "false")];
    let (a, b) = tokio::join!(
        lien.call::<i64>("stop_clock", &stop),
        lien.call::<i64>("stop_clock", &stop)
    );
    assert_eq!([&a, &b].iter().filter(|r| r.is_ok()).count(), 1);

    let school = app.login("school@a.test").await;
    let confirm = [("entry_id", entry.as_str())];
    let (a, b) = tokio::join!(
        school.call::<i64>("confirm_prestatie", &confirm),
        school.call::<i64>("confirm_prestatie", &confirm)
    );
    assert_eq!([&a, &b].iter().filter(|r| r.is_ok()).count(), 1);
    assert_eq!(app.payments(started[0]).await, 1);
}

async fn the_ledger_and_audit_trail_are_append_only(app: &TestApp) {
    let row = app.id_of("SELECT MIN(id) FROM cheque_ledger").await;
    assert!(
        app.execute("UPDATE cheque_ledger SET change = 1000 WHERE id = $1", row)
            .await
            .is_err()
    );
    assert!(
        app.execute("DELETE FROM cheque_ledger WHERE id = $1", row)
            .await
            .is_err()
    );
    app.login("sofie@a.test").await;
    let event = app.id_of("SELECT MIN(id) FROM audit_event").await;
    assert!(
        app.execute("DELETE FROM audit_event WHERE id = $1", event)
            .await
            .is_err()
    );
}

async fn pages_are_served_to_the_right_people(app: &TestApp) {
    let anon = app.anonymous();
    let (status, location, _) = anon.get("/worker").await;
    assert_eq!((status, location.as_deref()), (302, Some("/login")));
    let (status, _, body) = anon.get("/login").await;
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"nl\""), "{body}");
    assert!(body.contains("Aanmelden"));
    let (status, _, _) = anon.get("/bestaat-niet").await;
    assert_eq!(status, 404);
    let unknown_language = anon.call::<()>("set_language", &[("lang", "fr")]).await;
    assert_eq!(
        unknown_language.unwrap_err(),
        (422, AppError::Invalid(Field::Form))
    );
    let english = anon
        .send("POST", "/api/set_language", false, &[("lang", "en")])
        .await;
    assert_eq!(english.status, 200);
    assert!(
        english
            .set_cookie
            .is_some_and(|c| c.starts_with("wijkwerk_lang=en;")),
        "the language is remembered"
    );

    let ahmed = app.login("ahmed@a.test").await;
    let (status, location, _) = ahmed.get("/").await;
    assert_eq!((status, location.as_deref()), (302, Some("/worker")));
    let (status, _, body) = ahmed.get("/worker").await;
    assert_eq!(status, 200);
    assert!(body.contains("Dag Ahmed"), "{body}");
    assert!(body.contains("Maria Peeters"));
    let (status, _, body) = ahmed.get("/coordinator").await;
    assert_eq!(status, 403);
    assert!(body.contains("Dit mag je niet doen"), "{body}");

    // A plain form post (no JavaScript yet) logs in and lands on the role's page.
    let form_user = app.anonymous();
    let res = form_user
        .send(
            "POST",
            "/api/login",
            true,
            &[("email", "sofie@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert_eq!(res.status, 302);
    assert_eq!(res.location.as_deref(), Some("/coordinator"));
    let cookie = res.set_cookie.expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    let (status, _, body) = form_user.get("/coordinator").await;
    assert_eq!(status, 200);
    assert!(body.contains("Uren deze maand per gemeente"), "{body}");
    assert!(body.contains("Jozef Vermeulen"));

    // Logging out ends the session on the server.
    let () = ahmed.call("logout", &[]).await.unwrap();
    let day = ahmed.call::<Value>("worker_day", &[]).await;
    assert_eq!(day.unwrap_err(), (401, AppError::NotLoggedIn));
}

async fn every_demo_login_works(app: &TestApp) {
    let accounts = [
        ("sofie", "Coordinator"),
        ("ahmed", "Worker"),
        ("lien", "Worker"),
        ("kevin", "Worker"),
        ("fatima", "Worker"),
        ("jozef", "Worker"),
        ("maria", "Client"),
        ("gemeente", "Client"),
        ("vzw", "Client"),
        ("school", "Client"),
        ("hoeve", "Client"),
        ("roger", "Client"),
    ];
    for (who, role) in accounts {
        let user = app.anonymous();
        let email = format!("{who}@a.test");
        let answer: Value = user
            .call("login", &[("email", &email), ("password", "wijkwerk")])
            .await
            .unwrap_or_else(|e| panic!("{email}: {e:?}"));
        assert_eq!(answer, role, "{email}");
        let me: Value = user.call("current_user", &[]).await.unwrap();
        assert_eq!(me["role"], role);
    }
    // The five kinds of gebruiker are all there.
    let kinds = app.id_of("SELECT COUNT(DISTINCT kind) FROM client").await;
    assert_eq!(kinds, 5);
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = super::TestApp::spawn(super::Backend::Sqlite).await;
                    super::$name(&app).await;
                    app.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = super::TestApp::spawn(super::Backend::Postgres).await;
                    super::$name(&app).await;
                    app.finish().await;
                }
            )*
        }
    };
}

on_both_backends!(
    wrong_logins_are_refused_without_saying_which_part_is_wrong,
    an_hour_is_clocked_confirmed_paid_once_and_reported,
    the_month_limit_refuses_work_past_sixty_hours,
    roles_are_checked_on_the_server,
    one_organisation_never_touches_another,
    too_few_cheques_changes_nothing,
    a_dispute_needs_a_reason_and_uses_no_cheques,
    concurrent_taps_never_count_twice,
    the_ledger_and_audit_trail_are_append_only,
    pages_are_served_to_the_right_people,
    every_demo_login_works,
);
