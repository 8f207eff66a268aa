//! Logging in and out, and asking who is logged in.

use leptos::prelude::*;

use crate::domain::viewer::Viewer;
use crate::error::AppError;

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "session/whoami")]
pub async fn whoami() -> Result<Option<Viewer>, AppError> {
    crate::ssr::guard::Caller::from_context()?.viewer().await
}

/// Why a login from the plain login form failed, as the login page's address carries it
/// (`?loi=…`): a code, never a message, so that a link cannot put words on the page.
pub fn login_problem_code(error: &AppError) -> String {
    match error {
        AppError::BadCredentials => "sai".into(),
        AppError::RateLimited(minutes) => format!("khoa-{minutes}"),
        AppError::Invalid(_) => "thieu".into(),
        _ => "loi".into(),
    }
}

/// The message for a code of [`login_problem_code`]; `None` for an unknown code.
pub fn login_problem(code: &str) -> Option<AppError> {
    match code {
        "sai" => Some(AppError::BadCredentials),
        "thieu" => Some(AppError::Invalid(
            "Vui lòng nhập tên đăng nhập và mật khẩu.".into(),
        )),
        "loi" => Some(AppError::Internal),
        _ => code
            .strip_prefix("khoa-")
            .and_then(|m| m.parse().ok())
            .map(AppError::RateLimited),
    }
}

/// Checks the password, opens a session and sets its cookie. Failed attempts are counted per
/// (username, address) and per address; past the free tries the answer is 429 for a wait that
/// doubles with each failure (`domain::login`), and no account is ever locked for everyone. The
/// login page posts here as a plain HTML form (no script needed on a slow phone): success goes
/// to the home page, a failure back to the login page with the reason's code and the username.
#[server(endpoint = "session/login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    let caller = crate::ssr::guard::Caller::from_context()?;
    let result = open_session(&caller, &username, &password).await;
    if let Err(error) = &result
        && caller.accepts_html()
    {
        caller.redirect(&format!(
            "/dang-nhap?loi={}&ten={}",
            login_problem_code(error),
            crate::pages::desk::encode(username.trim())
        ));
    }
    result
}

/// The longest username any account has.
#[cfg(feature = "ssr")]
const MAX_USERNAME_CHARS: usize = 100;
/// The longest password worth checking.
#[cfg(feature = "ssr")]
const MAX_PASSWORD_BYTES: usize = 1_024;

#[cfg(feature = "ssr")]
async fn open_session(
    caller: &crate::ssr::guard::Caller,
    username: &str,
    password: &str,
) -> Result<(), AppError> {
    use chrono::Utc;

    use crate::domain::login;
    use crate::ports::{AuthEntryExt as _, LoginOutcome};
    use crate::ssr::password::verify_password_off_runtime;

    let config = caller.auth.clone();
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() {
        let message = "Vui lòng nhập tên đăng nhập và mật khẩu.".to_owned();
        return Err(caller.fail(AppError::Invalid(message)));
    }
    // No account has such a name: refused before it is recorded or hashed (a NUL cannot even
    // be stored by PostgreSQL, and a megabyte of password is work for nothing).
    if username.chars().count() > MAX_USERNAME_CHARS
        || crate::domain::text::has_control(&username)
        || password.len() > MAX_PASSWORD_BYTES
    {
        return Err(caller.fail(AppError::BadCredentials));
    }
    let address = caller.client_address();
    let now = Utc::now();
    let store = &caller.store;
    // Recorded before anything is checked: parallel guesses see each other as pending.
    let attempt = store
        .begin_login_attempt(&username, &address, now)
        .await
        .map_err(|e| caller.internal("recording a login attempt", e))?;
    let failed = store
        .failed_logins(attempt, &username, &address, now - login::WINDOW)
        .await
        .map_err(|e| caller.internal("counting failed logins", e))?;
    let wait = [
        config.per_account_and_address.wait(failed.for_pair, now),
        config.per_address.wait(failed.from_address, now),
    ]
    .into_iter()
    .flatten()
    .max();
    if let Some(wait) = wait {
        tracing::warn!(%username, %address, seconds = wait.num_seconds(), "login throttled");
        store
            .finish_login_attempt(attempt, LoginOutcome::Refused)
            .await
            .map_err(|e| caller.internal("recording a login attempt", e))?;
        return Err(caller.fail(AppError::RateLimited(login::minutes_to_wait(wait))));
    }

    let credentials = store
        .credentials(&username)
        .await
        .map_err(|e| caller.internal("reading credentials", e))?;
    let stored = credentials.as_ref().map(|c| c.password_hash.as_str());
    let matches = verify_password_off_runtime(password, stored).await;
    let user_id = credentials
        .filter(|c| matches && c.active)
        .map(|c| c.user_id);
    let outcome = if user_id.is_some() {
        LoginOutcome::Succeeded
    } else {
        LoginOutcome::Failed
    };
    store
        .finish_login_attempt(attempt, outcome)
        .await
        .map_err(|e| caller.internal("recording a login attempt", e))?;
    let Some(user_id) = user_id else {
        tracing::info!(%username, %address, "login failed");
        return Err(caller.fail(AppError::BadCredentials));
    };

    start_session(caller, user_id, now).await?;
    caller.store.audit_login(user_id, "login", now).await;
    caller.redirect("/");
    Ok(())
}

