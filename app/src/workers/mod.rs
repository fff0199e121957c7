//! Wijk-werkers: the people who do the work, each with a trajectory, and their start screen.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assignments::AssignmentCard;
use crate::error::AppError;
use crate::rules::{Trajectory, Usage};
use crate::time_entries::{EntryLine, MyEntry, RunningClock};

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
    /// Offers waiting for an answer, soonest first (answered on Opdrachten).
    pub offers: Vec<AssignmentCard>,
    /// With nothing today: the next accepted assignment.
    pub next: Option<AssignmentCard>,
    pub running: Option<RunningClock>,
    /// Minutes after the planned end before the phone asks "vergeten te stoppen?" (for a clock
    /// started offline).
    pub reminder_minutes: i64,
    /// The time left this month and year is derived from it (`rules::minutes_left`), also
    /// after the taps still in the outbox.
    pub usage: Usage,
    /// For the phone's own check before Start (the server decides).
    pub trajectory: Trajectory,
    pub recent: Vec<EntryLine>,
}

/// Mijn uren: the month and year against the limits, the trajectory, the allowance estimate,
/// the prestaties, and the assignments hours can be entered on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyHours {
    pub today: NaiveDate,
    pub server_now_ms: i64,
    /// The time left: `rules::minutes_left(usage)`.
    pub usage: Usage,
    /// The last day of the trajectory and the days until then; `None` without an end (ex-PWA).
    pub trajectory_last_day: Option<NaiveDate>,
    pub trajectory_days_left: Option<i64>,
    pub month_km: i64,
    pub allowance_cents_per_hour: i64,
    pub km_rate_cents: i64,
    /// This month's hours × the hourly allowance + km × the km rate.
    pub allowance_estimate_cents: i64,
    /// This month's and last month's prestaties, most recent first.
    pub entries: Vec<MyEntry>,
    /// Accepted assignments of the last weeks (and tomorrow) that hours can be entered on.
    pub enterable: Vec<AssignmentCard>,
}

#[server(prefix = "/api", endpoint = "my_hours")]
pub async fn get_my_hours() -> Result<MyHours, AppError> {
    crate::read_case!(service::my_hours)
}

/// The worker's profile: the name and the chosen language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

#[server(prefix = "/api", endpoint = "my_profile")]
pub async fn get_my_profile() -> Result<Profile, AppError> {
    crate::read_case!(service::my_profile)
}

#[server(prefix = "/api", endpoint = "worker_day")]
pub async fn get_worker_day() -> Result<WorkerDay, AppError> {
    crate::read_case!(service::worker_day)
}
