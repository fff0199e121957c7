//! Accounts, roles, login and logout, and the [`Caller`]: who is asking, resolved once per
//! request from the session (`request::context`) and handed to every use case.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{AccountId, ClientId, OrganisationId, WorkerId};

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

crate::text_enum! {
    pub enum Role {
        /// wijk-werker
        Worker = "worker",
        /// gebruiker
        Client = "client",
        /// wijk-werkbemiddelaar
        Coordinator = "coordinator",
        Admin = "admin",
    }
}

impl Role {
    /// Where this role lands after logging in.
    pub fn home(self) -> &'static str {
        match self {
            Role::Worker => "/worker",
            Role::Client => "/client",
            Role::Coordinator | Role::Admin => "/coordinator",
        }
    }

    /// Staff see many people's files; they get shorter sessions.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Coordinator | Role::Admin)
    }
}

/// What the caller is, with the row that makes them so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Principal {
    Worker(WorkerId),
    Client(ClientId),
    Coordinator,
    Admin,
}

/// Who is calling: the account, its organisation, and what it is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub account: AccountId,
    pub organisation: OrganisationId,
    pub principal: Principal,
}

impl Caller {
    pub fn role(&self) -> Role {
        match self.principal {
            Principal::Worker(_) => Role::Worker,
            Principal::Client(_) => Role::Client,
            Principal::Coordinator => Role::Coordinator,
            Principal::Admin => Role::Admin,
        }
    }

    /// The caller's own wijk-werker row, or 403 for anyone else.
    pub fn worker(&self) -> Result<WorkerId, AppError> {
        match self.principal {
            Principal::Worker(id) => Ok(id),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The caller's own gebruiker row, or 403 for anyone else.
    pub fn client(&self) -> Result<ClientId, AppError> {
        match self.principal {
            Principal::Client(id) => Ok(id),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The organisation a coordinator or admin works for, or 403 for anyone else.
    pub fn staff(&self) -> Result<OrganisationId, AppError> {
        match self.principal {
            Principal::Coordinator | Principal::Admin => Ok(self.organisation),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// Who is calling, as far as the interface needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub account_id: AccountId,
    pub organisation_id: OrganisationId,
    pub role: Role,
    pub display_name: String,
}

#[server(prefix = "/api", endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::error::finish(service::current_user().await)
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<Role, AppError> {
    crate::error::finish(service::login(email, password).await)
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::error::finish(service::logout().await)
}

/// Profiel: change the password (the current one first).
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::error::finish(service::change_password(current, new).await)
}
