//! The status report's rule for the version that leaves the organisation: no figure about
//! people may point at a few of them. A group of fewer than 5 people is shielded, and so is
//! the next smallest group of the same breakdown when only one was, or it could be worked out
//! from the total (secondary suppression, as statistics offices do it). Pure, so it is tested
//! here and the same for the screen and the files.

use serde::{Deserialize, Serialize};

/// Below this many people a group is not shown outside the organisation.
pub const SMALLEST_GROUP: i64 = 5;

/// A figure as the report shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    Count(i64),
    /// "Afgeschermd": a small group, or one from which a small group could be worked out.
    Shielded,
}

impl Figure {
    pub fn count(self) -> Option<i64> {
        match self {
            Figure::Count(n) => Some(n),
            Figure::Shielded => None,
        }
    }
}

fn small(n: i64) -> bool {
    (1..SMALLEST_GROUP).contains(&n)
}

/// One number of people.
pub fn figure(people: i64, anonymous: bool) -> Figure {
    if anonymous && small(people) {
        Figure::Shielded
    } else {
        Figure::Count(people)
    }
}

/// Which groups of a breakdown (people per group) are shielded. Inside the organisation, none.
/// Outside: every small group; and when that leaves exactly one shielded, the smallest other
/// group with people too, so the total does not give the small one away.
pub fn shielded(people: &[i64], anonymous: bool) -> Vec<bool> {
    let mut out: Vec<bool> = people.iter().map(|&n| anonymous && small(n)).collect();
    if out.iter().filter(|s| **s).count() == 1 {
        let next = people
            .iter()
            .enumerate()
            .filter(|(i, n)| !out[*i] && **n > 0)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        if let Some(i) = next {
            out[i] = true;
        }
    }
    out
}

/// A breakdown of people as shown.
pub fn breakdown(people: &[i64], anonymous: bool) -> Vec<Figure> {
    shielded(people, anonymous)
        .into_iter()
        .zip(people)
        .map(|(hide, &n)| {
            if hide {
                Figure::Shielded
            } else {
                Figure::Count(n)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Figure::*;

    #[test]
    fn inside_the_organisation_every_figure_is_shown() {
        assert_eq!(figure(3, false), Count(3));
        assert_eq!(
            breakdown(&[1, 2, 40], false),
            vec![Count(1), Count(2), Count(40)]
        );
    }

    #[test]
    fn outside_a_group_of_fewer_than_five_is_shielded_and_zero_is_not() {
        assert_eq!(figure(4, true), Shielded);
        assert_eq!(figure(5, true), Count(5));
        assert_eq!(figure(0, true), Count(0));
        assert_eq!(
            breakdown(&[0, 7, 3, 2], true),
            vec![Count(0), Count(7), Shielded, Shielded]
        );
    }

    #[test]
    fn a_single_shielded_group_takes_the_next_smallest_with_it() {
        // 12 = 3 + 9: with the total shown, 3 could be worked out from 9 alone.
        assert_eq!(
            breakdown(&[3, 9, 20, 0], true),
            vec![Shielded, Shielded, Count(20), Count(0)]
        );
        // Nothing else with people: nothing more to shield.
        assert_eq!(
            breakdown(&[2, 0, 0], true),
            vec![Shielded, Count(0), Count(0)]
        );
        assert_eq!(breakdown(&[6, 9], true), vec![Count(6), Count(9)]);
    }
}
