//! Issues: merging and unmerging opinions, editing, assignment, answers and their review.
//! Merging only sets `opinions.issue_id`; an opinion's own classification is never touched, so
//! unmerging restores it exactly.

use crate::db::rows::{ROW_FROM, ROW_SELECT, RowRecord, issue_entry, json, supporters, unique};
use app::domain::ids::{CampaignId, CommuneId, DepartmentId, IssueId, OpinionId, UserId};
use app::ports::Issues;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json as js;
use sqlx::{Sqlite, SqlitePool, Transaction};
use uuid::Uuid;

use app::domain::answer::AnswerStatus;
use app::domain::issue::{may_merge, new_issue_fields};
use app::domain::triage::{Authority, Urgency};
use app::ports::StoreError;
use app::ports::{Decided, DeskRefusal};
use app::server_fns::desk::{IssueCard, MergeTarget, OpinionRow};
use app::server_fns::intake::NamedCount;
use app::server_fns::issues::{
    AnswerDraft, AnswerInfo, AssignmentInfo, AuditLine, IssueDetail, IssueEdit, IssuePermissions,
};

use super::opinions::{departments, open_opinions, write_audit};
use super::{SqliteStore, backend};
use app::api::answer::{ApprovalCard, AssignmentCard};

async fn members(
    tx: &mut Transaction<'_, Sqlite>,
    issue_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    sqlx::query_scalar("select id from opinions where issue_id = ? order by created_at, id")
        .bind(issue_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(backend)
}

async fn issue_campaign(
    tx: &mut Transaction<'_, Sqlite>,
    commune_id: Uuid,
    issue_id: Uuid,
) -> Result<Option<Uuid>, StoreError> {
    sqlx::query_scalar("select campaign_id from issues where id = ? and commune_id = ?")
        .bind(issue_id)
        .bind(commune_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)
}

/// Starts the write transaction of a change to one issue, with the issue's campaign; `None`
/// when the issue is not the commune's.
async fn open_issue(
    pool: &SqlitePool,
    commune_id: Uuid,
    issue_id: Uuid,
) -> Result<Option<(Transaction<'static, Sqlite>, Uuid)>, StoreError> {
    let mut tx = pool.begin_with("begin immediate").await.map_err(backend)?;
    Ok(issue_campaign(&mut tx, commune_id, issue_id)
        .await?
        .map(|campaign| (tx, campaign)))
}

/// Supporter counts and current handling of every issue, as SQL columns over `issues i`.
const ISSUE_FIGURES: &str = "
    (select count(*) from opinions o where o.issue_id = i.id) as opinions,
    (select count(distinct o.household_key) from opinions o where o.issue_id = i.id) as households,
    (select count(distinct o.group_id) from opinions o where o.issue_id = i.id) as groups,
    (select d.name from assignments a join departments d on d.id = a.department_id
      where a.issue_id = i.id and a.status <> 'cancelled' order by a.assigned_at desc limit 1)
      as department,
    (select an.status from answers an where an.issue_id = i.id
      order by an.updated_at desc limit 1) as answer_status";

#[derive(sqlx::FromRow)]
struct CardRecord {
    id: Uuid,
    title: String,
    topic: String,
    urgency: String,
    authority: String,
    opinions: i64,
    households: i64,
    groups: i64,
    department: Option<String>,
    answer_status: Option<AnswerStatus>,
}

#[derive(sqlx::FromRow)]
struct IssueRecord {
    campaign_id: Uuid,
    campaign_title: String,
    answers_deadline: Option<NaiveDate>,
    title: String,
    summary: String,
    topic_id: Uuid,
    topic: String,
    default_department_id: Option<Uuid>,
    urgency: String,
    authority: String,
    created_at: DateTime<Utc>,
}

/// at, actor, action, entity, before, after
type AuditRecord = (
    DateTime<Utc>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

#[derive(sqlx::FromRow)]
struct AnswerRecord {
    content: String,
    result: String,
    resolution_time: String,
    resolving_body: String,
    status: AnswerStatus,
    review_comment: Option<String>,
    drafted_by: Option<String>,
    submitted_at: Option<DateTime<Utc>>,
    reviewed_by: Option<String>,
    reviewed_at: Option<DateTime<Utc>>,
}

/// Opinions of an issue per group, largest first.
pub(super) async fn group_counts(
    pool: &SqlitePool,
    issue_id: Uuid,
) -> Result<Vec<NamedCount>, StoreError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select g.name, count(*) from opinions o join residential_groups g on g.id = o.group_id
         where o.issue_id = ? group by g.id order by count(*) desc, g.sort_order",
    )
    .bind(issue_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|(name, count)| NamedCount { name, count })
        .collect())
}

