//! Ward desk benchmark over real HTTP on loopback, against generated campaigns in the demo
//! commune: the group × topic pivot at 1,000,000 opinions (60 groups, 8 topics), the intake
//! list at 100,000 (first page, filtered, searched, deep page), and the XLSX and CSV exports
//! of 150,000 opinions with the process's peak memory. Prints p50/p95 in milliseconds.
//!   cargo bench -p server --bench desk          (BENCH_SCALE=0.1 for a quick run)
//!   BENCH_DATABASE=postgres cargo bench -p server --bench desk   (throwaway PostgreSQL)
//! The data is written through the import port, so both backends get the same rows.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

mod common;

use std::time::{Duration, Instant};

use chrono::{Duration as Span, Utc};
use reqwest::Client;
use serde_json::{Value, json};

use app::domain::campaign::{CampaignKind, CampaignStage};
use app::domain::ids::{
    CampaignId, CommuneId, FormId, GroupId, IssueId, OpinionId, TopicId, UserId,
};
use app::domain::issue::IssueStatus;
use app::domain::respondent::RespondentKind;
use app::domain::triage::{Authority, OpinionStatus, Urgency};
use app::ports::SharedStore;
use app::ports::import::{
    CampaignRecord, FormRecord, GroupRecord, ImportBatch, IssueRecord, OpinionRecord, TopicRecord,
};
use server::demo::DEMO_PASSWORD;

const GROUPS: usize = 60;
const TOPICS: usize = 8;
const RUNS: usize = 15;

const TEXTS: [&str; 12] = [
    "Đường trục thôn đoạn qua nhà văn hóa xuống cấp, nhiều ổ gà, đề nghị nâng cấp",
    "Đề nghị lắp thêm đèn chiếu sáng trên đường liên thôn",
    "Kênh mương nội đồng bồi lắng, đề nghị nạo vét trước vụ chiêm",
    "Đề nghị tăng cường tuần tra an ninh ban đêm khu vực chợ",
    "Thủ tục cấp giấy chứng nhận quyền sử dụng đất còn chậm",
    "Rác thải sinh hoạt chưa được thu gom thường xuyên",
    "Đề nghị hỗ trợ giống cây trồng cho hộ nghèo",
    "Nhà văn hóa thôn xuống cấp, đề nghị sửa chữa mái",
    "Đề nghị mở lớp dạy nghề cho thanh niên",
    "Trạm y tế thiếu thuốc thông thường",
    "Cống thoát nước khu dân cư bị tắc gây ngập",
    "Đề nghị công khai các khoản đóng góp xây dựng nông thôn mới",
];

fn scale() -> f64 {
    std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0)
}

struct Layout {
    commune: CommuneId,
    collector: UserId,
    groups: Vec<GroupId>,
    topics: Vec<TopicId>,
}

async fn layout(store: &SharedStore) -> Layout {
    let commune = store
        .commune_names("bac-thanh-mien")
        .await
        .expect("read")
        .expect("demo commune")
        .commune_id;
    let collector = store
        .credentials("anson")
        .await
        .expect("read")
        .expect("collector")
        .user_id;
    let mut batch = ImportBatch::default();
    for i in 0..GROUPS {
        batch.groups.push(GroupRecord {
            id: GroupId::new(),
            commune_id: commune,
            name: format!("Tổ dân phố số {:02}", i + 1),
            kind: "to_dan_pho".into(),
            sort_order: 100 + i as i64,
        });
    }
    for i in 0..TOPICS {
        batch.topics.push(TopicRecord {
            id: TopicId::new(),
            commune_id: commune,
            code: format!("bench_{i}"),
            name: format!("Nhóm nội dung {}", i + 1),
            sort_order: 100 + i as i64,
            default_department_id: None,
        });
    }
    store.import(&batch).await.expect("layout");
    Layout {
        commune,
        collector,
        groups: batch.groups.iter().map(|g| g.id).collect(),
        topics: batch.topics.iter().map(|t| t.id).collect(),
    }
}

