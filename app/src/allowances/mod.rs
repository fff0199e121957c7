//! Vergoedingen: what each wijk-werker gets for a month — per cheque the confirmed prestaties
//! earned (or per minute, by the organisation's setting) plus travel over the km threshold —
//! with the rates in force on each prestatie's day; on screen, as CSV and as XLSX, and as the
//! estimate on the worker's Mijn uren. A prestatie counts in the month of its work day once it
//! is confirmed (by the gebruiker, automatically, or by a bemiddelaar) or corrected with the
//! gebruiker's agreement; waiting, disputed and held ones do not yet.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod export;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use rules::{AllowanceBasis, Earned, Rates, Totals, WorkerMonth};

/// The month's allowance export of the caller's organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceMonth {
    pub organisation: String,
    pub month: rules::Month,
    /// The last month that can be asked for (this one).
    pub this_month: rules::Month,
    /// The rates in force in the month, each with the first and last day it held in it.
    pub rates: Vec<(Rates, NaiveDate, NaiveDate)>,
    pub lines: Vec<WorkerMonth>,
    pub totals: Totals,
}

impl AllowanceMonth {
    /// "Vergoedingen november 2026" and the rates it was reckoned at: the screen's and the
    /// files' first lines.
    pub fn title(&self, lang: crate::i18n::Lang) -> (String, String) {
        use crate::i18n::{M, message, month_name};
        let month = month_name(lang, self.month.year, self.month.month);
        let title = message(lang, M::AllowanceTitle, &[("month", month.into())]);
        let several = self.rates.len() > 1;
        let rates = self
            .rates
            .iter()
            .map(|(r, first, last)| {
                let words = rates_words(lang, r);
                if several {
                    message(
                        lang,
                        M::RatesBetween,
                        &[
                            ("from", crate::i18n::short_date(lang, *first).into()),
                            ("to", crate::i18n::short_date(lang, *last).into()),
                            ("rates", words.into()),
                        ],
                    )
                } else {
                    words
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        (title, rates)
    }
}

/// "€ 4,10 per cheque · € 0,15 per km boven 10 km": a set of rates in words.
pub fn rates_words(lang: crate::i18n::Lang, r: &Rates) -> String {
    use crate::i18n::{M, message, money};
    let key = match r.basis {
        AllowanceBasis::PerCheque => M::RatesPerCheque,
        AllowanceBasis::PerMinute => M::RatesPerMinute,
    };
    message(
        lang,
        key,
        &[
            ("rate", money(lang, r.allowance_cents).into()),
            ("km", money(lang, r.km_rate_cents).into()),
            ("threshold", r.km_threshold.into()),
        ],
    )
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

/// The Organisatie-instellingen card of the rates: those in force today, every change (past
/// and planned), and the day a new one would start unless chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatesOverview {
    pub today: Rates,
    pub history: Vec<Rates>,
    pub next_from: NaiveDate,
}

#[server(prefix = "/api", endpoint = "allowance_rates", output = crate::wire::Json)]
pub async fn get_allowance_rates() -> Result<RatesOverview, AppError> {
    crate::read_case!(service::overview)
}

/// New rates from `valid_from` on (today or later): amounts as people type them ("4,10"),
/// the threshold in km.
#[server(prefix = "/api", endpoint = "set_allowance_rates", output = crate::wire::Json)]
pub async fn set_allowance_rates(
    allowance: String,
    basis: AllowanceBasis,
    km_rate: String,
    km_threshold: i64,
    valid_from: NaiveDate,
) -> Result<(), AppError> {
    crate::write_case!(
        service::set_rates,
        service::RatesForm {
            allowance,
            basis,
            km_rate,
            km_threshold,
            valid_from,
        }
    )
}
