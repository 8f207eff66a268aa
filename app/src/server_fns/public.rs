//! The public page (công khai): published answers, no account, no personal data.

use leptos::prelude::*;

use crate::error::AppError;

pub use crate::api::public::*;

/// Communes with a public page; open to everyone.
#[server(endpoint = "public/communes")]
pub async fn public_communes() -> Result<Vec<PublicCommune>, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller
        .store
        .public_communes()
        .await
        .map_err(|e| caller.internal("listing public communes", e))
}

/// One commune's published issues; open to everyone.
#[server(endpoint = "public/commune_page")]
pub async fn commune_page(slug: String) -> Result<PublicCommunePage, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller
        .store
        .public_commune_page(slug.trim())
        .await
        .map_err(|e| caller.internal("reading a public page", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}
