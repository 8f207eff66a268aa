//! Publishing a campaign's results on SQLite: the rule is checked on the rows read inside the
//! writing transaction, and every change is audited in it.

use async_trait::async_trait;
use chrono::NaiveDate;

use app::api::public::PublishingSheet;
use app::domain::ids::{CampaignId, CommuneId, IssueId};
use app::domain::publication::PublishRefusal;
use app::ports::{Acting, Publishing, Selection, StoreError};

use super::opinions::write_audit;
use super::{SqliteStore, backend};
use crate::db::public_rows::{
    ISSUE_SELECT, IssueLine, issue_publish_entry, notice_publish_entry, publish_targets,
};

#[async_trait]
impl Publishing for SqliteStore {
    async fn publishing_sheet(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<PublishingSheet, StoreError> {
        let head: Option<(String, String, bool)> = sqlx::query_as(
            "select c.title, m.slug, c.notice_published = 1
               from campaigns c join communes m on m.id = c.commune_id
              where c.id = ?1 and c.commune_id = ?2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((title, commune_slug, notice_published)) = head else {
            return Err(StoreError::NotFound);
        };
        let notice: Option<(Option<String>, Option<NaiveDate>)> = sqlx::query_as(
            "select number, issued_on from conclusions
              where campaign_id = ?1 and state = 'issued' order by version desc limit 1",
        )
        .bind(campaign_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let lines: Vec<IssueLine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ISSUE_SELECT} where i.campaign_id = ?1 order by t.sort_order, t.name, i.title"
        )))
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(PublishingSheet {
            title,
            commune_slug,
            notice: notice.and_then(|(number, day)| Some((number?, day?))),
            notice_published,
            issues: lines
                .into_iter()
                .map(IssueLine::into_publishable)
                .collect::<Result<_, _>>()?,
        })
    }

    async fn set_issues_published(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        selection: Selection,
        published: bool,
        acting: Acting,
    ) -> Result<Result<usize, PublishRefusal>, StoreError> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        let found: Option<i64> =
            sqlx::query_scalar("select 1 from campaigns where id = ?1 and commune_id = ?2")
                .bind(campaign_id)
                .bind(commune_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        let lines: Vec<IssueLine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ISSUE_SELECT} where i.campaign_id = ?1 and i.commune_id = ?2"
        )))
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let targets: Vec<IssueId> = match publish_targets(&lines, &selection, published)? {
            Ok(targets) => targets,
            Err(refusal) => return Ok(Err(refusal)),
        };
        for issue_id in &targets {
            sqlx::query("update issues set published = ?1 where id = ?2")
                .bind(published)
                .bind(issue_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            write_audit(
                &mut *tx,
                issue_publish_entry(commune_id, acting.actor, *issue_id, published),
                acting.now,
            )
            .await?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Ok(targets.len()))
    }

    async fn set_notice_published(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        published: bool,
        acting: Acting,
    ) -> Result<Result<bool, PublishRefusal>, StoreError> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        let row: Option<(bool, i64)> = sqlx::query_as(
            "select c.notice_published = 1,
                    (select count(*) from conclusions n
                      where n.campaign_id = c.id and n.state = 'issued')
               from campaigns c where c.id = ?1 and c.commune_id = ?2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((current, issued)) = row else {
            return Err(StoreError::NotFound);
        };
        if published && issued == 0 {
            return Ok(Err(PublishRefusal::NoIssuedNotice));
        }
        if current == published {
            return Ok(Ok(false));
        }
        sqlx::query("update campaigns set notice_published = ?1 where id = ?2")
            .bind(published)
            .bind(campaign_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        write_audit(
            &mut *tx,
            notice_publish_entry(commune_id, acting.actor, campaign_id, published),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(true))
    }
}
