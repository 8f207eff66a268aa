//! Publishing (công khai) a campaign's results: staff or the chair choose which answered or
//! concluded issues residents read, and whether the conclusion notice is shown. Every change
//! is audited.

use async_trait::async_trait;

use super::{Acting, StoreError};
use crate::api::public::PublishingSheet;
use crate::domain::ids::{CampaignId, CommuneId, IssueId};
use crate::domain::publication::PublishRefusal;

/// Which issues a publishing change touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every issue that may be published (when publishing) or is published (when withdrawing).
    All,
    /// These issues.
    Issues(Vec<IssueId>),
}

/// The publishing screen and its changes.
#[async_trait]
pub trait Publishing: Send + Sync {
    /// The campaign's issues with what may be published and what is.
    async fn publishing_sheet(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<PublishingSheet, StoreError>;
    /// Publishes or withdraws issues; returns how many changed.
    async fn set_issues_published(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        selection: Selection,
        published: bool,
        acting: Acting,
    ) -> Result<Result<usize, PublishRefusal>, StoreError>;
    /// Publishes or withdraws the issued conclusion notice; returns whether it changed.
    async fn set_notice_published(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        published: bool,
        acting: Acting,
    ) -> Result<Result<bool, PublishRefusal>, StoreError>;
}
