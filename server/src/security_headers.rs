//! Headers every answer carries: what a page may load and who may frame it, no MIME sniffing,
//! no address leaking to other sites, and no copy of a signed-in page kept by any cache.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// For answers that are not pages (JSON, files): nothing may run and nothing may frame them.
const NOT_A_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Adds the headers; pages set their own `Content-Security-Policy` while rendering
/// ([`app::ssr::page_policy`]).
pub async fn add(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let signed_in = state.has_session_cookie(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    set_default(
        headers,
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(NOT_A_PAGE_POLICY),
    );
    set_default(
        headers,
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    set_default(
        headers,
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("DENY"),
    );
    set_default(
        headers,
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if signed_in && !is_static_file(headers) {
        // Another user of a shared phone or a proxy must never be served this copy.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

fn set_default(headers: &mut HeaderMap, name: HeaderName, value: HeaderValue) {
    headers.entry(name).or_insert(value);
}

/// The bundle, styles and icons are the same for everyone and are cached as usual.
fn is_static_file(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            !(t.starts_with("text/html")
                || t.starts_with("application/json")
                || t.starts_with("text/csv")
                || t.starts_with("application/vnd.")
                || t.starts_with("text/plain"))
        })
}
