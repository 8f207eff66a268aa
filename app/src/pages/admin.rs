//! The administrator's screens: communes (the home), one commune's lists and users, the
//! holiday calendar, the audit log.

mod audit;
mod commune;
mod holidays;
mod users;

pub use audit::AuditPage;
pub use commune::CommunePage;
pub use holidays::HolidaysPage;

use leptos::prelude::*;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::directory::COMMUNE_KINDS;
use crate::pages::desk::{Outcome, outcome_notice, settle};
use crate::server_fns::admin::{CommuneDraft, communes, create_commune};

/// Runs a server call and reports `done` when it succeeds (see [`settle`]).
pub(crate) fn run<F, T>(
    outcome: RwSignal<Option<Outcome>>,
    changed: RwSignal<u32>,
    done: &'static str,
    call: F,
) where
    F: std::future::Future<Output = Result<T, crate::error::AppError>> + 'static,
    T: 'static,
{
    settle(outcome, changed, move |_: &T| Some(done.to_owned()), call);
}

/// The administrator's home: communes with their size, a form for a new one, the other
/// screens.
#[component]
pub fn AdminHome() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let list = Resource::new(move || changed.get(), |_| communes());
    let outcome = RwSignal::new(None::<Outcome>);
    let name = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let kind = RwSignal::new("xa".to_owned());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CommuneDraft {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            province: province.get_untracked(),
        };
        run(
            outcome,
            changed,
            "Đã thêm xã, phường.",
            create_commune(draft),
        );
    };
    view! {
        <p class="desk-links">
            <a class="button-secondary" href="/quan-tri/ngay-nghi">"Lịch ngày nghỉ"</a>
            <a class="button-secondary" href="/quan-tri/nhat-ky">"Nhật ký thay đổi"</a>
        </p>
        <section id="don-vi" class="section">
            <h2>"Đơn vị hành chính"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <Empty message="Chưa có xã, phường nào."/> }.into_any()
                        }
                        Ok(rows) => view! {
                            <table class="data" id="commune-list">
                                <thead>
                                    <tr>
                                        <th scope="col">"Xã, phường"</th>
                                        <th scope="col">"Thôn, tổ dân phố"</th>
                                        <th scope="col">"Người dùng"</th>
                                        <th scope="col">"Đợt đối thoại"</th>
                                        <th scope="col">"Ý kiến"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|c| view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=format!("/quan-tri/xa/{}", c.id)>{c.name}</a>
                                                </th>
                                                <td class="num">{c.groups}</td>
                                                <td class="num">{c.users}</td>
                                                <td class="num">{c.campaigns}</td>
                                                <td class="num">{c.opinions}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form inline-form" id="new-commune" on:submit=create>
                <h3>"Thêm xã, phường"</h3>
                {outcome_notice(outcome)}
                <label for="commune-name">"Tên"</label>
                <input id="commune-name" type="text" required maxlength="150" placeholder="Xã …"
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="commune-kind">"Loại"</label>
                <select id="commune-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {COMMUNE_KINDS
                        .iter()
                        .map(|(code, label)| view! { <option value=*code>{*label}</option> })
                        .collect_view()}
                </select>
                <label for="commune-province">"Tỉnh, thành phố"</label>
                <input id="commune-province" type="text" required maxlength="150"
                    on:input=move |ev| province.set(event_target_value(&ev))/>
                <button type="submit" class="button">"Thêm"</button>
            </form>
        </section>
    }
}
