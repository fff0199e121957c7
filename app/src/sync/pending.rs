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

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::rules::{Trajectory, Usage};
    use crate::sync::ActionId;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn card(id: i64, date: NaiveDate, status: AssignmentStatus) -> AssignmentCard {
        AssignmentCard {
            id: AssignmentId(id),
            client_name: "Maria".into(),
            activity: "Tuin".into(),
            description: String::new(),
            street: "Kerkstraat 1".into(),
            postcode: "9890".into(),
            city: "Gavere".into(),
            planned_date: date,
            planned_start: NaiveTime::from_hms_opt(9, 0, 0),
            planned_minutes: 120,
            client_phone: None,
            status,
        }
    }

    fn worker_day() -> WorkerDay {
        WorkerDay {
            first_name: "Ahmed".into(),
            today: day(),
            server_now_ms: 0,
            assignments: vec![card(1, day(), AssignmentStatus::Accepted)],
            offers: vec![
                card(2, day(), AssignmentStatus::Offered),
                card(3, day().succ_opt().unwrap(), AssignmentStatus::Offered),
            ],
            next: None,
            running: None,
            reminder_minutes: 30,
            usage: Usage {
                month_minutes: 600,
                year_minutes: 6000,
            },
            trajectory: Trajectory {
                start: day(),
                planned_end: day(),
                ex_pwa: false,
                ended_on: None,
            },
            recent: vec![],
        }
    }

    /// 09:00 in Brussels on the day, in milliseconds.
    fn nine() -> i64 {
        crate::brussels::instant_ms(day(), NaiveTime::from_hms_opt(9, 0, 0).unwrap())
    }

    fn tap(n: u128, at_ms: i64, kind: ActionKind) -> Action {
        Action {
            id: ActionId(uuid::Uuid::from_u128(n)),
            tapped_at_ms: at_ms,
            kind,
        }
    }

    const MIN: i64 = 60_000;

    #[test]
    fn a_start_offline_runs_from_the_tap_in_server_time() {
        let start = tap(
            1,
            nine(),
            ActionKind::Start {
                assignment_id: AssignmentId(1),
            },
        );
        // The phone's clock is 5 minutes behind the server's.
        let shown = apply(worker_day(), &[start], 5 * MIN);
        let clock = shown.day.running.expect("running");
        assert_eq!(clock.started_at_ms, nine() + 5 * MIN);
        assert_eq!(
            clock.started_local,
            NaiveTime::from_hms_opt(9, 5, 0).unwrap()
        );
        assert_eq!(
            clock.planned_end_local,
            NaiveTime::from_hms_opt(11, 0, 0).unwrap()
        );
        assert_eq!(clock.remind_at_ms, nine() + 150 * MIN);
        assert_eq!(
            shown.clock,
            Some(ClockRef::Start(ActionId(uuid::Uuid::from_u128(1))))
        );
    }

    #[test]
    fn pause_resume_stop_count_like_the_server() {
        let clock = ClockRef::Start(ActionId(uuid::Uuid::from_u128(1)));
        let taps = [
            tap(
                1,
                nine(),
                ActionKind::Start {
                    assignment_id: AssignmentId(1),
                },
            ),
            tap(2, nine() + 60 * MIN, ActionKind::Pause { clock }),
            tap(3, nine() + 75 * MIN, ActionKind::Resume { clock }),
        ];
        let shown = apply(worker_day(), &taps, 0);
        let running = shown.day.running.clone().expect("running");
        assert_eq!(running.pause_minutes, 15);
        assert_eq!(running.paused_since_ms, None);
        let stop = tap(
            4,
            nine() + 182 * MIN,
            ActionKind::Stop {
                clock,
                cap_at_limit: false,
            },
        );
        let all: Vec<Action> = taps.iter().cloned().chain([stop]).collect();
        let shown = apply(worker_day(), &all, 0);
        assert_eq!(shown.day.running, None);
        assert_eq!(shown.clock, None);
        assert_eq!(shown.day.usage.month_minutes, 600 + 167);
    }

    #[test]
    fn a_tap_for_another_clock_changes_nothing() {
        let other = ClockRef::Entry(EntryId(99));
        let taps = [
            tap(
                1,
                nine(),
                ActionKind::Start {
                    assignment_id: AssignmentId(1),
                },
            ),
            tap(
                2,
                nine() + MIN,
                ActionKind::Stop {
                    clock: other,
                    cap_at_limit: false,
                },
            ),
        ];
        assert!(apply(worker_day(), &taps, 0).day.running.is_some());
        // A Start on an assignment that is not today's shows nothing either.
        let elsewhere = [tap(
            3,
            nine(),
            ActionKind::Start {
                assignment_id: AssignmentId(7),
            },
        )];
        assert_eq!(apply(worker_day(), &elsewhere, 0).day.running, None);
    }

    #[test]
    fn answered_offers_move_at_once() {
        let taps = [
            tap(
                1,
                nine(),
                ActionKind::Accept {
                    assignment_id: AssignmentId(2),
                },
            ),
            tap(
                2,
                nine(),
                ActionKind::Decline {
                    assignment_id: AssignmentId(3),
                    reason: String::new(),
                },
            ),
        ];
        let shown = apply(worker_day(), &taps, 0);
        assert!(shown.day.offers.is_empty());
        // Accepted for today: it joins today's work, ready to start.
        assert_eq!(shown.day.assignments.len(), 2);
        assert_eq!(shown.day.assignments[1].status, AssignmentStatus::Accepted);

        let mine = MyAssignments {
            today: day(),
            server_now_ms: 0,
            offers: worker_day().offers,
            upcoming: vec![],
            past: vec![],
        };
        let mine = apply_to_assignments(mine, &taps);
        assert!(mine.offers.is_empty());
        assert_eq!(
            mine.upcoming.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![AssignmentId(2)]
        );
    }
}
