//! Logging in: e-mail address and password, one big button.

use leptos::prelude::*;

use super::layout::{ActionError, LanguageSwitch};
use crate::auth::Login;
use crate::i18n::{T, t};

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    // A plain form: the server logs in and sends the browser to its screen, or back here
    // with the error, which the action reads from the address.
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    view! {
        <main id="main" class="page narrow">
            <div class="login-lang">
                <LanguageSwitch />
            </div>
            <div class="brand-large">
                <img src="/favicon.svg" alt="" width="56" height="56" />
                <span>{t(T::AppName)}</span>
            </div>
            <h1>{t(T::LoginTitle)}</h1>
            <p>{t(T::LoginIntro)}</p>
            <ActionError error />
            <ActionForm action=login>
                <div class="field">
                    <label for="email">{t(T::Email)}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        inputmode="email"
                        required
                    />
                </div>
                <div class="field">
                    <label for="password">{t(T::Password)}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                    />
                </div>
                <button type="submit" class="btn btn-primary btn-wide">
                    {t(T::LoginButton)}
                </button>
            </ActionForm>
            <p>
                <a href="/activate" class="btn btn-quiet">{t(T::ActivateLink)}</a>
            </p>
        </main>
    }
}
