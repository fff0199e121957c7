//! The status report's rule for the version that leaves the organisation: no figure about
//! people may point at a few of them. A group of fewer than 5 people is shielded, and so is
//! the next smallest group of the same breakdown when only one was, or it could be worked out
//! from the total (secondary suppression, as statistics offices do it). Pure, so it is tested
//! here and the same for the screen and the files.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Below this many people a group is not shown outside the organisation.
pub const SMALLEST_GROUP: i64 = 5;

/// A figure as the report shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    Count(i64),
    /// "Afgeschermd": a small group, or one from which a small group could be worked out.
    Shielded,
}

impl Figure {
    pub fn count(self) -> Option<i64> {
        match self {
            Figure::Count(n) => Some(n),
            Figure::Shielded => None,
        }
    }
}

fn small(n: i64) -> bool {
    (1..SMALLEST_GROUP).contains(&n)
}

/// One number of people.
pub fn figure(people: i64, anonymous: bool) -> Figure {
    if anonymous && small(people) {
        Figure::Shielded
    } else {
        Figure::Count(people)
    }
}

/// Which groups of a breakdown (people per group) are shielded. Inside the organisation, none.
/// Outside: every small group; and when that leaves exactly one shielded, the smallest other
/// group with people too, so the total does not give the small one away.
pub fn shielded(people: &[i64], anonymous: bool) -> Vec<bool> {
    let mut out: Vec<bool> = people.iter().map(|&n| anonymous && small(n)).collect();
    if out.iter().filter(|s| **s).count() == 1 {
        let next = people
            .iter()
            .enumerate()
            .filter(|(i, n)| !out[*i] && **n > 0)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        if let Some(i) = next {
            out[i] = true;
        }
    }
    out
}

/// A breakdown of people as shown.
pub fn breakdown(people: &[i64], anonymous: bool) -> Vec<Figure> {
    shielded(people, anonymous)
        .into_iter()
        .zip(people)
        .map(|(hide, &n)| {
            if hide {
                Figure::Shielded
            } else {
                Figure::Count(n)
            }
        })
        .collect()
}

/// A period of days [from, until) as the report reads it: the whole months inside it from the
/// monthly summaries, the days before and after them from the prestaties themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodParts {
    /// First days of the first whole month and of the month after the last; empty when equal.
    pub months: (NaiveDate, NaiveDate),
    /// The days before the first whole month, and those after the last: [from, until) each.
    pub edges: [(NaiveDate, NaiveDate); 2],
}

pub fn split_by_month(from: NaiveDate, until: NaiveDate) -> PeriodParts {
    let first_whole = if from.day() == 1 {
        from
    } else {
        crate::rules::month_bounds(from).1
    };
    let after_last = crate::rules::month_bounds(until).0;
    if first_whole < after_last {
        PeriodParts {
            months: (first_whole, after_last),
            edges: [(from, first_whole), (after_last, until.max(after_last))],
        }
    } else {
        PeriodParts {
            months: (after_last, after_last),
            edges: [(from, until.max(from)), (until, until)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Figure::*;

    #[test]
    fn inside_the_organisation_every_figure_is_shown() {
        assert_eq!(figure(3, false), Count(3));
        assert_eq!(
            breakdown(&[1, 2, 40], false),
            vec![Count(1), Count(2), Count(40)]
        );
    }

    #[test]
    fn outside_a_group_of_fewer_than_five_is_shielded_and_zero_is_not() {
        assert_eq!(figure(4, true), Shielded);
        assert_eq!(figure(5, true), Count(5));
        assert_eq!(figure(0, true), Count(0));
        assert_eq!(
            breakdown(&[0, 7, 3, 2], true),
            vec![Count(0), Count(7), Shielded, Shielded]
        );
    }

    #[test]
    fn a_single_shielded_group_takes_the_next_smallest_with_it() {
        // 12 = 3 + 9: with the total shown, 3 could be worked out from 9 alone.
        assert_eq!(
            breakdown(&[3, 9, 20, 0], true),
            vec![Shielded, Shielded, Count(20), Count(0)]
        );
        // Nothing else with people: nothing more to shield.
        assert_eq!(
            breakdown(&[2, 0, 0], true),
            vec![Shielded, Count(0), Count(0)]
        );
        assert_eq!(breakdown(&[6, 9], true), vec![Count(6), Count(9)]);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_period_is_whole_months_and_the_days_around_them() {
        // 15 January up to (not with) 10 April: February and March whole.
        let p = split_by_month(day(2026, 1, 15), day(2026, 4, 10));
        assert_eq!(p.months, (day(2026, 2, 1), day(2026, 4, 1)));
        assert_eq!(
            p.edges,
            [
                (day(2026, 1, 15), day(2026, 2, 1)),
                (day(2026, 4, 1), day(2026, 4, 10))
            ]
        );
        // Whole years: no days around them.
        let p = split_by_month(day(2024, 1, 1), day(2026, 12, 1));
        assert_eq!(p.months, (day(2024, 1, 1), day(2026, 12, 1)));
        assert!(p.edges.iter().all(|(a, b)| a == b));
        // Inside one month, or across one border without a whole month: days only.
        for (from, until) in [
            (day(2026, 3, 2), day(2026, 3, 20)),
            (day(2026, 3, 2), day(2026, 4, 20)),
            (day(2026, 12, 31), day(2027, 1, 1)),
        ] {
            let p = split_by_month(from, until);
            assert_eq!(p.months.0, p.months.1, "{from}..{until}");
            assert_eq!(p.edges[0], (from, until));
            assert_eq!(p.edges[1].0, p.edges[1].1);
        }
    }

    #[test]
    fn every_day_of_a_period_is_read_once() {
        // Each day from 2025 to 2027 as a start, with periods up to 70 days long.
        let mut from = day(2025, 12, 1);
        while from < day(2026, 3, 5) {
            for length in 0..70 {
                let until = from + chrono::Days::new(length);
                let p = split_by_month(from, until);
                let mut days = 0;
                let mut d = from;
                while d < until {
                    let in_months = d >= p.months.0 && d < p.months.1;
                    let in_edges = p.edges.iter().filter(|(a, b)| d >= *a && d < *b).count();
                    assert_eq!(in_months as usize + in_edges, 1, "{d} in {from}..{until}");
                    days += 1;
                    d = d.succ_opt().unwrap();
                }
                assert_eq!(days, length);
                // Nothing outside the period is read.
                if p.months.0 < p.months.1 {
                    assert!(from <= p.months.0 && p.months.1 <= until, "{from}..{until}");
                }
                for (a, b) in p.edges {
                    assert!(a >= b || (from <= a && b <= until), "{from}..{until}");
                }
                assert_eq!(p.months.0.day(), 1);
                assert_eq!(p.months.1.day(), 1);
            }
            from = from.succ_opt().unwrap();
        }
    }
}
