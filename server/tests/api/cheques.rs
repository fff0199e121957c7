//! The cheque wallet: purchases recorded by the bemiddelaar in dated batches, payments first in,
//! first out, expiry after a year, prestaties that waited for cheques paid by the next purchase,
//! and a purchase undone by a reversing row. The property test at the end holds the ledger to
//! an independent model through random histories.

use app::cheques::{BatchLine, LedgerReason, Purchased, Wallet};
use app::error::{AppError, Field};
use app::ids::{BatchId, ClientId, EntryId};
use app::reports::ChequeYear;
use app::time_entries::Confirmed;
use chrono::{Duration, NaiveDate};

use crate::clock::clock_minutes;
use crate::confirm::buy;
use crate::harness::{Rng, TestApp, User};

fn today(app: &TestApp) -> NaiveDate {
    app::clock::local_date(app.clock.now())
}

pub async fn purchase(
    sofie: &User,
    client: ClientId,
    cheques: i64,
    paid_on: NaiveDate,
) -> Result<Purchased, (u16, AppError)> {
    sofie
        .call(
            "record_purchase",
            &[
                ("client_id", &client.to_string()),
                ("cheques", &cheques.to_string()),
                ("paid_on", &paid_on.to_string()),
            ],
        )
        .await
}

async fn undo(sofie: &User, client: ClientId, batch: BatchId) -> Result<(), (u16, AppError)> {
    sofie
        .call(
            "undo_purchase",
            &[
                ("client_id", &client.to_string()),
                ("batch_id", &batch.to_string()),
            ],
        )
        .await
}

async fn wallet(sofie: &User, client: ClientId) -> Wallet {
    sofie
        .call("client_cheques", &[("client_id", &client.to_string())])
        .await
        .unwrap()
}

async fn cheque_year(user: &User) -> ChequeYear {
    user.call("cheque_year", &[]).await.unwrap()
}

/// Per municipality whose figures differ: (bought, used, expired) after minus before.
fn changes(before: &ChequeYear, after: &ChequeYear) -> Vec<(String, (i64, i64, i64))> {
    let of = |y: &ChequeYear, name: &str| {
        y.municipalities
            .iter()
            .find(|m| m.municipality == name)
            .map(|m| (m.bought, m.used, m.expired))
            .unwrap_or_default()
    };
    let mut names: Vec<&str> = before
        .municipalities
        .iter()
        .chain(&after.municipalities)
        .map(|m| m.municipality.as_str())
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|n| {
            let (b, a) = (of(before, n), of(after, n));
            (a != b).then(|| (n.to_string(), (a.0 - b.0, a.1 - b.1, a.2 - b.2)))
        })
        .collect()
}

fn batch(w: &Wallet, id: BatchId) -> &BatchLine {
    w.batches.iter().find(|b| b.id == id).unwrap()
}

async fn confirm(user: &User, entry: EntryId) -> Result<Confirmed, (u16, AppError)> {
    user.call("confirm_entry", &[("entry_id", &entry.to_string())])
        .await
}

