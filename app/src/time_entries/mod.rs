//! Prestaties: time a wijk-werker worked on an assignment. Clocked with Start/Stop, then
//! confirmed or disputed by the gebruiker.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assignments::AssignmentCard;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::finish;
use crate::rules::Usage;

#[cfg(feature = "ssr")]
mod server;
#[cfg(feature = "ssr")]
pub mod store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryStatus {
    /// The clock is running.
    Running,
    /// Stopped; "wacht op bevestiging" by the gebruiker.
    Submitted,
    Confirmed,
    Disputed,
}

impl EntryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Running => "running",
            EntryStatus::Submitted => "submitted",
            EntryStatus::Confirmed => "confirmed",
            EntryStatus::Disputed => "disputed",
        }
    }
}

impl TryFrom<String> for EntryStatus {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        match s.as_str() {
            "running" => Ok(EntryStatus::Running),
            "submitted" => Ok(EntryStatus::Submitted),
            "confirmed" => Ok(EntryStatus::Confirmed),
            "disputed" => Ok(EntryStatus::Disputed),
            other => Err(format!("unknown time entry status {other:?}")),
        }
    }
}

/// A running clock, with what the phone needs to keep counting without the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningClock {
    pub entry_id: i64,
    pub assignment_id: i64,
    pub started_at_ms: i64,
    pub started_local: NaiveTime,
}

/// One line in "laatst gewerkt" or in the gebruiker's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EntryLine {
    pub id: i64,
    pub work_date: NaiveDate,
    pub client_name: String,
    pub worker_name: String,
    pub activity: String,
    pub minutes: Option<i64>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: EntryStatus,
}

/// Everything on the worker's start screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerDay {
    pub first_name: String,
    pub today: NaiveDate,
    /// The server's clock, so the phone's timer is right even if the phone's clock is not.
    pub server_now_ms: i64,
    pub assignments: Vec<AssignmentCard>,
    pub running: Option<RunningClock>,
    pub usage: Usage,
    pub minutes_left: i64,
    pub recent: Vec<EntryLine>,
}

#[server(prefix = "/api", endpoint = "worker_day")]
pub async fn get_worker_day() -> Result<WorkerDay, AppError> {
    finish(server::worker_day().await)
}

/// Start the clock on an accepted assignment. Refused when the worker may not work (limits,
/// trajectory) or a clock already runs.
#[server(prefix = "/api", endpoint = "start_clock")]
pub async fn start_clock(assignment_id: i64) -> Result<i64, AppError> {
    finish(server::start_clock(assignment_id).await)
}

/// Stop a running clock. When the time worked would pass the month or year limit, the stop is
/// refused with what is left; `cap_at_limit` then records only what the law allows.
#[server(prefix = "/api", endpoint = "stop_clock")]
pub async fn stop_clock(entry_id: i64, cap_at_limit: bool) -> Result<i64, AppError> {
    finish(server::stop_clock(entry_id, cap_at_limit).await)
}

/// The gebruiker confirms a prestatie: its cheques are taken from their balance.
#[server(prefix = "/api", endpoint = "confirm_prestatie")]
pub async fn confirm_prestatie(entry_id: i64) -> Result<i64, AppError> {
    finish(server::confirm(entry_id).await)
}

/// The gebruiker disputes a prestatie; a coordinator looks at it. No cheques are used.
#[server(prefix = "/api", endpoint = "dispute_prestatie")]
pub async fn dispute_prestatie(entry_id: i64, reason: String) -> Result<(), AppError> {
    finish(server::dispute(entry_id, reason).await)
}
