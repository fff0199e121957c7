//! SQL for the `client` (gebruiker) table.

use chrono::{DateTime, Utc};

use super::ClientKind;
use crate::db::{DbConn, Owner};
use crate::ids::{AccountId, ClientId, MunicipalityId, OrganisationId};
use crate::on;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Client {
    pub id: ClientId,
    pub organisation_id: OrganisationId,
    pub name: String,
}

pub async fn by_id(c: DbConn<'_>, id: ClientId) -> Result<Option<Client>, sqlx::Error> {
    const SQL: &str = "SELECT id, organisation_id, name FROM client WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)
}

/// Lock the gebruiker's row for the rest of the transaction: its cheque balance is checked and
/// debited by one transaction at a time (see `db.rs`).
pub async fn lock(c: DbConn<'_>, id: ClientId) -> Result<bool, sqlx::Error> {
    crate::db::lock_owner(c, Owner::Client, id.0).await
}

pub struct NewClient<'a> {
    pub organisation_id: OrganisationId,
    pub account_id: Option<AccountId>,
    pub municipality_id: MunicipalityId,
    pub kind: ClientKind,
    pub client_number: &'a str,
    pub name: &'a str,
    pub street: &'a str,
    pub postcode: &'a str,
    pub city: &'a str,
    /// For the worker's tap-to-call, where known.
    pub phone: Option<&'a str>,
}

pub async fn insert(
    c: DbConn<'_>,
    n: NewClient<'_>,
    now: DateTime<Utc>,
) -> Result<ClientId, sqlx::Error> {
    const SQL: &str = "INSERT INTO client (organisation_id, account_id, municipality_id, kind, \
        client_number, name, street, postcode, city, created_at, phone) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(n.organisation_id)
        .bind(n.account_id)
        .bind(n.municipality_id)
        .bind(n.kind)
        .bind(n.client_number)
        .bind(n.name)
        .bind(n.street)
        .bind(n.postcode)
        .bind(n.city)
        .bind(now)
        .bind(n.phone)
        .fetch_one(c)
        .await)
}
