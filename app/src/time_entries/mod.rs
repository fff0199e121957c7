//! Prestaties: time a wijk-werker worked on an assignment. Clocked with Start/Stop, then
//! confirmed or disputed by the gebruiker.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{AssignmentId, EntryId};

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

crate::text_enum! {
    pub enum EntryStatus {
        /// The clock is running.
        Running = "running",
        /// Stopped; "wacht op bevestiging" by the gebruiker.
        Submitted = "submitted",
        Confirmed = "confirmed",
        Disputed = "disputed",
        /// "Te controleren": held for a coordinator (e.g. a clock that ran over 12 hours).
        Review = "review",
    }
}

crate::text_enum! {
    /// How a prestatie was recorded.
    pub enum EntrySource {
        Clock = "clock",
        Manual = "manual",
    }
}

/// A running clock, with what the phone needs to keep counting without the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningClock {
    pub entry_id: EntryId,
    pub assignment_id: AssignmentId,
    pub started_at_ms: i64,
    pub started_local: NaiveTime,
}

/// One line in "laatst gewerkt" or in the gebruiker's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EntryLine {
    pub id: EntryId,
    pub work_date: NaiveDate,
    pub client_name: String,
    pub worker_name: String,
    pub activity: String,
    pub minutes: Option<i64>,
    pub status: EntryStatus,
}

/// What a Stop recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stopped {
    pub minutes: i64,
    /// The clock ran too long: held for a coordinator instead of going to the gebruiker.
    pub held_for_review: bool,
}

/// Start the clock on an accepted assignment planned around today. Refused when the worker may
/// not work (limits, trajectory) or a clock already runs.
#[server(prefix = "/api", endpoint = "start_clock")]
pub async fn start_clock(assignment_id: AssignmentId) -> Result<EntryId, AppError> {
    crate::write_case!(service::start_clock, assignment_id)
}

/// Stop a running clock. When the time worked would pass the month or year limit, the stop is
/// refused with what is left; `cap_at_limit` then records only what the law allows.
#[server(prefix = "/api", endpoint = "stop_clock")]
pub async fn stop_clock(entry_id: EntryId, cap_at_limit: bool) -> Result<Stopped, AppError> {
    crate::write_case!(service::stop_clock, entry_id, cap_at_limit)
}

/// Cancel a Start tapped by mistake, within its first 5 minutes: no prestatie remains.
#[server(prefix = "/api", endpoint = "cancel_clock")]
pub async fn cancel_clock(entry_id: EntryId) -> Result<(), AppError> {
    crate::write_case!(service::cancel_clock, entry_id)
}

/// The gebruiker confirms a prestatie: its cheques are taken from their balance. Answers the
/// new balance.
#[server(prefix = "/api", endpoint = "confirm_entry")]
pub async fn confirm_entry(entry_id: EntryId) -> Result<i64, AppError> {
    crate::write_case!(service::confirm, entry_id)
}

/// The gebruiker disputes a prestatie; a coordinator looks at it. No cheques are used.
#[server(prefix = "/api", endpoint = "dispute_entry")]
pub async fn dispute_entry(entry_id: EntryId, reason: String) -> Result<(), AppError> {
    crate::write_case!(service::dispute, entry_id, reason)
}
