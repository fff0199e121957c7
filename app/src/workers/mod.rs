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
    /// What this month's prestaties earn so far, reckoned as the allowance export reckons them
    /// (`allowances::service::worker_month`): the confirmed ones…
    #[serde(default)]
    pub allowance: crate::allowances::Earned,
    /// …and those that still wait (for the gebruiker, disputed, held), as if confirmed.
    #[serde(default)]
    pub allowance_waiting: crate::allowances::Earned,
    /// The rates in force today, for the travel rule's words.
    #[serde(default = "crate::allowances::Rates::decree")]
    pub rates_today: crate::allowances::Rates,
    /// What the monthly payment runs paid the worker, newest first (each with a statement).
    #[serde(default)]
    pub payments: Vec<crate::payments::MyPayment>,
    /// This month's and last month's prestaties, most recent first.
    pub entries: Vec<MyEntry>,
    /// Accepted assignments of the last weeks (and tomorrow) that hours can be entered on.
    pub enterable: Vec<AssignmentCard>,
}

#[server(prefix = "/api", endpoint = "my_hours", output = crate::wire::Json)]
pub async fn get_my_hours() -> Result<MyHours, AppError> {
    crate::read_case!(service::my_hours)
}

/// The worker's profile: the name and the chosen language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Who looked at the worker's file lately (newest first).
    pub views: Vec<crate::file_views::FileView>,
}

#[server(prefix = "/api", endpoint = "my_profile", output = crate::wire::Json)]
pub async fn get_my_profile() -> Result<Profile, AppError> {
    crate::read_case!(service::my_profile)
}

#[server(prefix = "/api", endpoint = "worker_day", output = crate::wire::Json)]
pub async fn get_worker_day() -> Result<WorkerDay, AppError> {
    crate::read_case!(service::worker_day)
}

// ---- The coordinator's side: the organisation's wijk-werkers ----

crate::text_enum! {
    /// Who sent the worker to wijk-werken.
    pub enum Referrer {
        Vdab = "vdab",
        Ocmw = "ocmw",
    }
}

crate::text_enum! {
    /// Where the worker went when the trajectory ended (doorstroom).
    pub enum Outcome {
        Work = "work",
        Training = "training",
        OtherMeasure = "other_measure",
        Stopped = "stopped",
    }
}

/// A worker as the coordinator fills in the form (new or changed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerForm {
    pub first_name: String,
    pub last_name: String,
    /// The login; only when the worker is created (it is not changed here).
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub municipality_id: crate::ids::MunicipalityId,
    pub referrer: Referrer,
    pub trajectory_start: NaiveDate,
    pub trajectory_planned_end: NaiveDate,
    /// Had a PWA contract on 30-9-2017: no 12-month limit. A checkbox: absent is `false`.
    #[serde(default)]
    pub ex_pwa: bool,
}

/// One line of the coordinator's list of workers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerLine {
    pub id: crate::ids::WorkerId,
    pub name: String,
    pub municipality: String,
    pub trajectory_planned_end: NaiveDate,
    pub ended: bool,
    /// Still has to choose a password with the activation code.
    pub waiting_for_activation: bool,
}

/// Whether a worker's trajectory runs or has ended (the list's filter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerStatus {
    #[default]
    Active,
    Ended,
    All,
}

/// The coordinator's page of one worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerFile {
    pub id: crate::ids::WorkerId,
    pub account_id: crate::ids::AccountId,
    pub email: String,
    pub account_active: bool,
    /// The last day of an activation code not used yet.
    pub code_valid_until: Option<NaiveDate>,
    pub form: WorkerForm,
    pub municipality: String,
    pub usage: Usage,
    /// The last day the worker may work (`None`: ex-PWA), and the days until then.
    pub last_day: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub ended_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    /// The server's today (Brussels): the end of a trajectory defaults to it.
    pub today: NaiveDate,
    /// What bemiddelaars decided about the worker's prestaties, newest first.
    pub settlements: Vec<crate::time_entries::Settlement>,
    /// Who looked at this file lately (newest first).
    pub views: Vec<crate::file_views::FileView>,
    /// The account the allowance is paid to, masked ("BE68 •••• •••• 7034"); none on file.
    #[serde(default)]
    pub iban_masked: Option<String>,
}

/// The worker's account for the allowance: a Belgian IBAN (spaces as typed are fine); empty
/// takes it off the file. Shown masked afterwards, also to the bemiddelaar.
#[server(prefix = "/api", endpoint = "set_worker_iban", output = crate::wire::Json)]
pub async fn set_worker_iban(
    worker_id: crate::ids::WorkerId,
    iban: String,
) -> Result<(), AppError> {
    crate::write_case!(service::set_iban, worker_id, iban)
}

/// The answer to creating a worker: the new row and the activation code to hand over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedWorker {
    pub worker_id: crate::ids::WorkerId,
    pub code: crate::auth::ActivationCode,
}

/// The organisation's workers: `search` in the name or e-mail, one municipality or all.
#[server(prefix = "/api", endpoint = "list_workers", output = crate::wire::Json)]
pub async fn list_workers(
    #[server(default)] search: String,
    #[server(default)] municipality_id: Option<crate::ids::MunicipalityId>,
    #[server(default)] status: WorkerStatus,
) -> Result<Vec<WorkerLine>, AppError> {
    crate::read_case!(service::list_workers, search, municipality_id, status)
}

#[server(prefix = "/api", endpoint = "worker_file", output = crate::wire::Json)]
pub async fn get_worker_file(worker_id: crate::ids::WorkerId) -> Result<WorkerFile, AppError> {
    crate::seen_case!(
        crate::file_views::Seen::WorkerFile,
        service::worker_file,
        worker_id
    )
}

#[server(prefix = "/api", endpoint = "create_worker", output = crate::wire::Json)]
pub async fn create_worker(form: WorkerForm) -> Result<CreatedWorker, AppError> {
    crate::write_case!(service::create_worker, form)
}

#[server(prefix = "/api", endpoint = "update_worker", output = crate::wire::Json)]
pub async fn update_worker(
    worker_id: crate::ids::WorkerId,
    form: WorkerForm,
) -> Result<(), AppError> {
    crate::write_case!(service::update_worker, worker_id, form)
}

/// The trajectory ends on `ended_on` with its outcome; the worker can no longer clock hours
/// after that day.
#[server(prefix = "/api", endpoint = "end_trajectory", output = crate::wire::Json)]
pub async fn end_trajectory(
    worker_id: crate::ids::WorkerId,
    ended_on: NaiveDate,
    outcome: Outcome,
) -> Result<(), AppError> {
    crate::write_case!(service::end_trajectory, worker_id, ended_on, outcome)
}
