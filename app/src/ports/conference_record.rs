//! The conference record: what the minutes (biên bản) are made from, and the opinions first
//! raised at the conference.

use async_trait::async_trait;

use super::{Acting, Decided, StoreError};
use crate::api::conference::{
    ConferenceRecord, ConferenceSheet, NewConferenceOpinion, SpeakerNote,
};
use crate::domain::ids::{CampaignId, CommuneId, OpinionId};

/// The record of a campaign's conference. Every method takes the commune from the caller's
/// session and audits what it changes.
#[async_trait]
pub trait ConferenceRecords: Send + Sync {
    /// The conference page; `None` when the campaign is not the commune's.
    async fn conference_sheet(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<ConferenceSheet>, StoreError>;
    /// Saves the record; the campaign's conference date and place become the real ones.
    async fn save_record(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        record: &ConferenceRecord,
        acting: Acting,
    ) -> Decided<()>;
    /// Notes what a speaker of the campaign raised and how it was answered.
    async fn note_speaker(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        note: &SpeakerNote,
        acting: Acting,
    ) -> Decided<()>;
    /// Records an opinion first raised at the conference (source "conference", no form), in a
    /// group and topic of the campaign, so it is classified, merged and counted like any other.
    async fn raise_opinion(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        opinion: (OpinionId, &NewConferenceOpinion),
        acting: Acting,
    ) -> Decided<()>;
}
