//! The answer: drafted and submitted by the assigned department, approved or sent back by
//! staff or the chair.

use crate::domain::ids::IssueId;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::format_datetime;
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::answer::answer_status_label;
use crate::server_fns::issues::{AnswerDraft, IssueDetail, review_answer, save_answer};

pub(super) fn answer_section(d: &IssueDetail, changed: Callback<()>) -> impl IntoView + use<> {
    let locked = d.answer.as_ref().is_some_and(|a| !a.status.editable());
    let status = d.answer.as_ref().map(|a| a.status);
    let comment = d.answer.as_ref().and_then(|a| a.review_comment.clone());
    let body = if d.can.answer && !locked {
        answer_form(d, changed).into_any()
    } else {
        match &d.answer {
            Some(a) => view! {
                <dl class="answer" id="answer-view">
                    <dt>"Nội dung trả lời"</dt><dd>{a.draft.content.clone()}</dd>
                    <dt>"Kết quả giải quyết hoặc hướng giải quyết"</dt><dd>{a.draft.result.clone()}</dd>
                    <dt>"Thời gian giải quyết"</dt><dd>{a.draft.resolution_time.clone()}</dd>
                    <dt>"Cơ quan giải quyết"</dt><dd>{a.draft.resolving_body.clone()}</dd>
                </dl>
                <p class="hint small">
                    {a.drafted_by.clone().map(|n| format!("Soạn: {n}. "))}
                    {a.submitted_at.map(|t| format!("Trình lúc {}. ", format_datetime(t)))}
                    {a.reviewed_by.clone().map(|n| format!("Người duyệt: {n}"))}
                    {a.reviewed_at.map(|t| format!(" lúc {}.", format_datetime(t)))}
                </p>
            }
            .into_any(),
            None => view! { <p class="empty">"Đơn vị được giao chưa soạn nội dung trả lời."</p> }.into_any(),
        }
    };
    view! {
        <section class="section" id="issue-answer">
            <h2>"Nội dung trả lời"</h2>
            <p>
                "Trạng thái: "
                <strong id="answer-status">{answer_status_label(status)}</strong>
            </p>
            {comment.map(|c| view! { <p class="notice" id="review-comment">"Ý kiến người duyệt: " {c}</p> })}
            {body}
            {d.can.review.then(|| review_form(d, changed))}
        </section>
    }
}

fn answer_form(d: &IssueDetail, changed: Callback<()>) -> impl IntoView + use<> {
    let issue = IssueId::from(d.id);
    let start = d
        .answer
        .as_ref()
        .map(|a| a.draft.clone())
        .unwrap_or_else(|| AnswerDraft {
            resolving_body: d
                .assignment
                .as_ref()
                .map(|a| a.department.clone())
                .unwrap_or_default(),
            ..AnswerDraft::default()
        });
    let content = RwSignal::new(start.content);
    let result = RwSignal::new(start.result);
    let time = RwSignal::new(start.resolution_time);
    let body = RwSignal::new(start.resolving_body);
    let outcome = RwSignal::new(None::<Outcome>);
    let send = move |submit: bool| {
        let draft = AnswerDraft {
            content: content.get_untracked(),
            result: result.get_untracked(),
            resolution_time: time.get_untracked(),
            resolving_body: body.get_untracked(),
        };
        spawn_local(async move {
            match save_answer(issue, draft, submit).await {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(
                        if submit {
                            "Đã trình phê duyệt."
                        } else {
                            "Đã lưu bản nháp."
                        }
                        .into(),
                    )));
                    changed.run(());
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      rows: u32,
                      signal: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <textarea id=id rows=rows prop:value=signal on:input=move |ev| signal.set(event_target_value(&ev))></textarea>
        }
    };
    view! {
        <div class="form" id="answer-form">
            {outcome_notice(outcome)}
            {field("answer-content", "Nội dung trả lời", 5, content)}
            {field("answer-result", "Kết quả đã giải quyết hoặc hướng giải quyết", 3, result)}
            {field("answer-time", "Thời gian giải quyết", 1, time)}
            {field("answer-body", "Cơ quan giải quyết", 1, body)}
            <div class="row-actions">
                <button type="button" class="button-secondary" id="answer-save" on:click=move |_| send(false)>"Lưu nháp"</button>
                <button type="button" class="button" id="answer-submit" on:click=move |_| send(true)>"Trình phê duyệt"</button>
            </div>
        </div>
    }
}

fn review_form(d: &IssueDetail, changed: Callback<()>) -> impl IntoView + use<> {
    let issue = IssueId::from(d.id);
    let comment = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let decide = move |approve: bool| {
        let text = comment.get_untracked();
        spawn_local(async move {
            match review_answer(issue, approve, text).await {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(
                        if approve {
                            "Đã phê duyệt."
                        } else {
                            "Đã trả lại đơn vị."
                        }
                        .into(),
                    )));
                    changed.run(());
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    view! {
        <div class="form review" id="review-form">
            {outcome_notice(outcome)}
            <label for="review-text">"Ý kiến (bắt buộc khi trả lại)"</label>
            <textarea id="review-text" rows="2" prop:value=comment
                on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            <div class="row-actions">
                <button type="button" class="button" id="review-approve" on:click=move |_| decide(true)>"Phê duyệt"</button>
                <button type="button" class="button-secondary" id="review-return" on:click=move |_| decide(false)>"Trả lại để chỉnh sửa"</button>
            </div>
        </div>
    }
}
