//! The Wijkwerk server: configuration, database, sessions, the security middleware and the
//! axum router around the Leptos app. `main.rs` is the command line; the integration tests
//! start the same router on a free port.

pub mod config_file;
pub mod health;
pub mod offline;
pub mod operations;
pub mod security;
pub mod shedding;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tokio::sync::watch;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use tower_sessions::session::{Id, Record};
use tower_sessions::{Expiry, SessionManagerLayer, SessionStore, cookie::SameSite};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use app::clock::Clock;
use app::db::Db;
use app::{App, AppState, shell};

/// How the server is set up, from the environment (see the README's configuration table).
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://data/wijkwerk.db` (default) or `postgres://…`.
    pub database_url: String,
    /// Where to listen.
    pub site_addr: SocketAddr,
    /// Load the demo organisation when the database has none.
    pub demo_data: bool,
    /// Load demo data even on a public address or over HTTPS (a public demo). Off: refused.
    pub demo_data_anywhere: bool,
    /// Place the demo data around this Brussels day instead of today (a demo of the month's
    /// payment run early in a month; the browser tests of it).
    pub demo_day: Option<chrono::NaiveDate>,
    /// Plain HTTP for local development: the session cookie is not `Secure` (and so cannot be
    /// `__Host-`). Only on a loopback address.
    pub dev_http: bool,
    /// The origin people reach the app on, e.g. `https://wijkwerk.example.be`. Requests that
    /// change something from any other origin are refused.
    pub public_origin: Option<String>,
    /// Behind our own reverse proxy, which appends the client's address to `X-Forwarded-For`.
    pub behind_proxy: bool,
    /// On SIGTERM, how long requests in flight (and a background job's step) may take.
    pub shutdown_deadline: Duration,
    /// How many requests work at once and wait in line before the server answers "busy".
    pub shedding: shedding::Limits,
}

/// An on/off setting: `1`, `true` or `yes` is on; anything else, or nothing, is off.
fn is_on(value: Option<&str>) -> bool {
    matches!(
        value.map(|v| v.trim().to_ascii_lowercase()).as_deref(),
        Some("1" | "true" | "yes")
    )
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot set up the session store: {0}")]
    Sessions(String),
    #[error("cannot load demo data: {0}")]
    Demo(#[from] app::demo::DemoError),
    #[error("{0}")]
    Config(String),
}

impl Config {
    /// From the environment; `site_addr` from Leptos' configuration (`LEPTOS_SITE_ADDR`).
    pub fn from_env(site_addr: SocketAddr) -> Self {
        let flag = |name: &str| is_on(std::env::var(name).ok().as_deref());
        Config {
            database_url: std::env::var("DATABASE_URL")
                .unwrap_or_else(|_| "sqlite://data/wijkwerk.db".to_string()),
            site_addr,
            demo_data: flag("WIJKWERK_DEMO_DATA"),
            demo_data_anywhere: flag("WIJKWERK_DEMO_DATA_ANYWHERE"),
            demo_day: std::env::var("WIJKWERK_DEMO_DAY")
                .ok()
                .and_then(|d| d.trim().parse().ok()),
            dev_http: flag("WIJKWERK_DEV_HTTP"),
            public_origin: std::env::var("WIJKWERK_PUBLIC_ORIGIN")
                .ok()
                .map(|o| o.trim().trim_end_matches('/').to_string())
                .filter(|o| !o.is_empty()),
            behind_proxy: flag("WIJKWERK_BEHIND_PROXY"),
            shutdown_deadline: Duration::from_secs(
                std::env::var("WIJKWERK_SHUTDOWN_SECONDS")
                    .ok()
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(20),
            ),
            shedding: shedding::Limits::from_env(),
        }
    }

    /// Refuse settings that would expose people: plain HTTP off loopback, demo accounts (with
    /// their published password) on a public address or a secure deployment.
    pub fn check(&self) -> Result<(), StartError> {
        let loopback = self.site_addr.ip().is_loopback();
        if self.dev_http && !loopback {
            return Err(StartError::Config(format!(
                "WIJKWERK_DEV_HTTP=1 is for local development on a loopback address only, \
                 not on {}. Serve over HTTPS (behind a proxy) without it.",
                self.site_addr
            )));
        }
        if self.demo_data && !(loopback && self.dev_http) && !self.demo_data_anywhere {
            return Err(StartError::Config(
                "Refusing to load demo data: its accounts share a published password. Demo \
                 data loads only for local development (loopback address and \
                 WIJKWERK_DEV_HTTP=1); set WIJKWERK_DEMO_DATA_ANYWHERE=1 to load it anyway."
                    .into(),
            ));
        }
        self.allowed_origins().map(|_| ())
    }

    /// The origins whose requests may change things.
    pub fn allowed_origins(&self) -> Result<Vec<String>, StartError> {
        let mut origins: Vec<String> = self.public_origin.iter().cloned().collect();
        if self.dev_http {
            let port = self.site_addr.port();
            origins.push(format!("http://{}", self.site_addr));
            origins.push(format!("http://localhost:{port}"));
            origins.push(format!("http://127.0.0.1:{port}"));
        }
        if origins.is_empty() {
            return Err(StartError::Config(
                "Set WIJKWERK_PUBLIC_ORIGIN to the address people use, e.g. \
                 https://wijkwerk.example.be"
                    .into(),
            ));
        }
        Ok(origins)
    }

    pub fn secure_cookies(&self) -> bool {
        !self.dev_http
    }

    /// `__Host-` binds the cookie to this host and path `/`, and needs `Secure`.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookies() {
            "__Host-wijkwerk_session"
        } else {
            "wijkwerk_session"
        }
    }
}

