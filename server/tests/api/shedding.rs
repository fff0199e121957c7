//! Load shedding: a rush past what the server lets work and wait is answered 503 with
//! `Retry-After` at once, and the phone's actions sent again after it are each counted once.

use std::time::{Duration, Instant};

use app::sync::{Action, ActionId, ActionKind, Batch, SyncAnswer};
use app::time_entries::Hours;
use server::shedding::Limits;

use crate::harness::{Request, TestApp, start};

const ACTIONS: u128 = 40;

fn id(n: u128) -> ActionId {
    ActionId(uuid::Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_5bed_0000 | n,
    ))
}

/// Hours entered afterwards on this morning's assignment: ten minutes every twelve from 00:30,
/// so none overlaps another.
fn entered(app: &TestApp, n: u128) -> Action {
    let morning = app::brussels::local(start())
        .date()
        .and_hms_opt(0, 30, 0)
        .unwrap()
        + chrono::Duration::minutes(12 * n as i64);
    Action {
        id: id(n),
        tapped_at_ms: start().timestamp_millis() - 60_000 + n as i64,
        kind: ActionKind::EnterHours {
            assignment_id: app.a.assignments.ahmed_maria,
            hours: Hours {
                date: morning.date(),
                start: morning.time(),
                end: morning.time() + chrono::Duration::minutes(10),
                pause_minutes: 0,
                km: 0,
                note: String::new(),
            },
        },
    }
}

fn body(action: &Action) -> String {
    let batch = Batch {
        sent_at_ms: start().timestamp_millis(),
        actions: vec![action.clone()],
    };
    serde_json::json!({ "batch": batch }).to_string()
}

pub async fn a_rush_is_answered_busy_at_once_and_every_action_counts_once(app: &TestApp) {
    // One at work and two in line: forty at once is a rush for this server.
    let busy = app
        .server_with_limits(Limits {
            at_work: 1,
            waiting: 2,
            max_wait: Duration::from_secs(10),
        })
        .await;
    let ahmed = app.login("ahmed@a.test").await;
    let worker = app.a.workers["ahmed"].0;
    let entries_before = app
        .scalar(
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1",
            worker,
        )
        .await;

    // Every action in a request of its own, all at once; a busy answer is sent again, as the
    // phone's outbox does (here without its seconds of back-off).
    let sends = (0..ACTIONS).map(|n| {
        let phone = ahmed.via(&busy);
        let action = entered(app, n);
        tokio::spawn(async move {
            let body = body(&action);
            let mut turned_away = Vec::new();
            loop {
                let sent = Instant::now();
                let answer = phone
                    .send(Request {
                        method: "POST",
                        path: "/api/sync",
                        html: false,
                        form: &[],
                        json: Some(&body),
                        headers: &[],
                    })
                    .await;
                if answer.status == 503 {
                    assert_eq!(answer.header("retry-after"), Some("1"), "{}", answer.body);
                    assert_eq!(
                        serde_json::from_str::<app::error::AppError>(&answer.body).unwrap(),
                        app::error::AppError::Busy
                    );
                    turned_away.push(sent.elapsed());
                    tokio::time::sleep(Duration::from_millis(20 + (n as u64 % 7) * 5)).await;
                    continue;
                }
                assert_eq!(answer.status, 200, "{}", answer.body);
                let answer: SyncAnswer = serde_json::from_str(&answer.body).unwrap();
                return (answer, turned_away);
            }
        })
    });
    let mut turned_away = Vec::new();
    for send in sends.collect::<Vec<_>>() {
        let (answer, busy_answers) = send.await.unwrap();
        assert_eq!(answer.results.len(), 1);
        assert_eq!(answer.results[0].problem, None, "the hours were accepted");
        turned_away.extend(busy_answers);
    }
    assert!(
        !turned_away.is_empty(),
        "forty at once is more than one at work and two waiting"
    );
    // Turned away from a full line, not after the ten seconds a place may be waited for.
    let slowest = turned_away.iter().max().unwrap();
    assert!(
        *slowest < Duration::from_secs(5),
        "a busy answer came after {slowest:?}"
    );

    // Each action counted once, however often it was sent; sent again now, nothing changes.
    let counted = |sql: &'static str| app.scalar(sql, worker);
    assert_eq!(
        counted("SELECT COUNT(*) FROM sync_action WHERE worker_id = $1").await,
        ACTIONS as i64
    );
    assert_eq!(
        counted("SELECT COUNT(*) FROM time_entry WHERE worker_id = $1").await,
        entries_before + ACTIONS as i64
    );
    for n in 0..ACTIONS {
        let again: SyncAnswer = ahmed
            .call_json(
                "sync",
                &serde_json::from_str::<serde_json::Value>(&body(&entered(app, n))).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(again.results[0].problem, None);
    }
    assert_eq!(
        counted("SELECT COUNT(*) FROM time_entry WHERE worker_id = $1").await,
        entries_before + ACTIONS as i64,
        "sent again, nothing doubled"
    );
}
