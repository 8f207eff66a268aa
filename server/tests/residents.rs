//! What residents see, over real HTTP on both databases: the public pages and the receipt
//! lookup never show a name, phone, household or collector, in any state of the cycle; codes
//! are read in any spelling and lookups are rate-limited per address; only staff and the
//! chair publish, and every change is audited; erasing personal data keeps every count.

mod common;

use std::collections::BTreeSet;

use app::domain::today_in_vietnam;
use chrono::{Duration, Utc};
use common::{Backend, TestApp, client, client_from, spawn_app_on};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

const SLUG: &str = "bac-thanh-mien";

async fn call(app: &TestApp, client: &Client, endpoint: &str, body: Value) -> (StatusCode, Value) {
    app.call_json(client, endpoint, &body).await
}

/// Every personal value in the database: residents' names, phones and households, speakers'
/// names, and the collectors' names.
async fn personal_values(app: &TestApp) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for sql in [
        "select respondent_name from forms where respondent_name is not null",
        "select phone from forms where phone is not null",
        "select household from forms where household is not null",
        "select display_name from conference_speakers",
        "select full_name from users where role = 'collector'",
    ] {
        let found: Vec<String> = db!(app, fetch_all, query_scalar, sql).expect(sql);
        values.extend(
            found
                .into_iter()
                .map(|v| v.trim().to_owned())
                .filter(|v| v.chars().count() >= 5),
        );
    }
    values
}

