//! Accounts, roles, login and logout. Every server function starts with [`require`]: it finds
//! the caller's account in the session and refuses roles that may not call it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::finish;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// wijk-werker
    Worker,
    /// gebruiker
    Client,
    /// wijk-werkbemiddelaar
    Coordinator,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Worker => "worker",
            Role::Client => "client",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "worker" => Some(Role::Worker),
            "client" => Some(Role::Client),
            "coordinator" => Some(Role::Coordinator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Where this role lands after logging in.
    pub fn home(self) -> &'static str {
        match self {
            Role::Worker => "/worker",
            Role::Client => "/client",
            Role::Coordinator | Role::Admin => "/coordinator",
        }
    }
}

/// Who is calling, as far as the interface needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub account_id: i64,
    pub organisation_id: i64,
    pub role: Role,
    pub display_name: String,
}

#[cfg(feature = "ssr")]
const SESSION_KEY: &str = "account_id";

#[cfg(feature = "ssr")]
async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|e| AppError::Unavailable(format!("session: {e}")))
}

/// The logged-in caller, if any. An account that was deactivated is logged out.
#[cfg(feature = "ssr")]
pub async fn caller() -> Result<Option<CurrentUser>, AppError> {
    let session = session().await?;
    let id: Option<i64> = session
        .get(SESSION_KEY)
        .await
        .map_err(|e| AppError::Unavailable(format!("session: {e}")))?;
    let Some(id) = id else { return Ok(None) };
    let state = expect_context::<crate::AppState>();
    let mut conn = state.db.conn().await?;
    let account = store::by_id(conn.c(), id).await?;
    Ok(account.filter(|a| a.active).and_then(|a| a.current_user()))
}

/// The caller, if their role is one of `roles`; the database to work in.
#[cfg(feature = "ssr")]
pub async fn require(roles: &[Role]) -> Result<(CurrentUser, crate::db::Db), AppError> {
    let user = caller().await?.ok_or(AppError::NotLoggedIn)?;
    if !roles.contains(&user.role) {
        return Err(AppError::Forbidden);
    }
    Ok((user, expect_context::<crate::AppState>().db))
}

#[server(prefix = "/api", endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    finish(caller().await)
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<Role, AppError> {
    finish(login_inner(email, password).await)
}

#[cfg(feature = "ssr")]
async fn login_inner(email: String, password: String) -> Result<Role, AppError> {
    use crate::error::Field;

    let email = email.trim().to_lowercase();
    if email.len() < 3 || email.len() > 254 || !email.contains('@') {
        return Err(AppError::Invalid(Field::Email));
    }
    if password.is_empty() || password.len() > 1024 {
        return Err(AppError::Invalid(Field::Password));
    }
    let db = expect_context::<crate::AppState>().db;
    let account = {
        let mut conn = db.conn().await?;
        store::by_email(conn.c(), &email).await?
    };
    // Verify against a dummy hash when the email is unknown, so the answer takes as long.
    let hash = account
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| password::DUMMY_HASH.to_string());
    let ok = password::verify(password, hash).await;
    let account = match account {
        Some(a) if ok && a.active => a,
        _ => return Err(AppError::WrongLogin),
    };
    let user = account
        .current_user()
        .ok_or_else(|| AppError::Unavailable("unknown role".into()))?;

    let session = session().await?;
    // A new session id at login: a session fixed before login is worth nothing after it.
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Unavailable(format!("session: {e}")))?;
    session
        .insert(SESSION_KEY, user.account_id)
        .await
        .map_err(|e| AppError::Unavailable(format!("session: {e}")))?;
    session.set_expiry(Some(session_expiry(user.role)));

    let mut tx = db.begin().await?;
    crate::audit::record(
        tx.c(),
        crate::audit::Event {
            organisation_id: user.organisation_id,
            account_id: Some(user.account_id),
            action: "login",
            subject: "account",
            subject_id: Some(user.account_id),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;

    leptos_axum::redirect(user.role.home());
    Ok(user.role)
}

/// Workers and gebruikers stay logged in on their own phone for weeks (logging in is a hurdle
/// for many); staff who see many people's files are logged out after a working day idle.
#[cfg(feature = "ssr")]
fn session_expiry(role: Role) -> tower_sessions::Expiry {
    use tower_sessions::cookie::time::Duration;
    match role {
        Role::Worker | Role::Client => tower_sessions::Expiry::OnInactivity(Duration::days(30)),
        Role::Coordinator | Role::Admin => {
            tower_sessions::Expiry::OnInactivity(Duration::hours(10))
        }
    }
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    finish(
        async {
            let session = session().await?;
            session
                .flush()
                .await
                .map_err(|e| AppError::Unavailable(format!("session: {e}")))?;
            leptos_axum::redirect("/login");
            Ok(())
        }
        .await,
    )
}
