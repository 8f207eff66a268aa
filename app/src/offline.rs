//! Offline collection on the phone: the outbox of forms (pure, tested natively), typed browser
//! storage and the sync loop. `storage` and `sync` call browser APIs: they compile on both
//! targets but are reached only from effects and event handlers, which never run on the server.

pub mod outbox;
pub mod storage;
pub mod sync;
