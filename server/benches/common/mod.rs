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
    reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .build()
        .expect("client")
}
