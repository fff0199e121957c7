//! The one catalogue of everything the interface says, Dutch (nl-BE) first and English beside it.
//!
//! Components never hold text: they ask for a [`T`] key (fixed text) or call one of the functions
//! below (text with numbers in it). Adding a language is adding a column here; a missing
//! translation is a compile error, not a blank button.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::rules::LimitBreach;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// The cookie that remembers the chosen language (a preference, not personal data).
pub const LANG_COOKIE: &str = "wijkwerk_lang";

impl Lang {
    /// The value for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The language's name in that language, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }
}

/// The language of this page. On the server: the language cookie (Dutch without one). In the
/// browser: what the server wrote in `<html lang>`, so hydration renders the same words.
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                let cookies = parts
                    .headers
                    .get(axum::http::header::COOKIE)?
                    .to_str()
                    .ok()?;
                cookies.split(';').find_map(|c| {
                    c.trim()
                        .strip_prefix(LANG_COOKIE)?
                        .strip_prefix('=')
                        .and_then(Lang::parse)
                })
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::parse(&code))
            .unwrap_or_default()
    }
}

/// Remember the language and reload the page it was chosen on (a plain form post, so the whole
/// page is rendered anew in that language).
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    crate::error::finish((|| {
        let lang = Lang::parse(&lang).ok_or(AppError::Invalid(crate::error::Field::Form))?;
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        let header = axum::http::HeaderValue::from_str(&cookie)
            .map_err(|e| AppError::unavailable("language cookie", e))?;
        expect_context::<leptos_axum::ResponseOptions>()
            .append_header(axum::http::header::SET_COOKIE, header);
        Ok(())
    })())
}

macro_rules! catalogue {
    ($($key:ident => $nl:literal, $en:literal;)*) => {
        /// A fixed text of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key,)* }

        impl T {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Nl) => $nl, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    AppName => "Wijkwerk", "Wijkwerk";
    Loading => "Even geduld…", "One moment…";
    NotFound => "Deze pagina bestaat niet.", "This page does not exist.";
    ToHome => "Naar de startpagina", "To the start page";
    MainNav => "Hoofdmenu", "Main menu";
    LoginTitle => "Aanmelden", "Log in";
    LoginIntro => "Meld je aan met je e-mailadres en je wachtwoord.", "Log in with your email address and your password.";
    Email => "E-mailadres", "Email address";
    Password => "Wachtwoord", "Password";
    LoginButton => "Aanmelden", "Log in";
    Logout => "Afmelden", "Log out";
    Hello => "Dag", "Hello";
    RoleWorker => "wijk-werker", "neighbourhood worker";
    RoleClient => "gebruiker", "user";
    RoleCoordinator => "bemiddelaar", "coordinator";
    RoleAdmin => "beheerder", "administrator";
    Today => "Vandaag", "Today";
    NoAssignmentsToday => "Je hebt vandaag geen opdracht.", "You have no assignment today.";
    Start => "Start", "Start";
    Stop => "Stop", "Stop";
    WorkingSince => "Je werkt sinds", "Working since";
    TimeWorked => "Gewerkte tijd", "Time worked";
    MyHoursThisMonth => "Jouw uren deze maand", "Your hours this month";
    RecentWork => "Laatst gewerkt", "Recently worked";
    NoRecentWork => "Nog geen uren.", "No hours yet.";
    StatusRunning => "Bezig", "Running";
    StatusSubmitted => "Wacht op bevestiging", "Waiting for confirmation";
    StatusConfirmed => "Bevestigd", "Confirmed";
    StatusDisputed => "Betwist", "Disputed";
    StatusReview => "Te controleren", "To be checked";
    HeldForReview => "Je tijd liep langer dan 12 uur. We hebben alles bewaard. Je bemiddelaar kijkt het na en zet het juist.", "Your time ran for more than 12 hours. Everything is saved. Your coordinator will check it and put it right.";
    Where => "Waar", "Where";
    When => "Wanneer", "When";
    ChequesTitle => "Jouw wijk-werkcheques", "Your wijk-werk cheques";
    ToConfirm => "Te bevestigen", "To confirm";
    NothingToConfirm => "Er is niets te bevestigen.", "There is nothing to confirm.";
    Confirm => "Bevestig", "Confirm";
    Dispute => "Niet akkoord", "Dispute";
    DisputeReason => "Wat klopt er niet?", "What is wrong?";
    SendDispute => "Verstuur", "Send";
    RecentlyDecided => "Bevestigd of betwist", "Confirmed or disputed";
    HoursPerMunicipality => "Uren deze maand per gemeente", "Hours this month per municipality";
    NoWorkers => "Geen wijk-werkers.", "No workers.";
    Worker => "Wijk-werker", "Worker";
    Hours => "Uren", "Hours";
    StopAtLimit => "Stop op je limiet", "Stop at your limit";
    Saved => "Opgeslagen.", "Saved.";
}

/// The language of this page, provided once by the app shell.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Fixed text in the page's language.
pub fn t(key: T) -> &'static str {
    key.text(use_lang())
}

