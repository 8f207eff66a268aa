//! The HTTP surface: pages (server-rendered Leptos routes), server functions under `/api`,
//! health check, static files.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use app::shell::{App, bundle_for, shell};

use crate::state::AppState;

/// The largest request body of any kind.
pub const REQUEST_BODY_LIMIT: usize = 2 * 1024 * 1024;
/// How long a request may take to get its answer started (a download then streams on).
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// Requests handled at once; more wait for a place.
pub const MAX_CONCURRENT_REQUESTS: usize = 256;

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let pkg_dir = std::path::Path::new(state.leptos_options.site_root.as_ref())
        .join(state.leptos_options.site_pkg_dir.as_ref());
    let page_state = state.clone();
    let options = state.leptos_options.clone();
    let fallback_state = state.clone();
    Router::new()
        .route("/healthz", get(health))
        // the bundle, served from the brotli/gzip files the build wrote
        .nest_service(
            "/pkg",
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .route(app::api::SYNC_FORMS_PATH, post(crate::sync::sync_forms))
        .route(app::api::REFERENCE_PATH, get(crate::sync::reference))
        .route(
            "/api/v1/campaigns/{campaign}/report.docx",
            get(crate::export::report_docx),
        )
        .route(
            "/api/v1/statistics.xlsx",
            get(crate::export::statistics_xlsx),
        )
        .route(
            "/api/v1/campaigns/{campaign}/minutes.docx",
            get(crate::export::minutes_docx),
        )
        .route(
            "/api/v1/campaigns/{campaign}/conclusion.docx",
            get(crate::export::conclusion_docx),
        )
        .route(
            "/api/v1/campaigns/{campaign}/report.xlsx",
            get(crate::export::report_xlsx),
        )
        .route(
            "/api/v1/campaigns/{campaign}/report.csv",
            get(crate::export::report_csv),
        )
        .route(
            "/api/v1/campaigns/{campaign}/opinions.csv",
            get(crate::export::opinions_csv),
        )
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .merge(crate::residents::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || page_state.provide(),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(move || fallback_state.provide(), shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            choose_bundle,
        ))
        .layer(axum::middleware::from_fn(
            crate::cross_site::same_origin_only,
        ))
        // Bounds on every request: the body (the sync API's own limit is lower and explains
        // itself), the time to produce an answer, and how many are handled at once (the rest
        // wait their turn instead of piling onto the database).
        .layer(RequestBodyLimitLayer::new(REQUEST_BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(MAX_CONCURRENT_REQUESTS))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security_headers::add,
        ))
        .layer(CompressionLayer::new())
        // Bundle names are not hashed yet: browsers must revalidate (cheap 304s) so the JS glue
        // and the wasm of one release are never mixed with another's.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .with_state(state)
}

/// Before a page is rendered: reads what it needs (`page_data`), and tells the renderer which
/// WebAssembly bundle the page loads: the collector's small one where it holds the page's screens (the home
/// page needs the viewer's role for that). Files, the API and the residents' pages are passed
/// through untouched.
async fn choose_bundle(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !is_app_page(path) {
        return next.run(request).await;
    }
    let data = crate::page_data::load(&state, path, request.headers()).await;
    let role = match &data.viewer {
        Ok(viewer) => viewer.as_ref().map(|v| v.role),
        // Unknown role: the whole app can show any home page.
        Err(_) => Some(app::domain::role::Role::Admin),
    };
    let bundle = bundle_for(path, role);
    request.extensions_mut().insert(bundle);
    request.extensions_mut().insert(data);
    next.run(request).await
}

/// A path the Leptos app renders (or answers with its "not found" page), as opposed to a file,
/// the API or a residents' page.
fn is_app_page(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || path.starts_with("/cong-khai/")
        || path == "/cong-khai"
        || path == "/healthz"
        || file.contains('.'))
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || state.provide(), request).await
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(_) => (axum::http::StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_app_page;

    #[test]
    fn the_session_is_read_for_app_pages_only() {
        for page in [
            "/",
            "/thu-phieu",
            "/ban/abc/van-de",
            "/khong-co",
            "/dang-nhap",
        ] {
            assert!(is_app_page(page), "{page}");
        }
        for other in [
            "/api/session/whoami",
            "/pkg/thu.wasm",
            "/icons/icon-192.png",
            "/sw.js",
            "/manifest.webmanifest",
            "/cong-khai",
            "/cong-khai/phuong-an-hoi/tra-cuu",
            "/healthz",
        ] {
            assert!(!is_app_page(other), "{other}");
        }
    }
}
