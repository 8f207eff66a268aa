//! Wire types of answers and follow-up: what the server functions send and receive.

use crate::domain::answer::AnswerStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An issue assigned to a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentCard {
    /// Assignment id.
    pub assignment_id: Uuid,
    /// Issue id, for the link to its page.
    pub issue_id: Uuid,
    /// Issue title.
    pub issue_title: String,
    /// Campaign it came from.
    pub campaign_title: String,
    /// Topic name.
    pub topic: String,
    /// Department in charge.
    pub department: String,
    /// Due date.
    pub due_date: NaiveDate,
    /// Opinions supporting the issue.
    pub supporters: i64,
    /// Status of the answer: chưa trả lời, đang soạn, chờ duyệt, trả lại.
    pub answer_status: Option<AnswerStatus>,
    /// Working days past the due date (0 when not late); filled by the server from the calendar.
    pub working_days_late: i64,
    /// Where the deadline stands today (warns before it runs out); filled by the server.
    #[serde(default)]
    pub clock: Option<crate::domain::deadlines::Clock>,
}

/// An answer waiting for approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalCard {
    /// Answer id.
    pub answer_id: Uuid,
    /// Issue id, for the link to its page.
    pub issue_id: Uuid,
    /// Issue title.
    pub issue_title: String,
    /// Department that drafted it.
    pub department: String,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
}

/// Vietnamese label for an answer's status, or for no answer yet.
pub fn answer_status_label(status: Option<AnswerStatus>) -> &'static str {
    status.map_or("Chưa trả lời", AnswerStatus::label)
}
