//! The wijk-werker's phone: four screens behind a tab bar at the bottom — Vandaag (today's
//! work and the clock), Opdrachten (offers, planned and done), Mijn uren (hours against the
//! limits, the allowance, entering and correcting hours) and Profiel (language, password).

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::icons::{Icon, Svg};
use super::layout::{Page, StatusBadge, TabBar};
use crate::assignments::AssignmentCard;
use crate::error::AppError;
use crate::i18n::{self, M, T, t, use_lang};
use crate::sync::ActionKind;
use crate::time_entries::MyEntry;

pub mod assignments;
pub mod hours;
pub mod outbox;
pub mod profile;
#[cfg(feature = "hydrate")]
pub mod service_worker;
pub mod today;

/// A worker's screen: the page frame with the outbox's strip and the tab bar, around the
/// screen's own island.
#[component]
pub fn WorkerFrame(children: Children) -> impl IntoView {
    view! {
        <Page>
            <outbox::OutboxStrip />
            {children()}
            <TabBar tabs=TABS />
        </Page>
    }
}

/// A screen's data and, when it is the phone's last copy instead of the server's answer
/// (offline), the server time that copy was as of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known<T> {
    pub value: T,
    pub copy_of_ms: Option<i64>,
}

/// A screen's data, reloaded after each round of the outbox that may have changed it (when
/// `follow_outbox`): the server's answer, kept on the phone; without an answer (offline), the
/// newer of the phone's copy and what the screen shows already (e.g. a page the service worker
/// kept), marked as a copy. Never an error where there is something to show.
pub fn screen_data<T, Fut>(
    name: &'static str,
    fetch: fn() -> Fut,
    as_of: fn(&T) -> i64,
    follow_outbox: bool,
) -> Resource<Result<Known<T>, AppError>>
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let outbox = outbox::use_outbox();
    let shown: StoredValue<Option<T>> = StoredValue::new(None);
    let data = Resource::new(
        move || follow_outbox.then(|| outbox.synced.get()),
        move |_| async move { with_copy(name, fetch().await, as_of, shown.get_value()).await },
    );
    Effect::new(move |_| {
        if let Some(Ok(known)) = data.get() {
            shown.set_value(Some(known.value));
        }
    });
    // A screen's code may arrive after the outbox's first round (a lazy island on a slow
    // phone): the page's data is what the server rendered, and the reload that round asked
    // for has passed this screen by. Reload once, after hydration.
    #[cfg(feature = "hydrate")]
    if follow_outbox && outbox.synced.get_untracked() > 0 {
        Effect::new(move |_| untrack(|| data.refetch()));
    }
    data
}

/// The server's answer, kept on the phone as the screen's last copy; without an answer
/// (offline), the newer of that copy and `shown`. `as_of` names the server time the data is
/// as of.
pub async fn with_copy<T>(
    name: &'static str,
    fetched: Result<T, AppError>,
    as_of: fn(&T) -> i64,
    shown: Option<T>,
) -> Result<Known<T>, AppError>
where
    T: Serialize + DeserializeOwned,
{
    // IndexedDB's futures stay on the page's one thread: wrapped so the resource may hold them.
    #[cfg(feature = "hydrate")]
    let kept = send_wrapper::SendWrapper::new(async {
        match &fetched {
            Ok(value) => {
                crate::sync::outbox::save(name, as_of(value), value).await;
                None
            }
            Err(AppError::Unavailable) => crate::sync::outbox::load::<T>(name).await,
            Err(_) => None,
        }
    })
    .await;
    #[cfg(not(feature = "hydrate"))]
    let kept: Option<(T, i64)> = {
        let _ = name;
        None
    };
    if matches!(fetched, Err(AppError::Unavailable)) {
        let shown = shown.map(|value| {
            let at = as_of(&value);
            (value, at)
        });
        let newest = match (kept, shown) {
            (Some(k), Some(s)) => Some(if k.1 >= s.1 { k } else { s }),
            (k, s) => k.or(s),
        };
        if let Some((value, at)) = newest {
            return Ok(Known {
                value,
                copy_of_ms: Some(at),
            });
        }
    }
    fetched.map(|value| Known {
        value,
        copy_of_ms: None,
    })
}

