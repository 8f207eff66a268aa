//! Wire types of the conclusion notice (thông báo kết luận) and its follow-up: the sheet staff
//! draft on, what the chair approves and issues, and each assigned item's report-back. Nothing
//! personal: issues and answers only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::api::NamedRef;
use crate::domain::campaign::{CampaignStage, DeadlineRules};
pub use crate::domain::conclusion::{
    Disposition, ItemDraft, NoticeDraft, NoticeState, ReportState,
};
use crate::domain::deadlines::{Clock, NoticeDue};
use crate::domain::ids::{CampaignId, ConclusionId, ConclusionItemId, DepartmentId, IssueId};

/// An issue of the campaign, to conclude on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeIssue {
    /// Id.
    pub id: IssueId,
    /// Title.
    pub title: String,
    /// Topic name.
    pub topic: String,
    /// The department it was assigned to for an answer, if any.
    pub department_id: Option<DepartmentId>,
    /// The approved answer, shortened, if any.
    pub answer: Option<String>,
}

/// One item of a notice as stored, with its report-back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeItem {
    /// Id.
    pub id: ConclusionItemId,
    /// The issue.
    pub issue_id: IssueId,
    /// Its title.
    pub issue_title: String,
    /// What was concluded.
    pub disposition: Disposition,
    /// The conclusion's text.
    pub content: String,
    /// The assigned body.
    pub department_id: Option<DepartmentId>,
    /// Its name.
    pub department: Option<String>,
    /// The higher level or where the resident is redirected.
    pub body: String,
    /// Report-back due (assigned items of an issued notice).
    pub report_due: Option<NaiveDate>,
    /// Where the report-back stands.
    pub report_state: ReportState,
    /// What the body reported.
    pub report_text: Option<String>,
    /// What backs it up, as text (a record's number and date, a file's name).
    pub report_attachment: Option<String>,
    /// When the body says it was done.
    pub reported_on: Option<NaiveDate>,
    /// The note of staff who sent it back or accepted it.
    pub review_note: Option<String>,
}

/// One version of the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeVersion {
    /// Id.
    pub id: ConclusionId,
    /// 1 for the first notice, 2 for its first correction…
    pub version: i64,
    /// State.
    pub state: NoticeState,
    /// Number as printed, once issued.
    pub number: Option<String>,
    /// Date of issue.
    pub issued_on: Option<NaiveDate>,
    /// Opening paragraph.
    pub opening: String,
    /// "Nơi nhận", one per line.
    pub recipients: String,
    /// The matters are complex (the longer deadline).
    pub complex: bool,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// The chair's name as signed.
    pub signer_name: String,
    /// Items in the notice's order.
    pub items: Vec<NoticeItem>,
}

/// Everything a campaign's notice page shows, as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRecord {
    /// Campaign title.
    pub title: String,
    /// Campaign stage.
    pub stage: CampaignStage,
    /// Conference date.
    pub conference_on: Option<NaiveDate>,
    /// Conference place.
    pub conference_place: String,
    /// The campaign's working-day rules.
    pub rules: DeadlineRules,
    /// The newest version, if any.
    pub current: Option<NoticeVersion>,
    /// Earlier versions: (version, number, issued on), newest first.
    pub history: Vec<(i64, Option<String>, Option<NaiveDate>)>,
    /// The campaign's issues.
    pub issues: Vec<NoticeIssue>,
    /// The commune's departments.
    pub departments: Vec<NamedRef<DepartmentId>>,
}

/// The notice page: the record plus the clocks and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSheet {
    /// The stored record (for a department officer, only their own items).
    pub record: NoticeRecord,
    /// When the notice is due.
    pub due: Option<NoticeDue>,
    /// The notice's own clock until it is issued.
    pub clock: Option<Clock>,
    /// Clocks of the items that still owe a report, by item.
    pub item_clocks: Vec<(ConclusionItemId, Clock)>,
    /// Staff and the chair may draft.
    pub can_edit: bool,
    /// The chair may approve and issue.
    pub can_issue: bool,
    /// Staff and the chair may accept or return reports.
    pub can_review: bool,
    /// The officer's department, whose items they report on.
    pub reporting_for: Option<DepartmentId>,
}

/// An assigned item still open, for follow-up and supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenItem {
    /// Item.
    pub id: ConclusionItemId,
    /// Its campaign.
    pub campaign_id: CampaignId,
    /// Campaign title.
    pub campaign: String,
    /// Notice number.
    pub number: String,
    /// Issue title.
    pub issue_title: String,
    /// Assigned body.
    pub department: String,
    /// Due day.
    pub report_due: NaiveDate,
    /// State.
    pub report_state: ReportState,
}

/// An open item with its clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenItemLine {
    /// The item.
    pub item: OpenItem,
    /// Its clock today (the report-back clock stops while a report waits for review).
    pub clock: Option<Clock>,
}

/// A supervision note (ý kiến giám sát) of the MTTQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionNote {
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// What it says.
    pub body: String,
}

/// An item of an issued notice as the supervision view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisedItem {
    /// Its campaign.
    pub campaign_id: CampaignId,
    /// Campaign title.
    pub campaign: String,
    /// Notice number.
    pub number: String,
    /// The item.
    pub item: NoticeItem,
    /// MTTQ's notes on its issue, oldest first.
    pub notes: Vec<SupervisionNote>,
}

/// A supervised item with its clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisedLine {
    /// The item.
    pub supervised: SupervisedItem,
    /// Its report-back clock while the body still owes a report.
    pub clock: Option<Clock>,
}
