//! The conclusion notice (thông báo kết luận) and the follow-up of what it assigns: staff draft,
//! the chair approves and issues, departments report back, staff accept or send back. Every
//! change is checked by `domain::conclusion` inside the store's transaction, and audited there.

use chrono::NaiveDate;
use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::ids::{CampaignId, ConclusionId, ConclusionItemId};
use crate::error::AppError;

pub use crate::api::conclusion::*;

/// Longest report-back or review note.
pub const MAX_REPORT_CHARS: usize = 4_000;
/// Longest description of what backs a report up.
pub const MAX_ATTACHMENT_CHARS: usize = 500;

#[cfg(feature = "ssr")]
mod ssr_only {
    use crate::domain::calendar::WorkCalendar;
    use crate::domain::holidays::work_calendar;
    use crate::domain::ids::CommuneId;
    use crate::error::AppError;
    use crate::ports::Ruled;
    use crate::ssr::guard::Caller;

    /// The commune's working calendar around `around`.
    pub async fn calendar(
        caller: &Caller,
        commune: CommuneId,
        around: chrono::NaiveDate,
    ) -> Result<WorkCalendar, AppError> {
        let stored = caller
            .store
            .calendar(commune)
            .await
            .map_err(|e| caller.internal("reading the calendar", e))?;
        Ok(work_calendar(around, &stored))
    }

    /// Unwraps a store answer, turning a refusal into the person's message.
    pub fn settled<T>(caller: &Caller, context: &str, answer: Ruled<T>) -> Result<T, AppError> {
        answer
            .map_err(|e| caller.internal(context, e))?
            .map_err(|r| caller.fail(r.into()))
    }
}

/// The campaign's notice page. Department officers see only the items assigned to them.
#[server(endpoint = "conclusion/sheet", input = Json)]
pub async fn conclusion_sheet(campaign_id: CampaignId) -> Result<NoticeSheet, AppError> {
    use chrono::Utc;

    use crate::domain::access;
    use crate::domain::deadlines::{clock, notice_due};
    use crate::domain::ids::DepartmentId;
    use crate::domain::role::Role;
    use crate::domain::today_in_vietnam;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_NOTICE).await?;
    let commune = caller.commune_of(&viewer)?;
    let mut record = caller
        .store
        .notice(commune, campaign_id)
        .await
        .map_err(|e| caller.internal("reading the conclusion notice", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    let reporting_for = if viewer.role == Role::DepartmentOfficer {
        let own = viewer
            .department_id
            .map(DepartmentId::from)
            .ok_or_else(|| caller.fail(AppError::Forbidden))?;
        // Officers follow only what is theirs, and only once it is issued.
        match &mut record.current {
            Some(v) if v.state == NoticeState::Issued => {
                v.items.retain(|i| i.department_id == Some(own))
            }
            _ => record.current = None,
        }
        Some(own)
    } else {
        None
    };
    let today = today_in_vietnam(Utc::now());
    let calendar = ssr_only::calendar(&caller, commune, today).await?;
    let due = record
        .conference_on
        .map(|held| notice_due(&calendar, held, record.rules));
    let issued = record
        .current
        .as_ref()
        .is_some_and(|v| v.state == NoticeState::Issued)
        || !record.history.is_empty();
    let complex = record.current.as_ref().is_some_and(|v| v.complex);
    let notice_clock = match due {
        Some(due) if !issued => Some(clock(
            &calendar,
            if complex { due.complex } else { due.ordinary },
            today,
        )),
        _ => None,
    };
    let item_clocks = record
        .current
        .iter()
        .flat_map(|v| v.items.iter())
        .filter(|i| i.report_state.owes_report())
        .filter_map(|i| i.report_due.map(|d| (i.id, clock(&calendar, d, today))))
        .collect();
    Ok(NoticeSheet {
        record,
        due,
        clock: notice_clock,
        item_clocks,
        can_edit: access::allows(access::EDIT_DESK, viewer.role),
        can_issue: access::allows(access::CONCLUDE, viewer.role),
        can_review: access::allows(access::APPROVE, viewer.role),
        reporting_for,
    })
}

/// Saves the draft notice. `version` is the version the screen showed (0 before the first).
#[server(endpoint = "conclusion/save", input = Json)]
pub async fn save_notice(
    campaign_id: CampaignId,
    version: i64,
    draft: NoticeDraft,
) -> Result<ConclusionId, AppError> {
    use crate::domain::access;
    use crate::domain::conclusion::checked_draft;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let draft = checked_draft(draft).map_err(|m| caller.fail(AppError::Invalid(m)))?;
    let answer = caller
        .store
        .save_notice(
            commune,
            campaign_id,
            version,
            &draft,
            crate::ssr::guard::acting(&viewer),
        )
        .await;
    ssr_only::settled(&caller, "saving a conclusion notice", answer)
}

/// The chair approves the draft.
#[server(endpoint = "conclusion/approve", input = Json)]
pub async fn approve_notice(campaign_id: CampaignId, version: i64) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::CONCLUDE).await?;
    let commune = caller.commune_of(&viewer)?;
    let answer = caller
        .store
        .approve_notice(
            commune,
            campaign_id,
            version,
            crate::ssr::guard::acting(&viewer),
        )
        .await;
    ssr_only::settled(&caller, "approving a conclusion notice", answer)
}

