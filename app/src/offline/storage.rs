//! Typed records of the phone's IndexedDB: each collector's outbox, draft, reference data and
//! sync bookkeeping, the identity of the collector using the phone, and the one-time move of
//! the old local-storage keys. Every read-modify-write runs in one transaction, so two tabs
//! never overwrite each other's forms; every error reaches the UI.

use crate::domain::ids::UserId;
use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::ReferenceData;
use crate::domain::form::FormDraft;

use super::idb::{FORMS, KV, Tx};
use super::outbox::{Outbox, OutboxEntry};

/// Which tab is syncing, until when (local storage: losing it costs nothing).
pub const LEASE_KEY: &str = "danban.v1.sync_lease";
/// Local-storage keys of releases before IndexedDB; moved once, then removed.
pub const LEGACY_OUTBOX_KEY: &str = "danban.v1.outbox";
/// See [`LEGACY_OUTBOX_KEY`].
pub const LEGACY_REFERENCE_KEY: &str = "danban.v1.reference";
/// See [`LEGACY_OUTBOX_KEY`].
pub const LEGACY_DRAFT_KEY: &str = "danban.v1.draft";
/// Every key an older release kept, moved once by [`migrate_legacy`].
const LEGACY_KEYS: [&str; 3] = [LEGACY_OUTBOX_KEY, LEGACY_REFERENCE_KEY, LEGACY_DRAFT_KEY];
/// Record of the collector using the phone (device-wide, owner "").
const IDENTITY_KEY: &str = "identity";
/// Tells other tabs of this site that stored data changed.
const CHANNEL: &str = "danban";

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
                màn hình. Hãy đồng bộ khi có mạng hoặc xóa bớt ảnh, ứng dụng khác, rồi bấm Lưu lại."
                .into(),
            StorageProblem::Unavailable(detail) => format!(
                "Không dùng được bộ nhớ của trình duyệt ({detail}). Hãy tắt chế độ ẩn danh và mở lại."
            ),
        }
    }
}

/// The collector this phone works for: set at each online login, kept for offline days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceUser {
    /// The user's id; every record of theirs is owned by it.
    pub user_id: UserId,
    /// Login name.
    pub username: String,
    /// Name for the header.
    pub full_name: String,
}

/// The outbox's sync bookkeeping, stored apart from the forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct SyncBook {
    failures: u32,
    next_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    last_sync_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn book_of(outbox: &Outbox) -> SyncBook {
    SyncBook {
        failures: outbox.failures,
        next_attempt_at: outbox.next_attempt_at,
        last_sync_at: outbox.last_sync_at,
    }
}

fn key(kind: &str, owner: UserId) -> String {
    format!("{kind}:{owner}")
}

fn encode<T: Serialize>(value: &T) -> Result<String, StorageProblem> {
    serde_json::to_string(value).map_err(|e| StorageProblem::Unavailable(e.to_string()))
}

fn decode<T: DeserializeOwned>(json: Option<String>) -> Result<Option<T>, StorageProblem> {
    json.map(|j| serde_json::from_str(&j))
        .transpose()
        .map_err(|e| StorageProblem::Unavailable(format!("dữ liệu hỏng: {e}")))
}

async fn read_outbox(tx: &Tx, owner: UserId) -> Result<Outbox, StorageProblem> {
    let owner_text = owner.to_string();
    // A record that no longer parses is left where it is (never overwritten or deleted):
    // the form in it may still be recovered by hand.
    let mut entries: Vec<OutboxEntry> = tx
        .owned(FORMS, &owner_text)
        .await?
        .into_iter()
        .filter_map(|(_, json)| serde_json::from_str(&json).ok())
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse((e.summary.saved_at, e.summary.id)));
    let book: SyncBook = decode(tx.get(KV, &key("sync", owner)).await?)?.unwrap_or_default();
    Ok(Outbox {
        entries,
        failures: book.failures,
        next_attempt_at: book.next_attempt_at,
        last_sync_at: book.last_sync_at,
    })
}

