//! The organisation's use cases: made from the command line, its settings changed by its own
//! bemiddelaars (audited, before and after).

use chrono::{DateTime, Utc};

use super::{
    MunicipalityPrice, MunicipalityPriceChange, OrganisationSettings, PriceChange, Settings, rules,
    store,
};
use crate::audit::{self, Action, Event};
use crate::clock;
use crate::db::{Conn, Tx};
use crate::error::{AppError, Field};
use crate::ids::{MunicipalityId, OrganisationId};
use crate::request::Ctx;

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
    let changes = store::municipality_price_changes(conn.c(), organisation).await?;
    let mut municipalities = Vec::new();
    for m in store::municipality_list(conn.c(), organisation).await? {
        municipalities.push(MunicipalityPrice {
            price_today_cents: store::cheque_price_on(conn.c(), organisation, Some(m.id), today)
                .await?,
            changes: changes
                .iter()
                .filter(|c| c.municipality_id == m.id)
                .cloned()
                .collect(),
            id: m.id,
            name: m.name,
        });
    }
    let account = store::bank_account(conn.c(), organisation).await?;
    Ok(OrganisationSettings {
        iban: account.as_ref().map(|(iban, _)| iban.clone()),
        bic: account.map(|(_, bic)| bic),
        name: store::name(conn.c(), organisation).await?,
        settings: store::settings(conn.c(), organisation).await?,
        price_today_cents: store::cheque_price_on(conn.c(), organisation, None, today).await?,
        price_changes: store::price_changes(conn.c(), organisation).await?,
        municipalities,
        price_days: rules::price_days(today),
    })
}

/// The settings form as sent.
pub struct SettingsForm {
    pub auto_confirm_days: i64,
    pub forgotten_reminder_minutes: i64,
    pub forgotten_close_hours: i64,
}

/// New settings, in force at once: the next confirmations and clocks use them.
pub async fn update(ctx: &Ctx, tx: &mut Tx, form: SettingsForm) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    rules::check(
        form.auto_confirm_days,
        form.forgotten_reminder_minutes,
        form.forgotten_close_hours,
    )
    .map_err(AppError::Invalid)?;
    let after = Settings {
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

/// The organisation's cheque price from a 1 January on (its municipalities without a price of
/// their own follow it); purchases paid before that day keep the old price.
pub async fn set_cheque_price(
    ctx: &Ctx,
    tx: &mut Tx,
    price_cents: i64,
    valid_from: chrono::NaiveDate,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    rules::check_price(price_cents, valid_from, today).map_err(AppError::Invalid)?;
    let before = store::cheque_price_on(tx.c(), organisation, None, valid_from).await?;
    let change = PriceChange {
        valid_from,
        price_cents,
    };
    store::set_price_from(tx.c(), organisation, &change, ctx.caller.account, ctx.now).await?;
    let detail = format!("from {valid_from}: {before} -> {price_cents} cents");
    record(tx, ctx, organisation, Action::ChequePriceChanged, detail).await
}

/// The organisation's bank account: checked (a Belgian IBAN, mod 97; a BIC of 8 or 11
/// characters), audited with the account before and after.
pub async fn set_bank_account(
    ctx: &Ctx,
    tx: &mut Tx,
    iban: String,
    bic: String,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let iban = crate::payments::rules::belgian_iban(&iban).ok_or(AppError::Invalid(Field::Iban))?;
    let bic = crate::payments::rules::bic(&bic).ok_or(AppError::Invalid(Field::Bic))?;
    let before = store::bank_account(tx.c(), organisation).await?;
    if before.as_ref() == Some(&(iban.clone(), bic.clone())) {
        return Ok(());
    }
    store::set_bank_account(tx.c(), organisation, &iban, &bic).await?;
    let detail = format!("before: {before:?}; after: ({iban}, {bic})");
    record(tx, ctx, organisation, Action::BankAccountChanged, detail).await
}

/// A municipality's own cheque price from a 1 January on (`price_cents` 0: the organisation's
/// price again from then): the gebruikers of that municipality buy at it. Audited with the
/// price it replaces on that day.
pub async fn set_municipality_price(
    ctx: &Ctx,
    tx: &mut Tx,
    municipality_id: MunicipalityId,
    price_cents: i64,
    valid_from: chrono::NaiveDate,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    if !store::has_municipality(tx.c(), organisation, municipality_id).await? {
        return Err(AppError::NotFound);
    }
    let today = clock::local_date(ctx.now);
    let own = (price_cents != 0).then_some(price_cents);
    // The organisation's price is one of the four too.
    let checked = own.unwrap_or(rules::CHEQUE_PRICES[0]);
    rules::check_price(checked, valid_from, today).map_err(AppError::Invalid)?;
    let day = valid_from;
    let before = store::cheque_price_on(tx.c(), organisation, Some(municipality_id), day).await?;
    let change = MunicipalityPriceChange {
        municipality_id,
        valid_from,
        price_cents: own,
    };
    store::set_municipality_price(tx.c(), &change, ctx.caller.account, ctx.now).await?;
    let after = own.map_or("the organisation's price".to_string(), |p| {
        format!("{p} cents")
    });
    let event = Event {
        organisation_id: Some(organisation),
        account_id: Some(ctx.caller.account),
        action: Action::ChequePriceChanged,
        subject: "municipality",
        subject_id: Some(municipality_id.0),
        detail: format!("from {valid_from}: {before} cents -> {after}"),
    };
    Ok(audit::record(tx.c(), event, ctx.now).await?)
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
