//! Campaigns (đợt đối thoại) as the homes and the desk list them.

use async_trait::async_trait;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Decided, StoreError};
use crate::api::collect::CampaignCard;
use crate::api::desk::DeskReference;
use crate::api::intake::IntakeSummary;
use crate::api::plan::{CampaignPlan, PlanCard, PlanChoices, PlannedCampaign};
use crate::domain::campaign::{CampaignStage, StageRefusal};
use crate::domain::ids::{CampaignId, CommuneId, UserId};

/// A stage change asked for: the stage the caller saw and the one they want.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageMove {
    /// The stage shown on the caller's screen; the move fails if it changed since.
    pub from: CampaignStage,
    /// The stage wanted.
    pub to: CampaignStage,
    /// Today in Vietnam (deadline checks).
    pub today: NaiveDate,
}

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
    /// Every campaign of the commune for the planning list, newest first.
    async fn plan_cards(&self, commune_id: CommuneId) -> Result<Vec<PlanCard>, StoreError>;
    /// One campaign's plan; `None` when it is not the commune's.
    async fn planned_campaign(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<PlannedCampaign>, StoreError>;
    /// The commune's active groups, topics and chairs.
    async fn plan_choices(&self, commune_id: CommuneId) -> Result<PlanChoices, StoreError>;
    /// Creates (`campaign_id` new) or rewrites a plan, with its targets, topics and chairs.
    /// Refuses ids that are not the commune's, and a campaign that is not.
    async fn save_plan(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        plan: &CampaignPlan,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()>;
    /// Moves a campaign from one stage to the next, checking the rules of
    /// [`CampaignStage::check_move`] on facts read under the same lock, and audits it.
    async fn move_stage(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        change: StageMove,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Result<Result<(), StageRefusal>, StoreError>;
}
