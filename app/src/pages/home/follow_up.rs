//! Follow-up (theo dõi, đôn đốc, giám sát) and answers awaiting approval.

use leptos::prelude::*;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::deadlines::Clock;
use crate::domain::{format_date, format_datetime};
use crate::server_fns::answer::{
    AssignmentCard, answer_status_label, awaiting_approval, follow_up,
};
use crate::server_fns::conclusion::{OpenItemLine, open_items};

/// Every open assignment of the commune, late ones flagged.
#[component]
pub fn FollowUpSection() -> impl IntoView {
    let assignments = Resource::new(|| (), |_| follow_up());
    view! {
        <section id="theo-doi" class="section">
            <h2>"Theo dõi, đôn đốc thực hiện"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match assignments.await {
                        Ok(list) if list.is_empty() => view! {
                            <Empty message="Không có nội dung nào đang chờ giải quyết."/>
                        }
                        .into_any(),
                        Ok(list) => {
                            let late = list.iter().filter(|a| a.working_days_late > 0).count();
                            view! {
                                <p class="summary-line">
                                    "Đang giải quyết: " <strong>{list.len()}</strong>
                                    " · Quá hạn: " <strong class="late">{late}</strong>
                                </p>
                                {assignment_table(list, true)}
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What the issued conclusion notices assigned and is not done yet, with each clock: for staff,
/// the chair and MTTQ every item of the commune, for a department its own.
#[component]
pub fn ConclusionItemsSection() -> impl IntoView {
    let items = Resource::new(|| (), |_| open_items());
    view! {
        <section id="ket-luan" class="section">
            <h2>"Thực hiện thông báo kết luận"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match items.await {
                        Ok(list) if list.is_empty() => view! {
                            <Empty message="Không có nội dung kết luận nào đang chờ báo cáo kết quả."/>
                        }
                        .into_any(),
                        Ok(list) => {
                            let late = list
                                .iter()
                                .filter(|l| matches!(l.clock, Some(Clock::Overdue { .. })))
                                .count();
                            view! {
                                <p class="summary-line">
                                    "Đang theo dõi: " <strong>{list.len()}</strong>
                                    " · Quá hạn báo cáo: " <strong class="late" id="items-late">{late}</strong>
                                </p>
                                {conclusion_table(list)}
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn conclusion_table(list: Vec<OpenItemLine>) -> impl IntoView {
    view! {
        <table class="data" id="conclusion-items">
            <thead>
                <tr>
                    <th scope="col">"Nội dung"</th>
                    <th scope="col">"Đơn vị"</th>
                    <th scope="col">"Hạn báo cáo"</th>
                    <th scope="col">"Trạng thái"</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|line| {
                        let item = line.item;
                        let late = matches!(line.clock, Some(Clock::Overdue { .. }));
                        view! {
                            <tr class:late=late>
                                <td>
                                    <a href=format!("/ban/{}/ket-luan", item.campaign_id)>{item.issue_title}</a>
                                    <br/>
                                    <small>{format!("Thông báo số {} · {}", item.number, item.campaign)}</small>
                                </td>
                                <td>{item.department}</td>
                                <td>
                                    {format_date(item.report_due)}
                                    {match line.clock {
                                        Some(clock @ Clock::Overdue { .. }) => Some(view! {
                                            <br/>
                                            <small class="late">{clock.label()}</small>
                                        }.into_any()),
                                        Some(clock @ Clock::DueSoon { .. }) => Some(view! {
                                            <br/>
                                            <small class="due-soon">"Sắp đến hạn: " {clock.label()}</small>
                                        }.into_any()),
                                        _ => None,
                                    }}
                                </td>
                                <td>{item.report_state.label()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Table of assignments; `with_department` adds the department column for commune-wide lists.
pub fn assignment_table(list: Vec<AssignmentCard>, with_department: bool) -> impl IntoView {
    view! {
        <table class="data">
            <thead>
                <tr>
                    <th scope="col">"Nội dung"</th>
                    <th scope="col">"Nhóm nội dung"</th>
                    {with_department.then(|| view! { <th scope="col">"Đơn vị"</th> })}
                    <th scope="col">"Ý kiến"</th>
                    <th scope="col">"Hạn"</th>
                    <th scope="col">"Trạng thái"</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|a| {
                        let late = a.working_days_late;
                        view! {
                            <tr class:late={late > 0}>
                                <td>
                                    <a href=format!("/van-de/{}", a.issue_id)>{a.issue_title}</a>
                                    <br/>
                                    <small>{a.campaign_title}</small>
                                </td>
                                <td>{a.topic}</td>
                                {with_department.then(|| view! { <td>{a.department}</td> })}
                                <td class="num">{a.supporters}</td>
                                <td>
                                    {format_date(a.due_date)}
                                    {match a.clock {
                                        Some(clock @ Clock::Overdue { .. }) => Some(view! {
                                            <br/>
                                            <small class="late">{clock.label()}</small>
                                        }.into_any()),
                                        Some(clock @ Clock::DueSoon { .. }) => Some(view! {
                                            <br/>
                                            <small class="due-soon">"Sắp đến hạn: " {clock.label()}</small>
                                        }.into_any()),
                                        _ => None,
                                    }}
                                </td>
                                <td>{answer_status_label(a.answer_status)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Answers submitted by departments and waiting for the chair or staff.
#[component]
pub fn ApprovalSection() -> impl IntoView {
    let answers = Resource::new(|| (), |_| awaiting_approval());
    view! {
        <section id="cho-phe-duyet" class="section">
            <h2>"Nội dung trả lời chờ phê duyệt"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match answers.await {
                        Ok(list) if list.is_empty() => view! {
                            <Empty message="Không có nội dung trả lời nào đang chờ phê duyệt."/>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ul class="plain-list">
                                {list
                                    .into_iter()
                                    .map(|a| view! {
                                        <li>
                                            <a href=format!("/van-de/{}", a.issue_id)><strong>{a.issue_title}</strong></a>
                                            " — " {a.department}
                                            <small>" · gửi lúc " {format_datetime(a.submitted_at)}</small>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
