//! Login, logout and who is logged in. Login is throttled per account and per address, in the
//! database (so every server process counts the same attempts), and password checks run behind
//! a semaphore: a flood of logins waits for a free core instead of exhausting memory.

use chrono::{DateTime, Duration, Utc};

use super::store::{self, NewAccount};
use super::{CurrentUser, Role, password, second_factor};
use crate::audit::{self, Action, Event};
use crate::db::{Db, Tx};
use crate::error::{AppError, Field};
use crate::ids::{AccountId, OrganisationId};
use crate::request::{self, ACCOUNT_KEY, Ctx, LOGIN_AT_KEY, SEEN_AT_KEY, session_error};

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
pub(crate) fn normalised_email(email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    if email.len() < 3 || email.len() > 254 || !email.contains('@') {
        return Err(AppError::Invalid(Field::Email));
    }
    Ok(email)
}

/// The throttle keys of a login (and of the second factor's code after it): the account's,
/// then the address's.
fn login_keys(email: &str, behind_proxy: bool) -> Vec<String> {
    let mut keys = vec![account_key(email)];
    keys.extend(address_key(peer_ip(behind_proxy)));
    keys
}

pub async fn login(email: String, password: String) -> Result<Role, AppError> {
    let email = normalised_email(&email)?;
    if password.is_empty() || password.len() > 1024 {
        return Err(AppError::Invalid(Field::Password));
    }
    let state = request::state();
    let db = state.db;
    let now = state.clock.now();
    let keys = login_keys(&email, state.behind_proxy);
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
    let ok = password::verify(password.clone(), hash).await?;
    let account = match account {
        Some(a) if ok && a.active => a,
        other => {
            let org_and_id = other.map(|a| (a.organisation_id, a.id));
            return Err(failed(&db, &keys, org_and_id, now).await?);
        }
    };
    // Only now do we know the password: the moment to hash it with today's parameters.
    if password::is_outdated(&account.password_hash) {
        let hash = password::hash(password).await?;
        let mut tx = db.begin().await?;
        store::set_password_hash(tx.c(), account.id, &hash).await?;
        tx.commit().await?;
    }

    // Staff with a second factor, or whose organisation requires one, are half logged in: the
    // code (or setting one up) comes next.
    if account.role.is_staff() {
        let (factor, required) = {
            let mut conn = db.conn().await?;
            (
                store::second_factor(conn.c(), account.id).await?,
                crate::organisations::store::second_factor_required(
                    conn.c(),
                    account.organisation_id,
                )
                .await?,
            )
        };
        let enrolled = factor.is_some_and(|f| f.confirmed_at.is_some());
        if enrolled || required {
            hold_half_login(&account, now).await?;
            leptos_axum::redirect(if enrolled {
                "/login/code"
            } else {
                "/login/enrol"
            });
            return Ok(account.role);
        }
    }
    finish_login(&db, &account, &keys[0], now).await
}

/// The last step of every login: the session, the throttle forgiven, the audit line, home.
async fn finish_login(
    db: &Db,
    account: &store::Account,
    account_key: &str,
    now: DateTime<Utc>,
) -> Result<Role, AppError> {
    start_session(account, now).await?;
    let mut tx = db.begin().await?;
    store::forget_failures(tx.c(), account_key).await?;
    own_event(&mut tx, account, Action::Login, now).await?;
    tx.commit().await?;

    leptos_axum::redirect(account.role.home());
    Ok(account.role)
}

/// `account`'s own step in the audit trail (a login, a code used, a second factor set up).
async fn own_event(
    tx: &mut Tx,
    account: &store::Account,
    action: Action,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let event = Event {
        organisation_id: Some(account.organisation_id),
        account_id: Some(account.id),
        action,
        subject: "account",
        subject_id: Some(account.id.0),
        detail: String::new(),
    };
    Ok(audit::record(tx.c(), event, now).await?)
}

/// Log `account` in on this browser: a new session id (a session fixed before login is worth
/// nothing after it), the login and activity times, the role's lifetime, and the language the
/// person chose before, on whichever phone.
async fn start_session(account: &store::Account, now: DateTime<Utc>) -> Result<(), AppError> {
    let session = request::session().await?;
    session.cycle_id().await.map_err(session_error)?;
    for key in [HALF_LOGIN_KEY, HALF_LOGIN_AT_KEY] {
        session.remove_value(key).await.map_err(session_error)?;
    }
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
    if let Some(lang) = account
        .language
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
    {
        crate::i18n::set_language_cookie(lang)?;
    }
    Ok(())
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
    password::check_new(&new)?;
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
    let mut tx = db.begin().await?;
    store::set_language(tx.c(), caller.account, lang).await?;
    tx.commit().await?;
    Ok(())
}

