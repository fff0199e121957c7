//! The security baseline every request passes (OWASP ASVS 4.0 level 2, chapters 3, 4, 13, 14):
//!
//! - **Where a request comes from.** A request that changes something (anything but GET, HEAD,
//!   OPTIONS) is refused with 403 before any server function runs when its `Origin` is present
//!   and is not the app's own, or when the browser says `Sec-Fetch-Site: cross-site`. A request
//!   with neither header (a non-browser client) goes on to the usual session checks. This stops
//!   login CSRF and cross-site form posts; SameSite=Lax cookies are the second layer.
//! - **Headers on every response**: `X-Content-Type-Options: nosniff`, `Referrer-Policy`,
//!   `X-Frame-Options: DENY`, a Content-Security-Policy (a page's names the nonce this
//!   middleware makes for the request, which the render puts on its scripts: `app::security`), `Strict-Transport-Security` when cookies are secure, and
//!   `Cache-Control: no-store` on pages and server-function answers (they hold personal data).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the middleware needs to know.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Origins whose requests may change things, e.g. `https://wijkwerk.example.be`.
    pub allowed_origins: Vec<String>,
    /// Served over HTTPS (secure cookies): also send HSTS.
    pub secure: bool,
}

/// Is this request allowed to go on? `None`: yes.
pub fn refuse_cross_site(
    policy: &Policy,
    method: &Method,
    headers: &HeaderMap,
) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !policy.allowed_origins.iter().any(|o| o == origin) {
            return Some("origin");
        }
    }
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
    {
        return Some("sec-fetch-site");
    }
    None
}

pub async fn guard(State(policy): State<Policy>, request: Request, next: Next) -> Response {
    if let Some(why) = refuse_cross_site(&policy, request.method(), request.headers()) {
        tracing::warn!(why, path = %request.uri().path(), "cross-site request refused");
        let mut response = (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
        add_headers(&policy, "/", &mut response);
        return response;
    }
    let path = request.uri().path().to_string();
    // The page's scripts carry this nonce (`app::security::provide_page_nonce`).
    let nonce = app::security::PageNonce::new();
    let mut request = request;
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    add_headers(&policy, &path, &mut response);
    if is_page(&response)
        && let Ok(value) = HeaderValue::from_str(&app::security::csp(&nonce.0))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

fn is_page(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

fn add_headers(policy: &Policy, path: &str, response: &mut Response) {
    let page = is_page(response);
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(
            headers,
            header::CONTENT_SECURITY_POLICY,
            app::security::CSP_NOT_A_PAGE,
        );
    }
    if policy.secure {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if page || path.starts_with("/api/") {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            allowed_origins: vec!["https://app.example".into()],
            secure: true,
        }
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_changes_from_elsewhere_are_refused() {
        let p = policy();
        let post = Method::POST;
        assert_eq!(refuse_cross_site(&p, &post, &headers(&[])), None);
        assert_eq!(
            refuse_cross_site(&p, &post, &headers(&[("origin", "https://app.example")])),
            None
        );
        assert_eq!(
            refuse_cross_site(&p, &post, &headers(&[("origin", "https://elders.example")])),
            Some("origin")
        );
        assert_eq!(
            refuse_cross_site(&p, &post, &headers(&[("origin", "null")])),
            Some("origin")
        );
        assert_eq!(
            refuse_cross_site(&p, &post, &headers(&[("sec-fetch-site", "cross-site")])),
            Some("sec-fetch-site")
        );
        assert_eq!(
            refuse_cross_site(&p, &post, &headers(&[("sec-fetch-site", "same-origin")])),
            None
        );
        let get = Method::GET;
        assert_eq!(
            refuse_cross_site(&p, &get, &headers(&[("origin", "https://elders.example")])),
            None
        );
    }
}
