//! What the desk counts: the group × topic pivot and the summary report.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::StoreError;
use crate::api::report::ReportData;
use crate::domain::ids::{CampaignId, CommuneId};
use crate::domain::pivot::PivotTable;
use crate::domain::triage::IntakeFilter;

/// Aggregates of a campaign.
#[async_trait]
pub trait Reports: Send + Sync {
    /// The pivot; `None` when the campaign is not the commune's.
    async fn pivot(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        filter: &IntakeFilter,
    ) -> Result<Option<PivotTable>, StoreError>;
    /// The summary report of a campaign.
    async fn report(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        date: NaiveDate,
    ) -> Result<Option<ReportData>, StoreError>;
}
