//! Whole records written as they are (demo seed, `create-user`), in one transaction.

use async_trait::async_trait;
use sqlx::{Sqlite, Transaction};

use app::domain::ids::{CommuneId, DepartmentId, GroupId};
use app::domain::text::fold;
use app::ports::StoreError;
use app::ports::import::{CommuneNames, Import, ImportBatch};

use super::opinions::NEXT_SEARCH_KEY;
use super::{SqliteStore, backend};

#[async_trait]
impl Import for SqliteStore {
    async fn import(&self, batch: &ImportBatch) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        write_directory(&mut tx, batch).await?;
        write_records(&mut tx, batch).await?;
        tx.commit().await.map_err(backend)
    }

    async fn commune_names(&self, slug: &str) -> Result<Option<CommuneNames>, StoreError> {
        let commune: Option<CommuneId> =
            sqlx::query_scalar("select id from communes where slug = ?")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some(commune_id) = commune else {
            return Ok(None);
        };
        let departments: Vec<(String, DepartmentId)> =
            sqlx::query_as("select code, id from departments where commune_id = ? order by code")
                .bind(commune_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
        let groups: Vec<(String, GroupId)> = sqlx::query_as(
            "select name, id from residential_groups where commune_id = ? order by sort_order",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(Some(CommuneNames {
            commune_id,
            departments,
            groups,
        }))
    }
}

async fn write_directory(
    tx: &mut Transaction<'_, Sqlite>,
    batch: &ImportBatch,
) -> Result<(), StoreError> {
    for c in &batch.communes {
        sqlx::query(
            "insert into communes (id, slug, name, kind, province, created_at)
             values (?, ?, ?, ?, ?, ?)",
        )
        .bind(c.id)
        .bind(&c.slug)
        .bind(&c.name)
        .bind(&c.kind)
        .bind(&c.province)
        .bind(c.created_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for g in &batch.groups {
        sqlx::query(
            "insert into residential_groups (id, commune_id, name, kind, sort_order)
             values (?, ?, ?, ?, ?)",
        )
        .bind(g.id)
        .bind(g.commune_id)
        .bind(&g.name)
        .bind(&g.kind)
        .bind(g.sort_order)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for d in &batch.departments {
        sqlx::query("insert into departments (id, commune_id, code, name) values (?, ?, ?, ?)")
            .bind(d.id)
            .bind(d.commune_id)
            .bind(&d.code)
            .bind(&d.name)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for t in &batch.topics {
        sqlx::query(
            "insert into topics (id, commune_id, code, name, sort_order, default_department_id)
             values (?, ?, ?, ?, ?, ?)",
        )
        .bind(t.id)
        .bind(t.commune_id)
        .bind(&t.code)
        .bind(&t.name)
        .bind(t.sort_order)
        .bind(t.default_department_id)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for h in &batch.holidays {
        sqlx::query("insert into holidays (commune_id, day, kind, name) values (?, ?, ?, ?)")
            .bind(h.commune_id)
            .bind(h.day)
            .bind(h.kind.code())
            .bind(&h.name)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for u in &batch.users {
        sqlx::query(
            "insert into users (id, commune_id, username, full_name, role, department_id,
                password_hash, active, created_at, must_change_password)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(u.id)
        .bind(u.commune_id)
        .bind(&u.username)
        .bind(&u.full_name)
        .bind(u.role.code())
        .bind(u.department_id)
        .bind(&u.password_hash)
        .bind(u.active)
        .bind(u.created_at)
        .bind(u.must_change_password)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        for g in &u.groups {
            sqlx::query("insert into user_groups (user_id, group_id) values (?, ?)")
                .bind(u.id)
                .bind(g)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
        }
    }
    for c in &batch.campaigns {
        sqlx::query(
            "insert into campaigns (id, commune_id, title, kind, stage, collection_deadline,
                answers_deadline, report_deadline, conference_date, conference_place,
                created_by, created_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(c.id)
        .bind(c.commune_id)
        .bind(&c.title)
        .bind(c.kind.code())
        .bind(c.stage.code())
        .bind(c.collection_deadline)
        .bind(c.answers_deadline)
        .bind(c.report_deadline)
        .bind(c.conference_date)
        .bind(&c.conference_place)
        .bind(c.created_by)
        .bind(c.created_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        for (sql, ids) in [
            (
                "insert into campaign_chairs (campaign_id, user_id) values (?, ?)",
                c.chairs.iter().map(|id| id.uuid()).collect::<Vec<_>>(),
            ),
            (
                "insert into campaign_groups (campaign_id, group_id) values (?, ?)",
                c.groups.iter().map(|id| id.uuid()).collect(),
            ),
            (
                "insert into campaign_topics (campaign_id, topic_id) values (?, ?)",
                c.topics.iter().map(|id| id.uuid()).collect(),
            ),
        ] {
            for id in ids {
                sqlx::query(sql)
                    .bind(c.id)
                    .bind(id)
                    .execute(&mut **tx)
                    .await
                    .map_err(backend)?;
            }
        }
    }
    Ok(())
}

async fn write_records(
    tx: &mut Transaction<'_, Sqlite>,
    batch: &ImportBatch,
) -> Result<(), StoreError> {
    for f in &batch.forms {
        sqlx::query(
            "insert into forms (id, commune_id, campaign_id, group_id, collector_id, revision,
                receipt_code, respondent_name, anonymous, household, phone, respondent_kind,
                proposal, wants_to_speak, consent, consent_version, content_hash, filled_at,
                received_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(f.id)
        .bind(f.commune_id)
        .bind(f.campaign_id)
        .bind(f.group_id)
        .bind(f.collector_id)
        .bind(i64::from(f.revision))
        .bind(&f.receipt_code)
        .bind(&f.respondent_name)
        .bind(f.anonymous)
        .bind(&f.household)
        .bind(&f.phone)
        .bind(f.respondent_kind.code())
        .bind(&f.proposal)
        .bind(f.wants_to_speak)
        .bind(f.consent)
        .bind(&f.consent_version)
        .bind(&f.content_hash)
        .bind(f.filled_at)
        .bind(f.received_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for i in &batch.issues {
        sqlx::query(
            "insert into issues (id, commune_id, campaign_id, title, summary, topic_id, urgency,
                authority, status, published, created_by, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(i.id)
        .bind(i.commune_id)
        .bind(i.campaign_id)
        .bind(&i.title)
        .bind(&i.summary)
        .bind(i.topic_id)
        .bind(i.urgency.code())
        .bind(i.authority.code())
        .bind(i.status.code())
        .bind(i.published)
        .bind(i.created_by)
        .bind(i.created_at)
        .bind(i.updated_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for o in &batch.opinions {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id,
                topic_id, body, body_folded, source, status, urgency, authority, issue_id,
                created_at, search_key)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {NEXT_SEARCH_KEY})"
        )))
        .bind(o.id)
        .bind(o.commune_id)
        .bind(o.campaign_id)
        .bind(o.form_id)
        .bind(o.position)
        .bind(o.group_id)
        .bind(o.topic_id)
        .bind(&o.body)
        .bind(fold(&o.body))
        .bind(if o.form_id.is_some() {
            "form"
        } else {
            "conference"
        })
        .bind(o.status.code())
        .bind(o.urgency.map(|u| u.code()))
        .bind(o.authority.map(|a| a.code()))
        .bind(o.issue_id)
        .bind(o.created_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for a in &batch.assignments {
        sqlx::query(
            "insert into assignments (id, issue_id, department_id, due_date, status, assigned_by,
                assigned_at)
             values (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(a.id)
        .bind(a.issue_id)
        .bind(a.department_id)
        .bind(a.due_date)
        .bind(a.status.code())
        .bind(a.assigned_by)
        .bind(a.assigned_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for a in &batch.answers {
        sqlx::query(
            "insert into answers (id, issue_id, assignment_id, content, result, resolution_time,
                resolving_body, status, review_comment, drafted_by, submitted_at, reviewed_by,
                reviewed_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(a.id)
        .bind(a.issue_id)
        .bind(a.assignment_id)
        .bind(&a.content)
        .bind(&a.result)
        .bind(&a.resolution_time)
        .bind(&a.resolving_body)
        .bind(a.status.code())
        .bind(&a.review_comment)
        .bind(a.drafted_by)
        .bind(a.submitted_at)
        .bind(a.reviewed_by)
        .bind(a.reviewed_at)
        .bind(a.updated_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}
