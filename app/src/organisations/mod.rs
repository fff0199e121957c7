//! The wijk-werkorganisatie and its settings: the figures that differ between organisations
//! (shared/DOMAIN.md, "setting"), kept here and nowhere else. Only the organisation's own
//! bemiddelaars see and change them; every change is audited with before and after.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::MunicipalityId;

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

/// Settings that differ between organisations and hold at once. The cheque price and the
/// allowance rates are not among them: they change from a day on ([`PriceChange`],
/// `allowances::Rates`), so they are asked for a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Settings {
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

/// A municipality's own cheque price from a 1 January on; `None`: the organisation's price
/// again from that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MunicipalityPriceChange {
    pub municipality_id: MunicipalityId,
    pub valid_from: NaiveDate,
    pub price_cents: Option<i64>,
}

/// A municipality's cheque price today (its own, or the organisation's) and its own changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityPrice {
    pub id: MunicipalityId,
    pub name: String,
    pub price_today_cents: i64,
    pub changes: Vec<MunicipalityPriceChange>,
}

/// The Organisatie-instellingen screen: the settings, today's cheque price and the changes of
/// price (past and planned), each municipality's price, and the days a new price may start
/// (1 January of the next years).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSettings {
    pub name: String,
    pub settings: Settings,
    pub price_today_cents: i64,
    pub price_changes: Vec<PriceChange>,
    pub municipalities: Vec<MunicipalityPrice>,
    pub price_days: Vec<NaiveDate>,
    /// The organisation's own account, the debtor of its payment runs (shown in full to its
    /// bemiddelaars: it is not a person's).
    pub iban: Option<String>,
    pub bic: Option<String>,
}

#[server(prefix = "/api", endpoint = "organisation_settings", output = crate::wire::Json)]
pub async fn get_organisation_settings() -> Result<OrganisationSettings, AppError> {
    crate::read_case!(service::overview)
}

/// Days and minutes as whole numbers.
#[server(prefix = "/api", endpoint = "update_settings", output = crate::wire::Json)]
pub async fn update_settings(
    auto_confirm_days: i64,
    forgotten_reminder_minutes: i64,
    forgotten_close_hours: i64,
) -> Result<(), AppError> {
    crate::write_case!(
        service::update,
        service::SettingsForm {
            auto_confirm_days,
            forgotten_reminder_minutes,
            forgotten_close_hours,
        }
    )
}

/// The organisation's cheque price from `valid_from` on: a 1 January after this year.
#[server(prefix = "/api", endpoint = "set_cheque_price", output = crate::wire::Json)]
pub async fn set_cheque_price(price_cents: i64, valid_from: NaiveDate) -> Result<(), AppError> {
    crate::write_case!(service::set_cheque_price, price_cents, valid_from)
}

/// The organisation's bank account: a Belgian IBAN and the bank's BIC.
#[server(prefix = "/api", endpoint = "set_bank_account", output = crate::wire::Json)]
pub async fn set_bank_account(iban: String, bic: String) -> Result<(), AppError> {
    crate::write_case!(service::set_bank_account, iban, bic)
}

/// A municipality's cheque price from `valid_from` on (a 1 January after this year);
/// `price_cents` 0: the organisation's price again from then.
#[server(prefix = "/api", endpoint = "set_municipality_cheque_price", output = crate::wire::Json)]
pub async fn set_municipality_cheque_price(
    municipality_id: MunicipalityId,
    price_cents: i64,
    valid_from: NaiveDate,
) -> Result<(), AppError> {
    crate::write_case!(
        service::set_municipality_price,
        municipality_id,
        price_cents,
        valid_from
    )
}
