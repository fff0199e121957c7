//! The legal rules of wijk-werken, as pure functions: no database, no clock, no I/O.
//!
//! This module compiles for the browser (to warn before anything is sent) and for the server
//! (which decides). Sources: BVR 29-9-2017; see `shared/DOMAIN.md`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// At most 60 hours of work per calendar month.
pub const MONTH_LIMIT_MINUTES: i64 = 60 * 60;
/// At most 630 hours of work per calendar year.
pub const YEAR_LIMIT_MINUTES: i64 = 630 * 60;
/// A trajectory lasts at most 12 months (not for ex-PWA workers).
pub const TRAJECTORY_MAX_MONTHS: u32 = 12;
/// A clock may be started on the assignment's planned day, or one day before or after (work
/// moved to the next morning, a late evening shift).
pub const START_DAYS_AROUND_PLAN: i64 = 1;
/// A clock that ran longer than this was almost surely forgotten: it is still stopped (nothing
/// is lost) but held for a coordinator ("te controleren") instead of going to the gebruiker.
pub const LONGEST_CLOCK_MINUTES: i64 = 12 * 60;

/// From this many hours in a month the worker is warned that the limit is near.
pub const MONTH_WARNING_MINUTES: i64 = 50 * 60;

/// Should the worker be warned that the month's limit is near?
pub fn month_limit_near(usage: Usage) -> bool {
    usage.month_minutes >= MONTH_WARNING_MINUTES
}

/// Days from `today` until the trajectory's last day (0 on the last day itself); `None` when
/// it has no end (ex-PWA).
pub fn trajectory_days_left(trajectory: Trajectory, today: NaiveDate) -> Option<i64> {
    trajectory
        .last_day()
        .map(|last| (last - today).num_days().max(0))
}

/// A Start tapped by mistake can be cancelled (no prestatie at all) this long after it.
pub const CANCEL_WINDOW_SECONDS: i64 = 5 * 60;

/// May a clock that started at `started_ms` be cancelled at `now_ms` (milliseconds)?
pub fn may_cancel(started_ms: i64, now_ms: i64) -> bool {
    now_ms - started_ms <= CANCEL_WINDOW_SECONDS * 1000
}

/// May a clock start `today` on an assignment planned on `planned`?
pub fn may_start_on(planned: NaiveDate, today: NaiveDate) -> bool {
    (today - planned).num_days().abs() <= START_DAYS_AROUND_PLAN
}

/// Is a clock of `worked_minutes` too long to send to the gebruiker as it is?
pub fn needs_review(worked_minutes: i64) -> bool {
    worked_minutes > LONGEST_CLOCK_MINUTES
}

/// Why a worker may not (or not that much) work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LimitBreach {
    Month { left_minutes: i64 },
    Year { left_minutes: i64 },
    TrajectoryEnded { ended_on: NaiveDate },
    TrajectoryNotStarted { starts_on: NaiveDate },
}

/// What a worker has already worked, for the month and year of the day in question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub month_minutes: i64,
    pub year_minutes: i64,
}

/// A worker's trajectory as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trajectory {
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    /// Had a PWA contract on 30-9-2017: no time limit on the trajectory.
    pub ex_pwa: bool,
}

impl Trajectory {
    /// The last day the worker may work: the planned end, and never later than 12 months after
    /// the start (unless ex-PWA).
    pub fn last_day(&self) -> Option<NaiveDate> {
        if self.ex_pwa {
            return None;
        }
        let legal_end = self
            .start
            .checked_add_months(chrono::Months::new(TRAJECTORY_MAX_MONTHS))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.start);
        Some(self.planned_end.min(legal_end))
    }
}

/// Minutes the worker may still work this month and year, whichever is smaller.
pub fn minutes_left(usage: Usage) -> i64 {
    (MONTH_LIMIT_MINUTES - usage.month_minutes).min(YEAR_LIMIT_MINUTES - usage.year_minutes)
}

/// May the worker start working on `day`?
pub fn may_start(trajectory: Trajectory, usage: Usage, day: NaiveDate) -> Result<(), LimitBreach> {
    check_trajectory(trajectory, day)?;
    check_new_minutes(usage, 1)
}

pub fn check_trajectory(trajectory: Trajectory, day: NaiveDate) -> Result<(), LimitBreach> {
    if day < trajectory.start {
        return Err(LimitBreach::TrajectoryNotStarted {
            starts_on: trajectory.start,
        });
    }
    match trajectory.last_day() {
        Some(last) if day > last => Err(LimitBreach::TrajectoryEnded { ended_on: last }),
        _ => Ok(()),
    }
}

/// Would `minutes` more work stay within the month and year limits?
pub fn check_new_minutes(usage: Usage, minutes: i64) -> Result<(), LimitBreach> {
    let month_left = MONTH_LIMIT_MINUTES - usage.month_minutes;
    if minutes > month_left {
        return Err(LimitBreach::Month {
            left_minutes: month_left.max(0),
        });
    }
    let year_left = YEAR_LIMIT_MINUTES - usage.year_minutes;
    if minutes > year_left {
        return Err(LimitBreach::Year {
            left_minutes: year_left.max(0),
        });
    }
    Ok(())
}

/// Clocked seconds as minutes of work: a started minute counts, and a stopped clock is never
/// less than one minute.
pub fn clocked_minutes(seconds: i64) -> i64 {
    ((seconds.max(0) + 59) / 60).max(1)
}

