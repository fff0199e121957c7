//! The cheque use cases: purchases (and undoing one recorded by mistake), payments first in,
//! first out, expiry, and the wallet the gebruiker and the bemiddelaar see. Every change of a
//! balance runs with the gebruiker's row locked (`clients::store::lock`): one transaction at a
//! time reads and changes a gebruiker's cheques.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::store::{self, Change, NewBatch};
use super::{LedgerReason, Purchased, Wallet, rules};
use crate::audit::{self, Action, Event};
use crate::clients::store as clients;
use crate::db::{Conn, Connection, Db, Tx};
use crate::error::{AppError, Field};
use crate::ids::{AccountId, BatchId, ClientId, EntryId, MunicipalityId, OrganisationId};
use crate::request::Ctx;
use crate::time_entries::store as entries;
use crate::{clock, organisations};

/// The gebruiker's batches, oldest first, each valid as long as its own 12 months or an order
/// of the organisation's that names it says (`rules::valid_until_with`).
pub async fn batches(
    c: &mut impl Connection,
    organisation_id: OrganisationId,
    client_id: ClientId,
) -> Result<Vec<super::BatchLine>, AppError> {
    let orders = store::extensions(c.c(), organisation_id).await?;
    let mut batches = store::batches(c.c(), client_id).await?;
    for b in &mut batches {
        b.valid_until = rules::valid_until_with(b.bought_on, b.valid_until, &orders);
    }
    Ok(batches)
}

/// What is left of the gebruiker's batches past their last day expires now (a ledger row per
/// batch, once: a unique index). The caller holds the gebruiker's lock. Answers how many
/// cheques expired.
pub async fn expire_due(
    tx: &mut Tx,
    organisation_id: OrganisationId,
    client_id: ClientId,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let today = clock::local_date(now);
    let mut expired = 0;
    for b in batches(tx, organisation_id, client_id).await? {
        if b.valid_until >= today || b.remaining <= 0 || b.expired > 0 {
            continue;
        }
        let change = Change {
            organisation_id,
            client_id,
            change: -b.remaining,
            reason: LedgerReason::Expired,
            time_entry_id: None,
            batch_id: Some(b.id),
            created_by: None,
        };
        store::append(tx.c(), change, now).await?;
        audit::record(
            tx.c(),
            Event {
                organisation_id: Some(organisation_id),
                account_id: None,
                action: Action::ChequesExpired,
                subject: "client",
                subject_id: Some(client_id.0),
                detail: format!(
                    "{} cheques of {} expired after {}",
                    b.remaining, b.bought_on, b.valid_until
                ),
            },
            now,
        )
        .await?;
        expired += b.remaining;
    }
    Ok(expired)
}

/// The cheques that can pay now: what is past its year expires first, so the balance (the sum
/// of the ledger) is exactly what can pay. The caller holds the gebruiker's lock.
pub async fn usable_balance(
    tx: &mut Tx,
    organisation_id: OrganisationId,
    client_id: ClientId,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    expire_due(tx, organisation_id, client_id, now).await?;
    Ok(store::balance(tx.c(), client_id).await?)
}

/// Pay a prestatie: one ledger row of `-needed`, its cheques taken from the oldest batches
/// still valid (`cheque_use`). The caller holds the gebruiker's lock and called
/// [`usable_balance`]. Too few valid cheques: `NotEnoughCheques`, nothing taken.
pub async fn pay(
    tx: &mut Tx,
    organisation_id: OrganisationId,
    client_id: ClientId,
    entry: EntryId,
    needed: i64,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if needed <= 0 {
        return Ok(());
    }
    let today = clock::local_date(now);
    let batches: Vec<rules::Batch> = batches(tx, organisation_id, client_id)
        .await?
        .iter()
        .map(|b| b.rule())
        .collect();
    let Some(taken) = rules::take_oldest_first(&batches, today, needed) else {
        return Err(AppError::NotEnoughCheques {
            balance: rules::usable(&batches, today),
            needed,
        });
    };
    let change = Change {
        organisation_id,
        client_id,
        change: -needed,
        reason: LedgerReason::EntryPayment,
        time_entry_id: Some(entry),
        batch_id: None,
        created_by: by,
    };
    let ledger_id = match store::append(tx.c(), change, now).await {
        Ok(id) => id,
        // One payment per prestatie (unique index): the last line of defence.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::AlreadyDecided);
        }
        Err(e) => return Err(e.into()),
    };
    for (batch, cheques) in taken {
        store::record_use(tx.c(), ledger_id, BatchId(batch), cheques).await?;
    }
    Ok(())
}

