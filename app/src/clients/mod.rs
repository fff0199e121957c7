//! Gebruikers: who the work is done for. Their start screen lists the prestaties to confirm and
//! their cheque balance.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::finish;
use crate::time_entries::EntryLine;

#[cfg(feature = "ssr")]
pub mod store;

/// The five kinds of gebruiker the regulation knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientKind {
    PrivatePerson,
    LocalAuthority,
    NonProfit,
    School,
    Agriculture,
}

impl ClientKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::PrivatePerson => "private_person",
            ClientKind::LocalAuthority => "local_authority",
            ClientKind::NonProfit => "non_profit",
            ClientKind::School => "school",
            ClientKind::Agriculture => "agriculture",
        }
    }
}

/// A prestatie to confirm, with what it will cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPrestatie {
    pub line: EntryLine,
    pub cheques: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientOverview {
    pub name: String,
    pub cheque_balance: i64,
    pub pending: Vec<PendingPrestatie>,
    pub recent: Vec<EntryLine>,
}

#[server(prefix = "/api", endpoint = "client_overview")]
pub async fn get_client_overview() -> Result<ClientOverview, AppError> {
    finish(overview().await)
}

#[cfg(feature = "ssr")]
async fn overview() -> Result<ClientOverview, AppError> {
    use crate::auth::{Role, require};
    use crate::cheques;
    use crate::time_entries::store as entries;

    let (user, db) = require(&[Role::Client]).await?;
    let mut conn = db.conn().await?;
    let client = store::by_account(conn.c(), user.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rounding = crate::organisations::settings(conn.c(), client.organisation_id)
        .await?
        .rounding();
    let cheque_balance = cheques::store::balance(conn.c(), client.id).await?;
    let pending = entries::pending_for_client(conn.c(), client.id, 200)
        .await?
        .into_iter()
        .map(|line| PendingPrestatie {
            cheques: crate::rules::cheques_for(line.minutes.unwrap_or(0), rounding),
            line,
        })
        .collect();
    let recent = entries::decided_for_client(conn.c(), client.id, 10).await?;
    Ok(ClientOverview {
        name: client.name,
        cheque_balance,
        pending,
        recent,
    })
}
