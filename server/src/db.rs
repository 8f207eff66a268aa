//! Opening the database named by the URL, migrating it, and choosing the backend.

#[cfg(feature = "postgres")]
pub mod postgres;
pub mod sqlite;

use std::sync::Arc;

use app::ports::{SharedStore, StoreError};

pub use sqlite::{NewUser, SqliteStore, UserError};

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL names a backend this build does not have.
    #[error(
        "unsupported database URL {0:?}: this build supports sqlite:// (PostgreSQL is planned)"
    )]
    Unsupported(String),
    /// Connecting or migrating failed.
    #[error("cannot open the database: {0}")]
    Backend(#[from] StoreError),
}

/// Opens and migrates the database at `url`.
pub async fn open(url: &str) -> Result<SqliteStore, OpenError> {
    if url.starts_with("sqlite:") {
        Ok(SqliteStore::open(url).await?)
    } else {
        Err(OpenError::Unsupported(
            url.split(':').next().unwrap_or_default().to_owned(),
        ))
    }
}

/// The store as the app's storage port.
pub fn shared(store: SqliteStore) -> SharedStore {
    Arc::new(store)
}
