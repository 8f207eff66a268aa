//! Writing whole records as they are: the demo seed, `create-user`, and later moving a commune
//! from one database to another. Both backends take the same batch, so the demo and the command
//! line work on either.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreError;
use crate::domain::answer::{AnswerStatus, AssignmentStatus};
use crate::domain::calendar::DayKind;
use crate::domain::campaign::{CampaignKind, CampaignStage};
use crate::domain::ids::{
    AnswerId, AssignmentId, CampaignId, CommuneId, DepartmentId, FormId, GroupId, IssueId,
    OpinionId, TopicId, UserId,
};
use crate::domain::issue::IssueStatus;
use crate::domain::respondent::RespondentKind;
use crate::domain::role::Role;
use crate::domain::triage::{Authority, OpinionStatus, Urgency};

/// A commune (xã, phường, đặc khu).
#[derive(Debug, Clone)]
pub struct CommuneRecord {
    /// Id.
    pub id: CommuneId,
    /// URL name of its public page.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Stored kind code: `xa`, `phuong`, `dac_khu`.
    pub kind: String,
    /// Province or city.
    pub province: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A thôn or tổ dân phố.
#[derive(Debug, Clone)]
pub struct GroupRecord {
    /// Id.
    pub id: GroupId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Name.
    pub name: String,
    /// Stored kind code: `thon`, `to_dan_pho`.
    pub kind: String,
    /// Display order.
    pub sort_order: i64,
}

/// A department or body of the commune.
#[derive(Debug, Clone)]
pub struct DepartmentRecord {
    /// Id.
    pub id: DepartmentId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Short code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A topic (nhóm nội dung).
#[derive(Debug, Clone)]
pub struct TopicRecord {
    /// Id.
    pub id: TopicId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Short code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Display order.
    pub sort_order: i64,
    /// The department that answers it unless staff choose another.
    pub default_department_id: Option<DepartmentId>,
}

/// A holiday or swapped day; `commune_id` `None` for national ones.
#[derive(Debug, Clone)]
pub struct HolidayRecord {
    /// Commune, or national.
    pub commune_id: Option<CommuneId>,
    /// The day.
    pub day: NaiveDate,
    /// Holiday, day off or working weekend.
    pub kind: DayKind,
    /// Name.
    pub name: String,
}

/// A user account with its groups.
#[derive(Debug, Clone)]
pub struct UserRecord {
    /// Id.
    pub id: UserId,
    /// Commune; `None` only for an administrator.
    pub commune_id: Option<CommuneId>,
    /// Login name (unique).
    pub username: String,
    /// Display name.
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// A department officer's department.
    pub department_id: Option<DepartmentId>,
    /// PHC-format argon2id hash.
    pub password_hash: String,
    /// Can log in.
    pub active: bool,
    /// The password was handed over (one-time): the user must choose their own at first login.
    pub must_change_password: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// A collector's groups.
    pub groups: Vec<GroupId>,
}

/// A campaign with its chairs, groups and topics.
#[derive(Debug, Clone)]
pub struct CampaignRecord {
    /// Id.
    pub id: CampaignId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: CampaignKind,
    /// Stage.
    pub stage: CampaignStage,
    /// Collection closes.
    pub collection_deadline: Option<NaiveDate>,
    /// Departments answer by.
    pub answers_deadline: Option<NaiveDate>,
    /// Report due.
    pub report_deadline: Option<NaiveDate>,
    /// Conference day.
    pub conference_date: Option<NaiveDate>,
    /// Conference place.
    pub conference_place: Option<String>,
    /// Who planned it.
    pub created_by: Option<UserId>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Chairs.
    pub chairs: Vec<UserId>,
    /// Groups taking part.
    pub groups: Vec<GroupId>,
    /// Topics on its forms.
    pub topics: Vec<TopicId>,
}

/// A form as stored (personal fields included).
#[derive(Debug, Clone)]
pub struct FormRecord {
    /// Id.
    pub id: FormId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Campaign.
    pub campaign_id: CampaignId,
    /// Group.
    pub group_id: GroupId,
    /// Collector.
    pub collector_id: UserId,
    /// Revision.
    pub revision: u32,
    /// Receipt code.
    pub receipt_code: String,
    /// Respondent's name.
    pub respondent_name: Option<String>,
    /// Anonymous.
    pub anonymous: bool,
    /// Household or address.
    pub household: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Respondent kind.
    pub respondent_kind: RespondentKind,
    /// Proposal.
    pub proposal: Option<String>,
    /// Wants to speak at the conference.
    pub wants_to_speak: bool,
    /// Consent to keep personal data.
    pub consent: bool,
    /// The consent text's version.
    pub consent_version: Option<String>,
    /// Content hash (revision excluded).
    pub content_hash: String,
    /// Filled in, phone's clock.
    pub filled_at: DateTime<Utc>,
    /// Received by the server.
    pub received_at: DateTime<Utc>,
}

/// An opinion as stored; the backend derives its search key from `body`.
#[derive(Debug, Clone)]
pub struct OpinionRecord {
    /// Id.
    pub id: OpinionId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Campaign.
    pub campaign_id: CampaignId,
    /// Its form; `None` when raised at the conference.
    pub form_id: Option<FormId>,
    /// Position on the form.
    pub position: i64,
    /// Group.
    pub group_id: GroupId,
    /// Topic.
    pub topic_id: TopicId,
    /// Text.
    pub body: String,
    /// Status.
    pub status: OpinionStatus,
    /// Urgency, once classified.
    pub urgency: Option<Urgency>,
    /// Authority, once classified.
    pub authority: Option<Authority>,
    /// The issue it supports.
    pub issue_id: Option<IssueId>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// An issue as stored.
#[derive(Debug, Clone)]
pub struct IssueRecord {
    /// Id.
    pub id: IssueId,
    /// Commune.
    pub commune_id: CommuneId,
    /// Campaign.
    pub campaign_id: CampaignId,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Topic.
    pub topic_id: TopicId,
    /// Urgency.
    pub urgency: Urgency,
    /// Authority.
    pub authority: Authority,
    /// Status.
    pub status: IssueStatus,
    /// Shown on the public page.
    pub published: bool,
    /// Who merged it.
    pub created_by: Option<UserId>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// An assignment as stored.
#[derive(Debug, Clone)]
pub struct AssignmentRecord {
    /// Id.
    pub id: AssignmentId,
    /// Issue.
    pub issue_id: IssueId,
    /// Department.
    pub department_id: DepartmentId,
    /// Due.
    pub due_date: NaiveDate,
    /// Status.
    pub status: AssignmentStatus,
    /// Who assigned it.
    pub assigned_by: Option<UserId>,
    /// When.
    pub assigned_at: DateTime<Utc>,
}

/// An answer as stored.
#[derive(Debug, Clone)]
pub struct AnswerRecord {
    /// Id.
    pub id: AnswerId,
    /// Issue.
    pub issue_id: IssueId,
    /// The assignment it answers.
    pub assignment_id: Option<AssignmentId>,
    /// Content.
    pub content: String,
    /// Result.
    pub result: String,
    /// When it will be resolved, in words.
    pub resolution_time: String,
    /// Who resolves it.
    pub resolving_body: String,
    /// Status.
    pub status: AnswerStatus,
    /// The reviewer's comment.
    pub review_comment: Option<String>,
    /// Drafted by.
    pub drafted_by: Option<UserId>,
    /// Submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Reviewed by.
    pub reviewed_by: Option<UserId>,
    /// Reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Records written together, in one transaction, parents before children.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// Communes.
    pub communes: Vec<CommuneRecord>,
    /// Groups.
    pub groups: Vec<GroupRecord>,
    /// Departments.
    pub departments: Vec<DepartmentRecord>,
    /// Topics.
    pub topics: Vec<TopicRecord>,
    /// Holidays.
    pub holidays: Vec<HolidayRecord>,
    /// Users.
    pub users: Vec<UserRecord>,
    /// Campaigns.
    pub campaigns: Vec<CampaignRecord>,
    /// Forms.
    pub forms: Vec<FormRecord>,
    /// Issues.
    pub issues: Vec<IssueRecord>,
    /// Opinions.
    pub opinions: Vec<OpinionRecord>,
    /// Assignments.
    pub assignments: Vec<AssignmentRecord>,
    /// Answers.
    pub answers: Vec<AnswerRecord>,
}

/// Writing records as they are.
#[async_trait]
pub trait Import: Send + Sync {
    /// Writes the batch in one transaction: all of it or nothing. A record that breaks a
    /// uniqueness rule (a taken username, slug or id) fails the whole batch with
    /// [`StoreError::Conflict`].
    async fn import(&self, batch: &ImportBatch) -> Result<(), StoreError>;
    /// The ids of a commune's records, for tools that refer to them by name; `None` when the
    /// slug is unknown.
    async fn commune_names(&self, slug: &str) -> Result<Option<CommuneNames>, StoreError>;
}

/// A commune's records by the names people use for them.
#[derive(Debug, Clone)]
pub struct CommuneNames {
    /// The commune.
    pub commune_id: CommuneId,
    /// Departments by code.
    pub departments: Vec<(String, DepartmentId)>,
    /// Groups by name.
    pub groups: Vec<(String, GroupId)>,
}
