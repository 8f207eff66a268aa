//! The public pages. Public queries select only staff-written text and counts: never a
//! resident's name, phone or address.

use std::collections::HashMap;

use async_trait::async_trait;
use uuid::Uuid;

use app::ports::{Public, StoreError};
use app::server_fns::public::{PublicCommune, PublicCommunePage, PublicIssue};

use super::{PgStore, backend};

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
impl Public for PgStore {
    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "select c.slug, c.name,
                (select count(*) from issues i
                  where i.commune_id = c.id and i.published
                    and exists (select 1 from answers an
                                 where an.issue_id = i.id and an.status = 'approved'))
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

    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError> {
        let pool = &self.pool;
        let commune: Option<(Uuid, String)> =
            sqlx::query_as("select id, name from communes where slug = $1")
                .bind(slug)
                .fetch_optional(pool)
                .await
                .map_err(backend)?;
        let Some((commune_id, name)) = commune else {
            return Ok(None);
        };
        // The latest approval: SQLite sorts an approved answer without a review time last
        // when descending, PostgreSQL first unless told.
        let rows: Vec<PublicIssueRow> = sqlx::query_as(
            "select i.id, t.name as topic, i.title, i.summary, c.title as campaign,
                (select count(*) from opinions o where o.issue_id = i.id) as supporters,
                an.content as answer, an.result, an.resolution_time, an.resolving_body
               from issues i
               join topics t on t.id = i.topic_id
               join campaigns c on c.id = i.campaign_id
               join answers an on an.id = (select a2.id from answers a2
                                            where a2.issue_id = i.id and a2.status = 'approved'
                                            order by a2.reviewed_at desc nulls last limit 1)
              where i.commune_id = $1 and i.published
              order by t.sort_order, i.title",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        // PostgreSQL orders a distinct selection only by what it selects, hence the sort order
        // among the columns (a group's name and sort order go together, so the rows are the
        // same as SQLite's).
        let pairs: Vec<(Uuid, String, i64)> = sqlx::query_as(
            "select distinct o.issue_id, g.name, g.sort_order
               from opinions o
               join issues i on i.id = o.issue_id
               join residential_groups g on g.id = o.group_id
              where i.commune_id = $1 and i.published
              order by g.sort_order, g.name",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let mut groups: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (issue, group, _) in pairs {
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
