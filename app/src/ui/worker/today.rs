//! Vandaag: today's assignments (or the next one) with Start, Pauze/Verder and Stop, a timer
//! that counts on the phone from the server's times (so it survives reloads and app switches),
//! Annuleren for a mistaken Start, a reminder when the clock runs past the planned end, and the
//! hours against the limits.

use leptos::prelude::*;

use super::outbox::use_outbox;
use super::{
    AssignmentFacts, CopyNotice, Known, TapButton, WorkerFrame, browser_now_ms, format_elapsed,
    planned_when, screen_data, with_copy,
};
use crate::assignments::AssignmentCard;
use crate::error::AppError;
use crate::i18n::{self, M, T, t, use_lang};
use crate::rules::{LimitBreach, Usage};
use crate::sync::pending::{self, ShownDay};
use crate::sync::{ActionKind, ClockRef};
use crate::time_entries::RunningClock;
use crate::ui::icons::{Icon, Svg};
use crate::ui::layout::{LimitBar, Loading, PhoneLoadError, StatusBadge};
use crate::workers::{WorkerDay, get_worker_day};

#[component]
pub fn TodayPage() -> impl IntoView {
    view! {
        <WorkerFrame>
            <WorkerToday />
        </WorkerFrame>
    }
}

/// The screen's island: the worker's home, in the main bundle (the first thing a phone opens).
#[island]
fn WorkerToday() -> impl IntoView {
    let day = screen_data("worker_day", get_worker_day, |d| d.server_now_ms, true);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match day.await {
                    Ok(known) => view! { <ShownDayView known /> }.into_any(),
                    Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Vandaag from the server, kept on the phone; offline, that copy.
pub async fn day_or_copy() -> Result<Known<WorkerDay>, AppError> {
    with_copy(
        "worker_day",
        get_worker_day().await,
        |d| d.server_now_ms,
        None,
    )
    .await
}

/// The day as the server last sent it, with the taps still in the outbox applied.
#[component]
fn ShownDayView(known: Known<WorkerDay>) -> impl IntoView {
    let outbox = use_outbox();
    let as_of_ms = known.value.server_now_ms;
    // Fresh from the server: its clock against the phone's now. A copy: as last measured.
    let fallback_offset = as_of_ms - browser_now_ms();
    let fresh = known.copy_of_ms.is_none();
    move || {
        let offset = match (fresh, outbox.offset_ms.get()) {
            (false, Some(measured)) => measured,
            _ => fallback_offset,
        };
        let shown = pending::apply(known.value.clone(), &outbox.shown_over(as_of_ms), offset);
        view! {
            <CopyNotice as_of_ms copy=!fresh />
            <WorkerDayView shown offset />
        }
    }
}

/// When a Stop was refused for the month or year limit: offer to record what the law allows.
#[component]
fn StopAtLimit(clock: ClockRef) -> impl IntoView {
    let outbox = use_outbox();
    let refused = move || {
        outbox.refused.get().iter().any(|r| {
            matches!(r.action.kind, ActionKind::Stop { .. })
                && matches!(
                    r.problem,
                    AppError::Limit(LimitBreach::Month { left_minutes })
                        | AppError::Limit(LimitBreach::Year { left_minutes }) if left_minutes > 0
                )
        })
    };
    view! {
        {move || {
            refused()
                .then(|| {
                    view! {
                        <TapButton
                            kind=ActionKind::Stop {
                                clock,
                                cap_at_limit: true,
                            }
                            endpoint="stop_clock"
                            fields=entry_fields(clock, Some(true))
                            class="btn btn-stop btn-wide"
                            icon=Icon::Stop
                            label=T::StopAtLimit
                        />
                    }
                })
        }}
    }
}

/// The form fields of a clock button without JavaScript (the server function's arguments).
fn entry_fields(clock: ClockRef, cap: Option<bool>) -> Vec<(&'static str, String)> {
    let entry = match clock {
        ClockRef::Entry(id) => id.to_string(),
        // A Start still in the outbox: only the app (with JavaScript) can name it.
        ClockRef::Start(_) => String::new(),
    };
    let mut fields = vec![("entry_id", entry)];
    if let Some(cap) = cap {
        fields.push(("cap_at_limit", cap.to_string()));
    }
    fields
}

#[component]
fn WorkerDayView(shown: ShownDay, offset: i64) -> impl IntoView {
    let lang = use_lang();
    let ShownDay { day, clock } = shown;
    let running = day.running.clone().zip(clock);
    // The same rule the server applies at Start: say it before the worker taps.
    let blocked = crate::rules::may_start(day.trajectory, day.usage, day.today)
        .err()
        .map(|breach| i18n::limit_message(lang, &breach));
    let cards = day
        .assignments
        .into_iter()
        .map(|a| {
            let here = running.clone().filter(|(r, _)| r.assignment_id == a.id);
            let other_running = running.is_some() && here.is_none();
            view! {
                <AssignmentView
                    assignment=a
                    running=here
                    other_running
                    blocked=blocked.clone()
                    usage=day.usage
                    offset
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
    // A clock that ran too long was kept but held for the coordinator: say so, plainly.
    let held = day
        .recent
        .iter()
        .any(|e| e.status == crate::time_entries::EntryStatus::Review);
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
        {held.then(|| view! { <p class="notice" role="status">{t(T::HeldForReview)}</p> })}
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
            <p>{i18n::time_left(lang, crate::rules::minutes_left(day.usage))}</p>
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
    running: Option<(RunningClock, ClockRef)>,
    other_running: bool,
    /// Why the rules refuse a Start today, if they do.
    blocked: Option<String>,
    usage: Usage,
    /// The server's clock minus the phone's.
    offset: i64,
) -> impl IntoView {
    let when = planned_when(&assignment, false);
    let id = assignment.id;
    let disabled = other_running || blocked.is_some();
    let action = match running {
        Some((clock, clock_ref)) => view! { <ClockView clock clock_ref usage offset /> }.into_any(),
        None => view! {
            {blocked.map(|text| view! { <p class="notice">{text}</p> })}
            <TapButton
                kind=ActionKind::Start { assignment_id: id }
                endpoint="start_clock"
                fields=vec![("assignment_id", id.to_string())]
                class="btn btn-start btn-wide"
                icon=Icon::Play
                label=T::Start
                disabled
            />
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

/// The running clock: the time worked (counted on the phone from the server's times and the
/// measured offset of the phone's clock, so a phone whose clock is wrong still shows the right
/// time), Pauze or Verder, Stop, Annuleren in the first minutes, and the reminder once it runs
/// past the planned end.
#[component]
fn ClockView(clock: RunningClock, clock_ref: ClockRef, usage: Usage, offset: i64) -> impl IntoView {
    let lang = use_lang();
    let server_now = move || browser_now_ms() + offset;
    let (now_ms, set_now_ms) = signal(server_now());
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || set_now_ms.set(server_now()),
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
    let fields = entry_fields(clock_ref, None);
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
            <TapButton
                kind=ActionKind::Resume { clock: clock_ref }
                endpoint="resume_clock"
                fields=fields.clone()
                class="btn btn-start btn-wide"
                icon=Icon::Play
                label=T::Resume
            />
        }
        .into_any()
    } else {
        view! {
            <TapButton
                kind=ActionKind::Pause { clock: clock_ref }
                endpoint="pause_clock"
                fields=fields.clone()
                class="btn btn-quiet btn-wide"
                icon=Icon::Pause
                label=T::Pause
            />
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
            <TapButton
                kind=ActionKind::Stop {
                    clock: clock_ref,
                    cap_at_limit: false,
                }
                endpoint="stop_clock"
                fields=entry_fields(clock_ref, Some(false))
                class="btn btn-stop btn-wide"
                icon=Icon::Stop
                label=T::Stop
            />
            <StopAtLimit clock=clock_ref />
            {crate::rules::may_cancel(r.started_at_ms, server_now())
                .then(|| {
                    view! {
                        <div class="cancel-start">
                            <p class="hint">{t(T::CancelStartHint)}</p>
                            <TapButton
                                kind=ActionKind::Cancel { clock: clock_ref }
                                endpoint="cancel_clock"
                                fields=fields.clone()
                                class="btn btn-quiet btn-wide"
                                icon=Icon::Cross
                                label=T::CancelStart
                            />
                        </div>
                    }
                })}
        </div>
    }
}
