//! The wijk-werkorganisatie and its settings.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::ids::{MunicipalityId, OrganisationId};
use crate::on;
use crate::rules::ChequeRounding;

/// Settings that differ between organisations (see shared/DOMAIN.md, "setting").
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Settings {
    pub cheque_price_cents: i64,
    pub allowance_cents_per_hour: i64,
    pub km_rate_cents: i64,
    pub cheque_rounding: ChequeRounding,
    pub auto_confirm_days: i64,
    /// The phone asks "vergeten te stoppen?" this long after the planned end.
    pub forgotten_reminder_minutes: i64,
    /// The server closes a clock this long after its start (at the planned end, for review).
    pub forgotten_close_minutes: i64,
}

pub async fn settings(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Settings, sqlx::Error> {
    const SQL: &str = "SELECT cheque_price_cents, allowance_cents_per_hour, km_rate_cents, \
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

/// A new organisation (command line: `create-organisation`), audited.
pub async fn create(
    tx: &mut crate::db::Tx,
    name: &str,
    now: DateTime<Utc>,
) -> Result<OrganisationId, crate::error::AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(crate::error::AppError::Invalid(crate::error::Field::Form));
    }
    let id = insert(tx.c(), name, now).await?;
    crate::activities::service::seed(tx, id).await?;
    crate::audit::record(
        tx.c(),
        crate::audit::Event {
            organisation_id: Some(id),
            account_id: None,
            action: crate::audit::Action::OrganisationCreated,
            subject: "organisation",
            subject_id: Some(id.0),
            detail: "command line".into(),
        },
        now,
    )
    .await?;
    Ok(id)
}
