//! The public pages and the administrator's commune list. Public queries select only
//! staff-written text and counts: never a resident's name, phone or address.

use app::ports::Public;
use async_trait::async_trait;
use std::collections::HashMap;

use uuid::Uuid;

use app::ports::StoreError;
use app::server_fns::public::{PublicCommune, PublicCommunePage, PublicIssue};

use super::{SqliteStore, backend};

#[derive(sqlx::FromRow)]
struct PublicIssueRow {
    id: Uuid,
    topic: String,
    title: String,
    summary: String,
    campaign: String,
    supporters: i64,
    answer: String,
    result: String,
    resolution_time: String,
    resolving_body: String,
}

#[async_trait]
impl Public for SqliteStore {
    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError> {
        let pool = &self.pool;
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "select c.slug, c.name,
                (select count(*) from issues i
                  where i.commune_id = c.id and i.published = 1
                    and exists (select 1 from answers an
                                 where an.issue_id = i.id and an.status = 'approved'))
           from communes c
          order by c.name",
        )
        .fetch_all(pool)
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

    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError> {
        let pool = &self.pool;
        let commune: Option<(Uuid, String)> =
            sqlx::query_as("select id, name from communes where slug = ?")
                .bind(slug)
                .fetch_optional(pool)
                .await
                .map_err(backend)?;
        let Some((commune_id, name)) = commune else {
            return Ok(None);
        };
        let rows: Vec<PublicIssueRow> = sqlx::query_as(
            "select i.id, t.name as topic, i.title, i.summary, c.title as campaign,
                (select count(*) from opinions o where o.issue_id = i.id) as supporters,
                an.content as answer, an.result, an.resolution_time, an.resolving_body
           from issues i
           join topics t on t.id = i.topic_id
           join campaigns c on c.id = i.campaign_id
           join answers an on an.id = (select a2.id from answers a2
                                        where a2.issue_id = i.id and a2.status = 'approved'
                                        order by a2.reviewed_at desc limit 1)
          where i.commune_id = ? and i.published = 1
          order by t.sort_order, i.title",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let pairs: Vec<(Uuid, String)> = sqlx::query_as(
            "select distinct o.issue_id, g.name
           from opinions o
           join issues i on i.id = o.issue_id
           join residential_groups g on g.id = o.group_id
          where i.commune_id = ? and i.published = 1
          order by g.sort_order, g.name",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let mut groups: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (issue, group) in pairs {
            groups.entry(issue).or_default().push(group);
        }
        let issues = rows
            .into_iter()
            .map(|r| PublicIssue {
                groups: groups.remove(&r.id).unwrap_or_default(),
                topic: r.topic,
                title: r.title,
                summary: r.summary,
                campaign: r.campaign,
                supporters: r.supporters,
                answer: r.answer,
                result: r.result,
                resolution_time: r.resolution_time,
                resolving_body: r.resolving_body,
            })
            .collect();
        Ok(Some(PublicCommunePage { name, issues }))
    }
}
