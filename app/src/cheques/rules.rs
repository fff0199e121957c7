//! The cheque rules that need no database: how long a batch is valid, and which batches pay a
//! prestatie (first in, first out). Compiled for the phone and the server.

use chrono::NaiveDate;

/// The last day a batch of wijk-werkcheques bought on `bought_on` can pay: 12 months later.
pub fn valid_until_for(bought_on: NaiveDate) -> NaiveDate {
    bought_on
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(bought_on)
}

/// An order that extends the validity of cheques (MB 19-4-2021: those issued up to 29-3-2021
/// are valid 15 months): every batch issued up to `issued_up_to` is valid `valid_months` from
/// its issue. A fact of its own, next to the batches, never an edit of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Extension {
    pub issued_up_to: NaiveDate,
    pub valid_months: i64,
}

/// The last day a batch bought on `bought_on` (valid up to `valid_until` by itself) can pay,
/// with the orders: the latest of its own day and each order's that names it. Only ever later:
/// what already expired stays expired (its expiry is a row of the ledger).
pub fn valid_until_with(
    bought_on: NaiveDate,
    valid_until: NaiveDate,
    extensions: &[Extension],
) -> NaiveDate {
    extensions
        .iter()
        .filter(|e| bought_on <= e.issued_up_to)
        .filter_map(|e| {
            let months = u32::try_from(e.valid_months).ok()?;
            bought_on.checked_add_months(chrono::Months::new(months))
        })
        .fold(valid_until, NaiveDate::max)
}

/// A batch of cheques as the first-in-first-out rule sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batch {
    pub id: i64,
    pub bought_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// Cheques not used, expired or reversed.
    pub remaining: i64,
}

impl Batch {
    /// Can it pay on `today`?
    pub fn usable_on(&self, today: NaiveDate) -> bool {
        self.remaining > 0 && self.bought_on <= today && today <= self.valid_until
    }
}

/// The cheques that can pay on `today`.
pub fn usable(batches: &[Batch], today: NaiveDate) -> i64 {
    batches
        .iter()
        .filter(|b| b.usable_on(today))
        .map(|b| b.remaining)
        .sum()
}

/// First in, first out: which batches pay `needed` cheques on `today` (batch id, cheques), the
/// oldest still valid first. `None` when the valid cheques do not cover it: nothing is taken.
pub fn take_oldest_first(
    batches: &[Batch],
    today: NaiveDate,
    needed: i64,
) -> Option<Vec<(i64, i64)>> {
    let mut usable: Vec<&Batch> = batches.iter().filter(|b| b.usable_on(today)).collect();
    usable.sort_by_key(|b| (b.bought_on, b.id));
    let mut left = needed.max(0);
    let mut taken = Vec::new();
    for b in usable {
        if left == 0 {
            break;
        }
        let n = b.remaining.min(left);
        taken.push((b.id, n));
        left -= n;
    }
    (left == 0).then_some(taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cheques_are_taken_oldest_first_and_never_after_their_year() {
        let batch = |id, bought_on: NaiveDate, remaining| Batch {
            id,
            bought_on,
            valid_until: valid_until_for(bought_on),
            remaining,
        };
        assert_eq!(valid_until_for(d(2026, 2, 28)), d(2027, 2, 28));
        assert_eq!(valid_until_for(d(2028, 2, 29)), d(2029, 2, 28));
        // Listed newest first: the order is the rule's, not the caller's.
        let batches = [
            batch(3, d(2026, 11, 1), 5),
            batch(1, d(2025, 12, 1), 2),
            batch(2, d(2026, 3, 1), 1),
        ];
        let today = d(2026, 12, 1);
        assert_eq!(usable(&batches, today), 8);
        assert_eq!(
            take_oldest_first(&batches, today, 4),
            Some(vec![(1, 2), (2, 1), (3, 1)])
        );
        assert_eq!(take_oldest_first(&batches, today, 9), None);
        assert_eq!(take_oldest_first(&batches, today, 0), Some(vec![]));
        // The next day the oldest batch has expired: its two cheques pay nothing.
        let tomorrow = d(2026, 12, 2);
        assert_eq!(usable(&batches, tomorrow), 6);
        assert_eq!(
            take_oldest_first(&batches, tomorrow, 2),
            Some(vec![(2, 1), (3, 1)])
        );
        assert_eq!(take_oldest_first(&batches, tomorrow, 7), None);
    }

    #[test]
    fn an_order_extends_the_batches_issued_up_to_its_day() {
        // MB 19-4-2021: cheques issued up to 29 March 2021 are valid 15 months.
        let order = [Extension {
            issued_up_to: d(2021, 3, 29),
            valid_months: 15,
        }];
        let until = |bought| valid_until_with(bought, valid_until_for(bought), &order);
        assert_eq!(until(d(2021, 1, 10)), d(2022, 4, 10));
        assert_eq!(until(d(2021, 3, 29)), d(2022, 6, 29));
        // Issued the day after: its own 12 months.
        assert_eq!(until(d(2021, 3, 30)), d(2022, 3, 30));
        // Never shorter than its own.
        let short = [Extension {
            issued_up_to: d(2021, 12, 31),
            valid_months: 13,
        }];
        assert_eq!(
            valid_until_with(d(2021, 1, 1), d(2022, 6, 1), &short),
            d(2022, 6, 1)
        );
        // FIFO then takes the extended batch, still valid, before a newer one.
        let old = Batch {
            id: 1,
            bought_on: d(2021, 3, 1),
            valid_until: valid_until_with(d(2021, 3, 1), valid_until_for(d(2021, 3, 1)), &order),
            remaining: 2,
        };
        let new = Batch {
            id: 2,
            bought_on: d(2021, 4, 1),
            valid_until: valid_until_for(d(2021, 4, 1)),
            remaining: 5,
        };
        let day = d(2022, 3, 15);
        assert_eq!(
            take_oldest_first(&[new, old], day, 3),
            Some(vec![(1, 2), (2, 1)])
        );
    }
}
