//! Accounts as login sees them, login attempts for throttling, and sessions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::domain::ids::UserId;
use crate::domain::login::Failures;
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

/// Recent failed logins, counted for throttling. For one account from one address, attempts
/// still being checked count as failures, so a burst of parallel guesses cannot all slip past
/// the count; for the address alone only real failures count, so forty collectors of one ward
/// office behind one NAT may log in at the same moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FailedLogins {
    /// For this username from this address, since its last success there.
    pub for_pair: Failures,
    /// From this address for any username.
    pub from_address: Failures,
}

/// How a login attempt ended. It is recorded as `Pending` before the password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Being checked (or the server died while checking it).
    Pending,
    /// Wrong password, unknown or disabled account.
    Failed,
    /// A session was opened.
    Succeeded,
    /// Throttled: the password was not even checked, and it does not count as a failure.
    Refused,
}

impl LoginOutcome {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            LoginOutcome::Pending => "pending",
            LoginOutcome::Failed => "failed",
            LoginOutcome::Succeeded => "succeeded",
            LoginOutcome::Refused => "refused",
        }
    }
}

/// The stored number of one login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginAttemptId(pub i64);

/// Sessions live in the database, so that any server instance can serve any request.
#[async_trait]
pub trait Sessions: Send + Sync {
    /// Account data for a login attempt.
    async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError>;
    /// Records an attempt as pending, before anything is checked.
    async fn begin_login_attempt(
        &self,
        username: &str,
        address: &str,
        at: DateTime<Utc>,
    ) -> Result<LoginAttemptId, StoreError>;
    /// Failed and pending attempts since `since` other than `attempt` itself for the
    /// (username, address) pair since its last success; failed attempts for the address.
    async fn failed_logins(
        &self,
        attempt: LoginAttemptId,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<FailedLogins, StoreError>;
    /// Records how the attempt ended.
    async fn finish_login_attempt(
        &self,
        attempt: LoginAttemptId,
        outcome: LoginOutcome,
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
