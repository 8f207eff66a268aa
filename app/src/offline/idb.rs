//! A thin async layer over the browser's IndexedDB, the phone's durable store. Local storage is
//! committed to disk late (Chromium holds writes tens of seconds), so a killed browser lost
//! saved forms; an IndexedDB transaction is on disk when its `complete` event fires, and writes
//! here ask for `durability: "strict"` (flushed to the device, not only to the OS).
//!
//! Records are `{owner, json}` objects: `owner` (a user id, or "" for device-wide records) is
//! indexed so that one collector's data can be listed and erased without touching another's.

use std::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbIndexParameters, IdbObjectStore, IdbOpenDbRequest, IdbRequest,
    IdbTransaction, IdbVersionChangeEvent,
};

use super::storage::StorageProblem;

/// Name of the phone's database.
pub const DB_NAME: &str = "danban";
/// Schema version; `upgrade` creates what a newer version adds.
const DB_VERSION: u32 = 1;
/// Saved forms, one record per form (key: the form id).
pub const FORMS: &str = "forms";
/// Everything else, one record per key (draft, reference data, sync bookkeeping, identity).
pub const KV: &str = "kv";
/// The index on `owner` in both stores.
const OWNER_INDEX: &str = "owner";

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Turns a browser error into what the collector is told.
pub fn problem(error: &JsValue) -> StorageProblem {
    if let Some(exception) = error.dyn_ref::<DomException>() {
        if exception.name() == "QuotaExceededError" {
            return StorageProblem::Full;
        }
        return StorageProblem::Unavailable(format!(
            "{}: {}",
            exception.name(),
            exception.message()
        ));
    }
    StorageProblem::Unavailable(
        error
            .as_string()
            .unwrap_or_else(|| "IndexedDB không phản hồi".into()),
    )
}

fn unavailable(what: &str) -> StorageProblem {
    StorageProblem::Unavailable(what.into())
}

/// A promise settled by a request's `success` / `error` event.
fn settle(request: &IdbRequest) -> JsFuture {
    let target = request.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let done = target.clone();
        let on_success = Closure::once_into_js(move || {
            let value = done.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &value);
        });
        let failed = target.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        target.set_onsuccess(Some(on_success.unchecked_ref()));
        target.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

fn upgrade(request: &IdbOpenDbRequest) {
    let Ok(result) = request.result() else { return };
    let Ok(db) = result.dyn_into::<IdbDatabase>() else {
        return;
    };
    let names = db.object_store_names();
    for store in [FORMS, KV] {
        if names.contains(store) {
            continue;
        }
        if let Ok(created) = db.create_object_store(store) {
            let parameters = IdbIndexParameters::new();
            parameters.set_unique(false);
            let _ = created.create_index_with_str_and_optional_parameters(
                OWNER_INDEX,
                "owner",
                &parameters,
            );
        }
    }
}

