//! Actions on the selected opinions: classify (topic, urgency, authority), out of scope with a
//! reason, merge into a new issue or into an existing one.

use crate::domain::ids::{CampaignId, IssueId, OpinionId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::triage::{Authority, Urgency};
use crate::error::AppError;
use crate::server_fns::desk::{
    Classification, DeskReference, MergeTarget, Scope, campaign_issues, classify, merge,
};

/// What the last action said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Done(String),
    /// Done, with a link to what was made.
    Made {
        text: String,
        href: String,
    },
    Failed(String),
}

/// Shows an action's outcome.
pub(crate) fn outcome_notice(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    move || {
        outcome.get().map(|o| match o {
            Outcome::Done(text) => {
                view! { <p class="notice notice-ok" role="status">{text}</p> }.into_any()
            }
            Outcome::Made { text, href } => view! {
                <p class="notice notice-ok" role="status">{text} " " <a href=href>"Mở vấn đề"</a></p>
            }
            .into_any(),
            Outcome::Failed(text) => {
                view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any()
            }
        })
    }
}

/// Runs a server call and reports it: the message `done` makes of the answer (none to stay
/// quiet) and a bump of `changed` so the page reloads its data, or the error.
pub(crate) fn settle<T: 'static>(
    outcome: RwSignal<Option<Outcome>>,
    changed: RwSignal<u32>,
    done: impl FnOnce(&T) -> Option<String> + 'static,
    call: impl std::future::Future<Output = Result<T, crate::error::AppError>> + 'static,
) {
    leptos::task::spawn_local(async move {
        match call.await {
            Ok(value) => {
                outcome.set(done(&value).map(Outcome::Done));
                changed.update(|v| *v += 1);
            }
            Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
        }
    });
}

fn parse_id(value: &str) -> Option<Uuid> {
    Uuid::parse_str(value).ok()
}

