//! Every server function checks role and commune on the server.

mod common;

use common::{Backend, client, spawn_app_on};
use reqwest::StatusCode;

/// Endpoints and the roles allowed to call them (by demo username).
const MATRIX: &[(&str, &[&str])] = &[
    (
        "intake/summaries",
        &["vanphong", "chutich", "mttq", "kinhmon"],
    ),
    (
        "answer/follow_up",
        &["vanphong", "chutich", "mttq", "kinhmon"],
    ),
    (
        "answer/awaiting_approval",
        &["vanphong", "chutich", "kinhmon"],
    ),
    ("answer/my_assignments", &["kinhte"]),
    (
        "collect/my_campaigns",
        &["anson", "anlau", "tanphong", "kinhha"],
    ),
    ("admin/communes", &["admin"]),
];

const USERS: &[&str] = &[
    "admin", "vanphong", "kinhte", "chutich", "mttq", "anson", "anlau", "tanphong", "kinhmon",
    "kinhha",
];

async fn each_function_answers_its_roles_and_refuses_every_other_with_403(backend: Backend) {
    let app = spawn_app_on(backend).await;
    for user in USERS {
        let client = app.client_for(user).await;
        for (endpoint, allowed) in MATRIX {
            let (status, body) = app.call(&client, endpoint, &[]).await;
            if allowed.contains(user) {
                assert_eq!(status, StatusCode::OK, "{user} → {endpoint}: {body}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{user} → {endpoint}: {body}");
                assert!(
                    body.get("Forbidden").is_some() || body == "Forbidden",
                    "{body}"
                );
            }
        }
    }
}

async fn a_collector_cannot_read_the_intake(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let collector = app.client_for("anson").await;
    let (status, _) = app.call(&collector, "intake/summaries", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn without_a_session_every_protected_function_is_401(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anonymous = client();
    for (endpoint, _) in MATRIX {
        let (status, _) = app.call(&anonymous, endpoint, &[]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}");
    }
}

async fn a_forged_cookie_is_no_session(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let forged = reqwest::Client::new();
    let response = forged
        .post(format!("{}/api/intake/summaries", app.base))
        .header("Cookie", "danban_session=not-a-real-token")
        .header("Sec-Fetch-Site", "same-origin")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

async fn staff_see_only_their_own_commune(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let btm = app.client_for("vanphong").await;
    let km = app.client_for("kinhmon").await;
    let (_, btm_list) = app.call(&btm, "intake/summaries", &[]).await;
    let (_, km_list) = app.call(&km, "intake/summaries", &[]).await;
    let titles = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("list")
            .iter()
            .map(|c| c["title"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let (btm_titles, km_titles) = (titles(&btm_list), titles(&km_list));
    assert_eq!(btm_titles.len(), 3);
    assert_eq!(km_titles.len(), 1);
    assert!(km_titles[0].contains("Kinh Hạ"));
    assert!(btm_titles.iter().all(|t| !t.contains("Kinh Hạ")));
}

async fn a_department_sees_only_its_own_assignments(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let officer = app.client_for("kinhte").await;
    let (_, mine) = app.call(&officer, "answer/my_assignments", &[]).await;
    let staff = app.client_for("vanphong").await;
    let (_, all) = app.call(&staff, "answer/follow_up", &[]).await;
    let mine = mine.as_array().expect("list");
    let all = all.as_array().expect("list");
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|a| a["department"] == "Phòng Kinh tế"));
    assert!(
        all.len() > mine.len(),
        "the commune has other departments' work too"
    );
    // Each line carries its clock: overdue lines count the same working days as their lateness.
    for card in all {
        let late = card["working_days_late"].as_i64().expect("late");
        if late > 0 {
            assert_eq!(card["clock"]["Overdue"]["days_late"], late, "{card}");
        }
    }
    let assignment = all[0]["assignment_id"].as_str().expect("id").to_owned();
    let far = app::domain::today_in_vietnam(chrono::Utc::now()) + chrono::Duration::days(30);
    db!(
        app,
        execute,
        query,
        "update assignments set due_date = ? where id = ?",
        far,
        uuid::Uuid::parse_str(&assignment).expect("uuid")
    )
    .expect("due later");
    let (_, all) = app.call(&staff, "answer/follow_up", &[]).await;
    let card = all
        .as_array()
        .and_then(|l| l.iter().find(|c| c["assignment_id"] == assignment.as_str()))
        .cloned()
        .expect("card");
    assert!(
        card["clock"]["Running"]["days_left"]
            .as_i64()
            .is_some_and(|d| d > 2),
        "{card}"
    );
}

async fn a_collector_sees_only_campaigns_of_their_groups(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let (_, list) = app.call(&anson, "collect/my_campaigns", &[]).await;
    let list = list.as_array().expect("list");
    // An Sơn is in the periodic and the thematic campaign, not in the ad-hoc one.
    assert_eq!(list.len(), 2, "{list:?}");
    for campaign in list {
        assert_eq!(campaign["groups"], serde_json::json!(["Thôn An Sơn"]));
    }
    assert_eq!(
        list[0]["stage"], "Collecting",
        "what can still be collected comes first"
    );
}

on_both!(
    each_function_answers_its_roles_and_refuses_every_other_with_403,
    a_collector_cannot_read_the_intake,
    without_a_session_every_protected_function_is_401,
    a_forged_cookie_is_no_session,
    staff_see_only_their_own_commune,
    a_department_sees_only_its_own_assignments,
    a_collector_sees_only_campaigns_of_their_groups,
);
