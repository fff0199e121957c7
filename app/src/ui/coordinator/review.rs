//! Te bekijken: the prestaties a bemiddelaar settles — disputed by the gebruiker, or held by
//! the server (a clock nobody stopped, or one that ran too long) — each with its facts, and
//! confirmed on behalf of the gebruiker (one or several at once), corrected or rejected, always
//! with a reason; the phone actions the rules refused on arrival, until handled; and the
//! gebruikers whose confirmed prestaties wait for cheques (settled by recording a purchase on
//! the gebruiker's page).

use leptos::prelude::*;

use super::workers::StaffNav;
use crate::clients::waiting_for_cheques;
use crate::error::AppError;
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::ids::EntryId;
use crate::sync::{HandleRefusal, RefusedAction, refused_actions};
use crate::time_entries::{
    ConfirmAllOnBehalf, ConfirmOnBehalf, CorrectEntry, EntryStatus, RejectEntry, ReviewItem,
    get_review_queue,
};
use crate::ui::layout::{LoadError, Loading, Page, StatusBadge};

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
    let actions = Actions {
        confirm: ServerAction::new(),
        confirm_all: ServerAction::new(),
        correct: ServerAction::new(),
        reject: ServerAction::new(),
        handle: ServerAction::new(),
        selected: RwSignal::new(Vec::new()),
    };
    let queue = Resource::new(
        move || actions.versions(),
        |_| async {
            Ok::<_, AppError>((
                get_review_queue().await?,
                refused_actions().await?,
                waiting_for_cheques().await?,
            ))
        },
    );
    let lang = use_lang();
    // The answer to the action answered last: its notice, or its refusal (one at a time).
    let outcome: RwSignal<Option<Result<String, AppError>>> = RwSignal::new(None);
    let said = move |text: T| text.text(lang).to_string();
    follow(actions.confirm, outcome, move |_| {
        said(T::ConfirmedOnBehalf)
    });
    follow(actions.correct, outcome, move |done| {
        said(if done.awaits_client {
            T::CorrectionSentBack
        } else {
            T::EntryCorrected
        })
    });
    follow(actions.reject, outcome, move |_| said(T::EntryRejected));
    follow(actions.handle, outcome, move |_| said(T::RefusalHandled));
    follow(actions.confirm_all, outcome, move |done| {
        let count = (done.confirmed as i64).into();
        let confirmed = message(lang, M::ConfirmedSeveral, &[("count", count)]);
        if done.over_limit == 0 {
            return confirmed;
        }
        let left = message(
            lang,
            M::OverLimitLeft,
            &[("n", (done.over_limit as i64).into())],
        );
        format!("{confirmed} {left}")
    });
    // A limit is the worker's: said to the bemiddelaar in the third person, with what to do.
    let error = move || {
        outcome.get().and_then(|r| r.err()).map(|e| match &e {
            AppError::Limit(breach) => i18n::staff_limit_message(lang, breach),
            other => i18n::error_message(lang, other),
        })
    };
    let notice = move || outcome.get().and_then(|r| r.ok());
    // What was selected is settled (or gone): the selection starts again.
    Effect::new(move |_| {
        if actions.confirm_all.version().get() > 0 {
            actions.selected.set(Vec::new());
        }
    });
    view! {
        <h1>{t(T::ToReview)}</h1>
        <p>{t(T::ReviewIntro)}</p>
        {move || error().map(|text| view! { <div class="alert" role="alert"><p>{text}</p></div> })}
        {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok((items, refused, owing)) => {
                        let empty = items.is_empty();
                        view! {
                            {empty.then(|| view! { <p>{t(T::NothingToReview)}</p> })}
                            {(!empty).then(|| view! { <ConfirmSelected actions /> })}
                            <ul class="plain review-queue">
                                {items
                                    .into_iter()
                                    .map(|item| view! { <Item item actions /> })
                                    .collect_view()}
                            </ul>
                            <RefusedActions list=refused handle=actions.handle />
                            <super::WaitingForCheques owing />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What a bemiddelaar can do in Te bekijken, and the prestaties ticked for Bevestig de
/// geselecteerde.
#[derive(Clone, Copy)]
struct Actions {
    confirm: ServerAction<ConfirmOnBehalf>,
    confirm_all: ServerAction<ConfirmAllOnBehalf>,
    correct: ServerAction<CorrectEntry>,
    reject: ServerAction<RejectEntry>,
    handle: ServerAction<HandleRefusal>,
    selected: RwSignal<Vec<EntryId>>,
}

impl Actions {
    /// Changes whenever an action was answered: the queue loads again.
    fn versions(self) -> [usize; 5] {
        [
            self.confirm.version().get(),
            self.confirm_all.version().get(),
            self.correct.version().get(),
            self.reject.version().get(),
            self.handle.version().get(),
        ]
    }
}

/// Write each answer of `action` to `outcome` as it arrives: the words `notice` makes of a
/// success, or the refusal.
fn follow<S>(
    action: ServerAction<S>,
    outcome: RwSignal<Option<Result<String, AppError>>>,
    notice: impl Fn(&S::Output) -> String + 'static,
) where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(answer) = action.value().get() {
            outcome.set(Some(answer.map(|out| notice(&out))));
        }
    });
}

/// Bevestig de geselecteerde: the ticked prestaties confirmed on behalf of their gebruikers,
/// with one reason.
#[component]
fn ConfirmSelected(actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let count = move || actions.selected.get().len();
    let label = move || {
        message(
            lang,
            M::ConfirmSelected,
            &[("count", (count() as i64).into())],
        )
    };
    view! {
        <form
            class="card confirm-selected"
            on:submit=move |ev| {
                ev.prevent_default();
                actions
                    .confirm_all
                    .dispatch(ConfirmAllOnBehalf {
                        entry_ids: actions.selected.get_untracked(),
                        reason: reason.get_untracked(),
                    });
            }
        >
            <p>{t(T::ConfirmSelectedIntro)}</p>
            <div class="field">
                <label for="confirm-selected-reason">{t(T::FieldSettleReason)}</label>
                <textarea
                    id="confirm-selected-reason"
                    rows="2"
                    minlength="3"
                    maxlength="500"
                    required
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="btn btn-primary" disabled=move || count() == 0>
                {label}
            </button>
        </form>
    }
}

#[component]
fn Item(item: ReviewItem, actions: Actions) -> impl IntoView {
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
        _ => format!("{} {}", t(T::HeldByServer), t(T::HeldDoesNotCount)),
    };
    let id = item.id;
    let entry = id.to_string();
    let reason_id = format!("settle-{id}");
    let start = i18n::hm(local(item.started_at));
    let end = i18n::hm(local(item.ended_at.unwrap_or(item.started_at)));
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
            <div class="field check">
                <input
                    id=format!("select-{}", item.id)
                    type="checkbox"
                    prop:checked=move || actions.selected.get().contains(&item.id)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        actions
                            .selected
                            .update(|list| {
                                list.retain(|id| *id != item.id);
                                if on {
                                    list.push(item.id);
                                }
                            });
                    }
                />
                <label for=format!("select-{}", item.id)>{t(T::SelectEntry)}</label>
            </div>
            <p>{format!("{} · {}", item.activity, facts.join(" · "))}</p>
            {(!item.note.is_empty()).then(|| view! { <p class="muted">{item.note.clone()}</p> })}
            <p class="why">{why}</p>
            <ActionForm action=actions.confirm>
                <input type="hidden" name="entry_id" value=id.to_string() />
                <div class="field">
                    <label for=reason_id.clone()>{t(T::FieldSettleReason)}</label>
                    <textarea id=reason_id name="reason" rows="2" minlength="3" maxlength="500" required></textarea>
                </div>
                <button type="submit" class="btn btn-primary">{t(T::ConfirmOnBehalf)}</button>
            </ActionForm>
            <details class="settle">
                <summary class="btn btn-quiet">{t(T::CorrectEntry)}</summary>
                <p>{t(T::CorrectIntro)}</p>
                <ActionForm action=actions.correct attr:class="correct-form">
                    <input type="hidden" name="entry_id" value=id.to_string() />
                    <input type="hidden" name="revision" value=item.revision.to_string() />
                    <div class="field-row">
                        <div class="field">
                            <label for=format!("start-{id}")>{t(T::FieldStart)}</label>
                            <input id=format!("start-{id}") type="time" name="start" value=start required />
                        </div>
                        <div class="field">
                            <label for=format!("end-{id}")>{t(T::FieldEnd)}</label>
                            <input id=format!("end-{id}") type="time" name="end" value=end required />
                        </div>
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for=format!("pause-{id}")>{t(T::FieldPause)}</label>
                            <input id=format!("pause-{id}") type="number" name="pause_minutes" min="0" max="600" inputmode="numeric" value=item.pause_minutes.to_string() required />
                        </div>
                        <div class="field">
                            <label for=format!("km-{id}")>{t(T::FieldKm)}</label>
                            <input id=format!("km-{id}") type="number" name="km" min="0" max="500" inputmode="numeric" value=item.km.to_string() required />
                        </div>
                    </div>
                    <div class="field">
                        <label for=format!("correct-reason-{id}")>{t(T::FieldCorrectReason)}</label>
                        <textarea id=format!("correct-reason-{id}") name="reason" rows="2" minlength="3" maxlength="500" required></textarea>
                    </div>
                    <div class="field">
                        <label for=format!("agreement-{id}")>{t(T::FieldAgreement)}</label>
                        <select id=format!("agreement-{id}") name="agreement">
                            <option value="AskClient" selected>{t(T::AgreementAskClient)}</option>
                            <option value="Phone">{t(T::AgreementPhone)}</option>
                            <option value="Paper">{t(T::AgreementPaper)}</option>
                            <option value="Office">{t(T::AgreementOffice)}</option>
                        </select>
                    </div>
                    <button type="submit" class="btn btn-primary">{t(T::SaveCorrection)}</button>
                </ActionForm>
            </details>
            <details class="settle">
                <summary class="btn btn-quiet">{t(T::RejectEntry)}</summary>
                <p>{t(T::RejectIntro)}</p>
                <ActionForm action=actions.reject attr:class="reject-form">
                    <input type="hidden" name="entry_id" value=id.to_string() />
                    <input type="hidden" name="revision" value=item.revision.to_string() />
                    <div class="field">
                        <label for=format!("reject-reason-{id}")>{t(T::FieldRejectEntryReason)}</label>
                        <textarea id=format!("reject-reason-{id}") name="reason" rows="2" minlength="3" maxlength="500" required></textarea>
                    </div>
                    <button type="submit" class="btn btn-stop">{t(T::RejectEntry)}</button>
                </ActionForm>
            </details>
        </li>
    }
}

