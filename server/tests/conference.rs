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

async fn the_conference_record_is_for_staff_and_the_chair(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("dinh_ky").await;
    let record = json!({ "held_on": "2026-01-05", "place": "Nhà văn hóa", "chairs": "Chủ tịch",
                         "secretary": "Thư ký", "summary": "", "delegations": [] });
    for user in ["mttq", "kinhte", "anson", "admin"] {
        let c = app.client_for(user).await;
        for (endpoint, body) in [
            ("conference/record", json!({ "campaign_id": campaign })),
            (
                "conference/save_record",
                json!({ "campaign_id": campaign, "record": record }),
            ),
        ] {
            let (status, _) = app.call_json(&c, endpoint, &body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{user} → {endpoint}");
        }
        let (status, _) = app
            .download(&c, &format!("/api/v1/campaigns/{campaign}/minutes.docx"))
            .await;
        assert!(
            status == StatusCode::FORBIDDEN,
            "{user} → minutes: {status}"
        );
        let speaker = Uuid::now_v7();
        for (endpoint, body) in [
            (
                "conference/note",
                json!({ "campaign_id": campaign, "note": { "speaker_id": speaker, "spoke": true,
                        "raised": "x", "answered_on_spot": "", "answered_by": "" } }),
            ),
            (
                "conference/raise",
                json!({ "campaign_id": campaign, "opinion": { "speaker_id": null,
                        "group_id": speaker, "topic_id": speaker, "body": "x" } }),
            ),
        ] {
            let (status, _) = app.call_json(&c, endpoint, &body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{user} → {endpoint}");
        }
    }
    let other = app.client_for("kinhmon").await;
    let (status, _) = app
        .call_json(
            &other,
            "conference/save_record",
            &json!({ "campaign_id": campaign, "record": record }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another commune");
    let written: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from conference_records"
    )
    .expect("count");
    assert_eq!(written, 0);
}

async fn the_secretary_records_the_conference_and_a_new_opinion_joins_the_intake(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("dinh_ky").await;
    let staff = app.client_for("vanphong").await;
    let body = json!({ "campaign_id": campaign });
    let (status, _) = app.call_json(&staff, "conference/take", &body).await;
    assert_eq!(status, StatusCode::OK);
    let held = app::domain::today_in_vietnam(chrono::Utc::now()) - chrono::Duration::days(1);
    let record = json!({
        "held_on": held, "place": "Nhà văn hóa thôn An Sơn",
        "chairs": "Đồng chí Trần Văn Khải, Chủ tịch UBND xã", "secretary": "Nguyễn Thị Hạnh",
        "summary": "Chủ tịch UBND xã tiếp thu, giao các phòng giải quyết.",
        "delegations": [
            { "level": "Commune", "name": "Thường trực Đảng ủy, HĐND, UBND xã", "attendees": 6 },
            { "level": "Group", "name": "", "attendees": 0 },
            { "level": "Group", "name": "Nhân dân thôn An Sơn, thôn An Lâu", "attendees": 140 }
        ]
    });
    let (status, reply) = app
        .call_json(
            &staff,
            "conference/save_record",
            &json!({ "campaign_id": campaign, "record": record }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let date: Option<chrono::NaiveDate> = db!(
        app,
        fetch_one,
        query_scalar,
        "select conference_date from campaigns where id = ?",
        campaign
    )
    .expect("date");
    assert_eq!(date, Some(held), "the campaign's date follows the record");
    let mut tomorrow = record.clone();
    tomorrow["held_on"] = json!(held + chrono::Duration::days(2));
    let (status, _) = app
        .call_json(
            &staff,
            "conference/save_record",
            &json!({ "campaign_id": campaign, "record": tomorrow }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not held in the future"
    );

    let (_, sheet) = app.call_json(&staff, "conference/record", &body).await;
    assert_eq!(
        sheet["record"]["delegations"].as_array().map(Vec::len),
        Some(2),
        "{sheet}"
    );
    let speaker = sheet["speakers"][0]["id"].clone();
    let speaker_name = sheet["speakers"][0]["name"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    let note = |answered_by: &str| {
        json!({ "campaign_id": campaign, "note": {
            "speaker_id": speaker, "spoke": true, "raised": "Đường trục thôn xuống cấp.",
            "answered_on_spot": "Xã đưa vào kế hoạch sửa chữa quý I.", "answered_by": answered_by } })
    };
    let (status, _) = app.call_json(&staff, "conference/note", &note("")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an answer names who gave it"
    );
    let (status, _) = app
        .call_json(&staff, "conference/note", &note("Chủ tịch UBND xã"))
        .await;
    assert_eq!(status, StatusCode::OK);

    let group = sheet["groups"][0]["id"].clone();
    let topic = sheet["topics"][0]["id"].clone();
    let raised = "Đề nghị lắp đèn chiếu sáng đoạn dốc cầu Máng, tối rất nguy hiểm";
    let raise = |group: &Value, topic: &Value| {
        json!({ "campaign_id": campaign, "opinion": {
            "speaker_id": speaker, "group_id": group, "topic_id": topic, "body": raised } })
    };
    let outside_topic: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select t.id from topics t join communes c on c.id = t.commune_id
          where c.slug = 'kinh-mon' limit 1",
    )
    .expect("another commune's topic");
    let (status, _) = app
        .call_json(
            &staff,
            "conference/raise",
            &raise(&group, &json!(outside_topic)),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a topic outside the campaign"
    );
    let cells_before: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select cast(coalesce(sum(opinions), 0) as bigint) from pivot_cells where campaign_id = ?",
        campaign
    )
    .expect("pivot");
    let (status, id) = app
        .call_json(&staff, "conference/raise", &raise(&group, &topic))
        .await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let (source, form, state): (String, Option<Uuid>, String) = db!(
        app,
        fetch_one,
        query_as::<_, (String, Option<Uuid>, String)>,
        "select source, form_id, status from opinions where id = ?",
        Uuid::parse_str(id.as_str().unwrap_or_default()).expect("uuid")
    )
    .expect("opinion");
    assert_eq!(
        (source.as_str(), form, state.as_str()),
        ("conference", None, "new")
    );
    let cells_after: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select cast(coalesce(sum(opinions), 0) as bigint) from pivot_cells where campaign_id = ?",
        campaign
    )
    .expect("pivot");
    assert_eq!(cells_after, cells_before + 1, "the pivot counts it");
    let (status, page) = app
        .call_json(
            &staff,
            "desk/intake",
            &json!({ "campaign_id": campaign, "page": 0, "filter": {
                "group_id": null, "topic_id": null, "state": null, "urgency": null, "kind": null,
                "text": "den chieu sang doan doc cau mang" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        page["total"], 1,
        "found in the intake without diacritics: {page}"
    );

    // The minutes, parsed back.
    let (status, bytes) = app
        .download(
            &staff,
            &format!("/api/v1/campaigns/{campaign}/minutes.docx"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = common::docx_text(&bytes);
    for expected in [
        "BIÊN BẢN",
        "Nhà văn hóa thôn An Sơn",
        "Cấp xã, phường: Thường trực Đảng ủy, HĐND, UBND xã (6 người)",
        "146 người",
        speaker_name.as_str(),
        "Xã đưa vào kế hoạch sửa chữa quý I.",
        "Chủ tịch UBND xã",
        raised,
        "Kết luận của chủ trì hội nghị",
        "THƯ KÝ",
        "Nguyễn Thị Hạnh",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the minutes"
        );
    }
    let trail: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select action from audit_log where entity = 'conference' order by id",
    )
    .expect("audit");
    assert_eq!(trail, ["record", "speaker_note", "raised"]);
}

on_both!(
    the_conference_record_is_for_staff_and_the_chair,
    the_secretary_records_the_conference_and_a_new_opinion_joins_the_intake,
    only_those_who_may_read_names_are_offered_the_list,
    the_speakers_list_is_for_staff_and_the_chair,
    registrations_are_taken_once_walk_ins_join_and_the_order_is_kept,
);