/// The chair issues the approved notice with its number and date.
#[server(endpoint = "conclusion/issue", input = Json)]
pub async fn issue_notice(
    campaign_id: CampaignId,
    version: i64,
    number: String,
    issued_on: NaiveDate,
) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::conclusion::checked_number;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::CONCLUDE).await?;
    let commune = caller.commune_of(&viewer)?;
    let number = checked_number(&number).map_err(|m| caller.fail(AppError::Invalid(m)))?;
    let calendar = ssr_only::calendar(&caller, commune, issued_on).await?;
    let answer = caller
        .store
        .issue_notice(
            commune,
            campaign_id,
            version,
            (&number, issued_on),
            &calendar,
            crate::ssr::guard::acting(&viewer),
        )
        .await;
    ssr_only::settled(&caller, "issuing a conclusion notice", answer)
}

/// Starts a correction of the issued notice: a new draft version.
#[server(endpoint = "conclusion/correct", input = Json)]
pub async fn correct_notice(
    campaign_id: CampaignId,
    version: i64,
) -> Result<ConclusionId, AppError> {
    use crate::domain::access;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::EDIT_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let answer = caller
        .store
        .correct_notice(
            commune,
            campaign_id,
            version,
            crate::ssr::guard::acting(&viewer),
        )
        .await;
    ssr_only::settled(&caller, "correcting a conclusion notice", answer)
}

/// A department officer reports the result of an item assigned to their department.
#[server(endpoint = "conclusion/report", input = Json)]
pub async fn report_item(
    item_id: ConclusionItemId,
    text: String,
    attachment: String,
    done_on: NaiveDate,
) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::ids::DepartmentId;
    use crate::domain::text::checked;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::ANSWER).await?;
    let commune = caller.commune_of(&viewer)?;
    let department = viewer
        .department_id
        .map(DepartmentId::from)
        .ok_or_else(|| caller.fail(AppError::Forbidden))?;
    let text = checked("Kết quả thực hiện", &text, MAX_REPORT_CHARS)
        .map_err(|m| caller.fail(AppError::Invalid(m)))?;
    if text.is_empty() {
        return Err(caller.fail(AppError::Invalid("Hãy ghi kết quả thực hiện.".to_owned())));
    }
    let answer = caller
        .store
        .report_item(
            commune,
            department,
            item_id,
            (&text, &attachment, done_on),
            crate::ssr::guard::acting(&viewer),
        )
        .await;
    ssr_only::settled(&caller, "reporting on a conclusion item", answer)
}

