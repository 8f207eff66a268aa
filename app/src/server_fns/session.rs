//! Logging in and out, and asking who is logged in.

use leptos::prelude::*;

use crate::domain::viewer::Viewer;
use crate::error::AppError;

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "session/whoami")]
pub async fn whoami() -> Result<Option<Viewer>, AppError> {
    crate::ssr::guard::current_viewer().await
}

/// Checks the password, opens a session and sets its cookie. Failed attempts are counted per
/// username and per address; past the limit the answer is 429 until the window passes.
#[server(endpoint = "session/login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    use chrono::Utc;
    use leptos_axum::ResponseOptions;

    use crate::ports::AuthEntryExt as _;
    use crate::ssr::AuthConfig;
    use crate::ssr::guard::{fail, internal, store};
    use crate::ssr::password::{decoy_hash, verify_password};
    use crate::ssr::session::{new_token, session_cookie};

    let store = store()?;
    let config = use_context::<AuthConfig>().unwrap_or_default();
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() {
        return Err(fail(AppError::Invalid("Vui lòng nhập tên đăng nhập và mật khẩu.".into())));
    }
    let address = client_address().await;
    let now = Utc::now();
    let window = chrono::Duration::from_std(config.lockout).unwrap_or(chrono::Duration::minutes(15));
    let failed = store
        .failed_logins(&username, &address, now - window)
        .await
        .map_err(|e| internal("counting failed logins", e))?;
    if failed.for_username >= config.max_failed_logins
        || failed.from_address >= config.max_failed_logins * 4
    {
        tracing::warn!(%username, %address, "login rate-limited");
        let minutes = u32::try_from(window.num_minutes()).unwrap_or(15);
        return Err(fail(AppError::RateLimited(minutes)));
    }

    let credentials = store
        .credentials(&username)
        .await
        .map_err(|e| internal("reading credentials", e))?;
    let user_id = match credentials {
        Some(c) if verify_password(&password, &c.password_hash) && c.active => Some(c.user_id),
        Some(_) => None,
        None => {
            // Same work as for a real account, so timing does not reveal valid usernames.
            verify_password(&password, decoy_hash());
            None
        }
    };
    store
        .record_login_attempt(&username, &address, user_id.is_some(), now)
        .await
        .map_err(|e| internal("recording a login attempt", e))?;
    let Some(user_id) = user_id else {
        tracing::info!(%username, %address, "login failed");
        return Err(fail(AppError::BadCredentials));
    };

    let (token, token_hash) = new_token().map_err(|e| {
        tracing::error!(%e, "no randomness for a session token");
        fail(AppError::Internal)
    })?;
    let ttl = chrono::Duration::from_std(config.session_ttl).unwrap_or(chrono::Duration::days(30));
    store
        .create_session(&token_hash, user_id, now, now + ttl)
        .await
        .map_err(|e| internal("creating a session", e))?;
    store.audit_login(user_id, "login", now).await;

    let cookie = session_cookie(&token, config.session_ttl.as_secs(), config.secure_cookies);
    if let (Some(response), Ok(value)) =
        (use_context::<ResponseOptions>(), http::HeaderValue::from_str(&cookie))
    {
        response.insert_header(http::header::SET_COOKIE, value);
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// Ends the session and clears its cookie. Safe to call when not logged in.
#[server(endpoint = "session/logout")]
pub async fn logout() -> Result<(), AppError> {
    use chrono::Utc;
    use leptos_axum::ResponseOptions;

    use crate::ports::AuthEntryExt as _;
    use crate::ssr::AuthConfig;
    use crate::ssr::guard::{current_viewer, internal, session_token, store};
    use crate::ssr::session::{clearing_cookie, token_hash};

    let config = use_context::<AuthConfig>().unwrap_or_default();
    if let Some(token) = session_token().await {
        let store = store()?;
        let viewer = current_viewer().await?;
        store
            .delete_session(&token_hash(&token))
            .await
            .map_err(|e| internal("deleting a session", e))?;
        if let Some(viewer) = viewer {
            store.audit_login(viewer.user_id, "logout", Utc::now()).await;
        }
    }
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&clearing_cookie(config.secure_cookies)),
    ) {
        response.insert_header(http::header::SET_COOKIE, value);
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// The caller's IP address as the server saw it ("unknown" behind a missing connect-info).
#[cfg(feature = "ssr")]
async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_owned(),
    }
}
