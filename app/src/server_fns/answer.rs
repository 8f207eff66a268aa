//! Answers (trả lời): what departments must answer, and what waits for the chair.

#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::domain::ids::CommuneId;

use crate::error::AppError;

pub use crate::api::answer::*;

/// Assignments of the caller's department (department officers).
#[server(endpoint = "answer/my_assignments")]
pub async fn my_assignments() -> Result<Vec<AssignmentCard>, AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::ANSWER).await?;
    let department = viewer
        .department_id
        .ok_or_else(|| caller.fail(AppError::Forbidden))?;
    with_lateness(&caller, caller.commune_of(&viewer)?, Some(department)).await
}

/// Every open assignment of the commune, for follow-up (staff, chair, supervisors).
#[server(endpoint = "answer/follow_up")]
pub async fn follow_up() -> Result<Vec<AssignmentCard>, AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::FOLLOW_UP).await?;
    with_lateness(&caller, caller.commune_of(&viewer)?, None).await
}

/// Answers submitted for approval (staff and chair).
#[server(endpoint = "answer/awaiting_approval")]
pub async fn awaiting_approval() -> Result<Vec<ApprovalCard>, AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::APPROVE).await?;
    caller
        .store
        .answers_awaiting_approval(caller.commune_of(&viewer)?)
        .await
        .map_err(|e| caller.internal("listing answers awaiting approval", e))
}

#[cfg(feature = "ssr")]
async fn with_lateness(
    caller: &crate::ssr::guard::Caller,
    commune_id: CommuneId,
    department_id: Option<Uuid>,
) -> Result<Vec<AssignmentCard>, AppError> {
    use crate::domain::holidays::work_calendar;
    use crate::domain::today_in_vietnam;

    let mut cards = caller
        .store
        .assignments(commune_id, department_id.map(Into::into))
        .await
        .map_err(|e| caller.internal("listing assignments", e))?;
    let stored = caller
        .store
        .calendar(commune_id)
        .await
        .map_err(|e| caller.internal("reading the calendar", e))?;
    let today = today_in_vietnam(Utc::now());
    let calendar = work_calendar(today, &stored);
    for card in &mut cards {
        card.working_days_late = calendar.working_days_between(card.due_date, today).max(0);
        card.clock = Some(crate::domain::deadlines::clock(
            &calendar,
            card.due_date,
            today,
        ));
    }
    Ok(cards)
}
