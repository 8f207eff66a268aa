//! The Dân Bàn server: configuration, database, HTTP routes and the command line.
//! `router(state)` builds the whole app; `run(config, listener)` serves it (tests use port 0).

#![recursion_limit = "256"]

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod routes;
pub mod state;
pub mod sync;
pub mod telemetry;

use std::net::SocketAddr;

use tokio::net::TcpListener;

pub use routes::router;
pub use state::AppState;

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
