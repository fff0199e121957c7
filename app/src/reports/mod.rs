//! Figures for coordinators and for the municipalities that fund the organisation: hours this
//! month, the year's cheques, and the status report per municipality (Rapport per gemeente).

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::clients::ClientKind;
use crate::error::AppError;
use crate::i18n::{self, Lang, M, T};
use crate::ids::{MunicipalityId, WorkerId};
use crate::workers::Outcome;

#[cfg(feature = "ssr")]
pub mod export;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use rules::Figure;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WorkerHours {
    pub worker_id: WorkerId,
    pub municipality: String,
    pub first_name: String,
    pub last_name: String,
    pub minutes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityHours {
    pub name: String,
    pub total_minutes: i64,
    pub workers: Vec<WorkerHours>,
}

/// Hours worked this month, per municipality and worker, against the 60-hour limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthHours {
    pub year: i32,
    pub month: u32,
    pub limit_minutes: i64,
    pub municipalities: Vec<MunicipalityHours>,
}

impl MonthHours {
    /// Group rows that arrive sorted by municipality.
    pub fn from_rows(year: i32, month: u32, rows: Vec<WorkerHours>) -> Self {
        let mut municipalities: Vec<MunicipalityHours> = Vec::new();
        for row in rows {
            match municipalities.last_mut() {
                Some(m) if m.name == row.municipality => {
                    m.total_minutes += row.minutes;
                    m.workers.push(row);
                }
                _ => municipalities.push(MunicipalityHours {
                    name: row.municipality.clone(),
                    total_minutes: row.minutes,
                    workers: vec![row],
                }),
            }
        }
        MonthHours {
            year,
            month,
            limit_minutes: crate::rules::MONTH_LIMIT_MINUTES,
            municipalities,
        }
    }
}

/// The cheques of one municipality's gebruikers this year: bought (less purchases undone),
/// used by prestaties, and expired unused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ChequeFigures {
    pub municipality: String,
    pub bought: i64,
    pub used: i64,
    pub expired: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeYear {
    pub year: i32,
    pub municipalities: Vec<ChequeFigures>,
}

/// The organisation's cheques this year per municipality (Brussels calendar year, by the day
/// each change entered the ledger).
#[server(prefix = "/api", endpoint = "cheque_year", output = crate::wire::Json)]
pub async fn get_cheque_year() -> Result<ChequeYear, AppError> {
    crate::read_case!(service::cheque_year)
}

/// What a status report is asked for: one municipality (or all), a period (the days
/// included), and whether it is the version for outside the organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportQuery {
    pub municipality_id: Option<MunicipalityId>,
    /// Default: 1 January of this year.
    pub from: Option<NaiveDate>,
    /// Default: today.
    pub until: Option<NaiveDate>,
    pub anonymous: bool,
}

impl ReportQuery {
    /// The query as an address's parameters (the page, its files), the same both ways.
    pub fn to_query_string(&self, report: &MunicipalityReport) -> String {
        let mut out = format!("from={}&until={}", report.from, report.until);
        if let Some(m) = self.municipality_id {
            out.push_str(&format!("&municipality_id={m}"));
        }
        if self.anonymous {
            out.push_str("&anonymous=true");
        }
        out
    }
}

/// Hours of one activity group (of the Flemish list's 8), and how many wijk-werkers worked them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupHours {
    pub category: String,
    /// `None` when shielded (too few workers behind it).
    pub minutes: Option<i64>,
    pub workers: Figure,
}

/// A wijk-werker in the report made for the organisation itself (never in the version for
/// outside).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReportWorker {
    pub worker_id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub municipality: String,
    pub trajectory_start: NaiveDate,
    pub trajectory_planned_end: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub minutes: i64,
}

/// Rapport per gemeente: what organisations send the local authorities that fund them. Worker
/// figures count the wijk-werkers living in the municipality; gebruiker figures (gebruikers,
/// cheques) the gebruikers there. How each figure is computed: the README.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityReport {
    pub organisation: String,
    /// `None`: all the organisation's municipalities.
    pub municipality: Option<String>,
    /// The organisation's municipalities, for the choice.
    pub municipalities: Vec<(MunicipalityId, String)>,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub anonymous: bool,
    /// In a trajectory on at least one day of the period.
    pub active_workers: Figure,
    /// With hours that count in the period.
    pub working_workers: Figure,
    pub trajectories_started: Figure,
    /// Ended in the period, per outcome (the four, in their order).
    pub trajectories_ended: Vec<(Outcome, Figure)>,
    pub trajectories_ended_total: Figure,
    /// The minutes that count (not rejected, not running) of days in the period.
    pub minutes: i64,
    pub by_group: Vec<GroupHours>,
    /// Gebruikers with work done in the period, per kind (the five, in their order).
    pub clients: Vec<(ClientKind, Figure)>,
    pub clients_total: Figure,
    /// Cheques that paid prestaties in the period, less those given back.
    pub cheques_used: i64,
    /// Only in the organisation's own version.
    pub workers: Vec<ReportWorker>,
}

impl MunicipalityReport {
    /// "Rapport per gemeente · Gavere · 1 januari 2026 tot en met 3 december 2026".
    pub fn title(&self, lang: Lang) -> String {
        let place = self
            .municipality
            .clone()
            .unwrap_or_else(|| T::AllMunicipalities.text(lang).to_string());
        format!(
            "{} · {place} · {}",
            T::ToReports.text(lang),
            self.period(lang)
        )
    }

    pub fn period(&self, lang: Lang) -> String {
        i18n::message(
            lang,
            M::ReportPeriod,
            &[
                ("from", i18n::written_date(lang, self.from).into()),
                ("until", i18n::written_date(lang, self.until).into()),
            ],
        )
    }

    pub fn version(&self, lang: Lang) -> &'static str {
        if self.anonymous {
            T::ReportAnonymous.text(lang)
        } else {
            T::ReportInternal.text(lang)
        }
    }
}

/// The status report for a municipality (or all) and a period.
#[server(prefix = "/api", endpoint = "municipality_report", output = crate::wire::Json)]
pub async fn get_municipality_report(
    #[server(default)] municipality_id: Option<MunicipalityId>,
    #[server(default)] from: Option<NaiveDate>,
    #[server(default)] until: Option<NaiveDate>,
    #[server(default)] anonymous: bool,
) -> Result<MunicipalityReport, AppError> {
    let query = ReportQuery {
        municipality_id,
        from,
        until,
        anonymous,
    };
    // The organisation's own version names its workers: each of them is a look at a file.
    crate::seen_case!(
        crate::file_views::Seen::Report,
        service::municipality_report,
        query
    )
}

#[server(prefix = "/api", endpoint = "month_hours", output = crate::wire::Json)]
pub async fn get_month_hours() -> Result<MonthHours, AppError> {
    crate::read_case!(service::month_hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(m: &str, id: i64, minutes: i64) -> WorkerHours {
        WorkerHours {
            worker_id: WorkerId(id),
            municipality: m.into(),
            first_name: format!("W{id}"),
            last_name: "X".into(),
            minutes,
        }
    }

    #[test]
    fn rows_are_grouped_per_municipality_with_totals() {
        let r = MonthHours::from_rows(
            2026,
            11,
            vec![
                row("Gavere", 1, 60),
                row("Gavere", 2, 30),
                row("Zulte", 3, 0),
            ],
        );
        assert_eq!(r.municipalities.len(), 2);
        assert_eq!(r.municipalities[0].total_minutes, 90);
        assert_eq!(r.municipalities[1].workers.len(), 1);
    }
}
