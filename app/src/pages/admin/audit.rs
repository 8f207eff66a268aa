//! `/quan-tri/nhat-ky`: who changed what, when, with the state before and after.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::format_datetime;
use crate::domain::ids::CommuneId;
use crate::server_fns::admin::{AuditRow, audit_log, communes};

const ENTITIES: [(&str, &str); 9] = [
    ("commune", "Xã, phường"),
    ("group", "Thôn, tổ dân phố"),
    ("department", "Cơ quan, đơn vị"),
    ("topic", "Nhóm nội dung"),
    ("user", "Người dùng"),
    ("holiday", "Ngày nghỉ"),
    ("campaign", "Đợt đối thoại"),
    ("issue", "Vấn đề"),
    ("session", "Đăng nhập"),
];

fn entity_label(code: &str) -> String {
    ENTITIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, l)| (*l).to_owned())
}

/// The newest 500 entries, narrowed by commune and kind of record.
#[component]
pub fn AuditPage() -> impl IntoView {
    let commune = RwSignal::new(None::<CommuneId>);
    let entity = RwSignal::new(None::<String>);
    let list = Resource::new(
        move || (commune.get(), entity.get()),
        |(c, e)| audit_log(c, e),
    );
    let choices = Resource::new(|| (), |_| communes());
    view! {
        <Title text="Nhật ký thay đổi — Dân Bàn"/>
        <p><a href="/">"← Đơn vị hành chính"</a></p>
        <h1>"Nhật ký thay đổi"</h1>
        <div class="form inline-form" id="audit-filters">
            <label for="audit-commune">"Xã, phường"</label>
            <select id="audit-commune" on:change=move |ev| commune.set(event_target_value(&ev).parse().ok())>
                <option value="">"Tất cả"</option>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        choices.await.unwrap_or_default().into_iter().map(|c| view! {
                            <option value=c.id.to_string()>{c.name}</option>
                        }).collect_view()
                    })}
                </Suspense>
            </select>
            <label for="audit-entity">"Loại"</label>
            <select id="audit-entity" on:change=move |ev| entity.set(Some(event_target_value(&ev)).filter(|v| !v.is_empty()))>
                <option value="">"Tất cả"</option>
                {ENTITIES.iter().map(|(c, l)| view! { <option value=*c>{*l}</option> }).collect_view()}
            </select>
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <Empty message="Chưa có thay đổi nào."/> }.into_any(),
                    Ok(rows) => view! {
                        <table class="data audit" id="audit-list">
                            <thead>
                                <tr>
                                    <th scope="col">"Thời gian"</th>
                                    <th scope="col">"Người thực hiện"</th>
                                    <th scope="col">"Xã, phường"</th>
                                    <th scope="col">"Đối tượng"</th>
                                    <th scope="col">"Thao tác"</th>
                                    <th scope="col">"Trước"</th>
                                    <th scope="col">"Sau"</th>
                                </tr>
                            </thead>
                            <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn row(r: AuditRow) -> impl IntoView {
    let (entity, action) = (r.entity.clone(), r.action.clone());
    view! {
        <tr data-entity=entity data-action=action>
            <td>{format_datetime(r.at)}</td>
            <td>{r.actor.unwrap_or_else(|| "—".into())}</td>
            <td>{r.commune.unwrap_or_default()}</td>
            <td>{entity_label(&r.entity)}</td>
            <td>{r.action}</td>
            <td><code class="json">{r.before.unwrap_or_default()}</code></td>
            <td><code class="json">{r.after.unwrap_or_default()}</code></td>
        </tr>
    }
}
