//! What another site's page could make a signed-in browser do, and the headers that keep pages
//! from being framed, sniffed or cached: over real HTTP, with the session cookie sent by hand
//! so that each request carries exactly the headers a browser would.

mod common;

use common::{Backend, TestApp, spawn_app_on};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY};

/// The session cookie of a demo user, as `name=value`.
async fn session_cookie(app: &TestApp, username: &str) -> String {
    let response = common::client()
        .post(format!("{}/api/session/login", app.base))
        .header("Accept", "application/json")
        .form(&[
            ("username", username),
            ("password", server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split(';')
                .next()
                .filter(|p| p.starts_with("danban_session="))
        })
        .expect("session cookie")
        .to_owned()
}

/// A sync batch posted with the cookie and the given extra headers.
async fn post_sync(
    app: &TestApp,
    cookie: &str,
    content_type: &str,
    headers: &[(&str, String)],
) -> StatusCode {
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/v1/sync/forms", app.base))
        .header("Cookie", cookie)
        .header("Content-Type", content_type)
        .body("{\"forms\": []}");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    request.send().await.expect("post").status()
}

async fn state_changing_requests_from_other_sites_are_refused(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let cookie = session_cookie(&app, "anson").await;
    let json = "application/json";
    let own = app.base.clone();

    // What a page on another site can send: a text/plain or form post, with its own Origin.
    let refused = [
        (json, vec![("Origin", "https://evil.example".to_owned())]),
        (json, vec![("Sec-Fetch-Site", "cross-site".to_owned())]),
        (json, vec![("Sec-Fetch-Site", "same-site".to_owned())]),
        ("text/plain", vec![("Origin", "null".to_owned())]),
        (json, vec![]),
    ];
    for (content_type, headers) in &refused {
        let status = post_sync(&app, &cookie, content_type, headers).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{content_type} {headers:?}");
    }

    // The app's own pages: modern browsers say same-origin, older ones send a matching Origin.
    let same = vec![("Sec-Fetch-Site", "same-origin".to_owned())];
    assert_eq!(post_sync(&app, &cookie, json, &same).await, StatusCode::OK);
    let origin = vec![("Origin", own)];
    assert_eq!(
        post_sync(&app, &cookie, json, &origin).await,
        StatusCode::OK
    );
    // Even from the app's own pages the sync API takes JSON only.
    assert_eq!(
        post_sync(&app, &cookie, "text/plain", &same).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );

    // Server functions too: a cross-site logout or desk change never runs.
    let staff = session_cookie(&app, "vanphong").await;
    let response = reqwest::Client::new()
        .post(format!("{}/api/session/logout", app.base))
        .header("Cookie", &staff)
        .header("Origin", "https://evil.example")
        .send()
        .await
        .expect("logout");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let sessions: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from sessions s join users u on u.id = s.user_id
         where u.username = 'vanphong'"
    )
    .expect("count");
    assert_eq!(sessions, 1, "the session survived the forged logout");

    // Reading stays open to links from anywhere (the page checks the session itself).
    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/collect/reference", app.base))
        .header("Cookie", &cookie)
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), StatusCode::OK);
}

async fn pages_carry_a_nonce_policy_and_signed_in_pages_are_never_cached(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let get = |path: &'static str, cookie: Option<String>| {
        let base = app.base.clone();
        async move {
            let mut request = reqwest::Client::new().get(format!("{base}{path}"));
            if let Some(cookie) = cookie {
                request = request.header("Cookie", cookie);
            }
            request.send().await.expect("get")
        }
    };
    let header = |response: &reqwest::Response, name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };

    let login = get("/dang-nhap", None).await;
    let policy = header(&login, CONTENT_SECURITY_POLICY);
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page policy names a nonce")
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(
        !policy.contains("'unsafe-inline' 'wasm"),
        "no inline scripts: {policy}"
    );
    assert_eq!(
        header(&login, reqwest::header::X_CONTENT_TYPE_OPTIONS),
        "nosniff"
    );
    assert_eq!(header(&login, reqwest::header::X_FRAME_OPTIONS), "DENY");
    assert_eq!(
        header(&login, reqwest::header::REFERRER_POLICY),
        "same-origin"
    );
    assert!(!header(&login, CACHE_CONTROL).contains("no-store"));
    let html = login.text().await.expect("html");
    let scripts = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(scripts > 0);
    assert_eq!(scripts, with_nonce, "every inline script carries the nonce");

    let again = get("/dang-nhap", None).await;
    assert_ne!(
        header(&again, CONTENT_SECURITY_POLICY),
        policy,
        "a fresh nonce for each page"
    );

    let cookie = session_cookie(&app, "vanphong").await;
    let desk = get("/", Some(cookie.clone())).await;
    assert_eq!(header(&desk, CACHE_CONTROL), "private, no-store");
    let api = get(
        "/api/v1/campaigns/00000000-0000-0000-0000-000000000000/report.csv",
        Some(cookie),
    )
    .await;
    assert!(header(&api, CACHE_CONTROL).contains("no-store"));
    assert_eq!(
        header(&api, CONTENT_SECURITY_POLICY),
        "default-src 'none'; frame-ancestors 'none'"
    );
}

on_both!(
    state_changing_requests_from_other_sites_are_refused,
    pages_carry_a_nonce_policy_and_signed_in_pages_are_never_cached,
);
