//! The week plan: the organisation's assignments of one week, per worker (a grid on a wide
//! screen) and per day (a list on a phone), one municipality or all, a week back or on.

use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::workers::StaffNav;
use crate::assignments::{PlanItem, get_week_plan};
use crate::error::AppError;
use crate::i18n::{M, T, assignment_status, message, short_date, t, use_lang};
use crate::municipalities::municipalities;
use crate::ui::layout::{LoadError, Loading, Page};

/// `/coordinator/week?day=2026-12-07&municipality=2`.
#[component]
pub fn WeekPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.get();
        (
            q.get("day").and_then(|d| d.parse().ok()),
            q.get("municipality").and_then(|m| m.parse().ok()),
        )
    };
    let page = Resource::new(filter, |(day, municipality)| async move {
        Ok::<_, AppError>((
            municipalities().await?,
            get_week_plan(day, municipality).await?,
        ))
    });
    view! {
        <Page>
            <StaffNav />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (_, municipality) = filter();
                    match page.await {
                        Ok((places, plan)) => {
                            let lang = use_lang();
                            let with_place = |day: chrono::NaiveDate| match municipality {
                                Some(m) => format!("/coordinator/week?day={day}&municipality={m}"),
                                None => format!("/coordinator/week?day={day}"),
                            };
                            let previous = with_place(plan.monday - Duration::days(7));
                            let next = with_place(plan.monday + Duration::days(7));
                            let title = message(
                                lang,
                                M::WeekOf,
                                &[("day", short_date(lang, plan.monday).into())],
                            );
                            let days: Vec<chrono::NaiveDate> = (0..7)
                                .map(|i| plan.monday + Duration::days(i))
                                .collect();
                            view! {
                                <h1>{title}</h1>
                                <nav class="staff-nav" aria-label=t(T::WeekTitle)>
                                    <a href=previous class="btn">{t(T::PreviousWeek)}</a>
                                    <a href=next class="btn">{t(T::NextWeek)}</a>
                                </nav>
                                <form method="get" action="/coordinator/week" class="card filter">
                                    <input type="hidden" name="day" value=plan.monday.to_string() />
                                    <div class="field">
                                        <label for="week-municipality">{t(T::FieldMunicipality)}</label>
                                        <select id="week-municipality" name="municipality">
                                            <option value="">{t(T::AllMunicipalities)}</option>
                                            {places
                                                .into_iter()
                                                .map(|m| {
                                                    let selected = Some(m.id) == municipality;
                                                    view! {
                                                        <option value=m.id.to_string() selected=selected>
                                                            {m.name}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="btn">{t(T::Show)}</button>
                                </form>
                                <WeekGrid days=days.clone() items=plan.items.clone() />
                                <DayList days items=plan.items />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn item_text(item: &PlanItem) -> String {
    let start = item
        .planned_start
        .map(|s| s.format("%H:%M ").to_string())
        .unwrap_or_default();
    format!(
        "{start}{} · {} · {}",
        item.client_name,
        item.activity,
        t(assignment_status(item.status))
    )
}

/// Per worker, a row with the seven days (wide screens).
#[component]
fn WeekGrid(days: Vec<chrono::NaiveDate>, items: Vec<PlanItem>) -> impl IntoView {
    let lang = use_lang();
    let mut workers: Vec<(crate::ids::WorkerId, String, String)> = items
        .iter()
        .map(|i| (i.worker_id, i.worker_name.clone(), i.municipality.clone()))
        .collect();
    workers.sort_by(|a, b| a.1.cmp(&b.1));
    workers.dedup_by_key(|w| w.0);
    let head = days
        .iter()
        .map(|d| view! { <th scope="col">{short_date(lang, *d)}</th> })
        .collect_view();
    let rows = workers
        .into_iter()
        .map(|(id, name, place)| {
            let cells = days
                .iter()
                .map(|d| {
                    let here: Vec<String> = items
                        .iter()
                        .filter(|i| i.worker_id == id && i.planned_date == *d)
                        .map(item_text)
                        .collect();
                    view! {
                        <td>
                            {here.into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name} <br /> <small>{place}</small></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="week-grid">
            <table>
                <caption class="visually-hidden">{t(T::WeekTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(T::WorkerColumn)}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Per day, the assignments with their worker (a phone).
#[component]
fn DayList(days: Vec<chrono::NaiveDate>, items: Vec<PlanItem>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="week-days">
            {days
                .into_iter()
                .map(|d| {
                    let here: Vec<&PlanItem> = items.iter().filter(|i| i.planned_date == d).collect();
                    let list = if here.is_empty() {
                        view! { <p>{t(T::NothingPlanned)}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {here
                                    .into_iter()
                                    .map(|i| {
                                        view! { <li><strong>{i.worker_name.clone()}</strong> " · " {item_text(i)}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    };
                    view! {
                        <section class="card">
                            <h2>{short_date(lang, d)}</h2>
                            {list}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
