//! Choosing one's own password: required after an administrator set it (first start, reset).
//! A plain HTML form, like the login: it works before the page's script has loaded on a slow
//! phone, and it adds nothing to the collector's bundle.

use crate::address::query_param;
use leptos::prelude::*;

use crate::server_fns::session::PasswordProblem;

/// The change-password form, with the reason of the last refusal from the address.
#[component]
pub fn ChangePassword(#[prop(optional)] required: bool) -> impl IntoView {
    let problem = query_param("loi")
        .and_then(|code| PasswordProblem::parse(&code))
        .map(PasswordProblem::message);
    view! {
        <section class="card narrow" id="doi-mat-khau">
            <h2>"Đổi mật khẩu"</h2>
            {required.then(|| view! {
                <p class="notice" role="status">
                    "Mật khẩu này do quản trị viên cấp. Hãy đặt mật khẩu của riêng bạn trước khi tiếp tục."
                </p>
            })}
            <form method="post" action="/api/session/password" class="form" id="password-form">
                <label for="current-password">"Mật khẩu hiện tại"</label>
                <input id="current-password" name="current" type="password"
                    autocomplete="current-password" required/>
                <label for="new-password">"Mật khẩu mới (ít nhất 8 ký tự)"</label>
                <input id="new-password" name="new" type="password" autocomplete="new-password"
                    minlength="8" required/>
                <label for="new-password-again">"Nhập lại mật khẩu mới"</label>
                <input id="new-password-again" name="again" type="password"
                    autocomplete="new-password" minlength="8" required/>
                {problem.map(|p| view! { <p class="notice notice-error" role="alert">{p}</p> })}
                <button type="submit" class="button" id="change-password">"Đổi mật khẩu"</button>
            </form>
        </section>
    }
}
