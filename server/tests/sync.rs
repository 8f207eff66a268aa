//! The offline sync API over real HTTP: exactly once, per-form results, scope, limits.

mod common;

use common::{Backend, TestApp, client, spawn_app_on};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use app::api::{
    FormSubmission, MAX_SYNC_BODY_BYTES, OpinionEntry, ReferenceData, Respondent, SyncResponse,
};
use app::domain::ids::{FormId, OpinionId};
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use uuid::Uuid;

async fn reference(app: &TestApp, client: &Client) -> ReferenceData {
    let response = client
        .get(format!("{}/api/v1/collect/reference", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("reference json")
}

fn new_form(reference: &ReferenceData, text: &str) -> FormSubmission {
    let campaign = &reference.campaigns[0];
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
            name: Some("Nguyễn Thị Mai".into()),
            anonymous: false,
            household: Some("Số 5, xóm 2".into()),
            phone: None,
            kind: RespondentKind::Resident,
        },
        opinions: vec![OpinionEntry {
            id: OpinionId::new(),
            topic_id: campaign.topics[0].id,
            text: text.into(),
        }],
        proposal: Some("Đề nghị xã sớm khắc phục.".into()),
        wants_to_speak: true,
        consent: true,
        consent_version: None,
        filled_at: chrono::Utc::now(),
    }
}

async fn send(app: &TestApp, client: &Client, forms: &[FormSubmission]) -> SyncResponse {
    post_batch(app.base.clone(), client.clone(), forms.to_vec()).await
}

async fn post_batch(base: String, client: Client, forms: Vec<FormSubmission>) -> SyncResponse {
    let response = client
        .post(format!("{base}/api/v1/sync/forms"))
        .json(&json!({ "forms": forms }))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("sync json")
}

async fn stored_forms(app: &TestApp, ids: &[FormId]) -> i64 {
    let mut n = 0;
    for id in ids {
        let c: i64 = db!(
            app,
            fetch_one,
            query_scalar,
            "select count(*) from forms where id = ?",
            id
        )
        .expect("count");
        n += c;
    }
    n
}

