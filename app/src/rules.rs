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
/// At most 12 hours per prestatie. A clock that ran longer was almost surely forgotten: it is
/// still stopped (nothing is lost) but held for a coordinator ("te controleren") instead of
/// going to the gebruiker; hours entered afterwards cannot be longer.
pub const LONGEST_ENTRY_MINUTES: i64 = 12 * 60;

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
    worked_minutes > LONGEST_ENTRY_MINUTES
}

/// When work on an assignment was planned to end (ms): its planned start plus its planned
/// length; without a planned start, or for a clock started after that, the clock's start plus
/// the planned length.
pub fn planned_end_ms(planned_start_ms: Option<i64>, planned_minutes: i64, started_ms: i64) -> i64 {
    let length = planned_minutes.max(1) * 60_000;
    match planned_start_ms.map(|p| p + length) {
        Some(end) if end > started_ms => end,
        _ => started_ms + length,
    }
}

/// How long a pause may be, and how far back hours may be entered afterwards.
pub const LONGEST_PAUSE_MINUTES: i64 = LONGEST_ENTRY_MINUTES;
/// Kilometres travelled for one prestatie, at most (the database checks the same).
pub const MOST_KM: i64 = 500;
/// A worker changes their own prestatie on the day itself freely; from the next day on the
/// change needs a reason (kept in the audit trail, before and after).
pub fn change_needs_reason(work_date: NaiveDate, today: NaiveDate) -> bool {
    today > work_date
}

/// A prestatie in time, as the rules see it: milliseconds since 1970 (UTC). A running clock
/// has no end yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start_ms: i64,
    pub end_ms: Option<i64>,
}

impl Span {
    /// Do two spans share any moment? Touching ends (one stops at 12:00, the next starts at
    /// 12:00) do not overlap; a running clock lasts until it is stopped.
    pub fn overlaps(&self, other: &Span) -> bool {
        let end = |s: &Span| s.end_ms.unwrap_or(i64::MAX);
        self.start_ms < end(other) && other.start_ms < end(self)
    }
}

/// Why a prestatie, as entered, cannot be right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryProblem {
    /// It ends after now.
    InFuture,
    /// The end is not after the start.
    EndNotAfterStart,
    /// The pause is as long as the work or longer.
    PauseTooLong,
    /// Longer than 12 hours.
    TooLong,
    /// Another prestatie of the worker shares some of this time.
    Overlap { other: Span },
    /// Too few or too many kilometres.
    Km,
}

/// The minutes an entry from `span` with `pause_minutes` of pause counts, if it can be right:
/// not in the future, end after start, the pause inside it, at most 12 hours, and no overlap
/// with any of the worker's `others` (the entry itself not among them).
pub fn check_entry(
    span: Span,
    pause_minutes: i64,
    km: i64,
    now_ms: i64,
    others: &[Span],
) -> Result<i64, EntryProblem> {
    let end_ms = span.end_ms.unwrap_or(span.start_ms);
    if end_ms > now_ms || span.start_ms > now_ms {
        return Err(EntryProblem::InFuture);
    }
    if end_ms <= span.start_ms {
        return Err(EntryProblem::EndNotAfterStart);
    }
    let length = clocked_minutes((end_ms - span.start_ms) / 1000);
    if length > LONGEST_ENTRY_MINUTES {
        return Err(EntryProblem::TooLong);
    }
    if pause_minutes < 0 || pause_minutes >= length {
        return Err(EntryProblem::PauseTooLong);
    }
    if !(0..=MOST_KM).contains(&km) {
        return Err(EntryProblem::Km);
    }
    if let Some(other) = others.iter().find(|o| o.overlaps(&span)) {
        return Err(EntryProblem::Overlap { other: *other });
    }
    Ok(length - pause_minutes)
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
    /// The day a coordinator ended the trajectory (doorstroom): no work after it.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
}

impl Trajectory {
    /// The last day the worker may work: the planned end, and never later than 12 months after
    /// the start (unless ex-PWA).
    pub fn last_day(&self) -> Option<NaiveDate> {
        let planned = (!self.ex_pwa).then(|| self.planned_end.min(self.legal_end()));
        match (planned, self.ended_on) {
            (Some(p), Some(e)) => Some(p.min(e)),
            (p, e) => p.or(e),
        }
    }

