//! The ward desk (bàn làm việc của Văn phòng): the intake list, classification, likely
//! duplicates, merging opinions into issues and the group × topic pivot. Staff and the chair
//! change; supervisors (MTTQ) read; nobody else sees any of it.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;
use uuid::Uuid;

use crate::domain::campaign::{CampaignKind, CampaignStage};
use crate::domain::pivot::{Heading, PivotTable};
use crate::domain::respondent::RespondentKind;
use crate::domain::triage::{Authority, IntakeFilter, OpinionState, Urgency};
use crate::error::AppError;

/// Opinions per intake page.
pub const PAGE_SIZE: u32 = 50;
/// Most opinions one bulk action may touch.
pub const MAX_SELECTION: usize = 500;
/// Likely duplicates shown beside an opinion.
pub const SUGGESTIONS: usize = 6;

/// A campaign as the desk names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignHead {
    /// Campaign id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: CampaignKind,
    /// Stage.
    pub stage: CampaignStage,
    /// Departments send their answers before this day.
    pub answers_deadline: Option<NaiveDate>,
}

/// A topic with the department that answers it by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRef {
    /// Topic id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Default department.
    pub default_department_id: Option<Uuid>,
}

/// What the desk screens need to draw their filters and choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskReference {
    /// The campaign on screen.
    pub campaign: CampaignHead,
    /// Every campaign of the commune, newest first, for switching.
    pub campaigns: Vec<CampaignHead>,
    /// The campaign's groups.
    pub groups: Vec<Heading>,
    /// The campaign's topics.
    pub topics: Vec<TopicRef>,
    /// The commune's departments.
    pub departments: Vec<Heading>,
    /// Held copies of forms waiting for a decision.
    pub conflicts: i64,
}

/// One opinion in the intake list. No phone or household: staff work on the substance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionRow {
    /// Opinion id.
    pub id: Uuid,
    /// The resident's words.
    pub body: String,
    /// Group id.
    pub group_id: Uuid,
    /// Group name.
    pub group: String,
    /// Topic id.
    pub topic_id: Uuid,
    /// Topic name.
    pub topic: String,
    /// Respondent kind (none for opinions raised at the conference).
    pub kind: Option<RespondentKind>,
    /// Collector's name.
    pub collector: String,
    /// Receipt code of the form.
    pub receipt_code: Option<String>,
    /// When the server received it.
    pub received_at: DateTime<Utc>,
    /// Where it stands.
    pub state: OpinionState,
    /// Urgency, once set.
    pub urgency: Option<Urgency>,
    /// Authority, once decided.
    pub authority: Option<Authority>,
    /// Why it is out of scope.
    pub out_of_scope_reason: Option<String>,
    /// The issue it belongs to.
    pub issue_id: Option<Uuid>,
    /// That issue's title.
    pub issue_title: Option<String>,
    /// Set when the collector revised the form after staff saw it.
    pub revised: bool,
}

/// One page of the intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakePage {
    /// The opinions of this page, newest first.
    pub rows: Vec<OpinionRow>,
    /// Opinions matching the filter, on all pages.
    pub total: i64,
    /// Zero-based page number.
    pub page: u32,
}

/// Whether an opinion belongs in the dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Back in scope (or confirmed in scope).
    InScope,
    /// Redirected with a reason (đơn thư khiếu nại, tố cáo…).
    OutOfScope(String),
}

/// A classification decision; `None` fields are left as they are, so one bulk action can set
/// only the urgency of a selection, for example.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// New topic.
    pub topic_id: Option<Uuid>,
    /// New urgency.
    pub urgency: Option<Urgency>,
    /// New authority.
    pub authority: Option<Authority>,
    /// Scope decision.
    pub scope: Option<Scope>,
}

/// A likely duplicate and how alike it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The other opinion.
    pub row: OpinionRow,
    /// Similarity in percent.
    pub percent: u8,
}

/// Where merged opinions go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeTarget {
    /// A new issue with a title and summary written by staff.
    New {
        /// Title.
        title: String,
        /// Summary.
        summary: String,
    },
    /// An issue that already exists in the campaign.
    Existing(Uuid),
}

/// An issue in the campaign's issue list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueCard {
    /// Issue id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Topic name.
    pub topic: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Authority.
    pub authority: Authority,
    /// Supporting opinions.
    pub opinions: i64,
    /// Distinct households.
    pub households: i64,
    /// Distinct groups.
    pub groups: i64,
    /// Department in charge, once assigned.
    pub department: Option<String>,
    /// Answer status code, once drafted.
    pub answer_status: Option<String>,
}

