//! SQL for the tables of logins: `account` and `login_throttle`.

use chrono::{DateTime, Utc};

use super::{Caller, CurrentUser, Principal, Role};
use crate::db::DbConn;
use crate::ids::{AccountId, ClientId, OrganisationId, WorkerId};
use crate::on;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Account {
    pub id: AccountId,
    pub organisation_id: OrganisationId,
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub display_name: String,
    pub active: bool,
    /// 'nl', 'fr' or 'en' once the person chose one.
    pub language: Option<String>,
}

impl Account {
    pub fn current_user(&self) -> CurrentUser {
        CurrentUser {
            account_id: self.id,
            organisation_id: self.organisation_id,
            role: self.role,
            display_name: self.display_name.clone(),
        }
    }
}

const COLUMNS: &str =
    "id, organisation_id, email, password_hash, role, display_name, active, language";

pub async fn by_email(c: DbConn<'_>, email: &str) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM account WHERE email = $1");
    on!(c, c => sqlx::query_as(&sql).bind(email).fetch_optional(c).await)
}

pub async fn by_id(c: DbConn<'_>, id: AccountId) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM account WHERE id = $1");
    on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

pub async fn set_password_hash(
    c: DbConn<'_>,
    id: AccountId,
    hash: &str,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE account SET password_hash = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(hash).execute(c).await.map(|_| ()))
}

pub async fn set_language(c: DbConn<'_>, id: AccountId, lang: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE account SET language = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(lang).execute(c).await.map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct CallerRow {
    id: AccountId,
    organisation_id: OrganisationId,
    role: Role,
    worker_id: Option<WorkerId>,
    client_id: Option<ClientId>,
}

/// The caller an active account is, with its wijk-werker or gebruiker row; `None` for an
/// unknown or deactivated account, or a worker/gebruiker account without its row.
pub async fn caller(c: DbConn<'_>, id: AccountId) -> Result<Option<Caller>, sqlx::Error> {
    const SQL: &str = "SELECT a.id, a.organisation_id, a.role, w.id AS worker_id, \
        cl.client_id \
        FROM account a \
        LEFT JOIN worker w ON w.account_id = a.id \
        LEFT JOIN client_login cl ON cl.account_id = a.id \
        WHERE a.id = $1 AND a.active";
    let row: Option<CallerRow> = on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)?;
    Ok(row.and_then(|r| {
        let principal = match r.role {
            Role::Worker => Principal::Worker(r.worker_id?),
            Role::Client => Principal::Client(r.client_id?),
            Role::Coordinator => Principal::Coordinator,
            Role::Admin => Principal::Admin,
        };
        Some(Caller {
            account: r.id,
            organisation: r.organisation_id,
            principal,
        })
    }))
}

pub struct NewAccount<'a> {
    pub organisation_id: OrganisationId,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub display_name: &'a str,
}

pub async fn insert(
    c: DbConn<'_>,
    a: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<AccountId, sqlx::Error> {
    const SQL: &str = "INSERT INTO account \
        (organisation_id, email, password_hash, role, display_name, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(a.organisation_id)
        .bind(a.email.to_lowercase())
        .bind(a.password_hash)
        .bind(a.role)
        .bind(a.display_name)
        .bind(now)
        .fetch_one(c)
        .await)
}

/// Deactivate or reactivate an account. A deactivated account's sessions end at its next
/// request ([`caller`] finds no active account).
pub async fn set_active(c: DbConn<'_>, id: AccountId, active: bool) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE account SET active = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(active).execute(c).await.map(|r| r.rows_affected() == 1))
}

