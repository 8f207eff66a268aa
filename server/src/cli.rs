//! The command line: `serve`, `init`, `migrate`, `create-user`, `seed-demo`.

use std::fmt;

use chrono::Utc;
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use app::domain::role::Role;
use app::domain::today_in_vietnam;
use app::ssr::AuthConfig;

use crate::accounts::{NewUser, create_user as create_account};
use crate::config::Config;
use crate::db;
use crate::demo::seed_demo;
use crate::state::AppState;

const HELP: &str = "\
Dân Bàn server

USAGE:
    server [COMMAND] [OPTIONS]

COMMANDS:
    serve        Start the web server (default). Creates and migrates the database; loads the
                 demo communes into a new database only with DANBAN_DEMO=1.
    init         Set up a new database for a real ward. Options:
                   --commune \"Xã …\" --admin USERNAME [--province \"Tỉnh …\"]
                   [--kind xa|phuong|dac_khu]
                 Prints a one-time password for the administrator, who must change it at
                 the first login.
    migrate      Create or migrate the database, then exit.
    erase-personal-data
                 Erase names, phones and households of every campaign closed longer ago
                 than its commune's retention period (365 days unless the administrator set
                 another), then exit. The server also does this once a day by itself.
    seed-demo    Load the demo communes into an empty database (refused when the server
                 would be reachable beyond loopback or uses secure cookies).
    create-user  Create an account. Options:
                   --username NAME --name \"Full name\" --role ROLE
                   [--commune SLUG] [--department CODE] [--group \"Thôn An Sơn\"]...
                 The password is read from DANBAN_PASSWORD.
                 Roles: admin, ward_staff, department_officer, chair, supervisor, collector.

ENVIRONMENT:
    DATABASE_URL           default sqlite://data/danban.db?mode=rwc
    DANBAN_ADDR            default 127.0.0.1:3000
    DANBAN_SITE_ROOT       default target/site (built by scripts/build.sh)
    DANBAN_DEMO            1/0, default 0: load the demo communes into a new database
    DANBAN_SECURE_COOKIES  1/0; default 1 unless DANBAN_ADDR is a loopback address. Secure
                           cookies are named __Host-danban_session and need HTTPS.
    DANBAN_TRUSTED_PROXIES comma-separated proxy addresses whose X-Forwarded-For is believed
    RUST_LOG               log filter, default info
";

/// A failed command, with a message for the operator.
#[derive(Debug)]
pub struct CliError(String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

fn err(e: impl fmt::Display) -> CliError {
    CliError(e.to_string())
}

/// Runs the command given by `args` (without the program name).
pub async fn run(args: Vec<String>) -> Result<(), CliError> {
    let config = Config::from_env().map_err(err)?;
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("serve", &[][..]),
    };
    match command {
        "serve" => serve(config).await,
        "migrate" => {
            db::open(&config.database_url).await.map_err(err)?;
            tracing::info!(url = %config.database_url, "database migrated");
            Ok(())
        }
        "seed-demo" => {
            demo_allowed(&config)?;
            let store = db::open(&config.database_url).await.map_err(err)?;
            let summary = seed_demo(store.as_ref(), today_in_vietnam(Utc::now()))
                .await
                .map_err(err)?;
            tracing::info!(?summary, "demo loaded");
            Ok(())
        }
        "create-user" => create_user(config, rest).await,
        "init" => init(config, rest).await,
        "erase-personal-data" => erase_personal_data(config).await,
        "help" | "--help" | "-h" => {
            eprint!("{HELP}");
            Ok(())
        }
        other => Err(CliError(format!("unknown command {other:?}\n\n{HELP}"))),
    }
}

async fn serve(config: Config) -> Result<(), CliError> {
    let store = db::open(&config.database_url).await.map_err(err)?;
    if config.demo_on_empty && store.is_empty().await.map_err(err)? {
        if let Err(refusal) = demo_allowed(&config) {
            tracing::error!("{refusal}");
            return Err(refusal);
        }
        let summary = seed_demo(store.as_ref(), today_in_vietnam(Utc::now()))
            .await
            .map_err(err)?;
        tracing::info!(?summary, "new database: demo communes loaded");
    }
    let listener = TcpListener::bind(config.addr).await.map_err(err)?;
    let addr = listener.local_addr().map_err(err)?;
    let state = AppState {
        leptos_options: leptos_options(&config, addr),
        store,
        auth: AuthConfig {
            secure_cookies: config.secure_cookies,
            trusted_proxies: config.trusted_proxies.clone(),
            ..AuthConfig::default()
        },
    };
    if !config.secure_cookies && !addr.ip().is_loopback() {
        tracing::warn!(
            "session cookies are not Secure on a server reachable beyond loopback: \
             serve it behind HTTPS and unset DANBAN_SECURE_COOKIES=0"
        );
    }
    crate::retention::spawn_daily(state.store.clone());
    tracing::info!("Dân Bàn listening on http://{addr}");
    crate::run(state, listener).await.map_err(err)
}

/// `erase-personal-data`: what the daily run does, now, with a line per campaign.
async fn erase_personal_data(config: Config) -> Result<(), CliError> {
    let store = db::open(&config.database_url).await.map_err(err)?;
    let erasures = crate::retention::erase_due(&store).await.map_err(err)?;
    let mut lines = String::new();
    if erasures.is_empty() {
        lines.push_str("Không có đợt đối thoại nào đến hạn xóa dữ liệu cá nhân.\n");
    }
    for e in erasures {
        lines.push_str(&format!(
            "{}: đã xóa dữ liệu cá nhân của {} phiếu ({} hộ), {} người phát biểu, {} bản phiếu xung đột\n",
            e.title, e.erased.forms, e.erased.households, e.erased.speakers, e.erased.conflicts
        ));
    }
    std::io::Write::write_all(&mut std::io::stdout(), lines.as_bytes()).map_err(err)?;
    Ok(())
}

/// Demo accounts have a published password: never on a server others can reach.
fn demo_allowed(config: &Config) -> Result<(), CliError> {
    if config.secure_cookies || !config.addr.ip().is_loopback() {
        return Err(CliError(format!(
            "refusing to load the demo data: its accounts share a published password, and this \
             server listens on {} with secure cookies {}. Demo data is for loopback only \
             (DANBAN_ADDR=127.0.0.1:…, DANBAN_SECURE_COOKIES=0); set up a real ward with \
             `server init`.",
            config.addr,
            if config.secure_cookies { "on" } else { "off" }
        )));
    }
    Ok(())
}

/// `init`: the first commune and its administrator, in a new database.
async fn init(config: Config, args: &[String]) -> Result<(), CliError> {
    use app::domain::directory::{COMMUNE_KINDS, code_from_name, known_kind, required_name};
    use app::ports::import::{CommuneRecord, ImportBatch};
    use app::ssr::password::one_time_password;

    let mut commune = None;
    let mut admin = None;
    let mut province = String::from("Chưa ghi");
    let mut kind = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| CliError(format!("{flag} needs a value")))?
            .clone();
        match flag.as_str() {
            "--commune" => commune = Some(value),
            "--admin" => admin = Some(value),
            "--province" => province = value,
            "--kind" => kind = Some(value),
            other => return Err(CliError(format!("unknown option {other:?}\n\n{HELP}"))),
        }
    }
    let name = required_name("Tên xã, phường", commune.as_deref().unwrap_or_default())
        .map_err(|_| CliError("--commune \"Xã …\" is required".into()))?;
    let username = admin
        .map(|a| a.trim().to_lowercase())
        .ok_or_else(|| CliError("--admin USERNAME is required".into()))?;
    if !app::domain::login::valid_new_username(&username) {
        return Err(CliError(
            "the username must be 3-32 characters of a-z, 0-9, '.', '_' or '-'".into(),
        ));
    }
    let province = required_name("Tỉnh", &province).map_err(err)?;
    let kind_code = kind.unwrap_or_else(|| {
        if name.to_lowercase().starts_with("phường") {
            "phuong".into()
        } else {
            "xa".into()
        }
    });
    let kind_code = known_kind(&COMMUNE_KINDS, &kind_code)
        .map_err(|_| CliError("--kind must be xa, phuong or dac_khu".into()))?;
    let store = db::open(&config.database_url).await.map_err(err)?;
    if !store.is_empty().await.map_err(err)? {
        return Err(CliError(
            "this database already has communes: add more from the administration screens".into(),
        ));
    }
    let password = one_time_password().map_err(err)?;
    let now = Utc::now();
    let commune_id = app::domain::ids::CommuneId::new();
    let batch = ImportBatch {
        communes: vec![CommuneRecord {
            id: commune_id,
            slug: code_from_name(&name, '-'),
            name: name.clone(),
            kind: kind_code,
            province,
            created_at: now,
        }],
        ..ImportBatch::default()
    };
    store.import(&batch).await.map_err(err)?;
    let id = create_account(
        store.as_ref(),
        NewUser {
            username: username.clone(),
            full_name: "Quản trị hệ thống".into(),
            role: Role::Admin,
            commune_slug: None,
            department_code: None,
            group_names: Vec::new(),
            password: password.clone(),
            must_change_password: true,
        },
    )
    .await
    .map_err(err)?;
    let entry = app::ports::AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(id),
        entity: "commune",
        entity_id: commune_id.to_string(),
        action: "initialised",
        before: None,
        after: Some(serde_json::json!({ "name": name, "admin": username }).to_string()),
    };
    store.audit(entry, now).await.map_err(err)?;
    tracing::info!(%commune_id, admin = %username, "database initialised");
    // The password goes to the operator's terminal only, never to the log.
    let message = format!(
        "{name} is set up.\nAdministrator: {username}\nOne-time password: {password}\n\
         Log in at /dang-nhap and choose a new password.\n"
    );
    std::io::Write::write_all(&mut std::io::stdout(), message.as_bytes()).map_err(err)?;
    Ok(())
}

