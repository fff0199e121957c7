//! The bemiddelaar's use cases for municipalities.

use chrono::NaiveDate;

use super::Municipality;
use crate::audit::{self, Action, Event};
use crate::db::{Conn, Tx};
use crate::error::{AppError, Field};
use crate::ids::MunicipalityId;
use crate::organisations as store;
use crate::request::Ctx;

pub async fn list(ctx: &Ctx, conn: &mut Conn) -> Result<Vec<Municipality>, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(store::municipality_list(conn.c(), organisation).await?)
}

fn checked_name(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::Invalid(Field::Name));
    }
    Ok(name)
}

/// A name the organisation has already: refused (names tell municipalities apart).
fn unique(e: sqlx::Error) -> AppError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => AppError::Invalid(Field::Name),
        other => other.into(),
    }
}

pub async fn add(
    ctx: &Ctx,
    tx: &mut Tx,
    name: String,
    joined_on: Option<NaiveDate>,
) -> Result<MunicipalityId, AppError> {
    let organisation = ctx.caller.staff()?;
    let name = checked_name(&name)?;
    let id = store::insert_municipality(tx.c(), organisation, name)
        .await
        .map_err(unique)?;
    store::set_municipality(tx.c(), id, name, joined_on).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::MunicipalityChanged,
            subject: "municipality",
            subject_id: Some(id.0),
            detail: format!("added: {name}, joined {joined_on:?}"),
        },
        ctx.now,
    )
    .await?;
    Ok(id)
}

pub async fn update(
    ctx: &Ctx,
    tx: &mut Tx,
    id: MunicipalityId,
    name: String,
    joined_on: Option<NaiveDate>,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let name = checked_name(&name)?;
    let before = store::municipality_list(tx.c(), organisation)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(AppError::NotFound)?;
    store::set_municipality(tx.c(), id, name, joined_on)
        .await
        .map_err(unique)?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::MunicipalityChanged,
            subject: "municipality",
            subject_id: Some(id.0),
            detail: format!(
                "before: {}, joined {:?}; after: {name}, joined {joined_on:?}",
                before.name, before.joined_on
            ),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}
