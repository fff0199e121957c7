//! SQL of the organisation, its settings, its cheque prices and its municipalities.

use chrono::{DateTime, NaiveDate, Utc};

use super::{MunicipalityPriceChange, PriceChange, Settings};
use crate::db::DbConn;
use crate::ids::{AccountId, MunicipalityId, OrganisationId};
use crate::on;

pub async fn settings(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Settings, sqlx::Error> {
    const SQL: &str = "SELECT auto_confirm_days, forgotten_reminder_minutes, \
        forgotten_close_minutes FROM organisation WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_one(c).await)
}

pub async fn name(c: DbConn<'_>, id: OrganisationId) -> Result<String, sqlx::Error> {
    const SQL: &str = "SELECT name FROM organisation WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_one(c).await)
}

pub async fn insert(
    c: DbConn<'_>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<OrganisationId, sqlx::Error> {
    const SQL: &str = "INSERT INTO organisation (name, created_at) VALUES ($1, $2) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL).bind(name).bind(now).fetch_one(c).await)
}

pub async fn exists(c: DbConn<'_>, id: OrganisationId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM organisation WHERE id = $1";
    let n: i64 = on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_one(c).await)?;
    Ok(n == 1)
}

pub async fn insert_municipality(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    name: &str,
) -> Result<MunicipalityId, sqlx::Error> {
    const SQL: &str =
        "INSERT INTO municipality (organisation_id, name) VALUES ($1, $2) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).bind(name).fetch_one(c).await)
}

/// Is `id` one of the organisation's municipalities?
pub async fn has_municipality(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    id: MunicipalityId,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM municipality WHERE id = $1 AND organisation_id = $2";
    let n: i64 =
        on!(c, c => sqlx::query_scalar(SQL).bind(id).bind(organisation_id).fetch_one(c).await)?;
    Ok(n == 1)
}

/// The organisation's municipalities with the day each joined, by name.
pub async fn municipality_list(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<crate::municipalities::Municipality>, sqlx::Error> {
    const SQL: &str = "SELECT id, name, joined_on FROM municipality WHERE organisation_id = $1 \
        ORDER BY name";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

pub async fn set_municipality(
    c: DbConn<'_>,
    id: MunicipalityId,
    name: &str,
    joined_on: Option<chrono::NaiveDate>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE municipality SET name = $2, joined_on = $3 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(name).bind(joined_on).execute(c).await.map(|_| ()))
}

pub async fn set_settings(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    s: &Settings,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE organisation SET auto_confirm_days = $2, \
        forgotten_reminder_minutes = $3, forgotten_close_minutes = $4 WHERE id = $1";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation_id)
        .bind(s.auto_confirm_days)
        .bind(s.forgotten_reminder_minutes)
        .bind(s.forgotten_close_minutes)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Every change of the cheque price, latest first.
pub async fn price_changes(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<PriceChange>, sqlx::Error> {
    const SQL: &str = "SELECT valid_from, price_cents FROM cheque_price \
        WHERE organisation_id = $1 ORDER BY valid_from DESC";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

/// The cheque price on a Brussels day in a municipality (the gebruiker's; `None`: the
/// organisation's own price): the municipality's last change in force then, unless that one
/// says "the organisation's price"; else the organisation's last change in force then; else
/// the organisation's first price.
pub async fn cheque_price_on(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    municipality_id: Option<MunicipalityId>,
    day: NaiveDate,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT COALESCE( \
          (SELECT mp.price_cents FROM municipality_cheque_price mp \
           WHERE mp.municipality_id = $3 AND mp.valid_from <= $2 \
           ORDER BY mp.valid_from DESC LIMIT 1), \
          (SELECT p.price_cents FROM cheque_price p \
           WHERE p.organisation_id = o.id AND p.valid_from <= $2 \
           ORDER BY p.valid_from DESC LIMIT 1), \
          o.cheque_price_cents) \
        FROM organisation o WHERE o.id = $1";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation_id)
        .bind(day)
        .bind(municipality_id.map_or(0, |m| m.0))
        .fetch_one(c)
        .await)
}

/// Every municipality's own price changes in the organisation, latest first.
pub async fn municipality_price_changes(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<MunicipalityPriceChange>, sqlx::Error> {
    const SQL: &str = "SELECT mp.municipality_id, mp.valid_from, mp.price_cents \
        FROM municipality_cheque_price mp JOIN municipality m ON m.id = mp.municipality_id \
        WHERE m.organisation_id = $1 ORDER BY mp.valid_from DESC";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

/// A municipality's price from `change.valid_from` on (`None`: the organisation's); a change
/// planned for that same day is replaced.
pub async fn set_municipality_price(
    c: DbConn<'_>,
    change: &MunicipalityPriceChange,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO municipality_cheque_price \
        (municipality_id, valid_from, price_cents, created_by, created_at) \
        VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (municipality_id, valid_from) DO UPDATE SET price_cents = excluded.price_cents, \
          created_by = excluded.created_by, created_at = excluded.created_at";
    on!(c, c => sqlx::query(SQL)
        .bind(change.municipality_id)
        .bind(change.valid_from)
        .bind(change.price_cents)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// A price from `valid_from` on; a change planned for that same day is replaced.
pub async fn set_price_from(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    change: &PriceChange,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO cheque_price \
        (organisation_id, valid_from, price_cents, created_by, created_at) \
        VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (organisation_id, valid_from) DO UPDATE SET price_cents = excluded.price_cents, \
          created_by = excluded.created_by, created_at = excluded.created_at";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation_id)
        .bind(change.valid_from)
        .bind(change.price_cents)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Must the organisation's bemiddelaars and admins log in with a second factor?
pub async fn second_factor_required(
    c: DbConn<'_>,
    id: OrganisationId,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT staff_second_factor_required FROM organisation WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_one(c).await)
}

pub async fn set_second_factor_required(
    c: DbConn<'_>,
    id: OrganisationId,
    required: bool,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE organisation SET staff_second_factor_required = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(required).execute(c).await.map(|_| ()))
}

/// The organisation's IBAN and BIC, when both are set: the debtor of its payment runs.
pub async fn bank_account(
    c: DbConn<'_>,
    id: OrganisationId,
) -> Result<Option<(String, String)>, sqlx::Error> {
    const SQL: &str = "SELECT iban, bic FROM organisation WHERE id = $1";
    let (iban, bic): (Option<String>, Option<String>) =
        on!(c, c => sqlx::query_as(SQL).bind(id).fetch_one(c).await)?;
    Ok(iban.zip(bic))
}

pub async fn set_bank_account(
    c: DbConn<'_>,
    id: OrganisationId,
    iban: &str,
    bic: &str,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE organisation SET iban = $2, bic = $3 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(iban).bind(bic).execute(c).await.map(|_| ()))
}

/// The yearly registration fee a gebruiker pays (a setting; €7.50 unless changed).
pub async fn registration_fee(c: DbConn<'_>, id: OrganisationId) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT registration_fee_cents FROM organisation WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_one(c).await)
}
