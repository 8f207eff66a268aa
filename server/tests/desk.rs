//! The ward desk over real HTTP: search, classification, merge/unmerge invariants, and the
//! pivot agreeing with the intake list cell by cell.

mod common;

use common::{Backend, TestApp, spawn_app_on};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use app::domain::similarity::rank;
use app::domain::text::fold;

async fn intake(app: &TestApp, client: &Client, campaign: Uuid, filter: Value) -> Value {
    let (status, body) = app
        .call_json(
            client,
            "desk/intake",
            &json!({ "campaign_id": campaign, "filter": filter, "page": 0 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn filter(overrides: Value) -> Value {
    let mut base = json!({
        "group_id": null, "topic_id": null, "state": null, "urgency": null, "kind": null, "text": ""
    });
    if let (Some(b), Some(o)) = (base.as_object_mut(), overrides.as_object()) {
        for (k, v) in o {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

/// An opinion's classification as stored: topic, status, body, urgency, authority, reason, issue.
type StoredOpinion = (
    Uuid,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Uuid>,
);

/// Full rows of opinions, to compare before and after.
async fn opinion_rows(app: &TestApp, ids: &[Uuid]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for id in ids {
        let row: StoredOpinion = db!(
            app,
            fetch_one,
            query_as,
            "select topic_id, status, body, urgency, authority, out_of_scope_reason, issue_id
               from opinions where id = ?",
            id
        )
        .expect("opinion");
        rows.push(vec![
            row.0.to_string(),
            row.1,
            row.2,
            row.3.unwrap_or_default(),
            row.4.unwrap_or_default(),
            row.5.unwrap_or_default(),
            row.6.map(|i| i.to_string()).unwrap_or_default(),
        ]);
    }
    rows
}

/// Two unmerged, in-scope opinions of the campaign from two different groups.
async fn two_from_different_groups(app: &TestApp, campaign: Uuid) -> (Uuid, Uuid) {
    let rows: Vec<(Uuid, Uuid)> = db!(
        app,
        fetch_all,
        query_as,
        "select id, group_id from opinions where campaign_id = ? and issue_id is null
         and status <> 'out_of_scope' order by created_at, id",
        campaign
    )
    .expect("opinions");
    let (a, group) = rows[0];
    let b = rows
        .iter()
        .find(|(_, g)| *g != group)
        .map(|(id, _)| *id)
        .expect("a second group");
    (a, b)
}

async fn search_ignores_diacritics_case_and_unicode_form(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("chuyen_de").await;
    let plain = intake(&app, &staff, campaign, filter(json!({ "text": "duong" }))).await;
    let total = plain["total"].as_i64().expect("total");
    assert!(total > 0, "the demo has opinions about roads");
    for row in plain["rows"].as_array().expect("rows") {
        let body = fold(row["body"].as_str().expect("body"));
        assert!(body.contains("duong"), "{body}");
    }
    let capital = intake(&app, &staff, campaign, filter(json!({ "text": "ĐƯỜNG" }))).await;
    // decomposed: u + horn + o + horn + grave
    let nfd = "\u{110}u\u{31b}o\u{31b}\u{300}ng";
    let decomposed = intake(&app, &staff, campaign, filter(json!({ "text": nfd }))).await;
    assert_eq!(capital["total"], plain["total"]);
    assert_eq!(decomposed["total"], plain["total"]);
    let direct: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions where campaign_id = ? and body_folded like '%duong%'",
        campaign
    )
    .expect("count");
    assert_eq!(total, direct);
    let wildcard = intake(&app, &staff, campaign, filter(json!({ "text": "%" }))).await;
    assert_eq!(
        wildcard["total"], 0,
        "a % typed by the user is not a wildcard"
    );

    // Two letters are below the trigram index: the scan still finds them.
    let short = intake(&app, &staff, campaign, filter(json!({ "text": "Đư" }))).await;
    let direct_short: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions where campaign_id = ? and body_folded like '%du%'",
        campaign
    )
    .expect("count");
    assert_eq!(short["total"], direct_short);

    // The index follows every write: a rewritten opinion is found by its new words only.
    let first: Uuid = serde_json::from_value(plain["rows"][0]["id"].clone()).expect("id");
    db!(
        app,
        execute,
        query,
        "update opinions set body = 'Cầu khỉ gãy nhịp giữa', body_folded = 'cau khi gay nhip giua'
         where id = ?",
        first
    )
    .expect("rewrite");
    let after = intake(&app, &staff, campaign, filter(json!({ "text": "duong" }))).await;
    assert_eq!(after["total"].as_i64(), Some(total - 1));
    let new_words = intake(
        &app,
        &staff,
        campaign,
        filter(json!({ "text": "khỉ gãy nhịp" })),
    )
    .await;
    assert_eq!(new_words["total"], 1);
}

async fn pages_cover_every_opinion_once(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("chuyen_de").await;
    let mut seen = std::collections::HashSet::new();
    let mut page = 0;
    let total = loop {
        let (status, body) = app
            .call_json(
                &staff,
                "desk/intake",
                &json!({ "campaign_id": campaign, "filter": filter(json!({})), "page": page }),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let rows = body["rows"].as_array().expect("rows");
        if rows.is_empty() {
            break body["total"].as_i64().expect("total");
        }
        for row in rows {
            assert!(seen.insert(row["id"].as_str().expect("id").to_owned()));
        }
        page += 1;
    };
    assert_eq!(seen.len() as i64, total);
    assert!(page >= 2, "the demo campaign spans several pages");
}

async fn bulk_classification_changes_only_what_was_asked_and_is_audited(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("dinh_ky").await;
    let ids: Vec<Uuid> = db!(
        app,
        fetch_all,
        query_scalar,
        "select id from opinions where campaign_id = ? and status = 'new' order by id limit 3",
        campaign
    )
    .expect("new opinions");
    assert_eq!(ids.len(), 3);
    let before = opinion_rows(&app, &ids).await;
    let (status, body) = app
        .call_json(
            &staff,
            "desk/classify",
            &json!({ "campaign_id": campaign, "opinion_ids": ids,
                     "change": { "topic_id": null, "urgency": "Khan", "authority": "Higher", "scope": null } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, 3);
    let after = opinion_rows(&app, &ids).await;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a[0], b[0], "topic untouched");
        assert_eq!(a[1], "classified");
        assert_eq!(a[2], b[2], "text untouched");
        assert_eq!(a[3], "khan");
        assert_eq!(a[4], "higher");
    }
    let audited: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from audit_log where entity = 'opinion' and action = 'classify'",
    )
    .expect("audit");
    assert_eq!(audited, 3);

    // out of scope needs a reason; with one, the reason is kept
    let out = |reason: &str| {
        json!({ "campaign_id": campaign, "opinion_ids": [ids[0]],
                "change": { "topic_id": null, "urgency": null, "authority": null,
                            "scope": { "OutOfScope": reason } } })
    };
    let (status, _) = app.call_json(&staff, "desk/classify", &out("  ")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .call_json(
            &staff,
            "desk/classify",
            &out("Đơn thư khiếu nại, chuyển Thanh tra"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let row = &opinion_rows(&app, &ids[..1]).await[0];
    assert_eq!(row[1], "out_of_scope");
    assert_eq!(row[5], "Đơn thư khiếu nại, chuyển Thanh tra");

    // an out-of-scope opinion cannot be merged
    let (status, body) = app
        .call_json(
            &staff,
            "desk/merge",
            &json!({ "campaign_id": campaign, "opinion_ids": [ids[0], ids[1]],
                     "target": { "New": { "title": "X", "summary": "" } } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

async fn merge_then_unmerge_restores_every_opinion_exactly(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("dinh_ky").await;
    let (a, b) = two_from_different_groups(&app, campaign).await;
    let before = opinion_rows(&app, &[a, b]).await;
    async fn count_all(app: &TestApp) -> i64 {
        db!(
            app,
            fetch_one,
            query_scalar,
            "select count(*) from opinions"
        )
        .expect("count")
    }
    let opinions_before = count_all(&app).await;

    let (status, issue) = app
        .call_json(
            &staff,
            "desk/merge",
            &json!({ "campaign_id": campaign, "opinion_ids": [a, b, a],
                     "target": { "New": { "title": "Sửa đường liên thôn", "summary": "Gộp" } } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{issue}");
    let issue: Uuid = serde_json::from_value(issue).expect("issue id");
    let (status, detail) = app
        .call_json(&staff, "issue/detail", &json!({ "issue_id": issue }))
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["opinions"].as_array().map(Vec::len), Some(2));
    assert_eq!(detail["by_group"].as_array().map(Vec::len), Some(2));
    assert!(detail["can"]["edit"].as_bool().expect("can"));
    assert_eq!(
        count_all(&app).await,
        opinions_before,
        "merging keeps every opinion"
    );

    // an opinion belongs to at most one issue
    let (status, second) = app
        .call_json(
            &staff,
            "desk/merge",
            &json!({ "campaign_id": campaign, "opinion_ids": [a],
                     "target": { "New": { "title": "Trùng", "summary": "" } } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{second}");

    // take one out, then dissolve
    let (status, _) = app
        .call_json(
            &staff,
            "desk/unmerge",
            &json!({ "issue_id": issue, "opinion_ids": [a] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let in_issue: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions where issue_id = ?",
        issue
    )
    .expect("count");
    assert_eq!(in_issue, 1);
    let (status, _) = app
        .call_json(
            &staff,
            "desk/unmerge",
            &json!({ "issue_id": issue, "opinion_ids": [] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        opinion_rows(&app, &[a, b]).await,
        before,
        "restored exactly"
    );
    assert_eq!(count_all(&app).await, opinions_before);
    let gone: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from issues where id = ?",
        issue
    )
    .expect("count");
    assert_eq!(gone, 0, "a dissolved issue is removed");
    let trail: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select action from audit_log where entity = 'issue' and entity_id = ? order by id",
        issue.to_string()
    )
    .expect("audit");
    assert_eq!(trail, vec!["merge", "unmerge", "unmerge"]);
}

async fn an_issue_with_an_answer_cannot_be_emptied(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let issue: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select i.id from issues i where exists (select 1 from answers a where a.issue_id = i.id)
         limit 1",
    )
    .expect("answered issue");
    let (status, body) = app
        .call_json(
            &staff,
            "desk/unmerge",
            &json!({ "issue_id": issue, "opinion_ids": [] }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let left: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions where issue_id = ?",
        issue
    )
    .expect("count");
    assert!(left > 0);
}

async fn suggestions_rank_likely_duplicates_best_first(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("dinh_ky").await;
    let texts: Vec<(Uuid, String)> = db!(
        app,
        fetch_all,
        query_as,
        "select id, body_folded from opinions where campaign_id = ? and status <> 'out_of_scope'
         and issue_id is null order by created_at, id",
        campaign
    )
    .expect("opinions");
    // the first opinion the demo repeats in other words somewhere else
    let (target, expected) = texts
        .iter()
        .find_map(|(id, text)| {
            let others: Vec<(Uuid, String)> =
                texts.iter().filter(|(o, _)| o != id).cloned().collect();
            let ranked = rank(text, &others, 6);
            (!ranked.is_empty()).then(|| (*id, ranked[0].0))
        })
        .expect("the demo corpus repeats matters");
    let (status, list) = app
        .call_json(&staff, "desk/suggestions", &json!({ "opinion_id": target }))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list = list.as_array().expect("list");
    assert_eq!(list[0]["row"]["id"], json!(expected));
    let mut last = 101;
    for s in list {
        let percent = s["percent"].as_i64().expect("percent");
        assert!(
            (30..=100).contains(&percent) && percent <= last,
            "{percent}"
        );
        last = percent;
        assert_ne!(s["row"]["id"], json!(target), "never suggests itself");
    }
}

/// Every pivot cell equals the intake count for that group and topic, and totals equal the
/// intake totals, under several filters.
async fn the_pivot_agrees_with_the_intake_list(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("chuyen_de").await;
    for extra in [
        json!({}),
        json!({ "state": "InIssue" }),
        json!({ "kind": "Resident" }),
        json!({ "urgency": "Khan" }),
    ] {
        let (status, table) = app
            .call_json(
                &staff,
                "desk/pivot",
                &json!({ "campaign_id": campaign, "filter": filter(extra.clone()) }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{table}");
        let groups = table["groups"].as_array().expect("groups");
        let topics = table["topics"].as_array().expect("topics");
        for (r, g) in groups.iter().enumerate() {
            for (c, t) in topics.iter().enumerate() {
                let mut f = extra.clone();
                f["group_id"] = g["id"].clone();
                f["topic_id"] = t["id"].clone();
                let list = intake(&app, &staff, campaign, filter(f)).await;
                assert_eq!(
                    table["cells"][r][c]["opinions"], list["total"],
                    "cell {} × {} with {extra}",
                    g["name"], t["name"]
                );
            }
            let mut f = extra.clone();
            f["group_id"] = g["id"].clone();
            let list = intake(&app, &staff, campaign, filter(f)).await;
            assert_eq!(table["row_totals"][r]["opinions"], list["total"]);
        }
        let list = intake(&app, &staff, campaign, filter(extra.clone())).await;
        assert_eq!(table["total"]["opinions"], list["total"], "{extra}");
    }
    // distinct households and issues straight from the tables
    let (households, issues): (i64, i64) = db!(
        app,
        fetch_one,
        query_as,
        "select count(distinct household_key), count(distinct issue_id) from opinions
         where campaign_id = ?",
        campaign
    )
    .expect("distinct");
    let (_, table) = app
        .call_json(
            &staff,
            "desk/pivot",
            &json!({ "campaign_id": campaign, "filter": filter(json!({})) }),
        )
        .await;
    assert_eq!(table["total"]["households"], households);
    assert_eq!(table["total"]["issues"], issues);
    assert!(issues > 0);
}

async fn merging_two_groups_moves_the_issue_counts_of_both_rows(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("dinh_ky").await;
    let body = json!({ "campaign_id": campaign, "filter": filter(json!({})) });
    let pivot = || async { app.call_json(&staff, "desk/pivot", &body).await.1 };
    let before = pivot().await;
    let (a, b) = two_from_different_groups(&app, campaign).await;
    let (status, _) = app
        .call_json(
            &staff,
            "desk/merge",
            &json!({ "campaign_id": campaign, "opinion_ids": [a, b],
                     "target": { "New": { "title": "Chung", "summary": "" } } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let after = pivot().await;
    let issues = |t: &Value| t["total"]["issues"].as_i64().expect("issues");
    assert_eq!(
        issues(&after),
        issues(&before) + 1,
        "one new issue in total"
    );
    let row_sum = |t: &Value| -> i64 {
        t["row_totals"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["issues"].as_i64().expect("n"))
            .sum()
    };
    assert_eq!(
        row_sum(&after),
        row_sum(&before) + 2,
        "it counts in both groups' rows"
    );
    assert_eq!(after["total"]["opinions"], before["total"]["opinions"]);
}

async fn desk_pages_render_on_the_server_for_staff_only(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("chuyen_de").await;
    let other: String = db!(app, fetch_one, query_scalar, "select title from campaigns c where c.id <> ? and commune_id = (select commune_id from campaigns where id = ?) limit 1", campaign, campaign)
        .expect("another campaign");
    let staff = app.client_for("vanphong").await;
    for (path, marker) in [
        ("", "intake-filters"),
        ("/van-de", "issue-list"),
        ("/tong-hop", "data-cell="),
        ("/bao-cao", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ] {
        let (status, html) = app.page(&staff, &format!("/ban/{campaign}{path}")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(marker), "{path} shows {marker}");
        assert!(
            html.contains("Đợt khác"),
            "{path} offers the other campaigns"
        );
        assert!(html.contains(&other), "{path} links {other}");
    }
    let collector = app.client_for("anson").await;
    let (_, html) = app
        .page(&collector, &format!("/ban/{campaign}/tong-hop"))
        .await;
    assert!(html.contains("Bạn không có quyền thực hiện thao tác này."));
    assert!(!html.contains("data-cell="));
}

on_both!(
    search_ignores_diacritics_case_and_unicode_form,
    pages_cover_every_opinion_once,
    bulk_classification_changes_only_what_was_asked_and_is_audited,
    merge_then_unmerge_restores_every_opinion_exactly,
    an_issue_with_an_answer_cannot_be_emptied,
    suggestions_rank_likely_duplicates_best_first,
    the_pivot_agrees_with_the_intake_list,
    merging_two_groups_moves_the_issue_counts_of_both_rows,
    desk_pages_render_on_the_server_for_staff_only,
);
