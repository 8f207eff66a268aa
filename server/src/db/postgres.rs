//! The PostgreSQL backend: the scale path (a province, the country). The same ports as SQLite,
//! the same rules (they live in `app::domain`), one module per port with the SQL inside, its own
//! migrations. Server instances share nothing but the database, so any number can run behind a
//! load balancer. Where SQLite serialises writers with `begin immediate`, this backend locks
//! only what a change reads and then writes, at the default READ COMMITTED isolation: ingest
//! takes an advisory lock per form id and runs again when it loses a race to another form
//! (`forms`); desk changes lock the issue row, then opinions in id order (`opinions`, `issues`).

mod audit;
mod campaigns;
mod conclusions;
mod conference;
mod conference_record;
mod directory;
mod forms;
mod import;
mod issues;
mod opinions;
mod personal_data;
mod plans;
mod public;
mod publishing;
mod reports;
mod sessions;
mod statistics;
mod supervision;
mod users;

use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use app::ports::StoreError;

/// Migrations of this backend, compiled into the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// PostgreSQL implementation of the storage ports.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

pub(crate) use super::rows::backend;

impl PgStore {
    /// Connects and migrates. Concurrent first starts of several instances are safe: sqlx
    /// takes an advisory lock around the migrations.
    pub async fn open(url: &str) -> Result<PgStore, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(backend)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(backend)?;
        MIGRATOR.run(&pool).await.map_err(backend)?;
        Ok(PgStore { pool })
    }

    /// The connection pool, for tests and benchmarks that check rows directly.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}
