//! The phone's side of offline collection as reactive state: who is collecting on this phone,
//! their outbox, the sync status and the storage use, shared by the collector screens. Loaded
//! and synced only in the browser.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::access;
use crate::domain::ids::UserId;
use crate::domain::viewer::Viewer;
use crate::offline::outbox::Outbox;
use crate::offline::storage::{
    DeviceUser, estimate, forget, has_legacy, load_identity, load_outbox, migrate_legacy,
    on_change, save_identity,
};
use crate::offline::sync::{SyncOutcome, online, release_lease, sync_now};
use crate::shell::PageViewer;

/// How often to try while online (backoff in the outbox may wait longer).
const SYNC_EVERY: Duration = Duration::from_secs(20);

/// Reactive view of the phone's storage and sync.
#[derive(Clone, Copy)]
pub struct Device {
    /// The collector whose forms this phone shows and sends: the signed-in collector, or
    /// offline the one who last signed in here. `None` for other roles and unknown phones.
    pub user: RwSignal<Option<DeviceUser>>,
    /// That collector's saved forms.
    pub outbox: RwSignal<Outbox>,
    /// The last sync's message.
    pub status: RwSignal<Option<String>>,
    /// The session expired; the collector must log in again.
    pub needs_login: RwSignal<bool>,
    /// A sync is running in this tab.
    pub syncing: RwSignal<bool>,
    /// Storage could not be read or written.
    pub storage_error: RwSignal<Option<String>>,
    /// Bytes used and available for this site, as the browser estimates them.
    pub used: RwSignal<Option<(f64, f64)>>,
    /// Whether the browser granted persistent storage.
    pub persisted: RwSignal<Option<bool>>,
    /// Set once the phone's data was read (never on the server).
    pub loaded: RwSignal<bool>,
}

impl Device {
    fn new() -> Device {
        Device {
            user: RwSignal::new(None),
            outbox: RwSignal::new(Outbox::default()),
            status: RwSignal::new(None),
            needs_login: RwSignal::new(false),
            syncing: RwSignal::new(false),
            storage_error: RwSignal::new(None),
            used: RwSignal::new(None),
            persisted: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }

    /// The id owning the shown records.
    pub fn owner(&self) -> Option<UserId> {
        self.user.with_untracked(|u| u.as_ref().map(|u| u.user_id))
    }

    /// Re-reads the outbox (after a save here or in another tab).
    pub fn reload(&self) {
        let device = *self;
        spawn_local(async move {
            match device.owner() {
                Some(owner) => match load_outbox(owner).await {
                    Ok(outbox) => {
                        device.outbox.set(outbox);
                        device.storage_error.set(None);
                    }
                    Err(problem) => device.storage_error.set(Some(problem.message())),
                },
                None => device.outbox.set(Outbox::default()),
            }
            device.loaded.set(true);
            device.used.set(estimate().await);
        });
    }

    /// Starts a sync unless one is running; `force` skips the backoff.
    pub fn sync(&self, force: bool) {
        if self.syncing.get_untracked() || self.owner().is_none() {
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

    /// Settles who is collecting on this phone: a signed-in collector becomes the phone's
    /// collector (and takes over what an older release left in local storage); with no session
    /// (offline, or expired) the last collector stays; any other role sees no collector's data.
    async fn identify(&self, viewer: Option<Viewer>) {
        let user = match viewer {
            // Ward staff typing paper forms use the same outbox on their desktop.
            Some(v) if access::allows(access::SEND_FORMS, v.role) => {
                let user = DeviceUser {
                    user_id: v.user_id.into(),
                    username: v.username,
                    full_name: v.full_name,
                };
                // The session names the collector: the screens may open their records now,
                // beside the bookkeeping below (unless an old release's data is still to move).
                if !has_legacy() {
                    self.user.set(Some(user.clone()));
                }
                let stored = load_identity().await.ok().flatten();
                if stored.as_ref() != Some(&user)
                    && let Err(problem) = save_identity(&user).await
                {
                    self.storage_error.set(Some(problem.message()));
                }
                Some(user)
            }
            Some(_) => None,
            None => match load_identity().await {
                Ok(user) => user,
                Err(problem) => {
                    self.storage_error.set(Some(problem.message()));
                    None
                }
            },
        };
        // The first start after an update may well be offline: the move does not wait for a
        // session, only for knowing whose phone this is.
        if let Some(user) = &user
            && let Err(problem) = migrate_legacy(user).await
        {
            self.storage_error.set(Some(problem.message()));
        }
        self.user.set(user);
        self.reload();
    }

    /// Clears this collector's data from the phone after logout: everything already on the
    /// server, the draft, the reference data and the cached pages. Unsent forms stay (logout
    /// is refused while there are any; this is the last guard).
    pub async fn forget_user(&self) {
        if let Some(owner) = self.owner()
            && let Err(problem) = forget(owner).await
        {
            self.storage_error.set(Some(problem.message()));
        }
        clear_page_caches().await;
        self.user.set(None);
        self.outbox.set(Outbox::default());
    }
}

/// Deletes the service worker's caches of this site.
async fn clear_page_caches() {
    use wasm_bindgen_futures::JsFuture;
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    let Ok(keys) = JsFuture::from(caches.keys()).await else {
        return;
    };
    for name in js_sys::Array::from(&keys)
        .iter()
        .filter_map(|k| k.as_string())
    {
        if name.starts_with("danban-") {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
}

/// Creates the device state, and in the browser loads it, follows other tabs and syncs on
/// reconnect and on a timer.
pub fn provide_device(viewer: &PageViewer) -> Device {
    let device = Device::new();
    provide_context(device);
    let signed_in = viewer.clone().ok().flatten();
    // Identity and outbox are read after hydration, in the browser.
    Effect::new(move |_| {
        let signed_in = signed_in.clone();
        spawn_local(async move {
            device.identify(signed_in).await;
            if online() {
                device.sync(false);
            }
        });
    });
    Effect::new(move |_| {
        on_change(move || {
            // Another tab saved, synced, logged in or out: follow the phone's collector.
            spawn_local(async move {
                let stored = load_identity().await.ok().flatten();
                if stored != device.user.get_untracked() {
                    device.user.set(stored);
                }
                device.reload();
            });
        });
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
    });
    device
}

/// The device state provided by the app.
pub fn use_device() -> Device {
    expect_context::<Device>()
}
