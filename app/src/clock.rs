//! Time as the domain sees it: instants in UTC, days and months in Europe/Brussels.
//!
//! No store or use case reads the wall clock: the request's `now` comes from the [`Clock`] in
//! the server's state (the system clock in production, a clock the test moves by hand in the
//! integration tests) and is handed down with the caller.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, SubsecRound, Utc};

/// Where "now" comes from.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None`: the system clock. `Some`: a fixed instant that only moves when told to.
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { manual: None }
    }

    /// A clock standing still at `at` (tests).
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock {
            manual: Some(Arc::new(Mutex::new(at.trunc_subsecs(0)))),
        }
    }

    /// Now, to the second: stored instants compare the same on both backends.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            None => Utc::now().trunc_subsecs(0),
            Some(at) => *at.lock().unwrap_or_else(|p| p.into_inner()),
        }
    }

    /// Move a manual clock (tests). A system clock cannot be moved.
    pub fn advance(&self, by: chrono::Duration) {
        if let Some(at) = &self.manual {
            let mut at = at.lock().unwrap_or_else(|p| p.into_inner());
            *at += by;
        }
    }

    /// Set a manual clock (tests).
    pub fn set(&self, to: DateTime<Utc>) {
        if let Some(at) = &self.manual {
            *at.lock().unwrap_or_else(|p| p.into_inner()) = to.trunc_subsecs(0);
        }
    }
}

pub use crate::brussels::{from_ms, instant, local_date, local_time};

/// The instants of Brussels midnight at the start of `from` and of `until`: a span of whole
/// days (e.g. `rules::year_bounds`) as the instants the database compares.
pub fn days_span(
    (from, until): (chrono::NaiveDate, chrono::NaiveDate),
) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = chrono::NaiveTime::MIN;
    (instant(from, midnight), instant(until, midnight))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

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

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = "2026-11-30T08:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let clock = Clock::manual(start);
        assert_eq!(clock.now(), start);
        clock.advance(chrono::Duration::minutes(90));
        assert_eq!(clock.now(), start + chrono::Duration::minutes(90));
        let local = instant(
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        );
        assert_eq!(local, start);
    }
}
