//! Opdrachten: offers waiting for an answer (Aanvaarden, or Weigeren with a reason if the worker
//! wants to give one), then what is planned and what is done; and one assignment in detail.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{AssignmentFacts, EntryList, WorkerFrame, planned_when};
use crate::assignments::{
    AcceptOffer, AssignmentCard, DeclineOffer, get_my_assignment, get_my_assignments,
};
use crate::error::AppError;
use crate::i18n::{T, t};
use crate::ids::AssignmentId;
use crate::ui::icons::{Icon, Svg};
use crate::ui::layout::{ActionError, LoadError, Loading};

#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let accept = ServerAction::<AcceptOffer>::new();
    let decline = ServerAction::<DeclineOffer>::new();
    let list = Resource::new(
        move || (accept.version().get(), decline.version().get()),
        |_| get_my_assignments(),
    );
    let accept_error = Signal::derive(move || accept.value().get().and_then(|r| r.err()));
    let decline_error = Signal::derive(move || decline.value().get().and_then(|r| r.err()));
    let accepted = move || accept.value().get().is_some_and(|r| r.is_ok());
    let declined = move || decline.value().get().is_some_and(|r| r.is_ok());
    view! {
        <WorkerFrame>
            <h1>{t(T::NavAssignments)}</h1>
            <ActionError error=accept_error />
            <ActionError error=decline_error />
            <Show when=accepted>
                <p class="notice ok" role="status">{t(T::OfferAccepted)}</p>
            </Show>
            <Show when=declined>
                <p class="notice" role="status">{t(T::OfferDeclined)}</p>
            </Show>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) => {
                            let offers = l
                                .offers
                                .into_iter()
                                .map(|offer| view! { <OfferView offer accept decline /> })
                                .collect_view();
                            let upcoming = cards(l.upcoming);
                            let past = cards(l.past);
                            let (no_offers, no_upcoming, no_past) = (
                                offers.is_empty(),
                                upcoming.is_empty(),
                                past.is_empty(),
                            );
                            view! {
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
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </WorkerFrame>
    }
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
/// Weigeren (with a reason if they want).
#[component]
fn OfferView(
    offer: AssignmentCard,
    accept: ServerAction<AcceptOffer>,
    decline: ServerAction<DeclineOffer>,
) -> impl IntoView {
    let when = planned_when(&offer, true);
    let id = offer.id;
    let reason_id = format!("decline-reason-{}", offer.id);
    view! {
        <article class="card offer">
            <AssignmentFacts assignment=offer when />
            <ActionForm action=accept>
                <input type="hidden" name="assignment_id" value=id.to_string() />
                <button type="submit" class="btn btn-start btn-wide">
                    <Svg icon=Icon::Check />
                    <span>{t(T::AcceptOffer)}</span>
                </button>
            </ActionForm>
            <details class="dispute">
                <summary class="btn btn-quiet btn-wide">
                    <Svg icon=Icon::Cross />
                    <span>{t(T::DeclineOffer)}</span>
                </summary>
                <ActionForm action=decline>
                    <input type="hidden" name="assignment_id" value=id.to_string() />
                    <div class="field">
                        <label for=reason_id.clone()>{t(T::DeclineReason)}</label>
                        <textarea id=reason_id name="reason" rows="2" maxlength="500"></textarea>
                    </div>
                    <button type="submit" class="btn btn-stop btn-wide">
                        {t(T::SendDecline)}
                    </button>
                </ActionForm>
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
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </WorkerFrame>
    }
}
