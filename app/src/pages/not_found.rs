//! The page for unknown addresses.

use leptos::prelude::*;

/// 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ này không tồn tại. " <a href="/">"Về trang chủ"</a></p>
        </section>
    }
}
