//! The audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use app::api::admin::AuditRow;
use app::domain::ids::CommuneId;
use app::ports::{AuditEntry, AuditLog, StoreError};

use super::{SqliteStore, backend};
use crate::db::rows::AuditLine;

#[async_trait]
impl AuditLog for SqliteStore {
    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
        let pool = &self.pool;
        super::opinions::write_audit(pool, entry, at).await
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
              where (?1 is null or a.commune_id = ?1) and (?2 is null or a.entity = ?2)
              order by a.id desc
              limit ?3",
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
