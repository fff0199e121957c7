//! The screens, one module per role, and the pieces they share.

pub mod activate;
pub mod client;
pub mod coordinator;
pub mod icons;
pub mod layout;
pub mod login;
pub mod worker;

use leptos::prelude::*;

/// A screen whose code the browser loads only when it opens (`cargo leptos build --split`
/// puts each in its own file): a wijk-werker's phone never downloads the coordinator's
/// screens, and the first visit carries only the frame and the screen at hand. The server
/// renders every screen as before; the page names the files its screen needs, so the phone
/// fetches them beside the main bundle. The worker's screens start with `Worker`: the service
/// worker keeps those for a start without network (`server/src/offline.rs`).
macro_rules! lazy_screen {
    ($($route:ident => $component:path;)*) => {$(
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> AnyView {
                let $route = this;
                $component().into_any()
            }
        }
    )*};
}

lazy_screen! {
    WorkerToday => worker::today::TodayPage;
    WorkerAssignments => worker::assignments::AssignmentsPage;
    WorkerAssignmentDetail => worker::assignments::AssignmentDetailPage;
    WorkerHours => worker::hours::HoursPage;
    WorkerEnterHours => worker::hours::EnterHoursPage;
    WorkerChangeEntry => worker::hours::ChangeEntryPage;
    WorkerProfile => worker::profile::ProfilePage;
    ClientScreen => client::ClientPage;
    CoordinatorScreen => coordinator::CoordinatorPage;
    CoordinatorWorkers => coordinator::workers::WorkersPage;
    CoordinatorNewWorker => coordinator::workers::NewWorkerPage;
    CoordinatorWorkerFile => coordinator::workers::WorkerFilePage;
    ActivateScreen => activate::ActivatePage;
    CoordinatorClients => coordinator::clients::ClientsPage;
    CoordinatorNewClient => coordinator::clients::NewClientPage;
    CoordinatorClientFile => coordinator::clients::ClientFilePage;
    CoordinatorRequest => coordinator::requests::RequestPage;
    CoordinatorRequests => coordinator::requests::RequestsPage;
    CoordinatorWeek => coordinator::week::WeekPage;
    CoordinatorOrganisation => coordinator::organisation::OrganisationPage;
}
