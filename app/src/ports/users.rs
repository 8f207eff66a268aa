//! Accounts as the administrator manages them: roles, bindings, deactivation, passwords.

use async_trait::async_trait;

use super::{Decided, StoreError};
use crate::api::admin::{UserDraft, UserFilter, UserRow};
use crate::domain::ids::{CommuneId, UserId};

/// Managing users. A commune's users are reached through their commune; administrators
/// (no commune) through `None`.
#[async_trait]
pub trait Users: Send + Sync {
    /// Users of a commune (or the administrators with `None`) that pass the filter, by name.
    async fn users(
        &self,
        commune_id: Option<CommuneId>,
        filter: &UserFilter,
    ) -> Result<Vec<UserRow>, StoreError>;
    /// One user; `None` when unknown.
    async fn user(&self, user_id: UserId) -> Result<Option<UserRow>, StoreError>;
    /// Changes name, role, department and groups of a commune's user; the department and
    /// groups must be the commune's. Ends the user's sessions when the role or scope changed.
    async fn update_user(
        &self,
        commune_id: CommuneId,
        user_id: UserId,
        draft: &UserDraft,
    ) -> Decided<()>;
    /// Deactivates (ending every session at once) or reactivates an account.
    async fn set_user_active(&self, user_id: UserId, active: bool) -> Result<(), StoreError>;
    /// Replaces the password hash and ends every session; `must_change` makes the next login
    /// ask for a new one.
    async fn set_password(
        &self,
        user_id: UserId,
        password_hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError>;
}
