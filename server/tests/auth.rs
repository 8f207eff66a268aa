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

async fn login_as(
    app: &common::TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> StatusCode {
    app.call(
        client,
        "session/login",
        &[("username", username), ("password", password)],
    )
    .await
    .0
}

async fn outcomes(app: &common::TestApp, username: &str) -> Vec<String> {
    db!(
        app,
        fetch_all,
        query_scalar,
        "select outcome from login_attempts where username = ? order by id",
        username
    )
    .expect("attempts")
}

async fn a_guesser_must_wait_longer_each_time_but_the_owner_elsewhere_logs_in(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let guesser = common::client_from(Some("127.0.0.1"));
    for _ in 0..5 {
        let status = login_as(&app, &guesser, "chutich", "doan-sai").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // The sixth try waits, even with the right password: it is not even checked.
    let (status, body) = app
        .call(
            &guesser,
            "session/login",
            &[
                ("username", "chutich"),
                ("password", server::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(
        body["RateLimited"], 1,
        "the wait is told, in minutes: {body}"
    );
    assert_eq!(
        outcomes(&app, "chutich").await,
        ["failed", "failed", "failed", "failed", "failed", "refused"]
    );

    // The owner, from another address, is not locked out.
    let owner = common::client_from(Some("127.0.0.2"));
    let status = login_as(&app, &owner, "chutich", server::demo::DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::FOUND, "signed in and sent home");

    // Once the first wait (15 s) has passed the guesser may try again; the next wait doubles.
    let earlier = chrono::Utc::now() - chrono::Duration::seconds(16);
    db!(
        app,
        execute,
        query,
        "update login_attempts set attempted_at = ? where address = '127.0.0.1'",
        earlier
    )
    .expect("backdate");
    let status = login_as(&app, &guesser, "chutich", "doan-sai-nua").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "checked again");
    let status = login_as(&app, &guesser, "chutich", "doan-sai-nua").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "waits again at once");
}

async fn a_burst_of_parallel_guesses_gets_only_the_free_tries_checked(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let guesser = client();
    let burst = (0..24).map(|i| {
        let (app, guesser) = (&app, &guesser);
        async move {
            let password = format!("doan-{i}");
            login_as(app, guesser, "vanphong", &password).await
        }
    });
    let statuses = futures::future::join_all(burst).await;
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let checked = outcomes(&app, "vanphong")
        .await
        .into_iter()
        .filter(|o| o == "failed")
        .count();
    assert!(
        checked <= 5,
        "at most the five free tries reach the password check, {checked} did"
    );
    assert_eq!(
        outcomes(&app, "vanphong").await.len(),
        24,
        "every try is recorded"
    );
}

async fn a_whole_office_behind_one_address_logs_in_at_once(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let users = [
        "admin", "vanphong", "kinhte", "chutich", "mttq", "anson", "anlau", "tanphong", "kinhmon",
        "kinhha",
    ];
    let logins = (0..40).map(|i| {
        let app = &app;
        async move {
            login_as(
                app,
                &client(),
                users[i % users.len()],
                server::demo::DEMO_PASSWORD,
            )
            .await
        }
    });
    let statuses = futures::future::join_all(logins).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::FOUND),
        "forty logins from one address at once all succeed: {statuses:?}"
    );
}

async fn behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for(backend: Backend) {
    let auth = app::ssr::AuthConfig {
        trusted_proxies: vec!["127.0.0.1".parse().expect("address")],
        ..Default::default()
    };
    let app = &common::spawn_app_with(backend, auth).await;
    let via_proxy = |client_ip: &'static str| {
        let client = client();
        async move {
            let response = client
                .post(format!("{}/api/session/login", app.base))
                .header("Accept", "application/json")
                .header("X-Forwarded-For", format!("6.6.6.6, {client_ip}"))
                .form(&[("username", "chutich"), ("password", "doan-sai")])
                .send()
                .await
                .expect("login");
            response.status()
        }
    };
    for _ in 0..5 {
        assert_eq!(via_proxy("198.51.100.7").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        via_proxy("198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        via_proxy("198.51.100.8").await,
        StatusCode::UNAUTHORIZED,
        "another client behind the same proxy is not throttled"
    );
    let addresses: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select distinct address from login_attempts order by address"
    )
    .expect("addresses");
    assert_eq!(addresses, ["198.51.100.7", "198.51.100.8"]);
}

async fn behind_https_the_cookie_is_secure_and_host_prefixed(backend: Backend) {
    let auth = app::ssr::AuthConfig {
        secure_cookies: true,
        ..Default::default()
    };
    let app = &common::spawn_app_with(backend, auth).await;
    let response = client()
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
        .find(|v| v.starts_with("__Host-danban_session="))
        .expect("a __Host- session cookie")
        .to_owned();
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let token = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, token)| token.to_owned())
        .expect("token");
    let whoami = |name: &'static str| {
        let token = token.clone();
        async move {
            let response = reqwest::Client::new()
                .post(format!("{}/api/session/whoami", app.base))
                .header("Sec-Fetch-Site", "same-origin")
                .header("Accept", "application/json")
                .header("Cookie", format!("{name}={token}"))
                .send()
                .await
                .expect("whoami");
            response.json::<serde_json::Value>().await.expect("json")
        }
    };
    assert_eq!(
        whoami("__Host-danban_session").await["username"],
        "vanphong"
    );
    assert!(
        whoami("danban_session").await.is_null(),
        "an unprefixed cookie could have been planted over plain HTTP"
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
    a_guesser_must_wait_longer_each_time_but_the_owner_elsewhere_logs_in,
    a_burst_of_parallel_guesses_gets_only_the_free_tries_checked,
    a_whole_office_behind_one_address_logs_in_at_once,
    behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for,
    behind_https_the_cookie_is_secure_and_host_prefixed,
    logout_ends_the_session_on_the_server,
    stored_passwords_are_argon2id_and_only_a_hash_of_the_session_token_is_kept,
    the_plain_login_form_goes_home_or_back_with_a_reason_code,
);
