//! Opinions in the intake: listing, classifying, likely duplicates and the exports.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures::stream::BoxStream;

use super::{Decided, StoreError};
use crate::api::desk::{Classification, OpinionRow};
use crate::domain::ids::{CampaignId, CommuneId, OpinionId, UserId};
use crate::domain::triage::IntakeFilter;

/// One opinion as exported; personal fields are filled only when asked for and allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOpinion {
    /// Receipt code of the form.
    pub receipt_code: String,
    /// Group.
    pub group: String,
    /// Topic.
    pub topic: String,
    /// Respondent kind label.
    pub kind: String,
    /// The text.
    pub body: String,
    /// State label.
    pub state: String,
    /// Urgency label.
    pub urgency: String,
    /// Issue title, if merged.
    pub issue: String,
    /// Received, "dd/mm/yyyy HH:MM" in Vietnam.
    pub received: String,
    /// Name, household, phone; `None` unless personal data was requested.
    pub personal: Option<[String; 3]>,
}

/// The opinions of a commune. Every change is written together with its audit entry.
#[async_trait]
pub trait Opinions: Send + Sync {
    /// One page of opinions and the count of all that match.
    async fn intake_page(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        filter: &IntakeFilter,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<OpinionRow>, i64), StoreError>;
    /// Rows for the given opinion ids of the commune (unknown ids are skipped).
    async fn opinion_rows(
        &self,
        commune_id: CommuneId,
        ids: &[OpinionId],
    ) -> Result<Vec<OpinionRow>, StoreError>;
    /// Applies a classification to opinions of one campaign.
    async fn classify(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        ids: &[OpinionId],
        change: &Classification,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<u32>;
    /// The folded text of an opinion and of the other in-scope opinions of its campaign that are
    /// not already in its issue: at most [`crate::domain::similarity::MAX_CANDIDATES`], those
    /// of the same topic first, then newest first.
    async fn similarity_candidates(
        &self,
        commune_id: CommuneId,
        opinion_id: OpinionId,
    ) -> Result<Option<(String, Vec<(OpinionId, String)>)>, StoreError>;
    /// Every opinion of a campaign matching the filter, oldest first, as a stream so exports
    /// never hold them all.
    fn export_opinions<'a>(
        &'a self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        filter: &'a IntakeFilter,
        personal: bool,
    ) -> BoxStream<'a, Result<ExportOpinion, StoreError>>;
}
