//! The allowance export's month and its sums, for the phone and the server alike.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AllowanceLine, AllowanceTotals, WorkedMonth};

/// A calendar month ("2026-11").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// "2026-11", and nothing else: what the address and the file name carry.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let m = Month {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        m.first_day().map(|_| m)
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Wijk-werken began in 2018: no month before it, none after this one.
    pub fn allowed(self, this_month: Month) -> bool {
        self.year >= 2018 && self <= this_month
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Each worker's line at the organisation's rates, and the totals. The allowance is reckoned on
/// the worker's month (all minutes, then rounded once), so the totals are the sum of the lines
/// and the minutes the sum of the prestaties.
pub fn lines(
    work: Vec<WorkedMonth>,
    cents_per_hour: i64,
    km_rate_cents: i64,
) -> (Vec<AllowanceLine>, AllowanceTotals) {
    let mut totals = AllowanceTotals::default();
    let lines = work
        .into_iter()
        .map(|w| {
            let hours_cents = crate::rules::hours_allowance_cents(w.minutes, cents_per_hour);
            let km_cents = crate::rules::km_allowance_cents(w.km, km_rate_cents);
            totals.workers += 1;
            totals.entries += w.entries;
            totals.minutes += w.minutes;
            totals.km += w.km;
            totals.hours_cents += hours_cents;
            totals.km_cents += km_cents;
            totals.total_cents += hours_cents + km_cents;
            AllowanceLine {
                work: w,
                hours_cents,
                km_cents,
                total_cents: hours_cents + km_cents,
            }
        })
        .collect();
    (lines, totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::WorkerId;

    #[test]
    fn a_month_is_read_as_the_address_writes_it() {
        let nov = Month::parse("2026-11").unwrap();
        assert_eq!(nov.to_string(), "2026-11");
        assert_eq!(nov.next(), Month::parse("2026-12").unwrap());
        assert_eq!(
            Month::parse("2026-01").unwrap().previous().to_string(),
            "2025-12"
        );
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("2026-1"), None);
        assert_eq!(Month::parse("november"), None);
        let this = Month::parse("2026-12").unwrap();
        assert!(nov.allowed(this));
        assert!(!this.next().allowed(this));
        assert!(!Month::parse("2017-12").unwrap().allowed(this));
    }

    #[test]
    fn the_lines_add_up_to_the_totals() {
        let w = |id, minutes, km| WorkedMonth {
            worker_id: WorkerId(id),
            first_name: "A".into(),
            last_name: "B".into(),
            municipality: "Gavere".into(),
            entries: 2,
            minutes,
            km,
        };
        // 2 h 30 at €4.10 = €10.25; 12 km at €0.15 = €1.80. 20 minutes = €1.37 (1.3666…).
        let (lines, totals) = lines(vec![w(1, 150, 12), w(2, 20, 0)], 410, 15);
        assert_eq!(lines[0].hours_cents, 1025);
        assert_eq!(lines[0].km_cents, 180);
        assert_eq!(lines[0].total_cents, 1205);
        assert_eq!(lines[1].total_cents, 137);
        assert_eq!(totals.total_cents, 1205 + 137);
        assert_eq!(totals.minutes, 170);
        assert_eq!(totals.entries, 4);
        assert_eq!(totals.workers, 2);
    }
}
