//! The collector's sync status: forms waiting, last sync, storage use, the "Đồng bộ" button.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::device::use_device;
use crate::domain::format_datetime;
use crate::offline::sync::request_persistence;

/// Status box shown on every collector screen: two short lines and the button, so that the
/// form starts on the first screen; `detailed` adds the storage use (the list of forms).
#[component]
pub fn SyncPanel(#[prop(optional)] detailed: bool) -> impl IntoView {
    let device = use_device();
    Effect::new(move |_| {
        spawn_local(async move { device.persisted.set(Some(request_persistence().await)) });
    });
    let pending = move || device.outbox.with(|o| o.unsent_count());
    let last = move || {
        device
            .outbox
            .with(|o| o.last_sync_at)
            .map_or_else(|| "chưa lần nào".to_owned(), format_datetime)
    };
    let usage = move || {
        // Whole tenths of a megabyte, written by hand: float formatting costs the phone's
        // bundle some 20 KB.
        device.used.get().map(|(used, quota)| {
            let mb = |bytes: f64| {
                let tenths = (bytes / 104_857.6).round() as u64;
                format!("{},{}", tenths / 10, tenths % 10)
            };
            format!("{} MB / {} MB", mb(used), mb(quota))
        })
    };
    view! {
        <section class="card sync-panel" aria-live="polite" data-loaded=move || device.loaded.get().to_string()>
            <p class="sync-line">
                "Chờ gửi: " <strong data-testid="pending-count">{pending}</strong> " phiếu"
            </p>
            <p class="hint">"Đồng bộ: " <span data-testid="last-sync">{last}</span></p>
            <Show when=move || detailed>
                <p class="hint storage">
                    {move || usage().map(|u| format!("Bộ nhớ trên máy: {u}"))}
                    {move || match device.persisted.get() {
                        Some(true) => " · đã được giữ cố định",
                        Some(false) => " · trình duyệt có thể xóa khi máy đầy bộ nhớ",
                        None => "",
                    }}
                </p>
            </Show>
            <Show when=move || device.needs_login.get()>
                <p class="notice notice-error" role="alert">
                    "Phiên đăng nhập đã hết hạn. " <a href="/dang-nhap">"Đăng nhập lại"</a>
                    " — các phiếu vẫn được giữ trên máy."
                </p>
            </Show>
            {move || device.storage_error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            {move || device.status.get().map(|s| view! { <p class="notice" data-testid="sync-status">{s}</p> })}
            <button
                type="button"
                class="button"
                disabled=move || device.syncing.get()
                on:click=move |_| device.sync(true)
            >
                {move || if device.syncing.get() { "Đang đồng bộ…" } else { "Đồng bộ" }}
            </button>
        </section>
    }
}
