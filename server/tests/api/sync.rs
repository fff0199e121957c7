//! The phone's outbox: actions recorded offline arrive exactly once, at the time of the tap,
//! in tap order; what the rules refuse on arrival is kept for the worker and the coordinator.

use app::audit::Action as Audited;
use app::error::{AppError, Field};
use app::ids::{EntryId, WorkerId};
use app::sync::{
    Action, ActionId, ActionKind, ActionResult, Batch, ClockRef, MAX_BATCH, RefusedAction,
    SyncAnswer,
};
use app::time_entries::Hours;
use chrono::{DateTime, Duration, Utc};

use crate::harness::{Rng, TestApp, User, start};

/// A UUID v7-shaped id, numbered for the test.
fn id(n: u128) -> ActionId {
    ActionId(uuid::Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_0000_0000 | n,
    ))
}

/// The phone's clock: `behind` the server's.
struct Phone {
    behind: Duration,
}

impl Phone {
    fn ms(&self, server_time: DateTime<Utc>) -> i64 {
        (server_time - self.behind).timestamp_millis()
    }

    fn tap(&self, n: u128, at: DateTime<Utc>, kind: ActionKind) -> Action {
        Action {
            id: id(n),
            tapped_at_ms: self.ms(at),
            kind,
        }
    }

    async fn send(
        &self,
        app: &TestApp,
        user: &User,
        actions: &[Action],
    ) -> Result<SyncAnswer, (u16, AppError)> {
        let batch = Batch {
            sent_at_ms: self.ms(app.clock.now()),
            actions: actions.to_vec(),
        };
        user.call_json("sync", &serde_json::json!({ "batch": batch }))
            .await
    }
}

const RIGHT: Phone = Phone {
    behind: Duration::zero(),
};

fn problems(answer: &SyncAnswer) -> Vec<Option<AppError>> {
    answer.results.iter().map(|r| r.problem.clone()).collect()
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    app.scalar(sql, id).await
}

async fn entries_of(app: &TestApp, worker: WorkerId) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1",
        worker.0,
    )
    .await
}

async fn audited(app: &TestApp, action: Audited, entry: EntryId) -> i64 {
    let mut conn = app.db.conn().await.unwrap();
    app::audit::count(conn.c(), action, Some(entry.0))
        .await
        .unwrap()
}

/// (started_at, ended_at, pause, minutes, status) of a prestatie.
async fn entry_row(
    app: &TestApp,
    entry: EntryId,
) -> (
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
    Option<i64>,
    String,
) {
    let mut conn = app.db.conn().await.unwrap();
    app::on!(conn.c(), c => sqlx::query_as(
        "SELECT started_at, ended_at, pause_minutes, minutes, status FROM time_entry WHERE id = $1")
        .bind(entry).fetch_one(c).await)
    .unwrap()
}

