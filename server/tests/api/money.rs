//! The money rules of shared/DOMAIN.md: the allowance per cheque earned (or per minute) with
//! the rates of each prestatie's day, travel only over the km threshold, an old month exported
//! again giving the same file, the worker's estimate counting what the export counts, a
//! bemiddelaar's correction going back to the gebruiker, and no path passing 60 hours.

use app::allowances::{AllowanceBasis, AllowanceMonth, Rates, RatesOverview, WorkerMonth};
use app::error::{AppError, Field};
use app::ids::{AssignmentId, EntryId, WorkerId};
use app::rules::LimitBreach;
use app::time_entries::{ConfirmedAll, Corrected, EntryStatus, ReviewItem};
use app::workers::MyHours;
use chrono::{Duration, NaiveDate};
use serde_json::json;

use crate::harness::{TestApp, User};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn set_rates(
    sofie: &User,
    (allowance, basis, km_rate, threshold): (&str, &str, &str, &str),
    from: &str,
) -> Result<(), (u16, AppError)> {
    sofie
        .call(
            "set_allowance_rates",
            &[
                ("allowance", allowance),
                ("basis", basis),
                ("km_rate", km_rate),
                ("km_threshold", threshold),
                ("valid_from", from),
            ],
        )
        .await
}

async fn export(sofie: &User, month: &str) -> AllowanceMonth {
    sofie
        .call("allowance_month", &[("month", month)])
        .await
        .unwrap()
}

fn line(export: &AllowanceMonth, worker: WorkerId) -> Option<&WorkerMonth> {
    export.lines.iter().find(|l| l.worker_id == worker)
}

/// A garden job for Maria on `date`, offered to `worker` and accepted on their phone.
pub async fn planned(app: &TestApp, worker: &str, date: NaiveDate) -> AssignmentId {
    let sofie = app.login("sofie@a.test").await;
    let request = crate::requests::garden_request(app, &sofie, "Once").await;
    let offers: Vec<AssignmentId> = sofie
        .call(
            "offer_request",
            &[
                ("request_id", &request.to_string()),
                ("worker_id", &app.a.workers[worker].to_string()),
                ("first_date", &date.to_string()),
                ("start", "09:00:00"),
                ("weeks", "1"),
            ],
        )
        .await
        .unwrap();
    let phone = app.login(&app.a.email(worker)).await;
    phone
        .call::<()>("accept_offer", &[("assignment_id", &offers[0].to_string())])
        .await
        .unwrap();
    offers[0]
}

/// Hours entered afterwards on `assignment` without a pause: (date, start, end, km).
async fn enter(
    user: &User,
    assignment: AssignmentId,
    (date, start, end, km): (&str, &str, &str, &str),
) -> Result<EntryId, (u16, AppError)> {
    crate::phone::enter(user, assignment, date, start, end, "0", km).await
}

async fn confirm_all(gebruiker: &User, entries: &[EntryId]) -> ConfirmedAll {
    gebruiker
        .call_json("confirm_all", &json!({ "entry_ids": entries }))
        .await
        .unwrap()
}

