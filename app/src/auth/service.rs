//! Login, logout and who is logged in. Login is throttled per account and per address, in the
//! database (so every server process counts the same attempts), and password checks run behind
//! a semaphore: a flood of logins waits for a free core instead of exhausting memory.

use chrono::{DateTime, Duration, Utc};

use super::store::{self, NewAccount};
use super::{CurrentUser, Role, password};
use crate::audit::{self, Action, Event};
use crate::db::Db;
use crate::error::{AppError, Field};
use crate::ids::{AccountId, OrganisationId};
use crate::request::{self, ACCOUNT_KEY, LOGIN_AT_KEY, SEEN_AT_KEY, session_error};

/// Failed attempts allowed before the first wait, per account (a person mistyping) and per
/// address (an office or a school behind one address).
const FREE_FAILURES_ACCOUNT: i64 = 5;
const FREE_FAILURES_ADDRESS: i64 = 50;
/// The first wait; it doubles with every further failure, up to the longest.
const FIRST_WAIT_SECS: i64 = 30;
const LONGEST_WAIT_SECS: i64 = 15 * 60;
/// Failures older than this are forgotten.
const FORGET_AFTER: Duration = Duration::hours(24);

/// How long to wait after `failures` failed attempts when `free` are allowed; `None`: no wait.
pub fn wait_after(failures: i64, free: i64) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = (failures - free).min(20) as u32;
    let secs = FIRST_WAIT_SECS
        .saturating_mul(1_i64 << doublings)
        .min(LONGEST_WAIT_SECS);
    Some(Duration::seconds(secs))
}

fn account_key(email: &str) -> String {
    format!("account:{email}")
}

fn address_key(ip: Option<std::net::IpAddr>) -> Option<String> {
    ip.map(|ip| format!("ip:{ip}"))
}

/// The client's address: the peer of the connection (the server is started with connect
/// info), or behind our own proxy the address it appended last to `X-Forwarded-For` (earlier
/// entries come from the client and prove nothing).
fn peer_ip(behind_proxy: bool) -> Option<std::net::IpAddr> {
    use leptos::prelude::use_context;
    let parts = use_context::<axum::http::request::Parts>()?;
    if behind_proxy {
        return forwarded_for(
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok()),
        );
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())
}

/// The last address in the `X-Forwarded-For` headers.
pub fn forwarded_for<'a>(headers: impl Iterator<Item = &'a str>) -> Option<std::net::IpAddr> {
    headers
        .flat_map(|h| h.split(','))
        .last()
        .and_then(|ip| ip.trim().parse().ok())
}

/// The longest wait still running for any of `keys`.
async fn locked(db: &Db, keys: &[String], now: DateTime<Utc>) -> Result<Option<i64>, AppError> {
    let mut conn = db.conn().await?;
    let mut wait: Option<i64> = None;
    for key in keys {
        if let Some(t) = store::throttle(conn.c(), key).await?
            && let Some(until) = t.locked_until
            && until > now
        {
            let secs = (until - now).num_seconds().max(1);
            wait = Some(wait.map_or(secs, |w| w.max(secs)));
        }
    }
    Ok(wait)
}

/// An email address as accounts store it (trimmed, lower case), or the refusal.
fn normalised_email(email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    if email.len() < 3 || email.len() > 254 || !email.contains('@') {
        return Err(AppError::Invalid(Field::Email));
    }
    Ok(email)
}

