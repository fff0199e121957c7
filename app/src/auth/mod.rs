//! Accounts, roles, login and logout, and the [`Caller`]: who is asking, resolved once per
//! request from the session (`request::context`) and handed to every use case.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{AccountId, ClientId, OrganisationId, WorkerId};

#[cfg(feature = "ssr")]
pub mod matrix;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod second_factor;
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

#[server(prefix = "/api", endpoint = "current_user", output = crate::wire::Json)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::error::finish(service::current_user().await)
}

#[server(prefix = "/api", endpoint = "login", output = crate::wire::Json)]
pub async fn login(email: String, password: String) -> Result<Role, AppError> {
    crate::error::finish(service::login(email, password).await)
}

#[server(prefix = "/api", endpoint = "logout", output = crate::wire::Json)]
pub async fn logout() -> Result<(), AppError> {
    crate::error::finish(service::logout().await)
}

/// A one-time code a new account (or one that lost its password) uses to choose a password:
/// shown once to the coordinator, to read aloud or print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationCode {
    pub account_id: AccountId,
    /// As people read it: `K7QM-4TRX`.
    pub code: String,
    /// The last day it works (Brussels).
    pub valid_until: chrono::NaiveDate,
}

/// The letters of a code: no 0/O, 1/I/L or 5/S, which are misread aloud and on paper.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRTUVWXYZ2346789";
/// Letters in a code: 29^8 ≈ 5·10^11, with every wrong try throttled like a login.
pub const CODE_LEN: usize = 8;

/// A code as typed (any case, with or without dash or spaces) in the form it is stored under,
/// or `None` when it cannot be a code.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// First login: the activation code and a new password; logs the person in.
#[server(prefix = "/api", endpoint = "activate", output = crate::wire::Json)]
pub async fn activate(code: String, password: String) -> Result<Role, AppError> {
    crate::error::finish(service::activate(code, password).await)
}

/// The coordinator: a new activation code for an account of the organisation (a lost
/// password, or a code that expired). The old code stops working.
#[server(prefix = "/api", endpoint = "new_activation_code", output = crate::wire::Json)]
pub async fn new_activation_code(account_id: AccountId) -> Result<ActivationCode, AppError> {
    crate::write_case!(service::new_activation_code, account_id)
}

/// The coordinator: an account can no longer log in; its sessions end at once.
#[server(prefix = "/api", endpoint = "deactivate_account", output = crate::wire::Json)]
pub async fn deactivate_account(account_id: AccountId) -> Result<(), AppError> {
    crate::write_case!(service::deactivate_account, account_id)
}

/// Profiel: change the password (the current one first).
#[server(prefix = "/api", endpoint = "change_password", output = crate::wire::Json)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::error::finish(service::change_password(current, new).await)
}

// ---- The second factor of bemiddelaars and admins ----

/// Setting up the second factor: the QR code for the app, the key to type instead, and the
/// recovery codes, shown once. Nothing works before a code from the app confirms it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The `otpauth://` address as a QR code (SVG).
    pub qr_svg: String,
    /// The same secret in base32, in groups of four letters.
    pub secret: String,
    pub recovery_codes: Vec<String>,
}

/// The staff member's second factor as the settings screen shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorStatus {
    pub enrolled: bool,
    pub recovery_codes_left: i64,
    /// The organisation makes it mandatory for its staff.
    pub required: bool,
}

/// After the password: the code from the app (6 digits) or a recovery code. Logs in.
#[server(prefix = "/api", endpoint = "login_code", output = crate::wire::Json)]
pub async fn login_code(code: String) -> Result<Role, AppError> {
    crate::error::finish(service::login_code(code).await)
}

/// A new (unconfirmed) second factor for the caller, or for the person half logged in whose
/// organisation requires one.
#[server(prefix = "/api", endpoint = "second_factor_enrolment", output = crate::wire::Json)]
pub async fn start_second_factor() -> Result<Enrolment, AppError> {
    crate::error::finish(service::start_second_factor().await)
}

/// The first code from the app: the second factor is on (and a half login completed).
#[server(prefix = "/api", endpoint = "confirm_second_factor", output = crate::wire::Json)]
pub async fn confirm_second_factor(code: String) -> Result<Role, AppError> {
    crate::error::finish(service::confirm_second_factor(code).await)
}

#[server(prefix = "/api", endpoint = "second_factor_status", output = crate::wire::Json)]
pub async fn get_second_factor_status() -> Result<SecondFactorStatus, AppError> {
    crate::read_case!(service::second_factor_status)
}

/// The organisation makes the second factor mandatory for its staff (or no longer).
#[server(prefix = "/api", endpoint = "set_second_factor_required", output = crate::wire::Json)]
pub async fn set_second_factor_required(#[server(default)] required: bool) -> Result<(), AppError> {
    crate::write_case!(service::set_second_factor_required, required)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_the_way_people_type_it() {
        assert_eq!(normalise_code("k7qm-4trx").as_deref(), Some("K7QM4TRX"));
        assert_eq!(normalise_code(" K7QM 4TRX ").as_deref(), Some("K7QM4TRX"));
        assert_eq!(normalise_code("K7QM4TR"), None, "too short");
        assert_eq!(normalise_code("K7QM-4TR0"), None, "0 is never in a code");
        assert_eq!(normalise_code("K7QM-4TRXX"), None, "too long");
    }
}
