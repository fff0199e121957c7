//! A real server on a free port, a real database, real HTTP. Every test gets its own: a fresh
//! SQLite file, or a fresh PostgreSQL schema (`TEST_DATABASE_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`), with two demo organisations (`*@a.test` and
//! `*@b.test`) and a clock that stands still at [`START`] until a test moves it.

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use app::clock::Clock;
use app::db::Db;
use app::demo::Demo;
use app::error::AppError;
use app::on;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Tuesday 1 December 2026, 09:00 in Brussels: the demo's "today".
pub const START: &str = "2026-12-01T08:00:00Z";

/// The origin every browser-like request of the tests comes from.
pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub clock: Clock,
    /// Organisation A (`*@a.test`) and B (`*@b.test`), by name.
    pub a: Demo,
    pub b: Demo,
    /// The database's URL, for the command line.
    pub database_url: String,
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

/// A server process on a free port, with production settings (secure `__Host-` cookie, only
/// `public_origin` may change things; by default its own address). Answers its address.
async fn serve(
    db: Db,
    clock: Clock,
    public_origin: Option<String>,
    shedding: server::shedding::Limits,
) -> String {
    // `WIJKWERK_TEST_LOG=1`: the servers' warnings and errors on the test's output.
    if std::env::var_os("WIJKWERK_TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing_subscriber::filter::LevelFilter::WARN)
            .with_test_writer()
            .try_init();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let options = leptos::config::LeptosOptions::builder()
        .output_name("wijkwerk")
        .build();
    let config = server::Config {
        database_url: String::new(),
        site_addr: addr,
        demo_data: false,
        demo_data_anywhere: false,
        demo_day: None,
        dev_http: false,
        public_origin: Some(public_origin.unwrap_or_else(|| base.clone())),
        behind_proxy: false,
        shutdown_deadline: std::time::Duration::from_secs(1),
        shedding,
    };
    let router = server::router(db, options, &config, clock)
        .await
        .expect("router");
    tokio::spawn(async move {
        // Stops with the test process.
        let (_keep, stop) = tokio::sync::watch::channel(false);
        server::serve(listener, router, stop, std::time::Duration::from_secs(1))
            .await
            .unwrap();
    });
    base
}

/// A new, empty database: a SQLite file or a PostgreSQL schema.
async fn fresh_database(backend: Backend) -> (Db, Cleanup, String) {
    let name = unique_name();
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            let url = format!("sqlite://{}", path.display());
            let db = Db::connect(&url).await.expect("open sqlite");
            (db, Cleanup::File(path), url)
        }
        Backend::Postgres => {
            let url = postgres_url();
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
            let separator = if url.contains('?') { '&' } else { '?' };
            let schema_url = format!("{url}{separator}options=-c%20search_path%3D{name}");
            (db, Cleanup::Schema(url, name.clone()), schema_url)
        }
    }
}

pub fn start() -> DateTime<Utc> {
    START.parse().unwrap()
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        let (db, cleanup, database_url) = fresh_database(backend).await;
        db.migrate().await.expect("migrate");
        let clock = Clock::manual(start());
        let a = app::demo::load(&db, "Organisatie A", "a.test", clock.now())
            .await
            .expect("demo A");
        let b = app::demo::load(&db, "Organisatie B", "b.test", clock.now())
            .await
            .expect("demo B");

        let base = serve(db.clone(), clock.clone(), None, Default::default()).await;
        TestApp {
            base,
            db,
            clock,
            a,
            b,
            database_url,
            cleanup,
        }
    }

    /// Closes the test: whatever the test did, the report's monthly summaries (kept by
    /// triggers) still add up to the prestaties and the ledger.
    pub async fn finish(self) {
        let mut conn = self.db.conn().await.expect("conn");
        let off = app::reports::service::summaries_off(&mut conn)
            .await
            .expect("summaries");
        drop(conn);
        assert_eq!(
            off,
            (0, 0),
            "report summaries off (wijk-werker rows, gebruiker rows)"
        );
        self.db.close().await;
        self.cleanup.run().await;
    }

    /// Another new database of the same backend, migrated and empty (for a server process
    /// with the real clock, or a generated data set).
    pub async fn scratch(&self) -> Scratch {
        let backend = if self.database_url.starts_with("sqlite") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let (db, cleanup, url) = fresh_database(backend).await;
        db.migrate().await.expect("migrate");
        Scratch { db, url, cleanup }
    }
}

