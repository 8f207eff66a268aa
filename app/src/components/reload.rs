//! Full reload after a session change, so that every part of the page (and the cached
//! viewer) is rendered again for the new user.

use leptos::prelude::*;

use crate::error::AppError;

/// Goes to the home page once the action's value is a success.
pub fn reload_after_success(
    value: impl Get<Value = Option<Result<(), AppError>>> + Send + Sync + 'static,
) {
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(()))) {
            // A failed navigation leaves the user where they are, which is harmless.
            let _ = window().location().set_href("/");
        }
    });
}

/// Fallback of the collector's bundle for a screen it does not hold: the address is loaded
/// from the server, which answers with the page and the whole app.
#[component]
pub fn LoadFromServer() -> impl IntoView {
    Effect::new(|_| {
        let _ = window().location().reload();
    });
    view! { <p class="notice" role="status">"Đang mở trang…"</p> }
}
