//! Load shedding: under a rush the server says "busy, come back in a second" at once, rather
//! than letting every request wait 40 seconds and most of them time out.
//!
//! Requests are taken in three classes, each with its own gate: the phone's clock and sync
//! (the hot writes), the other server functions, and pages and downloads. A gate lets a fixed
//! number of requests work at once and a bounded number wait in line (first come, first
//! served: tokio's semaphore is fair); a request that finds the line full, or waits longer
//! than the limit, is answered `503 Service Unavailable` with `Retry-After` without touching
//! the database or the session. The phone's outbox keeps the action and sends it again after
//! the server's `Retry-After` with a growing, jittered back-off (`app::ui::worker::outbox`);
//! the server knows each action by its id, so nothing is lost and nothing is counted twice.
//! The bundle, the service worker and the health checks are never gated.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use axum::middleware::Next;
use tokio::sync::Semaphore;

/// How many requests of one class work at once and how many may wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Requests of one class at work at once.
    pub at_work: usize,
    /// Requests of one class that may wait for a place; one more is answered 503 at once.
    pub waiting: usize,
    /// The longest a request waits for a place before it is answered 503.
    pub max_wait: Duration,
}

impl Default for Limits {
    /// Sized for the 2-core machine of `make bench`: 32 at work keeps both cores and the one
    /// SQLite writer busy; 256 waiting at about 2,000 answers a second is a line of about
    /// 130 ms, far below the phone's time-out.
    fn default() -> Self {
        Limits {
            at_work: 32,
            waiting: 256,
            max_wait: Duration::from_millis(1000),
        }
    }
}

impl Limits {
    /// From `WIJKWERK_BUSY_AT_WORK`, `WIJKWERK_BUSY_WAITING` and `WIJKWERK_BUSY_WAIT_MS`; a
    /// value that is not a number keeps the default. `WIJKWERK_BUSY_AT_WORK=0` with
    /// `WIJKWERK_BUSY_WAITING=0` answers every gated request busy (a drain before maintenance;
    /// the browser test of the phone's back-off).
    pub fn from_env() -> Self {
        let number = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let default = Limits::default();
        Limits {
            at_work: number("WIJKWERK_BUSY_AT_WORK")
                .map(|n| n as usize)
                .unwrap_or(default.at_work),
            waiting: number("WIJKWERK_BUSY_WAITING")
                .map(|n| n as usize)
                .unwrap_or(default.waiting),
            max_wait: number("WIJKWERK_BUSY_WAIT_MS")
                .map(Duration::from_millis)
                .unwrap_or(default.max_wait),
        }
    }
}

struct Gate {
    places: Semaphore,
    waiting: AtomicUsize,
    limits: Limits,
}

impl Gate {
    fn new(limits: Limits) -> Gate {
        Gate {
            places: Semaphore::new(limits.at_work),
            waiting: AtomicUsize::new(0),
            limits,
        }
    }

