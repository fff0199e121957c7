//! Requests: what a gebruiker asks for (an activity, when, how long, once or weekly), the
//! workers the matching suggests for it, and the offers the bemiddelaar makes. The worker
//! answers an offer on the phone (`assignments`); a declined offer comes back here with its
//! reason.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assignments::AssignmentStatus;
use crate::error::AppError;
use crate::ids::{ActivityId, AssignmentId, ClientId, RequestId, WorkerId};
use crate::rules::Address;

pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use rules::{Reason, Suggestion};

crate::text_enum! {
    pub enum Recurrence {
        Once = "once",
        Weekly = "weekly",
    }
}

crate::text_enum! {
    pub enum DayPart {
        Morning = "morning",
        Afternoon = "afternoon",
    }
}

/// A moment of the week: ISO weekday (1 = Monday … 7 = Sunday) and morning or afternoon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub weekday: u8,
    pub part: DayPart,
}

impl PartialOrd for DayPart {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DayPart {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (*self == DayPart::Afternoon).cmp(&(*other == DayPart::Afternoon))
    }
}

/// A request as the bemiddelaar takes it down (by phone, at the desk).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRequest {
    pub client_id: ClientId,
    pub work: Work,
}

/// What is asked for, whoever asks: the gebruiker on their own screen or the bemiddelaar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    pub activity_id: ActivityId,
    pub description: String,
    pub recurrence: Recurrence,
    /// How long each time (15 minutes to 12 hours).
    pub planned_minutes: i64,
    /// Preferred moments; empty: any time.
    pub slots: Vec<Slot>,
    /// Where the work is; `None`: at the gebruiker's own address.
    #[serde(default)]
    pub address: Option<Address>,
}

crate::text_enum! {
    /// Where a request stands, as the gebruiker follows it: nieuw (nobody offered yet), in
    /// behandeling (offered, no worker accepted yet), ingepland (a worker accepted), afgewezen
    /// (the bemiddelaar turned it down, with a reason).
    pub enum RequestStatus {
        New = "new",
        InProgress = "in_progress",
        Planned = "planned",
        Rejected = "rejected",
    }
}

/// A request: what is asked, where, and where it stands — as its gebruiker follows it, and at
/// the top of the bemiddelaar's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFacts {
    pub id: RequestId,
    pub activity: String,
    pub description: String,
    pub recurrence: Recurrence,
    pub planned_minutes: i64,
    /// Preferred moments; empty: any time.
    pub slots: Vec<Slot>,
    /// Where the work is (the gebruiker's address unless the request names another).
    pub address: String,
    pub status: RequestStatus,
    pub rejected_reason: Option<String>,
    /// The days a worker accepted.
    pub planned_dates: Vec<NaiveDate>,
}

/// What the gebruiker's request form offers: the activities allowed for them, and their own
/// address (where the work is unless they say otherwise).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkChoices {
    pub activities: Vec<crate::activities::Activity>,
    pub own_address: Address,
}

/// An offer made for a request, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLine {
    pub assignment_id: AssignmentId,
    pub worker_id: WorkerId,
    pub worker_name: String,
    pub planned_date: NaiveDate,
    pub status: AssignmentStatus,
    pub decline_reason: Option<String>,
}

/// One request with its offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub request: RequestFacts,
    pub client_name: String,
    pub municipality: String,
    pub offers: Vec<OfferLine>,
    /// The year whose registration fee (€7.50, DOMAIN.md) the gebruiker has not paid, if so:
    /// the bemiddelaar sees it before planning.
    #[serde(default)]
    pub fee_unpaid_year: Option<i32>,
    /// The organisation's yearly registration fee.
    #[serde(default)]
    pub fee_cents: i64,
}

/// What the matching knows of a worker: skills (activities) and available moments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchingProfile {
    pub skills: Vec<ActivityId>,
    pub availability: Vec<Slot>,
}

/// The longest a request's description may be.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
/// The most weeks one weekly offer spans.
pub const MAX_WEEKS: u32 = 26;

