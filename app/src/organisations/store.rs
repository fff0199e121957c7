//! SQL of the organisation, its settings, its cheque prices and its municipalities.

use chrono::{DateTime, NaiveDate, Utc};

use super::{PriceChange, Settings};
use crate::db::DbConn;
use crate::ids::{AccountId, MunicipalityId, OrganisationId};
use crate::on;

pub async fn settings(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Settings, sqlx::Error> {
    const SQL: &str = "SELECT allowance_cents_per_hour, km_rate_cents, \
        cheque_rounding, auto_confirm_days, forgotten_reminder_minutes, forgotten_close_minutes \
        FROM organisation WHERE id = $1";
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
    const SQL: &str = "UPDATE organisation SET allowance_cents_per_hour = $2, km_rate_cents = $3, \
        cheque_rounding = $4, auto_confirm_days = $5, forgotten_reminder_minutes = $6, \
        forgotten_close_minutes = $7 WHERE id = $1";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation_id)
        .bind(s.allowance_cents_per_hour)
        .bind(s.km_rate_cents)
        .bind(s.cheque_rounding)
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

/// The cheque price on a Brussels day: the last change in force then, else the first price.
pub async fn cheque_price_on(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    day: NaiveDate,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT COALESCE((SELECT p.price_cents FROM cheque_price p \
          WHERE p.organisation_id = o.id AND p.valid_from <= $2 \
          ORDER BY p.valid_from DESC LIMIT 1), o.cheque_price_cents) \
        FROM organisation o WHERE o.id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).bind(day).fetch_one(c).await)
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
