//! The SQLite backend: one file, WAL journal, foreign keys on, migrations embedded. One module
//! per port, each implementing its trait with the SQL inside.

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

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use app::ports::StoreError;

/// Migrations of this backend, compiled into the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// SQLite implementation of the storage ports.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

pub(crate) use super::rows::backend;

impl SqliteStore {
    /// Opens (creating the file and its folder if needed) and migrates.
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(backend)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a form acknowledged to a phone survives a power cut (the phone then drops
            // its copy's body); the write rate of a commune is low (see the sync benchmark).
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Reads map the file instead of copying each page out of the OS cache: with the
            // search index a province-sized file is gigabytes, far past SQLite's own page cache.
            .pragma("mmap_size", "4294967296");
        if let Some(parent) = options.get_filename().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(backend)?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(backend)?;
        MIGRATOR.run(&pool).await.map_err(backend)?;
        Ok(SqliteStore { pool })
    }

    /// The connection pool, for tests and benchmarks that check rows directly.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
