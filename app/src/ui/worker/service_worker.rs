//! The browser side of the service worker (`/sw.js`, served by the server with the build's
//! asset list and version): register it, let it keep the worker's pages for offline, ask for
//! a Background Sync when a round got no answer, and switch to a new version only when the
//! worker taps "vernieuwen" (never while the outbox holds actions: the button is not shown).

use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use super::outbox::Outbox;

/// The worker's pages the service worker keeps, last good copy, for a start without network.
const WORKER_PAGES: [&str; 4] = [
    "/worker",
    "/worker/assignments",
    "/worker/hours",
    "/worker/profile",
];

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on plain HTTP off localhost and in some private modes: the app works online.
    Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// This page was loaded through the service worker (it controls the page).
pub fn in_charge() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

fn message(kind: &str, urls: &[&str]) -> JsValue {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"type".into(), &kind.into());
    let list: Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
    let _ = Reflect::set(&msg, &"urls".into(), &list);
    msg.into()
}

async fn registration(container: &ServiceWorkerContainer) -> Option<ServiceWorkerRegistration> {
    JsFuture::from(container.get_registration())
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// Register `/sw.js`, have it keep the worker's pages, and watch for a new version.
pub fn register(outbox: Outbox) {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_update(&container, &reg, outbox);
        if let Ok(ready) = container.ready()
            && let Ok(ready) = JsFuture::from(ready).await
            && let Ok(ready) = ready.dyn_into::<ServiceWorkerRegistration>()
            && let Some(active) = ready.active()
        {
            let _ = active.post_message(&message("warm", &WORKER_PAGES));
        }
    });
}

/// A new version installed while this one runs waits: say so.
fn watch_for_update(
    container: &ServiceWorkerContainer,
    reg: &ServiceWorkerRegistration,
    outbox: Outbox,
) {
    let has_controller = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if reg.waiting().is_some() && has_controller() {
        outbox.update_waiting.set(true);
    }
    let reg2 = reg.clone();
    let found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = reg2.installing() else {
            return;
        };
        let worker = installing.clone();
        let has_controller = has_controller.clone();
        let changed = Closure::<dyn Fn()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && has_controller() {
                outbox.update_waiting.set(true);
            }
        });
        installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
        changed.forget();
    });
    reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
}

/// "Vernieuwen": the waiting version takes over, and the page reloads under it.
pub fn activate_waiting() {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Some(reg) = registration(&container).await else {
            return;
        };
        let Some(waiting) = reg.waiting() else { return };
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        let _ = waiting.post_message(&message("activate", &[]));
    });
}

/// Ask the browser to wake the service worker when the network returns, even if the app is
/// closed by then (Background Sync, where the browser has it).
pub fn request_background_sync() {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Some(reg) = registration(&container).await else {
            return;
        };
        let Ok(sync) = Reflect::get(&reg, &"sync".into()) else {
            return;
        };
        if sync.is_undefined() {
            return;
        }
        if let Ok(register) = Reflect::get(&sync, &"register".into())
            && let Ok(register) = register.dyn_into::<js_sys::Function>()
            && let Ok(promise) = register.call1(&sync, &"outbox".into())
            && let Ok(promise) = promise.dyn_into::<js_sys::Promise>()
        {
            let _ = JsFuture::from(promise).await;
        }
    });
}
