//! Opening the database named by the URL, migrating it, and choosing the backend.

mod personal_rows;
#[cfg(feature = "postgres")]
pub mod postgres;
mod public_rows;
mod rows;
pub mod sqlite;

use std::sync::Arc;

use app::ports::{SharedStore, StoreError};

#[cfg(feature = "postgres")]
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL names a backend this build does not have.
    #[error("unsupported database URL scheme {0:?}: use sqlite://FILE or postgres://USER@HOST/DB")]
    Unsupported(String),
    /// Connecting or migrating failed.
    #[error("cannot open the database: {0}")]
    Backend(#[from] StoreError),
}

/// Opens and migrates the database at `url`: `sqlite:…` (the embedded default) or
/// `postgres://…` / `postgresql://…` (the scale path).
pub async fn open(url: &str) -> Result<SharedStore, OpenError> {
    let scheme = url.split(':').next().unwrap_or_default();
    match scheme {
        "sqlite" => Ok(Arc::new(SqliteStore::open(url).await?)),
        #[cfg(feature = "postgres")]
        "postgres" | "postgresql" => Ok(Arc::new(PgStore::open(url).await?)),
        other => Err(OpenError::Unsupported(other.to_owned())),
    }
}
