//! Issues (vấn đề): their states, and the rules for merging opinions into one.

use serde::{Deserialize, Serialize};

use crate::domain::ids::TopicId;
use crate::domain::triage::Urgency;

macro_rules! codes {
    ($name:ident { $($variant:ident = $code:literal,)* }) => {
        impl $name {
            /// Every value, in the order of the cycle.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Stable storage code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// Reads a storage code.
            pub fn parse(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
pub(crate) use codes;

/// Where an issue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IssueStatus {
    /// Merged, not yet assigned.
    Open,
    /// A department is answering it.
    Assigned,
    /// The answer was approved.
    Answered,
    /// Taken up in the conclusion notice.
    Concluded,
    /// Resolved.
    Resolved,
    /// Forwarded to a higher level.
    Forwarded,
}

codes!(IssueStatus {
    Open = "open",
    Assigned = "assigned",
    Answered = "answered",
    Concluded = "concluded",
    Resolved = "resolved",
    Forwarded = "forwarded",
});

/// What the merge rules need of a supporting opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Supporter {
    /// Its topic.
    pub topic_id: TopicId,
    /// Its urgency, once classified.
    pub urgency: Option<Urgency>,
}

/// A new issue is as urgent as its most urgent supporter.
pub fn strongest_urgency(supporters: &[Supporter]) -> Urgency {
    Urgency::ALL
        .into_iter()
        .find(|u| supporters.iter().any(|s| s.urgency == Some(*u)))
        .unwrap_or(Urgency::BinhThuong)
}

/// A new issue takes the topic most of its supporters have; the first seen wins a tie, so the
/// result never depends on hashing.
pub fn commonest_topic(supporters: &[Supporter]) -> Option<TopicId> {
    let mut tally: Vec<(TopicId, usize)> = Vec::new();
    for s in supporters {
        match tally.iter_mut().find(|(t, _)| *t == s.topic_id) {
            Some((_, n)) => *n += 1,
            None => tally.push((s.topic_id, 1)),
        }
    }
    let best = tally.iter().map(|(_, n)| *n).max()?;
    tally.into_iter().find(|(_, n)| *n == best).map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn supporter(topic: TopicId, urgency: Option<Urgency>) -> Supporter {
        Supporter {
            topic_id: topic,
            urgency,
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in IssueStatus::ALL {
            assert_eq!(IssueStatus::parse(s.code()), Some(*s));
        }
        assert_eq!(IssueStatus::parse("lost"), None);
    }

    #[test]
    fn an_issue_is_as_urgent_as_its_most_urgent_supporter() {
        let t = TopicId::new();
        let list = [
            supporter(t, None),
            supporter(t, Some(Urgency::Cao)),
            supporter(t, Some(Urgency::BinhThuong)),
        ];
        assert_eq!(strongest_urgency(&list), Urgency::Cao);
        assert_eq!(strongest_urgency(&list[..1]), Urgency::BinhThuong);
    }

    #[test]
    fn the_commonest_topic_wins_and_the_first_seen_breaks_ties() {
        let (a, b) = (TopicId::new(), TopicId::new());
        assert_eq!(
            commonest_topic(&[supporter(a, None), supporter(b, None), supporter(b, None)]),
            Some(b)
        );
        assert_eq!(
            commonest_topic(&[supporter(a, None), supporter(b, None)]),
            Some(a)
        );
        assert_eq!(commonest_topic(&[]), None);
    }
}