/// The bar above the list; inert until something is selected.
#[component]
pub(crate) fn BulkBar(
    campaign: CampaignId,
    selected: RwSignal<Vec<OpinionId>>,
    reference: DeskReference,
    changed: Callback<()>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let topic = RwSignal::new(String::new());
    let urgency = RwSignal::new(String::new());
    let authority = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let existing = RwSignal::new(String::new());
    let issues = Resource::new(
        move || changed_marker(selected),
        move |_| campaign_issues(campaign),
    );

    let run_classify = move |change: Classification| {
        let ids = selected.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = classify(campaign, ids, change).await;
            busy.set(false);
            match result {
                Ok(n) => {
                    outcome.set(Some(Outcome::Done(format!("Đã cập nhật {n} ý kiến."))));
                    reason.set(String::new());
                    changed.run(());
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    let apply = move |_| {
        let change = Classification {
            topic_id: parse_id(&topic.get_untracked()),
            urgency: Urgency::from_code(&urgency.get_untracked()),
            authority: Authority::from_code(&authority.get_untracked()),
            scope: Some(Scope::InScope),
        };
        run_classify(change);
    };
    let out_of_scope = move |_| {
        run_classify(Classification {
            scope: Some(Scope::OutOfScope(reason.get_untracked())),
            ..Classification::default()
        })
    };
    let run_merge = move |target: MergeTarget| {
        let ids = selected.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = merge(campaign, ids, target).await;
            busy.set(false);
            match result {
                Ok(issue) => {
                    title.set(String::new());
                    summary.set(String::new());
                    outcome.set(Some(Outcome::Made {
                        text: "Đã tổng hợp vào vấn đề.".into(),
                        href: format!("/van-de/{issue}"),
                    }));
                    changed.run(());
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    let merge_new = move |_| {
        run_merge(MergeTarget::New {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
        })
    };
    let merge_existing = move |_| match existing.get_untracked().parse::<IssueId>().ok() {
        Some(id) => run_merge(MergeTarget::Existing(id)),
        None => outcome.set(Some(Outcome::Failed(
            "Hãy chọn vấn đề cần thêm vào.".into(),
        ))),
    };

    let count = move || selected.with(Vec::len);
    let none = move || count() == 0 || busy.get();
    let topic_options = reference
        .topics
        .iter()
        .map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> })
        .collect_view();
    view! {
        <section class="bulk" id="bulk" aria-label="Xử lý các ý kiến đã chọn">
            <p class="bulk-count">
                "Đã chọn " <strong id="selected-count">{count}</strong> " ý kiến"
                <button type="button" class="link-button" on:click=move |_| selected.set(Vec::new())
                    disabled=move || count() == 0>"Bỏ chọn"</button>
            </p>
            {outcome_notice(outcome)}
            <p class=move || { if count() > 0 { "hint small hidden" } else { "hint small" } }>
                "Đánh dấu các ý kiến trong danh sách để phân loại, chuyển ngoài phạm vi hoặc tổng hợp thành vấn đề."
            </p>
            <div class=move || { if count() == 0 { "bulk-grid hidden" } else { "bulk-grid" } }>
                <fieldset>
                    <legend>"Phân loại"</legend>
                    <label>"Nhóm nội dung"
                        <select id="bulk-topic" on:change=move |ev| topic.set(event_target_value(&ev))>
                            <option value="">"— giữ nguyên —"</option>
                            {topic_options}
                        </select>
                    </label>
                    <label>"Mức độ cấp thiết"
                        <select id="bulk-urgency" on:change=move |ev| urgency.set(event_target_value(&ev))>
                            <option value="">"— giữ nguyên —"</option>
                            {Urgency::ALL.into_iter().map(|u| view! { <option value=u.code()>{u.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>"Thẩm quyền"
                        <select id="bulk-authority" on:change=move |ev| authority.set(event_target_value(&ev))>
                            <option value="">"— giữ nguyên —"</option>
                            {Authority::ALL.into_iter().map(|a| view! { <option value=a.code()>{a.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="button" id="bulk-classify" on:click=apply disabled=none>
                        "Xác nhận phân loại"
                    </button>
                </fieldset>
                <fieldset>
                    <legend>"Ngoài phạm vi đối thoại"</legend>
                    <label>"Lý do (ví dụ: đơn thư khiếu nại, tố cáo — chuyển cơ quan có thẩm quyền)"
                        <input type="text" id="bulk-reason" prop:value=reason
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" class="button-secondary" id="bulk-out-of-scope"
                        on:click=out_of_scope disabled=none>"Chuyển ngoài phạm vi"</button>
                </fieldset>
                <fieldset>
                    <legend>"Tổng hợp thành vấn đề"</legend>
                    <label>"Tên vấn đề"
                        <input type="text" id="merge-title" maxlength="300" prop:value=title
                            on:input=move |ev| title.set(event_target_value(&ev))/>
                    </label>
                    <label>"Tóm tắt"
                        <textarea id="merge-summary" rows="2" prop:value=summary
                            on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                    </label>
                    <button type="button" class="button" id="merge-new" on:click=merge_new disabled=none>
                        "Tạo vấn đề mới"
                    </button>
                    <label>"Hoặc thêm vào vấn đề đã có"
                        <select id="merge-existing" on:change=move |ev| existing.set(event_target_value(&ev))>
                            <option value="">"— chọn vấn đề —"</option>
                            <Transition>
                                {move || Suspend::new(async move {
                                    issues
                                        .await
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|i| view! {
                                            <option value=i.id.to_string()>
                                                {format!("{} ({} ý kiến)", i.title, i.opinions)}
                                            </option>
                                        })
                                        .collect_view()
                                })}
                            </Transition>
                        </select>
                    </label>
                    <button type="button" class="button-secondary" id="merge-existing-go"
                        on:click=merge_existing disabled=none>"Thêm vào vấn đề"</button>
                </fieldset>
            </div>
        </section>
    }
}

/// Reloads the issue list whenever the selection is cleared after an action.
fn changed_marker(selected: RwSignal<Vec<OpinionId>>) -> bool {
    selected.with(Vec::is_empty)
}

impl From<AppError> for Outcome {
    fn from(e: AppError) -> Outcome {
        Outcome::Failed(e.to_string())
    }
}
