//! Matching, as a pure rule (phone and server, unit-tested): which workers suit a request, in
//! which order, and why. The bemiddelaar decides; the ranking only puts the likely ones first
//! and says what it weighed.

use serde::{Deserialize, Serialize};

use crate::ids::WorkerId;

/// Where a request stands for the gebruiker, from what became of its offers: turned down,
/// planned once a worker accepted (or did the work), in progress while offers are made
/// (open, declined or withdrawn), new before any.
pub fn request_status(
    rejected: bool,
    offers: &[crate::assignments::AssignmentStatus],
) -> super::RequestStatus {
    use super::RequestStatus;
    use crate::assignments::AssignmentStatus as A;
    if rejected {
        RequestStatus::Rejected
    } else if offers
        .iter()
        .any(|s| matches!(s, A::Accepted | A::Finished))
    {
        RequestStatus::Planned
    } else if offers.is_empty() {
        RequestStatus::New
    } else {
        RequestStatus::InProgress
    }
}

/// What is known of one worker for one request (gathered by the store).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub worker_id: WorkerId,
    pub name: String,
    /// Lives in the gebruiker's municipality (otherwise: another of the organisation's).
    pub same_municipality: bool,
    /// Has the request's activity among their skills.
    pub has_skill: bool,
    /// Of the request's preferred moments (weekday and part of day), how many the worker is
    /// available in; `requested` is 0 when the request has no preference.
    pub available: u32,
    pub requested: u32,
    pub month_minutes_left: i64,
    pub year_minutes_left: i64,
    /// Days of trajectory left; `None` without an end (ex-PWA).
    pub trajectory_days_left: Option<i64>,
    /// Minutes already accepted or offered in the coming two weeks.
    pub load_minutes: i64,
}

/// Why a worker ranks where they do, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    SameMunicipality,
    OtherMunicipality,
    HasSkill,
    NoSkill,
    /// Available at `available` of `requested` preferred moments.
    Available {
        available: u32,
        requested: u32,
    },
    /// Hours left this month (in minutes).
    MonthLeft {
        minutes: i64,
    },
    /// The trajectory ends within 30 days.
    TrajectoryEndsSoon {
        days: i64,
    },
    /// Minutes already planned in the coming two weeks.
    Load {
        minutes: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub worker_id: WorkerId,
    pub name: String,
    pub score: i64,
    pub reasons: Vec<Reason>,
}

/// A trajectory that ends sooner than this counts against a worker.
pub const ENDS_SOON_DAYS: i64 = 30;

