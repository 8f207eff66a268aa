//! What anyone may read without an account: never a name, phone or household.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::api::public::{
    PublicCampaign, PublicCommune, PublicCommuneHead, PublicCommunePage, PublicIssue, ReceiptTrail,
};
use crate::domain::ids::{CampaignId, CommuneId};
use crate::domain::receipt::ReceiptCode;

/// The public pages' data.
#[async_trait]
pub trait Public: Send + Sync {
    /// Communes with a public page.
    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError>;
    /// A commune's public page: its campaigns with something published.
    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError>;
    /// The commune's slug (its public page's address).
    async fn commune_slug(&self, commune_id: CommuneId) -> Result<Option<String>, StoreError>;
    /// The commune of a slug: what every residents' page names of it.
    async fn public_commune(&self, slug: &str) -> Result<Option<PublicCommuneHead>, StoreError>;
    /// One campaign's published issues and, when published, its conclusion notice.
    async fn public_campaign(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<PublicCampaign>, StoreError>;
    /// Every published issue of the commune, newest campaigns first (the search's haystack).
    async fn published_issues(&self, commune_id: CommuneId)
    -> Result<Vec<PublicIssue>, StoreError>;
    /// What happened to the opinions of the form with this receipt code, if the commune has it.
    async fn receipt_trail(
        &self,
        commune_id: CommuneId,
        code: &ReceiptCode,
    ) -> Result<Option<ReceiptTrail>, StoreError>;
    /// Records a lookup from `address` and counts that address's lookups since `since`,
    /// this one included.
    async fn count_lookup(
        &self,
        address: &str,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError>;
}
