//! The ward desk (bàn làm việc của Văn phòng): the intake list, classification, likely
//! duplicates, merging opinions into issues and the group × topic pivot. Staff and the chair
//! change; supervisors (MTTQ) read; nobody else sees any of it.

#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::pivot::PivotTable;
use crate::domain::triage::IntakeFilter;
use crate::error::AppError;

use crate::domain::ids::{CampaignId, IssueId, OpinionId};

pub use crate::api::desk::*;

/// Filters, groups, topics and departments of a campaign.
#[server(endpoint = "desk/reference", input = Json)]
pub async fn load_desk(campaign_id: CampaignId) -> Result<DeskReference, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    caller
        .store
        .desk_reference(caller.commune_of(&viewer)?, campaign_id)
        .await
        .map_err(|e| caller.internal("reading the desk reference", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}

/// One page of a campaign's opinions, filtered.
#[server(endpoint = "desk/intake", input = Json)]
pub async fn list_intake(
    campaign_id: CampaignId,
    filter: IntakeFilter,
    page: u32,
) -> Result<IntakePage, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    let filter = bounded(filter);
    let (rows, total) = caller
        .store
        .intake_page(
            caller.commune_of(&viewer)?,
            campaign_id,
            &filter,
            u64::from(page) * u64::from(PAGE_SIZE),
            PAGE_SIZE,
        )
        .await
        .map_err(|e| caller.internal("reading the intake", e))?;
    Ok(IntakePage { rows, total, page })
}

/// Classifies a selection of opinions at once.
#[server(endpoint = "desk/classify", input = Json)]
pub async fn classify(
    campaign_id: CampaignId,
    opinion_ids: Vec<OpinionId>,
    change: Classification,
) -> Result<u32, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    check_selection(&caller, &opinion_ids)?;
    if change == Classification::default() {
        return Err(caller.fail(AppError::Invalid("Chưa chọn thay đổi nào.".into())));
    }
    if let Some(Scope::OutOfScope(reason)) = &change.scope
        && reason.trim().is_empty()
    {
        return Err(caller.fail(AppError::Invalid(
            "Hãy ghi lý do ý kiến nằm ngoài phạm vi đối thoại.".into(),
        )));
    }
    let commune = caller.commune_of(&viewer)?;
    let decided = caller
        .store
        .classify(
            commune,
            campaign_id,
            &opinion_ids,
            &change,
            viewer.user_id.into(),
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("classifying opinions", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// Opinions of the same campaign that say much the same thing.
#[server(endpoint = "desk/suggestions", input = Json)]
pub async fn suggestions(opinion_id: OpinionId) -> Result<Vec<Suggestion>, AppError> {
    use crate::domain::access;
    use crate::domain::similarity::rank;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let (target, candidates) = caller
        .store
        .similarity_candidates(commune, opinion_id)
        .await
        .map_err(|e| caller.internal("reading duplicate candidates", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    // Shingling two thousand texts is milliseconds of CPU: off the async threads.
    let ranked = tokio::task::spawn_blocking(move || rank(&target, &candidates, SUGGESTIONS))
        .await
        .map_err(|e| {
            tracing::error!(%e, "ranking duplicate candidates");
            caller.fail(AppError::Internal)
        })?;
    let ids: Vec<_> = ranked.iter().map(|(id, _)| *id).collect();
    let rows = caller
        .store
        .opinion_rows(commune, &ids)
        .await
        .map_err(|e| caller.internal("reading suggested opinions", e))?;
    Ok(ranked
        .into_iter()
        .filter_map(|(id, score)| {
            let row = rows.iter().find(|r| r.id == id)?.clone();
            Some(Suggestion {
                row,
                percent: (score * 100.0).round().clamp(0.0, 100.0) as u8,
            })
        })
        .collect())
}

/// Merges opinions into a new or existing issue; returns the issue id.
#[server(endpoint = "desk/merge", input = Json)]
pub async fn merge(
    campaign_id: CampaignId,
    opinion_ids: Vec<OpinionId>,
    target: MergeTarget,
) -> Result<IssueId, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    check_selection(&caller, &opinion_ids)?;
    let target = match target {
        MergeTarget::New { title, summary } => {
            let (title, summary) =
                crate::domain::issue::checked_title_and_summary(&title, &summary)
                    .map_err(|message| caller.fail(AppError::Invalid(message)))?;
            MergeTarget::New { title, summary }
        }
        existing => existing,
    };
    let decided = caller
        .store
        .merge(
            caller.commune_of(&viewer)?,
            campaign_id,
            &opinion_ids,
            &target,
            viewer.user_id.into(),
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("merging opinions", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// Takes opinions out of an issue; with an empty list, dissolves the whole issue. Opinions
/// come back exactly as they were, since merging never changed them.
#[server(endpoint = "desk/unmerge", input = Json)]
pub async fn unmerge(issue_id: IssueId, opinion_ids: Vec<OpinionId>) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    if opinion_ids.len() > MAX_SELECTION {
        return Err(caller.fail(AppError::Invalid(too_many())));
    }
    let decided = caller
        .store
        .unmerge(
            caller.commune_of(&viewer)?,
            issue_id,
            &opinion_ids,
            viewer.user_id.into(),
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("unmerging an issue", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// The campaign's issues with their supporters.
#[server(endpoint = "desk/issues", input = Json)]
pub async fn campaign_issues(campaign_id: CampaignId) -> Result<Vec<IssueCard>, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    caller
        .store
        .campaign_issues(caller.commune_of(&viewer)?, campaign_id)
        .await
        .map_err(|e| caller.internal("listing issues", e))
}

/// Groups × topics for a campaign, narrowed by the filter.
#[server(endpoint = "desk/pivot", input = Json)]
pub async fn pivot(campaign_id: CampaignId, filter: IntakeFilter) -> Result<PivotTable, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    let filter = bounded(filter);
    let table = caller
        .store
        .pivot(caller.commune_of(&viewer)?, campaign_id, &filter)
        .await
        .map_err(|e| caller.internal("computing the pivot", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    if !table.opinions_add_up() {
        tracing::error!(%campaign_id, "pivot opinions do not add up");
    }
    Ok(table)
}

#[cfg(feature = "ssr")]
fn bounded(mut filter: IntakeFilter) -> IntakeFilter {
    use crate::domain::triage::MAX_SEARCH_CHARS;
    if filter.text.chars().count() > MAX_SEARCH_CHARS {
        filter.text = filter.text.chars().take(MAX_SEARCH_CHARS).collect();
    }
    filter
}

#[cfg(feature = "ssr")]
fn too_many() -> String {
    format!("Mỗi lần chỉ xử lý tối đa {MAX_SELECTION} ý kiến.")
}

#[cfg(feature = "ssr")]
fn check_selection(caller: &crate::ssr::guard::Caller, ids: &[OpinionId]) -> Result<(), AppError> {
    if ids.is_empty() {
        return Err(caller.fail(AppError::Invalid("Chưa chọn ý kiến nào.".into())));
    }
    if ids.len() > MAX_SELECTION {
        return Err(caller.fail(AppError::Invalid(too_many())));
    }
    Ok(())
}
