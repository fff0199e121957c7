//! Prestaties: time a wijk-werker worked on an assignment. Clocked with Start/Stop, then
//! confirmed or disputed by the gebruiker.

// A form's fields are a server function's arguments: hours entered afterwards have eight.
#![allow(clippy::too_many_arguments)]

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{AssignmentId, EntryId};
use crate::rules::Span;

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
        /// "Gecorrigeerd": a bemiddelaar changed it; settled, it counts as they set it.
        Corrected = "corrected",
        /// "Afgewezen": a bemiddelaar found it was not worked; it does not count.
        Rejected = "rejected",
    }
}

impl EntryStatus {
    /// May the worker still change it? Until the gebruiker confirms: while it waits for them,
    /// or after they disputed it (the change sends it back to them). Not once a bemiddelaar
    /// corrected it (see [`MyEntry::changeable`]).
    pub fn changeable_by_worker(self) -> bool {
        matches!(self, EntryStatus::Submitted | EntryStatus::Disputed)
    }

    /// Do its minutes count against the 60 and 630 hours? Waiting, confirmed, disputed and
    /// corrected ones do. A held one ("te controleren": a clock nobody stopped, or one that ran
    /// over 12 hours) does not until a bemiddelaar settles it — confirming it on behalf of the
    /// gebruiker or correcting it checks the limits then — so closing a forgotten clock can
    /// never pass them. A running clock has no minutes yet; a rejected one never counts.
    /// `COUNTED_SQL` is the same list for the queries.
    pub fn counts_against_limits(self) -> bool {
        matches!(
            self,
            EntryStatus::Submitted
                | EntryStatus::Confirmed
                | EntryStatus::Disputed
                | EntryStatus::Corrected
        )
    }

    /// [`EntryStatus::counts_against_limits`] as an SQL list.
    pub const COUNTED_SQL: &'static str = "('submitted', 'confirmed', 'disputed', 'corrected')";
}

crate::text_enum! {
    /// How the gebruiker agreed to a bemiddelaar's correction before it was saved. Without it, a
    /// correction goes back to the gebruiker to confirm (DOMAIN.md: a changed prestatie goes
    /// back to the user).
    pub enum Agreement {
        /// Not yet: the gebruiker confirms or disputes the corrected prestatie on their screen.
        AskClient = "ask",
        Phone = "phone",
        Paper = "paper",
        Office = "office",
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
    /// Minutes of pause so far (finished pauses).
    pub pause_minutes: i64,
    /// While paused: since when.
    pub paused_since_ms: Option<i64>,
    /// When the work was planned to end (Brussels time), for the reminder's words.
    pub planned_end_local: NaiveTime,
    /// From this moment the phone asks "vergeten te stoppen?" (the planned end plus the
    /// organisation's margin).
    pub remind_at_ms: i64,
}

impl RunningClock {
    /// Milliseconds worked at `now_ms`: the time since the start minus the pauses.
    pub fn worked_ms(&self, now_ms: i64) -> i64 {
        let paused_now = self.paused_since_ms.map_or(0, |p| (now_ms - p).max(0));
        (now_ms - self.started_at_ms - self.pause_minutes * 60_000 - paused_now).max(0)
    }
}

/// One of the worker's own prestaties, as Mijn uren shows it and the change form fills in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyEntry {
    pub id: EntryId,
    pub assignment_id: AssignmentId,
    pub work_date: NaiveDate,
    pub client_name: String,
    pub activity: String,
    pub started_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    /// Brussels wall-clock times, as the worker entered or clocked them.
    pub start: NaiveTime,
    pub end: Option<NaiveTime>,
    pub minutes: Option<i64>,
    pub pause_minutes: i64,
    pub km: i64,
    pub note: String,
    pub status: EntryStatus,
    pub source: EntrySource,
    pub dispute_reason: Option<String>,
    /// How often a bemiddelaar corrected it (then the worker no longer changes it).
    #[serde(default)]
    pub revision: i64,
    /// Confirmed, and waiting for this many cheques: paper cheques handed in can pay it.
    #[serde(default)]
    pub cheques_owed: i64,
}

impl MyEntry {
    /// May the worker still change it: waiting for the gebruiker or disputed, and not a
    /// bemiddelaar's correction.
    pub fn changeable(&self) -> bool {
        self.status.changeable_by_worker() && self.revision == 0
    }

