//! The numbers of the paper cheques that pay a prestatie: one field per cheque it waits for,
//! typed, or read from a photo of the cheque's barcode with the browser's `BarcodeDetector`
//! where the phone has it (Chrome on Android; elsewhere the scan button is not shown and the
//! numbers are typed). Used by the worker on the phone and by the bemiddelaar.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{M, T, message, t, use_lang};
use crate::ids::EntryId;

/// Who records: the worker for an own prestatie, or a bemiddelaar.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Recorder {
    Worker,
    Staff,
}

/// The form. `done` is told when the numbers were kept.
#[component]
pub fn PaperChequesForm(
    entry: EntryId,
    owed: i64,
    recorder: Recorder,
    #[prop(into)] done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let numbers: Vec<RwSignal<String>> = (0..owed.max(0))
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let can_scan = RwSignal::new(false);
    Effect::new(move |_| can_scan.set(scan::available()));
    let values = numbers.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list: Vec<String> = values.iter().map(|n| n.get_untracked()).collect();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = match recorder {
                Recorder::Worker => crate::issuer::record_my_paper_cheques(entry, list).await,
                Recorder::Staff => crate::issuer::record_paper_cheques(entry, list).await,
            };
            busy.set(false);
            match answer {
                Ok(()) => {
                    error.set(None);
                    done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let fields = numbers
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let id = format!("cheque-{entry}-{i}");
            let label = message(lang, M::ChequeNumberN, &[("n", (i as i64 + 1).into())]);
            let file_id = format!("scan-{entry}-{i}");
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    <input
                        id=id
                        inputmode="numeric"
                        autocomplete="off"
                        required
                        minlength="6"
                        maxlength="30"
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                    <Show when=move || can_scan.get()>
                        <label for=file_id.clone() class="btn btn-quiet scan">
                            {t(T::ScanCheque)}
                        </label>
                        <input
                            id=file_id.clone()
                            class="visually-hidden"
                            type="file"
                            accept="image/*"
                            capture="environment"
                            on:change=move |ev| scan::read_into(ev, value)
                        />
                    </Show>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="paper-cheques" on:submit=submit>
            {move || {
                error
                    .get()
                    .map(|e| {
                        let text = crate::i18n::error_message(lang, &e);
                        view! { <div class="alert" role="alert"><p>{text}</p></div> }
                    })
            }}
            {fields}
            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                {t(T::SaveChequeNumbers)}
            </button>
        </form>
    }
}

/// The photo of a barcode read by the browser's `BarcodeDetector` (Shape Detection API), called
/// through `js_sys` since it is not in `web-sys`' stable bindings.
mod scan {
    use leptos::prelude::*;

    #[cfg(not(feature = "ssr"))]
    pub fn available() -> bool {
        web_sys::window()
            .and_then(|w| js_sys::Reflect::has(&w, &"BarcodeDetector".into()).ok())
            .unwrap_or(false)
    }

    #[cfg(feature = "ssr")]
    pub fn available() -> bool {
        false
    }

    /// The first barcode in the photo just taken, into `into`.
    #[cfg(not(feature = "ssr"))]
    pub fn read_into(ev: leptos::ev::Event, into: RwSignal<String>) {
        use js_sys::{Array, Function, Promise, Reflect};
        use wasm_bindgen::{JsCast, JsValue};
        use wasm_bindgen_futures::JsFuture;
        let Some(target) = ev.target() else { return };
        let target: JsValue = target.into();
        leptos::task::spawn_local(async move {
            let found: Result<Option<String>, JsValue> = async {
                let files = Reflect::get(&target, &"files".into())?;
                let file = Reflect::get(&files, &0.into())?;
                if file.is_undefined() {
                    return Ok(None);
                }
                let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
                let bitmap_fn: Function =
                    Reflect::get(&window, &"createImageBitmap".into())?.dyn_into()?;
                let bitmap =
                    JsFuture::from(bitmap_fn.call1(&window, &file)?.dyn_into::<Promise>()?).await?;
                let class: Function =
                    Reflect::get(&window, &"BarcodeDetector".into())?.dyn_into()?;
                let detector = Reflect::construct(&class, &Array::new())?;
                let detect: Function = Reflect::get(&detector, &"detect".into())?.dyn_into()?;
                let codes =
                    JsFuture::from(detect.call1(&detector, &bitmap)?.dyn_into::<Promise>()?)
                        .await?;
                let first = Reflect::get(&codes, &0.into())?;
                if first.is_undefined() {
                    return Ok(None);
                }
                Ok(Reflect::get(&first, &"rawValue".into())?.as_string())
            }
            .await;
            if let Ok(Some(code)) = found {
                into.set(code);
            }
        });
    }

    #[cfg(feature = "ssr")]
    pub fn read_into(_ev: leptos::ev::Event, _into: RwSignal<String>) {}
}
