//! The errors a server function can answer with. They travel to the browser as JSON and are
//! turned into words only at one edge: [`crate::i18n::error_message`].

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::rules::{EntryProblem, LimitBreach};

/// Which input was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Password,
    /// A new password that is too short or too long.
    NewPassword,
    /// The current password, when changing it, is not right.
    CurrentPassword,
    /// A new password on the shipped list of common and breached passwords.
    CommonPassword,
    /// A code of the second factor (or a recovery code) that is not right, or used already.
    SecondFactorCode,
    /// The retention: from 6 to 120 months.
    RetentionMonths,
    DisputeReason,
    /// The reason for declining an offer is too long.
    DeclineReason,
    Assignment,
    /// A change after the day of the work needs a reason (at most 500 characters).
    ChangeReason,
    /// The note with hours entered afterwards is too long (at most 500 characters).
    Note,
    /// A field is missing or of the wrong kind (a form that was tampered with or is out of date).
    Form,
    /// A first or last name: empty or over 100 characters.
    Name,
    /// A phone number with other than digits, spaces and `+ / . -`, or over 30 characters.
    Phone,
    /// Not one of the organisation's municipalities.
    Municipality,
    /// A planned end before the start, or more than 12 months after it (not ex-PWA).
    TrajectoryEnd,
    /// The end of a trajectory before its start or in the future.
    EndDate,
    /// Not an activity of the organisation's list, or not allowed for the gebruiker's
    /// municipality or kind.
    Activity,
    /// A request's description: empty or over 1000 characters.
    Description,
    /// A request's duration: from 15 minutes to 12 hours.
    PlannedMinutes,
    /// Weeks of an offer: 1 for a one-off request, 1 to 26 for a weekly one.
    Weeks,
    /// An offer's date: from today on, within the worker's trajectory.
    OfferDate,
    /// A Belgian postcode: four digits.
    Postcode,
    /// A street or city: empty or over 200 characters.
    Address,
    /// A gebruikersnummer in use already, or over 30 characters.
    ClientNumber,
    /// A fee's year: from 2018 to next year, paid on a day not in the future.
    FeeYear,
    /// The reason for turning a request down: 1 to 500 characters.
    RejectReason,
    /// A list of prestaties: 1 to 200.
    Entries,
    /// A purchase of 1 to 1000 cheques.
    Cheques,
    /// A purchase's payment day: not in the future, not more than a year ago.
    PaidOn,
    /// Not one of the four cheque prices the decree allows.
    ChequePrice,
    /// A new price starts on a 1 January after this year (at most two years ahead).
    PriceFrom,
    /// The allowance (per cheque or per hour): an amount from €0 to €20.
    AllowanceRate,
    /// The km rate: an amount from €0 to €1.
    KmRate,
    /// The km threshold: 0 to 500 km.
    KmThreshold,
    /// New rates start today or later (at most two years ahead).
    RatesFrom,
    /// Not a Belgian IBAN (BE and 14 digits, mod 97), or none where one is needed.
    Iban,
    /// The organisation's IBAN and BIC are needed (Organisatie-instellingen) before a run can
    /// be closed.
    OrganisationIban,
    /// Not a BIC: 8 or 11 letters and digits.
    Bic,
    /// An order's validity: 13 to 36 months, for cheques issued up to a day not in the future.
    Extension,
    /// Why the validity is extended (the order): 3 to 500 characters.
    ExtensionReason,
    /// An issuer's statement with no line (or a file that cannot be read as CSV or XLSX).
    Statement,
    /// A paper cheque's number: 6 to 24 letters and digits.
    ChequeNumber,
    /// As many paper cheques as the prestatie waits for.
    ChequeCount,
    /// An amount in euro above zero.
    Amount,
    /// Automatic confirmation after 1 to 30 days.
    AutoConfirmDays,
    /// The forgotten-clock reminder: 0 to 240 minutes after the planned end.
    ForgottenReminder,
    /// A forgotten clock is closed after 1 to 12 hours.
    ForgottenClose,
    /// A month of the allowance export: from 2018 to this month.
    Month,
    /// Why a bemiddelaar settles a prestatie: 3 to 500 characters.
    SettleReason,
    /// A report's period: from 2018 on, the first day not after the last, at most 3 years.
    Period,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not logged in")]
    NotLoggedIn,
    #[error("wrong email or password")]
    WrongLogin,
    #[error("this role may not do this")]
    Forbidden,
    /// Also the answer for another organisation's objects: we do not confirm they exist.
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Invalid(Field),
    #[error("a clock is already running")]
    AlreadyRunning,
    #[error("this time entry is not running")]
    NotRunning,
    /// The offer was withdrawn or answered already.
    #[error("this offer is no longer open")]
    OfferNotOpen,
    /// A Start can be cancelled only in its first minutes; later it is stopped instead.
    #[error("too late to cancel this start")]
    TooLateToCancel,
    #[error("this prestatie was already confirmed or disputed")]
    AlreadyDecided,
    #[error("not enough cheques: balance {balance}, needed {needed}")]
    NotEnoughCheques { balance: i64, needed: i64 },
    #[error("limit: {0:?}")]
    Limit(LimitBreach),
    /// Hours entered (or changed) that cannot be right: in the future, overlapping, …
    #[error("entry: {0:?}")]
    Entry(EntryProblem),
    /// The gebruiker confirmed this prestatie (or a coordinator holds it): the worker can no
    /// longer change it.
    #[error("this prestatie can no longer be changed")]
    EntryLocked,
    /// The clock is paused (for Pauze) or not paused (for Verder) already.
    #[error("the clock is already in that state")]
    PauseState,
    /// A clock may start only on the assignment's planned day (one day either side).
    #[error("the assignment is planned on {planned}")]
    NotPlannedToday { planned: chrono::NaiveDate },
    /// An action from the phone's outbox whose tap time cannot be right (in the future, or
    /// more than 7 days old): kept for a coordinator instead of applied.
    #[error("the time of the tap is out of bounds")]
    TapTime,
    /// An activation code that is unknown, used already or expired.
    #[error("activation code not valid")]
    ActivationCode,
    /// This year's registration fee was recorded already.
    #[error("fee already recorded")]
    FeeAlreadyRecorded,
    /// Cheques of this purchase were used (or expired, or it was undone already): it can no
    /// longer be undone.
    #[error("this purchase can no longer be undone")]
    PurchaseUsed,
    /// The request was turned down: nothing more is offered for it.
    #[error("the request is closed")]
    RequestClosed,
    /// The trajectory has ended already.
    #[error("the trajectory has ended")]
    TrajectoryEnded,
    /// Too many failed logins for this account or from this address: wait, then try again.
    #[error("too many attempts; retry after {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: i64 },
    /// The second factor is on already: a new one only after it was reset.
    #[error("the second factor is on already")]
    SecondFactorOn,
    /// Paid with paper cheques (handed in to the issuer): it can no longer be corrected or
    /// rejected.
    #[error("paid with paper cheques")]
    PaidOnPaper,
    /// A paper cheque's number is accepted once, ever: this one was recorded before.
    #[error("paper cheque {number} was recorded before")]
    ChequeNumberUsed { number: String },
    /// The server is too busy right now (e.g. all password checks are taken).
    #[error("busy")]
    Busy,
    /// Storage or transport failure. What went wrong is in the server's log, never in a
    /// response: it may name tables, drivers or addresses.
    #[error("unavailable")]
    Unavailable,
}