pub async fn the_allowance_follows_the_rates_of_each_day(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let org = app.a.organisation_id.0;
    // 1 December 2026. The organisation pays the decree's rates (the migration's row).
    let rates: RatesOverview = sofie.call("allowance_rates", &[]).await.unwrap();
    assert_eq!(
        rates.today,
        Rates {
            valid_from: day("2018-01-01"),
            ..Rates::decree()
        }
    );
    assert_eq!(rates.next_from, day("2027-01-01"));

    // What November gives before anything changes: the file to compare with later.
    let november_csv = sofie.get("/coordinator/allowances/2026-11.csv").await;
    let november_xlsx = sofie.get("/coordinator/allowances/2026-11.xlsx").await;
    assert_eq!((november_csv.status, november_xlsx.status), (200, 200));
    let november = export(&sofie, "2026-11").await;

    // Each wrong field is named, nothing is kept; only the organisation's bemiddelaars.
    let today = "2026-12-01";
    for (form, from, field) in [
        (
            ("410", "PerCheque", "0,15", "10"),
            today,
            Field::AllowanceRate,
        ),
        (
            ("vier", "PerCheque", "0,15", "10"),
            today,
            Field::AllowanceRate,
        ),
        (("4,10", "PerCheque", "2", "10"), today, Field::KmRate),
        (
            ("4,10", "PerCheque", "0,15", "501"),
            today,
            Field::KmThreshold,
        ),
        (
            ("4,10", "PerCheque", "0,15", "10"),
            "2026-11-30",
            Field::RatesFrom,
        ),
        (
            ("4,10", "PerCheque", "0,15", "10"),
            "2029-01-01",
            Field::RatesFrom,
        ),
    ] {
        assert_eq!(
            set_rates(&sofie, form, from).await.unwrap_err(),
            (422, AppError::Invalid(field)),
            "{form:?} {from}"
        );
    }
    let kevin = app.login("kevin@a.test").await;
    let refused = set_rates(&kevin, ("9", "PerCheque", "0,15", "10"), today).await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
    let audits = "SELECT COUNT(*) FROM audit_event WHERE action = 'allowance_rates_changed' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(audits, org).await, 0);

    // From today: per minute at €4.10 an hour. From the 15th: per cheque at €4.50, €0.20 a km
    // over 5 km.
    set_rates(&sofie, ("4,10", "PerMinute", "0,15", "10"), today)
        .await
        .unwrap();
    set_rates(&sofie, ("4,50", "PerCheque", "0,20", "5"), "2026-12-15")
        .await
        .unwrap();
    assert_eq!(app.scalar(audits, org).await, 2);
    let rates: RatesOverview = sofie.call("allowance_rates", &[]).await.unwrap();
    assert_eq!(rates.today.basis, AllowanceBasis::PerMinute);
    assert_eq!(
        rates
            .history
            .iter()
            .map(|r| r.valid_from)
            .collect::<Vec<_>>(),
        vec![day("2026-12-15"), day("2026-12-01"), day("2018-01-01")]
    );

    // Fatima works 1 h 15 (10 km), 59 min (11 km), 60 min and 61 min on 2 December, and 1 h 15
    // (8 km) on 16 December; Maria confirms each day's.
    let early = planned(app, "fatima", day("2026-12-02")).await;
    let late = planned(app, "fatima", day("2026-12-16")).await;
    app.clock.set("2026-12-02T17:00:00Z".parse().unwrap());
    let fatima = app.login("fatima@a.test").await;
    let mut second = Vec::new();
    for hours in [
        ("2026-12-02", "08:00", "09:15", "10"),
        ("2026-12-02", "10:00", "10:59", "11"),
        ("2026-12-02", "12:00", "13:00", "0"),
        ("2026-12-02", "14:00", "15:01", "0"),
    ] {
        second.push(enter(&fatima, early, hours).await.unwrap());
    }
    let maria = app.login("maria@a.test").await;
    assert_eq!(confirm_all(&maria, &second).await.confirmed, 4);
    app.clock.set("2026-12-16T17:00:00Z".parse().unwrap());
    let fatima = app.login("fatima@a.test").await;
    let sixteenth = enter(&fatima, late, ("2026-12-16", "08:00", "09:15", "8"))
        .await
        .unwrap();
    let maria = app.login("maria@a.test").await;
    confirm_all(&maria, &[sixteenth]).await;

    // December, reckoned by hand. Before the 15th, per minute: 75 + 59 + 60 + 61 = 255 min ×
    // €4.10 / 60 = €17.425 → €17.43 (rounded once); travel only the 11 km trip: 11 × €0.15 =
    // €1.65 (10 km pays nothing). From the 15th, per cheque: 1 h 15 = 2 cheques × €4.50 =
    // €9.00; 8 km over the 5 km threshold × €0.20 = €1.60.
    let sofie = app.login("sofie@a.test").await;
    let december = export(&sofie, "2026-12").await;
    let f = line(&december, app.a.workers["fatima"]).unwrap();
    assert_eq!(f.earned.work_cents, 1743 + 900);
    assert_eq!(f.earned.km_cents, 165 + 160);
    assert_eq!(f.earned.total_cents, 1743 + 900 + 165 + 160);
    let s = f.earned.sums;
    assert_eq!(
        (s.entries, s.minutes, s.cheques, s.km, s.paid_km),
        (5, 330, 8, 29, 19)
    );
    assert_eq!(f.earned.parts.len(), 2);
    // The month names both sets of rates, with the days each held.
    let held: Vec<_> = december.rates.iter().map(|(_, a, b)| (*a, *b)).collect();
    assert_eq!(
        held,
        vec![
            (day("2026-12-01"), day("2026-12-14")),
            (day("2026-12-15"), day("2026-12-31"))
        ]
    );
    let (_, rates_line) = december.title(app::i18n::Lang::Nl);
    assert!(rates_line.contains("€ 4,50 per cheque"), "{rates_line}");
    assert!(rates_line.contains("per uur, per minuut"), "{rates_line}");
    // Jozef's 9 × 6 u 30 of 1 December, per minute: 3 510 min × €4.10 / 60 = €239.85.
    let jozef = line(&december, app.a.workers["jozef"]).unwrap();
    assert_eq!(jozef.earned.total_cents, 23985);
    assert_eq!(
        december.totals.total_cents,
        december
            .lines
            .iter()
            .map(|l| l.earned.total_cents)
            .sum::<i64>()
    );

    // Fatima's phone counts exactly what the export counts, and says what still waits.
    let waiting = enter(&fatima, late, ("2026-12-16", "10:00", "10:30", "0"))
        .await
        .unwrap();
    let mine: MyHours = fatima.call("my_hours", &[]).await.unwrap();
    assert_eq!(mine.allowance, f.earned);
    assert_eq!(mine.allowance_waiting.sums.entries, 1);
    assert_eq!(mine.allowance_waiting.total_cents, 450);
    assert_eq!(mine.rates_today.km_threshold, 5);
    let maria = app.login("maria@a.test").await;
    confirm_all(&maria, &[waiting]).await;
    let mine: MyHours = fatima.call("my_hours", &[]).await.unwrap();
    let december = export(&sofie, "2026-12").await;
    assert_eq!(
        mine.allowance,
        line(&december, app.a.workers["fatima"]).unwrap().earned
    );
    assert_eq!(mine.allowance.total_cents, 1743 + 900 + 450 + 165 + 160);
    assert_eq!(mine.allowance_waiting.sums.entries, 0);

    // November, exported again after two rate changes and two weeks: the same euros and the
    // same files, byte for byte.
    assert_eq!(export(&sofie, "2026-11").await.lines, november.lines);
    let again_csv = sofie.get("/coordinator/allowances/2026-11.csv").await;
    let again_xlsx = sofie.get("/coordinator/allowances/2026-11.xlsx").await;
    assert_eq!(again_csv.bytes, november_csv.bytes);
    assert_eq!(again_xlsx.bytes, november_xlsx.bytes);

    // Organisation B kept the decree's rates.
    let sofie_b = app.login("sofie@b.test").await;
    let b: RatesOverview = sofie_b.call("allowance_rates", &[]).await.unwrap();
    assert_eq!(b.history.len(), 1);
    assert_eq!(b.today.basis, AllowanceBasis::PerCheque);
}

