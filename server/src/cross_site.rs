//! Requests another site's page could make a browser send with the user's cookie. SameSite=Lax
//! keeps the cookie off most of them, but not off a sibling subdomain or an old browser: every
//! state-changing request under `/api/` must show that it comes from the app's own pages.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::error::AppError;

/// Refuses a non-GET `/api/` request unless `Sec-Fetch-Site` says same-origin or, for a browser
/// that does not send it, `Origin` names this host.
pub async fn same_origin_only(request: Request<Body>, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || !request.uri().path().starts_with("/api/") || from_this_site(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(
        path = %request.uri().path(),
        origin = ?request.headers().get(header::ORIGIN),
        fetch_site = ?request.headers().get("sec-fetch-site"),
        "cross-site request refused"
    );
    AppError::Forbidden.into_response()
}

fn from_this_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(from_this_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!from_this_site(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
        assert!(!from_this_site(&headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://a.vn"),
            ("host", "a.vn"),
        ])));
    }

    #[test]
    fn otherwise_the_origin_must_name_this_host() {
        let ok = headers(&[
            ("origin", "https://xa.example.vn"),
            ("host", "xa.example.vn"),
        ]);
        assert!(from_this_site(&ok));
        let other = headers(&[
            ("origin", "https://evil.example"),
            ("host", "xa.example.vn"),
        ]);
        assert!(!from_this_site(&other));
        let port = headers(&[("origin", "http://127.0.0.1:9"), ("host", "127.0.0.1:3000")]);
        assert!(!from_this_site(&port));
        assert!(!from_this_site(&headers(&[("host", "xa.example.vn")])));
        assert!(!from_this_site(&headers(&[
            ("origin", "null"),
            ("host", "x")
        ])));
    }
}
