//! Server-side plumbing shared by all server functions: reaching the store, knowing who is
//! calling, and the credential primitives. Compiled only with the `ssr` feature.

pub mod guard;
pub mod password;
pub mod session;

use std::time::Duration;

/// Settings the server provides through context.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// Add `Secure` to the session cookie (on when served over HTTPS).
    pub secure_cookies: bool,
    /// How long a session lives without logging in again.
    pub session_ttl: Duration,
    /// Failed logins allowed per username, and per address ×4, within `lockout`.
    pub max_failed_logins: u32,
    /// The rate-limit window.
    pub lockout: Duration,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            secure_cookies: false,
            // A collector may be offline for a week between syncs.
            session_ttl: Duration::from_secs(30 * 24 * 3600),
            max_failed_logins: 5,
            lockout: Duration::from_secs(15 * 60),
        }
    }
}
