//! Vergoedingen: a month's allowance per wijk-werker, with the totals and the files for the
//! payment (CSV, XLSX). Rendered on the server: links only, no code for the phone to run.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::workers::StaffNav;
use crate::allowances::{AllowanceMonth, WorkerMonth, get_allowance_month};
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::ui::layout::{LoadError, Loading, Page};

/// `/coordinator/allowances?month=2026-11`.
#[component]
pub fn AllowancesPage() -> impl IntoView {
    let query = use_query_map();
    let month = move || query.get().get("month");
    let export = Resource::new(month, get_allowance_month);
    view! {
        <Page>
            <StaffNav />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match export.await {
                        Ok(export) => view! { <Export export /> }.into_any(),
                        Err(e) => {
                            view! {
                                <h1>{t(T::ToAllowances)}</h1>
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

#[component]
fn Export(export: AllowanceMonth) -> impl IntoView {
    let lang = use_lang();
    let month = export.month;
    let (title, rates) = export.title(lang);
    let totals = &export.totals;
    let summary = message(
        lang,
        M::AllowanceTotals,
        &[
            ("n", totals.workers.into()),
            ("entries", totals.sums.entries.into()),
            ("total", i18n::money(lang, totals.total_cents).into()),
        ],
    );
    let previous = format!("/coordinator/allowances?month={}", month.previous());
    let next = (month < export.this_month)
        .then(|| format!("/coordinator/allowances?month={}", month.next()));
    let empty = export.lines.is_empty();
    let lines = export
        .lines
        .into_iter()
        .map(|line| view! { <Line line /> })
        .collect_view();
    view! {
        <h1>{title}</h1>
        <p class="subtitle">{export.organisation.clone()}</p>
        <nav class="staff-nav" aria-label=t(T::ToAllowances)>
            <a href=previous class="btn">{t(T::PreviousMonth)}</a>
            {next.map(|href| view! { <a href=href class="btn">{t(T::NextMonth)}</a> })}
        </nav>
        <section class="card" aria-labelledby="allowance-totals">
            <h2 id="allowance-totals">{t(T::TotalRow)}</h2>
            <p>{t(T::AllowancesIntro)}</p>
            <p>{rates}</p>
            <p class="allowance-total" data-total-cents=totals.total_cents.to_string()>
                <strong>{summary}</strong>
            </p>
            <p class="downloads">
                <a class="btn" href=format!("/coordinator/allowances/{month}.xlsx") download>
                    {t(T::DownloadXlsx)}
                </a>
                <a class="btn" href=format!("/coordinator/allowances/{month}.csv") download>
                    {t(T::DownloadCsv)}
                </a>
            </p>
        </section>
        {if empty {
            view! { <p>{t(T::NoAllowances)}</p> }.into_any()
        } else {
            view! { <ul class="plain allowance-lines">{lines}</ul> }.into_any()
        }}
    }
}

#[component]
fn Line(line: WorkerMonth) -> impl IntoView {
    let lang = use_lang();
    let s = line.earned.sums;
    let name = format!("{} {}", line.first_name, line.last_name);
    let work = format!(
        "{} · {} · {} · {} · {}",
        line.municipality,
        message(lang, M::EntriesCount, &[("n", s.entries.into())]),
        i18n::duration(lang, s.minutes),
        message(lang, M::ChequesCount, &[("n", s.cheques.into())]),
        message(
            lang,
            M::KmPaidOf,
            &[("km", s.km.into()), ("paid", s.paid_km.into())]
        ),
    );
    let e = &line.earned;
    view! {
        <li class="card allowance-line" data-worker=line.worker_id.to_string()>
            <p class="worker-name">{name}</p>
            <p>{work}</p>
            <p>
                <strong data-cents=e.total_cents.to_string()>
                    {i18n::money(lang, e.total_cents)}
                </strong>
                " ("
                {i18n::money(lang, e.work_cents)}
                " + "
                {i18n::money(lang, e.km_cents)}
                ")"
            </p>
        </li>
    }
}
