//! Headers every answer carries: what a page may load and who may frame it, no MIME sniffing,
//! no address leaking to other sites, and no copy of a signed-in page kept by any cache.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// For the API's answers (JSON, downloads): nothing may run and nothing may frame them. Not
/// for scripts: the policy sent with the service worker's script governs the worker itself,
/// and this one would forbid its fetches (the phone could not open a page offline).
const NOT_A_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// The nonce of one page's inline scripts, chosen here for the policy header and handed to
/// Leptos through the request (see `AppState::provide`), so both name the same one.
#[derive(Debug, Clone)]
pub struct PageNonce(pub String);

/// Adds the headers. Setting them from inside the page render (Leptos' `ResponseOptions`)
/// made one streamed page in a few hang under load; here they never touch the stream.
pub async fn add(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let signed_in = state.has_session_cookie(request.headers());
    let path = request.uri().path();
    let api = path.starts_with("/api/");
    // Only what may render a page needs a nonce (base64url, valid in a CSP). Without
    // randomness the page goes without one and its inline scripts do not run: fail closed.
    let nonce = if api || path.starts_with("/pkg/") {
        String::new()
    } else {
        app::ssr::session::random_token().unwrap_or_else(|error| {
            tracing::error!(%error, "no randomness for a page nonce");
            String::new()
        })
    };
    if !nonce.is_empty() {
        request.extensions_mut().insert(PageNonce(nonce.clone()));
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let policy = if page && !nonce.is_empty() {
        HeaderValue::from_str(&app::ssr::page_policy(&nonce)).ok()
    } else if page || api {
        Some(HeaderValue::from_static(NOT_A_PAGE_POLICY))
    } else {
        None
    };
    if let Some(policy) = policy {
        set_default(headers, header::CONTENT_SECURITY_POLICY, policy);
    }
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
