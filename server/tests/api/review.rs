//! Te bekijken: a disputed prestatie is settled by a bemiddelaar of its organisation, on behalf
//! of the gebruiker and with a reason; it is paid once, audited, and then counts as confirmed.

use app::allowances::AllowanceMonth;
use app::error::{AppError, Field};
use app::rules::EntryProblem;
use app::time_entries::{Confirmed, Corrected, EntryStatus, ReviewItem};

use crate::harness::{TestApp, User};

async fn queue(user: &User) -> Result<Vec<ReviewItem>, (u16, AppError)> {
    user.call("review_queue", &[]).await
}

async fn settle(user: &User, entry: &str, reason: &str) -> Result<Confirmed, (u16, AppError)> {
    user.call(
        "confirm_on_behalf",
        &[("entry_id", entry), ("reason", reason)],
    )
    .await
}

async fn balance(sofie: &User, client: app::ids::ClientId) -> i64 {
    let wallet: app::cheques::Wallet = sofie
        .call("client_cheques", &[("client_id", &client.to_string())])
        .await
        .unwrap();
    wallet.balance
}

pub async fn a_dispute_is_confirmed_on_behalf_of_the_gebruiker_with_a_reason(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let disputed = app.a.entries.kevin_disputed;
    let id = disputed.to_string();
    let vzw = app.a.clients["vzw"];
    let items = queue(&sofie).await.unwrap();
    let item = items
        .iter()
        .find(|i| i.id == disputed)
        .expect("the dispute is to review");
    assert_eq!(item.status, EntryStatus::Disputed);
    assert_eq!(
        (item.worker_first_name.as_str(), item.client_name.as_str()),
        ("Kevin", "vzw De Buurtwinkel")
    );
    assert_eq!(item.minutes, Some(150));
    let before = balance(&sofie, vzw).await;

    // No reason, someone else, another organisation: refused, and nothing changes.
    assert_eq!(
        settle(&sofie, &id, " x ").await.unwrap_err(),
        (422, AppError::Invalid(Field::SettleReason))
    );
    for who in ["kevin@a.test", "vzw@a.test"] {
        let user = app.login(who).await;
        assert_eq!(queue(&user).await.unwrap_err(), (403, AppError::Forbidden));
        let refused = settle(&user, &id, "De gebruiker belde").await;
        assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden), "{who}");
    }
    let sofie_b = app.login("sofie@b.test").await;
    assert_eq!(
        settle(&sofie_b, &id, "De gebruiker belde")
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
    assert!(
        queue(&sofie_b)
            .await
            .unwrap()
            .iter()
            .all(|i| i.id != disputed)
    );
    assert_eq!(balance(&sofie, vzw).await, before);
    assert!(
        queue(&sofie)
            .await
            .unwrap()
            .iter()
            .any(|i| i.id == disputed)
    );

    // Confirmed with the reason: 2 u 30 costs 3 cheques (per started hour), paid once.
    let done = settle(&sofie, &id, "De vzw belde: het was toch in orde.")
        .await
        .unwrap();
    assert_eq!(done.cheques_owed, 0);
    assert_eq!(done.balance, before - 3);
    assert_eq!(balance(&sofie, vzw).await, before - 3);
    assert_eq!(
        settle(&sofie, &id, "Nog eens").await.unwrap_err(),
        (409, AppError::AlreadyDecided)
    );
    assert_eq!(balance(&sofie, vzw).await, before - 3);
    assert!(
        queue(&sofie)
            .await
            .unwrap()
            .iter()
            .all(|i| i.id != disputed)
    );
    let payments = app
        .scalar(
            "SELECT COUNT(*) FROM cheque_ledger WHERE time_entry_id = $1",
            disputed.0,
        )
        .await;
    assert_eq!(payments, 1);
    let detail: String = {
        let mut conn = app.db.conn().await.unwrap();
        app::on!(conn.c(), c => sqlx::query_scalar(
            "SELECT detail FROM audit_event WHERE action = 'prestatie_confirmed_on_behalf' \
             AND subject_id = $1")
            .bind(disputed.0)
            .fetch_one(c).await)
        .unwrap()
    };
    assert!(detail.contains("De vzw belde"), "{detail}");
    assert!(detail.contains("was disputed"), "{detail}");

    // It now counts as confirmed: Kevin's 2 u 30 of 28 November are in November's allowances.
    let november: AllowanceMonth = sofie
        .call("allowance_month", &[("month", "2026-11")])
        .await
        .unwrap();
    let kevin = november
        .lines
        .iter()
        .find(|l| l.first_name == "Kevin")
        .unwrap();
    // 2 u 30 earn 3 cheques: 3 x €4.10.
    assert_eq!(
        (kevin.earned.sums.minutes, kevin.earned.work_cents),
        (150, 1230)
    );
}