pub async fn an_offline_morning_arrives_once_at_its_tap_times(app: &TestApp) {
    let ahmed_id = app.a.workers["ahmed"];
    let ahmed = app.login("ahmed@a.test").await;
    let assignment = app.a.assignments.ahmed_maria;
    let before = entries_of(app, ahmed_id).await;
    // A cheap phone whose clock is an hour behind: the server corrects it with the offset it
    // measures at the sync.
    let phone = Phone {
        behind: Duration::hours(1),
    };
    let t0 = start();
    let start_id = id(1);
    let clock = ClockRef::Start(start_id);
    let morning = vec![
        phone.tap(
            1,
            t0,
            ActionKind::Start {
                assignment_id: assignment,
            },
        ),
        phone.tap(2, t0 + Duration::minutes(60), ActionKind::Pause { clock }),
        phone.tap(3, t0 + Duration::minutes(75), ActionKind::Resume { clock }),
        phone.tap(
            4,
            t0 + Duration::minutes(182),
            ActionKind::Stop {
                clock,
                cap_at_limit: false,
            },
        ),
    ];
    // Back in reception at 13:00; the outbox is sent in a shuffled order: tap order counts.
    app.advance(Duration::hours(4));
    let mut shuffled = morning.clone();
    shuffled.reverse();
    let first = phone.send(app, &ahmed, &shuffled).await.unwrap();
    assert_eq!(problems(&first), vec![None, None, None, None]);
    assert_eq!(
        first.results.iter().map(|r| r.id).collect::<Vec<_>>(),
        morning.iter().map(|a| a.id).collect::<Vec<_>>(),
        "answered in tap order"
    );
    let entry = first.results[0]
        .entry_id
        .expect("the Start made a prestatie");
    assert!(first.results.iter().all(|r| r.entry_id == Some(entry)));
    // Stop at 12:02 offline is 12:02, not the time of the sync; the pause does not count.
    assert_eq!(
        entry_row(app, entry).await,
        (
            t0,
            Some(t0 + Duration::minutes(182)),
            15,
            Some(182 - 15),
            "submitted".to_string()
        )
    );

    // The answer got lost; the phone sends everything again, later: the same answers, once.
    app.advance(Duration::minutes(5));
    let again = phone.send(app, &ahmed, &morning).await.unwrap();
    assert_eq!(again.results, first.results);
    assert_eq!(entries_of(app, ahmed_id).await, before + 1);
    for action in [
        Audited::ClockStart,
        Audited::ClockPause,
        Audited::ClockResume,
        Audited::ClockStop,
    ] {
        assert_eq!(audited(app, action, entry).await, 1, "{action:?}");
    }
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM sync_action WHERE worker_id = $1",
            ahmed_id.0
        )
        .await,
        4
    );

    // An offer answered offline arrives the same way.
    let kevin = app.login("kevin@a.test").await;
    let offer = app.a.assignments.kevin_roger;
    let accept = RIGHT.tap(
        10,
        app.clock.now() - Duration::minutes(30),
        ActionKind::Accept {
            assignment_id: offer,
        },
    );
    for _ in 0..2 {
        let answer = RIGHT
            .send(app, &kevin, std::slice::from_ref(&accept))
            .await
            .unwrap();
        assert_eq!(problems(&answer), vec![None]);
    }
    let mut conn = app.db.conn().await.unwrap();
    assert_eq!(
        app::audit::count(conn.c(), Audited::OfferAccepted, Some(offer.0))
            .await
            .unwrap(),
        1
    );
}

pub async fn one_outbox_from_two_tabs_and_two_servers_at_once_counts_once(app: &TestApp) {
    let ahmed_id = app.a.workers["ahmed"];
    let ahmed = app.login("ahmed@a.test").await;
    let other = app.second_server().await;
    let tab_two = ahmed.via(&other);
    let before = entries_of(app, ahmed_id).await;
    let t0 = start();
    let clock = ClockRef::Start(id(1));
    let outbox = vec![
        RIGHT.tap(
            1,
            t0,
            ActionKind::Start {
                assignment_id: app.a.assignments.ahmed_maria,
            },
        ),
        RIGHT.tap(
            2,
            t0 + Duration::minutes(45),
            ActionKind::Stop {
                clock,
                cap_at_limit: false,
            },
        ),
    ];
    app.advance(Duration::hours(1));
    for round in 0..3 {
        let (one, two) = tokio::join!(
            RIGHT.send(app, &ahmed, &outbox),
            RIGHT.send(app, &tab_two, &outbox)
        );
        let (one, two) = (one.unwrap(), two.unwrap());
        assert_eq!(one.results, two.results, "round {round}");
        assert_eq!(problems(&one), vec![None, None]);
    }
    assert_eq!(entries_of(app, ahmed_id).await, before + 1);
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM time_entry WHERE worker_id = $1 AND minutes = 45",
            ahmed_id.0
        )
        .await,
        1
    );

    // The server went down between its commit and its answer: a restarted process (here the
    // other one) answers the replay from what was committed.
    let answer = RIGHT.send(app, &tab_two, &outbox).await.unwrap();
    assert_eq!(problems(&answer), vec![None, None]);
    assert_eq!(entries_of(app, ahmed_id).await, before + 1);
}

