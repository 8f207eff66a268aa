//! The conference (hội nghị đối thoại): who speaks, in which order.

use async_trait::async_trait;

use super::{Decided, StoreError};
use crate::api::conference::SpeakerList;
use crate::domain::ids::{CampaignId, CommuneId, GroupId, SpeakerId};

/// The speakers' list of a campaign. Every method takes the commune from the caller's session.
#[async_trait]
pub trait Conference: Send + Sync {
    /// The list in speaking order; `None` when the campaign is not the commune's.
    async fn speakers(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<SpeakerList>, StoreError>;
    /// Appends every form of the campaign that asks to speak and is not on the list yet, by
    /// group and then by the time it was filled; returns how many were added.
    async fn take_registrations(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Decided<i64>;
    /// Appends a resident who registers at the door; the group, if any, must be the campaign's.
    async fn add_walk_in(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        speaker: (SpeakerId, &str, Option<GroupId>, &str),
    ) -> Decided<()>;
    /// Swaps a speaker with the one before (`earlier`) or after.
    async fn move_speaker(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        speaker_id: SpeakerId,
        earlier: bool,
    ) -> Decided<()>;
}