/// Opens a session for `user_id` and sets its cookie on the response.
#[cfg(feature = "ssr")]
async fn start_session(
    caller: &crate::ssr::guard::Caller,
    user_id: crate::domain::ids::UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use crate::ssr::session::{new_token, session_cookie};

    let config = &caller.auth;
    let (token, token_hash) = new_token().map_err(|e| {
        tracing::error!(%e, "no randomness for a session token");
        caller.fail(AppError::Internal)
    })?;
    let ttl = chrono::Duration::from_std(config.session_ttl).unwrap_or(chrono::Duration::days(30));
    caller
        .store
        .create_session(&token_hash, user_id, now, now + ttl)
        .await
        .map_err(|e| caller.internal("creating a session", e))?;
    let cookie = session_cookie(&token, config.session_ttl.as_secs(), config.secure_cookies);
    caller.set_header(http::header::SET_COOKIE, &cookie);
    Ok(())
}

/// Why a new password was not taken. It travels as a short code in the home page's address
/// (the form is a plain HTML form), so a link cannot put other words on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// The current password is wrong.
    WrongCurrent,
    /// The new one is too short or absurdly long.
    TooShort,
    /// The new one is the current one.
    Same,
    /// The two copies of the new one differ.
    Mismatch,
}

impl PasswordProblem {
    const ALL: [PasswordProblem; 4] = [
        PasswordProblem::WrongCurrent,
        PasswordProblem::TooShort,
        PasswordProblem::Same,
        PasswordProblem::Mismatch,
    ];

    /// The code in the address.
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::WrongCurrent => "mk-sai",
            PasswordProblem::TooShort => "mk-ngan",
            PasswordProblem::Same => "mk-trung",
            PasswordProblem::Mismatch => "mk-khac",
        }
    }

    /// The problem of a code; `None` for anything else.
    pub fn parse(code: &str) -> Option<PasswordProblem> {
        PasswordProblem::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Vietnamese explanation.
    pub fn message(self) -> String {
        match self {
            PasswordProblem::WrongCurrent => "Mật khẩu hiện tại không đúng.".into(),
            PasswordProblem::TooShort => format!(
                "Mật khẩu mới phải có từ {} ký tự trở lên.",
                crate::domain::login::MIN_NEW_PASSWORD_CHARS
            ),
            PasswordProblem::Same => "Mật khẩu mới phải khác mật khẩu hiện tại.".into(),
            PasswordProblem::Mismatch => "Hai lần nhập mật khẩu mới không giống nhau.".into(),
        }
    }
}

/// Replaces the caller's own password: the current one must be right, the new one long enough,
/// typed twice the same and different. Every other session of the user ends; this one is
/// replaced by a fresh one. Posted as a plain HTML form (no script needed): success goes home,
/// a problem back home with its code.
#[server(endpoint = "session/password")]
pub async fn change_password(current: String, new: String, again: String) -> Result<(), AppError> {
    let caller = crate::ssr::guard::Caller::from_context()?;
    let result = replace_password(&caller, &current, &new, &again).await;
    if caller.accepts_html() {
        match &result {
            Ok(()) => caller.redirect("/"),
            Err((Some(problem), _)) => caller.redirect(&format!("/?loi={}", problem.code())),
            Err((None, _)) => caller.redirect("/"),
        }
    }
    result.map_err(|(_, error)| caller.fail(error))
}

