//! Figures for the organisation's own staff, and the status report for its municipalities.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use super::rules as report_rules;
use super::{
    ChequeYear, Figure, GroupHours, MonthHours, MunicipalityReport, ReportQuery, ReportWorker,
    store,
};
use crate::activities::FLEMISH_LIST;
use crate::clients::ClientKind;
use crate::db::Conn;
use crate::error::{AppError, Field};
use crate::ids::{ClientId, MunicipalityId, WorkerId};
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

/// The longest period a report covers.
const LONGEST_PERIOD_DAYS: i64 = 3 * 366;

/// Rapport per gemeente, for a bemiddelaar of the organisation: whole months from the monthly
/// summaries, the days around them from the prestaties; the version for outside shields small
/// groups (`rules`) and names nobody.
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
    let here = |place: MunicipalityId| m.is_none_or(|chosen| chosen == place);
    // The store's periods end before the day after the last.
    let end = until.succ_opt().unwrap_or(until);
    let parts = report_rules::split_by_month(from, end);
    let people = store::trajectories(conn.c(), organisation, m, from, end).await?;

    // Worker figures by where the worker lives, gebruiker figures by where the gebruiker is:
    // whole months from the summaries, the days around them from the prestaties.
    let mut per_worker: HashMap<WorkerId, i64> = HashMap::new();
    // Per group of the Flemish list and per kind of gebruiker, in their order.
    let mut group_minutes = vec![0i64; FLEMISH_LIST.len()];
    let mut group_workers: Vec<HashSet<WorkerId>> = vec![HashSet::new(); FLEMISH_LIST.len()];
    let mut clients: Vec<HashSet<ClientId>> = vec![HashSet::new(); ClientKind::ALL.len()];
    let mut add_work = |worker: WorkerId, lives: MunicipalityId, category: &str, minutes: i64| {
        if here(lives) {
            *per_worker.entry(worker).or_default() += minutes;
            if let Some(g) = FLEMISH_LIST.iter().position(|(g, _)| *g == category) {
                group_minutes[g] += minutes;
                group_workers[g].insert(worker);
            }
        }
    };
    let mut add_client = |client: ClientId, kind: ClientKind, place: MunicipalityId| {
        if here(place)
            && let Some(k) = ClientKind::ALL.iter().position(|c| *c == kind)
        {
            clients[k].insert(client);
        }
    };
    let (months_from, months_until) = parts.months;
    let mut cheques = 0;
    if months_from < months_until {
        for sum in
            store::worker_month_sums(conn.c(), organisation, months_from, months_until).await?
        {
            add_work(
                sum.worker_id,
                sum.worker_municipality,
                &sum.category,
                sum.minutes,
            );
        }
        for c in store::client_month_sums(conn.c(), organisation, months_from, months_until).await?
        {
            if c.minutes > 0 {
                add_client(c.client_id, c.client_kind, c.client_municipality);
            }
            if here(c.client_municipality) {
                cheques += c.cheques_used;
            }
        }
    }
    for (day_from, day_until) in parts.edges.into_iter().filter(|(a, b)| a < b) {
        for sum in store::work_sums(conn.c(), organisation, day_from, day_until).await? {
            add_work(
                sum.worker_id,
                sum.worker_municipality,
                &sum.category,
                sum.minutes,
            );
            add_client(sum.client_id, sum.client_kind, sum.client_municipality);
        }
        let (ledger_from, ledger_until) = clock::days_span((day_from, day_until));
        cheques +=
            store::cheques_used(conn.c(), organisation, m, ledger_from, ledger_until).await?;
    }
    let in_period = |day: chrono::NaiveDate| day >= from && day < end;
    let started = people
        .iter()
        .filter(|w| in_period(w.trajectory_start))
        .count() as i64;
    let ended: Vec<i64> = Outcome::ALL
        .iter()
        .map(|o| {
            let ended_so =
                |w: &&ReportWorker| w.outcome == Some(*o) && w.ended_on.is_some_and(in_period);
            people.iter().filter(ended_so).count() as i64
        })
        .collect();
    let clients: Vec<i64> = clients.iter().map(|set| set.len() as i64).collect();
    let workers = if anonymous {
        Vec::new()
    } else {
        people
            .iter()
            .map(|w| ReportWorker {
                minutes: per_worker.get(&w.worker_id).copied().unwrap_or(0),
                ..w.clone()
            })
            .collect()
    };
    let people_per_group: Vec<i64> = group_workers.iter().map(|set| set.len() as i64).collect();
    let hidden = report_rules::shielded(&people_per_group, anonymous);
    let by_group = FLEMISH_LIST
        .iter()
        .enumerate()
        .zip(hidden)
        .map(|((g, (name, _)), hide)| GroupHours {
            category: name.to_string(),
            minutes: (!hide).then_some(group_minutes[g]),
            workers: if hide {
                Figure::Shielded
            } else {
                Figure::Count(people_per_group[g])
            },
        })
        .collect();
    let active = people.len() as i64;
    let working = per_worker.len() as i64;
    let minutes = group_minutes.iter().sum();
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
        trajectories_ended: Outcome::ALL
            .iter()
            .copied()
            .zip(report_rules::breakdown(&ended, anonymous))
            .collect(),
        trajectories_ended_total: report_rules::figure(ended.iter().sum(), anonymous),
        minutes,
        by_group,
        clients: ClientKind::ALL
            .iter()
            .copied()
            .zip(report_rules::breakdown(&clients, anonymous))
            .collect(),
        clients_total: report_rules::figure(clients.iter().sum(), anonymous),
        cheques_used: cheques,
        workers,
    })
}

/// Rows of the monthly summaries that differ from what the prestaties and the ledger add up
/// to now, for `server check`: (wijk-werker rows, gebruiker rows). The months of the ledger
/// are recomputed with the app's own Brussels clock, so the database's own month rule is
/// checked too.
pub async fn summaries_off(conn: &mut Conn) -> Result<(usize, usize), sqlx::Error> {
    use std::collections::BTreeMap;
    type Key = (i64, i64, i64, chrono::NaiveDate);
    let month_of = |day: chrono::NaiveDate| rules::month_bounds(day).0;
    let mut worker_months: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for (org, worker, activity, month, minutes, _) in store::worker_months(conn.c()).await? {
        worker_months.insert((org, worker, activity, month), (minutes, 0));
    }
    let mut client_months: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for (org, client, _, month, minutes, _) in store::client_months(conn.c()).await? {
        client_months.insert((org, client, 0, month), (minutes, 0));
    }
    for (org, client, at, cheques) in store::cheque_payments(conn.c()).await? {
        let key = (org, client, 0, month_of(clock::local_date(at)));
        client_months.entry(key).or_default().1 += cheques;
    }
    let kept_workers = store::summary_rows(conn.c(), store::WORKER_SUMMARY).await?;
    let kept_clients = store::summary_rows(conn.c(), store::CLIENT_SUMMARY).await?;
    let off = |mut expected: BTreeMap<Key, (i64, i64)>, kept: Vec<store::SummaryRow>| {
        expected.retain(|_, figures| *figures != (0, 0));
        let mut off = 0;
        for (org, id, activity, month, minutes, cheques) in kept {
            if expected.remove(&(org, id, activity, month)) != Some((minutes, cheques)) {
                off += 1;
            }
        }
        off + expected.len()
    };
    Ok((
        off(worker_months, kept_workers),
        off(client_months, kept_clients),
    ))
}
