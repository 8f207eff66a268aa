//! The summary report of a campaign: issues by topic, supporters by group, approved answers.

use app::domain::ids::{CampaignId, CommuneId};
use app::ports::Reports;
use async_trait::async_trait;
use chrono::NaiveDate;
use uuid::Uuid;

use app::domain::pivot::Counts;
use app::domain::triage::{Authority, Urgency};
use app::ports::StoreError;
use app::server_fns::issues::AnswerDraft;
use app::server_fns::report::{ReportData, ReportIssue, ReportTopic};

use super::campaigns::kind;
use super::issues::group_counts;
use super::opinions::{
    bind_filter, campaign_groups, campaign_topics, filter_clause, use_search_index,
};
use super::{SqliteStore, backend};
use app::domain::pivot::{Heading, PivotTable, RawPivot};
use app::domain::triage::IntakeFilter;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct IssueRecord {
    id: Uuid,
    topic: String,
    title: String,
    summary: String,
    urgency: String,
    authority: String,
    opinions: i64,
    households: i64,
    department: Option<String>,
    content: Option<String>,
    result: Option<String>,
    resolution_time: Option<String>,
    resolving_body: Option<String>,
}

#[async_trait]
impl Reports for SqliteStore {
    async fn pivot(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        filter: &IntakeFilter,
    ) -> Result<Option<PivotTable>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let owned: Option<Uuid> =
            sqlx::query_scalar("select id from campaigns where id = ? and commune_id = ?")
                .bind(campaign_id)
                .bind(commune_id)
                .fetch_optional(pool)
                .await
                .map_err(backend)?;
        if owned.is_none() {
            return Ok(None);
        }
        // The whole campaign comes from the counts kept on every write (migration 0006); a
        // filtered view scans the campaign's rows.
        let (cells, row_households, merged) = if filter.is_whole_campaign() {
            kept_counts(pool, campaign_id).await?
        } else {
            let where_ = filter_clause(filter, use_search_index(pool, filter).await?);
            // One scan for opinions and households per cell, one for households per group, and the
            // (few) merged opinions for issues. A household key starts with its group (see migration
            // 0002), so households never span rows: column and grand totals are sums, row totals are
            // not (a household can speak on several topics).
            let cells_sql = format!(
                "select o.group_id, o.topic_id, count(*), count(distinct o.household_key)
             from opinions o where {where_} group by o.group_id, o.topic_id"
            );
            let rows_sql = format!(
                "select o.group_id, count(distinct o.household_key) from opinions o where {where_}
             group by o.group_id"
            );
            let merged_sql = format!(
                "select distinct o.group_id, o.topic_id, o.issue_id from opinions o
             where {where_} and o.issue_id is not null"
            );
            // the scans run side by side on separate connections (WAL readers do not block)
            futures::try_join!(
                bind_filter!(
                    sqlx::query_as::<_, (Uuid, Uuid, i64, i64)>(sqlx::AssertSqlSafe(cells_sql)),
                    commune_id,
                    campaign_id,
                    filter
                )
                .fetch_all(pool),
                bind_filter!(
                    sqlx::query_as::<_, (Uuid, i64)>(sqlx::AssertSqlSafe(rows_sql)),
                    commune_id,
                    campaign_id,
                    filter
                )
                .fetch_all(pool),
                bind_filter!(
                    sqlx::query_as::<_, (Uuid, Uuid, Uuid)>(sqlx::AssertSqlSafe(merged_sql)),
                    commune_id,
                    campaign_id,
                    filter
                )
                .fetch_all(pool),
            )
            .map_err(backend)?
        };
        let row_households: HashMap<Uuid, i64> = row_households.into_iter().collect();
        let raw = RawPivot::tally(&cells, &row_households, &merged);
        let groups = campaign_groups(pool, campaign_id).await?;
        let topics = campaign_topics(pool, campaign_id)
            .await?
            .into_iter()
            .map(|t| Heading {
                id: t.id,
                name: t.name,
            })
            .collect();
        Ok(Some(PivotTable::assemble(groups, topics, raw)))
    }

    async fn report(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        date: NaiveDate,
    ) -> Result<Option<ReportData>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let head: Option<(String, String, String)> = sqlx::query_as(
            "select c.title, c.kind, m.name from campaigns c join communes m on m.id = c.commune_id
         where c.id = ? and c.commune_id = ?",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
        let Some((campaign_title, campaign_kind, commune_name)) = head else {
            return Ok(None);
        };
        let figures: (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "select (select count(*) from forms where campaign_id = ?1),
                count(*), count(distinct issue_id), count(distinct household_key),
                coalesce(sum(status = 'out_of_scope' and issue_id is null), 0),
                coalesce(sum(status <> 'out_of_scope' and issue_id is null), 0)
         from opinions where campaign_id = ?1",
        )
        .bind(campaign_id)
        .fetch_one(pool)
        .await
        .map_err(backend)?;
        let records: Vec<IssueRecord> = sqlx::query_as(
            "select i.id, t.name as topic, i.title, i.summary, i.urgency, i.authority,
            (select count(*) from opinions o where o.issue_id = i.id) as opinions,
            (select count(distinct o.household_key) from opinions o where o.issue_id = i.id)
                as households,
            (select d.name from assignments a join departments d on d.id = a.department_id
              where a.issue_id = i.id and a.status <> 'cancelled'
              order by a.assigned_at desc limit 1) as department,
            an.content, an.result, an.resolution_time, an.resolving_body
         from issues i join topics t on t.id = i.topic_id
            left join answers an on an.id = (select x.id from answers x
                where x.issue_id = i.id and x.status = 'approved'
                order by x.reviewed_at desc limit 1)
         where i.campaign_id = ? order by t.sort_order, t.name, opinions desc, i.title",
        )
        .bind(campaign_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let mut topics: Vec<ReportTopic> = Vec::new();
        for r in records {
            let answer = r.content.map(|content| AnswerDraft {
                content,
                result: r.result.unwrap_or_default(),
                resolution_time: r.resolution_time.unwrap_or_default(),
                resolving_body: r.resolving_body.unwrap_or_default(),
            });
            let issue = ReportIssue {
                id: r.id,
                title: r.title,
                summary: r.summary,
                urgency: Urgency::from_code(&r.urgency).unwrap_or(Urgency::BinhThuong),
                authority: Authority::from_code(&r.authority).unwrap_or(Authority::Commune),
                opinions: r.opinions,
                households: r.households,
                by_group: group_counts(pool, r.id).await?,
                department: r.department,
                answer,
            };
            match topics.last_mut() {
                Some(last) if last.topic == r.topic => last.issues.push(issue),
                _ => topics.push(ReportTopic {
                    topic: r.topic,
                    issues: vec![issue],
                }),
            }
        }
        let signer_name: Option<String> = sqlx::query_scalar(
            "select u.full_name from users u
         where u.commune_id = ?1 and u.role = 'chair' and u.active = 1
         order by exists (select 1 from campaign_chairs cc
                          where cc.campaign_id = ?2 and cc.user_id = u.id) desc, u.full_name
         limit 1",
        )
        .bind(commune_id)
        .bind(campaign_id)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
        let (forms, opinions, issues, households, out_of_scope, unmerged) = figures;
        Ok(Some(ReportData {
            campaign_id,
            campaign_title,
            kind: kind(&campaign_kind)?,
            place: app::domain::document::place_of(&commune_name),
            commune_name,
            date,
            forms,
            totals: Counts {
                opinions,
                issues,
                households,
            },
            out_of_scope,
            unmerged,
            topics,
            signer_name: signer_name.unwrap_or_default(),
        }))
    }
}