pub async fn a_purchase_is_dated_priced_and_paid_from_oldest_first(app: &TestApp) {
    let roger_id = app.a.clients["roger"];
    let sofie = app.login("sofie@a.test").await;
    let before = wallet(&sofie, roger_id).await;
    // The demo: one cheque left of a purchase a month ago.
    assert_eq!(before.balance, 1);
    assert_eq!(before.batches.len(), 1);
    let old = before.batches[0].id;

    // Refused, and nothing changes: no cheques, too many, paid tomorrow, paid over a year ago.
    let day = today(app);
    let year_ago = day.checked_sub_months(chrono::Months::new(12)).unwrap();
    for (cheques, paid_on, field) in [
        (0, day, Field::Cheques),
        (1001, day, Field::Cheques),
        (3, day + Duration::days(1), Field::PaidOn),
        (3, year_ago, Field::PaidOn),
    ] {
        let refused = purchase(&sofie, roger_id, cheques, paid_on).await;
        assert_eq!(refused.unwrap_err(), (422, AppError::Invalid(field)));
    }
    assert_eq!(wallet(&sofie, roger_id).await, before);

    // Three cheques paid yesterday, at the organisation's price, valid 12 months.
    let bought = purchase(&sofie, roger_id, 3, day - Duration::days(1))
        .await
        .unwrap();
    assert_eq!((bought.settled, bought.balance), (0, 4));
    let after = wallet(&sofie, roger_id).await;
    let new = batch(&after, bought.batch_id);
    assert_eq!(new.bought_on, day - Duration::days(1));
    assert_eq!(
        new.valid_until,
        NaiveDate::from_ymd_opt(2027, 11, 30).unwrap()
    );
    assert_eq!(new.price_cents, after.price_cents);
    assert_eq!((new.cheques, new.remaining), (3, 3));
    assert_eq!(after.history[0].reason, LedgerReason::Purchase);
    assert_eq!(after.history[0].change, 3);

    // Two hours cost two cheques: the last one of the old batch first, then one of the new.
    let kevin = app.login("kevin@a.test").await;
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 120).await;
    let roger = app.login("roger@a.test").await;
    let paid_at_once = Confirmed {
        balance: 2,
        cheques_owed: 0,
    };
    assert_eq!(confirm(&roger, entry).await.unwrap(), paid_at_once);
    let paid = wallet(&sofie, roger_id).await;
    assert_eq!(batch(&paid, old).remaining, 0);
    assert_eq!(batch(&paid, bought.batch_id).remaining, 2);
    assert_eq!(paid.history[0].reason, LedgerReason::EntryPayment);
    assert_eq!(paid.history[0].time_entry_id, Some(entry));
    assert_eq!(paid.history[0].change, -2);
    // The gebruiker sees the same wallet as the bemiddelaar.
    let own: Wallet = roger.call("my_cheques", &[]).await.unwrap();
    assert_eq!(own, paid);

    // Only the own organisation's bemiddelaar records purchases.
    let sofie_b = app.login("sofie@b.test").await;
    assert_eq!(
        purchase(&sofie_b, roger_id, 3, day).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    for who in ["roger@a.test", "kevin@a.test"] {
        let user = app.login(who).await;
        assert_eq!(
            purchase(&user, roger_id, 3, day).await.unwrap_err(),
            (403, AppError::Forbidden)
        );
    }
    assert_eq!(app.balance(roger_id).await, 2);
    assert_eq!(
        sofie_b
            .call::<Wallet>("client_cheques", &[("client_id", &roger_id.to_string())])
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
}

pub async fn a_purchase_recorded_by_mistake_is_undone_by_a_reversing_row(app: &TestApp) {
    let roger_id = app.a.clients["roger"];
    let sofie = app.login("sofie@a.test").await;
    let mistake = purchase(&sofie, roger_id, 50, today(app)).await.unwrap();
    assert_eq!(mistake.balance, 51);
    undo(&sofie, roger_id, mistake.batch_id).await.unwrap();
    let w = wallet(&sofie, roger_id).await;
    assert_eq!(w.balance, 1);
    assert_eq!(batch(&w, mistake.batch_id).reversed, 50);
    assert_eq!(w.history[0].reason, LedgerReason::Reversal);
    assert_eq!(w.history[0].change, -50);
    // Once; and never a purchase some of whose cheques were used.
    assert_eq!(
        undo(&sofie, roger_id, mistake.batch_id).await.unwrap_err(),
        (409, AppError::PurchaseUsed)
    );
    let demo_batch = w.batches[0].id;
    let kevin = app.login("kevin@a.test").await;
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 60).await;
    let roger = app.login("roger@a.test").await;
    confirm(&roger, entry).await.unwrap();
    assert_eq!(
        undo(&sofie, roger_id, demo_batch).await.unwrap_err(),
        (409, AppError::PurchaseUsed)
    );
    // Another gebruiker's batch is not found through this one.
    let maria_batch = wallet(&sofie, app.a.clients["maria"]).await.batches[0].id;
    assert_eq!(
        undo(&sofie, roger_id, maria_batch).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    assert_eq!(app.balance(roger_id).await, 0);
}

pub async fn cheques_expire_after_their_year_and_never_pay(app: &TestApp) {
    let roger_id = app.a.clients["roger"];
    let sofie = app.login("sofie@a.test").await;
    // Two cheques bought almost a year ago (their last day is the day after tomorrow), and the
    // demo's one of a month ago.
    let paid_on = today(app) - Duration::days(363);
    let old = purchase(&sofie, roger_id, 2, paid_on).await.unwrap();
    assert_eq!(
        batch(&wallet(&sofie, roger_id).await, old.batch_id).valid_until,
        today(app) + Duration::days(2)
    );
    let kevin = app.login("kevin@a.test").await;
    let entry = clock_minutes(app, &kevin, app.a.assignments.kevin_roger_today, 120).await;
    let job = app::cheques::service::expire_all;

    // Their last day: they still pay, and nothing expires.
    app.advance(Duration::days(2));
    assert_eq!(job(&app.db, app.clock.now()).await.unwrap(), 0);
    // The day after: Roger's three cheques are one that can pay; two hours are confirmed and
    // wait for cheques, and nothing is taken.
    app.advance(Duration::days(1));
    let sofie = app.login("sofie@a.test").await;
    let before = cheque_year(&sofie).await;
    let sofie_b = app.login("sofie@b.test").await;
    let b_before = cheque_year(&sofie_b).await;
    let roger = app.login("roger@a.test").await;
    let waits = Confirmed {
        balance: 1,
        cheques_owed: 2,
    };
    assert_eq!(confirm(&roger, entry).await.unwrap(), waits);
    assert_eq!(app.payments(entry).await, 0);
    // That confirmation found them out of date and wrote their expiry: the job, in two
    // processes at once and then again, finds nothing more to expire.
    let other = app::db::Db::connect(&app.database_url).await.unwrap();
    let now = app.clock.now();
    let (a, b) = tokio::join!(job(&app.db, now), job(&other, now));
    assert_eq!(a.unwrap() + b.unwrap(), 0);
    assert_eq!(job(&app.db, now).await.unwrap(), 0);
    other.close().await;
    // The bemiddelaar's figures of the year: two expired in Roger's municipality, nothing else
    // changed.
    let after = cheque_year(&sofie).await;
    let changed = changes(&before, &after);
    assert_eq!(changed.len(), 1, "{before:?} → {after:?}");
    let roger_town = changed[0].0.clone();
    assert_eq!(changed[0].1, (0, 0, 2));
    let w = wallet(&sofie, roger_id).await;
    assert_eq!(w.balance, 1, "the balance is what can pay");
    let expired = batch(&w, old.batch_id);
    assert_eq!((expired.expired, expired.remaining), (2, 0));
    assert_eq!(w.history[0].reason, LedgerReason::Expired);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM cheque_ledger WHERE reason = 'expired' AND batch_id = $1",
            old.batch_id.0
        )
        .await,
        1
    );
    // A new cheque, and the two hours are paid by the valid ones only.
    buy(app, roger_id, 1).await;
    assert_eq!(app.payments(entry).await, 1);
    let later = cheque_year(&sofie).await;
    assert_eq!(changes(&after, &later), vec![(roger_town, (1, 2, 0))]);
    // Another organisation's figures did not move; a worker gets no figures at all.
    let b_after = cheque_year(&sofie_b).await;
    assert!(!b_after.municipalities.is_empty());
    assert_eq!(changes(&b_before, &b_after), vec![]);
    let kevin_asks = kevin.call::<ChequeYear>("cheque_year", &[]).await;
    assert_eq!(kevin_asks.unwrap_err(), (403, AppError::Forbidden));
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM cheque_use WHERE batch_id = $1",
            old.batch_id.0
        )
        .await,
        0,
        "expired cheques never pay"
    );
    assert_eq!(app.balance(roger_id).await, 0);

    // Nobody pays with Maria's oldest batch: the job alone expires it, in two processes at
    // once, exactly once.
    let maria_id = app.a.clients["maria"];
    let paid_on = today(app) - Duration::days(364);
    let unused = purchase(&sofie, maria_id, 4, paid_on).await.unwrap();
    app.advance(Duration::days(3));
    let other = app::db::Db::connect(&app.database_url).await.unwrap();
    let now = app.clock.now();
    let (a, b) = tokio::join!(job(&app.db, now), job(&other, now));
    other.close().await;
    assert_eq!(a.unwrap() + b.unwrap(), 4);
    assert_eq!(job(&app.db, now).await.unwrap(), 0);
    let expired_rows =
        "SELECT COUNT(*) FROM cheque_ledger WHERE reason = 'expired' AND batch_id = $1";
    assert_eq!(app.scalar(expired_rows, unused.batch_id.0).await, 1);
}

