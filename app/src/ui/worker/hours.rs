//! Mijn uren: this month against 60 hours and this year against 630, the trajectory's end, the
//! allowance estimate, the prestaties with their status; and the form to enter hours afterwards
//! or correct them, which runs the same rules as the server before anything is sent.

use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::outbox::use_outbox;
use super::{
    CopyNotice, EntryList, WorkerFrame, browser_now_ms, planned_when, screen_data, with_copy,
};
use crate::error::{AppError, Field};
use crate::i18n::{self, M, T, t, use_lang};
use crate::ids::{AssignmentId, EntryId};
use crate::rules::{self, Span};
use crate::sync::{ActionId, ActionKind};
use crate::time_entries::{self, Hours, MyEntry};
use crate::ui::go_to;
use crate::ui::icons::{Icon, Svg};
use crate::ui::layout::{ActionError, LimitBar, Loading, PhoneLoadError};
use crate::workers::{MyHours, get_my_hours};

#[component]
pub fn HoursPage() -> impl IntoView {
    let query = use_query_map();
    let saved = query.read_untracked().get("saved").is_some();
    let queued = query.read_untracked().get("queued").is_some();
    view! {
        <WorkerFrame>
            <WorkerHours saved queued />
        </WorkerFrame>
    }
}

/// The screen's island. `saved`: back from hours entered; `queued`: they wait on the phone.
#[island(lazy)]
fn WorkerHours(saved: bool, queued: bool) -> impl IntoView {
    let hours = my_hours_or_copy(true);
    view! {
            <h1>{t(T::NavHours)}</h1>
            <Show when=move || saved>
                <p class="notice ok" role="status">{t(T::HoursSaved)}</p>
            </Show>
            <Show when=move || queued>
                <p class="notice" role="status">{t(T::SavedOnPhone)}</p>
            </Show>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match hours.await {
                        Ok(h) => {
                            let as_of_ms = h.value.server_now_ms;
                            let copy = h.copy_of_ms.is_some();
                            view! {
                                <CopyNotice as_of_ms copy />
                                <HoursView hours=h.value />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
    }
}

#[component]
fn HoursView(hours: MyHours) -> impl IntoView {
    let lang = use_lang();
    let h = hours;
    let month = i18n::month_name(lang, h.today.year(), h.today.month());
    let how = allowance_lines(lang, &h.allowance);
    let paper = waiting_for_cheques(lang, &h.entries);
    let waiting = (h.allowance_waiting.sums.entries > 0).then(|| {
        i18n::message(
            lang,
            M::AllowanceWaiting,
            &[
                ("n", h.allowance_waiting.sums.entries.into()),
                (
                    "total",
                    i18n::money(lang, h.allowance_waiting.total_cents).into(),
                ),
            ],
        )
    });
    let travel = i18n::message(
        lang,
        M::TravelRule,
        &[
            (
                "rate",
                i18n::money(lang, h.rates_today.km_rate_cents).into(),
            ),
            ("threshold", h.rates_today.km_threshold.into()),
        ],
    );
    view! {
        <section aria-labelledby="month-title" class="card">
            <h2 id="month-title">{t(T::MyHoursThisMonth)} " · " {month}</h2>
            <LimitBar
                used_minutes=h.usage.month_minutes
                limit_minutes=rules::MONTH_LIMIT_MINUTES
                label=t(T::MyHoursThisMonth).to_string()
            />
            <p>{i18n::time_left(lang, rules::minutes_left(h.usage))}</p>
            {rules::month_limit_near(h.usage)
                .then(|| view! { <p class="notice" role="status">{t(T::MonthLimitNear)}</p> })}
            <h2 id="year-title">{t(T::MyHoursThisYear)}</h2>
            <LimitBar
                used_minutes=h.usage.year_minutes
                limit_minutes=rules::YEAR_LIMIT_MINUTES
                label=t(T::MyHoursThisYear).to_string()
            />
            <p class="trajectory">
                {match (h.trajectory_last_day, h.trajectory_days_left) {
                    (Some(last), Some(days)) => i18n::trajectory_ends(lang, last, days),
                    _ => t(T::NoTrajectoryEnd).to_string(),
                }}
            </p>
        </section>
        <section aria-labelledby="allowance-title" class="card">
            <h2 id="allowance-title">{t(T::AllowanceTitle)}</h2>
            <p class="allowance" data-cents=h.allowance.total_cents.to_string()>
                {i18n::money(lang, h.allowance.total_cents)}
            </p>
            <ul class="plain allowance-how">
                {how.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
            {waiting.map(|w| view! { <p class="allowance-waiting">{w}</p> })}
            <p class="hint">{travel}</p>
            <p class="hint">{t(T::AllowanceHint)}</p>
        </section>
        <section aria-labelledby="payments-title" class="card">
            <h2 id="payments-title">{t(T::PaymentsTitle)}</h2>
            {payments_list(lang, &h.payments)}
        </section>
        <a href="/worker/hours/new" class="btn btn-primary btn-wide">
            <Svg icon=Icon::Plus />
            <span>{t(T::EnterHours)}</span>
        </a>
        {paper}
        <EntryList entries=h.entries title=T::EntriesTitle />
    }
}

/// The monthly payments, each with its statement (a PDF the server makes in the worker's
/// language); none yet: a line that says so.
fn payments_list(lang: i18n::Lang, payments: &[crate::payments::MyPayment]) -> AnyView {
    if payments.is_empty() {
        return view! { <p>{t(T::NoPaymentsYet)}</p> }.into_any();
    }
    let items = payments
        .iter()
        .map(|p| {
            let month = crate::allowances::rules::Month::of(p.month);
            let name = i18n::month_name(lang, month.year, month.month);
            let line = i18n::message(
                lang,
                M::PaidForMonth,
                &[
                    ("month", name.into()),
                    ("total", i18n::money(lang, p.total_cents).into()),
                ],
            );
            let href = format!("/worker/payments/{month}.pdf");
            view! {
                <li>
                    <a href=href class="btn btn-quiet payment-statement" download>
                        {line}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain payments">{items}</ul> }.into_any()
}

/// The prestaties that wait for cheques, each with the way to type the paper cheques the
/// gebruiker gave for it (only on Mijn uren: the first file every phone downloads does without).
fn waiting_for_cheques(lang: i18n::Lang, entries: &[MyEntry]) -> Option<impl IntoView + use<>> {
    let waiting: Vec<MyEntry> = entries
        .iter()
        .filter(|e| e.cheques_owed > 0)
        .cloned()
        .collect();
    (!waiting.is_empty()).then(|| {
        let items = waiting
            .into_iter()
            .map(|e| {
                let href = format!("/worker/hours/{}/cheques", e.id);
                let what = format!(
                    "{} · {} · {}",
                    i18n::short_date(lang, e.work_date),
                    e.client_name,
                    i18n::message(lang, M::WaitsForCheques, &[("n", e.cheques_owed.into())])
                );
                view! {
                    <li>
                        <p>{what}</p>
                        <a href=href class="btn btn-quiet entry-cheques">
                            <Svg icon=Icon::Ticket />
                            <span>{t(T::EnterPaperCheques)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="waiting-cheques-title" class="card">
                <h2 id="waiting-cheques-title">{t(T::PaperChequesTitle)}</h2>
                <ul class="plain">{items}</ul>
            </section>
        }
    })
}

/// How the month's allowance is made up, a line per rate: "3 cheques × € 4,10 = € 12,30",
/// "12 km × € 0,15 = € 1,80". Nothing confirmed yet: one line that says so.
fn allowance_lines(lang: i18n::Lang, earned: &crate::allowances::Earned) -> Vec<String> {
    use crate::allowances::AllowanceBasis;
    if earned.sums.entries == 0 {
        return vec![t(T::NothingConfirmedYet).to_string()];
    }
    let mut lines = Vec::new();
    for (rates, sums) in &earned.parts {
        let rate = i18n::money(lang, rates.allowance_cents);
        lines.push(match rates.basis {
            AllowanceBasis::PerCheque => i18n::message(
                lang,
                M::AllowancePerCheque,
                &[
                    ("n", sums.cheques.into()),
                    ("rate", rate.into()),
                    (
                        "total",
                        i18n::money(lang, sums.cheques * rates.allowance_cents).into(),
                    ),
                ],
            ),
            AllowanceBasis::PerMinute => i18n::message(
                lang,
                M::AllowancePerMinute,
                &[
                    ("time", i18n::duration(lang, sums.minutes).into()),
                    ("rate", rate.into()),
                ],
            ),
        });
        if sums.paid_km > 0 {
            lines.push(i18n::message(
                lang,
                M::AllowanceKm,
                &[
                    ("km", sums.paid_km.into()),
                    ("rate", i18n::money(lang, rates.km_rate_cents).into()),
                    (
                        "total",
                        i18n::money(lang, sums.paid_km * rates.km_rate_cents).into(),
                    ),
                ],
            ));
        }
    }
    lines
}

/// Mijn uren (see [`screen_data`]); reloaded after the outbox's rounds when `follow_outbox`
/// (not under a form being filled in: it would start again).
fn my_hours_or_copy(follow_outbox: bool) -> Resource<Result<super::Known<MyHours>, AppError>> {
    screen_data("my_hours", get_my_hours, |h| h.server_now_ms, follow_outbox)
}

/// Mijn uren from the server, kept on the phone; offline, that copy.
pub async fn hours_or_copy() -> Result<super::Known<MyHours>, AppError> {
    with_copy("my_hours", get_my_hours().await, |h| h.server_now_ms, None).await
}

/// The prestatie the address names (`/worker/hours/:id…`).
fn entry_in_address() -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
}

/// Papieren cheques: the numbers of the paper cheques the gebruiker gave for a prestatie that
/// waits for cheques.
#[component]
pub fn PaperChequesPage() -> impl IntoView {
    let entry_id = entry_in_address();
    view! {
        <WorkerFrame>
            <BackToHours />
            <h1>{t(T::PaperChequesTitle)}</h1>
            <p>{t(T::PaperChequesIntro)}</p>
            <WorkerPaperCheques entry_id />
        </WorkerFrame>
    }
}

#[island(lazy)]
fn WorkerPaperCheques(entry_id: Option<i64>) -> impl IntoView {
    let hours = Resource::new(|| (), |_| get_my_hours());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let waiting = hours.await.map(|h| {
                    h.entries
                        .into_iter()
                        .find(|e| Some(e.id.0) == entry_id && e.cheques_owed > 0)
                });
                match waiting {
                    Ok(Some(e)) => {
                        let done = Callback::new(|_| go_to("/worker/hours?saved=1"));
                        view! {
                            <p>{format!("{} · {}", e.client_name, e.activity)}</p>
                            <crate::ui::paper_cheques::PaperChequesForm
                                entry=e.id
                                owed=e.cheques_owed
                                recorder=crate::ui::paper_cheques::Recorder::Worker
                                done
                            />
                        }
                            .into_any()
                    }
                    Ok(None) => view! { <PhoneLoadError error=AppError::AlreadyDecided /> }.into_any(),
                    Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Achteraf ingeven.
#[component]
pub fn EnterHoursPage() -> impl IntoView {
    view! {
        <WorkerFrame>
            <BackToHours />
            <h1>{t(T::EnterHoursTitle)}</h1>
            <WorkerEnterHours />
        </WorkerFrame>
    }
}

#[island(lazy)]
fn WorkerEnterHours() -> impl IntoView {
    let hours = my_hours_or_copy(false);
    view! {
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match hours.await {
                        Ok(h) if h.value.enterable.is_empty() => {
                            view! { <p>{t(T::NoEnterable)}</p> }.into_any()
                        }
                        Ok(h) => view! { <HoursForm hours=h.value editing=None /> }.into_any(),
                        Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
    }
}

/// Verbeteren: one of the worker's own prestaties, while they may still change it.
#[component]
pub fn ChangeEntryPage() -> impl IntoView {
    let entry_id = entry_in_address();
    view! {
        <WorkerFrame>
            <BackToHours />
            <h1>{t(T::ChangeEntryTitle)}</h1>
            <WorkerChangeEntry entry_id />
        </WorkerFrame>
    }
}

#[island(lazy)]
fn WorkerChangeEntry(entry_id: Option<i64>) -> impl IntoView {
    let hours = Resource::new(|| (), |_| get_my_hours());
    view! {
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let wanted = entry_id;
                    match hours.await {
                        Ok(h) => {
                            let entry = h
                                .entries
                                .iter()
                                .find(|e| Some(e.id.0) == wanted)
                                .filter(|e| e.changeable())
                                .cloned();
                            match entry {
                                Some(e) => view! { <HoursForm hours=h editing=Some(e) /> }.into_any(),
                                None => {
                                    view! { <PhoneLoadError error=crate::error::AppError::EntryLocked /> }
                                        .into_any()
                                }
                            }
                        }
                        Err(e) => view! { <PhoneLoadError error=e /> }.into_any(),
                    }
                })}
            </Transition>
    }
}

/// "2026-12-01" as the date input gives it. By hand rather than chrono's format parser, which
/// would add its weight to every phone's download.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// "09:00" (or "09:00:00") as the time input gives it.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.trim().splitn(3, ':').map(|p| p.parse::<u32>().ok());
    let (h, m) = (parts.next()??, parts.next()??);
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A labelled form field whose value the phone's check reads as the worker types. Numbers are
/// whole and from 0 (`max` for their upper bound).
#[component]
fn BoundInput(
    id: &'static str,
    label: T,
    kind: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] max: Option<&'static str>,
) -> impl IntoView {
    let number = kind == "number";
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            <input
                id=id
                type=kind
                name=name
                required
                inputmode=number.then_some("numeric")
                min=number.then_some("0")
                max=max
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The day and times an assignment was planned (never later than today), for the form.
fn planned_times(
    assignment: Option<&crate::assignments::AssignmentCard>,
    today: NaiveDate,
) -> (NaiveDate, NaiveTime, NaiveTime) {
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
    let Some(a) = assignment else {
        return (today, nine, nine);
    };
    let start = a.planned_start.unwrap_or(nine);
    let last = NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default();
    let length = chrono::Duration::minutes(a.planned_minutes);
    let end = match start.overflowing_add_signed(length) {
        (end, 0) => end,
        _ => last,
    };
    (a.planned_date.min(today), start, end)
}

#[component]
fn BackToHours() -> impl IntoView {
    view! {
        <p>
            <a href="/worker/hours" class="btn btn-quiet">
                <Svg icon=Icon::Back />
                <span>{t(T::Back)}</span>
            </a>
        </p>
    }
}

/// The form for hours entered afterwards or corrected. While the worker types, the phone runs
/// the same rules the server will (in the future? end after start? pause inside? overlap?
/// over the limit?) and says what is wrong before anything is sent; the server decides.
#[component]
fn HoursForm(hours: MyHours, editing: Option<MyEntry>) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    let change = ServerAction::<time_entries::ChangeEntry>::new();
    Effect::new(move |_| {
        if change.value().get().is_some_and(|r| r.is_ok()) {
            go_to("/worker/hours?saved=1");
        }
    });
    // Hours entered go through the outbox, like a Stop: the form waits for its own action's
    // answer (applied: to Mijn uren; refused: the reason here), or, offline, leaves it on the
    // phone to be sent.
    let entered: RwSignal<Option<ActionId>> = RwSignal::new(None);
    let enter_error: RwSignal<Option<AppError>> = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(id) = entered.get() else { return };
        if let Some(refusal) = outbox.refused.get().into_iter().find(|r| r.action.id == id) {
            // Said here, in place; not a second time in the list above.
            outbox
                .refused
                .update(|list| list.retain(|r| r.action.id != id));
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(crate::sync::outbox::dismiss(id));
            enter_error.set(Some(refusal.problem));
            entered.set(None);
        } else if !outbox.pending.get().iter().any(|a| a.id == id) {
            go_to("/worker/hours?saved=1");
        } else if outbox.offline.get() {
            go_to("/worker/hours?queued=1");
        }
    });
    let change_error = Signal::derive(move || change.value().get().and_then(|r| r.err()));

    let first = hours.enterable.first().cloned();
    let (date0, start0, end0, pause0, km0, note0) = match &editing {
        Some(e) => (
            e.work_date,
            e.start,
            e.end.unwrap_or(e.start),
            e.pause_minutes,
            e.km,
            e.note.clone(),
        ),
        None => {
            let (day, start, end) = planned_times(first.as_ref(), hours.today);
            (day, start, end, 0, 0, String::new())
        }
    };
    let date = RwSignal::new(i18n::iso_date(date0));
    let start = RwSignal::new(i18n::hm(start0));
    let end = RwSignal::new(i18n::hm(end0));
    let pause = RwSignal::new(pause0.to_string());
    let km = RwSignal::new(km0.to_string());

    // The phone's verdict, with the server's "now" (the phone's own clock may be wrong).
    let editing_id: Option<EntryId> = editing.as_ref().map(|e| e.id);
    let old = editing
        .as_ref()
        .map(|e| (e.minutes.unwrap_or(0), e.work_date));
    let others: Vec<Span> = hours
        .entries
        .iter()
        .filter(|e| Some(e.id) != editing_id)
        .map(|e| e.span())
        .collect();
    let usage = hours.usage;
    let today = hours.today;
    let offset = hours.server_now_ms - browser_now_ms();
    let verdict = move || -> Option<String> {
        let hours = Hours {
            date: parse_date(&date.get())?,
            start: parse_time(&start.get())?,
            end: parse_time(&end.get())?,
            pause_minutes: pause.get().trim().parse().ok()?,
            km: km.get().trim().parse().ok()?,
            note: String::new(),
        };
        let now_ms = browser_now_ms() + offset;
        match hours.check(now_ms, &others) {
            Err(problem) => Some(i18n::entry_message(lang, &problem)),
            Ok(minutes) => {
                // The limits of this month, which the phone knows (the server checks any month).
                let same_month = rules::month_bounds(hours.date) == rules::month_bounds(today);
                let u = match old {
                    Some((minutes, its_day)) => usage.without(minutes, its_day, hours.date),
                    None => usage,
                };
                same_month
                    .then(|| rules::check_new_minutes(u, minutes).err())
                    .flatten()
                    .map(|breach| i18n::limit_message(lang, &breach))
            }
        }
    };

    let note = NodeRef::<leptos::html::Textarea>::new();
    let fields = view! {
        <BoundInput id="hours-date" label=T::FieldDate kind="date" name="date" value=date />
        <div class="field-row">
            <BoundInput id="hours-start" label=T::FieldStart kind="time" name="start" value=start />
            <BoundInput id="hours-end" label=T::FieldEnd kind="time" name="end" value=end />
        </div>
        <div class="field-row">
            <BoundInput
                id="hours-pause"
                label=T::FieldPause
                kind="number"
                name="pause_minutes"
                value=pause
                max="720"
            />
            <BoundInput id="hours-km" label=T::FieldKm kind="number" name="km" value=km max="500" />
        </div>
        <div class="field">
            <label for="hours-note">{t(T::FieldNote)}</label>
            <textarea id="hours-note" name="note" rows="2" maxlength="500" node_ref=note>
                {note0}
            </textarea>
        </div>
    };
    let warning = move || verdict().map(|text| view! { <p class="alert" role="status">{text}</p> });
    let submit = view! {
        <button type="submit" class="btn btn-start btn-wide">
            <Svg icon=Icon::Check />
            <span>{t(T::Save)}</span>
        </button>
    };
    match editing {
        None => {
            let enterable = StoredValue::new(hours.enterable.clone());
            let options = hours
                .enterable
                .into_iter()
                .map(|a| {
                    let label = format!(
                        "{} · {} · {}",
                        planned_when(&a, true),
                        a.activity,
                        a.client_name
                    );
                    view! { <option value=a.id.to_string()>{label}</option> }
                })
                .collect_view();
            // Choosing an assignment fills in its planned day and times.
            let today = hours.today;
            let choose = move |ev: leptos::ev::Event| {
                let chosen = event_target_value(&ev);
                let a = enterable
                    .with_value(|list| list.iter().find(|a| a.id.to_string() == chosen).cloned());
                let (day, s, e) = planned_times(a.as_ref(), today);
                date.set(i18n::iso_date(day));
                start.set(i18n::hm(s));
                end.set(i18n::hm(e));
            };
            let assignment = NodeRef::<leptos::html::Select>::new();
            let send = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let chosen = assignment
                    .get()
                    .and_then(|s| s.value().parse::<i64>().ok())
                    .map(AssignmentId);
                let hours = (|| {
                    Some(Hours {
                        date: parse_date(&date.get_untracked())?,
                        start: parse_time(&start.get_untracked())?,
                        end: parse_time(&end.get_untracked())?,
                        pause_minutes: pause.get_untracked().trim().parse().ok()?,
                        km: km.get_untracked().trim().parse().ok()?,
                        note: note.get().map(|n| n.value()).unwrap_or_default(),
                    })
                })();
                match (chosen, hours) {
                    (Some(assignment_id), Some(hours)) => {
                        enter_error.set(None);
                        let id = outbox.tap(ActionKind::EnterHours {
                            assignment_id,
                            hours,
                        });
                        entered.set(Some(id));
                    }
                    _ => enter_error.set(Some(AppError::Invalid(Field::Form))),
                }
            };
            view! {
                <ActionError error=enter_error />
                <form method="post" action="/api/enter_hours" on:submit=send>
                    <div class="field">
                        <label for="hours-assignment">{t(T::FieldAssignment)}</label>
                        <select
                            id="hours-assignment"
                            name="assignment_id"
                            required
                            on:change=choose
                            node_ref=assignment
                        >
                            {options}
                        </select>
                    </div>
                    {fields}
                    {warning}
                    {submit}
                </form>
            }
            .into_any()
        }
        Some(e) => view! {
            <ActionError error=change_error />
            <ActionForm action=change>
                <input type="hidden" name="entry_id" value=e.id.to_string() />
                <p class="who">{format!("{} · {}", e.activity, e.client_name)}</p>
                {fields}
                <div class="field">
                    <label for="hours-reason">{t(T::FieldReason)}</label>
                    <textarea id="hours-reason" name="reason" rows="2" maxlength="500"></textarea>
                </div>
                {warning}
                {submit}
            </ActionForm>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_dates_and_times_parse_as_the_inputs_give_them() {
        assert_eq!(
            parse_date("2026-12-01"),
            NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_time("09:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("09:05:00"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("9"), None);
    }
}
