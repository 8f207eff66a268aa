//! Wire types of an issue, its assignment and answer: what the server functions send and receive.

use crate::api::desk::OpinionRow;
use crate::api::intake::NamedCount;
use crate::domain::answer::AnswerStatus;
use crate::domain::pivot::Heading;
use crate::domain::triage::{Authority, Urgency};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The department in charge and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentInfo {
    /// Department id.
    pub department_id: Uuid,
    /// Department name.
    pub department: String,
    /// Due date.
    pub due_date: NaiveDate,
    /// When it was assigned.
    pub assigned_at: DateTime<Utc>,
}

/// The four parts of an answer, as the plans list them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerDraft {
    /// Nội dung trả lời.
    pub content: String,
    /// Kết quả đã giải quyết hoặc hướng giải quyết.
    pub result: String,
    /// Thời gian giải quyết.
    pub resolution_time: String,
    /// Cơ quan giải quyết.
    pub resolving_body: String,
}

/// An answer and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInfo {
    /// The text.
    pub draft: AnswerDraft,
    /// Where it stands.
    pub status: AnswerStatus,
    /// The reviewer's comment when sent back.
    pub review_comment: Option<String>,
    /// Who drafted it.
    pub drafted_by: Option<String>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Who approved or returned it.
    pub reviewed_by: Option<String>,
    /// When.
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (full name).
    pub actor: String,
    /// What: classify, merge, unmerge, assign, answer_saved, answer_submitted, approve, return, edit.
    pub action: String,
    /// The record it touched: "issue" or "opinion".
    pub entity: String,
    /// State before, as JSON.
    pub before: Option<String>,
    /// State after, as JSON.
    pub after: Option<String>,
}

/// What the viewer may do on the issue page; decided on the server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuePermissions {
    /// Edit, unmerge, assign (staff, chair).
    pub edit: bool,
    /// Draft and submit the answer (the assigned department).
    pub answer: bool,
    /// Approve or send back (staff, chair).
    pub review: bool,
}

/// Everything about one issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueDetail {
    /// Issue id.
    pub id: Uuid,
    /// Campaign id.
    pub campaign_id: Uuid,
    /// Campaign title.
    pub campaign_title: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Topic.
    pub topic_id: Uuid,
    /// Topic name.
    pub topic: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Authority.
    pub authority: Authority,
    /// Supporting opinions.
    pub opinions: Vec<OpinionRow>,
    /// Distinct households among them.
    pub households: i64,
    /// Opinions per group.
    pub by_group: Vec<NamedCount>,
    /// Assignment, once made.
    pub assignment: Option<AssignmentInfo>,
    /// Answer, once drafted.
    pub answer: Option<AnswerInfo>,
    /// Department suggested for the topic.
    pub default_department_id: Option<Uuid>,
    /// Due date suggested from the campaign's deadline and the calendar.
    pub suggested_due_date: NaiveDate,
    /// The commune's departments.
    pub departments: Vec<Heading>,
    /// Audit trail, oldest first.
    pub audit: Vec<AuditLine>,
    /// What the viewer may do.
    pub can: IssuePermissions,
}

/// Changes to an issue's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueEdit {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Topic.
    pub topic_id: Uuid,
    /// Urgency.
    pub urgency: Urgency,
    /// Authority.
    pub authority: Authority,
}

/// Working days a department gets when the campaign sets no answers deadline.
pub const DEFAULT_ANSWER_DAYS: u32 = 10;
