//! Campaign planning (bước 1 "Lập kế hoạch"): ward staff write the plan and move the campaign
//! through its stages. Every change is audited with the plan before and after.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::campaign::CampaignStage;
use crate::domain::ids::CampaignId;
use crate::error::AppError;

pub use crate::api::plan::*;

/// Every campaign of the caller's commune with its stage and milestones.
#[server(endpoint = "plan/list")]
pub async fn plan_list() -> Result<Vec<PlanCard>, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    caller
        .store
        .plan_cards(commune)
        .await
        .map_err(|e| caller.internal("listing campaign plans", e))
}

/// The planning form for a new campaign (`None`) or an existing one.
#[server(endpoint = "plan/form", input = Json)]
pub async fn plan_form(campaign_id: Option<CampaignId>) -> Result<PlanSheet, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let choices = caller
        .store
        .plan_choices(commune)
        .await
        .map_err(|e| caller.internal("reading plan choices", e))?;
    let campaign = match campaign_id {
        Some(id) => Some(
            caller
                .store
                .planned_campaign(commune, id)
                .await
                .map_err(|e| caller.internal("reading a plan", e))?
                .ok_or_else(|| caller.fail(AppError::NotFound))?,
        ),
        None => None,
    };
    let notice_due = match campaign
        .as_ref()
        .and_then(|c| c.plan.conference_date.map(|d| (d, c.plan.rules)))
    {
        Some((conference, rules)) => {
            let stored = caller
                .store
                .calendar(commune)
                .await
                .map_err(|e| caller.internal("reading the calendar", e))?;
            let calendar = crate::domain::holidays::work_calendar(conference, &stored);
            Some(crate::domain::deadlines::notice_due(
                &calendar, conference, rules,
            ))
        }
        None => None,
    };
    Ok(PlanSheet {
        choices,
        campaign,
        can_edit: access::allows(access::PLAN, viewer.role),
        notice_due,
    })
}

/// Saves a plan: a new campaign (in planning) when `campaign_id` is `None`.
#[server(endpoint = "plan/save", input = Json)]
pub async fn save_plan(
    campaign_id: Option<CampaignId>,
    plan: CampaignPlan,
) -> Result<CampaignId, AppError> {
    use chrono::Utc;

    use crate::domain::access;
    use crate::domain::campaign::{checked_plan, drops_targets};
    use crate::ssr::guard::{Caller, json};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PLAN).await?;
    let commune = caller.commune_of(&viewer)?;
    let plan = checked_plan(&plan).map_err(|m| caller.fail(AppError::Invalid(m)))?;
    let before = match campaign_id {
        Some(id) => Some(
            caller
                .store
                .planned_campaign(commune, id)
                .await
                .map_err(|e| caller.internal("reading a plan", e))?
                .ok_or_else(|| caller.fail(AppError::NotFound))?,
        ),
        None => None,
    };
    if let Some(before) = &before {
        if before.stage == CampaignStage::Closed {
            return Err(caller.fail(AppError::Invalid(
                "Đợt đối thoại đã kết thúc; không thể sửa kế hoạch.".into(),
            )));
        }
        if drops_targets(before.stage, &before.plan, &plan) {
            return Err(caller.fail(AppError::Invalid(
                "Đợt đối thoại đã thu phiếu: chỉ có thể thêm thôn, tổ dân phố và nhóm nội dung, \
                 không thể bỏ bớt."
                    .into(),
            )));
        }
    }
    let id = campaign_id.unwrap_or_default();
    let now = Utc::now();
    caller
        .store
        .save_plan(commune, id, &plan, viewer.user_id.into(), now)
        .await
        .map_err(|e| caller.internal("saving a plan", e))?
        .map_err(|r| caller.fail(r.into()))?;
    let action = if before.is_some() {
        "planned"
    } else {
        "created"
    };
    caller
        .record(
            &viewer,
            Some(commune),
            ("campaign", id.to_string()),
            action,
            before.map(|b| json(&b.plan)),
            Some(json(&plan)),
        )
        .await?;
    Ok(id)
}

/// Moves a campaign from the stage the caller saw to the next (or back to collecting).
#[server(endpoint = "plan/stage", input = Json)]
pub async fn move_stage(
    campaign_id: CampaignId,
    from: CampaignStage,
    to: CampaignStage,
) -> Result<(), AppError> {
    use chrono::Utc;

    use crate::domain::access;
    use crate::domain::today_in_vietnam;
    use crate::ports::{StageMove, StoreError};
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PLAN).await?;
    let commune = caller.commune_of(&viewer)?;
    let now = Utc::now();
    let change = StageMove {
        from,
        to,
        today: today_in_vietnam(now),
    };
    match caller
        .store
        .move_stage(commune, campaign_id, change, viewer.user_id.into(), now)
        .await
    {
        Ok(Ok(())) => Ok(()),
        Ok(Err(refusal)) => Err(caller.fail(AppError::Invalid(refusal.message().into()))),
        Err(StoreError::NotFound) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.internal("moving a campaign's stage", e)),
    }
}