pub async fn a_purchase_pays_what_waited_for_cheques_longest_first(app: &TestApp) {
    let roger_id = app.a.clients["roger"];
    let kevin = app.login("kevin@a.test").await;
    let assignment = app.a.assignments.kevin_roger_today;
    // Two prestaties nobody answered, of two and three hours; Roger has one cheque.
    let first = clock_minutes(app, &kevin, assignment, 120).await;
    let second = clock_minutes(app, &kevin, assignment, 180).await;
    app.advance(Duration::days(5));
    app::time_entries::service::confirm_unanswered(&app.db, app.clock.now())
        .await
        .unwrap();
    let owed = |entry: EntryId| async move {
        app.scalar("SELECT cheques_owed FROM time_entry WHERE id = $1", entry.0)
            .await
    };
    assert_eq!((owed(first).await, owed(second).await), (2, 3));

    // Three cheques: 1 + 3 pay the first (2), not the second (3): the order is kept.
    let bought = buy(app, roger_id, 3).await;
    assert_eq!((bought.settled, bought.balance), (1, 2));
    assert_eq!((owed(first).await, owed(second).await), (0, 3));
    assert_eq!(app.payments(first).await, 1);
    assert_eq!(app.payments(second).await, 0);
    // One more pays the second.
    let bought = buy(app, roger_id, 1).await;
    assert_eq!((bought.settled, bought.balance), (1, 0));
    assert_eq!(owed(second).await, 0);
    assert_eq!(app.payments(second).await, 1);
    let sofie = app.login("sofie@a.test").await;
    let owing: Vec<app::clients::OwingClient> =
        sofie.call("waiting_for_cheques", &[]).await.unwrap();
    assert!(owing.is_empty());
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'prestatie_paid_late' AND subject_id = $1",
            second.0
        )
        .await,
        1
    );
}

