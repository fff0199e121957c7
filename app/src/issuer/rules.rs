//! The issuer's statement and the paper cheques, as rules that need no database: the plain
//! statement format (README, "The issuer's statement"), its columns chosen at import, each
//! line checked; a paper cheque's number. Compiled for the phone and the server.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which column of the file holds what (0-based); `None`: not in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub date: usize,
    pub client_number: usize,
    pub cheques: usize,
    pub price: usize,
    pub valid_until: Option<usize>,
    pub reference: Option<usize>,
}

/// The plain format's column names, in Dutch, French and English: what `guess` looks for.
const NAMES: [(&str, &[&str]); 6] = [
    (
        "date",
        &[
            "aankoopdatum",
            "datum",
            "date d'achat",
            "date",
            "purchase date",
        ],
    ),
    (
        "client_number",
        &[
            "gebruikersnummer",
            "numéro d'utilisateur",
            "user number",
            "client number",
        ],
    ),
    (
        "cheques",
        &["aantal", "cheques", "nombre", "chèques", "number"],
    ),
    ("price", &["prijs", "prix", "price"]),
    (
        "valid_until",
        &[
            "geldig tot",
            "geldig_tot",
            "valable jusqu'au",
            "valid until",
        ],
    ),
    ("reference", &["referentie", "référence", "reference"]),
];

/// The mapping a header suggests: each field at the first column whose name is one of the
/// plain format's (any case, spaces or underscores); the rest in the plain format's order.
pub fn guess(header: &[String]) -> Mapping {
    let norm = |s: &str| s.trim().to_lowercase().replace('_', " ");
    let find = |field: &str| -> Option<usize> {
        let names = NAMES.iter().find(|(f, _)| *f == field)?.1;
        header
            .iter()
            .position(|h| names.iter().any(|n| norm(n) == norm(h)))
    };
    Mapping {
        date: find("date").unwrap_or(0),
        client_number: find("client_number").unwrap_or(1),
        cheques: find("cheques").unwrap_or(2),
        price: find("price").unwrap_or(3),
        valid_until: find("valid_until"),
        reference: find("reference"),
    }
}

/// One line of a statement, checked: a batch to be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub bought_on: NaiveDate,
    pub client_number: String,
    pub cheques: i64,
    pub price_cents: i64,
    pub valid_until: Option<NaiveDate>,
    pub reference: Option<String>,
}

/// What is wrong with a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineProblem {
    /// The purchase date: not a date, before 2018 or in the future.
    Date,
    /// No gebruikersnummer, or not one of the organisation's gebruikers.
    UnknownClient(String),
    /// Not a number of cheques from 1 to 10 000.
    Cheques,
    /// Not one of the four prices the decree allows.
    Price,
    /// A "valid until" that is not a date after the purchase.
    ValidUntil,
    /// A reference over 100 characters, or one that stands twice in the file.
    Reference,
    /// Fewer columns than the mapping names.
    Columns,
}

/// A day as statements write it: 2026-11-30, 30/11/2026, 30-11-2026, 30.11.2026, or a
/// spreadsheet's day number (days since 30 December 1899).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, format) {
            return Some(d);
        }
    }
    // A spreadsheet's date cell read as a number ("46356" or "46356.0").
    let whole = t.strip_suffix(".0").unwrap_or(t);
    let serial: i64 = whole
        .parse()
        .ok()
        .filter(|n| (20_000..100_000).contains(n))?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(serial))
}