fn statuses(response: &SyncResponse) -> Vec<String> {
    response
        .results
        .iter()
        .map(|r| {
            serde_json::to_value(&r.outcome).expect("json")["status"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

async fn replaying_the_same_batch_stores_each_form_once(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let batch: Vec<_> = (0..10)
        .map(|i| new_form(&reference, &format!("Ý kiến số {i} về đường làng")))
        .collect();
    let ids: Vec<FormId> = batch.iter().map(|f| f.id).collect();

    let first = send(&app, &anson, &batch).await;
    assert_eq!(statuses(&first), vec!["accepted"; 10]);
    for _ in 0..4 {
        let again = send(&app, &anson, &batch).await;
        assert_eq!(statuses(&again), vec!["already_had"; 10]);
    }
    assert_eq!(stored_forms(&app, &ids).await, 10);
    let opinions: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions where body like 'Ý kiến số %'"
    )
    .expect("count");
    assert_eq!(opinions, 10);
}

async fn concurrent_copies_of_a_batch_are_stored_once(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let batch: Vec<_> = (0..5)
        .map(|i| new_form(&reference, &format!("Song song {i}")))
        .collect();
    let ids: Vec<FormId> = batch.iter().map(|f| f.id).collect();
    let sends: Vec<_> = (0..4)
        .map(|_| tokio::spawn(post_batch(app.base.clone(), anson.clone(), batch.clone())))
        .collect();
    let mut responses = Vec::new();
    for handle in sends {
        responses.push(handle.await.expect("task"));
    }
    let accepted: usize = responses
        .iter()
        .map(|r| statuses(r).iter().filter(|s| *s == "accepted").count())
        .sum();
    assert_eq!(
        accepted, 5,
        "each form accepted exactly once across the copies"
    );
    assert_eq!(stored_forms(&app, &ids).await, 5);
}

async fn a_bad_form_does_not_block_the_good_ones(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let good: Vec<_> = (0..3)
        .map(|i| new_form(&reference, &format!("Tốt {i}")))
        .collect();
    let mut empty = new_form(&reference, "   ");
    empty.opinions[0].text = " ".into();
    let mut no_consent = new_form(&reference, "Không đồng ý ghi tên");
    no_consent.consent = false;
    let batch = vec![
        good[0].clone(),
        empty,
        good[1].clone(),
        no_consent,
        good[2].clone(),
    ];
    let response = send(&app, &anson, &batch).await;
    assert_eq!(
        statuses(&response),
        ["accepted", "rejected", "accepted", "rejected", "accepted"]
    );
    let reason =
        serde_json::to_value(&response.results[3].outcome).expect("json")["reason"].clone();
    assert!(
        reason.as_str().expect("reason").contains("đồng ý"),
        "{reason}"
    );
    assert_eq!(
        stored_forms(&app, &good.iter().map(|f| f.id).collect::<Vec<_>>()).await,
        3
    );
    assert_eq!(stored_forms(&app, &[batch[1].id, batch[3].id]).await, 0);
}

async fn control_characters_and_future_dates_are_refused_with_a_reason(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let good = new_form(&reference, "Mương thoát nước xóm 2 bị lấp");
    // A NUL cannot even be stored by PostgreSQL: without the check this was a 500 there.
    let nul = new_form(&reference, "Đường làng\u{0} xuống cấp");
    let mut future = new_form(&reference, "Cầu tràn bị sạt lở");
    future.filled_at = chrono::DateTime::parse_from_rfc3339("9999-01-01T00:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    let batch = vec![nul, good.clone(), future];
    let response = send(&app, &anson, &batch).await;
    assert_eq!(statuses(&response), ["rejected", "accepted", "rejected"]);
    let reason = |i: usize| {
        serde_json::to_value(&response.results[i].outcome).expect("json")["reason"]
            .as_str()
            .expect("reason")
            .to_owned()
    };
    assert!(reason(0).contains("ký tự điều khiển"), "{}", reason(0));
    assert!(reason(2).contains("01/01/9999"), "{}", reason(2));
    assert_eq!(stored_forms(&app, &[batch[0].id, batch[2].id]).await, 0);
    assert_eq!(stored_forms(&app, &[good.id]).await, 1);

    // A phone whose clock went back a year: dated before the campaign was even created.
    let mut past = new_form(&reference, "Trạm y tế thiếu thuốc");
    past.filled_at = chrono::Utc::now() - chrono::Duration::days(400);
    let response = send(&app, &anson, std::slice::from_ref(&past)).await;
    assert_eq!(statuses(&response), ["rejected"]);
    let reason = serde_json::to_value(&response.results[0].outcome).expect("json")["reason"]
        .as_str()
        .expect("reason")
        .to_owned();
    assert!(
        reason.contains("ngày giờ trên điện thoại bị sai"),
        "{reason}"
    );
    assert_eq!(stored_forms(&app, &[past.id]).await, 0);
}

async fn a_batch_is_judged_in_order_as_if_sent_one_by_one(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let first = new_form(&reference, "Cống ngõ 4 bị vỡ");
    let mut second = first.clone();
    second.revision = 2;
    second.opinions[0].text = "Cống ngõ 4 bị vỡ, nước tràn vào nhà dân".into();
    let mut other = new_form(&reference, "Thiếu đèn đường");
    other.receipt_code = first.receipt_code.clone();
    let batch = [first.clone(), first.clone(), second.clone(), other.clone()];
    let response = send(&app, &anson, &batch).await;
    assert_eq!(
        statuses(&response),
        ["accepted", "already_had", "accepted", "rejected"],
        "a copy in the same batch sees the one before it"
    );
    let (text, revision): (String, i64) = db!(
        app,
        fetch_one,
        query_as,
        "select o.body, f.revision from opinions o join forms f on f.id = o.form_id where f.id = ?",
        first.id
    )
    .expect("form");
    assert_eq!(
        (text.as_str(), revision),
        ("Cống ngõ 4 bị vỡ, nước tràn vào nhà dân", 2)
    );
    assert_eq!(stored_forms(&app, &[other.id]).await, 0);
}

async fn receipt_codes_are_stored_in_one_spelling(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let mut typed = new_form(&reference, "Đèn đường thôn hỏng");
    typed.receipt_code = " hk7m 9pqr".into();
    let mut same_code = new_form(&reference, "Một ý kiến khác");
    same_code.receipt_code = "HK7M-9PQR".into();
    let response = send(&app, &anson, &[typed.clone(), same_code.clone()]).await;
    assert_eq!(statuses(&response), ["accepted", "rejected"]);
    let stored: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select receipt_code from forms where id = ?",
        typed.id
    )
    .expect("code");
    assert_eq!(stored, "HK7M-9PQR");
    assert_eq!(stored_forms(&app, &[same_code.id]).await, 0);
}

async fn a_revision_cannot_move_a_form_into_another_campaign(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let answering = app.campaign("chuyen_de").await;
    // One of anson's forms in the campaign whose answers are being prepared.
    let (form_id, code, opinion_id, body): (Uuid, String, Uuid, String) = db!(
        app,
        fetch_one,
        query_as,
        "select f.id, f.receipt_code, o.id, o.body from forms f
           join opinions o on o.form_id = f.id
           join users u on u.id = f.collector_id
          where u.username = 'anson' and f.campaign_id = ?
          order by f.id, o.position limit 1",
        answering
    )
    .expect("a form of anson in the answering campaign");
    // A "revision" naming the campaign still collecting, which accepts anson's group and topic.
    let mut moved = new_form(&reference, "Nội dung bị thay bằng bản sửa");
    moved.id = FormId::from_uuid(form_id);
    moved.revision = 2;
    moved.receipt_code = code;
    moved.opinions[0].id = OpinionId::from_uuid(opinion_id);
    let response = send(&app, &anson, std::slice::from_ref(&moved)).await;
    assert_eq!(statuses(&response), ["rejected"]);
    let reason = serde_json::to_value(&response.results[0].outcome).expect("json")["reason"]
        .as_str()
        .expect("reason")
        .to_owned();
    assert!(reason.contains("đợt đối thoại khác"), "{reason}");
    let (kept, campaign): (String, Uuid) = db!(
        app,
        fetch_one,
        query_as,
        "select body, campaign_id from opinions where id = ?",
        opinion_id
    )
    .expect("opinion");
    assert_eq!(
        (kept, campaign),
        (body, answering),
        "the stored opinion is untouched"
    );
}

async fn a_collector_cannot_submit_for_another_group(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let anlau = app.client_for("anlau").await;
    let reference_anson = reference(&app, &anson).await;
    let reference_anlau = reference(&app, &anlau).await;
    // anlau's group (An Lâu) is in the same campaign, but anson does not collect there.
    let mut form = new_form(&reference_anson, "Thu hộ thôn khác");
    form.group_id = reference_anlau.campaigns[0].groups[0].id;
    let response = send(&app, &anson, std::slice::from_ref(&form)).await;
    assert_eq!(statuses(&response), ["rejected"]);
    assert_eq!(stored_forms(&app, &[form.id]).await, 0);
}

async fn other_content_under_the_same_id_is_a_conflict_kept_for_review(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let original = new_form(&reference, "Nội dung gốc");
    send(&app, &anson, std::slice::from_ref(&original)).await;
    let mut changed = original.clone();
    changed.opinions[0].text = "Nội dung khác".into();
    for _ in 0..2 {
        assert_eq!(
            statuses(&send(&app, &anson, &[changed.clone()]).await),
            ["conflict"]
        );
    }
    let body: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select body from opinions where form_id = ?",
        original.id
    )
    .expect("opinion");
    assert_eq!(body, "Nội dung gốc", "never a silent overwrite");
    let conflicts: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from form_conflicts where form_id = ?",
        original.id
    )
    .expect("conflicts");
    assert_eq!(conflicts, 1);
}

async fn revisions_apply_in_order_and_stale_ones_are_reported(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let first = new_form(&reference, "Bản đầu");
    send(&app, &anson, std::slice::from_ref(&first)).await;
    let mut second = first.clone();
    second.revision = 2;
    second.opinions[0].text = "Bản sửa".into();
    assert_eq!(
        statuses(&send(&app, &anson, &[second.clone()]).await),
        ["accepted"]
    );
    let stale = send(&app, &anson, std::slice::from_ref(&first)).await;
    assert_eq!(
        serde_json::to_value(&stale.results[0].outcome).expect("json"),
        json!({"status": "stale", "current_revision": 2})
    );
    let (body, revised): (String, Option<chrono::DateTime<chrono::Utc>>) = db!(app, fetch_one, query_as, "select o.body, f.revised_at from opinions o join forms f on f.id = o.form_id where f.id = ?", first.id)
    .expect("row");
    assert_eq!(body, "Bản sửa");
    assert!(revised.is_some(), "staff see the form flagged as revised");
}

async fn decomposed_text_is_stored_in_nfc(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let reference = reference(&app, &anson).await;
    let form = new_form(&reference, "Đu\u{031b}o\u{031b}\u{0300}ng la\u{0300}ng");
    send(&app, &anson, std::slice::from_ref(&form)).await;
    let body: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select body from opinions where form_id = ?",
        form.id
    )
    .expect("opinion");
    assert_eq!(body.as_bytes(), "Đường làng".as_bytes());
}

