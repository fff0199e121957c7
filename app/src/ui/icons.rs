//! A few inline icons. Always shown next to words, never instead of them, so they are hidden
//! from screen readers.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Play,
    Stop,
    Clock,
    Pin,
    Check,
    Cross,
    Logout,
    Ticket,
    Person,
    Pause,
    Phone,
    Home,
    List,
    Edit,
    Plus,
    Back,
}

#[component]
pub fn Svg(icon: Icon) -> impl IntoView {
    let path = match icon {
        Icon::Play => "M8 5v14l11-7z",
        Icon::Stop => "M6 6h12v12H6z",
        Icon::Clock => {
            "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm1-13h-2v6l5 3 1-1.7-4-2.3z"
        }
        Icon::Pin => {
            "M12 2a7 7 0 0 0-7 7c0 5.3 7 13 7 13s7-7.7 7-13a7 7 0 0 0-7-7zm0 9.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5z"
        }
        Icon::Check => "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z",
        Icon::Cross => {
            "M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"
        }
        Icon::Logout => {
            "M10 17l1.4-1.4-2.6-2.6H20v-2H8.8l2.6-2.6L10 7l-5 5zM4 5h8V3H4a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h8v-2H4z"
        }
        Icon::Ticket => {
            "M21 10V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v4a2 2 0 0 1 0 4v4a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-4a2 2 0 0 1 0-4z"
        }
        Icon::Person => {
            "M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0 2c-3.3 0-10 1.7-10 5v3h20v-3c0-3.3-6.7-5-10-5z"
        }
        Icon::Pause => "M6 5h4v14H6zm8 0h4v14h-4z",
        Icon::Phone => {
            "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25c1.1.37 2.3.57 3.6.57a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z"
        }
        Icon::Home => "M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z",
        Icon::List => "M3 13h2v-2H3zm0 4h2v-2H3zm0-8h2V7H3zm4 4h14v-2H7zm0 4h14v-2H7zM7 7v2h14V7z",
        Icon::Edit => {
            "M3 17.25V21h3.75L17.8 9.94l-3.75-3.75zM20.7 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75z"
        }
        Icon::Plus => "M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6z",
        Icon::Back => "M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor" />
        </svg>
    }
}
