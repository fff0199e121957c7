//! The outbox as the screens see it: what waits to be sent, what the server refused, whether
//! the phone is offline, and the rounds that send. Taps are recorded here first and shown at
//! once; [`crate::sync::outbox`] keeps them in IndexedDB until the server answered.

use leptos::prelude::*;

use crate::i18n::{self, M, T, t, use_lang};
use crate::sync::{Action, ActionId, ActionKind, Refused};
use crate::ui::icons::{Icon, Svg};

/// The phone's outbox state, one per page (provided by [`crate::App`]).
#[derive(Clone, Copy)]
pub struct Outbox {
    /// Tapped, not yet answered by the server; oldest first.
    pub pending: RwSignal<Vec<Action>>,
    /// Delivered by the last round that delivered any: shown on top of data older than its
    /// answer (`delivered_at_ms`, the server's clock), so the timer or the answered offer does
    /// not flash back while the screen reloads. (Signal types the page already has, to keep
    /// the first download small.)
    pub delivered: RwSignal<Vec<Action>>,
    pub delivered_at_ms: RwSignal<Option<i64>>,
    /// Refused by the server, until the worker tapped OK.
    pub refused: RwSignal<Vec<Refused>>,
    /// The last round got no answer.
    pub offline: RwSignal<bool>,
    /// ... because the server said it is busy (not the network): sent again after a wait.
    pub busy: RwSignal<bool>,
    /// A round emptied the outbox: "alles is verzonden".
    pub all_sent: RwSignal<bool>,
    /// Counts answered rounds: the screens reload their data on it.
    pub synced: RwSignal<u32>,
    /// The server's clock minus the phone's, as last measured; `None` until then.
    pub offset_ms: RwSignal<Option<i64>>,
    /// A new version of the app is installed and waits for "vernieuwen".
    pub update_waiting: RwSignal<bool>,
    /// The last tap on this page, for its "Aanvaard" or "Geweigerd".
    pub last_tap: RwSignal<Option<ActionKind>>,
}

impl Outbox {
    pub fn new() -> Self {
        Outbox {
            pending: RwSignal::new(Vec::new()),
            delivered: RwSignal::new(Vec::new()),
            delivered_at_ms: RwSignal::new(None),
            refused: RwSignal::new(Vec::new()),
            offline: RwSignal::new(false),
            busy: RwSignal::new(false),
            all_sent: RwSignal::new(false),
            synced: RwSignal::new(0),
            offset_ms: RwSignal::new(None),
            update_waiting: RwSignal::new(false),
            last_tap: RwSignal::new(None),
        }
    }

