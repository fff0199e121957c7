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

/// Put this page's policy, with its nonce, on the response being rendered.
pub fn page_csp() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = axum::http::HeaderValue::from_str(&csp(&nonce)) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}
