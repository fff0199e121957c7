//! Retention: the organisation's setting, and the background job that anonymises what is past
//! it. Each person in a transaction of its own, guarded so two processes do it once.

use chrono::{DateTime, Months, Utc};

use super::store;
use crate::audit::{self, Action, Event};
use crate::db::{Conn, Db, Tx};
use crate::error::{AppError, Field};
use crate::ids::OrganisationId;
use crate::request::Ctx;

/// The shortest and longest retention an organisation may choose, in months.
pub const RETENTION_MONTHS: std::ops::RangeInclusive<i64> = 6..=120;

pub async fn retention(ctx: &Ctx, conn: &mut Conn) -> Result<i64, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(store::retention_months(conn.c(), organisation).await?)
}

pub async fn set_retention(ctx: &Ctx, tx: &mut Tx, months: i64) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    if !RETENTION_MONTHS.contains(&months) {
        return Err(AppError::Invalid(Field::RetentionMonths));
    }
    let before = store::retention_months(tx.c(), organisation).await?;
    if before == months {
        return Ok(());
    }
    store::set_retention_months(tx.c(), organisation, months).await?;
    let detail = format!("retention_months: {before} -> {months}");
    crate::organisations::service::record(tx, ctx, organisation, Action::SettingsChanged, detail)
        .await
}

/// How many were anonymised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anonymised {
    pub workers: i64,
    pub clients: i64,
}

/// Anonymise every wijk-werker whose trajectory ended longer ago than the organisation's
/// retention, and every gebruiker with nothing in that time and nothing open.
pub async fn anonymise_due(db: &Db, now: DateTime<Utc>) -> Result<Anonymised, AppError> {
    let today = crate::clock::local_date(now);
    let organisations = {
        let mut conn = db.conn().await?;
        store::retentions(conn.c()).await?
    };
    let mut done = Anonymised::default();
    for (organisation, months) in organisations {
        let Some(since) = today.checked_sub_months(Months::new(months.clamp(0, 1200) as u32))
        else {
            continue;
        };
        let since_instant = crate::clock::instant(since, chrono::NaiveTime::MIN);
        let (workers, clients) = {
            let mut conn = db.conn().await?;
            (
                store::workers_due(conn.c(), organisation, since).await?,
                store::clients_due(conn.c(), organisation, since, since_instant, today).await?,
            )
        };
        for worker in workers {
            let mut tx = db.begin().await?;
            let Some(account) = store::anonymise_worker_row(tx.c(), worker, now).await? else {
                continue;
            };
            store::clear_worker_texts(tx.c(), worker).await?;
            store::anonymise_account(tx.c(), account).await?;
            record(&mut tx, organisation, "worker", worker.0, months, now).await?;
            tx.commit().await?;
            done.workers += 1;
        }
        for client in clients {
            let mut tx = db.begin().await?;
            let Some(accounts) = store::anonymise_client_row(tx.c(), client, now).await? else {
                continue;
            };
            store::clear_client_texts(tx.c(), client).await?;
            for account in accounts {
                store::anonymise_account(tx.c(), account).await?;
            }
            record(&mut tx, organisation, "client", client.0, months, now).await?;
            tx.commit().await?;
            done.clients += 1;
        }
    }
    Ok(done)
}

async fn record(
    tx: &mut Tx,
    organisation: OrganisationId,
    subject: &'static str,
    id: i64,
    months: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: None,
            action: Action::PersonAnonymised,
            subject,
            subject_id: Some(id),
            detail: format!("retention {months} months"),
        },
        now,
    )
    .await?;
    Ok(())
}
