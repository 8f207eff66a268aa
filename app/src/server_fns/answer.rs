//! Answers (trả lời): what departments must answer, and what waits for the chair.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// An issue assigned to a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentCard {
    /// Assignment id.
    pub assignment_id: Uuid,
    /// Issue id, for the link to its page.
    pub issue_id: Uuid,
    /// Issue title.
    pub issue_title: String,
    /// Campaign it came from.
    pub campaign_title: String,
    /// Topic name.
    pub topic: String,
    /// Department in charge.
    pub department: String,
    /// Due date.
    pub due_date: NaiveDate,
    /// Opinions supporting the issue.
    pub supporters: i64,
    /// Status of the answer: chưa trả lời, đang soạn, chờ duyệt, trả lại.
    pub answer_status: Option<String>,
    /// Working days past the due date (0 when not late); filled by the server from the calendar.
    pub working_days_late: i64,
}

/// An answer waiting for approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalCard {
    /// Answer id.
    pub answer_id: Uuid,
    /// Issue id, for the link to its page.
    pub issue_id: Uuid,
    /// Issue title.
    pub issue_title: String,
    /// Department that drafted it.
    pub department: String,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
}

/// Vietnamese label for an answer status code.
pub fn answer_status_label(code: Option<&str>) -> &'static str {
    match code {
        None => "Chưa trả lời",
        Some("draft") => "Đang soạn",
        Some("submitted") => "Chờ phê duyệt",
        Some("returned") => "Bị trả lại",
        Some("approved") => "Đã phê duyệt",
        Some(_) => "Không rõ",
    }
}

/// Assignments of the caller's department (department officers).
#[server(endpoint = "answer/my_assignments")]
pub async fn my_assignments() -> Result<Vec<AssignmentCard>, AppError> {
    use crate::domain::role::Role;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(&[Role::DepartmentOfficer]).await?;
    let department = viewer
        .department_id
        .ok_or_else(|| caller.fail(AppError::Forbidden))?;
    with_lateness(&caller, caller.commune_of(&viewer)?, Some(department)).await
}

/// Every open assignment of the commune, for follow-up (staff, chair, supervisors).
#[server(endpoint = "answer/follow_up")]
pub async fn follow_up() -> Result<Vec<AssignmentCard>, AppError> {
    use crate::domain::role::Role;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller
        .require(&[Role::WardStaff, Role::Chair, Role::Supervisor])
        .await?;
    with_lateness(&caller, caller.commune_of(&viewer)?, None).await
}

/// Answers submitted for approval (staff and chair).
#[server(endpoint = "answer/awaiting_approval")]
pub async fn awaiting_approval() -> Result<Vec<ApprovalCard>, AppError> {
    use crate::domain::role::Role;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(&[Role::WardStaff, Role::Chair]).await?;
    caller
        .store
        .answers_awaiting_approval(caller.commune_of(&viewer)?)
        .await
        .map_err(|e| caller.internal("listing answers awaiting approval", e))
}

#[cfg(feature = "ssr")]
async fn with_lateness(
    caller: &crate::ssr::guard::Caller,
    commune_id: Uuid,
    department_id: Option<Uuid>,
) -> Result<Vec<AssignmentCard>, AppError> {
    use crate::domain::calendar::WorkCalendar;
    use crate::domain::today_in_vietnam;

    let mut cards = caller
        .store
        .assignments(commune_id, department_id)
        .await
        .map_err(|e| caller.internal("listing assignments", e))?;
    let calendar = WorkCalendar::new(
        caller
            .store
            .calendar(commune_id)
            .await
            .map_err(|e| caller.internal("reading the calendar", e))?,
    );
    let today = today_in_vietnam(Utc::now());
    for card in &mut cards {
        card.working_days_late = calendar.working_days_between(card.due_date, today).max(0);
    }
    Ok(cards)
}