/// Give back the payment of the prestatie's current revision, if it was paid: a refund row and
/// the cheques back to the batches they came from (rows added, none changed). The caller holds
/// the gebruiker's lock. Answers the cheques given back (0 when it was not paid).
pub async fn refund(
    tx: &mut Tx,
    organisation_id: OrganisationId,
    client_id: ClientId,
    entry: EntryId,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let Some((payment_id, cheques)) = store::standing_payment(tx.c(), entry).await? else {
        return Ok(0);
    };
    let change = Change {
        organisation_id,
        client_id,
        change: cheques,
        reason: LedgerReason::Refund,
        time_entry_id: Some(entry),
        batch_id: None,
        created_by: by,
    };
    let refund_id = match store::append(tx.c(), change, now).await {
        Ok(id) => id,
        // One refund per revision (unique index): settled meanwhile.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::AlreadyDecided);
        }
        Err(e) => return Err(e.into()),
    };
    store::return_uses(tx.c(), refund_id, payment_id).await?;
    Ok(cheques)
}

/// The organisation's gebruiker `id` (`clients::service::managed`), locked for the rest of
/// `tx`.
async fn managed_client(
    ctx: &Ctx,
    tx: &mut Tx,
    id: ClientId,
) -> Result<(OrganisationId, crate::clients::store::FileRow), AppError> {
    let (organisation, client) = crate::clients::service::managed(ctx, tx.c(), id).await?;
    clients::lock(tx.c(), client.id).await?;
    Ok((organisation, client))
}

pub async fn record_purchase(
    ctx: &Ctx,
    tx: &mut Tx,
    client_id: ClientId,
    cheques: i64,
    paid_on: NaiveDate,
) -> Result<Purchased, AppError> {
    let (organisation, client) = managed_client(ctx, tx, client_id).await?;
    let client_id = client.id;
    if !(1..=1000).contains(&cheques) {
        return Err(AppError::Invalid(Field::Cheques));
    }
    let today = clock::local_date(ctx.now);
    let year_ago = today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(today);
    if paid_on > today || paid_on <= year_ago {
        return Err(AppError::Invalid(Field::PaidOn));
    }
    // The price of the gebruiker's municipality on the day they paid (a price change applies
    // from its 1 January on).
    let municipality = Some(client.municipality_id);
    let price_cents =
        organisations::cheque_price_on(tx.c(), organisation, municipality, paid_on).await?;
    let batch = NewBatch {
        organisation_id: organisation,
        client_id,
        bought_on: paid_on,
        cheques,
        price_cents,
        valid_until: rules::valid_until_for(paid_on),
        created_by: Some(ctx.caller.account),
        import_id: None,
        reference: None,
    };
    let batch_id = add_batch(tx, &batch, ctx.now).await?;
    let settled = settle_owed(
        tx,
        organisation,
        client_id,
        Some(ctx.caller.account),
        ctx.now,
    )
    .await?;
    let balance = store::balance(tx.c(), client_id).await?;
    Ok(Purchased {
        batch_id,
        settled,
        balance,
    })
}

/// Pay the gebruiker's prestaties that wait for cheques, the longest waiting first, as far as
/// the valid cheques go (one that is not covered stops the round: the order is kept). The
/// caller holds the gebruiker's lock. Answers how many were paid.
pub async fn settle_owed(
    tx: &mut Tx,
    organisation_id: OrganisationId,
    client_id: ClientId,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    // Expired once for the round: `pay` takes only valid cheques, so the balance stays what
    // can pay as the round goes on.
    let mut balance = usable_balance(tx, organisation_id, client_id, now).await?;
    let mut settled = 0;
    for (entry, owed) in entries::owed_for_client(tx.c(), client_id).await? {
        if balance < owed {
            break;
        }
        if !entries::settle_owed(tx.c(), entry).await? {
            continue;
        }
        pay(tx, organisation_id, client_id, entry, owed, by, now).await?;
        balance -= owed;
        audit::record(
            tx.c(),
            Event {
                organisation_id: Some(organisation_id),
                account_id: by,
                action: Action::EntryPaidLate,
                subject: "time_entry",
                subject_id: Some(entry.0),
                detail: format!("{owed} cheques"),
            },
            now,
        )
        .await?;
        settled += 1;
    }
    Ok(settled)
}

