//! One issue (`/van-de/:id`): supporters, opinions, editing, assignment, the department's
//! answer, review by staff or the chair, and the audit trail. What each person sees and may do
//! is decided by the server (`IssueDetail::can`).

mod answer;
mod audit;
mod manage;

use crate::domain::ids::IssueId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::format_date;
use crate::error::AppError;
use crate::server_fns::issues::{IssueDetail, load_issue};

/// `/van-de/:id`
#[component]
pub fn IssuePage() -> impl IntoView {
    let params = use_params_map();
    let issue_id = Memo::new(move |_| {
        params.with(|p| p.get_str("id").and_then(|s| s.parse::<IssueId>().ok()))
    });
    let version = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (issue_id.get(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_issue(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let changed = Callback::new(move |_: ()| version.update(|v| *v += 1));
    view! {
        <Title text="Vấn đề — Dân Bàn"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => issue_view(d, changed).into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn issue_view(d: IssueDetail, changed: Callback<()>) -> impl IntoView {
    let groups = d
        .by_group
        .iter()
        .map(|g| format!("{} ({})", g.name, g.count))
        .collect::<Vec<_>>()
        .join(", ");
    let assignment = d.assignment.as_ref().map(|a| {
        view! {
            <p id="assignment">
                "Giao: " <strong>{a.department.clone()}</strong>
                " · Hạn trả lời: " <strong>{format_date(a.due_date)}</strong>
            </p>
        }
    });
    view! {
        <article class="issue-page" data-issue=d.id.to_string()>
            <p class="crumbs">
                <a href=format!("/ban/{}/van-de", d.campaign_id)>{d.campaign_title.clone()}</a>
            </p>
            <h1 id="issue-title">{d.title.clone()}</h1>
            <p class="tags">
                <span class="tag">{d.topic.clone()}</span>
                <span class=format!("tag urgency-{}", d.urgency.code())>{d.urgency.label()}</span>
                <span class="tag">{d.authority.label()}</span>
            </p>
            {(!d.summary.is_empty()).then(|| view! { <p class="summary">{d.summary.clone()}</p> })}
            <dl class="figures">
                <div><dt>"Ý kiến"</dt><dd id="issue-opinions">{d.opinions.len()}</dd></div>
                <div><dt>"Hộ"</dt><dd>{d.households}</dd></div>
                <div><dt>"Thôn, TDP"</dt><dd>{d.by_group.len()}</dd></div>
            </dl>
            <p class="hint">{groups}</p>
            {assignment}
            {manage::opinions_section(&d, changed)}
            {d.can.edit.then(|| manage::edit_section(&d, changed))}
            {d.can.edit.then(|| manage::assign_section(&d, changed))}
            {answer::answer_section(&d, changed)}
            {audit::audit_section(&d)}
        </article>
    }
}