/// False while an island hydrates, true right after. What only the phone knows (the outbox's
/// waiting taps) is shown from then on, so the first render matches the server's
/// HTML even when a lazy island's code arrives after the outbox has loaded (a mismatch would
/// stop the island).
pub fn hydrated() -> ReadSignal<bool> {
    let (done, set_done) = signal(false);
    Effect::new(move |_| set_done.set(true));
    done
}

/// "Laatst bijgewerkt om 14:05" above data that is the phone's copy (or while offline). The
/// paragraph is always there and only shown or hidden: a lazy island whose code wakes after
/// the outbox found the phone offline still hydrates the server's HTML as it is.
#[component]
pub fn CopyNotice(as_of_ms: i64, copy: bool) -> impl IntoView {
    let outbox = outbox::use_outbox();
    let lang = use_lang();
    if copy {
        // The server did not answer: the phone is offline, whatever the browser believes.
        Effect::new(move |_| outbox.offline.set(true));
    }
    let at = crate::brussels::local(crate::brussels::from_ms(as_of_ms));
    let today = crate::brussels::local(crate::brussels::from_ms(
        outbox.server_now_ms().max(as_of_ms),
    ))
    .date();
    let time = i18n::hm(at.time());
    let text = if at.date() == today {
        i18n::message(lang, M::LastUpdated, &[("time", time.into())])
    } else {
        let day = i18n::short_date(lang, at.date());
        i18n::message(
            lang,
            M::LastUpdatedOn,
            &[("day", day.into()), ("time", time.into())],
        )
    };
    let hidden = move || !(copy || outbox.offline.get());
    view! { <p class="notice copy-notice" hidden=hidden>{text}</p> }
}

/// A button that records an action in the outbox (shown at once, sent when possible). Without
/// JavaScript it is a plain form that posts to the server function `endpoint` with `fields`.
#[component]
pub fn TapButton(
    kind: ActionKind,
    endpoint: &'static str,
    fields: Vec<(&'static str, String)>,
    class: &'static str,
    icon: Icon,
    label: T,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let outbox = outbox::use_outbox();
    let inputs = fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    view! {
        <form
            method="post"
            action=format!("/api/{endpoint}")
            on:submit=move |ev| {
                ev.prevent_default();
                outbox.tap(kind.clone());
            }
        >
            {inputs}
            <button type="submit" class=class disabled=disabled>
                <Svg icon />
                <span>{t(label)}</span>
            </button>
        </form>
    }
}

/// The worker's four screens.
const TABS: &[(&str, Icon, T)] = &[
    ("/worker", Icon::Home, T::NavToday),
    ("/worker/assignments", Icon::List, T::NavAssignments),
    ("/worker/hours", Icon::Clock, T::NavHours),
    ("/worker/profile", Icon::Person, T::NavProfile),
];

/// "ma 30/11 · 09:00 · 3 u 00 min": when an assignment is planned.
pub fn planned_when(a: &AssignmentCard, with_date: bool) -> String {
    let lang = use_lang();
    let mut parts = Vec::new();
    if with_date {
        parts.push(i18n::short_date(lang, a.planned_date));
    }
    if let Some(s) = a.planned_start {
        parts.push(i18n::hm(s));
    }
    parts.push(i18n::duration(lang, a.planned_minutes));
    parts.join(" · ")
}

/// An OpenStreetMap search for an address (no account, no tracking cookie).
pub fn map_link(address: &str) -> String {
    let mut query = String::new();
    for b in address.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                query.push(b as char)
            }
            b' ' => query.push('+'),
            _ => query.push_str(&format!("%{b:02X}")),
        }
    }
    format!("https://www.openstreetmap.org/search?query={query}")
}

