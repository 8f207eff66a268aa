//! The conclusion notice and its follow-up over real HTTP, on both databases: who may draft,
//! approve, issue, report and review; the report-back deadline counted from the day the notice
//! is really issued; an issued notice never changes and a correction keeps the report-backs;
//! concluding waits for the issued notice; every change is audited.

mod common;

use app::domain::campaign::DeadlineRules;
use app::domain::deadlines::report_due;
use app::domain::holidays::work_calendar;
use app::domain::today_in_vietnam;
use chrono::{Duration, NaiveDate, Utc};
use common::{Backend, TestApp, docx_text, spawn_app_on};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

fn today() -> NaiveDate {
    today_in_vietnam(Utc::now())
}

/// A draft concluding on every issue: the first assigned to the economy office, the second to
/// culture and society, the rest forwarded to the district's departments.
fn draft_for(issues: &[Uuid], kt: Uuid, vhxh: Uuid) -> Value {
    let items: Vec<Value> = issues
        .iter()
        .enumerate()
        .map(|(n, id)| match n {
            0 => json!({ "issue_id": id, "disposition": "Assigned", "department_id": kt,
                         "content": "Giao Phòng Kinh tế khảo sát, sửa chữa mặt đường.", "body": "" }),
            1 => json!({ "issue_id": id, "disposition": "Assigned", "department_id": vhxh,
                         "content": "Giao Phòng Văn hóa - Xã hội rà soát.", "body": "" }),
            _ => json!({ "issue_id": id, "disposition": "Forwarded", "department_id": null,
                         "content": "Kiến nghị cấp trên xem xét.", "body": "Sở Xây dựng tỉnh" }),
        })
        .collect();
    json!({ "opening": "Ngày … UBND xã tổ chức hội nghị đối thoại.",
            "recipients": "- UBND tỉnh;\n- Lưu: VT.", "complex": false, "items": items })
}

async fn call(app: &TestApp, client: &Client, endpoint: &str, body: Value) -> (StatusCode, Value) {
    app.call_json(client, endpoint, &body).await
}