// ---- The property test ----

/// The model's batch: written here from the rules in the README, not from the code's.
#[derive(Clone, Debug)]
struct ModelBatch {
    id: BatchId,
    bought_on: NaiveDate,
    valid_until: NaiveDate,
    cheques: i64,
    remaining: i64,
    expired: i64,
    reversed: i64,
}

#[derive(Default, Debug)]
struct Model {
    batches: Vec<ModelBatch>,
    /// Waiting for Roger: (prestatie, cheques, the day it confirms itself).
    waiting: Vec<(EntryId, i64, NaiveDate)>,
    /// Confirmed without cheques: (when, prestatie, cheques); paid the longest waiting first.
    owed: Vec<(chrono::DateTime<chrono::Utc>, EntryId, i64)>,
    paid: Vec<EntryId>,
}

impl Model {
    fn expire(&mut self, today: NaiveDate) {
        for b in &mut self.batches {
            if b.valid_until < today && b.remaining > 0 {
                b.expired = b.remaining;
                b.remaining = 0;
            }
        }
    }

    fn balance(&self) -> i64 {
        self.batches.iter().map(|b| b.remaining).sum()
    }

    /// Oldest first; all or nothing.
    fn take(&mut self, needed: i64) -> bool {
        if self.balance() < needed {
            return false;
        }
        let mut order: Vec<usize> = (0..self.batches.len()).collect();
        order.sort_by_key(|&i| (self.batches[i].bought_on, self.batches[i].id.0));
        let mut left = needed;
        for i in order {
            let n = self.batches[i].remaining.min(left);
            self.batches[i].remaining -= n;
            left -= n;
        }
        true
    }

