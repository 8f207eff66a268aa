//! Talking to the server from the phone: reference data and the form outbox of the collector
//! using the phone. Only one tab syncs at a time (a short lease in local storage); the server's
//! idempotency makes even a double send harmless.

use std::cell::OnceCell;

use chrono::Utc;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::ids::UserId;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, Response};

use crate::api::{
    ApiError, REFERENCE_PATH, ReferenceData, SYNC_FORMS_PATH, SyncRequest, SyncResponse,
};

use super::storage::{LEASE_KEY, StorageProblem, load_identity, update_outbox};

/// Forms per request: well under the server's 1 MiB limit even with long opinions.
const BATCH: usize = 25;
/// How long one tab may hold the sync lease.
const LEASE_MS: f64 = 30_000.0;

/// How a sync attempt ended, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Nothing was waiting.
    Nothing,
    /// Every batch went through; counts of accepted and of rejected/conflicting forms.
    Done { sent: usize, refused: usize },
    /// No network: the forms wait on the phone.
    Offline,
    /// The session expired: log in again, the forms wait.
    NeedsLogin,
    /// Another tab is syncing right now.
    OtherTab,
    /// The server refused or failed; its Vietnamese message.
    Failed(String),
    /// Local storage failed.
    Storage(StorageProblem),
}

impl SyncOutcome {
    /// Vietnamese status line.
    pub fn message(&self) -> String {
        match self {
            SyncOutcome::Nothing => "Không có phiếu nào chờ gửi.".into(),
            SyncOutcome::Done { sent, refused: 0 } => format!("Đã gửi {sent} phiếu."),
            SyncOutcome::Done { sent, refused } => {
                format!("Đã gửi {sent} phiếu; {refused} phiếu cần xem lại.")
            }
            SyncOutcome::Offline => {
                "Không có mạng — phiếu đã lưu trên máy, sẽ tự gửi khi có mạng.".into()
            }
            SyncOutcome::NeedsLogin => {
                "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại; các phiếu vẫn được giữ trên máy."
                    .into()
            }
            SyncOutcome::OtherTab => "Một cửa sổ khác đang đồng bộ.".into(),
            SyncOutcome::Failed(message) => message.clone(),
            SyncOutcome::Storage(problem) => problem.message(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Lease {
    tab: Uuid,
    until: f64,
}

fn tab_id() -> Uuid {
    thread_local! { static TAB: OnceCell<Uuid> = const { OnceCell::new() }; }
    TAB.with(|tab| *tab.get_or_init(Uuid::now_v7))
}

fn take_lease() -> bool {
    let now = js_sys::Date::now();
    if let Ok(lease) = LocalStorage::get::<Lease>(LEASE_KEY)
        && lease.tab != tab_id()
        && lease.until > now
    {
        return false;
    }
    LocalStorage::set(
        LEASE_KEY,
        Lease {
            tab: tab_id(),
            until: now + LEASE_MS,
        },
    )
    .is_ok()
}

/// Gives the lease back (also when the page goes away in the middle of a sync).
pub fn release_lease() {
    if LocalStorage::get::<Lease>(LEASE_KEY).is_ok_and(|lease| lease.tab == tab_id()) {
        LocalStorage::delete(LEASE_KEY);
    }
}

/// True when the browser believes it is online.
pub fn online() -> bool {
    web_sys::window().is_some_and(|w| w.navigator().on_line())
}

enum Fetched {
    Ok(String),
    Status(u16, String),
    Network,
}

async fn fetch(method: &str, path: &str, body: Option<String>) -> Fetched {
    let Some(window) = web_sys::window() else {
        return Fetched::Network;
    };
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(&body));
        if let Ok(headers) = Headers::new() {
            let _ = headers.set("Content-Type", "application/json");
            init.set_headers(&headers);
        }
    }
    let Ok(request) = Request::new_with_str_and_init(path, &init) else {
        return Fetched::Network;
    };
    let Ok(response) = JsFuture::from(window.fetch_with_request(&request)).await else {
        return Fetched::Network;
    };
    let Ok(response) = response.dyn_into::<Response>() else {
        return Fetched::Network;
    };
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string()),
        Err(_) => None,
    };
    let Some(text) = text else {
        return Fetched::Network;
    };
    if response.ok() {
        Fetched::Ok(text)
    } else {
        Fetched::Status(response.status(), text)
    }
}

