//! `wijkwerk`: serve the app. Configured by environment variables (see README.md).

use leptos::config::get_configuration;
use tracing_subscriber::EnvFilter;

use server::{Config, prepare_database, router};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    if let Err(e) = run().await {
        tracing::error!("{e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env();
    let leptos_options = get_configuration(None)?.leptos_options;
    let addr = leptos_options.site_addr;
    let db = prepare_database(&config).await?;
    tracing::info!(backend = db.backend_name(), "database ready");
    let app = router(db.clone(), leptos_options, &config).await?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!("Wijkwerk luistert op http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
