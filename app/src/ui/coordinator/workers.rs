//! The bemiddelaar's wijk-werkers: the list (search, municipality, running or ended), a new
//! worker with the activation code to hand over, and a worker's page: facts, hours against the
//! limits, the account (a new code, deactivate), changes, and the end of the trajectory.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::activities::{Activity, activities};
use crate::auth::{ActivationCode, DeactivateAccount, NewActivationCode};
use crate::error::AppError;
use crate::i18n::{M, T, message, short_date, t, use_lang};
use crate::ids::WorkerId;
use crate::municipalities::{Municipality, municipalities};
use crate::requests::{DayPart, MatchingProfile, SetMatchingProfile, Slot, get_matching_profile};
use crate::rules::{MONTH_LIMIT_MINUTES, YEAR_LIMIT_MINUTES};
use crate::ui::layout::{ActionError, ChoiceBox, FileViews, LimitBar, LoadError, Loading, Page};
use crate::ui::path_id;
use crate::workers::{
    CreateWorker, EndTrajectory, Outcome, Referrer, UpdateWorker, WorkerForm, WorkerStatus,
    get_worker_file, list_workers,
};

/// The links between the bemiddelaar's screens.
#[component]
pub fn StaffNav() -> impl IntoView {
    view! {
        <nav class="staff-nav" aria-label=t(T::ToOverview)>
            <a href="/coordinator" class="btn">{t(T::ToOverview)}</a>
            <a href="/coordinator/review" class="btn">{t(T::ToReview)}</a>
            <a href="/coordinator/workers" class="btn">{t(T::ToWorkers)}</a>
            <a href="/coordinator/clients" class="btn">{t(T::ToClients)}</a>
            <a href="/coordinator/requests" class="btn">{t(T::ToRequests)}</a>
            <a href="/coordinator/week" class="btn">{t(T::ToWeek)}</a>
            <a href="/coordinator/allowances" class="btn">{t(T::ToAllowances)}</a>
            <a href="/coordinator/cheques" class="btn">{t(T::ToCheques)}</a>
            <a href="/coordinator/payments" class="btn">{t(T::ToPayments)}</a>
            <a href="/coordinator/reports" class="btn">{t(T::ToReports)}</a>
            <a href="/coordinator/organisation" class="btn">{t(T::ToOrganisation)}</a>
            <a href="/coordinator/settings" class="btn">{t(T::ToSettings)}</a>
        </nav>
    }
}