/// "2 u 05 min" / "2 h 05 min": durations the way a timesheet shows them.
pub fn duration(lang: Lang, minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match lang {
        Lang::Nl => format!("{h} u {m:02} min"),
        Lang::En => format!("{h} h {m:02} min"),
    }
}

/// "12 u 30 van 60 uur" for the limit bars.
pub fn hours_of_limit(lang: Lang, used_minutes: i64, limit_minutes: i64) -> String {
    let limit_h = limit_minutes / 60;
    match lang {
        Lang::Nl => format!("{} van {limit_h} uur", duration(lang, used_minutes)),
        Lang::En => format!("{} of {limit_h} hours", duration(lang, used_minutes)),
    }
}

pub fn time_left(lang: Lang, minutes: i64) -> String {
    match lang {
        Lang::Nl => format!("Je mag nog {} werken.", duration(lang, minutes.max(0))),
        Lang::En => format!("You may still work {}.", duration(lang, minutes.max(0))),
    }
}

pub fn cheque_balance(lang: Lang, cheques: i64) -> String {
    match (lang, cheques) {
        (Lang::Nl, 1) => "Je hebt nog 1 cheque.".into(),
        (Lang::Nl, n) => format!("Je hebt nog {n} cheques."),
        (Lang::En, 1) => "You have 1 cheque left.".into(),
        (Lang::En, n) => format!("You have {n} cheques left."),
    }
}

pub fn costs_cheques(lang: Lang, cheques: i64) -> String {
    match (lang, cheques) {
        (Lang::Nl, 1) => "Kost 1 cheque".into(),
        (Lang::Nl, n) => format!("Kost {n} cheques"),
        (Lang::En, 1) => "Costs 1 cheque".into(),
        (Lang::En, n) => format!("Costs {n} cheques"),
    }
}

pub fn worked_by(lang: Lang, worker: &str) -> String {
    match lang {
        Lang::Nl => format!("Gewerkt door {worker}"),
        Lang::En => format!("Worked by {worker}"),
    }
}

pub fn month_total(lang: Lang, minutes: i64, workers: usize) -> String {
    let time = duration(lang, minutes);
    match (lang, workers) {
        (Lang::Nl, 1) => format!("{time} · 1 wijk-werker"),
        (Lang::Nl, n) => format!("{time} · {n} wijk-werkers"),
        (Lang::En, 1) => format!("{time} · 1 worker"),
        (Lang::En, n) => format!("{time} · {n} workers"),
    }
}

/// A date as people write it here: "ma 30/11".
pub fn short_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let names_nl = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    let names_en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = date.weekday().num_days_from_monday() as usize;
    let name = match lang {
        Lang::Nl => names_nl[day],
        Lang::En => names_en[day],
    };
    format!("{name} {}/{}", date.day(), date.month())
}