fn server_message(status: u16, body: &str) -> String {
    const KEPT: &str = "Phiếu vẫn được giữ trên máy, sẽ gửi lại sau.";
    match serde_json::from_str::<ApiError>(body) {
        // The server's words, and what the collector most needs to hear after a failure.
        Ok(e) if status >= 500 => format!("{} {KEPT}", e.message),
        Ok(e) => e.message,
        Err(_) => format!("Máy chủ báo lỗi {status}. {KEPT}"),
    }
}

/// Fresh reference data for the collector from the server (the caller keeps it on the phone:
/// the form opens with it before the write is done).
pub async fn fetch_reference() -> Result<ReferenceData, SyncOutcome> {
    match fetch("GET", REFERENCE_PATH, None).await {
        Fetched::Ok(text) => serde_json::from_str(&text)
            .map_err(|_| SyncOutcome::Failed("Dữ liệu danh mục không đọc được.".into())),
        Fetched::Status(401, _) => Err(SyncOutcome::NeedsLogin),
        Fetched::Status(status, body) => Err(SyncOutcome::Failed(server_message(status, &body))),
        Fetched::Network => Err(SyncOutcome::Offline),
    }
}

/// Sends every due form of the collector using the phone, batch by batch. `force` ignores the
/// backoff (button, reconnect). The owner is read again here, not taken from the page: the
/// session cookie belongs to whoever logged in last, and so does the stored identity.
pub async fn sync_now(force: bool) -> SyncOutcome {
    if !online() {
        return SyncOutcome::Offline;
    }
    let owner = match load_identity().await {
        Ok(Some(user)) => user.user_id,
        Ok(None) => return SyncOutcome::Nothing,
        Err(problem) => return SyncOutcome::Storage(problem),
    };
    if !take_lease() {
        return SyncOutcome::OtherTab;
    }
    let outcome = send_batches(owner, force).await;
    release_lease();
    outcome
}

async fn send_batches(owner: UserId, force: bool) -> SyncOutcome {
    let (mut sent, mut refused) = (0, 0);
    // Holding the lease, this tab is the only sender: anything still marked "sending" was left
    // by a page that closed mid-sync, and goes again (the server ignores what it already has).
    let reset = update_outbox(owner, |o| {
        o.abort();
        if force {
            o.retry_now();
        }
    })
    .await;
    if let Err(problem) = reset {
        return SyncOutcome::Storage(problem);
    }
    loop {
        let now = Utc::now();
        let batch = match update_outbox(owner, |o| {
            if o.due(now) {
                o.take_batch(now, BATCH)
            } else {
                Vec::new()
            }
        })
        .await
        {
            Ok(batch) => batch,
            Err(problem) => return SyncOutcome::Storage(problem),
        };
        if batch.is_empty() {
            return if sent + refused == 0 {
                SyncOutcome::Nothing
            } else {
                SyncOutcome::Done { sent, refused }
            };
        }
        let Ok(body) = serde_json::to_string(&SyncRequest { forms: batch }) else {
            return SyncOutcome::Failed("Không đóng gói được phiếu.".into());
        };
        // Keep the lease alive for long syncs on slow networks.
        take_lease();
        let failure = match fetch("POST", SYNC_FORMS_PATH, Some(body)).await {
            Fetched::Ok(text) => match serde_json::from_str::<SyncResponse>(&text) {
                Ok(response) => {
                    let ok = response
                        .results
                        .iter()
                        .filter(|r| r.outcome.is_acknowledged())
                        .count();
                    sent += ok;
                    refused += response.results.len() - ok;
                    if let Err(problem) =
                        update_outbox(owner, |o| o.apply(&response.results, response.server_time))
                            .await
                    {
                        return SyncOutcome::Storage(problem);
                    }
                    continue;
                }
                Err(_) => SyncOutcome::Failed("Câu trả lời của máy chủ không đọc được.".into()),
            },
            Fetched::Status(401, _) => {
                let _ = update_outbox(owner, |o| o.abort()).await;
                return SyncOutcome::NeedsLogin;
            }
            Fetched::Status(status, body) => SyncOutcome::Failed(server_message(status, &body)),
            Fetched::Network => SyncOutcome::Offline,
        };
        let _ = update_outbox(owner, |o| o.fail(Utc::now())).await;
        return failure;
    }
}

/// Asks the browser not to evict this site's storage; true when granted.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let storage = window.navigator().storage();
    match storage.persist() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}
