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
    let slug = slug.trim();
    // Slugs are short lowercase words joined by dashes; anything else names no commune (and a
    // NUL would be an error from PostgreSQL, not a "not found").
    let plausible = !slug.is_empty()
        && slug.len() <= 100
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plausible {
        return Err(caller.fail(AppError::NotFound));
    }
    caller
        .store
        .public_commune_page(slug)
        .await
        .map_err(|e| caller.internal("reading a public page", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}