/// The workers who can take `planned_minutes` more (month and year) and whose trajectory runs,
/// best first; equal scores by name. Weights: municipality 40 (another one 10), skill 30,
/// availability up to 30, room left this month up to 20 (one point an hour), trajectory ending
/// soon −20, load −1 an hour up to −20.
pub fn rank(candidates: Vec<Candidate>, planned_minutes: i64) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = candidates
        .into_iter()
        .filter(|c| {
            c.month_minutes_left >= planned_minutes
                && c.year_minutes_left >= planned_minutes
                && c.trajectory_days_left != Some(0)
        })
        .map(|c| {
            let mut score = 0;
            let mut reasons = Vec::new();
            if c.same_municipality {
                score += 40;
                reasons.push(Reason::SameMunicipality);
            } else {
                score += 10;
                reasons.push(Reason::OtherMunicipality);
            }
            if c.has_skill {
                score += 30;
                reasons.push(Reason::HasSkill);
            } else {
                reasons.push(Reason::NoSkill);
            }
            if c.requested > 0 {
                score += 30 * i64::from(c.available.min(c.requested)) / i64::from(c.requested);
                reasons.push(Reason::Available {
                    available: c.available.min(c.requested),
                    requested: c.requested,
                });
            }
            score += (c.month_minutes_left / 60).min(20);
            reasons.push(Reason::MonthLeft {
                minutes: c.month_minutes_left,
            });
            if let Some(days) = c.trajectory_days_left.filter(|d| *d < ENDS_SOON_DAYS) {
                score -= 20;
                reasons.push(Reason::TrajectoryEndsSoon { days });
            }
            if c.load_minutes > 0 {
                score -= (c.load_minutes / 60).min(20);
                reasons.push(Reason::Load {
                    minutes: c.load_minutes,
                });
            }
            Suggestion {
                worker_id: c.worker_id,
                name: c.name,
                score,
                reasons,
            }
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(id: i64, name: &str) -> Candidate {
        Candidate {
            worker_id: WorkerId(id),
            name: name.into(),
            same_municipality: false,
            has_skill: false,
            available: 0,
            requested: 2,
            month_minutes_left: 60 * 60,
            year_minutes_left: 630 * 60,
            trajectory_days_left: Some(200),
            load_minutes: 0,
        }
    }

    #[test]
    fn the_fixture_ranks_in_the_expected_order_with_reasons() {
        let candidates = vec![
            // Skill and both mornings, but in another municipality: 10 + 30 + 30 + 20 = 90.
            Candidate {
                has_skill: true,
                available: 2,
                ..worker(1, "Ahmed")
            },
            // Next door, skill, one of two mornings, 8 h planned: 40 + 30 + 15 + 20 − 8 = 97.
            Candidate {
                same_municipality: true,
                has_skill: true,
                available: 1,
                load_minutes: 8 * 60,
                ..worker(2, "Bert")
            },
            // Next door and free, no skill: 40 + 30 + 20 = 90 (after Ahmed by name).
            Candidate {
                same_municipality: true,
                available: 2,
                ..worker(3, "Chris")
            },
            // Perfect, but the trajectory ends in 10 days: 40 + 30 + 30 + 20 − 20 = 100.
            Candidate {
                same_municipality: true,
                has_skill: true,
                available: 2,
                trajectory_days_left: Some(10),
                ..worker(4, "Dina")
            },
            // 1 hour left this month, the request takes 3: not suggested.
            Candidate {
                same_municipality: true,
                has_skill: true,
                available: 2,
                month_minutes_left: 60,
                ..worker(5, "Eva")
            },
            // Trajectory over: not suggested.
            Candidate {
                trajectory_days_left: Some(0),
                ..worker(6, "Frank")
            },
            // Ex-PWA (no end), little room left: 40 + 30 + 30 + 4 = 104.
            Candidate {
                same_municipality: true,
                has_skill: true,
                available: 2,
                month_minutes_left: 4 * 60,
                trajectory_days_left: None,
                ..worker(7, "Gust")
            },
        ];
        let ranked = rank(candidates, 3 * 60);
        let order: Vec<(&str, i64)> = ranked.iter().map(|s| (s.name.as_str(), s.score)).collect();
        assert_eq!(
            order,
            [
                ("Gust", 104),
                ("Dina", 100),
                ("Bert", 97),
                ("Ahmed", 90),
                ("Chris", 90)
            ]
        );
        assert_eq!(
            ranked[1].reasons,
            [
                Reason::SameMunicipality,
                Reason::HasSkill,
                Reason::Available {
                    available: 2,
                    requested: 2
                },
                Reason::MonthLeft { minutes: 3600 },
                Reason::TrajectoryEndsSoon { days: 10 },
            ]
        );
        assert_eq!(
            ranked[2].reasons.last(),
            Some(&Reason::Load { minutes: 480 })
        );
        assert_eq!(ranked[4].reasons[1], Reason::NoSkill);
    }

    #[test]
    fn without_preferred_moments_availability_does_not_count() {
        let ranked = rank(
            vec![Candidate {
                requested: 0,
                ..worker(1, "Ahmed")
            }],
            60,
        );
        assert_eq!(ranked[0].score, 10 + 20);
        assert!(
            !ranked[0]
                .reasons
                .iter()
                .any(|r| matches!(r, Reason::Available { .. }))
        );
    }

    #[test]
    fn a_request_is_new_then_in_progress_then_planned_or_rejected() {
        use super::request_status;
        use crate::assignments::AssignmentStatus as A;
        use crate::requests::RequestStatus as S;
        assert_eq!(request_status(false, &[]), S::New);
        assert_eq!(request_status(false, &[A::Offered]), S::InProgress);
        assert_eq!(
            request_status(false, &[A::Declined, A::Cancelled]),
            S::InProgress
        );
        assert_eq!(
            request_status(false, &[A::Declined, A::Accepted]),
            S::Planned
        );
        assert_eq!(request_status(false, &[A::Finished]), S::Planned);
        assert_eq!(request_status(true, &[A::Accepted]), S::Rejected);
        assert_eq!(request_status(true, &[]), S::Rejected);
    }
}