async fn raw(app: &TestApp, client: &Client, body: Vec<u8>) -> (StatusCode, Value) {
    let response = client
        .post(format!("{}/api/v1/sync/forms", app.base))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("post");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn oversize_and_malformed_bodies_get_clear_errors(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anson = app.client_for("anson").await;
    let (status, body) = raw(&app, &anson, vec![b' '; MAX_SYNC_BODY_BYTES + 1]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "payload_too_large");
    let (status, body) = raw(&app, &anson, b"{\"forms\": [".to_vec()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "malformed_json");
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .contains("không đọc được")
    );
    let (status, body) = raw(&app, &anson, b"{\"forms\": [{\"id\": 5}]}".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_body");
}

async fn only_collectors_and_staff_typing_paper_forms_may_sync(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let (status, body) = raw(&app, &client(), b"{\"forms\": []}".to_vec()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");
    for user in ["mttq", "chutich", "kinhte", "admin"] {
        let other = app.client_for(user).await;
        let (status, _) = raw(&app, &other, b"{\"forms\": []}".to_vec()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}");
    }
    let staff = app.client_for("vanphong").await;
    let (status, _) = raw(&app, &staff, b"{\"forms\": []}".to_vec()).await;
    assert_eq!(status, StatusCode::OK);
}

/// Phiếu giấy: staff type in a paper form at the office for any group of an open campaign;
/// the form is recorded as entered by them, and groups of other campaigns stay closed.
async fn staff_type_in_paper_forms_for_every_group_of_open_campaigns(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let data = reference(&app, &staff).await;
    assert_eq!(data.campaigns.len(), 1, "the collecting campaign");
    let groups: Vec<&str> = data.campaigns[0]
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(
        groups,
        ["Thôn An Sơn", "Thôn An Lâu"],
        "every group of the campaign"
    );
    let mut paper = new_form(&data, "Phiếu giấy: đề nghị lắp đèn đường thôn An Lâu.");
    paper.group_id = data.campaigns[0].groups[1].id;
    let response = send(&app, &staff, std::slice::from_ref(&paper)).await;
    assert_eq!(statuses(&response), ["accepted"]);
    let entered_by: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select u.username from forms f join users u on u.id = f.collector_id where f.id = ?",
        paper.id
    )
    .expect("stored form");
    assert_eq!(entered_by, "vanphong");
    let mut elsewhere = new_form(&data, "Thôn không thuộc đợt này.");
    elsewhere.group_id = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from residential_groups where name = 'Thôn Tân Phong'",
    )
    .expect("group");
    let response = send(&app, &staff, &[elsewhere]).await;
    assert_eq!(statuses(&response), ["rejected"]);
}

