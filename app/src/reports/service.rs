//! Figures for the organisation's own staff, and the status report for its municipalities.

use chrono::Datelike;

use super::rules as report_rules;
use super::{ChequeYear, Figure, GroupHours, MonthHours, MunicipalityReport, ReportQuery, store};
use crate::clients::ClientKind;
use crate::db::Conn;
use crate::error::{AppError, Field};
use crate::request::Ctx;
use crate::workers::Outcome;
use crate::{clock, organisations, rules};

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

/// The 8 groups of the Flemish activity list, in the list's order.
const GROUPS: [&str; 8] = [
    "prevention",
    "administration",
    "repairs",
    "garden",
    "agriculture",
    "logistics",
    "accompanying",
    "household",
];
const OUTCOMES: [Outcome; 4] = [
    Outcome::Work,
    Outcome::Training,
    Outcome::OtherMeasure,
    Outcome::Stopped,
];
const KINDS: [ClientKind; 5] = [
    ClientKind::PrivatePerson,
    ClientKind::LocalAuthority,
    ClientKind::NonProfit,
    ClientKind::School,
    ClientKind::Agriculture,
];
/// The longest period a report covers.
const LONGEST_PERIOD_DAYS: i64 = 3 * 366;

/// Rapport per gemeente, for a bemiddelaar of the organisation: each figure one aggregate in
/// SQL; the version for outside shields small groups (`rules`) and names nobody.
pub async fn municipality_report(
    ctx: &Ctx,
    conn: &mut Conn,
    query: ReportQuery,
) -> Result<MunicipalityReport, AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    let from = query.from.unwrap_or_else(|| rules::year_bounds(today).0);
    let until = query.until.unwrap_or(today);
    let first_day = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or(from);
    if from < first_day || until < from || (until - from).num_days() > LONGEST_PERIOD_DAYS {
        return Err(AppError::Invalid(Field::Period));
    }
    let municipalities = organisations::municipality_list(conn.c(), organisation).await?;
    let municipality = match query.municipality_id {
        None => None,
        Some(id) => Some(
            municipalities
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.name.clone())
                .ok_or(AppError::NotFound)?,
        ),
    };
    let m = query.municipality_id;
    let anonymous = query.anonymous;
    // The store's periods end before the day after the last.
    let end = until.succ_opt().unwrap_or(until);
    let (active, started) = store::trajectory_counts(conn.c(), organisation, m, from, end).await?;
    let ended = store::ended_by_outcome(conn.c(), organisation, m, from, end).await?;
    let ended: Vec<i64> = OUTCOMES
        .iter()
        .map(|o| ended.iter().find(|(x, _)| x == o).map_or(0, |(_, n)| *n))
        .collect();
    let groups = store::minutes_by_group(conn.c(), organisation, m, from, end).await?;
    let working = store::working_workers(conn.c(), organisation, m, from, end).await?;
    let clients = store::clients_by_kind(conn.c(), organisation, m, from, end).await?;
    let clients: Vec<i64> = KINDS
        .iter()
        .map(|k| clients.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n))
        .collect();
    let (ledger_from, ledger_until) = clock::days_span((from, end));
    let cheques = store::cheques_used(conn.c(), organisation, m, ledger_from, ledger_until).await?;
    let workers = if anonymous {
        Vec::new()
    } else {
        store::report_workers(conn.c(), organisation, m, from, end).await?
    };

    let group_rows: Vec<(i64, i64)> = GROUPS
        .iter()
        .map(|g| {
            groups
                .iter()
                .find(|(x, ..)| x == g)
                .map_or((0, 0), |(_, minutes, people)| (*minutes, *people))
        })
        .collect();
    let people: Vec<i64> = group_rows.iter().map(|(_, p)| *p).collect();
    let hidden = report_rules::shielded(&people, anonymous);
    let by_group = GROUPS
        .iter()
        .zip(group_rows)
        .zip(hidden)
        .map(|((g, (minutes, people)), hide)| GroupHours {
            category: g.to_string(),
            minutes: (!hide).then_some(minutes),
            workers: if hide {
                Figure::Shielded
            } else {
                Figure::Count(people)
            },
        })
        .collect();
    Ok(MunicipalityReport {
        organisation: organisations::name(conn.c(), organisation).await?,
        municipality,
        municipalities: municipalities.into_iter().map(|m| (m.id, m.name)).collect(),
        from,
        until,
        anonymous,
        active_workers: report_rules::figure(active, anonymous),
        working_workers: report_rules::figure(working, anonymous),
        trajectories_started: report_rules::figure(started, anonymous),
        trajectories_ended: OUTCOMES
            .into_iter()
            .zip(report_rules::breakdown(&ended, anonymous))
            .collect(),
        trajectories_ended_total: report_rules::figure(ended.iter().sum(), anonymous),
        minutes: groups.iter().map(|(_, minutes, _)| minutes).sum(),
        by_group,
        clients: KINDS
            .into_iter()
            .zip(report_rules::breakdown(&clients, anonymous))
            .collect(),
        clients_total: report_rules::figure(clients.iter().sum(), anonymous),
        cheques_used: cheques,
        workers,
    })
}
