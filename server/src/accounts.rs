//! Creating accounts (the `create-user` command and the demo seed), on either backend: the rules
//! are checked here, the names resolved and the record written through the import port.

use chrono::Utc;

use app::domain::ids::UserId;
use app::domain::login::valid_new_username;
use app::domain::role::Role;
use app::ports::import::{ImportBatch, UserRecord};
use app::ports::{Store, StoreError};
use app::ssr::password::{MIN_PASSWORD_CHARS, hash_password};

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
    /// A one-time password: the user must choose their own at first login.
    pub must_change_password: bool,
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

/// Creates an account with its scope, in one transaction.
pub async fn create_user(store: &dyn Store, new: NewUser) -> Result<UserId, UserError> {
    let username = new.username.trim().to_lowercase();
    if !valid_new_username(&username) {
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
    let names = match &new.commune_slug {
        Some(slug) => Some(
            store
                .commune_names(slug)
                .await?
                .ok_or_else(|| UserError::Invalid(format!("no commune with slug {slug:?}")))?,
        ),
        None if new.role == Role::Admin => None,
        None => {
            return Err(UserError::Invalid(
                "--commune is required for this role".into(),
            ));
        }
    };
    let department_id = match (&new.department_code, &names) {
        (Some(code), Some(names)) => Some(
            names
                .departments
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, id)| *id)
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
    let mut groups = Vec::new();
    for name in &new.group_names {
        let group = names
            .as_ref()
            .and_then(|n| n.groups.iter().find(|(g, _)| g == name.trim()))
            .map(|(_, id)| *id)
            .ok_or_else(|| UserError::Invalid(format!("no group named {name:?}")))?;
        groups.push(group);
    }
    // Argon2 takes a good fraction of a second: off the async threads.
    let password = new.password.clone();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| UserError::Invalid(e.to_string()))?
        .map_err(|e| UserError::Invalid(e.to_string()))?;
    let id = UserId::new();
    let batch = ImportBatch {
        users: vec![UserRecord {
            id,
            commune_id: names.map(|n| n.commune_id),
            username: username.clone(),
            full_name: new.full_name.trim().to_owned(),
            role: new.role,
            department_id,
            password_hash: hash,
            active: true,
            must_change_password: new.must_change_password,
            created_at: Utc::now(),
            groups,
        }],
        ..ImportBatch::default()
    };
    match store.import(&batch).await {
        Ok(()) => Ok(id),
        Err(StoreError::Conflict(_)) => Err(UserError::Exists(username)),
        Err(other) => Err(other.into()),
    }
}
