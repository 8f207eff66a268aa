//! Held copies of forms beside what the server has, with the two ways out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::format_datetime;
use crate::error::AppError;
use crate::server_fns::conflicts::{ConflictCard, FormVersion, list_conflicts, resolve_conflict};
use crate::server_fns::desk::load_desk;

use super::{Outcome, Tab, desk_header, outcome_notice, use_campaign_id};

/// `/ban/:dot/xung-dot`
#[component]
pub fn DeskConflictsPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let version = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let data = Resource::new(
        move || (campaign_id.get(), version.get()),
        |(id, _)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((load_desk(id).await?, list_conflicts(id).await?))
        },
    );
    let decide = move |id: i64, use_held: bool| {
        spawn_local(async move {
            match resolve_conflict(id, use_held).await {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(
                        if use_held {
                            "Đã dùng bản mới gửi; phiếu được lưu thành bản sửa tiếp theo."
                        } else {
                            "Đã giữ bản đang lưu."
                        }
                        .into(),
                    )));
                    version.update(|v| *v += 1);
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    view! {
        <Title text="Phiếu xung đột — Dân Bàn"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((r, list)) => {
                        let body = if list.is_empty() {
                            view! { <Empty message="Không có phiếu xung đột nào cần xem xét."/> }.into_any()
                        } else {
                            list.into_iter().map(|c| conflict(c, decide)).collect_view().into_any()
                        };
                        view! {
                            {desk_header(&r, Tab::Conflicts)}
                            <p class="hint">
                                "Cùng một phiếu được gửi hai lần với nội dung khác nhau (thường do sửa phiếu trên hai máy). Hệ thống giữ bản đến trước và lưu riêng bản đến sau; hãy so sánh và chọn."
                            </p>
                            {outcome_notice(outcome)}
                            {body}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn version_view(title: &'static str, v: FormVersion) -> impl IntoView {
    view! {
        <div class="version">
            <h3>{title}</h3>
            <ol>{v.opinions.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ol>
            {(!v.proposal.is_empty()).then(|| view! { <p><strong>"Kiến nghị: "</strong>{v.proposal.clone()}</p> })}
            {v.wants_to_speak.then(|| view! { <p>"Đăng ký phát biểu"</p> })}
        </div>
    }
}

fn conflict(c: ConflictCard, decide: impl Fn(i64, bool) + Copy + 'static) -> impl IntoView {
    let id = c.id;
    view! {
        <article class="card conflict" data-conflict=id>
            <p>
                <strong>"Mã phiếu " {c.receipt_code}</strong>
                " · " {c.group} " · " {c.collector}
                " · bản sau đến lúc " {format_datetime(c.received_at)}
            </p>
            <div class="split">
                {version_view("Bản đang lưu", c.stored)}
                {version_view("Bản mới gửi (đang giữ riêng)", c.held)}
            </div>
            <div class="row-actions">
                <button type="button" class="button-secondary" on:click=move |_| decide(id, false)>
                    "Giữ bản đang lưu"
                </button>
                <button type="button" class="button" on:click=move |_| decide(id, true)>
                    "Dùng bản mới gửi"
                </button>
            </div>
        </article>
    }
}
