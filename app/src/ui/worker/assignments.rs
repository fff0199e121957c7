//! Opdrachten: offers waiting for an answer (Aanvaarden, or Weigeren with a reason if the worker
//! wants to give one), then what is planned and what is done; and one assignment in detail.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::outbox::use_outbox;
use super::{
    AssignmentFacts, CopyNotice, EntryList, Known, TapButton, WorkerFrame, planned_when,
    screen_data, with_copy,
};
use crate::assignments::{AssignmentCard, MyAssignments, get_my_assignment, get_my_assignments};
use crate::error::AppError;
use crate::i18n::{T, t};
use crate::ids::AssignmentId;
use crate::sync::{ActionKind, pending};
use crate::ui::icons::{Icon, Svg};
use crate::ui::layout::{Loading, PhoneLoadError};

#[component]
pub fn AssignmentsPage() -> impl IntoView {
    view! {
        <WorkerFrame>
            <WorkerAssignments />
        </WorkerFrame>
    }
}

/// The screen's island (its code is loaded with the screen, and kept by the service worker).
#[island(lazy)]
fn WorkerAssignments() -> impl IntoView {
    let outbox = use_outbox();
    let ready = super::hydrated();
    let list = screen_data(
        "my_assignments",
        get_my_assignments,
        |l| l.server_now_ms,
        true,
    );
    let accepted = move || matches!(outbox.last_tap.get(), Some(ActionKind::Accept { .. }));
    let declined = move || matches!(outbox.last_tap.get(), Some(ActionKind::Decline { .. }));
    view! {
            <h1>{t(T::NavAssignments)}</h1>
            <Show when=accepted>
                <p class="notice ok" role="status">{t(T::OfferAccepted)}</p>
            </Show>
            <Show when=declined>
                <p class="notice" role="status">{t(T::OfferDeclined)}</p>
            </Show>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(known) => {
                            let as_of_ms = known.value.server_now_ms;
                            let copy = known.copy_of_ms.is_some();
                            let l = pending::apply_to_assignments(
                                known.value,
                                &(if ready.get() { outbox.shown_over(as_of_ms) } else { Vec::new() }),
                            );
                            let offers = l
                                .offers
                                .into_iter()
                                .map(|offer| view! { <OfferView offer /> })
                                .collect_view();
                            let upcoming = cards(l.upcoming);
                            let past = cards(l.past);
                            let (no_offers, no_upcoming, no_past) = (
                                offers.is_empty(),
                                upcoming.is_empty(),
                                past.is_empty(),
                            );
                            view! {
                                <CopyNotice as_of_ms copy />
                                <section aria-labelledby="offers-title">
                                    <h2 id="offers-title">{t(T::OffersTitle)}</h2>
                                    {no_offers.then(|| view! { <p>{t(T::NoOffers)}</p> })}
                                    {offers}
                                </section>
                                <section aria-labelledby="upcoming-title">
                                    <h2 id="upcoming-title">{t(T::UpcomingTitle)}</h2>
                                    {no_upcoming.then(|| view! { <p>{t(T::NoUpcoming)}</p> })}
                                    <ul class="plain">{upcoming}</ul>
                                </section>
                                <section aria-labelledby="past-title">
                                    <h2 id="past-title">{t(T::PastTitle)}</h2>
                                    {no_past.then(|| view! { <p>{t(T::NoPast)}</p> })}
                                    <ul class="plain">{past}</ul>
                                </section>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
    }
}

/// Opdrachten from the server, kept on the phone; offline, that copy.
pub async fn assignments_or_copy() -> Result<Known<MyAssignments>, AppError> {
    with_copy(
        "my_assignments",
        get_my_assignments().await,
        |l| l.server_now_ms,
        None,
    )
    .await
}

/// A short line per assignment, leading to its detail.
fn cards(list: Vec<AssignmentCard>) -> Vec<impl IntoView> {
    list.into_iter()
        .map(|a| {
            let href = format!("/worker/assignments/{}", a.id);
            let when = planned_when(&a, true);
            view! {
                <li>
                    <a href=href class="assignment-line">
                        <span class="line-what">{format!("{} · {}", a.activity, a.client_name)}</span>
                        <span class="line-when">{when}</span>
                    </a>
                </li>
            }
        })
        .collect()
}

/// An offer waiting for the worker's answer: what, for whom, where, when; Aanvaarden or
/// Weigeren (with a reason if they want). Both go through the outbox: offline too.
#[component]
fn OfferView(offer: AssignmentCard) -> impl IntoView {
    let outbox = use_outbox();
    let when = planned_when(&offer, true);
    let id = offer.id;
    let reason_id = format!("decline-reason-{}", offer.id);
    let reason = NodeRef::<leptos::html::Textarea>::new();
    view! {
        <article class="card offer">
            <AssignmentFacts assignment=offer when />
            <TapButton
                kind=ActionKind::Accept { assignment_id: id }
                endpoint="accept_offer"
                fields=vec![("assignment_id", id.to_string())]
                class="btn btn-start btn-wide"
                icon=Icon::Check
                label=T::AcceptOffer
            />
            <details class="dispute">
                <summary class="btn btn-quiet btn-wide">
                    <Svg icon=Icon::Cross />
                    <span>{t(T::DeclineOffer)}</span>
                </summary>
                <form
                    method="post"
                    action="/api/decline_offer"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let reason = reason.get().map(|r| r.value()).unwrap_or_default();
                        outbox
                            .tap(ActionKind::Decline {
                                assignment_id: id,
                                reason,
                            });
                    }
                >
                    <input type="hidden" name="assignment_id" value=id.to_string() />
                    <div class="field">
                        <label for=reason_id.clone()>{t(T::DeclineReason)}</label>
                        <textarea
                            id=reason_id
                            name="reason"
                            rows="2"
                            maxlength="500"
                            node_ref=reason
                        ></textarea>
                    </div>
                    <button type="submit" class="btn btn-stop btn-wide">
                        {t(T::SendDecline)}
                    </button>
                </form>
            </details>
        </article>
    }
}

/// One assignment with the worker's hours on it.
#[component]
pub fn AssignmentDetailPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => get_my_assignment(AssignmentId(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <WorkerFrame>
            <p>
                <a href="/worker/assignments" class="btn btn-quiet">
                    <Svg icon=Icon::Back />
                    <span>{t(T::Back)}</span>
                </a>
            </p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(d) => {
                            let when = planned_when(&d.assignment, true);
                            view! {
                                <h1>{d.assignment.activity.clone()}</h1>
                                <article class="card assignment">
                                    <AssignmentFacts assignment=d.assignment when />
                                </article>
                                <EntryList entries=d.entries title=T::HoursOnAssignment />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </WorkerFrame>
    }
}
