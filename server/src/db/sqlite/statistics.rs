//! Counts for the periodic statistics on SQLite.

use async_trait::async_trait;
use chrono::NaiveDate;

use app::api::statistics::{PeriodFacts, StatRow};
use app::domain::campaign::CampaignKind;
use app::domain::ids::CommuneId;
use app::ports::{Statistics, StoreError};

use super::{SqliteStore, backend};
use crate::db::rows::disposition;

/// The commune's campaigns whose conference was held in the period (?1 commune, ?2 first day,
/// ?3 last day).
const HELD: &str = "select id from campaigns where commune_id = ?1
    and conference_date >= ?2 and conference_date <= ?3
    and stage in ('conference', 'concluded', 'following_up', 'closed')";

#[async_trait]
impl Statistics for SqliteStore {
    async fn period_facts(
        &self,
        commune_id: CommuneId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PeriodFacts, StoreError> {
        let held: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select kind, count(*) from campaigns where id in ({HELD}) group by kind order by kind"
        )))
        .bind(commune_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let (opinions, from_conference, issues): (i64, i64, i64) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "select count(*),
                        count(case when source = 'conference' then 1 end),
                        count(distinct issue_id)
                   from opinions where campaign_id in ({HELD})"
            )))
            .bind(commune_id)
            .bind(from)
            .bind(to)
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        let items = "from conclusion_items ci join conclusions c on c.id = ci.conclusion_id
              where c.state = 'issued' and c.campaign_id in";
        let dispositions: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select ci.disposition, count(*) {items} ({HELD}) group by ci.disposition"
        )))
        .bind(commune_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let reports: Vec<(Option<NaiveDate>, Option<NaiveDate>, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "select ci.report_due_on, ci.reported_on, ci.report_state {items} ({HELD})
                    and ci.disposition = 'assigned'"
            )))
            .bind(commune_id)
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        let by = |column: &str, table: &str| {
            format!(
                "select x.name, count(o.id), count(distinct o.issue_id)
                   from opinions o join {table} x on x.id = o.{column}
                  where o.campaign_id in ({HELD})
                  group by x.id, x.name, x.sort_order order by x.sort_order, x.name"
            )
        };
        let by_topic: Vec<(String, i64, i64)> =
            sqlx::query_as(sqlx::AssertSqlSafe(by("topic_id", "topics")))
                .bind(commune_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
        let by_group: Vec<(String, i64, i64)> =
            sqlx::query_as(sqlx::AssertSqlSafe(by("group_id", "residential_groups")))
                .bind(commune_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
        let rows = |rows: Vec<(String, i64, i64)>| {
            rows.into_iter()
                .map(|(name, opinions, issues)| StatRow {
                    name,
                    opinions,
                    issues,
                })
                .collect()
        };
        Ok(PeriodFacts {
            held: held
                .into_iter()
                .map(|(kind, n)| {
                    CampaignKind::parse(&kind)
                        .map(|k| (k, n))
                        .ok_or_else(|| StoreError::broken(format!("unknown campaign kind {kind}")))
                })
                .collect::<Result<_, _>>()?,
            opinions,
            from_conference,
            issues,
            dispositions: dispositions
                .into_iter()
                .map(|(code, n)| disposition(&code).map(|d| (d, n)))
                .collect::<Result<_, _>>()?,
            accepted: i64::try_from(reports.iter().filter(|(_, _, s)| s == "accepted").count())
                .unwrap_or(i64::MAX),
            reports: reports
                .into_iter()
                .filter_map(|(due, reported, _)| due.map(|d| (d, reported)))
                .collect(),
            by_topic: rows(by_topic),
            by_group: rows(by_group),
        })
    }
}