/// How long an activation code works.
pub const CODE_VALID_DAYS: i64 = 14;

fn code_hash(code: &str) -> String {
    use blake2::{Blake2b512, Digest};
    Blake2b512::digest(code.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new activation code on `account` (replacing an earlier one), valid for 14 days. The code
/// itself is returned once and never stored.
pub async fn issue_code(
    c: crate::db::DbConn<'_>,
    account: AccountId,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<super::ActivationCode, AppError> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let alphabet = super::CODE_ALPHABET;
    let code: String = (0..super::CODE_LEN)
        .map(|_| {
            // Rejection sampling: every letter equally likely.
            loop {
                let byte = (OsRng.next_u32() & 0xff) as usize;
                if byte < 256 - 256 % alphabet.len() {
                    break alphabet[byte % alphabet.len()] as char;
                }
            }
        })
        .collect();
    let expires_at = now + Duration::days(CODE_VALID_DAYS);
    store::replace_code(c, account, &code_hash(&code), expires_at, by, now).await?;
    Ok(super::ActivationCode {
        account_id: account,
        code: format!("{}-{}", &code[..4], &code[4..]),
        valid_until: crate::brussels::local_date(expires_at),
    })
}

/// First login with an activation code: the code is taken (single use), the password set, the
/// person logged in. Wrong codes count against the address's throttle like wrong logins.
pub async fn activate(code: String, password: String) -> Result<super::Role, AppError> {
    password::check_new(&password)?;
    let state = request::state();
    let db = state.db;
    let now = state.clock.now();
    let keys: Vec<String> = address_key(peer_ip(state.behind_proxy))
        .into_iter()
        .map(|k| format!("activate:{k}"))
        .collect();
    if let Some(retry_after_secs) = locked(&db, &keys, now).await? {
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }
    let Some(code) = super::normalise_code(&code) else {
        return Err(failed_code(&db, &keys, now).await?);
    };
    let hash = password::hash(password).await?;
    let mut tx = db.begin().await?;
    let taken = store::take_code(tx.c(), &code_hash(&code)).await?;
    let account = match taken {
        Some((account, expires_at)) if expires_at > now => store::by_id(tx.c(), account).await?,
        _ => None,
    };
    let Some(account) = account.filter(|a| a.active) else {
        // An expired code is gone now too: a new one comes from the coordinator.
        tx.commit().await?;
        return Err(failed_code(&db, &keys, now).await?);
    };
    store::set_password_hash(tx.c(), account.id, &hash).await?;
    own_event(&mut tx, &account, Action::AccountActivated, now).await?;
    tx.commit().await?;
    start_session(&account, now).await?;
    leptos_axum::redirect(account.role.home());
    Ok(account.role)
}

/// A wrong activation code: counted like a failed login, answered the same whether it never
/// existed, was used or expired.
async fn failed_code(db: &Db, keys: &[String], now: DateTime<Utc>) -> Result<AppError, AppError> {
    Ok(match failed(db, keys, None, now).await? {
        AppError::WrongLogin => AppError::ActivationCode,
        other => other,
    })
}

/// An account of the caller's organisation that a coordinator may manage (a worker's or a
/// gebruiker's): 404 for another organisation's, 403 for staff accounts.
async fn managed_account(
    ctx: &Ctx,
    c: crate::db::DbConn<'_>,
    account: AccountId,
) -> Result<store::Account, AppError> {
    let organisation = ctx.caller.staff()?;
    let account = store::by_id(c, account)
        .await?
        .filter(|a| a.organisation_id == organisation)
        .ok_or(AppError::NotFound)?;
    if account.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    Ok(account)
}

/// A new activation code for a worker's or gebruiker's account (a lost password).
pub async fn new_activation_code(
    ctx: &Ctx,
    tx: &mut Tx,
    account: AccountId,
) -> Result<super::ActivationCode, AppError> {
    let account = managed_account(ctx, tx.c(), account).await?;
    if !account.active {
        return Err(AppError::NotFound);
    }
    let code = issue_code(tx.c(), account.id, Some(ctx.caller.account), ctx.now).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(account.organisation_id),
            account_id: Some(ctx.caller.account),
            action: Action::ActivationCodeIssued,
            subject: "account",
            subject_id: Some(account.id.0),
            detail: String::new(),
        },
        ctx.now,
    )
    .await?;
    Ok(code)
}

