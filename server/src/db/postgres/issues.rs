//! Issues: merging and unmerging opinions, editing, assignment, answers and their review.
//! Merging only sets `opinions.issue_id`; an opinion's own classification is never touched, so
//! unmerging restores it exactly.
//!
//! Where SQLite serialises these changes by locking the whole database (`begin immediate`),
//! each change here locks what it reads and then writes: the issue row first, then opinions in
//! id order. The same order everywhere means two changes may wait for each other but never in
//! a circle; the answer and assignment rows are only ever written under their issue's lock.

use crate::db::rows::{issue_entry, json, supporters, unique};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json as js;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use app::api::answer::{ApprovalCard, AssignmentCard};
use app::domain::ids::{CampaignId, CommuneId, DepartmentId, IssueId, OpinionId, UserId};
use app::domain::issue::{may_merge, new_issue_fields};
use app::ports::{Decided, DeskRefusal, Issues, StoreError};
use app::server_fns::desk::{IssueCard, MergeTarget};
use app::server_fns::issues::{AnswerDraft, IssueDetail, IssueEdit};

use super::audit::write_audit;
use super::opinions::lock_opinions;
use super::{PgStore, backend};

mod answers;
mod detail;

pub(super) use detail::group_counts;

async fn members(
    tx: &mut Transaction<'_, Postgres>,
    issue_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    sqlx::query_scalar("select id from opinions where issue_id = $1 order by created_at, id")
        .bind(issue_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(backend)
}

/// Starts the transaction of a change to one issue and locks the issue's row, returning the
/// issue's campaign; `None` when the issue is not the commune's. Every change to an issue, its
/// assignment or its answer goes through here, so they are judged one after the other.
async fn open_issue(
    pool: &PgPool,
    commune_id: Uuid,
    issue_id: Uuid,
) -> Result<Option<(Transaction<'static, Postgres>, Uuid)>, StoreError> {
    let mut tx = pool.begin().await.map_err(backend)?;
    let campaign: Option<Uuid> = sqlx::query_scalar(
        "select campaign_id from issues where id = $1 and commune_id = $2 for update",
    )
    .bind(issue_id)
    .bind(commune_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(backend)?;
    Ok(campaign.map(|campaign| (tx, campaign)))
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
    tx: &mut Transaction<'_, Postgres>,
    issue_id: Uuid,
) -> Result<IssueFields, StoreError> {
    sqlx::query_as(
        "select i.title, i.summary, t.name as topic, i.urgency, i.authority
           from issues i join topics t on t.id = i.topic_id where i.id = $1",
    )
    .bind(issue_id)
    .fetch_one(&mut **tx)
    .await
    .map_err(backend)
}

#[async_trait]
impl Issues for PgStore {
    async fn merge(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        ids: &[OpinionId],
        target: &MergeTarget,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<IssueId> {
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let ids: Vec<Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let actor = actor.uuid();
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // The issue before the opinions (the order of every change): locked now, judged below
        // in SQLite's order of refusals.
        let existing = match target {
            MergeTarget::Existing(issue_id) => Some(
                sqlx::query_scalar::<_, Uuid>(
                    "select id from issues where id = $1 and commune_id = $2 and campaign_id = $3
                        for update",
                )
                .bind(issue_id)
                .bind(commune_id)
                .bind(campaign_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?,
            ),
            MergeTarget::New { .. } => None,
        };
        let Some(opinions) = lock_opinions(&mut tx, commune_id, campaign_id, &ids).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let supporters = supporters(&opinions);
        if !may_merge(&supporters) {
            return Ok(Err(DeskRefusal::OutOfScope));
        }
        let (issue_id, before) = match target {
            MergeTarget::Existing(issue_id) => {
                if existing.flatten().is_none() {
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
                     values ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $10)",
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
            sqlx::query("update opinions set issue_id = $1 where id = $2")
                .bind(issue_id)
                .bind(o.id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        sqlx::query("update issues set updated_at = $1 where id = $2")
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
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let ids: Vec<Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let actor = actor.uuid();
        let ids = unique(&ids);
        let Some((mut tx, _)) = open_issue(&self.pool, commune_id, issue_id).await? else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        // The members in id order, as classify locks them, before any is written.
        sqlx::query("select id from opinions where issue_id = $1 order by id for update")
            .bind(issue_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
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
                "select (select count(*) from answers where issue_id = $1)
                      + (select count(*) from conclusion_items where issue_id = $1)",
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
            sqlx::query("update opinions set issue_id = null where id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        if dissolve {
            for sql in [
                "delete from assignments where issue_id = $1",
                "delete from issues where id = $1",
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
        detail::campaign_issues(&self.pool, commune_id.uuid(), campaign_id.uuid()).await
    }

    async fn issue_detail(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
    ) -> Result<Option<IssueDetail>, StoreError> {
        detail::issue_detail(&self.pool, commune_id.uuid(), issue_id.uuid()).await
    }

    async fn issue_answers_deadline(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
    ) -> Result<Option<Option<NaiveDate>>, StoreError> {
        sqlx::query_scalar(
            "select c.answers_deadline from issues i join campaigns c on c.id = i.campaign_id
              where i.id = $1 and i.commune_id = $2",
        )
        .bind(issue_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
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
        let commune_id = commune_id.uuid();
        let issue_id = issue_id.uuid();
        let actor = actor.uuid();
        let Some((mut tx, campaign_id)) = open_issue(&self.pool, commune_id, issue_id).await?
        else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let topic_ok: Option<Uuid> = sqlx::query_scalar(
            "select topic_id from campaign_topics where campaign_id = $1 and topic_id = $2",
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
            "update issues set title = $1, summary = $2, topic_id = $3, urgency = $4,
                authority = $5, updated_at = $6 where id = $7",
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
        answers::assign(
            pool,
            commune_id,
            issue_id,
            department_id,
            due_date,
            actor,
            now,
        )
        .await
    }

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
        answers::save_answer(
            pool,
            commune_id,
            issue_id,
            department_id,
            draft,
            submit,
            actor,
            now,
        )
        .await
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
        answers::review_answer(pool, commune_id, issue_id, approve, comment, actor, now).await
    }

    async fn assignments(
        &self,
        commune_id: CommuneId,
        department_id: Option<DepartmentId>,
    ) -> Result<Vec<AssignmentCard>, StoreError> {
        answers::assignments(&self.pool, commune_id, department_id).await
    }

    async fn answers_awaiting_approval(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<ApprovalCard>, StoreError> {
        answers::awaiting_approval(&self.pool, commune_id).await
    }
}
