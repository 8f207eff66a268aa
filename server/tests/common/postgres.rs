//! Throwaway PostgreSQL databases for the tests of the PostgreSQL backend: one server per test
//! process, one new empty database per call, so tests run in parallel without seeing each
//! other's rows and without any setup by hand.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

/// Names a running server to use instead of starting one, e.g.
/// `postgres://postgres@127.0.0.1:5433/postgres` (a superuser, or a role that may create
/// databases): saves the start-up and tests against a real installation. Its test databases
/// (`t_…`) are not dropped afterwards; a throwaway cluster takes them with it.
pub const SERVER_ENV: &str = "DANBAN_TEST_POSTGRES";

/// Returns the URL of a new, empty database (`t_<uuid>`) on this process's server: the one
/// named by [`SERVER_ENV`], else a cluster started on first use by `scripts/pg.sh` and stopped
/// and deleted by its watchdog within about a second of this process ending, however it ends
/// (a static is never dropped, so no destructor could do it).
pub async fn fresh_database() -> String {
    // The first call starts the server (about a second) on a blocking thread, not on the test's
    // runtime; concurrent first calls wait for that one start.
    let server = tokio::task::spawn_blocking(server_url)
        .await
        .expect("starting the PostgreSQL test server");
    // A v7 uuid: the workspace enables uuid's v7 feature, not v4; it is unique all the same.
    let name = format!("t_{}", Uuid::now_v7().simple());
    let mut conn = PgConnection::connect(server)
        .await
        .unwrap_or_else(|e| panic!("connect to the PostgreSQL test server {server}: {e}"));
    sqlx::raw_sql(AssertSqlSafe(format!("create database \"{name}\"")))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("create database {name} on {server}: {e}"));
    // Closing politely lets the server forget the session now rather than at process exit.
    let _ = conn.close().await;
    with_database(server, &name)
}

/// The server's URL, started once per process (OnceLock: every test thread shares it).
fn server_url() -> &'static str {
    static SERVER: OnceLock<String> = OnceLock::new();
    SERVER.get_or_init(|| match std::env::var(SERVER_ENV) {
        Ok(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => start_cluster(),
    })
}

/// Runs `scripts/pg.sh start <temp dir> --watch <this process>` and returns the URL it prints.
fn start_cluster() -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/pg.sh");
    let pid = std::process::id();
    // Short (the Unix socket lives in it) and unique even if a crashed run with the same pid
    // left its directory behind.
    let dir = std::env::temp_dir().join(format!("danban-pg-{pid}-{}", Uuid::now_v7().simple()));
    // stdout carries only the URL; stderr is kept for the failure message rather than mixed
    // into the tests' output. Neither the server nor the watchdog keeps these pipes open, so
    // this returns as soon as the script does.
    let output = Command::new("bash")
        .arg(&script)
        .arg("start")
        .arg(&dir)
        .arg("--watch")
        .arg(pid.to_string())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", script.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let url = stdout.lines().last().unwrap_or("").trim();
    assert!(
        output.status.success() && url.starts_with("postgres://"),
        "{} start {} failed ({}); is PostgreSQL installed (scripts/setup.sh)? \
         Or set {SERVER_ENV}.\nstdout: {stdout}\nstderr: {}",
        script.display(),
        dir.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr),
    );
    url.to_owned()
}

/// `server` with its database (the URL's path) replaced by `database`, query string kept
/// (public for its test in `postgres_schema.rs`).
pub fn with_database(server: &str, database: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut url = format!("{}/{database}", &base[..host_end]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}
