//! Who is calling, and may they? Every server function starts here: the session is read from
//! the request on the server, roles and commune scope are checked here, and refusals carry the
//! right HTTP status.

use chrono::Utc;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::ports::{SharedStore, StoreError};

use super::session::{token_from_cookie_header, token_hash};

/// The store provided by the server.
pub fn store() -> Result<SharedStore, AppError> {
    use_context::<SharedStore>().ok_or_else(|| {
        tracing::error!("storage missing from the Leptos context");
        fail(AppError::Internal)
    })
}

/// Sets the response status for `error` and returns it, so `?` sends the right code.
pub fn fail(error: AppError) -> AppError {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(error.http_status());
    }
    error
}

/// Logs a storage failure with its context and turns it into the opaque user-facing error.
pub fn internal(context: &str, error: StoreError) -> AppError {
    tracing::error!(%error, "{context}");
    fail(AppError::Internal)
}

/// The session token sent with this request, if any.
pub async fn session_token() -> Option<String> {
    let headers: http::HeaderMap = leptos_axum::extract().await.ok()?;
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(token_from_cookie_header)
        .map(str::to_owned)
}

/// The signed-in user, or `None` for an anonymous visitor.
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let Some(token) = session_token().await else {
        return Ok(None);
    };
    store()?
        .session_viewer(&token_hash(&token), Utc::now())
        .await
        .map_err(|e| internal("reading the session", e))
}

/// The signed-in user if their role is one of `roles` and they belong to a commune;
/// otherwise 401 or 403. Access fails closed: a user without a commune gets nothing here.
pub async fn require(roles: &[Role]) -> Result<Viewer, AppError> {
    let viewer = current_viewer().await?.ok_or_else(|| fail(AppError::Unauthenticated))?;
    if !roles.contains(&viewer.role) {
        tracing::warn!(user = %viewer.username, role = viewer.role.code(), "role refused");
        return Err(fail(AppError::Forbidden));
    }
    if viewer.commune_id.is_none() && viewer.role != Role::Admin {
        tracing::warn!(user = %viewer.username, "user without commune refused");
        return Err(fail(AppError::Forbidden));
    }
    Ok(viewer)
}

/// The commune a non-admin viewer is scoped to (checked by [`require`]).
pub fn commune_of(viewer: &Viewer) -> Result<uuid::Uuid, AppError> {
    viewer.commune_id.ok_or_else(|| fail(AppError::Forbidden))
}