crate::text_enum! {
    /// How an organisation turns minutes into cheques (an organisation setting).
    #[derive(Default)]
    pub enum ChequeRounding {
        /// One cheque per started hour ("per begonnen uur"): 61 minutes cost 2.
        #[default]
        StartedHour = "started_hour",
        /// One cheque per hour, rounded to the nearest hour, at least one.
        NearestHour = "nearest_hour",
    }
}

/// Cheques a prestatie of `minutes` costs the gebruiker.
pub fn cheques_for(minutes: i64, rounding: ChequeRounding) -> i64 {
    let minutes = minutes.max(0);
    match rounding {
        ChequeRounding::StartedHour => (minutes + 59) / 60,
        ChequeRounding::NearestHour => ((minutes + 30) / 60).max(i64::from(minutes > 0)),
    }
}

/// The first day of the month of `day` and the first day of the next month.
pub fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (first, next)
}

/// The first day of the year of `day` and the first day of the next year.
pub fn year_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
    let next = NaiveDate::from_ymd_opt(day.year() + 1, 1, 1).unwrap_or(day);
    (first, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_limit_allows_exactly_sixty_hours() {
        let usage = Usage {
            month_minutes: 59 * 60,
            year_minutes: 100 * 60,
        };
        assert_eq!(check_new_minutes(usage, 60), Ok(()));
        assert_eq!(
            check_new_minutes(usage, 61),
            Err(LimitBreach::Month { left_minutes: 60 })
        );
    }

    #[test]
    fn year_limit_applies_when_month_has_room() {
        let usage = Usage {
            month_minutes: 0,
            year_minutes: 629 * 60 + 30,
        };
        assert_eq!(
            check_new_minutes(usage, 31),
            Err(LimitBreach::Year { left_minutes: 30 })
        );
        assert_eq!(minutes_left(usage), 30);
    }

    #[test]
    fn trajectory_ends_at_twelve_months_even_if_planned_later() {
        let t = Trajectory {
            start: d(2026, 1, 15),
            planned_end: d(2027, 6, 1),
            ex_pwa: false,
        };
        assert_eq!(t.last_day(), Some(d(2027, 1, 14)));
        assert_eq!(check_trajectory(t, d(2027, 1, 14)), Ok(()));
        assert_eq!(
            check_trajectory(t, d(2027, 1, 15)),
            Err(LimitBreach::TrajectoryEnded {
                ended_on: d(2027, 1, 14)
            })
        );
        assert!(check_trajectory(t, d(2026, 1, 14)).is_err());
    }

    #[test]
    fn ex_pwa_workers_have_no_trajectory_end() {
        let t = Trajectory {
            start: d(2017, 1, 1),
            planned_end: d(2018, 1, 1),
            ex_pwa: true,
        };
        assert_eq!(check_trajectory(t, d(2026, 11, 29)), Ok(()));
    }

    #[test]
    fn one_cheque_per_started_hour() {
        let r = ChequeRounding::StartedHour;
        assert_eq!(cheques_for(1, r), 1);
        assert_eq!(cheques_for(60, r), 1);
        assert_eq!(cheques_for(61, r), 2);
        assert_eq!(cheques_for(0, r), 0);
        let n = ChequeRounding::NearestHour;
        assert_eq!(cheques_for(10, n), 1);
        assert_eq!(cheques_for(89, n), 1);
        assert_eq!(cheques_for(90, n), 2);
    }

    #[test]
    fn clocked_time_counts_started_minutes() {
        assert_eq!(clocked_minutes(0), 1);
        assert_eq!(clocked_minutes(59), 1);
        assert_eq!(clocked_minutes(61), 2);
        assert_eq!(clocked_minutes(3600), 60);
    }

    #[test]
    fn month_and_year_bounds() {
        assert_eq!(
            month_bounds(d(2026, 12, 31)),
            (d(2026, 12, 1), d(2027, 1, 1))
        );
        assert_eq!(year_bounds(d(2026, 2, 3)), (d(2026, 1, 1), d(2027, 1, 1)));
    }

    #[test]
    fn a_clock_starts_on_the_planned_day_give_or_take_one() {
        let planned = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert!(may_start_on(planned, planned));
        assert!(may_start_on(planned, planned.pred_opt().unwrap()));
        assert!(may_start_on(planned, planned.succ_opt().unwrap()));
        assert!(!may_start_on(
            planned,
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
        ));
        assert!(!may_start_on(
            planned,
            NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
        ));
    }

    #[test]
    fn the_month_warning_starts_at_fifty_hours() {
        let at = |h: i64| Usage {
            month_minutes: h * 60,
            year_minutes: h * 60,
        };
        assert!(!month_limit_near(at(49)));
        assert!(month_limit_near(at(50)));
        assert!(month_limit_near(at(60)));
    }

    #[test]
    fn days_left_count_to_the_last_day_and_ex_pwa_has_none() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let trajectory = Trajectory {
            start,
            planned_end: NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
            ex_pwa: false,
        };
        // At most 12 months: the last day is 14 January 2027.
        let today = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(trajectory_days_left(trajectory, today), Some(10));
        let later = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(trajectory_days_left(trajectory, later), Some(0));
        let ex_pwa = Trajectory {
            ex_pwa: true,
            ..trajectory
        };
        assert_eq!(trajectory_days_left(ex_pwa, today), None);
    }

    #[test]
    fn a_mistaken_start_can_be_cancelled_for_five_minutes() {
        assert!(may_cancel(0, 0));
        assert!(may_cancel(0, 5 * 60 * 1000));
        assert!(!may_cancel(0, 5 * 60 * 1000 + 1));
    }

    #[test]
    fn only_clocks_over_twelve_hours_are_held() {
        assert!(!needs_review(12 * 60));
        assert!(needs_review(12 * 60 + 1));
    }
}