/// Open and migrate the database.
pub async fn open_database(database_url: &str) -> Result<Db, StartError> {
    if let Some(path) = database_url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(path).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| StartError::Database(e.into()))?;
        }
    }
    let db = Db::connect(database_url).await?;
    db.migrate().await?;
    Ok(db)
}

/// Open and migrate the database; load demo data when asked, allowed and the database is empty.
pub async fn prepare_database(config: &Config, clock: &Clock) -> Result<Db, StartError> {
    config.check()?;
    let db = open_database(&config.database_url).await?;
    if config.demo_data && app::demo::is_empty(&db).await? {
        let at = config.demo_day.map_or(clock.now(), |day| {
            app::clock::instant(
                day,
                chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            )
        });
        app::demo::load(&db, "Wijk-werken Scheldeland", "demo.test", at).await?;
        tracing::info!("demo data loaded");
    }
    Ok(db)
}

/// The whole application: pages, server functions, static files, sessions, security.
pub async fn router(
    db: Db,
    leptos_options: LeptosOptions,
    config: &Config,
    clock: Clock,
) -> Result<Router, StartError> {
    let policy = security::Policy {
        allowed_origins: config.allowed_origins()?,
        secure: config.secure_cookies(),
    };
    let sessions = |e: sqlx::Error| StartError::Sessions(e.to_string());
    let state = AppState {
        leptos_options,
        db: db.clone(),
        clock,
        behind_proxy: config.behind_proxy,
    };
    match &db {
        Db::Sqlite(pool) => {
            let store = SqliteSessions {
                read: SqliteStore::new(pool.read.clone()),
                write: SqliteStore::new(pool.write.clone()),
            };
            store.write.migrate().await.map_err(sessions)?;
            Ok(with_sessions(state, store, config, policy))
        }
        Db::Postgres(pool) => {
            // Sessions live in the schema the app uses, so a test schema is self-contained.
            let schema: String = sqlx::query_scalar("SELECT current_schema()")
                .fetch_one(pool)
                .await
                .map_err(sessions)?;
            let store = PostgresStore::new(pool.clone())
                .with_schema_name(schema)
                .map_err(StartError::Sessions)?;
            // Two servers starting at once would both create the session table and one would
            // fail on PostgreSQL's catalogue; a lock held on one connection takes them in turn.
            let mut lock = pool.acquire().await.map_err(sessions)?;
            sqlx::query("SELECT pg_advisory_lock(hashtext('wijkwerk.sessions'))")
                .execute(&mut *lock)
                .await
                .map_err(sessions)?;
            let migrated = store.migrate().await;
            sqlx::query("SELECT pg_advisory_unlock(hashtext('wijkwerk.sessions'))")
                .execute(&mut *lock)
                .await
                .map_err(sessions)?;
            migrated.map_err(sessions)?;
            Ok(with_sessions(state, store, config, policy))
        }
    }
}

