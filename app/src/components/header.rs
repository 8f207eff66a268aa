//! The top bar: brand, commune, role-aware navigation, account.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::device::use_device;
use crate::components::nav::nav_items;
use crate::domain::role::Role;
use crate::server_fns::session::Logout;
use crate::shell::ViewerResource;

/// The header of every page. The menu button folds the navigation on phones; it works only
/// once the page is hydrated.
#[component]
pub fn Header() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>();
    let (menu_open, set_menu_open) = signal(false);
    let logout = ServerAction::<Logout>::new();
    let device = use_device();
    let logout_refused = RwSignal::new(None::<String>);
    // After logout the phone forgets this collector's data before the page changes hands.
    Effect::new(move |_| {
        if matches!(logout.value().get(), Some(Ok(()))) {
            leptos::task::spawn_local(async move {
                device.forget_user().await;
                let _ = window().location().set_href("/");
            });
        }
    });

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
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let viewer = viewer.await.ok().flatten();
                    let signed_in = viewer.as_ref().map(|v| v.role);
                    // Offline (or with an expired session) the phone still knows its collector:
                    // their screens stay in the menu.
                    let items = move || {
                        let role = signed_in.or_else(|| {
                            device.user.with(|u| u.as_ref().map(|_| Role::Collector))
                        });
                        nav_items(role)
                            .into_iter()
                            .map(|i| view! { <li><A href=i.href>{i.label}</A></li> })
                            .collect_view()
                    };
                    let account = viewer.map(|v| {
                        let commune = v.commune_name.clone().unwrap_or_default();
                        view! {
                            <div class="account">
                                <span class="account-name">{v.full_name.clone()}</span>
                                <span class="account-role">{v.role.label()} " · " {commune}</span>
                                <ActionForm action=logout attr:class="logout">
                                    <button
                                        type="submit"
                                        class="button-link"
                                        on:click=move |ev| {
                                            // Logging out on a shared phone would strand the
                                            // forms of this collector: send them first.
                                            let unsent = device.outbox.with_untracked(|o| o.unsent_count());
                                            if unsent > 0 {
                                                ev.prevent_default();
                                                logout_refused.set(Some(format!(
                                                    "Còn {unsent} phiếu chưa gửi lên máy chủ. \
                                                     Hãy bấm Đồng bộ khi có mạng rồi mới đăng xuất."
                                                )));
                                            }
                                        }
                                    >
                                        "Đăng xuất"
                                    </button>
                                </ActionForm>
                            </div>
                        }
                    });
                    let offline_user = move || {
                        if signed_in.is_some() {
                            return None;
                        }
                        device.user.get().map(|u| view! {
                            <div class="account">
                                <span class="account-name">{u.full_name}</span>
                                <span class="account-role">"Người thu phiếu · chưa đăng nhập"</span>
                                <a class="button-link" href="/dang-nhap">"Đăng nhập"</a>
                            </div>
                        })
                    };
                    view! {
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
                    }
                })}
            </Transition>
        </header>
    }
}
