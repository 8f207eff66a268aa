//! Who may use the desk: every desk, issue and report function against every demo user of the
//! commune, commune isolation, and department scoping of issues.

mod common;

use common::{Backend, TestApp, client, spawn_app_on};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

const READERS: &[&str] = &["vanphong", "chutich", "mttq"];
const EDITORS: &[&str] = &["vanphong", "chutich"];
const USERS: &[&str] = &[
    "admin", "vanphong", "kinhte", "chutich", "mttq", "anson", "anlau", "tanphong",
];

fn empty_filter() -> Value {
    json!({ "group_id": null, "topic_id": null, "state": null, "urgency": null, "kind": null, "text": "" })
}

/// An issue of the campaign assigned to the department of the demo officer "kinhte".
async fn issue_of_kinhte(app: &TestApp) -> Uuid {
    db!(
        app,
        fetch_one,
        query_scalar,
        "select a.issue_id from assignments a join users u on u.department_id = a.department_id
         where u.username = 'kinhte' and a.status <> 'cancelled' limit 1",
    )
    .expect("an issue assigned to kinhte's department")
}

/// (endpoint, body, who may call it, status an allowed caller gets with this body). Bodies
/// that change data are deliberately invalid, so the allowed callers prove they got past the
/// role check (422 or 404) without changing the demo data.
async fn matrix(app: &TestApp) -> Vec<(&'static str, Value, Vec<&'static str>, StatusCode)> {
    let campaign = app.campaign("chuyen_de").await;
    let issue = issue_of_kinhte(app).await;
    let opinion: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from opinions where campaign_id = ? limit 1",
        campaign
    )
    .expect("opinion");
    let nobody = Uuid::now_v7();
    let ok = StatusCode::OK;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let mut readers_and_officer = READERS.to_vec();
    readers_and_officer.push("kinhte");
    vec![
        (
            "desk/reference",
            json!({ "campaign_id": campaign }),
            READERS.to_vec(),
            ok,
        ),
        (
            "desk/intake",
            json!({ "campaign_id": campaign, "filter": empty_filter(), "page": 0 }),
            READERS.to_vec(),
            ok,
        ),
        (
            "desk/classify",
            json!({ "campaign_id": campaign, "opinion_ids": [],
                    "change": { "topic_id": null, "urgency": "Khan", "authority": null, "scope": null } }),
            EDITORS.to_vec(),
            invalid,
        ),
        (
            "desk/suggestions",
            json!({ "opinion_id": opinion }),
            READERS.to_vec(),
            ok,
        ),
        (
            "desk/merge",
            json!({ "campaign_id": campaign, "opinion_ids": [],
                    "target": { "New": { "title": "x", "summary": "" } } }),
            EDITORS.to_vec(),
            invalid,
        ),
        (
            "desk/unmerge",
            json!({ "issue_id": nobody, "opinion_ids": [] }),
            EDITORS.to_vec(),
            StatusCode::NOT_FOUND,
        ),
        (
            "desk/issues",
            json!({ "campaign_id": campaign }),
            READERS.to_vec(),
            ok,
        ),
        (
            "desk/pivot",
            json!({ "campaign_id": campaign, "filter": empty_filter() }),
            READERS.to_vec(),
            ok,
        ),
        (
            "issue/detail",
            json!({ "issue_id": issue }),
            readers_and_officer,
            ok,
        ),
        (
            "issue/update",
            json!({ "issue_id": issue, "edit": { "title": " ", "summary": "", "topic_id": nobody,
                    "urgency": "Cao", "authority": "Commune" } }),
            EDITORS.to_vec(),
            invalid,
        ),
        (
            "issue/assign",
            json!({ "issue_id": issue, "department_id": nobody, "due_date": "2020-01-01" }),
            EDITORS.to_vec(),
            invalid,
        ),
        (
            "issue/answer",
            json!({ "issue_id": issue, "submit": true,
                    "draft": { "content": "", "result": "", "resolution_time": "", "resolving_body": "" } }),
            vec!["kinhte"],
            invalid,
        ),
        (
            "issue/review",
            json!({ "issue_id": issue, "approve": false, "comment": "" }),
            EDITORS.to_vec(),
            invalid,
        ),
        (
            "report/campaign",
            json!({ "campaign_id": campaign }),
            READERS.to_vec(),
            ok,
        ),
    ]
}

