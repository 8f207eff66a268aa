//! Sync ingest benchmark: N forms through `POST /api/v1/sync/forms` (batches of 50, real HTTP
//! on loopback, session cookie, validation, NFC, idempotency checks), then the same rows
//! inserted straight into the same kind of database (plain inserts through the import port, one
//! transaction per batch). Prints forms/s for both and their ratio.
//!   cargo bench -p server --bench sync                          (SQLite)
//!   BENCH_DATABASE=postgres cargo bench -p server --bench sync  (throwaway PostgreSQL)

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

mod common;

use std::time::Instant;

use chrono::Utc;
use serde_json::json;

use app::api::{ReferenceData, SyncResponse};
use app::domain::triage::OpinionStatus;
use app::ports::import::{FormRecord, ImportBatch, OpinionRecord};
use server::demo::DEMO_PASSWORD;

const BATCH: usize = 50;

async fn over_http(dir: &tempfile::TempDir, n: usize) -> f64 {
    let store = common::seeded(&common::fresh_url(dir, "http.db").await).await;
    let addr = server::serve_on_loopback(store, dir.path().join("site"))
        .await
        .expect("serve");
    let base = format!("http://{addr}");
    let client = common::browser_client();
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
    let all = common::sample_forms(&reference, n);
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

async fn straight_inserts(dir: &tempfile::TempDir, n: usize) -> f64 {
    let store = common::seeded(&common::fresh_url(dir, "direct.db").await).await;
    let collector = store
        .credentials("anson")
        .await
        .expect("read")
        .expect("collector")
        .user_id;
    let names = store
        .commune_names("bac-thanh-mien")
        .await
        .expect("read")
        .expect("commune");
    let reference = store
        .collector_reference(names.commune_id, collector, false)
        .await
        .expect("reference");
    let reference = ReferenceData {
        campaigns: reference,
        collector_name: String::new(),
        lookup_path: None,
        fetched_at: Utc::now(),
    };
    let all = common::sample_forms(&reference, n);
    let started = Instant::now();
    for chunk in all.chunks(BATCH) {
        let mut batch = ImportBatch::default();
        for f in chunk {
            let r = &f.respondent;
            batch.forms.push(FormRecord {
                id: f.id,
                commune_id: names.commune_id,
                campaign_id: f.campaign_id,
                group_id: f.group_id,
                collector_id: collector,
                revision: 1,
                receipt_code: f.receipt_code.clone(),
                respondent_name: r.name.clone(),
                anonymous: false,
                household: r.household.clone(),
                phone: r.phone.clone(),
                respondent_kind: r.kind,
                proposal: f.proposal.clone(),
                wants_to_speak: f.wants_to_speak,
                consent: true,
                consent_version: None,
                content_hash: f.id.to_string(),
                filled_at: f.filled_at,
                received_at: Utc::now(),
            });
            for (position, o) in f.opinions.iter().enumerate() {
                batch.opinions.push(OpinionRecord {
                    id: o.id,
                    commune_id: names.commune_id,
                    campaign_id: f.campaign_id,
                    form_id: Some(f.id),
                    position: position as i64,
                    group_id: f.group_id,
                    topic_id: o.topic_id,
                    body: o.text.clone(),
                    status: OpinionStatus::New,
                    urgency: None,
                    authority: None,
                    issue_id: None,
                    created_at: Utc::now(),
                });
            }
        }
        store.import(&batch).await.expect("import");
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
    let direct = straight_inserts(&dir, n).await;
    println!(
        "database: {}, forms: {n}, batch: {BATCH}",
        common::backend_name()
    );
    println!("HTTP sync path : {http:>9.0} forms/s");
    println!("direct inserts : {direct:>9.0} forms/s");
    println!("ratio          : {:>9.2} (direct / HTTP)", direct / http);
}