async fn correct(
    sofie: &User,
    (entry, revision): (EntryId, i64),
    (start, end): (&str, &str),
    agreement: &str,
) -> Result<Corrected, (u16, AppError)> {
    sofie
        .call(
            "correct_entry",
            &[
                ("entry_id", &entry.to_string()),
                ("revision", &revision.to_string()),
                ("start", start),
                ("end", end),
                ("pause_minutes", "0"),
                ("km", "0"),
                ("reason", "Nagevraagd bij de wijk-werker"),
                ("agreement", agreement),
            ],
        )
        .await
}

async fn allowance_minutes(sofie: &User, month: &str, worker: WorkerId) -> i64 {
    line(&export(sofie, month).await, worker).map_or(0, |l| l.earned.sums.minutes)
}

pub async fn a_correction_goes_back_to_the_gebruiker_unless_they_agreed(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let disputed = app.a.entries.kevin_disputed;
    let kevin_id = app.a.workers["kevin"];
    let vzw_id = app.a.clients["vzw"];
    let before = app.balance(vzw_id).await;
    // The vzw disputed Kevin's 2 u 30 of 28 November; the bemiddelaar sets 09:00–11:00 and
    // sends it back: it waits for the vzw, counts for the limits but not for the allowance.
    let done = correct(&sofie, (disputed, 0), ("09:00", "11:00"), "AskClient")
        .await
        .unwrap();
    assert_eq!(
        done,
        Corrected {
            awaits_client: true,
            balance: before,
            cheques_owed: 0
        }
    );
    assert_eq!(app.entry_status(disputed).await, "submitted");
    let queue: Vec<ReviewItem> = sofie.call("review_queue", &[]).await.unwrap();
    assert!(queue.iter().all(|i| i.id != disputed));
    assert_eq!(allowance_minutes(&sofie, "2026-11", kevin_id).await, 0);
    let kevin = app.login("kevin@a.test").await;
    let mine: MyHours = kevin.call("my_hours", &[]).await.unwrap();
    let entry = mine.entries.iter().find(|e| e.id == disputed).unwrap();
    assert_eq!((entry.revision, entry.changeable()), (1, false));
    // The worker may not change the bemiddelaar's correction.
    let changed = kevin
        .call::<()>(
            "change_entry",
            &[
                ("entry_id", &disputed.to_string()),
                ("date", "2026-11-28"),
                ("start", "09:00"),
                ("end", "12:00"),
                ("pause_minutes", "0"),
                ("km", "0"),
                ("note", ""),
                ("reason", "Het was drie uur"),
            ],
        )
        .await;
    assert_eq!(changed.unwrap_err(), (409, AppError::EntryLocked));
    let detail = |action: &'static str| {
        let db = app.db.clone();
        async move {
            let mut conn = db.conn().await.unwrap();
            app::on!(conn.c(), c => sqlx::query_scalar::<_, String>(
                "SELECT detail FROM audit_event WHERE action = $1 AND subject_id = $2 \
                 ORDER BY id DESC LIMIT 1")
                .bind(action).bind(disputed.0).fetch_one(c).await)
            .unwrap()
        }
    };
    let audit = detail("prestatie_corrected").await;
    assert!(audit.contains("sent back to the gebruiker"), "{audit}");
    assert!(audit.contains("Nagevraagd"), "{audit}");

    // The vzw sees it changed by the bemiddelaar, and confirms: 2 cheques, and now it counts.
    let vzw = app.login("vzw@a.test").await;
    let overview: app::clients::ClientOverview = vzw.call("client_overview", &[]).await.unwrap();
    let pending = overview
        .pending
        .iter()
        .find(|p| p.line.id == disputed)
        .unwrap();
    assert_eq!((pending.line.revision, pending.cheques), (1, 2));
    let _: app::time_entries::Confirmed = vzw
        .call("confirm_entry", &[("entry_id", &disputed.to_string())])
        .await
        .unwrap();
    assert_eq!(app.balance(vzw_id).await, before - 2);
    assert_eq!(allowance_minutes(&sofie, "2026-11", kevin_id).await, 120);

    // Found later: it was 09:00–12:00, and the vzw said so on the phone. Agreed: the payment
    // is refunded, 3 cheques are paid at once, it counts as corrected, and the audit says how.
    let done = correct(&sofie, (disputed, 1), ("09:00", "12:00"), "Phone")
        .await
        .unwrap();
    assert!(!done.awaits_client);
    assert_eq!(app.entry_status(disputed).await, "corrected");
    assert_eq!(app.balance(vzw_id).await, before - 3);
    assert_eq!(allowance_minutes(&sofie, "2026-11", kevin_id).await, 180);
    let audit = detail("prestatie_corrected").await;
    assert!(audit.contains("agreed by the gebruiker (phone)"), "{audit}");
    let agreed = app
        .scalar(
            "SELECT COUNT(*) FROM time_entry WHERE id = $1 AND agreed_via = 'phone'",
            disputed.0,
        )
        .await;
    assert_eq!(agreed, 1);

    // Sent back once more and left unanswered: confirmed automatically after the
    // organisation's days, counted from the correction.
    let done = correct(&sofie, (disputed, 2), ("09:00", "11:30"), "AskClient")
        .await
        .unwrap();
    assert!(done.awaits_client);
    assert_eq!(app.balance(vzw_id).await, before);
    assert_eq!(allowance_minutes(&sofie, "2026-11", kevin_id).await, 0);
    let job = app::time_entries::service::confirm_unanswered;
    app.advance(Duration::days(3));
    job(&app.db, app.clock.now()).await.unwrap();
    assert_eq!(app.entry_status(disputed).await, "submitted");
    app.advance(Duration::days(1));
    job(&app.db, app.clock.now()).await.unwrap();
    assert_eq!(app.entry_status(disputed).await, "confirmed");
    assert_eq!(app.balance(vzw_id).await, before - 3);
    let sofie = app.login("sofie@a.test").await;
    assert_eq!(allowance_minutes(&sofie, "2026-11", kevin_id).await, 150);
    // A correction's agreement is one of the four: anything else changes nothing.
    let wrong = correct(&sofie, (disputed, 3), ("09:00", "10:00"), "Email").await;
    assert_eq!(wrong.unwrap_err(), (422, AppError::Invalid(Field::Form)));
    assert_eq!(app.entry_status(disputed).await, "confirmed");
}