/// Sessions on SQLite: every request loads its session, so loads run on the read pool beside
/// the writer (loaded on the one writer connection, every request, pages too, queued behind the
/// writes for it); creating, saving and deleting a session are writes, on the writer
/// (`app::db::SqliteDb`).
#[derive(Clone, Debug)]
struct SqliteSessions {
    read: SqliteStore,
    write: SqliteStore,
}

#[async_trait::async_trait]
impl SessionStore for SqliteSessions {
    async fn create(&self, record: &mut Record) -> tower_sessions::session_store::Result<()> {
        self.write.create(record).await
    }

    async fn save(&self, record: &Record) -> tower_sessions::session_store::Result<()> {
        self.write.save(record).await
    }

    async fn load(&self, id: &Id) -> tower_sessions::session_store::Result<Option<Record>> {
        self.read.load(id).await
    }

    async fn delete(&self, id: &Id) -> tower_sessions::session_store::Result<()> {
        self.write.delete(id).await
    }
}

fn with_sessions<S: SessionStore + Clone>(
    state: AppState,
    store: S,
    config: &Config,
    policy: security::Policy,
) -> Router {
    let session_layer = SessionManagerLayer::new(store)
        .with_name(config.session_cookie_name())
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies())
        // Replaced per role at login and on activity (`app::request`).
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::hours(10),
        ));
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let site_root = std::path::Path::new(options.site_root.as_ref());
    let script: std::sync::Arc<str> = offline::service_worker(site_root).into();
    let pkg = site_root.join(options.site_pkg_dir.as_ref());
    offline::drop_stale_copies(&pkg);
    Router::new()
        // The bundle as built, with its brotli and gzip copies made at build time (the
        // compression layer leaves an answer that is already encoded alone).
        .nest(
            &format!("/{}", options.site_pkg_dir),
            Router::new()
                .fallback_service(
                    tower_http::services::ServeDir::new(&pkg)
                        .precompressed_br()
                        .precompressed_gzip(),
                )
                .layer(axum::middleware::map_response(offline::cache_control)),
        )
        .route("/livez", axum::routing::get(health::livez))
        .route("/readyz", axum::routing::get(health::readyz))
        .route(
            "/sw.js",
            axum::routing::get(move || {
                let script = script.clone();
                async move { offline::response(&script) }
            }),
        )
        // The private person's Jaaroverzicht: files, not pages.
        .route(
            "/client/attest/{file}",
            axum::routing::get(app::cheques::attest::download),
        )
        // The bemiddelaar's allowance export of a month, as CSV or XLSX.
        .route(
            "/coordinator/allowances/{file}",
            axum::routing::get(app::allowances::export::download),
        )
        // The issuer's statement uploaded (a plain form with the file); a month's hand-in list.
        .route(
            "/coordinator/cheques/statement",
            axum::routing::post(app::issuer::statement::upload),
        )
        .route(
            "/coordinator/cheques/hand-in/{file}",
            axum::routing::get(app::issuer::statement::hand_in),
        )
        // A closed payment run's bank file and statements; a worker's own statements.
        .route(
            "/coordinator/payments/{file}",
            axum::routing::get(app::payments::statement::download),
        )
        .route(
            "/worker/payments/{file}",
            axum::routing::get(app::payments::statement::mine),
        )
        .route(
            "/coordinator/data/{file}",
            axum::routing::get(app::privacy::export::download),
        )
        .route(
            "/coordinator/reports/{file}",
            axum::routing::get(app::reports::export::download),
        )
        .leptos_routes_with_context(&state, routes, app::security::provide_page_nonce, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(app::security::provide_page_nonce, shell))
        .layer(session_layer)
        // The WASM bundle shrinks to about 40 % with gzip and a little more with brotli (which
        // browsers ask for over HTTPS): that matters on a cheap phone on 3G. Level 6 for both:
        // brotli's own default (11) takes seconds per megabyte, per request.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(6)))
        .layer(axum::middleware::from_fn_with_state(
            policy,
            security::guard,
        ))
        // Before the session and the database: a request turned away under a rush costs
        // nothing but its answer.
        .layer(axum::middleware::from_fn_with_state(
            shedding::Shedding::new(config.shedding),
            shedding::gate,
        ))
        // Outermost: every answer, refusals included, is logged with its request id.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::DEBUG),
                ),
        )
        .layer(SetRequestIdLayer::x_request_id(RequestIds::default()))
        .with_state(state)
}

