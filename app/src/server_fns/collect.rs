//! Collection (thu phiếu): what a collector works on.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::campaign::{CampaignKind, CampaignStage};
use crate::error::AppError;

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

/// The campaigns covering the collector's groups, collecting ones first.
#[server(endpoint = "collect/my_campaigns")]
pub async fn my_campaigns() -> Result<Vec<CampaignCard>, AppError> {
    use crate::domain::role::Role;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(&[Role::Collector]).await?;
    caller
        .store
        .collector_campaigns(caller.commune_of(&viewer)?, viewer.user_id)
        .await
        .map_err(|e| caller.internal("listing a collector's campaigns", e))
}
