//! The bemiddelaar: hours this month per municipality, each worker against the 60-hour limit.

use leptos::prelude::*;

use super::layout::{LimitBar, LoadError, Loading, Page};
use crate::i18n::{self, T, t, use_lang};
use crate::reports::{MonthHours, get_month_hours};

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| get_month_hours());
    view! {
        <Page>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(r) => view! { <Report report=r /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Report(report: MonthHours) -> impl IntoView {
    let lang = use_lang();
    let limit = report.limit_minutes;
    let empty = report.municipalities.is_empty();
    let sections = report
        .municipalities
        .into_iter()
        .map(|m| {
            let title_id = format!("m-{}", m.name.to_lowercase().replace(' ', "-"));
            let labelled_by = title_id.clone();
            let summary = i18n::month_total(lang, m.total_minutes, m.workers.len());
            let rows = m
                .workers
                .into_iter()
                .map(|w| {
                    let name = format!("{} {}", w.first_name, w.last_name);
                    view! {
                        <li class="worker-hours" data-worker=w.worker_id.to_string()>
                            <p class="worker-name">{name.clone()}</p>
                            <LimitBar used_minutes=w.minutes limit_minutes=limit label=name />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card municipality" aria-labelledby=labelled_by>
                    <h2 id=title_id>{m.name}</h2>
                    <p>{summary}</p>
                    <ul class="plain">{rows}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>{t(T::HoursPerMunicipality)}</h1>
        <p class="subtitle">{i18n::month_name(lang, report.year, report.month)}</p>
        {empty.then(|| view! { <p>{t(T::NoWorkers)}</p> })}
        {sections}
    }
}