/// A request's log lines carry its id, method and path: never its query string, body or
/// cookies, which can hold names, addresses and passwords.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        id,
        method = %request.method(),
        path = request.uri().path(),
    )
}

/// Request ids: this process's start time and a counter. Unique across the servers behind one
/// load balancer in practice, and cheap; a proxy's own `X-Request-Id` is kept instead.
#[derive(Clone)]
struct RequestIds {
    process: u64,
    next: std::sync::Arc<AtomicU64>,
}

impl Default for RequestIds {
    fn default() -> Self {
        let process = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros() as u64)
            .unwrap_or_default()
            ^ u64::from(std::process::id()) << 40;
        RequestIds {
            process,
            next: Default::default(),
        }
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let id = format!("{:x}-{n:x}", self.process);
        axum::http::HeaderValue::from_str(&id)
            .ok()
            .map(RequestId::new)
    }
}

/// The server's background work, every minute: forgotten clocks are closed at their planned end
/// and held for a coordinator, cheques past their year expire, and prestaties nobody answered
/// in the organisation's days are confirmed. Every server process runs it; each job is safe to
/// run at once from several (see `time_entries::service::{close_forgotten, confirm_unanswered}`,
/// `cheques::service::expire_all`). On shutdown it stops between two jobs; each job's steps are
/// transactions of their own, so a job cut short by a crash leaves nothing half done.
pub fn spawn_jobs(
    db: Db,
    clock: Clock,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // Anonymisation looks at every person: once an hour is soon enough for months.
        let mut anonymised_at: Option<std::time::Instant> = None;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.wait_for(|stop| *stop) => return,
            }
            match app::time_entries::service::close_forgotten(&db, clock.now()).await {
                Ok(0) => {}
                Ok(closed) => tracing::info!(closed, "forgotten clocks closed for review"),
                Err(e) => {
                    tracing::warn!(error = %e, "forgotten-clock job failed; next minute again")
                }
            }
            if *stop.borrow() {
                return;
            }
            match app::cheques::service::expire_all(&db, clock.now()).await {
                Ok(0) => {}
                Ok(expired) => tracing::info!(expired, "cheques past their year expired"),
                Err(e) => tracing::warn!(error = %e, "cheque expiry failed; next minute again"),
            }
            if *stop.borrow() {
                return;
            }
            match app::time_entries::service::confirm_unanswered(&db, clock.now()).await {
                Ok(0) => {}
                Ok(confirmed) => tracing::info!(confirmed, "unanswered prestaties confirmed"),
                Err(e) => {
                    tracing::warn!(error = %e, "automatic confirmation failed; next minute again")
                }
            }
            if *stop.borrow() {
                return;
            }
            if anonymised_at.is_none_or(|at| at.elapsed() >= Duration::from_secs(3600)) {
                anonymised_at = Some(std::time::Instant::now());
                match app::privacy::service::anonymise_due(&db, clock.now()).await {
                    Ok(done) if done == Default::default() => {}
                    Ok(done) => tracing::info!(
                        workers = done.workers,
                        clients = done.clients,
                        "anonymised past the retention"
                    ),
                    Err(e) => tracing::warn!(error = %e, "anonymisation failed; next hour again"),
                }
            }
        }
    })
}

