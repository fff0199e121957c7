//! The errors a server function can answer with. They travel to the browser as JSON and are
//! turned into words only at one edge: [`crate::i18n::error_message`].

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::rules::LimitBreach;

/// Which input was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Password,
    DisputeReason,
    Assignment,
    /// A field is missing or of the wrong kind (a form that was tampered with or is out of date).
    Form,
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
    #[error("this prestatie was already confirmed or disputed")]
    AlreadyDecided,
    #[error("not enough cheques: balance {balance}, needed {needed}")]
    NotEnoughCheques { balance: i64, needed: i64 },
    #[error("limit: {0:?}")]
    Limit(LimitBreach),
    /// Storage or transport failure. The detail is for logs, never shown to people.
    #[error("unavailable: {0}")]
    Unavailable(String),
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
            | AppError::AlreadyDecided
            | AppError::NotEnoughCheques { .. } => 409,
            AppError::Invalid(_) | AppError::Limit(_) => 422,
            AppError::Unavailable(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid(Field::Form)
            }
            other => AppError::Unavailable(other.to_string()),
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
        tracing::error!(error = %e, "database error");
        AppError::Unavailable("database".into())
    }
}

/// Server side: give the error its HTTP status before it leaves. Every server function ends in
/// this, so a refusal is a 4xx that changes nothing, never a 500.
#[cfg(feature = "ssr")]
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        set_http_status(e);
    }
    result
}

#[cfg(feature = "ssr")]
fn set_http_status(error: &AppError) {
    if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(
            axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
}
