//! Ward desk benchmark over real HTTP on loopback, against generated campaigns in the demo
//! commune: the group × topic pivot at 1,000,000 opinions (60 groups, 8 topics), the intake
//! list at 100,000 (first page, filtered, searched, deep page), and the XLSX and CSV exports
//! of 150,000 opinions with the process's peak memory. Prints p50/p95 in milliseconds.
//!   cargo bench -p server --bench desk          (BENCH_SCALE=0.1 for a quick run)

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::time::{Duration, Instant};

use chrono::{Duration as Span, Utc};
use reqwest::Client;
use serde_json::{Value, json};
use sqlx::SqlitePool;
use uuid::Uuid;

use app::domain::text::fold;
use server::db;
use server::demo::{DEMO_PASSWORD, seed_demo};

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
    commune: Uuid,
    collector: Uuid,
    groups: Vec<Uuid>,
    topics: Vec<Uuid>,
}

async fn layout(pool: &SqlitePool) -> Layout {
    let commune: Uuid = sqlx::query_scalar("select id from communes where slug = 'bac-thanh-mien'")
        .fetch_one(pool)
        .await
        .expect("demo commune");
    let collector: Uuid = sqlx::query_scalar("select id from users where username = 'anson'")
        .fetch_one(pool)
        .await
        .expect("collector");
    let mut groups = Vec::new();
    for i in 0..GROUPS {
        let id = Uuid::now_v7();
        sqlx::query(
            "insert into residential_groups (id, commune_id, name, kind, sort_order)
             values (?, ?, ?, 'to_dan_pho', ?)",
        )
        .bind(id)
        .bind(commune)
        .bind(format!("Tổ dân phố số {:02}", i + 1))
        .bind(100 + i as i64)
        .execute(pool)
        .await
        .expect("group");
        groups.push(id);
    }
    let mut topics = Vec::new();
    for i in 0..TOPICS {
        let id = Uuid::now_v7();
        sqlx::query(
            "insert into topics (id, commune_id, code, name, sort_order) values (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(commune)
        .bind(format!("bench_{i}"))
        .bind(format!("Nhóm nội dung {}", i + 1))
        .bind(100 + i as i64)
        .execute(pool)
        .await
        .expect("topic");
        topics.push(id);
    }
    Layout {
        commune,
        collector,
        groups,
        topics,
    }
}

/// A campaign with `n` opinions on forms of 2–3 opinions each; about 2% of opinions form
/// issues, the rest are new, classified or out of scope.
async fn campaign(pool: &SqlitePool, l: &Layout, tag: &str, n: usize) -> Uuid {
    let started = Instant::now();
    let id = Uuid::now_v7();
    let now = Utc::now();
    sqlx::query(
        "insert into campaigns (id, commune_id, title, kind, stage, created_at)
         values (?, ?, ?, 'chuyen_de', 'answering', ?)",
    )
    .bind(id)
    .bind(l.commune)
    .bind(format!("Đợt đo hiệu năng {tag}"))
    .bind(now)
    .execute(pool)
    .await
    .expect("campaign");
    for g in &l.groups {
        sqlx::query("insert into campaign_groups (campaign_id, group_id) values (?, ?)")
            .bind(id)
            .bind(g)
            .execute(pool)
            .await
            .expect("campaign group");
    }
    for t in &l.topics {
        sqlx::query("insert into campaign_topics (campaign_id, topic_id) values (?, ?)")
            .bind(id)
            .bind(t)
            .execute(pool)
            .await
            .expect("campaign topic");
    }
    let issues: Vec<Uuid> = (0..(n / 50).max(1)).map(|_| Uuid::now_v7()).collect();
    for (i, issue) in issues.iter().enumerate() {
        sqlx::query(
            "insert into issues (id, commune_id, campaign_id, title, topic_id, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(issue)
        .bind(l.commune)
        .bind(id)
        .bind(format!("Vấn đề {i}: {}", TEXTS[i % TEXTS.len()]))
        .bind(l.topics[i % TOPICS])
        .bind(now)
        .bind(now)
        .execute(pool)
        .await
        .expect("issue");
    }
    let kinds = [
        "can_bo",
        "dang_vien",
        "doan_vien_hoi_vien",
        "nhan_dan",
        "nhan_dan",
        "thanh_nien",
    ];
    let mut written = 0;
    let mut form_no = 0;
    let mut tx = pool.begin().await.expect("tx");
    while written < n {
        let form = Uuid::now_v7();
        let group = l.groups[form_no % GROUPS];
        let at = now - Span::seconds((n - written) as i64);
        sqlx::query(
            "insert into forms (id, commune_id, campaign_id, group_id, collector_id, receipt_code,
                respondent_name, household, phone, respondent_kind, content_hash, filled_at,
                received_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)",
        )
        .bind(form)
        .bind(l.commune)
        .bind(id)
        .bind(group)
        .bind(l.collector)
        .bind(format!("{tag}-{form_no:08}"))
        .bind(format!("Nguyễn Văn {form_no}"))
        .bind(format!("Số {}, ngõ {}", form_no % 400, form_no % 37))
        .bind("0912345678")
        .bind(kinds[form_no % kinds.len()])
        .bind(at)
        .bind(at)
        .execute(&mut *tx)
        .await
        .expect("form");
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
                    "classified",
                    Some(issues[written % issues.len()]),
                    Some("cao"),
                ),
                2..=4 => ("out_of_scope", None, None),
                5..=40 => ("new", None, None),
                41..=45 => ("classified", None, Some("khan")),
                _ => ("classified", None, Some("binh_thuong")),
            };
            sqlx::query(
                "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id,
                    topic_id, body, body_folded, status, urgency, issue_id, created_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(Uuid::now_v7())
            .bind(l.commune)
            .bind(id)
            .bind(form)
            .bind(position as i64)
            .bind(group)
            .bind(l.topics[(written / 3 + position) % TOPICS])
            .bind(&text)
            .bind(fold(&text))
            .bind(status)
            .bind(urgency)
            .bind(issue)
            .bind(at)
            .execute(&mut *tx)
            .await
            .expect("opinion");
            written += 1;
        }
        form_no += 1;
        if form_no % 20_000 == 0 {
            tx.commit().await.expect("commit");
            tx = pool.begin().await.expect("tx");
        }
    }
    tx.commit().await.expect("commit");
    sqlx::query("analyze").execute(pool).await.expect("analyze");
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
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let store = db::SqliteStore::open(&url).await.expect("open");
    seed_demo(&store, Utc::now().date_naive())
        .await
        .expect("seed");
    let pool = store.pool().clone();
    println!("Generating data (scale {scale}):");
    let l = layout(&pool).await;
    let pivot_campaign = campaign(&pool, &l, "P", big).await;
    let intake_campaign = campaign(&pool, &l, "I", mid).await;
    let export_campaign = campaign(&pool, &l, "X", export).await;

    let addr = server::serve_on_loopback(std::sync::Arc::new(store), dir.path().join("site"))
        .await
        .expect("serve");
    let base = format!("http://{addr}");
    let client = Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
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
}
