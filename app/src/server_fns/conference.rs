//! The conference (hội nghị đối thoại), first part: the speakers' list. Residents' names are
//! personal data: only staff and the chair read or change the list.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::ids::{CampaignId, GroupId, SpeakerId};
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
