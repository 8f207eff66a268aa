//! Wire types of the ward desk (intake, classification, merging, pivot): what the server functions send and receive.

use crate::domain::answer::AnswerStatus;
use crate::domain::campaign::{CampaignKind, CampaignStage};
use crate::domain::ids::{CampaignId, GroupId, IssueId, OpinionId, TopicId};
use crate::domain::pivot::Heading;
use crate::domain::respondent::RespondentKind;
use crate::domain::triage::{Authority, OpinionState, Urgency};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Opinions per intake page.
pub const PAGE_SIZE: u32 = 50;
/// Most opinions one bulk action may touch.
pub const MAX_SELECTION: usize = 500;
/// Likely duplicates shown beside an opinion.
pub const SUGGESTIONS: usize = 6;

/// A campaign as the desk names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignHead {
    /// Campaign id.
    pub id: CampaignId,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: CampaignKind,
    /// Stage.
    pub stage: CampaignStage,
    /// Departments send their answers before this day.
    pub answers_deadline: Option<NaiveDate>,
}

/// A topic with the department that answers it by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRef {
    /// Topic id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Default department.
    pub default_department_id: Option<Uuid>,
}

/// What the desk screens need to draw their filters and choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskReference {
    /// The campaign on screen.
    pub campaign: CampaignHead,
    /// Every campaign of the commune, newest first, for switching.
    pub campaigns: Vec<CampaignHead>,
    /// The campaign's groups.
    pub groups: Vec<Heading>,
    /// The campaign's topics.
    pub topics: Vec<TopicRef>,
    /// The commune's departments.
    pub departments: Vec<Heading>,
    /// Held copies of forms waiting for a decision.
    pub conflicts: i64,
}

/// One opinion in the intake list. No phone or household: staff work on the substance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionRow {
    /// Opinion id.
    pub id: OpinionId,
    /// The resident's words.
    pub body: String,
    /// Group id.
    pub group_id: GroupId,
    /// Group name.
    pub group: String,
    /// Topic id.
    pub topic_id: TopicId,
    /// Topic name.
    pub topic: String,
    /// Respondent kind (none for opinions raised at the conference).
    pub kind: Option<RespondentKind>,
    /// Collector's name.
    pub collector: String,
    /// Receipt code of the form.
    pub receipt_code: Option<String>,
    /// When the server received it.
    pub received_at: DateTime<Utc>,
    /// Where it stands.
    pub state: OpinionState,
    /// Urgency, once set.
    pub urgency: Option<Urgency>,
    /// Authority, once decided.
    pub authority: Option<Authority>,
    /// Why it is out of scope.
    pub out_of_scope_reason: Option<String>,
    /// The issue it belongs to.
    pub issue_id: Option<IssueId>,
    /// That issue's title.
    pub issue_title: Option<String>,
    /// Set when the collector revised the form after staff saw it.
    pub revised: bool,
}

/// One page of the intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakePage {
    /// The opinions of this page, newest first.
    pub rows: Vec<OpinionRow>,
    /// Opinions matching the filter, on all pages.
    pub total: i64,
    /// Zero-based page number.
    pub page: u32,
}

/// Whether an opinion belongs in the dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Back in scope (or confirmed in scope).
    InScope,
    /// Redirected with a reason (đơn thư khiếu nại, tố cáo…).
    OutOfScope(String),
}

/// A classification decision; `None` fields are left as they are, so one bulk action can set
/// only the urgency of a selection, for example.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// New topic.
    pub topic_id: Option<Uuid>,
    /// New urgency.
    pub urgency: Option<Urgency>,
    /// New authority.
    pub authority: Option<Authority>,
    /// Scope decision.
    pub scope: Option<Scope>,
}

/// A likely duplicate and how alike it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The other opinion.
    pub row: OpinionRow,
    /// Similarity in percent.
    pub percent: u8,
}

/// Where merged opinions go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeTarget {
    /// A new issue with a title and summary written by staff.
    New {
        /// Title.
        title: String,
        /// Summary.
        summary: String,
    },
    /// An issue that already exists in the campaign.
    Existing(IssueId),
}

/// An issue in the campaign's issue list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueCard {
    /// Issue id.
    pub id: IssueId,
    /// Title.
    pub title: String,
    /// Topic name.
    pub topic: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Authority.
    pub authority: Authority,
    /// Supporting opinions.
    pub opinions: i64,
    /// Distinct households.
    pub households: i64,
    /// Distinct groups.
    pub groups: i64,
    /// Department in charge, once assigned.
    pub department: Option<String>,
    /// Answer status code, once drafted.
    pub answer_status: Option<AnswerStatus>,
}
