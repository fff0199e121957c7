//! The wijk-werker's phone: today's assignments with Start/Stop, the running clock, hours
//! against the month limit, and what they worked lately.

use leptos::prelude::*;

use super::icons::{Icon, Svg};
use super::layout::{ActionError, LimitBar, LoadError, Loading, Page, StatusBadge};
use crate::assignments::AssignmentCard;
use crate::assignments::{AcceptOffer, DeclineOffer};
use crate::error::AppError;
use crate::i18n::{self, T, t, use_lang};
use crate::ids::EntryId;
use crate::rules::LimitBreach;
use crate::time_entries::{CancelClock, RunningClock, StartClock, StopClock};
use crate::workers::{WorkerDay, get_worker_day};

/// Everything the worker can do on this screen; each reloads the day when it is done.
#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartClock>,
    stop: ServerAction<StopClock>,
    cancel: ServerAction<CancelClock>,
    accept: ServerAction<AcceptOffer>,
    decline: ServerAction<DeclineOffer>,
}

#[component]
pub fn WorkerPage() -> impl IntoView {
    let actions = Actions {
        start: ServerAction::new(),
        stop: ServerAction::new(),
        cancel: ServerAction::new(),
        accept: ServerAction::new(),
        decline: ServerAction::new(),
    };
    let Actions {
        start,
        stop,
        cancel,
        accept,
        decline,
    } = actions;
    let day = Resource::new(
        move || {
            (
                start.version().get(),
                stop.version().get(),
                cancel.version().get(),
                accept.version().get(),
                decline.version().get(),
            )
        },
        |_| get_worker_day(),
    );
    // Only the last action's outcome is shown: a later success clears an earlier error.
    let start_error = Signal::derive(move || start.value().get().and_then(|r| r.err()));
    let stop_error = Signal::derive(move || stop.value().get().and_then(|r| r.err()));
    let cancel_error = Signal::derive(move || cancel.value().get().and_then(|r| r.err()));
    let accept_error = Signal::derive(move || accept.value().get().and_then(|r| r.err()));
    let decline_error = Signal::derive(move || decline.value().get().and_then(|r| r.err()));
    let accepted = move || accept.value().get().is_some_and(|r| r.is_ok());
    // A clock that ran too long was kept but held for the coordinator: say so, plainly.
    let held = move || {
        stop.value()
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|s| s.held_for_review)
    };
    view! {
        <Page>
            // Above the assignments, next to the Start/Stop buttons, not below the fold.
            <ActionError error=start_error />
            <ActionError error=stop_error />
            <ActionError error=cancel_error />
            <ActionError error=accept_error />
            <ActionError error=decline_error />
            <Show when=held>
                <p class="notice" role="status">{t(T::HeldForReview)}</p>
            </Show>
            <Show when=accepted>
                <p class="notice ok" role="status">{t(T::OfferAccepted)}</p>
            </Show>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match day.await {
                        Ok(d) => view! { <WorkerDayView day=d actions /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

/// When Stop was refused for the month or year limit: offer to record what the law allows.
#[component]
fn StopAtLimit(stop: ServerAction<StopClock>, entry_id: EntryId) -> impl IntoView {
    let refused = move || {
        let last_error = stop.value().get().and_then(|r| r.err());
        match last_error {
            Some(AppError::Limit(LimitBreach::Month { left_minutes }))
            | Some(AppError::Limit(LimitBreach::Year { left_minutes })) => left_minutes > 0,
            _ => false,
        }
    };
    view! {
        {move || {
            refused()
                .then(|| {
                    view! {
                        <ActionForm action=stop>
                            <input type="hidden" name="entry_id" value=entry_id.to_string() />
                            <input type="hidden" name="cap_at_limit" value="true" />
                            <button type="submit" class="btn btn-stop btn-wide">
                                <Svg icon=Icon::Stop />
                                <span>{t(T::StopAtLimit)}</span>
                            </button>
                        </ActionForm>
                    }
                })
        }}
    }
}

#[component]
fn WorkerDayView(day: WorkerDay, actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let running = day.running.clone();
    let server_now_ms = day.server_now_ms;
    let cards = day
        .assignments
        .into_iter()
        .map(|a| {
            let here = running.clone().filter(|r| r.assignment_id == a.id);
            let other_running = running.is_some() && here.is_none();
            view! {
                <AssignmentView
                    assignment=a
                    running=here
                    other_running
                    server_now_ms
                    actions
                />
            }
        })
        .collect_view();
    let no_assignments = cards.is_empty();
    let offers = day
        .offers
        .into_iter()
        .map(|offer| view! { <OfferView offer actions /> })
        .collect_view();
    let has_offers = !offers.is_empty();
    let recent = day
        .recent
        .into_iter()
        .map(|e| {
            let minutes = e
                .minutes
                .map(|m| i18n::duration(lang, m))
                .unwrap_or_default();
            view! {
                <li class="entry">
                    <span class="entry-date">{i18n::short_date(lang, e.work_date)}</span>
                    <span class="entry-what">{format!("{} · {}", e.client_name, e.activity)}</span>
                    <span class="entry-minutes">{minutes}</span>
                    <StatusBadge status=e.status />
                </li>
            }
        })
        .collect_view();
    let no_recent = recent.is_empty();
    view! {
        <h1>{format!("{} {}", t(T::Hello), day.first_name)}</h1>
        <section aria-labelledby="today-title">
            <h2 id="today-title">{t(T::Today)} " · " {i18n::short_date(lang, day.today)}</h2>
            {no_assignments.then(|| view! { <p>{t(T::NoAssignmentsToday)}</p> })}
            {cards}
        </section>
        {has_offers
            .then(|| {
                view! {
                    <section aria-labelledby="offers-title">
                        <h2 id="offers-title">{t(T::OffersTitle)}</h2>
                        {offers}
                    </section>
                }
            })}
        <section aria-labelledby="month-title" class="card">
            <h2 id="month-title">{t(T::MyHoursThisMonth)}</h2>
            <LimitBar
                used_minutes=day.usage.month_minutes
                limit_minutes=crate::rules::MONTH_LIMIT_MINUTES
                label=t(T::MyHoursThisMonth).to_string()
            />
            <p>{i18n::time_left(lang, day.minutes_left)}</p>
            {crate::rules::month_limit_near(day.usage)
                .then(|| view! { <p class="notice" role="status">{t(T::MonthLimitNear)}</p> })}
            <h2 id="year-title">{t(T::MyHoursThisYear)}</h2>
            <LimitBar
                used_minutes=day.usage.year_minutes
                limit_minutes=crate::rules::YEAR_LIMIT_MINUTES
                label=t(T::MyHoursThisYear).to_string()
            />
            <p class="trajectory">
                {match (day.trajectory_last_day, day.trajectory_days_left) {
                    (Some(last), Some(days)) => i18n::trajectory_ends(lang, last, days),
                    _ => t(T::NoTrajectoryEnd).to_string(),
                }}
            </p>
        </section>
        <section aria-labelledby="recent-title">
            <h2 id="recent-title">{t(T::RecentWork)}</h2>
            {no_recent.then(|| view! { <p>{t(T::NoRecentWork)}</p> })}
            <ul class="entries">{recent}</ul>
        </section>
    }
}

#[component]
fn AssignmentView(
    assignment: AssignmentCard,
    running: Option<RunningClock>,
    other_running: bool,
    server_now_ms: i64,
    actions: Actions,
) -> impl IntoView {
    let Actions {
        start,
        stop,
        cancel,
        ..
    } = actions;
    let lang = use_lang();
    let a = assignment;
    let when = match a.planned_start {
        Some(s) => format!(
            "{} · {}",
            s.format("%H:%M"),
            i18n::duration(lang, a.planned_minutes)
        ),
        None => i18n::duration(lang, a.planned_minutes),
    };
    let action = match running {
        Some(r) => view! {
            <div class="clock">
                <p>
                    {t(T::WorkingSince)} " " {r.started_local.format("%H:%M").to_string()}
                </p>
                <Timer started_at_ms=r.started_at_ms server_now_ms />
                <ActionForm action=stop>
                    <input type="hidden" name="entry_id" value=r.entry_id.to_string() />
                    <input type="hidden" name="cap_at_limit" value="false" />
                    <button type="submit" class="btn btn-stop btn-wide">
                        <Svg icon=Icon::Stop />
                        <span>{t(T::Stop)}</span>
                    </button>
                </ActionForm>
                <StopAtLimit stop entry_id=r.entry_id />
                {crate::rules::may_cancel(r.started_at_ms, server_now_ms)
                    .then(|| {
                        view! {
                            <div class="cancel-start">
                                <p class="hint">{t(T::CancelStartHint)}</p>
                                <ActionForm action=cancel>
                                    <input type="hidden" name="entry_id" value=r.entry_id.to_string() />
                                    <button type="submit" class="btn btn-quiet btn-wide">
                                        <Svg icon=Icon::Cross />
                                        <span>{t(T::CancelStart)}</span>
                                    </button>
                                </ActionForm>
                            </div>
                        }
                    })}
            </div>
        }
        .into_any(),
        None => view! {
            <ActionForm action=start>
                <input type="hidden" name="assignment_id" value=a.id.to_string() />
                <button type="submit" class="btn btn-start btn-wide" disabled=other_running>
                    <Svg icon=Icon::Play />
                    <span>{t(T::Start)}</span>
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <article class="card assignment">
            <AssignmentFacts assignment=a when />
            {action}
        </article>
    }
}

/// The running time, counted on the phone once the page is live. The server's clock is the
/// reference, so a phone whose clock is wrong still shows the right time.
#[component]
fn Timer(started_at_ms: i64, server_now_ms: i64) -> impl IntoView {
    let (now_ms, set_now_ms) = signal(server_now_ms);
    Effect::new(move |_| {
        let offset = server_now_ms - browser_now_ms();
        let handle = set_interval_with_handle(
            move || set_now_ms.set(browser_now_ms() + offset),
            std::time::Duration::from_millis(1000),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });
    view! {
        <p class="timer-line">
            <span class="visually-hidden">{t(T::TimeWorked)} ": "</span>
            <span class="timer" role="timer" aria-live="off">
                {move || format_elapsed(now_ms.get() - started_at_ms)}
            </span>
        </p>
    }
}

fn browser_now_ms() -> i64 {
    leptos::web_sys::js_sys::Date::now() as i64
}

/// "1:05:09": hours, minutes, seconds.
pub fn format_elapsed(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn elapsed_time_reads_like_a_clock() {
        assert_eq!(super::format_elapsed(0), "0:00:00");
        assert_eq!(super::format_elapsed(3_909_000), "1:05:09");
        assert_eq!(super::format_elapsed(-5), "0:00:00");
    }
}

/// An offer waiting for the worker's answer: what, for whom, where, when; Aanvaarden or
/// Weigeren (with a reason if they want).
#[component]
fn OfferView(offer: AssignmentCard, actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let o = offer;
    let when = match o.planned_start {
        Some(s) => format!(
            "{} · {} · {}",
            i18n::short_date(lang, o.planned_date),
            s.format("%H:%M"),
            i18n::duration(lang, o.planned_minutes)
        ),
        None => format!(
            "{} · {}",
            i18n::short_date(lang, o.planned_date),
            i18n::duration(lang, o.planned_minutes)
        ),
    };
    let (accept_id, decline_id) = (o.id.to_string(), o.id.to_string());
    let reason_id = format!("decline-reason-{}", o.id);
    let reason_for = reason_id.clone();
    view! {
        <article class="card offer">
            <AssignmentFacts assignment=o when />
            <ActionForm action=actions.accept>
                <input type="hidden" name="assignment_id" value=accept_id />
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
                <ActionForm action=actions.decline>
                    <input type="hidden" name="assignment_id" value=decline_id />
                    <div class="field">
                        <label for=reason_for>{t(T::DeclineReason)}</label>
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

/// What an assignment is, for whom, where and when: the top of every assignment's card.
#[component]
fn AssignmentFacts(assignment: AssignmentCard, when: String) -> impl IntoView {
    let a = assignment;
    view! {
        <h3>{a.activity}</h3>
        <p class="who">
            <Svg icon=Icon::Person />
            <span>{a.client_name}</span>
        </p>
        <p>
            <Svg icon=Icon::Pin />
            <span>{format!("{}, {} {}", a.street, a.postcode, a.city)}</span>
        </p>
        <p>
            <Svg icon=Icon::Clock />
            <span>{when}</span>
        </p>
        {(!a.description.is_empty()).then(|| view! { <p class="description">{a.description}</p> })}
    }
}
