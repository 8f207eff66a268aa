//! Login screen: a plain HTML form, so that it works before (and without) the page's script on
//! a slow phone; the server answers with the home page or this page again with the reason.

use crate::address::query_param;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::server_fns::session::login_problem;

/// Username and password form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let problem = query_param("loi")
        .and_then(|code| login_problem(&code))
        .map(|e| e.to_string());
    let username = query_param("ten").unwrap_or_default();

    view! {
        <Title text="Đăng nhập — Dân Bàn"/>
        <section class="card narrow">
            <h1>"Đăng nhập"</h1>
            <p class="hint">"Dành cho cán bộ xã, phường, thôn, tổ dân phố và Mặt trận Tổ quốc."</p>
            <form method="post" action="/api/session/login" class="form" id="login-form">
                <label for="username">"Tên đăng nhập"</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    required
                    value=username
                />
                <label for="password">"Mật khẩu"</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
                {problem.map(|p| view! { <p class="notice notice-error" role="alert">{p}</p> })}
                <button type="submit" class="button">"Đăng nhập"</button>
            </form>
        </section>
    }
}
