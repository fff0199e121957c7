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
    /// The gebruiker's phone number, for tap-to-call, where known.
    pub client_phone: Option<String>,
    pub status: AssignmentStatus,
}

impl AssignmentCard {
    /// The address as one line, for the card and for the map link.
    pub fn address(&self) -> String {
        crate::rules::Address {
            street: self.street.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
        }
        .line()
    }
}

/// Opdrachten: offers first, then what is coming, then what is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAssignments {
    pub today: NaiveDate,
    /// The server's clock when it answered (the phone keeps a copy for offline).
    pub server_now_ms: i64,
    pub offers: Vec<AssignmentCard>,
    pub upcoming: Vec<AssignmentCard>,
    pub past: Vec<AssignmentCard>,
}

/// One assignment of the worker's, with the prestaties on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentDetail {
    pub today: NaiveDate,
    pub assignment: AssignmentCard,
    pub entries: Vec<crate::time_entries::MyEntry>,
}

#[server(prefix = "/api", endpoint = "my_assignments", output = crate::wire::Json)]
pub async fn get_my_assignments() -> Result<MyAssignments, AppError> {
    crate::read_case!(service::my_assignments)
}

#[server(prefix = "/api", endpoint = "my_assignment", output = crate::wire::Json)]
pub async fn get_my_assignment(assignment_id: AssignmentId) -> Result<AssignmentDetail, AppError> {
    crate::read_case!(service::my_assignment, assignment_id)
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
#[server(prefix = "/api", endpoint = "accept_offer", output = crate::wire::Json)]
pub async fn accept_offer(assignment_id: AssignmentId) -> Result<(), AppError> {
    crate::write_case!(service::accept_offer, assignment_id)
}

/// The worker declines an offer, with a reason if they want to give one.
#[server(prefix = "/api", endpoint = "decline_offer", output = crate::wire::Json)]
pub async fn decline_offer(assignment_id: AssignmentId, reason: String) -> Result<(), AppError> {
    crate::write_case!(service::decline_offer, assignment_id, reason)
}

/// One assignment in the bemiddelaar's week plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlanItem {
    pub id: AssignmentId,
    pub planned_date: NaiveDate,
    pub planned_start: Option<NaiveTime>,
    pub planned_minutes: i64,
    pub worker_id: crate::ids::WorkerId,
    pub worker_name: String,
    pub client_name: String,
    pub activity: String,
    /// The worker's municipality.
    pub municipality: String,
    pub status: AssignmentStatus,
}

/// The week from `monday`: offered, accepted and finished assignments, by day and start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekPlan {
    pub monday: NaiveDate,
    pub today: NaiveDate,
    pub items: Vec<PlanItem>,
}

/// The week plan of the bemiddelaar's organisation: the week of `day` (today without one),
/// one municipality or all.
#[server(prefix = "/api", endpoint = "week_plan", output = crate::wire::Json)]
pub async fn get_week_plan(
    #[server(default)] day: Option<NaiveDate>,
    #[server(default)] municipality_id: Option<crate::ids::MunicipalityId>,
) -> Result<WeekPlan, AppError> {
    crate::read_case!(service::week_plan, day, municipality_id)
}
