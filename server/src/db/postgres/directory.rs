//! The communes, their calendars and the database's health.

use async_trait::async_trait;
use chrono::NaiveDate;
use uuid::Uuid;

use app::api::admin::{CommuneSummary, DepartmentRow, GroupRow, TopicRow};
use app::domain::calendar::DayKind;
use app::domain::holidays::CalendarDay;
use app::domain::ids::{CommuneId, DepartmentId, GroupId, TopicId};
use app::ports::{Decided, DeskRefusal, Directory, StoreError};

use super::{PgStore, backend};
use crate::db::rows::{found, year_bounds};

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

    async fn groups(&self, commune_id: CommuneId) -> Result<Vec<GroupRow>, StoreError> {
        let rows: Vec<(GroupId, String, String, bool, Option<String>, i64)> = sqlx::query_as(
            "select g.id, g.name, g.kind, g.active, m.name,
                    (select count(*) from forms f where f.group_id = g.id)
               from residential_groups g
               left join residential_groups m on m.id = g.merged_into
              where g.commune_id = $1
              order by g.active desc, g.sort_order, g.name",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(id, name, kind, active, merged_into, forms)| GroupRow {
                id,
                name,
                kind,
                active,
                merged_into,
                forms,
            })
            .collect())
    }

    async fn rename_group(
        &self,
        commune_id: CommuneId,
        group_id: GroupId,
        name: &str,
        kind: &str,
    ) -> Decided<()> {
        let done = sqlx::query(
            "update residential_groups set name = $1, kind = $2 where id = $3 and commune_id = $4",
        )
        .bind(name)
        .bind(kind)
        .bind(group_id)
        .bind(commune_id)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(found(done.rows_affected()))
    }

    async fn set_group_active(
        &self,
        commune_id: CommuneId,
        group_id: GroupId,
        active: bool,
    ) -> Decided<()> {
        let done = sqlx::query(
            "update residential_groups set active = $1
              where id = $2 and commune_id = $3 and merged_into is null",
        )
        .bind(active)
        .bind(group_id)
        .bind(commune_id)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(found(done.rows_affected()))
    }

    async fn merge_groups(
        &self,
        commune_id: CommuneId,
        from: GroupId,
        into: GroupId,
    ) -> Decided<()> {
        if from == into {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let both: Vec<GroupId> = sqlx::query_scalar(
            "select id from residential_groups
              where commune_id = $1 and id in ($2, $3) and merged_into is null
              for update",
        )
        .bind(commune_id)
        .bind(from)
        .bind(into)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        if both.len() != 2 {
            return Ok(Err(DeskRefusal::NotFound));
        }
        // Collectors of both keep one binding, to the group that remains.
        sqlx::query(
            "insert into user_groups (user_id, group_id)
             select user_id, $2 from user_groups where group_id = $1
             on conflict do nothing",
        )
        .bind(from)
        .bind(into)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("delete from user_groups where group_id = $1")
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        // Campaigns still ahead target the group that remains; finished ones keep history.
        sqlx::query(
            "insert into campaign_groups (campaign_id, group_id)
             select cg.campaign_id, $2 from campaign_groups cg
               join campaigns c on c.id = cg.campaign_id
              where cg.group_id = $1 and c.stage in ('planning', 'collecting')
             on conflict do nothing",
        )
        .bind(from)
        .bind(into)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("update residential_groups set active = $3, merged_into = $2 where id = $1")
            .bind(from)
            .bind(into)
            .bind(false)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn departments(&self, commune_id: CommuneId) -> Result<Vec<DepartmentRow>, StoreError> {
        let rows: Vec<(DepartmentId, String, String)> = sqlx::query_as(
            "select id, code, name from departments where commune_id = $1 order by name",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(id, code, name)| DepartmentRow { id, code, name })
            .collect())
    }

    async fn rename_department(
        &self,
        commune_id: CommuneId,
        department_id: DepartmentId,
        name: &str,
    ) -> Decided<()> {
        let done =
            sqlx::query("update departments set name = $1 where id = $2 and commune_id = $3")
                .bind(name)
                .bind(department_id)
                .bind(commune_id)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
        Ok(found(done.rows_affected()))
    }

    async fn topics(&self, commune_id: CommuneId) -> Result<Vec<TopicRow>, StoreError> {
        let rows: Vec<(TopicId, String, String, Option<DepartmentId>)> = sqlx::query_as(
            "select id, code, name, default_department_id from topics
              where commune_id = $1 order by sort_order, name",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(id, code, name, default_department_id)| TopicRow {
                id,
                code,
                name,
                default_department_id,
            })
            .collect())
    }

    async fn update_topic(
        &self,
        commune_id: CommuneId,
        topic_id: TopicId,
        name: &str,
        default_department: Option<DepartmentId>,
    ) -> Decided<()> {
        if let Some(department) = default_department {
            let ours: Option<DepartmentId> =
                sqlx::query_scalar("select id from departments where id = $1 and commune_id = $2")
                    .bind(department)
                    .bind(commune_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(backend)?;
            if ours.is_none() {
                return Ok(Err(DeskRefusal::UnknownDepartment));
            }
        }
        let done = sqlx::query(
            "update topics set name = $1, default_department_id = $2
              where id = $3 and commune_id = $4",
        )
        .bind(name)
        .bind(default_department)
        .bind(topic_id)
        .bind(commune_id)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(found(done.rows_affected()))
    }

    async fn holiday_entries(&self, year: i32) -> Result<Vec<CalendarDay>, StoreError> {
        let (first, last) = year_bounds(year)?;
        let rows: Vec<(NaiveDate, String, String)> = sqlx::query_as(
            "select day, kind, name from holidays
              where commune_id is null and day between $1 and $2 order by day",
        )
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.into_iter()
            .map(|(date, code, name)| {
                let kind = DayKind::parse(&code)
                    .ok_or_else(|| StoreError::broken(format!("unknown day kind {code:?}")))?;
                Ok(CalendarDay {
                    date,
                    kind,
                    name,
                    edited: true,
                })
            })
            .collect()
    }

    async fn set_holiday(&self, day: &CalendarDay) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query("delete from holidays where commune_id is null and day = $1")
            .bind(day.date)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query("insert into holidays (commune_id, day, kind, name) values (null, $1, $2, $3)")
            .bind(day.date)
            .bind(day.kind.code())
            .bind(&day.name)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn remove_holiday(&self, date: NaiveDate) -> Result<bool, StoreError> {
        let done = sqlx::query("delete from holidays where commune_id is null and day = $1")
            .bind(date)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(done.rows_affected() > 0)
    }

    async fn update_commune(
        &self,
        commune_id: CommuneId,
        name: &str,
        kind: &str,
        province: &str,
    ) -> Decided<()> {
        let done =
            sqlx::query("update communes set name = $1, kind = $2, province = $3 where id = $4")
                .bind(name)
                .bind(kind)
                .bind(province)
                .bind(commune_id)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
        Ok(found(done.rows_affected()))
    }

    async fn commune_name(&self, commune_id: CommuneId) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("select name from communes where id = $1")
            .bind(commune_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)
    }
}
