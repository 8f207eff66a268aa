//! Row types and small helpers both backends share: the columns they select are the same and
//! decode to the same Rust types on SQLite and PostgreSQL, so only the SQL around them differs.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use app::api::desk::OpinionRow;
use app::api::{CampaignRef, NamedRef};
use app::domain::ids::{GroupId, TopicId};
use app::domain::issue::Supporter;
use app::domain::respondent::RespondentKind;
use app::domain::triage::{Authority, OpinionState, OpinionStatus, Urgency};
use app::ports::{AuditEntry, StoreError};

/// A failure, kept as the cause; a uniqueness violation in the database is a conflict.
pub(crate) fn backend(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    let error: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
    if let Some(sqlx::Error::Database(e)) = error.downcast_ref::<sqlx::Error>()
        && e.is_unique_violation()
    {
        return StoreError::Conflict(e.message().to_owned());
    }
    StoreError::Backend(error)
}

/// Columns of [`OpinionRow`] over `opinions o` and its joins ([`ROW_FROM`]).
pub(crate) const ROW_SELECT: &str = "select o.id, o.body, o.group_id, g.name as group_name,
    o.topic_id, t.name as topic_name, o.respondent_kind, coalesce(u.full_name, '') as collector,
    f.receipt_code, o.created_at, o.status, o.urgency, o.authority, o.out_of_scope_reason,
    o.issue_id, i.title as issue_title, f.revised_at is not null as revised";

pub(crate) const ROW_FROM: &str = " from opinions o
    join residential_groups g on g.id = o.group_id
    join topics t on t.id = o.topic_id
    left join forms f on f.id = o.form_id
    left join users u on u.id = f.collector_id
    left join issues i on i.id = o.issue_id";

#[derive(sqlx::FromRow)]
pub(crate) struct RowRecord {
    id: Uuid,
    body: String,
    group_id: Uuid,
    group_name: String,
    topic_id: Uuid,
    topic_name: String,
    respondent_kind: Option<String>,
    collector: String,
    receipt_code: Option<String>,
    created_at: DateTime<Utc>,
    status: String,
    urgency: Option<String>,
    authority: Option<String>,
    out_of_scope_reason: Option<String>,
    issue_id: Option<Uuid>,
    issue_title: Option<String>,
    revised: bool,
}

impl From<RowRecord> for OpinionRow {
    fn from(r: RowRecord) -> OpinionRow {
        OpinionRow {
            id: r.id.into(),
            body: r.body,
            group_id: r.group_id.into(),
            group: r.group_name,
            topic_id: r.topic_id.into(),
            topic: r.topic_name,
            kind: r.respondent_kind.as_deref().and_then(RespondentKind::parse),
            collector: r.collector,
            receipt_code: r.receipt_code,
            received_at: r.created_at,
            state: OpinionState::of(&r.status, r.issue_id.is_some()),
            urgency: r.urgency.as_deref().and_then(Urgency::from_code),
            authority: r.authority.as_deref().and_then(Authority::from_code),
            out_of_scope_reason: r.out_of_scope_reason,
            issue_id: r.issue_id.map(Into::into),
            issue_title: r.issue_title,
            revised: r.revised,
        }
    }
}

/// The classification fields of one opinion, as the audit log records them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub(crate) struct Classified {
    #[serde(skip)]
    pub id: Uuid,
    #[serde(skip)]
    pub topic_id: Uuid,
    pub topic: String,
    pub status: String,
    pub urgency: Option<String>,
    pub authority: Option<String>,
    pub out_of_scope_reason: Option<String>,
    #[serde(skip)]
    pub issue_id: Option<Uuid>,
}