async fn only_the_right_roles_touch_the_notice(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.held_conference(3).await;
    let issues = app.issue_ids(campaign).await;
    assert!(issues.len() >= 3, "the demo campaign has merged issues");
    let draft = draft_for(
        &issues,
        app.department("kt").await,
        app.department("vhxh").await,
    );
    let save = json!({ "campaign_id": campaign, "version": 0, "draft": draft });
    for user in ["mttq", "kinhte", "anson", "admin"] {
        let c = app.client_for(user).await;
        let (status, _) = call(&app, &c, "conclusion/save", save.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → save");
    }
    for user in ["vanphong", "mttq", "kinhte", "anson"] {
        let c = app.client_for(user).await;
        for (endpoint, body) in [
            (
                "conclusion/approve",
                json!({ "campaign_id": campaign, "version": 1 }),
            ),
            (
                "conclusion/issue",
                json!({ "campaign_id": campaign, "version": 1, "number": "1/TB-UBND",
                        "issued_on": today() }),
            ),
        ] {
            let (status, _) = call(&app, &c, endpoint, body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{user} → {endpoint}");
        }
    }
    for user in ["anson", "admin"] {
        let c = app.client_for(user).await;
        let (status, _) = call(
            &app,
            &c,
            "conclusion/sheet",
            json!({ "campaign_id": campaign }),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → sheet");
        for endpoint in ["conclusion/open", "supervision/items"] {
            let (status, _) = call(&app, &c, endpoint, json!({})).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{user} → {endpoint}");
        }
    }
    let item = Uuid::now_v7();
    for user in ["mttq", "kinhte", "anson", "admin"] {
        let c = app.client_for(user).await;
        let (status, _) = call(
            &app,
            &c,
            "conclusion/correct",
            json!({ "campaign_id": campaign, "version": 1 }),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → correct");
        let (status, _) = call(
            &app,
            &c,
            "conclusion/review",
            json!({ "item_id": item, "accept": true, "note": "" }),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → review");
    }
    for user in ["vanphong", "chutich", "mttq", "anson", "admin"] {
        let c = app.client_for(user).await;
        let (status, _) = call(
            &app,
            &c,
            "conclusion/report",
            json!({ "item_id": item, "text": "x", "attachment": "Biên bản nghiệm thu số 12/BB-UBND", "done_on": today() }),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → report");
    }
    let other = app.client_for("kinhmon").await;
    let (status, _) = call(
        &app,
        &other,
        "conclusion/sheet",
        json!({ "campaign_id": campaign }),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another commune");
    let (status, open) = call(&app, &other, "conclusion/open", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(open, json!([]), "another commune's follow-up is its own");
    let written: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from conclusions"
    )
    .expect("count");
    assert_eq!(written, 0, "nothing written by refused calls");
}

async fn a_notice_runs_from_draft_to_the_last_report_back(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.held_conference(30).await;
    let issues = app.issue_ids(campaign).await;
    let kt = app.department("kt").await;
    let staff = app.client_for("vanphong").await;
    let chair = app.client_for("chutich").await;
    let officer = app.client_for("kinhte").await;
    let mttq = app.client_for("mttq").await;

    // A draft must conclude on every issue before the chair approves it.
    let mut partial = draft_for(&issues, kt, app.department("vhxh").await);
    partial["items"].as_array_mut().expect("items").pop();
    let (status, reply) = call(
        &app,
        &staff,
        "conclusion/save",
        json!({ "campaign_id": campaign, "version": 0, "draft": partial }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let (status, reply) = call(
        &app,
        &chair,
        "conclusion/approve",
        json!({ "campaign_id": campaign, "version": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("Mỗi vấn đề"), "{reply}");
    let draft = draft_for(&issues, kt, app.department("vhxh").await);
    let (status, reply) = call(
        &app,
        &staff,
        "conclusion/save",
        json!({ "campaign_id": campaign, "version": 1, "draft": draft }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    // A stale screen (version 0) cannot overwrite it.
    let (status, _) = call(
        &app,
        &staff,
        "conclusion/save",
        json!({ "campaign_id": campaign, "version": 0, "draft": draft }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Issuing needs the approval first; then its date must lie between the conference and today.
    let issued_on = today() - Duration::days(28);
    let issue = |number: &str, on: NaiveDate, version: i64| json!({ "campaign_id": campaign, "version": version, "number": number, "issued_on": on });
    let (status, _) = call(
        &app,
        &chair,
        "conclusion/issue",
        issue("15/TB-UBND", issued_on, 1),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "not approved yet");
    let (status, reply) = call(
        &app,
        &chair,
        "conclusion/approve",
        json!({ "campaign_id": campaign, "version": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    for (bad, why) in [
        (today() - Duration::days(31), "before the conference"),
        (today() + Duration::days(1), "tomorrow"),
    ] {
        let (status, _) = call(
            &app,
            &chair,
            "conclusion/issue",
            issue("15/TB-UBND", bad, 1),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
    }
    let (status, _) = call(
        &app,
        &chair,
        "conclusion/issue",
        issue("không số", issued_on, 1),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a number needs a digit"
    );
    let (status, reply) = call(
        &app,
        &chair,
        "conclusion/issue",
        issue("15/TB-UBND", issued_on, 1),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");

    // Assigned items report within 7 working days of the day the notice was really issued.
    let commune: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from communes where slug = 'bac-thanh-mien'"
    )
    .expect("commune");
    let stored = app.store.calendar(commune.into()).await.expect("calendar");
    let due = report_due(
        &work_calendar(issued_on, &stored),
        issued_on,
        DeadlineRules::default(),
    );
    let dues: Vec<(String, Option<NaiveDate>, String)> = db!(
        app,
        fetch_all,
        query_as::<_, (String, Option<NaiveDate>, String)>,
        "select ci.disposition, ci.report_due_on, ci.report_state from conclusion_items ci
           join conclusions c on c.id = ci.conclusion_id where c.campaign_id = ?
          order by ci.position",
        campaign
    )
    .expect("items");
    assert_eq!(dues.len(), issues.len());
    assert_eq!(
        dues[0],
        ("assigned".to_owned(), Some(due), "awaiting".to_owned())
    );
    assert_eq!(
        dues[1],
        ("assigned".to_owned(), Some(due), "awaiting".to_owned())
    );
    assert!(
        dues[2..]
            .iter()
            .all(|(d, due, s)| d == "forwarded" && due.is_none() && s == "none")
    );

    // Issued means fixed: no new draft over it.
    let (status, reply) = call(
        &app,
        &staff,
        "conclusion/save",
        json!({ "campaign_id": campaign, "version": 1, "draft": draft }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("đính chính"), "{reply}");

    // The campaign may now be concluded.
    let (status, reply) = call(
        &app,
        &staff,
        "plan/stage",
        json!({ "campaign_id": campaign, "from": "Conference", "to": "Concluded" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");

    // The officer sees their item, overdue: 7 working days after a notice of 28 days ago.
    let (status, open) = call(&app, &officer, "conclusion/open", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{open}");
    let open = open.as_array().cloned().unwrap_or_default();
    assert_eq!(open.len(), 1, "only the economy office's item: {open:?}");
    let item = open[0]["item"]["id"].clone();
    assert_eq!(open[0]["item"]["department"], "Phòng Kinh tế");
    assert!(
        open[0]["clock"]["Overdue"]["days_late"]
            .as_i64()
            .is_some_and(|d| d > 0),
        "{open:?}"
    );
    // MTTQ supervises both items, with the same clocks.
    let (status, all) = call(&app, &mttq, "conclusion/open", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all.as_array().map(Vec::len), Some(2), "{all}");
    // The officer cannot report on the other department's item.
    let other_item = all
        .as_array()
        .and_then(|a| a.iter().find(|l| l["item"]["id"] != item))
        .map(|l| l["item"]["id"].clone())
        .expect("other item");
    let report = |id: &Value, text: &str| json!({ "item_id": id, "text": text, "attachment": "Biên bản nghiệm thu số 12/BB-UBND", "done_on": today() });
    let (status, _) = call(
        &app,
        &officer,
        "conclusion/report",
        report(&other_item, "Xong"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not their department's");
    let (status, _) = call(&app, &officer, "conclusion/report", report(&item, "  ")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an empty report");
    let (status, reply) = call(
        &app,
        &officer,
        "conclusion/report",
        report(&item, "Đã sửa chữa 300 m mặt đường."),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    // While the report waits for review, the clock stops.
    let (_, all) = call(&app, &mttq, "conclusion/open", json!({})).await;
    let waiting = all
        .as_array()
        .and_then(|a| a.iter().find(|l| l["item"]["id"] == item))
        .cloned()
        .expect("item");
    assert_eq!(waiting["item"]["report_state"], "Reported");
    assert!(waiting["clock"].is_null(), "{waiting}");
    // MTTQ cannot review; staff cannot return without a reason.
    let review =
        |accept: bool, note: &str| json!({ "item_id": item, "accept": accept, "note": note });
    let (status, _) = call(&app, &mttq, "conclusion/review", review(true, "")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, &staff, "conclusion/review", review(false, "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = call(
        &app,
        &staff,
        "conclusion/review",
        review(false, "Thiếu ảnh nghiệm thu."),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &staff, "conclusion/review", review(true, "")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing to review after a return"
    );
    let (status, _) = call(
        &app,
        &officer,
        "conclusion/report",
        report(
            &item,
            "Đã sửa chữa 300 m mặt đường; biên bản nghiệm thu kèm theo.",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(
        &app,
        &staff,
        "conclusion/review",
        review(true, "Đạt yêu cầu."),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(
        &app,
        &officer,
        "conclusion/report",
        report(&item, "Lần nữa"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "accepted: nothing more to report"
    );

    // A correction is a new version; the first keeps its number and date, and the report-back
    // already accepted carries over with its original due day.
    let (status, reply) = call(
        &app,
        &staff,
        "conclusion/correct",
        json!({ "campaign_id": campaign, "version": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let mut corrected = draft.clone();
    corrected["items"][2]["content"] = json!("Kiến nghị UBND tỉnh bố trí vốn.");
    for (client, endpoint, body) in [
        (
            &staff,
            "conclusion/save",
            json!({ "campaign_id": campaign, "version": 2, "draft": corrected }),
        ),
        (
            &chair,
            "conclusion/approve",
            json!({ "campaign_id": campaign, "version": 2 }),
        ),
        (&chair, "conclusion/issue", issue("16/TB-UBND", today(), 2)),
    ] {
        let (status, reply) = call(&app, client, endpoint, body).await;
        assert_eq!(status, StatusCode::OK, "{endpoint}: {reply}");
    }
    let versions: Vec<(i64, String, Option<String>, Option<NaiveDate>)> = db!(
        app,
        fetch_all,
        query_as::<_, (i64, String, Option<String>, Option<NaiveDate>)>,
        "select version, state, number, issued_on from conclusions where campaign_id = ?
          order by version",
        campaign
    )
    .expect("versions");
    assert_eq!(
        versions,
        vec![
            (
                1,
                "superseded".to_owned(),
                Some("15/TB-UBND".to_owned()),
                Some(issued_on)
            ),
            (
                2,
                "issued".to_owned(),
                Some("16/TB-UBND".to_owned()),
                Some(today())
            ),
        ]
    );
    let (status, sheet) = call(
        &app,
        &mttq,
        "conclusion/sheet",
        json!({ "campaign_id": campaign }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{sheet}");
    let current = &sheet["record"]["current"];
    assert_eq!(current["version"], 2);
    assert_eq!(current["items"][0]["report_state"], "Accepted");
    assert_eq!(
        current["items"][0]["report_attachment"], "Biên bản nghiệm thu số 12/BB-UBND",
        "what backs the report up is kept, and carried into the correction"
    );
    assert_eq!(current["items"][0]["report_due"], json!(due));
    assert_eq!(current["items"][1]["report_state"], "Awaiting");
    assert_eq!(
        current["items"][1]["report_due"],
        json!(due),
        "the clock did not restart"
    );
    assert_eq!(current["signer_name"], "Trần Văn Khải");
    assert_eq!(sheet["record"]["history"][0][1], "15/TB-UBND");
    assert_eq!(sheet["can_edit"], false);
    // The notice as a document: the corrected version's number, what it replaces, each
    // section, the assigned body with its due day, the recipients and the chair's name.
    let (status, bytes) = app
        .download(
            &mttq,
            &format!("/api/v1/campaigns/{campaign}/conclusion.docx"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = docx_text(&bytes);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 16/TB-UBND",
        "thay thế Thông báo số 15/TB-UBND",
        "THÔNG BÁO",
        "Những nội dung giao các cơ quan, đơn vị giải quyết",
        "Những nội dung kiến nghị cấp trên",
        "Kiến nghị UBND tỉnh bố trí vốn.",
        "Phòng Kinh tế",
        &format!("trước ngày {}", app::domain::format_date(due)),
        "Nơi nhận:",
        "- UBND tỉnh;",
        "Trần Văn Khải",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the notice"
        );
    }
    assert!(!text.contains("DỰ THẢO"), "an issued notice is not a draft");
    let (status, _) = app
        .download(
            &app.client_for("anson").await,
            &format!("/api/v1/campaigns/{campaign}/conclusion.docx"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a collector");

    // The officer's sheet holds their own item only.
    let (_, mine) = call(
        &app,
        &officer,
        "conclusion/sheet",
        json!({ "campaign_id": campaign }),
    )
    .await;
    assert_eq!(
        mine["record"]["current"]["items"].as_array().map(Vec::len),
        Some(1),
        "{mine}"
    );

    // Closing waits for the other department's report.
    db!(
        app,
        execute,
        query,
        "update campaigns set stage = 'following_up' where id = ?",
        campaign
    )
    .expect("stage");
    let (status, reply) = call(
        &app,
        &staff,
        "plan/stage",
        json!({ "campaign_id": campaign, "from": "FollowingUp", "to": "Closed" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");

    // MTTQ supervises every item and adds a note; nobody else may, and it changes nothing.
    let (status, lines) = call(&app, &mttq, "supervision/items", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{lines}");
    let lines = lines.as_array().cloned().unwrap_or_default();
    assert_eq!(lines.len(), issues.len(), "every item of the issued notice");
    let owed = lines
        .iter()
        .find(|l| l["supervised"]["item"]["report_state"] == "Awaiting")
        .cloned()
        .expect("the culture office's item");
    assert!(owed["clock"]["Overdue"].is_object(), "{owed}");
    let issue = owed["supervised"]["item"]["issue_id"].clone();
    let note = json!({ "issue_id": issue, "body": "Đề nghị Phòng Văn hóa - Xã hội báo cáo ngay." });
    for user in ["vanphong", "chutich", "kinhte"] {
        let c = app.client_for(user).await;
        let (status, _) = call(&app, &c, "supervision/note", note.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}");
    }
    let (status, _) = call(
        &app,
        &app.client_for("kinhmon").await,
        "supervision/items",
        json!({}),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "another commune reads its own, empty view"
    );
    let (status, reply) = call(&app, &mttq, "supervision/note", note.clone()).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let (_, lines) = call(&app, &mttq, "supervision/items", json!({})).await;
    let noted = lines
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|l| l["supervised"]["item"]["issue_id"] == issue)
        })
        .cloned()
        .expect("item");
    assert_eq!(noted["supervised"]["notes"][0]["author"], "Lê Thị Bình");
    assert_eq!(
        noted["supervised"]["item"]["report_state"], "Awaiting",
        "nothing changed"
    );
    let trail: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from audit_log where entity = 'issue' and entity_id = ?
            and action = 'supervision_note'",
        issue.as_str().unwrap_or_default()
    )
    .expect("trail");
    assert_eq!(trail, 1, "the note is on the issue's trail");

    // Every change is in the audit log.
    let actions: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select action from audit_log where entity in ('conclusion', 'conclusion_item')
          order by id",
    )
    .expect("audit");
    assert_eq!(
        actions,
        [
            "draft",
            "draft",
            "approve",
            "issue",
            "report",
            "return_report",
            "report",
            "accept_report",
            "correct",
            "draft",
            "approve",
            "issue"
        ]
    );
}

async fn the_statistics_count_late_reports_late_even_once_accepted(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.held_conference(30).await;
    let issues = app.issue_ids(campaign).await;
    let kt = app.department("kt").await;
    let staff = app.client_for("vanphong").await;
    let chair = app.client_for("chutich").await;
    let officer = app.client_for("kinhte").await;
    let draft = draft_for(&issues, kt, app.department("vhxh").await);
    let issued_on = today() - Duration::days(28);
    for (client, endpoint, body) in [
        (
            &staff,
            "conclusion/save",
            json!({ "campaign_id": campaign, "version": 0, "draft": draft }),
        ),
        (
            &chair,
            "conclusion/approve",
            json!({ "campaign_id": campaign, "version": 1 }),
        ),
        (
            &chair,
            "conclusion/issue",
            json!({ "campaign_id": campaign, "version": 1,
                                             "number": "15/TB-UBND", "issued_on": issued_on }),
        ),
    ] {
        let (status, reply) = call(&app, client, endpoint, body).await;
        assert_eq!(status, StatusCode::OK, "{endpoint}: {reply}");
    }
    // The economy office reports today, weeks after its due day; staff accept it.
    let (_, open) = call(&app, &officer, "conclusion/open", json!({})).await;
    let item = open[0]["item"]["id"].clone();
    let (status, _) = call(
        &app,
        &officer,
        "conclusion/report",
        json!({ "item_id": item, "text": "Đã sửa xong.", "attachment": "Biên bản nghiệm thu số 12/BB-UBND", "done_on": today() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(
        &app,
        &staff,
        "conclusion/review",
        json!({ "item_id": item, "accept": true, "note": "" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let year = (today() - Duration::days(30)).format("%Y").to_string();
    let body = json!({ "year": year.parse::<i32>().expect("year"), "half": null });
    for user in ["anson", "kinhte", "admin"] {
        let c = app.client_for(user).await;
        let (status, _) = call(&app, &c, "stats/period", body.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}");
        let (status, _) = app
            .download(&c, &format!("/api/v1/statistics.xlsx?nam={year}"))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user} → xlsx");
    }
    let mttq = app.client_for("mttq").await;
    let (status, report) = call(&app, &mttq, "stats/period", body).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    // Both assigned items are late: one reported after its due day (accepted since), one never.
    assert_eq!(report["on_time"], 0, "{report}");
    assert_eq!(report["late"], 2, "{report}");
    assert_eq!(report["pending"], 0);
    assert_eq!(report["on_time_rate"], 0.0);
    assert_eq!(
        report["settled"], 1,
        "the accepted report; forwarded items are not settled by the commune"
    );
    // The counts agree with the database.
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let held_sql = "select id from campaigns where commune_id =
            (select id from communes where slug = 'bac-thanh-mien')
          and conference_date >= ? and conference_date <= ?
          and stage in ('conference', 'concluded', 'following_up', 'closed')";
    let from_date: NaiveDate = from.parse().expect("date");
    let to_date: NaiveDate = to.parse().expect("date");
    let opinions: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        format!("select count(*) from opinions where campaign_id in ({held_sql})"),
        from_date,
        to_date
    )
    .expect("opinions");
    assert_eq!(report["facts"]["opinions"], opinions);
    let topic_sum: i64 = report["facts"]["by_topic"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["opinions"].as_i64()).sum())
        .unwrap_or(0);
    let group_sum: i64 = report["facts"]["by_group"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["opinions"].as_i64()).sum())
        .unwrap_or(0);
    assert_eq!((topic_sum, group_sum), (opinions, opinions), "rows add up");

    // The workbook says the same.
    let (status, bytes) = app
        .download(&mttq, &format!("/api/v1/statistics.xlsx?nam={year}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    use calamine::Reader;
    let sheet = book.worksheet_range("Tổng hợp").expect("sheet");
    let figure = |label: &str| {
        sheet
            .rows()
            .find(|r| r[0] == label)
            .map(|r| r[1].to_string())
            .unwrap_or_default()
    };
    assert_eq!(figure("Số ý kiến, kiến nghị"), opinions.to_string());
    assert_eq!(figure("Nội dung báo cáo trễ hạn hoặc quá hạn"), "2");
    assert_eq!(figure("Tỷ lệ đúng hạn"), "0,0%");
}

on_both!(
    the_statistics_count_late_reports_late_even_once_accepted,
    only_the_right_roles_touch_the_notice,
    a_notice_runs_from_draft_to_the_last_report_back
);
