//! The form that asks for work: the gebruiker's own ("Werk aanvragen") and the bemiddelaar's,
//! who takes a request down by phone. One form, so both ask the same and are checked the same.

use leptos::prelude::*;

use crate::activities::Activity;
use crate::error::AppError;
use crate::i18n::{T, moment, t, use_lang};
use crate::requests::{DayPart, Recurrence, Slot, Work};
use crate::rules::Address;
use crate::ui::layout::{ActionError, ChoiceBox};

/// Activity, what to do, how often and how long, preferred moments, and where: the address
/// starts as the gebruiker's own. Sent as JSON (the moments are a list), so it needs the app
/// loaded: it lives in an island.
#[component]
pub fn WorkForm(
    activities: Vec<Activity>,
    /// Where the work is unless changed: the gebruiker's address.
    address: Address,
    submit_label: T,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] pending: Signal<bool>,
    on_submit: Callback<Work>,
) -> impl IntoView {
    let lang = use_lang();
    let activity = RwSignal::new(activities.first().map(|a| a.id));
    let description = RwSignal::new(String::new());
    let weekly = RwSignal::new(false);
    let minutes = RwSignal::new(120_i64);
    let slots = RwSignal::new(Vec::<Slot>::new());
    let street = RwSignal::new(address.street);
    let postcode = RwSignal::new(address.postcode);
    let city = RwSignal::new(address.city);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(activity_id) = activity.get_untracked() else {
            return;
        };
        on_submit.run(Work {
            activity_id,
            description: description.get_untracked(),
            recurrence: if weekly.get_untracked() {
                Recurrence::Weekly
            } else {
                Recurrence::Once
            },
            planned_minutes: minutes.get_untracked(),
            slots: slots.get_untracked(),
            address: Some(Address {
                street: street.get_untracked(),
                postcode: postcode.get_untracked(),
                city: city.get_untracked(),
            }),
        });
    };
    let moments = (1..=5u8)
        .flat_map(|d| [(d, DayPart::Morning), (d, DayPart::Afternoon)])
        .map(|(weekday, part)| {
            let slot = Slot { weekday, part };
            let id = format!("slot-{weekday}-{}", part.as_str());
            view! { <ChoiceBox id label=moment(lang, slot) value=slot chosen=slots /> }
        })
        .collect_view();
    let text_input = move |id: &'static str, label: T, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <input
                    id=id
                    required
                    maxlength="200"
                    value=value.get_untracked()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <ActionError error />
        <form on:submit=submit class="work-form">
            <div class="field">
                <label for="request-activity">{t(T::FieldActivity)}</label>
                <select
                    id="request-activity"
                    on:change=move |ev| activity.set(event_target_value(&ev).parse().ok())
                >
                    {activities
                        .into_iter()
                        .map(|a| view! { <option value=a.id.to_string()>{a.name}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="request-description">{t(T::FieldDescription)}</label>
                <textarea
                    id="request-description"
                    rows="3"
                    maxlength="1000"
                    required
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="field">
                <label for="request-recurrence">{t(T::FieldRecurrence)}</label>
                <select
                    id="request-recurrence"
                    on:change=move |ev| weekly.set(event_target_value(&ev) == "weekly")
                >
                    <option value="once">{t(T::RecurrenceOnce)}</option>
                    <option value="weekly">{t(T::RecurrenceWeekly)}</option>
                </select>
            </div>
            <div class="field">
                <label for="request-minutes">{t(T::FieldMinutes)}</label>
                <input
                    id="request-minutes"
                    type="number"
                    min="15"
                    max="720"
                    step="15"
                    value="120"
                    on:input=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse() {
                            minutes.set(m);
                        }
                    }
                />
            </div>
            <fieldset class="moments">
                <legend>{t(T::FieldPreferredMoments)}</legend>
                {moments}
            </fieldset>
            <fieldset class="work-address">
                <legend>{t(T::WorkAddressTitle)}</legend>
                <p class="hint">{t(T::WorkAddressHint)}</p>
                {text_input("request-street", T::FieldStreet, street)}
                <div class="field">
                    <label for="request-postcode">{t(T::FieldPostcode)}</label>
                    <input
                        id="request-postcode"
                        required
                        inputmode="numeric"
                        pattern="[0-9]{4}"
                        maxlength="4"
                        value=postcode.get_untracked()
                        on:input=move |ev| postcode.set(event_target_value(&ev))
                    />
                </div>
                {text_input("request-city", T::FieldCity, city)}
            </fieldset>
            <button type="submit" class="btn btn-primary btn-wide" disabled=move || pending.get()>
                {t(submit_label)}
            </button>
        </form>
    }
}