    fn settle(&mut self) -> i64 {
        self.owed.sort();
        let mut settled = 0;
        while let Some(&(_, entry, cheques)) = self.owed.first() {
            if !self.take(cheques) {
                break;
            }
            self.owed.remove(0);
            self.paid.push(entry);
            settled += 1;
        }
        settled
    }
}

fn cost(minutes: i64) -> i64 {
    (minutes + 59) / 60
}

/// The database against the model: every batch's remaining, expired and reversed cheques; the
/// balance is the ledger's sum, never negative, and the batches' sum; one payment for each
/// paid prestatie and none for the others; no cheque used outside its batch's dates.
async fn check(
    app: &TestApp,
    sofie: &User,
    model: &Model,
    roger: ClientId,
    seed: u64,
    step: usize,
) {
    // A minute later: the job has written what expired today (a refused payment rolled back
    // the expiry it found).
    app::cheques::service::expire_all(&app.db, app.clock.now())
        .await
        .unwrap();
    let w = wallet(sofie, roger).await;
    let at = format!("seed {seed}, step {step}");
    assert_eq!(w.balance, app.balance(roger).await, "{at}");
    assert!(w.balance >= 0, "{at}");
    assert_eq!(w.balance, model.balance(), "{at}: balance");
    assert_eq!(
        w.batches.iter().map(|b| b.remaining).sum::<i64>(),
        w.balance,
        "{at}"
    );
    for m in &model.batches {
        let b = batch(&w, m.id);
        assert_eq!(
            (
                b.remaining,
                b.expired,
                b.reversed,
                b.bought_on,
                b.valid_until,
                b.cheques
            ),
            (
                m.remaining,
                m.expired,
                m.reversed,
                m.bought_on,
                m.valid_until,
                m.cheques
            ),
            "{at}: batch {}",
            m.id
        );
    }
    for &entry in &model.paid {
        assert_eq!(app.payments(entry).await, 1, "{at}: {entry} paid once");
    }
    for &(_, entry, _) in &model.owed {
        assert_eq!(app.payments(entry).await, 0, "{at}: {entry} waits");
    }
    for &(entry, _, _) in &model.waiting {
        assert_eq!(app.entry_status(entry).await, "submitted", "{at}");
    }
    let outside = app
        .scalar(
            "SELECT COUNT(*) FROM cheque_use u \
             JOIN cheque_ledger l ON l.id = u.ledger_id JOIN cheque_batch b ON b.id = u.batch_id \
             WHERE l.client_id = $1 \
               AND (CAST(b.valid_until AS TEXT) < SUBSTR(CAST(l.created_at AS TEXT), 1, 10) \
                 OR CAST(b.bought_on AS TEXT) > SUBSTR(CAST(l.created_at AS TEXT), 1, 10))",
            roger.0,
        )
        .await;
    assert_eq!(outside, 0, "{at}: a cheque used after its last day");
}

