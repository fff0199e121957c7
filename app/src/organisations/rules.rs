//! The bounds of an organisation's settings, for the phone and the server alike.

use chrono::{Datelike, NaiveDate};

use crate::error::Field;

/// The cheque prices the decree allows: €5.95 to €7.45 in steps of €0.50 (BVR 29-9-2017,
/// art. 38; shared/DOMAIN.md).
pub const CHEQUE_PRICES: [i64; 4] = [595, 645, 695, 745];

/// An amount in euro as people type it: "4,10", "4.10", "4", "€ 0,15". At most two decimals.
pub fn parse_euros(text: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches('€').trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || whole.len() > 6
    {
        return None;
    }
    let euros: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    Some(euros * 100 + cents)
}

/// "4,10": how an amount is shown in a form field, so that it reads back as itself.
pub fn euros_field(cents: i64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// The settings as entered, checked: each bound in one place, the first field wrong named.
pub fn check(auto_confirm_days: i64, reminder_minutes: i64, close_hours: i64) -> Result<(), Field> {
    if !(1..=30).contains(&auto_confirm_days) {
        return Err(Field::AutoConfirmDays);
    }
    if !(0..=240).contains(&reminder_minutes) {
        return Err(Field::ForgottenReminder);
    }
    if !(1..=12).contains(&close_hours) {
        return Err(Field::ForgottenClose);
    }
    Ok(())
}

/// A new cheque price: one of the four, from a 1 January after this year (the decree: a price
/// decided now applies from 1 January of the next year; a price never changes what was
/// bought), at most two years ahead.
pub fn check_price(price_cents: i64, valid_from: NaiveDate, today: NaiveDate) -> Result<(), Field> {
    if !CHEQUE_PRICES.contains(&price_cents) {
        return Err(Field::ChequePrice);
    }
    if !price_days(today).contains(&valid_from) {
        return Err(Field::PriceFrom);
    }
    Ok(())
}

/// The days a new price may start: 1 January of the next two years.
pub fn price_days(today: NaiveDate) -> Vec<NaiveDate> {
    (1..=2)
        .filter_map(|n| NaiveDate::from_ymd_opt(today.year() + n, 1, 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn amounts_are_read_the_way_people_type_them() {
        assert_eq!(parse_euros("4,10"), Some(410));
        assert_eq!(parse_euros(" 4.1 "), Some(410));
        assert_eq!(parse_euros("€ 0,15"), Some(15));
        assert_eq!(parse_euros("4"), Some(400));
        assert_eq!(parse_euros(",5"), Some(50));
        assert_eq!(parse_euros("4,105"), None);
        assert_eq!(parse_euros("-1"), None);
        assert_eq!(parse_euros("vier"), None);
        assert_eq!(parse_euros(""), None);
        assert_eq!(parse_euros(","), None);
        assert_eq!(parse_euros(&euros_field(410)), Some(410));
        assert_eq!(euros_field(15), "0,15");
    }

    #[test]
    fn settings_stay_within_their_bounds() {
        assert_eq!(check(4, 30, 10), Ok(()));
        assert_eq!(check(0, 30, 10), Err(Field::AutoConfirmDays));
        assert_eq!(check(4, 241, 10), Err(Field::ForgottenReminder));
        assert_eq!(check(4, 30, 13), Err(Field::ForgottenClose));
    }

    #[test]
    fn a_price_is_one_of_four_from_a_next_first_of_january() {
        let today = d(2026, 12, 2);
        assert_eq!(check_price(695, d(2027, 1, 1), today), Ok(()));
        assert_eq!(check_price(695, d(2028, 1, 1), today), Ok(()));
        assert_eq!(
            check_price(700, d(2027, 1, 1), today),
            Err(Field::ChequePrice)
        );
        for not_allowed in [d(2026, 12, 3), d(2027, 2, 1), d(2026, 1, 1), d(2029, 1, 1)] {
            assert_eq!(
                check_price(695, not_allowed, today),
                Err(Field::PriceFrom),
                "{not_allowed}"
            );
        }
        assert_eq!(price_days(today), vec![d(2027, 1, 1), d(2028, 1, 1)]);
    }
}
