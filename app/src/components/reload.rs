//! Loading a page from the server rather than rendering it here: the collector's bundle does
//! not hold every screen, and the collector's home needs what the server reads for its page.

use leptos::prelude::*;

/// Loads `href` from the server, which answers with the page and the bundle that holds it. The
/// address is given, not read from the address bar: after a move inside the whole app the bar
/// still shows the previous page until the new one has rendered.
#[component]
pub fn LoadFromServer(href: &'static str) -> impl IntoView {
    Effect::new(move |_| {
        let _ = window().location().assign(href);
    });
    view! { <p class="notice" role="status">"Đang mở trang…"</p> }
}