pub(crate) fn json(value: &impl serde::Serialize) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// Ids once each, in the order given.
pub(crate) fn unique(ids: &[Uuid]) -> Vec<Uuid> {
    let mut seen = HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

pub(crate) fn issue_entry(
    commune_id: Uuid,
    actor: Uuid,
    issue_id: Uuid,
    action: &'static str,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id.into()),
        actor_id: Some(actor.into()),
        entity: "issue",
        entity_id: issue_id.to_string(),
        action,
        before: None,
        after: None,
    }
}

/// The merge rules' view of classified opinions.
pub(crate) fn supporters(opinions: &[Classified]) -> Vec<Supporter> {
    opinions
        .iter()
        .map(|o| Supporter {
            topic_id: o.topic_id.into(),
            urgency: o.urgency.as_deref().and_then(Urgency::from_code),
            authority: o.authority.as_deref().and_then(Authority::from_code),
            status: OpinionStatus::parse(&o.status).unwrap_or(OpinionStatus::New),
        })
        .collect()
}

/// Open campaigns with the collector's groups and the campaign's topics, from three plain
/// lists: `(id, title, deadline)`, `(campaign, group, name)` and `(campaign, topic, name)`.
pub(crate) fn collector_reference(
    campaigns: Vec<(Uuid, String, Option<NaiveDate>)>,
    groups: Vec<(Uuid, Uuid, String)>,
    topics: Vec<(Uuid, Uuid, String)>,
) -> Vec<CampaignRef> {
    type Refs = (Vec<NamedRef<GroupId>>, Vec<NamedRef<TopicId>>);
    let mut by_campaign: HashMap<Uuid, Refs> = HashMap::new();
    for (campaign, id, name) in groups {
        by_campaign.entry(campaign).or_default().0.push(NamedRef {
            id: id.into(),
            name,
        });
    }
    for (campaign, id, name) in topics {
        by_campaign.entry(campaign).or_default().1.push(NamedRef {
            id: id.into(),
            name,
        });
    }
    campaigns
        .into_iter()
        .map(|(id, title, collection_deadline)| {
            let (groups, topics) = by_campaign.remove(&id).unwrap_or_default();
            CampaignRef {
                id: id.into(),
                title,
                collection_deadline,
                groups,
                topics,
            }
        })
        .collect()
}

/// Login failures as both backends count them (see `Sessions::failed_logins`).
#[derive(sqlx::FromRow)]
pub(crate) struct FailuresRow {
    pair_count: i64,
    pair_last: Option<DateTime<Utc>>,
    address_count: i64,
    address_last: Option<DateTime<Utc>>,
}

impl From<FailuresRow> for app::ports::FailedLogins {
    fn from(row: FailuresRow) -> Self {
        let failures = |count: i64, last_at| app::domain::login::Failures {
            count: u32::try_from(count).unwrap_or(u32::MAX),
            last_at,
        };
        app::ports::FailedLogins {
            for_pair: failures(row.pair_count, row.pair_last),
            from_address: failures(row.address_count, row.address_last),
        }
    }
}

/// The audit entry of a form's new revision, by its collector: which revision it replaced and
/// which opinions went with it (staff see why an opinion vanished from the intake list).
pub(crate) fn revision_entry(
    arrival: &app::domain::ingest::Arrival<'_>,
    replaced: Option<u32>,
    dropped: &[app::domain::ids::OpinionId],
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(arrival.commune_id),
        actor_id: Some(arrival.collector_id),
        entity: "form",
        entity_id: arrival.form.id.to_string(),
        action: "revised",
        before: Some(serde_json::json!({ "revision": replaced }).to_string()),
        after: Some(
            serde_json::json!({
                "revision": arrival.form.revision,
                "dropped_opinions": dropped,
            })
            .to_string(),
        ),
    }
}

/// A write that touched no row found nothing of the caller's to change.
pub(crate) fn found(rows_affected: u64) -> Result<(), app::ports::DeskRefusal> {
    if rows_affected == 0 {
        Err(app::ports::DeskRefusal::NotFound)
    } else {
        Ok(())
    }
}

