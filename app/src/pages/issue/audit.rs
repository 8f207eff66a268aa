//! The audit trail of an issue and its opinions: who, when, before → after.

use leptos::prelude::*;

use crate::domain::format_datetime;
use crate::server_fns::issues::IssueDetail;

/// Vietnamese name of an audit action.
pub fn action_label(action: &str) -> &'static str {
    match action {
        "classify" => "Phân loại ý kiến",
        "merge" => "Tổng hợp ý kiến vào vấn đề",
        "unmerge" => "Tách ý kiến khỏi vấn đề",
        "edit" => "Sửa thông tin vấn đề",
        "assign" => "Giao xử lý",
        "answer_saved" => "Lưu nháp trả lời",
        "answer_submitted" => "Trình phê duyệt trả lời",
        "approve" => "Phê duyệt trả lời",
        "return" => "Trả lại trả lời",
        "supervision_note" => "Ý kiến giám sát của Mặt trận Tổ quốc",
        "publish" => "Công khai cho người dân",
        "unpublish" => "Thôi công khai",
        _ => "Thay đổi khác",
    }
}

pub(super) fn audit_section(d: &IssueDetail) -> impl IntoView + use<> {
    if d.audit.is_empty() {
        return ().into_any();
    }
    let rows = d
        .audit
        .iter()
        .map(|line| {
            view! {
                <tr data-action=line.action.clone()>
                    <td class="nowrap">{format_datetime(line.at)}</td>
                    <td>{line.actor.clone()}</td>
                    <td>{action_label(&line.action)}</td>
                    <td><code class="change">{line.before.clone().unwrap_or_default()}</code></td>
                    <td><code class="change">{line.after.clone().unwrap_or_default()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="audit">
            <h2>"Nhật ký thay đổi"</h2>
            <div class="table-scroll">
                <table class="data">
                    <thead><tr>
                        <th scope="col">"Thời gian"</th>
                        <th scope="col">"Người thực hiện"</th>
                        <th scope="col">"Thao tác"</th>
                        <th scope="col">"Trước"</th>
                        <th scope="col">"Sau"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
