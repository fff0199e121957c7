//! The path of every request, in one place:
//!
//! session → [`Caller`] (resolved once, here) → use case with `now` → store.
//!
//! A `#[server]` function is a one-line shim around [`read_case!`] or [`write_case!`]: they
//! resolve the caller and the request's `now`, open a connection or a write transaction, call
//! the use case, commit, and give a refusal its HTTP status. Use cases never read the session,
//! the wall clock or the global state themselves, so tests can hand them any caller and time.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

use crate::auth::{Caller, Role};
use crate::db::Db;
use crate::error::AppError;

/// What a use case knows about the request: who asks, and when.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub caller: Caller,
    pub now: DateTime<Utc>,
}

pub fn state() -> crate::AppState {
    expect_context::<crate::AppState>()
}

/// The request's time, from the server's [`crate::clock::Clock`].
pub fn now() -> DateTime<Utc> {
    state().clock.now()
}

pub(crate) const ACCOUNT_KEY: &str = "account_id";
pub(crate) const LOGIN_AT_KEY: &str = "login_at";
pub(crate) const SEEN_AT_KEY: &str = "seen_at";

/// How long a session lives: without activity, and at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

/// Workers and gebruikers stay logged in on their own phone for weeks (logging in is a hurdle
/// for many); staff, who see many people's files, for a working day.
pub fn session_policy(role: Role) -> SessionPolicy {
    if role.is_staff() {
        SessionPolicy {
            idle: Duration::hours(10),
            absolute: Duration::hours(12),
        }
    } else {
        SessionPolicy {
            idle: Duration::days(30),
            absolute: Duration::days(90),
        }
    }
}

/// The store's expiry for a role: renewed whenever the session is saved.
pub fn session_expiry(role: Role) -> tower_sessions::Expiry {
    let idle = session_policy(role).idle;
    tower_sessions::Expiry::OnInactivity(tower_sessions::cookie::time::Duration::seconds(
        idle.num_seconds(),
    ))
}

/// The activity stamp is written at most this often (not on every request).
const TOUCH_EVERY: Duration = Duration::minutes(1);

pub async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|e| AppError::unavailable("session", e))
}

/// A session store failure: logged, answered as "unavailable".
pub(crate) fn session_error(e: tower_sessions::session::Error) -> AppError {
    AppError::unavailable("session", e)
}

/// The logged-in caller, if any. A session past its idle or absolute lifetime, or of an account
/// that was deactivated, is ended here.
pub async fn caller(now: DateTime<Utc>) -> Result<Option<Caller>, AppError> {
    caller_in(&session().await?, &state().db, now).await
}

/// [`caller`] for a plain HTTP handler, which has the session and the database at hand.
pub async fn caller_in(
    session: &tower_sessions::Session,
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, AppError> {
    let Some(account) = session
        .get::<i64>(ACCOUNT_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let login_at = session
        .get::<i64>(LOGIN_AT_KEY)
        .await
        .map_err(session_error)?;
    let seen_at = session
        .get::<i64>(SEEN_AT_KEY)
        .await
        .map_err(session_error)?;
    let found = {
        let mut conn = db.conn().await?;
        crate::auth::store::caller(conn.c(), crate::ids::AccountId(account)).await?
    };
    let (Some(caller), Some(login_at), Some(seen_at)) = (found, login_at, seen_at) else {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    };
    let policy = session_policy(caller.role());
    let at = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::UNIX_EPOCH);
    if now - at(login_at) > policy.absolute || now - at(seen_at) > policy.idle {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    if now - at(seen_at) >= TOUCH_EVERY {
        // Saving renews the stored expiry and the cookie's Max-Age: the idle time counts anew.
        session
            .insert(SEEN_AT_KEY, now.timestamp())
            .await
            .map_err(session_error)?;
        session.set_expiry(Some(session_expiry(caller.role())));
    }
    Ok(Some(caller))
}

/// The caller (401 without one), the request's time, and the database.
pub async fn context() -> Result<(Ctx, Db), AppError> {
    let now = now();
    let caller = caller(now).await?.ok_or(AppError::NotLoggedIn)?;
    Ok((Ctx { caller, now }, state().db))
}

/// A read-only use case: `read_case!(service::worker_day)` or with arguments
/// `read_case!(service::thing, id)`. The use case gets `(&Ctx, &mut Conn, args…)`.
#[macro_export]
macro_rules! read_case {
    ($case:path $(, $arg:expr)* $(,)?) => {
        $crate::error::finish(
            async {
                let (ctx, db) = $crate::request::context().await?;
                let mut conn = db.conn().await?;
                $case(&ctx, &mut conn $(, $arg)*).await
            }
            .await,
        )
    };
}

/// A use case that reads a person's file (or a list with names): as [`read_case!`], and then,
/// before the answer leaves, a row per person saying the caller saw `what`
/// ([`crate::file_views`]).
#[macro_export]
macro_rules! seen_case {
    ($what:expr, $case:path $(, $arg:expr)* $(,)?) => {
        $crate::error::finish(
            async {
                let (ctx, db) = $crate::request::context().await?;
                let out = {
                    let mut conn = db.conn().await?;
                    $case(&ctx, &mut conn $(, $arg)*).await?
                };
                $crate::file_views::service::seen(&ctx, &db, &out, $what).await?;
                Ok(out)
            }
            .await,
        )
    };
}

/// A use case that writes: one transaction that checks, changes and audits, committed only when
/// the use case succeeds. The use case gets `(&Ctx, &mut Tx, args…)`.
#[macro_export]
macro_rules! write_case {
    ($case:path $(, $arg:expr)* $(,)?) => {
        $crate::error::finish(
            async {
                let (ctx, db) = $crate::request::context().await?;
                let mut tx = db.begin().await?;
                let out = $case(&ctx, &mut tx $(, $arg)*).await?;
                tx.commit().await?;
                Ok(out)
            }
            .await,
        )
    };
}