/// Staff accept a report, or send it back with what is missing.
#[server(endpoint = "conclusion/review", input = Json)]
pub async fn review_item(
    item_id: ConclusionItemId,
    accept: bool,
    note: String,
) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::text::checked;
    use crate::ports::Review;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::APPROVE).await?;
    let commune = caller.commune_of(&viewer)?;
    let note = checked("Ý kiến", &note, MAX_REPORT_CHARS)
        .map_err(|m| caller.fail(AppError::Invalid(m)))?;
    let review = if accept {
        Review::Accept(note)
    } else if note.is_empty() {
        return Err(caller.fail(AppError::Invalid(
            "Hãy ghi lý do trả lại để đơn vị bổ sung.".to_owned(),
        )));
    } else {
        Review::Return(note)
    };
    let answer = caller
        .store
        .review_item(
            commune,
            item_id,
            &review,
            crate::ssr::guard::acting(&viewer),
        )
        .await;
    ssr_only::settled(&caller, "reviewing a conclusion item", answer)
}

/// Items of issued notices not done yet, with their clocks: every one for staff, the chair and
/// MTTQ; a department officer's own.
#[server(endpoint = "conclusion/open", input = Json)]
pub async fn open_items() -> Result<Vec<OpenItemLine>, AppError> {
    use chrono::Utc;

    use crate::domain::access;
    use crate::domain::deadlines::clock;
    use crate::domain::ids::DepartmentId;
    use crate::domain::role::Role;
    use crate::domain::today_in_vietnam;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_NOTICE).await?;
    let commune = caller.commune_of(&viewer)?;
    let department = if viewer.role == Role::DepartmentOfficer {
        Some(
            viewer
                .department_id
                .map(DepartmentId::from)
                .ok_or_else(|| caller.fail(AppError::Forbidden))?,
        )
    } else {
        None
    };
    let items = caller
        .store
        .open_items(commune, department)
        .await
        .map_err(|e| caller.internal("listing open conclusion items", e))?;
    let today = today_in_vietnam(Utc::now());
    let calendar = ssr_only::calendar(&caller, commune, today).await?;
    Ok(items
        .into_iter()
        .map(|item| OpenItemLine {
            // The clock stops while a report waits for review.
            clock: item
                .report_state
                .owes_report()
                .then(|| clock(&calendar, item.report_due, today)),
            item,
        })
        .collect())
}

/// Longest supervision note.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Every item of the commune's issued notices with its clock and MTTQ's notes (staff, the chair
/// and MTTQ).
#[server(endpoint = "supervision/items", input = Json)]
pub async fn supervised_items() -> Result<Vec<SupervisedLine>, AppError> {
    use chrono::Utc;

    use crate::domain::access;
    use crate::domain::deadlines::clock;
    use crate::domain::today_in_vietnam;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::FOLLOW_UP).await?;
    let commune = caller.commune_of(&viewer)?;
    let items = caller
        .store
        .supervised_items(commune)
        .await
        .map_err(|e| caller.internal("reading the supervision view", e))?;
    let today = today_in_vietnam(Utc::now());
    let calendar = ssr_only::calendar(&caller, commune, today).await?;
    Ok(items
        .into_iter()
        .map(|supervised| SupervisedLine {
            clock: supervised
                .item
                .report_due
                .filter(|_| supervised.item.report_state.owes_report())
                .map(|due| clock(&calendar, due, today)),
            supervised,
        })
        .collect())
}

/// MTTQ adds a supervision note to an issue; it joins the issue's trail.
#[server(endpoint = "supervision/note", input = Json)]
pub async fn add_supervision_note(
    issue_id: crate::domain::ids::IssueId,
    body: String,
) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::text::checked;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::SUPERVISE).await?;
    let commune = caller.commune_of(&viewer)?;
    let body = checked("Ý kiến giám sát", &body, MAX_NOTE_CHARS)
        .map_err(|m| caller.fail(AppError::Invalid(m)))?;
    if body.is_empty() {
        return Err(caller.fail(AppError::Invalid(
            "Hãy ghi nội dung ý kiến giám sát.".to_owned(),
        )));
    }
    caller
        .store
        .add_note(commune, issue_id, &body, crate::ssr::guard::acting(&viewer))
        .await
        .map_err(|e| caller.internal("adding a supervision note", e))?
        .map_err(|r| caller.fail(r.into()))
}
