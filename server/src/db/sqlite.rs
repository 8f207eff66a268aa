//! The SQLite backend: one file, WAL journal, foreign keys on, migrations embedded.

mod admin;
mod auth;
mod conflicts;
mod desk;
mod desk_port;
mod home;
mod issues;
mod public;
mod report;
mod sync;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use uuid::Uuid;

use app::api::CampaignRef;
use app::domain::calendar::DayKind;
use app::domain::ingest::{Arrival, Ingest};
use app::domain::viewer::Viewer;
use app::ports::{AuditEntry, Credentials, FailedLogins, Store, StoreError};
use app::server_fns::admin::CommuneSummary;
use app::server_fns::answer::{ApprovalCard, AssignmentCard};
use app::server_fns::collect::CampaignCard;
use app::server_fns::intake::IntakeSummary;
use app::server_fns::public::{PublicCommune, PublicCommunePage};

pub use admin::{NewUser, UserError};

/// Migrations of this backend, compiled into the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// SQLite implementation of the storage port.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

pub(crate) fn backend(error: impl std::fmt::Display) -> StoreError {
    StoreError(error.to_string())
}

impl SqliteStore {
    /// Opens (creating the file and its folder if needed) and migrates.
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(backend)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
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

    /// True when no commune exists yet (a new database).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let count: i64 = sqlx::query_scalar("select count(*) from communes")
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        Ok(count == 0)
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("select 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(backend)
    }

    async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError> {
        auth::credentials(&self.pool, username).await
    }

    async fn failed_logins(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<FailedLogins, StoreError> {
        auth::failed_logins(&self.pool, username, address, since).await
    }

    async fn record_login_attempt(
        &self,
        username: &str,
        address: &str,
        succeeded: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        auth::record_login_attempt(&self.pool, username, address, succeeded, at).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user_id: Uuid,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        auth::create_session(&self.pool, token_hash, user_id, created_at, expires_at).await
    }

    async fn session_viewer(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Viewer>, StoreError> {
        auth::session_viewer(&self.pool, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        auth::delete_session(&self.pool, token_hash).await
    }

    async fn audit(&self, entry: AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
        auth::audit(&self.pool, entry, at).await
    }

    async fn calendar(&self, commune_id: Uuid) -> Result<Vec<(NaiveDate, DayKind)>, StoreError> {
        home::calendar(&self.pool, commune_id).await
    }

    async fn collector_campaigns(
        &self,
        commune_id: Uuid,
        collector_id: Uuid,
    ) -> Result<Vec<CampaignCard>, StoreError> {
        home::collector_campaigns(&self.pool, commune_id, collector_id).await
    }

    async fn intake_summaries(&self, commune_id: Uuid) -> Result<Vec<IntakeSummary>, StoreError> {
        home::intake_summaries(&self.pool, commune_id).await
    }

    async fn assignments(
        &self,
        commune_id: Uuid,
        department_id: Option<Uuid>,
    ) -> Result<Vec<AssignmentCard>, StoreError> {
        home::assignments(&self.pool, commune_id, department_id).await
    }

    async fn answers_awaiting_approval(
        &self,
        commune_id: Uuid,
    ) -> Result<Vec<ApprovalCard>, StoreError> {
        home::answers_awaiting_approval(&self.pool, commune_id).await
    }

    async fn collector_reference(
        &self,
        commune_id: Uuid,
        collector_id: Uuid,
    ) -> Result<Vec<CampaignRef>, StoreError> {
        sync::collector_reference(&self.pool, commune_id, collector_id).await
    }

    async fn ingest_form(
        &self,
        arrival: Arrival<'_>,
        now: DateTime<Utc>,
    ) -> Result<Ingest, StoreError> {
        sync::ingest_form(&self.pool, arrival, now).await
    }

    async fn commune_summaries(&self) -> Result<Vec<CommuneSummary>, StoreError> {
        public::commune_summaries(&self.pool).await
    }

    async fn public_communes(&self) -> Result<Vec<PublicCommune>, StoreError> {
        public::public_communes(&self.pool).await
    }

    async fn public_commune_page(
        &self,
        slug: &str,
    ) -> Result<Option<PublicCommunePage>, StoreError> {
        public::public_commune_page(&self.pool, slug).await
    }
}
