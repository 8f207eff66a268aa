//! `/ban/:dot/ket-luan`: the conclusion notice (thông báo kết luận) of a campaign. Staff draft a
//! disposition for every issue, the chair approves and issues it with its number and date, and
//! then each assigned item is followed to its report-back: the department reports, staff accept
//! or send it back. Department officers see only their own items.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::conclusion::ItemDraft;
use crate::domain::deadlines::Clock;
use crate::domain::format_date;
use crate::domain::ids::{CampaignId, ConclusionItemId, DepartmentId};
use crate::error::AppError;
use crate::server_fns::conclusion::{
    Disposition, NoticeDraft, NoticeIssue, NoticeItem, NoticeSheet, NoticeState, ReportState,
    approve_notice, conclusion_sheet, correct_notice, issue_notice, report_item, review_item,
    save_notice,
};

use super::{Outcome, outcome_notice, settle, use_campaign_id};

/// "Nơi nhận" of a new draft, as seed 004 addresses its notice.
const DEFAULT_RECIPIENTS: &str = "- Thường trực Đảng ủy, HĐND xã;\n- Ủy ban MTTQ Việt Nam xã;\n\
                                  - Các cơ quan, đơn vị có liên quan;\n- Trưởng các thôn, tổ dân phố;\n- Lưu: VT.";

