//! Staff tools on an issue: its opinions (take one out, or dissolve), its fields, and who
//! answers it by when.

use crate::domain::ids::{DepartmentId, IssueId, OpinionId};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::triage::{Authority, Urgency};
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::desk::unmerge;
use crate::server_fns::issues::{IssueDetail, IssueEdit, assign_issue, update_issue};

fn report(
    outcome: RwSignal<Option<Outcome>>,
    changed: Callback<()>,
    done: &str,
) -> impl Fn(Result<(), crate::error::AppError>) + use<> {
    let done = done.to_owned();
    move |result| match result {
        Ok(()) => {
            outcome.set(Some(Outcome::Done(done.clone())));
            changed.run(());
        }
        Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
    }
}

/// The supporting opinions, with "Tách ra" for editors.
pub(super) fn opinions_section(d: &IssueDetail, changed: Callback<()>) -> impl IntoView + use<> {
    let issue = IssueId::from(d.id);
    let can_edit = d.can.edit;
    let outcome = RwSignal::new(None::<Outcome>);
    let take_out = move |ids: Vec<OpinionId>| {
        let finish = report(outcome, changed, "Đã tách ý kiến khỏi vấn đề.");
        spawn_local(async move { finish(unmerge(issue, ids).await) });
    };
    let rows = d
        .opinions
        .iter()
        .map(|o| {
            let id = o.id;
            view! {
                <li data-opinion=id.to_string()>
                    <span>{o.body.clone()}</span>
                    <small>{o.group.clone()} " · " {o.kind.map(|k| k.label()).unwrap_or("Tại hội nghị")}</small>
                    {can_edit.then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| take_out(vec![id])>
                            "Tách ra"
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="issue-opinions-list">
            <h2>"Các ý kiến của Nhân dân"</h2>
            {outcome_notice(outcome)}
            <ul class="plain-list">{rows}</ul>
            {can_edit.then(|| view! {
                <button type="button" class="button-secondary" id="dissolve"
                    on:click=move |_| take_out(Vec::new())>"Giải tán vấn đề (trả lại tất cả ý kiến)"</button>
            })}
        </section>
    }
}

/// Title, summary, topic, urgency, authority.
pub(super) fn edit_section(d: &IssueDetail, changed: Callback<()>) -> impl IntoView + use<> {
    let issue = IssueId::from(d.id);
    let outcome = RwSignal::new(None::<Outcome>);
    let title = RwSignal::new(d.title.clone());
    let summary = RwSignal::new(d.summary.clone());
    let urgency = RwSignal::new(d.urgency.code().to_owned());
    let authority = RwSignal::new(d.authority.code().to_owned());
    let topic = d.topic_id;
    let save = move |_| {
        let edit = IssueEdit {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            topic_id: topic,
            urgency: Urgency::from_code(&urgency.get_untracked()).unwrap_or(Urgency::BinhThuong),
            authority: Authority::from_code(&authority.get_untracked())
                .unwrap_or(Authority::Commune),
        };
        let finish = report(outcome, changed, "Đã lưu vấn đề.");
        spawn_local(async move { finish(update_issue(issue, edit).await) });
    };
    let current_urgency = d.urgency;
    let current_authority = d.authority;
    view! {
        <section class="section form" id="issue-edit">
            <h2>"Thông tin vấn đề"</h2>
            {outcome_notice(outcome)}
            <label for="issue-title-input">"Tên vấn đề"</label>
            <input id="issue-title-input" type="text" maxlength="300" prop:value=title
                on:input=move |ev| title.set(event_target_value(&ev))/>
            <label for="issue-summary-input">"Tóm tắt"</label>
            <textarea id="issue-summary-input" rows="3" prop:value=summary
                on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
            <label for="issue-urgency">"Mức độ cấp thiết"</label>
            <select id="issue-urgency" on:change=move |ev| urgency.set(event_target_value(&ev))>
                {Urgency::ALL.into_iter().map(|u| view! {
                    <option value=u.code() selected=u == current_urgency>{u.label()}</option>
                }).collect_view()}
            </select>
            <label for="issue-authority">"Thẩm quyền"</label>
            <select id="issue-authority" on:change=move |ev| authority.set(event_target_value(&ev))>
                {Authority::ALL.into_iter().map(|a| view! {
                    <option value=a.code() selected=a == current_authority>{a.label()}</option>
                }).collect_view()}
            </select>
            <button type="button" class="button" on:click=save>"Lưu"</button>
        </section>
    }
}

/// Department and due date; the topic's department and the campaign's deadline come first.
pub(super) fn assign_section(d: &IssueDetail, changed: Callback<()>) -> impl IntoView + use<> {
    let issue = IssueId::from(d.id);
    let outcome = RwSignal::new(None::<Outcome>);
    let preset = d
        .assignment
        .as_ref()
        .map(|a| a.department_id)
        .or(d.default_department_id);
    let department = RwSignal::new(preset.map(|id| id.to_string()).unwrap_or_default());
    let due = RwSignal::new(
        d.assignment
            .as_ref()
            .map_or(d.suggested_due_date, |a| a.due_date)
            .format("%Y-%m-%d")
            .to_string(),
    );
    let go = move |_| {
        let Ok(dept) = department.get_untracked().parse::<DepartmentId>() else {
            outcome.set(Some(Outcome::Failed(
                "Hãy chọn cơ quan, đơn vị trả lời.".into(),
            )));
            return;
        };
        let day = chrono::NaiveDate::parse_from_str(&due.get_untracked(), "%Y-%m-%d").ok();
        let finish = report(outcome, changed, "Đã giao xử lý.");
        spawn_local(async move { finish(assign_issue(issue, dept, day).await.map(|_| ())) });
    };
    view! {
        <section class="section form" id="issue-assign">
            <h2>"Giao cơ quan, đơn vị trả lời"</h2>
            {outcome_notice(outcome)}
            <label for="assign-department">"Cơ quan, đơn vị"</label>
            <select id="assign-department" on:change=move |ev| department.set(event_target_value(&ev))>
                <option value="">"— chọn —"</option>
                {d.departments.iter().map(|dep| view! {
                    <option value=dep.id.to_string() selected=Some(dep.id) == preset>{dep.name.clone()}</option>
                }).collect_view()}
            </select>
            <label for="assign-due">"Hạn trả lời"</label>
            <input id="assign-due" type="date" prop:value=due on:input=move |ev| due.set(event_target_value(&ev))/>
            <p class="hint small">"Mặc định theo hạn gửi văn bản trả lời của kế hoạch, hoặc 10 ngày làm việc."</p>
            <button type="button" class="button" id="assign-go" on:click=go>"Giao xử lý"</button>
        </section>
    }
}
