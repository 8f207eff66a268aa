//! Campaign planning over real HTTP, on both databases: who may plan, another commune sees
//! nothing, the stages move one at a time with their preconditions and audit entries, and a
//! closed collection (by hand or by its deadline) refuses late forms with the reason.

mod common;

use chrono::{Duration, NaiveDate, Utc};
use common::{Backend, TestApp, client, spawn_app_on};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use app::api::{FormSubmission, OpinionEntry, ReferenceData, Respondent, SyncResponse};
use app::domain::campaign::CampaignStage;
use app::domain::ids::{FormId, OpinionId};
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use app::domain::today_in_vietnam;

fn today() -> NaiveDate {
    today_in_vietnam(Utc::now())
}

async fn choices(app: &TestApp, staff: &Client) -> Value {
    let (status, sheet) = app
        .call_json(staff, "plan/form", &json!({ "campaign_id": null }))
        .await;
    assert_eq!(status, StatusCode::OK, "{sheet}");
    sheet["choices"].clone()
}

fn plan(choices: &Value, title: &str, collection: NaiveDate) -> Value {
    let ids = |key: &str| -> Vec<Value> {
        choices[key]
            .as_array()
            .map(|v| v.iter().map(|c| c["id"].clone()).collect())
            .unwrap_or_default()
    };
    json!({
        "title": title,
        "kind": "Thematic",
        "chair_ids": ids("chairs"),
        "group_ids": [],
        "whole_commune": true,
        "topic_ids": ids("topics"),
        "collection_deadline": collection,
        "answers_deadline": collection + Duration::days(5),
        "report_deadline": collection + Duration::days(7),
        "conference_date": collection + Duration::days(10),
        "conference_place": "Hội trường UBND xã",
        "rules": { "conclusion_days": 10, "conclusion_max_days": 15, "report_back_days": 7 },
    })
}

async fn save(
    app: &TestApp,
    staff: &Client,
    id: Option<&Value>,
    plan: &Value,
) -> (StatusCode, Value) {
    app.call_json(
        staff,
        "plan/save",
        &json!({ "campaign_id": id, "plan": plan }),
    )
    .await
}

/// Moves a campaign between stages given by their storage codes.
async fn step(
    app: &TestApp,
    staff: &Client,
    id: &Value,
    from: &str,
    to: &str,
) -> (StatusCode, Value) {
    let wire = |code: &str| {
        serde_json::to_value(CampaignStage::parse(code).expect("stage code")).expect("json")
    };
    app.call_json(
        staff,
        "plan/stage",
        &json!({ "campaign_id": id, "from": wire(from), "to": wire(to) }),
    )
    .await
}

