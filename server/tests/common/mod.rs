//! Starts the real app on a loopback port with its own fresh database (a SQLite file, or a new
//! database on a throwaway PostgreSQL cluster) and the demo data.

#![allow(dead_code)] // each test binary uses a different part of this helper

pub mod postgres;

use std::net::SocketAddr;

use reqwest::{Client, StatusCode, redirect::Policy};
use serde_json::Value;
use tempfile::TempDir;

use app::ports::SharedStore;
use server::db;
use server::demo::{DEMO_PASSWORD, seed_demo};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh database on the test process's PostgreSQL cluster.
    Postgres,
}

/// A direct connection to the test's database, for checking rows behind the app's back.
pub enum TestDb {
    /// SQLite.
    Sqlite(sqlx::SqlitePool),
    /// PostgreSQL.
    Postgres(sqlx::PgPool),
}

/// SQL written with `?` placeholders, numbered for PostgreSQL (`$1`, `$2`…).
pub fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs one query on a test app's database, whichever backend it is, and awaits it:
/// `db!(app, fetch_one, query_scalar, "select … where id = ?", id)`. `execute` gives the
/// number of rows affected.
#[macro_export]
macro_rules! db {
    ($app:expr, execute, $kind:ident, $sql:expr $(, $bind:expr)* $(,)?) => {
        match &$app.db {
            $crate::common::TestDb::Sqlite(pool) => sqlx::$kind(sqlx::AssertSqlSafe(String::from($sql)))
                $(.bind($bind))*.execute(pool).await.map(|r| r.rows_affected()),
            $crate::common::TestDb::Postgres(pool) => sqlx::$kind(sqlx::AssertSqlSafe($crate::common::numbered(&$sql)))
                $(.bind($bind))*.execute(pool).await.map(|r| r.rows_affected()),
        }
    };
    ($app:expr, $fetch:ident, $kind:ident $(::<_, $t:ty>)?, $sql:expr $(, $bind:expr)* $(,)?) => {
        match &$app.db {
            $crate::common::TestDb::Sqlite(pool) => sqlx::$kind $(::<_, $t>)? (sqlx::AssertSqlSafe(String::from($sql)))
                $(.bind($bind))*.$fetch(pool).await,
            $crate::common::TestDb::Postgres(pool) => sqlx::$kind $(::<_, $t>)? (sqlx::AssertSqlSafe($crate::common::numbered(&$sql)))
                $(.bind($bind))*.$fetch(pool).await,
        }
    };
}

/// Runs a test written as `async fn name(backend: Backend)` once per backend, as the tests
/// `name::sqlite` and `name::postgres`: one behaviour, proven on both databases.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            // Several worker threads, as the real server runs: Leptos' streamed rendering has
            // known lost-wakeup races that a single-threaded runtime makes likelier
            // (leptos-rs/leptos#4647, #4578).
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await
            }

            #[cfg(feature = "postgres")]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::common::Backend::Postgres).await
            }
        }
    )*};
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub base: String,
    /// The app's storage ports.
    pub store: SharedStore,
    /// The same database, for checking rows directly.
    pub db: TestDb,
    /// Which backend.
    pub backend: Backend,
    _dir: TempDir,
}

/// Starts a fresh app on SQLite with the demo communes loaded.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(Backend::Sqlite).await
}

/// The URL of a new, empty database of the given backend (SQLite files go into `dir`).
pub async fn fresh_url(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
        Backend::Postgres => postgres::fresh_database().await,
    }
}

/// Starts a fresh app on the given backend with the demo communes loaded.
pub async fn spawn_app_on(backend: Backend) -> TestApp {
    spawn_app_with(backend, app::ssr::AuthConfig::default()).await
}

/// [`spawn_app_on`] with other session settings (secure cookies, trusted proxies).
pub async fn spawn_app_with(backend: Backend, auth: app::ssr::AuthConfig) -> TestApp {
    server::telemetry::init();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_url(backend, dir.path()).await;
    let store = db::open(&url).await.expect("open database");
    seed_demo(
        store.as_ref(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    )
    .await
    .expect("seed demo");
    let db = match backend {
        Backend::Sqlite => TestDb::Sqlite(sqlx::SqlitePool::connect(&url).await.expect("pool")),
        Backend::Postgres => TestDb::Postgres(sqlx::PgPool::connect(&url).await.expect("pool")),
    };
    let addr: SocketAddr =
        server::serve_on_loopback_with(store.clone(), dir.path().join("site"), auth)
            .await
            .expect("serve");
    TestApp {
        base: format!("http://{addr}"),
        store,
        db,
        backend,
        _dir: dir,
    }
}

/// The status and the body as JSON (or as a JSON string when it is not JSON).
async fn status_and_json(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, json)
}