/// Correct `entry` as seen at `revision`, the gebruiker having agreed on the phone (so it is
/// settled at once; a correction sent back to the gebruiker: `money.rs`).
async fn correct(
    user: &User,
    (entry, revision): (&str, &str),
    (start, end, pause, km): (&str, &str, &str, &str),
    reason: &str,
) -> Result<Corrected, (u16, AppError)> {
    user.call(
        "correct_entry",
        &[
            ("entry_id", entry),
            ("revision", revision),
            ("start", start),
            ("end", end),
            ("pause_minutes", pause),
            ("km", km),
            ("reason", reason),
            ("agreement", "Phone"),
        ],
    )
    .await
}

async fn reject(
    user: &User,
    (entry, revision): (&str, &str),
    reason: &str,
) -> Result<(), (u16, AppError)> {
    user.call(
        "reject_entry",
        &[
            ("entry_id", entry),
            ("revision", revision),
            ("reason", reason),
        ],
    )
    .await
}

/// The prestatie's ledger rows, oldest first: (reason, change, revision), and what its rows
/// took from the batches in all.
async fn ledger_of(app: &TestApp, entry: app::ids::EntryId) -> (Vec<(String, i64, i64)>, i64) {
    let mut conn = app.db.conn().await.unwrap();
    let rows: Vec<(String, i64, i64)> = app::on!(conn.c(), c => sqlx::query_as(
        "SELECT reason, CAST(change AS BIGINT), CAST(revision AS BIGINT) FROM cheque_ledger \
         WHERE time_entry_id = $1 ORDER BY id")
        .bind(entry)
        .fetch_all(c).await)
    .unwrap();
    let used: i64 = app::on!(conn.c(), c => sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(u.cheques), 0) AS BIGINT) FROM cheque_use u \
         JOIN cheque_ledger l ON l.id = u.ledger_id WHERE l.time_entry_id = $1")
        .bind(entry)
        .fetch_one(c).await)
    .unwrap();
    (rows, used)
}

async fn kevin_in_november(sofie: &User) -> Option<(i64, i64, i64, i64)> {
    let november: AllowanceMonth = sofie
        .call("allowance_month", &[("month", "2026-11")])
        .await
        .unwrap();
    november
        .lines
        .iter()
        .find(|l| l.first_name == "Kevin")
        .map(|l| {
            let e = &l.earned;
            (e.sums.minutes, e.sums.km, e.work_cents, e.km_cents)
        })
}

async fn audit_detail(app: &TestApp, action: &str, entry: app::ids::EntryId) -> Vec<String> {
    let mut conn = app.db.conn().await.unwrap();
    app::on!(conn.c(), c => sqlx::query_scalar(
        "SELECT detail FROM audit_event WHERE action = $1 AND subject_id = $2 ORDER BY id")
        .bind(action)
        .bind(entry.0)
        .fetch_all(c).await)
    .unwrap()
}