/// Queues the records that differ between two states of an owner's outbox.
fn write_changes(
    tx: &Tx,
    owner: UserId,
    before: &Outbox,
    after: &Outbox,
) -> Result<(), StorageProblem> {
    let owner_text = owner.to_string();
    for entry in &after.entries {
        if before.get(entry.summary.id) != Some(entry) {
            tx.put(
                FORMS,
                &entry.summary.id.to_string(),
                &owner_text,
                &encode(entry)?,
            )?;
        }
    }
    for entry in &before.entries {
        if after.get(entry.summary.id).is_none() {
            tx.delete(FORMS, &entry.summary.id.to_string())?;
        }
    }
    let book = book_of(after);
    if book != book_of(before) {
        tx.put(KV, &key("sync", owner), &owner_text, &encode(&book)?)?;
    }
    Ok(())
}

thread_local! {
    // One channel per page, for sending and hearing: a channel never hears its own messages,
    // so a tab is not told to re-read what it has just written itself.
    static PAGE_CHANNEL: std::cell::OnceCell<Option<web_sys::BroadcastChannel>> =
        const { std::cell::OnceCell::new() };
}

fn with_channel(act: impl FnOnce(&web_sys::BroadcastChannel)) {
    PAGE_CHANNEL.with(|cell| {
        if let Some(channel) = cell.get_or_init(|| web_sys::BroadcastChannel::new(CHANNEL).ok()) {
            act(channel);
        }
    });
}

/// Tells the other tabs to read the outbox again.
fn notify() {
    with_channel(|channel| {
        let _ = channel.post_message(&"changed".into());
    });
}

/// Calls `reload` whenever another tab changed the stored data.
pub fn on_change(reload: impl Fn() + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let listener = Closure::<dyn Fn()>::new(reload);
    with_channel(|channel| channel.set_onmessage(Some(listener.as_ref().unchecked_ref())));
    // Lives as long as the page.
    listener.forget();
}

/// An owner's outbox (empty when nothing was saved yet).
pub async fn load_outbox(owner: UserId) -> Result<Outbox, StorageProblem> {
    let tx = Tx::read().await?;
    read_outbox(&tx, owner).await
}

/// Reads an owner's outbox in `tx`, changes it and queues the records that changed.
async fn change_outbox<R>(
    tx: &Tx,
    owner: UserId,
    change: impl FnOnce(&mut Outbox) -> R,
) -> Result<R, StorageProblem> {
    let before = read_outbox(tx, owner).await?;
    let mut after = before.clone();
    let result = change(&mut after);
    write_changes(tx, owner, &before, &after)?;
    Ok(result)
}

/// Reads the outbox, changes it and writes back what changed, in one transaction; returns once
/// it is on disk.
pub async fn update_outbox<R>(
    owner: UserId,
    change: impl FnOnce(&mut Outbox) -> R,
) -> Result<R, StorageProblem> {
    let tx = Tx::write().await?;
    let result = change_outbox(&tx, owner, change).await?;
    tx.commit().await?;
    notify();
    Ok(result)
}

/// Puts a finished form in the outbox and forgets the draft, atomically: after a crash either
/// the draft is still there or the form is saved, never both lost.
pub async fn save_form(
    owner: UserId,
    change: impl FnOnce(&mut Outbox) -> u32,
) -> Result<u32, StorageProblem> {
    let tx = Tx::write().await?;
    let revision = change_outbox(&tx, owner, change).await?;
    tx.delete(KV, &key("draft", owner))?;
    tx.commit().await?;
    notify();
    Ok(revision)
}

async fn load_kv<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageProblem> {
    let tx = Tx::read().await?;
    decode(tx.get(KV, key).await?)
}

async fn store_kv<T: Serialize>(key: &str, owner: &str, value: &T) -> Result<(), StorageProblem> {
    let tx = Tx::write().await?;
    tx.put(KV, key, owner, &encode(value)?)?;
    tx.commit().await
}

/// Keeps fresh reference data.
pub async fn save_reference(owner: UserId, data: &ReferenceData) -> Result<(), StorageProblem> {
    store_kv(&key("reference", owner), &owner.to_string(), data).await
}

/// What the form screen opens with, read in one transaction: the reference data and the draft.
pub async fn load_form_start(
    owner: UserId,
) -> Result<(Option<ReferenceData>, Option<FormDraft>), StorageProblem> {
    let tx = Tx::read().await?;
    let reference = tx.get(KV, &key("reference", owner)).await?;
    let draft = tx.get(KV, &key("draft", owner)).await?;
    Ok((decode(reference)?, decode(draft)?))
}