/// Deactivate a worker's or gebruiker's account: its sessions end at their next request, its
/// open code stops working.
pub async fn deactivate_account(
    ctx: &Ctx,
    tx: &mut Tx,
    account: AccountId,
) -> Result<(), AppError> {
    let account = managed_account(ctx, tx.c(), account).await?;
    store::set_active(tx.c(), account.id, false).await?;
    store::drop_code(tx.c(), account.id).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(account.organisation_id),
            account_id: Some(ctx.caller.account),
            action: Action::AccountDeactivated,
            subject: "account",
            subject_id: Some(account.id.0),
            detail: String::new(),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

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
    password::check_new(&password)?;
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

// ---- The second factor of bemiddelaars and admins ----

/// The session of someone whose password was right and whose second factor comes next: not a
/// login (no [`ACCOUNT_KEY`], so no caller), only the account and when.
const HALF_LOGIN_KEY: &str = "half_login_account";
const HALF_LOGIN_AT_KEY: &str = "half_login_at";
/// How long the code may take after the password.
const HALF_LOGIN_MINUTES: i64 = 10;
/// How long a secret shown for setting up stays the same when the page is shown again.
const KEEP_UNCONFIRMED_MINUTES: i64 = 15;

async fn hold_half_login(account: &store::Account, now: DateTime<Utc>) -> Result<(), AppError> {
    let session = request::session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(HALF_LOGIN_KEY, account.id.0)
        .await
        .map_err(session_error)?;
    session
        .insert(HALF_LOGIN_AT_KEY, now.timestamp())
        .await
        .map_err(session_error)?;
    session.set_expiry(Some(request::session_expiry(account.role)));
    Ok(())
}

/// The account half logged in on this browser, if the password was right a little while ago.
async fn half_login(db: &Db, now: DateTime<Utc>) -> Result<Option<store::Account>, AppError> {
    let session = request::session().await?;
    let account = session
        .get::<i64>(HALF_LOGIN_KEY)
        .await
        .map_err(session_error)?;
    let at = session
        .get::<i64>(HALF_LOGIN_AT_KEY)
        .await
        .map_err(session_error)?;
    let (Some(account), Some(at)) = (account, at) else {
        return Ok(None);
    };
    if now.timestamp() - at > HALF_LOGIN_MINUTES * 60 {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    let mut conn = db.conn().await?;
    Ok(store::by_id(conn.c(), AccountId(account))
        .await?
        .filter(|a| a.active && a.role.is_staff()))
}

/// Who sets up a second factor: a logged-in bemiddelaar or admin, or one half logged in
/// (`true`) because the organisation requires it.
async fn enrolling(db: &Db, now: DateTime<Utc>) -> Result<(store::Account, bool), AppError> {
    if let Some(caller) = request::caller(now).await? {
        if !caller.role().is_staff() {
            return Err(AppError::Forbidden);
        }
        let mut conn = db.conn().await?;
        let account = store::by_id(conn.c(), caller.account)
            .await?
            .ok_or(AppError::NotLoggedIn)?;
        return Ok((account, false));
    }
    match half_login(db, now).await? {
        Some(account) => Ok((account, true)),
        None => Err(AppError::NotLoggedIn),
    }
}

/// A wrong code: counted like a wrong password.
async fn failed_second_factor(
    db: &Db,
    keys: &[String],
    account: &store::Account,
    now: DateTime<Utc>,
) -> Result<AppError, AppError> {
    let who = Some((account.organisation_id, account.id));
    Ok(match failed(db, keys, who, now).await? {
        AppError::WrongLogin => AppError::Invalid(Field::SecondFactorCode),
        other => other,
    })
}

pub async fn login_code(code: String) -> Result<Role, AppError> {
    let state = request::state();
    let db = state.db;
    let now = state.clock.now();
    let account = half_login(&db, now).await?.ok_or(AppError::NotLoggedIn)?;
    let keys = login_keys(&account.email, state.behind_proxy);
    if let Some(retry_after_secs) = locked(&db, &keys, now).await? {
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }
    if code.len() > 100 {
        return Err(AppError::Invalid(Field::SecondFactorCode));
    }
    let factor = {
        let mut conn = db.conn().await?;
        store::second_factor(conn.c(), account.id).await?
    }
    .filter(|f| f.confirmed_at.is_some())
    .ok_or(AppError::NotLoggedIn)?;
    let mut tx = db.begin().await?;
    let used = if let Some(step) = second_factor::matching_step(&factor.secret, &code, now) {
        store::use_step(tx.c(), account.id, step)
            .await?
            .then_some(Action::SecondFactorUsed)
    } else if let Some(typed) = second_factor::normalise_recovery_code(&code) {
        let hash = second_factor::recovery_code_hash(&typed);
        store::use_recovery_code(tx.c(), account.id, &hash, now)
            .await?
            .then_some(Action::RecoveryCodeUsed)
    } else {
        None
    };
    let Some(action) = used else {
        drop(tx);
        return Err(failed_second_factor(&db, &keys, &account, now).await?);
    };
    own_event(&mut tx, &account, action, now).await?;
    tx.commit().await?;
    finish_login(&db, &account, &keys[0], now).await
}

pub async fn start_second_factor() -> Result<super::Enrolment, AppError> {
    let state = request::state();
    let db = state.db;
    let now = state.clock.now();
    let (account, _) = enrolling(&db, now).await?;
    // The page shown again (a wrong first code, a reload) keeps the secret the app scanned
    // for a while; the recovery codes are new each time (only hashes are kept).
    let earlier = {
        let mut conn = db.conn().await?;
        store::second_factor(conn.c(), account.id).await?
    };
    let (secret, created_at) = match earlier {
        Some(f) if f.confirmed_at.is_some() => return Err(AppError::SecondFactorOn),
        Some(f) if now - f.created_at < Duration::minutes(KEEP_UNCONFIRMED_MINUTES) => {
            (f.secret, f.created_at)
        }
        _ => (second_factor::new_secret(), now),
    };
    let codes = second_factor::new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|c| second_factor::normalise_recovery_code(c))
        .map(|c| second_factor::recovery_code_hash(&c))
        .collect();
    let issuer = "Wijkwerk";
    let qr_svg = second_factor::setup_url(&secret, issuer, &account.email)
        .and_then(|url| second_factor::qr_svg(&url))
        .ok_or_else(|| AppError::unavailable("second factor", "no QR code"))?;
    let mut tx = db.begin().await?;
    if !store::start_second_factor(tx.c(), account.id, &secret, &hashes, created_at).await? {
        return Err(AppError::SecondFactorOn);
    }
    tx.commit().await?;
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(super::Enrolment {
        qr_svg,
        secret: grouped,
        recovery_codes: codes,
    })
}

pub async fn confirm_second_factor(code: String) -> Result<Role, AppError> {
    let state = request::state();
    let db = state.db;
    let now = state.clock.now();
    let (account, half) = enrolling(&db, now).await?;
    let keys = login_keys(&account.email, state.behind_proxy);
    if let Some(retry_after_secs) = locked(&db, &keys, now).await? {
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }
    let factor = {
        let mut conn = db.conn().await?;
        store::second_factor(conn.c(), account.id).await?
    };
    let factor = match factor {
        Some(f) if f.confirmed_at.is_some() => return Err(AppError::SecondFactorOn),
        Some(f) => f,
        None => return Err(AppError::Invalid(Field::SecondFactorCode)),
    };
    let step = match second_factor::matching_step(&factor.secret, &code, now) {
        Some(step) if code.len() <= 100 => step,
        _ => return Err(failed_second_factor(&db, &keys, &account, now).await?),
    };
    let mut tx = db.begin().await?;
    if !store::confirm_second_factor(tx.c(), account.id, step, now).await? {
        return Err(AppError::SecondFactorOn);
    }
    own_event(&mut tx, &account, Action::SecondFactorEnrolled, now).await?;
    tx.commit().await?;
    if half {
        return finish_login(&db, &account, &keys[0], now).await;
    }
    // A new session id: the session is worth more now.
    let session = request::session().await?;
    session.cycle_id().await.map_err(session_error)?;
    leptos_axum::redirect("/coordinator/settings");
    Ok(account.role)
}

pub async fn second_factor_status(
    ctx: &Ctx,
    conn: &mut crate::db::Conn,
) -> Result<super::SecondFactorStatus, AppError> {
    let organisation = ctx.caller.staff()?;
    let enrolled = store::second_factor(conn.c(), ctx.caller.account)
        .await?
        .is_some_and(|f| f.confirmed_at.is_some());
    Ok(super::SecondFactorStatus {
        enrolled,
        recovery_codes_left: match enrolled {
            true => store::recovery_codes_left(conn.c(), ctx.caller.account).await?,
            false => 0,
        },
        required: crate::organisations::store::second_factor_required(conn.c(), organisation)
            .await?,
    })
}

pub async fn set_second_factor_required(
    ctx: &Ctx,
    tx: &mut Tx,
    required: bool,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let before = crate::organisations::store::second_factor_required(tx.c(), organisation).await?;
    if before == required {
        return Ok(());
    }
    crate::organisations::store::set_second_factor_required(tx.c(), organisation, required).await?;
    let detail = format!("staff_second_factor_required: {before} -> {required}");
    crate::organisations::service::record(tx, ctx, organisation, Action::SettingsChanged, detail)
        .await
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
