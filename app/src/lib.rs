//! Wijkwerk: the components and server functions, shared by the server (feature `ssr`) and the
//! browser (feature `hydrate`).
//!
//! One folder per domain concept, each with the same three rooms: `mod.rs` (the types the
//! browser shares, and the `#[server]` functions as one-line shims), `service.rs` (the use
//! cases; server only; they get the caller, the transaction and *now*) and `store.rs` (the SQL
//! of the tables it owns). The request path is in [`request`]; pure rules in [`rules`].

#![recursion_limit = "256"]

pub mod activities;
pub mod allowances;
pub mod assignments;
pub mod auth;
pub mod brussels;
pub mod cheques;
pub mod clients;
pub mod error;
pub mod file_views;
pub mod i18n;
pub mod ids;
pub mod issuer;
pub mod municipalities;
pub mod organisations;
pub mod payments;
pub mod privacy;
pub mod reports;
pub mod requests;
pub mod rules;
pub mod sync;
pub mod time_entries;
pub mod ui;
pub mod wire;
pub mod workers;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod security;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::i18n::{T, t};

/// What every request handler and server function can reach on the server.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: db::Db,
    /// Where every request's "now" comes from (a manual clock in tests).
    pub clock: clock::Clock,
    /// Behind a reverse proxy that appends the client's address to `X-Forwarded-For`: the
    /// login throttle counts per client, not per proxy.
    pub behind_proxy: bool,
}

#[cfg(feature = "ssr")]
impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The pages a phone opens before it has the app: plain server-rendered HTML with forms, no
/// island and no WASM, so the first visit is a few kilobytes. (Forgetting the last account's
/// copies at the login is the service worker's job, `server/src/sw.js`.)
pub const PLAIN_PAGES: [&str; 5] = [
    "/login",
    "/login/code",
    "/login/enrol",
    "/activate",
    "/offline",
];

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::request_lang();
    #[cfg(feature = "ssr")]
    let plain = use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| PLAIN_PAGES.contains(&parts.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let plain = false;
    // When the server rendered the page (its clock): the phone can tell a fresh page from an
    // old copy (`ui::worker::outbox`).
    #[cfg(feature = "ssr")]
    let rendered_ms = use_context::<AppState>().map(|state| state.clock.now().timestamp_millis());
    #[cfg(not(feature = "ssr"))]
    let rendered_ms: Option<i64> = None;
    view! {
        <!DOCTYPE html>
        // A plain page is live as it is (`data-hydrated`, see `ui::HydratedMark`).
        <html
            lang=lang.code()
            data-hydrated=plain.then_some("true")
            data-rendered-ms=rendered_ms.map(|ms| ms.to_string())
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5394" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                {(!plain).then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::request_lang());
    provide_context(ui::worker::outbox::Outbox::new());

    view! {
        <Stylesheet id="leptos" href="/pkg/wijkwerk.css" />
        <Title text=t(T::AppName) />
        <Router>
            <Routes fallback=ui::layout::NotFound>
                <Route path=path!("/") view=ui::layout::Home ssr=SsrMode::Async />
                <Route path=path!("/login") view=ui::login::LoginPage />
                <Route path=path!("/login/code") view=ui::second_factor::LoginCodePage />
                <Route
                    path=path!("/login/enrol")
                    view=ui::second_factor::EnrolPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/offline") view=ui::layout::OfflinePage />
                <Route path=path!("/worker") view=ui::worker::today::TodayPage ssr=SsrMode::Async />
                <Route
                    path=path!("/worker/assignments")
                    view=ui::worker::assignments::AssignmentsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/worker/assignments/:id")
                    view=ui::worker::assignments::AssignmentDetailPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/worker/hours") view=ui::worker::hours::HoursPage ssr=SsrMode::Async />
                <Route
                    path=path!("/worker/hours/:id/cheques")
                    view=ui::worker::hours::PaperChequesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/worker/hours/new")
                    view=ui::worker::hours::EnterHoursPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/worker/hours/:id")
                    view=ui::worker::hours::ChangeEntryPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/worker/profile") view=ui::worker::profile::ProfilePage ssr=SsrMode::Async />
                <Route path=path!("/client") view=ui::client::ClientPage ssr=SsrMode::Async />
                <Route path=path!("/client/cheques") view=ui::cheques::ClientChequesPage ssr=SsrMode::Async />
                <Route
                    path=path!("/client/requests")
                    view=ui::client::ClientRequestsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/client/requests/new")
                    view=ui::client::AskForWorkPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/coordinator") view=ui::coordinator::CoordinatorPage ssr=SsrMode::Async />
                <Route
                    path=path!("/coordinator/workers")
                    view=ui::coordinator::workers::WorkersPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/workers/new")
                    view=ui::coordinator::workers::NewWorkerPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/workers/:id")
                    view=ui::coordinator::workers::WorkerFilePage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/activate") view=ui::activate::ActivatePage />
                <Route
                    path=path!("/coordinator/clients")
                    view=ui::coordinator::clients::ClientsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/clients/new")
                    view=ui::coordinator::clients::NewClientPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/clients/:id")
                    view=ui::coordinator::clients::ClientFilePage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/requests")
                    view=ui::coordinator::requests::RequestsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/requests/:id")
                    view=ui::coordinator::requests::RequestPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/coordinator/week") view=ui::coordinator::week::WeekPage ssr=SsrMode::Async />
                <Route
                    path=path!("/coordinator/organisation")
                    view=ui::coordinator::organisation::OrganisationPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/review")
                    view=ui::coordinator::review::ReviewPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/settings")
                    view=ui::coordinator::settings::SettingsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/allowances")
                    view=ui::coordinator::allowances::AllowancesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/cheques")
                    view=ui::coordinator::cheques::ChequesDeskPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/cheques/statement/:id")
                    view=ui::coordinator::cheques::StatementPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/payments")
                    view=ui::coordinator::payments::PaymentsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/coordinator/reports")
                    view=ui::coordinator::reports::ReportsPage
                    ssr=SsrMode::Async
                />
            </Routes>
        </Router>
        // Last on the page: hydrated after every island above it.
        <ui::HydratedMark />
    }
}