#[server(prefix = "/api", endpoint = "create_request", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn create_request(request: NewRequest) -> Result<RequestId, AppError> {
    crate::write_case!(service::create_request, request)
}

#[server(prefix = "/api", endpoint = "request", output = crate::wire::Json)]
pub async fn get_request(request_id: RequestId) -> Result<RequestView, AppError> {
    crate::read_case!(service::request_view, request_id)
}

/// The workers the matching suggests for a request, best first, each with its reasons.
#[server(prefix = "/api", endpoint = "suggestions", output = crate::wire::Json)]
pub async fn suggestions(request_id: RequestId) -> Result<Vec<Suggestion>, AppError> {
    crate::read_case!(service::suggestions, request_id)
}

/// Offer a request to one worker: on `first_date`, and for a weekly request on the same
/// weekday for `weeks` weeks (one offer per date).
#[server(prefix = "/api", endpoint = "offer_request", output = crate::wire::Json)]
pub async fn offer_request(
    request_id: RequestId,
    worker_id: WorkerId,
    first_date: NaiveDate,
    /// "09:00" (as a time field sends it); empty: no start time.
    #[server(default)]
    start: String,
    #[server(default)] weeks: Option<u32>,
) -> Result<Vec<AssignmentId>, AppError> {
    crate::write_case!(
        service::offer_request,
        request_id,
        worker_id,
        first_date,
        start,
        weeks.unwrap_or(1)
    )
}

/// Take back an offer the worker has not answered yet.
#[server(prefix = "/api", endpoint = "withdraw_offer", output = crate::wire::Json)]
pub async fn withdraw_offer(assignment_id: AssignmentId) -> Result<(), AppError> {
    crate::write_case!(service::withdraw_offer, assignment_id)
}

#[server(prefix = "/api", endpoint = "matching_profile", output = crate::wire::Json)]
pub async fn get_matching_profile(worker_id: WorkerId) -> Result<MatchingProfile, AppError> {
    crate::read_case!(service::matching_profile, worker_id)
}

#[server(prefix = "/api", endpoint = "set_matching_profile", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn set_matching_profile(
    worker_id: WorkerId,
    profile: MatchingProfile,
) -> Result<(), AppError> {
    crate::write_case!(service::set_matching_profile, worker_id, profile)
}

/// The gebruiker asks for work, on their own screen.
#[server(prefix = "/api", endpoint = "ask_for_work", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn ask_for_work(work: Work) -> Result<RequestId, AppError> {
    crate::write_case!(service::ask_for_work, work)
}

/// The gebruiker's own requests, newest first, and where each stands.
#[server(prefix = "/api", endpoint = "my_requests", output = crate::wire::Json)]
pub async fn my_requests() -> Result<Vec<RequestFacts>, AppError> {
    crate::read_case!(service::my_requests)
}

#[server(prefix = "/api", endpoint = "work_choices", output = crate::wire::Json)]
pub async fn get_work_choices() -> Result<WorkChoices, AppError> {
    crate::read_case!(service::work_choices)
}

/// The longest reason for turning a request down.
pub const MAX_REJECT_REASON_CHARS: usize = 500;

/// Turn a request down, with the reason the gebruiker reads; open offers for it are withdrawn.
#[server(prefix = "/api", endpoint = "reject_request", output = crate::wire::Json)]
pub async fn reject_request(request_id: RequestId, reason: String) -> Result<(), AppError> {
    crate::write_case!(service::reject_request, request_id, reason)
}

/// A request in the bemiddelaar's list, with what became of its offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RequestLine {
    pub id: RequestId,
    pub client_name: String,
    pub activity: String,
    pub recurrence: Recurrence,
    pub open_offers: i64,
    pub accepted: i64,
    /// Declined offers: they come back here, to offer the request to someone else.
    pub declined: i64,
    pub rejected: bool,
}

/// The organisation's requests, newest first.
#[server(prefix = "/api", endpoint = "list_requests", output = crate::wire::Json)]
pub async fn list_requests() -> Result<Vec<RequestLine>, AppError> {
    crate::read_case!(service::list_requests)
}