/// A batch bought, and its ledger row (the balance goes up by it), audited. The caller holds
/// the gebruiker's lock and pays what waited for cheques after (`settle_owed`).
pub async fn add_batch(
    tx: &mut Tx,
    batch: &NewBatch,
    now: DateTime<Utc>,
) -> Result<BatchId, AppError> {
    let batch_id = store::insert_batch(tx.c(), batch, now).await?;
    let change = Change {
        organisation_id: batch.organisation_id,
        client_id: batch.client_id,
        change: batch.cheques,
        reason: LedgerReason::Purchase,
        time_entry_id: None,
        batch_id: Some(batch_id),
        created_by: batch.created_by,
    };
    store::append(tx.c(), change, now).await?;
    let source = match (&batch.import_id, &batch.reference) {
        (Some(_), Some(reference)) => format!(", from the issuer's statement ({reference})"),
        (Some(_), None) => ", from the issuer's statement".to_string(),
        (None, _) => String::new(),
    };
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(batch.organisation_id),
            account_id: batch.created_by,
            action: Action::ChequesBought,
            subject: "client",
            subject_id: Some(batch.client_id.0),
            detail: format!(
                "{} cheques at {} cents, paid on {}, valid until {}{source}",
                batch.cheques, batch.price_cents, batch.bought_on, batch.valid_until
            ),
        },
        now,
    )
    .await?;
    Ok(batch_id)
}

