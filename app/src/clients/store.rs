//! SQL for the `client` (gebruiker) table.

use chrono::{DateTime, NaiveDate, Utc};

use super::ClientKind;
use crate::db::{DbConn, Owner};
use crate::ids::{AccountId, ClientId, MunicipalityId, OrganisationId};
use crate::on;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Client {
    pub id: ClientId,
    pub organisation_id: OrganisationId,
    pub name: String,
    /// Where the gebruiker is: its cheque price and its figures in the reports.
    pub municipality_id: crate::ids::MunicipalityId,
}

pub async fn by_id(c: DbConn<'_>, id: ClientId) -> Result<Option<Client>, sqlx::Error> {
    const SQL: &str = "SELECT id, organisation_id, name, municipality_id FROM client WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)
}

/// The gebruiker's own address.
pub async fn address(
    c: DbConn<'_>,
    id: ClientId,
) -> Result<Option<crate::rules::Address>, sqlx::Error> {
    const SQL: &str = "SELECT street, postcode, city FROM client WHERE id = $1";
    let row: Option<(String, String, String)> =
        on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)?;
    Ok(row.map(|(street, postcode, city)| crate::rules::Address {
        street,
        postcode,
        city,
    }))
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
    pub agreement_date: Option<NaiveDate>,
}

pub async fn insert(
    c: &mut crate::db::Tx,
    n: NewClient<'_>,
    now: DateTime<Utc>,
) -> Result<ClientId, sqlx::Error> {
    const SQL: &str = "INSERT INTO client (organisation_id, municipality_id, kind, \
        client_number, name, street, postcode, city, created_at, phone, agreement_date) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
    let id = on!(c.c(), c => sqlx::query_scalar(SQL)
        .bind(n.organisation_id)
        .bind(n.municipality_id)
        .bind(n.kind)
        .bind(n.client_number)
        .bind(n.name)
        .bind(n.street)
        .bind(n.postcode)
        .bind(n.city)
        .bind(now)
        .bind(n.phone)
        .bind(n.agreement_date)
        .fetch_one(c)
        .await)?;
    if let Some(account) = n.account_id {
        add_login(c.c(), id, account).await?;
    }
    Ok(id)
}

/// Another login for a gebruiker (a school or a municipality has several people).
pub async fn add_login(c: DbConn<'_>, id: ClientId, account: AccountId) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO client_login (account_id, client_id) VALUES ($1, $2)";
    on!(c, c => sqlx::query(SQL).bind(account).bind(id).execute(c).await.map(|_| ()))
}

/// A gebruiker as the bemiddelaar's page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: ClientId,
    pub organisation_id: OrganisationId,
    pub kind: ClientKind,
    pub client_number: String,
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub phone: Option<String>,
    pub municipality_id: MunicipalityId,
    pub municipality: String,
    pub agreement_date: Option<NaiveDate>,
}

pub async fn file(c: DbConn<'_>, id: ClientId) -> Result<Option<FileRow>, sqlx::Error> {
    const SQL: &str = "SELECT cl.id, cl.organisation_id, cl.kind, cl.client_number, cl.name, \
        cl.street, cl.postcode, cl.city, cl.phone, cl.municipality_id, m.name AS municipality, \
        cl.agreement_date FROM client cl JOIN municipality m ON m.id = cl.municipality_id \
        WHERE cl.id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_optional(c).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LineRow {
    pub id: ClientId,
    pub client_number: String,
    pub name: String,
    pub kind: ClientKind,
    pub municipality: String,
}