/// A database of a test's own, dropped by [`Scratch::finish`].
pub struct Scratch {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

impl Scratch {
    pub async fn finish(self) {
        self.db.close().await;
        self.cleanup.run().await;
    }
}

impl Cleanup {
    async fn run(self) {
        match self {
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
}

impl TestApp {
    /// A second server process on the same database, behind the same public origin (as behind a
    /// load balancer): answers its address.
    pub async fn second_server(&self) -> String {
        serve(
            self.db.clone(),
            self.clock.clone(),
            Some(self.base.clone()),
            Default::default(),
        )
        .await
    }

    /// A second server on the same database with its own load-shedding limits (a small one
    /// to overload on purpose).
    pub async fn server_with_limits(&self, limits: server::shedding::Limits) -> String {
        serve(
            self.db.clone(),
            self.clock.clone(),
            Some(self.base.clone()),
            limits,
        )
        .await
    }

    /// Move the server's clock.
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }

    /// A browser without a session.
    pub fn anonymous(&self) -> User {
        User::browser(&self.base)
    }

    /// Logged in as `email` (demo password).
    pub async fn login(&self, email: &str) -> User {
        let user = self.anonymous();
        let _: app::auth::Role = user
            .call("login", &[("email", email), ("password", "wijkwerk")])
            .await
            .unwrap_or_else(|e| panic!("login {email}: {e:?}"));
        user
    }

    /// A single number from the database.
    pub async fn scalar(&self, sql: &str, id: i64) -> i64 {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(c).await).unwrap()
    }

    /// A statement without parameters.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, sqlx::Error> {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()))
    }

    pub async fn execute(&self, sql: &str, id: i64) -> Result<u64, sqlx::Error> {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query(sql).bind(id).execute(c).await.map(|r| r.rows_affected()))
    }

    /// Ledger rows that pay this prestatie (the store's own count).
    pub async fn payments(&self, entry: app::ids::EntryId) -> i64 {
        let mut conn = self.db.conn().await.unwrap();
        app::cheques::store::payments_for_entry(conn.c(), entry)
            .await
            .unwrap()
    }

    /// A gebruiker's balance (the store's own sum).
    pub async fn balance(&self, client: app::ids::ClientId) -> i64 {
        let mut conn = self.db.conn().await.unwrap();
        app::cheques::store::balance(conn.c(), client)
            .await
            .unwrap()
    }

    /// The status of a prestatie.
    pub async fn entry_status(&self, entry: app::ids::EntryId) -> String {
        let mut conn = self.db.conn().await.unwrap();
        on!(conn.c(), c => sqlx::query_scalar::<_, String>("SELECT status FROM time_entry WHERE id = $1")
            .bind(entry).fetch_one(c).await)
        .unwrap()
    }
}

/// A server function's typed answer, or its status and typed error.
fn read<T: DeserializeOwned>(answer: Answer) -> Result<T, (u16, AppError)> {
    let Answer { status, body, .. } = answer;
    if (200..300).contains(&status) {
        Ok(serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")))
    } else {
        let err: AppError =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{status} {e}: {body}"));
        Err((status, err))
    }
}

pub fn postgres_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A browser-like client: keeps the session cookie, sends our own origin on changes.
pub struct User {
    agent: ureq::Agent,
    base: String,
    /// The origin the browser is on (the load balancer's, when `base` is one server behind it).
    origin: String,
    /// `<name>=<value>` of the session cookie as the server last set it.
    pub session_cookie: Arc<Mutex<Option<String>>>,
}

/// A response as the tests look at it.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body as it came (a spreadsheet, a PDF).
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How a request is sent.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// Ask for HTML (a page, or a plain form post) instead of JSON.
    pub html: bool,
    pub form: &'a [(&'a str, &'a str)],
    /// A JSON body instead of the form.
    pub json: Option<&'a str>,
    /// Extra headers; `Origin` defaults to the app's own on a POST unless given here (an empty
    /// value: no `Origin` at all, like a client that is not a browser).
    pub headers: &'a [(&'a str, &'a str)],
}