/// Roles that read the desk.
#[cfg(feature = "ssr")]
pub(crate) const READERS: &[crate::domain::role::Role] = &[
    crate::domain::role::Role::WardStaff,
    crate::domain::role::Role::Chair,
    crate::domain::role::Role::Supervisor,
];
/// Roles that change it.
#[cfg(feature = "ssr")]
pub(crate) const EDITORS: &[crate::domain::role::Role] = &[
    crate::domain::role::Role::WardStaff,
    crate::domain::role::Role::Chair,
];

/// Filters, groups, topics and departments of a campaign.
#[server(endpoint = "desk/reference", input = Json)]
pub async fn load_desk(campaign_id: Uuid) -> Result<DeskReference, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(READERS).await?;
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
    campaign_id: Uuid,
    filter: IntakeFilter,
    page: u32,
) -> Result<IntakePage, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(READERS).await?;
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
    campaign_id: Uuid,
    opinion_ids: Vec<Uuid>,
    change: Classification,
) -> Result<u32, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(EDITORS).await?;
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
            viewer.user_id,
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("classifying opinions", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// Opinions of the same campaign that say much the same thing.
#[server(endpoint = "desk/suggestions", input = Json)]
pub async fn suggestions(opinion_id: Uuid) -> Result<Vec<Suggestion>, AppError> {
    use crate::domain::similarity::rank;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(READERS).await?;
    let commune = caller.commune_of(&viewer)?;
    let (target, candidates) = caller
        .store
        .similarity_candidates(commune, opinion_id)
        .await
        .map_err(|e| caller.internal("reading duplicate candidates", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    let ranked = rank(&target, &candidates, SUGGESTIONS);
    let ids: Vec<Uuid> = ranked.iter().map(|(id, _)| *id).collect();
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
    campaign_id: Uuid,
    opinion_ids: Vec<Uuid>,
    target: MergeTarget,
) -> Result<Uuid, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(EDITORS).await?;
    check_selection(&caller, &opinion_ids)?;
    let target = match target {
        MergeTarget::New { title, summary } => {
            let title = title.trim().to_owned();
            if title.is_empty() || title.chars().count() > 300 {
                return Err(caller.fail(AppError::Invalid(
                    "Hãy đặt tên vấn đề (không quá 300 ký tự).".into(),
                )));
            }
            MergeTarget::New {
                title,
                summary: summary.trim().to_owned(),
            }
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
            viewer.user_id,
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("merging opinions", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// Takes opinions out of an issue; with an empty list, dissolves the whole issue. Opinions
/// come back exactly as they were, since merging never changed them.
#[server(endpoint = "desk/unmerge", input = Json)]
pub async fn unmerge(issue_id: Uuid, opinion_ids: Vec<Uuid>) -> Result<(), AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(EDITORS).await?;
    if opinion_ids.len() > MAX_SELECTION {
        return Err(caller.fail(AppError::Invalid(too_many())));
    }
    let decided = caller
        .store
        .unmerge(
            caller.commune_of(&viewer)?,
            issue_id,
            &opinion_ids,
            viewer.user_id,
            Utc::now(),
        )
        .await
        .map_err(|e| caller.internal("unmerging an issue", e))?;
    decided.map_err(|refused| caller.fail(refused.into()))
}

/// The campaign's issues with their supporters.
#[server(endpoint = "desk/issues", input = Json)]
pub async fn campaign_issues(campaign_id: Uuid) -> Result<Vec<IssueCard>, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(READERS).await?;
    caller
        .store
        .campaign_issues(caller.commune_of(&viewer)?, campaign_id)
        .await
        .map_err(|e| caller.internal("listing issues", e))
}

/// Groups × topics for a campaign, narrowed by the filter.
#[server(endpoint = "desk/pivot", input = Json)]
pub async fn pivot(campaign_id: Uuid, filter: IntakeFilter) -> Result<PivotTable, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(READERS).await?;
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
fn check_selection(caller: &crate::ssr::guard::Caller, ids: &[Uuid]) -> Result<(), AppError> {
    if ids.is_empty() {
        return Err(caller.fail(AppError::Invalid("Chưa chọn ý kiến nào.".into())));
    }
    if ids.len() > MAX_SELECTION {
        return Err(caller.fail(AppError::Invalid(too_many())));
    }
    Ok(())
}
