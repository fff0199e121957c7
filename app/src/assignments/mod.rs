//! Opdrachten: work for a gebruiker, given to a wijk-werker.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::AssignmentId;

#[cfg(feature = "ssr")]
pub mod service;
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

/// The worker accepts an offer made to them: it becomes theirs to clock on its day.
#[server(prefix = "/api", endpoint = "accept_offer")]
pub async fn accept_offer(assignment_id: AssignmentId) -> Result<(), AppError> {
    crate::write_case!(service::accept_offer, assignment_id)
}

/// The worker declines an offer, with a reason if they want to give one.
#[server(prefix = "/api", endpoint = "decline_offer")]
pub async fn decline_offer(assignment_id: AssignmentId, reason: String) -> Result<(), AppError> {
    crate::write_case!(service::decline_offer, assignment_id, reason)
}