    pub fn span(&self) -> Span {
        Span {
            start_ms: self.started_at_ms,
            end_ms: self.ended_at_ms,
        }
    }
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
    /// Nobody answered in time: confirmed by the organisation's rule.
    pub auto_confirmed: bool,
    /// Confirmed, and waiting for this many cheques the gebruiker did not have.
    pub cheques_owed: i64,
    /// When it went to the gebruiker (not yet, while running or held for review).
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    // Defaults: a phone's copy saved by an earlier version still reads.
    #[serde(default)]
    pub started_at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The worker's note for the gebruiker.
    #[serde(default)]
    pub note: String,
    /// Corrected by a bemiddelaar (how often): the gebruiker sees that the hours were changed.
    #[serde(default)]
    pub revision: i64,
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
#[server(prefix = "/api", endpoint = "start_clock", output = crate::wire::Json)]
pub async fn start_clock(assignment_id: AssignmentId) -> Result<EntryId, AppError> {
    crate::write_case!(service::start_clock, assignment_id)
}

/// Hours as the worker enters them afterwards: a Brussels day, start and end on that day, the
/// pause, the kilometres travelled and a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub pause_minutes: i64,
    pub km: i64,
    pub note: String,
}

impl Hours {
    pub fn span(&self) -> Span {
        Span {
            start_ms: crate::brussels::instant_ms(self.date, self.start),
            end_ms: Some(crate::brussels::instant_ms(self.date, self.end)),
        }
    }

    /// The rules' verdict, the same on the phone (before sending) and on the server: the
    /// minutes it counts, or what is wrong with it.
    pub fn check(&self, now_ms: i64, others: &[Span]) -> Result<i64, crate::rules::EntryProblem> {
        crate::rules::check_entry(self.span(), self.pause_minutes, self.km, now_ms, others)
    }
}

/// Pauze: the clock keeps its start; the time until Verder does not count.
#[server(prefix = "/api", endpoint = "pause_clock", output = crate::wire::Json)]
pub async fn pause_clock(entry_id: EntryId) -> Result<(), AppError> {
    crate::write_case!(service::pause_clock, entry_id)
}

/// Verder: the pause ends and counts as pause.
#[server(prefix = "/api", endpoint = "resume_clock", output = crate::wire::Json)]
pub async fn resume_clock(entry_id: EntryId) -> Result<(), AppError> {
    crate::write_case!(service::resume_clock, entry_id)
}

/// Achteraf ingeven: hours worked on an accepted assignment, entered afterwards. They wait for
/// the gebruiker's confirmation like a clocked prestatie.
#[server(prefix = "/api", endpoint = "enter_hours", output = crate::wire::Json)]
pub async fn enter_hours(
    assignment_id: AssignmentId,
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    pause_minutes: i64,
    km: i64,
    note: String,
) -> Result<EntryId, AppError> {
    let hours = Hours {
        date,
        start,
        end,
        pause_minutes,
        km,
        note,
    };
    crate::write_case!(service::enter_hours, assignment_id, hours)
}

/// Verbeteren: the worker changes an own prestatie until the gebruiker confirmed it. After
/// the day it needs a reason; the audit trail keeps before and after.
#[server(prefix = "/api", endpoint = "change_entry", output = crate::wire::Json)]
pub async fn change_entry(
    entry_id: EntryId,
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    pause_minutes: i64,
    km: i64,
    note: String,
    reason: String,
) -> Result<(), AppError> {
    let hours = Hours {
        date,
        start,
        end,
        pause_minutes,
        km,
        note,
    };
    crate::write_case!(service::change_entry, entry_id, hours, reason)
}

/// Stop a running clock. When the time worked would pass the month or year limit, the stop is
/// refused with what is left; `cap_at_limit` then records only what the law allows.
#[server(prefix = "/api", endpoint = "stop_clock", output = crate::wire::Json)]
pub async fn stop_clock(entry_id: EntryId, cap_at_limit: bool) -> Result<Stopped, AppError> {
    crate::write_case!(service::stop_clock, entry_id, cap_at_limit)
}

/// Cancel a Start tapped by mistake, within its first 5 minutes: no prestatie remains.
#[server(prefix = "/api", endpoint = "cancel_clock", output = crate::wire::Json)]
pub async fn cancel_clock(entry_id: EntryId) -> Result<(), AppError> {
    crate::write_case!(service::cancel_clock, entry_id)
}

/// What a confirmation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    /// The cheques left.
    pub balance: i64,
    /// Not covered by valid cheques: confirmed, and waiting for this many ("wacht op cheques").
    pub cheques_owed: i64,
}

/// The gebruiker confirms a prestatie: its cheques are taken from their balance, or it waits
/// for cheques when there are too few.
#[server(prefix = "/api", endpoint = "confirm_entry", output = crate::wire::Json)]
pub async fn confirm_entry(entry_id: EntryId) -> Result<Confirmed, AppError> {
    crate::write_case!(service::confirm, entry_id)
}

/// What Alles bevestigen did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmedAll {
    pub confirmed: usize,
    /// The cheques left.
    pub balance: i64,
    /// Of those confirmed, how many wait for cheques, and for how many together.
    pub waiting_for_cheques: usize,
    pub cheques_owed: i64,
    /// Confirmed on behalf of the gebruikers: those left as they were because their minutes
    /// would pass the worker's 60 or 630 hours (to correct or reject one by one).
    #[serde(default)]
    pub over_limit: usize,
}