impl User {
    /// One HTTP request, off the async threads (ureq blocks).
    pub async fn send(&self, r: Request<'_>) -> Answer {
        self.try_send(r).await.unwrap_or_else(|e| panic!("{e}"))
    }

    /// One HTTP request; `Err` when no answer came (the server is down, or died mid-request).
    pub async fn try_send(&self, r: Request<'_>) -> Result<Answer, String> {
        let agent = self.agent.clone();
        let url = format!("{}{}", self.base, r.path);
        let base = self.origin.clone();
        let method = r.method.to_string();
        let html = r.html;
        let json = r.json.map(str::to_string);
        let jar = self.session_cookie.clone();
        let form: Vec<(String, String)> = r
            .form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut headers: Vec<(String, String)> = r
            .headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let no_origin = headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("origin") && v.is_empty());
        headers.retain(|(_, v)| !v.is_empty());
        if method != "GET"
            && !no_origin
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("origin"))
        {
            headers.push(("origin".into(), base.clone()));
        }
        tokio::task::spawn_blocking(move || {
            let accept = if html {
                "text/html"
            } else {
                "application/json"
            };
            let cookie = jar.lock().unwrap().clone().unwrap_or_default();
            let result = if method == "GET" {
                let mut req = agent.get(&url).header("accept", accept);
                if !cookie.is_empty() {
                    req = req.header("cookie", &cookie);
                }
                for (k, v) in &headers {
                    req = req.header(k.as_str(), v.as_str());
                }
                req.call()
            } else {
                let mut req = agent.post(&url).header("accept", accept);
                if !cookie.is_empty() {
                    req = req.header("cookie", &cookie);
                }
                for (k, v) in &headers {
                    req = req.header(k.as_str(), v.as_str());
                }
                match json {
                    Some(body) => req.header("content-type", "application/json").send(body),
                    None => req.send_form(form.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
                }
            };
            let mut res = result.map_err(|e| format!("request {method} {url}: {e}"))?;
            let headers: Vec<(String, String)> = res
                .headers()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
                .collect();
            for (k, set) in &headers {
                if k != "set-cookie" {
                    continue;
                }
                for name in ["__Host-wijkwerk_session=", "wijkwerk_session="] {
                    if let Some(rest) = set.strip_prefix(name) {
                        let value = rest.split(';').next().unwrap_or_default();
                        let removed = value.is_empty() || set.contains("Max-Age=0");
                        *jar.lock().unwrap() = (!removed).then(|| format!("{name}{value}"));
                    }
                }
            }
            let bytes = res
                .body_mut()
                .read_to_vec()
                .map_err(|e| format!("body of {method} {url}: {e}"))?;
            Ok(Answer {
                status: res.status().as_u16(),
                headers,
                // Lossy: a PDF's binary bytes become U+FFFD, its (uncompressed) text stays.
                body: String::from_utf8_lossy(&bytes).into_owned(),
                bytes,
            })
        })
        .await
        .unwrap()
    }

    /// A browser on `base` (this test's server, or a server process of its own), without a
    /// session.
    pub fn browser(base: &str) -> User {
        User {
            // Shows redirects and error statuses to the test instead of acting on them.
            agent: ureq::Agent::config_builder()
                .max_redirects(0)
                .http_status_as_error(false)
                .build()
                .into(),
            base: base.to_string(),
            origin: base.to_string(),
            session_cookie: Default::default(),
        }
    }

    /// Call a JSON server function; `Err` when no answer came at all.
    pub async fn try_call_json<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        body: &serde_json::Value,
    ) -> Result<Result<T, (u16, AppError)>, String> {
        let body = body.to_string();
        let answer = self
            .try_send(Request {
                method: "POST",
                path: &format!("/api/{endpoint}"),
                html: false,
                form: &[],
                json: Some(&body),
                headers: &[],
            })
            .await?;
        Ok(read(answer))
    }

    /// Call a form server function; `Err` when no answer came at all.
    pub async fn try_call<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<Result<T, (u16, AppError)>, String> {
        let answer = self
            .try_send(Request {
                method: "POST",
                path: &format!("/api/{endpoint}"),
                html: false,
                form,
                json: None,
                headers: &[],
            })
            .await?;
        Ok(read(answer))
    }

    /// POST a server function like the browser does (form-encoded, JSON answer).
    pub async fn post(&self, endpoint: &str, form: &[(&str, &str)]) -> Answer {
        self.send(Request {
            method: "POST",
            path: &format!("/api/{endpoint}"),
            html: false,
            form,
            json: None,
            headers: &[],
        })
        .await
    }

    /// POST a server function that takes JSON; the whole answer.
    pub async fn post_json(&self, endpoint: &str, body: &serde_json::Value) -> Answer {
        let body = body.to_string();
        self.send(Request {
            method: "POST",
            path: &format!("/api/{endpoint}"),
            html: false,
            form: &[],
            json: Some(&body),
            headers: &[],
        })
        .await
    }

    /// Call a server function that takes JSON, like the phone's sync.
    pub async fn call_json<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        body: &serde_json::Value,
    ) -> Result<T, (u16, AppError)> {
        self.try_call_json(endpoint, body)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The same browser (same session) talking to another server process behind the same
    /// origin.
    pub fn via(&self, base: &str) -> User {
        User {
            agent: self.agent.clone(),
            base: base.to_string(),
            origin: self.origin.clone(),
            session_cookie: self.session_cookie.clone(),
        }
    }

    /// Call a server function and read its typed answer, or its status and typed error.
    pub async fn call<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<T, (u16, AppError)> {
        self.try_call(endpoint, form)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Request {
            method: "GET",
            path,
            html: true,
            form: &[],
            json: None,
            headers: &[],
        })
        .await
    }

    /// A plain form with one file, as a browser posts it (`multipart/form-data`): the answer as
    /// it comes (a redirect is shown, not followed).
    pub async fn upload(&self, path: &str, field: &str, file_name: &str, bytes: &[u8]) -> Answer {
        let boundary = "wijkwerk-test-boundary-7f3a";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; \
             filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let agent = self.agent.clone();
        let url = format!("{}{}", self.base, path);
        let origin = self.origin.clone();
        let cookie = self
            .session_cookie
            .lock()
            .unwrap()
            .clone()
            .unwrap_or_default();
        tokio::task::spawn_blocking(move || {
            let mut req = agent
                .post(&url)
                .header("accept", "text/html")
                .header("origin", origin.as_str())
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}").as_str(),
                );
            if !cookie.is_empty() {
                req = req.header("cookie", &cookie);
            }
            let mut res = req.send(&body[..]).unwrap();
            let headers: Vec<(String, String)> = res
                .headers()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
                .collect();
            let bytes = res.body_mut().read_to_vec().unwrap();
            Answer {
                status: res.status().as_u16(),
                headers,
                body: String::from_utf8_lossy(&bytes).into_owned(),
                bytes,
            }
        })
        .await
        .unwrap()
    }

    /// Replace the session cookie (replaying an old one).
    pub fn set_cookie(&self, cookie: Option<String>) {
        *self.session_cookie.lock().unwrap() = cookie;
    }

    pub fn cookie(&self) -> Option<String> {
        self.session_cookie.lock().unwrap().clone()
    }
}

/// A small deterministic generator: the property test prints its seed when it fails.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
