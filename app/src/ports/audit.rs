//! The audit log: who changed what, when, with the state before and after.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::api::admin::AuditRow;
use crate::domain::ids::{CommuneId, UserId};

/// One entry of the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// Tenant the change belongs to, if any.
    pub commune_id: Option<CommuneId>,
    /// Who did it.
    pub actor_id: Option<UserId>,
    /// Kind of record, e.g. "session", "issue".
    pub entity: &'static str,
    /// The record's id.
    pub entity_id: String,
    /// What happened, e.g. "login".
    pub action: &'static str,
    /// JSON of the state before, when there was one.
    pub before: Option<String>,
    /// JSON of the state after.
    pub after: Option<String>,
}

/// Appends to the audit log. (Desk changes write their entries inside their own transaction.)
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Appends one entry.
    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError>;
    /// The newest entries, newest first: of one commune, or of everything (administrator).
    /// `entity` narrows to one kind of record.
    async fn audit_entries(
        &self,
        commune_id: Option<CommuneId>,
        entity: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError>;
}

/// Audit helpers for session events; a failed audit write is logged, not fatal to the login.
#[async_trait]
pub trait AuthEntryExt {
    /// Records a login or logout of `user_id`.
    async fn audit_login(&self, user_id: UserId, action: &'static str, at: DateTime<Utc>);
}

#[async_trait]
impl AuthEntryExt for Arc<dyn super::Store> {
    async fn audit_login(&self, user_id: UserId, action: &'static str, at: DateTime<Utc>) {
        let entry = AuditEntry {
            commune_id: None,
            actor_id: Some(user_id),
            entity: "session",
            entity_id: user_id.to_string(),
            action,
            before: None,
            after: None,
        };
        if let Err(error) = self.audit(entry, at).await {
            tracing::error!(%error, action, "audit write failed");
        }
    }
}
