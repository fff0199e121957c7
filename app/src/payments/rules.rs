//! The payment run's rules that need no database: bank account numbers (IBAN and BIC), and
//! which prestaties a month's run pays or takes back. Compiled for the phone and the server.

use serde::{Deserialize, Serialize};

use crate::allowances::rules::{Earned, Rates, Sums};
use crate::ids::{EntryId, WorkerId};

/// A Belgian IBAN as it is kept: "BE" + 2 check digits + 12 digits, no spaces, upper case;
/// `None` when it is not one (wrong length or characters, or the mod-97 check fails). Spaces
/// and lower case as people type them are fine.
pub fn belgian_iban(text: &str) -> Option<String> {
    let iban: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase();
    let digits = iban.strip_prefix("BE")?;
    if digits.len() != 14 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    mod97_ok(&iban).then_some(iban)
}

/// ISO 13616: move the first four characters to the end, letters as numbers (A = 10 … Z = 35),
/// the whole as a number mod 97 must be 1.
fn mod97_ok(iban: &str) -> bool {
    let (head, tail) = iban.split_at(4);
    let mut rest = 0u32;
    for c in tail.chars().chain(head.chars()) {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        for digit in value.to_string().chars() {
            rest = (rest * 10 + digit.to_digit(10).unwrap_or(0)) % 97;
        }
    }
    rest == 1
}

/// A BIC (the bank's code): 8 or 11 letters and digits, the first six letters.
pub fn bic(text: &str) -> Option<String> {
    let bic = text.trim().to_uppercase();
    let ok = matches!(bic.len(), 8 | 11)
        && bic.chars().all(|c| c.is_ascii_alphanumeric())
        && bic.chars().take(6).all(|c| c.is_ascii_alphabetic());
    ok.then_some(bic)
}

/// "BE68 •••• •••• 0414": enough to recognise an account, not enough to use it.
pub fn masked(iban: &str) -> String {
    let n = iban.chars().count();
    if n < 8 {
        return "•".repeat(n);
    }
    let head: String = iban.chars().take(4).collect();
    let tail: String = iban.chars().skip(n - 4).collect();
    format!("{head} •••• •••• {tail}")
}

/// "BE68 5390 0754 7034": an IBAN in groups of four, as it is printed.
pub fn grouped(iban: &str) -> String {
    iban.chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A prestatie as a payment run sees it: as it counts now (`paid`), or as a closed run paid
/// it before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPay {
    pub entry: EntryId,
    pub revision: i64,
    pub worker: WorkerId,
    pub work_date: chrono::NaiveDate,
    pub sums: Sums,
    pub work_cents: i64,
    pub km_cents: i64,
}

impl EntryPay {
    /// One prestatie of `minutes` and `km` under the rates of its day.
    pub fn of(
        (entry, revision, worker): (EntryId, i64, WorkerId),
        work_date: chrono::NaiveDate,
        (minutes, km): (i64, i64),
        rates: &Rates,
    ) -> EntryPay {
        let sums = Sums::of_entry(minutes, km, rates);
        let earned = crate::allowances::rules::earned(vec![(rates.clone(), sums)]);
        EntryPay {
            entry,
            revision,
            worker,
            work_date,
            sums,
            work_cents: earned.work_cents,
            km_cents: earned.km_cents,
        }
    }

    pub fn total_cents(&self) -> i64 {
        self.work_cents + self.km_cents
    }
}

/// What a run does with one prestatie: pay it (+1), or take back what a closed run paid (−1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub pay: EntryPay,
    pub sign: i64,
}

/// The movements of a run: every prestatie that counts now and was not paid as it is
/// (its revision) is paid; every payment of a closed run whose prestatie no longer counts as
/// it was paid (rejected, sent back, corrected into a new revision) is taken back. So each
/// prestatie is paid once per revision, and the runs together pay what counts.
pub fn movements(counting: &[EntryPay], paid_before: &[EntryPay]) -> Vec<Movement> {
    let key = |p: &EntryPay| (p.entry, p.revision);
    let already: std::collections::HashSet<_> = paid_before.iter().map(key).collect();
    let now: std::collections::HashSet<_> = counting.iter().map(key).collect();
    let mut out: Vec<Movement> = paid_before
        .iter()
        .filter(|p| !now.contains(&key(p)))
        .map(|p| Movement {
            pay: p.clone(),
            sign: -1,
        })
        .collect();
    out.extend(
        counting
            .iter()
            .filter(|p| !already.contains(&key(p)))
            .map(|p| Movement {
                pay: p.clone(),
                sign: 1,
            }),
    );
    out.sort_by_key(|m| (m.pay.worker, m.pay.work_date, m.pay.entry, m.sign));
    out
}

