//! The home page for residents and other visitors: the communes that publish their answers.

use leptos::prelude::*;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::server_fns::public::public_communes;

/// List of communes with their published answers.
#[component]
pub fn VisitorHome() -> impl IntoView {
    let communes = Resource::new(|| (), |_| public_communes());
    view! {
        <section class="hero">
            <h1>"Tiếp xúc, đối thoại với Nhân dân"</h1>
            <p>
                "Xem ý kiến, kiến nghị của Nhân dân đã được trả lời và kết luận. "
                "Cán bộ thôn, tổ dân phố và xã, phường vui lòng "
                <a href="/dang-nhap">"đăng nhập"</a> "."
            </p>
        </section>
        <section class="section" id="cong-khai">
            <h2>"Kết quả công khai theo xã, phường"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match communes.await {
                        Ok(list) if list.is_empty() => view! {
                            <Empty message="Chưa có xã, phường nào công khai kết quả đối thoại."/>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ul class="cards">
                                {list
                                    .into_iter()
                                    .map(|c| view! {
                                        <li class="card">
                                            <h3>
                                                <a href=format!("/cong-khai/{}", c.slug) rel="external">{c.name}</a>
                                            </h3>
                                            <p>
                                                <strong>{c.published_issues}</strong>
                                                " nội dung đã trả lời, công khai"
                                            </p>
                                            <p>
                                                <a href=format!("/cong-khai/{}/tra-cuu", c.slug) rel="external">
                                                    "Tra cứu phiếu bằng mã"
                                                </a>
                                            </p>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
