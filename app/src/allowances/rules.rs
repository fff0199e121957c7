//! The allowance export's month and its sums, for the phone and the server alike.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ids::WorkerId;

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

crate::text_enum! {
    /// What the allowance is paid on (a setting with history; DOMAIN.md, "Worker allowance").
    #[derive(Default)]
    pub enum AllowanceBasis {
        /// Per cheque the prestatie earned, one per started hour: 1 h 15 pays twice the rate.
        #[default]
        PerCheque = "per_cheque",
        /// Per minute worked: the rate is per hour, pro rata.
        PerMinute = "per_minute",
    }
}

/// The allowance rates in force from a day on (table `allowance_rates`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Rates {
    pub valid_from: NaiveDate,
    /// Per cheque earned, or per hour (pro rata per minute), by `basis`.
    pub allowance_cents: i64,
    pub basis: AllowanceBasis,
    pub km_rate_cents: i64,
    /// Travel pays only when a prestatie's round trip is longer than this many km.
    pub km_threshold: i64,
}

/// The decree's figures (DOMAIN.md): €4.10 per cheque earned; €0.15 per km over 10 km.
pub const DEFAULT_ALLOWANCE_CENTS: i64 = 410;
pub const DEFAULT_KM_RATE_CENTS: i64 = 15;
pub const DEFAULT_KM_THRESHOLD: i64 = 10;
/// At most €20 (an hour or a cheque) and €1 a km: far above what any organisation pays, low
/// enough to catch a typing mistake (410 euro for 4,10).
pub const MAX_ALLOWANCE_CENTS: i64 = 2000;
pub const MAX_KM_RATE_CENTS: i64 = 100;
/// The threshold is a round trip's km, at most the km one prestatie may have.
pub const MAX_KM_THRESHOLD: i64 = crate::rules::MOST_KM;

impl Rates {
    /// The rates a new organisation starts with, from the first day of wijk-werken.
    pub fn decree() -> Rates {
        Rates {
            valid_from: NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default(),
            allowance_cents: DEFAULT_ALLOWANCE_CENTS,
            basis: AllowanceBasis::PerCheque,
            km_rate_cents: DEFAULT_KM_RATE_CENTS,
            km_threshold: DEFAULT_KM_THRESHOLD,
        }
    }

    /// The km of one prestatie that are paid: all of them when the round trip is longer than
    /// the threshold, none otherwise (10 km pays nothing, 11 km pays 11).
    pub fn paid_km(&self, km: i64) -> i64 {
        if km > self.km_threshold { km.max(0) } else { 0 }
    }

    /// One prestatie's allowance on the per-minute basis: its minutes × the hourly rate ÷ 60,
    /// to the nearest cent (half a cent up). Per prestatie, so each has whole cents and a sum
    /// of prestaties is the sum of their amounts. The export sums the same in SQL.
    pub fn per_minute_cents(&self, minutes: i64) -> i64 {
        (minutes.max(0) * self.allowance_cents + 30) / 60
    }
}

/// Why new rates cannot be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RatesProblem {
    Allowance,
    KmRate,
    KmThreshold,
    /// Not from today on, or more than two years ahead: a month already worked keeps its euros.
    From,
}

/// New rates as entered: each bound in one place, the first field wrong named.
pub fn check_rates(rates: &Rates, today: NaiveDate) -> Result<(), RatesProblem> {
    if !(0..=MAX_ALLOWANCE_CENTS).contains(&rates.allowance_cents) {
        return Err(RatesProblem::Allowance);
    }
    if !(0..=MAX_KM_RATE_CENTS).contains(&rates.km_rate_cents) {
        return Err(RatesProblem::KmRate);
    }
    if !(0..=MAX_KM_THRESHOLD).contains(&rates.km_threshold) {
        return Err(RatesProblem::KmThreshold);
    }
    if rates.valid_from < today || rates.valid_from.year() > today.year() + 2 {
        return Err(RatesProblem::From);
    }
    Ok(())
}

/// The day new rates start unless chosen otherwise: the first day of next month, so a month
/// is paid at one set of rates.
pub fn next_rates_from(today: NaiveDate) -> NaiveDate {
    Month::of(today).next().first_day().unwrap_or(today)
}

/// Prestaties summed under one set of rates, as the database sums them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Sums {
    pub entries: i64,
    pub minutes: i64,
    /// Σ of each prestatie's cheques (`rules::cheques_for`: one per started hour).
    pub cheques: i64,
    /// Σ of the round trips.
    pub km: i64,
    /// Σ of the round trips longer than the threshold (`Rates::paid_km`).
    pub paid_km: i64,
    /// Σ of each prestatie's minutes × the hourly rate ÷ 60, rounded to the cent per
    /// prestatie (`Rates::per_minute_cents`): what the per-minute basis pays.
    pub per_minute_cents: i64,
}

