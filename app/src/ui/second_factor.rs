//! The second factor of bemiddelaars and admins: the code after the password, setting it up
//! (QR code, key, recovery codes), and its place on the settings screen. Plain pages with
//! forms, like the login.

use leptos::prelude::*;

use super::layout::{ActionError, LanguageSwitch, LoadError, Loading};
use crate::auth::{
    ConfirmSecondFactor, Enrolment, LoginCode, SecondFactorStatus, SetSecondFactorRequired,
    get_second_factor_status, start_second_factor,
};
use crate::i18n::{M, T, message, t, use_lang};

/// `/login/code`: after the password, the code from the app or a recovery code.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let login = ServerAction::<LoginCode>::new();
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    view! {
        <main id="main" class="page narrow">
            <div class="login-lang">
                <LanguageSwitch />
            </div>
            <h1>{t(T::SecondFactorTitle)}</h1>
            <p>{t(T::LoginCodeIntro)}</p>
            <ActionError error />
            <ActionForm action=login>
                <div class="field">
                    <label for="code">{t(T::FieldSecondFactorCode)}</label>
                    <input
                        id="code"
                        name="code"
                        autocomplete="one-time-code"
                        spellcheck="false"
                        autocapitalize="none"
                        maxlength="20"
                        required
                    />
                </div>
                <button type="submit" class="btn btn-primary btn-wide">
                    {t(T::LoginButton)}
                </button>
            </ActionForm>
            <p>
                <a href="/login" class="btn btn-quiet">{t(T::LoginTitle)}</a>
            </p>
        </main>
    }
}

/// `/login/enrol`: setting up the second factor (required by the organisation, or chosen on
/// the settings screen).
#[component]
pub fn EnrolPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmSecondFactor>::new();
    let error = Signal::derive(move || confirm.value().get().and_then(|r| r.err()));
    let enrolment = Resource::new(|| (), |_| start_second_factor());
    view! {
        <main id="main" class="page narrow">
            <div class="login-lang">
                <LanguageSwitch />
            </div>
            <h1>{t(T::EnrolTitle)}</h1>
            <ActionError error />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match enrolment.await {
                        Ok(e) => view! { <EnrolSteps enrolment=e confirm /> }.into_any(),
                        Err(e) => view! {
                            <LoadError error=e />
                            <p>
                                <a href="/login" class="btn btn-quiet">{t(T::LoginTitle)}</a>
                            </p>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn EnrolSteps(enrolment: Enrolment, confirm: ServerAction<ConfirmSecondFactor>) -> impl IntoView {
    let codes = enrolment
        .recovery_codes
        .into_iter()
        .map(|c| view! { <li><code>{c}</code></li> })
        .collect_view();
    view! {
        <ol class="steps">
            <li>
                <p>{t(T::EnrolInstallApp)}</p>
            </li>
            <li>
                <p>{t(T::EnrolScan)}</p>
                <div
                    class="qr"
                    role="img"
                    aria-label=t(T::EnrolQrLabel)
                    inner_html=enrolment.qr_svg
                ></div>
                <p>{t(T::EnrolKey)}</p>
                <p class="secret"><code>{enrolment.secret}</code></p>
            </li>
            <li>
                <p>{t(T::EnrolRecoveryCodes)}</p>
                <ul class="recovery-codes">{codes}</ul>
            </li>
            <li>
                <ActionForm action=confirm>
                    <div class="field">
                        <label for="code">{t(T::EnrolFirstCode)}</label>
                        <input
                            id="code"
                            name="code"
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            maxlength="7"
                            required
                        />
                    </div>
                    <button type="submit" class="btn btn-primary btn-wide">
                        {t(T::EnrolConfirm)}
                    </button>
                </ActionForm>
            </li>
        </ol>
    }
}

/// On the settings screen: the caller's own second factor, and whether the organisation makes
/// it mandatory.
#[component]
pub fn SecondFactorCard() -> impl IntoView {
    let status = Resource::new(|| (), |_| get_second_factor_status());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) => view! { <SecondFactorFacts status=s /> }.into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SecondFactorFacts(status: SecondFactorStatus) -> impl IntoView {
    let lang = use_lang();
    let required = ServerAction::<SetSecondFactorRequired>::new();
    let error = Signal::derive(move || required.value().get().and_then(|r| r.err()));
    let mine = if status.enrolled {
        view! {
            <p class="notice ok">
                {message(
                    lang,
                    M::SecondFactorOn,
                    &[("left", status.recovery_codes_left.into())],
                )}
            </p>
        }
        .into_any()
    } else {
        view! {
            <p>{t(T::SecondFactorOff)}</p>
            <p>
                <a href="/login/enrol" class="btn btn-primary">{t(T::EnrolTitle)}</a>
            </p>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="second-factor-title">
            <h2 id="second-factor-title">{t(T::SecondFactorTitle)}</h2>
            <p class="muted">{t(T::SecondFactorWhy)}</p>
            {mine}
            <ActionError error />
            <ActionForm action=required>
                <div class="field check">
                    <input
                        id="second-factor-required"
                        name="required"
                        type="checkbox"
                        value="true"
                        checked=status.required
                    />
                    <label for="second-factor-required">{t(T::SecondFactorRequired)}</label>
                </div>
                <button type="submit" class="btn">{t(T::Save)}</button>
            </ActionForm>
        </section>
    }
}
