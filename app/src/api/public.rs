//! Wire types of what residents read without an account and of the desk's publishing screen.
//! Built only from staff-written text, names of places and counts: never a resident's name,
//! phone, household or the collector who met them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::conclusion::Disposition;
use crate::domain::ids::{CampaignId, CommuneId, GroupId, IssueId};
use crate::domain::publication::{PublicStatus, TrailStep};

/// A commune that has a public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCommune {
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Published issues.
    pub published_issues: i64,
}

/// A campaign as the commune's public page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCampaignCard {
    /// Campaign.
    pub id: CampaignId,
    /// Title.
    pub title: String,
    /// Conference day, once set.
    pub conference_date: Option<NaiveDate>,
    /// Published issues.
    pub published_issues: i64,
    /// The conclusion notice is published.
    pub notice_published: bool,
}

/// What every residents' page names of its commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCommuneHead {
    /// Commune.
    pub id: CommuneId,
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// A commune's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCommunePage {
    /// Commune.
    pub id: CommuneId,
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Campaigns with something published, newest first.
    pub campaigns: Vec<PublicCampaignCard>,
}

/// A thôn / tổ dân phố named on a public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicGroup {
    /// Group.
    pub id: GroupId,
    /// Name.
    pub name: String,
}

/// The approved answer to an issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAnswer {
    /// Nội dung trả lời.
    pub content: String,
    /// Kết quả đã giải quyết hoặc hướng giải quyết.
    pub result: String,
    /// Thời gian giải quyết.
    pub resolution_time: String,
    /// Cơ quan giải quyết.
    pub resolving_body: String,
}

/// What the conclusion notice decided about an issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicConclusion {
    /// How it was disposed of.
    pub disposition: Disposition,
    /// The notice's words.
    pub content: String,
    /// The department assigned, the higher level or the body a resident is sent to.
    pub body: String,
}

/// A published issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicIssue {
    /// Issue.
    pub id: IssueId,
    /// Campaign.
    pub campaign_id: CampaignId,
    /// Campaign title.
    pub campaign: String,
    /// Topic name.
    pub topic: String,
    /// Issue title.
    pub title: String,
    /// Staff summary of what was asked.
    pub summary: String,
    /// Groups the supporting opinions came from.
    pub groups: Vec<PublicGroup>,
    /// Number of supporting opinions.
    pub supporters: i64,
    /// Where it stands.
    pub status: PublicStatus,
    /// When the department must report back, or answer before the notice.
    pub due_on: Option<NaiveDate>,
    /// The approved answer.
    pub answer: Option<PublicAnswer>,
    /// The notice's decision, when the notice is published.
    pub conclusion: Option<PublicConclusion>,
}

/// The issued conclusion notice, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicNotice {
    /// Số thông báo.
    pub number: String,
    /// Ngày ban hành.
    pub issued_on: NaiveDate,
    /// Opening paragraph.
    pub opening: String,
    /// Who signed (the chair, an official).
    pub signer_name: String,
    /// The notice corrects an earlier one.
    pub corrects: Option<String>,
}

/// One campaign's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCampaign {
    /// Campaign.
    pub id: CampaignId,
    /// Title.
    pub title: String,
    /// Conference day.
    pub conference_date: Option<NaiveDate>,
    /// Conference place.
    pub conference_place: Option<String>,
    /// The notice, when published.
    pub notice: Option<PublicNotice>,
    /// Published issues, by topic order.
    pub issues: Vec<PublicIssue>,
    /// The campaign's groups, in their order.
    pub groups: Vec<PublicGroup>,
}

/// One opinion of a looked-up form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionTrail {
    /// Topic name.
    pub topic: String,
    /// What the resident said.
    pub text: String,
    /// What happened to it.
    pub steps: Vec<TrailStep>,
}

/// What a receipt code's form went through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptTrail {
    /// Campaign title.
    pub campaign: String,
    /// Campaign, to link its public page.
    pub campaign_id: CampaignId,
    /// The form's thôn / tổ dân phố.
    pub group: String,
    /// Its opinions.
    pub opinions: Vec<OpinionTrail>,
}

/// An issue on the desk's publishing screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishableIssue {
    /// Issue.
    pub id: IssueId,
    /// Topic.
    pub topic: String,
    /// Title.
    pub title: String,
    /// Where it stands.
    pub status: PublicStatus,
    /// It has an approved answer or a conclusion.
    pub publishable: bool,
    /// Residents can read it.
    pub published: bool,
}

/// The desk's publishing screen of a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishingSheet {
    /// Campaign title.
    pub title: String,
    /// The commune's public page.
    pub commune_slug: String,
    /// The issued notice's number and date.
    pub notice: Option<(String, NaiveDate)>,
    /// The notice is published.
    pub notice_published: bool,
    /// The campaign's issues.
    pub issues: Vec<PublishableIssue>,
}
