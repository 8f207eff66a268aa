//! Accounts as login sees them, login attempts and sessions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use app::domain::ids::UserId;
use app::domain::role::Role;
use app::domain::viewer::Viewer;
use app::ports::{Credentials, FailedLogins, Sessions, StoreError};

use super::{PgStore, backend};

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: Uuid,
    password_hash: String,
    active: bool,
}

#[derive(sqlx::FromRow)]
struct ViewerRow {
    id: Uuid,
    username: String,
    full_name: String,
    role: String,
    commune_id: Option<Uuid>,
    commune_name: Option<String>,
    department_id: Option<Uuid>,
}

#[async_trait]
impl Sessions for PgStore {
    async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError> {
        let row: Option<CredentialsRow> =
            sqlx::query_as("select id, password_hash, active from users where username = $1")
                .bind(username)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        Ok(row.map(|r| Credentials {
            user_id: r.id.into(),
            password_hash: r.password_hash,
            active: r.active,
        }))
    }

    async fn failed_logins(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<FailedLogins, StoreError> {
        let (for_username, from_address): (i64, i64) = sqlx::query_as(
            "select
            (select count(*) from login_attempts
              where username = $1 and not succeeded and attempted_at >= $3),
            (select count(*) from login_attempts
              where address = $2 and not succeeded and attempted_at >= $3)",
        )
        .bind(username)
        .bind(address)
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok(FailedLogins {
            for_username: u32::try_from(for_username).unwrap_or(u32::MAX),
            from_address: u32::try_from(from_address).unwrap_or(u32::MAX),
        })
    }

    async fn record_login_attempt(
        &self,
        username: &str,
        address: &str,
        succeeded: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let pool = &self.pool;
        sqlx::query(
            "insert into login_attempts (username, address, succeeded, attempted_at)
             values ($1, $2, $3, $4)",
        )
        .bind(username)
        .bind(address)
        .bind(succeeded)
        .bind(at)
        .execute(pool)
        .await
        .map_err(backend)?;
        if succeeded {
            // A successful login forgives the user's earlier typos.
            sqlx::query("delete from login_attempts where username = $1 and not succeeded")
                .bind(username)
                .execute(pool)
                .await
                .map_err(backend)?;
        }
        Ok(())
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user_id: UserId,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let pool = &self.pool;
        sqlx::query(
            "insert into sessions (token_hash, user_id, created_at, expires_at)
             values ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(created_at)
        .bind(expires_at)
        .execute(pool)
        .await
        .map_err(backend)?;
        // Housekeeping on the rare write path instead of a timer.
        sqlx::query("delete from sessions where expires_at < $1")
            .bind(created_at)
            .execute(pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn session_viewer(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Viewer>, StoreError> {
        let pool = &self.pool;
        let row: Option<ViewerRow> = sqlx::query_as(
            "select u.id, u.username, u.full_name, u.role, u.commune_id, c.name as commune_name,
                u.department_id
           from sessions s
           join users u on u.id = s.user_id
           left join communes c on c.id = u.commune_id
          where s.token_hash = $1 and s.expires_at > $2 and u.active",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let Some(role) = Role::parse(&row.role) else {
            tracing::error!(role = %row.role, user = %row.username, "unknown role in database");
            return Ok(None);
        };
        let group_ids: Vec<Uuid> = sqlx::query_scalar(
            // ordered as SQLite reads them, along the primary key
            "select group_id from user_groups where user_id = $1 order by group_id",
        )
        .bind(row.id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        Ok(Some(Viewer {
            user_id: row.id,
            username: row.username,
            full_name: row.full_name,
            role,
            commune_id: row.commune_id,
            commune_name: row.commune_name,
            department_id: row.department_id,
            group_ids,
        }))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("delete from sessions where token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
