//! The audit log, and the helper every desk change uses to write its entry inside its own
//! transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Postgres;

use app::api::admin::AuditRow;
use app::domain::ids::CommuneId;
use app::ports::{AuditEntry, AuditLog, StoreError};

use super::{PgStore, backend};
use crate::db::rows::AuditLine;

#[async_trait]
impl AuditLog for PgStore {
    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
        write_audit(&self.pool, entry, at).await
    }

    async fn audit_entries(
        &self,
        commune_id: Option<CommuneId>,
        entity: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        let rows: Vec<AuditLine> = sqlx::query_as(
            "select a.at, u.username as actor, c.name as commune, a.entity, a.entity_id,
                    a.action, a.before_json, a.after_json
               from audit_log a
               left join users u on u.id = a.actor_id
               left join communes c on c.id = a.commune_id
              where ($1 is null or a.commune_id = $1) and ($2 is null or a.entity = $2)
              order by a.id desc
              limit $3",
        )
        .bind(commune_id)
        .bind(entity)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(rows.into_iter().map(AuditLine::into_row).collect())
    }
}

/// Appends to the audit log, inside the caller's transaction or straight on the pool.
pub(super) async fn write_audit<'e>(
    executor: impl sqlx::Executor<'e, Database = Postgres>,
    entry: AuditEntry,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into audit_log
            (commune_id, actor_id, at, entity, entity_id, action, before_json, after_json)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.commune_id)
    .bind(entry.actor_id)
    .bind(at)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(entry.action)
    .bind(entry.before)
    .bind(entry.after)
    .execute(executor)
    .await
    .map(|_| ())
    .map_err(backend)
}
