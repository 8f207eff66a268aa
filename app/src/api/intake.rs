//! Wire types of intake summaries: what the server functions send and receive.

use crate::domain::campaign::{CampaignKind, CampaignStage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Opinions of one group (thôn / tổ dân phố) or topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCount {
    /// Group or topic name.
    pub name: String,
    /// Number of opinions.
    pub count: i64,
}

/// Intake of one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeSummary {
    /// Campaign id.
    pub campaign_id: Uuid,
    /// Campaign title.
    pub title: String,
    /// Kind of campaign.
    pub kind: CampaignKind,
    /// Stage of the cycle.
    pub stage: CampaignStage,
    /// Forms received.
    pub forms: i64,
    /// Opinions received (a form carries one or more).
    pub opinions: i64,
    /// Opinions nobody has classified yet.
    pub unclassified: i64,
    /// Opinions marked out of scope (complaints, denunciations…).
    pub out_of_scope: i64,
    /// Issues made from merged opinions.
    pub issues: i64,
    /// Residents registered to speak at the conference.
    pub speakers: i64,
    /// Opinions per group, every group of the campaign listed (zero included).
    pub by_group: Vec<NamedCount>,
    /// Opinions per topic, every topic listed.
    pub by_topic: Vec<NamedCount>,
}
