//! Loading and error notices shared by all screens.

use leptos::prelude::*;

use crate::error::AppError;

/// Shown while data loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="notice" role="status">"Đang tải dữ liệu…"</p> }
}

/// Shown when a server function fails; the message is already in Vietnamese.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let login_hint = matches!(error, AppError::Unauthenticated)
        .then(|| view! { <a href="/dang-nhap">" Đăng nhập"</a> });
    view! {
        <p class="notice notice-error" role="alert">
            {error.to_string()}
            {login_hint}
        </p>
    }
}

/// Shown when a list has nothing in it yet.
#[component]
pub fn Empty(#[prop(into)] message: String) -> impl IntoView {
    view! { <p class="empty">{message}</p> }
}