/// The first and last day of a year.
pub(crate) fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), StoreError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(first), Some(last)) => Ok((first, last)),
        _ => Err(StoreError::broken(format!("year {year} out of range"))),
    }
}

/// One line of the audit log with the names joined in.
#[derive(sqlx::FromRow)]
pub(crate) struct AuditLine {
    at: DateTime<Utc>,
    actor: Option<String>,
    commune: Option<String>,
    entity: String,
    entity_id: String,
    action: String,
    before_json: Option<String>,
    after_json: Option<String>,
}

impl AuditLine {
    pub(crate) fn into_row(self) -> app::api::admin::AuditRow {
        app::api::admin::AuditRow {
            at: self.at,
            actor: self.actor,
            commune: self.commune,
            entity: self.entity,
            entity_id: self.entity_id,
            action: self.action,
            before: self.before_json,
            after: self.after_json,
        }
    }
}

/// A campaign's working-day rules from their stored columns (negative lengths read as 0).
pub(crate) fn deadline_rules(
    conclusion_days: i64,
    conclusion_max_days: i64,
    report_back_days: i64,
) -> app::domain::campaign::DeadlineRules {
    let days = |n: i64| u32::try_from(n).unwrap_or(0);
    app::domain::campaign::DeadlineRules {
        conclusion_days: days(conclusion_days),
        conclusion_max_days: days(conclusion_max_days),
        report_back_days: days(report_back_days),
    }
}

/// A stored disposition code.
pub(crate) fn disposition(code: &str) -> Result<app::domain::conclusion::Disposition, StoreError> {
    app::domain::conclusion::Disposition::parse(code)
        .ok_or_else(|| StoreError::broken(format!("unknown disposition {code}")))
}

/// A stored report-back state.
pub(crate) fn report_state(code: &str) -> Result<app::domain::conclusion::ReportState, StoreError> {
    app::domain::conclusion::ReportState::parse(code)
        .ok_or_else(|| StoreError::broken(format!("unknown report state {code}")))
}

/// Columns of [`NoticeItemLine`] over `conclusion_items ci` joined to `issues i` and (left)
/// `departments d`.
pub(crate) const NOTICE_ITEM_SELECT: &str = "ci.id, ci.issue_id, i.title as issue_title,
    ci.disposition, ci.content, ci.department_id, d.name as department, ci.body,
    ci.report_due_on, ci.report_state, ci.report_text, ci.report_attachment, ci.reported_on,
    ci.review_note";

/// An item of a conclusion notice as both backends decode it.
#[derive(sqlx::FromRow)]
pub(crate) struct NoticeItemLine {
    id: app::domain::ids::ConclusionItemId,
    issue_id: app::domain::ids::IssueId,
    issue_title: String,
    disposition: String,
    content: String,
    department_id: Option<app::domain::ids::DepartmentId>,
    department: Option<String>,
    body: String,
    report_due_on: Option<NaiveDate>,
    report_state: String,
    report_text: Option<String>,
    report_attachment: Option<String>,
    reported_on: Option<NaiveDate>,
    review_note: Option<String>,
}

impl NoticeItemLine {
    /// The issue the item concludes on.
    pub(crate) fn issue_id(&self) -> app::domain::ids::IssueId {
        self.issue_id
    }

    pub(crate) fn into_item(self) -> Result<app::api::conclusion::NoticeItem, StoreError> {
        Ok(app::api::conclusion::NoticeItem {
            id: self.id,
            issue_id: self.issue_id,
            issue_title: self.issue_title,
            disposition: disposition(&self.disposition)?,
            content: self.content,
            department_id: self.department_id,
            department: self.department,
            body: self.body,
            report_due: self.report_due_on,
            report_state: report_state(&self.report_state)?,
            report_text: self.report_text,
            report_attachment: self.report_attachment,
            reported_on: self.reported_on,
            review_note: self.review_note,
        })
    }
}