/// Failed logins under one key (`account:<email>` or `ip:<address>`), for throttling. Kept in
/// the database, so every server process on it counts the same attempts.
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct Throttle {
    pub failures: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

pub async fn throttle(c: DbConn<'_>, key: &str) -> Result<Option<Throttle>, sqlx::Error> {
    const SQL: &str = "SELECT failures, locked_until FROM login_throttle WHERE key = $1";
    on!(c, c => sqlx::query_as(SQL).bind(key).fetch_optional(c).await)
}

/// Count one more failure under `key` (atomically: two processes never lose one); failures
/// older than `forget_before` start the count anew. Returns the new count.
pub async fn count_failure(
    c: DbConn<'_>,
    key: &str,
    now: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO login_throttle (key, failures, locked_until, updated_at) \
        VALUES ($1, 1, NULL, $2) \
        ON CONFLICT (key) DO UPDATE SET \
          failures = CASE WHEN login_throttle.updated_at < $3 THEN 1 \
                          ELSE login_throttle.failures + 1 END, \
          updated_at = $2 \
        RETURNING failures";
    on!(c, c => sqlx::query_scalar(SQL).bind(key).bind(now).bind(forget_before).fetch_one(c).await)
}

pub async fn lock_until(c: DbConn<'_>, key: &str, until: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE login_throttle SET locked_until = $2 WHERE key = $1";
    on!(c, c => sqlx::query(SQL).bind(key).bind(until).execute(c).await.map(|_| ()))
}

pub async fn forget_failures(c: DbConn<'_>, key: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM login_throttle WHERE key = $1";
    on!(c, c => sqlx::query(SQL).bind(key).execute(c).await.map(|_| ()))
}

/// Put a new activation code (its hash) on an account, replacing any earlier one.
pub async fn replace_code(
    c: DbConn<'_>,
    account: AccountId,
    code_hash: &str,
    expires_at: DateTime<Utc>,
    created_by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO activation_code \
        (account_id, code_hash, expires_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (account_id) DO UPDATE SET code_hash = $2, expires_at = $3, \
          created_by = $4, created_at = $5";
    on!(c, c => sqlx::query(SQL)
        .bind(account)
        .bind(code_hash)
        .bind(expires_at)
        .bind(created_by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Take the code with this hash: the row is deleted and its account and expiry returned, so of
/// two phones typing it at once only one gets it.
pub async fn take_code(
    c: DbConn<'_>,
    code_hash: &str,
) -> Result<Option<(AccountId, DateTime<Utc>)>, sqlx::Error> {
    const SQL: &str =
        "DELETE FROM activation_code WHERE code_hash = $1 RETURNING account_id, expires_at";
    on!(c, c => sqlx::query_as(SQL).bind(code_hash).fetch_optional(c).await)
}

/// Drop an account's code (the account was deactivated).
pub async fn drop_code(c: DbConn<'_>, account: AccountId) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM activation_code WHERE account_id = $1";
    on!(c, c => sqlx::query(SQL).bind(account).execute(c).await.map(|_| ()))
}

/// The last day of the account's open code, if it has one.
pub async fn open_code_expiry(
    c: DbConn<'_>,
    account: AccountId,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    const SQL: &str = "SELECT expires_at FROM activation_code WHERE account_id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(account).fetch_optional(c).await)
}

// ---- The second factor of staff: `second_factor` and `recovery_code` ----

/// An account's TOTP secret; `confirmed` once a code from the app matched.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SecondFactor {
    pub secret: String,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn second_factor(
    c: DbConn<'_>,
    account: AccountId,
) -> Result<Option<SecondFactor>, sqlx::Error> {
    const SQL: &str =
        "SELECT secret, confirmed_at, created_at FROM second_factor WHERE account_id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(account).fetch_optional(c).await)
}

/// An unconfirmed secret (made at `created_at`) with new recovery codes, replacing an
/// unconfirmed enrolment; a confirmed one is left alone and `false` answered.
pub async fn start_second_factor(
    c: DbConn<'_>,
    account: AccountId,
    secret: &str,
    recovery_hashes: &[String],
    created_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const UPSERT: &str = "INSERT INTO second_factor (account_id, secret, created_at) \
        VALUES ($1, $2, $3) \
        ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret, \
            created_at = excluded.created_at \
        WHERE second_factor.confirmed_at IS NULL";
    const FORGET: &str = "DELETE FROM recovery_code WHERE account_id = $1";
    const CODE: &str = "INSERT INTO recovery_code (account_id, code_hash) VALUES ($1, $2)";
    on!(c, c => {
        let replaced = sqlx::query(UPSERT)
            .bind(account)
            .bind(secret)
            .bind(created_at)
            .execute(&mut *c)
            .await?
            .rows_affected();
        if replaced == 0 {
            return Ok(false);
        }
        sqlx::query(FORGET).bind(account).execute(&mut *c).await?;
        for hash in recovery_hashes {
            sqlx::query(CODE).bind(account).bind(hash).execute(&mut *c).await?;
        }
        Ok(true)
    })
}

/// The unconfirmed secret becomes the account's second factor, `step` its first used code.
pub async fn confirm_second_factor(
    c: DbConn<'_>,
    account: AccountId,
    step: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE second_factor SET confirmed_at = $2, last_step = $3 \
        WHERE account_id = $1 AND confirmed_at IS NULL";
    on!(c, c => sqlx::query(SQL).bind(account).bind(now).bind(step).execute(c).await
        .map(|r| r.rows_affected() == 1))
}

/// Take the code of `step`: only once, and only after every step used before (a code seen over
/// someone's shoulder is worth nothing once used).
pub async fn use_step(c: DbConn<'_>, account: AccountId, step: i64) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE second_factor SET last_step = $2 \
        WHERE account_id = $1 AND confirmed_at IS NOT NULL AND last_step < $2";
    on!(c, c => sqlx::query(SQL).bind(account).bind(step).execute(c).await
        .map(|r| r.rows_affected() == 1))
}

/// Take a recovery code of a confirmed second factor: once.
pub async fn use_recovery_code(
    c: DbConn<'_>,
    account: AccountId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE recovery_code SET used_at = $3 \
        WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL \
          AND EXISTS (SELECT 1 FROM second_factor f \
                      WHERE f.account_id = $1 AND f.confirmed_at IS NOT NULL)";
    on!(c, c => sqlx::query(SQL).bind(account).bind(hash).bind(now).execute(c).await
        .map(|r| r.rows_affected() == 1))
}

pub async fn recovery_codes_left(c: DbConn<'_>, account: AccountId) -> Result<i64, sqlx::Error> {
    const SQL: &str =
        "SELECT COUNT(*) FROM recovery_code WHERE account_id = $1 AND used_at IS NULL";
    on!(c, c => sqlx::query_scalar(SQL).bind(account).fetch_one(c).await)
}
