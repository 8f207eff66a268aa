//! Forms in conflict (phiếu xung đột): the same form id and revision arrived twice with different
//! content, so the server kept the first and held the second. Staff compare the two and decide;
//! taking the held copy stores it as the next revision, so nothing typed is lost either way.

#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;

use crate::domain::ids::CampaignId;

pub use crate::api::conflicts::*;

/// Unresolved conflicts of a campaign (staff, chair, supervisors).
#[server(endpoint = "desk/conflicts", input = Json)]
pub async fn list_conflicts(campaign_id: CampaignId) -> Result<Vec<ConflictCard>, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    caller
        .store
        .form_conflicts(caller.commune_of(&viewer)?, campaign_id)
        .await
        .map_err(|e| caller.internal("listing form conflicts", e))
}

/// Keeps the stored form, or stores the held copy as the next revision (staff, chair).
#[server(endpoint = "desk/resolve_conflict", input = Json)]
pub async fn resolve_conflict(conflict_id: i64, use_held: bool) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::ingest::Ingest;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let now = Utc::now();
    let held = caller
        .store
        .held_form(commune, conflict_id)
        .await
        .map_err(|e| caller.internal("reading a held form", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    let decided = caller
        .store
        .close_conflict(
            commune,
            conflict_id,
            use_held.then_some(&held),
            viewer.user_id.into(),
            now,
        )
        .await
        .map_err(|e| caller.internal("resolving a conflict", e))?;
    match decided {
        Ok(None | Some(Ingest::Revised | Ingest::SameContent)) => Ok(()),
        Ok(Some(Ingest::Refused(refusal))) => {
            Err(caller.fail(AppError::Invalid(refusal.message().to_owned())))
        }
        Ok(Some(other)) => {
            tracing::error!(?other, conflict_id, "unexpected outcome for a held form");
            Err(caller.fail(AppError::Internal))
        }
        Err(refused) => Err(caller.fail(refused.into())),
    }
}
