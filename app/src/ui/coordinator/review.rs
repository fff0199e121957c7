//! Te bekijken: the prestaties a bemiddelaar settles — disputed by the gebruiker, or held by
//! the server (a clock nobody stopped, or one that ran too long) — each with its facts, and
//! confirmed on behalf of the gebruiker with a reason.

use leptos::prelude::*;

use super::workers::StaffNav;
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::time_entries::{ConfirmOnBehalf, EntryStatus, ReviewItem, get_review_queue};
use crate::ui::layout::{ActionError, LoadError, Loading, Page, StatusBadge};

/// `/coordinator/review`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <Page>
            <StaffNav />
            <StaffReview />
        </Page>
    }
}

#[island(lazy)]
fn StaffReview() -> impl IntoView {
    let confirm = ServerAction::<ConfirmOnBehalf>::new();
    let queue = Resource::new(move || confirm.version().get(), |_| get_review_queue());
    let error = Signal::derive(move || confirm.value().get().and_then(|r| r.err()));
    let done = move || matches!(confirm.value().get(), Some(Ok(_)));
    view! {
        <h1>{t(T::ToReview)}</h1>
        <p>{t(T::ReviewIntro)}</p>
        <ActionError error />
        <Show when=done>
            <p class="notice" role="status">{t(T::ConfirmedOnBehalf)}</p>
        </Show>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) if items.is_empty() => view! { <p>{t(T::NothingToReview)}</p> }.into_any(),
                    Ok(items) => {
                        view! {
                            <ul class="plain review-queue">
                                {items
                                    .into_iter()
                                    .map(|item| view! { <Item item confirm /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Item(item: ReviewItem, confirm: ServerAction<ConfirmOnBehalf>) -> impl IntoView {
    let lang = use_lang();
    let local = |at| crate::brussels::local_time(at);
    let span = i18n::time_span(local(item.started_at), item.ended_at.map(local));
    let mut facts = vec![
        i18n::short_date(lang, item.work_date),
        span,
        i18n::duration(lang, item.minutes.unwrap_or(0)),
    ];
    if item.pause_minutes > 0 {
        facts.push(message(
            lang,
            M::PauseOf,
            &[("minutes", item.pause_minutes.into())],
        ));
    }
    if item.km > 0 {
        facts.push(message(lang, M::KmOf, &[("km", item.km.into())]));
    }
    let why = match (item.status, item.dispute_reason.clone()) {
        (EntryStatus::Disputed, Some(reason)) => {
            message(lang, M::DisputedBecause, &[("reason", reason.into())])
        }
        (EntryStatus::Disputed, None) => t(T::DisputedNoReason).to_string(),
        _ => t(T::HeldByServer).to_string(),
    };
    let id = item.id.to_string();
    let entry = id.clone();
    let reason_id = format!("settle-{id}");
    let title = format!(
        "{} {} · {}",
        item.worker_first_name, item.worker_last_name, item.client_name
    );
    view! {
        <li class="card review-item" data-entry=entry>
            <h2>{title}</h2>
            <p>
                <StatusBadge status=item.status />
            </p>
            <p>{format!("{} · {}", item.activity, facts.join(" · "))}</p>
            {(!item.note.is_empty()).then(|| view! { <p class="muted">{item.note.clone()}</p> })}
            <p class="why">{why}</p>
            <ActionForm action=confirm>
                <input type="hidden" name="entry_id" value=id />
                <div class="field">
                    <label for=reason_id.clone()>{t(T::FieldSettleReason)}</label>
                    <textarea id=reason_id name="reason" rows="2" minlength="3" maxlength="500" required></textarea>
                </div>
                <button type="submit" class="btn btn-primary">{t(T::ConfirmOnBehalf)}</button>
            </ActionForm>
        </li>
    }
}
