//! Wall-clock time in Europe/Brussels, for the phone and the server alike.
//!
//! Belgium follows the EU summer-time rule (since 1996): UTC+2 from the last Sunday of March,
//! 01:00 UTC, until the last Sunday of October, 01:00 UTC; UTC+1 the rest of the year. Written
//! out here (a few lines) rather than shipping a time-zone database to every phone; a test
//! checks it against the IANA database (`chrono-tz`) hour by hour over many years.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// The last Sunday of `month` in `year`.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or(NaiveDate::MIN);
    let last = next.pred_opt().unwrap_or(next);
    let back = last.weekday().num_days_from_sunday();
    last - Duration::days(i64::from(back))
}

/// Summer time runs from this instant (inclusive) to the second (exclusive), in UTC.
fn summer(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    let one = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN);
    (
        last_sunday(year, 3).and_time(one),
        last_sunday(year, 10).and_time(one),
    )
}

/// Hours ahead of UTC at `instant`: 2 in summer, 1 in winter.
pub fn offset_hours(instant: DateTime<Utc>) -> i64 {
    let utc = instant.naive_utc();
    let (from, until) = summer(utc.year());
    if utc >= from && utc < until { 2 } else { 1 }
}

/// The Brussels wall-clock date and time of an instant.
pub fn local(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.naive_utc() + Duration::hours(offset_hours(instant))
}

/// The Brussels calendar day of an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    local(instant).date()
}

/// The Brussels wall-clock time of an instant.
pub fn local_time(instant: DateTime<Utc>) -> NaiveTime {
    local(instant).time()
}

/// The instant of a Brussels day and wall-clock time. In the autumn hour that happens twice
/// the earlier one is taken; a time skipped in spring (02:00–03:00) moves an hour on.
pub fn instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = day.and_time(time);
    // Summer reading first: in the doubled autumn hour it is the earlier instant.
    let as_summer = (naive - Duration::hours(2)).and_utc();
    if offset_hours(as_summer) == 2 {
        return as_summer;
    }
    let as_winter = (naive - Duration::hours(1)).and_utc();
    if offset_hours(as_winter) == 1 {
        return as_winter;
    }
    // Skipped in spring: neither reading holds; the wall clock read an hour later.
    naive.and_utc() - Duration::hours(1)
}

/// Milliseconds since 1970 of a Brussels day and time (the phone's and the rules' unit).
pub fn instant_ms(day: NaiveDate, time: NaiveTime) -> i64 {
    instant(day, time).timestamp_millis()
}

/// The instant of milliseconds since 1970.
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The days summer time starts and ends in `year` (23 and 25 hours long).
pub fn dst_days(year: i32) -> [NaiveDate; 2] {
    [last_sunday(year, 3), last_sunday(year, 10)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        assert_eq!(last_sunday(2026, 3), d(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), d(2026, 10, 25));
        assert_eq!(dst_days(2027), [d(2027, 3, 28), d(2027, 10, 31)]);
        // 01:59 local on 29 March is winter time, 03:00 is summer time.
        assert_eq!(
            instant(d(2026, 3, 29), t(1, 59)).to_rfc3339(),
            "2026-03-29T00:59:00+00:00"
        );
        assert_eq!(
            instant(d(2026, 3, 29), t(3, 0)).to_rfc3339(),
            "2026-03-29T01:00:00+00:00"
        );
        // 02:30 does not exist that night: read as 03:30.
        assert_eq!(
            instant(d(2026, 3, 29), t(2, 30)).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        // 02:30 happens twice on 25 October: the first one (summer time) is taken.
        assert_eq!(
            instant(d(2026, 10, 25), t(2, 30)).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        assert_eq!(
            instant(d(2026, 10, 25), t(3, 0)).to_rfc3339(),
            "2026-10-25T02:00:00+00:00"
        );
    }

    /// Every hour (and the half hours around the changes) of 1997–2060 against the IANA
    /// database: the same offset, the same local day and time, the same instant back.
    #[test]
    fn agrees_with_the_iana_database() {
        use chrono::TimeZone;
        use chrono_tz::Europe::Brussels;
        let mut at = "1997-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let end = "2061-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
        while at < end {
            let theirs = at.with_timezone(&Brussels).naive_local();
            assert_eq!(local(at), theirs, "{at}");
            let back = Brussels
                .from_local_datetime(&theirs)
                .earliest()
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(instant(theirs.date(), theirs.time()), back, "{at}");
            at += Duration::minutes(30);
        }
    }
}
