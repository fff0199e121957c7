//! SQL for the `account` table.

use super::{CurrentUser, Role};
use crate::db::DbConn;
use crate::on;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub display_name: String,
    pub active: bool,
}

impl Account {
    pub fn current_user(&self) -> Option<CurrentUser> {
        Some(CurrentUser {
            account_id: self.id,
            organisation_id: self.organisation_id,
            role: Role::parse(&self.role)?,
            display_name: self.display_name.clone(),
        })
    }
}

const COLUMNS: &str = "id, organisation_id, email, password_hash, role, display_name, active";

pub async fn by_email(c: DbConn<'_>, email: &str) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM account WHERE email = $1");
    on!(c, c => sqlx::query_as(&sql).bind(email).fetch_optional(c).await)
}

pub async fn by_id(c: DbConn<'_>, id: i64) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM account WHERE id = $1");
    on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

pub async fn insert(
    c: DbConn<'_>,
    organisation_id: i64,
    email: &str,
    password_hash: &str,
    role: Role,
    display_name: &str,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO account \
        (organisation_id, email, password_hash, role, display_name, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let now = crate::clock::now();
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation_id)
        .bind(email.to_lowercase())
        .bind(password_hash)
        .bind(role.as_str())
        .bind(display_name)
        .bind(now)
        .fetch_one(c)
        .await)
}
