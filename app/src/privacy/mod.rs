//! Privacy (GDPR): a person's complete data as a download (art. 15 and 20: JSON and CSV in one
//! zip, made by a bemiddelaar on the person's request), and the retention period after which
//! ended trajectories and inactive gebruikers are anonymised (the report figures stay right).

use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// How many months the organisation keeps ended trajectories and inactive gebruikers.
#[server(prefix = "/api", endpoint = "retention", output = crate::wire::Json)]
pub async fn get_retention() -> Result<i64, AppError> {
    crate::read_case!(service::retention)
}

/// A new retention, from 6 to 120 months (audited).
#[server(prefix = "/api", endpoint = "set_retention", output = crate::wire::Json)]
pub async fn set_retention(months: i64) -> Result<(), AppError> {
    crate::write_case!(service::set_retention, months)
}