/// Every page residents can open, as (path, body).
async fn public_pages(app: &TestApp) -> Vec<(String, String)> {
    let anonymous = client();
    let mut paths = vec!["/".to_owned()];
    let communes: Vec<(Uuid, String)> = db!(
        app,
        fetch_all,
        query_as::<_, (Uuid, String)>,
        "select id, slug from communes order by slug"
    )
    .expect("communes");
    for (commune, slug) in communes {
        for suffix in ["", "?q=duong", "?q=nguyen", "?q=Đ", "/tra-cuu"] {
            paths.push(format!("/cong-khai/{slug}{suffix}"));
        }
        let campaigns: Vec<Uuid> = db!(
            app,
            fetch_all,
            query_scalar,
            "select id from campaigns where commune_id = ?",
            commune
        )
        .expect("campaigns");
        for campaign in campaigns {
            let base = format!("/cong-khai/{slug}/dot/{campaign}");
            paths.push(base.clone());
            paths.push(format!("{base}?theo=to"));
            let groups: Vec<Uuid> = db!(
                app,
                fetch_all,
                query_scalar,
                "select group_id from campaign_groups where campaign_id = ?",
                campaign
            )
            .expect("groups");
            for group in groups {
                paths.push(format!("{base}/to/{group}"));
            }
        }
    }
    let mut pages = Vec::new();
    for path in paths {
        let (status, body) = app.page(&anonymous, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        pages.push((path, body));
    }
    pages
}

/// The lookup answer of every receipt code, from addresses that change every ten lookups.
async fn lookup_answers(app: &TestApp, round: usize) -> Vec<(String, String)> {
    let codes: Vec<(String, String)> = db!(
        app,
        fetch_all,
        query_as::<_, (String, String)>,
        "select c.slug, f.receipt_code from forms f join communes c on c.id = f.commune_id
          order by f.receipt_code"
    )
    .expect("codes");
    let mut answers = Vec::new();
    let mut from = client();
    for (n, (slug, code)) in codes.into_iter().enumerate() {
        if n % 10 == 0 {
            // Each round of lookups from addresses of its own: the limit counts per address.
            let address = format!("127.{}.{}.{}", 10 + round, 1 + n / 2500, 1 + (n / 10) % 250);
            from = client_from(Some(&address));
        }
        let body = lookup(app, &from, &slug, &code).await;
        assert!(body.contains("Đã tiếp nhận ngày"), "{code}: {body}");
        answers.push((code, body));
    }
    answers
}

async fn lookup(app: &TestApp, from: &Client, slug: &str, code: &str) -> String {
    let response = from
        .post(format!("{}/cong-khai/{slug}/tra-cuu", app.base))
        .form(&[("ma", code)])
        .send()
        .await
        .expect("lookup");
    assert_eq!(response.status(), StatusCode::OK, "{code}");
    response.text().await.expect("body")
}

/// Scans every public page and every lookup answer for every personal value; returns the
/// number of pages and of answers scanned.
async fn scan(
    app: &TestApp,
    round: usize,
    state: &str,
    personal: &BTreeSet<String>,
) -> (usize, usize) {
    let pages = public_pages(app).await;
    let answers = lookup_answers(app, round).await;
    for (what, body) in pages.iter().chain(answers.iter()) {
        for value in personal {
            assert!(
                !body.contains(value.as_str()),
                "{state}: {what} shows personal data {value:?}"
            );
        }
    }
    eprintln!(
        "[scan] {state}: {} pages and {} lookup answers, none showing any of {} personal values",
        pages.len(),
        answers.len(),
        personal.len()
    );
    (pages.len(), answers.len())
}

/// Takes the chuyên đề campaign through its conference and an issued notice: the first issue
/// assigned to the economy office, the second resolved, the rest forwarded.
async fn conclude(app: &TestApp, staff: &Client, chair: &Client) -> (Uuid, Vec<Uuid>) {
    let campaign = app.held_conference(20).await;
    let today = today_in_vietnam(Utc::now());
    let issues = app.issue_ids(campaign).await;
    assert!(issues.len() >= 3, "the demo campaign has issues");
    let kt = app.department("kt").await;
    let items: Vec<Value> = issues
        .iter()
        .enumerate()
        .map(|(n, id)| match n {
            0 => json!({ "issue_id": id, "disposition": "Assigned", "department_id": kt,
                         "content": "Giao Phòng Kinh tế sửa chữa mặt đường.", "body": "" }),
            1 => json!({ "issue_id": id, "disposition": "Resolved", "department_id": null,
                         "content": "Đã giải quyết xong tại hội nghị.", "body": "" }),
            _ => json!({ "issue_id": id, "disposition": "Forwarded", "department_id": null,
                         "content": "Kiến nghị cấp trên xem xét.", "body": "Sở Xây dựng tỉnh" }),
        })
        .collect();
    let draft = json!({ "opening": "UBND xã tổ chức hội nghị đối thoại.",
                        "recipients": "- Lưu: VT.", "complex": false, "items": items });
    for (who, endpoint, body) in [
        (
            staff,
            "conclusion/save",
            json!({ "campaign_id": campaign, "version": 0, "draft": draft }),
        ),
        (
            chair,
            "conclusion/approve",
            json!({ "campaign_id": campaign, "version": 1 }),
        ),
        (
            chair,
            "conclusion/issue",
            json!({ "campaign_id": campaign, "version": 1, "number": "21/TB-UBND",
                    "issued_on": today - Duration::days(18) }),
        ),
    ] {
        let (status, reply) = call(app, who, endpoint, body).await;
        assert_eq!(status, StatusCode::OK, "{endpoint}: {reply}");
    }
    (campaign, issues)
}

async fn residents_see_nothing_personal_in_any_state(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let personal = personal_values(&app).await;
    assert!(
        personal.len() > 100,
        "the demo has residents: {}",
        personal.len()
    );
    let staff = app.client_for("vanphong").await;
    let chair = app.client_for("chutich").await;
    let officer = app.client_for("kinhte").await;

    // 1. As seeded: collecting, answering, and a concluded campaign with published answers.
    let (pages, answers) = scan(&app, 0, "seeded", &personal).await;
    assert!(
        pages > 20 && answers > 50,
        "{pages} pages, {answers} answers"
    );

    // 2. The notice is issued and everything is published, the notice included.
    let (campaign, issues) = conclude(&app, &staff, &chair).await;
    let (status, changed) = call(
        &app,
        &staff,
        "publish/issues",
        json!({ "campaign_id": campaign, "issues": [], "all": true, "published": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed.as_u64(), Some(issues.len() as u64));
    let (status, _) = call(
        &app,
        &chair,
        "publish/notice",
        json!({ "campaign_id": campaign, "published": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = app
        .page(&client(), &format!("/cong-khai/{SLUG}/dot/{campaign}"))
        .await;
    assert!(page.contains("Thông báo kết luận số 21/TB-UBND"), "{page}");
    assert!(page.contains("Đang giải quyết") && page.contains("Chuyển cấp trên"));
    assert!(!page.contains("<script"), "residents' pages need no script");
    scan(&app, 1, "notice issued and published", &personal).await;

    // 3. The economy office reports, staff accept: the first issue is settled.
    let (_, open) = call(&app, &officer, "conclusion/open", json!({})).await;
    let item = open[0]["item"]["id"].clone();
    let (status, reply) = call(
        &app,
        &officer,
        "conclusion/report",
        json!({ "item_id": item, "text": "Đã sửa 300 m mặt đường.", "attachment": "",
                "done_on": today_in_vietnam(Utc::now()) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let (status, _) = call(
        &app,
        &staff,
        "conclusion/review",
        json!({ "item_id": item, "accept": true, "note": "" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = app
        .page(&client(), &format!("/cong-khai/{SLUG}/dot/{campaign}"))
        .await;
    assert!(
        !page.contains("Đang giải quyết"),
        "nothing left in progress"
    );
    scan(&app, 2, "reports accepted", &personal).await;

    // 4. Closed long ago and erased. (The answers stage's own assignments are settled here
    // by hand: their flow is `tests/answers.rs`'s.)
    db!(
        app,
        execute,
        query,
        "update assignments set status = 'done'
          where issue_id in (select id from issues where campaign_id = ?)",
        campaign
    )
    .expect("assignments done");
    for (from, to) in [
        ("Conference", "Concluded"),
        ("Concluded", "FollowingUp"),
        ("FollowingUp", "Closed"),
    ] {
        let (status, reply) = call(
            &app,
            &staff,
            "plan/stage",
            json!({ "campaign_id": campaign, "from": from, "to": to }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{from} → {to}: {reply}");
    }
    db!(
        app,
        execute,
        query,
        "update campaigns set closed_at = ? where id = ?",
        Utc::now() - Duration::days(400),
        campaign
    )
    .expect("closed long ago");
    let erased = app
        .store
        .erase_due_personal_data(Utc::now())
        .await
        .expect("erase");
    assert_eq!(erased.len(), 1);
    scan(&app, 3, "closed and erased", &personal).await;
}

async fn codes_are_read_in_any_spelling_and_lookups_are_limited(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let code: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select f.receipt_code from forms f join communes c on c.id = f.commune_id
          where c.slug = 'bac-thanh-mien' order by f.receipt_code limit 1"
    )
    .expect("a code");
    let other: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select f.receipt_code from forms f join communes c on c.id = f.commune_id
          where c.slug <> 'bac-thanh-mien' order by f.receipt_code limit 1"
    )
    .expect("another commune's code");
    let from = client_from(Some("127.0.3.1"));
    let exact = lookup(&app, &from, SLUG, &code).await;
    assert!(exact.contains("Đã tiếp nhận ngày"), "{exact}");
    let answer = |body: &str| {
        body.split("id=\"lookup-answer\"")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    for spelling in [
        code.to_lowercase(),
        code.replace('-', ""),
        code.replace('-', " "),
        format!("  {} ", code.to_lowercase().replace('-', " - ")),
    ] {
        let body = lookup(&app, &from, SLUG, &spelling).await;
        assert_eq!(answer(&body), answer(&exact), "{spelling:?}");
    }
    // A wrong code says so, and names no other code.
    let all_codes: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select receipt_code from forms"
    )
    .expect("codes");
    for (typed, message) in [
        ("ZZZZ-ZZZZ", "Không tìm thấy phiếu"),
        (other.as_str(), "Không tìm thấy phiếu"),
        ("abc", "Mã tra cứu gồm 8 ký tự"),
        ("ABCD-EFG0", "Mã tra cứu gồm 8 ký tự"),
    ] {
        let body = lookup(&app, &from, SLUG, typed).await;
        let said = answer(&body);
        assert!(said.contains(message), "{typed}: {said}");
        assert!(
            all_codes.iter().all(|c| !said.contains(c.as_str())),
            "{typed}: the answer names a code"
        );
    }
    // Nine lookups so far from this address; the tenth passes, the eleventh waits.
    let body = lookup(&app, &from, SLUG, &code).await;
    assert!(body.contains("Đã tiếp nhận ngày"));
    let response = from
        .post(format!("{}/cong-khai/{SLUG}/tra-cuu", app.base))
        .form(&[("ma", code.as_str())])
        .send()
        .await
        .expect("lookup");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
    let body = response.text().await.expect("body");
    assert!(body.contains("tra cứu quá nhiều lần"), "{body}");
    assert!(
        !body.contains("Đã tiếp nhận ngày"),
        "no answer while throttled"
    );
    // Another address is not held back.
    let elsewhere = lookup(&app, &client_from(Some("127.0.3.2")), SLUG, &code).await;
    assert!(elsewhere.contains("Đã tiếp nhận ngày"));
    // An unknown commune or campaign is a page that says so.
    let (status, body) = app.page(&client(), "/cong-khai/khong-co").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Không tìm thấy trang"));
    let (status, _) = app
        .page(&client(), &format!("/cong-khai/{SLUG}/dot/{}", Uuid::nil()))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn only_staff_and_the_chair_publish_and_every_change_is_audited(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let chair = app.client_for("chutich").await;
    let campaign = app.campaign("chuyen_de").await;
    let issues = app.issue_ids(campaign).await;
    // The answering campaign's issues have no approved answer yet.
    let approved: Vec<Uuid> = db!(
        app,
        fetch_all,
        query_scalar,
        "select distinct i.id from issues i join answers a on a.issue_id = i.id
          where i.campaign_id = ? and a.status = 'approved'",
        campaign
    )
    .expect("approved");
    let unanswered = issues
        .iter()
        .find(|i| !approved.contains(i))
        .copied()
        .expect("an issue without an approved answer");
    let collector: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select u.username from users u join communes c on c.id = u.commune_id
          where u.role = 'collector' and c.slug = 'bac-thanh-mien' order by u.username limit 1"
    )
    .expect("collector");
    let outsider: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select u.username from users u join communes c on c.id = u.commune_id
          where u.role = 'ward_staff' and c.slug <> 'bac-thanh-mien' order by u.username limit 1"
    )
    .expect("another commune's staff");
    let publish = |ids: Vec<Uuid>, published: bool| json!({ "campaign_id": campaign, "issues": ids, "all": false, "published": published });
    for user in [collector.as_str(), "kinhte", "mttq", "admin"] {
        let who = app.client_for(user).await;
        for (endpoint, body) in [
            ("publish/sheet", json!({ "campaign_id": campaign })),
            ("publish/issues", publish(issues.clone(), true)),
            (
                "publish/notice",
                json!({ "campaign_id": campaign, "published": true }),
            ),
        ] {
            let (status, _) = call(&app, &who, endpoint, body).await;
            assert!(
                status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED,
                "{user} → {endpoint}: {status}"
            );
        }
    }
    let outsider = app.client_for(&outsider).await;
    let (status, _) = call(
        &app,
        &outsider,
        "publish/issues",
        publish(vec![issues[0]], true),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another commune's campaign");
    let published: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from issues where campaign_id = ? and published = ?",
        campaign,
        true
    )
    .expect("count");
    assert_eq!(published, 0, "nothing was published by the refused calls");

    // Nothing to show yet: refused, with the reason.
    let (status, reply) = call(
        &app,
        &staff,
        "publish/issues",
        publish(vec![unanswered], true),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("Chỉ công khai được"), "{reply}");
    let (status, reply) = call(
        &app,
        &chair,
        "publish/notice",
        json!({ "campaign_id": campaign, "published": true }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("chưa ban hành"), "{reply}");

    // The concluded campaign's answers are published: withdraw one and residents no longer
    // see it; publish it again and they do.
    let concluded = app.campaign("dot_xuat").await;
    let shown: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from issues where campaign_id = ? and published = ? order by title limit 1",
        concluded,
        true
    )
    .expect("a published issue");
    let title: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select title from issues where id = ?",
        shown
    )
    .expect("title");
    let toggle = |published: bool| json!({ "campaign_id": concluded, "issues": [shown], "all": false, "published": published });
    let path = format!("/cong-khai/{SLUG}/dot/{concluded}");
    let (_, before) = app.page(&client(), &path).await;
    assert!(before.contains(&title), "published by the demo");
    let (status, reply) = call(&app, &staff, "publish/issues", toggle(false)).await;
    assert_eq!((status, reply.as_u64()), (StatusCode::OK, Some(1)));
    let (_, page) = app.page(&client(), &path).await;
    assert!(!page.contains(&title), "withdrawn: {page}");
    let (_, sheet) = call(
        &app,
        &staff,
        "publish/sheet",
        json!({ "campaign_id": concluded }),
    )
    .await;
    let row = sheet["issues"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == json!(shown)))
        .cloned()
        .expect("row");
    assert_eq!(
        (row["published"].clone(), row["publishable"].clone()),
        (json!(false), json!(true))
    );
    let (status, reply) = call(&app, &chair, "publish/issues", toggle(true)).await;
    assert_eq!((status, reply.as_u64()), (StatusCode::OK, Some(1)));
    let (_, after) = app.page(&client(), &path).await;
    assert!(after.contains(&title), "published again");
    assert!(after.contains("Đã trả lời"));
    let (status, reply) = call(&app, &chair, "publish/issues", toggle(true)).await;
    assert_eq!(
        (status, reply.as_u64()),
        (StatusCode::OK, Some(0)),
        "already published: nothing changes, nothing is audited"
    );
    let actions: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select action from audit_log where entity = 'issue' and entity_id = ?
          order by id",
        shown.to_string()
    )
    .expect("audit");
    assert_eq!(actions, ["unpublish", "publish"]);

    // The administrator sets the retention period, within bounds, audited.
    let admin = app.client_for("admin").await;
    let commune: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from communes where slug = 'bac-thanh-mien'"
    )
    .expect("commune");
    for (who, days, expected, why) in [
        (&admin, 5, StatusCode::UNPROCESSABLE_ENTITY, "too short"),
        (&staff, 90, StatusCode::FORBIDDEN, "staff do not set it"),
        (&admin, 90, StatusCode::OK, "the administrator does"),
    ] {
        let (status, _) = call(
            &app,
            who,
            "admin/retention/set",
            json!({ "commune_id": commune, "days": days }),
        )
        .await;
        assert_eq!(status, expected, "{why}");
    }
    let (_, days) = call(
        &app,
        &admin,
        "admin/retention",
        json!({ "commune_id": commune }),
    )
    .await;
    assert_eq!(days, json!(90));
    let retention: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select after_json from audit_log where entity = 'commune' and action = 'retention'"
    )
    .expect("audit");
    assert_eq!(retention, [r#"{"retention_days":90}"#]);

    // Downloading what names residents is audited.
    let (status, _) = app
        .download(
            &staff,
            &format!("/api/v1/campaigns/{campaign}/report.xlsx?ca-nhan=1"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let exports: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select after_json from audit_log where action = 'export_personal_data' and entity_id = ?",
        campaign.to_string()
    )
    .expect("audit");
    assert_eq!(exports, [r#"{"file":"bao-cao-tong-hop-y-kien.xlsx"}"#]);
}

/// Counts the desk shows for a campaign: the pivot's opinions and households, distinct
/// households among opinions, forms, and the summary report's totals.
async fn counts(app: &TestApp, campaign: Uuid) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "select coalesce(sum(opinions), 0) from pivot_cells where campaign_id = ?",
        "select coalesce(sum(households), 0) from pivot_cells where campaign_id = ?",
        "select coalesce(sum(households), 0) from pivot_groups where campaign_id = ?",
        "select count(distinct household_key) from opinions where campaign_id = ?",
        "select count(*) from forms where campaign_id = ?",
        "select count(*) from opinions where campaign_id = ?",
    ] {
        let n: i64 = db!(
            app,
            fetch_one,
            query_scalar,
            format!("select cast(({sql}) as bigint)"),
            campaign
        )
        .expect(sql);
        counts.push(n);
    }
    counts
}

async fn erasure_keeps_every_count_and_is_audited(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("dot_xuat").await;
    let commune: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from communes where slug = 'bac-thanh-mien'"
    )
    .expect("commune");
    let consent: Vec<Option<String>> = db!(
        app,
        fetch_all,
        query_scalar,
        "select distinct consent_version from forms where campaign_id = ?",
        campaign
    )
    .expect("consent");
    assert_eq!(
        consent,
        [Some("2".to_owned())],
        "consent recorded with its text's version"
    );
    let before = counts(&app, campaign).await;
    // The statistics of a span holding the campaign's conference.
    db!(
        app,
        execute,
        query,
        "update campaigns set conference_date = ? where id = ?",
        today_in_vietnam(Utc::now()) - Duration::days(30),
        campaign
    )
    .expect("conference day");
    let (from, to) = (
        today_in_vietnam(Utc::now()) - Duration::days(800),
        today_in_vietnam(Utc::now()) + Duration::days(800),
    );
    let statistics_before = app
        .store
        .period_facts(commune.into(), from, to)
        .await
        .expect("statistics");
    assert!(before.iter().all(|n| *n > 0), "{before:?}");
    let report_before = app
        .store
        .report(
            commune.into(),
            campaign.into(),
            today_in_vietnam(Utc::now()),
        )
        .await
        .expect("report")
        .expect("known");

    // Closed yesterday: within the 365 days, nothing is erased.
    db!(
        app,
        execute,
        query,
        "update campaigns set stage = 'closed', closed_at = ? where id = ?",
        Utc::now() - Duration::days(1),
        campaign
    )
    .expect("closed");
    let none = app
        .store
        .erase_due_personal_data(Utc::now())
        .await
        .expect("erase");
    assert!(none.is_empty());
    let named: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from forms where campaign_id = ? and respondent_name is not null",
        campaign
    )
    .expect("named");
    assert!(named > 0);

    // A year and a day later it is.
    let later = Utc::now() + Duration::days(365);
    let erased = app
        .store
        .erase_due_personal_data(later)
        .await
        .expect("erase");
    assert_eq!(erased.len(), 1);
    let e = erased[0].erased;
    eprintln!("[erasure] {e:?}");
    assert!(e.forms > 0 && e.households > 0, "{e:?}");
    let left: (i64, i64, i64) = db!(
        app,
        fetch_one,
        query_as::<_, (i64, i64, i64)>,
        "select cast(count(respondent_name) as bigint), cast(count(phone) as bigint),
                cast(sum(case when household like 'Hộ số %' then 0 else 1 end) as bigint)
           from forms where campaign_id = ? and household is not null",
        campaign
    )
    .expect("left");
    assert_eq!(left, (0, 0, 0), "no name, phone or real household is left");
    assert_eq!(counts(&app, campaign).await, before, "every count is kept");
    let statistics_after = app
        .store
        .period_facts(commune.into(), from, to)
        .await
        .expect("statistics");
    assert_eq!(
        statistics_after, statistics_before,
        "the statistics do not move"
    );
    let report_after = app
        .store
        .report(
            commune.into(),
            campaign.into(),
            today_in_vietnam(Utc::now()),
        )
        .await
        .expect("report")
        .expect("known");
    assert_eq!(
        (
            report_after.forms,
            report_after.totals.opinions,
            report_after.totals.households
        ),
        (
            report_before.forms,
            report_before.totals.opinions,
            report_before.totals.households
        )
    );
    let audit: Vec<(Option<Uuid>, String)> = db!(
        app,
        fetch_all,
        query_as::<_, (Option<Uuid>, String)>,
        "select actor_id, after_json from audit_log
          where action = 'erase_personal_data' and entity_id = ?",
        campaign.to_string()
    )
    .expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, None, "done by the schedule, not a person");
    assert!(audit[0].1.contains(&format!("\"forms\":{}", e.forms)));
    // Once erased, never again.
    assert!(
        app.store
            .erase_due_personal_data(later)
            .await
            .expect("erase")
            .is_empty()
    );
}

async fn a_resident_s_personal_data_is_erased_on_request(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("dot_xuat").await;
    // A form with a name, a phone and a household.
    let (form, code, group, household): (Uuid, String, Uuid, String) = db!(
        app,
        fetch_one,
        query_as::<_, (Uuid, String, Uuid, String)>,
        "select id, receipt_code, group_id, household from forms
          where campaign_id = ? and respondent_name is not null and phone is not null
            and household is not null
          order by receipt_code limit 1",
        campaign
    )
    .expect("a named form");
    let same_household: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from forms where campaign_id = ? and group_id = ? and household = ?",
        campaign,
        group,
        household.clone()
    )
    .expect("count");
    let before = counts(&app, campaign).await;
    let erase = |code: &str| json!({ "receipt_code": code });
    let typed = code.to_lowercase().replace('-', " ");
    for user in ["anson", "kinhte", "mttq", "admin"] {
        let who = app.client_for(user).await;
        let (status, _) = call(&app, &who, "personal_data/erase_form", erase(&typed)).await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED,
            "{user}: {status}"
        );
    }
    let outsider: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select u.username from users u join communes c on c.id = u.commune_id
          where u.role = 'ward_staff' and c.slug <> 'bac-thanh-mien' order by u.username limit 1"
    )
    .expect("another commune's staff");
    let outsider = app.client_for(&outsider).await;
    let (status, _) = call(&app, &outsider, "personal_data/erase_form", erase(&code)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another commune's form");
    let (status, _) = call(&app, &staff, "personal_data/erase_form", erase("abc")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let named: (Option<String>, Option<String>) = db!(
        app,
        fetch_one,
        query_as::<_, (Option<String>, Option<String>)>,
        "select respondent_name, phone from forms where id = ?",
        form
    )
    .expect("form");
    assert!(
        named.0.is_some() && named.1.is_some(),
        "nothing erased by refusals"
    );

    let (status, erased) = call(&app, &staff, "personal_data/erase_form", erase(&typed)).await;
    assert_eq!(status, StatusCode::OK, "{erased}");
    assert_eq!(erased["forms"], json!(same_household));
    assert_eq!(erased["households"], json!(1));
    let after: (Option<String>, Option<String>, Option<String>) = db!(
        app,
        fetch_one,
        query_as::<_, (Option<String>, Option<String>, Option<String>)>,
        "select respondent_name, phone, household from forms where id = ?",
        form
    )
    .expect("form");
    assert_eq!(
        after,
        (None, None, Some("Hộ đã xóa số 1".to_owned())),
        "name, phone and household gone"
    );
    let left: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from forms where household = ?",
        household
    )
    .expect("left");
    assert_eq!(
        left, 0,
        "the household is erased on every form of the same thôn"
    );
    assert_eq!(counts(&app, campaign).await, before, "every count is kept");
    let audit: Vec<(Option<Uuid>, String)> = db!(
        app,
        fetch_all,
        query_as::<_, (Option<Uuid>, String)>,
        "select actor_id, action from audit_log where entity = 'form' and entity_id = ?",
        form.to_string()
    )
    .expect("audit");
    assert_eq!(audit.len(), 1);
    assert!(audit[0].0.is_some(), "who erased it is recorded");
    assert_eq!(audit[0].1, "erase_personal_data");
    // Asking again changes nothing more.
    let (status, again) = call(&app, &staff, "personal_data/erase_form", erase(&code)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (again["forms"].clone(), again["households"].clone()),
        (json!(0), json!(0))
    );
}

on_both!(
    residents_see_nothing_personal_in_any_state,
    codes_are_read_in_any_spelling_and_lookups_are_limited,
    only_staff_and_the_chair_publish_and_every_change_is_audited,
    erasure_keeps_every_count_and_is_audited,
    a_resident_s_personal_data_is_erased_on_request,
);
