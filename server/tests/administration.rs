//! The administrator's functions over real HTTP, on both databases: who may call them, and a
//! new commune set up from nothing — groups (renamed, merged, deactivated), departments,
//! topics, users with one-time passwords that must be changed, locking, resets, the holiday
//! calendar and the audit trail of every change.

mod common;

use common::{Backend, TestApp, client, spawn_app_on};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

const COMMUNE_USERS: &[&str] = &[
    "vanphong", "kinhte", "chutich", "mttq", "anson", "anlau", "tanphong", "kinhmon",
];

async fn ok(app: &TestApp, client: &Client, endpoint: &str, body: Value) -> Value {
    let (status, reply) = app.call_json(client, endpoint, &body).await;
    assert_eq!(status, StatusCode::OK, "{endpoint}: {reply}");
    reply
}

async fn login_with(app: &TestApp, username: &str, password: &str) -> Client {
    let client = client();
    let (status, body) = app
        .call(
            &client,
            "session/login",
            &[("username", username), ("password", password)],
        )
        .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "login {username}: {status} {body}"
    );
    client
}

async fn every_admin_function_refuses_everyone_but_the_administrator(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let commune: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from communes where slug = 'bac-thanh-mien'",
    )
    .expect("commune");
    let group: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from residential_groups where commune_id = ? limit 1",
        commune
    )
    .expect("group");
    let user: Uuid = db!(
        app,
        fetch_one,
        query_scalar,
        "select id from users where username = 'anson'",
    )
    .expect("user");
    let calls: Vec<(&str, Value)> = vec![
        ("admin/communes", json!({})),
        (
            "admin/commune/create",
            json!({ "draft": { "name": "Xã X", "kind": "xa", "province": "Hải Phòng" } }),
        ),
        ("admin/commune", json!({ "commune_id": commune })),
        (
            "admin/commune/update",
            json!({ "commune_id": commune, "draft": { "name": "Xã Đổi", "kind": "xa", "province": "Hải Phòng" } }),
        ),
        (
            "admin/group/add",
            json!({ "commune_id": commune, "name": "Thôn Mới", "kind": "thon" }),
        ),
        (
            "admin/group/rename",
            json!({ "commune_id": commune, "group_id": group, "name": "Thôn Đổi", "kind": "thon" }),
        ),
        (
            "admin/group/active",
            json!({ "commune_id": commune, "group_id": group, "active": false }),
        ),
        (
            "admin/group/merge",
            json!({ "commune_id": commune, "from": group, "into": group }),
        ),
        (
            "admin/department/save",
            json!({ "commune_id": commune, "department_id": null, "name": "Phòng Mới" }),
        ),
        (
            "admin/topic/save",
            json!({ "commune_id": commune, "topic_id": null, "name": "Mới", "default_department": null }),
        ),
        (
            "admin/users",
            json!({ "commune_id": commune, "filter": { "role": null, "active": null, "text": "" } }),
        ),
        (
            "admin/user/create",
            json!({ "commune_id": commune, "draft": { "username": "moi", "full_name": "Mới",
                    "role": "WardStaff", "department_id": null, "group_ids": [] } }),
        ),
        (
            "admin/user/update",
            json!({ "commune_id": commune, "user_id": user, "draft": { "username": "anson",
                    "full_name": "X", "role": "WardStaff", "department_id": null, "group_ids": [] } }),
        ),
        (
            "admin/user/active",
            json!({ "user_id": user, "active": false }),
        ),
        ("admin/user/reset", json!({ "user_id": user })),
        ("admin/holidays", json!({ "year": 2027 })),
        (
            "admin/holiday/set",
            json!({ "draft": { "date": "2027-02-06", "kind": "WorkingWeekend", "name": "Làm bù" } }),
        ),
        ("admin/holiday/remove", json!({ "date": "2027-02-06" })),
        ("admin/audit", json!({ "commune_id": null, "entity": null })),
    ];
    let anonymous = client();
    for (endpoint, body) in &calls {
        let (status, _) = app.call_json(&anonymous, endpoint, body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous → {endpoint}");
    }
    for username in COMMUNE_USERS {
        let c = app.client_for(username).await;
        for (endpoint, body) in &calls {
            let (status, reply) = app.call_json(&c, endpoint, body).await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{username} → {endpoint}: {reply}"
            );
        }
    }
    // Nothing above changed: the group and the user are as the demo made them.
    let (active, name): (bool, String) = db!(
        app,
        fetch_one,
        query_as::<_, (bool, String)>,
        "select active, name from residential_groups where id = ?",
        group
    )
    .expect("group");
    assert!(active && name != "Thôn Đổi");
    let admin = app.client_for("admin").await;
    let reply = ok(
        &app,
        &admin,
        "admin/commune",
        json!({ "commune_id": commune }),
    )
    .await;
    assert_eq!(reply["groups"].as_array().map(Vec::len), Some(6));
    let (status, _) = app
        .call_json(
            &admin,
            "admin/commune",
            &json!({ "commune_id": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn an_administrator_sets_up_a_commune_from_nothing(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let admin = app.client_for("admin").await;
    let commune = ok(
        &app,
        &admin,
        "admin/commune/create",
        json!({ "draft": { "name": "Xã Đông Hưng", "kind": "xa", "province": "Hưng Yên" } }),
    )
    .await;
    let slug: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select slug from communes where name = 'Xã Đông Hưng'",
    )
    .expect("slug");
    assert_eq!(slug, "xa-dong-hung");
    ok(
        &app,
        &admin,
        "admin/commune/update",
        json!({ "commune_id": commune, "draft": { "name": "Phường Đông Hưng", "kind": "phuong",
                "province": "Hưng Yên" } }),
    )
    .await;
    let (name, kind, slug): (String, String, String) = db!(
        app,
        fetch_one,
        query_as::<_, (String, String, String)>,
        "select name, kind, slug from communes where slug = 'xa-dong-hung'",
    )
    .expect("renamed commune");
    assert_eq!(
        (name.as_str(), kind.as_str(), slug.as_str()),
        ("Phường Đông Hưng", "phuong", "xa-dong-hung")
    );
    let mut groups = Vec::new();
    for name in ["Thôn Đông", "Thôn Tây", "Thôn Nam"] {
        let id = ok(
            &app,
            &admin,
            "admin/group/add",
            json!({ "commune_id": commune, "name": name, "kind": "thon" }),
        )
        .await;
        groups.push(id);
    }
    let (status, reply) = app
        .call_json(
            &admin,
            "admin/group/add",
            &json!({ "commune_id": commune, "name": "Thôn Đông", "kind": "thon" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    let department = ok(
        &app,
        &admin,
        "admin/department/save",
        json!({ "commune_id": commune, "department_id": null, "name": "Phòng Kinh tế" }),
    )
    .await;
    let topic = ok(
        &app,
        &admin,
        "admin/topic/save",
        json!({ "commune_id": commune, "topic_id": null, "name": "Kinh tế",
                "default_department": department }),
    )
    .await;
    let setup = ok(
        &app,
        &admin,
        "admin/commune",
        json!({ "commune_id": commune }),
    )
    .await;
    assert_eq!(setup["topics"][0]["id"], topic);
    assert_eq!(setup["topics"][0]["default_department_id"], department);
    assert_eq!(setup["departments"][0]["code"], "phong_kinh_te");

    // A collector for Thôn Đông, with a one-time password.
    let issued = ok(
        &app,
        &admin,
        "admin/user/create",
        json!({ "commune_id": commune, "draft": { "username": "thondong", "full_name": "Trưởng thôn Đông",
                "role": "Collector", "department_id": null, "group_ids": [groups[0]] } }),
    )
    .await;
    let password = issued["password"].as_str().expect("password").to_owned();
    assert_eq!(password.chars().count(), 12);
    let (status, _) = app
        .call_json(
            &admin,
            "admin/user/create",
            &json!({ "commune_id": commune, "draft": { "username": "thondong", "full_name": "Trùng",
                     "role": "WardStaff", "department_id": null, "group_ids": [] } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a taken username");
    let (status, _) = app
        .call_json(
            &admin,
            "admin/user/create",
            &json!({ "commune_id": commune, "draft": { "username": "ngoai", "full_name": "Ngoài",
                     "role": "Collector", "department_id": null,
                     "group_ids": [db!(app, fetch_one, query_scalar::<_, Uuid>,
                        "select id from residential_groups where name = 'Thôn An Sơn'").expect("g")] } }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another commune's group");

    let collector = login_with(&app, "thondong", &password).await;
    let (_, me) = app.call(&collector, "session/whoami", &[]).await;
    assert_eq!(me["must_change_password"], true);
    let (status, reply) = app.call(&collector, "collect/my_campaigns", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(reply, json!("PasswordChangeRequired"));
    let sync = collector
        .get(format!("{}/api/v1/collect/reference", app.base))
        .send()
        .await
        .expect("reference");
    assert_eq!(sync.status(), StatusCode::FORBIDDEN);
    let (status, reply) = app
        .call(
            &collector,
            "session/password",
            &[
                ("current", password.as_str()),
                ("new", "mật khẩu mới 2026"),
                ("again", "mật khẩu mới 2025"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.to_string().contains("không giống nhau"), "{reply}");
    let (status, reply) = app
        .call(
            &collector,
            "session/password",
            &[
                ("current", "sai mật khẩu"),
                ("new", "mật khẩu mới 2026"),
                ("again", "mật khẩu mới 2026"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    let (status, reply) = app
        .call(
            &collector,
            "session/password",
            &[
                ("current", password.as_str()),
                ("new", "mật khẩu mới 2026"),
                ("again", "mật khẩu mới 2026"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let (status, _) = app.call(&collector, "collect/my_campaigns", &[]).await;
    assert_eq!(status, StatusCode::OK, "the new session works at once");
    let (_, me) = app.call(&collector, "session/whoami", &[]).await;
    assert_eq!(me["must_change_password"], false);

    // Reorganisation: Thôn Đông merges into Thôn Tây; the collector follows.
    ok(
        &app,
        &admin,
        "admin/group/merge",
        json!({ "commune_id": commune, "from": groups[0], "into": groups[1] }),
    )
    .await;
    let setup = ok(
        &app,
        &admin,
        "admin/commune",
        json!({ "commune_id": commune }),
    )
    .await;
    let east = setup["groups"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["id"] == groups[0]))
        .cloned()
        .expect("merged group still listed");
    assert_eq!(east["active"], false);
    assert_eq!(east["merged_into"], "Thôn Tây");
    let users = ok(
        &app,
        &admin,
        "admin/users",
        json!({ "commune_id": commune, "filter": { "role": "Collector", "active": null, "text": "dong" } }),
    )
    .await;
    assert_eq!(users[0]["group_ids"], json!([groups[1]]));
    let (status, _) = app
        .call_json(
            &admin,
            "admin/group/merge",
            &json!({ "commune_id": commune, "from": groups[0], "into": groups[2] }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a merged group is gone");
    ok(
        &app,
        &admin,
        "admin/group/rename",
        json!({ "commune_id": commune, "group_id": groups[2], "name": "Tổ dân phố Nam", "kind": "to_dan_pho" }),
    )
    .await;
    ok(
        &app,
        &admin,
        "admin/group/active",
        json!({ "commune_id": commune, "group_id": groups[2], "active": false }),
    )
    .await;

    // Locking ends the session at once; a reset ends it too and asks for a new password.
    let user_id = issued["user_id"].clone();
    ok(
        &app,
        &admin,
        "admin/user/active",
        json!({ "user_id": user_id, "active": false }),
    )
    .await;
    let (_, me) = app.call(&collector, "session/whoami", &[]).await;
    assert_eq!(me, Value::Null, "locked out at once");
    let (status, _) = app
        .call(
            &client(),
            "session/login",
            &[("username", "thondong"), ("password", "mật khẩu mới 2026")],
        )
        .await;
    assert!(!status.is_success() && !status.is_redirection(), "locked");
    ok(
        &app,
        &admin,
        "admin/user/active",
        json!({ "user_id": user_id, "active": true }),
    )
    .await;
    let collector = login_with(&app, "thondong", "mật khẩu mới 2026").await;
    let reset = ok(
        &app,
        &admin,
        "admin/user/reset",
        json!({ "user_id": user_id }),
    )
    .await;
    let (_, me) = app.call(&collector, "session/whoami", &[]).await;
    assert_eq!(me, Value::Null, "a reset ends the sessions");
    let again = login_with(&app, "thondong", reset["password"].as_str().expect("pw")).await;
    let (_, me) = app.call(&again, "session/whoami", &[]).await;
    assert_eq!(me["must_change_password"], true);
    let (status, _) = app
        .call_json(
            &admin,
            "admin/user/active",
            &json!({ "user_id": db!(app, fetch_one, query_scalar::<_, Uuid>,
                "select id from users where username = 'admin'").expect("admin"), "active": false }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no locking oneself out"
    );

    // Every change is in the commune's audit log, with its actor.
    let log = ok(
        &app,
        &admin,
        "admin/audit",
        json!({ "commune_id": commune, "entity": null }),
    )
    .await;
    let actions: Vec<(String, String)> = log
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["entity"].as_str().unwrap_or("").to_owned(),
                e["action"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for expected in [
        ("commune", "created"),
        ("commune", "changed"),
        ("group", "created"),
        ("group", "merged"),
        ("group", "renamed"),
        ("group", "deactivated"),
        ("department", "created"),
        ("topic", "created"),
        ("user", "created"),
        ("user", "password_changed"),
        ("user", "deactivated"),
        ("user", "reactivated"),
        ("user", "password_reset"),
    ] {
        assert!(
            actions
                .iter()
                .any(|(e, a)| (e.as_str(), a.as_str()) == expected),
            "{expected:?} missing from {actions:?}"
        );
    }
    let renamed = log
        .as_array()
        .and_then(|l| l.iter().find(|e| e["action"] == "renamed"))
        .cloned()
        .expect("rename entry");
    assert!(
        renamed["before"]
            .as_str()
            .is_some_and(|b| b.contains("Thôn Nam"))
    );
    assert!(
        renamed["after"]
            .as_str()
            .is_some_and(|a| a.contains("Tổ dân phố Nam"))
    );
    assert_eq!(renamed["actor"], "admin");
}

async fn the_holiday_calendar_is_computed_and_edited_by_date(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let admin = app.client_for("admin").await;
    let year = ok(&app, &admin, "admin/holidays", json!({ "year": 2027 })).await;
    let day = |list: &Value, date: &str| {
        list.as_array()
            .and_then(|l| l.iter().find(|d| d["date"] == date))
            .cloned()
    };
    // Tết Đinh Mùi: mùng 1 is Saturday 6/2/2027.
    let tet = day(&year, "2027-02-06").expect("Tết");
    assert_eq!(tet["kind"], "Holiday");
    assert_eq!(tet["edited"], false);
    assert!(day(&year, "2027-02-05").is_some(), "new year's eve");
    ok(
        &app,
        &admin,
        "admin/holiday/set",
        json!({ "draft": { "date": "2027-02-13", "kind": "WorkingWeekend", "name": "Làm bù thứ Bảy" } }),
    )
    .await;
    ok(
        &app,
        &admin,
        "admin/holiday/set",
        json!({ "draft": { "date": "2027-02-06", "kind": "Holiday", "name": "Mùng 1 Tết Đinh Mùi" } }),
    )
    .await;
    let year = ok(&app, &admin, "admin/holidays", json!({ "year": 2027 })).await;
    assert_eq!(
        day(&year, "2027-02-13").expect("swap")["kind"],
        "WorkingWeekend"
    );
    let tet = day(&year, "2027-02-06").expect("Tết");
    assert_eq!(
        (tet["name"].as_str(), tet["edited"].as_bool()),
        (Some("Mùng 1 Tết Đinh Mùi"), Some(true))
    );
    ok(
        &app,
        &admin,
        "admin/holiday/remove",
        json!({ "date": "2027-02-06" }),
    )
    .await;
    let year = ok(&app, &admin, "admin/holidays", json!({ "year": 2027 })).await;
    assert_eq!(
        day(&year, "2027-02-06").expect("Tết")["edited"],
        false,
        "computed again"
    );
    let (status, _) = app
        .call_json(
            &admin,
            "admin/holiday/remove",
            &json!({ "date": "2027-02-06" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call_json(&admin, "admin/holidays", &json!({ "year": 99999 }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The swapped Saturday counts as a working day for every commune's deadlines.
    let calendar = app
        .store
        .calendar(app::domain::ids::CommuneId::new())
        .await
        .expect("calendar");
    assert!(calendar.iter().any(|(d, k)| d.to_string() == "2027-02-13"
        && *k == app::domain::calendar::DayKind::WorkingWeekend));
}

on_both!(
    every_admin_function_refuses_everyone_but_the_administrator,
    an_administrator_sets_up_a_commune_from_nothing,
    the_holiday_calendar_is_computed_and_edited_by_date,
);
