//! One issue (vấn đề) from merge to approved answer: its supporters, its assignment to a
//! department with a due date, the department's answer and the review by staff or the chair,
//! and the audit trail of every change.

use chrono::NaiveDate;
#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;

use crate::domain::ids::{DepartmentId, IssueId};

pub use crate::api::issues::*;

/// The issue page.
#[server(endpoint = "issue/detail", input = Json)]
pub async fn load_issue(issue_id: IssueId) -> Result<IssueDetail, AppError> {
    use crate::domain::access;
    use crate::domain::role::Role;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_ISSUE).await?;
    let commune = caller.commune_of(&viewer)?;
    let mut detail = caller
        .store
        .issue_detail(commune, issue_id)
        .await
        .map_err(|e| caller.internal("reading an issue", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    let assigned_here = detail
        .assignment
        .as_ref()
        .is_some_and(|a| Some(a.department_id) == viewer.department_id);
    if viewer.role == Role::DepartmentOfficer && !assigned_here {
        // another department's issue does not exist for this officer
        return Err(caller.fail(AppError::NotFound));
    }
    let editor = matches!(viewer.role, Role::WardStaff | Role::Chair);
    detail.can = IssuePermissions {
        edit: editor,
        answer: viewer.role == Role::DepartmentOfficer && assigned_here,
        review: editor
            && detail
                .answer
                .as_ref()
                .is_some_and(|a| a.status == crate::domain::answer::AnswerStatus::Submitted),
    };
    if viewer.role == Role::DepartmentOfficer {
        detail.audit.clear();
    }
    if editor {
        detail.suggested_due_date = suggested_due(&caller, commune, issue_id).await?;
    }
    Ok(detail)
}

/// Edits title, summary, topic, urgency and authority.
#[server(endpoint = "issue/update", input = Json)]
pub async fn update_issue(issue_id: IssueId, edit: IssueEdit) -> Result<(), AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(crate::domain::access::EDIT_DESK).await?;
    let (title, summary) =
        crate::domain::issue::checked_title_and_summary(&edit.title, &edit.summary)
            .map_err(|message| caller.fail(AppError::Invalid(message)))?;
    let edit = IssueEdit {
        title,
        summary,
        ..edit
    };
    let decided = caller
        .store
        .update_issue(
            caller.commune_of(&viewer)?,
            issue_id,
            &edit,
            viewer.user_id.into(),
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("updating an issue", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// Assigns the issue to a department; without a date, the suggested due date is used.
/// Returns the due date set.
#[server(endpoint = "issue/assign", input = Json)]
pub async fn assign_issue(
    issue_id: IssueId,
    department_id: DepartmentId,
    due_date: Option<NaiveDate>,
) -> Result<NaiveDate, AppError> {
    use crate::domain::today_in_vietnam;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(crate::domain::access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let now = Utc::now();
    let due = match due_date {
        Some(day) => day,
        None => suggested_due(&caller, commune, issue_id).await?,
    };
    if due < today_in_vietnam(now) {
        return Err(caller.fail(AppError::Invalid(
            "Hạn trả lời không được sớm hơn hôm nay.".into(),
        )));
    }
    let decided = caller
        .store
        .assign(
            commune,
            issue_id,
            department_id,
            due,
            viewer.user_id.into(),
            now,
        )
        .await
        .map_err(|e| caller.internal("assigning an issue", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))?;
    Ok(due)
}

/// Saves the department's answer; with `submit`, sends it for review.
#[server(endpoint = "issue/answer", input = Json)]
pub async fn save_answer(
    issue_id: IssueId,
    draft: AnswerDraft,
    submit: bool,
) -> Result<(), AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::ANSWER).await?;
    let department = viewer
        .department_id
        .ok_or_else(|| caller.fail(AppError::Forbidden))?;
    let draft = crate::domain::answer::checked_draft(&draft)
        .map_err(|message| caller.fail(AppError::Invalid(message)))?;
    if submit && (draft.content.is_empty() || draft.resolving_body.is_empty()) {
        return Err(caller.fail(AppError::Invalid(
            "Trước khi trình duyệt, hãy ghi nội dung trả lời và cơ quan giải quyết.".into(),
        )));
    }
    let decided = caller
        .store
        .save_answer(
            caller.commune_of(&viewer)?,
            issue_id,
            department.into(),
            &draft,
            submit,
            viewer.user_id.into(),
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("saving an answer", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// Approves the submitted answer, or sends it back with a comment.
#[server(endpoint = "issue/review", input = Json)]
pub async fn review_answer(
    issue_id: IssueId,
    approve: bool,
    comment: String,
) -> Result<(), AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(crate::domain::access::EDIT_DESK).await?;
    let comment = crate::domain::text::checked("Ý kiến khi trả lại", &comment, 2_000)
        .map_err(|message| caller.fail(AppError::Invalid(message)))?;
    if !approve && comment.is_empty() {
        return Err(caller.fail(AppError::Invalid(
            "Khi trả lại, hãy ghi ý kiến để đơn vị chỉnh sửa.".into(),
        )));
    }
    let decided = caller
        .store
        .review_answer(
            caller.commune_of(&viewer)?,
            issue_id,
            approve,
            &comment,
            viewer.user_id.into(),
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("reviewing an answer", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// The campaign's answers deadline, or [`DEFAULT_ANSWER_DAYS`] working days from today.
#[cfg(feature = "ssr")]
pub(crate) async fn suggested_due(
    caller: &crate::ssr::guard::Caller,
    commune: crate::domain::ids::CommuneId,
    issue_id: IssueId,
) -> Result<NaiveDate, AppError> {
    use crate::domain::holidays::work_calendar;
    use crate::domain::today_in_vietnam;

    let deadline = caller
        .store
        .issue_answers_deadline(commune, issue_id)
        .await
        .map_err(|e| caller.internal("reading the answers deadline", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    let today = today_in_vietnam(Utc::now());
    match deadline {
        Some(day) if day >= today => Ok(day),
        _ => {
            let stored = caller
                .store
                .calendar(commune)
                .await
                .map_err(|e| caller.internal("reading the calendar", e))?;
            let calendar = work_calendar(today, &stored);
            Ok(calendar.add_working_days(today, DEFAULT_ANSWER_DAYS))
        }
    }
}
