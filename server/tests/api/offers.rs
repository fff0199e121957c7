//! Offers: an assignment offered to one worker, who accepts or declines it once.

use app::audit::Action;
use app::error::{AppError, Field};
use app::ids::AssignmentId;
use app::workers::WorkerDay;

use crate::harness::{TestApp, User};

async fn accept(user: &User, offer: AssignmentId) -> Result<(), (u16, AppError)> {
    user.call("accept_offer", &[("assignment_id", &offer.to_string())])
        .await
}

async fn decline(user: &User, offer: AssignmentId, reason: &str) -> Result<(), (u16, AppError)> {
    user.call(
        "decline_offer",
        &[("assignment_id", &offer.to_string()), ("reason", reason)],
    )
    .await
}

async fn status(app: &TestApp, offer: AssignmentId) -> String {
    let mut conn = app.db.conn().await.unwrap();
    app::on!(conn.c(), c => sqlx::query_scalar::<_, String>("SELECT status FROM assignment WHERE id = $1")
        .bind(offer).fetch_one(c).await)
    .unwrap()
}

pub async fn a_worker_accepts_an_offer_once(app: &TestApp) {
    let offer = app.a.assignments.kevin_roger;
    let kevin = app.login("kevin@a.test").await;
    let day: WorkerDay = kevin.call("worker_day", &[]).await.unwrap();
    assert_eq!(
        day.offers.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![offer]
    );
    accept(&kevin, offer).await.unwrap();
    assert_eq!(status(app, offer).await, "accepted");
    let day: WorkerDay = kevin.call("worker_day", &[]).await.unwrap();
    assert!(day.offers.is_empty());
    assert_eq!(
        accept(&kevin, offer).await.unwrap_err(),
        (409, AppError::OfferNotOpen)
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM assignment WHERE id = $1 AND answered_by IS NOT NULL \
             AND answered_at IS NOT NULL",
            offer.0
        )
        .await,
        1
    );
    let mut conn = app.db.conn().await.unwrap();
    assert_eq!(
        app::audit::count(conn.c(), Action::OfferAccepted, Some(offer.0))
            .await
            .unwrap(),
        1
    );
}

pub async fn a_worker_declines_an_offer_with_or_without_a_reason(app: &TestApp) {
    let offer = app.a.assignments.fatima_gemeente;
    let fatima = app.login("fatima@a.test").await;
    let too_long = "x".repeat(501);
    assert_eq!(
        decline(&fatima, offer, &too_long).await.unwrap_err(),
        (422, AppError::Invalid(Field::DeclineReason))
    );
    assert_eq!(status(app, offer).await, "offered");
    decline(&fatima, offer, "  Dan moet ik naar de dokter  ")
        .await
        .unwrap();
    assert_eq!(status(app, offer).await, "declined");
    let mut conn = app.db.conn().await.unwrap();
    let reason: Option<String> = app::on!(conn.c(), c => sqlx::query_scalar(
        "SELECT decline_reason FROM assignment WHERE id = $1").bind(offer).fetch_one(c).await)
    .unwrap();
    assert_eq!(reason.as_deref(), Some("Dan moet ik naar de dokter"));
    assert_eq!(
        app::audit::count(conn.c(), Action::OfferDeclined, Some(offer.0))
            .await
            .unwrap(),
        1
    );
    drop(conn);
    // Without a reason is fine too (organisation B's Fatima).
    let fatima_b = app.login("fatima@b.test").await;
    decline(&fatima_b, app.b.assignments.fatima_gemeente, "")
        .await
        .unwrap();
    assert_eq!(
        status(app, app.b.assignments.fatima_gemeente).await,
        "declined"
    );
}

pub async fn an_offer_is_answered_only_by_its_worker_while_it_is_open(app: &TestApp) {
    let offer = app.a.assignments.kevin_roger;
    // Another worker, of this organisation or another, does not see it; a gebruiker may not.
    let ahmed = app.login("ahmed@a.test").await;
    assert_eq!(
        accept(&ahmed, offer).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let kevin_b = app.login("kevin@b.test").await;
    assert_eq!(
        decline(&kevin_b, offer, "").await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let roger = app.login("roger@a.test").await;
    assert_eq!(
        accept(&roger, offer).await.unwrap_err(),
        (403, AppError::Forbidden)
    );
    assert_eq!(status(app, offer).await, "offered");

    // Withdrawn by the coordinator meanwhile (their screen comes later: a fixture here).
    app.execute(
        "UPDATE assignment SET status = 'cancelled' WHERE id = $1",
        offer.0,
    )
    .await
    .unwrap();
    let kevin = app.login("kevin@a.test").await;
    assert_eq!(
        accept(&kevin, offer).await.unwrap_err(),
        (409, AppError::OfferNotOpen)
    );
    // Given to someone else meanwhile: no longer Kevin's.
    let other = app.a.assignments.fatima_gemeente;
    app.execute(
        &format!(
            "UPDATE assignment SET worker_id = {} WHERE id = $1",
            app.a.workers["lien"]
        ),
        other.0,
    )
    .await
    .unwrap();
    let fatima = app.login("fatima@a.test").await;
    assert_eq!(
        accept(&fatima, other).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    assert_eq!(status(app, other).await, "offered");
}

pub async fn two_devices_answering_one_offer_at_once_one_wins(app: &TestApp) {
    let offer = app.a.assignments.kevin_roger;
    let phone = app.login("kevin@a.test").await;
    let tablet = app.login("kevin@a.test").await;
    let (a, b) = tokio::join!(accept(&phone, offer), decline(&tablet, offer, "toch niet"));
    let outcomes = [a.clone(), b.clone()];
    assert_eq!(
        outcomes.iter().filter(|r| r.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    let loser = outcomes.iter().find_map(|r| r.clone().err()).unwrap();
    assert_eq!(loser, (409, AppError::OfferNotOpen));
    let winner = if a.is_ok() { "accepted" } else { "declined" };
    assert_eq!(status(app, offer).await, winner);
    let mut conn = app.db.conn().await.unwrap();
    let answers = app::audit::count(conn.c(), Action::OfferAccepted, Some(offer.0))
        .await
        .unwrap()
        + app::audit::count(conn.c(), Action::OfferDeclined, Some(offer.0))
            .await
            .unwrap();
    assert_eq!(answers, 1);
}