pub fn month_name(lang: Lang, year: i32, month: u32) -> String {
    let nl = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let en = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Nl => format!("{} {year}", nl[i]),
        Lang::En => format!("{} {year}", en[i]),
    }
}

/// The one place where errors become words for people.
pub fn error_message(lang: Lang, error: &AppError) -> String {
    use AppError as E;
    let nl = lang == Lang::Nl;
    match error {
        E::NotLoggedIn => pick(
            nl,
            "Je bent niet aangemeld. Meld je opnieuw aan.",
            "You are not logged in. Please log in again.",
        ),
        E::WrongLogin => pick(
            nl,
            "Dit e-mailadres of wachtwoord klopt niet. Probeer opnieuw.",
            "This email address or password is not right. Try again.",
        ),
        E::Forbidden => pick(
            nl,
            "Dit mag je niet doen met jouw account.",
            "Your account is not allowed to do this.",
        ),
        E::NotFound => pick(
            nl,
            "Dit bestaat niet (meer), of het is niet van jou.",
            "This does not exist (any more), or it is not yours.",
        ),
        E::Invalid(field) => invalid_message(nl, field),
        E::AlreadyRunning => pick(
            nl,
            "Je bent al aan het werken. Stop eerst de lopende tijd.",
            "You are already working. Stop the running time first.",
        ),
        E::NotRunning => pick(
            nl,
            "Deze tijd is al gestopt. Je uren zijn bewaard.",
            "This time was already stopped. Your hours are saved.",
        ),
        E::AlreadyDecided => pick(
            nl,
            "Deze prestatie is al bevestigd of betwist.",
            "This work was already confirmed or disputed.",
        ),
        E::NotEnoughCheques { balance, needed } => {
            if nl {
                format!(
                    "Je hebt niet genoeg wijk-werkcheques: je hebt er {balance}, je hebt er {needed} nodig. Koop eerst cheques bij."
                )
            } else {
                format!(
                    "You do not have enough cheques: you have {balance}, you need {needed}. Please buy cheques first."
                )
            }
        }
        E::Limit(breach) => limit_message(lang, breach),
        E::NotPlannedToday { planned } => {
            let day = short_date(lang, *planned);
            if nl {
                format!(
                    "Deze opdracht staat op {day}. Je kan ze alleen die dag starten (of een dag ervoor of erna)."
                )
            } else {
                format!(
                    "This assignment is planned on {day}. You can only start it that day (or a day before or after)."
                )
            }
        }
        E::TooManyAttempts { retry_after_secs } => {
            let minutes = (retry_after_secs + 59) / 60;
            if nl {
                if minutes <= 1 {
                    "Te veel pogingen. Wacht een minuut en probeer dan opnieuw.".to_string()
                } else {
                    format!("Te veel pogingen. Wacht {minutes} minuten en probeer dan opnieuw.")
                }
            } else if minutes <= 1 {
                "Too many attempts. Wait a minute, then try again.".to_string()
            } else {
                format!("Too many attempts. Wait {minutes} minutes, then try again.")
            }
        }
        E::Busy => pick(
            nl,
            "Het is nu erg druk. Er is niets veranderd. Probeer het over een minuut opnieuw.",
            "It is very busy right now. Nothing was changed. Please try again in a minute.",
        ),
        E::Unavailable => pick(
            nl,
            "Er ging iets mis bij ons. Er is niets veranderd. Probeer het straks opnieuw.",
            "Something went wrong on our side. Nothing was changed. Please try again later.",
        ),
    }
}

fn pick(nl: bool, dutch: &str, english: &str) -> String {
    if nl { dutch } else { english }.to_string()
}

