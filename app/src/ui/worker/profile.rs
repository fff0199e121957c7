//! Profiel: the worker's name, the language (Nederlands, Français, English), a new password,
//! and Afmelden.

use leptos::prelude::*;

use super::WorkerFrame;
use crate::auth::ChangePassword;
use crate::i18n::{Lang, T, t, use_lang};
use crate::ui::icons::{Icon, Svg};
use crate::ui::layout::{ActionError, FileViews, LoadError, Loading, LogoutButton};
use crate::workers::get_my_profile;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_my_profile());
    let current = use_lang();
    let languages = Lang::ALL
        .into_iter()
        .map(|lang| {
            let chosen = lang == current;
            view! {
                <form method="post" action="/api/set_language" class="lang-choice">
                    <input type="hidden" name="lang" value=lang.code() />
                    <button
                        type="submit"
                        class="btn btn-quiet btn-wide"
                        lang=lang.code()
                        aria-pressed=if chosen { "true" } else { "false" }
                    >
                        {chosen.then(|| view! { <Svg icon=Icon::Check /> })}
                        <span>{lang.own_name()}</span>
                    </button>
                </form>
            }
        })
        .collect_view();
    view! {
        <WorkerFrame>
            <h1>{t(T::ProfileTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(p) => view! {
                            <section class="card">
                                <p class="who">
                                    <Svg icon=Icon::Person />
                                    <span>{format!("{} {}", p.first_name, p.last_name)}</span>
                                </p>
                                <p>{p.email}</p>
                            </section>
                            <FileViews
                                list=p.views
                                title=T::MyFileViewsTitle
                                intro=T::MyFileViewsIntro
                            />
                        }
                            .into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <section aria-labelledby="language-title">
                <h2 id="language-title">{t(T::LanguageTitle)}</h2>
                {languages}
            </section>
            <section aria-labelledby="password-title">
                <h2 id="password-title">{t(T::ChangePassword)}</h2>
                <WorkerPassword />
            </section>
            <LogoutButton wide=true />
        </WorkerFrame>
    }
}

/// A new password after the current one; says so when it is changed.
#[island(lazy)]
fn WorkerPassword() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let change_error = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    let changed = move || change.value().get().is_some_and(|r| r.is_ok());
    view! {
        <ActionError error=change_error />
        <Show when=changed>
            <p class="notice ok" role="status">{t(T::PasswordChanged)}</p>
        </Show>
        <ActionForm action=change>
            <div class="field">
                <label for="current-password">{t(T::CurrentPassword)}</label>
                <input
                    id="current-password"
                    type="password"
                    name="current"
                    autocomplete="current-password"
                    required
                />
            </div>
            <div class="field">
                <label for="new-password">{t(T::NewPassword)}</label>
                <input
                    id="new-password"
                    type="password"
                    name="new"
                    autocomplete="new-password"
                    minlength="12"
                    required
                />
            </div>
            <button type="submit" class="btn btn-primary btn-wide">
                {t(T::ChangePassword)}
            </button>
        </ActionForm>
    }
}