/// The organisation's gebruikers by name; `search` (lower case) in the name or number.
pub async fn list(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    search: &str,
    municipality_id: Option<MunicipalityId>,
    kind: Option<ClientKind>,
) -> Result<Vec<LineRow>, sqlx::Error> {
    const SQL: &str = "SELECT cl.id, cl.client_number, cl.name, cl.kind, m.name AS municipality \
        FROM client cl JOIN municipality m ON m.id = cl.municipality_id \
        WHERE cl.organisation_id = $1 \
          AND ($2 = '' OR lower(cl.name) LIKE '%' || $2 || '%' OR lower(cl.client_number) LIKE '%' || $2 || '%') \
          AND ($3 IS NULL OR cl.municipality_id = $3) \
          AND ($4 IS NULL OR cl.kind = $4) \
        ORDER BY lower(cl.name), cl.id";
    on!(c, c => sqlx::query_as(SQL)
        .bind(organisation_id)
        .bind(search)
        .bind(municipality_id)
        .bind(kind)
        .fetch_all(c)
        .await)
}

pub struct Change<'a> {
    pub kind: ClientKind,
    pub name: &'a str,
    pub street: &'a str,
    pub postcode: &'a str,
    pub city: &'a str,
    pub phone: Option<&'a str>,
    pub municipality_id: MunicipalityId,
    pub agreement_date: Option<NaiveDate>,
}

pub async fn update(c: DbConn<'_>, id: ClientId, ch: Change<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE client SET kind = $2, name = $3, street = $4, postcode = $5, \
        city = $6, phone = $7, municipality_id = $8, agreement_date = $9 WHERE id = $1";
    on!(c, c => sqlx::query(SQL)
        .bind(id)
        .bind(ch.kind)
        .bind(ch.name)
        .bind(ch.street)
        .bind(ch.postcode)
        .bind(ch.city)
        .bind(ch.phone)
        .bind(ch.municipality_id)
        .bind(ch.agreement_date)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The next free number of the organisation's gebruikers: `G00007` after the highest `G…`.
pub async fn next_number(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<String, sqlx::Error> {
    const SQL: &str =
        "SELECT client_number FROM client WHERE organisation_id = $1 AND client_number LIKE 'G%'";
    let numbers: Vec<String> =
        on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).fetch_all(c).await)?;
    let highest = numbers
        .iter()
        .filter_map(|n| n[1..].parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("G{:05}", highest + 1))
}

/// Record the fee of `year` as paid: `false` when it was recorded already.
pub async fn record_fee(
    c: DbConn<'_>,
    id: ClientId,
    year: i32,
    paid_on: NaiveDate,
    by: AccountId,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "INSERT INTO client_fee (client_id, year, paid_on, recorded_by) \
        VALUES ($1, $2, $3, $4) ON CONFLICT (client_id, year) DO NOTHING";
    on!(c, c => sqlx::query(SQL)
        .bind(id)
        .bind(i64::from(year))
        .bind(paid_on)
        .bind(by)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

#[derive(sqlx::FromRow)]
struct FeeRow {
    year: i64,
    paid_on: NaiveDate,
}

pub async fn fees(c: DbConn<'_>, id: ClientId) -> Result<Vec<(i32, NaiveDate)>, sqlx::Error> {
    const SQL: &str =
        "SELECT year, paid_on FROM client_fee WHERE client_id = $1 ORDER BY year DESC";
    let rows: Vec<FeeRow> = on!(c, c => sqlx::query_as(SQL).bind(id).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| (i32::try_from(r.year).unwrap_or_default(), r.paid_on))
        .collect())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LoginRow {
    pub account_id: AccountId,
    pub display_name: String,
    pub email: String,
    pub active: bool,
    pub waiting: bool,
}

pub async fn logins(c: DbConn<'_>, id: ClientId) -> Result<Vec<LoginRow>, sqlx::Error> {
    const SQL: &str = "SELECT a.id AS account_id, a.display_name, a.email, a.active, \
        EXISTS (SELECT 1 FROM activation_code ac WHERE ac.account_id = a.id) AS waiting \
        FROM client_login l JOIN account a ON a.id = l.account_id \
        WHERE l.client_id = $1 ORDER BY a.id";
    on!(c, c => sqlx::query_as(SQL).bind(id).fetch_all(c).await)
}
