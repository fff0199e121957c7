//! The wijk-werkorganisatie and its settings.

use crate::db::DbConn;
use crate::on;
use crate::rules::ChequeRounding;

/// Settings that differ between organisations (see shared/DOMAIN.md, "setting").
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Settings {
    pub cheque_price_cents: i64,
    pub allowance_cents_per_hour: i64,
    pub cheque_rounding: String,
    pub auto_confirm_days: i64,
}

impl Settings {
    pub fn rounding(&self) -> ChequeRounding {
        ChequeRounding::parse(&self.cheque_rounding).unwrap_or_default()
    }
}

pub async fn settings(c: DbConn<'_>, organisation_id: i64) -> Result<Settings, sqlx::Error> {
    const SQL: &str = "SELECT cheque_price_cents, allowance_cents_per_hour, cheque_rounding, \
        auto_confirm_days FROM organisation WHERE id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_one(c).await)
}

pub async fn insert(c: DbConn<'_>, name: &str) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO organisation (name, created_at) VALUES ($1, $2) RETURNING id";
    let now = crate::clock::now();
    on!(c, c => sqlx::query_scalar(SQL).bind(name).bind(now).fetch_one(c).await)
}

pub async fn insert_municipality(
    c: DbConn<'_>,
    organisation_id: i64,
    name: &str,
) -> Result<i64, sqlx::Error> {
    const SQL: &str =
        "INSERT INTO municipality (organisation_id, name) VALUES ($1, $2) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).bind(name).fetch_one(c).await)
}
