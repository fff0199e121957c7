//! Opdrachten: work for a gebruiker, given to a wijk-werker.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::ids::AssignmentId;

#[cfg(feature = "ssr")]
pub mod store;

/// An assignment as the worker sees it on their phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AssignmentCard {
    pub id: AssignmentId,
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

crate::text_enum! {
    pub enum AssignmentStatus {
        Offered = "offered",
        Accepted = "accepted",
        Declined = "declined",
        Finished = "finished",
        Cancelled = "cancelled",
    }
}
