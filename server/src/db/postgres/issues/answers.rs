//! An issue's assignment to a department, the department's answer and its review, and the
//! lists of open assignments and answers awaiting approval. Every change runs under the issue's
//! row lock ([`open_issue`]), so the answer's state machine is judged on what it is now.

use crate::db::rows::{issue_entry, json};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json as js;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use app::api::answer::{ApprovalCard, AssignmentCard};
use app::domain::answer::AnswerStatus;
use app::domain::ids::{CommuneId, DepartmentId, IssueId, UserId};
use app::ports::{Decided, DeskRefusal, StoreError};
use app::server_fns::issues::AnswerDraft;

use super::super::audit::write_audit;
use super::super::backend;

use super::open_issue;

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
    tx: &mut Transaction<'_, Postgres>,
    issue_id: Uuid,
) -> Result<Option<StoredAnswer>, StoreError> {
    sqlx::query_as(
        "select id, content, result, resolution_time, resolving_body, status, review_comment
           from answers where issue_id = $1 order by updated_at desc limit 1",
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

/// [`app::ports::Issues::assign`].
pub(super) async fn assign(
    pool: &PgPool,
    commune_id: CommuneId,
    issue_id: IssueId,
    department_id: DepartmentId,
    due_date: NaiveDate,
    actor: UserId,
    now: DateTime<Utc>,
) -> Decided<()> {
    let commune_id = commune_id.uuid();
    let issue_id = issue_id.uuid();
    let department_id = department_id.uuid();
    let actor = actor.uuid();
    let Some((mut tx, _)) = open_issue(pool, commune_id, issue_id).await? else {
        return Ok(Err(DeskRefusal::NotFound));
    };
    let department: Option<String> =
        sqlx::query_scalar("select name from departments where id = $1 and commune_id = $2")
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
          where a.issue_id = $1 and a.status <> 'cancelled'
          order by a.assigned_at desc limit 1",
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
            "select status from answers where issue_id = $1 order by updated_at desc limit 1",
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
            sqlx::query("update assignments set due_date = $1 where id = $2")
                .bind(due_date)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        _ => {
            if let Some((id, ..)) = &current {
                sqlx::query("update assignments set status = 'cancelled' where id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
            }
            sqlx::query(
                "insert into assignments (id, issue_id, department_id, due_date, status,
                    assigned_by, assigned_at) values ($1, $2, $3, $4, 'open', $5, $6)",
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
            updated_at = $1 where id = $2",
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

/// [`app::ports::Issues::save_answer`].
#[allow(clippy::too_many_arguments)]
pub(super) async fn save_answer(
    pool: &PgPool,
    commune_id: CommuneId,
    issue_id: IssueId,
    department_id: DepartmentId,
    draft: &AnswerDraft,
    submit: bool,
    actor: UserId,
    now: DateTime<Utc>,
) -> Decided<()> {
    let commune_id = commune_id.uuid();
    let issue_id = issue_id.uuid();
    let department_id = department_id.uuid();
    let actor = actor.uuid();
    let Some((mut tx, _)) = open_issue(pool, commune_id, issue_id).await? else {
        return Ok(Err(DeskRefusal::NotFound));
    };
    let assignment: Option<(Uuid, Uuid)> = sqlx::query_as(
        "select id, department_id from assignments where issue_id = $1 and status <> 'cancelled'
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
                "update answers set content = $1, result = $2, resolution_time = $3,
                    resolving_body = $4, status = $5, drafted_by = $6,
                    submitted_at = coalesce($7, submitted_at), updated_at = $8 where id = $9",
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
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
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

/// [`app::ports::Issues::review_answer`].
pub(super) async fn review_answer(
    pool: &PgPool,
    commune_id: CommuneId,
    issue_id: IssueId,
    approve: bool,
    comment: &str,
    actor: UserId,
    now: DateTime<Utc>,
) -> Decided<()> {
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
        "update answers set status = $1, review_comment = $2, reviewed_by = $3,
            reviewed_at = $4, updated_at = $4 where id = $5",
    )
    .bind(status)
    .bind(comment)
    .bind(actor)
    .bind(now)
    .bind(before.id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if approve {
        sqlx::query("update issues set status = 'answered', updated_at = $1 where id = $2")
            .bind(now)
            .bind(issue_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query(
            "update assignments set status = 'done' where issue_id = $1 and status = 'open'",
        )
        .bind(issue_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
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

/// [`app::ports::Issues::assignments`].
pub(super) async fn assignments(
    pool: &PgPool,
    commune_id: CommuneId,
    department_id: Option<DepartmentId>,
) -> Result<Vec<AssignmentCard>, StoreError> {
    let rows: Vec<AssignmentRow> = sqlx::query_as(
        "select a.id, i.id as issue_id, i.title as issue_title, c.title as campaign_title,
                t.name as topic, d.name as department, a.due_date,
                (select count(*) from opinions o where o.issue_id = i.id) as supporters,
                (select an.status from answers an where an.issue_id = i.id
                  order by an.updated_at desc limit 1) as answer_status
           from assignments a
           join issues i on i.id = a.issue_id
           join campaigns c on c.id = i.campaign_id
           join topics t on t.id = i.topic_id
           join departments d on d.id = a.department_id
          where i.commune_id = $1 and a.status = 'open'
            and ($2::uuid is null or a.department_id = $2)
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

/// [`app::ports::Issues::answers_awaiting_approval`].
pub(super) async fn awaiting_approval(
    pool: &PgPool,
    commune_id: CommuneId,
) -> Result<Vec<ApprovalCard>, StoreError> {
    let rows: Vec<(Uuid, Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
        "select an.id, i.id, i.title, coalesce(d.name, ''), an.submitted_at
           from answers an
           join issues i on i.id = an.issue_id
           left join assignments a on a.id = an.assignment_id
           left join departments d on d.id = a.department_id
          where i.commune_id = $1 and an.status = 'submitted'
          -- SQLite sorts nulls first
          order by an.submitted_at nulls first",
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
