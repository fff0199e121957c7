//! The bemiddelaar's allowance export.

use super::rules::{self, Month};
use super::{AllowanceMonth, store};
use crate::clock;
use crate::db::Conn;
use crate::error::{AppError, Field};
use crate::organisations;
use crate::request::Ctx;

/// The month's export; `month` as "2026-11", without one the month before this one.
pub async fn month(
    ctx: &Ctx,
    conn: &mut Conn,
    month: Option<String>,
) -> Result<AllowanceMonth, AppError> {
    let organisation = ctx.caller.staff()?;
    let this_month = Month::of(clock::local_date(ctx.now));
    let month = match month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => this_month.previous(),
        Some(text) => Month::parse(text)
            .filter(|m| m.allowed(this_month))
            .ok_or(AppError::Invalid(Field::Month))?,
    };
    let (Some(from), Some(until)) = (month.first_day(), month.next().first_day()) else {
        return Err(AppError::Invalid(Field::Month));
    };
    let settings = organisations::settings(conn.c(), organisation).await?;
    let worked = store::worked(conn.c(), organisation, from, until).await?;
    let (lines, totals) = rules::lines(
        worked,
        settings.allowance_cents_per_hour,
        settings.km_rate_cents,
    );
    Ok(AllowanceMonth {
        organisation: organisations::name(conn.c(), organisation).await?,
        month,
        this_month,
        allowance_cents_per_hour: settings.allowance_cents_per_hour,
        km_rate_cents: settings.km_rate_cents,
        lines,
        totals,
    })
}
