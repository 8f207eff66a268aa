//! A real ward starts from an empty database with the server binary: `server init` makes the
//! commune and its administrator, whose one-time password must be changed at the first login;
//! demo data (published passwords) is refused on a server others can reach.

mod common;

use std::process::{Command, Output};

use common::{Backend, client, fresh_url};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn server(url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "info")
        .env_remove("DANBAN_DEMO")
        .env_remove("DANBAN_ADDR")
        .env_remove("DANBAN_SECURE_COOKIES");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run the server binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn init_makes_a_commune_and_an_administrator_who_must_choose_a_password(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let url = fresh_url(backend, dir.path()).await;
    let out = server(
        &url,
        &[
            "init",
            "--commune",
            "Xã Tân Lập",
            "--admin",
            "quantri",
            "--province",
            "Thành phố Hải Phòng",
        ],
        &[],
    );
    assert!(out.status.success(), "init: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("One-time password: "))
        .expect("the password is printed")
        .trim()
        .to_owned();
    assert!(
        !text(&out.stderr).contains(&password),
        "the password never reaches the log"
    );

    let again = server(
        &url,
        &["init", "--commune", "Xã Khác", "--admin", "khac"],
        &[],
    );
    assert!(!again.status.success(), "a second init is refused");
    assert!(text(&again.stderr).contains("already has communes"));

    let store = server::db::open(&url).await.expect("open");
    let site = dir.path().join("site");
    let addr = server::serve_on_loopback_with(store, site, app::ssr::AuthConfig::default())
        .await
        .expect("serve");
    let base = format!("http://{addr}");
    let admin = client();
    let login = admin
        .post(format!("{base}/api/session/login"))
        .form(&[("username", "quantri"), ("password", password.as_str())])
        .send()
        .await
        .expect("login");
    assert!(login.status().is_redirection(), "{}", login.status());
    let call = |endpoint: &'static str, body: Value| {
        let admin = admin.clone();
        let base = base.clone();
        async move {
            let response = admin
                .post(format!("{base}/api/{endpoint}"))
                .header("Accept", "application/json")
                .json(&body)
                .send()
                .await
                .expect("call");
            let status = response.status();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (status, reply) = call("admin/communes", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(reply, json!("PasswordChangeRequired"));
    let changed = admin
        .post(format!("{base}/api/session/password"))
        .form(&[
            ("current", password.as_str()),
            ("new", "một mật khẩu riêng"),
            ("again", "một mật khẩu riêng"),
        ])
        .send()
        .await
        .expect("change");
    assert_eq!(changed.status(), StatusCode::OK);
    let (status, communes) = call("admin/communes", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{communes}");
    assert_eq!(communes.as_array().map(Vec::len), Some(1));
    assert_eq!(communes[0]["name"], "Xã Tân Lập");
    assert_eq!(communes[0]["groups"], 0, "no demo data");
    let (_, log) = call("admin/audit", json!({ "commune_id": null, "entity": null })).await;
    let actions: Vec<&str> = log
        .as_array()
        .map(|l| l.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        actions.contains(&"initialised") && actions.contains(&"password_changed"),
        "{actions:?}"
    );
}

async fn demo_data_is_refused_beyond_loopback_and_with_secure_cookies(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let url = fresh_url(backend, dir.path()).await;
    let out = server(
        &url,
        &["serve"],
        &[("DANBAN_DEMO", "1"), ("DANBAN_ADDR", "0.0.0.0:0")],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("refusing to load the demo data"),
        "{}",
        text(&out.stderr)
    );
    let out = server(&url, &["seed-demo"], &[("DANBAN_SECURE_COOKIES", "1")]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("refusing to load the demo data"));
    let store = server::db::open(&url).await.expect("open");
    assert!(store.is_empty().await.expect("count"), "nothing was loaded");
    let out = server(&url, &["seed-demo"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !store.is_empty().await.expect("count"),
        "loopback demo loads"
    );
}

on_both!(
    init_makes_a_commune_and_an_administrator_who_must_choose_a_password,
    demo_data_is_refused_beyond_loopback_and_with_secure_cookies,
);
