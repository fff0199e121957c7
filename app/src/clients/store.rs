//! SQL for the `client` (gebruiker) table.

use super::ClientKind;
use crate::db::DbConn;
use crate::on;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Client {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
}

pub async fn by_account(c: DbConn<'_>, account_id: i64) -> Result<Option<Client>, sqlx::Error> {
    const SQL: &str = "SELECT id, organisation_id, name FROM client WHERE account_id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(account_id).fetch_optional(c).await)
}

pub struct NewClient<'a> {
    pub organisation_id: i64,
    pub account_id: Option<i64>,
    pub municipality_id: i64,
    pub kind: ClientKind,
    pub client_number: &'a str,
    pub name: &'a str,
    pub street: &'a str,
    pub postcode: &'a str,
    pub city: &'a str,
}

pub async fn insert(c: DbConn<'_>, n: NewClient<'_>) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO client (organisation_id, account_id, municipality_id, kind, \
        client_number, name, street, postcode, city, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    let now = crate::clock::now();
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(n.organisation_id)
        .bind(n.account_id)
        .bind(n.municipality_id)
        .bind(n.kind.as_str())
        .bind(n.client_number)
        .bind(n.name)
        .bind(n.street)
        .bind(n.postcode)
        .bind(n.city)
        .bind(now)
        .fetch_one(c)
        .await)
}
