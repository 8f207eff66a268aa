//! Issues (vấn đề): their states, and the rules for merging opinions into one.

use serde::{Deserialize, Serialize};

use crate::domain::ids::TopicId;
use crate::domain::triage::{Authority, OpinionStatus, Urgency};

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
#[serde(rename_all = "snake_case")]
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
    /// Its authority, once classified.
    pub authority: Option<Authority>,
    /// Its status.
    pub status: OpinionStatus,
}

/// An opinion outside the dialogue (a complaint, a denunciation) never supports an issue.
pub fn may_merge(supporters: &[Supporter]) -> bool {
    supporters
        .iter()
        .all(|s| s.status != OpinionStatus::OutOfScope)
}

/// The fields a new issue takes from its supporters: the commonest topic, the strongest
/// urgency, and "higher level" as soon as one supporter needs it. `None` without supporters.
pub fn new_issue_fields(supporters: &[Supporter]) -> Option<(TopicId, Urgency, Authority)> {
    let topic = commonest_topic(supporters)?;
    let authority = if supporters
        .iter()
        .any(|s| s.authority == Some(Authority::Higher))
    {
        Authority::Higher
    } else {
        Authority::Commune
    };
    Some((topic, strongest_urgency(supporters), authority))
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

/// The longest issue title.
pub const MAX_TITLE_CHARS: usize = 300;
/// The longest issue summary.
pub const MAX_SUMMARY_CHARS: usize = 4_000;

/// An issue's title and summary as typed, trimmed and checked (a title is required).
pub fn checked_title_and_summary(title: &str, summary: &str) -> Result<(String, String), String> {
    let title = crate::domain::text::checked("Tên vấn đề", title, MAX_TITLE_CHARS)?;
    if title.is_empty() {
        return Err(format!(
            "Hãy đặt tên vấn đề (không quá {MAX_TITLE_CHARS} ký tự)."
        ));
    }
    let summary = crate::domain::text::checked("Tóm tắt", summary, MAX_SUMMARY_CHARS)?;
    Ok((title, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_needs_a_title_and_bounded_text() {
        assert!(checked_title_and_summary("  ", "").is_err());
        assert_eq!(
            checked_title_and_summary(" Đèn đường ", " hỏng "),
            Ok(("Đèn đường".into(), "hỏng".into()))
        );
        assert!(checked_title_and_summary("Đèn", &"a".repeat(MAX_SUMMARY_CHARS + 1)).is_err());
    }

    fn supporter(topic: TopicId, urgency: Option<Urgency>) -> Supporter {
        Supporter {
            topic_id: topic,
            urgency,
            authority: None,
            status: OpinionStatus::Classified,
        }
    }

    #[test]
    fn one_supporter_for_a_higher_level_sends_the_issue_up() {
        let t = TopicId::new();
        let mut up = supporter(t, Some(Urgency::Khan));
        up.authority = Some(Authority::Higher);
        assert_eq!(
            new_issue_fields(&[supporter(t, None), up]),
            Some((t, Urgency::Khan, Authority::Higher))
        );
        assert_eq!(
            new_issue_fields(&[supporter(t, None)]),
            Some((t, Urgency::BinhThuong, Authority::Commune))
        );
        assert_eq!(new_issue_fields(&[]), None);
    }

    #[test]
    fn an_out_of_scope_opinion_blocks_a_merge() {
        let t = TopicId::new();
        let mut out = supporter(t, None);
        out.status = OpinionStatus::OutOfScope;
        assert!(may_merge(&[supporter(t, None)]));
        assert!(!may_merge(&[supporter(t, None), out]));
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
