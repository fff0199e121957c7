//! Uitbetaling: a month's payment run — a line per worker with the month's prestaties and the
//! corrections of earlier months, who has no IBAN yet — closed once, with the bank file and a
//! statement per worker to download. Rendered on the server, the closing a plain form: the
//! bemiddelaar's screens cost the phones nothing.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::workers::StaffNav;
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::payments::{CloseBlock, LineStatus, LineSums, PaymentRun, RunLine, get_payment_run};
use crate::ui::layout::{LoadError, Loading, Page, PlainFormError};

/// `/coordinator/payments?month=2026-11`.
#[component]
pub fn PaymentsPage() -> impl IntoView {
    let query = use_query_map();
    let month = move || query.get().get("month");
    let run = Resource::new(month, get_payment_run);
    view! {
        <Page>
            <StaffNav />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match run.await {
                        Ok(run) => view! { <Run run /> }.into_any(),
                        Err(e) => {
                            view! {
                                <h1>{t(T::ToPayments)}</h1>
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
fn Run(run: PaymentRun) -> impl IntoView {
    let lang = use_lang();
    let month = run.month;
    let name = i18n::month_name(lang, month.year, month.month);
    let title = message(lang, M::PaymentRunTitle, &[("month", name.into())]);
    let previous = format!("/coordinator/payments?month={}", month.previous());
    let next =
        (month < run.this_month).then(|| format!("/coordinator/payments?month={}", month.next()));
    let summary = message(
        lang,
        M::PaymentRunSummary,
        &[
            ("n", run.transfers.into()),
            ("total", i18n::money(lang, run.transfer_cents).into()),
        ],
    );
    let state = match (&run.closed, run.blocked) {
        (Some(c), _) => {
            let when = crate::brussels::local(c.closed_at);
            message(
                lang,
                M::PaymentRunClosedOn,
                &[
                    ("day", i18n::short_date(lang, when.date()).into()),
                    ("time", i18n::hm(when.time()).into()),
                    ("who", c.closed_by.clone().unwrap_or_default().into()),
                ],
            )
        }
        (None, Some(block)) => t(match block {
            CloseBlock::MonthNotOver => T::RunMonthNotOver,
            CloseBlock::LaterRunClosed => T::RunLaterClosed,
            CloseBlock::NoOrganisationAccount => T::RunNoAccount,
            CloseBlock::NothingToPay => T::RunNothingToPay,
        })
        .to_string(),
        (None, None) => t(T::RunOpen).to_string(),
    };
    let closed = run.closed.is_some();
    let downloads = closed.then(|| {
        view! {
            <p class="downloads">
                <a class="btn" href=format!("/coordinator/payments/{month}.xml") download>
                    {t(T::DownloadSepa)}
                </a>
            </p>
        }
    });
    let can_close = !closed && run.blocked.is_none();
    let total = run.transfer_cents;
    let empty = run.lines.is_empty();
    let lines = run
        .lines
        .into_iter()
        .map(|line| view! { <Line line month=month.to_string() closed /> })
        .collect_view();
    view! {
        <h1>{title}</h1>
        <PlainFormError />
        <p class="subtitle">{run.organisation.clone()}</p>
        <nav class="staff-nav" aria-label=t(T::ToPayments)>
            <a href=previous class="btn">{t(T::PreviousMonth)}</a>
            {next.map(|href| view! { <a href=href class="btn">{t(T::NextMonth)}</a> })}
        </nav>
        <section class="card" aria-labelledby="run-summary">
            <h2 id="run-summary">{t(T::TotalRow)}</h2>
            <p>{t(T::PaymentRunIntro)}</p>
            <p class="run-total" data-total-cents=total.to_string()>
                <strong>{summary}</strong>
            </p>
            <p class="run-state">{state}</p>
            {downloads}
            {can_close
                .then(|| {
                    // A plain form: the page is loaded again, closed (or with the refusal).
                    view! {
                        <form method="post" action="/api/close_payment_run" class="close-run">
                            <input type="hidden" name="month" value=month.to_string() />
                            <input type="hidden" name="total_cents" value=total.to_string() />
                            <p>{t(T::CloseRunIntro)}</p>
                            <button type="submit" class="btn btn-primary">{t(T::CloseRun)}</button>
                        </form>
                    }
                })}
        </section>
        {if empty {
            view! { <p>{t(T::NothingToPayThisRun)}</p> }.into_any()
        } else {
            view! { <ul class="plain run-lines">{lines}</ul> }.into_any()
        }}
    }
}

#[component]
fn Line(line: RunLine, month: String, closed: bool) -> impl IntoView {
    let lang = use_lang();
    let name = format!("{} {}", line.first_name, line.last_name);
    let account = match (&line.iban_masked, line.status) {
        (_, LineStatus::NoIban) => t(T::NoIbanWaits).to_string(),
        (_, LineStatus::NothingToPay) => t(T::NothingToPayWaits).to_string(),
        (Some(iban), _) => iban.clone(),
        (None, _) => String::new(),
    };
    let statement = closed.then(|| {
        let href = format!("/coordinator/payments/{month}-{}.pdf", line.worker_id);
        view! {
            <a class="btn btn-quiet" href=href download>
                {t(T::DownloadStatement)}
            </a>
        }
    });
    let class = match line.status {
        LineStatus::Transfer => "card run-line",
        _ => "card run-line waits",
    };
    view! {
        <li class=class data-worker=line.worker_id.to_string()>
            <p class="worker-name">{name}</p>
            <p>{account}</p>
            <p>{sums_text(lang, T::ThisMonth, &line.month)}</p>
            {(line.corrections.entries != 0 || line.corrections.total_cents != 0)
                .then(|| view! { <p>{sums_text(lang, T::Corrections, &line.corrections)}</p> })}
            <p>
                <strong data-cents=line.total.total_cents.to_string()>
                    {i18n::money(lang, line.total.total_cents)}
                </strong>
            </p>
            {statement}
        </li>
    }
}

/// "Deze maand: 3 prestaties · 4 u 30 min · 5 cheques · 12 km · € 22,30".
fn sums_text(lang: i18n::Lang, what: T, l: &LineSums) -> String {
    format!(
        "{}: {} · {} · {} · {} · {}",
        t(what),
        message(lang, M::EntriesCount, &[("n", l.entries.into())]),
        i18n::duration(lang, l.sums.minutes),
        message(lang, M::ChequesCount, &[("n", l.sums.cheques.into())]),
        message(
            lang,
            M::KmPaidOf,
            &[("km", l.sums.km.into()), ("paid", l.sums.paid_km.into())]
        ),
        i18n::money(lang, l.total_cents),
    )
}