/// A browser-like client with its own cookie jar that does not follow redirects. Like a
/// browser on the app's own pages it sends `Sec-Fetch-Site: same-origin` (requests from other
/// sites are refused; `tests/cross_site.rs` tries them without it). A request
/// that gets no complete answer within a minute fails the test instead of hanging the run
/// (one streamed page hung once in some 25 runs of the pages suite; see issue 8's note).
pub fn client() -> Client {
    client_from(None)
}

/// [`client`] whose requests leave from the given loopback address (Linux routes all of
/// 127/8), to be another machine to the server.
pub fn client_from(address: Option<&str>) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .local_address(address.and_then(|a| a.parse::<std::net::IpAddr>().ok()))
        .build()
        .expect("client")
}

impl TestApp {
    /// Calls a server function (form-encoded, as Leptos sends it) and returns status and JSON.
    pub async fn call(
        &self,
        client: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        status_and_json(response).await
    }

    /// Calls a JSON-encoded server function (the desk's) and returns status and JSON.
    pub async fn call_json(
        &self,
        client: &Client,
        endpoint: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("Accept", "application/json")
            .json(body)
            .send()
            .await
            .expect("request");
        status_and_json(response).await
    }

    /// GET bytes (downloads).
    pub async fn download(&self, client: &Client, path: &str) -> (StatusCode, Vec<u8>) {
        let response = client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        let status = response.status();
        (status, response.bytes().await.expect("body").to_vec())
    }

    /// A campaign of the demo commune Bắc Thanh Miện by kind (dinh_ky, chuyen_de, dot_xuat).
    pub async fn campaign(&self, kind: &str) -> uuid::Uuid {
        db!(
            self,
            fetch_one,
            query_scalar,
            "select c.id from campaigns c join communes m on m.id = c.commune_id
             where m.slug = 'bac-thanh-mien' and c.kind = ?",
            kind
        )
        .expect("demo campaign")
    }

    /// The chuyên đề campaign with its conference held `days_ago` (Vietnam's today), moved to
    /// "conference held".
    pub async fn held_conference(&self, days_ago: i64) -> uuid::Uuid {
        let campaign = self.campaign("chuyen_de").await;
        let today = app::domain::today_in_vietnam(chrono::Utc::now());
        db!(
            self,
            execute,
            query,
            "update campaigns set conference_date = ?, stage = 'conference' where id = ?",
            today - chrono::Duration::days(days_ago),
            campaign
        )
        .expect("held");
        campaign
    }

    /// A department of Bắc Thanh Miện by code ("kt", "vhxh"…).
    pub async fn department(&self, code: &str) -> uuid::Uuid {
        db!(
            self,
            fetch_one,
            query_scalar,
            "select d.id from departments d join communes c on c.id = d.commune_id
              where d.code = ? and c.slug = 'bac-thanh-mien'",
            code
        )
        .expect("department")
    }

    /// A campaign's issues, oldest first.
    pub async fn issue_ids(&self, campaign: uuid::Uuid) -> Vec<uuid::Uuid> {
        db!(
            self,
            fetch_all,
            query_scalar,
            "select id from issues where campaign_id = ? order by created_at, id",
            campaign
        )
        .expect("issues")
    }

    /// Logs `client` in as a demo user and checks it worked.
    pub async fn login(&self, client: &Client, username: &str) {
        let (status, body) = self
            .call(
                client,
                "session/login",
                &[("username", username), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert!(
            status.is_success() || status.is_redirection(),
            "login {username}: {status} {body}"
        );
    }

    /// A logged-in client.
    pub async fn client_for(&self, username: &str) -> Client {
        let client = client();
        self.login(&client, username).await;
        client
    }

    /// GET a page as HTML. A streamed page whose body has not ended after 20 s is asked for
    /// once more, with a loud line in the log: about one run of the whole suite in ten, one page
    /// never finishes streaming (a server-side bug not yet found, see issue 10's closing note).
    /// A page that is really broken fails both times.
    pub async fn page(&self, client: &Client, path: &str) -> (StatusCode, String) {
        let mut tries = 0;
        loop {
            tries += 1;
            let response = client
                .get(format!("{}{path}", self.base))
                .timeout(std::time::Duration::from_secs(20))
                .send()
                .await
                .expect("request");
            let status = response.status();
            match response.text().await {
                Ok(body) => return (status, body),
                Err(e) if e.is_timeout() && tries < 2 => {
                    eprintln!(
                        "KNOWN FLAKE: the body of {path} did not end within 20 s; asking again"
                    );
                }
                Err(e) => panic!("body of {path}: {e}"),
            }
        }
    }
}

/// The text of a DOCX's body, read back as the XML a word processor reads.
pub fn docx_text(bytes: &[u8]) -> String {
    use std::io::{Cursor, Read};

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("")
}