pub async fn refused_and_suspect_actions_are_kept_for_worker_and_coordinator(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let ahmed = app.login("ahmed@a.test").await;
    let offer = app.a.assignments.kevin_roger;
    let now = app.clock.now();

    // Kevin declined offline; meanwhile (online, on another phone) he had accepted.
    let _: () = kevin
        .call("accept_offer", &[("assignment_id", &offer.to_string())])
        .await
        .unwrap();
    let decline = RIGHT.tap(
        1,
        now,
        ActionKind::Decline {
            assignment_id: offer,
            reason: String::new(),
        },
    );
    let answer = RIGHT
        .send(app, &kevin, std::slice::from_ref(&decline))
        .await
        .unwrap();
    assert_eq!(problems(&answer), vec![Some(AppError::OfferNotOpen)]);
    let replay = RIGHT.send(app, &kevin, &[decline]).await.unwrap();
    assert_eq!(replay.results, answer.results);

    // A tap from eight days ago, and one from a phone whose clock jumped back between tap and
    // send (the tap lies after the send): kept, not applied.
    let assignment = app.a.assignments.ahmed_maria;
    let old = RIGHT.tap(
        2,
        now - Duration::days(8),
        ActionKind::Start {
            assignment_id: assignment,
        },
    );
    let mut future = RIGHT.tap(
        3,
        now,
        ActionKind::Start {
            assignment_id: assignment,
        },
    );
    future.tapped_at_ms += 10 * 60 * 1000;
    // A Pause of a clock whose Start was refused finds nothing running.
    let pause = RIGHT.tap(
        4,
        now + Duration::minutes(1),
        ActionKind::Pause {
            clock: ClockRef::Start(id(2)),
        },
    );
    app.advance(Duration::minutes(2));
    let answer = RIGHT
        .send(app, &ahmed, &[old, future, pause])
        .await
        .unwrap();
    assert_eq!(
        problems(&answer),
        vec![
            Some(AppError::TapTime),
            Some(AppError::NotRunning),
            Some(AppError::TapTime)
        ]
    );
    let day: app::workers::WorkerDay = ahmed.call("worker_day", &[]).await.unwrap();
    assert!(day.running.is_none(), "nothing refused was applied");

    // The coordinator's review queue holds all four, with who and why; organisation B's none.
    let sofie = app.login("sofie@a.test").await;
    let queue: Vec<RefusedAction> = sofie.call("refused_actions", &[]).await.unwrap();
    let mut seen: Vec<(String, String, AppError)> = queue
        .into_iter()
        .map(|r| (r.worker_name, r.kind, r.problem))
        .collect();
    seen.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    let mut expected = vec![
        ("Kevin".to_string(), "decline", AppError::OfferNotOpen),
        ("Ahmed".to_string(), "start", AppError::TapTime),
        ("Ahmed".to_string(), "start", AppError::TapTime),
        ("Ahmed".to_string(), "pause", AppError::NotRunning),
    ];
    expected.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(seen.len(), expected.len());
    for ((name, kind, problem), (first, want_kind, want)) in seen.iter().zip(&expected) {
        assert!(name.starts_with(first.as_str()), "{name}");
        assert_eq!((kind.as_str(), problem), (*want_kind, want));
    }
    let other = app.login("sofie@b.test").await;
    let queue: Vec<RefusedAction> = other.call("refused_actions", &[]).await.unwrap();
    assert!(queue.is_empty());
    assert_eq!(
        kevin
            .call::<Vec<RefusedAction>>("refused_actions", &[])
            .await
            .unwrap_err()
            .0,
        403
    );

    // Afgehandeld: one leaves the queue, audited; not by a worker, not by organisation B, and
    // not twice.
    let queue: Vec<RefusedAction> = sofie.call("refused_actions", &[]).await.unwrap();
    let first = queue[0].id.to_string();
    assert_eq!(handle(&kevin, &first).await.unwrap_err().0, 403);
    assert_eq!(handle(&other, &first).await.unwrap_err().0, 404);
    handle(&sofie, &first).await.unwrap();
    assert_eq!(handle(&sofie, &first).await.unwrap_err().0, 404);
    let left: Vec<RefusedAction> = sofie.call("refused_actions", &[]).await.unwrap();
    assert_eq!(left.len(), queue.len() - 1);
    assert!(left.iter().all(|r| r.id != queue[0].id));
    let audited = app
        .scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'phone_action_handled' \
             AND organisation_id = $1",
            app.a.organisation_id.0,
        )
        .await;
    assert_eq!(audited, 1);

    // Only a wijk-werker syncs; a batch too big is refused whole and stores nothing.
    assert_eq!(RIGHT.send(app, &sofie, &[]).await.unwrap_err().0, 403);
    let many: Vec<Action> = (0..=MAX_BATCH as u128)
        .map(|n| {
            RIGHT.tap(
                100 + n,
                app.clock.now(),
                ActionKind::Accept {
                    assignment_id: offer,
                },
            )
        })
        .collect();
    assert_eq!(
        RIGHT.send(app, &kevin, &many).await.unwrap_err(),
        (422, AppError::Invalid(Field::Form))
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM sync_action WHERE organisation_id = $1",
            app.a.organisation_id.0
        )
        .await,
        4
    );
}