/// The whole campaign's pivot figures from the counts the triggers of migration 0006 keep:
/// (group, topic, opinions, households) cells, households per group, (group, topic, issue).
#[allow(clippy::type_complexity)]
async fn kept_counts(
    pool: &sqlx::SqlitePool,
    campaign_id: Uuid,
) -> Result<
    (
        Vec<(Uuid, Uuid, i64, i64)>,
        Vec<(Uuid, i64)>,
        Vec<(Uuid, Uuid, Uuid)>,
    ),
    StoreError,
> {
    futures::try_join!(
        sqlx::query_as::<_, (Uuid, Uuid, i64, i64)>(
            "select group_id, topic_id, opinions, households from pivot_cells
              where campaign_id = ? and opinions > 0",
        )
        .bind(campaign_id)
        .fetch_all(pool),
        sqlx::query_as::<_, (Uuid, i64)>(
            "select group_id, households from pivot_groups where campaign_id = ? and households > 0",
        )
        .bind(campaign_id)
        .fetch_all(pool),
        sqlx::query_as::<_, (Uuid, Uuid, Uuid)>(
            "select group_id, topic_id, issue_id from pivot_cell_issues
              where campaign_id = ? and opinions > 0",
        )
        .bind(campaign_id)
        .fetch_all(pool),
    )
    .map_err(backend)
}
