//! The gebruiker: prestaties to confirm (or dispute) and the cheque balance; their requests
//! for work, where each stands, and a new one.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::icons::{Icon, Svg};
use super::layout::{ActionError, LoadError, Loading, Page, StatusBadge, TabBar};
use super::work_form::WorkForm;
use crate::clients::{ClientOverview, PendingEntry, get_client_overview};
use crate::i18n::{self, M, T, message, request_status, t, use_lang};
use crate::requests::{AskForWork, Recurrence, RequestFacts, RequestStatus, Work, my_requests};
use crate::time_entries::{ConfirmAll, ConfirmEntry, DisputeEntry};

/// The gebruiker's two screens.
pub const TABS: &[(&str, Icon, T)] = &[
    ("/client", Icon::Check, T::NavConfirm),
    ("/client/cheques", Icon::Ticket, T::NavCheques),
    ("/client/requests", Icon::List, T::NavRequests),
];

#[component]
pub fn ClientPage() -> impl IntoView {
    view! {
        <Page>
            <ClientScreen />
            <TabBar tabs=TABS />
        </Page>
    }
}

/// `/client/requests`: the gebruiker's requests, newest first, each with where it stands.
#[component]
pub fn ClientRequestsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| my_requests());
    let sent = use_query_map().read_untracked().get("sent").is_some();
    view! {
        <Page>
            <h1>{t(T::MyRequestsTitle)}</h1>
            {sent.then(|| view! { <p class="notice" role="status">{t(T::RequestSent)}</p> })}
            <p>
                <a href="/client/requests/new" class="btn btn-primary btn-wide">
                    <Svg icon=Icon::Plus />
                    <span>{t(T::AskForWork)}</span>
                </a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(T::NoMyRequests)}</p> }.into_any(),
                        Ok(list) => {
                            view! {
                                <ul class="requests">
                                    {list
                                        .into_iter()
                                        .map(|r| view! { <MyRequestCard request=r /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <TabBar tabs=TABS />
        </Page>
    }
}

#[component]
fn MyRequestCard(request: RequestFacts) -> impl IntoView {
    let lang = use_lang();
    let r = request;
    let how_often = t(if r.recurrence == Recurrence::Weekly {
        T::RecurrenceWeekly
    } else {
        T::RecurrenceOnce
    });
    let (badge, icon) = match r.status {
        RequestStatus::New => ("badge submitted", Icon::Clock),
        RequestStatus::InProgress => ("badge review", Icon::Clock),
        RequestStatus::Planned => ("badge confirmed", Icon::Check),
        RequestStatus::Rejected => ("badge disputed", Icon::Cross),
    };
    let planned = (!r.planned_dates.is_empty()).then(|| {
        let days = r
            .planned_dates
            .iter()
            .map(|d| i18n::short_date(lang, *d))
            .collect::<Vec<_>>()
            .join(", ");
        message(lang, M::PlannedOn, &[("days", days.into())])
    });
    let reason = r
        .rejected_reason
        .map(|reason| message(lang, M::DeclinedBecause, &[("reason", reason.into())]));
    view! {
        <li class="card request" data-request=r.id.to_string() data-status=r.status.as_str()>
            <h2>{r.activity}</h2>
            <span class=badge>
                <Svg icon />
                <span>{t(request_status(r.status))}</span>
            </span>
            <p>{r.description}</p>
            <p>{how_often} " · " {i18n::duration(lang, r.planned_minutes)}</p>
            <p>
                <Svg icon=Icon::Pin />
                <span>{r.address}</span>
            </p>
            {planned.map(|p| view! { <p>{p}</p> })}
            {reason.map(|p| view! { <p>{p}</p> })}
        </li>
    }
}

/// `/client/requests/new`.
#[component]
pub fn AskForWorkPage() -> impl IntoView {
    view! {
        <Page>
            <h1>{t(T::AskForWork)}</h1>
            <ClientAskForWork />
            <TabBar tabs=TABS />
        </Page>
    }
}

/// The gebruiker's request form: only the activities allowed for their kind in their
/// municipality, at their own address unless they change it.
#[island(lazy)]
fn ClientAskForWork() -> impl IntoView {
    let choices = Resource::new(|| (), |_| crate::requests::get_work_choices());
    let ask = ServerAction::<AskForWork>::new();
    let error = Signal::derive(move || ask.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = ask.value().get() {
            super::go_to("/client/requests?sent=1");
        }
    });
    let on_submit = Callback::new(move |work: Work| {
        ask.dispatch(AskForWork { work });
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(c) if c.activities.is_empty() => {
                        view! { <p class="alert">{t(T::NoAllowedActivities)}</p> }.into_any()
                    }
                    Ok(c) => {
                        view! {
                            <WorkForm
                                activities=c.activities
                                address=c.own_address
                                submit_label=T::SendRequest
                                error
                                pending=ask.pending()
                                on_submit
                            />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[island(lazy)]
fn ClientScreen() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEntry>::new();
    let dispute = ServerAction::<DisputeEntry>::new();
    let all = ServerAction::<ConfirmAll>::new();
    let overview = Resource::new(
        move || {
            (
                confirm.version().get(),
                dispute.version().get(),
                all.version().get(),
            )
        },
        |_| get_client_overview(),
    );
    let confirm_error = Signal::derive(move || confirm.value().get().and_then(|r| r.err()));
    let dispute_error = Signal::derive(move || dispute.value().get().and_then(|r| r.err()));
    let all_error = Signal::derive(move || all.value().get().and_then(|r| r.err()));
    let lang = use_lang();
    let all_done = move || {
        all.value().get().and_then(|r| r.ok()).map(|done| {
            let mut text = message(
                lang,
                M::ConfirmedAllDone,
                &[("n", (done.confirmed as i64).into())],
            );
            if done.waiting_for_cheques > 0 {
                let n = (done.waiting_for_cheques as i64).into();
                text = format!(
                    "{text} {}",
                    message(lang, M::ConfirmedAllWaiting, &[("n", n)])
                );
            }
            view! { <p class="notice" role="status">{text}</p> }
        })
    };
    // Confirmed without enough cheques: say so at once, and what to do.
    let confirm_waits = move || {
        confirm
            .value()
            .get()
            .and_then(|r| r.ok())
            .filter(|done| done.cheques_owed > 0)
            .map(|done| {
                let n = ("n", done.cheques_owed.into());
                let text = message(lang, M::ConfirmedWaiting, &[n]);
                view! { <p class="notice owed-notice" role="status">{text}</p> }
            })
    };
    view! {
            <ActionError error=confirm_error />
            <ActionError error=dispute_error />
            <ActionError error=all_error />
            {all_done}
            {confirm_waits}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(o) => view! { <Overview overview=o confirm dispute all /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
    }
}

#[component]
fn Overview(
    overview: ClientOverview,
    confirm: ServerAction<ConfirmEntry>,
    dispute: ServerAction<DisputeEntry>,
    all: ServerAction<ConfirmAll>,
) -> impl IntoView {
    let lang = use_lang();
    let no_pending = overview.pending.is_empty();
    // Alles bevestigen: what the screen shows, at once (from two on).
    let shown: Vec<_> = overview.pending.iter().map(|p| p.line.id).collect();
    let together: i64 = overview.pending.iter().map(|p| p.cheques).sum();
    let confirm_all = (shown.len() >= 2).then(|| {
        let costs = message(
            lang,
            M::ConfirmAllCosts,
            &[
                ("n", (shown.len() as i64).into()),
                ("cheques", together.into()),
            ],
        );
        view! {
            <div class="card confirm-all">
                <p>{costs}</p>
                <button
                    type="button"
                    class="btn btn-start btn-wide"
                    disabled=move || all.pending().get()
                    on:click=move |_| {
                        all.dispatch(ConfirmAll { entry_ids: shown.clone() });
                    }
                >
                    <Svg icon=Icon::Check />
                    <span>{t(T::ConfirmAll)}</span>
                </button>
            </div>
        }
    });
    let balance = overview.cheque_balance;
    let pending = overview
        .pending
        .into_iter()
        .map(|p| {
            let too_few = p.cheques > balance;
            view! { <PendingCard pending=p too_few confirm dispute /> }
        })
        .collect_view();
    let recent = overview
        .recent
        .into_iter()
        .map(|e| {
            view! {
                <li class="entry">
                    <span class="entry-date">{i18n::short_date(lang, e.work_date)}</span>
                    <span class="entry-what">{format!("{} · {}", e.worker_name, e.activity)}</span>
                    <span class="entry-minutes">
                        {i18n::duration(lang, e.minutes.unwrap_or(0))}
                    </span>
                    <StatusBadge status=e.status auto=e.auto_confirmed />
                    {(e.cheques_owed > 0)
                        .then(|| {
                            view! {
                                <span class="badge owed">
                                    <Svg icon=Icon::Ticket />
                                    <span>
                                        {message(
                                            lang,
                                            M::WaitsForCheques,
                                            &[("n", e.cheques_owed.into())],
                                        )}
                                    </span>
                                </span>
                            }
                        })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{format!("{} {}", t(T::Hello), overview.name)}</h1>
        <section class="card cheques" aria-labelledby="cheques-title">
            <h2 id="cheques-title">
                <Svg icon=Icon::Ticket />
                <span>{t(T::ChequesTitle)}</span>
            </h2>
            <p class="balance" data-balance=overview.cheque_balance.to_string()>
                {i18n::cheque_balance(lang, overview.cheque_balance)}
            </p>
            {(overview.owed.cheques > 0)
                .then(|| {
                    let text = message(
                        lang,
                        M::OwedCheques,
                        &[
                            ("entries", overview.owed.entries.into()),
                            ("cheques", overview.owed.cheques.into()),
                        ],
                    );
                    view! { <p class="notice owed-notice">{text}</p> }
                })}
        </section>
        <section aria-labelledby="pending-title">
            <h2 id="pending-title">{t(T::ToConfirm)}</h2>
            {no_pending.then(|| view! { <p>{t(T::NothingToConfirm)}</p> })}
            {confirm_all}
            {pending}
        </section>
        <section aria-labelledby="recent-title">
            <h2 id="recent-title">{t(T::RecentlyDecided)}</h2>
            <ul class="entries">{recent}</ul>
        </section>
    }
}

#[component]
fn PendingCard(
    pending: PendingEntry,
    /// The balance does not cover it: confirming makes it wait for cheques.
    too_few: bool,
    confirm: ServerAction<ConfirmEntry>,
    dispute: ServerAction<DisputeEntry>,
) -> impl IntoView {
    let lang = use_lang();
    let e = pending.line;
    let id = e.id.to_string();
    let (id_card, id_confirm) = (id.clone(), id.clone());
    let reason_id = format!("reason-{}", e.id);
    let reason_for = reason_id.clone();
    let local = |at| crate::brussels::local_time(at);
    let times = i18n::time_span(local(e.started_at), e.ended_at.map(local));
    view! {
        <article class="card prestatie" data-entry=id_card>
            <h3>{format!("{} · {}", i18n::short_date(lang, e.work_date), e.activity)}</h3>
            <p>{i18n::worked_by(lang, &e.worker_name)}</p>
            <p class="duration">
                <Svg icon=Icon::Clock />
                <span>
                    {format!("{times} · {}", i18n::duration(lang, e.minutes.unwrap_or(0)))}
                </span>
            </p>
            {(!e.note.is_empty()).then(|| view! { <p class="note">{format!("“{}”", e.note)}</p> })}
            {(e.revision > 0)
                .then(|| view! { <p class="corrected-hint">{t(T::CorrectedByCoordinator)}</p> })}
            <p>
                <Svg icon=Icon::Ticket />
                <span>{i18n::costs_cheques(lang, pending.cheques)}</span>
            </p>
            <StatusBadge status=e.status />
            {too_few.then(|| view! { <p class="owed-hint">{t(T::ConfirmWillWait)}</p> })}
            {pending
                .auto_confirm_on
                .map(|day| {
                    let day = i18n::short_date(lang, day);
                    view! {
                        <p class="auto-confirm">
                            {message(lang, M::AutoConfirmOn, &[("day", day.into())])}
                        </p>
                    }
                })}
            <ActionForm action=confirm>
                <input type="hidden" name="entry_id" value=id_confirm />
                <button type="submit" class="btn btn-start btn-wide">
                    <Svg icon=Icon::Check />
                    <span>{t(T::Confirm)}</span>
                </button>
            </ActionForm>
            <details class="dispute">
                <summary class="btn btn-quiet btn-wide">
                    <Svg icon=Icon::Cross />
                    <span>{t(T::Dispute)}</span>
                </summary>
                <ActionForm action=dispute>
                    <input type="hidden" name="entry_id" value=id />
                    <div class="field">
                        <label for=reason_for>{t(T::DisputeReason)}</label>
                        <textarea
                            id=reason_id
                            name="reason"
                            rows="3"
                            minlength="3"
                            maxlength="500"
                            required
                        ></textarea>
                    </div>
                    <button type="submit" class="btn btn-stop btn-wide">
                        {t(T::SendDispute)}
                    </button>
                </ActionForm>
            </details>
        </article>
    }
}