/// A random outbox of a worker's day: Starts, Pauses, Resumes, Stops, Cancels and hours entered
/// afterwards, in any order (so many are refused), a few minutes apart.
fn random_outbox(rng: &mut Rng, seed: u64, app: &TestApp) -> Vec<Action> {
    let assignment = app.a.assignments.ahmed_maria;
    let mut at = start();
    let mut last_start: Option<ActionId> = None;
    let length = 3 + rng.below(9);
    (0..length)
        .map(|n| {
            at += Duration::minutes(1 + rng.below(90) as i64);
            let n = (seed as u128) << 16 | n as u128;
            let clock = match (last_start, rng.below(6)) {
                (_, 0) => ClockRef::Entry(EntryId(1_000_000)),
                (Some(s), _) => ClockRef::Start(s),
                (None, _) => ClockRef::Start(id(n ^ 0xffff)),
            };
            let kind = match rng.below(7) {
                0 | 1 => {
                    last_start = Some(id(n));
                    ActionKind::Start {
                        assignment_id: assignment,
                    }
                }
                2 => ActionKind::Pause { clock },
                3 => ActionKind::Resume { clock },
                4 => ActionKind::Stop {
                    clock,
                    cap_at_limit: rng.below(2) == 0,
                },
                5 => ActionKind::Cancel { clock },
                _ => {
                    let local = app::brussels::local(at - Duration::minutes(30));
                    ActionKind::EnterHours {
                        assignment_id: assignment,
                        hours: Hours {
                            date: local.date(),
                            start: local.time(),
                            end: local.time() + Duration::minutes(20),
                            pause_minutes: 0,
                            km: rng.below(3) as i64,
                            note: String::new(),
                        },
                    }
                }
            };
            RIGHT.tap(n, at, kind)
        })
        .collect()
}

type ActionRow = (
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    DateTime<Utc>,
);

/// What the outbox left in the database, without the ids the database chose.
async fn state(app: &TestApp, worker: WorkerId) -> (Vec<String>, Vec<String>, Vec<i64>) {
    let mut conn = app.db.conn().await.unwrap();
    type EntryRow = (
        i64,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        i64,
        Option<i64>,
        i64,
        String,
        String,
    );
    let entries: Vec<EntryRow> = app::on!(conn.c(), c => sqlx::query_as(
        "SELECT id, started_at, ended_at, pause_minutes, minutes, km, status, source \
         FROM time_entry WHERE worker_id = $1 AND started_at >= $2 ORDER BY started_at, id")
        .bind(worker).bind(start()).fetch_all(c).await)
    .unwrap();
    let started: std::collections::HashMap<i64, DateTime<Utc>> =
        entries.iter().map(|e| (e.0, e.1)).collect();
    let actions: Vec<ActionRow> = app::on!(conn.c(), c => sqlx::query_as(
        "SELECT id, kind, outcome, problem, entry_id, tapped_at FROM sync_action \
         WHERE worker_id = $1 ORDER BY id")
        .bind(worker).fetch_all(c).await)
    .unwrap();
    let mut audit = Vec::new();
    for action in [
        Audited::ClockStart,
        Audited::ClockPause,
        Audited::ClockResume,
        Audited::ClockStop,
        Audited::ClockCancel,
        Audited::EntryEntered,
    ] {
        let n: i64 = app::on!(conn.c(), c => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = $1")
            .bind(action).fetch_one(c).await)
        .unwrap();
        audit.push(n);
    }
    (
        entries
            .iter()
            .map(|e| format!("{:?}", (&e.1, &e.2, e.3, e.4, e.5, &e.6, &e.7)))
            .collect(),
        actions
            .iter()
            .map(|a| {
                // The prestatie by its start time (a cancelled one is gone).
                let entry = a.4.map(|e| started.get(&e).copied());
                format!("{:?}", (&a.0, &a.1, &a.2, &a.3, entry, a.5))
            })
            .collect(),
        audit,
    )
}

async fn forget_outbox(app: &TestApp, worker: WorkerId) {
    app.execute("DELETE FROM sync_action WHERE worker_id = $1", worker.0)
        .await
        .unwrap();
    app.execute(
        "DELETE FROM time_entry WHERE worker_id = $1 AND started_at >= '2026-12-01'",
        worker.0,
    )
    .await
    .unwrap();
}

