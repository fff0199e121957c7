//! `/livez` and `/readyz`, for a service manager or a load balancer. Neither needs a session,
//! and neither says more than the status: nothing about the database leaks out.

use axum::extract::State;
use axum::http::StatusCode;

use app::AppState;

/// The process answers.
pub async fn livez() -> &'static str {
    "ok"
}

/// The database answers and has every migration this build knows: send people here.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.pending_migrations().await {
        Ok(0) => (StatusCode::OK, "ready"),
        Ok(_) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending"),
        Err(e) => {
            tracing::warn!(error = %e, "readyz: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