/// `true` once SIGTERM or SIGINT (Ctrl-C) arrived: the signal to stop.
pub fn shutdown_signal() -> watch::Receiver<bool> {
    let (tell, stop) = watch::channel(false);
    tokio::spawn(async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = ctrl_c => {},
            () = terminate => {},
        }
        tracing::info!("stopping: no new connections; finishing the requests in flight");
        let _ = tell.send(true);
    });
    stop
}

/// Serve until `stop` turns true; then accept nothing new and give the requests in flight up
/// to `deadline` to finish (a phone's sync is a few milliseconds; an export a few seconds).
/// The peer address reaches the login throttle.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    stop: watch::Receiver<bool>,
    deadline: Duration,
) -> std::io::Result<()> {
    let mut graceful = stop.clone();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = graceful.wait_for(|stop| *stop).await;
    });
    let mut server = std::pin::pin!(server.into_future());
    let mut stop = stop;
    tokio::select! {
        done = &mut server => return done,
        _ = stop.wait_for(|stop| *stop) => {}
    }
    match tokio::time::timeout(deadline, server).await {
        Ok(done) => done,
        Err(_) => {
            tracing::warn!(
                ?deadline,
                "requests still running at the shutdown deadline: cut off"
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_off_unless_clearly_on() {
        for on in ["1", "true", "TRUE", " yes "] {
            assert!(super::is_on(Some(on)), "{on}");
        }
        for off in ["0", "false", "", "ja"] {
            assert!(!super::is_on(Some(off)), "{off}");
        }
        assert!(!super::is_on(None));
    }

    fn config(addr: &str, dev_http: bool, demo: bool) -> Config {
        Config {
            database_url: String::new(),
            site_addr: addr.parse().unwrap(),
            demo_data: demo,
            demo_data_anywhere: false,
            demo_day: None,
            dev_http,
            public_origin: None,
            behind_proxy: false,
            shutdown_deadline: Duration::from_secs(1),
            shedding: shedding::Limits::default(),
        }
    }

    #[test]
    fn demo_data_and_plain_http_stay_on_loopback() {
        assert!(config("127.0.0.1:3000", true, true).check().is_ok());
        // The published demo password on a public address: refused.
        assert!(config("0.0.0.0:8080", false, true).check().is_err());
        // Plain HTTP off loopback: refused.
        assert!(config("0.0.0.0:8080", true, false).check().is_err());
        // Secure cookies with demo data, even on loopback: refused unless told.
        let mut c = config("127.0.0.1:3000", false, true);
        c.public_origin = Some("https://demo.example".into());
        assert!(c.check().is_err());
        c.demo_data_anywhere = true;
        assert!(c.check().is_ok());
        // Production needs to know its public origin.
        assert!(config("0.0.0.0:8080", false, false).check().is_err());
    }

    #[test]
    fn the_secure_cookie_is_host_bound() {
        assert_eq!(
            config("127.0.0.1:1", false, false).session_cookie_name(),
            "__Host-wijkwerk_session"
        );
        assert_eq!(
            config("127.0.0.1:1", true, false).session_cookie_name(),
            "wijkwerk_session"
        );
    }
}