pub async fn random_replays_end_as_if_each_action_arrived_once(app: &TestApp) {
    let ahmed_id = app.a.workers["ahmed"];
    let ahmed = app.login("ahmed@a.test").await;
    let cases: u64 = std::env::var("SYNC_PROPERTY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let base_seed: u64 = std::env::var("SYNC_PROPERTY_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed);
    // Late enough that every tap lies in the past, early enough that none is a week old.
    app.advance(Duration::hours(20));
    for case in 0..cases {
        let seed = base_seed + case;
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let outbox = random_outbox(&mut rng, seed, app);

        // Each action once, in tap order.
        let audit_before = state(app, ahmed_id).await.2;
        let once = RIGHT.send(app, &ahmed, &outbox).await.unwrap();
        let expected = state(app, ahmed_id).await;
        forget_outbox(app, ahmed_id).await;

        // The same outbox as a phone with lost answers sends it: 1 to 5 times, each time what
        // it holds so far (a growing prefix), shuffled, with duplicates; the last time all.
        let sends = 1 + rng.below(5);
        let mut answers: std::collections::HashMap<ActionId, ActionResult> = Default::default();
        for send in 0..sends {
            let upto = if send + 1 == sends {
                outbox.len()
            } else {
                1 + rng.below(outbox.len() as u64) as usize
            };
            let mut batch: Vec<Action> = outbox[..upto].to_vec();
            for _ in 0..rng.below(4) {
                let dup = batch[rng.below(batch.len() as u64) as usize].clone();
                batch.push(dup);
            }
            for i in (1..batch.len()).rev() {
                batch.swap(i, rng.below(i as u64 + 1) as usize);
            }
            let answer = RIGHT.send(app, &ahmed, &batch).await.unwrap();
            for r in answer.results {
                if let Some(first) = answers.get(&r.id) {
                    assert_eq!(
                        first.problem, r.problem,
                        "seed {seed}: a replay answers the first result"
                    );
                }
                answers.insert(r.id, r);
            }
        }
        let replayed = state(app, ahmed_id).await;
        assert_eq!(replayed.0, expected.0, "seed {seed}: prestaties");
        assert_eq!(replayed.1, expected.1, "seed {seed}: delivered actions");
        let once_delta: Vec<i64> = expected
            .2
            .iter()
            .zip(&audit_before)
            .map(|(a, b)| a - b)
            .collect();
        let replay_delta: Vec<i64> = replayed
            .2
            .iter()
            .zip(&expected.2)
            .map(|(a, b)| a - b)
            .collect();
        assert_eq!(replay_delta, once_delta, "seed {seed}: audit lines");
        let problems_once: Vec<_> = once
            .results
            .iter()
            .map(|r| (r.id, r.problem.clone()))
            .collect();
        for (id, problem) in problems_once {
            assert_eq!(answers[&id].problem, problem, "seed {seed}");
        }
        forget_outbox(app, ahmed_id).await;
    }
}

async fn handle(user: &User, action: &str) -> Result<(), (u16, AppError)> {
    user.call("handle_refusal", &[("action_id", action)]).await
}

/// A batch that does not parse (cut off by a bad connection, or tampered with) is bad input:
/// 422 and nothing stored, not a server failure (found by `make fuzz`).
pub async fn a_batch_that_does_not_parse_is_refused_as_bad_input(app: &TestApp) {
    let kevin = app.login("kevin@a.test").await;
    let before = count(
        app,
        "SELECT COUNT(*) FROM sync_action WHERE id IS NOT NULL AND $1 = $1",
        0,
    )
    .await;
    for body in [
        serde_json::json!({ "batch": { "sent_at_ms": 1, "actions": [{ "kind": { "Start": {} } }] } }),
        serde_json::json!({ "batch": "not a batch" }),
        serde_json::json!({}),
    ] {
        let answer = kevin.post_json("sync", &body).await;
        assert_eq!(answer.status, 422, "{body}: {}", answer.body);
    }
    let cut = kevin
        .send(crate::harness::Request {
            method: "POST",
            path: "/api/sync",
            html: false,
            form: &[],
            json: Some("{\"batch\": {\"sent_at_ms\": 17645"),
            headers: &[],
        })
        .await;
    assert_eq!(cut.status, 422, "{}", cut.body);
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM sync_action WHERE id IS NOT NULL AND $1 = $1",
            0
        )
        .await,
        before
    );
}