async fn reference(app: &TestApp, collector: &Client) -> ReferenceData {
    let response = collector
        .get(format!("{}/api/v1/collect/reference", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("reference json")
}

fn form_for(data: &ReferenceData, campaign: Uuid, text: &str) -> FormSubmission {
    let campaign = data
        .campaigns
        .iter()
        .find(|c| c.id.uuid() == campaign)
        .expect("campaign in the reference data");
    let id = FormId::new();
    FormSubmission {
        id,
        revision: 1,
        campaign_id: campaign.id,
        group_id: campaign.groups[0].id,
        receipt_code: ReceiptCode::from_bits(id.uuid().as_u128() as u64)
            .as_str()
            .to_owned(),
        respondent: Respondent {
            name: None,
            anonymous: true,
            household: None,
            phone: None,
            kind: RespondentKind::Resident,
        },
        opinions: vec![OpinionEntry {
            id: OpinionId::new(),
            topic_id: campaign.topics[0].id,
            text: text.into(),
        }],
        proposal: None,
        wants_to_speak: false,
        consent: true,
        consent_version: None,
        filled_at: Utc::now(),
    }
}

async fn send(app: &TestApp, collector: &Client, form: &FormSubmission) -> Value {
    let response = collector
        .post(format!("{}/api/v1/sync/forms", app.base))
        .json(&json!({ "forms": [form] }))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::OK);
    let body: SyncResponse = response.json().await.expect("json");
    serde_json::to_value(&body.results[0].outcome).expect("outcome")
}

async fn planning_is_for_staff_and_the_chair_of_the_commune(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let sheet_choices = choices(&app, &staff).await;
    let draft = plan(
        &sheet_choices,
        "Đối thoại chuyên đề về môi trường",
        today() + Duration::days(10),
    );
    let campaign = app.campaign("dinh_ky").await;
    for user in ["mttq", "kinhte", "anson", "admin", "kinhmon"] {
        let c = app.client_for(user).await;
        let (status, reply) = save(&app, &c, None, &draft).await;
        let expected = if user == "kinhmon" {
            // staff of another commune may plan their own, not with this commune's topics
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "{user} → plan/save: {reply}");
        let (status, _) = step(&app, &c, &json!(campaign), "collecting", "answering").await;
        let expected = if user == "kinhmon" {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "{user} → plan/stage");
        let (status, _) = app
            .call_json(&c, "plan/form", &json!({ "campaign_id": campaign }))
            .await;
        let expected = match user {
            "mttq" => StatusCode::OK,
            "kinhmon" => StatusCode::NOT_FOUND,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{user} → plan/form");
    }
    let (status, _) = app.call_json(&client(), "plan/list", &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let chair = app.client_for("chutich").await;
    let (status, id) = save(&app, &chair, None, &draft).await;
    assert_eq!(status, StatusCode::OK, "the chair plans too: {id}");
    let (status, list) = app.call_json(&staff, "plan/list", &json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().map(Vec::len), Some(4));
    assert_eq!(list[0]["stage"], "Planning");
    let stage: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select stage from campaigns where id = ?",
        campaign
    )
    .expect("stage");
    assert_eq!(stage, "collecting", "nobody else moved the demo campaign");
}

async fn a_campaign_moves_through_its_stages_and_closing_collection_refuses_late_forms(
    backend: Backend,
) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let sheet_choices = choices(&app, &staff).await;
    let mut draft = plan(
        &sheet_choices,
        "Đối thoại định kỳ cuối năm 2026",
        today() + Duration::days(10),
    );
    let mut untitled = draft.clone();
    untitled["title"] = json!("  ");
    let (status, reply) = save(&app, &staff, None, &untitled).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    let mut backwards = draft.clone();
    backwards["conference_date"] = json!(today());
    let (status, reply) = save(&app, &staff, None, &backwards).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");

    draft["whole_commune"] = json!(false);
    draft["group_ids"] = json!([]);
    let (status, id) = save(&app, &staff, None, &draft).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let campaign = Uuid::parse_str(id.as_str().expect("id")).expect("uuid");

    // Planning: collectors do not see it; collection cannot open without groups.
    let anson = app.client_for("anson").await;
    assert!(
        reference(&app, &anson)
            .await
            .campaigns
            .iter()
            .all(|c| c.id.uuid() != campaign)
    );
    let (status, reply) = step(&app, &staff, &id, "planning", "collecting").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("thôn, tổ dân phố"), "{reply}");
    let (status, _) = step(&app, &staff, &id, "planning", "answering").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no skipping a stage"
    );

    draft["whole_commune"] = json!(true);
    let (status, _) = save(&app, &staff, Some(&id), &draft).await;
    assert_eq!(status, StatusCode::OK);
    let (status, sheet) = app
        .call_json(&staff, "plan/form", &json!({ "campaign_id": id }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        sheet["campaign"]["plan"]["group_ids"]
            .as_array()
            .map(Vec::len),
        Some(6)
    );
    assert_eq!(sheet["campaign"]["plan"]["whole_commune"], true);
    assert_eq!(sheet["can_edit"], true);

    let (status, reply) = step(&app, &staff, &id, "planning", "collecting").await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let (status, reply) = step(&app, &staff, &id, "planning", "collecting").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a stale screen: {reply}"
    );
    assert!(reply.to_string().contains("người khác"), "{reply}");

    // Collecting: the collector sees it and sends a form.
    let data = reference(&app, &anson).await;
    let first = form_for(
        &data,
        campaign,
        "Đề nghị nạo vét kênh tưới tiêu thôn An Sơn.",
    );
    assert_eq!(send(&app, &anson, &first).await["status"], "accepted");

    // Topics and groups can be added but never dropped once forms may name them.
    let mut fewer = draft.clone();
    fewer["topic_ids"] = json!([draft["topic_ids"][0]]);
    let (status, reply) = save(&app, &staff, Some(&id), &fewer).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");

    // A thôn deactivated during collection stays in the campaign: its forms name it.
    let admin = app.client_for("admin").await;
    let commune: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select commune_id from campaigns where id = ?",
        campaign
    )
    .expect("commune");
    let (status, _) = app
        .call_json(
            &admin,
            "admin/group/active",
            &json!({ "commune_id": commune, "group_id": data.campaigns.iter()
                .find(|c| c.id.uuid() == campaign).expect("c").groups[0].id, "active": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, reply) = save(&app, &staff, Some(&id), &draft).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let targets: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from campaign_groups where campaign_id = ?",
        campaign
    )
    .expect("targets");
    assert_eq!(targets, 6, "the deactivated thôn is still a target");

    // The deadline passes: a form filled after it is refused although nobody pressed a button.
    let mut passed = draft.clone();
    passed["collection_deadline"] = json!(today() - Duration::days(1));
    let (status, reply) = save(&app, &staff, Some(&id), &passed).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let late = form_for(&data, campaign, "Phiếu điền sau hạn thu phiếu.");
    let outcome = send(&app, &anson, &late).await;
    assert_eq!(outcome["status"], "rejected", "{outcome}");
    assert!(
        outcome["reason"]
            .as_str()
            .is_some_and(|r| r.contains("hết hạn thu phiếu")),
        "{outcome}"
    );
    let (status, _) = save(&app, &staff, Some(&id), &draft).await;
    assert_eq!(status, StatusCode::OK);

    // Closing collection by hand: the next form is refused, the collector no longer sees it.
    let (status, reply) = step(&app, &staff, &id, "collecting", "answering").await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let after = form_for(&data, campaign, "Phiếu gửi sau khi kết thúc thu phiếu.");
    let outcome = send(&app, &anson, &after).await;
    assert_eq!(outcome["status"], "rejected");
    assert!(
        outcome["reason"]
            .as_str()
            .is_some_and(|r| r.contains("không còn nhận phiếu")),
        "{outcome}"
    );
    assert!(
        reference(&app, &anson)
            .await
            .campaigns
            .iter()
            .all(|c| c.id.uuid() != campaign)
    );
    assert_eq!(
        send(&app, &anson, &first).await["status"],
        "already_had",
        "a replay is harmless"
    );

    // The conference must have happened before it is recorded as held.
    let (status, reply) = step(&app, &staff, &id, "answering", "conference").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("hội nghị"), "{reply}");
    // Reopening collection is allowed while answers are prepared.
    let (status, _) = step(&app, &staff, &id, "answering", "collecting").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = step(&app, &staff, &id, "collecting", "answering").await;
    assert_eq!(status, StatusCode::OK);
    let mut held = draft.clone();
    held["collection_deadline"] = json!(today() - Duration::days(10));
    held["answers_deadline"] = json!(today() - Duration::days(5));
    held["report_deadline"] = json!(today() - Duration::days(3));
    held["conference_date"] = json!(today());
    let (status, reply) = save(&app, &staff, Some(&id), &held).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let (status, reply) = step(&app, &staff, &id, "answering", "conference").await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    // Concluding needs the issued conclusion notice.
    let (status, reply) = step(&app, &staff, &id, "conference", "concluded").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    assert!(reply.to_string().contains("chưa được ban hành"), "{reply}");
    let chair = app.client_for("chutich").await;
    let draft_notice = json!({ "opening": "Hội nghị đối thoại đã diễn ra.", "recipients": "- Lưu: VT.",
                               "complex": false, "items": [] });
    for (client, endpoint, body) in [
        (
            &staff,
            "conclusion/save",
            json!({ "campaign_id": id, "version": 0, "draft": draft_notice }),
        ),
        (
            &chair,
            "conclusion/approve",
            json!({ "campaign_id": id, "version": 1 }),
        ),
        (
            &chair,
            "conclusion/issue",
            json!({ "campaign_id": id, "version": 1,
                                             "number": "01/TB-UBND", "issued_on": today() }),
        ),
    ] {
        let (status, reply) = app.call_json(client, endpoint, &body).await;
        assert_eq!(status, StatusCode::OK, "{endpoint}: {reply}");
    }
    for (from, to) in [
        ("conference", "concluded"),
        ("concluded", "following_up"),
        ("following_up", "closed"),
    ] {
        let (status, reply) = step(&app, &staff, &id, from, to).await;
        assert_eq!(status, StatusCode::OK, "{from} → {to}: {reply}");
    }
    let (status, reply) = save(&app, &staff, Some(&id), &held).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a closed campaign is not replanned: {reply}"
    );

    // Every move is in the audit log with who made it and the stages before and after.
    let moves: Vec<(String, String)> = db!(
        app,
        fetch_all,
        query_as::<_, (String, String)>,
        "select coalesce(before_json, ''), coalesce(after_json, '') from audit_log
          where entity = 'campaign' and entity_id = ? and action = 'stage' order by id",
        campaign.to_string()
    )
    .expect("audit");
    assert_eq!(moves.len(), 8, "{moves:?}");
    assert!(moves[0].0.contains("planning") && moves[0].1.contains("collecting"));
    assert!(moves[7].0.contains("following_up") && moves[7].1.contains("closed"));
    let plans: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from audit_log where entity = 'campaign' and entity_id = ?
            and action in ('created', 'planned')",
        campaign.to_string()
    )
    .expect("plan audit");
    assert!(plans >= 5, "{plans}");
}