async fn reference_data_lists_only_open_campaigns_of_the_collectors_groups(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anlau = app.client_for("anlau").await;
    let data = reference(&app, &anlau).await;
    assert_eq!(data.campaigns.len(), 1, "only the collecting campaign");
    let groups: Vec<&str> = data.campaigns[0]
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(
        groups,
        ["Thôn An Lâu"],
        "Đông Bình is anlau's but not in this campaign"
    );
    assert_eq!(data.campaigns[0].topics.len(), 6);
    assert_eq!(
        data.lookup_path.as_deref(),
        Some("/cong-khai/bac-thanh-mien/tra-cuu"),
        "where residents look their codes up"
    );
}

async fn a_revision_rewriting_a_merged_opinion_waits_for_staff_and_revisions_are_audited(
    backend: Backend,
) {
    let app = spawn_app_on(backend).await;
    let collector = app.client_for("anson").await;
    let reference = reference(&app, &collector).await;
    let campaign = reference.campaigns[0].id;
    let mut first = new_form(&reference, "Đường ngõ 3 ngập nước");
    let mut second_opinion = first.opinions[0].clone();
    second_opinion.id = OpinionId::new();
    second_opinion.text = "Thiếu đèn chiếu sáng ngõ 3".into();
    first.opinions.push(second_opinion);
    send(&app, &collector, std::slice::from_ref(&first)).await;

    let staff = app.client_for("vanphong").await;
    let (status, issue) = app
        .call_json(
            &staff,
            "desk/merge",
            &json!({ "campaign_id": campaign, "opinion_ids": [first.opinions[0].id],
                     "target": { "New": { "title": "Ngập nước ngõ 3", "summary": "" } } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{issue}");

    // Revision 2 drops the free opinion and rewrites the merged one: nothing changes yet.
    let mut rewrite = first.clone();
    rewrite.revision = 2;
    rewrite.opinions.truncate(1);
    rewrite.opinions[0].text = "Đường ngõ 3 hết ngập rồi".into();
    let response = send(&app, &collector, std::slice::from_ref(&rewrite)).await;
    assert_eq!(statuses(&response), ["conflict"]);
    let body = |id: OpinionId| {
        let app = &app;
        async move {
            db!(
                app,
                fetch_optional,
                query_scalar::<_, String>,
                "select body from opinions where id = ?",
                id
            )
            .expect("read")
        }
    };
    assert_eq!(
        body(first.opinions[0].id).await.as_deref(),
        Some("Đường ngõ 3 ngập nước")
    );
    assert!(
        body(first.opinions[1].id).await.is_some(),
        "nothing dropped yet"
    );

    // Staff take it: the text changes, the free opinion goes, and the log says so.
    let (_, list) = app
        .call_json(
            &staff,
            "desk/conflicts",
            &json!({ "campaign_id": campaign }),
        )
        .await;
    let conflict = list[0]["id"].clone();
    let (status, answer) = app
        .call_json(
            &staff,
            "desk/resolve_conflict",
            &json!({ "conflict_id": conflict, "use_held": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        body(first.opinions[0].id).await.as_deref(),
        Some("Đường ngõ 3 hết ngập rồi")
    );
    assert!(body(first.opinions[1].id).await.is_none());
    let (before, after): (String, String) = db!(
        app,
        fetch_one,
        query_as,
        "select before_json, after_json from audit_log
         where entity = 'form' and action = 'revised' and entity_id = ?",
        first.id.to_string()
    )
    .expect("the revision is audited");
    assert!(before.contains("\"revision\":1"), "{before}");
    assert!(after.contains("\"revision\":2"), "{after}");
    assert!(after.contains(&first.opinions[1].id.to_string()), "{after}");
}

async fn staff_resolve_a_held_copy_by_keeping_or_taking_it(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let collector = app.client_for("anson").await;
    let reference = reference(&app, &collector).await;
    let campaign = reference.campaigns[0].id;
    let first = new_form(&reference, "Bản đầu: đường ngõ 3 ngập nước");
    let mut other = first.clone();
    other.opinions[0].text = "Bản sau: đường ngõ 3 ngập nước, cần cống thoát".into();
    send(&app, &collector, std::slice::from_ref(&first)).await;
    send(&app, &collector, std::slice::from_ref(&other)).await;

    let staff = app.client_for("vanphong").await;
    let (status, list) = app
        .call_json(
            &staff,
            "desk/conflicts",
            &json!({ "campaign_id": campaign }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let cards = list.as_array().expect("list");
    assert_eq!(cards.len(), 1);
    assert_eq!(
        cards[0]["stored"]["opinions"],
        json!([first.opinions[0].text])
    );
    assert_eq!(
        cards[0]["held"]["opinions"],
        json!([other.opinions[0].text])
    );
    let conflict = cards[0]["id"].clone();
    let (_, desk) = app
        .call_json(
            &staff,
            "desk/reference",
            &json!({ "campaign_id": campaign }),
        )
        .await;
    assert_eq!(desk["conflicts"], 1);

    let supervisor = app.client_for("mttq").await;
    let (status, _) = app
        .call_json(
            &supervisor,
            "desk/resolve_conflict",
            &json!({ "conflict_id": conflict, "use_held": true }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) = app
        .call_json(
            &staff,
            "desk/resolve_conflict",
            &json!({ "conflict_id": conflict, "use_held": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (text, revision): (String, i64) = db!(
        app,
        fetch_one,
        query_as,
        "select o.body, f.revision from opinions o join forms f on f.id = o.form_id
         where f.id = ?",
        first.id
    )
    .expect("form");
    assert_eq!(text, other.opinions[0].text);
    assert_eq!(revision, 2, "the held copy became the next revision");
    let (status, _) = app
        .call_json(
            &staff,
            "desk/resolve_conflict",
            &json!({ "conflict_id": conflict, "use_held": false }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a conflict is resolved once");

    // keeping the stored copy changes nothing but the conflict
    let second = new_form(&reference, "Giữ nguyên bản này");
    let mut changed = second.clone();
    changed.opinions[0].text = "Bản khác".into();
    send(&app, &collector, std::slice::from_ref(&second)).await;
    send(&app, &collector, std::slice::from_ref(&changed)).await;
    let (_, list) = app
        .call_json(
            &staff,
            "desk/conflicts",
            &json!({ "campaign_id": campaign }),
        )
        .await;
    let conflict = list[0]["id"].clone();
    let (status, _) = app
        .call_json(
            &staff,
            "desk/resolve_conflict",
            &json!({ "conflict_id": conflict, "use_held": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let kept: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select body from opinions where form_id = ?",
        second.id
    )
    .expect("opinion");
    assert_eq!(kept, "Giữ nguyên bản này");
    let (_, list) = app
        .call_json(
            &staff,
            "desk/conflicts",
            &json!({ "campaign_id": campaign }),
        )
        .await;
    assert_eq!(list, json!([]));
    let trail: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select action from audit_log where entity = 'form' order by id"
    )
    .expect("audit");
    assert_eq!(
        trail,
        vec!["revised", "conflict_used_held", "conflict_kept_stored"],
        "the held copy's revision, then each choice"
    );
}

on_both!(
    a_revision_cannot_move_a_form_into_another_campaign,
    control_characters_and_future_dates_are_refused_with_a_reason,
    receipt_codes_are_stored_in_one_spelling,
    a_batch_is_judged_in_order_as_if_sent_one_by_one,
    a_revision_rewriting_a_merged_opinion_waits_for_staff_and_revisions_are_audited,
    replaying_the_same_batch_stores_each_form_once,
    concurrent_copies_of_a_batch_are_stored_once,
    a_bad_form_does_not_block_the_good_ones,
    a_collector_cannot_submit_for_another_group,
    other_content_under_the_same_id_is_a_conflict_kept_for_review,
    revisions_apply_in_order_and_stale_ones_are_reported,
    decomposed_text_is_stored_in_nfc,
    oversize_and_malformed_bodies_get_clear_errors,
    only_collectors_and_staff_typing_paper_forms_may_sync,
    staff_type_in_paper_forms_for_every_group_of_open_campaigns,
    reference_data_lists_only_open_campaigns_of_the_collectors_groups,
    staff_resolve_a_held_copy_by_keeping_or_taking_it,
);
