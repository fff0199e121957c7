//! The organisation's activity list (the Flemish list's 8 main groups, with typical activities
//! to start from) and where each is allowed: per municipality and per kind of gebruiker.
//! Requests and offers use only activities allowed for the gebruiker's municipality and kind.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::clients::ClientKind;
use crate::error::AppError;
use crate::ids::{ActivityId, MunicipalityId};

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// The 8 main groups of the Flemish activity list (shared/DOMAIN.md) and typical activities in
/// each: what a new organisation starts with.
pub const FLEMISH_LIST: &[(&str, &[&str])] = &[
    (
        "prevention",
        &[
            "Brandpreventie aan huis",
            "Energiesnoeiers: kleine energiebesparende ingrepen",
        ],
    ),
    (
        "administration",
        &["Hulp bij post en formulieren", "Hulp bij digitale zaken"],
    ),
    ("repairs", &["Kleine herstellingen", "Schilderwerk binnen"]),
    ("garden", &["Tuinonderhoud", "Haag snoeien en gras maaien"]),
    ("agriculture", &["Hulp op de boerderij", "Oogsthulp"]),
    (
        "logistics",
        &[
            "Hulp in de school",
            "Klaarzetten en opruimen bij activiteiten",
        ],
    ),
    (
        "accompanying",
        &["Begeleiding bij verplaatsingen", "Gezelschap en wandelen"],
    ),
    (
        "household",
        &["Boodschappen doen", "Hulp bij kleine huishoudelijke taken"],
    ),
];

/// An activity of the organisation's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Activity {
    pub id: ActivityId,
    pub category: String,
    pub name: String,
}

/// An activity with the places and kinds of gebruiker it is not allowed for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRules {
    pub activity: Activity,
    pub not_in: Vec<MunicipalityId>,
    pub not_for: Vec<ClientKind>,
}

#[server(prefix = "/api", endpoint = "activities", output = crate::wire::Json)]
pub async fn activities() -> Result<Vec<Activity>, AppError> {
    crate::read_case!(service::activities)
}

#[server(prefix = "/api", endpoint = "activity_rules", output = crate::wire::Json)]
pub async fn get_activity_rules() -> Result<Vec<ActivityRules>, AppError> {
    crate::read_case!(service::activity_rules)
}

/// Allow or forbid an activity in one municipality (`municipality_id`) or for one kind of
/// gebruiker (`kind`); exactly one of the two.
#[server(prefix = "/api", endpoint = "set_activity_allowed", output = crate::wire::Json)]
pub async fn set_activity_allowed(
    activity_id: ActivityId,
    #[server(default)] municipality_id: Option<MunicipalityId>,
    #[server(default)] kind: Option<ClientKind>,
    allowed: bool,
) -> Result<(), AppError> {
    crate::write_case!(
        service::set_allowed,
        activity_id,
        municipality_id,
        kind,
        allowed
    )
}

#[server(prefix = "/api", endpoint = "add_activity", output = crate::wire::Json)]
pub async fn add_activity(category: String, name: String) -> Result<ActivityId, AppError> {
    crate::write_case!(service::add_activity, category, name)
}
