//! The storage port: everything the application needs from a database, as one trait. The
//! server crate implements it per backend (SQLite now, PostgreSQL next) and provides it through
//! Leptos context, so server functions never see SQL.

pub mod desk;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::api::CampaignRef;
use crate::api::admin::CommuneSummary;
use crate::api::answer::{ApprovalCard, AssignmentCard};
use crate::api::collect::CampaignCard;
use crate::api::intake::IntakeSummary;
use crate::api::public::{PublicCommune, PublicCommunePage};
use crate::domain::calendar::DayKind;
use crate::domain::ingest::{Arrival, Ingest};
use crate::domain::viewer::Viewer;

/// A storage failure. The message is for the log only.
#[derive(Debug, thiserror::Error)]
#[error("storage failure: {0}")]
pub struct StoreError(pub String);

/// What login needs to know about an account.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The user's id.
    pub user_id: Uuid,
    /// PHC-format argon2id hash.
    pub password_hash: String,
    /// Disabled accounts cannot log in.
    pub active: bool,
}

/// Recent failed logins, counted for rate limiting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FailedLogins {
    /// Failures for this username from anywhere.
    pub for_username: u32,
    /// Failures from this address for any username.
    pub from_address: u32,
}

/// One entry of the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// Tenant the change belongs to, if any.
    pub commune_id: Option<Uuid>,
    /// Who did it.
    pub actor_id: Option<Uuid>,
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

/// The database, as the application sees it. Every query that reads tenant data takes the
/// commune id explicitly: scope is decided by the caller's session, never by the client.
#[async_trait]
pub trait Store: desk::DeskStore + Send + Sync + 'static {
    /// Cheap round trip for health checks.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Account data for a login attempt.
    async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError>;
    /// Failed logins since `since`, by username and by address.
    async fn failed_logins(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<FailedLogins, StoreError>;
    /// Records one login attempt.
    async fn record_login_attempt(
        &self,
        username: &str,
        address: &str,
        succeeded: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Stores a new session under the hash of its token.
    async fn create_session(
        &self,
        token_hash: &str,
        user_id: Uuid,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The user behind a live session, or `None` when it is unknown, expired or disabled.
    async fn session_viewer(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Viewer>, StoreError>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Appends to the audit log.
    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Holidays and swapped days of the commune plus national ones.
    async fn calendar(&self, commune_id: Uuid) -> Result<Vec<(NaiveDate, DayKind)>, StoreError>;
    /// Campaigns a collector works on, with their own form counts.
    async fn collector_campaigns(
        &self,
        commune_id: Uuid,
        collector_id: Uuid,
    ) -> Result<Vec<CampaignCard>, StoreError>;
    /// Intake counts per campaign of the commune, newest first.
    async fn intake_summaries(&self, commune_id: Uuid) -> Result<Vec<IntakeSummary>, StoreError>;
    /// Open assignments, of one department or (with `None`) of the whole commune.
    async fn assignments(
        &self,
        commune_id: Uuid,
        department_id: Option<Uuid>,
    ) -> Result<Vec<AssignmentCard>, StoreError>;
    /// Answers submitted for approval.
    async fn answers_awaiting_approval(
        &self,
        commune_id: Uuid,
    ) -> Result<Vec<ApprovalCard>, StoreError>;
    /// Open campaigns of a collector's groups, with groups and topics, for offline forms.
    async fn collector_reference(
        &self,
        commune_id: Uuid,
        collector_id: Uuid,
    ) -> Result<Vec<CampaignRef>, StoreError>;
    /// Stores one form exactly once, as [`crate::domain::ingest`] decides. The form is already
    /// validated and NFC-normalised.
    async fn ingest_form(
        &self,
        arrival: Arrival<'_>,
        now: DateTime<Utc>,
    ) -> Result<Ingest, StoreError>;
    /// Every commune with its size, for the administrator.
    async fn commune_summaries(&self) -> Result<Vec<CommuneSummary>, StoreError>;
    /// Communes with a public page.
    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError>;
    /// A commune's public page: published issues and answers, no personal data.
    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError>;
}

/// The store as server functions receive it from context.
pub type SharedStore = Arc<dyn Store>;

/// Audit helpers for session events; a failed audit write is logged, not fatal to the login.
#[async_trait]
pub trait AuthEntryExt {
    /// Records a login or logout of `user_id`.
    async fn audit_login(&self, user_id: Uuid, action: &'static str, at: DateTime<Utc>);
}

#[async_trait]
impl AuthEntryExt for SharedStore {
    async fn audit_login(&self, user_id: Uuid, action: &'static str, at: DateTime<Utc>) {
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