/// Check one row of a statement (`line`: its number in the file) against the mapping; the
/// gebruikersnummer is looked up by the caller.
pub fn check_line(
    line: usize,
    row: &[String],
    m: &Mapping,
    today: NaiveDate,
) -> Result<StatementLine, LineProblem> {
    let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
    // Optional columns left out at the end of a row are empty; the required ones must be there.
    let required = [m.date, m.client_number, m.cheques, m.price];
    if required.iter().any(|i| *i >= row.len()) {
        return Err(LineProblem::Columns);
    }
    let bought_on = parse_date(cell(m.date))
        .filter(|d| d.year() >= 2018 && *d <= today)
        .ok_or(LineProblem::Date)?;
    let client_number = cell(m.client_number).to_string();
    if client_number.is_empty() || client_number.chars().count() > 30 {
        return Err(LineProblem::UnknownClient(client_number));
    }
    let cheques: i64 = cell(m.cheques)
        .strip_suffix(".0")
        .unwrap_or(cell(m.cheques))
        .parse()
        .ok()
        .filter(|n| (1..=10_000).contains(n))
        .ok_or(LineProblem::Cheques)?;
    let price_cents = crate::organisations::rules::parse_euros(cell(m.price))
        .filter(|p| crate::organisations::rules::CHEQUE_PRICES.contains(p))
        .ok_or(LineProblem::Price)?;
    let valid_until = match m.valid_until.map(cell).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(
            parse_date(t)
                .filter(|d| *d > bought_on)
                .ok_or(LineProblem::ValidUntil)?,
        ),
    };
    let reference = match m.reference.map(cell).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) if t.chars().count() > 100 => return Err(LineProblem::Reference),
        Some(t) => Some(t.to_string()),
    };
    Ok(StatementLine {
        line,
        bought_on,
        client_number,
        cheques,
        price_cents,
        valid_until,
        reference,
    })
}

/// A paper cheque's number as it is kept: the letters and digits of what was typed or
/// scanned (spaces and dashes dropped, upper case), 6 to 24 of them.
pub fn cheque_number(text: &str) -> Option<String> {
    let n: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect::<String>()
        .to_uppercase();
    ((6..=24).contains(&n.len()) && n.chars().all(|c| c.is_ascii_alphanumeric())).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_plain_format_is_recognised_in_any_order() {
        let header = row(&[
            "Gebruikersnummer",
            "aantal",
            "Aankoopdatum",
            "prijs",
            "geldig_tot",
        ]);
        let m = guess(&header);
        assert_eq!(
            m,
            Mapping {
                date: 2,
                client_number: 0,
                cheques: 1,
                price: 3,
                valid_until: Some(4),
                reference: None,
            }
        );
    }

    #[test]
    fn a_line_is_checked_field_by_field() {
        let m = guess(&row(&[
            "aankoopdatum",
            "gebruikersnummer",
            "aantal",
            "prijs",
            "referentie",
        ]));
        let today = d(2026, 12, 7);
        let ok = check_line(
            2,
            &row(&["30/11/2026", "G00001", "10", "7,45", "R-1"]),
            &m,
            today,
        );
        assert_eq!(
            ok,
            Ok(StatementLine {
                line: 2,
                bought_on: d(2026, 11, 30),
                client_number: "G00001".into(),
                cheques: 10,
                price_cents: 745,
                valid_until: None,
                reference: Some("R-1".into()),
            })
        );
        let bad = |cells: &[&str]| check_line(3, &row(cells), &m, today).unwrap_err();
        assert_eq!(
            bad(&["31/11/2026", "G00001", "10", "7,45"]),
            LineProblem::Date
        );
        assert_eq!(
            bad(&["2027-01-01", "G00001", "10", "7,45"]),
            LineProblem::Date
        );
        assert_eq!(
            bad(&["2026-11-30", "", "10", "7,45"]),
            LineProblem::UnknownClient(String::new())
        );
        assert_eq!(
            bad(&["2026-11-30", "G00001", "0", "7,45"]),
            LineProblem::Cheques
        );
        assert_eq!(
            bad(&["2026-11-30", "G00001", "tien", "7,45"]),
            LineProblem::Cheques
        );
        assert_eq!(
            bad(&["2026-11-30", "G00001", "10", "7,00"]),
            LineProblem::Price
        );
        assert_eq!(bad(&["2026-11-30", "G00001"]), LineProblem::Columns);
        // A spreadsheet's day number is a day.
        assert_eq!(parse_date("46356"), Some(d(2026, 11, 30)));
        assert_eq!(parse_date("46356.0"), Some(d(2026, 11, 30)));
    }

    #[test]
    fn a_cheque_number_is_its_letters_and_digits() {
        assert_eq!(
            cheque_number(" 1234 5678-90 ").as_deref(),
            Some("1234567890")
        );
        assert_eq!(cheque_number("ab12cd34").as_deref(), Some("AB12CD34"));
        assert_eq!(cheque_number("12345"), None);
        assert_eq!(cheque_number("1234567890123456789012345"), None);
        assert_eq!(cheque_number("1234/5678"), None);
    }
}
