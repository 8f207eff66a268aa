//! The command line: `serve`, `migrate`, `create-user`, `seed-demo`.

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
                 demo commune into a new database unless DANBAN_DEMO=0.
    migrate      Create or migrate the database, then exit.
    seed-demo    Load the demo communes into an empty database.
    create-user  Create an account. Options:
                   --username NAME --name \"Full name\" --role ROLE
                   [--commune SLUG] [--department CODE] [--group \"Thôn An Sơn\"]...
                 The password is read from DANBAN_PASSWORD.
                 Roles: admin, ward_staff, department_officer, chair, supervisor, collector.

ENVIRONMENT:
    DATABASE_URL           default sqlite://data/danban.db?mode=rwc
    DANBAN_ADDR            default 127.0.0.1:3000
    DANBAN_SITE_ROOT       default target/site (built by scripts/build.sh)
    DANBAN_DEMO            1/0, default 1
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
            let store = db::open(&config.database_url).await.map_err(err)?;
            let summary = seed_demo(store.as_ref(), today_in_vietnam(Utc::now()))
                .await
                .map_err(err)?;
            tracing::info!(?summary, "demo loaded");
            Ok(())
        }
        "create-user" => create_user(config, rest).await,
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
    tracing::info!("Dân Bàn listening on http://{addr}");
    crate::run(state, listener).await.map_err(err)
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