/// Leptos settings for a site served from `config.site_root`.
pub fn leptos_options(config: &Config, addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("danban")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

async fn create_user(config: Config, args: &[String]) -> Result<(), CliError> {
    let mut new = NewUser {
        username: String::new(),
        full_name: String::new(),
        role: Role::Collector,
        commune_slug: None,
        department_code: None,
        group_names: Vec::new(),
        password: std::env::var("DANBAN_PASSWORD")
            .map_err(|_| CliError("set the password in DANBAN_PASSWORD".into()))?,
        must_change_password: false,
    };
    let mut role = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| CliError(format!("{flag} needs a value")))?
            .clone();
        match flag.as_str() {
            "--username" => new.username = value,
            "--name" => new.full_name = value,
            "--role" => {
                role = Some(
                    Role::parse(&value)
                        .ok_or_else(|| CliError(format!("unknown role {value:?}")))?,
                );
            }
            "--commune" => new.commune_slug = Some(value),
            "--department" => new.department_code = Some(value),
            "--group" => new.group_names.push(value),
            other => return Err(CliError(format!("unknown option {other:?}"))),
        }
    }
    new.role = role.ok_or_else(|| CliError("--role is required".into()))?;
    let store = db::open(&config.database_url).await.map_err(err)?;
    let id = create_account(store.as_ref(), new).await.map_err(err)?;
    tracing::info!(%id, "user created");
    Ok(())
}
