//! Accounts, sessions, login attempts and the audit log.

use app::domain::ids::UserId;
use app::ports::Sessions;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use app::domain::role::Role;
use app::domain::viewer::Viewer;
use app::ports::{Credentials, FailedLogins, LoginAttemptId, LoginOutcome, StoreError};

use crate::db::rows::FailuresRow;

use super::{SqliteStore, backend};

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
    must_change_password: bool,
}

#[async_trait]
impl Sessions for SqliteStore {
    async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError> {
        let pool = &self.pool;
        let row: Option<CredentialsRow> =
            sqlx::query_as("select id, password_hash, active from users where username = ?")
                .bind(username)
                .fetch_optional(pool)
                .await
                .map_err(backend)?;
        Ok(row.map(|r| Credentials {
            user_id: r.id.into(),
            password_hash: r.password_hash,
            active: r.active,
        }))
    }

    async fn begin_login_attempt(
        &self,
        username: &str,
        address: &str,
        at: DateTime<Utc>,
    ) -> Result<LoginAttemptId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "insert into login_attempts (username, address, outcome, attempted_at)
             values (?1, ?2, 'pending', ?3) returning id",
        )
        .bind(username)
        .bind(address)
        .bind(at)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok(LoginAttemptId(id))
    }

    async fn failed_logins(
        &self,
        attempt: LoginAttemptId,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<FailedLogins, StoreError> {
        let row: FailuresRow = sqlx::query_as(
            "with counted as (
                select * from login_attempts
                 where address = ?2 and attempted_at >= ?3 and id <> ?4
                   and outcome in ('pending', 'failed')
             ),
             last_success as (
                select coalesce(max(id), 0) as id from login_attempts
                 where username = ?1 and address = ?2 and outcome = 'succeeded'
             )
             select
                (select count(*) from counted, last_success
                  where counted.username = ?1 and counted.id > last_success.id) as pair_count,
                (select max(attempted_at) from counted, last_success
                  where counted.username = ?1 and counted.id > last_success.id) as pair_last,
                (select count(*) from counted where outcome = 'failed') as address_count,
                (select max(attempted_at) from counted where outcome = 'failed') as address_last",
        )
        .bind(username)
        .bind(address)
        .bind(since)
        .bind(attempt.0)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.into())
    }

    async fn finish_login_attempt(
        &self,
        attempt: LoginAttemptId,
        outcome: LoginOutcome,
    ) -> Result<(), StoreError> {
        sqlx::query("update login_attempts set outcome = ?1 where id = ?2")
            .bind(outcome.code())
            .bind(attempt.0)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
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
        let user_id = user_id.uuid();
        sqlx::query(
        "insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(created_at)
    .bind(expires_at)
    .execute(pool)
    .await
    .map_err(backend)?;
        // Housekeeping on the rare write path instead of a timer.
        sqlx::query("delete from sessions where expires_at < ?")
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
                u.department_id, u.must_change_password
           from sessions s
           join users u on u.id = s.user_id
           left join communes c on c.id = u.commune_id
          where s.token_hash = ? and s.expires_at > ? and u.active = 1",
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
        let group_ids: Vec<Uuid> =
            sqlx::query_scalar("select group_id from user_groups where user_id = ?")
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
            must_change_password: row.must_change_password,
        }))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let pool = &self.pool;
        sqlx::query("delete from sessions where token_hash = ?")
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
