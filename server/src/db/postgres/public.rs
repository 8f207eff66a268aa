//! The public pages and the receipt lookup. Public queries select only staff-written text,
//! places and counts: never a resident's name, phone or household.

use app::ports::Public;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use app::api::public::{
    PublicCampaign, PublicCampaignCard, PublicCommune, PublicCommuneHead, PublicCommunePage,
    PublicGroup, PublicIssue, PublicNotice, ReceiptTrail,
};
use app::domain::ids::{CampaignId, CommuneId, FormId, GroupId, IssueId};
use app::domain::receipt::ReceiptCode;
use app::domain::today_in_vietnam;
use app::ports::StoreError;

use super::{PgStore, backend};
use crate::db::public_rows::{GROUPS_SELECT, ISSUE_SELECT, IssueLine, TrailOpinion, public_issues};

#[derive(sqlx::FromRow)]
struct CampaignHead {
    title: String,
    conference_date: Option<NaiveDate>,
    conference_place: Option<String>,
    notice_published: bool,
}

#[derive(sqlx::FromRow)]
struct NoticeHead {
    number: Option<String>,
    issued_on: Option<NaiveDate>,
    opening: String,
    signer_name: String,
    corrects: Option<String>,
}

#[async_trait]
impl Public for PgStore {
    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "select c.slug, c.name,
                (select count(*) from issues i where i.commune_id = c.id and i.published)
               from communes c
              order by c.name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(slug, name, published_issues)| PublicCommune {
                slug,
                name,
                published_issues,
            })
            .collect())
    }

    async fn commune_slug(&self, commune_id: CommuneId) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("select slug from communes where id = $1")
            .bind(commune_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)
    }

    async fn public_commune(&self, slug: &str) -> Result<Option<PublicCommuneHead>, StoreError> {
        let row: Option<(CommuneId, String, String)> =
            sqlx::query_as("select id, slug, name from communes where slug = $1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        Ok(row.map(|(id, slug, name)| PublicCommuneHead { id, slug, name }))
    }

    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError> {
        let Some(head) = self.public_commune(slug).await? else {
            return Ok(None);
        };
        let rows: Vec<(CampaignId, String, Option<NaiveDate>, i64, bool)> = sqlx::query_as(
            "select c.id, c.title, c.conference_date,
                    (select count(*) from issues i where i.campaign_id = c.id and i.published)
                        as published,
                    c.notice_published
                       and exists (select 1 from conclusions n
                                    where n.campaign_id = c.id and n.state = 'issued')
               from campaigns c
              where c.commune_id = $1
              order by coalesce(c.conference_date, c.created_at) desc, c.created_at desc",
        )
        .bind(head.id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let campaigns = rows
            .into_iter()
            .filter(|(_, _, _, published, notice)| *published > 0 || *notice)
            .map(
                |(id, title, conference_date, published_issues, notice_published)| {
                    PublicCampaignCard {
                        id,
                        title,
                        conference_date,
                        published_issues,
                        notice_published,
                    }
                },
            )
            .collect();
        Ok(Some(PublicCommunePage {
            id: head.id,
            slug: head.slug,
            name: head.name,
            campaigns,
        }))
    }

    async fn public_campaign(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<PublicCampaign>, StoreError> {
        let head: Option<CampaignHead> = sqlx::query_as(
            "select title, conference_date, conference_place, notice_published
               from campaigns where id = $1 and commune_id = $2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(head) = head else {
            return Ok(None);
        };
        let notice = if head.notice_published {
            let row: Option<NoticeHead> = sqlx::query_as(
                "select n.number, n.issued_on, n.opening, n.signer_name, old.number as corrects
                   from conclusions n
                   left join conclusions old on old.id = n.corrects
                  where n.campaign_id = $1 and n.state = 'issued'
                  order by n.version desc limit 1",
            )
            .bind(campaign_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
            row.and_then(|n| {
                Some(PublicNotice {
                    number: n.number?,
                    issued_on: n.issued_on?,
                    opening: n.opening,
                    signer_name: n.signer_name,
                    corrects: n.corrects,
                })
            })
        } else {
            None
        };
        let lines: Vec<IssueLine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ISSUE_SELECT} where i.campaign_id = $1 and i.published
              order by t.sort_order, t.name, i.title"
        )))
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let groups = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{GROUPS_SELECT} where i.campaign_id = $1 and i.published
              order by g.sort_order, g.name"
        )))
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let campaign_groups: Vec<(GroupId, String)> = sqlx::query_as(
            "select g.id, g.name from campaign_groups cg
               join residential_groups g on g.id = cg.group_id
              where cg.campaign_id = $1
              order by g.sort_order, g.name",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(Some(PublicCampaign {
            id: campaign_id,
            title: head.title,
            conference_date: head.conference_date,
            conference_place: head.conference_place,
            notice,
            issues: public_issues(lines, groups)?,
            groups: campaign_groups
                .into_iter()
                .map(|(id, name)| PublicGroup { id, name })
                .collect(),
        }))
    }

    async fn published_issues(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<PublicIssue>, StoreError> {
        let lines: Vec<IssueLine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ISSUE_SELECT} where i.commune_id = $1 and i.published
              order by coalesce(c.conference_date, c.created_at) desc, t.sort_order, i.title"
        )))
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let groups = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{GROUPS_SELECT} where i.commune_id = $1 and i.published
              order by g.sort_order, g.name"
        )))
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        public_issues(lines, groups)
    }

    async fn receipt_trail(
        &self,
        commune_id: CommuneId,
        code: &ReceiptCode,
    ) -> Result<Option<ReceiptTrail>, StoreError> {
        let form: Option<(FormId, CampaignId, String, String, DateTime<Utc>)> = sqlx::query_as(
            "select f.id, c.id, c.title, g.name, f.received_at
               from forms f
               join campaigns c on c.id = f.campaign_id
               join residential_groups g on g.id = f.group_id
              where f.commune_id = $1 and f.receipt_code = $2",
        )
        .bind(commune_id)
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((form_id, campaign_id, campaign, group, received_at)) = form else {
            return Ok(None);
        };
        let opinions: Vec<TrailOpinion> = sqlx::query_as(
            "select t.name as topic, o.body,
                    case when o.status = 'out_of_scope'
                         then coalesce(o.out_of_scope_reason, '') end as out_of_scope_reason,
                    o.issue_id
               from opinions o join topics t on t.id = o.topic_id
              where o.form_id = $1
              order by o.position",
        )
        .bind(form_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let notice: Option<(Option<String>, Option<NaiveDate>)> = sqlx::query_as(
            "select number, issued_on from conclusions
              where campaign_id = $1 and state = 'issued' order by version desc limit 1",
        )
        .bind(campaign_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let notice = notice.and_then(|(number, day)| Some((number?, day?)));
        let mut trails = Vec::with_capacity(opinions.len());
        for opinion in opinions {
            let issue = match opinion.issue_id {
                Some(issue_id) => self.issue_line(issue_id).await?,
                None => None,
            };
            trails.push(opinion.into_trail(
                issue,
                today_in_vietnam(received_at),
                notice.clone(),
            )?);
        }
        Ok(Some(ReceiptTrail {
            campaign,
            campaign_id,
            group,
            opinions: trails,
        }))
    }

    async fn count_lookup(
        &self,
        address: &str,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // Lookups of one address are counted one at a time, as SQLite's single writer does.
        sqlx::query("select pg_advisory_xact_lock(hashtext($1))")
            .bind(address)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        // Only the window's lookups are ever needed: the table stays a few minutes long. Rows
        // another lookup is already deleting are left to it (no waiting, no deadlock).
        sqlx::query(
            "delete from receipt_lookups where id in (
                select id from receipt_lookups where attempted_at < $1 for update skip locked)",
        )
        .bind(since)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("insert into receipt_lookups (address, attempted_at) values ($1, $2)")
            .bind(address)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let count = sqlx::query_scalar(
            "select count(*) from receipt_lookups where address = $1 and attempted_at >= $2",
        )
        .bind(address)
        .bind(since)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(count)
    }
}

impl PgStore {
    async fn issue_line(&self, issue_id: IssueId) -> Result<Option<IssueLine>, StoreError> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ISSUE_SELECT} where i.id = $1"
        )))
        .bind(issue_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)
    }
}
