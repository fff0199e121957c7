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
            pub const ALL: &'static [T] = &[$(T::$key,)*];
            pub const NAMES: &'static [&'static str] = &[$(stringify!($key),)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Nl) => $nl, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

/// Messages with numbers or names in them. A template names its arguments: `{name}` is
/// replaced by the argument, and `{n, plural, one {…} other {…}}` picks the form that the
/// language's plural rule ([`plural`]) gives for `n`, with `#` for the number itself
/// (ICU MessageFormat, the part of it we need).
macro_rules! messages {
    ($($key:ident => $nl:literal, $en:literal;)*) => {
        /// A message template of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum M { $($key,)* }

        impl M {
            pub const ALL: &'static [M] = &[$(M::$key,)*];
            pub const NAMES: &'static [&'static str] = &[$(stringify!($key),)*];

            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((M::$key, Lang::Nl) => $nl, (M::$key, Lang::En) => $en,)*
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
    LoginTitle => "Aanmelden", "Log in";
    LoginIntro => "Meld je aan met je e-mailadres en je wachtwoord.", "Log in with your email address and your password.";
    Email => "E-mailadres", "Email address";
    Password => "Wachtwoord", "Password";
    LoginButton => "Aanmelden", "Log in";
    Logout => "Afmelden", "Log out";
    Hello => "Dag", "Hello";
    Today => "Vandaag", "Today";
    NoAssignmentsToday => "Je hebt vandaag geen opdracht.", "You have no assignment today.";
    Start => "Start", "Start";
    Stop => "Stop", "Stop";
    CancelStart => "Annuleren", "Cancel";
    OffersTitle => "Nieuwe aanbiedingen", "New offers";
    AcceptOffer => "Aanvaarden", "Accept";
    DeclineOffer => "Weigeren", "Decline";
    SendDecline => "Weiger deze opdracht", "Decline this assignment";
    DeclineReason => "Waarom niet? (mag je leeg laten)", "Why not? (you may leave this empty)";
    OfferAccepted => "Aanvaard. Op de dag zelf staat de opdracht bij Vandaag.", "Accepted. On the day itself the assignment is under Today.";
    CancelStartHint => "Per ongeluk gestart? Annuleer in de eerste 5 minuten.", "Started by mistake? Cancel within the first 5 minutes.";
    WorkingSince => "Je werkt sinds", "Working since";
    TimeWorked => "Gewerkte tijd", "Time worked";
    MyHoursThisMonth => "Jouw uren deze maand", "Your hours this month";
    MyHoursThisYear => "Jouw uren dit jaar", "Your hours this year";
    MonthLimitNear => "Let op: je nadert de 60 uur van deze maand.", "Careful: you are close to this month's 60 hours.";
    NoTrajectoryEnd => "Je traject heeft geen einddatum.", "Your trajectory has no end date.";
    RecentWork => "Laatst gewerkt", "Recently worked";
    NoRecentWork => "Nog geen uren.", "No hours yet.";
    StatusRunning => "Bezig", "Running";
    StatusSubmitted => "Wacht op bevestiging", "Waiting for confirmation";
    StatusConfirmed => "Bevestigd", "Confirmed";
    StatusDisputed => "Betwist", "Disputed";
    StatusReview => "Te controleren", "To be checked";
    HeldForReview => "Je tijd liep langer dan 12 uur. We hebben alles bewaard. Je bemiddelaar kijkt het na en zet het juist.", "Your time ran for more than 12 hours. Everything is saved. Your coordinator will check it and put it right.";
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
    StopAtLimit => "Stop op je limiet", "Stop at your limit";
    // Why a form was refused.
    InvalidEmail => "Vul een geldig e-mailadres in.", "Enter a valid email address.";
    InvalidPassword => "Vul je wachtwoord in.", "Enter your password.";
    InvalidNewPassword => "Kies een wachtwoord van minstens 12 tekens.", "Choose a password of at least 12 characters.";
    InvalidDisputeReason => "Schrijf kort wat er niet klopt (minstens 3 tekens, hoogstens 500).", "Write briefly what is wrong (at least 3 characters, at most 500).";
    InvalidDeclineReason => "Je reden is te lang (hoogstens 500 tekens).", "Your reason is too long (at most 500 characters).";
    InvalidForm => "Er ontbreekt iets in het formulier. Laad de pagina opnieuw en probeer nog eens.", "Something is missing in the form. Reload the page and try again.";
    InvalidAssignment => "Deze opdracht kan je nu niet starten.", "You cannot start this assignment now.";
    // Errors without numbers in them.
    ErrNotLoggedIn => "Je bent niet aangemeld. Meld je opnieuw aan.", "You are not logged in. Please log in again.";
    ErrWrongLogin => "Dit e-mailadres of wachtwoord klopt niet. Probeer opnieuw.", "This email address or password is not right. Try again.";
    ErrForbidden => "Dit mag je niet doen met jouw account.", "Your account is not allowed to do this.";
    ErrNotFound => "Dit bestaat niet (meer), of het is niet van jou.", "This does not exist (any more), or it is not yours.";
    ErrAlreadyRunning => "Je bent al aan het werken. Stop eerst de lopende tijd.", "You are already working. Stop the running time first.";
    ErrNotRunning => "Deze tijd is al gestopt. Je uren zijn bewaard.", "This time was already stopped. Your hours are saved.";
    ErrOfferNotOpen => "Deze aanbieding is niet meer open: ze werd ingetrokken of al beantwoord.", "This offer is no longer open: it was withdrawn or answered already.";
    ErrTooLateToCancel => "Annuleren kan alleen in de eerste 5 minuten. Druk op Stop; je bemiddelaar kan de tijd nog verbeteren.", "You can only cancel in the first 5 minutes. Press Stop; your coordinator can still correct the time.";
    ErrAlreadyDecided => "Deze prestatie is al bevestigd of betwist.", "This work was already confirmed or disputed.";
    ErrBusy => "Het is nu erg druk. Er is niets veranderd. Probeer het over een minuut opnieuw.", "It is very busy right now. Nothing was changed. Please try again in a minute.";
    ErrUnavailable => "Er ging iets mis bij ons. Er is niets veranderd. Probeer het straks opnieuw.", "Something went wrong on our side. Nothing was changed. Please try again later.";
    ErrMonthLimitReached => "Je hebt deze maand al 60 uur gewerkt. Meer mag niet. Volgende maand kan je weer werken.", "You have already worked 60 hours this month. More is not allowed. You can work again next month.";
    // Short day names, Monday first, and month names.
    Mon => "ma", "Mon";
    Tue => "di", "Tue";
    Wed => "wo", "Wed";
    Thu => "do", "Thu";
    Fri => "vr", "Fri";
    Sat => "za", "Sat";
    Sun => "zo", "Sun";
    January => "januari", "January";
    February => "februari", "February";
    March => "maart", "March";
    April => "april", "April";
    May => "mei", "May";
    June => "juni", "June";
    July => "juli", "July";
    August => "augustus", "August";
    September => "september", "September";
    October => "oktober", "October";
    November => "november", "November";
    December => "december", "December";
}

messages! {
    Duration => "{h} u {mm} min", "{h} h {mm} min";
    HoursOfLimit => "{used} van {limit} uur", "{used} of {limit} hours";
    TimeLeft => "Je mag nog {time} werken.", "You may still work {time}.";
    ChequeBalance => "Je hebt nog {n, plural, one {# cheque} other {# cheques}}.", "You have {n, plural, one {# cheque} other {# cheques}} left.";
    CostsCheques => "Kost {n, plural, one {# cheque} other {# cheques}}", "Costs {n, plural, one {# cheque} other {# cheques}}";
    WorkedBy => "Gewerkt door {worker}", "Worked by {worker}";
    MonthTotal => "{time} · {n, plural, one {# wijk-werker} other {# wijk-werkers}}", "{time} · {n, plural, one {# worker} other {# workers}}";
    ShortDate => "{weekday} {day}/{month}", "{weekday} {day}/{month}";
    MonthOfYear => "{month} {year}", "{month} {year}";
    NotEnoughCheques => "Je hebt niet genoeg wijk-werkcheques: je hebt er {balance}, je hebt er {needed} nodig. Koop eerst cheques bij.", "You do not have enough cheques: you have {balance}, you need {needed}. Please buy cheques first.";
    NotPlannedToday => "Deze opdracht staat op {day}. Je kan ze alleen die dag starten (of een dag ervoor of erna).", "This assignment is planned on {day}. You can only start it that day (or a day before or after).";
    TooManyAttempts => "Te veel pogingen. Wacht {minutes, plural, one {een minuut} other {# minuten}} en probeer dan opnieuw.", "Too many attempts. Wait {minutes, plural, one {a minute} other {# minutes}}, then try again.";
    MonthLimitLeft => "Dit is te veel: je mag maximum 60 uur per maand werken. Deze maand mag je nog {time} werken.", "This is too much: you may work at most 60 hours a month. This month you may still work {time}.";
    YearLimitLeft => "Dit is te veel: je mag maximum 630 uur per jaar werken. Dit jaar mag je nog {time} werken.", "This is too much: you may work at most 630 hours a year. This year you may still work {time}.";
    TrajectoryEnded => "Je traject is gestopt op {date}. Vraag je bemiddelaar wat je nu kan doen.", "Your trajectory ended on {date}. Ask your coordinator what you can do now.";
    TrajectoryEndsOn => "Je traject loopt tot {date} (nog {days, plural, one {# dag} other {# dagen}}).", "Your trajectory runs until {date} ({days, plural, one {# day} other {# days}} left).";
    TrajectoryNotStarted => "Je traject begint pas op {date}.", "Your trajectory only starts on {date}.";
}

/// The plural category of `n` in `lang` (CLDR): Dutch and English both say "one" for 1 only.
pub fn plural(lang: Lang, n: i64) -> &'static str {
    match lang {
        Lang::Nl | Lang::En => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// An argument of a message.
#[derive(Clone, Debug)]
pub enum Arg {
    Int(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

/// A message in `lang` with its arguments filled in.
pub fn message(lang: Lang, key: M, args: &[(&str, Arg)]) -> String {
    fill(lang, key.template(lang), args, None)
}

fn find_arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// The index just after the `}` that closes the `{` at `open`.
fn closing(template: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in template[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    template.len()
}

fn fill(lang: Lang, template: &str, args: &[(&str, Arg)], hash: Option<i64>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut i = 0;
    while i < template.len() {
        let rest = &template[i..];
        let c = rest.chars().next().unwrap_or_default();
        if c == '#'
            && let Some(n) = hash
        {
            out.push_str(&n.to_string());
            i += 1;
            continue;
        }
        if c != '{' {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let end = closing(template, i);
        let inner = &template[i + 1..end.saturating_sub(1)];
        let mut parts = inner.splitn(3, ',').map(str::trim);
        let name = parts.next().unwrap_or_default();
        match (parts.next(), parts.next()) {
            (Some("plural"), Some(forms)) => {
                let n = match find_arg(args, name) {
                    Some(Arg::Int(n)) => *n,
                    _ => 0,
                };
                out.push_str(&plural_form(lang, forms, n, args));
            }
            _ => match find_arg(args, name) {
                Some(Arg::Int(n)) => out.push_str(&n.to_string()),
                Some(Arg::Text(t)) => out.push_str(t),
                None => out.push_str(&template[i..end]),
            },
        }
        i = end;
    }
    out
}

/// `one {…} other {…}`: the form for `n`, filled in.
fn plural_form(lang: Lang, forms: &str, n: i64, args: &[(&str, Arg)]) -> String {
    let wanted = plural(lang, n);
    let mut chosen = None;
    let mut other = None;
    let mut i = 0;
    while let Some(open) = forms[i..].find('{').map(|o| o + i) {
        let category = forms[i..open].trim();
        let end = closing(forms, open);
        let body = &forms[open + 1..end.saturating_sub(1)];
        if category == wanted {
            chosen = Some(body);
        }
        if category == "other" {
            other = Some(body);
        }
        i = end;
    }
    fill(lang, chosen.or(other).unwrap_or_default(), args, Some(n))
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
    message(
        lang,
        M::Duration,
        &[("h", h.into()), ("mm", format!("{m:02}").into())],
    )
}

/// "12 u 30 min van 60 uur" for the limit bars.
pub fn hours_of_limit(lang: Lang, used_minutes: i64, limit_minutes: i64) -> String {
    message(
        lang,
        M::HoursOfLimit,
        &[
            ("used", duration(lang, used_minutes).into()),
            ("limit", (limit_minutes / 60).into()),
        ],
    )
}

pub fn time_left(lang: Lang, minutes: i64) -> String {
    message(
        lang,
        M::TimeLeft,
        &[("time", duration(lang, minutes.max(0)).into())],
    )
}

pub fn cheque_balance(lang: Lang, cheques: i64) -> String {
    message(lang, M::ChequeBalance, &[("n", cheques.into())])
}

pub fn costs_cheques(lang: Lang, cheques: i64) -> String {
    message(lang, M::CostsCheques, &[("n", cheques.into())])
}

pub fn worked_by(lang: Lang, worker: &str) -> String {
    message(lang, M::WorkedBy, &[("worker", worker.into())])
}

pub fn month_total(lang: Lang, minutes: i64, workers: usize) -> String {
    message(
        lang,
        M::MonthTotal,
        &[
            ("time", duration(lang, minutes).into()),
            ("n", (workers as i64).into()),
        ],
    )
}

const WEEKDAYS: [T; 7] = [T::Mon, T::Tue, T::Wed, T::Thu, T::Fri, T::Sat, T::Sun];
const MONTHS: [T; 12] = [
    T::January,
    T::February,
    T::March,
    T::April,
    T::May,
    T::June,
    T::July,
    T::August,
    T::September,
    T::October,
    T::November,
    T::December,
];

/// A date as people write it here: "ma 30/11".
pub fn short_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    message(
        lang,
        M::ShortDate,
        &[
            ("weekday", weekday.text(lang).into()),
            ("day", i64::from(date.day()).into()),
            ("month", i64::from(date.month()).into()),
        ],
    )
}

/// "november 2026".
pub fn month_name(lang: Lang, year: i32, month: u32) -> String {
    let name = MONTHS[(month.clamp(1, 12) - 1) as usize];
    message(
        lang,
        M::MonthOfYear,
        &[
            ("month", name.text(lang).into()),
            ("year", i64::from(year).into()),
        ],
    )
}

/// "Je traject loopt tot 14/01/2027 (nog 10 dagen)."
pub fn trajectory_ends(lang: Lang, last_day: chrono::NaiveDate, days_left: i64) -> String {
    message(
        lang,
        M::TrajectoryEndsOn,
        &[
            ("date", long_date(last_day).into()),
            ("days", days_left.into()),
        ],
    )
}

fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The one place where errors become words for people.
pub fn error_message(lang: Lang, error: &AppError) -> String {
    use crate::error::Field as F;
    use AppError as E;
    let fixed = |key: T| key.text(lang).to_string();
    match error {
        E::NotLoggedIn => fixed(T::ErrNotLoggedIn),
        E::WrongLogin => fixed(T::ErrWrongLogin),
        E::Forbidden => fixed(T::ErrForbidden),
        E::NotFound => fixed(T::ErrNotFound),
        E::Invalid(field) => fixed(match field {
            F::Email => T::InvalidEmail,
            F::Password => T::InvalidPassword,
            F::NewPassword => T::InvalidNewPassword,
            F::DisputeReason => T::InvalidDisputeReason,
            F::DeclineReason => T::InvalidDeclineReason,
            F::Form => T::InvalidForm,
            F::Assignment => T::InvalidAssignment,
        }),
        E::AlreadyRunning => fixed(T::ErrAlreadyRunning),
        E::NotRunning => fixed(T::ErrNotRunning),
        E::TooLateToCancel => fixed(T::ErrTooLateToCancel),
        E::OfferNotOpen => fixed(T::ErrOfferNotOpen),
        E::AlreadyDecided => fixed(T::ErrAlreadyDecided),
        E::NotEnoughCheques { balance, needed } => message(
            lang,
            M::NotEnoughCheques,
            &[("balance", (*balance).into()), ("needed", (*needed).into())],
        ),
        E::Limit(breach) => limit_message(lang, breach),
        E::NotPlannedToday { planned } => message(
            lang,
            M::NotPlannedToday,
            &[("day", short_date(lang, *planned).into())],
        ),
        E::TooManyAttempts { retry_after_secs } => message(
            lang,
            M::TooManyAttempts,
            &[("minutes", ((retry_after_secs + 59) / 60).max(1).into())],
        ),
        E::Busy => fixed(T::ErrBusy),
        E::Unavailable => fixed(T::ErrUnavailable),
    }
}

pub fn limit_message(lang: Lang, breach: &LimitBreach) -> String {
    match breach {
        LimitBreach::Month { left_minutes } if *left_minutes <= 0 => {
            T::ErrMonthLimitReached.text(lang).to_string()
        }
        LimitBreach::Month { left_minutes } => message(
            lang,
            M::MonthLimitLeft,
            &[("time", duration(lang, *left_minutes).into())],
        ),
        LimitBreach::Year { left_minutes } => message(
            lang,
            M::YearLimitLeft,
            &[("time", duration(lang, (*left_minutes).max(0)).into())],
        ),
        LimitBreach::TrajectoryEnded { ended_on } => message(
            lang,
            M::TrajectoryEnded,
            &[("date", long_date(*ended_on).into())],
        ),
        LimitBreach::TrajectoryNotStarted { starts_on } => message(
            lang,
            M::TrajectoryNotStarted,
            &[("date", long_date(*starts_on).into())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [Lang; 2] = [Lang::Nl, Lang::En];

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
    fn plurals_come_from_the_catalogue() {
        assert_eq!(cheque_balance(Lang::Nl, 1), "Je hebt nog 1 cheque.");
        assert_eq!(cheque_balance(Lang::Nl, 0), "Je hebt nog 0 cheques.");
        assert_eq!(cheque_balance(Lang::En, 7), "You have 7 cheques left.");
        assert_eq!(month_total(Lang::Nl, 90, 1), "1 u 30 min · 1 wijk-werker");
        assert_eq!(month_total(Lang::En, 60, 3), "1 h 00 min · 3 workers");
        let wait = error_message(
            Lang::Nl,
            &AppError::TooManyAttempts {
                retry_after_secs: 30,
            },
        );
        assert!(wait.contains("Wacht een minuut"), "{wait}");
        let wait = error_message(
            Lang::En,
            &AppError::TooManyAttempts {
                retry_after_secs: 900,
            },
        );
        assert!(wait.contains("Wait 15 minutes"), "{wait}");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(short_date(Lang::Nl, date), "ma 30/11");
        assert_eq!(month_name(Lang::En, 2026, 11), "November 2026");
    }

    #[test]
    fn the_month_limit_message_says_how_much_is_left() {
        let msg = limit_message(Lang::Nl, &LimitBreach::Month { left_minutes: 90 });
        assert!(msg.contains("1 u 30 min"), "{msg}");
        let full = limit_message(Lang::Nl, &LimitBreach::Month { left_minutes: 0 });
        assert!(full.contains("al 60 uur"), "{full}");
    }

    #[test]
    fn every_key_has_every_language_and_every_template_fills() {
        for lang in LANGS {
            for key in T::ALL {
                assert!(!key.text(lang).trim().is_empty(), "{key:?} in {lang:?}");
            }
            for key in M::ALL {
                let template = key.template(lang);
                assert!(!template.trim().is_empty(), "{key:?} in {lang:?}");
                // Braces balance, so every argument and plural form is well formed.
                let opened = template.matches('{').count();
                assert_eq!(opened, template.matches('}').count(), "{key:?} in {lang:?}");
                // Both languages name the same arguments.
                let names = |t: &str| {
                    let mut names: Vec<String> = t
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split(['}', ',']).next())
                        .map(|n| n.trim().to_string())
                        .filter(|n| {
                            n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                                && !n.is_empty()
                        })
                        .collect();
                    names.sort();
                    names.dedup();
                    names
                };
                assert_eq!(names(template), names(key.template(Lang::Nl)), "{key:?}");
            }
        }
        assert_eq!(T::StatusSubmitted.text(Lang::Nl), "Wacht op bevestiging");
    }

    /// Every key is used somewhere outside the catalogue: an unused text is a forgotten
    /// feature or a leftover to remove.
    #[test]
    fn every_key_is_used() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut code = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut code,
        );
        // The catalogue's own helpers use some keys (dates, errors, messages).
        let own = include_str!("i18n.rs");
        let own_code = &own[own.find("pub fn plural(").unwrap()..own.find("#[cfg(test)]").unwrap()];
        code.push_str(own_code);
        let unused: Vec<String> = T::NAMES
            .iter()
            .map(|n| format!("T::{n}"))
            .chain(M::NAMES.iter().map(|n| format!("M::{n}")))
            .filter(|k| {
                !code.match_indices(k.as_str()).any(|(i, _)| {
                    !code[i + k.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                })
            })
            .collect();
        assert!(unused.is_empty(), "keys nobody uses: {unused:?}");
    }
}