/// Alles bevestigen: the prestaties the gebruiker sees, at once; the cheques pay the oldest
/// first and the rest waits for cheques.
#[server(prefix = "/api", endpoint = "confirm_all", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn confirm_all(entry_ids: Vec<EntryId>) -> Result<ConfirmedAll, AppError> {
    crate::write_case!(service::confirm_all, entry_ids)
}

/// The gebruiker disputes a prestatie; a coordinator looks at it. No cheques are used.
/// A prestatie for the bemiddelaar to settle (Te bekijken): disputed by the gebruiker, or held
/// because a clock was closed by the server (nobody stopped it) or ran too long.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReviewItem {
    pub id: EntryId,
    pub status: EntryStatus,
    pub work_date: NaiveDate,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    pub minutes: Option<i64>,
    pub pause_minutes: i64,
    pub km: i64,
    pub note: String,
    /// The gebruiker's words, for a dispute.
    pub dispute_reason: Option<String>,
    pub worker_first_name: String,
    pub worker_last_name: String,
    pub client_name: String,
    pub activity: String,
    /// The bemiddelaar's corrections so far: a correction or rejection names the one it saw.
    pub revision: i64,
}

/// What a bemiddelaar decided about one of a worker's prestaties (corrected, rejected,
/// confirmed on behalf), as the audit trail keeps it: shown on the worker's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Settlement {
    pub at: chrono::DateTime<chrono::Utc>,
    /// The audit action's word: `prestatie_corrected`, `prestatie_rejected`,
    /// `prestatie_confirmed_on_behalf`.
    pub action: String,
    pub work_date: NaiveDate,
    /// Who decided (the bemiddelaar's name).
    pub decided_by: Option<String>,
    /// Before, after, the reason and what the cheques did.
    pub detail: String,
}

/// The organisation's prestaties to settle, oldest work first.
#[server(prefix = "/api", endpoint = "review_queue", output = crate::wire::Json)]
pub async fn get_review_queue() -> Result<Vec<ReviewItem>, AppError> {
    crate::read_case!(service::review_queue)
}

/// A bemiddelaar confirms a disputed or held prestatie on behalf of the gebruiker, with the
/// reason (e.g. what the gebruiker said on the phone); it is paid like the gebruiker's own.
#[server(prefix = "/api", endpoint = "confirm_on_behalf", output = crate::wire::Json)]
pub async fn confirm_on_behalf(entry_id: EntryId, reason: String) -> Result<Confirmed, AppError> {
    crate::write_case!(service::confirm_on_behalf, entry_id, reason)
}

/// Bevestig de geselecteerde: a bemiddelaar confirms several prestaties of Te bekijken at once,
/// with one reason.
#[server(prefix = "/api", endpoint = "confirm_all_on_behalf", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn confirm_all_on_behalf(
    entry_ids: Vec<EntryId>,
    reason: String,
) -> Result<ConfirmedAll, AppError> {
    crate::write_case!(service::confirm_all_on_behalf, entry_ids, reason)
}

/// What a correction did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrected {
    /// Sent back to the gebruiker to confirm (they had not agreed yet).
    pub awaits_client: bool,
    /// The gebruiker's cheques left.
    pub balance: i64,
    /// Agreed, but not covered by valid cheques: waiting for this many.
    pub cheques_owed: i64,
}

/// A bemiddelaar corrects a prestatie's times, pause and km with a reason; a payment made
/// before is refunded. It goes back to the gebruiker to confirm, unless `agreement` says how
/// they agreed already (then it is settled and paid now).
#[server(prefix = "/api", endpoint = "correct_entry", output = crate::wire::Json)]
pub async fn correct_entry(
    entry_id: EntryId,
    revision: i64,
    start: NaiveTime,
    end: NaiveTime,
    pause_minutes: i64,
    km: i64,
    reason: String,
    agreement: Agreement,
) -> Result<Corrected, AppError> {
    crate::write_case!(
        service::correct,
        entry_id,
        revision,
        (start, end),
        pause_minutes,
        km,
        reason,
        agreement
    )
}

/// A bemiddelaar rejects a prestatie with a reason: it no longer counts; a payment is refunded.
#[server(prefix = "/api", endpoint = "reject_entry", output = crate::wire::Json)]
pub async fn reject_entry(
    entry_id: EntryId,
    revision: i64,
    reason: String,
) -> Result<(), AppError> {
    crate::write_case!(service::reject, entry_id, revision, reason)
}

#[server(prefix = "/api", endpoint = "dispute_entry", output = crate::wire::Json)]
pub async fn dispute_entry(entry_id: EntryId, reason: String) -> Result<(), AppError> {
    crate::write_case!(service::dispute, entry_id, reason)
}
