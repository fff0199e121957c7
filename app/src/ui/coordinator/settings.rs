//! Organisatie-instellingen: the worker's allowance rates from a day on (with their history),
//! automatic confirmation and the forgotten-clock margin and maximum, and the cheque price of
//! the organisation and of each municipality from a 1 January on.

use leptos::prelude::*;

use super::workers::StaffNav;
use crate::allowances::{
    AllowanceBasis, Rates, RatesOverview, SetAllowanceRates, get_allowance_rates, rates_words,
};
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::organisations::rules::{CHEQUE_PRICES, euros_field};
use crate::organisations::{
    MunicipalityPrice, OrganisationSettings, SetBankAccount, SetChequePrice,
    SetMunicipalityChequePrice, UpdateSettings, get_organisation_settings,
};
use crate::ui::layout::{ActionError, LoadError, Loading, Page};

/// `/coordinator/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::SettingsTitle)}</h1>
            <p>{t(T::SettingsIntro)}</p>
            <StaffSettings />
            <crate::ui::second_factor::SecondFactorCard />
            <crate::ui::privacy::RetentionCard />
        </Page>
    }
}

#[component]
fn RatesForm(current: RatesOverview, set: ServerAction<SetAllowanceRates>) -> impl IntoView {
    let lang = use_lang();
    let today = current.today.clone();
    let in_force = message(
        lang,
        M::RatesToday,
        &[("rates", rates_words(lang, &today).into())],
    );
    let history = current
        .history
        .iter()
        .map(|r| {
            let line = message(
                lang,
                M::RatesFromDay,
                &[
                    ("day", i18n::written_date(lang, r.valid_from).into()),
                    ("rates", rates_words(lang, r).into()),
                ],
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let bases = [
        (AllowanceBasis::PerCheque, "PerCheque", T::BasisPerCheque),
        (AllowanceBasis::PerMinute, "PerMinute", T::BasisPerMinute),
    ];
    let Rates {
        allowance_cents,
        basis,
        km_rate_cents,
        km_threshold,
        ..
    } = today;
    view! {
        <p class="rates-today">{in_force}</p>
        <ul class="plain rates-history">{history}</ul>
        <p>{t(T::RatesRule)}</p>
        <ActionForm action=set attr:class="rates-form">
            <div class="field">
                <label for="allowance">{t(T::FieldAllowance)}</label>
                <input
                    id="allowance"
                    name="allowance"
                    inputmode="decimal"
                    required
                    value=euros_field(allowance_cents)
                />
            </div>
            <div class="field">
                <label for="basis">{t(T::FieldBasis)}</label>
                <select id="basis" name="basis">
                    {bases
                        .into_iter()
                        .map(|(b, value, key)| {
                            view! { <option value=value selected={b == basis}>{t(key)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="km-rate">{t(T::FieldKmRate)}</label>
                <input
                    id="km-rate"
                    name="km_rate"
                    inputmode="decimal"
                    required
                    value=euros_field(km_rate_cents)
                />
            </div>
            <div class="field">
                <label for="km-threshold">{t(T::FieldKmThreshold)}</label>
                <input
                    id="km-threshold"
                    name="km_threshold"
                    type="number"
                    min="0"
                    max="500"
                    inputmode="numeric"
                    required
                    value=km_threshold.to_string()
                />
            </div>
            <div class="field">
                <label for="rates-from">{t(T::FieldRatesFrom)}</label>
                <input
                    id="rates-from"
                    name="valid_from"
                    type="date"
                    required
                    value=current.next_from.to_string()
                />
            </div>
            <button type="submit" class="btn btn-primary">{t(T::SetRates)}</button>
        </ActionForm>
    }
}

#[island(lazy)]
fn StaffSettings() -> impl IntoView {
    let update = ServerAction::<UpdateSettings>::new();
    let price = ServerAction::<SetChequePrice>::new();
    let local = ServerAction::<SetMunicipalityChequePrice>::new();
    let bank = ServerAction::<SetBankAccount>::new();
    let rates = ServerAction::<SetAllowanceRates>::new();
    let page = Resource::new(
        move || {
            (
                update.version().get(),
                price.version().get(),
                local.version().get(),
                bank.version().get(),
                rates.version().get(),
            )
        },
        |_| async {
            Ok::<_, crate::error::AppError>((
                get_allowance_rates().await?,
                get_organisation_settings().await?,
            ))
        },
    );
    let answers = move || {
        [
            update.value().get(),
            price.value().get(),
            local.value().get(),
            bank.value().get(),
            rates.value().get(),
        ]
    };
    let error = Signal::derive(move || answers().into_iter().flatten().find_map(|r| r.err()));
    let saved = move || answers().iter().any(|r| matches!(r, Some(Ok(()))));
    view! {
        <ActionError error />
        <Show when=saved>
            <p class="notice" role="status">{t(T::Saved)}</p>
        </Show>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((allowance, current)) => {
                        view! {
                            <section class="card settings" aria-labelledby="rates-title">
                                <h2 id="rates-title">{t(T::AllowancesSettingsTitle)}</h2>
                                <RatesForm current=allowance set=rates />
                            </section>
                            <Forms current update price local bank />
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
fn Forms(
    current: OrganisationSettings,
    update: ServerAction<UpdateSettings>,
    price: ServerAction<SetChequePrice>,
    local: ServerAction<SetMunicipalityChequePrice>,
    bank: ServerAction<SetBankAccount>,
) -> impl IntoView {
    let lang = use_lang();
    let s = current.settings;
    let (iban, bic) = (
        current.iban.clone().unwrap_or_default(),
        current.bic.clone().unwrap_or_default(),
    );
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
    let days = current.price_days.clone();
    let day_options = move || {
        days.iter()
            .map(|d| {
                view! { <option value=d.to_string()>{i18n::written_date(lang, *d)}</option> }
            })
            .collect_view()
    };
    let day_options_again = day_options.clone();
    let municipalities = current.municipalities.clone();
    let municipality_options = municipalities
        .iter()
        .map(|m| view! { <option value=m.id.to_string()>{m.name.clone()}</option> })
        .collect_view();
    view! {
        <ActionForm action=update attr:class="card settings">
            <h2>{t(T::ConfirmationSettingsTitle)}</h2>
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
        <ActionForm action=bank attr:class="card settings bank-form">
            <h2>{t(T::BankAccountTitle)}</h2>
            <p>{t(T::BankAccountIntro)}</p>
            <div class="field">
                <label for="org-iban">{t(T::FieldIban)}</label>
                <input id="org-iban" name="iban" autocomplete="off" required value=iban />
            </div>
            <div class="field">
                <label for="org-bic">{t(T::FieldBic)}</label>
                <input id="org-bic" name="bic" autocomplete="off" required value=bic />
            </div>
            <button type="submit" class="btn btn-primary">{t(T::SaveBankAccount)}</button>
        </ActionForm>
        <section class="card settings" aria-labelledby="price-title">
            <h2 id="price-title">{t(T::ChequePriceTitle)}</h2>
            <p class="price-today">{today_price}</p>
            <ul class="plain price-changes">{changes}</ul>
            <p>{t(T::ChequePriceRule)}</p>
            <ActionForm action=price attr:class="price-form">
                <div class="field">
                    <label for="new-price">{t(T::FieldNewPrice)}</label>
                    <select id="new-price" name="price_cents">
                        {price_options(lang, current.price_today_cents)}
                    </select>
                </div>
                <div class="field">
                    <label for="price-from">{t(T::FieldPriceFrom)}</label>
                    <select id="price-from" name="valid_from">{day_options}</select>
                </div>
                <button type="submit" class="btn btn-primary">{t(T::SetPrice)}</button>
            </ActionForm>
        </section>
        <section class="card settings" aria-labelledby="local-price-title">
            <h2 id="local-price-title">{t(T::MunicipalityPricesTitle)}</h2>
            <p>{t(T::MunicipalityPricesIntro)}</p>
            <ul class="plain municipality-prices">
                {municipalities
                    .into_iter()
                    .map(|m| view! { <MunicipalityLine m /> })
                    .collect_view()}
            </ul>
            <ActionForm action=local attr:class="local-price-form">
                <div class="field">
                    <label for="price-municipality">{t(T::FieldMunicipality)}</label>
                    <select id="price-municipality" name="municipality_id">
                        {municipality_options}
                    </select>
                </div>
                <div class="field">
                    <label for="local-price">{t(T::FieldNewPrice)}</label>
                    <select id="local-price" name="price_cents">
                        <option value="0">{t(T::OrganisationPrice)}</option>
                        {price_options(lang, 0)}
                    </select>
                </div>
                <div class="field">
                    <label for="local-price-from">{t(T::FieldPriceFrom)}</label>
                    <select id="local-price-from" name="valid_from">{day_options_again}</select>
                </div>
                <button type="submit" class="btn btn-primary">{t(T::SetPrice)}</button>
            </ActionForm>
        </section>
    }
}

/// The decree's four prices as a choice, `selected` chosen.
fn price_options(lang: i18n::Lang, selected: i64) -> impl IntoView {
    CHEQUE_PRICES
        .iter()
        .map(|p| {
            view! {
                <option value=p.to_string() selected={*p == selected}>
                    {i18n::money(lang, *p)}
                </option>
            }
        })
        .collect_view()
}

/// "Zulte: € 6,95 (eigen prijs vanaf 1 januari 2027: € 7,45)".
#[component]
fn MunicipalityLine(m: MunicipalityPrice) -> impl IntoView {
    let lang = use_lang();
    let changes = m
        .changes
        .iter()
        .map(|c| {
            let price = match c.price_cents {
                Some(p) => i18n::money(lang, p),
                None => t(T::OrganisationPrice).to_string(),
            };
            message(
                lang,
                M::PriceFromDay,
                &[
                    ("price", price.into()),
                    ("day", i18n::written_date(lang, c.valid_from).into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let line = message(
        lang,
        M::MunicipalityPriceToday,
        &[
            ("municipality", m.name.clone().into()),
            ("price", i18n::money(lang, m.price_today_cents).into()),
        ],
    );
    view! {
        <li data-municipality=m.id.to_string()>
            <strong>{line}</strong>
            {(!changes.is_empty()).then(|| view! { <span class="muted">" · " {changes}</span> })}
        </li>
    }
}
