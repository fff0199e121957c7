//! Organisatie-instellingen: the allowance and km rate, how cheques are counted, automatic
//! confirmation, the forgotten-clock margin and maximum, and the cheque price from a day on.

use leptos::prelude::*;

use super::workers::StaffNav;
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::organisations::rules::{CHEQUE_PRICES, euros_field};
use crate::organisations::{
    OrganisationSettings, SetChequePrice, UpdateSettings, get_organisation_settings,
};
use crate::rules::ChequeRounding;
use crate::ui::layout::{ActionError, LoadError, Loading, Page};

/// `/coordinator/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Page>
            <StaffNav />
            <StaffSettings />
            <crate::ui::second_factor::SecondFactorCard />
            <crate::ui::privacy::RetentionCard />
        </Page>
    }
}

#[island(lazy)]
fn StaffSettings() -> impl IntoView {
    let update = ServerAction::<UpdateSettings>::new();
    let price = ServerAction::<SetChequePrice>::new();
    let page = Resource::new(
        move || (update.version().get(), price.version().get()),
        |_| get_organisation_settings(),
    );
    let error = Signal::derive(move || {
        [
            update.value().get().and_then(|r| r.err()),
            price.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let saved = move || {
        matches!(update.value().get(), Some(Ok(()))) || matches!(price.value().get(), Some(Ok(())))
    };
    view! {
        <h1>{t(T::SettingsTitle)}</h1>
        <p>{t(T::SettingsIntro)}</p>
        <ActionError error />
        <Show when=saved>
            <p class="notice" role="status">{t(T::Saved)}</p>
        </Show>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(current) => view! { <Forms current update price /> }.into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Forms(
    current: OrganisationSettings,
    update: ServerAction<UpdateSettings>,
    price: ServerAction<SetChequePrice>,
) -> impl IntoView {
    let lang = use_lang();
    let s = current.settings;
    let rounding = [
        (
            ChequeRounding::StartedHour,
            "StartedHour",
            T::RoundingStartedHour,
        ),
        (
            ChequeRounding::NearestHour,
            "NearestHour",
            T::RoundingNearestHour,
        ),
    ];
    let today_price = message(
        lang,
        M::PriceToday,
        &[("price", i18n::money(lang, current.price_today_cents).into())],
    );
    let changes = current
        .price_changes
        .iter()
        .map(|c| {
            let line = message(
                lang,
                M::PriceFromDay,
                &[
                    ("price", i18n::money(lang, c.price_cents).into()),
                    ("day", i18n::written_date(lang, c.valid_from).into()),
                ],
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let first_free = current.next_price_from.to_string();
    view! {
        <ActionForm action=update attr:class="card settings">
            <h2>{t(T::AllowancesSettingsTitle)}</h2>
            <div class="field">
                <label for="allowance">{t(T::FieldAllowancePerHour)}</label>
                <input
                    id="allowance"
                    name="allowance_per_hour"
                    inputmode="decimal"
                    required
                    value=euros_field(s.allowance_cents_per_hour)
                />
            </div>
            <div class="field">
                <label for="km-rate">{t(T::FieldKmRate)}</label>
                <input id="km-rate" name="km_rate" inputmode="decimal" required value=euros_field(s.km_rate_cents) />
            </div>
            <h2>{t(T::ConfirmationSettingsTitle)}</h2>
            <div class="field">
                <label for="rounding">{t(T::FieldChequeRounding)}</label>
                <select id="rounding" name="cheque_rounding">
                    {rounding
                        .into_iter()
                        .map(|(r, value, key)| {
                            let on = r == s.cheque_rounding;
                            view! { <option value=value selected=on>{t(key)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="auto-confirm">{t(T::FieldAutoConfirmDays)}</label>
                <input
                    id="auto-confirm"
                    name="auto_confirm_days"
                    type="number"
                    min="1"
                    max="30"
                    required
                    value=s.auto_confirm_days.to_string()
                />
            </div>
            <div class="field">
                <label for="reminder">{t(T::FieldForgottenReminder)}</label>
                <input
                    id="reminder"
                    name="forgotten_reminder_minutes"
                    type="number"
                    min="0"
                    max="240"
                    required
                    value=s.forgotten_reminder_minutes.to_string()
                />
            </div>
            <div class="field">
                <label for="close-after">{t(T::FieldForgottenClose)}</label>
                <input
                    id="close-after"
                    name="forgotten_close_hours"
                    type="number"
                    min="1"
                    max="12"
                    required
                    value=(s.forgotten_close_minutes / 60).to_string()
                />
            </div>
            <button type="submit" class="btn btn-primary">{t(T::SaveSettings)}</button>
        </ActionForm>
        <ActionForm action=price attr:class="card settings">
            <h2>{t(T::ChequePriceTitle)}</h2>
            <p class="price-today">{today_price}</p>
            <ul class="plain price-changes">{changes}</ul>
            <p>{t(T::ChequePriceRule)}</p>
            <div class="field">
                <label for="new-price">{t(T::FieldNewPrice)}</label>
                <select id="new-price" name="price_cents">
                    {CHEQUE_PRICES
                        .iter()
                        .map(|p| {
                            let on = *p == current.price_today_cents;
                            view! {
                                <option value=p.to_string() selected=on>
                                    {i18n::money(lang, *p)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="price-from">{t(T::FieldPriceFrom)}</label>
                <input id="price-from" name="valid_from" type="date" required value=first_free />
            </div>
            <button type="submit" class="btn btn-primary">{t(T::SetPrice)}</button>
        </ActionForm>
    }
}