/// Actions from the phones that the rules refused when they arrived (an offer answered
/// elsewhere, a limit, a wrong phone clock): kept, with who, what, when and why, until a
/// bemiddelaar handled them.
#[component]
fn RefusedActions(list: Vec<RefusedAction>, handle: ServerAction<HandleRefusal>) -> impl IntoView {
    let lang = use_lang();
    let empty = list.is_empty();
    let items = list
        .into_iter()
        .map(|r| {
            let at = crate::brussels::local(crate::brussels::from_ms(r.tapped_at_ms));
            let when = format!(
                "{} {}",
                i18n::short_date(lang, at.date()),
                i18n::hm(at.time())
            );
            let why = i18n::error_message(lang, &r.problem);
            view! {
                <li class="refusal">
                    <p>
                        <strong>{r.worker_name}</strong>
                        " · "
                        {crate::ui::worker::outbox::kind_words(&r.kind)}
                        " · "
                        {when}
                    </p>
                    <p>{why}</p>
                    <ActionForm action=handle>
                        <input type="hidden" name="action_id" value=r.id.to_string() />
                        <button type="submit" class="btn btn-quiet">{t(T::RefusalHandled)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="refused-title" class="card">
            <h2 id="refused-title">{t(T::RefusedActionsTitle)}</h2>
            {empty.then(|| view! { <p>{t(T::NoRefusedActions)}</p> })}
            <ul class="refusals">{items}</ul>
        </section>
    }
}
