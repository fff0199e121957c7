//! The browser side: hydrates the server-rendered page into a live app.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous: a screen's own code (a separate file, see `app::ui::lazy_screen`) may
    // still be on its way.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document()
            .body()
            .expect("the page has a body");
        let app = leptos::mount::hydrate_from_async(body, app::App).await;
        app.forget();
        // A mark for people and tests alike: from here on, buttons work without a page load.
        if let Some(root) = leptos::prelude::document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