pub async fn login(email: String, password: String) -> Result<Role, AppError> {
    let email = normalised_email(&email)?;
    if password.is_empty() || password.len() > 1024 {
        return Err(AppError::Invalid(Field::Password));
    }
    let state = request::state();
    let db = state.db;
    let now = state.clock.now();
    let mut keys = vec![account_key(&email)];
    keys.extend(address_key(peer_ip(state.behind_proxy)));
    if let Some(retry_after_secs) = locked(&db, &keys, now).await? {
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }

    let account = {
        let mut conn = db.conn().await?;
        store::by_email(conn.c(), &email).await?
    };
    // Verify against a dummy hash when the email is unknown, so the answer takes as long.
    let hash = account
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| password::DUMMY_HASH.to_string());
    let ok = password::verify(password, hash).await?;
    let account = match account {
        Some(a) if ok && a.active => a,
        other => {
            let org_and_id = other.map(|a| (a.organisation_id, a.id));
            return Err(failed(&db, &keys, org_and_id, now).await?);
        }
    };

    let session = request::session().await?;
    // A new session id at login: a session fixed before login is worth nothing after it.
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(ACCOUNT_KEY, account.id.0)
        .await
        .map_err(session_error)?;
    session
        .insert(LOGIN_AT_KEY, now.timestamp())
        .await
        .map_err(session_error)?;
    session
        .insert(SEEN_AT_KEY, now.timestamp())
        .await
        .map_err(session_error)?;
    session.set_expiry(Some(request::session_expiry(account.role)));
    // The language they chose before, on whichever phone, follows them here.
    if let Some(lang) = account
        .language
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
    {
        crate::i18n::set_language_cookie(lang)?;
    }

    let mut tx = db.begin().await?;
    store::forget_failures(tx.c(), &keys[0]).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(account.organisation_id),
            account_id: Some(account.id),
            action: Action::Login,
            subject: "account",
            subject_id: Some(account.id.0),
            detail: String::new(),
        },
        now,
    )
    .await?;
    tx.commit().await?;

    leptos_axum::redirect(account.role.home());
    Ok(account.role)
}

/// Count a failed login under every key, start a wait where one is due, and audit it. The
/// answer is the same whether the email exists or not.
async fn failed(
    db: &Db,
    keys: &[String],
    account: Option<(OrganisationId, AccountId)>,
    now: DateTime<Utc>,
) -> Result<AppError, AppError> {
    let mut tx = db.begin().await?;
    for key in keys {
        let failures = store::count_failure(tx.c(), key, now, now - FORGET_AFTER).await?;
        let free = if key.starts_with("ip:") {
            FREE_FAILURES_ADDRESS
        } else {
            FREE_FAILURES_ACCOUNT
        };
        if let Some(wait) = wait_after(failures, free) {
            store::lock_until(tx.c(), key, now + wait).await?;
        }
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: account.map(|(org, _)| org),
            account_id: None,
            action: Action::LoginFailed,
            subject: "account",
            subject_id: account.map(|(_, id)| id.0),
            detail: String::new(),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(AppError::WrongLogin)
}

pub async fn logout() -> Result<(), AppError> {
    let session = request::session().await?;
    session.flush().await.map_err(session_error)?;
    leptos_axum::redirect("/login");
    Ok(())
}

pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let now = request::now();
    let Some(caller) = request::caller(now).await? else {
        return Ok(None);
    };
    let db = request::state().db;
    let mut conn = db.conn().await?;
    Ok(store::by_id(conn.c(), caller.account)
        .await?
        .map(|a| a.current_user()))
}

/// A new account (demo loader, command line, later the coordinator's screens).
pub async fn create_account(
    c: crate::db::DbConn<'_>,
    account: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<AccountId, AppError> {
    match store::insert(c, account, now).await {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(AppError::Invalid(Field::Email))
        }
        Err(e) => Err(e.into()),
    }
}