/// The open database (opened once per page, created on first use).
pub async fn database() -> Result<IdbDatabase, StorageProblem> {
    if let Some(db) = OPEN.with(|open| open.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| unavailable("trình duyệt không có IndexedDB"))?;
    let request = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(|e| problem(&e))?;
    let upgrading = request.clone();
    let on_upgrade = Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |_| {
        upgrade(&upgrading);
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let opened = settle(&request).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    let db: IdbDatabase = opened
        .map_err(|e| problem(&e))?
        .dyn_into()
        .map_err(|_| unavailable("IndexedDB trả về dữ liệu lạ"))?;
    // A newer release in another tab wants to upgrade: step aside, reopen on next use.
    let closing = db.clone();
    let on_version = Closure::<dyn FnMut()>::new(move || {
        closing.close();
        OPEN.with(|open| open.borrow_mut().take());
    });
    db.set_onversionchange(Some(on_version.as_ref().unchecked_ref()));
    on_version.forget();
    OPEN.with(|open| *open.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// One transaction over both stores, and the promise of its end.
pub struct Tx {
    tx: IdbTransaction,
    done: JsFuture,
}

impl Tx {
    async fn begin(mode: &str) -> Result<Tx, StorageProblem> {
        let db = database().await?;
        let stores = Array::of2(&JsValue::from_str(FORMS), &JsValue::from_str(KV));
        let options = Object::new();
        let _ = Reflect::set(&options, &"durability".into(), &"strict".into());
        // `IDBTransactionOptions` is still behind web-sys's unstable flag; the call itself is
        // standard (Chromium 83+, Firefox 126+) and older browsers ignore the third argument.
        let open_transaction: js_sys::Function = Reflect::get(&db, &"transaction".into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| unavailable("IndexedDB không mở được giao dịch"))?;
        let tx: IdbTransaction = open_transaction
            .call3(&db, &stores, &JsValue::from_str(mode), &options)
            .map_err(|e| problem(&e))?
            .dyn_into()
            .map_err(|_| unavailable("IndexedDB trả về dữ liệu lạ"))?;
        let watched = tx.clone();
        let done = JsFuture::from(Promise::new(&mut |resolve, reject| {
            let on_complete = Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            });
            let failed = watched.clone();
            let on_abort = Closure::once_into_js(move || {
                let error = failed.error().map_or(JsValue::UNDEFINED, JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            });
            watched.set_oncomplete(Some(on_complete.unchecked_ref()));
            watched.set_onabort(Some(on_abort.unchecked_ref()));
        }));
        Ok(Tx { tx, done })
    }

    /// A read-write transaction, flushed to the device when it commits.
    pub async fn write() -> Result<Tx, StorageProblem> {
        Tx::begin("readwrite").await
    }

    /// A read-only transaction.
    pub async fn read() -> Result<Tx, StorageProblem> {
        Tx::begin("readonly").await
    }

    fn store(&self, name: &str) -> Result<IdbObjectStore, StorageProblem> {
        self.tx.object_store(name).map_err(|e| problem(&e))
    }

    /// The JSON of one record, if present.
    pub async fn get(&self, store: &str, key: &str) -> Result<Option<String>, StorageProblem> {
        let request = self
            .store(store)?
            .get(&JsValue::from_str(key))
            .map_err(|e| problem(&e))?;
        let value = settle(&request).await.map_err(|e| problem(&e))?;
        Ok(json_of(&value))
    }

    /// The keys and JSON of every record of an owner.
    pub async fn owned(
        &self,
        store: &str,
        owner: &str,
    ) -> Result<Vec<(String, String)>, StorageProblem> {
        let index = self
            .store(store)?
            .index(OWNER_INDEX)
            .map_err(|e| problem(&e))?;
        let owner = JsValue::from_str(owner);
        let keys = settle(
            &index
                .get_all_keys_with_key(&owner)
                .map_err(|e| problem(&e))?,
        );
        let values = settle(&index.get_all_with_key(&owner).map_err(|e| problem(&e))?);
        let keys: Array = keys.await.map_err(|e| problem(&e))?.unchecked_into();
        let values: Array = values.await.map_err(|e| problem(&e))?.unchecked_into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| Some((key.as_string()?, json_of(&value)?)))
            .collect())
    }

    /// Queues a write of one record; it lands when the transaction commits.
    pub fn put(
        &self,
        store: &str,
        key: &str,
        owner: &str,
        json: &str,
    ) -> Result<(), StorageProblem> {
        let record = Object::new();
        let _ = Reflect::set(&record, &"owner".into(), &owner.into());
        let _ = Reflect::set(&record, &"json".into(), &json.into());
        self.store(store)?
            .put_with_key(&record, &JsValue::from_str(key))
            .map(|_| ())
            .map_err(|e| problem(&e))
    }

    /// Queues the removal of one record.
    pub fn delete(&self, store: &str, key: &str) -> Result<(), StorageProblem> {
        self.store(store)?
            .delete(&JsValue::from_str(key))
            .map(|_| ())
            .map_err(|e| problem(&e))
    }

    /// Waits until everything queued is on disk. Only then may the collector be told "saved".
    pub async fn commit(self) -> Result<(), StorageProblem> {
        self.done.await.map(|_| ()).map_err(|e| problem(&e))
    }
}

fn json_of(record: &JsValue) -> Option<String> {
    if record.is_undefined() || record.is_null() {
        return None;
    }
    Reflect::get(record, &"json".into()).ok()?.as_string()
}