fn invalid_message(nl: bool, field: &crate::error::Field) -> String {
    use crate::error::Field as F;
    match field {
        F::Email => pick(
            nl,
            "Vul een geldig e-mailadres in.",
            "Enter a valid email address.",
        ),
        F::Password => pick(nl, "Vul je wachtwoord in.", "Enter your password."),
        F::DisputeReason => pick(
            nl,
            "Schrijf kort wat er niet klopt (minstens 3 tekens, hoogstens 500).",
            "Write briefly what is wrong (at least 3 characters, at most 500).",
        ),
        F::Form => pick(
            nl,
            "Er ontbreekt iets in het formulier. Laad de pagina opnieuw en probeer nog eens.",
            "Something is missing in the form. Reload the page and try again.",
        ),
        F::Assignment => pick(
            nl,
            "Deze opdracht kan je nu niet starten.",
            "You cannot start this assignment now.",
        ),
    }
}

pub fn limit_message(lang: Lang, breach: &LimitBreach) -> String {
    let nl = lang == Lang::Nl;
    match breach {
        LimitBreach::Month { left_minutes } if *left_minutes <= 0 => pick(
            nl,
            "Je hebt deze maand al 60 uur gewerkt. Meer mag niet. Volgende maand kan je weer werken.",
            "You have already worked 60 hours this month. More is not allowed. You can work again next month.",
        ),
        LimitBreach::Month { left_minutes } => {
            if nl {
                format!(
                    "Dit is te veel: je mag maximum 60 uur per maand werken. Deze maand mag je nog {} werken.",
                    duration(lang, *left_minutes)
                )
            } else {
                format!(
                    "This is too much: you may work at most 60 hours a month. This month you may still work {}.",
                    duration(lang, *left_minutes)
                )
            }
        }
        LimitBreach::Year { left_minutes } => {
            if nl {
                format!(
                    "Dit is te veel: je mag maximum 630 uur per jaar werken. Dit jaar mag je nog {} werken.",
                    duration(lang, (*left_minutes).max(0))
                )
            } else {
                format!(
                    "This is too much: you may work at most 630 hours a year. This year you may still work {}.",
                    duration(lang, (*left_minutes).max(0))
                )
            }
        }
        LimitBreach::TrajectoryEnded { ended_on } => {
            if nl {
                format!(
                    "Je traject is gestopt op {}. Vraag je bemiddelaar wat je nu kan doen.",
                    ended_on.format("%d/%m/%Y")
                )
            } else {
                format!(
                    "Your trajectory ended on {}. Ask your coordinator what you can do now.",
                    ended_on.format("%d/%m/%Y")
                )
            }
        }
        LimitBreach::TrajectoryNotStarted { starts_on } => {
            if nl {
                format!("Je traject begint pas op {}.", starts_on.format("%d/%m/%Y"))
            } else {
                format!(
                    "Your trajectory only starts on {}.",
                    starts_on.format("%d/%m/%Y")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_timesheet() {
        assert_eq!(duration(Lang::Nl, 0), "0 u 00 min");
        assert_eq!(duration(Lang::Nl, 125), "2 u 05 min");
        assert_eq!(duration(Lang::En, 3600), "60 h 00 min");
        assert_eq!(
            hours_of_limit(Lang::Nl, 750, 3600),
            "12 u 30 min van 60 uur"
        );
    }

    #[test]
    fn the_month_limit_message_says_how_much_is_left() {
        let msg = limit_message(Lang::Nl, &LimitBreach::Month { left_minutes: 90 });
        assert!(msg.contains("1 u 30 min"), "{msg}");
        let full = limit_message(Lang::Nl, &LimitBreach::Month { left_minutes: 0 });
        assert!(full.contains("al 60 uur"), "{full}");
    }

    #[test]
    fn every_fixed_text_has_both_languages() {
        for key in [
            T::AppName,
            T::Start,
            T::Stop,
            T::Confirm,
            T::StatusSubmitted,
        ] {
            assert!(!key.text(Lang::Nl).is_empty());
            assert!(!key.text(Lang::En).is_empty());
        }
        assert_eq!(T::StatusSubmitted.text(Lang::Nl), "Wacht op bevestiging");
    }
}