/// A campaign with `n` opinions on forms of 2–3 opinions each; about 2% of opinions form
/// issues, the rest are new, classified or out of scope.
async fn campaign(store: &SharedStore, l: &Layout, tag: &str, n: usize) -> CampaignId {
    let started = Instant::now();
    let id = CampaignId::new();
    let now = Utc::now();
    let mut batch = ImportBatch::default();
    batch.campaigns.push(CampaignRecord {
        id,
        commune_id: l.commune,
        title: format!("Đợt đo hiệu năng {tag}"),
        kind: CampaignKind::Thematic,
        stage: CampaignStage::Answering,
        collection_deadline: None,
        answers_deadline: None,
        report_deadline: None,
        conference_date: None,
        conference_place: None,
        created_by: None,
        created_at: now,
        chairs: Vec::new(),
        groups: l.groups.clone(),
        topics: l.topics.clone(),
    });
    let issues: Vec<IssueId> = (0..(n / 50).max(1)).map(|_| IssueId::new()).collect();
    for (i, issue) in issues.iter().enumerate() {
        batch.issues.push(IssueRecord {
            id: *issue,
            commune_id: l.commune,
            campaign_id: id,
            title: format!("Vấn đề {i}: {}", TEXTS[i % TEXTS.len()]),
            summary: String::new(),
            topic_id: l.topics[i % TOPICS],
            urgency: Urgency::BinhThuong,
            authority: Authority::Commune,
            status: IssueStatus::Open,
            published: false,
            created_by: None,
            created_at: now,
            updated_at: now,
        });
    }
    store.import(&batch).await.expect("campaign");
    let kinds = [
        RespondentKind::Official,
        RespondentKind::PartyMember,
        RespondentKind::UnionMember,
        RespondentKind::Resident,
        RespondentKind::Resident,
        RespondentKind::Youth,
    ];
    let mut written = 0;
    let mut form_no = 0;
    let mut batch = ImportBatch::default();
    while written < n {
        let form = FormId::new();
        let group = l.groups[form_no % GROUPS];
        let at = now - Span::seconds((n - written) as i64);
        batch.forms.push(FormRecord {
            id: form,
            commune_id: l.commune,
            campaign_id: id,
            group_id: group,
            collector_id: l.collector,
            revision: 1,
            receipt_code: format!("{tag}-{form_no:08}"),
            respondent_name: Some(format!("Nguyễn Văn {form_no}")),
            anonymous: false,
            household: Some(format!("Số {}, ngõ {}", form_no % 400, form_no % 37)),
            phone: Some("0912345678".into()),
            respondent_kind: kinds[form_no % kinds.len()],
            proposal: None,
            wants_to_speak: false,
            consent: true,
            consent_version: None,
            content_hash: "bench".into(),
            filled_at: at,
            received_at: at,
        });
        for position in 0..(2 + form_no % 2) {
            if written == n {
                break;
            }
            let text = format!(
                "{} (ý kiến {written})",
                TEXTS[(written * 7 + position) % TEXTS.len()]
            );
            let (status, issue, urgency) = match written % 100 {
                0..=1 => (
                    OpinionStatus::Classified,
                    Some(issues[written % issues.len()]),
                    Some(Urgency::Cao),
                ),
                2..=4 => (OpinionStatus::OutOfScope, None, None),
                5..=40 => (OpinionStatus::New, None, None),
                41..=45 => (OpinionStatus::Classified, None, Some(Urgency::Khan)),
                _ => (OpinionStatus::Classified, None, Some(Urgency::BinhThuong)),
            };
            batch.opinions.push(OpinionRecord {
                id: OpinionId::new(),
                commune_id: l.commune,
                campaign_id: id,
                form_id: Some(form),
                position: position as i64,
                group_id: group,
                topic_id: l.topics[(written / 3 + position) % TOPICS],
                body: text,
                status,
                urgency,
                authority: None,
                issue_id: issue,
                created_at: at,
            });
            written += 1;
        }
        form_no += 1;
        if form_no % 20_000 == 0 {
            store.import(&batch).await.expect("forms");
            batch = ImportBatch::default();
        }
    }
    store.import(&batch).await.expect("forms");
    println!(
        "  generated {n} opinions on {form_no} forms ({tag}) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    id
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn timed(client: &Client, url: &str, body: &Value) -> (f64, f64, Value) {
    let mut times = Vec::new();
    let mut last = Value::Null;
    for run in 0..=RUNS {
        let started = Instant::now();
        let response = client.post(url).json(body).send().await.expect("request");
        assert!(
            response.status().is_success(),
            "{url}: {}",
            response.status()
        );
        last = response.json().await.expect("json");
        if run > 0 {
            // the first run warms the page cache
            times.push(started.elapsed());
        }
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95), last)
}

/// Peak resident memory of this process since the last reset, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn reset_peak_rss() {
    // "5" resets the high-water mark (Linux ≥ 4.0)
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn download(client: &Client, url: &str) -> (u64, f64, Option<f64>) {
    reset_peak_rss();
    let started = Instant::now();
    let response = client.get(url).send().await.expect("request");
    assert!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    let mut bytes = 0u64;
    let mut response = response;
    while let Some(chunk) = response.chunk().await.expect("chunk") {
        bytes += chunk.len() as u64;
    }
    (bytes, started.elapsed().as_secs_f64(), peak_rss_mib())
}

fn filter(extra: Value) -> Value {
    let mut f = json!({ "group_id": null, "topic_id": null, "state": null, "urgency": null,
                        "kind": null, "text": "" });
    if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
        f.extend(extra.clone());
    }
    f
}

