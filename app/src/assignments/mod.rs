//! Opdrachten: work for a gebruiker, given to a wijk-werker.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod store;

/// An assignment as the worker sees it on their phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AssignmentCard {
    pub id: i64,
    pub client_name: String,
    pub activity: String,
    pub description: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub planned_date: NaiveDate,
    pub planned_start: Option<NaiveTime>,
    pub planned_minutes: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentStatus {
    Offered,
    Accepted,
    Declined,
    Finished,
    Cancelled,
}

impl AssignmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentStatus::Offered => "offered",
            AssignmentStatus::Accepted => "accepted",
            AssignmentStatus::Declined => "declined",
            AssignmentStatus::Finished => "finished",
            AssignmentStatus::Cancelled => "cancelled",
        }
    }
}
