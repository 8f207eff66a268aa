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
/// username and per address; past the limit the answer is 429 until the window passes. The
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

#[cfg(feature = "ssr")]
async fn open_session(
    caller: &crate::ssr::guard::Caller,
    username: &str,
    password: &str,
) -> Result<(), AppError> {
    use chrono::Utc;

    use crate::ports::AuthEntryExt as _;
    use crate::ssr::password::{decoy_hash, verify_password};
    use crate::ssr::session::{new_token, session_cookie};

    let config = caller.auth.clone();
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() {
        let message = "Vui lòng nhập tên đăng nhập và mật khẩu.".to_owned();
        return Err(caller.fail(AppError::Invalid(message)));
    }
    let address = caller.client_address();
    let now = Utc::now();
    let window =
        chrono::Duration::from_std(config.lockout).unwrap_or(chrono::Duration::minutes(15));
    let failed = caller
        .store
        .failed_logins(&username, &address, now - window)
        .await
        .map_err(|e| caller.internal("counting failed logins", e))?;
    if failed.for_username >= config.max_failed_logins
        || failed.from_address >= config.max_failed_logins * 4
    {
        tracing::warn!(%username, %address, "login rate-limited");
        let minutes = u32::try_from(window.num_minutes()).unwrap_or(15);
        return Err(caller.fail(AppError::RateLimited(minutes)));
    }

    let credentials = caller
        .store
        .credentials(&username)
        .await
        .map_err(|e| caller.internal("reading credentials", e))?;
    let user_id = match credentials {
        Some(c) if verify_password(password, &c.password_hash) && c.active => Some(c.user_id),
        Some(_) => None,
        None => {
            // Same work as for a real account, so timing does not reveal valid usernames.
            verify_password(password, decoy_hash());
            None
        }
    };
    caller
        .store
        .record_login_attempt(&username, &address, user_id.is_some(), now)
        .await
        .map_err(|e| caller.internal("recording a login attempt", e))?;
    let Some(user_id) = user_id else {
        tracing::info!(%username, %address, "login failed");
        return Err(caller.fail(AppError::BadCredentials));
    };

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
    caller.store.audit_login(user_id, "login", now).await;

    let cookie = session_cookie(&token, config.session_ttl.as_secs(), config.secure_cookies);
    caller.set_header(http::header::SET_COOKIE, &cookie);
    caller.redirect("/");
    Ok(())
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
