//! Administrator home: the communes on this server.

use leptos::prelude::*;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::server_fns::admin::communes;

/// Communes with their groups, users, campaigns and opinions.
#[component]
pub fn AdminHome() -> impl IntoView {
    let list = Resource::new(|| (), |_| communes());
    view! {
        <section id="don-vi" class="section">
            <h2>"Đơn vị hành chính"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <Empty message="Chưa có xã, phường nào."/> }.into_any()
                        }
                        Ok(rows) => view! {
                            <table class="data">
                                <thead>
                                    <tr>
                                        <th scope="col">"Xã, phường"</th>
                                        <th scope="col">"Thôn, tổ dân phố"</th>
                                        <th scope="col">"Người dùng"</th>
                                        <th scope="col">"Đợt đối thoại"</th>
                                        <th scope="col">"Ý kiến"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|c| view! {
                                            <tr>
                                                <th scope="row">{c.name}</th>
                                                <td class="num">{c.groups}</td>
                                                <td class="num">{c.users}</td>
                                                <td class="num">{c.campaigns}</td>
                                                <td class="num">{c.opinions}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
