//! What both benchmarks share: the database to run on (`BENCH_DATABASE=sqlite`, the default,
//! or `postgres` on a throwaway cluster started here), a seeded store, and plain SQL
//! maintenance on whichever backend it is.

#![allow(dead_code)] // each benchmark uses a different part

#[path = "../../tests/common/postgres.rs"]
pub mod postgres;

use chrono::Utc;

use app::ports::SharedStore;
use server::demo::seed_demo;

/// The backend named by `BENCH_DATABASE`.
pub fn backend_name() -> String {
    std::env::var("BENCH_DATABASE").unwrap_or_else(|_| "sqlite".into())
}

/// A new, empty database of the chosen backend (SQLite files go into `dir`).
pub async fn fresh_url(dir: &tempfile::TempDir, name: &str) -> String {
    match backend_name().as_str() {
        "postgres" => postgres::fresh_database().await,
        _ => format!("sqlite://{}?mode=rwc", dir.path().join(name).display()),
    }
}

/// A store on a fresh database with the demo communes.
pub async fn seeded(url: &str) -> SharedStore {
    let store = server::db::open(url).await.expect("open");
    seed_demo(store.as_ref(), Utc::now().date_naive())
        .await
        .expect("seed");
    store
}

/// Refreshes the planner's statistics after bulk loading, as an operator would.
pub async fn analyze(url: &str) {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("pool");
        sqlx::query("analyze")
            .execute(&pool)
            .await
            .expect("analyze");
    } else {
        let pool = sqlx::PgPool::connect(url).await.expect("pool");
        sqlx::query("analyze")
            .execute(&pool)
            .await
            .expect("analyze");
    }
}

/// A client with a cookie jar that, like a browser on the app's own pages, says its requests
/// are same-origin (the server refuses state-changing requests from other sites).
pub fn browser_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    // A login answers with a redirect home; rendering that page is no part of a measurement.
    reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// `n` forms a collector of `reference` could send: one opinion each, on the campaign's topics
/// in turn, every household different.
pub fn sample_forms(
    reference: &app::api::ReferenceData,
    n: usize,
) -> Vec<app::api::FormSubmission> {
    use app::api::{FormSubmission, OpinionEntry, Respondent};
    use app::domain::ids::{FormId, OpinionId};
    use app::domain::receipt::ReceiptCode;
    use app::domain::respondent::RespondentKind;

    let campaign = &reference.campaigns[0];
    (0..n)
        .map(|i| {
            let id = FormId::new();
            FormSubmission {
                id,
                revision: 1,
                campaign_id: campaign.id,
                group_id: campaign.groups[0].id,
                receipt_code: ReceiptCode::from_bits(id.uuid().as_u128() as u64).as_str().to_owned(),
                respondent: Respondent {
                    name: Some(format!("Nguyễn Văn Bình {i}")),
                    anonymous: false,
                    household: Some(format!("Số {i}, xóm 2, thôn An Sơn")),
                    phone: Some("0912345678".into()),
                    kind: RespondentKind::Resident,
                },
                opinions: vec![OpinionEntry {
                    id: OpinionId::new(),
                    topic_id: campaign.topics[i % campaign.topics.len()].id,
                    text: format!(
                        "Ý kiến {i}: đường trục thôn đoạn qua nhà văn hóa bị xuống cấp, nhiều ổ gà, \
                         mùa mưa ngập nước, đề nghị xã sớm đầu tư nâng cấp."
                    ),
                }],
                proposal: Some("Đề nghị sớm khắc phục.".into()),
                wants_to_speak: i % 7 == 0,
                consent: true,
                consent_version: None,
                filled_at: Utc::now(),
            }
        })
        .collect()
}
