//! Server-side plumbing shared by all server functions: reaching the store, knowing who is
//! calling, and the credential primitives. Compiled only with the `ssr` feature.

pub mod address;
pub mod guard;
pub mod password;
pub mod session;

use std::net::IpAddr;
use std::time::Duration;

use crate::domain::login::{PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS, Throttle};

/// Settings the server provides through context.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// Add `Secure` to the session cookie (on when served over HTTPS).
    pub secure_cookies: bool,
    /// How long a session lives without logging in again.
    pub session_ttl: Duration,
    /// Login throttle for one username from one address.
    pub per_account_and_address: Throttle,
    /// Login throttle for one address, any username.
    pub per_address: Throttle,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            secure_cookies: false,
            // A collector may be offline for a week between syncs.
            session_ttl: Duration::from_secs(30 * 24 * 3600),
            per_account_and_address: PER_ACCOUNT_AND_ADDRESS,
            per_address: PER_ADDRESS,
            trusted_proxies: Vec::new(),
        }
    }
}

/// The Content-Security-Policy of a server-rendered page. Its inline scripts (the hydration
/// loader, the resources Leptos streams, the service-worker registration) carry the render's
/// nonce; the wasm needs `wasm-unsafe-eval`; inline `style` attributes are allowed.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}
