//! Reading issues: the campaign's issue cards and one issue with everything about it.

use crate::db::rows::{ROW_FROM, ROW_SELECT, RowRecord};
use app::domain::answer::AnswerStatus;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use app::domain::triage::{Authority, Urgency};
use app::ports::StoreError;
use app::server_fns::desk::{IssueCard, OpinionRow};
use app::server_fns::intake::NamedCount;
use app::server_fns::issues::{
    AnswerDraft, AnswerInfo, AssignmentInfo, AuditLine, IssueDetail, IssuePermissions,
};

use super::super::backend;
use super::super::campaigns::departments;

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
pub(in crate::db::postgres) async fn group_counts(
    pool: &PgPool,
    issue_id: Uuid,
) -> Result<Vec<NamedCount>, StoreError> {
    // Grouped by the group's primary key, so its name and order may be selected.
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select g.name, count(*) from opinions o join residential_groups g on g.id = o.group_id
          where o.issue_id = $1 group by g.id order by count(*) desc, g.sort_order",
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

/// [`app::ports::Issues::campaign_issues`].
pub(super) async fn campaign_issues(
    pool: &PgPool,
    commune_id: Uuid,
    campaign_id: Uuid,
) -> Result<Vec<IssueCard>, StoreError> {
    let sql = format!(
        "select i.id, i.title, t.name as topic, i.urgency, i.authority, {ISSUE_FIGURES}
           from issues i join topics t on t.id = i.topic_id
          where i.commune_id = $1 and i.campaign_id = $2
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

/// [`app::ports::Issues::issue_detail`].
pub(super) async fn issue_detail(
    pool: &PgPool,
    commune_id: Uuid,
    issue_id: Uuid,
) -> Result<Option<IssueDetail>, StoreError> {
    let issue: Option<IssueRecord> = sqlx::query_as(
        "select i.campaign_id, c.title as campaign_title, c.answers_deadline, i.title, i.summary,
            i.topic_id, t.name as topic, t.default_department_id, i.urgency, i.authority,
            i.created_at
           from issues i join campaigns c on c.id = i.campaign_id
           join topics t on t.id = i.topic_id
          where i.id = $1 and i.commune_id = $2",
    )
    .bind(issue_id)
    .bind(commune_id)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    let Some(issue) = issue else {
        return Ok(None);
    };
    let rows_sql =
        format!("{ROW_SELECT}{ROW_FROM} where o.issue_id = $1 order by g.sort_order, o.created_at");
    let opinions: Vec<OpinionRow> = sqlx::query_as::<_, RowRecord>(sqlx::AssertSqlSafe(rows_sql))
        .bind(issue_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?
        .into_iter()
        .map(OpinionRow::from)
        .collect();
    let households: i64 = sqlx::query_scalar(
        "select count(distinct household_key) from opinions where issue_id = $1",
    )
    .bind(issue_id)
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    let by_group = group_counts(pool, issue_id).await?;
    let assignment: Option<(Uuid, String, NaiveDate, DateTime<Utc>)> = sqlx::query_as(
        "select a.department_id, d.name, a.due_date, a.assigned_at
           from assignments a join departments d on d.id = a.department_id
          where a.issue_id = $1 and a.status <> 'cancelled'
          order by a.assigned_at desc limit 1",
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
          where an.issue_id = $1 order by an.updated_at desc limit 1",
    )
    .bind(issue_id)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    // The audit log keeps ids as text (SQLite matched them against a JSON array).
    let member_ids: Vec<String> = opinions.iter().map(|o| o.id.to_string()).collect();
    let audit: Vec<AuditRecord> = sqlx::query_as(
        "select a.at, coalesce(u.full_name, ''), a.action, a.entity, a.before_json,
                a.after_json
           from audit_log a left join users u on u.id = a.actor_id
          where a.commune_id = $1 and ((a.entity = 'issue' and a.entity_id = $2)
             or (a.entity = 'opinion' and a.entity_id = any($3)))
          order by a.at, a.id",
    )
    .bind(commune_id)
    .bind(issue_id.to_string())
    .bind(&member_ids)
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
