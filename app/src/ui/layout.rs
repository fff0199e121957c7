//! The frame around every screen, the start page that sends people to their own screen, and
//! the shared pieces: errors, limit bars, status badges.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::icons::{Icon, Svg};
use crate::auth::get_current_user;
use crate::error::AppError;
use crate::i18n::{self, Lang, T, t, use_lang};
use crate::time_entries::EntryStatus;

/// Header with the app name and "Afmelden", then the screen.
#[component]
pub fn Page(children: Children) -> impl IntoView {
    view! {
        <header class="topbar">
            <a href="/" class="brand">
                <img src="/favicon.svg" alt="" width="28" height="28" />
                <span>{t(T::AppName)}</span>
            </a>
            <div class="topbar-actions">
                <LanguageSwitch />
                <LogoutButton />
            </div>
        </header>
        <main id="main" class="page">{children()}</main>
    }
}

/// "Afmelden": a plain form. On a worker's phone, unsent work is never dropped: the outbox's
/// strip holds the logout back until the outbox is empty (`outbox::OutboxStrip`).
#[component]
pub fn LogoutButton(
    /// As wide as the screen (Profiel) rather than in the header.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    view! {
        <form method="post" action="/api/logout" class="logout">
            <button type="submit" class=if wide { "btn btn-quiet btn-wide" } else { "btn btn-quiet" }>
                <Svg icon=Icon::Logout />
                <span>{t(T::Logout)}</span>
            </button>
        </form>
    }
}

/// The other languages, each a short button ("FR", "EN") whose name is the language's own
/// ("FR Français"). A plain form: the page reloads in that language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    Lang::ALL
        .into_iter()
        .filter(move |l| *l != current)
        .map(|other| {
            view! {
                <form method="post" action="/api/set_language" class="lang-switch">
                    <input type="hidden" name="lang" value=other.code() />
                    <button type="submit" class="btn btn-quiet" lang=other.code()>
                        {other.code().to_uppercase()}
                        <span class="visually-hidden">" " {other.own_name()}</span>
                    </button>
                </form>
            }
        })
        .collect_view()
}

/// `/`: to the caller's own screen, or to the login.
#[component]
pub fn Home() -> impl IntoView {
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) => view! { <Redirect path=u.role.home() /> }.into_any(),
                    _ => view! { <Redirect path="/login" /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the service worker shows for a page it has no copy of, without network.
#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>{t(T::OfflineTitle)}</h1>
            <p>{t(T::OfflineText)}</p>
            <p>
                <a href="/worker" class="btn btn-start">{t(T::ToMyWork)}</a>
            </p>
        </main>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{t(T::Loading)}</p> }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <main id="main" class="page">
            <h1>{t(T::NotFound)}</h1>
            <p>
                <a href="/" class="btn">{t(T::ToHome)}</a>
            </p>
        </main>
    }
}

/// A failed load: not logged in goes to the login; anything else is said plainly.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    let message = i18n::error_message(use_lang(), &error);
    load_error(error, message)
}

/// [`LoadError`] on the wijk-werker's phone, in the phone's words: a screen that loads names
/// no form field, so the WASM the phone downloads first does without the forms' texts.
#[component]
pub fn PhoneLoadError(error: AppError) -> impl IntoView {
    let message = i18n::phone_error_message(use_lang(), &error);
    load_error(error, message)
}

fn load_error(error: AppError, message: String) -> AnyView {
    if error == AppError::NotLoggedIn {
        super::go_to("/login");
        return ().into_any();
    }
    view! {
        <div class="alert" role="alert">
            <p>{message}</p>
            <p>
                <a href="/" class="btn">{t(T::ToHome)}</a>
            </p>
        </div>
    }
    .into_any()
}

/// The message of the last failed action, in an alert that screen readers announce.
#[component]
pub fn ActionError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let message = i18n::error_message(use_lang(), &e);
            view! {
                <div class="alert" role="alert">
                    <p>{message}</p>
                </div>
            }
        })
    }
}

/// Hours used against a limit, as a bar with its words next to it.
#[component]
pub fn LimitBar(used_minutes: i64, limit_minutes: i64, label: String) -> impl IntoView {
    let lang = use_lang();
    let text = i18n::hours_of_limit(lang, used_minutes, limit_minutes);
    let percent = (used_minutes.max(0) * 100 / limit_minutes.max(1)).min(100);
    let colour = if percent >= 95 {
        " full"
    } else if percent >= 80 {
        " near"
    } else {
        ""
    };
    // The width in steps of 5 % as a class: the Content-Security-Policy allows no inline
    // styles (the exact numbers are in the words beside the bar).
    // Any work shows (at least one step); only the full limit fills the bar.
    let step = match used_minutes {
        ..=0 => 0,
        used if used >= limit_minutes => 100,
        _ => ((percent + 2) / 5 * 5).clamp(5, 95),
    };
    let level = format!("bar-fill w{step}{colour}");
    view! {
        <div class="limit">
            <div
                class="bar"
                role="meter"
                aria-label=label
                aria-valuemin="0"
                aria-valuemax=limit_minutes.to_string()
                aria-valuenow=used_minutes.to_string()
                aria-valuetext=text.clone()
            >
                <div class=level></div>
            </div>
            <p class="limit-text">{text}</p>
        </div>
    }
}

