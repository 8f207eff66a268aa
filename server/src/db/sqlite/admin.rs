//! Creating accounts from the command line (and the demo seed).

use chrono::Utc;
use uuid::Uuid;

use app::domain::role::Role;
use app::ports::StoreError;
use app::ssr::password::{MIN_PASSWORD_CHARS, hash_password};

use super::{SqliteStore, backend};

/// An account to create. Names refer to existing records of the commune.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name: 3–32 of a–z, 0–9, '.', '_', '-'.
    pub username: String,
    /// Name shown in the interface.
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// Slug of the commune; required for every role but admin.
    pub commune_slug: Option<String>,
    /// Department code (department officers).
    pub department_code: Option<String>,
    /// Group names (collectors).
    pub group_names: Vec<String>,
    /// Plain password, hashed before storage.
    pub password: String,
}

/// Why an account was not created.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// The request breaks a rule; the message says which.
    #[error("{0}")]
    Invalid(String),
    /// The username is taken.
    #[error("username {0:?} already exists")]
    Exists(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn valid_username(name: &str) -> bool {
    (3..=32).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
}

impl SqliteStore {
    /// Creates an account with its scope, in one transaction.
    pub async fn create_user(&self, new: NewUser) -> Result<Uuid, UserError> {
        let username = new.username.trim().to_lowercase();
        if !valid_username(&username) {
            return Err(UserError::Invalid(
                "username must be 3-32 characters of a-z, 0-9, '.', '_' or '-'".into(),
            ));
        }
        if new.full_name.trim().is_empty() {
            return Err(UserError::Invalid("full name is required".into()));
        }
        if new.password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(UserError::Invalid(format!(
                "password must have at least {MIN_PASSWORD_CHARS} characters"
            )));
        }
        let hash = hash_password(&new.password).map_err(|e| UserError::Invalid(e.to_string()))?;
        let mut tx = self.pool.begin().await.map_err(backend)?;

        let taken: Option<Uuid> = sqlx::query_scalar("select id from users where username = ?")
            .bind(&username)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
        if taken.is_some() {
            return Err(UserError::Exists(username));
        }
        let commune_id = match &new.commune_slug {
            Some(slug) => Some(
                sqlx::query_scalar::<_, Uuid>("select id from communes where slug = ?")
                    .bind(slug)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?
                    .ok_or_else(|| UserError::Invalid(format!("no commune with slug {slug:?}")))?,
            ),
            None if new.role == Role::Admin => None,
            None => {
                return Err(UserError::Invalid(
                    "--commune is required for this role".into(),
                ));
            }
        };
        let department_id = match (&new.department_code, commune_id) {
            (Some(code), Some(commune)) => Some(
                sqlx::query_scalar::<_, Uuid>(
                    "select id from departments where commune_id = ? and code = ?",
                )
                .bind(commune)
                .bind(code)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?
                .ok_or_else(|| UserError::Invalid(format!("no department with code {code:?}")))?,
            ),
            (Some(_), None) => {
                return Err(UserError::Invalid("a department needs a commune".into()));
            }
            (None, _) => None,
        };
        if new.role == Role::DepartmentOfficer && department_id.is_none() {
            return Err(UserError::Invalid(
                "a department officer needs --department".into(),
            ));
        }
        if new.role == Role::Collector && new.group_names.is_empty() {
            return Err(UserError::Invalid(
                "a collector needs at least one --group".into(),
            ));
        }

        let id = Uuid::now_v7();
        sqlx::query(
            "insert into users (id, commune_id, username, full_name, role, department_id,
                                password_hash, active, created_at)
             values (?, ?, ?, ?, ?, ?, ?, 1, ?)",
        )
        .bind(id)
        .bind(commune_id)
        .bind(&username)
        .bind(new.full_name.trim())
        .bind(new.role.code())
        .bind(department_id)
        .bind(&hash)
        .bind(Utc::now())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for name in &new.group_names {
            let group: Option<Uuid> = sqlx::query_scalar(
                "select id from residential_groups where commune_id = ? and name = ?",
            )
            .bind(commune_id)
            .bind(name.trim())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
            let group =
                group.ok_or_else(|| UserError::Invalid(format!("no group named {name:?}")))?;
            sqlx::query("insert into user_groups (user_id, group_id) values (?, ?)")
                .bind(id)
                .bind(group)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::valid_username;

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(valid_username("an.son_01"));
        assert!(!valid_username("ab"));
        assert!(!valid_username("trưởng thôn"));
        assert!(!valid_username("Admin"));
    }
}