/// A prestatie of Roger's, handed over now (the way a Stop hands it over).
async fn hand_over(app: &TestApp, minutes: i64) -> EntryId {
    use app::time_entries::store::{self, NewEntry};
    use app::time_entries::{EntrySource, EntryStatus};
    let now = app.clock.now();
    let mut tx = app.db.begin().await.unwrap();
    let entry = NewEntry {
        organisation_id: app.a.organisation_id,
        assignment_id: app.a.assignments.kevin_roger_today,
        worker_id: app.a.workers["kevin"],
        work_date: app::clock::local_date(now),
        started_at: now - Duration::minutes(minutes),
        ended_at: Some(now),
        minutes: Some(minutes),
        pause_minutes: 0,
        km: 0,
        note: String::new(),
        status: EntryStatus::Submitted,
        source: EntrySource::Manual,
    };
    let id = store::insert(tx.c(), entry, now).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn random_histories_keep_the_ledger_exact(app: &TestApp) {
    let roger_id = app.a.clients["roger"];
    let cases: u64 = std::env::var("CHEQUE_PROPERTY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let base_seed: u64 = std::env::var("CHEQUE_PROPERTY_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0xc4e9);
    // The demo's other prestaties confirm themselves out of the way first.
    app.advance(Duration::days(5));
    app::time_entries::service::confirm_unanswered(&app.db, app.clock.now())
        .await
        .unwrap();
    let mut sofie = app.login("sofie@a.test").await;
    // The model starts from what Roger has: the demo's batch.
    let mut model = Model::default();
    for b in wallet(&sofie, roger_id).await.batches {
        model.batches.push(ModelBatch {
            id: b.id,
            bought_on: b.bought_on,
            valid_until: b.valid_until,
            cheques: b.cheques,
            remaining: b.remaining,
            expired: b.expired,
            reversed: b.reversed,
        });
    }
    let mut step = 0;
    for case in 0..cases {
        let seed = base_seed + case;
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for _ in 0..20 {
            step += 1;
            let day = today(app);
            match rng.below(6) {
                // A purchase, paid today or up to ten months ago.
                0 => {
                    let cheques = 1 + rng.below(4) as i64;
                    let paid_on = day - Duration::days(rng.below(300) as i64);
                    let done = purchase(&sofie, roger_id, cheques, paid_on).await.unwrap();
                    model.expire(day);
                    model.batches.push(ModelBatch {
                        id: done.batch_id,
                        bought_on: paid_on,
                        valid_until: paid_on.checked_add_months(chrono::Months::new(12)).unwrap(),
                        cheques,
                        remaining: cheques,
                        expired: 0,
                        reversed: 0,
                    });
                    assert_eq!(done.settled, model.settle(), "seed {seed}, step {step}");
                }
                // Work handed over to Roger.
                1 | 2 => {
                    let minutes = 30 + 30 * rng.below(6) as i64;
                    let entry = hand_over(app, minutes).await;
                    model
                        .waiting
                        .push((entry, cost(minutes), day + Duration::days(4)));
                }
                // Roger confirms one that waits: paid when his valid cheques cover it, or
                // confirmed waiting for cheques.
                3 if !model.waiting.is_empty() => {
                    let i = rng.below(model.waiting.len() as u64) as usize;
                    let (entry, cheques, _) = model.waiting.remove(i);
                    let roger = app.login("roger@a.test").await;
                    let answer = confirm(&roger, entry).await;
                    model.expire(day);
                    let cheques_owed = if model.take(cheques) {
                        model.paid.push(entry);
                        0
                    } else {
                        model.owed.push((app.clock.now(), entry, cheques));
                        cheques
                    };
                    let expected = Confirmed {
                        balance: model.balance(),
                        cheques_owed,
                    };
                    assert_eq!(answer, Ok(expected), "seed {seed}, step {step}");
                }
                // A purchase undone: only one nothing of which was used.
                4 if !model.batches.is_empty() => {
                    let i = rng.below(model.batches.len() as u64) as usize;
                    let id = model.batches[i].id;
                    let answer = undo(&sofie, roger_id, id).await;
                    model.expire(day);
                    let b = &mut model.batches[i];
                    if b.remaining == b.cheques {
                        assert_eq!(answer, Ok(()), "seed {seed}, step {step}");
                        b.reversed = b.cheques;
                        b.remaining = 0;
                    } else {
                        assert_eq!(answer, Err((409, AppError::PurchaseUsed)));
                    }
                }
                // Days pass; the jobs run (expiry first, as every minute).
                _ => {
                    app.advance(Duration::days(1 + rng.below(90) as i64));
                    let now = app.clock.now();
                    let day = today(app);
                    app::cheques::service::expire_all(&app.db, now)
                        .await
                        .unwrap();
                    app::time_entries::service::confirm_unanswered(&app.db, now)
                        .await
                        .unwrap();
                    model.expire(day);
                    let (due, still): (Vec<_>, Vec<_>) =
                        model.waiting.iter().partition(|(_, _, on)| *on <= day);
                    model.waiting = still;
                    for (entry, cheques, _) in due {
                        if model.take(cheques) {
                            model.paid.push(entry);
                        } else {
                            model.owed.push((now, entry, cheques));
                        }
                    }
                    sofie = app.login("sofie@a.test").await;
                }
            }
            check(app, &sofie, &model, roger_id, seed, step).await;
        }
    }
    assert!(
        !model.paid.is_empty() && model.batches.len() > 1,
        "{model:?}"
    );
}

pub async fn a_private_person_downloads_the_fiscal_attest_and_the_years_csv(app: &TestApp) {
    let maria_id = app.a.clients["maria"];
    let maria = app.login("maria@a.test").await;
    let price = wallet(&app.login("sofie@a.test").await, maria_id)
        .await
        .price_cents;
    // This year: the demo's prestatie of nine days ago (90 minutes, 2 cheques), and one more
    // hour confirmed now.
    let ahmed_entry = app.a.entries.ahmed_submitted;
    confirm(&maria, ahmed_entry).await.unwrap();
    let own: Wallet = maria.call("my_cheques", &[]).await.unwrap();
    assert_eq!(own.attest_years, vec![2026]);

    let csv = maria.get("/client/attest/2026.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("2026.csv")
    );
    let mut rows = csv.body.lines();
    assert_eq!(
        rows.next().unwrap(),
        "\u{feff}betaald op;gewerkt op;wijk-werker;activiteit;uren;cheques;bedrag (EUR)"
    );
    let rows: Vec<Vec<String>> = rows
        .map(|r| r.split(';').map(str::to_string).collect())
        .collect();
    let cheques: i64 = rows.iter().map(|r| r[5].parse::<i64>().unwrap()).sum();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(cheques, 2 + 2);
    // Hours with a decimal comma, for a spreadsheet set to Belgium.
    let mut hours: Vec<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    hours.sort();
    assert_eq!(hours, ["1,50", "2,00"]);
    let cents: i64 = rows
        .iter()
        .map(|r| r[6].replace(',', "").parse::<i64>().unwrap())
        .sum();
    assert_eq!(cents, cheques * price);

    let pdf = maria.get("/client/attest/2026.pdf").await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with("%PDF-"));
    // The page's text is written uncompressed: the totals are in it as they read.
    assert!(
        pdf.body.contains("(Gebruikte wijk-werkcheques: 4)"),
        "{}",
        pdf.body
    );
    assert!(pdf.body.contains("(Gebruikersnummer: "));
    assert!(pdf.body.contains("Maria Peeters"));

    // Not for a school, a worker, someone logged out; no other years or formats.
    let school = app.login("school@a.test").await;
    assert_eq!(school.get("/client/attest/2026.pdf").await.status, 403);
    let kevin = app.login("kevin@a.test").await;
    assert_eq!(kevin.get("/client/attest/2026.pdf").await.status, 403);
    assert_eq!(
        app.anonymous().get("/client/attest/2026.pdf").await.status,
        401
    );
    for wrong in ["2017.pdf", "2027.pdf", "2026.txt", "twee.pdf", "2026"] {
        assert_eq!(
            maria.get(&format!("/client/attest/{wrong}")).await.status,
            404,
            "{wrong}"
        );
    }
    // Organisation B's Maria has her own attest, without A's prestaties.
    let maria_b = app.login("maria@b.test").await;
    let other = maria_b.get("/client/attest/2026.csv").await;
    assert_eq!(other.body.lines().count(), 2, "{}", other.body);
}
