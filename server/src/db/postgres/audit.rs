//! The audit log, and the helper every desk change uses to write its entry inside its own
//! transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Postgres;

use app::ports::{AuditEntry, AuditLog, StoreError};

use super::{PgStore, backend};

#[async_trait]
impl AuditLog for PgStore {
    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
        write_audit(&self.pool, entry, at).await
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
