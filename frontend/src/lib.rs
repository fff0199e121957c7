//! The browser side. Pages are rendered on the server; here only the islands (the parts that
//! react to taps: the clock, the outbox, forms that check as one types) come to life.

// The islands are exported from the app crate: it must be linked even though nothing here
// calls into it.
use app as _;
use wasm_bindgen::prelude::wasm_bindgen;

/// Called by Leptos' island script before it hydrates each island on the page.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that sends the browser elsewhere (login, logout): a page load, as
    // there is no client-side router.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = leptos::prelude::window().location().set_href(to);
    });
    leptos::mount::hydrate_islands();
}
