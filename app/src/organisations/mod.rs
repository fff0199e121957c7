//! The wijk-werkorganisatie and its settings: the figures that differ between organisations
//! (shared/DOMAIN.md, "setting"), kept here and nowhere else. Only the organisation's own
//! bemiddelaars see and change them; every change is audited with before and after.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::rules::ChequeRounding;

pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use service::create;
#[cfg(feature = "ssr")]
pub use store::{
    cheque_price_on, exists, has_municipality, insert, insert_municipality, municipality_list,
    name, set_municipality, settings,
};

/// Settings that differ between organisations. The cheque price is not among them: it changes
/// from a day on ([`PriceChange`]), so it is asked for a day (`store::cheque_price_on`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Settings {
    /// What a wijk-werker gets per hour worked (€4.10 unless changed).
    pub allowance_cents_per_hour: i64,
    /// What a wijk-werker gets per km travelled for the work (€0.15 unless changed).
    pub km_rate_cents: i64,
    pub cheque_rounding: ChequeRounding,
    /// Days after which an unanswered prestatie counts as confirmed.
    pub auto_confirm_days: i64,
    /// The phone asks "vergeten te stoppen?" this long after the planned end.
    pub forgotten_reminder_minutes: i64,
    /// The server closes a clock this long after its start (at the planned end, for review).
    pub forgotten_close_minutes: i64,
}

/// A cheque price from a day on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PriceChange {
    pub valid_from: NaiveDate,
    pub price_cents: i64,
}

/// The Organisatie-instellingen screen: the settings, today's cheque price and the changes of
/// price (past and planned), and the day a new price would start by default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSettings {
    pub name: String,
    pub settings: Settings,
    pub price_today_cents: i64,
    pub price_changes: Vec<PriceChange>,
    pub next_price_from: NaiveDate,
}

#[server(prefix = "/api", endpoint = "organisation_settings", output = crate::wire::Json)]
pub async fn get_organisation_settings() -> Result<OrganisationSettings, AppError> {
    crate::read_case!(service::overview)
}

/// Amounts as people type them ("4,10" or "4.10" euro); minutes and days as whole numbers.
#[server(prefix = "/api", endpoint = "update_settings", output = crate::wire::Json)]
pub async fn update_settings(
    allowance_per_hour: String,
    km_rate: String,
    cheque_rounding: ChequeRounding,
    auto_confirm_days: i64,
    forgotten_reminder_minutes: i64,
    forgotten_close_hours: i64,
) -> Result<(), AppError> {
    crate::write_case!(
        service::update,
        service::SettingsForm {
            allowance_per_hour,
            km_rate,
            cheque_rounding,
            auto_confirm_days,
            forgotten_reminder_minutes,
            forgotten_close_hours,
        }
    )
}

/// A new cheque price from `valid_from` on (today or later).
#[server(prefix = "/api", endpoint = "set_cheque_price", output = crate::wire::Json)]
pub async fn set_cheque_price(price_cents: i64, valid_from: NaiveDate) -> Result<(), AppError> {
    crate::write_case!(service::set_cheque_price, price_cents, valid_from)
}