    /// The last day 12 months after the start allow (the day before the same date a year on).
    pub fn legal_end(&self) -> NaiveDate {
        self.start
            .checked_add_months(chrono::Months::new(TRAJECTORY_MAX_MONTHS))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.start)
    }

    /// A trajectory as a coordinator records it: the planned end on or after the start, and
    /// within 12 months of it unless the worker is ex-PWA.
    pub fn can_be_planned(&self) -> bool {
        self.planned_end >= self.start && (self.ex_pwa || self.planned_end <= self.legal_end())
    }
}

impl Usage {
    /// The usage of `day`'s month and year without a prestatie of `minutes` on `its_day` (the
    /// one being changed: its old minutes go when the new ones come).
    pub fn without(self, minutes: i64, its_day: NaiveDate, day: NaiveDate) -> Usage {
        let within = |(first, next): (NaiveDate, NaiveDate)| its_day >= first && its_day < next;
        Usage {
            month_minutes: self.month_minutes
                - if within(month_bounds(day)) {
                    minutes
                } else {
                    0
                },
            year_minutes: self.year_minutes - if within(year_bounds(day)) { minutes } else { 0 },
        }
    }
}

/// Whole minutes of pause: those counted so far plus a pause still running at `at_ms` (if it
/// began at `paused_since_ms`), rounded down, in the worker's favour like the started minute of
/// work.
pub fn pause_minutes_at(counted: i64, paused_since_ms: Option<i64>, at_ms: i64) -> i64 {
    counted + paused_since_ms.map_or(0, |since| ((at_ms - since) / 60_000).max(0))
}

/// Minutes the worker may still work this month and year, whichever is smaller.
pub fn minutes_left(usage: Usage) -> i64 {
    (MONTH_LIMIT_MINUTES - usage.month_minutes).min(YEAR_LIMIT_MINUTES - usage.year_minutes)
}

/// A phone number as people write it: digits, spaces and `+ / . -`, at most 30 characters
/// (already trimmed; empty is allowed: no number).
pub fn phone_is_valid(phone: &str) -> bool {
    phone.chars().count() <= 30
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +/.-".contains(c))
}

/// A Belgian address: a street with its number, a four-digit postcode and a city.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub city: String,
}

/// What may be wrong with an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressProblem {
    /// Not four digits.
    Postcode,
    /// A street or city empty or over 200 characters.
    Text,
}

impl Address {
    /// The address as it is kept: trimmed, and checked.
    pub fn checked(&self) -> Result<Address, AddressProblem> {
        let text = |s: &str| {
            let s = s.trim();
            (!s.is_empty() && s.chars().count() <= 200)
                .then(|| s.to_string())
                .ok_or(AddressProblem::Text)
        };
        let postcode = self.postcode.trim();
        if postcode.len() != 4 || !postcode.chars().all(|c| c.is_ascii_digit()) {
            return Err(AddressProblem::Postcode);
        }
        Ok(Address {
            street: text(&self.street)?,
            postcode: postcode.to_string(),
            city: text(&self.city)?,
        })
    }

    /// Nothing filled in (a form's "the gebruiker's own address").
    pub fn is_blank(&self) -> bool {
        [&self.street, &self.postcode, &self.city]
            .iter()
            .all(|s| s.trim().is_empty())
    }

