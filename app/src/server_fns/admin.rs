//! Administration: communes and their size.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// One commune (tenant) with counts of what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneSummary {
    /// Commune id.
    pub id: Uuid,
    /// Name, e.g. "Xã Bắc Thanh Miện".
    pub name: String,
    /// Groups (thôn / tổ dân phố).
    pub groups: i64,
    /// Active users.
    pub users: i64,
    /// Campaigns.
    pub campaigns: i64,
    /// Opinions received.
    pub opinions: i64,
}

/// Every commune, for the administrator.
#[server(endpoint = "admin/communes")]
pub async fn communes() -> Result<Vec<CommuneSummary>, AppError> {
    use crate::domain::role::Role;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller.require(&[Role::Admin]).await?;
    caller
        .store
        .commune_summaries()
        .await
        .map_err(|e| caller.internal("listing communes", e))
}