fn month_left(error: (u16, AppError)) -> i64 {
    match error {
        (422, AppError::Limit(LimitBreach::Month { left_minutes })) => left_minutes,
        other => panic!("not the month's limit: {other:?}"),
    }
}

pub async fn no_path_passes_sixty_hours_in_a_month(app: &TestApp) {
    // Jozef has worked 58 u 30 this month. His work today is planned 08:30–12:30; he starts at
    // 09:00 and forgets to stop.
    let jozef = app.login("jozef@a.test").await;
    let jozef_id = app.a.workers["jozef"];
    let usage = async || {
        let mine: MyHours = app
            .login("jozef@a.test")
            .await
            .call("my_hours", &[])
            .await
            .unwrap();
        mine.usage.month_minutes
    };
    assert_eq!(usage().await, 3510);
    let clock: EntryId = jozef
        .call(
            "start_clock",
            &[(
                "assignment_id",
                &app.a.assignments.jozef_gemeente.to_string(),
            )],
        )
        .await
        .unwrap();
    // Ten hours later the server closes it at the planned end (3 u 30) and holds it: held, it
    // does not count, so the month stays at 58 u 30.
    app.advance(Duration::hours(10));
    let closed = app::time_entries::service::close_forgotten(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!(closed, 1);
    assert_eq!(app.entry_status(clock).await, "review");
    assert_eq!(usage().await, 3510);

    // Confirming it on behalf of the gebruiker would make 62 hours: refused, with what is left.
    let sofie = app.login("sofie@a.test").await;
    let settle = sofie
        .call::<app::time_entries::Confirmed>(
            "confirm_on_behalf",
            &[
                ("entry_id", &clock.to_string()),
                ("reason", "De gemeente belde"),
            ],
        )
        .await;
    assert_eq!(month_left(settle.unwrap_err()), 90);
    // Several at once (with the vzw's dispute of Kevin's hours): the other is confirmed, this
    // one is left as it was, and counted as over the limit.
    let disputed = app.a.entries.kevin_disputed;
    let several: ConfirmedAll = sofie
        .call_json(
            "confirm_all_on_behalf",
            &json!({ "entry_ids": [clock, disputed], "reason": "De gemeente belde" }),
        )
        .await
        .unwrap();
    assert_eq!((several.confirmed, several.over_limit), (1, 1));
    assert_eq!(app.entry_status(disputed).await, "confirmed");
    assert_eq!(app.entry_status(clock).await, "review");
    assert_eq!(app.payments(clock).await, 0);

    // A correction to 2 hours, or to 1 u 31, is refused too; 1 u 30 makes exactly 60 hours.
    // (After 15:30: the demo's nine prestaties of the day run from 09:00.)
    for end in ["18:00", "17:31"] {
        let refused = correct(&sofie, (clock, 0), ("16:00", end), "Office").await;
        assert_eq!(month_left(refused.unwrap_err()), 90, "{end}");
    }
    assert_eq!(app.entry_status(clock).await, "review");
    correct(&sofie, (clock, 0), ("16:00", "17:30"), "Office")
        .await
        .unwrap();
    assert_eq!(usage().await, 3600);
    assert_eq!(app.entry_status(clock).await, "corrected");

    // The 61st hour: a Stop, hours entered afterwards and another correction are all refused.
    let tomorrow = planned(app, "jozef", day("2026-12-02")).await;
    app.clock.set("2026-12-02T08:00:00Z".parse().unwrap());
    let jozef = app.login("jozef@a.test").await;
    let start = jozef
        .call::<EntryId>("start_clock", &[("assignment_id", &tomorrow.to_string())])
        .await;
    assert_eq!(month_left(start.unwrap_err()), 0);
    app.clock.set("2026-12-02T17:00:00Z".parse().unwrap());
    let jozef = app.login("jozef@a.test").await;
    let entered = enter(&jozef, tomorrow, ("2026-12-02", "09:00", "09:01", "0")).await;
    assert_eq!(month_left(entered.unwrap_err()), 0);
    let sofie = app.login("sofie@a.test").await;
    // Its own 1 u 30 make room for themselves, not a minute more.
    let more = correct(&sofie, (clock, 1), ("16:00", "17:31"), "Office").await;
    assert_eq!(month_left(more.unwrap_err()), 90);
    assert_eq!(usage().await, 3600);
    let counted = app
        .scalar(
            &format!(
                "SELECT CAST(SUM(minutes) AS BIGINT) FROM time_entry WHERE worker_id = $1 \
                 AND status IN {}",
                EntryStatus::COUNTED_SQL
            ),
            jozef_id.0,
        )
        .await;
    assert_eq!(counted, 3600);
}

async fn set_price(
    sofie: &User,
    municipality: Option<i64>,
    price: &str,
    from: &str,
) -> Result<(), (u16, AppError)> {
    match municipality {
        None => {
            sofie
                .call(
                    "set_cheque_price",
                    &[("price_cents", price), ("valid_from", from)],
                )
                .await
        }
        Some(m) => {
            sofie
                .call(
                    "set_municipality_cheque_price",
                    &[
                        ("municipality_id", &m.to_string()),
                        ("price_cents", price),
                        ("valid_from", from),
                    ],
                )
                .await
        }
    }
}

pub async fn the_cheque_price_is_the_gebruikers_municipality_from_a_first_of_january(
    app: &TestApp,
) {
    let sofie = app.login("sofie@a.test").await;
    let m = &app.a.municipalities;
    let (gavere, zulte, nazareth) = (m["gavere"].0, m["zulte"].0, m["nazareth"].0);
    // Today is 1 December 2026: a price starts on 1 January of next year or the year after,
    // and is one of the four.
    for (who, price, from, field) in [
        (None, "695", "2026-12-15", Field::PriceFrom),
        (None, "695", "2026-01-01", Field::PriceFrom),
        (None, "695", "2027-02-01", Field::PriceFrom),
        (None, "695", "2029-01-01", Field::PriceFrom),
        (None, "700", "2027-01-01", Field::ChequePrice),
        (Some(zulte), "0", "2027-03-01", Field::PriceFrom),
        (Some(zulte), "745", "2026-12-01", Field::PriceFrom),
        (Some(zulte), "600", "2027-01-01", Field::ChequePrice),
    ] {
        assert_eq!(
            set_price(&sofie, who, price, from).await.unwrap_err(),
            (422, AppError::Invalid(field)),
            "{who:?} {price} {from}"
        );
    }
    // Another organisation's municipality does not exist here; a worker may not.
    let b_zulte = app.b.municipalities["zulte"].0;
    let foreign = set_price(&sofie, Some(b_zulte), "595", "2027-01-01").await;
    assert_eq!(foreign.unwrap_err(), (404, AppError::NotFound));
    let kevin = app.login("kevin@a.test").await;
    let refused = set_price(&kevin, Some(zulte), "595", "2027-01-01").await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
    let org = app.a.organisation_id.0;
    let audits = "SELECT COUNT(*) FROM audit_event WHERE action = 'cheque_price_changed' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(audits, org).await, 0);

    // From 2027 the organisation asks €6.95; Zulte chose €5.95; Nazareth first €6.45, then
    // (a second choice for that day replaces the first) the organisation's price.
    set_price(&sofie, None, "695", "2027-01-01").await.unwrap();
    set_price(&sofie, Some(zulte), "595", "2027-01-01")
        .await
        .unwrap();
    set_price(&sofie, Some(nazareth), "645", "2027-01-01")
        .await
        .unwrap();
    set_price(&sofie, Some(nazareth), "0", "2027-01-01")
        .await
        .unwrap();
    assert_eq!(app.scalar(audits, org).await, 4);
    let settings: app::organisations::OrganisationSettings =
        sofie.call("organisation_settings", &[]).await.unwrap();
    assert_eq!(settings.price_today_cents, 745);
    assert_eq!(
        settings.price_days,
        vec![day("2027-01-01"), day("2028-01-01")]
    );
    let of = |id: i64| {
        settings
            .municipalities
            .iter()
            .find(|p| p.id.0 == id)
            .unwrap()
            .clone()
    };
    assert_eq!(of(zulte).price_today_cents, 745);
    assert_eq!(of(zulte).changes[0].price_cents, Some(595));
    assert_eq!(of(nazareth).changes.len(), 1);
    assert_eq!(of(nazareth).changes[0].price_cents, None);
    assert!(of(gavere).changes.is_empty());

    // Bought in 2026: €7.45 everywhere. Bought on 2 January 2027: the gebruiker's municipality
    // decides — the school in Zulte €5.95, Maria in Gavere and Roger in Nazareth the
    // organisation's €6.95.
    let c = &app.a.clients;
    let old = crate::cheques::purchase(&sofie, c["school"], 2, day("2026-12-01"))
        .await
        .unwrap();
    app.clock.set("2027-01-02T09:00:00Z".parse().unwrap());
    let sofie = app.login("sofie@a.test").await;
    let mut prices = Vec::new();
    for who in ["school", "maria", "roger"] {
        let bought = crate::cheques::purchase(&sofie, c[who], 2, day("2027-01-02"))
            .await
            .unwrap();
        let wallet: app::cheques::Wallet = sofie
            .call("client_cheques", &[("client_id", &c[who].to_string())])
            .await
            .unwrap();
        let batch = |id| {
            wallet
                .batches
                .iter()
                .find(|b| b.id == id)
                .unwrap()
                .price_cents
        };
        prices.push((who, batch(bought.batch_id), wallet.price_cents));
        if who == "school" {
            assert_eq!(batch(old.batch_id), 745, "a batch keeps its price");
        }
    }
    assert_eq!(
        prices,
        vec![
            ("school", 595, 595),
            ("maria", 695, 695),
            ("roger", 695, 695)
        ]
    );
    // The gebruiker sees the price of their own municipality.
    let school = app.login("school@a.test").await;
    let wallet: app::cheques::Wallet = school.call("my_cheques", &[]).await.unwrap();
    assert_eq!(wallet.price_cents, 595);
    // Organisation B's prices did not move.
    let sofie_b = app.login("sofie@b.test").await;
    let b: app::organisations::OrganisationSettings =
        sofie_b.call("organisation_settings", &[]).await.unwrap();
    assert_eq!(b.price_today_cents, 745);
    assert!(b.municipalities.iter().all(|m| m.changes.is_empty()));
}
