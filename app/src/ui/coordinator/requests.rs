//! A request: what is asked, the offers made for it (and what became of them: a declined one
//! with its reason), and the workers the matching suggests, each with why, to offer it to.

use leptos::prelude::*;

use super::workers::StaffNav;
use crate::error::AppError;
use crate::i18n::{
    M, T, assignment_status, duration, message, moment, reason_text, request_status, short_date, t,
    use_lang,
};
use crate::ids::RequestId;
use crate::requests::{
    OfferRequest, Recurrence, RejectRequest, RequestStatus, RequestView, Suggestion, WithdrawOffer,
    get_request, suggestions,
};
use crate::ui::layout::{ActionError, LoadError, Loading, Page};
use crate::ui::path_id;

/// `/coordinator/requests`: every request with what became of its offers (declined ones come
/// back here).
#[component]
pub fn RequestsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| crate::requests::list_requests());
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::RequestsTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let lang = use_lang();
                    match list.await {
                        Ok(list) if list.is_empty() => view! { <p>{t(T::NoRequests)}</p> }.into_any(),
                        Ok(list) => {
                            view! {
                                <ul class="people">
                                    {list
                                        .into_iter()
                                        .map(|r| {
                                            let href = format!("/coordinator/requests/{}", r.id);
                                            let counts = message(
                                                lang,
                                                M::RequestCounts,
                                                &[
                                                    ("open", r.open_offers.into()),
                                                    ("accepted", r.accepted.into()),
                                                    ("declined", r.declined.into()),
                                                ],
                                            );
                                            let how_often = t(if r.recurrence == Recurrence::Weekly {
                                                T::RecurrenceWeekly
                                            } else {
                                                T::RecurrenceOnce
                                            });
                                            let rejected = r
                                                .rejected
                                                .then(|| t(T::RequestStatusRejected));
                                            view! {
                                                <li class="card person">
                                                    <a href=href class="person-link">
                                                        <strong>{format!("{} · {}", r.client_name, r.activity)}</strong>
                                                    </a>
                                                    <span>{how_often}</span>
                                                    <span>{counts}</span>
                                                    {rejected.map(|r| view! { <span class="badge disputed">{r}</span> })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
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

/// `/coordinator/requests/:id`.
#[component]
pub fn RequestPage() -> impl IntoView {
    let id = path_id::<RequestId>();
    view! {
        <Page>
            <StaffNav />
            <StaffRequest id />
        </Page>
    }
}

#[island(lazy)]
fn StaffRequest(id: Option<RequestId>) -> impl IntoView {
    let id = move || id;
    let offer = ServerAction::<OfferRequest>::new();
    let withdraw = ServerAction::<WithdrawOffer>::new();
    let reject = ServerAction::<RejectRequest>::new();
    let page = Resource::new(
        move || {
            (
                id(),
                offer.version().get(),
                withdraw.version().get(),
                reject.version().get(),
            )
        },
        |(id, ..)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((get_request(id).await?, suggestions(id).await?))
        },
    );
    let error = Signal::derive(move || {
        [
            offer.value().get().and_then(|r| r.err()),
            withdraw.value().get().and_then(|r| r.err()),
            reject.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
            <ActionError error />
            <Show when=move || matches!(offer.value().get(), Some(Ok(_)))>
                <p class="notice" role="status">{t(T::Offered)}</p>
            </Show>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok((request, list)) => {
                            view! { <RequestView page=request list offer withdraw reject /> }.into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

#[component]
fn RequestView(
    page: RequestView,
    list: Vec<Suggestion>,
    offer: ServerAction<OfferRequest>,
    withdraw: ServerAction<WithdrawOffer>,
    reject: ServerAction<RejectRequest>,
) -> impl IntoView {
    let lang = use_lang();
    let rejected = page.request.status == RequestStatus::Rejected;
    let weekly = page.request.recurrence == Recurrence::Weekly;
    let moments = page
        .request
        .slots
        .iter()
        .map(|s| moment(lang, *s))
        .collect::<Vec<_>>()
        .join(", ");
    let how_often = t(if weekly {
        T::RecurrenceWeekly
    } else {
        T::RecurrenceOnce
    });
    let offers = if page.offers.is_empty() {
        view! { <p>{t(T::RequestNotOffered)}</p> }.into_any()
    } else {
        view! {
            <ul class="people">
                {page
                    .offers
                    .iter()
                    .map(|o| {
                        let line = message(
                            lang,
                            M::OfferLineText,
                            &[
                                ("day", short_date(lang, o.planned_date).into()),
                                ("worker", o.worker_name.clone().into()),
                                ("status", t(assignment_status(o.status)).into()),
                            ],
                        );
                        let reason = o
                            .decline_reason
                            .clone()
                            .map(|r| message(lang, M::DeclinedBecause, &[("reason", r.into())]));
                        let open = o.status == crate::assignments::AssignmentStatus::Offered;
                        let id = o.assignment_id.to_string();
                        view! {
                            <li class="card person">
                                <span>{line}</span>
                                {reason.map(|r| view! { <span>{r}</span> })}
                                {open
                                    .then(|| {
                                        view! {
                                            <ActionForm action=withdraw>
                                                <input type="hidden" name="assignment_id" value=id />
                                                <button type="submit" class="btn btn-danger">
                                                    {t(T::Withdraw)}
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    let request_id = page.request.id.to_string();
    let suggested = if list.is_empty() {
        view! { <p>{t(T::NoSuggestions)}</p> }.into_any()
    } else {
        view! {
            <ol class="people">
                {list
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let reasons = s
                            .reasons
                            .iter()
                            .map(|r| reason_text(lang, r))
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let score = message(lang, M::ScoreLine, &[("score", s.score.into())]);
                        let n = i + 1;
                        let date_id = format!("offer-date-{n}");
                        let start_id = format!("offer-start-{n}");
                        let weeks_id = format!("offer-weeks-{n}");
                        let heading_id = format!("suggestion-{n}");
                        let labelled_by = heading_id.clone();
                        let request_id = request_id.clone();
                        view! {
                            <li class="card suggestion" aria-labelledby=labelled_by>
                                <h3 id=heading_id>{s.name.clone()}</h3>
                                <p>{reasons} " · " {score}</p>
                                <ActionForm action=offer>
                                    <input type="hidden" name="request_id" value=request_id />
                                    <input type="hidden" name="worker_id" value=s.worker_id.to_string() />
                                    <div class="field">
                                        <label for=date_id.clone()>{t(T::FieldFirstDate)}</label>
                                        <input id=date_id name="first_date" type="date" required />
                                    </div>
                                    <div class="field">
                                        <label for=start_id.clone()>{t(T::FieldStartTime)}</label>
                                        <input id=start_id name="start" type="time" step="60" />
                                    </div>
                                    {weekly
                                        .then(|| {
                                            let weeks_id = weeks_id.clone();
                                            view! {
                                                <div class="field">
                                                    <label for=weeks_id.clone()>{t(T::FieldWeeks)}</label>
                                                    <input id=weeks_id name="weeks" type="number" min="1" max="26" value="4" />
                                                </div>
                                            }
                                        })}
                                    <button type="submit" class="btn btn-primary">
                                        {format!("{} {}", t(T::Offer), s.name)}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
            .into_any()
    };
    let status = t(request_status(page.request.status));
    let rejected_reason = page
        .request
        .rejected_reason
        .clone()
        .map(|r| message(lang, M::DeclinedBecause, &[("reason", r.into())]));
    let reject_form = (!rejected).then(|| {
        let id = page.request.id.to_string();
        view! {
            <details class="card reject">
                <summary class="btn btn-quiet">{t(T::RejectTitle)}</summary>
                <ActionForm action=reject>
                    <input type="hidden" name="request_id" value=id />
                    <div class="field">
                        <label for="reject-reason">{t(T::FieldRejectReason)}</label>
                        <textarea id="reject-reason" name="reason" rows="3" maxlength="500" required></textarea>
                    </div>
                    <button type="submit" class="btn btn-danger">{t(T::RejectRequest)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <h1>{format!("{}: {}", t(T::RequestTitle), page.client_name)}</h1>
        {page
            .fee_unpaid_year
            .map(|year| {
                let fee = crate::i18n::money(lang, page.fee_cents);
                let text = message(
                    lang,
                    M::FeeUnpaid,
                    &[("year", i64::from(year).into()), ("fee", fee.into())],
                );
                view! { <p class="notice fee-unpaid" role="status">{text}</p> }
            })}
        <section class="card" aria-labelledby="request-facts">
            <h2 id="request-facts">{page.request.activity.clone()}</h2>
            <p class="request-status" data-status=page.request.status.as_str()>{status}</p>
            {rejected_reason.map(|r| view! { <p>{r}</p> })}
            <p>{page.request.description.clone()}</p>
            <p class="work-address">{page.request.address.clone()}</p>
            <p>{page.municipality.clone()} " · " {how_often} " · " {duration(lang, page.request.planned_minutes)}</p>
            {(!moments.is_empty()).then(|| view! { <p>{moments}</p> })}
        </section>
        <section class="card" aria-labelledby="request-offers">
            <h2 id="request-offers">{t(T::RequestOffersTitle)}</h2>
            {offers}
        </section>
        {(!rejected)
            .then(|| {
                view! {
                    <section aria-labelledby="request-suggestions">
                        <h2 id="request-suggestions">{t(T::SuggestionsTitle)}</h2>
                        {suggested}
                    </section>
                }
            })}
        {reject_form}
    }
}
