//! The Dân Bàn server: configuration, database, HTTP routes and the command line.
//! `router(state)` builds the whole app; `run(config, listener)` serves it (tests use port 0).

#![recursion_limit = "256"]

pub mod accounts;
pub mod cli;
pub mod config;
pub mod cross_site;
pub mod db;
pub mod demo;
pub mod export;
pub mod page_data;
pub mod residents;
pub mod retention;
pub mod routes;
pub mod security_headers;
pub mod state;
pub mod sync;
pub mod telemetry;

use std::net::SocketAddr;

use tokio::net::TcpListener;

pub use routes::router;
pub use state::AppState;

/// Serves `store` in the background on an ephemeral loopback port and returns the address:
/// the real app, as integration tests and benchmarks need it.
pub async fn serve_on_loopback(
    store: app::ports::SharedStore,
    site_root: std::path::PathBuf,
) -> std::io::Result<SocketAddr> {
    serve_on_loopback_with(store, site_root, app::ssr::AuthConfig::default()).await
}

/// [`serve_on_loopback`] with other session settings (secure cookies, trusted proxies).
pub async fn serve_on_loopback_with(
    store: app::ports::SharedStore,
    site_root: std::path::PathBuf,
    auth: app::ssr::AuthConfig,
) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let config = config::Config {
        addr,
        database_url: String::new(),
        site_root,
        demo_on_empty: false,
        secure_cookies: auth.secure_cookies,
        trusted_proxies: auth.trusted_proxies.clone(),
    };
    let state = AppState {
        leptos_options: cli::leptos_options(&config, addr),
        store,
        auth,
    };
    tokio::spawn(run(state, listener));
    Ok(addr)
}

/// Serves the app on `listener` until Ctrl-C or SIGTERM.
pub async fn run(state: AppState, listener: TcpListener) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
