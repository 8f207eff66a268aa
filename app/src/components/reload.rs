//! Loading a page from the server rather than rendering it here: the collector's bundle does
//! not hold every screen.

use leptos::prelude::*;

/// The collector's bundle showing a screen it does not hold: the address is loaded
/// from the server, which answers with the page and the whole app.
#[component]
pub fn LoadFromServer() -> impl IntoView {
    Effect::new(|_| {
        let _ = window().location().reload();
    });
    view! { <p class="notice" role="status">"Đang mở trang…"</p> }
}
