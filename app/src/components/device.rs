//! The phone's side of offline collection as reactive state: the outbox, the sync status and
//! the storage use, shared by the collector screens. Loaded and synced only in the browser.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::offline::outbox::Outbox;
use crate::offline::storage::{load_outbox, used_units};
use crate::offline::sync::{SyncOutcome, online, release_lease, sync_now};

/// How often to try while online (backoff in the outbox may wait longer).
const SYNC_EVERY: Duration = Duration::from_secs(20);

/// Reactive view of the phone's storage and sync.
#[derive(Clone, Copy)]
pub struct Device {
    /// Every saved form.
    pub outbox: RwSignal<Outbox>,
    /// The last sync's message.
    pub status: RwSignal<Option<String>>,
    /// The session expired; the collector must log in again.
    pub needs_login: RwSignal<bool>,
    /// A sync is running in this tab.
    pub syncing: RwSignal<bool>,
    /// Storage could not be read or written.
    pub storage_error: RwSignal<Option<String>>,
    /// Characters of local storage used by Dân Bàn.
    pub used: RwSignal<usize>,
    /// Whether the browser granted persistent storage.
    pub persisted: RwSignal<Option<bool>>,
    /// Set once the outbox was read from storage (never on the server).
    pub loaded: RwSignal<bool>,
}

impl Device {
    fn new() -> Device {
        Device {
            outbox: RwSignal::new(Outbox::default()),
            status: RwSignal::new(None),
            needs_login: RwSignal::new(false),
            syncing: RwSignal::new(false),
            storage_error: RwSignal::new(None),
            used: RwSignal::new(0),
            persisted: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }

    /// Re-reads the outbox (after a save here or in another tab).
    pub fn reload(&self) {
        match load_outbox() {
            Ok(outbox) => {
                self.outbox.set(outbox);
                self.storage_error.set(None);
            }
            Err(problem) => self.storage_error.set(Some(problem.message())),
        }
        self.used.set(used_units());
        self.loaded.set(true);
    }

    /// Starts a sync unless one is running; `force` skips the backoff.
    pub fn sync(&self, force: bool) {
        if self.syncing.get_untracked() {
            return;
        }
        self.syncing.set(true);
        let device = *self;
        spawn_local(async move {
            let outcome = sync_now(force).await;
            device.needs_login.set(outcome == SyncOutcome::NeedsLogin);
            if force || outcome != SyncOutcome::Nothing {
                device.status.set(Some(outcome.message()));
            }
            device.reload();
            device.syncing.set(false);
        });
    }
}

/// Creates the device state, and in the browser loads it, follows other tabs and syncs on
/// reconnect and on a timer.
pub fn provide_device() -> Device {
    let device = Device::new();
    provide_context(device);
    Effect::new(move |_| {
        device.reload();
        let _ = window_event_listener(leptos::ev::storage, move |_| device.reload());
        let _ = window_event_listener(leptos::ev::online, move |_| device.sync(true));
        let _ = window_event_listener(leptos::ev::pagehide, |_| release_lease());
        let _ = window_event_listener(leptos::ev::offline, move |_| {
            device.status.set(Some(SyncOutcome::Offline.message()));
        });
        let _ = set_interval_with_handle(
            move || {
                if online() && device.outbox.with_untracked(|o| o.due(chrono::Utc::now())) {
                    device.sync(false);
                }
            },
            SYNC_EVERY,
        );
        if online() {
            device.sync(false);
        }
    });
    device
}

/// The device state provided by the app.
pub fn use_device() -> Device {
    expect_context::<Device>()
}
