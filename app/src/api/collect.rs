//! Wire types of the collector's home: what the server functions send and receive.

use crate::domain::campaign::{CampaignKind, CampaignStage};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A campaign as a collector sees it on the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignCard {
    /// Campaign id.
    pub id: Uuid,
    /// Title as in the plan.
    pub title: String,
    /// Định kỳ / chuyên đề / đột xuất.
    pub kind: CampaignKind,
    /// Stage of the cycle.
    pub stage: CampaignStage,
    /// Last day to hand in forms.
    pub collection_deadline: Option<NaiveDate>,
    /// Day of the dialogue conference.
    pub conference_date: Option<NaiveDate>,
    /// Where the conference is held.
    pub conference_place: Option<String>,
    /// The collector's groups that the campaign covers.
    pub groups: Vec<String>,
    /// Forms this collector has handed in for it.
    pub my_forms: i64,
}
