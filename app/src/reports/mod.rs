//! Figures for coordinators and, later, the municipalities that fund the organisation.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::WorkerId;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

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
