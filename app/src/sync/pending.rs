//! What the phone shows while actions wait in the outbox: the last day the server sent, with
//! the worker's pending taps applied on top, so a Start offline shows a running timer at once
//! and an answered offer moves at once. Pure, so it is tested like the rules; the server
//! decides in the end (a refused action comes back with its reason).

use super::{Action, ActionKind, ClockRef};
use crate::assignments::{AssignmentCard, AssignmentStatus, MyAssignments};
use crate::ids::{AssignmentId, EntryId};
use crate::rules;
use crate::time_entries::RunningClock;
use crate::workers::WorkerDay;

/// The day as shown: the server's, with the pending taps applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownDay {
    pub day: WorkerDay,
    /// The running clock as the next action names it (a Start still in the outbox has no
    /// server id yet).
    pub clock: Option<ClockRef>,
}

/// Apply `pending` (oldest first) to `day`. `offset_ms` is the server's clock minus the phone's:
/// tap times are the phone's.
pub fn apply(mut day: WorkerDay, pending: &[Action], offset_ms: i64) -> ShownDay {
    let mut clock = day.running.as_ref().map(|r| ClockRef::Entry(r.entry_id));
    for action in pending {
        let at = action.tapped_at_ms + offset_ms;
        let ours = action.kind.clock().is_some_and(|c| Some(c) == clock);
        match &action.kind {
            ActionKind::Start { assignment_id } if day.running.is_none() => {
                let Some(card) = find(&day.assignments, *assignment_id) else {
                    continue;
                };
                day.running = Some(started(card, at, day.reminder_minutes));
                clock = Some(ClockRef::Start(action.id));
            }
            ActionKind::Pause { .. } if ours => {
                if let Some(r) = day.running.as_mut().filter(|r| r.paused_since_ms.is_none()) {
                    r.paused_since_ms = Some(at);
                }
            }
            ActionKind::Resume { .. } if ours => {
                if let Some(r) = day.running.as_mut() {
                    r.pause_minutes =
                        rules::pause_minutes_at(r.pause_minutes, r.paused_since_ms, at);
                    r.paused_since_ms = None;
                }
            }
            ActionKind::Stop { .. } if ours => {
                if let Some(r) = day.running.take() {
                    let minutes = rules::clocked_minutes(r.worked_ms(at) / 1000);
                    day.usage.month_minutes += minutes;
                    day.usage.year_minutes += minutes;
                }
                clock = None;
            }
            ActionKind::Cancel { .. } if ours => {
                day.running = None;
                clock = None;
            }
            ActionKind::Accept { assignment_id } => {
                if let Some(mut card) = take(&mut day.offers, *assignment_id) {
                    card.status = AssignmentStatus::Accepted;
                    if card.planned_date == day.today {
                        day.assignments.push(card);
                    }
                }
            }
            ActionKind::Decline { assignment_id, .. } => {
                take(&mut day.offers, *assignment_id);
            }
            _ => {}
        }
    }
    ShownDay { day, clock }
}

/// Opdrachten with the pending answers applied: accepted offers move to what is coming,
/// declined ones disappear.
pub fn apply_to_assignments(mut mine: MyAssignments, pending: &[Action]) -> MyAssignments {
    for action in pending {
        match &action.kind {
            ActionKind::Accept { assignment_id } => {
                if let Some(mut card) = take(&mut mine.offers, *assignment_id) {
                    card.status = AssignmentStatus::Accepted;
                    mine.upcoming.push(card);
                    mine.upcoming
                        .sort_by_key(|c| (c.planned_date, c.planned_start));
                }
            }
            ActionKind::Decline { assignment_id, .. } => {
                take(&mut mine.offers, *assignment_id);
            }
            _ => {}
        }
    }
    mine
}

fn find(cards: &[AssignmentCard], id: AssignmentId) -> Option<&AssignmentCard> {
    cards.iter().find(|c| c.id == id)
}

fn take(cards: &mut Vec<AssignmentCard>, id: AssignmentId) -> Option<AssignmentCard> {
    let at = cards.iter().position(|c| c.id == id)?;
    Some(cards.remove(at))
}

/// The clock a pending Start shows: from the tap, with the reminder the server would set.
fn started(card: &AssignmentCard, at_ms: i64, reminder_minutes: i64) -> RunningClock {
    let planned_start = card
        .planned_start
        .map(|t| crate::brussels::instant_ms(card.planned_date, t));
    let planned_end = rules::planned_end_ms(planned_start, card.planned_minutes, at_ms);
    let local = |ms: i64| crate::brussels::local_time(crate::brussels::from_ms(ms));
    RunningClock {
        // Not known until the server applied the Start; the screen names it by the Start.
        entry_id: EntryId(0),
        assignment_id: card.id,
        started_at_ms: at_ms,
        started_local: local(at_ms),
        pause_minutes: 0,
        paused_since_ms: None,
        planned_end_local: local(planned_end),
        remind_at_ms: planned_end + reminder_minutes * 60_000,
    }
}
