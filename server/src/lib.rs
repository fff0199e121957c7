//! The Wijkwerk server: configuration, database, sessions and the axum router around the
//! Leptos app. `main.rs` runs it; the integration tests start it on a free port.

use axum::Router;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_sessions::{Expiry, SessionManagerLayer, SessionStore, cookie::SameSite};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use app::db::Db;
use app::{App, AppState, shell};

/// How the server is set up, from the environment.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://data/wijkwerk.db` (default) or `postgres://…`.
    pub database_url: String,
    /// Load the demo organisation when the database has none.
    pub demo_data: bool,
    /// Send the session cookie only over HTTPS. On in production; off for plain-HTTP local runs.
    pub secure_cookies: bool,
}

impl Config {
    pub fn from_env() -> Self {
        let flag = |name: &str| is_on(std::env::var(name).ok().as_deref());
        Config {
            database_url: std::env::var("DATABASE_URL")
                .unwrap_or_else(|_| "sqlite://data/wijkwerk.db".to_string()),
            demo_data: flag("WIJKWERK_DEMO_DATA"),
            secure_cookies: flag("WIJKWERK_SECURE_COOKIES"),
        }
    }
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
}

/// Open and migrate the database; load demo data when asked and the database is empty.
pub async fn prepare_database(config: &Config) -> Result<Db, StartError> {
    if let Some(path) = config.database_url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(path).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| StartError::Database(e.into()))?;
        }
    }
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    if config.demo_data && app::demo::is_empty(&db).await? {
        app::demo::load(&db, "Wijk-werken Scheldeland", "demo.test").await?;
        tracing::info!("demo data loaded");
    }
    Ok(db)
}

/// The whole application: pages, server functions, static files, sessions.
pub async fn router(
    db: Db,
    leptos_options: LeptosOptions,
    config: &Config,
) -> Result<Router, StartError> {
    let sessions = |e: sqlx::Error| StartError::Sessions(e.to_string());
    match &db {
        Db::Sqlite(pool) => {
            let store = SqliteStore::new(pool.clone());
            store.migrate().await.map_err(sessions)?;
            Ok(with_sessions(db.clone(), leptos_options, store, config))
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
            store.migrate().await.map_err(sessions)?;
            Ok(with_sessions(db.clone(), leptos_options, store, config))
        }
    }
}

fn with_sessions<S: SessionStore + Clone>(
    db: Db,
    leptos_options: LeptosOptions,
    store: S,
    config: &Config,
) -> Router {
    let session_layer = SessionManagerLayer::new(store)
        .with_name("wijkwerk_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::hours(10),
        ));
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
    };
    let routes = generate_route_list(App);
    Router::new()
        .leptos_routes(&state, routes, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(session_layer)
        // The WASM bundle shrinks to about 40 % with gzip: that matters on a cheap phone on 3G.
        .layer(CompressionLayer::new())
        .with_state(state)
}

#[cfg(test)]
mod tests {
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
}
