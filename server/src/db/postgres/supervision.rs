//! Supervision by the MTTQ: every item of the issued notices, and the notes on them on PostgreSQL (the SQLite twin's statements).

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use app::api::conclusion::{SupervisedItem, SupervisionNote};
use app::domain::ids::{CampaignId, CommuneId, IssueId};
use app::ports::{Acting, AuditEntry, Decided, DeskRefusal, StoreError, Supervision};

use super::audit::write_audit;
use super::{PgStore, backend};
use crate::db::rows::{NOTICE_ITEM_SELECT, NoticeItemLine};

#[derive(sqlx::FromRow)]
struct Line {
    campaign_id: CampaignId,
    campaign: String,
    number: Option<String>,
    #[sqlx(flatten)]
    item: NoticeItemLine,
}

#[async_trait]
impl Supervision for PgStore {
    async fn supervised_items(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<SupervisedItem>, StoreError> {
        let lines: Vec<Line> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select k.id as campaign_id, k.title as campaign, c.number, {NOTICE_ITEM_SELECT}
               from conclusion_items ci
               join conclusions c on c.id = ci.conclusion_id
               join campaigns k on k.id = c.campaign_id
               join issues i on i.id = ci.issue_id
               left join departments d on d.id = ci.department_id
              where k.commune_id = $1 and c.state = 'issued'
              order by k.created_at desc, ci.position"
        )))
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let notes: Vec<(IssueId, String, DateTime<Utc>, String)> = sqlx::query_as(
            "select n.issue_id, u.full_name, n.created_at, n.body
               from supervision_notes n join users u on u.id = n.author_id
              where n.commune_id = $1 order by n.created_at, n.id",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut by_issue: HashMap<IssueId, Vec<SupervisionNote>> = HashMap::new();
        for (issue, author, at, body) in notes {
            by_issue
                .entry(issue)
                .or_default()
                .push(SupervisionNote { author, at, body });
        }
        lines
            .into_iter()
            .map(|l| {
                Ok(SupervisedItem {
                    campaign_id: l.campaign_id,
                    campaign: l.campaign,
                    number: l.number.unwrap_or_default(),
                    notes: by_issue
                        .get(&l.item.issue_id())
                        .cloned()
                        .unwrap_or_default(),
                    item: l.item.into_item()?,
                })
            })
            .collect()
    }

    async fn add_note(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        body: &str,
        acting: Acting,
    ) -> Decided<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let ours: i64 =
            sqlx::query_scalar("select count(*) from issues where id = $1 and commune_id = $2")
                .bind(issue_id)
                .bind(commune_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
        if ours == 0 {
            return Ok(Err(DeskRefusal::NotFound));
        }
        sqlx::query(
            "insert into supervision_notes (id, commune_id, issue_id, author_id, body, created_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(commune_id)
        .bind(issue_id)
        .bind(acting.actor)
        .bind(body)
        .bind(acting.now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            AuditEntry {
                commune_id: Some(commune_id),
                actor_id: Some(acting.actor),
                entity: "issue",
                entity_id: issue_id.to_string(),
                action: "supervision_note",
                before: None,
                after: Some(serde_json::json!({ "note": body }).to_string()),
            },
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }
}