#[derive(sqlx::FromRow, serde::Serialize)]
struct IssueFields {
    title: String,
    summary: String,
    topic: String,
    urgency: String,
    authority: String,
}

async fn issue_fields(
    tx: &mut Transaction<'_, Sqlite>,
    issue_id: Uuid,
) -> Result<IssueFields, StoreError> {
    sqlx::query_as(
        "select i.title, i.summary, t.name as topic, i.urgency, i.authority
         from issues i join topics t on t.id = i.topic_id where i.id = ?",
    )
    .bind(issue_id)
    .fetch_one(&mut **tx)
    .await
    .map_err(backend)
}

#[derive(sqlx::FromRow, serde::Serialize)]
struct StoredAnswer {
    #[serde(skip)]
    id: Uuid,
    content: String,
    result: String,
    resolution_time: String,
    resolving_body: String,
    status: String,
    review_comment: Option<String>,
}

async fn latest_answer(
    tx: &mut Transaction<'_, Sqlite>,
    issue_id: Uuid,
) -> Result<Option<StoredAnswer>, StoreError> {
    sqlx::query_as(
        "select id, content, result, resolution_time, resolving_body, status, review_comment
         from answers where issue_id = ? order by updated_at desc limit 1",
    )
    .bind(issue_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    id: Uuid,
    issue_id: Uuid,
    issue_title: String,
    campaign_title: String,
    topic: String,
    department: String,
    due_date: NaiveDate,
    supporters: i64,
    answer_status: Option<AnswerStatus>,
}

#[async_trait]
impl Issues for SqliteStore {
    async fn merge(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        ids: &[OpinionId],
        target: &MergeTarget,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<IssueId> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let ids = &ids[..];
        let actor = actor.uuid();
        let Some((mut tx, opinions)) = open_opinions(pool, commune_id, campaign_id, ids).await?
        else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let supporters = supporters(&opinions);
        if !may_merge(&supporters) {
            return Ok(Err(DeskRefusal::OutOfScope));
        }
        let (issue_id, before) = match target {
            MergeTarget::Existing(issue_id) => {
                let found: Option<Uuid> = sqlx::query_scalar(
                    "select id from issues where id = ? and commune_id = ? and campaign_id = ?",
                )
                .bind(issue_id)
                .bind(commune_id)
                .bind(campaign_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
                if found.is_none() {
                    return Ok(Err(DeskRefusal::NotFound));
                }
                (
                    issue_id.uuid(),
                    Some(members(&mut tx, issue_id.uuid()).await?),
                )
            }
            MergeTarget::New { title, summary } => {
                let Some((topic_id, urgency, authority)) = new_issue_fields(&supporters) else {
                    return Ok(Err(DeskRefusal::NotFound));
                };
                let issue_id = Uuid::now_v7();
                sqlx::query(
                    "insert into issues (id, commune_id, campaign_id, title, summary, topic_id,
                    urgency, authority, status, created_by, created_at, updated_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
                )
                .bind(issue_id)
                .bind(commune_id)
                .bind(campaign_id)
                .bind(title)
                .bind(summary)
                .bind(topic_id)
                .bind(urgency.code())
                .bind(authority.code())
                .bind(actor)
                .bind(now)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                (issue_id, None)
            }
        };
        if opinions
            .iter()
            .any(|o| o.issue_id.is_some_and(|other| other != issue_id))
        {
            return Ok(Err(DeskRefusal::InAnotherIssue));
        }
        for o in &opinions {
            sqlx::query("update opinions set issue_id = ? where id = ?")
                .bind(issue_id)
                .bind(o.id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        sqlx::query("update issues set updated_at = ? where id = ?")
            .bind(now)
            .bind(issue_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let after = members(&mut tx, issue_id).await?;
        let mut audit = issue_entry(commune_id, actor, issue_id, "merge");
        audit.before = before.map(|b| js!({ "opinions": b }).to_string());
        audit.after = Some(
            js!({ "opinions": after, "added": opinions.iter().map(|o| o.id).collect::<Vec<_>>() })
                .to_string(),
        );
        if let MergeTarget::New { title, .. } = target {
            audit.after = Some(js!({ "title": title, "opinions": after }).to_string());
        }
        write_audit(&mut *tx, audit, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(issue_id.into()))
    }

    async fn unmerge(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        ids: &[OpinionId],
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let ids = &ids[..];
        let actor = actor.uuid();
        let ids = unique(ids);
        let Some((mut tx, _)) = open_issue(pool, commune_id, issue_id).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let before = members(&mut tx, issue_id).await?;
        let leaving: Vec<Uuid> = if ids.is_empty() { before.clone() } else { ids };
        if leaving.iter().any(|id| !before.contains(id)) {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let remaining: Vec<Uuid> = before
            .iter()
            .copied()
            .filter(|id| !leaving.contains(id))
            .collect();
        let dissolve = remaining.is_empty();
        if dissolve {
            let settled: i64 = sqlx::query_scalar(
                "select (select count(*) from answers where issue_id = ?1)
                  + (select count(*) from conclusion_items where issue_id = ?1)",
            )
            .bind(issue_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
            if settled > 0 {
                return Ok(Err(DeskRefusal::IssueHasAnswer));
            }
        }
        for id in &leaving {
            sqlx::query("update opinions set issue_id = null where id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        if dissolve {
            for sql in [
                "delete from assignments where issue_id = ?",
                "delete from issues where id = ?",
            ] {
                sqlx::query(sql)
                    .bind(issue_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
            }
        }
        let mut audit = issue_entry(commune_id, actor, issue_id, "unmerge");
        audit.before = Some(js!({ "opinions": before }).to_string());
        audit.after = Some(
            js!({ "opinions": remaining, "removed": leaving, "dissolved": dissolve }).to_string(),
        );
        write_audit(&mut *tx, audit, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn campaign_issues(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Vec<IssueCard>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let sql = format!(
            "select i.id, i.title, t.name as topic, i.urgency, i.authority, {ISSUE_FIGURES}
         from issues i join topics t on t.id = i.topic_id
         where i.commune_id = ? and i.campaign_id = ?
         order by t.sort_order, opinions desc, i.title"
        );
        let rows: Vec<CardRecord> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(commune_id)
            .bind(campaign_id)
            .fetch_all(pool)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|r| IssueCard {
                id: r.id.into(),
                title: r.title,
                topic: r.topic,
                urgency: Urgency::from_code(&r.urgency).unwrap_or(Urgency::BinhThuong),
                authority: Authority::from_code(&r.authority).unwrap_or(Authority::Commune),
                opinions: r.opinions,
                households: r.households,
                groups: r.groups,
                department: r.department,
                answer_status: r.answer_status,
            })
            .collect())
    }

    async fn issue_detail(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
    ) -> Result<Option<IssueDetail>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let issue: Option<IssueRecord> = sqlx::query_as(
        "select i.campaign_id, c.title as campaign_title, c.answers_deadline, i.title, i.summary,
            i.topic_id, t.name as topic, t.default_department_id, i.urgency, i.authority,
            i.created_at
         from issues i join campaigns c on c.id = i.campaign_id join topics t on t.id = i.topic_id
         where i.id = ? and i.commune_id = ?",
    )
    .bind(issue_id)
    .bind(commune_id)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
        let Some(issue) = issue else {
            return Ok(None);
        };
        let rows_sql = format!(
            "{ROW_SELECT}{ROW_FROM} where o.issue_id = ? order by g.sort_order, o.created_at"
        );
        let opinions: Vec<OpinionRow> =
            sqlx::query_as::<_, RowRecord>(sqlx::AssertSqlSafe(rows_sql))
                .bind(issue_id)
                .fetch_all(pool)
                .await
                .map_err(backend)?
                .into_iter()
                .map(OpinionRow::from)
                .collect();
        let households: i64 = sqlx::query_scalar(
            "select count(distinct household_key) from opinions where issue_id = ?",
        )
        .bind(issue_id)
        .fetch_one(pool)
        .await
        .map_err(backend)?;
        let by_group = group_counts(pool, issue_id).await?;
        let assignment: Option<(Uuid, String, NaiveDate, DateTime<Utc>)> = sqlx::query_as(
            "select a.department_id, d.name, a.due_date, a.assigned_at
         from assignments a join departments d on d.id = a.department_id
         where a.issue_id = ? and a.status <> 'cancelled' order by a.assigned_at desc limit 1",
        )
        .bind(issue_id)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
        let answer: Option<AnswerRecord> = sqlx::query_as(
            "select an.content, an.result, an.resolution_time, an.resolving_body, an.status,
            an.review_comment, du.full_name as drafted_by, an.submitted_at,
            ru.full_name as reviewed_by, an.reviewed_at
         from answers an left join users du on du.id = an.drafted_by
            left join users ru on ru.id = an.reviewed_by
         where an.issue_id = ? order by an.updated_at desc limit 1",
        )
        .bind(issue_id)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
        let member_ids: Vec<String> = opinions.iter().map(|o| o.id.to_string()).collect();
        let audit: Vec<AuditRecord> = sqlx::query_as(
            "select a.at, coalesce(u.full_name, ''), a.action, a.entity, a.before_json,
                a.after_json
             from audit_log a left join users u on u.id = a.actor_id
             where a.commune_id = ?1 and ((a.entity = 'issue' and a.entity_id = ?2)
                or (a.entity = 'opinion' and a.entity_id in (select value from json_each(?3))))
             order by a.at, a.id",
        )
        .bind(commune_id)
        .bind(issue_id.to_string())
        .bind(serde_json::to_string(&member_ids).map_err(backend)?)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        Ok(Some(IssueDetail {
            id: issue_id,
            campaign_id: issue.campaign_id,
            campaign_title: issue.campaign_title,
            title: issue.title,
            summary: issue.summary,
            topic_id: issue.topic_id,
            topic: issue.topic,
            urgency: Urgency::from_code(&issue.urgency).unwrap_or(Urgency::BinhThuong),
            authority: Authority::from_code(&issue.authority).unwrap_or(Authority::Commune),
            opinions,
            households,
            by_group,
            assignment: assignment.map(|(department_id, department, due_date, assigned_at)| {
                AssignmentInfo {
                    department_id,
                    department,
                    due_date,
                    assigned_at,
                }
            }),
            answer: answer.map(|a| AnswerInfo {
                draft: AnswerDraft {
                    content: a.content,
                    result: a.result,
                    resolution_time: a.resolution_time,
                    resolving_body: a.resolving_body,
                },
                status: a.status,
                review_comment: a.review_comment,
                drafted_by: a.drafted_by,
                submitted_at: a.submitted_at,
                reviewed_by: a.reviewed_by,
                reviewed_at: a.reviewed_at,
            }),
            default_department_id: issue.default_department_id,
            suggested_due_date: issue
                .answers_deadline
                .unwrap_or_else(|| issue.created_at.date_naive()),
            departments: departments(pool, commune_id).await?,
            audit: audit
                .into_iter()
                .map(|(at, actor, action, entity, before, after)| AuditLine {
                    at,
                    actor,
                    action,
                    entity,
                    before,
                    after,
                })
                .collect(),
            can: IssuePermissions::default(),
        }))
    }

    async fn issue_answers_deadline(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
    ) -> Result<Option<Option<NaiveDate>>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        sqlx::query_scalar(
            "select c.answers_deadline from issues i join campaigns c on c.id = i.campaign_id
         where i.id = ? and i.commune_id = ?",
        )
        .bind(issue_id)
        .bind(commune_id)
        .fetch_optional(pool)
        .await
        .map_err(backend)
    }

    async fn update_issue(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        edit: &IssueEdit,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let actor = actor.uuid();
        let Some((mut tx, campaign_id)) = open_issue(pool, commune_id, issue_id).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let topic_ok: Option<Uuid> = sqlx::query_scalar(
            "select topic_id from campaign_topics where campaign_id = ? and topic_id = ?",
        )
        .bind(campaign_id)
        .bind(edit.topic_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        if topic_ok.is_none() {
            return Ok(Err(DeskRefusal::TopicNotInCampaign));
        }
        let before = issue_fields(&mut tx, issue_id).await?;
        sqlx::query(
            "update issues set title = ?, summary = ?, topic_id = ?, urgency = ?, authority = ?,
            updated_at = ? where id = ?",
        )
        .bind(&edit.title)
        .bind(&edit.summary)
        .bind(edit.topic_id)
        .bind(edit.urgency.code())
        .bind(edit.authority.code())
        .bind(now)
        .bind(issue_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let after = issue_fields(&mut tx, issue_id).await?;
        let mut audit = issue_entry(commune_id, actor, issue_id, "edit");
        audit.before = json(&before);
        audit.after = json(&after);
        write_audit(&mut *tx, audit, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn assign(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        department_id: DepartmentId,
        due_date: NaiveDate,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let department_id = department_id.uuid();
        let actor = actor.uuid();
        let Some((mut tx, _)) = open_issue(pool, commune_id, issue_id).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let department: Option<String> =
            sqlx::query_scalar("select name from departments where id = ? and commune_id = ?")
                .bind(department_id)
                .bind(commune_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        let Some(department) = department else {
            return Ok(Err(DeskRefusal::UnknownDepartment));
        };
        let current: Option<(Uuid, Uuid, String, NaiveDate)> = sqlx::query_as(
            "select a.id, a.department_id, d.name, a.due_date
         from assignments a join departments d on d.id = a.department_id
         where a.issue_id = ? and a.status <> 'cancelled' order by a.assigned_at desc limit 1",
        )
        .bind(issue_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let moves = current
            .as_ref()
            .is_none_or(|(_, dept, _, _)| *dept != department_id);
        if moves {
            let answer: Option<AnswerStatus> = sqlx::query_scalar(
                "select status from answers where issue_id = ? order by updated_at desc limit 1",
            )
            .bind(issue_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
            if !AnswerStatus::may_change_department(answer) {
                return Ok(Err(DeskRefusal::AnsweredElsewhere));
            }
        }
        match &current {
            Some((id, dept, _, _)) if *dept == department_id => {
                sqlx::query("update assignments set due_date = ? where id = ?")
                    .bind(due_date)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
            }
            _ => {
                if let Some((id, ..)) = &current {
                    sqlx::query("update assignments set status = 'cancelled' where id = ?")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(backend)?;
                }
                sqlx::query(
                    "insert into assignments (id, issue_id, department_id, due_date, status,
                    assigned_by, assigned_at) values (?, ?, ?, ?, 'open', ?, ?)",
                )
                .bind(Uuid::now_v7())
                .bind(issue_id)
                .bind(department_id)
                .bind(due_date)
                .bind(actor)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            }
        }
        sqlx::query(
            "update issues set status = case when status = 'open' then 'assigned' else status end,
            updated_at = ? where id = ?",
        )
        .bind(now)
        .bind(issue_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let mut audit = issue_entry(commune_id, actor, issue_id, "assign");
        audit.before = current.map(|(_, _, name, due)| {
            js!({ "department": name, "due_date": due.format("%d/%m/%Y").to_string() }).to_string()
        });
        audit.after = Some(
            js!({ "department": department, "due_date": due_date.format("%d/%m/%Y").to_string() })
                .to_string(),
        );
        write_audit(&mut *tx, audit, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    #[allow(clippy::too_many_arguments)]
    async fn save_answer(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        department_id: DepartmentId,
        draft: &AnswerDraft,
        submit: bool,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let department_id = department_id.uuid();
        let actor = actor.uuid();
        let Some((mut tx, _)) = open_issue(pool, commune_id, issue_id).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let assignment: Option<(Uuid, Uuid)> = sqlx::query_as(
            "select id, department_id from assignments where issue_id = ? and status <> 'cancelled'
         order by assigned_at desc limit 1",
        )
        .bind(issue_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((assignment_id, _)) = assignment.filter(|(_, dept)| *dept == department_id) else {
            return Ok(Err(DeskRefusal::NotAssignedToYou));
        };
        let before = latest_answer(&mut tx, issue_id).await?;
        let current = before.as_ref().and_then(|a| AnswerStatus::parse(&a.status));
        let Some(status) = AnswerStatus::after_save(current, submit) else {
            return Ok(Err(DeskRefusal::AnswerLocked));
        };
        let status = status.code();
        let submitted_at = submit.then_some(now);
        match &before {
            Some(a) => {
                sqlx::query(
                    "update answers set content = ?, result = ?, resolution_time = ?,
                    resolving_body = ?, status = ?, drafted_by = ?,
                    submitted_at = coalesce(?, submitted_at), updated_at = ? where id = ?",
                )
                .bind(&draft.content)
                .bind(&draft.result)
                .bind(&draft.resolution_time)
                .bind(&draft.resolving_body)
                .bind(status)
                .bind(actor)
                .bind(submitted_at)
                .bind(now)
                .bind(a.id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            }
            None => {
                sqlx::query(
                    "insert into answers (id, issue_id, assignment_id, content, result,
                    resolution_time, resolving_body, status, drafted_by, submitted_at, updated_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(Uuid::now_v7())
                .bind(issue_id)
                .bind(assignment_id)
                .bind(&draft.content)
                .bind(&draft.result)
                .bind(&draft.resolution_time)
                .bind(&draft.resolving_body)
                .bind(status)
                .bind(actor)
                .bind(submitted_at)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            }
        }
        let after = latest_answer(&mut tx, issue_id).await?;
        let action = if submit {
            "answer_submitted"
        } else {
            "answer_saved"
        };
        let mut audit = issue_entry(commune_id, actor, issue_id, action);
        audit.before = before.as_ref().and_then(json);
        audit.after = after.as_ref().and_then(json);
        write_audit(&mut *tx, audit, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn review_answer(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        approve: bool,
        comment: &str,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let actor = actor.uuid();
        let Some((mut tx, _)) = open_issue(pool, commune_id, issue_id).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let before = latest_answer(&mut tx, issue_id).await?;
        let current = before.as_ref().and_then(|a| AnswerStatus::parse(&a.status));
        let (Some(before), Some(status)) = (before, AnswerStatus::after_review(current, approve))
        else {
            return Ok(Err(DeskRefusal::NothingToReview));
        };
        let status = status.code();
        let comment = (!comment.is_empty()).then_some(comment);
        sqlx::query(
            "update answers set status = ?, review_comment = ?, reviewed_by = ?, reviewed_at = ?,
            updated_at = ? where id = ?",
        )
        .bind(status)
        .bind(comment)
        .bind(actor)
        .bind(now)
        .bind(now)
        .bind(before.id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if approve {
            for sql in [
                "update issues set status = 'answered', updated_at = ?1 where id = ?2",
                "update assignments set status = 'done' where issue_id = ?2 and status = 'open'
                and ?1 is not null",
            ] {
                sqlx::query(sql)
                    .bind(now)
                    .bind(issue_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
            }
        }
        let after = latest_answer(&mut tx, issue_id).await?;
        let mut audit = issue_entry(
            commune_id,
            actor,
            issue_id,
            if approve { "approve" } else { "return" },
        );
        audit.before = json(&before);
        audit.after = after.as_ref().and_then(json);
        write_audit(&mut *tx, audit, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn assignments(
        &self,
        commune_id: CommuneId,
        department_id: Option<DepartmentId>,
    ) -> Result<Vec<AssignmentCard>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let department_id = department_id.map(|id| id.uuid());
        let rows: Vec<AssignmentRow> = sqlx::query_as(
        "select a.id, i.id as issue_id, i.title as issue_title, c.title as campaign_title, t.name as topic,
                d.name as department, a.due_date,
                (select count(*) from opinions o where o.issue_id = i.id) as supporters,
                (select an.status from answers an where an.issue_id = i.id
                  order by an.updated_at desc limit 1) as answer_status
           from assignments a
           join issues i on i.id = a.issue_id
           join campaigns c on c.id = i.campaign_id
           join topics t on t.id = i.topic_id
           join departments d on d.id = a.department_id
          where i.commune_id = ?1 and a.status = 'open'
            and (?2 is null or a.department_id = ?2)
          order by a.due_date, i.title",
    )
    .bind(commune_id)
    .bind(department_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|r| AssignmentCard {
                assignment_id: r.id,
                issue_id: r.issue_id,
                issue_title: r.issue_title,
                campaign_title: r.campaign_title,
                topic: r.topic,
                department: r.department,
                due_date: r.due_date,
                supporters: r.supporters,
                answer_status: r.answer_status,
                working_days_late: 0,
                clock: None,
            })
            .collect())
    }

    async fn answers_awaiting_approval(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<ApprovalCard>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let rows: Vec<(Uuid, Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
            "select an.id, i.id, i.title, coalesce(d.name, ''), an.submitted_at
           from answers an
           join issues i on i.id = an.issue_id
           left join assignments a on a.id = an.assignment_id
           left join departments d on d.id = a.department_id
          where i.commune_id = ? and an.status = 'submitted'
          order by an.submitted_at",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(
                |(answer_id, issue_id, issue_title, department, submitted_at)| ApprovalCard {
                    answer_id,
                    issue_id,
                    issue_title,
                    department,
                    submitted_at,
                },
            )
            .collect())
    }
}
