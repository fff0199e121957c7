//! The bemiddelaar's home: hours this month per municipality, each worker against the 60-hour
//! limit, what waits for cheques and the year's cheques per municipality.

use leptos::prelude::*;

pub mod allowances;
pub mod cheques;
pub mod clients;
pub mod organisation;
pub mod payments;
pub mod reports;
pub mod requests;
pub mod review;
pub mod settings;
pub mod week;
pub mod workers;

use super::layout::{LimitBar, LoadError, Loading, Page};
use crate::clients::{OwingClient, waiting_for_cheques};
use crate::error::AppError;
use crate::i18n::{self, M, T, t, use_lang};
use crate::reports::{ChequeYear, MonthHours, get_cheque_year, get_month_hours};

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    // One load, one answer: a worker who opens this screen gets one "not for you".
    let page = Resource::new(
        || (),
        |_| async {
            Ok::<_, AppError>((
                get_month_hours().await?,
                waiting_for_cheques().await?,
                get_cheque_year().await?,
            ))
        },
    );
    view! {
        <Page>
            <workers::StaffNav />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok((report, owing, cheques)) => {
                            view! {
                                <Report report />
                                <WaitingForCheques owing />
                                <ChequesPerMunicipality cheques />
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

/// Wacht op cheques: prestaties confirmed (mostly automatically) while the gebruiker had too
/// few cheques; the bemiddelaar follows up the purchase.
#[component]
pub fn WaitingForCheques(owing: Vec<OwingClient>) -> impl IntoView {
    let lang = use_lang();
    let empty = owing.is_empty();
    let items = owing
        .into_iter()
        .map(|o| {
            let what = i18n::message(
                lang,
                M::OwingLine,
                &[("entries", o.entries.into()), ("cheques", o.cheques.into())],
            );
            view! {
                <li class="owing" data-client=o.client_id.to_string()>
                    <a class="person-link" href=format!("/coordinator/clients/{}", o.client_id)>
                        <strong>{format!("{} · {}", o.name, o.client_number)}</strong>
                    </a>
                    <p>{what}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="owing-title" class="card">
            <h2 id="owing-title">{t(T::WaitingForChequesTitle)}</h2>
            {empty.then(|| view! { <p>{t(T::NobodyWaitsForCheques)}</p> })}
            <ul class="plain">{items}</ul>
        </section>
    }
}

/// This year's cheques per municipality: bought, used, and expired unused (the decree's year of
/// validity; what gebruikers lost is worth a call).
#[component]
fn ChequesPerMunicipality(cheques: ChequeYear) -> impl IntoView {
    let lang = use_lang();
    let title = i18n::message(
        lang,
        M::ChequesPerMunicipality,
        &[("year", i64::from(cheques.year).into())],
    );
    let empty = cheques.municipalities.is_empty();
    let rows = cheques
        .municipalities
        .into_iter()
        .map(|m| {
            let lost = m.expired > 0;
            view! {
                <tr>
                    <th scope="row">{m.municipality}</th>
                    <td>{m.bought}</td>
                    <td>{m.used}</td>
                    <td class:warn=lost>{m.expired}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="cheque-year-title" class="card cheque-year">
            <h2 id="cheque-year-title">{title}</h2>
            {if empty {
                view! { <p>{t(T::NoChequesThisYear)}</p> }.into_any()
            } else {
                view! {
                    <table class="figures">
                        <thead>
                            <tr>
                                <th scope="col">{t(T::FieldMunicipality)}</th>
                                <th scope="col">{t(T::ChequesBought)}</th>
                                <th scope="col">{t(T::ChequesUsed)}</th>
                                <th scope="col">{t(T::ChequesExpiredColumn)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