/// Stores the form being typed.
pub async fn save_draft(owner: UserId, draft: &FormDraft) -> Result<(), StorageProblem> {
    store_kv(&key("draft", owner), &owner.to_string(), draft).await
}

/// The collector this phone last worked for.
pub async fn load_identity() -> Result<Option<DeviceUser>, StorageProblem> {
    load_kv(IDENTITY_KEY).await
}

/// Records who is using the phone now (at an online login).
pub async fn save_identity(user: &DeviceUser) -> Result<(), StorageProblem> {
    store_kv(IDENTITY_KEY, "", user).await?;
    notify();
    Ok(())
}

/// Erases everything of one collector on this phone (at logout, once nothing is unsent).
pub async fn forget(owner: UserId) -> Result<(), StorageProblem> {
    let owner_text = owner.to_string();
    let tx = Tx::write().await?;
    for store in [FORMS, KV] {
        for (record, _) in tx.owned(store, &owner_text).await? {
            tx.delete(store, &record)?;
        }
    }
    let identity: Option<DeviceUser> = decode(tx.get(KV, IDENTITY_KEY).await?)?;
    if identity.is_some_and(|u| u.user_id == owner) {
        tx.delete(KV, IDENTITY_KEY)?;
    }
    tx.commit().await?;
    notify();
    Ok(())
}

fn legacy<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageProblem> {
    match LocalStorage::get::<T>(key) {
        Ok(value) => Ok(Some(value)),
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Ok(None),
        Err(error) => Err(StorageProblem::Unavailable(error.to_string())),
    }
}

/// True while an older release's keys wait in local storage to be moved.
pub fn has_legacy() -> bool {
    LEGACY_KEYS
        .iter()
        .any(|key| LocalStorage::raw().get_item(key).ok().flatten().is_some())
}

/// Moves what an older release kept in local storage into `user`'s records, once. Forms already
/// in IndexedDB are never overwritten, so a move interrupted by a crash and repeated adds
/// nothing twice. Data that an older release kept for another collector (the reference data
/// names them) is left for that collector. Returns how many forms were moved.
pub async fn migrate_legacy(user: &DeviceUser) -> Result<usize, StorageProblem> {
    let outbox: Option<Outbox> = legacy(LEGACY_OUTBOX_KEY)?;
    let reference: Option<ReferenceData> = legacy(LEGACY_REFERENCE_KEY)?;
    let draft: Option<FormDraft> = legacy(LEGACY_DRAFT_KEY)?;
    if outbox.is_none() && reference.is_none() && draft.is_none() {
        return Ok(0);
    }
    if reference
        .as_ref()
        .is_some_and(|r| r.collector_name != user.full_name)
    {
        return Ok(0);
    }
    let owner = user.user_id;
    let tx = Tx::write().await?;
    let moved = match outbox {
        Some(old) => change_outbox(&tx, owner, |o| o.adopt(old)).await?,
        None => 0,
    };
    if let Some(draft) = draft {
        put_if_absent(&tx, "draft", owner, &draft).await?;
    }
    if let Some(reference) = reference {
        put_if_absent(&tx, "reference", owner, &reference).await?;
    }
    tx.commit().await?;
    for old in LEGACY_KEYS {
        LocalStorage::delete(old);
    }
    notify();
    Ok(moved)
}

/// Queues an owner's record of `kind` unless one is already stored (the newer one wins).
async fn put_if_absent<T: Serialize>(
    tx: &Tx,
    kind: &str,
    owner: UserId,
    value: &T,
) -> Result<(), StorageProblem> {
    let record = key(kind, owner);
    if tx.get(KV, &record).await?.is_none() {
        tx.put(KV, &record, &owner.to_string(), &encode(value)?)?;
    }
    Ok(())
}

/// Bytes this site uses and may use on the phone, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?;
    let read = |name: &str| js_sys::Reflect::get(&estimate, &name.into()).ok()?.as_f64();
    Some((read("usage")?, read("quota")?))
}
