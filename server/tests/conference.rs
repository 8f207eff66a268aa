//! The speakers' list of the conference over real HTTP, on both databases: only staff and the
//! chair read it (residents' names), another commune sees nothing, registrations from forms are
//! taken once, walk-ins join at the end, the secretary reorders.

mod common;

use common::{Backend, spawn_app_on};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

fn names(list: &Value) -> Vec<String> {
    list["speakers"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|r| r["name"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

async fn the_speakers_list_is_for_staff_and_the_chair(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("dinh_ky").await;
    let body = json!({ "campaign_id": campaign });
    for user in ["mttq", "kinhte", "anson", "admin"] {
        let c = app.client_for(user).await;
        for endpoint in ["conference/speakers", "conference/take"] {
            let (status, _) = app.call_json(&c, endpoint, &body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{user} → {endpoint}");
        }
        let (status, _) = app
            .call_json(
                &c,
                "conference/walk_in",
                &json!({ "campaign_id": campaign, "name": "X", "group_id": null, "note": "" }),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → walk_in");
    }
    let other = app.client_for("kinhmon").await;
    for endpoint in ["conference/speakers", "conference/take"] {
        let (status, _) = app.call_json(&other, endpoint, &body).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "another commune → {endpoint}"
        );
    }
    let listed: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from conference_speakers",
    )
    .expect("count");
    assert_eq!(listed, 0, "nothing was written by the refused calls");
}

async fn registrations_are_taken_once_walk_ins_join_and_the_order_is_kept(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("dinh_ky").await;
    let staff = app.client_for("vanphong").await;
    let body = json!({ "campaign_id": campaign });
    let registered: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from forms where campaign_id = ? and wants_to_speak = ?",
        campaign,
        true
    )
    .expect("count");
    assert!(registered > 0, "the demo has residents who asked to speak");
    let (status, list) = app.call_json(&staff, "conference/speakers", &body).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["waiting"], registered);
    assert!(names(&list).is_empty());

    let (status, added) = app.call_json(&staff, "conference/take", &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(added, registered);
    let (_, again) = app.call_json(&staff, "conference/take", &body).await;
    assert_eq!(again, 0, "taken once");
    let (_, list) = app.call_json(&staff, "conference/speakers", &body).await;
    assert_eq!(list["waiting"], 0);
    let rows = list["speakers"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len() as i64, registered);
    let positions: Vec<i64> = rows.iter().filter_map(|r| r["position"].as_i64()).collect();
    assert_eq!(positions, (1..=registered).collect::<Vec<_>>());
    assert!(
        rows.iter()
            .all(|r| r["walk_in"] == false && r["group"].is_string())
    );
    let anonymous: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from forms where campaign_id = ? and wants_to_speak = ?
            and (anonymous = ? or respondent_name is null)",
        campaign,
        true,
        true
    )
    .expect("count");
    assert_eq!(
        names(&list)
            .iter()
            .filter(|n| n.as_str() == "Ẩn danh")
            .count() as i64,
        anonymous,
        "no name of an anonymous resident"
    );

    let group: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select group_id from campaign_groups where campaign_id = ? limit 1",
        campaign
    )
    .expect("group");
    let (status, walk_in) = app
        .call_json(
            &staff,
            "conference/walk_in",
            &json!({ "campaign_id": campaign, "name": "Bà Lê Thị Hoa", "group_id": group,
                     "note": "Hỏi về tiến độ làm đường liên thôn" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{walk_in}");
    let outside: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from residential_groups where name = 'Thôn Tân Phong'",
    )
    .expect("group");
    let (status, _) = app
        .call_json(
            &staff,
            "conference/walk_in",
            &json!({ "campaign_id": campaign, "name": "Ông A", "group_id": outside, "note": "" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a group outside the campaign"
    );
    let (_, list) = app.call_json(&staff, "conference/speakers", &body).await;
    let last = names(&list).last().cloned().unwrap_or_default();
    assert_eq!(last, "Bà Lê Thị Hoa", "a walk-in joins at the end");

    // The secretary moves the walk-in up one place; the first speaker cannot go higher.
    let (status, _) = app
        .call_json(
            &staff,
            "conference/move",
            &json!({ "campaign_id": campaign, "speaker_id": walk_in, "earlier": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, moved) = app.call_json(&staff, "conference/speakers", &body).await;
    let order = names(&moved);
    assert_eq!(order[order.len() - 2], "Bà Lê Thị Hoa");
    let first = moved["speakers"][0]["id"].clone();
    let (status, _) = app
        .call_json(
            &staff,
            "conference/move",
            &json!({ "campaign_id": campaign, "speaker_id": first, "earlier": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, same) = app.call_json(&staff, "conference/speakers", &body).await;
    assert_eq!(names(&same), order, "the first stays first");
    let trail: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from audit_log where action in ('speakers_taken', 'walk_in')",
    )
    .expect("audit");
    assert_eq!(trail, 3, "two takes and a walk-in");
}

async fn only_those_who_may_read_names_are_offered_the_list(backend: Backend) {
    let app = spawn_app_on(backend).await;
    for (user, offered) in [("vanphong", true), ("chutich", true), ("mttq", false)] {
        let c = app.client_for(user).await;
        let (status, html) = app.page(&c, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Tiếp nhận ý kiến"), "{user} sees the intake");
        assert_eq!(html.contains("/phat-bieu"), offered, "{user}");
    }
}

on_both!(
    only_those_who_may_read_names_are_offered_the_list,
    the_speakers_list_is_for_staff_and_the_chair,
    registrations_are_taken_once_walk_ins_join_and_the_order_is_kept,
);