/// `/coordinator/workers`: a plain GET form, so the filter is in the address (and works
/// before the WASM arrives).
#[component]
pub fn WorkersPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.get();
        let status = match q.get("status").as_deref() {
            Some("Ended") => WorkerStatus::Ended,
            Some("All") => WorkerStatus::All,
            _ => WorkerStatus::Active,
        };
        (
            q.get("search").unwrap_or_default(),
            q.get("municipality").and_then(|m| m.parse().ok()),
            status,
        )
    };
    let page = Resource::new(filter, |(search, municipality, status)| async move {
        Ok::<_, AppError>((
            municipalities().await?,
            list_workers(search, municipality, status).await?,
        ))
    });
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::WorkersTitle)}</h1>
            <p>
                <a href="/coordinator/workers/new" class="btn btn-primary">{t(T::NewWorker)}</a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (search, municipality, status) = filter();
                    match page.await {
                        Ok((places, list)) => {
                            view! {
                                <WorkerFilter places search municipality status />
                                <WorkerList list />
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

#[component]
fn WorkerFilter(
    places: Vec<Municipality>,
    search: String,
    municipality: Option<crate::ids::MunicipalityId>,
    status: WorkerStatus,
) -> impl IntoView {
    let statuses = [
        (WorkerStatus::Active, "Active", T::StatusActive),
        (WorkerStatus::Ended, "Ended", T::StatusEnded),
        (WorkerStatus::All, "All", T::StatusAll),
    ];
    view! {
        <form method="get" action="/coordinator/workers" class="card filter">
            <div class="field">
                <label for="search">{t(T::SearchLabel)}</label>
                <input id="search" name="search" type="search" value=search maxlength="100" />
            </div>
            <div class="field">
                <label for="municipality">{t(T::FieldMunicipality)}</label>
                <select id="municipality" name="municipality">
                    <option value="">{t(T::AllMunicipalities)}</option>
                    {places
                        .into_iter()
                        .map(|m| {
                            let selected = Some(m.id) == municipality;
                            view! {
                                <option value=m.id.to_string() selected=selected>
                                    {m.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="status">{t(T::FieldStatus)}</label>
                <select id="status" name="status">
                    {statuses
                        .into_iter()
                        .map(|(s, value, key)| {
                            view! {
                                <option value=value selected=s == status>
                                    {t(key)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="btn">{t(T::Search)}</button>
        </form>
    }
}

#[component]
fn WorkerList(list: Vec<crate::workers::WorkerLine>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p>{t(T::NoWorkersFound)}</p> }.into_any();
    }
    view! {
        <ul class="people">
            {list
                .into_iter()
                .map(|w| {
                    let href = format!("/coordinator/workers/{}", w.id);
                    let waiting = w.waiting_for_activation.then(|| t(T::WaitsForActivation));
                    let end = short_date(lang, w.trajectory_planned_end);
                    view! {
                        <li class="card person">
                            <a href=href class="person-link">
                                <strong>{w.name}</strong>
                            </a>
                            <span>{w.municipality}</span>
                            <span>{end}</span>
                            {waiting.map(|text| view! { <span class="badge submitted">{text}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The code to hand over, large and easy to read aloud, with a print button.
#[component]
pub fn CodeCard(code: ActivationCode) -> impl IntoView {
    let lang = use_lang();
    let until = message(
        lang,
        M::CodeValidUntil,
        &[("day", short_date(lang, code.valid_until).into())],
    );
    view! {
        <section class="card code-card" aria-labelledby="code-title" role="status">
            <h2 id="code-title">{t(T::CodeTitle)}</h2>
            <p class="code" translate="no">{code.code}</p>
            <p>{until}</p>
            <p>{t(T::CodeHowTo)}</p>
            <button type="button" class="btn" on:click=|_| { let _ = window().print(); }>
                {t(T::Print)}
            </button>
        </section>
    }
}

/// The fields of a worker, new (with the e-mail for the login) or to change.
#[component]
fn WorkerFields(places: Vec<Municipality>, form: Option<WorkerForm>) -> impl IntoView {
    let new = form.is_none();
    let f = form.unwrap_or(WorkerForm {
        first_name: String::new(),
        last_name: String::new(),
        email: String::new(),
        phone: String::new(),
        municipality_id: crate::ids::MunicipalityId(0),
        referrer: Referrer::Vdab,
        trajectory_start: chrono::NaiveDate::default(),
        trajectory_planned_end: chrono::NaiveDate::default(),
        ex_pwa: false,
    });
    let date = |d: chrono::NaiveDate| {
        if d == chrono::NaiveDate::default() {
            String::new()
        } else {
            d.to_string()
        }
    };
    let referrers = [
        (Referrer::Vdab, "Vdab", T::ReferrerVdab),
        (Referrer::Ocmw, "Ocmw", T::ReferrerOcmw),
    ];
    view! {
        <div class="field">
            <label for="first-name">{t(T::FieldFirstName)}</label>
            <input id="first-name" name="form[first_name]" value=f.first_name required maxlength="100" autocomplete="off" />
        </div>
        <div class="field">
            <label for="last-name">{t(T::FieldLastName)}</label>
            <input id="last-name" name="form[last_name]" value=f.last_name required maxlength="100" autocomplete="off" />
        </div>
        {new
            .then(|| {
                view! {
                    <div class="field">
                        <label for="email">{t(T::FieldEmail)}</label>
                        <input id="email" name="form[email]" type="email" required autocomplete="off" />
                    </div>
                }
            })}
        <div class="field">
            <label for="phone">{t(T::FieldPhone)}</label>
            <input id="phone" name="form[phone]" type="tel" value=f.phone maxlength="30" autocomplete="off" />
        </div>
        <div class="field">
            <label for="worker-municipality">{t(T::FieldMunicipality)}</label>
            <select id="worker-municipality" name="form[municipality_id]" required>
                {places
                    .into_iter()
                    .map(|m| {
                        let selected = m.id == f.municipality_id;
                        view! {
                            <option value=m.id.to_string() selected=selected>
                                {m.name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="referrer">{t(T::FieldReferrer)}</label>
            <select id="referrer" name="form[referrer]">
                {referrers
                    .into_iter()
                    .map(|(r, value, key)| {
                        view! {
                            <option value=value selected=r == f.referrer>
                                {t(key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="trajectory-start">{t(T::FieldTrajectoryStart)}</label>
            <input id="trajectory-start" name="form[trajectory_start]" type="date" value=date(f.trajectory_start) required />
        </div>
        <div class="field">
            <label for="trajectory-end">{t(T::FieldTrajectoryEnd)}</label>
            <input id="trajectory-end" name="form[trajectory_planned_end]" type="date" value=date(f.trajectory_planned_end) required />
        </div>
        <div class="field check">
            <input id="ex-pwa" name="form[ex_pwa]" type="checkbox" value="true" checked=f.ex_pwa />
            <label for="ex-pwa">{t(T::FieldExPwa)}</label>
        </div>
    }
}

/// `/coordinator/workers/new`: the form, then the activation code.
#[component]
pub fn NewWorkerPage() -> impl IntoView {
    view! {
        <Page>
            <StaffNav />
            <StaffNewWorker />
        </Page>
    }
}

#[island(lazy)]
fn StaffNewWorker() -> impl IntoView {
    let places = Resource::new(|| (), |_| municipalities());
    let create = ServerAction::<CreateWorker>::new();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let created = move || create.value().get().and_then(|r| r.ok());
    view! {
            <h1>{t(T::NewWorker)}</h1>
            {move || {
                created()
                    .map(|c| {
                        let href = format!("/coordinator/workers/{}", c.worker_id);
                        view! {
                            <CodeCard code=c.code />
                            <p>
                                <a href=href class="btn btn-primary">{t(T::ToWorkerFile)}</a>
                            </p>
                        }
                    })
            }}
            <ActionError error />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match places.await {
                        Ok(places) => {
                            let places = StoredValue::new(places);
                            view! {
                                <Show when=move || created().is_none()>
                                    <ActionForm action=create attr:class="card">
                                        <WorkerFields places=places.get_value() form=None />
                                        <button type="submit" class="btn btn-primary btn-wide">
                                            {t(T::CreateWorker)}
                                        </button>
                                    </ActionForm>
                                </Show>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

/// `/coordinator/workers/:id`.
#[component]
pub fn WorkerFilePage() -> impl IntoView {
    let id = path_id::<WorkerId>();
    view! {
        <Page>
            <StaffNav />
            <StaffWorkerFile id />
        </Page>
    }
}

#[island(lazy)]
fn StaffWorkerFile(id: Option<WorkerId>) -> impl IntoView {
    let id = move || id;
    let update = ServerAction::<UpdateWorker>::new();
    let end = ServerAction::<EndTrajectory>::new();
    let code = ServerAction::<NewActivationCode>::new();
    let deactivate = ServerAction::<DeactivateAccount>::new();
    let iban = ServerAction::<crate::workers::SetWorkerIban>::new();
    let page = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                end.version().get(),
                code.version().get(),
                deactivate.version().get(),
                iban.version().get(),
            )
        },
        |(id, ..)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let file = get_worker_file(id).await?;
            // One load for the page: what the matching knows comes with it.
            let matching = (activities().await?, get_matching_profile(id).await?);
            Ok::<_, AppError>((municipalities().await?, file, matching))
        },
    );
    let error = Signal::derive(move || {
        [
            update.value().get().and_then(|r| r.err()),
            end.value().get().and_then(|r| r.err()),
            code.value().get().and_then(|r| r.err()),
            deactivate.value().get().and_then(|r| r.err()),
            iban.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let saved = move || {
        matches!(update.value().get(), Some(Ok(()))) || matches!(iban.value().get(), Some(Ok(())))
    };
    view! {
            <ActionError error />
            {move || code.value().get().and_then(|r| r.ok()).map(|c| view! { <CodeCard code=c /> })}
            <Show when=saved>
                <p class="notice" role="status">{t(T::Saved)}</p>
            </Show>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok((places, file, matching)) => {
                            view! {
                                <WorkerFileView places file matching update end code deactivate iban />
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
fn WorkerFileView(
    places: Vec<Municipality>,
    file: crate::workers::WorkerFile,
    matching: (Vec<Activity>, MatchingProfile),
    update: ServerAction<UpdateWorker>,
    end: ServerAction<EndTrajectory>,
    code: ServerAction<NewActivationCode>,
    deactivate: ServerAction<DeactivateAccount>,
    iban: ServerAction<crate::workers::SetWorkerIban>,
) -> impl IntoView {
    let lang = use_lang();
    let name = format!("{} {}", file.form.first_name, file.form.last_name);
    let trajectory = message(
        lang,
        M::TrajectoryLine,
        &[
            ("start", short_date(lang, file.form.trajectory_start).into()),
            (
                "end",
                short_date(lang, file.form.trajectory_planned_end).into(),
            ),
        ],
    );
    let ended = file.ended_on.zip(file.outcome).map(|(day, outcome)| {
        message(
            lang,
            M::TrajectoryEndedLine,
            &[
                ("day", short_date(lang, day).into()),
                ("outcome", t(outcome_key(outcome)).into()),
            ],
        )
    });
    let days_left = file
        .days_left
        .filter(|_| file.ended_on.is_none())
        .map(|n| message(lang, M::DaysLeft, &[("n", n.into())]));
    let account_state = match (file.account_active, file.code_valid_until) {
        (false, _) => t(T::AccountDeactivated).to_string(),
        (true, Some(day)) => message(
            lang,
            M::WaitsForActivationUntil,
            &[("day", short_date(lang, day).into())],
        ),
        (true, None) => t(T::AccountActive).to_string(),
    };
    let account_id = file.account_id.to_string();
    let worker_id = file.id.to_string();
    let end_worker_id = worker_id.clone();
    let iban_worker_id = worker_id.clone();
    let today = file.today.to_string();
    let outcomes = [
        (Outcome::Work, "Work"),
        (Outcome::Training, "Training"),
        (Outcome::OtherMeasure, "OtherMeasure"),
        (Outcome::Stopped, "Stopped"),
    ];
    view! {
        <h1>{name}</h1>
        <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t(T::WorkerData)}</h2>
            <p>{file.email.clone()}</p>
            <p>{file.municipality.clone()}</p>
            <p>{trajectory}</p>
            {days_left.map(|d| view! { <p>{d}</p> })}
            {ended.map(|e| view! { <p class="notice">{e}</p> })}
            <LimitBar
                used_minutes=file.usage.month_minutes
                limit_minutes=MONTH_LIMIT_MINUTES
                label=t(T::HoursThisMonth).to_string()
            />
            <LimitBar
                used_minutes=file.usage.year_minutes
                limit_minutes=YEAR_LIMIT_MINUTES
                label=t(T::HoursThisYear).to_string()
            />
        </section>
        <section class="card" aria-labelledby="account-title">
            <h2 id="account-title">{t(T::AccountTitle)}</h2>
            <p>{account_state}</p>
            {file
                .account_active
                .then(|| {
                    let account_id2 = account_id.clone();
                    view! {
                        <ActionForm action=code>
                            <input type="hidden" name="account_id" value=account_id.clone() />
                            <button type="submit" class="btn">{t(T::NewCode)}</button>
                        </ActionForm>
                        <ActionForm action=deactivate>
                            <input type="hidden" name="account_id" value=account_id2 />
                            <button type="submit" class="btn btn-danger">{t(T::Deactivate)}</button>
                        </ActionForm>
                    }
                })}
        </section>
        <section class="card" aria-labelledby="iban-title">
            <h2 id="iban-title">{t(T::IbanTitle)}</h2>
            <p class="iban">
                {file.iban_masked.clone().unwrap_or_else(|| t(T::NoIbanYet).to_string())}
            </p>
            <ActionForm action=iban attr:class="iban-form">
                <input type="hidden" name="worker_id" value=iban_worker_id />
                <div class="field">
                    <label for="iban">{t(T::FieldIban)}</label>
                    <input id="iban" name="iban" autocomplete="off" inputmode="text" placeholder="BE.. .... .... ...." />
                </div>
                <button type="submit" class="btn btn-primary">{t(T::SaveIban)}</button>
            </ActionForm>
        </section>
        <MatchingSection worker_id=file.id list=matching.0 profile=matching.1 />
        <Settlements list=file.settlements.clone() />
        <FileViews
            list=file.views.clone()
            title=T::FileViewsTitle
            intro=T::FileViewsIntro
            export=format!("/coordinator/data/worker-{}.zip", file.id)
        />
        <section class="card" aria-labelledby="change-title">
            <h2 id="change-title">{t(T::WorkerData)}</h2>
            <ActionForm action=update>
                <input type="hidden" name="worker_id" value=worker_id.clone() />
                <WorkerFields places form=Some(file.form.clone()) />
                <button type="submit" class="btn btn-primary btn-wide">{t(T::Save)}</button>
            </ActionForm>
        </section>
        {file
            .ended_on
            .is_none()
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="end-title">
                        <h2 id="end-title">{t(T::EndTrajectoryTitle)}</h2>
                        <ActionForm action=end>
                            <input type="hidden" name="worker_id" value=end_worker_id />
                            <div class="field">
                                <label for="ended-on">{t(T::FieldEndedOn)}</label>
                                <input id="ended-on" name="ended_on" type="date" value=today required />
                            </div>
                            <div class="field">
                                <label for="outcome">{t(T::FieldOutcome)}</label>
                                <select id="outcome" name="outcome">
                                    {outcomes
                                        .into_iter()
                                        .map(|(o, value)| view! { <option value=value>{t(outcome_key(o))}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="btn btn-wide">{t(T::EndTrajectory)}</button>
                        </ActionForm>
                    </section>
                }
            })}
    }
}

pub fn outcome_key(outcome: Outcome) -> T {
    match outcome {
        Outcome::Work => T::OutcomeWork,
        Outcome::Training => T::OutcomeTraining,
        Outcome::OtherMeasure => T::OutcomeOtherMeasure,
        Outcome::Stopped => T::OutcomeStopped,
    }
}

/// What the worker can do and when: the matching weighs both. Sent as JSON (lists), so it
/// needs the app loaded.
#[component]
fn MatchingSection(
    worker_id: WorkerId,
    list: Vec<Activity>,
    profile: MatchingProfile,
) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SetMatchingProfile>::new();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let skills = RwSignal::new(profile.skills.clone());
    let available = RwSignal::new(profile.availability.clone());
    let skill_boxes = list
        .into_iter()
        .map(|a| {
            let id = format!("skill-{}", a.id);
            view! { <ChoiceBox id label=a.name value=a.id chosen=skills /> }
        })
        .collect_view();
    let moment_boxes = (1..=7u8)
        .flat_map(|d| [(d, DayPart::Morning), (d, DayPart::Afternoon)])
        .map(|(weekday, part)| {
            let slot = Slot { weekday, part };
            let id = format!("available-{weekday}-{}", part.as_str());
            view! {
                <ChoiceBox id label=crate::i18n::moment(lang, slot) value=slot chosen=available />
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SetMatchingProfile {
            worker_id,
            profile: MatchingProfile {
                skills: skills.get_untracked(),
                availability: available.get_untracked(),
            },
        });
    };
    view! {
        <section class="card" aria-labelledby="matching-title">
            <h2 id="matching-title">{t(T::MatchingTitle)}</h2>
            <ActionError error />
            <Show when=move || matches!(save.value().get(), Some(Ok(())))>
                <p class="notice" role="status">{t(T::Saved)}</p>
            </Show>
                <form on:submit=submit>
                    <fieldset class="moments">
                        <legend>{t(T::SkillsTitle)}</legend>
                        {skill_boxes}
                    </fieldset>
                    <fieldset class="moments">
                        <legend>{t(T::AvailabilityTitle)}</legend>
                        {moment_boxes}
                    </fieldset>
                    <button type="submit" class="btn btn-primary btn-wide">{t(T::Save)}</button>
                </form>
        </section>
    }
}

/// What bemiddelaars decided about the worker's prestaties: when, which day, who, and the
/// audit trail's before, after and reason.
#[component]
fn Settlements(list: Vec<crate::time_entries::Settlement>) -> impl IntoView {
    let lang = use_lang();
    let empty = list.is_empty();
    let items = list
        .into_iter()
        .map(|s| {
            let what = match s.action.as_str() {
                "prestatie_corrected" => T::StatusCorrected,
                "prestatie_rejected" => T::StatusRejected,
                _ => T::ConfirmOnBehalf,
            };
            let when = crate::brussels::local(s.at);
            let head = format!(
                "{} · {} {} · {}",
                t(what),
                short_date(lang, s.work_date),
                short_date(lang, when.date()),
                s.decided_by.unwrap_or_default()
            );
            view! {
                <li class="settlement">
                    <p><strong>{head}</strong></p>
                    <p class="muted">{s.detail}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="settlements-title">
            <h2 id="settlements-title">{t(T::SettlementsTitle)}</h2>
            {empty.then(|| view! { <p>{t(T::NoSettlements)}</p> })}
            <ul class="plain">{items}</ul>
        </section>
    }
}
