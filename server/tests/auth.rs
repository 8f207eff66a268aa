//! Login, sessions, logout and the login rate limit, over real HTTP.

mod common;

use common::{Backend, client, spawn_app_on};
use reqwest::StatusCode;

async fn login_sets_an_http_only_session_cookie_and_whoami_knows_the_user(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let client = client();

    let response = client
        .post(format!("{}/api/session/login", app.base))
        .header("Accept", "application/json")
        .form(&[
            ("username", "vanphong"),
            ("password", server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("danban_session="))
        .expect("session cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");

    let (status, me) = app.call(&client, "session/whoami", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["username"], "vanphong");
    assert_eq!(me["role"], "WardStaff");
    assert_eq!(me["commune_name"], "Xã Bắc Thanh Miện");
}

async fn wrong_password_and_unknown_user_get_the_same_401(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let client = client();
    let (s1, b1) = app
        .call(
            &client,
            "session/login",
            &[("username", "vanphong"), ("password", "sai-mat-khau")],
        )
        .await;
    let (s2, b2) = app
        .call(
            &client,
            "session/login",
            &[("username", "khongco"), ("password", "sai-mat-khau")],
        )
        .await;
    assert_eq!(s1, StatusCode::UNAUTHORIZED);
    assert_eq!(s2, StatusCode::UNAUTHORIZED);
    assert_eq!(b1, b2, "the answer must not reveal which usernames exist");
    let (_, me) = app.call(&client, "session/whoami", &[]).await;
    assert!(me.is_null(), "no session after a failed login: {me}");
}

async fn the_sixth_failed_login_within_the_window_is_refused_even_with_the_right_password(
    backend: Backend,
) {
    let app = spawn_app_on(backend).await;
    let client = client();
    for _ in 0..5 {
        let (status, _) = app
            .call(
                &client,
                "session/login",
                &[("username", "chutich"), ("password", "doan-sai")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app
        .call(
            &client,
            "session/login",
            &[
                ("username", "chutich"),
                ("password", server::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let attempts: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from login_attempts where username = 'chutich'"
    )
    .expect("count");
    assert_eq!(
        attempts, 5,
        "refused attempts are not even checked against the password"
    );
}

async fn logout_ends_the_session_on_the_server(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let client = app.client_for("mttq").await;
    let sessions = || async {
        db!(
            app,
            fetch_one,
            query_scalar::<_, i64>,
            "select count(*) from sessions"
        )
        .expect("count")
    };
    assert_eq!(sessions().await, 1);
    let (status, _) = app.call(&client, "session/logout", &[]).await;
    assert!(status.is_success() || status.is_redirection());
    assert_eq!(sessions().await, 0);
    let (_, me) = app.call(&client, "session/whoami", &[]).await;
    assert!(me.is_null());
}

async fn stored_passwords_are_argon2id_and_only_a_hash_of_the_session_token_is_kept(
    backend: Backend,
) {
    let app = spawn_app_on(backend).await;
    let response = client()
        .post(format!("{}/api/session/login", app.base))
        .form(&[
            ("username", "anson"),
            ("password", server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    let token = response
        .cookies()
        .find(|c| c.name() == "danban_session")
        .map(|c| c.value().to_owned())
        .expect("session cookie");

    let hash: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select password_hash from users where username = 'anson'"
    )
    .expect("hash");
    assert!(hash.starts_with("$argon2id$"));
    let stored: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select token_hash from sessions"
    )
    .expect("row");
    assert_ne!(stored, token);
    assert_eq!(stored, app::ssr::session::token_hash(&token));
}

/// The login page is a plain HTML form: the browser posts it and follows the answer.
async fn post_login_form(
    app: &common::TestApp,
    username: &str,
    password: &str,
) -> reqwest::Response {
    client()
        .post(format!("{}/api/session/login", app.base))
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Referer", format!("{}/dang-nhap", app.base))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("login form")
}

fn location(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a redirect")
}

async fn the_plain_login_form_goes_home_or_back_with_a_reason_code(backend: Backend) {
    let app = spawn_app_on(backend).await;

    let wrong = post_login_form(&app, "vanphong", "sai-mat-khau").await;
    assert_eq!(wrong.status(), StatusCode::FOUND);
    assert_eq!(location(&wrong), "/dang-nhap?loi=sai&ten=vanphong");
    assert!(wrong.headers().get("set-cookie").is_none());

    let empty = post_login_form(&app, "", "").await;
    assert_eq!(location(&empty), "/dang-nhap?loi=thieu&ten=");

    let right = post_login_form(&app, "vanphong", server::demo::DEMO_PASSWORD).await;
    assert_eq!(right.status(), StatusCode::FOUND);
    assert_eq!(location(&right), "/");
    assert!(
        right
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.starts_with("danban_session="))
    );

    // The page it comes back to explains, from the code alone.
    let (_, html) = app.page(&client(), "/dang-nhap?loi=sai&ten=vanphong").await;
    assert!(html.contains("Tên đăng nhập hoặc mật khẩu không đúng."));
    assert!(html.contains("value=\"vanphong\""));
    let (_, html) = app.page(&client(), "/dang-nhap?loi=tu-viet-loi-nhan").await;
    assert!(
        !html.contains("role=\"alert\""),
        "unknown codes show nothing"
    );
}

on_both!(
    login_sets_an_http_only_session_cookie_and_whoami_knows_the_user,
    wrong_password_and_unknown_user_get_the_same_401,
    the_sixth_failed_login_within_the_window_is_refused_even_with_the_right_password,
    logout_ends_the_session_on_the_server,
    stored_passwords_are_argon2id_and_only_a_hash_of_the_session_token_is_kept,
    the_plain_login_form_goes_home_or_back_with_a_reason_code,
);
