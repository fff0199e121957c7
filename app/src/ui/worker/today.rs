//! Vandaag: today's assignments (or the next one) with Start, Pauze/Verder and Stop, a timer
//! that counts on the phone from the server's times (so it survives reloads and app switches),
//! Annuleren for a mistaken Start, a reminder when the clock runs past the planned end, and the
//! hours against the limits.

use leptos::prelude::*;

use super::{AssignmentFacts, WorkerFrame, browser_now_ms, format_elapsed, planned_when};
use crate::assignments::AssignmentCard;
use crate::error::AppError;
use crate::i18n::{self, M, T, t, use_lang};
use crate::ids::EntryId;
use crate::rules::{LimitBreach, Usage};
use crate::time_entries::{
    CancelClock, PauseClock, ResumeClock, RunningClock, StartClock, StopClock,
};
use crate::ui::icons::{Icon, Svg};
use crate::ui::layout::{ActionError, LimitBar, LoadError, Loading, StatusBadge};
use crate::workers::{WorkerDay, get_worker_day};

/// Everything the worker can do on this screen; each reloads the day when it is done.
#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartClock>,
    stop: ServerAction<StopClock>,
    cancel: ServerAction<CancelClock>,
    pause: ServerAction<PauseClock>,
    resume: ServerAction<ResumeClock>,
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let actions = Actions {
        start: ServerAction::new(),
        stop: ServerAction::new(),
        cancel: ServerAction::new(),
        pause: ServerAction::new(),
        resume: ServerAction::new(),
    };
    let Actions {
        start,
        stop,
        cancel,
        pause,
        resume,
    } = actions;
    let day = Resource::new(
        move || {
            (
                start.version().get(),
                stop.version().get(),
                cancel.version().get(),
                pause.version().get(),
                resume.version().get(),
            )
        },
        |_| get_worker_day(),
    );
    let start_error = Signal::derive(move || start.value().get().and_then(|r| r.err()));
    let stop_error = Signal::derive(move || stop.value().get().and_then(|r| r.err()));
    let cancel_error = Signal::derive(move || cancel.value().get().and_then(|r| r.err()));
    let pause_error = Signal::derive(move || pause.value().get().and_then(|r| r.err()));
    let resume_error = Signal::derive(move || resume.value().get().and_then(|r| r.err()));
    // A clock that ran too long was kept but held for the coordinator: say so, plainly.
    let held = move || {
        stop.value()
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|s| s.held_for_review)
    };
    view! {
        <WorkerFrame>
            // Above the assignments, next to the buttons, not below the fold.
            <ActionError error=start_error />
            <ActionError error=stop_error />
            <ActionError error=cancel_error />
            <ActionError error=pause_error />
            <ActionError error=resume_error />
            <Show when=held>
                <p class="notice" role="status">{t(T::HeldForReview)}</p>
            </Show>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match day.await {
                        Ok(d) => view! { <WorkerDayView day=d actions /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </WorkerFrame>
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
    // The same rule the server applies at Start: say it before the worker taps.
    let blocked = crate::rules::may_start(day.trajectory, day.usage, day.today)
        .err()
        .map(|breach| i18n::limit_message(lang, &breach));
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
                    blocked=blocked.clone()
                    usage=day.usage
                    server_now_ms
                    actions
                />
            }
        })
        .collect_view();
    let no_assignments = cards.is_empty();
    let next = day.next.map(|a| {
        let when = planned_when(&a, true);
        view! {
            <section aria-labelledby="next-title" class="card assignment">
                <h2 id="next-title">{t(T::NextAssignment)}</h2>
                <AssignmentFacts assignment=a when />
            </section>
        }
    });
    let offers = day.offers.len() as i64;
    // The last few prestaties: after a Stop, the worker sees their hours were kept.
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
        {(offers > 0)
            .then(|| {
                view! {
                    <a href="/worker/assignments" class="notice offers-waiting">
                        <Svg icon=Icon::List />
                        <span>{i18n::message(lang, M::OffersWaiting, &[("n", offers.into())])}</span>
                    </a>
                }
            })}
        <section aria-labelledby="today-title">
            <h2 id="today-title">{t(T::Today)} " · " {i18n::short_date(lang, day.today)}</h2>
            {no_assignments.then(|| view! { <p>{t(T::NoAssignmentsToday)}</p> })}
            {cards}
        </section>
        {next}
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
        </section>
        <section aria-labelledby="recent-title">
            <h2 id="recent-title">{t(T::RecentWork)}</h2>
            {no_recent.then(|| view! { <p>{t(T::NoRecentWork)}</p> })}
            <ul class="entries">{recent}</ul>
            <p>
                <a href="/worker/hours" class="more-link">{t(T::NavHours)}</a>
            </p>
        </section>
    }
}

