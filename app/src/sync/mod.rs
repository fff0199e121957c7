//! The phone's outbox and its delivery, exactly once.
//!
//! Every action a wijk-werker taps (Start, Pauze, Verder, Stop, Annuleren, hours entered
//! afterwards, Aanvaarden, Weigeren) is first recorded on the phone under a UUID (v7) the phone
//! makes, with the time of the tap, and shown at once. The phone sends what it holds to
//! [`sync`] whenever it can; the server applies each action once, in tap order, at the time of
//! the tap, and keeps its UUID in the same transaction as its effect, so a replay (a lost
//! answer, a second tab, the service worker's background sync) answers the first result.
//! An action the rules refuse is kept too, with its reason: the worker sees it and a
//! coordinator reviews it. Nothing vanishes silently.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{AssignmentId, EntryId};
use crate::time_entries::Hours;

#[cfg(feature = "hydrate")]
pub mod outbox;
pub mod pending;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// The UUID the phone gave an action: the key that makes a replay harmless.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(pub uuid::Uuid);

impl std::fmt::Display for ActionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// Which running clock an action is about: one the server named, or the one a Start still in
/// the outbox will make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockRef {
    Entry(EntryId),
    Start(ActionId),
}

/// What the worker tapped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActionKind {
    Start {
        assignment_id: AssignmentId,
    },
    Pause {
        clock: ClockRef,
    },
    Resume {
        clock: ClockRef,
    },
    Stop {
        clock: ClockRef,
        /// Record only what the month and year limits allow (after the worker saw the refusal).
        cap_at_limit: bool,
    },
    Cancel {
        clock: ClockRef,
    },
    EnterHours {
        assignment_id: AssignmentId,
        hours: Hours,
    },
    Accept {
        assignment_id: AssignmentId,
    },
    Decline {
        assignment_id: AssignmentId,
        reason: String,
    },
}

impl ActionKind {
    /// The name the database keeps (`sync_action.kind`).
    pub fn name(&self) -> &'static str {
        match self {
            ActionKind::Start { .. } => "start",
            ActionKind::Pause { .. } => "pause",
            ActionKind::Resume { .. } => "resume",
            ActionKind::Stop { .. } => "stop",
            ActionKind::Cancel { .. } => "cancel",
            ActionKind::EnterHours { .. } => "enter_hours",
            ActionKind::Accept { .. } => "accept",
            ActionKind::Decline { .. } => "decline",
        }
    }

    /// The running clock it is about, if any.
    pub fn clock(&self) -> Option<ClockRef> {
        match self {
            ActionKind::Pause { clock }
            | ActionKind::Resume { clock }
            | ActionKind::Stop { clock, .. }
            | ActionKind::Cancel { clock } => Some(*clock),
            _ => None,
        }
    }
}

/// One tap, as the phone recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    /// The tap on the phone's own clock (milliseconds since 1970).
    pub tapped_at_ms: i64,
    #[serde(flatten)]
    pub kind: ActionKind,
}

/// What the phone sends: its actions, oldest first, and its clock at the moment of sending
/// (the server measures the phone's offset with it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub sent_at_ms: i64,
    pub actions: Vec<Action>,
}

/// An action the server refused, and why: kept on the phone (and shown to the worker) until
/// they saw it. The service worker stores the same shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub action: Action,
    pub problem: AppError,
}

/// The most actions one sync takes (a week offline is far fewer); the phone sends more in turns.
pub const MAX_BATCH: usize = 200;

/// What a server under a rush tells the phone to wait before it sends again (`Retry-After`,
/// seconds; `server::shedding`).
pub const BUSY_RETRY_AFTER_SECS: u64 = 1;

/// How long the phone waits before it sends again after `failed` rounds in a row got no
/// answer (busy, or no network): 2 s, then doubling up to a minute, each wait drawn between
/// half and all of it (`random` in 0..1) so that phones turned away together do not come
/// back together; never less than the server's `Retry-After`.
pub fn send_again_after_ms(failed: u32, random: f64) -> u64 {
    // Whole numbers only: the phone's first download carries no float maths for this.
    let full: u64 = (2_000u64 << failed.saturating_sub(1).min(5)).min(60_000);
    let share = ((random * 1024.0) as u64).min(1024);
    let drawn = full / 2 + full / 2 * share / 1024;
    drawn.max(BUSY_RETRY_AFTER_SECS * 1000)
}

#[cfg(test)]
mod back_off_tests {
    use super::*;

    #[test]
    fn the_wait_grows_to_a_minute_is_jittered_and_never_below_retry_after() {
        assert_eq!(send_again_after_ms(1, 0.0), 1_000);
        assert_eq!(send_again_after_ms(1, 1.0), 2_000);
        assert_eq!(send_again_after_ms(2, 1.0), 4_000);
        assert_eq!(send_again_after_ms(3, 0.5), 6_000);
        assert_eq!(send_again_after_ms(6, 1.0), 60_000);
        assert_eq!(send_again_after_ms(1_000, 1.0), 60_000);
        assert_eq!(send_again_after_ms(1_000, 0.0), 30_000);
        for failed in 0..40 {
            let w = send_again_after_ms(failed, 0.37);
            assert!((1_000..=60_000).contains(&w), "{failed}: {w}");
        }
    }
}

/// What became of one action. The same answer every time it is sent again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionResult {
    pub id: ActionId,
    /// The prestatie it made or changed, if any (a Start's clock, hours entered).
    pub entry_id: Option<EntryId>,
    /// Why the rules refused it, if they did (kept, and in the coordinator's review queue).
    pub problem: Option<AppError>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncAnswer {
    pub server_now_ms: i64,
    pub results: Vec<ActionResult>,
}

/// Deliver the phone's actions. Each is applied once; a replay answers the first result.
/// JSON in: the service worker's background sync posts the outbox as it is stored.
#[server(prefix = "/api", endpoint = "sync", input = leptos::server_fn::codec::Json, output = crate::wire::Json)]
pub async fn sync(batch: Batch) -> Result<SyncAnswer, AppError> {
    crate::error::finish(
        async {
            let (ctx, db) = crate::request::context().await?;
            service::sync(&ctx, &db, batch).await
        }
        .await,
    )
}

/// A refused phone action, for the coordinator's review queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedAction {
    pub id: ActionId,
    pub worker_name: String,
    pub kind: String,
    pub tapped_at_ms: i64,
    pub received_at_ms: i64,
    pub problem: AppError,
}

/// A bemiddelaar handled a refused phone action: it leaves Te bekijken.
#[server(prefix = "/api", endpoint = "handle_refusal", output = crate::wire::Json)]
pub async fn handle_refusal(action_id: ActionId) -> Result<(), AppError> {
    crate::write_case!(service::handle_refusal, action_id)
}

/// The organisation's refused phone actions nobody reviewed yet, oldest first.
#[server(prefix = "/api", endpoint = "refused_actions", output = crate::wire::Json)]
pub async fn refused_actions() -> Result<Vec<RefusedAction>, AppError> {
    crate::read_case!(service::refused_actions)
}