/// A role's screens, always at the thumb; the current one is marked for screen readers too.
/// The first tab is the role's home: current only on its own address.
#[component]
pub fn TabBar(tabs: &'static [(&'static str, Icon, T)]) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let home = tabs.first().map(|t| t.0).unwrap_or("/");
    let tab = move |&(href, icon, label): &'static (&'static str, Icon, T)| {
        let current = move || {
            let path = location.pathname.get();
            if href == home {
                path == home
            } else {
                path.starts_with(href)
            }
        };
        view! {
            <li>
                <a href=href class="tab" aria-current=move || current().then_some("page")>
                    <Svg icon />
                    <span>{t(label)}</span>
                </a>
            </li>
        }
    };
    view! {
        <nav class="tabbar" aria-label=t(T::MainMenu)>
            <ul>{tabs.iter().map(tab).collect_view()}</ul>
        </nav>
    }
}

/// A checkbox that keeps `value` in the list `chosen` while it is ticked (skills, moments).
#[component]
pub fn ChoiceBox<V>(id: String, label: String, value: V, chosen: RwSignal<Vec<V>>) -> impl IntoView
where
    V: Copy + PartialEq + Send + Sync + 'static,
{
    let checked = chosen.with_untracked(|c| c.contains(&value));
    // A box ticked before the island came to life (a slow phone, a quick hand) is read once
    // it has: the list holds what the screen shows, not what the server sent.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let on = el.checked();
            if chosen.with_untracked(|c| c.contains(&value)) != on {
                chosen.update(|c| {
                    c.retain(|x| *x != value);
                    if on {
                        c.push(value);
                    }
                });
            }
        }
    });
    view! {
        <div class="field check">
            <input
                id=id.clone()
                node_ref=input
                type="checkbox"
                checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        c.retain(|x| *x != value);
                        if on {
                            c.push(value);
                        }
                    });
                }
            />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
pub fn StatusBadge(
    status: EntryStatus,
    /// Confirmed by the organisation's rule, nobody having answered.
    #[prop(optional)]
    auto: bool,
) -> impl IntoView {
    let (class, icon, key) = match status {
        EntryStatus::Confirmed if auto => ("badge confirmed", Icon::Check, T::StatusAutoConfirmed),
        EntryStatus::Running => ("badge running", Icon::Clock, T::StatusRunning),
        EntryStatus::Submitted => ("badge submitted", Icon::Clock, T::StatusSubmitted),
        EntryStatus::Confirmed => ("badge confirmed", Icon::Check, T::StatusConfirmed),
        EntryStatus::Disputed => ("badge disputed", Icon::Cross, T::StatusDisputed),
        EntryStatus::Review => ("badge review", Icon::Clock, T::StatusReview),
        EntryStatus::Corrected => ("badge corrected", Icon::Edit, T::StatusCorrected),
        EntryStatus::Rejected => ("badge disputed", Icon::Cross, T::StatusRejected),
    };
    view! {
        <span class=class>
            <Svg icon />
            <span>{t(key)}</span>
        </span>
    }
}

/// Who looked at a person's file: when, who, what (newest first).
#[component]
pub fn FileViews(
    list: Vec<crate::file_views::FileView>,
    title: T,
    intro: T,
    /// The address of the person's complete data (for bemiddelaars).
    #[prop(optional)]
    export: Option<String>,
) -> impl IntoView {
    use crate::file_views::Seen;
    let lang = use_lang();
    let empty = list.is_empty();
    let items = list
        .into_iter()
        .map(|v| {
            let when = crate::brussels::local(v.viewed_at);
            let what = match v.what {
                Seen::WorkerFile | Seen::ClientFile => T::SeenFile,
                Seen::ClientCheques => T::SeenCheques,
                Seen::AllowanceMonth => T::SeenAllowanceMonth,
                Seen::AllowanceExport => T::SeenAllowanceExport,
                Seen::DataExport => T::SeenDataExport,
                Seen::Report => T::SeenReport,
                Seen::ReportExport => T::SeenReportExport,
                Seen::PaymentRun => T::SeenPaymentRun,
                Seen::PaymentFile => T::SeenPaymentFile,
            };
            view! {
                <li class="file-view">
                    <strong>
                        {format!(
                            "{} {}",
                            i18n::short_date(lang, when.date()),
                            i18n::hm(when.time()),
                        )}
                    </strong>
                    " · "
                    {v.viewer}
                    " · "
                    {t(what)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="file-views-title">
            <h2 id="file-views-title">{t(title)}</h2>
            <p class="muted">{t(intro)}</p>
            {empty.then(|| view! { <p>{t(T::NoFileViews)}</p> })}
            <ul class="plain">{items}</ul>
            {export
                .map(|href| {
                    view! {
                        <p class="muted">{t(T::PersonDataIntro)}</p>
                        <a class="btn" href=href download>{t(T::PersonDataDownload)}</a>
                    }
                })}
        </section>
    }
}

/// The refusal a plain HTML form (one outside any island) came back with: the server function
/// sends the browser back to the page with the error in the address (`__err`, as server_fn
/// encodes it), and the page says it in words. Rendered on the server only.
#[component]
pub fn PlainFormError() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let error = query
        .read_untracked()
        .get("__err")
        .map(|e| leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&e));
    error.map(|e| {
        let message = i18n::error_message(use_lang(), &e);
        view! {
            <div class="alert" role="alert">
                <p>{message}</p>
            </div>
        }
    })
}