    /// Record a tap: shown at once, kept on the phone, sent when possible. Answers its id.
    pub fn tap(self, kind: ActionKind) -> ActionId {
        let action = Action {
            id: new_action_id(),
            tapped_at_ms: phone_now_ms(),
            kind,
        };
        let id = action.id;
        self.last_tap.set(Some(action.kind.clone()));
        self.all_sent.set(false);
        self.pending.update(|p| p.push(action.clone()));
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            // Without storage (a private window) the tap still goes out from memory.
            let _ = crate::sync::outbox::record(&action).await;
            self.send().await;
        });
        id
    }

    /// The taps a screen shows on top of data the server sent as of `as_of_ms`: those the last
    /// round delivered after it, then those still waiting (tracked).
    pub fn shown_over(self, as_of_ms: i64) -> Vec<Action> {
        let newer = self.delivered_at_ms.get().is_some_and(|at| at > as_of_ms);
        let mut shown = if newer {
            self.delivered.get()
        } else {
            Vec::new()
        };
        shown.extend(self.pending.get());
        shown
    }

    /// The server's time now, as well as the phone knows it (its own clock until measured).
    pub fn server_now_ms(self) -> i64 {
        phone_now_ms() + self.offset_ms.get_untracked().unwrap_or(0)
    }

    /// One sending round (several at once are harmless: the server answers replays the same).
    #[cfg(feature = "hydrate")]
    pub async fn send(self) {
        use crate::error::AppError;
        use crate::sync::outbox::{self, Sent};
        let was_offline = self.offline.get_untracked();
        let sent = outbox::send().await;
        let pending = outbox::pending().await;
        let refused = outbox::refused().await;
        // The screens reload only when what they show may have changed: something was
        // delivered (here, or by the service worker or another tab), the network is back, or
        // the page itself is not fresh (a copy from the service worker, or open a while).
        let delivered = match sent {
            Sent::Answered { .. } => true,
            Sent::Nothing => !self.pending.get_untracked().is_empty() && pending.is_empty(),
            Sent::NoAnswer(_) => false,
        };
        let reload = delivered || was_offline || page_age_ms(self) > FRESH_PAGE_MS;
        match sent {
            Sent::Answered { server_now_ms } => {
                let offset = server_now_ms - phone_now_ms();
                self.offset_ms.set(Some(offset));
                outbox::set_meta("offset_ms", &offset.to_string()).await;
                self.offline.set(false);
                self.all_sent.set(pending.is_empty());
            }
            Sent::Nothing => {
                self.offline.set(false);
                // What this page showed as waiting was delivered meanwhile (by the service
                // worker's background sync, or another tab).
                if !self.pending.get_untracked().is_empty() && pending.is_empty() {
                    self.all_sent.set(true);
                }
            }
            Sent::NoAnswer(AppError::Unavailable | AppError::Busy) => {
                self.offline.set(true);
                self.busy
                    .set(matches!(sent, Sent::NoAnswer(AppError::Busy)));
                crate::ui::worker::service_worker::request_background_sync();
                self.send_again_later();
            }
            Sent::NoAnswer(_) => {}
        }
        if matches!(sent, Sent::Answered { .. } | Sent::Nothing) {
            FAILED_ROUNDS.with(|n| n.set(0));
            self.busy.set(false);
        }
        // What was delivered stays shown until the screens hold data newer than its answer.
        let answered_ms = match sent {
            Sent::Answered { server_now_ms } => server_now_ms,
            _ => self.server_now_ms(),
        };
        let answered: Vec<Action> = self
            .pending
            .get_untracked()
            .into_iter()
            .filter(|a| !pending.iter().any(|p| p.id == a.id))
            .filter(|a| !refused.iter().any(|r| r.action.id == a.id))
            .collect();
        if !answered.is_empty() {
            self.delivered.set(answered);
            self.delivered_at_ms.set(Some(answered_ms));
        }
        // Refusals first: a form waiting for its action sees it refused, not merely gone.
        self.refused.set(refused);
        // The outbox in storage is the truth: what it no longer holds was answered.
        self.pending.set(pending);
        // The screens reload from the server (offline they keep what they show).
        if reload && !self.offline.get_untracked() {
            self.synced.update(|n| *n += 1);
        }
    }

    /// Send again after a growing, jittered wait (`sync::send_again_after_ms`): a server
    /// that said "busy" is not asked again at once, and a server that is down (the network
    /// up) is tried again even without an `online` event. One wait at a time.
    #[cfg(feature = "hydrate")]
    fn send_again_later(self) {
        let failed = FAILED_ROUNDS.with(|n| {
            n.set(n.get().saturating_add(1));
            n.get()
        });
        let wait = crate::sync::send_again_after_ms(failed, js_sys::Math::random());
        // The round `wake` made for the network's return, set on a timer: one at a time.
        SEND_AGAIN.with(|again| {
            if let (Some(again), Some(window)) = (again.borrow().as_ref(), web_sys::window()) {
                window.clear_timeout_with_handle(RETRY_TIMER.with(|t| t.get()));
                if let Ok(timer) =
                    window.set_timeout_with_callback_and_timeout_and_arguments_0(again, wait as i32)
                {
                    RETRY_TIMER.with(|t| t.set(timer));
                }
            }
        });
    }

    /// Start: load what the phone holds, send it, and send again whenever the network or the
    /// app comes back. Called once per page, in the browser.
    pub fn wake(self) {
        #[cfg(feature = "hydrate")]
        {
            thread_local!(static AWAKE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
            if AWAKE.with(|awake| awake.replace(true)) {
                return;
            }
            use wasm_bindgen::JsCast;
            use wasm_bindgen::closure::Closure;
            leptos::task::spawn_local(async move {
                if let Some(offset) = crate::sync::outbox::meta("offset_ms").await
                    && let Ok(offset) = offset.parse()
                    && self.offset_ms.get_untracked().is_none()
                {
                    self.offset_ms.set(Some(offset));
                }
                self.send().await;
                // Once the service worker is in charge (from the second page on): on the very
                // first visit it is busy keeping the app and the worker's pages, which carry
                // the same data.
                if !self.offline.get_untracked() && crate::ui::worker::service_worker::in_charge() {
                    worker_keep_copies().await;
                }
            });
            let again = Closure::<dyn Fn()>::new(move || {
                leptos::task::spawn_local(self.send());
            });
            let window = web_sys::window().expect("window");
            let document = window.document().expect("document");
            let on = |target: &web_sys::EventTarget, name: &str| {
                let _ =
                    target.add_event_listener_with_callback(name, again.as_ref().unchecked_ref());
            };
            on(&window, "online");
            on(&document, "visibilitychange");
            let f = again.as_ref().unchecked_ref::<js_sys::Function>().clone();
            SEND_AGAIN.with(|again| *again.borrow_mut() = Some(f.clone()));
            again.forget();
            on_cleanup(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.remove_event_listener_with_callback("online", &f);
                    if let Some(d) = window.document() {
                        let _ = d.remove_event_listener_with_callback("visibilitychange", &f);
                    }
                }
            });
            crate::ui::worker::service_worker::register(self);
        }
    }
}

