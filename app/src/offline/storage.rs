//! Typed, versioned keys in the browser's local storage. Every read-modify-write happens in one
//! synchronous turn, so two tabs never overwrite each other's forms; every error reaches the UI.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::ReferenceData;
use crate::domain::form::FormDraft;

use super::outbox::Outbox;

/// Every form saved on this phone.
pub const OUTBOX_KEY: &str = "danban.v1.outbox";
/// Campaigns, groups and topics for offline forms.
pub const REFERENCE_KEY: &str = "danban.v1.reference";
/// The form being typed.
pub const DRAFT_KEY: &str = "danban.v1.draft";
/// Which tab is syncing, until when.
pub const LEASE_KEY: &str = "danban.v1.sync_lease";
/// Browsers give a site about 5 Mi characters (UTF-16 code units) of local storage; measured in
/// Chromium 148: 5,242,721 characters stored before `QuotaExceededError`.
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

/// Why storage failed, as the collector is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// No space left.
    Full,
    /// Storage is off (private mode) or the data cannot be read.
    Unavailable(String),
}

impl StorageProblem {
    /// Vietnamese message with what to do.
    pub fn message(&self) -> String {
        match self {
            StorageProblem::Full => "Bộ nhớ trên máy đã đầy: phiếu chưa được lưu và vẫn ở trên \
                màn hình. Hãy đồng bộ khi có mạng để giải phóng chỗ, rồi bấm Lưu lại."
                .into(),
            StorageProblem::Unavailable(detail) => format!(
                "Không dùng được bộ nhớ của trình duyệt ({detail}). Hãy tắt chế độ ẩn danh và mở lại."
            ),
        }
    }
}

fn problem(error: StorageError) -> StorageProblem {
    let text = error.to_string();
    if text.contains("Quota") || text.contains("quota") {
        StorageProblem::Full
    } else {
        StorageProblem::Unavailable(text)
    }
}

fn load<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageProblem> {
    match LocalStorage::get::<T>(key) {
        Ok(value) => Ok(Some(value)),
        Err(StorageError::KeyNotFound(_)) => Ok(None),
        Err(error) => Err(problem(error)),
    }
}

fn store<T: Serialize>(key: &str, value: &T) -> Result<(), StorageProblem> {
    LocalStorage::set(key, value).map_err(problem)
}

/// The outbox (empty when none was saved yet). A damaged outbox is an error, never silently
/// replaced: the forms in it may still be recoverable.
pub fn load_outbox() -> Result<Outbox, StorageProblem> {
    Ok(load(OUTBOX_KEY)?.unwrap_or_default())
}

/// Reads the outbox, changes it and writes it back in one turn. When storage is full,
/// acknowledged bodies are dropped (oldest first) to make room before giving up.
pub fn update_outbox<R>(change: impl FnOnce(&mut Outbox) -> R) -> Result<R, StorageProblem> {
    let mut outbox = load_outbox()?;
    let result = change(&mut outbox);
    loop {
        match store(OUTBOX_KEY, &outbox) {
            Ok(()) => return Ok(result),
            Err(StorageProblem::Full) if outbox.drop_oldest_sent_body() => continue,
            Err(error) => return Err(error),
        }
    }
}

/// Reference data kept from the last online visit.
pub fn load_reference() -> Result<Option<ReferenceData>, StorageProblem> {
    load(REFERENCE_KEY)
}

/// Keeps fresh reference data.
pub fn save_reference(data: &ReferenceData) -> Result<(), StorageProblem> {
    store(REFERENCE_KEY, data)
}

/// The form being typed, if any.
pub fn load_draft() -> Result<Option<FormDraft>, StorageProblem> {
    load(DRAFT_KEY)
}

/// Autosaves the form being typed.
pub fn save_draft(draft: &FormDraft) -> Result<(), StorageProblem> {
    store(DRAFT_KEY, draft)
}

/// Forgets the draft once it is in the outbox.
pub fn clear_draft() {
    LocalStorage::delete(DRAFT_KEY);
}

/// UTF-16 code units used by Dân Bàn's keys and values, as browsers count the quota.
pub fn used_units() -> usize {
    let Ok(storage) = LocalStorage::raw().length() else {
        return 0;
    };
    let raw = LocalStorage::raw();
    (0..storage)
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter(|key| key.starts_with("danban."))
        .map(|key| {
            let value = raw.get_item(&key).ok().flatten().unwrap_or_default();
            key.encode_utf16().count() + value.encode_utf16().count()
        })
        .sum()
}
