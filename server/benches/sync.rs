//! Sync ingest benchmark: N forms through `POST /api/v1/sync/forms` (batches of 50, real HTTP
//! on loopback, session cookie, validation, NFC, idempotency checks), then the same rows
//! inserted straight into SQLite. Prints forms/s for both and their ratio.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::time::Instant;

use chrono::Utc;
use reqwest::Client;
use serde_json::json;
use uuid::Uuid;

use app::api::{FormSubmission, OpinionEntry, ReferenceData, Respondent, SyncResponse};
use app::domain::ids::{FormId, OpinionId};
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use app::domain::text::fold;
use server::db::{self, SqliteStore};
use server::demo::{DEMO_PASSWORD, seed_demo};

const BATCH: usize = 50;

fn forms(reference: &ReferenceData, n: usize) -> Vec<FormSubmission> {
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
                filled_at: Utc::now(),
            }
        })
        .collect()
}

async fn fresh_store(dir: &tempfile::TempDir, name: &str) -> SqliteStore {
    let url = format!("sqlite://{}?mode=rwc", dir.path().join(name).display());
    let store = db::SqliteStore::open(&url).await.expect("open");
    seed_demo(&store, Utc::now().date_naive())
        .await
        .expect("seed");
    store
}

async fn over_http(dir: &tempfile::TempDir, n: usize) -> f64 {
    let store = fresh_store(dir, "http.db").await;
    let addr = server::serve_on_loopback(std::sync::Arc::new(store), dir.path().join("site"))
        .await
        .expect("serve");
    let base = format!("http://{addr}");
    let client = Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    client
        .post(format!("{base}/api/session/login"))
        .form(&[("username", "anson"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("login");
    let reference: ReferenceData = client
        .get(format!("{base}/api/v1/collect/reference"))
        .send()
        .await
        .expect("reference")
        .json()
        .await
        .expect("json");
    let all = forms(&reference, n);
    let started = Instant::now();
    for batch in all.chunks(BATCH) {
        let response: SyncResponse = client
            .post(format!("{base}/api/v1/sync/forms"))
            .json(&json!({ "forms": batch }))
            .send()
            .await
            .expect("sync")
            .json()
            .await
            .expect("json");
        assert!(response.results.iter().all(|r| r.outcome.is_acknowledged()));
    }
    n as f64 / started.elapsed().as_secs_f64()
}

async fn straight_into_sqlite(dir: &tempfile::TempDir, n: usize) -> f64 {
    let store = fresh_store(dir, "direct.db").await;
    let pool = store.pool();
    let (commune, collector): (Uuid, Uuid) =
        sqlx::query_as("select commune_id, id from users where username = 'anson'")
            .fetch_one(pool)
            .await
            .expect("collector");
    let campaign: Uuid = sqlx::query_scalar(
        "select id from campaigns where stage = 'collecting' and commune_id = ?",
    )
    .bind(commune)
    .fetch_one(pool)
    .await
    .expect("campaign");
    let group: Uuid = sqlx::query_scalar("select group_id from user_groups where user_id = ?")
        .bind(collector)
        .fetch_one(pool)
        .await
        .expect("group");
    let topic: Uuid =
        sqlx::query_scalar("select topic_id from campaign_topics where campaign_id = ?")
            .bind(campaign)
            .fetch_one(pool)
            .await
            .expect("topic");
    let reference = ReferenceData {
        campaigns: vec![app::api::CampaignRef {
            id: campaign.into(),
            title: String::new(),
            collection_deadline: None,
            groups: vec![app::api::NamedRef {
                id: group.into(),
                name: String::new(),
            }],
            topics: vec![app::api::NamedRef {
                id: topic.into(),
                name: String::new(),
            }],
        }],
        collector_name: String::new(),
        fetched_at: Utc::now(),
    };
    let all = forms(&reference, n);
    let started = Instant::now();
    for batch in all.chunks(BATCH) {
        let mut tx = pool.begin().await.expect("tx");
        for f in batch {
            let r = &f.respondent;
            sqlx::query(
                "insert into forms (id, commune_id, campaign_id, group_id, collector_id, revision,
                    receipt_code, respondent_name, anonymous, household, phone, respondent_kind,
                    proposal, wants_to_speak, consent, content_hash, filled_at, received_at)
                 values (?, ?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            )
            .bind(f.id)
            .bind(commune)
            .bind(f.campaign_id)
            .bind(f.group_id)
            .bind(collector)
            .bind(&f.receipt_code)
            .bind(&r.name)
            .bind(&r.household)
            .bind(&r.phone)
            .bind(r.kind.code())
            .bind(&f.proposal)
            .bind(f.wants_to_speak)
            .bind(f.id.to_string())
            .bind(f.filled_at)
            .bind(Utc::now())
            .execute(&mut *tx)
            .await
            .expect("form");
            for (position, o) in f.opinions.iter().enumerate() {
                sqlx::query(
                    "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id,
                        topic_id, body, body_folded, created_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(o.id)
                .bind(commune)
                .bind(f.campaign_id)
                .bind(f.id)
                .bind(position as i64)
                .bind(f.group_id)
                .bind(o.topic_id)
                .bind(&o.text)
                .bind(fold(&o.text))
                .bind(Utc::now())
                .execute(&mut *tx)
                .await
                .expect("opinion");
            }
        }
        tx.commit().await.expect("commit");
    }
    n as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("BENCH_FORMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let dir = tempfile::tempdir().expect("temp dir");
    let http = over_http(&dir, n).await;
    let direct = straight_into_sqlite(&dir, n).await;
    println!("forms: {n}, batch: {BATCH}");
    println!("HTTP sync path : {http:>9.0} forms/s");
    println!("direct SQLite  : {direct:>9.0} forms/s");
    println!("ratio          : {:>9.2} (direct / HTTP)", direct / http);
}
