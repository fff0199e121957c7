//! The organisation's municipalities (gemeenten): every filter and report is per municipality.
//! The table is the organisation's (`organisations.rs`); this is the bemiddelaar's view of it.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::MunicipalityId;

#[cfg(feature = "ssr")]
pub mod service;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Municipality {
    pub id: MunicipalityId,
    pub name: String,
    /// The day it joined the organisation.
    pub joined_on: Option<NaiveDate>,
}

#[server(prefix = "/api", endpoint = "municipalities", output = crate::wire::Json)]
pub async fn municipalities() -> Result<Vec<Municipality>, AppError> {
    crate::read_case!(service::list)
}

#[server(prefix = "/api", endpoint = "add_municipality", output = crate::wire::Json)]
pub async fn add_municipality(
    name: String,
    #[server(default)] joined_on: Option<NaiveDate>,
) -> Result<MunicipalityId, AppError> {
    crate::write_case!(service::add, name, joined_on)
}

#[server(prefix = "/api", endpoint = "update_municipality", output = crate::wire::Json)]
pub async fn update_municipality(
    municipality_id: MunicipalityId,
    name: String,
    #[server(default)] joined_on: Option<NaiveDate>,
) -> Result<(), AppError> {
    crate::write_case!(service::update, municipality_id, name, joined_on)
}
