//! The communes, their calendars and the database's health.

use async_trait::async_trait;
use chrono::NaiveDate;
use uuid::Uuid;

use app::api::admin::CommuneSummary;
use app::domain::calendar::DayKind;
use app::domain::ids::CommuneId;
use app::ports::{Directory, StoreError};

use super::{PgStore, backend};

#[async_trait]
impl Directory for PgStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("select 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(backend)
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        let count: i64 = sqlx::query_scalar("select count(*) from communes")
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        Ok(count == 0)
    }

    async fn calendar(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<(NaiveDate, DayKind)>, StoreError> {
        let rows: Vec<(NaiveDate, String)> = sqlx::query_as(
            "select day, kind from holidays where commune_id is null or commune_id = $1
              order by day",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.into_iter()
            .map(|(day, code)| {
                DayKind::parse(&code)
                    .map(|k| (day, k))
                    .ok_or_else(|| StoreError::broken(format!("unknown day kind {code:?}")))
            })
            .collect()
    }

    async fn commune_summaries(&self) -> Result<Vec<CommuneSummary>, StoreError> {
        let rows: Vec<(Uuid, String, i64, i64, i64, i64)> = sqlx::query_as(
            "select c.id, c.name,
                (select count(*) from residential_groups g where g.commune_id = c.id),
                (select count(*) from users u where u.commune_id = c.id and u.active),
                (select count(*) from campaigns k where k.commune_id = c.id),
                (select count(*) from opinions o where o.commune_id = c.id)
           from communes c
          order by c.name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(
                |(id, name, groups, users, campaigns, opinions)| CommuneSummary {
                    id,
                    name,
                    groups,
                    users,
                    campaigns,
                    opinions,
                },
            )
            .collect())
    }
}
