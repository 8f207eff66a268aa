//! A bounded load on loopback: collectors syncing, staff browsing the desk and two people
//! downloading exports, all at once against one server, for a fixed time. Prints p50/p95/max
//! latency per kind of request and every error; never fails on slow numbers.
//!   cargo bench -p server --bench load                          (SQLite)
//!   BENCH_DATABASE=postgres cargo bench -p server --bench load  (throwaway PostgreSQL)
//! BENCH_COLLECTORS (50), BENCH_STAFF (10), BENCH_EXPORTERS (2), BENCH_SECONDS (20).

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Mutex;

use app::api::{ReferenceData, SyncResponse};
use server::demo::DEMO_PASSWORD;

/// Latencies and failures of one kind of request.
#[derive(Default)]
struct Tally {
    took: Vec<Duration>,
    errors: Vec<String>,
}

type Tallies = Arc<Mutex<std::collections::BTreeMap<&'static str, Tally>>>;

async fn record(tallies: &Tallies, kind: &'static str, started: Instant, error: Option<String>) {
    let mut all = tallies.lock().await;
    let tally = all.entry(kind).or_default();
    tally.took.push(started.elapsed());
    if let Some(error) = error {
        tally.errors.push(error);
    }
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn logged_in(base: &str, username: &str) -> reqwest::Client {
    let client = common::browser_client();
    let response = client
        .post(format!("{base}/api/session/login"))
        .header("Accept", "application/json")
        .form(&[("username", username), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("login");
    assert!(response.status().is_success() || response.status().is_redirection());
    client
}

/// Why a response is a failure, if it is one.
fn failure(result: Result<reqwest::Response, reqwest::Error>) -> Option<String> {
    match result {
        Ok(r) if r.status().is_success() => None,
        Ok(r) => Some(format!("HTTP {}", r.status())),
        Err(e) => Some(e.to_string()),
    }
}

#[tokio::main]
async fn main() {
    let collectors = setting("BENCH_COLLECTORS", 50);
    let staff = setting("BENCH_STAFF", 10);
    let exporters = setting("BENCH_EXPORTERS", 2);
    let seconds = setting("BENCH_SECONDS", 20) as u64;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = common::fresh_url(&dir, "load.db").await;
    let store = common::seeded(&url).await;
    let addr = server::serve_on_loopback(store, dir.path().join("site"))
        .await
        .expect("serve");
    let base = format!("http://{addr}");
    let campaign: String = {
        let client = logged_in(&base, "anson").await;
        let reference: ReferenceData = client
            .get(format!("{base}/api/v1/collect/reference"))
            .send()
            .await
            .expect("reference")
            .json()
            .await
            .expect("json");
        reference.campaigns[0].id.to_string()
    };
    let tallies: Tallies = Arc::default();
    let mut tasks = Vec::new();

    // Everyone logs in first, one after another: the load is the work, not a login storm
    // (the same account logging in dozens of times at once is throttled, as it should be).
    // anson's thôn takes part in the demo's collecting campaign (the others' may not).
    let mut collector_clients = Vec::new();
    for _ in 0..collectors {
        collector_clients.push(logged_in(&base, "anson").await);
    }
    let mut staff_clients = Vec::new();
    for _ in 0..staff + exporters {
        staff_clients.push(logged_in(&base, "vanphong").await);
    }
    let until = Instant::now() + Duration::from_secs(seconds);
    for client in collector_clients {
        let (base, tallies) = (base.clone(), tallies.clone());
        tasks.push(tokio::spawn(async move {
            let reference: ReferenceData = client
                .get(format!("{base}/api/v1/collect/reference"))
                .send()
                .await
                .expect("reference")
                .json()
                .await
                .expect("json");
            while Instant::now() < until {
                // A phone coming back into coverage: ten forms at once, then a pause.
                let forms = common::sample_forms(&reference, 10);
                let started = Instant::now();
                let result = client
                    .post(format!("{base}/api/v1/sync/forms"))
                    .json(&json!({ "forms": forms }))
                    .send()
                    .await;
                let error = match result {
                    Ok(r) if r.status().is_success() => match r.json::<SyncResponse>().await {
                        Ok(answer)
                            if answer.results.iter().all(|f| f.outcome.is_acknowledged()) =>
                        {
                            None
                        }
                        Ok(_) => Some("a form was not stored".to_owned()),
                        Err(e) => Some(e.to_string()),
                    },
                    other => failure(other),
                };
                record(&tallies, "sync 10 forms", started, error).await;
                tokio::time::sleep(Duration::from_millis(1000)).await;
            }
        }));
    }
    let mut staff_clients = staff_clients.into_iter();
    for client in staff_clients.by_ref().take(staff) {
        let (base, tallies, campaign) = (base.clone(), tallies.clone(), campaign.clone());
        tasks.push(tokio::spawn(async move {
            let empty = json!({ "group_id": null, "topic_id": null, "state": null,
                                "urgency": null, "kind": null, "text": "" });
            let mut searched = empty.clone();
            searched["text"] = json!("duong");
            let calls: [(&'static str, &str, Value); 3] = [
                (
                    "desk: intake page",
                    "desk/intake",
                    json!({ "campaign_id": campaign, "filter": empty, "page": 0 }),
                ),
                (
                    "desk: search",
                    "desk/intake",
                    json!({ "campaign_id": campaign, "filter": searched, "page": 0 }),
                ),
                (
                    "desk: pivot",
                    "desk/pivot",
                    json!({ "campaign_id": campaign, "filter": empty }),
                ),
            ];
            while Instant::now() < until {
                for (kind, endpoint, body) in &calls {
                    let started = Instant::now();
                    let result = client
                        .post(format!("{base}/api/{endpoint}"))
                        .json(body)
                        .send()
                        .await;
                    record(&tallies, kind, started, failure(result)).await;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }));
    }
    for client in staff_clients {
        let (base, tallies, campaign) = (base.clone(), tallies.clone(), campaign.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < until {
                let started = Instant::now();
                let result = client
                    .get(format!("{base}/api/v1/campaigns/{campaign}/opinions.csv"))
                    .send()
                    .await;
                let error = match result {
                    Ok(r) if r.status().is_success() => {
                        r.bytes().await.err().map(|e| e.to_string())
                    }
                    other => failure(other),
                };
                record(&tallies, "export opinions.csv", started, error).await;
                tokio::time::sleep(Duration::from_millis(1000)).await;
            }
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }

    println!(
        "\ndatabase: {}, {collectors} collectors, {staff} staff, {exporters} exporting, {seconds} s",
        common::backend_name()
    );
    println!(
        "{:<22} {:>8} {:>9} {:>9} {:>9} {:>7}",
        "request", "count", "p50 ms", "p95 ms", "max ms", "errors"
    );
    let mut all = tallies.lock().await;
    for (kind, tally) in all.iter_mut() {
        tally.took.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |p: f64| ms(tally.took[((tally.took.len() - 1) as f64 * p).round() as usize]);
        println!(
            "{kind:<22} {:>8} {:>9.1} {:>9.1} {:>9.1} {:>7}",
            tally.took.len(),
            at(0.5),
            at(0.95),
            at(1.0),
            tally.errors.len()
        );
        for error in tally.errors.iter().take(3) {
            println!("    e.g. {error}");
        }
    }
}