#[tokio::main]
async fn main() {
    let scale = scale();
    let big = (1_000_000.0 * scale) as usize;
    let mid = (100_000.0 * scale) as usize;
    let export = (150_000.0 * scale) as usize;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = common::fresh_url(&dir, "bench.db").await;
    let store = common::seeded(&url).await;
    println!(
        "Generating data (scale {scale}, database {}):",
        common::backend_name()
    );
    let l = layout(&store).await;
    let pivot_campaign = campaign(&store, &l, "P", big).await;
    let intake_campaign = campaign(&store, &l, "I", mid).await;
    let export_campaign = campaign(&store, &l, "X", export).await;
    // Fresh statistics, read by fresh connections (a connection keeps the planner statistics
    // it loaded), as after an operator's `analyze` and restart.
    drop(store);
    common::analyze(&url).await;
    let store = server::db::open(&url).await.expect("reopen");

    let addr = server::serve_on_loopback(store, dir.path().join("site"))
        .await
        .expect("serve");
    let base = format!("http://{addr}");
    let client = common::browser_client();
    let login = client
        .post(format!("{base}/api/session/login"))
        .form(&[("username", "vanphong"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("login");
    assert!(login.status().is_success() || login.status().is_redirection());

    println!("\nPivot, {big} opinions, {GROUPS} groups × {TOPICS} topics ({RUNS} runs):");
    let pivot = format!("{base}/api/desk/pivot");
    for (label, f) in [
        ("all opinions", filter(json!({}))),
        (
            "residents, urgent",
            filter(json!({ "kind": "Resident", "urgency": "Khan" })),
        ),
        ("merged into issues", filter(json!({ "state": "InIssue" }))),
    ] {
        let body = json!({ "campaign_id": pivot_campaign, "filter": f });
        let (p50, p95, table) = timed(&client, &pivot, &body).await;
        println!(
            "  {label:<22} p50 {p50:>8.1} ms   p95 {p95:>8.1} ms   (total {} opinions, {} issues, {} households)",
            table["total"]["opinions"], table["total"]["issues"], table["total"]["households"]
        );
    }

    println!("\nIntake list, {mid} opinions, pages of 50 ({RUNS} runs):");
    let intake = format!("{base}/api/desk/intake");
    let group = l.groups[7];
    for (label, f, page) in [
        ("first page", filter(json!({})), 0),
        (
            "filtered (group, state)",
            filter(json!({ "group_id": group, "state": "New" })),
            0,
        ),
        ("searched \"duong\"", filter(json!({ "text": "duong" })), 0),
        (
            "searched, rare word",
            filter(json!({ "text": "may mai" })),
            0,
        ),
        ("page 1,000", filter(json!({})), 1000),
    ] {
        let body = json!({ "campaign_id": intake_campaign, "filter": f, "page": page });
        let (p50, p95, result) = timed(&client, &intake, &body).await;
        println!(
            "  {label:<24} p50 {p50:>8.1} ms   p95 {p95:>8.1} ms   ({} matching)",
            result["total"]
        );
    }

    println!("\nExports, {export} opinions:");
    let baseline = peak_rss_mib().unwrap_or(0.0);
    for (label, path) in [
        ("XLSX (3 sheets)", "report.xlsx"),
        ("XLSX with personal data", "report.xlsx?ca-nhan=1"),
        ("CSV of opinions", "opinions.csv"),
        ("DOCX report", "report.docx"),
    ] {
        let (bytes, secs, peak) = download(
            &client,
            &format!("{base}/api/v1/campaigns/{export_campaign}/{path}"),
        )
        .await;
        println!(
            "  {label:<24} {:>8.1} MB in {secs:>6.2} s   peak RSS {} MiB (before: {baseline:.0} MiB)",
            bytes as f64 / 1_000_000.0,
            peak.map_or("?".to_owned(), |p| format!("{p:.0}"))
        );
    }
    if std::env::var_os("BENCH_KEEP").is_some() {
        // The data stays for a look with `sqlite3` or `psql` afterwards.
        println!("\ndatabase kept: {url} (in {})", dir.keep().display());
    }
}
