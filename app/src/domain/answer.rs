//! A department's answer to an issue and the assignment it answers: states and transitions.

use serde::{Deserialize, Serialize};

use crate::api::issues::AnswerDraft;
use crate::domain::issue::codes;

/// Where an answer stands. On the server it reads straight from its stored code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum AnswerStatus {
    /// Being written by the department.
    Draft,
    /// With staff or the chair for approval.
    Submitted,
    /// Sent back with a comment.
    Returned,
    /// Approved.
    Approved,
}

codes!(AnswerStatus {
    Draft = "draft",
    Submitted = "submitted",
    Returned = "returned",
    Approved = "approved",
});

impl AnswerStatus {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            AnswerStatus::Draft => "Đang soạn",
            AnswerStatus::Submitted => "Chờ phê duyệt",
            AnswerStatus::Returned => "Bị trả lại",
            AnswerStatus::Approved => "Đã phê duyệt",
        }
    }

    /// The department may still change the text.
    pub fn editable(self) -> bool {
        matches!(self, AnswerStatus::Draft | AnswerStatus::Returned)
    }

    /// The state after the department saves (`submit`: and sends it for approval); `None`
    /// when the answer is locked. A returned answer saved without sending stays returned, so
    /// the reviewer's comment stays in view.
    pub fn after_save(current: Option<AnswerStatus>, submit: bool) -> Option<AnswerStatus> {
        match (current, submit) {
            (Some(s), _) if !s.editable() => None,
            (_, true) => Some(AnswerStatus::Submitted),
            (Some(AnswerStatus::Returned), false) => Some(AnswerStatus::Returned),
            _ => Some(AnswerStatus::Draft),
        }
    }

    /// Whether the issue may move to another department: not once its answer is with the
    /// reviewer or approved, since the new department could then never answer it.
    pub fn may_change_department(current: Option<AnswerStatus>) -> bool {
        current.is_none_or(AnswerStatus::editable)
    }

    /// The state after review; `None` when there is nothing submitted to review.
    pub fn after_review(current: Option<AnswerStatus>, approve: bool) -> Option<AnswerStatus> {
        (current == Some(AnswerStatus::Submitted)).then_some(if approve {
            AnswerStatus::Approved
        } else {
            AnswerStatus::Returned
        })
    }
}

/// Where an assignment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    /// The department is working on it.
    Open,
    /// Its answer was approved.
    Done,
    /// Replaced by a reassignment.
    Cancelled,
}

codes!(AssignmentStatus {
    Open = "open",
    Done = "done",
    Cancelled = "cancelled",
});

/// The longest answer text.
pub const MAX_ANSWER_CHARS: usize = 20_000;

/// A department's draft as typed, each field trimmed and checked.
pub fn checked_draft(draft: &AnswerDraft) -> Result<AnswerDraft, String> {
    use crate::domain::text::checked;
    Ok(AnswerDraft {
        content: checked("Nội dung trả lời", &draft.content, MAX_ANSWER_CHARS)?,
        result: checked("Kết quả giải quyết", &draft.result, 4_000)?,
        resolution_time: checked("Thời gian giải quyết", &draft.resolution_time, 300)?,
        resolving_body: checked("Cơ quan giải quyết", &draft.resolving_body, 300)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_answer_still_being_written_lets_the_issue_change_department() {
        assert!(AnswerStatus::may_change_department(None));
        assert!(AnswerStatus::may_change_department(Some(
            AnswerStatus::Draft
        )));
        assert!(AnswerStatus::may_change_department(Some(
            AnswerStatus::Returned
        )));
        assert!(!AnswerStatus::may_change_department(Some(
            AnswerStatus::Submitted
        )));
        assert!(!AnswerStatus::may_change_department(Some(
            AnswerStatus::Approved
        )));
    }

    #[test]
    fn codes_round_trip() {
        for s in AnswerStatus::ALL {
            assert_eq!(AnswerStatus::parse(s.code()), Some(*s));
            // the wire and the database spell a state the same way
            let json = serde_json::to_string(s).expect("json");
            assert_eq!(json, format!("\"{}\"", s.code()));
        }
        for s in AssignmentStatus::ALL {
            assert_eq!(AssignmentStatus::parse(s.code()), Some(*s));
        }
    }

    #[test]
    fn a_department_edits_until_it_submits_and_again_when_returned() {
        use AnswerStatus::*;
        assert_eq!(AnswerStatus::after_save(None, false), Some(Draft));
        assert_eq!(AnswerStatus::after_save(Some(Draft), true), Some(Submitted));
        assert_eq!(
            AnswerStatus::after_save(Some(Returned), false),
            Some(Returned)
        );
        assert_eq!(
            AnswerStatus::after_save(Some(Returned), true),
            Some(Submitted)
        );
        assert_eq!(AnswerStatus::after_save(Some(Submitted), false), None);
        assert_eq!(AnswerStatus::after_save(Some(Approved), true), None);
    }

    #[test]
    fn only_a_submitted_answer_is_reviewed() {
        use AnswerStatus::*;
        assert_eq!(
            AnswerStatus::after_review(Some(Submitted), true),
            Some(Approved)
        );
        assert_eq!(
            AnswerStatus::after_review(Some(Submitted), false),
            Some(Returned)
        );
        assert_eq!(AnswerStatus::after_review(Some(Draft), true), None);
        assert_eq!(AnswerStatus::after_review(None, true), None);
    }
}
