//! The focused opinion beside the list: its details and likely duplicates from other groups,
//! which can be added to the selection and merged in one go.

use crate::domain::ids::OpinionId;
use leptos::prelude::*;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::format_datetime;
use crate::server_fns::desk::{OpinionRow, suggestions};

/// Empty until an opinion is opened from the list.
#[component]
pub(crate) fn OpinionPanel(
    focused: RwSignal<Option<OpinionRow>>,
    selected: RwSignal<Vec<OpinionId>>,
) -> impl IntoView {
    let similar = Resource::new(
        move || focused.with(|f| f.as_ref().map(|f| f.id)),
        |id| async move {
            match id {
                Some(id) => suggestions(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let add = move |id: OpinionId| {
        selected.update(|s| {
            if !s.contains(&id) {
                s.push(id);
            }
        })
    };
    view! {
        <aside class="opinion-panel" id="opinion-panel" aria-live="polite">
            {move || match focused.get() {
                None => view! {
                    <p class="hint">"Chọn một ý kiến trong danh sách để xem chi tiết và các ý kiến tương tự."</p>
                }
                .into_any(),
                Some(row) => {
                    let id = row.id;
                    view! {
                        <h2>"Chi tiết ý kiến"</h2>
                        <blockquote class="quote">{row.body.clone()}</blockquote>
                        <dl class="facts">
                            <dt>"Thôn, tổ dân phố"</dt><dd>{row.group.clone()}</dd>
                            <dt>"Nhóm nội dung"</dt><dd>{row.topic.clone()}</dd>
                            <dt>"Mã tra cứu"</dt><dd>{row.receipt_code.clone().unwrap_or_default()}</dd>
                            <dt>"Tiếp nhận"</dt><dd>{format_datetime(row.received_at)}</dd>
                            {row.out_of_scope_reason.clone().map(|r| view! { <dt>"Lý do ngoài phạm vi"</dt><dd>{r}</dd> })}
                        </dl>
                        <button type="button" class="button-secondary" on:click=move |_| add(id)>
                            "Chọn ý kiến này"
                        </button>
                        <h3>"Ý kiến tương tự"</h3>
                        <Transition fallback=Loading>
                            {move || Suspend::new(async move {
                                match similar.await {
                                    Ok(Some(list)) if list.is_empty() => view! {
                                        <p class="hint">"Không thấy ý kiến nào tương tự."</p>
                                    }
                                    .into_any(),
                                    Ok(Some(list)) => view! {
                                        <ul class="suggestions" id="suggestions">
                                            {list.into_iter().map(|s| {
                                                let other = s.row.id;
                                                let picked = move || selected.with(|sel| sel.contains(&other));
                                                view! {
                                                    <li data-opinion=other.to_string()>
                                                        <span class="score">{s.percent} "%"</span>
                                                        <span>{s.row.body.clone()}</span>
                                                        <small>{s.row.group.clone()} " · " {s.row.state.label()}</small>
                                                        <button type="button" class="link-button"
                                                            on:click=move |_| add(other) disabled=picked>
                                                            {move || if picked() { "Đã chọn" } else { "Chọn để gộp" }}
                                                        </button>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }
                                    .into_any(),
                                    Ok(None) => ().into_any(),
                                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                                }
                            })}
                        </Transition>
                    }
                    .into_any()
                }
            }}
        </aside>
    }
}
