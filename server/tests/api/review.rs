//! Te bekijken: a disputed prestatie is settled by a bemiddelaar of its organisation, on behalf
//! of the gebruiker and with a reason; it is paid once, audited, and then counts as confirmed.

use app::allowances::AllowanceMonth;
use app::error::{AppError, Field};
use app::time_entries::{Confirmed, EntryStatus, ReviewItem};

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
        .find(|l| l.work.first_name == "Kevin")
        .unwrap();
    assert_eq!((kevin.work.minutes, kevin.hours_cents), (150, 1025));
}
