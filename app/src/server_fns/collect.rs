//! Collection (thu phiếu): what a collector works on.

use leptos::prelude::*;

use crate::error::AppError;

pub use crate::api::collect::*;

/// The campaigns covering the collector's groups, collecting ones first.
#[server(endpoint = "collect/my_campaigns")]
pub async fn my_campaigns() -> Result<Vec<CampaignCard>, AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::COLLECT).await?;
    caller
        .store
        .collector_campaigns(caller.commune_of(&viewer)?, viewer.user_id.into())
        .await
        .map_err(|e| caller.internal("listing a collector's campaigns", e))
}
