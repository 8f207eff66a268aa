//! Wire types of campaign planning: the plan ward staff fill in, and the list of campaigns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::campaign::{CampaignKind, CampaignStage, DeadlineRules};
use crate::domain::ids::{CampaignId, GroupId, TopicId, UserId};

/// A campaign as planned: everything ward staff set before and during collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignPlan {
    /// Title, e.g. "Đối thoại … năm 2027".
    pub title: String,
    /// Định kỳ, chuyên đề, đột xuất.
    pub kind: CampaignKind,
    /// Chairs (users with the chair role).
    pub chair_ids: Vec<UserId>,
    /// Target groups; with `whole_commune`, every active group.
    pub group_ids: Vec<GroupId>,
    /// The whole commune takes part: every active group is a target.
    pub whole_commune: bool,
    /// Topics collectors may choose.
    pub topic_ids: Vec<TopicId>,
    /// Last day of collection.
    pub collection_deadline: Option<NaiveDate>,
    /// Departments answer by.
    pub answers_deadline: Option<NaiveDate>,
    /// Summary report due.
    pub report_deadline: Option<NaiveDate>,
    /// Conference day.
    pub conference_date: Option<NaiveDate>,
    /// Conference place.
    pub conference_place: String,
    /// Working-day lengths after the conference.
    pub rules: DeadlineRules,
}

/// A stored campaign with its plan and stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedCampaign {
    /// Id.
    pub id: CampaignId,
    /// Stage.
    pub stage: CampaignStage,
    /// The plan.
    pub plan: CampaignPlan,
}

/// One line of the campaigns list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCard {
    /// Id.
    pub id: CampaignId,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: CampaignKind,
    /// Stage.
    pub stage: CampaignStage,
    /// Last day of collection.
    pub collection_deadline: Option<NaiveDate>,
    /// Conference day.
    pub conference_date: Option<NaiveDate>,
}

/// A choice on the planning form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice<I> {
    /// Id.
    pub id: I,
    /// Name shown.
    pub name: String,
}

/// What the planning form offers: the commune's active groups, topics and chairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChoices {
    /// Active groups.
    pub groups: Vec<Choice<GroupId>>,
    /// Topics.
    pub topics: Vec<Choice<TopicId>>,
    /// Active users with the chair role.
    pub chairs: Vec<Choice<UserId>>,
}

/// The planning form: the commune's choices and, for an existing campaign, its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSheet {
    /// Groups, topics and chairs to choose from.
    pub choices: PlanChoices,
    /// The campaign being edited; `None` for a new one.
    pub campaign: Option<PlannedCampaign>,
    /// The caller may change the plan and its stage.
    pub can_edit: bool,
    /// When the conclusion notice is due, from the conference date, the campaign's rules and
    /// the holiday calendar.
    pub notice_due: Option<crate::domain::deadlines::NoticeDue>,
}