/// Keep a copy of every worker screen's data on the phone (at most every few minutes), so a
/// screen opened offline shows the worker's week, hours and offers, not only the last one seen.
/// Lazy: its code (the other screens' data) is a file of its own, loaded after the page; named
/// `worker_…` so the service worker keeps it (`server/src/offline.rs`).
#[cfg(feature = "hydrate")]
#[leptos::prelude::lazy]
async fn worker_keep_copies() {
    use crate::sync::outbox;
    const EVERY_MS: i64 = 5 * 60 * 1000;
    let now = phone_now_ms();
    let last: i64 = outbox::meta("copied_at_ms")
        .await
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    if now - last < EVERY_MS {
        return;
    }
    // The screens' own loads: each keeps its copy as it does when the screen is open.
    let _ = super::today::day_or_copy().await;
    let _ = super::assignments::assignments_or_copy().await;
    let _ = super::hours::hours_or_copy().await;
    outbox::set_meta("copied_at_ms", &now.to_string()).await;
}

impl Default for Outbox {
    fn default() -> Self {
        Self::new()
    }
}

/// The page's outbox. On the server, the request's (provided by [`crate::App`]). In the browser
/// one for the whole page, shared by every island on it (the strip, the clock, the offers):
/// islands share no context, and the page has one thread.
pub fn use_outbox() -> Outbox {
    #[cfg(feature = "hydrate")]
    {
        thread_local! {
            // Owned by a root of its own: it lives as long as the page, whichever island
            // asked first.
            static PAGE: Outbox = {
                let owner = Owner::new_root(None);
                let outbox = owner.with(Outbox::new);
                std::mem::forget(owner);
                outbox
            };
        }
        PAGE.with(|outbox| *outbox)
    }
    #[cfg(not(feature = "hydrate"))]
    use_context::<Outbox>().unwrap_or_default()
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// Rounds in a row that got no answer (the back-off's step).
    static FAILED_ROUNDS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// The timer of the round to send again (0: none).
    static RETRY_TIMER: std::cell::Cell<i32> = const { std::cell::Cell::new(0) };
    /// A sending round, made once by `wake`.
    static SEND_AGAIN: std::cell::RefCell<Option<js_sys::Function>> =
        const { std::cell::RefCell::new(None) };
}

/// A page rendered less than this long ago shows the server's data as it is now.
#[cfg(feature = "hydrate")]
const FRESH_PAGE_MS: i64 = 30_000;

/// How long ago the server rendered this page (`<html data-rendered-ms>`, server time).
#[cfg(feature = "hydrate")]
fn page_age_ms(outbox: Outbox) -> i64 {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("data-rendered-ms"))
        .and_then(|ms| ms.parse::<i64>().ok())
        .map_or(i64::MAX, |rendered| outbox.server_now_ms() - rendered)
}

/// The phone's clock (milliseconds since 1970); the server's on the server.
pub fn phone_now_ms() -> i64 {
    super::browser_now_ms()
}

