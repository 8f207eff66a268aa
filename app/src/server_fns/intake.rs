//! Intake (tiếp nhận): how many forms and opinions have arrived, and where they stand.

use leptos::prelude::*;

use crate::error::AppError;

pub use crate::api::intake::*;

/// Intake counts of every campaign of the caller's commune.
#[server(endpoint = "intake/summaries")]
pub async fn intake_summaries() -> Result<Vec<IntakeSummary>, AppError> {
    use crate::domain::access;

    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    caller
        .store
        .intake_summaries(caller.commune_of(&viewer)?)
        .await
        .map_err(|e| caller.internal("reading intake summaries", e))
}
