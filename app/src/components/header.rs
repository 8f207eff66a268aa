//! The top bar: brand, commune, role-aware navigation, account.

use leptos::prelude::*;

use crate::components::device::use_device;
use crate::components::nav::nav_items;
use crate::domain::role::Role;
use crate::offline::sync::online;
use crate::shell::PageViewer;

/// The header of every page. The menu button folds the navigation on phones; it works only
/// once the page is hydrated. `here` is the current page's path: its link is marked.
#[component]
pub fn Header(here: Signal<String>) -> impl IntoView {
    let viewer = expect_context::<PageViewer>().ok().flatten();
    let (menu_open, set_menu_open) = signal(false);
    let device = use_device();
    let logout_refused = RwSignal::new(None::<String>);
    // Logging out is a plain form post; before it leaves, the phone checks that nothing would be
    // stranded and forgets this collector's data, so the next user of the phone finds none.
    let logout = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unsent = device.outbox.with_untracked(|o| o.unsent_count());
        let refusal = if !device.loaded.get_untracked() {
            Some("Đang mở dữ liệu trên máy, hãy thử lại sau giây lát.".to_owned())
        } else if unsent > 0 {
            // Logging out on a shared phone would strand this collector's forms.
            Some(format!(
                "Còn {unsent} phiếu chưa gửi lên máy chủ. \
                 Hãy bấm Đồng bộ khi có mạng rồi mới đăng xuất."
            ))
        } else if !online() {
            Some("Cần có mạng để đăng xuất.".to_owned())
        } else {
            None
        };
        if refusal.is_some() {
            logout_refused.set(refusal);
            return;
        }
        let form: web_sys::HtmlFormElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            device.forget_user().await;
            let _ = form.submit();
        });
    };

    // Offline (or with an expired session) the phone still knows its collector: their screens
    // stay in the menu.
    let signed_in = viewer.as_ref().map(|v| v.role);
    let items = move || {
        let role = signed_in.or_else(|| device.user.with(|u| u.as_ref().map(|_| Role::Collector)));
        nav_items(role)
            .into_iter()
            .map(|i| {
                let current = move || here.with(|h| h == i.href).then_some("page");
                view! { <li><a href=i.href aria-current=current>{i.label}</a></li> }
            })
            .collect_view()
    };
    let account = viewer.map(|v| {
        let commune = v.commune_name.unwrap_or_default();
        view! {
            <div class="account">
                <span class="account-name">{v.full_name}</span>
                <span class="account-role">{v.role.label()} " · " {commune}</span>
                <form method="post" action="/api/session/logout" class="logout" on:submit=logout>
                    // Off until the phone's data is read: a logout posted before the script
                    // runs could not erase it for the next user.
                    <button type="submit" class="button-link" disabled=move || !device.loaded.get()>
                        "Đăng xuất"
                    </button>
                </form>
            </div>
        }
    });
    let offline_user = move || {
        if signed_in.is_some() {
            return None;
        }
        device.user.get().map(|u| {
            view! {
                <div class="account">
                    <span class="account-name">{u.full_name}</span>
                    <span class="account-role">"Người thu phiếu · chưa đăng nhập"</span>
                    <a class="button-link" href="/dang-nhap">"Đăng nhập"</a>
                </div>
            }
        })
    };

    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"DB"</span>
                <span class="brand-name">"Dân Bàn"</span>
            </a>
            <button
                type="button"
                class="menu-toggle"
                aria-controls="dieu-huong"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| set_menu_open.update(|open| *open = !*open)
            >
                {move || if menu_open.get() { "Đóng" } else { "Menu" }}
            </button>
            <nav
                id="dieu-huong"
                class="site-nav"
                class:open=move || menu_open.get()
                aria-label="Điều hướng chính"
            >
                <ul>{items}</ul>
            </nav>
            {account}
            {offline_user}
            {move || logout_refused.get().map(|m| view! {
                <p class="notice notice-error logout-refused" role="alert">{m}</p>
            })}
        </header>
    }
}