/// Profiel: a new password, after the current one. Wrong current passwords count against the
/// same throttle as logins (guessing here is guessing there).
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    let (ctx, db) = request::context().await?;
    if new.chars().count() < MIN_PASSWORD_CHARS || new.len() > 1024 {
        return Err(AppError::Invalid(Field::NewPassword));
    }
    if current.is_empty() || current.len() > 1024 {
        return Err(AppError::Invalid(Field::CurrentPassword));
    }
    let account = {
        let mut conn = db.conn().await?;
        store::by_id(conn.c(), ctx.caller.account)
            .await?
            .ok_or(AppError::NotLoggedIn)?
    };
    let keys = vec![account_key(&account.email)];
    if let Some(retry_after_secs) = locked(&db, &keys, ctx.now).await? {
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }
    if !password::verify(current, account.password_hash.clone()).await? {
        let who = Some((account.organisation_id, account.id));
        return Err(match failed(&db, &keys, who, ctx.now).await? {
            AppError::WrongLogin => AppError::Invalid(Field::CurrentPassword),
            other => other,
        });
    }
    let hash = password::hash(new).await?;
    let mut tx = db.begin().await?;
    store::set_password_hash(tx.c(), account.id, &hash).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(account.organisation_id),
            account_id: Some(account.id),
            action: Action::PasswordChanged,
            subject: "account",
            subject_id: Some(account.id.0),
            detail: String::new(),
        },
        ctx.now,
    )
    .await?;
    tx.commit().await?;
    // A new session id: whoever held the old one (a shared phone) holds nothing now.
    let session = request::session().await?;
    session.cycle_id().await.map_err(session_error)?;
    Ok(())
}

/// The language a logged-in person chose, kept with their account (so it follows them to
/// another phone); `None` when nobody is logged in.
pub async fn remember_language(lang: &str) -> Result<(), AppError> {
    let now = request::now();
    let Some(caller) = request::caller(now).await? else {
        return Ok(());
    };
    let db = request::state().db;
    let mut conn = db.conn().await?;
    store::set_language(conn.c(), caller.account, lang).await?;
    Ok(())
}

/// The shortest password we accept for a new account.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A coordinator for an organisation (command line: `create-coordinator`). Checks the input,
/// hashes the password, writes the account and an audit line, in `tx`.
pub async fn create_coordinator(
    tx: &mut crate::db::Tx,
    organisation: OrganisationId,
    email: &str,
    display_name: &str,
    password: String,
    now: DateTime<Utc>,
) -> Result<AccountId, AppError> {
    let email = normalised_email(email)?;
    if password.chars().count() < MIN_PASSWORD_CHARS || password.len() > 1024 {
        return Err(AppError::Invalid(Field::NewPassword));
    }
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 200 {
        return Err(AppError::Invalid(Field::Form));
    }
    if !crate::organisations::exists(tx.c(), organisation).await? {
        return Err(AppError::NotFound);
    }
    let hash = password::hash(password).await?;
    let id = create_account(
        tx.c(),
        NewAccount {
            organisation_id: organisation,
            email: &email,
            password_hash: &hash,
            role: Role::Coordinator,
            display_name,
        },
        now,
    )
    .await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: None,
            action: Action::AccountCreated,
            subject: "account",
            subject_id: Some(id.0),
            detail: "command line".into(),
        },
        now,
    )
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_a_proxy_the_last_forwarded_address_counts() {
        let ip = |s: &str| Some(s.parse::<std::net::IpAddr>().unwrap());
        assert_eq!(
            forwarded_for(["203.0.113.9"].into_iter()),
            ip("203.0.113.9")
        );
        // A client may send its own X-Forwarded-For; the proxy appends the real address last.
        assert_eq!(
            forwarded_for(["1.2.3.4, 198.51.100.7"].into_iter()),
            ip("198.51.100.7")
        );
        assert_eq!(
            forwarded_for(["1.2.3.4", "198.51.100.7"].into_iter()),
            ip("198.51.100.7")
        );
        assert_eq!(forwarded_for(["niet-een-adres"].into_iter()), None);
        assert_eq!(forwarded_for(std::iter::empty()), None);
    }

    #[test]
    fn waits_start_after_the_free_attempts_and_double_up_to_a_cap() {
        assert_eq!(wait_after(4, 5), None);
        assert_eq!(wait_after(5, 5), Some(Duration::seconds(30)));
        assert_eq!(wait_after(6, 5), Some(Duration::seconds(60)));
        assert_eq!(wait_after(9, 5), Some(Duration::seconds(480)));
        assert_eq!(wait_after(10, 5), Some(Duration::seconds(900)));
        assert_eq!(wait_after(500, 5), Some(Duration::seconds(900)));
    }
}