async fn every_desk_function_answers_its_roles_and_refuses_the_others(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let cases = matrix(&app).await;
    for user in USERS {
        let client = app.client_for(user).await;
        for (endpoint, body, allowed, expected) in &cases {
            let (status, reply) = app.call_json(&client, endpoint, body).await;
            if allowed.contains(user) {
                assert_eq!(status, *expected, "{user} → {endpoint}: {reply}");
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{user} → {endpoint}: {reply}"
                );
            }
        }
    }
    let anonymous = client();
    for (endpoint, body, _, _) in &cases {
        let (status, _) = app.call_json(&anonymous, endpoint, body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous → {endpoint}");
    }
}

async fn another_commune_sees_nothing_of_this_one(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let other = app.client_for("kinhmon").await;
    for (endpoint, body, _, _) in matrix(&app).await {
        let (status, reply) = app.call_json(&other, endpoint, &body).await;
        let fine = match endpoint {
            // lists scoped by the caller's commune come back empty rather than refused
            "desk/intake" | "desk/issues" | "desk/conflicts" => {
                status == StatusCode::OK
                    && reply["rows"].as_array().is_none_or(Vec::is_empty)
                    && reply.as_array().is_none_or(Vec::is_empty)
            }
            "desk/classify" | "desk/merge" | "issue/update" | "issue/assign" | "issue/review" => {
                // refused before or at the scope check; never applied
                status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::NOT_FOUND
            }
            "issue/answer" => status == StatusCode::FORBIDDEN,
            _ => status == StatusCode::NOT_FOUND,
        };
        assert!(fine, "kinhmon → {endpoint}: {status} {reply}");
    }
    let campaign = app.campaign("chuyen_de").await;
    let opinion: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from opinions where campaign_id = ? limit 1",
        campaign
    )
    .expect("opinion");
    let (status, _) = app
        .call_json(
            &other,
            "desk/classify",
            &json!({ "campaign_id": campaign, "opinion_ids": [opinion],
                     "change": { "topic_id": null, "urgency": "Khan", "authority": null, "scope": null } }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for path in ["report.docx", "report.xlsx", "report.csv", "opinions.csv"] {
        let (status, _) = app
            .download(&other, &format!("/api/v1/campaigns/{campaign}/{path}"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

async fn a_department_officer_reaches_only_issues_of_their_department(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let officer = app.client_for("kinhte").await;
    let foreign: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select i.id from issues i join communes m on m.id = i.commune_id
         where m.slug = 'bac-thanh-mien' and not exists (
            select 1 from assignments a join users u on u.department_id = a.department_id
            where a.issue_id = i.id and u.username = 'kinhte' and a.status <> 'cancelled')
         limit 1",
    )
    .expect("an issue of another department");
    let (status, _) = app
        .call_json(&officer, "issue/detail", &json!({ "issue_id": foreign }))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call_json(
            &officer,
            "issue/answer",
            &json!({ "issue_id": foreign, "submit": false,
                     "draft": { "content": "x", "result": "", "resolution_time": "", "resolving_body": "" } }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mine = issue_of_kinhte(&app).await;
    let (status, detail) = app
        .call_json(&officer, "issue/detail", &json!({ "issue_id": mine }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["can"]["edit"], false);
    assert_eq!(
        detail["audit"],
        json!([]),
        "the trail is for the commune's staff"
    );
    for path in ["report.docx", "report.xlsx", "opinions.csv"] {
        let campaign = app.campaign("chuyen_de").await;
        let (status, _) = app
            .download(&officer, &format!("/api/v1/campaigns/{campaign}/{path}"))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
}

on_both!(
    every_desk_function_answers_its_roles_and_refuses_the_others,
    another_commune_sees_nothing_of_this_one,
    a_department_officer_reaches_only_issues_of_their_department,
);
