//! Issues (vấn đề): opinions merged for one answer, their assignment to a department, the
//! department's answer and its review.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::{Decided, StoreError};
use crate::api::answer::{ApprovalCard, AssignmentCard};
use crate::api::desk::{IssueCard, MergeTarget};
use crate::api::issues::{AnswerDraft, IssueDetail, IssueEdit};
use crate::domain::ids::{CampaignId, CommuneId, DepartmentId, IssueId, OpinionId, UserId};

/// The issues of a commune. Every change is written together with its audit entry.
#[async_trait]
pub trait Issues: Send + Sync {
    /// Merges opinions into an issue.
    async fn merge(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        ids: &[OpinionId],
        target: &MergeTarget,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<IssueId>;
    /// Takes opinions out of an issue (all of them, dissolving it, when `ids` is empty).
    async fn unmerge(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        ids: &[OpinionId],
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// The campaign's issues.
    async fn campaign_issues(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Vec<IssueCard>, StoreError>;
    /// An issue with everything about it (permissions left for the caller to decide).
    async fn issue_detail(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
    ) -> Result<Option<IssueDetail>, StoreError>;
    /// The answers deadline of the issue's campaign: outer `None` when the issue is unknown.
    async fn issue_answers_deadline(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
    ) -> Result<Option<Option<NaiveDate>>, StoreError>;
    /// Edits an issue.
    async fn update_issue(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        edit: &IssueEdit,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Assigns (or reassigns) an issue.
    async fn assign(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        department_id: DepartmentId,
        due_date: NaiveDate,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Saves a department's answer, submitting it for review when asked.
    #[allow(clippy::too_many_arguments)]
    async fn save_answer(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        department_id: DepartmentId,
        draft: &AnswerDraft,
        submit: bool,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Approves or returns a submitted answer.
    async fn review_answer(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        approve: bool,
        comment: &str,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Open assignments, of one department or (with `None`) of the whole commune.
    async fn assignments(
        &self,
        commune_id: CommuneId,
        department_id: Option<DepartmentId>,
    ) -> Result<Vec<AssignmentCard>, StoreError>;
    /// Answers submitted for approval.
    async fn answers_awaiting_approval(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<ApprovalCard>, StoreError>;
}
