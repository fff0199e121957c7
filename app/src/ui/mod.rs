//! The screens, one module per role, and the pieces they share.

pub mod activate;
pub mod cheques;
pub mod client;
pub mod coordinator;
pub mod icons;
pub mod layout;
pub mod login;
pub mod paper_cheques;
pub mod privacy;
pub mod second_factor;
pub mod work_form;
pub mod worker;

use leptos::prelude::*;

/// Marks the page as live (`<html data-hydrated>`) once every island above it is hydrated:
/// from here on, buttons work without a page load. Leptos hydrates islands in page order, so
/// this one, last in the body, comes last. People and the browser tests read the mark.
#[island]
pub fn HydratedMark() -> impl IntoView {
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}

/// Go to another page of the app (a full page load: in the browser there is no client-side
/// router, every page is rendered by the server). On the server: a redirect.
pub fn go_to(path: &str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
    #[cfg(not(feature = "ssr"))]
    {
        let _ = window().location().set_href(path);
    }
}

/// The `:id` of the page's route (on the server, which renders every page), parsed.
pub fn path_id<Id: std::str::FromStr>() -> Option<Id> {
    leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
}
