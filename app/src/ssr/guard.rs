//! Who is calling, and may they? Every server function starts with [`Caller::from_context`],
//! which takes everything it needs from the Leptos context *synchronously*: after the first
//! `.await` of a server function run by a resource during SSR the reactive owner may be gone,
//! and `use_context` then finds nothing. Roles and commune scope are checked here, and
//! refusals carry the right HTTP status.

use chrono::Utc;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::domain::ids::CommuneId;
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::ports::{SharedStore, StoreError};

use super::AuthConfig;
use super::session::{token_from_headers, token_hash};

/// The request as a server function sees it: store, settings, headers, response options.
pub struct Caller {
    /// The storage port.
    pub store: SharedStore,
    /// Session and login-limit settings.
    pub auth: AuthConfig,
    parts: Option<Parts>,
    response: Option<ResponseOptions>,
}

impl Caller {
    /// Reads the context. Call it first, before any `.await`.
    pub fn from_context() -> Result<Caller, AppError> {
        let response = use_context::<ResponseOptions>();
        let Some(store) = use_context::<SharedStore>() else {
            tracing::error!("storage missing from the Leptos context");
            if let Some(r) = &response {
                r.set_status(AppError::Internal.http_status());
            }
            return Err(AppError::Internal);
        };
        Ok(Caller {
            store,
            auth: use_context::<AuthConfig>().unwrap_or_default(),
            parts: use_context::<Parts>(),
            response,
        })
    }

    /// Sets the response status for `error` and returns it, so `?` sends the right code.
    pub fn fail(&self, error: AppError) -> AppError {
        if let Some(response) = &self.response {
            response.set_status(error.http_status());
        }
        error
    }

    /// Logs a storage failure with its context and returns the opaque user-facing error.
    pub fn internal(&self, context: &str, error: StoreError) -> AppError {
        tracing::error!(%error, "{context}");
        self.fail(AppError::Internal)
    }

    /// Adds a header to the response (used for `Set-Cookie`).
    pub fn set_header(&self, name: http::HeaderName, value: &str) {
        match (&self.response, http::HeaderValue::from_str(value)) {
            (Some(response), Ok(value)) => response.insert_header(name, value),
            _ => tracing::error!(header = %name, "cannot set response header"),
        }
    }

    /// True for a plain HTML form post (a browser navigation), false for script clients.
    pub fn accepts_html(&self) -> bool {
        self.parts.as_ref().is_some_and(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        })
    }

    /// Answers with a redirect to `path` (a 302 the browser follows).
    pub fn redirect(&self, path: &str) {
        if let Some(response) = &self.response {
            response.set_status(http::StatusCode::FOUND);
        }
        self.set_header(http::header::LOCATION, path);
    }

    /// The session token sent with this request, if any.
    pub fn session_token(&self) -> Option<String> {
        let parts = self.parts.as_ref()?;
        token_from_headers(&parts.headers, self.auth.secure_cookies).map(str::to_owned)
    }

    /// The caller's address as login throttling counts it (see [`super::address`]):
    /// "unknown" without connect-info.
    pub fn client_address(&self) -> String {
        let Some(parts) = &self.parts else {
            return "unknown".to_owned();
        };
        let Some(peer) = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
        else {
            return "unknown".to_owned();
        };
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let client = super::address::client_address(peer, &forwarded, &self.auth.trusted_proxies);
        super::address::throttle_key(client)
    }

    /// The signed-in user, or `None` for an anonymous visitor.
    pub async fn viewer(&self) -> Result<Option<Viewer>, AppError> {
        let Some(token) = self.session_token() else {
            return Ok(None);
        };
        self.store
            .session_viewer(&token_hash(&token), Utc::now())
            .await
            .map_err(|e| self.internal("reading the session", e))
    }

    /// The signed-in user if their role is one of `roles` and they belong to a commune;
    /// otherwise 401 or 403. Access fails closed: a user without a commune gets nothing here.
    pub async fn require(&self, roles: &[Role]) -> Result<Viewer, AppError> {
        let viewer = self
            .viewer()
            .await?
            .ok_or_else(|| self.fail(AppError::Unauthenticated))?;
        if viewer.must_change_password {
            return Err(self.fail(AppError::PasswordChangeRequired));
        }
        if !roles.contains(&viewer.role) {
            tracing::warn!(user = %viewer.username, role = viewer.role.code(), "role refused");
            return Err(self.fail(AppError::Forbidden));
        }
        if viewer.commune_id.is_none() && viewer.role != Role::Admin {
            tracing::warn!(user = %viewer.username, "user without commune refused");
            return Err(self.fail(AppError::Forbidden));
        }
        Ok(viewer)
    }

    /// Writes an audit entry for a change the caller made; `before` and `after` are recorded as
    /// JSON text ([`json`]). A failed write is an error: a change must not go unrecorded.
    pub async fn record(
        &self,
        viewer: &Viewer,
        commune_id: Option<CommuneId>,
        (entity, entity_id): (&'static str, String),
        action: &'static str,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<(), AppError> {
        let entry = crate::ports::AuditEntry {
            commune_id,
            actor_id: Some(viewer.user_id.into()),
            entity,
            entity_id,
            action,
            before,
            after,
        };
        self.store
            .audit(entry, Utc::now())
            .await
            .map_err(|e| self.internal("writing the audit log", e))
    }

    /// The commune a non-admin viewer is scoped to (checked by [`Caller::require`]).
    pub fn commune_of(&self, viewer: &Viewer) -> Result<CommuneId, AppError> {
        viewer
            .commune_id
            .map(CommuneId::from_uuid)
            .ok_or_else(|| self.fail(AppError::Forbidden))
    }
}

/// Who acts and when, for a store change made on `viewer`'s behalf: Vietnam's today for the
/// rules, the instant for the records.
pub fn acting(viewer: &Viewer) -> crate::ports::Acting {
    let now = Utc::now();
    crate::ports::Acting {
        actor: viewer.user_id.into(),
        today: crate::domain::today_in_vietnam(now),
        now,
    }
}

/// A value as JSON text for the audit log.
pub fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"unserialisable\":\"{e}\"}}"))
}