pub async fn undo_purchase(
    ctx: &Ctx,
    tx: &mut Tx,
    client_id: ClientId,
    batch_id: BatchId,
) -> Result<(), AppError> {
    let (organisation, client) = managed_client(ctx, tx, client_id).await?;
    let client_id = client.id;
    // What expired is history: an expired purchase is not undone.
    expire_due(tx, organisation, client_id, ctx.now).await?;
    let batch = batches(tx, organisation, client_id)
        .await?
        .into_iter()
        .find(|b| b.id == batch_id)
        .ok_or(AppError::NotFound)?;
    if !batch.untouched() {
        return Err(AppError::PurchaseUsed);
    }
    let change = Change {
        organisation_id: organisation,
        client_id,
        change: -batch.cheques,
        reason: LedgerReason::Reversal,
        time_entry_id: None,
        batch_id: Some(batch.id),
        created_by: Some(ctx.caller.account),
    };
    match store::append(tx.c(), change, ctx.now).await {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::PurchaseUsed);
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::PurchaseUndone,
            subject: "client",
            subject_id: Some(client_id.0),
            detail: format!("{} cheques of {} undone", batch.cheques, batch.bought_on),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// The daily work of every server process (run each minute; idempotent): what is past its year
/// expires, for the gebruiker and the reports to see. Safe from several processes at once: each
/// gebruiker's expiry runs under their lock and a batch expires once (a unique index). Answers
/// how many cheques this run expired.
pub async fn expire_all(db: &Db, now: DateTime<Utc>) -> Result<i64, AppError> {
    let today = clock::local_date(now);
    let due = {
        let mut conn = db.conn().await?;
        store::expiring(conn.c(), today).await?
    };
    let mut clients_due: Vec<(ClientId, OrganisationId)> =
        due.into_iter().map(|(_, c, o)| (c, o)).collect();
    clients_due.dedup();
    let mut expired = 0;
    for (client, organisation) in clients_due {
        let mut tx = db.begin().await?;
        if !clients::lock(tx.c(), client).await? {
            continue;
        }
        expired += expire_due(&mut tx, organisation, client, now).await?;
        tx.commit().await?;
    }
    Ok(expired)
}

async fn wallet(
    ctx: &Ctx,
    conn: &mut Conn,
    client_id: ClientId,
    organisation_id: OrganisationId,
    municipality: MunicipalityId,
) -> Result<Wallet, AppError> {
    let today = clock::local_date(ctx.now);
    let price_cents =
        organisations::cheque_price_on(conn.c(), organisation_id, Some(municipality), today)
            .await?;
    let attest_years = attest_years(ctx, conn, client_id).await?;
    Ok(Wallet {
        client_id,
        today,
        attest_years,
        balance: store::balance(conn.c(), client_id).await?,
        price_cents,
        batches: batches(conn, organisation_id, client_id).await?,
        history: store::history(conn.c(), client_id, 50).await?,
    })
}

pub async fn my_wallet(ctx: &Ctx, conn: &mut Conn) -> Result<Wallet, AppError> {
    let client_id = ctx.caller.client()?;
    let client = clients::by_id(conn.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (organisation, municipality) = (client.organisation_id, client.municipality_id);
    wallet(ctx, conn, client.id, organisation, municipality).await
}

pub async fn client_wallet(ctx: &Ctx, conn: &mut Conn, id: ClientId) -> Result<Wallet, AppError> {
    let (organisation, client) = crate::clients::service::managed(ctx, conn.c(), id).await?;
    wallet(ctx, conn, client.id, organisation, client.municipality_id).await
}

/// The years a private person has a fiscal attest for: from the first payment to this year,
/// this year first. Other gebruikers get none (the tax reduction is for natural persons).
async fn attest_years(
    ctx: &Ctx,
    conn: &mut Conn,
    client_id: ClientId,
) -> Result<Vec<i32>, AppError> {
    use chrono::Datelike;
    let file = clients::file(conn.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if file.kind != crate::clients::ClientKind::PrivatePerson {
        return Ok(Vec::new());
    }
    let this_year = clock::local_date(ctx.now).year();
    let first = store::first_payment(conn.c(), client_id)
        .await?
        .map_or(this_year, |at| clock::local_date(at).year());
    Ok((first.min(this_year)..=this_year).rev().collect())
}

/// The Jaaroverzicht of the calling private person for `year`: what the fiscal attest and the
/// year's CSV show.
pub async fn year_overview(
    ctx: &Ctx,
    conn: &mut Conn,
    year: i32,
) -> Result<super::attest::Year, AppError> {
    use chrono::Datelike;
    let client_id = ctx.caller.client()?;
    let file = clients::file(conn.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if file.kind != crate::clients::ClientKind::PrivatePerson {
        return Err(AppError::Forbidden);
    }
    let today = clock::local_date(ctx.now);
    if !(2018..=today.year()).contains(&year) {
        return Err(AppError::NotFound);
    }
    let Some(first_day) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Err(AppError::NotFound);
    };
    let (from, until) = clock::days_span(crate::rules::year_bounds(first_day));
    let lines = store::paid_between(conn.c(), client_id, from, until).await?;
    let organisation = organisations::name(conn.c(), file.organisation_id).await?;
    let address = crate::rules::Address {
        street: file.street,
        postcode: file.postcode,
        city: file.city,
    };
    Ok(super::attest::Year {
        organisation,
        client_name: file.name,
        client_number: file.client_number,
        address: address.line(),
        year,
        lines,
        made_on: today,
    })
}

/// Record an order that extends the validity of the cheques issued up to a day (13 to 36
/// months from issue), with why (the order's reference): a new, audited fact; the batches
/// themselves are never changed.
pub async fn extend_validity(
    ctx: &Ctx,
    tx: &mut Tx,
    issued_up_to: NaiveDate,
    valid_months: i64,
    reason: String,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let reason = reason.trim();
    if !(3..=500).contains(&reason.chars().count()) {
        return Err(AppError::Invalid(Field::ExtensionReason));
    }
    let today = clock::local_date(ctx.now);
    if !(13..=36).contains(&valid_months) || issued_up_to > today || issued_up_to.year() < 2018 {
        return Err(AppError::Invalid(Field::Extension));
    }
    let order = rules::Extension {
        issued_up_to,
        valid_months,
    };
    store::insert_extension(
        tx.c(),
        organisation,
        &order,
        reason,
        ctx.caller.account,
        ctx.now,
    )
    .await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::ValidityExtended,
            subject: "organisation",
            subject_id: Some(organisation.0),
            detail: format!("issued up to {issued_up_to}: {valid_months} months; {reason}"),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}