async fn closing_a_campaign_waits_for_its_open_assignments(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    // The demo's chuyên đề campaign has open assignments.
    let campaign = app.campaign("chuyen_de").await;
    db!(
        app,
        execute,
        query,
        "update campaigns set stage = 'following_up' where id = ?",
        campaign
    )
    .expect("stage");
    let (status, reply) = step(&app, &staff, &json!(campaign), "following_up", "closed").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    assert!(reply.to_string().contains("chưa hoàn thành"), "{reply}");
}

async fn the_plan_says_when_the_conclusion_notice_is_due(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let sheet_choices = choices(&app, &staff).await;
    let mut draft = plan(
        &sheet_choices,
        "Đối thoại trước Tết Bính Ngọ",
        NaiveDate::from_ymd_opt(2026, 2, 2).expect("date"),
    );
    // A conference on the Friday before Tết: the holiday does not count.
    draft["conference_date"] = json!("2026-02-13");
    let (status, id) = save(&app, &staff, None, &draft).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let (status, sheet) = app
        .call_json(&staff, "plan/form", &json!({ "campaign_id": id }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sheet["notice_due"]["ordinary"], "2026-03-06", "{sheet}");
    assert_eq!(sheet["notice_due"]["complex"], "2026-03-13");
    draft["rules"]["conclusion_days"] = json!(12);
    let (status, _) = save(&app, &staff, Some(&id), &draft).await;
    assert_eq!(status, StatusCode::OK);
    let (_, sheet) = app
        .call_json(&staff, "plan/form", &json!({ "campaign_id": id }))
        .await;
    assert_eq!(
        sheet["notice_due"]["ordinary"], "2026-03-10",
        "the campaign's own rule"
    );
}

on_both!(
    the_plan_says_when_the_conclusion_notice_is_due,
    planning_is_for_staff_and_the_chair_of_the_commune,
    a_campaign_moves_through_its_stages_and_closing_collection_refuses_late_forms,
    closing_a_campaign_waits_for_its_open_assignments,
);
