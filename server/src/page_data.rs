//! What an app page needs read before it renders: the signed-in user for every page, and on a
//! collector's home their campaigns. The page carries it to the browser, which renders with it
//! at once; the collector's bundle then needs no code to fetch and wait for it.

use axum::http::HeaderMap;

use app::domain::access;
use app::domain::ids::CommuneId;
use app::domain::viewer::Viewer;
use app::error::AppError;
use app::shell::RequestData;

use crate::state::AppState;

/// Reads the page's data for `path`. Failures are logged here and reach the page as
/// `AppError::Internal`, which it shows in Vietnamese.
pub async fn load(state: &AppState, path: &str, headers: &HeaderMap) -> RequestData {
    let viewer = state.viewer(headers).await.map_err(|error| {
        tracing::error!(%error, "reading the session for a page failed");
        AppError::Internal
    });
    let collector_campaigns = match &viewer {
        Ok(Some(viewer)) if path == "/" && shows_campaigns(viewer) => {
            Some(collector_campaigns(state, viewer).await)
        }
        _ => None,
    };
    RequestData {
        viewer,
        collector_campaigns,
    }
}

/// A collector's home lists their campaigns (unless it asks for a new password first).
fn shows_campaigns(viewer: &Viewer) -> bool {
    access::allows(access::COLLECT, viewer.role) && !viewer.must_change_password
}

async fn collector_campaigns(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Vec<app::api::collect::CampaignCard>, AppError> {
    let commune = viewer
        .commune_id
        .map(CommuneId::from_uuid)
        .ok_or(AppError::Forbidden)?;
    state
        .store
        .collector_campaigns(commune, viewer.user_id.into())
        .await
        .map_err(|error| {
            tracing::error!(%error, user = %viewer.username, "listing a collector's campaigns for their home failed");
            AppError::Internal
        })
}