impl AppError {
    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotLoggedIn | AppError::WrongLogin => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::AlreadyRunning
            | AppError::NotRunning
            | AppError::TooLateToCancel
            | AppError::OfferNotOpen
            | AppError::AlreadyDecided
            | AppError::EntryLocked
            | AppError::PauseState
            | AppError::TrajectoryEnded
            | AppError::FeeAlreadyRecorded
            | AppError::PurchaseUsed
            | AppError::RequestClosed
            | AppError::SecondFactorOn
            | AppError::ChequeNumberUsed { .. }
            | AppError::PaidOnPaper
            | AppError::NotEnoughCheques { .. } => 409,
            AppError::Invalid(_)
            | AppError::Limit(_)
            | AppError::Entry(_)
            | AppError::NotPlannedToday { .. }
            | AppError::TapTime
            | AppError::ActivationCode => 422,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Busy => 503,
            AppError::Unavailable => 500,
        }
    }
}

impl AppError {
    /// A failure of the server itself, not a refusal: the same request may succeed later.
    pub fn is_transient(&self) -> bool {
        matches!(self, AppError::Unavailable | AppError::Busy)
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::wire::JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid(Field::Form)
            }
            // On the server, a JSON body that does not parse (a sync batch cut or tampered
            // with) is bad input, not a failure of ours: 422, as a form that does not parse.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => AppError::Invalid(Field::Form),
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Unavailable
            }
        };
        // On the server this runs inside the request (e.g. arguments that do not parse), so
        // the refusal gets its 4xx status like every other error.
        #[cfg(feature = "ssr")]
        set_http_status(&error);
        error
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::unavailable("database", e)
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Log what failed (for the operator) and answer with nothing but "unavailable".
    pub fn unavailable(what: &str, detail: impl std::fmt::Display) -> AppError {
        tracing::error!(%detail, "{what} failed");
        AppError::Unavailable
    }
}

/// Server side: give the error its HTTP status before it leaves. Every server function ends in
/// this, so a refusal is a 4xx that changes nothing, never a 500.
#[cfg(feature = "ssr")]
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        set_http_status(e);
        if let AppError::TooManyAttempts { retry_after_secs } = e
            && let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        {
            opts.insert_header(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*retry_after_secs),
            );
        }
    }
    result
}

#[cfg(feature = "ssr")]
fn set_http_status(error: &AppError) {
    // A plain HTML form (no JavaScript, or a page without an island for it): the server
    // function sends the browser back to the form with the error in the address (a 302), which
    // the page then shows. A 4xx would leave the browser on the raw answer.
    // (A page that calls server functions while it renders keeps its status: a worker who
    // opens the coordinator's page gets a 403.)
    let from_plain_form =
        leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            parts.uri.path().starts_with("/api/")
                && parts
                    .headers
                    .get(axum::http::header::ACCEPT)
                    .and_then(|accept| accept.to_str().ok())
                    .is_some_and(|accept| accept.contains("text/html"))
        });
    if from_plain_form {
        return;
    }
    if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(
            axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
}

impl From<crate::rules::AddressProblem> for AppError {
    fn from(problem: crate::rules::AddressProblem) -> Self {
        AppError::Invalid(match problem {
            crate::rules::AddressProblem::Postcode => Field::Postcode,
            crate::rules::AddressProblem::Text => Field::Address,
        })
    }
}
