//! Campaigns (đợt đối thoại) as the homes and the desk list them.

use async_trait::async_trait;

use super::StoreError;
use crate::api::collect::CampaignCard;
use crate::api::desk::DeskReference;
use crate::api::intake::IntakeSummary;
use crate::domain::ids::{CampaignId, CommuneId, UserId};

/// Reading campaigns. Every method takes the commune from the caller's session.
#[async_trait]
pub trait Campaigns: Send + Sync {
    /// Campaigns a collector works on, with their own form counts.
    async fn collector_campaigns(
        &self,
        commune_id: CommuneId,
        collector_id: UserId,
    ) -> Result<Vec<CampaignCard>, StoreError>;
    /// Intake counts per campaign of the commune, newest first.
    async fn intake_summaries(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<IntakeSummary>, StoreError>;
    /// Filters and choices of a campaign; `None` when it is not the commune's.
    async fn desk_reference(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<DeskReference>, StoreError>;
}
