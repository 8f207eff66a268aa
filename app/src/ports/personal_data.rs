//! The lifecycle of residents' personal data: each commune's retention period and the erasure
//! of names, phones and households of campaigns closed longer ago than that.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Acting, StoreError};
use crate::domain::ids::{CampaignId, CommuneId};
use crate::domain::personal_data::Erased;
use crate::domain::receipt::ReceiptCode;

/// One campaign's erasure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    /// Commune.
    pub commune_id: CommuneId,
    /// Campaign.
    pub campaign_id: CampaignId,
    /// Its title, for the log.
    pub title: String,
    /// What changed.
    pub erased: Erased,
}

/// Retention settings and erasure.
#[async_trait]
pub trait PersonalData: Send + Sync {
    /// Days the commune keeps personal data after a campaign closes.
    async fn retention_days(&self, commune_id: CommuneId) -> Result<i64, StoreError>;
    /// Sets them (audited).
    async fn set_retention_days(
        &self,
        commune_id: CommuneId,
        days: i64,
        acting: Acting,
    ) -> Result<(), StoreError>;
    /// Erases one form's personal data at the resident's request (audited): its name and
    /// phone, the household it names on every form of the same thôn in the campaign (the same
    /// address), and its speaker's name. `None` when the commune has no form with this code.
    async fn erase_form_personal_data(
        &self,
        commune_id: CommuneId,
        code: &ReceiptCode,
        acting: Acting,
    ) -> Result<Option<Erased>, StoreError>;
    /// Erases the personal data of every closed campaign whose retention has run out at
    /// `now`, one transaction and one audit entry per campaign.
    async fn erase_due_personal_data(&self, now: DateTime<Utc>)
    -> Result<Vec<Erasure>, StoreError>;
}
