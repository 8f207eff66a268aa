//! Accounts as login sees them, login attempts for throttling, and sessions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::domain::ids::UserId;
use crate::domain::viewer::Viewer;

/// What login needs to know about an account.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The user's id.
    pub user_id: UserId,
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

/// Sessions live in the database, so that any server instance can serve any request.
#[async_trait]
pub trait Sessions: Send + Sync {
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
        user_id: UserId,
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
}
