//! Time as the domain sees it: instants in UTC, days and months in Europe/Brussels.

use chrono::{DateTime, NaiveDate, NaiveTime, SubsecRound, Utc};
use chrono_tz::Europe::Brussels;

/// Now, to the second: stored instants compare the same on both backends.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// The Brussels calendar day of an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&Brussels).date_naive()
}

/// The Brussels wall-clock time of an instant.
pub fn local_time(instant: DateTime<Utc>) -> NaiveTime {
    instant.with_timezone(&Brussels).time()
}

pub fn today() -> NaiveDate {
    local_date(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brussels_days_follow_summer_and_winter_time() {
        // 23:30 UTC on 31 March 2026 is already 1 April in Brussels (CEST, UTC+2).
        let spring = "2026-03-31T23:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            local_date(spring),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
        );
        // 22:30 UTC on 30 November is still 30 November (CET, UTC+1).
        let winter = "2026-11-30T22:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            local_date(winter),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
        assert_eq!(
            local_time(winter),
            NaiveTime::from_hms_opt(23, 30, 0).unwrap()
        );
    }
}
