//! Server-rendered pages: each role's home shows its data; public pages hold no personal data.

mod common;

use common::{Backend, client, spawn_app_on};
use reqwest::StatusCode;

async fn each_role_home_renders_its_own_data_on_the_server(backend: Backend) {
    let app = spawn_app_on(backend).await;
    // (user, heading, a piece of data that only the loaded list contains)
    let cases = [
        ("anson", "Đợt đối thoại của tôi", "Phiếu tôi đã thu"),
        (
            "vanphong",
            "Tiếp nhận ý kiến, kiến nghị",
            "data-figure=\"opinions\"",
        ),
        (
            "kinhte",
            "Việc được giao cho đơn vị tôi",
            // a cell of the loaded list (the renderer may add a marker comment after the text)
            "<td>Chờ phê duyệt<",
        ),
        ("chutich", "Nội dung trả lời chờ phê duyệt", "gửi lúc"),
        ("mttq", "Theo dõi, đôn đốc thực hiện", "ngày làm việc"),
        ("admin", "Đơn vị hành chính", "Phường Kinh Môn"),
    ];
    for (user, heading, data) in cases {
        let client = app.client_for(user).await;
        let (status, html) = app.page(&client, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(heading), "{user}: missing {heading}");
        assert!(
            html.contains(data),
            "{user}: the streamed page lacks {data}"
        );
        assert!(
            !html.contains("Hệ thống đang gặp sự cố"),
            "{user}: a section failed"
        );
    }
}

async fn the_visitor_home_lists_communes_with_published_answers(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let (status, html) = app.page(&client(), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Xã Bắc Thanh Miện"));
    assert!(html.contains("/cong-khai/bac-thanh-mien"));
    assert!(
        html.contains("Phường Kinh Môn"),
        "communes without answers are listed too"
    );
}

async fn the_public_page_shows_answers_and_no_resident_data(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let (status, list) = app.page(&client(), "/cong-khai/bac-thanh-mien").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("vấn đề đã công khai"), "{list}");
    let campaign = app.campaign("dot_xuat").await;
    let (status, html) = app
        .page(
            &client(),
            &format!("/cong-khai/bac-thanh-mien/dot/{campaign}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Nội dung trả lời"));
    assert!(html.contains("Đã trả lời"), "each issue's status");
    let personal: Vec<(Option<String>, Option<String>, Option<String>)> = db!(
        app,
        fetch_all,
        query_as,
        "select respondent_name, phone, household from forms"
    )
    .expect("forms");
    assert!(personal.len() > 100);
    for (name, phone, household) in personal {
        for value in [name, phone, household].into_iter().flatten() {
            assert!(
                !html.contains(&value),
                "personal data on the public page: {value}"
            );
        }
    }
}

async fn a_commune_without_published_answers_shows_an_empty_state(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let (status, html) = app.page(&client(), "/cong-khai/kinh-mon").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("chưa công khai nội dung nào"));
}

async fn unknown_addresses_are_404_in_vietnamese(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let (status, html) = app.page(&client(), "/khong-co-trang-nay").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Không tìm thấy trang"));
}

async fn health_check_reaches_the_database(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let (status, body) = app.page(&client(), "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
}

async fn the_demo_has_a_few_hundred_opinions_over_every_group_and_topic(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let opinions: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions"
    )
    .expect("count");
    assert!((200..=600).contains(&opinions), "{opinions}");
    let kinds: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select distinct kind from campaigns order by kind"
    )
    .expect("kinds");
    assert_eq!(kinds, ["chuyen_de", "dinh_ky", "dot_xuat"]);
    let empty_groups: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from residential_groups g
          where not exists (select 1 from opinions o where o.group_id = g.id)
            and g.name not like 'Tổ dân phố Kinh Thượng' and g.name not like 'Tổ dân phố An Ninh'",
    )
    .expect("groups");
    assert_eq!(empty_groups, 0);
    let roles: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(distinct role) from users"
    )
    .expect("roles");
    assert_eq!(roles, 6);
}

async fn responses_are_revalidated_so_releases_never_mix(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let response = client()
        .get(format!("{}/", app.base))
        .send()
        .await
        .expect("page");
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-cache")
    );
}

/// The bundle a page loads, from its hydration script tags.
fn bundle_of(html: &str) -> &'static str {
    match (
        html.contains("/pkg/thu.wasm"),
        html.contains("/pkg/danban.wasm"),
    ) {
        (true, false) => "thu",
        (false, true) => "danban",
        other => panic!("expected exactly one bundle, found {other:?}"),
    }
}

async fn collectors_pages_load_the_small_bundle_and_residents_none(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let anonymous = client();
    let collector = app.client_for("anson").await;
    let staff = app.client_for("vanphong").await;
    let cases = [
        (&anonymous, "/dang-nhap", "thu"),
        (&anonymous, "/", "danban"),
        (&collector, "/", "thu"),
        (&collector, "/thu-phieu", "thu"),
        (&collector, "/phieu-cua-toi", "thu"),
        (&staff, "/", "danban"),
        (&staff, "/dang-nhap", "thu"),
    ];
    for (who, path, bundle) in cases {
        let (status, html) = app.page(who, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(bundle_of(&html), bundle, "{path}");
    }
    // Residents' pages load no bundle at all: they are read without JavaScript.
    let (status, html) = app.page(&anonymous, "/cong-khai/bac-thanh-mien").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("/pkg/thu") && !html.contains("/pkg/danban.js"));
    assert!(!html.contains("<script"));
}

on_both!(
    each_role_home_renders_its_own_data_on_the_server,
    the_visitor_home_lists_communes_with_published_answers,
    the_public_page_shows_answers_and_no_resident_data,
    a_commune_without_published_answers_shows_an_empty_state,
    unknown_addresses_are_404_in_vietnamese,
    health_check_reaches_the_database,
    the_demo_has_a_few_hundred_opinions_over_every_group_and_topic,
    responses_are_revalidated_so_releases_never_mix,
    collectors_pages_load_the_small_bundle_and_residents_none,
);
