//! Vergoedingen: what each wijk-werker gets for a month — confirmed hours × the hourly
//! allowance plus km × the km rate (the organisation's settings) — on screen, as CSV and as
//! XLSX. A prestatie counts in the month of its work day once it is confirmed (by the gebruiker,
//! automatically, or by a bemiddelaar); disputed, waiting and held ones do not.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::WorkerId;

#[cfg(feature = "ssr")]
pub mod export;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// One worker's confirmed prestaties of the month, as the database sums them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WorkedMonth {
    pub worker_id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub municipality: String,
    pub entries: i64,
    pub minutes: i64,
    pub km: i64,
}

/// One line of the export: the month's work and what it earns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceLine {
    pub work: WorkedMonth,
    pub hours_cents: i64,
    pub km_cents: i64,
    pub total_cents: i64,
}

/// The sums of the lines (and so of the prestaties).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceTotals {
    pub workers: i64,
    pub entries: i64,
    pub minutes: i64,
    pub km: i64,
    pub hours_cents: i64,
    pub km_cents: i64,
    pub total_cents: i64,
}

/// The month's allowance export of the caller's organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceMonth {
    pub organisation: String,
    pub month: rules::Month,
    /// The last month that can be asked for (this one).
    pub this_month: rules::Month,
    pub allowance_cents_per_hour: i64,
    pub km_rate_cents: i64,
    pub lines: Vec<AllowanceLine>,
    pub totals: AllowanceTotals,
}

impl AllowanceMonth {
    /// "Vergoedingen november 2026" and the rates it was reckoned at: the screen's and the
    /// files' first lines.
    pub fn title(&self, lang: crate::i18n::Lang) -> (String, String) {
        use crate::i18n::{M, message, money, month_name};
        let month = month_name(lang, self.month.year, self.month.month);
        let title = message(lang, M::AllowanceTitle, &[("month", month.into())]);
        let hour = money(lang, self.allowance_cents_per_hour);
        let km = money(lang, self.km_rate_cents);
        let rates = message(
            lang,
            M::AllowanceRates,
            &[("hour", hour.into()), ("km", km.into())],
        );
        (title, rates)
    }
}

/// `month` as "2026-11"; without one, the month before this one (the one to pay).
#[server(prefix = "/api", endpoint = "allowance_month", output = crate::wire::Json)]
pub async fn get_allowance_month(
    #[server(default)] month: Option<String>,
) -> Result<AllowanceMonth, AppError> {
    crate::seen_case!(
        crate::file_views::Seen::AllowanceMonth,
        service::month,
        month
    )
}
