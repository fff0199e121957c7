//! The bemiddelaar's use cases for the activity list.

use super::{Activity, ActivityRules, FLEMISH_LIST, store};
use crate::audit::{self, Action, Event};
use crate::clients::ClientKind;
use crate::db::{Conn, Tx};
use crate::error::{AppError, Field};
use crate::ids::{ActivityId, MunicipalityId, OrganisationId};
use crate::request::Ctx;

/// Give a new organisation the Flemish list to start from (existing names are kept).
pub async fn seed(tx: &mut Tx, organisation: OrganisationId) -> Result<(), sqlx::Error> {
    for (category, names) in FLEMISH_LIST {
        for name in *names {
            store::insert_or_find(tx.c(), organisation, category, name).await?;
        }
    }
    Ok(())
}

pub async fn activities(ctx: &Ctx, conn: &mut Conn) -> Result<Vec<Activity>, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(store::list(conn.c(), organisation).await?)
}

pub async fn activity_rules(ctx: &Ctx, conn: &mut Conn) -> Result<Vec<ActivityRules>, AppError> {
    let organisation = ctx.caller.staff()?;
    let mut out = Vec::new();
    for activity in store::list(conn.c(), organisation).await? {
        out.push(ActivityRules {
            not_in: store::not_in(conn.c(), activity.id).await?,
            not_for: store::not_for(conn.c(), activity.id).await?,
            activity,
        });
    }
    Ok(out)
}

pub async fn set_allowed(
    ctx: &Ctx,
    tx: &mut Tx,
    activity: ActivityId,
    municipality: Option<MunicipalityId>,
    kind: Option<ClientKind>,
    allowed: bool,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    if store::organisation_of(tx.c(), activity).await? != Some(organisation) {
        return Err(AppError::NotFound);
    }
    let detail = match (municipality, kind) {
        (Some(m), None) => {
            if !crate::organisations::has_municipality(tx.c(), organisation, m).await? {
                return Err(AppError::Invalid(Field::Municipality));
            }
            store::set_in_municipality(tx.c(), activity, m, allowed).await?;
            format!(
                "municipality {m}: {}",
                if allowed { "allowed" } else { "not allowed" }
            )
        }
        (None, Some(k)) => {
            store::set_for_kind(tx.c(), activity, k, allowed).await?;
            format!(
                "{}: {}",
                k.as_str(),
                if allowed { "allowed" } else { "not allowed" }
            )
        }
        _ => return Err(AppError::Invalid(Field::Form)),
    };
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::ActivityRuleChanged,
            subject: "activity",
            subject_id: Some(activity.0),
            detail,
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

pub async fn add_activity(
    ctx: &Ctx,
    tx: &mut Tx,
    category: String,
    name: String,
) -> Result<ActivityId, AppError> {
    let organisation = ctx.caller.staff()?;
    if !FLEMISH_LIST.iter().any(|(c, _)| *c == category) {
        return Err(AppError::Invalid(Field::Form));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::Invalid(Field::Name));
    }
    let id = store::insert_or_find(tx.c(), organisation, &category, name).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::ActivityAdded,
            subject: "activity",
            subject_id: Some(id.0),
            detail: format!("{category}: {name}"),
        },
        ctx.now,
    )
    .await?;
    Ok(id)
}
