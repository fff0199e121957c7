//! The allowance use cases: the bemiddelaar's month export, the rates and their history, and
//! the worker's estimate — all reckoned by `rules::earned` on the same sums.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::rules::{self, Earned, Month, Rates, RatesProblem, Sums, WorkerMonth};
use super::store::{self, Counted};
use super::{AllowanceBasis, AllowanceMonth, RatesOverview};
use crate::audit::{self, Action, Event};
use crate::clock;
use crate::db::{Conn, Connection, DbConn, Tx};
use crate::error::{AppError, Field};
use crate::ids::{OrganisationId, WorkerId};
use crate::organisations;
use crate::organisations::rules::parse_euros;
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
    let bounds = month_bounds(month)?;
    let periods = periods(conn.c(), organisation, bounds).await?;
    // Each worker's sums per period, merged by worker; then the lines by name.
    let mut by_worker: BTreeMap<WorkerId, (store::WorkerSums, Vec<(Rates, Sums)>)> =
        BTreeMap::new();
    for (rates, from, until) in &periods {
        let sums = store::organisation_sums(
            conn.c(),
            organisation,
            (*from, *until),
            rates,
            Counted::Paid,
        )
        .await?;
        for row in sums {
            let part = (rates.clone(), row.sums);
            by_worker
                .entry(row.worker_id)
                .or_insert_with(|| (row, Vec::new()))
                .1
                .push(part);
        }
    }
    let mut lines: Vec<WorkerMonth> = by_worker
        .into_values()
        .map(|(w, parts)| WorkerMonth {
            worker_id: w.worker_id,
            first_name: w.first_name,
            last_name: w.last_name,
            municipality: w.municipality,
            earned: rules::earned(parts),
        })
        .collect();
    lines.sort_by(|a, b| {
        (&a.last_name, &a.first_name, a.worker_id).cmp(&(&b.last_name, &b.first_name, b.worker_id))
    });
    let totals = rules::totals(&lines);
    let rates = periods
        .into_iter()
        .map(|(r, from, until)| (r, from, until.pred_opt().unwrap_or(until)))
        .collect();
    Ok(AllowanceMonth {
        organisation: organisations::name(conn.c(), organisation).await?,
        month,
        this_month,
        rates,
        lines,
        totals,
    })
}

fn month_bounds(month: Month) -> Result<(NaiveDate, NaiveDate), AppError> {
    match (month.first_day(), month.next().first_day()) {
        (Some(from), Some(until)) => Ok((from, until)),
        _ => Err(AppError::Invalid(Field::Month)),
    }
}

/// The periods of [from, until) with the organisation's rates in force in each.
async fn periods(
    c: DbConn<'_>,
    organisation: OrganisationId,
    (from, until): (NaiveDate, NaiveDate),
) -> Result<Vec<(Rates, NaiveDate, NaiveDate)>, AppError> {
    let history = store::in_force_between(c, organisation, from, until).await?;
    Ok(rules::periods(&with_decree_base(history), from, until))
}

/// Every set of rates the organisation had, the decree's base included, latest first.
pub async fn rates_history(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<Vec<Rates>, AppError> {
    Ok(with_decree_base(
        store::history(conn.c(), organisation).await?,
    ))
}

/// An organisation pays the decree's rates until it set its own: the base under its history
/// (any order) when nothing of it reaches back to the first day of wijk-werken.
fn with_decree_base(mut history: Vec<Rates>) -> Vec<Rates> {
    let base = Rates::decree();
    if history.iter().all(|r| r.valid_from > base.valid_from) {
        history.push(base);
    }
    history
}

/// The organisation's rates in force on `day`.
pub async fn in_force_on(
    conn: &mut Conn,
    organisation: OrganisationId,
    day: NaiveDate,
) -> Result<Rates, AppError> {
    let next = day.succ_opt().unwrap_or(day);
    let mut found = periods(conn.c(), organisation, (day, next)).await?;
    Ok(found
        .pop()
        .map_or_else(Rates::decree, |(rates, _, _)| rates))
}

/// What a worker's prestaties of `month`'s days earn (`Counted::Paid`: what the export pays;
/// `Counted::Waiting`: what waits), by the same rules and sums as the export.
pub async fn worker_month(
    conn: &mut Conn,
    organisation: OrganisationId,
    worker: WorkerId,
    month: Month,
    counted: Counted,
) -> Result<Earned, AppError> {
    let bounds = month_bounds(month)?;
    let mut parts = Vec::new();
    for (rates, from, until) in periods(conn.c(), organisation, bounds).await? {
        let sums = store::worker_sums(conn.c(), worker, (from, until), &rates, counted).await?;
        if sums.entries > 0 {
            parts.push((rates, sums));
        }
    }
    Ok(rules::earned(parts))
}

/// The rates card of Organisatie-instellingen.
pub async fn overview(ctx: &Ctx, conn: &mut Conn) -> Result<RatesOverview, AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    let history = with_decree_base(store::history(conn.c(), organisation).await?);
    let in_force = history
        .iter()
        .find(|r| r.valid_from <= today)
        .cloned()
        .unwrap_or_else(Rates::decree);
    Ok(RatesOverview {
        today: in_force,
        history,
        next_from: rules::next_rates_from(today),
    })
}

/// The rates form as sent: amounts as typed.
pub struct RatesForm {
    pub allowance: String,
    pub basis: AllowanceBasis,
    pub km_rate: String,
    pub km_threshold: i64,
    pub valid_from: NaiveDate,
}

/// New rates from a day on (today or later): the months before keep their euros. Audited with
/// the rates they replace on that day.
pub async fn set_rates(ctx: &Ctx, tx: &mut Tx, form: RatesForm) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    let rates = Rates {
        valid_from: form.valid_from,
        allowance_cents: parse_euros(&form.allowance)
            .ok_or(AppError::Invalid(Field::AllowanceRate))?,
        basis: form.basis,
        km_rate_cents: parse_euros(&form.km_rate).ok_or(AppError::Invalid(Field::KmRate))?,
        km_threshold: form.km_threshold,
    };
    rules::check_rates(&rates, today).map_err(|problem| {
        AppError::Invalid(match problem {
            RatesProblem::Allowance => Field::AllowanceRate,
            RatesProblem::KmRate => Field::KmRate,
            RatesProblem::KmThreshold => Field::KmThreshold,
            RatesProblem::From => Field::RatesFrom,
        })
    })?;
    let day = rates.valid_from;
    let before = store::in_force_between(tx.c(), organisation, day, day.succ_opt().unwrap_or(day))
        .await?
        .into_iter()
        .next();
    store::set_from(
        tx.c(),
        organisation,
        &rates,
        Some(ctx.caller.account),
        ctx.now,
    )
    .await?;
    let detail = format!("from {day}: before {before:?}; after {rates:?}");
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::AllowanceRatesChanged,
            subject: "organisation",
            subject_id: Some(organisation.0),
            detail,
        },
        ctx.now,
    )
    .await?;
    Ok(())
}
