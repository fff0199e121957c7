//! Rapport per gemeente: the status report a bemiddelaar sends a municipality — figures and
//! bar charts (SVG drawn here), the files, and a printable page. A plain GET form: the choice
//! is in the address, so the page, its print version and its files show the same. Rendered on
//! the server: no code for the phone to run.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::workers::StaffNav;
use super::{clients::kind_key, organisation::category_key, workers::outcome_key};
use crate::i18n::{self, T, t, use_lang};
use crate::ids::MunicipalityId;
use crate::reports::{Figure, MunicipalityReport, ReportQuery, get_municipality_report};
use crate::ui::layout::{LoadError, Loading, Page};

/// `/coordinator/reports?municipality_id=3&from=2026-01-01&until=2026-12-03&anonymous=true`,
/// and `&print=true` for the printable page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.get();
        let date = |name: &str| q.get(name).and_then(|d| d.parse().ok());
        ReportQuery {
            municipality_id: q
                .get("municipality_id")
                .and_then(|m| m.parse().ok())
                .map(MunicipalityId),
            from: date("from"),
            until: date("until"),
            anonymous: q.get("anonymous").is_some_and(|a| a == "true"),
        }
    };
    let print = move || query.get().get("print").is_some_and(|p| p == "true");
    let report = Resource::new(asked, |q| {
        get_municipality_report(q.municipality_id, q.from, q.until, q.anonymous)
    });
    view! {
        <Page>
            {move || (!print()).then(|| view! { <StaffNav /> })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(report) => {
                            view! { <Report report query=asked() print=print() /> }.into_any()
                        }
                        Err(e) => {
                            view! {
                                <h1>{t(T::ToReports)}</h1>
                                <LoadError error=e />
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn shown(f: Figure) -> String {
    match f {
        Figure::Count(n) => n.to_string(),
        Figure::Shielded => t(T::Shielded).to_string(),
    }
}

#[component]
fn Report(report: MunicipalityReport, query: ReportQuery, print: bool) -> impl IntoView {
    let lang = use_lang();
    let title = report.title(lang);
    let params = query.to_query_string(&report);
    let version = report.version(lang);
    let hours = i18n::duration(lang, report.minutes);
    let ended: Vec<Bar> = report
        .trajectories_ended
        .iter()
        .map(|(o, f)| Bar::of(t(outcome_key(*o)).to_string(), *f))
        .collect();
    let groups: Vec<Bar> = report
        .by_group
        .iter()
        .map(|g| {
            let label =
                category_key(&g.category).map_or(g.category.clone(), |key| t(key).to_string());
            Bar {
                label,
                value: g.minutes,
                text: g
                    .minutes
                    .map_or(t(T::Shielded).to_string(), |m| i18n::duration(lang, m)),
                extra: Some(shown(g.workers)),
            }
        })
        .collect();
    let clients: Vec<Bar> = report
        .clients
        .iter()
        .map(|(k, f)| Bar::of(t(kind_key(*k)).to_string(), *f))
        .collect();
    let workers = (!report.anonymous).then(|| view! { <WorkerTable report=report.clone() /> });
    view! {
        <h1>{t(T::ToReports)}</h1>
        <p class="subtitle">{report.organisation.clone()} " · " {version}</p>
        <p>{title}</p>
        <p class="muted">{t(T::ReportIntro)}</p>
        {(!print).then(|| view! { <ReportForm report=report.clone() query=query.clone() /> })}
        {(!print)
            .then(|| {
                view! {
                    <p class="downloads">
                        <a class="btn" href=format!("/coordinator/reports/rapport.xlsx?{params}") download>
                            {t(T::DownloadXlsx)}
                        </a>
                        <a class="btn" href=format!("/coordinator/reports/rapport.csv?{params}") download>
                            {t(T::DownloadCsv)}
                        </a>
                        <a class="btn" href=format!("/coordinator/reports?{params}&print=true")>
                            {t(T::PrintableVersion)}
                        </a>
                    </p>
                }
            })}
        <section class="card report-figures" aria-labelledby="report-people">
            <h2 id="report-people">{t(T::ActiveWorkers)}</h2>
            <dl class="figures">
                <dt>{t(T::ActiveWorkers)}</dt>
                <dd data-figure="active">{shown(report.active_workers)}</dd>
                <dt>{t(T::WorkingWorkers)}</dt>
                <dd data-figure="working">{shown(report.working_workers)}</dd>
                <dt>{t(T::TrajectoriesStarted)}</dt>
                <dd data-figure="started">{shown(report.trajectories_started)}</dd>
                <dt>{t(T::TrajectoriesEnded)}</dt>
                <dd data-figure="ended">{shown(report.trajectories_ended_total)}</dd>
                <dt>{t(T::HoursWorked)}</dt>
                <dd data-figure="minutes" data-minutes=report.minutes.to_string()>{hours}</dd>
                <dt>{t(T::ReportChequesUsed)}</dt>
                <dd data-figure="cheques">{report.cheques_used.to_string()}</dd>
            </dl>
        </section>
        <Breakdown id="report-ended" title=T::TrajectoriesEnded bars=ended extra=None />
        <Breakdown id="report-groups" title=T::HoursByGroup bars=groups extra=Some(T::ColWorkers) />
        <Breakdown id="report-clients" title=T::ClientsByKind bars=clients extra=None />
        {report.anonymous.then(|| view! { <p class="muted">{t(T::ShieldedNote)}</p> })}
        {workers}
    }
}

/// The choice: municipality, period, version.
#[component]
fn ReportForm(report: MunicipalityReport, query: ReportQuery) -> impl IntoView {
    let chosen = query.municipality_id;
    let options = report
        .municipalities
        .iter()
        .map(|(id, name)| {
            view! {
                <option value=id.to_string() selected=chosen == Some(*id)>
                    {name.clone()}
                </option>
            }
        })
        .collect_view();
    view! {
        <form method="get" action="/coordinator/reports" class="card report-form">
            <div class="field">
                <label for="report-municipality">{t(T::FieldMunicipality)}</label>
                <select id="report-municipality" name="municipality_id">
                    <option value="" selected=chosen.is_none()>{t(T::AllMunicipalities)}</option>
                    {options}
                </select>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="report-from">{t(T::FieldFrom)}</label>
                    <input id="report-from" type="date" name="from" value=i18n::iso_date(report.from) required />
                </div>
                <div class="field">
                    <label for="report-until">{t(T::FieldUntil)}</label>
                    <input id="report-until" type="date" name="until" value=i18n::iso_date(report.until) required />
                </div>
            </div>
            <div class="field check">
                <input id="report-anonymous" type="checkbox" name="anonymous" value="true" checked=report.anonymous />
                <label for="report-anonymous">{t(T::FieldAnonymous)}</label>
            </div>
            <button type="submit" class="btn btn-primary">{t(T::ShowReport)}</button>
        </form>
    }
}

/// One bar of a chart, with its words.
#[derive(Clone)]
struct Bar {
    label: String,
    /// `None` when shielded: no bar.
    value: Option<i64>,
    text: String,
    /// A second column (the workers behind hours).
    extra: Option<String>,
}

impl Bar {
    fn of(label: String, f: Figure) -> Bar {
        Bar {
            label,
            value: f.count(),
            text: shown(f),
            extra: None,
        }
    }
}

/// A breakdown as a table (the figures) and a bar chart drawn in SVG beside it (the same
/// figures as lengths, so hidden from screen readers, which read the table).
#[component]
fn Breakdown(id: &'static str, title: T, bars: Vec<Bar>, extra: Option<T>) -> impl IntoView {
    let most = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1);
    const ROW: i64 = 28;
    const WIDTH: i64 = 320;
    const LABEL: i64 = 0;
    let height = ROW * bars.len() as i64;
    let chart = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = ROW * i as i64;
            let length = b.value.map_or(0, |v| (v * (WIDTH - 90) / most).max(if v > 0 { 2 } else { 0 }));
            view! {
                <g>
                    <rect x=LABEL y=y + 4 width=length height=ROW - 10 class="bar"></rect>
                    <text x=LABEL + length + 6 y=y + ROW / 2 + 4 class="bar-text">{b.text.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">{b.label}</th>
                    <td>{b.text}</td>
                    {b.extra.map(|e| view! { <td>{e}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card breakdown" aria-labelledby=id>
            <h2 id=id>{t(title)}</h2>
            <div class="breakdown-body">
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(T::ColGroup)}</th>
                            <th scope="col">{t(T::ColValue)}</th>
                            {extra.map(|e| view! { <th scope="col">{t(e)}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <svg
                    class="chart"
                    viewBox=format!("0 0 {WIDTH} {height}")
                    width="100%"
                    aria-hidden="true"
                    focusable="false"
                >
                    {chart}
                </svg>
            </div>
        </section>
    }
}

/// The organisation's own version: who was in a trajectory in the period, with their hours.
#[component]
fn WorkerTable(report: MunicipalityReport) -> impl IntoView {
    let lang = use_lang();
    let rows = report
        .workers
        .into_iter()
        .map(|w| {
            let end = w.ended_on.unwrap_or(w.trajectory_planned_end);
            let outcome = w
                .outcome
                .map_or(t(T::StillRunning).to_string(), |o| t(outcome_key(o)).to_string());
            view! {
                <tr data-worker=w.worker_id.to_string()>
                    <th scope="row">{format!("{} {}", w.first_name, w.last_name)}</th>
                    <td>{w.municipality}</td>
                    <td>{format!("{} – {}", i18n::iso_date(w.trajectory_start), i18n::iso_date(end))}</td>
                    <td>{outcome}</td>
                    <td>{i18n::duration(lang, w.minutes)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="report-workers">
            <h2 id="report-workers">{t(T::ReportWorkers)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="report-workers">
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(T::ColWorker)}</th>
                            <th scope="col">{t(T::FieldMunicipality)}</th>
                            <th scope="col">{t(T::ColTrajectory)}</th>
                            <th scope="col">{t(T::ColOutcome)}</th>
                            <th scope="col">{t(T::ColHours)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
