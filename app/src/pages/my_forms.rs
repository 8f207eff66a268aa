//! "Phiếu của tôi": every form on this phone with its status; rejected ones can be fixed.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::device::use_device;
use crate::components::sync_panel::SyncPanel;
use crate::domain::format_datetime;
use crate::offline::outbox::{EntryState, OutboxEntry};

/// The list of the collector's forms.
#[component]
pub fn MyFormsPage() -> impl IntoView {
    let device = use_device();
    view! {
        <Title text="Phiếu của tôi — Dân Bàn"/>
        <h1>"Phiếu của tôi"</h1>
        <SyncPanel detailed=true/>
        <p><a class="button" href="/thu-phieu">"+ Phiếu mới"</a></p>
        {move || {
            let entries = device.outbox.with(|o| o.entries.clone());
            if !device.loaded.get() {
                view! { <p class="notice">"Đang mở dữ liệu trên máy…"</p> }.into_any()
            } else if entries.is_empty() {
                view! { <p class="empty">"Chưa có phiếu nào trên máy này."</p> }.into_any()
            } else {
                view! {
                    <ul class="cards form-list">{entries.into_iter().map(entry_card).collect_view()}</ul>
                }
                .into_any()
            }
        }}
    }
}

fn entry_card(entry: OutboxEntry) -> impl IntoView {
    let s = entry.summary;
    let state_class = match entry.state {
        EntryState::Sent(_) => "tag tag-live",
        EntryState::Rejected(_) | EntryState::Conflict => "tag tag-bad",
        _ => "tag",
    };
    let reason = match &entry.state {
        EntryState::Rejected(reason) => Some(reason.clone()),
        EntryState::Conflict => Some(
            "Máy chủ đã có phiếu này với nội dung khác; cán bộ sẽ xem xét. Có thể sửa và gửi lại."
                .into(),
        ),
        _ => None,
    };
    let sent = matches!(entry.state, EntryState::Sent(_)).then(|| {
        view! {
            <p class="hint">
                "Máy chủ đã nhận; họ tên, địa chỉ, số điện thoại đã xóa khỏi máy. "
                "Cần sửa thì báo cán bộ xã."
            </p>
        }
    });
    let editable = entry.form.is_some();
    view! {
        <li class="card form-entry" data-form-id=s.id.to_string()>
            <p class="tags"><span class=state_class data-testid="form-state">{entry.state.label()}</span></p>
            <p class="receipt-small">"Mã: " <strong>{s.receipt_code}</strong> " · " {s.group}</p>
            <p>{s.excerpt}</p>
            <p class="hint">
                {s.opinions} " ý kiến · lưu lúc " {format_datetime(s.saved_at)}
                {(s.revision > 1).then(|| format!(" · lần sửa {}", s.revision))}
            </p>
            {reason.map(|r| view! { <p class="notice notice-error">{r}</p> })}
            {sent}
            {editable.then(|| view! {
                // A page load (the desk's router would show the form before the address bar
                // holds the form's id).
                <a class="button-secondary" rel="external" href=format!("/thu-phieu?sua={}", s.id)>"Sửa phiếu"</a>
            })}
        </li>
    }
}
