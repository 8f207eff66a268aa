//! Upgrading a SQLite file in the field: migration 0008 rebuilds the campaigns table to let it
//! hold the follow-up stage. Run on a database full of the demo's data, it keeps every row of
//! every table that refers to campaigns (dropping the old table must cascade to nothing) and
//! leaves no broken reference.

use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

const REFERRING: [&str; 8] = [
    "campaigns",
    "campaign_groups",
    "campaign_topics",
    "campaign_chairs",
    "forms",
    "issues",
    "opinions",
    "conclusions",
];

async fn counts(pool: &sqlx::SqlitePool) -> Vec<i64> {
    let mut out = Vec::new();
    for table in REFERRING {
        let n: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select count(*) from {table}")))
                .fetch_one(pool)
                .await
                .expect("count");
        out.push(n);
    }
    out
}

#[tokio::test]
async fn rebuilding_the_campaigns_table_keeps_every_row_that_refers_to_it() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("field.db").display()
    );
    let store = server::db::open(&url).await.expect("open");
    server::demo::seed_demo(
        store.as_ref(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    )
    .await
    .expect("demo");
    // Connections as the server makes them: foreign keys on.
    let options = SqliteConnectOptions::from_str(&url)
        .expect("url")
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("pool");
    let before = counts(&pool).await;
    assert!(
        before[1] > 0 && before[4] > 0,
        "the demo has groups and forms: {before:?}"
    );

    let mut conn = pool.acquire().await.expect("connection");
    sqlx::raw_sql(include_str!("../migrations/sqlite/0008_following_up.sql"))
        .execute(&mut *conn)
        .await
        .expect("the rebuild runs on a full database");
    drop(conn);

    assert_eq!(counts(&pool).await, before, "no row lost by the rebuild");
    let broken: Vec<(String, i64, String, i64)> = sqlx::query_as("pragma foreign_key_check")
        .fetch_all(&pool)
        .await
        .expect("check");
    assert!(broken.is_empty(), "{broken:?}");
    let fk_on: i64 = sqlx::query_scalar("pragma foreign_keys")
        .fetch_one(&pool)
        .await
        .expect("pragma");
    assert_eq!(fk_on, 1, "foreign keys are on again afterwards");
    let moved =
        sqlx::query("update campaigns set stage = 'following_up' where stage = 'concluded'")
            .execute(&pool)
            .await
            .expect("the new stage is allowed");
    assert_eq!(moved.rows_affected(), 1);
    let refused = sqlx::query("update campaigns set stage = 'theo_doi'")
        .execute(&pool)
        .await;
    assert!(refused.is_err(), "the check constraint is still there");
    // A child row still cannot point at a campaign that does not exist.
    let orphan = sqlx::query("insert into campaign_groups (campaign_id, group_id) select x'00', group_id from campaign_groups limit 1")
        .execute(&pool)
        .await;
    assert!(
        orphan.is_err(),
        "the children's references reach the new table"
    );
}
