//! The organisation: its municipalities (name, the day each joined) and its activity list with
//! where each activity is allowed (per municipality, per kind of gebruiker).

use leptos::prelude::*;

use super::clients::KINDS;
use super::workers::StaffNav;
use crate::activities::{ActivityRules, AddActivity, SetActivityAllowed, get_activity_rules};
use crate::error::AppError;
use crate::i18n::{T, t};
use crate::municipalities::{AddMunicipality, Municipality, UpdateMunicipality, municipalities};
use crate::ui::layout::{ActionError, LoadError, Loading, Page};

/// The 8 groups of the Flemish activity list and their words (also the report's).
pub const CATEGORIES: [(&str, T); 8] = [
    ("prevention", T::CategoryPrevention),
    ("administration", T::CategoryAdministration),
    ("repairs", T::CategoryRepairs),
    ("garden", T::CategoryGarden),
    ("agriculture", T::CategoryAgriculture),
    ("logistics", T::CategoryLogistics),
    ("accompanying", T::CategoryAccompanying),
    ("household", T::CategoryHousehold),
];

/// The words of an activity group (`None` for one not on the list).
pub fn category_key(category: &str) -> Option<T> {
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == category)
        .map(|(_, key)| *key)
}

/// `/coordinator/organisation`.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    view! {
        <Page>
            <StaffNav />
            <StaffOrganisation />
        </Page>
    }
}

#[island(lazy)]
fn StaffOrganisation() -> impl IntoView {
    let add_place = ServerAction::<AddMunicipality>::new();
    let update_place = ServerAction::<UpdateMunicipality>::new();
    let add_activity = ServerAction::<AddActivity>::new();
    let allow = ServerAction::<SetActivityAllowed>::new();
    let page = Resource::new(
        move || {
            (
                add_place.version().get(),
                update_place.version().get(),
                add_activity.version().get(),
                allow.version().get(),
            )
        },
        |_| async { Ok::<_, AppError>((municipalities().await?, get_activity_rules().await?)) },
    );
    let error = Signal::derive(move || {
        [
            add_place.value().get().and_then(|r| r.err()),
            update_place.value().get().and_then(|r| r.err()),
            add_activity.value().get().and_then(|r| r.err()),
            allow.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
            <h1>{t(T::OrganisationTitle)}</h1>
            <ActionError error />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok((places, rules)) => {
                            view! {
                                <Places places=places.clone() add_place update_place />
                                <Activities places rules add_activity allow />
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
fn Places(
    places: Vec<Municipality>,
    add_place: ServerAction<AddMunicipality>,
    update_place: ServerAction<UpdateMunicipality>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="places-title">
            <h2 id="places-title">{t(T::MunicipalitiesTitle)}</h2>
            {places
                .into_iter()
                .map(|m| {
                    let name_id = format!("place-name-{}", m.id);
                    let joined_id = format!("place-joined-{}", m.id);
                    view! {
                        <ActionForm action=update_place attr:class="place">
                            <input type="hidden" name="municipality_id" value=m.id.to_string() />
                            <div class="field">
                                <label for=name_id.clone()>{t(T::FieldName)}</label>
                                <input id=name_id name="name" value=m.name.clone() required maxlength="100" />
                            </div>
                            <div class="field">
                                <label for=joined_id.clone()>{t(T::FieldJoinedOn)}</label>
                                <input
                                    id=joined_id
                                    name="joined_on"
                                    type="date"
                                    value=m.joined_on.map(|d| d.to_string()).unwrap_or_default()
                                />
                            </div>
                            <button type="submit" class="btn">{format!("{} {}", t(T::Save), m.name)}</button>
                        </ActionForm>
                    }
                })
                .collect_view()}
            <ActionForm action=add_place attr:class="place">
                <div class="field">
                    <label for="new-place">{t(T::FieldName)}</label>
                    <input id="new-place" name="name" required maxlength="100" />
                </div>
                <div class="field">
                    <label for="new-place-joined">{t(T::FieldJoinedOn)}</label>
                    <input id="new-place-joined" name="joined_on" type="date" />
                </div>
                <button type="submit" class="btn btn-primary">{t(T::AddMunicipality)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Activities(
    places: Vec<Municipality>,
    rules: Vec<ActivityRules>,
    add_activity: ServerAction<AddActivity>,
    allow: ServerAction<SetActivityAllowed>,
) -> impl IntoView {
    let toggle = move |activity: String,
                       place: Option<String>,
                       kind: Option<&'static str>,
                       label: String,
                       on: bool| {
        view! {
            <ActionForm action=allow attr:class="toggle">
                <input type="hidden" name="activity_id" value=activity />
                {place.map(|p| view! { <input type="hidden" name="municipality_id" value=p /> })}
                {kind.map(|k| view! { <input type="hidden" name="kind" value=k /> })}
                <input type="hidden" name="allowed" value=(!on).to_string() />
                <button
                    type="submit"
                    class=if on { "btn chip on" } else { "btn chip off" }
                    aria-pressed=on.to_string()
                >
                    {label}
                    ": "
                    {t(if on { T::Allowed } else { T::NotAllowed })}
                </button>
            </ActionForm>
        }
    };
    view! {
        <section class="card" aria-labelledby="activities-title">
            <h2 id="activities-title">{t(T::ActivitiesTitle)}</h2>
            <p>{t(T::ActivitiesIntro)}</p>
            {rules
                .into_iter()
                .map(|r| {
                    let id = r.activity.id.to_string();
                    let group = category_key(&r.activity.category).map(t).unwrap_or_default();
                    let place_toggles = places
                        .iter()
                        .map(|m| {
                            let on = !r.not_in.contains(&m.id);
                            toggle(id.clone(), Some(m.id.to_string()), None, m.name.clone(), on)
                        })
                        .collect_view();
                    let kind_toggles = KINDS
                        .iter()
                        .map(|(kind, value, key)| {
                            let on = !r.not_for.contains(kind);
                            toggle(id.clone(), None, Some(*value), t(*key).to_string(), on)
                        })
                        .collect_view();
                    view! {
                        <article class="activity-rules">
                            <h3>{r.activity.name.clone()}</h3>
                            <p class="muted">{group}</p>
                            <div class="chips">{place_toggles}</div>
                            <div class="chips">{kind_toggles}</div>
                        </article>
                    }
                })
                .collect_view()}
            <ActionForm action=add_activity attr:class="place">
                <div class="field">
                    <label for="new-activity-category">{t(T::FieldCategory)}</label>
                    <select id="new-activity-category" name="category">
                        {CATEGORIES
                            .iter()
                            .map(|(value, key)| view! { <option value=*value>{t(*key)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="new-activity-name">{t(T::FieldName)}</label>
                    <input id="new-activity-name" name="name" required maxlength="100" />
                </div>
                <button type="submit" class="btn btn-primary">{t(T::AddActivity)}</button>
            </ActionForm>
        </section>
    }
}
