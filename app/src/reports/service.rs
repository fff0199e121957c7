//! Figures for the organisation's own staff.

use chrono::Datelike;

use super::{ChequeYear, MonthHours, store};
use crate::db::Conn;
use crate::error::AppError;
use crate::request::Ctx;
use crate::{clock, rules};

/// Hours this month per municipality, for a coordinator of the organisation.
pub async fn month_hours(ctx: &Ctx, conn: &mut Conn) -> Result<MonthHours, AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    let (from, until) = rules::month_bounds(today);
    let rows = store::worker_minutes(conn.c(), organisation, from, until).await?;
    Ok(MonthHours::from_rows(today.year(), today.month(), rows))
}

/// This year's cheques per municipality: what was bought, used and left to expire.
pub async fn cheque_year(ctx: &Ctx, conn: &mut Conn) -> Result<ChequeYear, AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    let (from, until) = clock::days_span(rules::year_bounds(today));
    let municipalities = store::cheque_figures(conn.c(), organisation, from, until).await?;
    Ok(ChequeYear {
        year: today.year(),
        municipalities,
    })
}
