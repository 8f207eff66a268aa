//! The part of the storage port behind the ward desk: intake, classification, issues, answers,
//! the pivot and the report. Every change is written together with its audit entry.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use futures::stream::BoxStream;
use uuid::Uuid;

use crate::api::FormSubmission;
use crate::api::conflicts::ConflictCard;
use crate::api::desk::{Classification, DeskReference, IssueCard, MergeTarget, OpinionRow};
use crate::api::issues::{AnswerDraft, IssueDetail, IssueEdit};
use crate::api::report::ReportData;
use crate::domain::pivot::PivotTable;
use crate::domain::triage::IntakeFilter;
use crate::error::AppError;

use super::StoreError;

/// Why the store refused a desk change; the message goes to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskRefusal {
    /// An id is unknown, of another commune or of another campaign.
    NotFound,
    /// An opinion already belongs to another issue.
    InAnotherIssue,
    /// An out-of-scope opinion cannot join an issue.
    OutOfScope,
    /// The topic is not one of the campaign's.
    TopicNotInCampaign,
    /// The department is not one of the commune's.
    UnknownDepartment,
    /// Taking these opinions out would leave an issue that already has an answer empty.
    IssueHasAnswer,
    /// The issue is not assigned to the caller's department.
    NotAssignedToYou,
    /// The answer is with the reviewer or approved and cannot be edited now.
    AnswerLocked,
    /// There is no submitted answer to review.
    NothingToReview,
    /// An opinion merged into an issue cannot be marked out of scope.
    MergedOpinion,
}

impl DeskRefusal {
    /// Vietnamese explanation.
    pub fn message(self) -> &'static str {
        match self {
            DeskRefusal::NotFound => "Không tìm thấy dữ liệu được yêu cầu.",
            DeskRefusal::InAnotherIssue => {
                "Có ý kiến đã thuộc một vấn đề khác. Hãy tách ý kiến đó ra trước."
            }
            DeskRefusal::OutOfScope => {
                "Có ý kiến đang ở trạng thái ngoài phạm vi; không thể tổng hợp vào vấn đề."
            }
            DeskRefusal::TopicNotInCampaign => "Nhóm nội dung không thuộc đợt đối thoại này.",
            DeskRefusal::UnknownDepartment => "Cơ quan, đơn vị không thuộc xã, phường.",
            DeskRefusal::IssueHasAnswer => {
                "Vấn đề đã có nội dung trả lời; phải giữ lại ít nhất một ý kiến."
            }
            DeskRefusal::NotAssignedToYou => "Vấn đề này không được giao cho đơn vị của bạn.",
            DeskRefusal::AnswerLocked => {
                "Nội dung trả lời đang chờ phê duyệt hoặc đã được phê duyệt; không thể sửa."
            }
            DeskRefusal::NothingToReview => "Không có nội dung trả lời nào đang chờ phê duyệt.",
            DeskRefusal::MergedOpinion => {
                "Ý kiến đã được tổng hợp vào vấn đề; hãy tách ra trước khi chuyển ngoài phạm vi."
            }
        }
    }
}

impl From<DeskRefusal> for AppError {
    fn from(refusal: DeskRefusal) -> AppError {
        match refusal {
            DeskRefusal::NotFound => AppError::NotFound,
            DeskRefusal::NotAssignedToYou => AppError::Forbidden,
            other => AppError::Invalid(other.message().to_owned()),
        }
    }
}

/// A storage result that may also be a refusal.
pub type Decided<T> = Result<Result<T, DeskRefusal>, StoreError>;

/// One opinion as exported; personal fields are filled only when asked for and allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOpinion {
    /// Receipt code of the form.
    pub receipt_code: String,
    /// Group.
    pub group: String,
    /// Topic.
    pub topic: String,
    /// Respondent kind label.
    pub kind: String,
    /// The text.
    pub body: String,
    /// State label.
    pub state: String,
    /// Urgency label.
    pub urgency: String,
    /// Issue title, if merged.
    pub issue: String,
    /// Received, "dd/mm/yyyy HH:MM" in Vietnam.
    pub received: String,
    /// Name, household, phone; `None` unless personal data was requested.
    pub personal: Option<[String; 3]>,
}