impl Sums {
    fn add(&mut self, other: &Sums) {
        self.entries += other.entries;
        self.minutes += other.minutes;
        self.cheques += other.cheques;
        self.km += other.km;
        self.paid_km += other.paid_km;
        self.per_minute_cents += other.per_minute_cents;
    }

    /// The sums of one prestatie of `minutes` and `km` under `rates`: what the SQL sums.
    pub fn of_entry(minutes: i64, km: i64, rates: &Rates) -> Sums {
        Sums {
            entries: 1,
            minutes,
            cheques: crate::rules::cheques_for(minutes),
            km,
            paid_km: rates.paid_km(km),
            per_minute_cents: rates.per_minute_cents(minutes),
        }
    }
}

/// What a set of prestaties earns: the work part, the travel part, the total, and the sums
/// under each set of rates that was in force on their days (one, unless the rates changed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earned {
    pub sums: Sums,
    pub work_cents: i64,
    pub km_cents: i64,
    pub total_cents: i64,
    pub parts: Vec<(Rates, Sums)>,
}

/// The allowance of prestaties summed per set of rates. Per cheque: the cheques × the rate of
/// their day. Per minute: each prestatie's minutes × the hourly rate of its day ÷ 60, to the
/// cent. Travel: the paid km × the km rate of their day. So a sum of prestaties earns the sum
/// of what each earns: the export, the phone's estimate and a payment run all come from here.
pub fn earned(parts: Vec<(Rates, Sums)>) -> Earned {
    let mut sums = Sums::default();
    let (mut work_cents, mut km_cents) = (0, 0);
    for (rates, s) in &parts {
        sums.add(s);
        work_cents += match rates.basis {
            AllowanceBasis::PerCheque => s.cheques * rates.allowance_cents,
            AllowanceBasis::PerMinute => s.per_minute_cents,
        };
        km_cents += s.paid_km * rates.km_rate_cents;
    }
    Earned {
        sums,
        work_cents,
        km_cents,
        total_cents: work_cents + km_cents,
        parts,
    }
}

/// The periods of [from, until) and the rates in force in each: `history` is every change
/// (any order); the one in force on `from` is the last that started on or before it.
pub fn periods(
    history: &[Rates],
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<(Rates, NaiveDate, NaiveDate)> {
    let mut sorted: Vec<&Rates> = history.iter().collect();
    sorted.sort_by_key(|r| r.valid_from);
    let mut out: Vec<(Rates, NaiveDate, NaiveDate)> = Vec::new();
    for (i, r) in sorted.iter().enumerate() {
        let end = sorted
            .get(i + 1)
            .map_or(until, |next| next.valid_from.min(until));
        let start = r.valid_from.max(from);
        if start < end {
            out.push(((*r).clone(), start, end));
        }
    }
    out
}

/// The rates in force on `day`: the last of `history` (any order) that started on or before it;
/// the decree's before any.
pub fn in_force_on(history: &[Rates], day: NaiveDate) -> Rates {
    history
        .iter()
        .filter(|r| r.valid_from <= day)
        .max_by_key(|r| r.valid_from)
        .cloned()
        .unwrap_or_else(Rates::decree)
}

/// One wijk-werker's line of a month's export: who, and what the month earned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerMonth {
    pub worker_id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub municipality: String,
    pub earned: Earned,
}

/// The totals of a month's lines (and so of its prestaties).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub workers: i64,
    pub sums: Sums,
    pub work_cents: i64,
    pub km_cents: i64,
    pub total_cents: i64,
}

