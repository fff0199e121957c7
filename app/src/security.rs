//! The Content-Security-Policy of the pages. Scripts run only from our own origin or with this
//! response's nonce (Leptos puts it on its hydration scripts); WASM may be compiled
//! (`'wasm-unsafe-eval'`, not `'unsafe-eval'`); nothing may frame the app, no plugin may load,
//! and `<base>` cannot redirect relative URLs. The other security headers are set for every
//! response by the server's middleware (`server/src/security.rs`).

use leptos::prelude::*;

/// The policy for a page whose scripts carry `nonce`.
pub fn csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// For responses that are not pages (server function answers, files, errors): nothing runs.
pub const CSP_NOT_A_PAGE: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// This request's nonce, made by the server's middleware (`server/src/security.rs`) before
/// the page renders, which also puts the page's policy on the answer. The middleware owns both
/// ends: the header never depends on what the render remembered to set.
#[derive(Clone, Debug)]
pub struct PageNonce(pub std::sync::Arc<str>);

impl PageNonce {
    /// 128 random bits, as Leptos makes them.
    pub fn new() -> Self {
        PageNonce(leptos::nonce::Nonce::new().to_string().into())
    }
}

impl Default for PageNonce {
    fn default() -> Self {
        Self::new()
    }
}

/// Rendering context: the hydration scripts carry the middleware's nonce for this request.
pub fn provide_page_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(value)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(value));
    }
}
