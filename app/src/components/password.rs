//! Choosing one's own password: required after an administrator set it (first start, reset).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::server_fns::session::change_password;

/// The change-password form. After success the page reloads with the user's real home.
#[component]
pub fn ChangePassword(#[prop(optional)] required: bool) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new.get_untracked() != again.get_untracked() {
            problem.set(Some("Hai lần nhập mật khẩu mới không giống nhau.".into()));
            return;
        }
        let (c, n) = (current.get_untracked(), new.get_untracked());
        spawn_local(async move {
            match change_password(c, n).await {
                Ok(()) => {
                    problem.set(None);
                    done.set(true);
                    // The session was replaced: load the home the new password opens.
                    let _ = window().location().set_href("/");
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section class="card narrow" id="doi-mat-khau">
            <h2>"Đổi mật khẩu"</h2>
            {required.then(|| view! {
                <p class="notice" role="status">
                    "Mật khẩu này do quản trị viên cấp. Hãy đặt mật khẩu của riêng bạn trước khi tiếp tục."
                </p>
            })}
            <form class="form" on:submit=submit>
                <label for="current-password">"Mật khẩu hiện tại"</label>
                <input id="current-password" type="password" autocomplete="current-password" required
                    on:input=move |ev| current.set(event_target_value(&ev))/>
                <label for="new-password">"Mật khẩu mới (ít nhất 8 ký tự)"</label>
                <input id="new-password" type="password" autocomplete="new-password" minlength="8" required
                    on:input=move |ev| new.set(event_target_value(&ev))/>
                <label for="new-password-again">"Nhập lại mật khẩu mới"</label>
                <input id="new-password-again" type="password" autocomplete="new-password" minlength="8" required
                    on:input=move |ev| again.set(event_target_value(&ev))/>
                {move || problem.get().map(|p| view! { <p class="notice notice-error" role="alert">{p}</p> })}
                {move || done.get().then(|| view! { <p class="notice notice-ok" role="status">"Đã đổi mật khẩu."</p> })}
                <button type="submit" class="button" id="change-password">"Đổi mật khẩu"</button>
            </form>
        </section>
    }
}