/// A UUID v7: the time of the tap and 74 random bits from the browser's crypto (so two tabs,
/// or two phones, never make the same one).
fn new_action_id() -> ActionId {
    #[allow(unused_mut)]
    let mut random = [0u8; 10];
    #[cfg(feature = "hydrate")]
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut random);
    }
    let ms = phone_now_ms().max(0) as u64;
    ActionId(uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid())
}

/// The strip above every worker screen: offline, what waits, what was refused, a new version.
/// It wakes the outbox: what the phone holds is sent, now and whenever the network returns.
#[island]
pub fn OutboxStrip() -> impl IntoView {
    let outbox = use_outbox();
    let logout_held = RwSignal::new(false);
    Effect::new(move |_| {
        outbox.wake();
        #[cfg(feature = "hydrate")]
        hold_logout_back(outbox, logout_held);
    });
    let lang = use_lang();
    let waiting = move || outbox.pending.get().len() as i64;
    let refusals = move || {
        outbox
            .refused
            .get()
            .into_iter()
            .map(|r| {
                let id = r.action.id;
                let what = kind_words(r.action.kind.name());
                let why = i18n::phone_error_message(lang, &r.problem);
                view! {
                    <li class="refusal">
                        <p>
                            <strong>{t(T::NotDone)} " " {what}</strong>
                            " "
                            {why}
                        </p>
                        <button
                            type="button"
                            class="btn btn-quiet"
                            on:click=move |_| {
                                outbox.refused.update(|list| list.retain(|r| r.action.id != id));
                                #[cfg(feature = "hydrate")]
                                leptos::task::spawn_local(crate::sync::outbox::dismiss(id));
                            }
                        >
                            {t(T::Understood)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="outbox-status" role="status">
            <Show when=move || outbox.offline.get()>
                <p class="badge-offline">
                    <Svg icon=Icon::Cross />
                    // A String, as the line below: no new kind of view in the first download.
                    <span>
                        {move || {
                            t(if outbox.busy.get() { T::ServerBusy } else { T::Offline }).to_string()
                        }}
                    </span>
                </p>
            </Show>
            <Show when=move || { waiting() > 0 }>
                <p class="notice outbox-waiting">
                    {move || i18n::message(lang, M::ActionsWaiting, &[("n", waiting().into())])}
                </p>
            </Show>
            <Show when=move || outbox.all_sent.get() && waiting() == 0>
                <p class="notice outbox-sent">{t(T::AllSent)}</p>
            </Show>
        </div>
        <Show when=move || !outbox.refused.get().is_empty()>
            <ul class="refusals" role="alert">
                {refusals}
            </ul>
        </Show>
        <Show when=move || { logout_held.get() && waiting() > 0 }>
            <p class="alert" role="alert">{t(T::LogoutWaits)}</p>
        </Show>
        <Show when=move || outbox.update_waiting.get() && waiting() == 0>
            <div class="notice update-waiting">
                <p>{t(T::NewVersion)}</p>
                <button
                    type="button"
                    class="btn btn-start"
                    on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        crate::ui::worker::service_worker::activate_waiting();
                    }
                >
                    {t(T::Refresh)}
                </button>
            </div>
        </Show>
    }
}

/// Unsent work is never dropped: "Afmelden" (a plain form in the header and on Profiel) waits
/// while the outbox holds actions, and says why.
#[cfg(feature = "hydrate")]
fn hold_logout_back(outbox: Outbox, held: RwSignal<bool>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let on_submit = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let logout = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            .is_some_and(|form| form.action().ends_with("/api/logout"));
        if logout && !outbox.pending.get_untracked().is_empty() {
            ev.prevent_default();
            held.set(true);
        }
    });
    let _ =
        document().add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    // For the life of the page.
    on_submit.forget();
}

/// "Start", "Stop", "Aanvaarden", … for a refused action (by its `ActionKind::name`).
pub fn kind_words(name: &str) -> &'static str {
    t(match name {
        "start" => T::Start,
        "pause" => T::Pause,
        "resume" => T::Resume,
        "stop" => T::Stop,
        "cancel" => T::CancelStart,
        "enter_hours" => T::EnterHours,
        "accept" => T::AcceptOffer,
        _ => T::DeclineOffer,
    })
}
