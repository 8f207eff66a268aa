//! The conference (hội nghị đối thoại), first part: the speakers' list. Residents' names are
//! personal data: only staff and the chair read or change the list.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::ids::{CampaignId, GroupId, OpinionId, SpeakerId};
use crate::error::AppError;

pub use crate::api::conference::*;

/// Longest name or note typed at the door.
pub const MAX_WALK_IN_CHARS: usize = 200;

/// The campaign's speakers' list.
#[server(endpoint = "conference/speakers", input = Json)]
pub async fn speakers(campaign_id: CampaignId) -> Result<SpeakerList, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PERSONAL_DATA).await?;
    let commune = caller.commune_of(&viewer)?;
    caller
        .store
        .speakers(commune, campaign_id)
        .await
        .map_err(|e| caller.internal("reading the speakers' list", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}

/// Adds every form that asks to speak and is not listed yet; returns how many.
#[server(endpoint = "conference/take", input = Json)]
pub async fn take_registrations(campaign_id: CampaignId) -> Result<i64, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::{Caller, json};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let added = caller
        .store
        .take_registrations(commune, campaign_id)
        .await
        .map_err(|e| caller.internal("taking registrations", e))?
        .map_err(|r| caller.fail(r.into()))?;
    caller
        .record(
            &viewer,
            Some(commune),
            ("campaign", campaign_id.to_string()),
            "speakers_taken",
            None,
            Some(json(&serde_json::json!({ "added": added }))),
        )
        .await?;
    Ok(added)
}

/// Registers a resident at the door of the conference.
#[server(endpoint = "conference/walk_in", input = Json)]
pub async fn add_walk_in(
    campaign_id: CampaignId,
    name: String,
    group_id: Option<GroupId>,
    note: String,
) -> Result<SpeakerId, AppError> {
    use crate::domain::access;
    use crate::domain::text::checked;
    use crate::ssr::guard::{Caller, json};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let name = checked("Họ và tên", &name, MAX_WALK_IN_CHARS)
        .map_err(|m| caller.fail(AppError::Invalid(m)))?;
    let name = if name.is_empty() {
        "Ẩn danh".to_owned()
    } else {
        name
    };
    let note = checked("Nội dung đăng ký", &note, MAX_WALK_IN_CHARS)
        .map_err(|m| caller.fail(AppError::Invalid(m)))?;
    let id = SpeakerId::new();
    caller
        .store
        .add_walk_in(commune, campaign_id, (id, &name, group_id, &note))
        .await
        .map_err(|e| caller.internal("adding a speaker", e))?
        .map_err(|r| caller.fail(r.into()))?;
    caller
        .record(
            &viewer,
            Some(commune),
            ("speaker", id.to_string()),
            "walk_in",
            None,
            Some(json(
                &serde_json::json!({ "campaign": campaign_id, "note": note }),
            )),
        )
        .await?;
    Ok(id)
}

/// Moves a speaker one place earlier or later.
#[server(endpoint = "conference/move", input = Json)]
pub async fn move_speaker(
    campaign_id: CampaignId,
    speaker_id: SpeakerId,
    earlier: bool,
) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    caller
        .store
        .move_speaker(commune, campaign_id, speaker_id, earlier)
        .await
        .map_err(|e| caller.internal("ordering speakers", e))?
        .map_err(|r| caller.fail(r.into()))
}

/// The conference page: the record, the speakers with the secretary's notes (names: staff and
/// the chair only), the opinions first raised there.
#[server(endpoint = "conference/record", input = Json)]
pub async fn conference_page(campaign_id: CampaignId) -> Result<ConferenceSheet, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PERSONAL_DATA).await?;
    let commune = caller.commune_of(&viewer)?;
    caller
        .store
        .conference_sheet(commune, campaign_id)
        .await
        .map_err(|e| caller.internal("reading the conference record", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}

/// Saves the record of the conference: date, place, chairs, secretary, attendance.
#[server(endpoint = "conference/save_record", input = Json)]
pub async fn save_record(
    campaign_id: CampaignId,
    record: ConferenceRecord,
) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::conference::checked_record;
    use crate::ssr::guard::Caller;
    use crate::ssr::guard::acting;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let acting = acting(&viewer);
    let record =
        checked_record(record, acting.today).map_err(|m| caller.fail(AppError::Invalid(m)))?;
    caller
        .store
        .save_record(commune, campaign_id, &record, acting)
        .await
        .map_err(|e| caller.internal("saving the conference record", e))?
        .map_err(|r| caller.fail(r.into()))
}

/// Notes what a speaker raised and how it was answered on the spot.
#[server(endpoint = "conference/note", input = Json)]
pub async fn note_speaker(campaign_id: CampaignId, note: SpeakerNote) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::conference::checked_note;
    use crate::ssr::guard::Caller;
    use crate::ssr::guard::acting;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let note = checked_note(note).map_err(|m| caller.fail(AppError::Invalid(m)))?;
    caller
        .store
        .note_speaker(commune, campaign_id, &note, acting(&viewer))
        .await
        .map_err(|e| caller.internal("noting a speaker", e))?
        .map_err(|r| caller.fail(r.into()))
}

/// Records an opinion first raised at the conference; it joins the intake as a new opinion.
#[server(endpoint = "conference/raise", input = Json)]
pub async fn raise_opinion(
    campaign_id: CampaignId,
    opinion: NewConferenceOpinion,
) -> Result<OpinionId, AppError> {
    use crate::domain::access;
    use crate::domain::form::MAX_OPINION_CHARS;
    use crate::domain::text::checked;
    use crate::ssr::guard::Caller;
    use crate::ssr::guard::acting;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let body = checked("Nội dung ý kiến", &opinion.body, MAX_OPINION_CHARS)
        .map_err(|m| caller.fail(AppError::Invalid(m)))?;
    if body.is_empty() {
        return Err(caller.fail(AppError::Invalid("Hãy ghi nội dung ý kiến.".to_owned())));
    }
    let opinion = NewConferenceOpinion { body, ..opinion };
    let id = OpinionId::new();
    caller
        .store
        .raise_opinion(commune, campaign_id, (id, &opinion), acting(&viewer))
        .await
        .map_err(|e| caller.internal("recording a conference opinion", e))?
        .map_err(|r| caller.fail(r.into()))?;
    Ok(id)
}