/// A held copy of a form and what resolving it needs.
#[derive(Debug, Clone)]
pub struct HeldForm {
    /// The held submission.
    pub form: FormSubmission,
    /// Hash of its content (revision excluded).
    pub content_hash: String,
    /// The collector who sent it.
    pub collector_id: Uuid,
    /// The revision the server has now.
    pub stored_revision: u32,
}

/// The desk's storage.
#[async_trait]
pub trait DeskStore: Send + Sync {
    /// Filters and choices of a campaign; `None` when it is not the commune's.
    async fn desk_reference(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Option<DeskReference>, StoreError>;
    /// One page of opinions and the count of all that match.
    async fn intake_page(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        filter: &IntakeFilter,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<OpinionRow>, i64), StoreError>;
    /// Rows for the given opinion ids of the commune (unknown ids are skipped).
    async fn opinion_rows(
        &self,
        commune_id: Uuid,
        ids: &[Uuid],
    ) -> Result<Vec<OpinionRow>, StoreError>;
    /// Applies a classification to opinions of one campaign.
    async fn classify(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        ids: &[Uuid],
        change: &Classification,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<u32>;
    /// The folded text of an opinion and of the other in-scope opinions of its campaign that are
    /// not already in its issue.
    async fn similarity_candidates(
        &self,
        commune_id: Uuid,
        opinion_id: Uuid,
    ) -> Result<Option<(String, Vec<(Uuid, String)>)>, StoreError>;
    /// Merges opinions into an issue.
    async fn merge(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        ids: &[Uuid],
        target: &MergeTarget,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<Uuid>;
    /// Takes opinions out of an issue (all of them, dissolving it, when `ids` is empty).
    async fn unmerge(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        ids: &[Uuid],
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// The campaign's issues.
    async fn campaign_issues(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Vec<IssueCard>, StoreError>;
    /// The pivot; `None` when the campaign is not the commune's.
    async fn pivot(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        filter: &IntakeFilter,
    ) -> Result<Option<PivotTable>, StoreError>;
    /// An issue with everything about it (permissions left for the caller to decide).
    async fn issue_detail(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
    ) -> Result<Option<IssueDetail>, StoreError>;
    /// The answers deadline of the issue's campaign: outer `None` when the issue is unknown.
    async fn issue_answers_deadline(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
    ) -> Result<Option<Option<NaiveDate>>, StoreError>;
    /// Edits an issue.
    async fn update_issue(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        edit: &IssueEdit,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Assigns (or reassigns) an issue.
    async fn assign(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        department_id: Uuid,
        due_date: NaiveDate,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Saves a department's answer, submitting it for review when asked.
    #[allow(clippy::too_many_arguments)]
    async fn save_answer(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        department_id: Uuid,
        draft: &AnswerDraft,
        submit: bool,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Approves or returns a submitted answer.
    async fn review_answer(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        approve: bool,
        comment: &str,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Unresolved form conflicts of a campaign, oldest first.
    async fn form_conflicts(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Vec<ConflictCard>, StoreError>;
    /// An unresolved conflict's held copy; `None` when unknown, resolved or of another commune.
    async fn held_form(
        &self,
        commune_id: Uuid,
        conflict_id: i64,
    ) -> Result<Option<HeldForm>, StoreError>;
    /// Marks a conflict resolved and audits the choice.
    async fn close_conflict(
        &self,
        commune_id: Uuid,
        conflict_id: i64,
        used_held: bool,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// The summary report of a campaign.
    async fn report(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        date: NaiveDate,
    ) -> Result<Option<ReportData>, StoreError>;
    /// Every opinion of a campaign matching the filter, oldest first, as a stream so exports
    /// never hold them all.
    fn export_opinions<'a>(
        &'a self,
        commune_id: Uuid,
        campaign_id: Uuid,
        filter: &'a IntakeFilter,
        personal: bool,
    ) -> BoxStream<'a, Result<ExportOpinion, StoreError>>;
}