    /// A place, or `None`: the line is full or the wait too long.
    async fn enter(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        if let Ok(place) = self.places.try_acquire() {
            return Some(place);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.limits.waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let place = tokio::time::timeout(self.limits.max_wait, self.places.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        place.ok().and_then(Result::ok)
    }
}

/// The classes of requests, each behind its own gate.
#[derive(Clone)]
pub struct Shedding {
    phone: Arc<Gate>,
    functions: Arc<Gate>,
    pages: Arc<Gate>,
}

impl Shedding {
    pub fn new(limits: Limits) -> Shedding {
        Shedding {
            phone: Arc::new(Gate::new(limits)),
            functions: Arc::new(Gate::new(limits)),
            pages: Arc::new(Gate::new(limits)),
        }
    }

    fn gate(&self, path: &str) -> Option<&Gate> {
        const PHONE: [&str; 3] = ["/api/sync", "/api/start_clock", "/api/stop_clock"];
        if PHONE.contains(&path) {
            Some(&self.phone)
        } else if path.starts_with("/api/") {
            Some(&self.functions)
        } else if path.starts_with("/pkg/")
            || matches!(
                path,
                "/sw.js" | "/livez" | "/readyz" | "/favicon.svg" | "/manifest.webmanifest"
            )
            || path.starts_with("/icons/")
        {
            // Files the phone keeps, and the load balancer's questions: never shed.
            None
        } else {
            Some(&self.pages)
        }
    }
}

/// The middleware: a place in the request's gate, or 503 at once.
pub async fn gate(
    State(shedding): State<Shedding>,
    request: Request<Body>,
    next: Next,
) -> Response<Body> {
    let Some(gate) = shedding.gate(request.uri().path()) else {
        return next.run(request).await;
    };
    match gate.enter().await {
        Some(_place) => next.run(request).await,
        None => busy(&request),
    }
}

/// "Busy": for a server function the error its caller decodes (`AppError::Busy`, said in the
/// phone's words), for a page the same words in the person's language.
fn busy(request: &Request<Body>) -> Response<Body> {
    use leptos::server_fn::error::FromServerFnError;
    let (body, content_type) = if request.uri().path().starts_with("/api/") {
        (
            Body::from(app::error::AppError::Busy.ser()),
            "application/json",
        )
    } else {
        let lang = app::i18n::lang_of(request.headers());
        (
            Body::from(app::i18n::T::ErrBusy.text(lang)),
            "text/plain; charset=utf-8",
        )
    };
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let headers = response.headers_mut();
    // The phone adds its own back-off and jitter (`app::sync::send_again_after_ms`), so that a
    // thousand phones do not all come back in the same second.
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from(app::sync::BUSY_RETRY_AFTER_SECS),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(at_work: usize, waiting: usize, max_wait_ms: u64) -> Limits {
        Limits {
            at_work,
            waiting,
            max_wait: Duration::from_millis(max_wait_ms),
        }
    }

    #[tokio::test]
    async fn a_full_line_is_refused_at_once_and_a_place_freed_is_taken() {
        let gate = Gate::new(limits(1, 1, 10_000));
        let first = gate.enter().await.expect("a free place");
        // One may wait: it gets the place when the first leaves.
        let waiting = async { gate.enter().await.is_some() };
        let refused = async {
            // Let the second one take its place in line first.
            tokio::time::sleep(Duration::from_millis(20)).await;
            let started = std::time::Instant::now();
            let third = gate.enter().await;
            assert!(third.is_none(), "the line was full");
            assert!(
                started.elapsed() < Duration::from_millis(50),
                "refused at once"
            );
            drop(first);
        };
        let (waited, ()) = tokio::join!(waiting, refused);
        assert!(waited, "the one in line got the freed place");
    }

    #[tokio::test]
    async fn a_wait_past_the_limit_is_refused() {
        let gate = Gate::new(limits(1, 10, 30));
        let _first = gate.enter().await.expect("a free place");
        let started = std::time::Instant::now();
        assert!(gate.enter().await.is_none());
        assert!(started.elapsed() >= Duration::from_millis(30));
        assert_eq!(
            gate.waiting.load(Ordering::Acquire),
            0,
            "the line is empty again"
        );
    }

    #[test]
    fn files_and_health_checks_are_never_gated() {
        let s = Shedding::new(Limits::default());
        for path in [
            "/pkg/wijkwerk.wasm",
            "/sw.js",
            "/livez",
            "/readyz",
            "/favicon.svg",
        ] {
            assert!(s.gate(path).is_none(), "{path}");
        }
        assert!(std::ptr::eq(s.gate("/api/sync").unwrap(), &*s.phone));
        assert!(std::ptr::eq(
            s.gate("/api/confirm_entry").unwrap(),
            &*s.functions
        ));
        assert!(std::ptr::eq(s.gate("/worker").unwrap(), &*s.pages));
    }
}
