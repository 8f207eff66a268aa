//! Login screen. Works as a plain form before the page is hydrated, too.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::reload::reload_after_success;
use crate::server_fns::session::Login;

/// Username and password form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    reload_after_success(login.value());
    let error = move || {
        login
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };

    view! {
        <Title text="Đăng nhập — Dân Bàn"/>
        <section class="card narrow">
            <h1>"Đăng nhập"</h1>
            <p class="hint">"Dành cho cán bộ xã, phường, thôn, tổ dân phố và Mặt trận Tổ quốc."</p>
            <ActionForm action=login attr:class="form" attr:id="login-form">
                <label for="username">"Tên đăng nhập"</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    required
                />
                <label for="password">"Mật khẩu"</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
                <Show when=move || error().is_some()>
                    <p class="notice notice-error" role="alert">{error}</p>
                </Show>
                <button type="submit" class="button" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { "Đang đăng nhập…" } else { "Đăng nhập" }}
                </button>
            </ActionForm>
        </section>
    }
}
