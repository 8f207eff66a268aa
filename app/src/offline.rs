//! Offline collection on the phone: the outbox of forms (pure, tested natively), the durable
//! IndexedDB store with its typed records, draft autosave and the sync loop. Everything but
//! `outbox` calls browser APIs: it compiles on both targets but is reached only from effects
//! and event handlers, which never run on the server.

pub mod autosave;
pub mod idb;
pub mod outbox;
pub mod storage;
pub mod sync;