/// What an assignment is, for whom, where (with a map link) and when, and a tap-to-call
/// button where the gebruiker's number is known: the top of every assignment's card.
#[component]
pub fn AssignmentFacts(assignment: AssignmentCard, when: String) -> impl IntoView {
    let a = assignment;
    let address = a.address();
    let map = map_link(&address);
    let call = a.client_phone.clone().map(|phone| {
        let tel = format!(
            "tel:{}",
            phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect::<String>()
        );
        let label = i18n::message(
            use_lang(),
            i18n::M::CallClient,
            &[("name", a.client_name.as_str().into())],
        );
        view! {
            <a href=tel class="btn btn-quiet btn-call">
                <Svg icon=Icon::Phone />
                <span>{label}</span>
                <span class="phone">{phone}</span>
            </a>
        }
    });
    view! {
        <h3>{a.activity}</h3>
        <p class="who">
            <Svg icon=Icon::Person />
            <span>{a.client_name}</span>
        </p>
        <p>
            <Svg icon=Icon::Pin />
            <a href=map class="map-link" target="_blank" rel="noopener noreferrer">
                {address}
                <span class="visually-hidden">" · " {t(T::ShowOnMap)}</span>
            </a>
        </p>
        <p>
            <Svg icon=Icon::Clock />
            <span>{when}</span>
        </p>
        {(!a.description.is_empty()).then(|| view! { <p class="description">{a.description}</p> })}
        {call}
    }
}

/// One prestatie in a list: day, for whom, times, pause and km, the time counted, its status,
/// and "Verbeter" while the worker may still change it.
#[component]
pub fn EntryItem(entry: MyEntry) -> impl IntoView {
    let lang = use_lang();
    let e = entry;
    let times = i18n::time_span(e.start, e.end);
    let mut extra = Vec::new();
    if e.pause_minutes > 0 {
        extra.push(i18n::message(
            lang,
            i18n::M::PauseOf,
            &[("minutes", e.pause_minutes.into())],
        ));
    }
    if e.km > 0 {
        extra.push(i18n::message(lang, i18n::M::KmOf, &[("km", e.km.into())]));
    }
    let details = std::iter::once(times)
        .chain(extra)
        .collect::<Vec<_>>()
        .join(" · ");
    let minutes = e
        .minutes
        .map(|m| i18n::duration(lang, m))
        .unwrap_or_default();
    let change = e.changeable().then(|| {
        let href = format!("/worker/hours/{}", e.id);
        view! {
            <a href=href class="btn btn-quiet entry-change">
                <Svg icon=Icon::Edit />
                <span>{t(T::ChangeEntry)}</span>
            </a>
        }
    });
    view! {
        <li class="entry">
            <span class="entry-date">{i18n::short_date(lang, e.work_date)}</span>
            <span class="entry-what">{format!("{} · {}", e.client_name, e.activity)}</span>
            <span class="entry-times">{details}</span>
            <span class="entry-minutes">{minutes}</span>
            <StatusBadge status=e.status />
            {change}
        </li>
    }
}

/// A titled list of prestaties ("Nog geen prestaties." when there are none).
#[component]
pub fn EntryList(entries: Vec<MyEntry>, title: T) -> impl IntoView {
    let empty = entries.is_empty();
    let items = entries
        .into_iter()
        .map(|entry| view! { <EntryItem entry /> })
        .collect_view();
    view! {
        <section aria-labelledby="entries-title">
            <h2 id="entries-title">{t(title)}</h2>
            {empty.then(|| view! { <p>{t(T::NoEntries)}</p> })}
            <ul class="entries">{items}</ul>
        </section>
    }
}

pub fn browser_now_ms() -> i64 {
    #[cfg(not(feature = "ssr"))]
    {
        leptos::web_sys::js_sys::Date::now() as i64
    }
    #[cfg(feature = "ssr")]
    {
        0
    }
}

/// "1:05:09": hours, minutes, seconds.
pub fn format_elapsed(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn elapsed_time_reads_like_a_clock() {
        assert_eq!(super::format_elapsed(0), "0:00:00");
        assert_eq!(super::format_elapsed(3_909_000), "1:05:09");
        assert_eq!(super::format_elapsed(-5), "0:00:00");
    }

    #[test]
    fn map_links_carry_the_address() {
        assert_eq!(
            super::map_link("Kerkstraat 1, 3000 Leuven"),
            "https://www.openstreetmap.org/search?query=Kerkstraat+1%2C+3000+Leuven"
        );
    }
}