/// The notice page.
#[component]
pub fn DeskConclusionPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let version = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let data = Resource::new(
        move || (campaign_id.get(), version.get()),
        |(id, _)| async move { conclusion_sheet(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text="Thông báo kết luận — Dân Bàn"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match (data.await, campaign_id.get_untracked()) {
                    (Ok(sheet), Some(id)) => sheet_view(id, sheet, version, outcome).into_any(),
                    (Err(error), _) => view! { <ErrorNotice error/> }.into_any(),
                    (Ok(_), None) => view! { <ErrorNotice error=AppError::NotFound/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn clock_note(clock: Option<Clock>) -> Option<AnyView> {
    match clock? {
        c @ Clock::Overdue { .. } => {
            Some(view! { <small class="late">{c.label()}</small> }.into_any())
        }
        c @ Clock::DueSoon { .. } => {
            Some(view! { <small class="due-soon">"Sắp đến hạn: " {c.label()}</small> }.into_any())
        }
        c @ Clock::Running { .. } => Some(view! { <small>{c.label()}</small> }.into_any()),
    }
}

fn sheet_view(
    campaign: CampaignId,
    sheet: NoticeSheet,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let record = sheet.record;
    let current = record.current.clone();
    let state = current.as_ref().map(|v| v.state);
    let shown_version = current.as_ref().map_or(0, |v| v.version);
    let editable = sheet.can_edit
        && sheet.reporting_for.is_none()
        && matches!(
            state,
            None | Some(NoticeState::Draft | NoticeState::Approved)
        );
    let due_line = sheet.due.map(|due| {
        view! {
            <p id="notice-due">
                "Hạn ban hành thông báo kết luận: " <strong>{format_date(due.ordinary)}</strong>
                " (vụ việc phức tạp: " {format_date(due.complex)} ") "
                {clock_note(sheet.clock)}
            </p>
        }
    });
    let state_line = current.as_ref().map(|v| {
        let number = match (&v.number, v.issued_on) {
            (Some(n), Some(on)) => format!(" · Số {n} ngày {}", format_date(on)),
            _ => String::new(),
        };
        let approved = v
            .approved_by
            .as_ref()
            .map(|n| format!(" · Phê duyệt: {n}"))
            .unwrap_or_default();
        view! {
            <p id="notice-state">
                <span class="tag">{v.state.label()}</span>
                {format!(" Phiên bản {}{number}{approved}", v.version)}
            </p>
        }
    });
    let history = (!record.history.is_empty()).then(|| {
        let lines = record
            .history
            .iter()
            .map(|(v, number, on)| {
                let text = format!(
                    "Phiên bản {v}: số {} ngày {} (đã được đính chính)",
                    number.clone().unwrap_or_default(),
                    on.map(format_date).unwrap_or_default()
                );
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! { <ul class="plain-list" id="notice-history">{lines}</ul> }
    });
    let chair_actions = (sheet.can_issue && sheet.reporting_for.is_none())
        .then(|| chair_actions(campaign, state, shown_version, version, outcome));
    let correct = (sheet.can_edit && state == Some(NoticeState::Issued)).then(|| {
        let start = move |_| {
            settle(
                outcome,
                version,
                |_| Some("Đã lập bản đính chính (dự thảo).".into()),
                correct_notice(campaign, shown_version),
            );
        };
        view! {
            <button type="button" class="button-secondary" id="correct-notice" on:click=start>
                "Lập bản đính chính"
            </button>
        }
    });
    let download = current.is_some().then(|| {
        view! {
            <a class="button-secondary" rel="external" download
                href=format!("/api/v1/campaigns/{campaign}/conclusion.docx")>"Tải DOCX"</a>
            <a class="button-secondary" href=format!("/ban/{campaign}/cong-khai")>
                "Công khai kết quả"
            </a>
        }
    });
    let editor = editable.then(|| {
        editor(
            campaign,
            &record.issues,
            &record.departments,
            current.as_ref(),
            shown_version,
            version,
            outcome,
        )
    });
    let follow = current.filter(|v| v.state == NoticeState::Issued).map(|v| {
        items_view(
            v.items,
            &sheet.item_clocks,
            sheet.can_review,
            sheet.reporting_for,
            version,
            outcome,
        )
    });
    let conference = record.conference_on.map(|d| {
        format!(
            "Hội nghị ngày {}{}",
            format_date(d),
            if record.conference_place.is_empty() {
                String::new()
            } else {
                format!(", {}", record.conference_place)
            }
        )
    });
    view! {
        <p><a href=format!("/ke-hoach/{campaign}")>"← Kế hoạch đợt đối thoại"</a></p>
        <h1>"Thông báo kết luận hội nghị đối thoại"</h1>
        <p class="hint">{record.title.clone()}</p>
        <p class="hint">{conference}</p>
        {due_line}
        {state_line}
        {history}
        {outcome_notice(outcome)}
        <p class="desk-links">{download} {correct}</p>
        {chair_actions}
        {editor}
        {follow}
    }
}

fn chair_actions(
    campaign: CampaignId,
    state: Option<NoticeState>,
    shown: i64,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> Option<AnyView> {
    match state? {
        NoticeState::Draft => {
            let approve = move |_| {
                settle(
                    outcome,
                    version,
                    |_| Some("Đã phê duyệt thông báo.".into()),
                    approve_notice(campaign, shown),
                );
            };
            Some(
                view! {
                    <p class="desk-links">
                        <button type="button" class="button" id="approve-notice" on:click=approve>
                            "Phê duyệt"
                        </button>
                    </p>
                }
                .into_any(),
            )
        }
        NoticeState::Approved => {
            let today = crate::domain::today_in_vietnam(chrono::Utc::now());
            let number = RwSignal::new(String::new());
            let date = RwSignal::new(today.to_string());
            let issue = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let Ok(on) = date.get_untracked().parse::<NaiveDate>() else {
                    outcome.set(Some(Outcome::Failed("Hãy chọn ngày ban hành.".into())));
                    return;
                };
                settle(
                    outcome,
                    version,
                    |_| Some("Đã ban hành thông báo kết luận.".into()),
                    issue_notice(campaign, shown, number.get_untracked(), on),
                );
            };
            Some(
                view! {
                    <form class="form inline-form" id="issue-notice" on:submit=issue>
                        <h2>"Ban hành"</h2>
                        <label for="notice-number">"Số thông báo"</label>
                        <input id="notice-number" type="text" maxlength="50" placeholder="15/TB-UBND"
                            required on:input=move |ev| number.set(event_target_value(&ev))/>
                        <label for="notice-date">"Ngày ban hành"</label>
                        <input id="notice-date" type="date" prop:value=move || date.get()
                            on:input=move |ev| date.set(event_target_value(&ev))/>
                        <button type="submit" class="button">"Ban hành thông báo"</button>
                    </form>
                }
                .into_any(),
            )
        }
        NoticeState::Issued | NoticeState::Superseded => None,
    }
}

/// One issue's row in the draft.
#[derive(Clone, Copy)]
struct Row {
    disposition: RwSignal<Option<Disposition>>,
    content: RwSignal<String>,
    department: RwSignal<Option<DepartmentId>>,
    body: RwSignal<String>,
}

fn editor(
    campaign: CampaignId,
    issues: &[NoticeIssue],
    departments: &[crate::api::NamedRef<DepartmentId>],
    current: Option<&crate::api::conclusion::NoticeVersion>,
    shown: i64,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView + use<> {
    let opening = RwSignal::new(current.map(|v| v.opening.clone()).unwrap_or_default());
    let recipients = RwSignal::new(
        current
            .map(|v| v.recipients.clone())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| DEFAULT_RECIPIENTS.to_owned()),
    );
    let complex = RwSignal::new(current.is_some_and(|v| v.complex));
    let rows: Vec<(NoticeIssue, Row)> = issues
        .iter()
        .map(|issue| {
            let saved = current.and_then(|v| v.items.iter().find(|i| i.issue_id == issue.id));
            let row = match saved {
                Some(item) => Row {
                    disposition: RwSignal::new(Some(item.disposition)),
                    content: RwSignal::new(item.content.clone()),
                    department: RwSignal::new(item.department_id),
                    body: RwSignal::new(item.body.clone()),
                },
                // A first guess from the answer stage: an answered issue is resolved, an
                // assigned one stays with its department.
                None => Row {
                    disposition: RwSignal::new(if issue.answer.is_some() {
                        Some(Disposition::Resolved)
                    } else if issue.department_id.is_some() {
                        Some(Disposition::Assigned)
                    } else {
                        None
                    }),
                    content: RwSignal::new(issue.answer.clone().unwrap_or_default()),
                    department: RwSignal::new(issue.department_id),
                    body: RwSignal::new(String::new()),
                },
            };
            (issue.clone(), row)
        })
        .collect();
    let saved_rows: Vec<(crate::domain::ids::IssueId, Row)> =
        rows.iter().map(|(i, r)| (i.id, *r)).collect();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let items = saved_rows
            .iter()
            .filter_map(|(issue_id, row)| {
                row.disposition
                    .get_untracked()
                    .map(|disposition| ItemDraft {
                        issue_id: *issue_id,
                        disposition,
                        content: row.content.get_untracked(),
                        department_id: row.department.get_untracked(),
                        body: row.body.get_untracked(),
                    })
            })
            .collect();
        let draft = NoticeDraft {
            opening: opening.get_untracked(),
            recipients: recipients.get_untracked(),
            complex: complex.get_untracked(),
            items,
        };
        settle(
            outcome,
            version,
            |_| Some("Đã lưu dự thảo. Chủ tịch cần phê duyệt lại.".into()),
            save_notice(campaign, shown, draft),
        );
    };
    let department_options = departments.to_vec();
    let lines = rows
        .into_iter()
        .enumerate()
        .map(|(n, (issue, row))| {
            let row_departments = department_options.clone();
            let options = move || {
                row_departments
                    .iter()
                    .map(|d| {
                        let id = d.id;
                        view! {
                            <option value=id.to_string() selected=move || row.department.get() == Some(id)>
                                {d.name.clone()}
                            </option>
                        }
                    })
                    .collect_view()
            };
            let dispositions = Disposition::ALL
                .into_iter()
                .map(|d| {
                    view! {
                        <option value=d.code() selected=move || row.disposition.get() == Some(d)>
                            {d.label()}
                        </option>
                    }
                })
                .collect_view();
            let answer = issue.answer.clone().map(|a| view! { <p class="hint">"Trả lời: " {a}</p> });
            view! {
                <fieldset class="notice-item" data-issue=issue.id.to_string()>
                    <legend>{format!("{}. {}", n + 1, issue.title)}</legend>
                    <p class="hint">{issue.topic.clone()}</p>
                    {answer}
                    <label>"Kết luận"
                        <select class="disposition" on:change=move |ev| {
                            row.disposition.set(Disposition::parse(&event_target_value(&ev)))
                        }>
                            <option value="" selected=move || row.disposition.get().is_none()>"— chưa kết luận —"</option>
                            {dispositions}
                        </select>
                    </label>
                    <label>"Nội dung kết luận"
                        <textarea class="content" rows="3" maxlength="4000"
                            prop:value=move || row.content.get()
                            on:input=move |ev| row.content.set(event_target_value(&ev))></textarea>
                    </label>
                    <Show when=move || row.disposition.get() == Some(Disposition::Assigned)>
                        <label>"Cơ quan, đơn vị thực hiện"
                            <select class="department" on:change=move |ev| {
                                row.department.set(event_target_value(&ev).parse().ok())
                            }>
                                <option value="">"— chọn —"</option>
                                {options()}
                            </select>
                        </label>
                    </Show>
                    <Show when=move || matches!(row.disposition.get(), Some(Disposition::Forwarded | Disposition::Redirected))>
                        <label>{move || if row.disposition.get() == Some(Disposition::Forwarded) {
                            "Cơ quan cấp trên nhận kiến nghị"
                        } else {
                            "Nơi người dân cần gửi đơn"
                        }}
                            <input type="text" class="body" maxlength="300"
                                prop:value=move || row.body.get()
                                on:input=move |ev| row.body.set(event_target_value(&ev))/>
                        </label>
                    </Show>
                </fieldset>
            }
        })
        .collect_view();
    let no_issues = issues.is_empty();
    view! {
        <form class="form" id="notice-draft" on:submit=save>
            <h2>"Dự thảo thông báo"</h2>
            <label for="notice-opening">"Phần mở đầu"</label>
            <textarea id="notice-opening" rows="3" maxlength="4000"
                placeholder="Để trống: tự ghi ngày, địa điểm hội nghị và tên đợt đối thoại."
                prop:value=move || opening.get()
                on:input=move |ev| opening.set(event_target_value(&ev))></textarea>
            <label class="check">
                <input type="checkbox" id="notice-complex" prop:checked=move || complex.get()
                    on:change=move |ev| complex.set(event_target_checked(&ev))/>
                " Vụ việc phức tạp (thời hạn ban hành dài hơn)"
            </label>
            {lines}
            {no_issues.then(|| view! { <Empty message="Đợt đối thoại chưa có vấn đề nào được tổng hợp."/> })}
            <label for="notice-recipients">"Nơi nhận"</label>
            <textarea id="notice-recipients" rows="5" maxlength="2000"
                prop:value=move || recipients.get()
                on:input=move |ev| recipients.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button" id="save-notice">"Lưu dự thảo"</button>
        </form>
    }
}

fn items_view(
    items: Vec<NoticeItem>,
    clocks: &[(ConclusionItemId, Clock)],
    can_review: bool,
    reporting_for: Option<DepartmentId>,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView + use<> {
    let assigned: Vec<NoticeItem> = items
        .into_iter()
        .filter(|i| i.disposition == Disposition::Assigned)
        .collect();
    if assigned.is_empty() {
        return view! { <Empty message="Thông báo không giao nội dung nào cần báo cáo kết quả."/> }
            .into_any();
    }
    let rows = assigned
        .into_iter()
        .map(|item| {
            let clock = clocks.iter().find(|(id, _)| *id == item.id).map(|(_, c)| *c);
            let id = item.id;
            let reporting = reporting_for.is_some()
                && item.department_id == reporting_for
                && item.report_state.owes_report();
            let reviewing = can_review && item.report_state == ReportState::Reported;
            let report_form = reporting.then(|| report_form(id, version, outcome));
            let review_form = reviewing.then(|| review_form(id, version, outcome));
            let late = matches!(clock, Some(Clock::Overdue { .. }));
            view! {
                <tr class:late=late data-item=id.to_string()>
                    <td>
                        <strong>{item.issue_title}</strong>
                        <br/>
                        {item.content}
                    </td>
                    <td>{item.department.unwrap_or_default()}</td>
                    <td>
                        {item.report_due.map(format_date)}
                        <br/>
                        {clock_note(clock)}
                    </td>
                    <td>
                        <span class="report-state">{item.report_state.label()}</span>
                        {item.report_text.map(|t| view! { <p>{t}</p> })}
                        {item.report_attachment.map(|a| view! { <p class="hint">"Kèm theo: " {a}</p> })}
                        {item.reported_on.map(|d| view! { <small>"Hoàn thành ngày " {format_date(d)}</small> })}
                        {item.review_note.map(|n| view! { <p class="hint">"Ý kiến: " {n}</p> })}
                        {report_form}
                        {review_form}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="notice-follow-up">
            <h2>"Theo dõi báo cáo kết quả"</h2>
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">"Nội dung"</th>
                        <th scope="col">"Đơn vị"</th>
                        <th scope="col">"Hạn báo cáo"</th>
                        <th scope="col">"Kết quả"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

fn report_form(
    id: ConclusionItemId,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let today = crate::domain::today_in_vietnam(chrono::Utc::now());
    let text = RwSignal::new(String::new());
    let attachment = RwSignal::new(String::new());
    let date = RwSignal::new(today.to_string());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(on) = date.get_untracked().parse::<NaiveDate>() else {
            outcome.set(Some(Outcome::Failed("Hãy chọn ngày hoàn thành.".into())));
            return;
        };
        settle(
            outcome,
            version,
            |_| Some("Đã gửi báo cáo kết quả.".into()),
            report_item(id, text.get_untracked(), attachment.get_untracked(), on),
        );
    };
    view! {
        <form class="form report-form" on:submit=send>
            <label>"Kết quả thực hiện"
                <textarea rows="3" maxlength="4000" required
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <label>"Tài liệu kèm theo (số, ngày văn bản; tên tệp)"
                <input type="text" maxlength="500"
                    on:input=move |ev| attachment.set(event_target_value(&ev))/>
            </label>
            <label>"Ngày hoàn thành"
                <input type="date" prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))/>
            </label>
            <button type="submit" class="button">"Gửi báo cáo"</button>
        </form>
    }
}

fn review_form(
    id: ConclusionItemId,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let review = move |accept: bool| {
        settle(
            outcome,
            version,
            move |_| {
                Some(if accept {
                    "Đã chấp nhận kết quả.".into()
                } else {
                    "Đã trả lại để đơn vị bổ sung.".into()
                })
            },
            review_item(id, accept, note.get_untracked()),
        );
    };
    view! {
        <div class="review-form">
            <label>"Ý kiến"
                <input type="text" maxlength="4000" on:input=move |ev| note.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="button" on:click=move |_| review(true)>"Chấp nhận"</button>
            " "
            <button type="button" class="button-secondary" on:click=move |_| review(false)>"Trả lại"</button>
        </div>
    }
}