/// One worker's line of a run: the sum of their movements.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSums {
    pub entries: i64,
    pub sums: Sums,
    pub work_cents: i64,
    pub km_cents: i64,
    pub total_cents: i64,
}

/// The lines of a run's movements, per worker (a taken-back prestatie counts negative).
pub fn lines(movements: &[Movement]) -> Vec<(WorkerId, LineSums)> {
    let mut out: Vec<(WorkerId, LineSums)> = Vec::new();
    for m in movements {
        let line = match out.iter_mut().find(|(w, _)| *w == m.pay.worker) {
            Some((_, l)) => l,
            None => {
                out.push((m.pay.worker, LineSums::default()));
                &mut out.last_mut().expect("just pushed").1
            }
        };
        let s = m.sign;
        let p = &m.pay.sums;
        line.entries += s;
        line.sums.entries += s * p.entries;
        line.sums.minutes += s * p.minutes;
        line.sums.cheques += s * p.cheques;
        line.sums.km += s * p.km;
        line.sums.paid_km += s * p.paid_km;
        line.work_cents += s * m.pay.work_cents;
        line.km_cents += s * m.pay.km_cents;
        line.total_cents += s * m.pay.total_cents();
    }
    out
}

/// What a run's prestatie earned, as `allowances::rules::earned` would reckon the same alone.
pub fn earned_of(pay: &EntryPay) -> Earned {
    Earned {
        sums: pay.sums,
        work_cents: pay.work_cents,
        km_cents: pay.km_cents,
        total_cents: pay.total_cents(),
        parts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn belgian_ibans_are_checked_by_format_and_mod_97() {
        assert_eq!(
            belgian_iban("BE68 5390 0754 7034").as_deref(),
            Some("BE68539007547034")
        );
        assert_eq!(
            belgian_iban("be68539007547034").as_deref(),
            Some("BE68539007547034")
        );
        // One digit off: the check fails.
        assert_eq!(belgian_iban("BE68 5390 0754 7035"), None);
        assert_eq!(belgian_iban("BE69 5390 0754 7034"), None);
        // Too short, letters, another country.
        assert_eq!(belgian_iban("BE68 5390 0754 703"), None);
        assert_eq!(belgian_iban("BE68 5390 0754 70A4"), None);
        assert_eq!(belgian_iban("NL91 ABNA 0417 1643 00"), None);
        assert_eq!(belgian_iban(""), None);
        assert_eq!(masked("BE68539007547034"), "BE68 •••• •••• 7034");
        assert_eq!(grouped("BE68539007547034"), "BE68 5390 0754 7034");
    }

    #[test]
    fn a_bic_is_eight_or_eleven_characters() {
        assert_eq!(bic("gebabebb").as_deref(), Some("GEBABEBB"));
        assert_eq!(bic("GKCCBEBB").as_deref(), Some("GKCCBEBB"));
        assert_eq!(bic("GKCCBEBBXXX").as_deref(), Some("GKCCBEBBXXX"));
        assert_eq!(bic("GKCCBE"), None);
        assert_eq!(bic("12CCBEBB"), None);
    }

    fn pay(entry: i64, revision: i64, worker: i64, minutes: i64) -> EntryPay {
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        EntryPay::of(
            (EntryId(entry), revision, WorkerId(worker)),
            day,
            (minutes, 0),
            &Rates::decree(),
        )
    }

    #[test]
    fn a_run_pays_what_counts_once_and_takes_back_what_changed() {
        // Paid before: 1 (rev 0), 2 (rev 0), 3 (rev 0). Now 1 counts as it was, 2 was
        // corrected (rev 1, 75 min), 3 was rejected, 4 is new.
        let before = [pay(1, 0, 7, 60), pay(2, 0, 7, 60), pay(3, 0, 8, 120)];
        let now = [pay(1, 0, 7, 60), pay(2, 1, 7, 75), pay(4, 0, 8, 30)];
        let m = movements(&now, &before);
        let seen: Vec<_> = m
            .iter()
            .map(|m| (m.pay.entry.0, m.pay.revision, m.sign))
            .collect();
        assert_eq!(seen, vec![(2, 0, -1), (2, 1, 1), (3, 0, -1), (4, 0, 1)]);
        let l = lines(&m);
        // Worker 7: −1 cheque + 2 cheques = +€4.10. Worker 8: −2 cheques + 1 = −€4.10.
        assert_eq!(l[0], (WorkerId(7), l[0].1.clone()));
        assert_eq!(l[0].1.total_cents, 410);
        assert_eq!(l[1].1.total_cents, -410);
        assert_eq!(l[0].1.sums.cheques, 1);
        // Nothing changed: nothing moves.
        assert!(movements(&before, &before).is_empty());
    }
}
