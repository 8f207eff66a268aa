//! The campaign's issues with their supporters and who answers them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::error::AppError;
use crate::server_fns::answer::answer_status_label;
use crate::server_fns::desk::{campaign_issues, load_desk};

use super::{Tab, desk_header, use_campaign_id};

/// `/ban/:dot/van-de`
#[component]
pub fn DeskIssuesPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let data = Resource::new(
        move || campaign_id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((load_desk(id).await?, campaign_issues(id).await?))
        },
    );
    view! {
        <Title text="Vấn đề đã tổng hợp — Dân Bàn"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((r, list)) => {
                        let body = if list.is_empty() {
                            view! { <Empty message="Chưa có vấn đề nào. Chọn các ý kiến trùng nhau ở tab “Ý kiến tiếp nhận” để tổng hợp."/> }.into_any()
                        } else {
                            view! {
                                <table class="data" id="issue-list">
                                    <thead><tr>
                                        <th scope="col">"Vấn đề"</th>
                                        <th scope="col">"Nhóm nội dung"</th>
                                        <th scope="col">"Mức độ"</th>
                                        <th scope="col" class="num">"Ý kiến"</th>
                                        <th scope="col" class="num">"Hộ"</th>
                                        <th scope="col" class="num">"Thôn, TDP"</th>
                                        <th scope="col">"Đơn vị trả lời"</th>
                                        <th scope="col">"Trả lời"</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|i| view! {
                                            <tr data-issue=i.id.to_string()>
                                                <td>
                                                    <a href=format!("/van-de/{}", i.id)>{i.title}</a>
                                                    {(i.authority == crate::domain::triage::Authority::Higher)
                                                        .then(|| view! { <span class="tag">"Kiến nghị cấp trên"</span> })}
                                                </td>
                                                <td>{i.topic}</td>
                                                <td>{i.urgency.label()}</td>
                                                <td class="num">{i.opinions}</td>
                                                <td class="num">{i.households}</td>
                                                <td class="num">{i.groups}</td>
                                                <td>{i.department.unwrap_or_else(|| "Chưa giao".into())}</td>
                                                <td>{answer_status_label(i.answer_status)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }
                            .into_any()
                        };
                        view! { {desk_header(&r, Tab::Issues)} {body} }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
