//! The gebruiker's use cases. Confirming and disputing prestaties lives with the prestaties
//! (`time_entries::service`).

use super::{ClientOverview, PendingEntry, store};
use crate::db::Conn;
use crate::error::AppError;
use crate::request::Ctx;
use crate::time_entries::store as entries;
use crate::{cheques, organisations, rules};

pub async fn overview(ctx: &Ctx, conn: &mut Conn) -> Result<ClientOverview, AppError> {
    let client_id = ctx.caller.client()?;
    let client = store::by_id(conn.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rounding = organisations::settings(conn.c(), client.organisation_id)
        .await?
        .cheque_rounding;
    let cheque_balance = cheques::store::balance(conn.c(), client.id).await?;
    let pending = entries::pending_for_client(conn.c(), client.id, 200)
        .await?
        .into_iter()
        .map(|line| PendingEntry {
            cheques: rules::cheques_for(line.minutes.unwrap_or(0), rounding),
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