    /// "Kerkstraat 12, 9890 Gavere".
    pub fn line(&self) -> String {
        format!("{}, {} {}", self.street, self.postcode, self.city)
    }
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

/// Cheques a prestatie of `minutes` costs the gebruiker, and earns the wijk-werker: one per
/// started hour ("elk begonnen uur geeft recht op een wijk-werkcheque"; DOMAIN.md). 1 h 15 is
/// 2 cheques. The allowance export sums the same in SQL (`allowances::store::CHEQUES`).
pub fn cheques_for(minutes: i64) -> i64 {
    (minutes.max(0) + 59) / 60
}

/// The cheques a confirmed prestatie waits for: none when the gebruiker's valid cheques cover
/// it (then all `needed` are debited at once), otherwise all of them — a prestatie is paid
/// whole, never in part, so one debit per prestatie stays true.
pub fn cheques_owed(balance: i64, needed: i64) -> i64 {
    if balance >= needed { 0 } else { needed }
}

/// Automatische bevestiging: a prestatie that went to the gebruiker on the Brussels day
/// `submitted_on` and was not answered counts as confirmed from the start of this Brussels day
/// (`days` calendar days later; the organisation's setting, 4 unless changed).
pub fn auto_confirm_on(submitted_on: NaiveDate, days: i64) -> NaiveDate {
    submitted_on + chrono::Days::new(days.clamp(1, 30) as u64)
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
    fn unanswered_prestaties_count_calendar_days() {
        // Handed over on a Friday: four calendar days, weekend included, make Tuesday.
        assert_eq!(auto_confirm_on(d(2026, 11, 27), 4), d(2026, 12, 1));
        // Over the end of the year, and within the bounds the organisation may set.
        assert_eq!(auto_confirm_on(d(2026, 12, 30), 4), d(2027, 1, 3));
        assert_eq!(auto_confirm_on(d(2026, 12, 1), 0), d(2026, 12, 2));
        assert_eq!(auto_confirm_on(d(2026, 12, 1), 99), d(2026, 12, 31));
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
            ended_on: None,
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
            ended_on: None,
        };
        assert_eq!(check_trajectory(t, d(2026, 11, 29)), Ok(()));
    }

    #[test]
    fn one_cheque_per_started_hour() {
        assert_eq!(cheques_for(1), 1);
        assert_eq!(cheques_for(59), 1);
        assert_eq!(cheques_for(60), 1);
        assert_eq!(cheques_for(61), 2);
        assert_eq!(cheques_for(75), 2);
        assert_eq!(cheques_for(0), 0);
    }

