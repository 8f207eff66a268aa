//! Stateless instances: two server processes on one PostgreSQL database behave as one server. A
//! session opened on one works on the other, and a batch of forms sent to both at once is
//! stored exactly once.

#![cfg(feature = "postgres")]

mod common;

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::{Client, StatusCode};

use app::api::{
    FormOutcome, FormSubmission, OpinionEntry, ReferenceData, Respondent, SyncResponse,
};
use app::domain::ids::{FormId, OpinionId};
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use common::{client, postgres::fresh_database};
use server::demo::{DEMO_PASSWORD, seed_demo};

/// A server process, stopped when the test ends however it ends.
struct Instance {
    base: String,
    child: Child,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
}

async fn start(url: &str, site: &std::path::Path) -> Instance {
    let addr = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("DANBAN_ADDR", addr.to_string())
        .env("DANBAN_SITE_ROOT", site)
        .env("DANBAN_DEMO", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("start the server binary");
    let instance = Instance {
        base: format!("http://{addr}"),
        child,
    };
    let probe = client();
    for _ in 0..200 {
        if let Ok(response) = probe.get(format!("{}/healthz", instance.base)).send().await
            && response.status() == StatusCode::OK
        {
            return instance;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server on {addr} did not become healthy");
}

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
                receipt_code: ReceiptCode::from_bits(id.uuid().as_u128() as u64)
                    .as_str()
                    .to_owned(),
                respondent: Respondent {
                    name: Some(format!("Trần Văn Hai {i}")),
                    anonymous: false,
                    household: Some("Xóm 3".into()),
                    phone: None,
                    kind: RespondentKind::Resident,
                },
                opinions: vec![OpinionEntry {
                    id: OpinionId::new(),
                    topic_id: campaign.topics[0].id,
                    text: format!("Ý kiến {i}: mương thoát nước xóm 3 bị tắc."),
                }],
                proposal: None,
                wants_to_speak: false,
                consent: true,
                consent_version: None,
                filled_at: chrono::Utc::now(),
            }
        })
        .collect()
}

async fn send(client: Client, base: String, forms: Vec<FormSubmission>) -> SyncResponse {
    let response = client
        .post(format!("{base}/api/v1/sync/forms"))
        .json(&serde_json::json!({ "forms": forms }))
        .send()
        .await
        .expect("sync");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("sync answer")
}

#[tokio::test]
async fn two_instances_share_sessions_and_store_each_form_once() {
    server::telemetry::init();
    let url = fresh_database().await;
    let store = server::db::open(&url).await.expect("open");
    seed_demo(
        store.as_ref(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    )
    .await
    .expect("seed");
    let site = tempfile::tempdir().expect("site dir");
    let (a, b) = tokio::join!(start(&url, site.path()), start(&url, site.path()));

    // Logged in on A; the cookie (cookies ignore ports) is honoured by B.
    let phone = client();
    let response = phone
        .post(format!("{}/api/session/login", a.base))
        .header("Accept", "application/json")
        .form(&[("username", "anson"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("login");
    // The login form answers with a redirect to the home page and the session cookie.
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let response = phone
        .get(format!("{}/api/v1/collect/reference", b.base))
        .send()
        .await
        .expect("reference");
    assert_eq!(response.status(), StatusCode::OK, "B knows A's session");
    let reference: ReferenceData = response.json().await.expect("reference");

    // The same batch reaches both instances at once, three times over.
    let batch = forms(&reference, 30);
    for _ in 0..3 {
        let (on_a, on_b) = tokio::join!(
            send(phone.clone(), a.base.clone(), batch.clone()),
            send(phone.clone(), b.base.clone(), batch.clone()),
        );
        for result in on_a.results.iter().chain(&on_b.results) {
            assert!(
                matches!(
                    result.outcome,
                    FormOutcome::Accepted | FormOutcome::AlreadyHad
                ),
                "{result:?}"
            );
        }
    }
    let ids: Vec<uuid::Uuid> = batch.iter().map(|f| f.id.uuid()).collect();
    let pool = sqlx::PgPool::connect(&url).await.expect("pool");
    let (forms, opinions): (i64, i64) = sqlx::query_as(
        "select (select count(*) from forms where id = any($1)),
                (select count(*) from opinions where form_id = any($1))",
    )
    .bind(&ids)
    .fetch_one(&pool)
    .await
    .expect("count");
    assert_eq!((forms, opinions), (30, 30), "every form and opinion once");

    // Logging out on B ends the session on A too.
    let response = phone
        .post(format!("{}/api/session/logout", b.base))
        .header("Accept", "application/json")
        .send()
        .await
        .expect("logout");
    assert!(response.status().is_success() || response.status().is_redirection());
    let response = phone
        .get(format!("{}/api/v1/collect/reference", a.base))
        .send()
        .await
        .expect("reference");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