#[cfg(feature = "ssr")]
async fn replace_password(
    caller: &crate::ssr::guard::Caller,
    current: &str,
    new: &str,
    again: &str,
) -> Result<(), (Option<PasswordProblem>, AppError)> {
    use chrono::Utc;

    use crate::domain::login::MIN_NEW_PASSWORD_CHARS;
    use crate::ports::AuditEntry;
    use crate::ssr::password::{hash_password_off_runtime, verify_password_off_runtime};

    let refuse = |p: PasswordProblem| (Some(p), AppError::Invalid(p.message()));
    let internal = |e: AppError| (None, e);
    let viewer = caller
        .viewer()
        .await
        .map_err(internal)?
        .ok_or((None, AppError::Unauthenticated))?;
    if new.chars().count() < MIN_NEW_PASSWORD_CHARS || new.len() > 1024 {
        return Err(refuse(PasswordProblem::TooShort));
    }
    if new != again {
        return Err(refuse(PasswordProblem::Mismatch));
    }
    if new == current {
        return Err(refuse(PasswordProblem::Same));
    }
    let stored = caller
        .store
        .credentials(&viewer.username)
        .await
        .map_err(|e| internal(caller.internal("reading credentials", e)))?;
    let stored_hash = stored.as_ref().map(|c| c.password_hash.as_str());
    if current.len() > 1024 || !verify_password_off_runtime(current, stored_hash).await {
        return Err(refuse(PasswordProblem::WrongCurrent));
    }
    let hash = hash_password_off_runtime(new).await.map_err(|e| {
        tracing::error!(%e, "hashing a new password");
        (None, AppError::Internal)
    })?;
    let user_id = viewer.user_id.into();
    let now = Utc::now();
    caller
        .store
        .set_password(user_id, &hash, false)
        .await
        .map_err(|e| internal(caller.internal("changing a password", e)))?;
    let entry = AuditEntry {
        commune_id: viewer.commune_id.map(Into::into),
        actor_id: Some(user_id),
        entity: "user",
        entity_id: user_id.to_string(),
        action: "password_changed",
        before: None,
        after: None,
    };
    caller
        .store
        .audit(entry, now)
        .await
        .map_err(|e| internal(caller.internal("auditing a password change", e)))?;
    start_session(caller, user_id, now).await.map_err(internal)
}

/// Ends the session and clears its cookie. Safe to call when not logged in.
#[server(endpoint = "session/logout")]
pub async fn logout() -> Result<(), AppError> {
    use chrono::Utc;

    use crate::ports::AuthEntryExt as _;
    use crate::ssr::guard::Caller;
    use crate::ssr::session::{clearing_cookie, token_hash};

    let caller = Caller::from_context()?;
    // Context-bound calls first: the redirect and cookie must not depend on the owner surviving
    // the awaits below.
    caller.set_header(
        http::header::SET_COOKIE,
        &clearing_cookie(caller.auth.secure_cookies),
    );
    leptos_axum::redirect("/");
    if let Some(token) = caller.session_token() {
        let viewer = caller.viewer().await?;
        caller
            .store
            .delete_session(&token_hash(&token))
            .await
            .map_err(|e| caller.internal("deleting a session", e))?;
        if let Some(viewer) = viewer {
            caller
                .store
                .audit_login(viewer.user_id.into(), "logout", Utc::now())
                .await;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_problems_travel_as_codes() {
        for problem in PasswordProblem::ALL {
            assert_eq!(PasswordProblem::parse(problem.code()), Some(problem));
            assert!(!problem.message().is_empty());
        }
        assert_eq!(PasswordProblem::parse("<b>"), None);
    }

    #[test]
    fn login_problems_travel_as_codes_and_come_back_as_the_same_message() {
        for error in [
            AppError::BadCredentials,
            AppError::RateLimited(15),
            AppError::Internal,
        ] {
            assert_eq!(login_problem(&login_problem_code(&error)), Some(error));
        }
        assert_eq!(login_problem("khoa-abc"), None);
        assert_eq!(
            login_problem("<script>"),
            None,
            "a link cannot put words on the page"
        );
    }
}