    #[test]
    fn a_prestatie_is_paid_whole_or_waits_for_all_its_cheques() {
        assert_eq!(cheques_owed(3, 3), 0);
        assert_eq!(cheques_owed(10, 3), 0);
        assert_eq!(cheques_owed(2, 3), 3);
        assert_eq!(cheques_owed(0, 1), 1);
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
            ended_on: None,
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

    #[test]
    fn an_entry_must_be_past_ordered_short_and_alone() {
        let h = 3_600_000;
        let now = 100 * h;
        let span = |a: i64, b: i64| Span {
            start_ms: a * h,
            end_ms: Some(b * h),
        };
        assert_eq!(check_entry(span(90, 93), 30, 12, now, &[]), Ok(150));
        assert_eq!(
            check_entry(span(99, 101), 0, 0, now, &[]),
            Err(EntryProblem::InFuture)
        );
        assert_eq!(
            check_entry(span(93, 93), 0, 0, now, &[]),
            Err(EntryProblem::EndNotAfterStart)
        );
        assert_eq!(
            check_entry(span(93, 90), 0, 0, now, &[]),
            Err(EntryProblem::EndNotAfterStart)
        );
        assert_eq!(
            check_entry(span(80, 93), 0, 0, now, &[]),
            Err(EntryProblem::TooLong)
        );
        assert_eq!(check_entry(span(88, 100), 0, 0, now, &[]), Ok(720));
        assert_eq!(
            check_entry(span(90, 91), 60, 0, now, &[]),
            Err(EntryProblem::PauseTooLong)
        );
        assert_eq!(
            check_entry(span(90, 91), -1, 0, now, &[]),
            Err(EntryProblem::PauseTooLong)
        );
        assert_eq!(
            check_entry(span(90, 91), 0, 501, now, &[]),
            Err(EntryProblem::Km)
        );
        let other = span(92, 94);
        assert_eq!(
            check_entry(span(90, 93), 0, 0, now, &[other]),
            Err(EntryProblem::Overlap { other })
        );
        // Touching is not overlapping.
        assert_eq!(check_entry(span(90, 92), 0, 0, now, &[other]), Ok(120));
        // A running clock blocks everything after its start.
        let running = Span {
            start_ms: 95 * h,
            end_ms: None,
        };
        assert!(check_entry(span(96, 97), 0, 0, now, &[running]).is_err());
        assert!(check_entry(span(93, 95), 0, 0, now, &[running]).is_ok());
    }

    #[test]
    fn the_planned_end_follows_the_plan_or_the_start() {
        let m = 60_000;
        assert_eq!(planned_end_ms(Some(0), 120, 10 * m), 120 * m);
        // Started after the planned end, or no planned start: the start plus the length.
        assert_eq!(planned_end_ms(Some(0), 120, 200 * m), 320 * m);
        assert_eq!(planned_end_ms(None, 60, 5 * m), 65 * m);
    }

    #[test]
    fn a_changed_prestatie_leaves_only_its_own_month_and_year() {
        let usage = Usage {
            month_minutes: 600,
            year_minutes: 6000,
        };
        let day = d(2026, 12, 10);
        let same_month = usage.without(120, d(2026, 12, 1), day);
        assert_eq!(
            (same_month.month_minutes, same_month.year_minutes),
            (480, 5880)
        );
        let last_month = usage.without(120, d(2026, 11, 30), day);
        assert_eq!(
            (last_month.month_minutes, last_month.year_minutes),
            (600, 5880)
        );
        let last_year = usage.without(120, d(2025, 12, 10), day);
        assert_eq!(last_year, usage);
    }

    #[test]
    fn a_running_pause_counts_in_whole_minutes() {
        assert_eq!(pause_minutes_at(10, None, 0), 10);
        assert_eq!(pause_minutes_at(10, Some(0), 59_999), 10);
        assert_eq!(pause_minutes_at(10, Some(0), 60_000), 11);
        assert_eq!(pause_minutes_at(0, Some(5_000), 0), 0);
    }

    #[test]
    fn a_change_after_the_day_needs_a_reason() {
        assert!(!change_needs_reason(d(2026, 12, 1), d(2026, 12, 1)));
        assert!(change_needs_reason(d(2026, 12, 1), d(2026, 12, 2)));
    }

    mod properties {
        use super::super::*;
        use crate::brussels;
        use chrono::{Duration, NaiveTime};
        use proptest::prelude::*;

        /// One attempted prestatie: a day in a window around a year end and a DST change, a
        /// local start and length, and a pause.
        #[derive(Clone, Debug)]
        struct Attempt {
            day: NaiveDate,
            start_minute: u32,
            length: i64,
            pause: i64,
        }

        fn attempt() -> impl Strategy<Value = Attempt> {
            // 2026-10-20 .. 2027-01-10: the October DST change, three month ends, a year end.
            (0i64..82, 0u32..(24 * 60), 1i64..(13 * 60), 0i64..120).prop_map(
                |(offset, start_minute, length, pause)| Attempt {
                    day: NaiveDate::from_ymd_opt(2026, 10, 20).unwrap() + Duration::days(offset),
                    start_minute,
                    length,
                    pause,
                },
            )
        }

        /// What the server does with an attempt, as pure functions: check the entry, then the
        /// limits of the month and year of its day.
        #[derive(Default)]
        struct Ledger {
            accepted: Vec<(Span, NaiveDate, i64)>,
        }

        impl Ledger {
            fn usage(&self, day: NaiveDate) -> Usage {
                let (m0, m1) = month_bounds(day);
                let (y0, y1) = year_bounds(day);
                let sum = |a: NaiveDate, b: NaiveDate| {
                    self.accepted
                        .iter()
                        .filter(|(_, d, _)| *d >= a && *d < b)
                        .map(|(_, _, m)| m)
                        .sum()
                };
                Usage {
                    month_minutes: sum(m0, m1),
                    year_minutes: sum(y0, y1),
                }
            }

            fn try_add(&mut self, a: &Attempt, now_ms: i64) -> bool {
                let time =
                    NaiveTime::from_hms_opt(a.start_minute / 60, a.start_minute % 60, 0).unwrap();
                let start_ms = brussels::instant_ms(a.day, time);
                let span = Span {
                    start_ms,
                    end_ms: Some(start_ms + a.length * 60_000),
                };
                let others: Vec<Span> = self.accepted.iter().map(|(s, _, _)| *s).collect();
                let Ok(minutes) = check_entry(span, a.pause, 0, now_ms, &others) else {
                    return false;
                };
                // The day that counts is the Brussels day the work started.
                let day = brussels::local_date(brussels::from_ms(start_ms));
                if check_new_minutes(self.usage(day), minutes).is_err() {
                    return false;
                }
                self.accepted.push((span, day, minutes));
                true
            }
        }

        proptest! {
            /// However the entries come, no month passes 60 hours, no year 630, and no two
            /// accepted entries share a moment.
            #[test]
            fn random_entries_never_pass_the_limits_or_overlap(
                attempts in proptest::collection::vec(attempt(), 1..120)
            ) {
                let now_ms = brussels::instant_ms(
                    NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
                    NaiveTime::MIN,
                );
                let mut ledger = Ledger::default();
                for a in &attempts {
                    ledger.try_add(a, now_ms);
                }
                for (_, day, _) in &ledger.accepted {
                    let usage = ledger.usage(*day);
                    prop_assert!(usage.month_minutes <= MONTH_LIMIT_MINUTES);
                    prop_assert!(usage.year_minutes <= YEAR_LIMIT_MINUTES);
                }
                for (i, (a, _, _)) in ledger.accepted.iter().enumerate() {
                    for (b, _, _) in &ledger.accepted[i + 1..] {
                        prop_assert!(!a.overlaps(b), "{a:?} {b:?}");
                    }
                }
            }

            /// An entry that shares any moment with another is always refused, whichever
            /// came first.
            #[test]
            fn overlaps_are_always_refused(
                a_start in 0i64..10_000, a_len in 1i64..720,
                b_start in 0i64..10_000, b_len in 1i64..720,
            ) {
                let m = 60_000;
                let a = Span { start_ms: a_start * m, end_ms: Some((a_start + a_len) * m) };
                let b = Span { start_ms: b_start * m, end_ms: Some((b_start + b_len) * m) };
                let share = a_start < b_start + b_len && b_start < a_start + a_len;
                let now = 20_000 * m;
                prop_assert_eq!(check_entry(b, 0, 0, now, &[a]).is_err(), share);
                prop_assert_eq!(check_entry(a, 0, 0, now, &[b]).is_err(), share);
            }

            /// On the days summer time starts and ends, an entry counts the time that really
            /// passed (an hour less or more than the wall clock says), on the day it started.
            #[test]
            fn dst_days_count_real_time(
                which in 0usize..2, year in 2020i32..2040,
                start_minute in 0u32..(20 * 60), length in 1u32..(4 * 60),
            ) {
                let day = brussels::dst_days(year)[which];
                let end_minute = (start_minute + length).min(24 * 60 - 1);
                prop_assume!(end_minute > start_minute);
                let at = |m: u32| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap();
                let start = brussels::instant_ms(day, at(start_minute));
                let end = brussels::instant_ms(day, at(end_minute));
                let real = (end - start) / 60_000;
                let span = Span { start_ms: start, end_ms: Some(end) };
                let now = start + 48 * 3_600_000;
                match check_entry(span, 0, 0, now, &[]) {
                    Ok(minutes) => prop_assert_eq!(minutes, real),
                    Err(problem) => prop_assert_eq!(problem, EntryProblem::EndNotAfterStart),
                }
                prop_assert_eq!(brussels::local_date(brussels::from_ms(start)), day);
            }
        }
    }

    #[test]
    fn a_trajectory_is_planned_within_twelve_months_unless_ex_pwa() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let t = |end, ex_pwa| Trajectory {
            start: d(2026, 3, 15),
            planned_end: end,
            ex_pwa,
            ended_on: None,
        };
        assert!(
            t(d(2027, 3, 14), false).can_be_planned(),
            "12 months to the day"
        );
        assert!(!t(d(2027, 3, 15), false).can_be_planned(), "one day more");
        assert!(t(d(2029, 1, 1), true).can_be_planned(), "ex-PWA: no limit");
        assert!(
            !t(d(2026, 3, 14), true).can_be_planned(),
            "end before start"
        );
        assert!(t(d(2026, 3, 15), false).can_be_planned(), "one day");
        let ended = |ex_pwa| Trajectory {
            ended_on: Some(d(2026, 6, 1)),
            ..t(d(2027, 3, 14), ex_pwa)
        };
        assert_eq!(ended(false).last_day(), Some(d(2026, 6, 1)));
        assert_eq!(
            ended(true).last_day(),
            Some(d(2026, 6, 1)),
            "ex-PWA ends too"
        );
    }
}
