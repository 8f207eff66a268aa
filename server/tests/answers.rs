//! From merged issue to approved answer: assignment with a due date, the department's draft,
//! submission, send-back with a comment, resubmission, approval, and the audit trail.

mod common;

use common::{Backend, spawn_app_on};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

async fn a_department_answers_and_the_chair_sends_back_then_approves(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let officer = app.client_for("kinhte").await;
    let chair = app.client_for("chutich").await;
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
    let (status, issue) = app
        .call_json(
            &staff,
            "desk/merge",
            &json!({ "campaign_id": campaign, "opinion_ids": ids,
                     "target": { "New": { "title": "Nâng cấp đường giao thông nội đồng", "summary": "" } } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{issue}");
    let issue: Uuid = serde_json::from_value(issue).expect("id");
    let (department, deadline): (Uuid, Option<chrono::NaiveDate>) = db!(
        app,
        fetch_one,
        query_as,
        "select u.department_id, c.answers_deadline from users u, campaigns c
         where u.username = 'kinhte' and c.id = ?",
        campaign
    )
    .expect("department");

    // the officer cannot answer before the issue is assigned to them
    let draft = json!({ "content": "Đã khảo sát tuyến đường.", "result": "Đưa vào kế hoạch 2027",
                        "resolution_time": "Quý II/2027", "resolving_body": "Phòng Kinh tế" });
    let (status, _) = app
        .call_json(
            &officer,
            "issue/answer",
            &json!({ "issue_id": issue, "draft": draft, "submit": false }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, due) = app
        .call_json(
            &staff,
            "issue/assign",
            &json!({ "issue_id": issue, "department_id": department, "due_date": null }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{due}");
    let due: chrono::NaiveDate = serde_json::from_value(due).expect("date");
    let today = app::domain::today_in_vietnam(chrono::Utc::now());
    match deadline {
        Some(day) if day >= today => assert_eq!(due, day, "the campaign's answers deadline"),
        _ => assert!(due > today, "working days from today"),
    }

    let (status, body) = app
        .call_json(
            &officer,
            "issue/answer",
            &json!({ "issue_id": issue, "draft": draft, "submit": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = app
        .call_json(
            &chair,
            "issue/review",
            &json!({ "issue_id": issue, "approve": true, "comment": "" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a draft is not for review"
    );
    let (status, _) = app
        .call_json(
            &officer,
            "issue/answer",
            &json!({ "issue_id": issue, "draft": draft, "submit": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call_json(
            &officer,
            "issue/answer",
            &json!({ "issue_id": issue, "draft": draft, "submit": false }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "locked while under review"
    );

    let (status, _) = app
        .call_json(
            &chair,
            "issue/review",
            &json!({ "issue_id": issue, "approve": false, "comment": "" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "sending back needs a comment"
    );
    let (status, _) = app
        .call_json(
            &chair,
            "issue/review",
            &json!({ "issue_id": issue, "approve": false, "comment": "Ghi rõ kinh phí" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, detail) = app
        .call_json(&officer, "issue/detail", &json!({ "issue_id": issue }))
        .await;
    assert_eq!(detail["answer"]["status"], "returned");
    assert_eq!(detail["answer"]["review_comment"], "Ghi rõ kinh phí");
    assert_eq!(detail["can"]["answer"], true);

    let revised = json!({ "content": "Đã khảo sát tuyến đường; kinh phí 1,2 tỷ đồng.",
                          "result": "Đưa vào kế hoạch 2027", "resolution_time": "Quý II/2027",
                          "resolving_body": "Phòng Kinh tế" });
    let (status, _) = app
        .call_json(
            &officer,
            "issue/answer",
            &json!({ "issue_id": issue, "draft": revised, "submit": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call_json(
            &chair,
            "issue/review",
            &json!({ "issue_id": issue, "approve": true, "comment": "" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let (_, detail) = app
        .call_json(&staff, "issue/detail", &json!({ "issue_id": issue }))
        .await;
    assert_eq!(detail["answer"]["status"], "approved");
    let chair_name: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select full_name from users where username = 'chutich'"
    )
    .expect("chair");
    assert_eq!(detail["answer"]["reviewed_by"], chair_name.as_str());
    assert!(
        detail["answer"]["draft"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("1,2 tỷ"))
    );
    let trail: Vec<String> = detail["audit"]
        .as_array()
        .expect("audit")
        .iter()
        .filter(|line| line["entity"] == "issue")
        .filter_map(|line| line["action"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        trail,
        vec![
            "merge",
            "assign",
            "answer_saved",
            "answer_submitted",
            "return",
            "answer_submitted",
            "approve"
        ]
    );
    let (status, report) = app
        .call_json(
            &chair,
            "report/campaign",
            &json!({ "campaign_id": campaign }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let in_report = report["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .flat_map(|t| t["issues"].as_array().cloned().unwrap_or_default())
        .find(|i| i["id"] == json!(issue))
        .expect("the issue is in the report");
    assert_eq!(in_report["answer"]["resolution_time"], "Quý II/2027");

    // Approved: another department could never answer it, so it cannot move; the due date can.
    let other: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select d.id from departments d join campaigns c on c.commune_id = d.commune_id
         where c.id = ? and d.id <> ? order by d.id limit 1",
        campaign,
        department
    )
    .expect("another department");
    let (status, body) = app
        .call_json(
            &staff,
            "issue/assign",
            &json!({ "issue_id": issue, "department_id": other, "due_date": null }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.to_string().contains("không thể giao cho đơn vị khác"),
        "{body}"
    );
    let later = due + chrono::Duration::days(7);
    let (status, _) = app
        .call_json(
            &staff,
            "issue/assign",
            &json!({ "issue_id": issue, "department_id": department, "due_date": later }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let open: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from assignments where issue_id = ? and status <> 'cancelled'",
        issue
    )
    .expect("count");
    assert_eq!(open, 1, "still the one department's assignment");
}

on_both!(a_department_answers_and_the_chair_sends_back_then_approves,);
