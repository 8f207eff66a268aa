//! Administration: communes and their size.

use leptos::prelude::*;

use crate::error::AppError;

pub use crate::api::admin::*;

/// Every commune, for the administrator.
#[server(endpoint = "admin/communes")]
pub async fn communes() -> Result<Vec<CommuneSummary>, AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller.require(access::ADMINISTER).await?;
    caller
        .store
        .commune_summaries()
        .await
        .map_err(|e| caller.internal("listing communes", e))
}
