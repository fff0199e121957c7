//! De maandelijkse uitbetaling: the month's payment run of the wijk-werkers' allowances. The
//! bemiddelaar opens a month, sees a line per worker — the month's confirmed prestaties, and
//! the corrections of earlier months (a late confirmation, plus; a prestatie corrected or
//! rejected after it was paid, minus) — and closes it. Closing makes the bank file (SEPA
//! pain.001.001.09), a statement per worker (PDF, also on the worker's Mijn uren) and a record
//! that is never recomputed: what changes later goes into the next run.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::allowances::rules::Month;
use crate::error::AppError;
use crate::ids::WorkerId;

pub mod rules;
#[cfg(feature = "ssr")]
pub mod sepa;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod statement;
#[cfg(feature = "ssr")]
pub mod store;

pub use rules::LineSums;

/// What happens to a worker's line when the run closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineStatus {
    /// A transfer to the worker's account.
    Transfer,
    /// No valid IBAN on the worker's file: nothing is paid; it waits for the next run.
    NoIban,
    /// Corrections take back as much as (or more than) the month gives: it waits for the
    /// next run.
    NothingToPay,
}

/// One worker's line of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunLine {
    pub worker_id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    /// "BE68 •••• •••• 7034", or none on file.
    pub iban_masked: Option<String>,
    /// The prestaties of the run's month.
    pub month: LineSums,
    /// Of earlier months: confirmed late (plus), or changed after they were paid (minus).
    pub corrections: LineSums,
    /// The two together: what the transfer pays.
    pub total: LineSums,
    pub status: LineStatus,
}

/// Why a run cannot be closed (yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CloseBlock {
    /// The month has not ended.
    MonthNotOver,
    /// A later month's run is closed already.
    LaterRunClosed,
    /// The organisation's IBAN and BIC are not set (Organisatie-instellingen).
    NoOrganisationAccount,
    /// No line to transfer.
    NothingToPay,
}

/// A closed run, as it was closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub closed_at: DateTime<Utc>,
    pub closed_by: Option<String>,
    pub transfers: i64,
    pub total_cents: i64,
}

/// A month's payment run: open (reckoned now) or closed (as it was closed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRun {
    pub organisation: String,
    pub month: Month,
    /// The last month that can be asked for (this one).
    pub this_month: Month,
    pub closed: Option<Closed>,
    pub lines: Vec<RunLine>,
    /// What the bank file transfers: the lines with status `Transfer`.
    pub transfers: i64,
    pub transfer_cents: i64,
    /// Open: what keeps it from being closed, if anything.
    pub blocked: Option<CloseBlock>,
}

/// `month` as "2026-11"; without one, the month before this one.
#[server(prefix = "/api", endpoint = "payment_run", output = crate::wire::Json)]
pub async fn get_payment_run(
    #[server(default)] month: Option<String>,
) -> Result<PaymentRun, AppError> {
    crate::seen_case!(crate::file_views::Seen::PaymentRun, service::run, month)
}

/// Close the month's run. `total_cents` is the total the bemiddelaar saw: when the run changed
/// since (a prestatie confirmed meanwhile), nothing is closed and they look again.
#[server(prefix = "/api", endpoint = "close_payment_run", output = crate::wire::Json)]
pub async fn close_payment_run(month: String, total_cents: i64) -> Result<(), AppError> {
    crate::write_case!(service::close, month, total_cents)
}

/// One closed run as the worker sees it on Mijn uren (with a link to its statement).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyPayment {
    /// The first day of the run's month.
    pub month: NaiveDate,
    pub total_cents: i64,
    pub closed_at: DateTime<Utc>,
}
