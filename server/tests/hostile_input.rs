//! Input no honest client sends: text with control characters, text past every bound, bodies
//! past the server's limit. Each gets a clear refusal on both databases, never a 500 (a NUL is
//! an error from PostgreSQL, not a value).

mod common;

use common::{Backend, client, spawn_app_on};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

async fn desk_text_is_bounded_and_free_of_control_characters(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("dinh_ky").await;
    let ids: Vec<Uuid> = db!(
        app,
        fetch_all,
        query_scalar,
        "select id from opinions where campaign_id = ? and issue_id is null
         and status <> 'out_of_scope' order by id limit 2",
        campaign
    )
    .expect("opinions");
    let merge = |title: String, summary: String| {
        let body = json!({ "campaign_id": campaign, "opinion_ids": ids,
                           "target": { "New": { "title": title, "summary": summary } } });
        let (app, staff) = (&app, &staff);
        async move { app.call_json(staff, "desk/merge", &body).await }
    };
    let (status, body) = merge("Đường\u{0} làng".into(), String::new()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("ký tự điều khiển"), "{body}");
    let (status, body) = merge("Đường làng".into(), "ư".repeat(4_001)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.to_string().contains("Tóm tắt dài tối đa 4000 ký tự"),
        "{body}"
    );
    let issues: i64 =
        db!(app, fetch_one, query_scalar, "select count(*) from issues").expect("count");
    let (status, issue) = merge("Đường làng".into(), "Xuống cấp\nnhiều đoạn".into()).await;
    assert_eq!(status, StatusCode::OK, "{issue}");
    let after: i64 =
        db!(app, fetch_one, query_scalar, "select count(*) from issues").expect("count");
    assert_eq!(after, issues + 1, "only the clean one was stored");

    let (status, body) = app
        .call_json(
            &staff,
            "issue/review",
            &json!({ "issue_id": issue, "approve": false, "comment": "x".repeat(2_001) }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

async fn logins_and_public_pages_with_impossible_names_are_plain_refusals(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anonymous = client();
    for username in ["van\u{0}phong", &"a".repeat(101)] {
        let (status, body) = app
            .call(
                &anonymous,
                "session/login",
                &[("username", username), ("password", "x")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
    let attempts: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from login_attempts"
    )
    .expect("count");
    assert_eq!(
        attempts, 0,
        "nothing to record for a name no account can have"
    );
    for slug in ["bac%00thanh", "B%E1%BA%AFc%20Thanh%20Mi%E1%BB%87n", "x'--"] {
        let (status, body) = app.page(&anonymous, &format!("/cong-khai/{slug}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{slug}");
        assert!(body.contains("Không tìm thấy trang"), "{slug}");
    }
    // A NUL or a megabyte where a resident types a search or a code is just no match.
    let (status, body) = app
        .page(&anonymous, "/cong-khai/bac-thanh-mien?q=%00duong")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("kết quả cho"));
    for (code, said) in [
        ("ABCD\u{0}EFGH".to_owned(), "Không tìm thấy phiếu"),
        ("A".repeat(100_000), "Mã tra cứu gồm 8 ký tự"),
    ] {
        let response = anonymous
            .post(format!("{}/cong-khai/bac-thanh-mien/tra-cuu", app.base))
            .form(&[("ma", code.as_str())])
            .send()
            .await
            .expect("lookup");
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.text().await.expect("body");
        assert!(body.contains(said), "{body}");
    }
}

async fn a_body_past_the_limit_is_refused_before_it_is_read(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let huge = "a".repeat(server::routes::REQUEST_BODY_LIMIT + 1);
    let response = staff
        .post(format!("{}/api/desk/merge", app.base))
        .header("Content-Type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

on_both!(
    desk_text_is_bounded_and_free_of_control_characters,
    logins_and_public_pages_with_impossible_names_are_plain_refusals,
    a_body_past_the_limit_is_refused_before_it_is_read,
);
