//! The audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use app::ports::{AuditEntry, AuditLog, StoreError};

use super::SqliteStore;

#[async_trait]
impl AuditLog for SqliteStore {
    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
        let pool = &self.pool;
        super::opinions::write_audit(pool, entry, at).await
    }
}
