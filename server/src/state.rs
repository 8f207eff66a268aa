//! What every request handler shares.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use app::ports::SharedStore;
use app::ssr::AuthConfig;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// Leptos settings (bundle name, site root).
    pub leptos_options: LeptosOptions,
    /// The database behind the storage port.
    pub store: SharedStore,
    /// Session and login-limit settings.
    pub auth: AuthConfig,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The user behind the session cookie of a plain (non-Leptos) request, if any.
    pub async fn viewer(
        &self,
        headers: &axum::http::HeaderMap,
    ) -> Result<Option<app::domain::viewer::Viewer>, app::ports::StoreError> {
        match app::ssr::session::token_from_headers(headers, self.auth.secure_cookies) {
            Some(token) => {
                self.store
                    .session_viewer(&app::ssr::session::token_hash(token), chrono::Utc::now())
                    .await
            }
            None => Ok(None),
        }
    }

    /// True when the request carries a session cookie (valid or not: no lookup).
    pub fn has_session_cookie(&self, headers: &axum::http::HeaderMap) -> bool {
        app::ssr::session::token_from_headers(headers, self.auth.secure_cookies).is_some()
    }

    /// Puts the store and settings into the Leptos context of one request.
    pub fn provide(&self) {
        leptos::prelude::provide_context(self.store.clone());
        leptos::prelude::provide_context(self.auth.clone());
        // The nonce the policy header names (leptos_axum provides a random one of its own
        // first; this one replaces it).
        let nonce =
            leptos::prelude::use_context::<axum::http::request::Parts>().and_then(|parts| {
                parts
                    .extensions
                    .get::<crate::security_headers::PageNonce>()
                    .cloned()
            });
        if let Some(nonce) = nonce {
            leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
}
