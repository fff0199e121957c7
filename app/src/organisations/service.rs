//! The organisation's use cases: made from the command line, its settings changed by its own
//! bemiddelaars (audited, before and after).

use chrono::{DateTime, Utc};

use super::{OrganisationSettings, PriceChange, Settings, rules, store};
use crate::audit::{self, Action, Event};
use crate::clock;
use crate::db::{Conn, Tx};
use crate::error::{AppError, Field};
use crate::ids::OrganisationId;
use crate::request::Ctx;
use crate::rules::ChequeRounding;

/// A new organisation (command line: `create-organisation`), audited.
pub async fn create(
    tx: &mut Tx,
    name: &str,
    now: DateTime<Utc>,
) -> Result<OrganisationId, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::Invalid(Field::Form));
    }
    let id = store::insert(tx.c(), name, now).await?;
    crate::activities::service::seed(tx, id).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(id),
            account_id: None,
            action: Action::OrganisationCreated,
            subject: "organisation",
            subject_id: Some(id.0),
            detail: "command line".into(),
        },
        now,
    )
    .await?;
    Ok(id)
}

pub async fn overview(ctx: &Ctx, conn: &mut Conn) -> Result<OrganisationSettings, AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    Ok(OrganisationSettings {
        name: store::name(conn.c(), organisation).await?,
        settings: store::settings(conn.c(), organisation).await?,
        price_today_cents: store::cheque_price_on(conn.c(), organisation, today).await?,
        price_changes: store::price_changes(conn.c(), organisation).await?,
        next_price_from: rules::next_price_from(today),
    })
}

/// The settings form as sent: amounts as typed, the rest as numbers.
pub struct SettingsForm {
    pub allowance_per_hour: String,
    pub km_rate: String,
    pub cheque_rounding: ChequeRounding,
    pub auto_confirm_days: i64,
    pub forgotten_reminder_minutes: i64,
    pub forgotten_close_hours: i64,
}

/// New settings, in force at once: the allowance export and the next confirmations use them.
pub async fn update(ctx: &Ctx, tx: &mut Tx, form: SettingsForm) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let (allowance, km) = rules::check(
        rules::parse_euros(&form.allowance_per_hour),
        rules::parse_euros(&form.km_rate),
        form.auto_confirm_days,
        form.forgotten_reminder_minutes,
        form.forgotten_close_hours,
    )
    .map_err(AppError::Invalid)?;
    let after = Settings {
        allowance_cents_per_hour: allowance,
        km_rate_cents: km,
        cheque_rounding: form.cheque_rounding,
        auto_confirm_days: form.auto_confirm_days,
        forgotten_reminder_minutes: form.forgotten_reminder_minutes,
        forgotten_close_minutes: form.forgotten_close_hours * 60,
    };
    let before = store::settings(tx.c(), organisation).await?;
    if before == after {
        return Ok(());
    }
    store::set_settings(tx.c(), organisation, &after).await?;
    let detail = format!("before: {before:?}; after: {after:?}");
    record(tx, ctx, organisation, Action::SettingsChanged, detail).await
}

/// A new cheque price from a day on; purchases paid before that day keep the old price.
pub async fn set_cheque_price(
    ctx: &Ctx,
    tx: &mut Tx,
    price_cents: i64,
    valid_from: chrono::NaiveDate,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    rules::check_price(price_cents, valid_from, today).map_err(AppError::Invalid)?;
    let before = store::cheque_price_on(tx.c(), organisation, valid_from).await?;
    let change = PriceChange {
        valid_from,
        price_cents,
    };
    store::set_price_from(tx.c(), organisation, &change, ctx.caller.account, ctx.now).await?;
    let detail = format!("from {valid_from}: {before} -> {price_cents} cents");
    record(tx, ctx, organisation, Action::ChequePriceChanged, detail).await
}

/// An organisation's change in the audit trail, by the caller.
pub(crate) async fn record(
    tx: &mut Tx,
    ctx: &Ctx,
    organisation: OrganisationId,
    action: Action,
    detail: String,
) -> Result<(), AppError> {
    let event = Event {
        organisation_id: Some(organisation),
        account_id: Some(ctx.caller.account),
        action,
        subject: "organisation",
        subject_id: Some(organisation.0),
        detail,
    };
    Ok(audit::record(tx.c(), event, ctx.now).await?)
}
