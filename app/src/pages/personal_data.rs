//! `/du-lieu-ca-nhan`: a resident asks the commune to erase what it holds about them. Staff or
//! the chair find the form by its receipt code and erase its name, phone and household (and the
//! speaker's name, if they registered to speak); counts and texts stay, the audit log records it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::personal_data::{CONSENT_TEXT, DEFAULT_RETENTION_DAYS};
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::public::erase_form_personal_data;

/// The page.
#[component]
pub fn PersonalDataPage() -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let code = RwSignal::new(String::new());
    let asked = RwSignal::new(false);
    let erase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !asked.get_untracked() {
            outcome.set(Some(Outcome::Failed(
                "Chỉ xóa khi người dân đã yêu cầu: hãy đánh dấu xác nhận.".into(),
            )));
            return;
        }
        let typed = code.get_untracked();
        leptos::task::spawn_local(async move {
            match erase_form_personal_data(typed).await {
                Ok(erased) => {
                    outcome.set(Some(Outcome::Done(format!(
                        "Đã xóa họ tên, số điện thoại của phiếu; địa chỉ hộ trên {} phiếu; \
                         {} tên người phát biểu.",
                        erased.forms, erased.speakers
                    ))));
                    code.set(String::new());
                    asked.set(false);
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    view! {
        <Title text="Dữ liệu cá nhân — Dân Bàn"/>
        <h1>"Dữ liệu cá nhân của người dân"</h1>
        <section class="section">
            <p>
                "Người dân đồng ý khi khai phiếu: “" {CONSENT_TEXT} "” Khi đợt đối thoại kết thúc, "
                "họ tên, số điện thoại, địa chỉ được xóa tự động sau thời hạn lưu trữ của xã, phường "
                {format!("(mặc định {DEFAULT_RETENTION_DAYS} ngày).")}
            </p>
        </section>
        <section class="section" id="xoa-theo-yeu-cau">
            <h2>"Xóa theo yêu cầu của người dân"</h2>
            <p>
                "Nhập mã tra cứu trên phiếu của người yêu cầu. Họ tên, số điện thoại bị xóa; địa chỉ "
                "hộ được thay bằng “Hộ đã xóa số …” trên mọi phiếu cùng hộ của thôn, tổ dân phố. "
                "Nội dung ý kiến và số liệu tổng hợp được giữ nguyên; việc xóa được ghi nhật ký."
            </p>
            {outcome_notice(outcome)}
            <form class="form" on:submit=erase>
                <label for="erase-code">"Mã tra cứu"</label>
                <input id="erase-code" type="text" required maxlength="20" autocomplete="off"
                    placeholder="XXXX-XXXX" prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || asked.get()
                        on:change=move |ev| asked.set(event_target_checked(&ev))/>
                    "Người dân đã yêu cầu xóa thông tin cá nhân của mình"
                </label>
                <button type="submit" class="button">"Xóa thông tin cá nhân"</button>
            </form>
        </section>
    }
}
