//! The gebruiker: prestaties to confirm (or dispute) and the cheque balance.

use leptos::prelude::*;

use super::icons::{Icon, Svg};
use super::layout::{ActionError, LoadError, Loading, Page, StatusBadge};
use crate::clients::{ClientOverview, PendingEntry, get_client_overview};
use crate::i18n::{self, T, t, use_lang};
use crate::time_entries::{ConfirmEntry, DisputeEntry};

#[component]
pub fn ClientPage() -> impl IntoView {
    view! {
        <Page>
            <ClientScreen />
        </Page>
    }
}

#[island(lazy)]
fn ClientScreen() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEntry>::new();
    let dispute = ServerAction::<DisputeEntry>::new();
    let overview = Resource::new(
        move || (confirm.version().get(), dispute.version().get()),
        |_| get_client_overview(),
    );
    let confirm_error = Signal::derive(move || confirm.value().get().and_then(|r| r.err()));
    let dispute_error = Signal::derive(move || dispute.value().get().and_then(|r| r.err()));
    view! {
            <ActionError error=confirm_error />
            <ActionError error=dispute_error />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(o) => view! { <Overview overview=o confirm dispute /> }.into_any(),
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
) -> impl IntoView {
    let lang = use_lang();
    let no_pending = overview.pending.is_empty();
    let pending = overview
        .pending
        .into_iter()
        .map(|p| view! { <PendingCard pending=p confirm dispute /> })
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
                    <StatusBadge status=e.status />
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
        </section>
        <section aria-labelledby="pending-title">
            <h2 id="pending-title">{t(T::ToConfirm)}</h2>
            {no_pending.then(|| view! { <p>{t(T::NothingToConfirm)}</p> })}
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
    confirm: ServerAction<ConfirmEntry>,
    dispute: ServerAction<DisputeEntry>,
) -> impl IntoView {
    let lang = use_lang();
    let e = pending.line;
    let id = e.id.to_string();
    let (id_card, id_confirm) = (id.clone(), id.clone());
    let reason_id = format!("reason-{}", e.id);
    let reason_for = reason_id.clone();
    view! {
        <article class="card prestatie" data-entry=id_card>
            <h3>{format!("{} · {}", i18n::short_date(lang, e.work_date), e.activity)}</h3>
            <p>{i18n::worked_by(lang, &e.worker_name)}</p>
            <p class="duration">
                <Svg icon=Icon::Clock />
                <span>{i18n::duration(lang, e.minutes.unwrap_or(0))}</span>
            </p>
            <p>
                <Svg icon=Icon::Ticket />
                <span>{i18n::costs_cheques(lang, pending.cheques)}</span>
            </p>
            <StatusBadge status=e.status />
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