/// The totals of the lines: each figure the sum of the lines' figures.
pub fn totals(lines: &[WorkerMonth]) -> Totals {
    let mut t = Totals::default();
    for l in lines {
        t.workers += 1;
        t.sums.add(&l.earned.sums);
        t.work_cents += l.earned.work_cents;
        t.km_cents += l.earned.km_cents;
        t.total_cents += l.earned.total_cents;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rates(from: NaiveDate, cents: i64, basis: AllowanceBasis) -> Rates {
        Rates {
            valid_from: from,
            allowance_cents: cents,
            basis,
            ..Rates::decree()
        }
    }

    /// One prestatie's allowance under `rates`.
    fn one(minutes: i64, km: i64, rates: &Rates) -> Earned {
        earned(vec![(rates.clone(), Sums::of_entry(minutes, km, rates))])
    }

    #[test]
    fn per_cheque_pays_each_started_hour() {
        let r = Rates::decree();
        // 1 h 15 earns 2 cheques: 2 × €4.10.
        assert_eq!(one(75, 0, &r).work_cents, 820);
        assert_eq!(one(59, 0, &r).work_cents, 410);
        assert_eq!(one(60, 0, &r).work_cents, 410);
        assert_eq!(one(61, 0, &r).work_cents, 820);
    }

    #[test]
    fn per_minute_pays_the_hourly_rate_pro_rata() {
        let r = rates(d(2018, 1, 1), 410, AllowanceBasis::PerMinute);
        // 75 × 410 / 60 = 512.5 → 513; 59 min = 403.17 → 403; 61 min = 416.83 → 417.
        assert_eq!(one(75, 0, &r).work_cents, 513);
        assert_eq!(one(59, 0, &r).work_cents, 403);
        assert_eq!(one(60, 0, &r).work_cents, 410);
        assert_eq!(one(61, 0, &r).work_cents, 417);
    }

    #[test]
    fn travel_pays_only_a_round_trip_over_the_threshold() {
        let r = Rates::decree();
        assert_eq!(one(60, 10, &r).km_cents, 0);
        assert_eq!(one(60, 11, &r).km_cents, 165);
        assert_eq!(one(60, 0, &r).km_cents, 0);
        let lower = Rates {
            km_threshold: 0,
            km_rate_cents: 20,
            ..Rates::decree()
        };
        assert_eq!(one(60, 10, &lower).km_cents, 200);
    }

    #[test]
    fn a_month_is_split_where_the_rates_change() {
        let old = rates(d(2018, 1, 1), 410, AllowanceBasis::PerCheque);
        let new = rates(d(2026, 12, 15), 450, AllowanceBasis::PerCheque);
        let later = rates(d(2027, 3, 1), 500, AllowanceBasis::PerCheque);
        let history = [new.clone(), later, old.clone()];
        let p = periods(&history, d(2026, 12, 1), d(2027, 1, 1));
        assert_eq!(
            p,
            vec![
                (old.clone(), d(2026, 12, 1), d(2026, 12, 15)),
                (new.clone(), d(2026, 12, 15), d(2027, 1, 1)),
            ]
        );
        assert_eq!(periods(&history, d(2026, 11, 1), d(2026, 12, 1)).len(), 1);
        // Two prestaties of 1 h 15: one before the 15th, one after.
        let e = earned(vec![
            (old.clone(), Sums::of_entry(75, 12, &old)),
            (new.clone(), Sums::of_entry(75, 0, &new)),
        ]);
        assert_eq!(e.work_cents, 2 * 410 + 2 * 450);
        assert_eq!(e.km_cents, 12 * 15);
        assert_eq!(e.total_cents, e.work_cents + e.km_cents);
        assert_eq!((e.sums.entries, e.sums.cheques, e.sums.km), (2, 4, 12));
    }

    #[test]
    fn per_minute_is_rounded_per_prestatie_and_adds_up() {
        let r = rates(d(2018, 1, 1), 410, AllowanceBasis::PerMinute);
        // Three prestaties of 20 minutes: 136.67 → €1.37 each, €4.11 together: the month is
        // the sum of its prestaties, as a payment run pays them.
        let twenty = Sums::of_entry(20, 0, &r);
        let mut three = twenty;
        three.add(&twenty);
        three.add(&twenty);
        assert_eq!(earned(vec![(r.clone(), twenty)]).work_cents, 137);
        assert_eq!(earned(vec![(r, three)]).work_cents, 411);
    }

    #[test]
    fn new_rates_are_checked() {
        let today = d(2026, 12, 7);
        let ok = rates(d(2027, 1, 1), 410, AllowanceBasis::PerCheque);
        assert_eq!(check_rates(&ok, today), Ok(()));
        assert_eq!(
            check_rates(
                &Rates {
                    allowance_cents: 2001,
                    ..ok.clone()
                },
                today
            ),
            Err(RatesProblem::Allowance)
        );
        assert_eq!(
            check_rates(
                &Rates {
                    km_rate_cents: 101,
                    ..ok.clone()
                },
                today
            ),
            Err(RatesProblem::KmRate)
        );
        assert_eq!(
            check_rates(
                &Rates {
                    km_threshold: -1,
                    ..ok.clone()
                },
                today
            ),
            Err(RatesProblem::KmThreshold)
        );
        assert_eq!(
            check_rates(
                &Rates {
                    valid_from: d(2026, 12, 6),
                    ..ok.clone()
                },
                today
            ),
            Err(RatesProblem::From)
        );
        assert_eq!(next_rates_from(today), d(2027, 1, 1));
    }

    #[test]
    fn the_totals_are_the_sums_of_the_lines() {
        let r = Rates::decree();
        let line = |id, minutes, km| WorkerMonth {
            worker_id: WorkerId(id),
            first_name: "A".into(),
            last_name: "B".into(),
            municipality: "Gavere".into(),
            earned: earned(vec![(r.clone(), Sums::of_entry(minutes, km, &r))]),
        };
        let lines = [line(1, 150, 12), line(2, 20, 0)];
        let t = totals(&lines);
        // 2 h 30 = 3 cheques = €12.30 + 12 km = €1.80; 20 minutes = 1 cheque = €4.10.
        assert_eq!(lines[0].earned.total_cents, 1230 + 180);
        assert_eq!(t.total_cents, 1230 + 180 + 410);
        assert_eq!((t.workers, t.sums.minutes, t.sums.cheques), (2, 170, 4));
    }
}
