//! First login: the code the bemiddelaar handed over and a password of one's own.

use leptos::prelude::*;

use super::layout::{ActionError, LanguageSwitch};
use crate::auth::Activate;
use crate::i18n::{T, t};

#[component]
pub fn ActivatePage() -> impl IntoView {
    let activate = ServerAction::<Activate>::new();
    let error = Signal::derive(move || activate.value().get().and_then(|r| r.err()));
    view! {
        <main id="main" class="page narrow">
            <div class="login-lang">
                <LanguageSwitch />
            </div>
            <h1>{t(T::ActivateTitle)}</h1>
            <p>{t(T::ActivateIntro)}</p>
            <ActionError error />
            <ActionForm action=activate>
                <div class="field">
                    <label for="code">{t(T::FieldCode)}</label>
                    <input
                        id="code"
                        name="code"
                        autocomplete="one-time-code"
                        autocapitalize="characters"
                        spellcheck="false"
                        maxlength="20"
                        required
                    />
                </div>
                <div class="field">
                    <label for="password">{t(T::NewPassword)}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        minlength="12"
                        required
                    />
                </div>
                <button type="submit" class="btn btn-primary btn-wide">
                    {t(T::ActivateButton)}
                </button>
            </ActionForm>
            <p>
                <a href="/login" class="btn btn-quiet">{t(T::LoginTitle)}</a>
            </p>
        </main>
    }
}