pub async fn a_dispute_is_settled_by_a_correction_and_corrected_again_after_payment(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let disputed = app.a.entries.kevin_disputed;
    let id = disputed.to_string();
    let vzw = app.a.clients["vzw"];
    let before = balance(&sofie, vzw).await;
    let one_hour = ("09:00", "10:00", "0", "4");

    // Refused in words, and nothing changes: no reason, impossible hours, someone else,
    // another organisation.
    assert_eq!(
        correct(&sofie, (&id, "0"), one_hour, "  ")
            .await
            .unwrap_err(),
        (422, AppError::Invalid(Field::SettleReason))
    );
    let backwards = ("10:00", "09:00", "0", "0");
    assert_eq!(
        correct(&sofie, (&id, "0"), backwards, "Gebeld")
            .await
            .unwrap_err(),
        (422, AppError::Entry(EntryProblem::EndNotAfterStart))
    );
    let long_pause = ("09:00", "10:00", "60", "0");
    assert_eq!(
        correct(&sofie, (&id, "0"), long_pause, "Gebeld")
            .await
            .unwrap_err(),
        (422, AppError::Entry(EntryProblem::PauseTooLong))
    );
    for who in ["kevin@a.test", "vzw@a.test"] {
        let user = app.login(who).await;
        let refused = correct(&user, (&id, "0"), one_hour, "Gebeld").await;
        assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden), "{who}");
        let refused = reject(&user, (&id, "0"), "Niet gewerkt").await;
        assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden), "{who}");
    }
    let sofie_b = app.login("sofie@b.test").await;
    let refused = correct(&sofie_b, (&id, "0"), one_hour, "Gebeld").await;
    assert_eq!(refused.unwrap_err(), (404, AppError::NotFound));
    let refused = reject(&sofie_b, (&id, "0"), "Niet gewerkt").await;
    assert_eq!(refused.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(app.entry_status(disputed).await, "disputed");
    assert_eq!(balance(&sofie, vzw).await, before);
    assert_eq!(ledger_of(app, disputed).await, (vec![], 0));

    // Settled as one hour with 4 km, the vzw having agreed: 1 cheque, paid at once; the
    // allowance follows (1 cheque x €4.10; a 4 km round trip pays no travel).
    let done = correct(
        &sofie,
        (&id, "0"),
        one_hour,
        "De vzw belde: het was één uur.",
    )
    .await
    .unwrap();
    assert_eq!((done.balance, done.cheques_owed), (before - 1, 0));
    assert_eq!(app.entry_status(disputed).await, "corrected");
    assert!(
        queue(&sofie)
            .await
            .unwrap()
            .iter()
            .all(|i| i.id != disputed)
    );
    // Paid as its revision 1 (the correction's).
    assert_eq!(
        ledger_of(app, disputed).await,
        (vec![("prestatie".into(), -1, 1)], 1)
    );
    assert_eq!(kevin_in_november(&sofie).await, Some((60, 4, 410, 0)));
    let detail = audit_detail(app, "prestatie_corrected", disputed).await;
    assert_eq!(detail.len(), 1);
    assert!(
        detail[0].contains("before: 2026-11-28 09:00–11:30"),
        "{}",
        detail[0]
    );
    assert!(
        detail[0].contains("after: 2026-11-28 09:00–10:00"),
        "{}",
        detail[0]
    );
    assert!(detail[0].contains("het was één uur"), "{}", detail[0]);
    // Shown on Kevin's page, with who decided.
    let kevin = app.a.workers["kevin"].to_string();
    let file: app::workers::WorkerFile = sofie
        .call("worker_file", &[("worker_id", &kevin)])
        .await
        .unwrap();
    assert_eq!(file.settlements.len(), 1);
    assert_eq!(file.settlements[0].action, "prestatie_corrected");
    assert_eq!(file.settlements[0].detail, detail[0]);
    assert!(
        file.settlements[0]
            .decided_by
            .as_deref()
            .unwrap()
            .starts_with("Sofie")
    );

    // Corrected again after payment: 09:00–12:00 with 15 min pause is 2 u 45, 3 cheques. The
    // first payment is refunded by a row of its own and the new hours paid: the ledger of the
    // prestatie adds up to the 3 cheques it costs now, and no row was changed.
    let longer = ("09:00", "12:00", "15", "4");
    let done = correct(
        &sofie,
        (&id, "1"),
        longer,
        "Toch langer gewerkt, zegt de vzw.",
    )
    .await
    .unwrap();
    assert_eq!((done.balance, done.cheques_owed), (before - 3, 0));
    let (rows, used) = ledger_of(app, disputed).await;
    assert_eq!(
        rows,
        vec![
            ("prestatie".into(), -1, 1),
            ("refund".into(), 1, 1),
            ("prestatie".into(), -3, 2)
        ]
    );
    assert_eq!(rows.iter().map(|r| r.1).sum::<i64>(), -3);
    assert_eq!(used, 3);
    let wallet: app::cheques::Wallet = sofie
        .call("client_cheques", &[("client_id", &vzw.to_string())])
        .await
        .unwrap();
    assert_eq!(wallet.balance, before - 3);
    let remaining: i64 = wallet
        .batches
        .iter()
        .filter(|b| b.valid_until >= wallet.today)
        .map(|b| b.remaining)
        .sum();
    assert_eq!(
        remaining, wallet.balance,
        "the batches hold what the ledger says"
    );
    assert_eq!(kevin_in_november(&sofie).await, Some((165, 4, 1230, 0)));
    // A form opened before that correction (revision 1) is told it changed, and changes nothing.
    let stale = correct(&sofie, (&id, "1"), one_hour, "Oud formulier").await;
    assert_eq!(stale.unwrap_err(), (409, AppError::AlreadyDecided));
    assert_eq!(balance(&sofie, vzw).await, before - 3);
    assert_eq!(
        audit_detail(app, "prestatie_corrected", disputed)
            .await
            .len(),
        2
    );

    // A correction past the month's 60 hours changes nothing: Jozef has 9 x 6 u 30 this month;
    // one of them made 8 u 59 would be 60 u 59.
    let jozef: i64 = app
        .scalar(
            "SELECT MAX(e.id) FROM time_entry e JOIN worker w ON w.id = e.worker_id \
             WHERE w.first_name = 'Jozef' AND e.organisation_id = $1",
            app.a.organisation_id.0,
        )
        .await;
    let jozef_id = jozef.to_string();
    let refused = correct(
        &sofie,
        (&jozef_id, "0"),
        ("00:00", "08:59", "0", "0"),
        "Langer",
    )
    .await;
    assert!(
        matches!(refused, Err((422, AppError::Limit(_)))),
        "{refused:?}"
    );
    assert_eq!(
        app.entry_status(app::ids::EntryId(jozef)).await,
        "confirmed"
    );

    // Two bemiddelaars correct what they both saw at once: one correction lands, the other is
    // told it changed.
    let other = app.login("sofie@a.test").await;
    let (a, b) = tokio::join!(
        correct(
            &sofie,
            (&id, "2"),
            ("09:00", "11:00", "0", "4"),
            "Eerste versie"
        ),
        correct(
            &other,
            (&id, "2"),
            ("09:00", "10:30", "0", "4"),
            "Tweede versie"
        ),
    );
    let results = [a.is_ok(), b.is_ok()];
    assert_eq!(results.iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
    for r in [a, b] {
        if let Err(e) = r {
            assert_eq!(e, (409, AppError::AlreadyDecided));
        }
    }
    let (rows, _) = ledger_of(app, disputed).await;
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(rows.iter().map(|r| r.1).sum::<i64>(), -2);
    assert_eq!(balance(&sofie, vzw).await, before - 2);
}

pub async fn a_rejected_prestatie_frees_the_hours_and_refunds_its_cheques(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let disputed = app.a.entries.kevin_disputed;
    let id = disputed.to_string();
    let vzw = app.a.clients["vzw"];
    let before = balance(&sofie, vzw).await;
    // Confirmed on behalf first, so it was paid (3 cheques) and counts in the allowances.
    settle(&sofie, &id, "De vzw belde.").await.unwrap();
    assert_eq!(balance(&sofie, vzw).await, before - 3);
    assert_eq!(kevin_in_november(&sofie).await.map(|k| k.0), Some(150));
    let kevin = app.login("kevin@a.test").await;
    let hours = |day: app::workers::WorkerDay| day.usage.month_minutes;
    let month_before = hours(kevin.call("worker_day", &[]).await.unwrap());

    assert_eq!(
        reject(&sofie, (&id, "0"), "").await.unwrap_err(),
        (422, AppError::Invalid(Field::SettleReason))
    );
    reject(&sofie, (&id, "0"), "Niet gewerkt: de vzw was gesloten.")
        .await
        .unwrap();
    assert_eq!(app.entry_status(disputed).await, "rejected");
    assert_eq!(balance(&sofie, vzw).await, before);
    let (rows, used) = ledger_of(app, disputed).await;
    assert_eq!(
        rows,
        vec![("prestatie".into(), -3, 0), ("refund".into(), 3, 0)]
    );
    assert_eq!(used, 0);
    assert_eq!(kevin_in_november(&sofie).await, None);
    let detail = audit_detail(app, "prestatie_rejected", disputed).await;
    assert!(detail[0].contains("de vzw was gesloten"), "{detail:?}");
    assert!(detail[0].contains("refunded 3"), "{detail:?}");

    // Settled for good: not again, not corrected, not confirmed.
    assert_eq!(
        reject(&sofie, (&id, "0"), "Nog eens").await.unwrap_err(),
        (409, AppError::AlreadyDecided)
    );
    let refused = correct(&sofie, (&id, "0"), ("09:00", "10:00", "0", "0"), "Toch").await;
    assert_eq!(refused.unwrap_err(), (409, AppError::AlreadyDecided));
    assert_eq!(balance(&sofie, vzw).await, before);
    // The gebruiker sees it rejected among the decided ones.
    let vzw_user = app.login("vzw@a.test").await;
    let decided: Vec<app::time_entries::EntryLine> = {
        let page: app::clients::ClientOverview =
            vzw_user.call("client_overview", &[]).await.unwrap();
        page.recent
    };
    assert!(
        decided
            .iter()
            .any(|l| l.id == disputed && l.status == EntryStatus::Rejected)
    );
    // November's hours of Kevin no longer count it (the day is in November, the test's month
    // is December, so this month's figure is unchanged).
    assert_eq!(
        hours(kevin.call("worker_day", &[]).await.unwrap()),
        month_before
    );
    let counted = app
        .scalar(
            &format!(
                "SELECT COUNT(*) FROM time_entry WHERE id = $1 AND status IN {}",
                EntryStatus::COUNTED_SQL
            ),
            disputed.0,
        )
        .await;
    assert_eq!(counted, 0);
}

async fn confirm_all(
    user: &User,
    entries: &[app::ids::EntryId],
    reason: &str,
) -> Result<app::time_entries::ConfirmedAll, (u16, AppError)> {
    let body = serde_json::json!({ "entry_ids": entries, "reason": reason });
    user.call_json("confirm_all_on_behalf", &body).await
}

pub async fn simple_cases_are_confirmed_on_behalf_together(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let kevin = app.a.entries.kevin_disputed;
    let ahmed = app.a.entries.ahmed_submitted;
    let lien = app.a.entries.lien_submitted;
    // Maria and the school dispute theirs too: three in Te bekijken.
    for (who, entry) in [("maria@a.test", ahmed), ("school@a.test", lien)] {
        let user = app.login(who).await;
        let _: () = user
            .call(
                "dispute_entry",
                &[("entry_id", &entry.to_string()), ("reason", "Klopt niet")],
            )
            .await
            .unwrap();
    }
    let before: Vec<i64> = [
        app.a.clients["vzw"],
        app.a.clients["maria"],
        app.a.clients["school"],
    ]
    .into_iter()
    .map(|c| c.0)
    .collect();
    let balances = || async {
        let mut out = Vec::new();
        for c in &before {
            out.push(app.balance(app::ids::ClientId(*c)).await);
        }
        out
    };
    let start = balances().await;

    // Refused whole, and nothing changes: nothing chosen, no reason, a worker, another
    // organisation's prestatie among them.
    assert_eq!(
        confirm_all(&sofie, &[], "Gebeld").await.unwrap_err(),
        (422, AppError::Invalid(Field::Entries))
    );
    assert_eq!(
        confirm_all(&sofie, &[kevin, ahmed], "x").await.unwrap_err(),
        (422, AppError::Invalid(Field::SettleReason))
    );
    let worker = app.login("kevin@a.test").await;
    assert_eq!(
        confirm_all(&worker, &[kevin], "Gebeld")
            .await
            .unwrap_err()
            .0,
        403
    );
    let theirs = app.b.entries.kevin_disputed;
    assert_eq!(
        confirm_all(&sofie, &[kevin, theirs], "Gebeld")
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
    for entry in [kevin, ahmed, lien] {
        assert_eq!(app.entry_status(entry).await, "disputed");
    }
    assert_eq!(balances().await, start);

    // All three at once (one twice in the list): each paid once from its own gebruiker.
    let done = confirm_all(
        &sofie,
        &[kevin, ahmed, kevin, lien],
        "Alle drie gebeld: in orde.",
    )
    .await
    .unwrap();
    assert_eq!(done.confirmed, 3);
    for entry in [kevin, ahmed, lien] {
        assert_eq!(app.entry_status(entry).await, "confirmed");
        assert_eq!(app.payments(entry).await, 1);
    }
    // 2 u 30 = 3 cheques, 2 u = 2, 2 u = 2 (per started hour).
    let end = balances().await;
    let spent: Vec<i64> = start.iter().zip(&end).map(|(a, b)| a - b).collect();
    assert_eq!(spent, vec![3, 2, 2]);
    // Again: nothing left to confirm, nothing paid twice.
    let again = confirm_all(&sofie, &[kevin, ahmed, lien], "Nog eens")
        .await
        .unwrap();
    assert_eq!(again.confirmed, 0);
    assert_eq!(balances().await, end);
    assert!(queue(&sofie).await.unwrap().is_empty());
}
