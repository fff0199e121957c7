//! Wijk-werkers: the people who do the work, each with a trajectory, and their start screen.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assignments::AssignmentCard;
use crate::error::AppError;
use crate::rules::Usage;
use crate::time_entries::{EntryLine, RunningClock};

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// Everything on the worker's start screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerDay {
    pub first_name: String,
    pub today: NaiveDate,
    /// The server's clock, so the phone's timer is right even if the phone's clock is not.
    pub server_now_ms: i64,
    pub assignments: Vec<AssignmentCard>,
    /// Offers waiting for an answer, soonest first.
    pub offers: Vec<AssignmentCard>,
    pub running: Option<RunningClock>,
    pub usage: Usage,
    pub minutes_left: i64,
    /// The last day of the trajectory and the days until then; `None` without an end (ex-PWA).
    pub trajectory_last_day: Option<NaiveDate>,
    pub trajectory_days_left: Option<i64>,
    pub recent: Vec<EntryLine>,
}

#[server(prefix = "/api", endpoint = "worker_day")]
pub async fn get_worker_day() -> Result<WorkerDay, AppError> {
    crate::read_case!(service::worker_day)
}