#[component]
fn AssignmentView(
    assignment: AssignmentCard,
    running: Option<RunningClock>,
    other_running: bool,
    /// Why the rules refuse a Start today, if they do.
    blocked: Option<String>,
    usage: Usage,
    server_now_ms: i64,
    actions: Actions,
) -> impl IntoView {
    let when = planned_when(&assignment, false);
    let id = assignment.id;
    let disabled = other_running || blocked.is_some();
    let action = match running {
        Some(r) => view! { <ClockView clock=r usage server_now_ms actions /> }.into_any(),
        None => view! {
            {blocked.map(|text| view! { <p class="notice">{text}</p> })}
            <ActionForm action=actions.start>
                <input type="hidden" name="assignment_id" value=id.to_string() />
                <button type="submit" class="btn btn-start btn-wide" disabled=disabled>
                    <Svg icon=Icon::Play />
                    <span>{t(T::Start)}</span>
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <article class="card assignment">
            <AssignmentFacts assignment when />
            {action}
        </article>
    }
}

/// The running clock: the time worked (counted on the phone from the server's times, so a
/// phone whose clock is wrong still shows the right time), Pauze or Verder, Stop, Annuleren in
/// the first minutes, and the reminder once it runs past the planned end.
#[component]
fn ClockView(
    clock: RunningClock,
    usage: Usage,
    server_now_ms: i64,
    actions: Actions,
) -> impl IntoView {
    let lang = use_lang();
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
    let r = clock;
    let entry = r.entry_id;
    let paused = r.paused_since_ms.is_some();
    let worked = {
        let r = r.clone();
        move || format_elapsed(r.worked_ms(now_ms.get()))
    };
    // The rule the server applies at Stop, on the running time: the worker sees it coming.
    let over_limit = {
        let r = r.clone();
        move || {
            let minutes = crate::rules::clocked_minutes(r.worked_ms(now_ms.get()) / 1000);
            crate::rules::check_new_minutes(usage, minutes)
                .err()
                .map(|breach| view! { <p class="notice" role="status">{i18n::limit_message(lang, &breach)}</p> })
        }
    };
    let remind_at = r.remind_at_ms;
    let reminder_text = i18n::message(
        lang,
        M::ForgotToStop,
        &[("time", i18n::hm(r.planned_end_local).into())],
    );
    let pause_or_resume = if paused {
        let since = r
            .paused_since_ms
            .map(|ms| crate::brussels::local_time(crate::brussels::from_ms(ms)))
            .map(i18n::hm)
            .unwrap_or_default();
        view! {
            <p class="notice" role="status">
                {t(T::OnPause)} " " {i18n::message(lang, M::Paused, &[("time", since.into())])}
            </p>
            <ActionForm action=actions.resume>
                <input type="hidden" name="entry_id" value=entry.to_string() />
                <button type="submit" class="btn btn-start btn-wide">
                    <Svg icon=Icon::Play />
                    <span>{t(T::Resume)}</span>
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.pause>
                <input type="hidden" name="entry_id" value=entry.to_string() />
                <button type="submit" class="btn btn-quiet btn-wide">
                    <Svg icon=Icon::Pause />
                    <span>{t(T::Pause)}</span>
                </button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <div class="clock">
            <p>{t(T::WorkingSince)} " " {i18n::hm(r.started_local)}</p>
            <p class="timer-line">
                <span class="visually-hidden">{t(T::TimeWorked)} ": "</span>
                <span class="timer" role="timer" aria-live="off">
                    {worked}
                </span>
            </p>
            {move || {
                (now_ms.get() >= remind_at)
                    .then(|| {
                        view! {
                            <p class="notice" role="status">
                                {reminder_text.clone()}
                            </p>
                        }
                    })
            }}
            {over_limit}
            {pause_or_resume}
            <ActionForm action=actions.stop>
                <input type="hidden" name="entry_id" value=entry.to_string() />
                <input type="hidden" name="cap_at_limit" value="false" />
                <button type="submit" class="btn btn-stop btn-wide">
                    <Svg icon=Icon::Stop />
                    <span>{t(T::Stop)}</span>
                </button>
            </ActionForm>
            <StopAtLimit stop=actions.stop entry_id=r.entry_id />
            {crate::rules::may_cancel(r.started_at_ms, server_now_ms)
                .then(|| {
                    view! {
                        <div class="cancel-start">
                            <p class="hint">{t(T::CancelStartHint)}</p>
                            <ActionForm action=actions.cancel>
                                <input type="hidden" name="entry_id" value=entry.to_string() />
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
}
