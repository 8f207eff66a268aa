//! `/ban/:dot/cong-khai`: what residents may read of a campaign. Staff or the chair publish
//! the answered and concluded issues one by one or all at once, and the issued conclusion
//! notice; withdrawing is one click too, and every change is on the audit trail.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::format_date;
use crate::domain::ids::CampaignId;
use crate::error::AppError;
use crate::server_fns::public::{
    PublishableIssue, PublishingSheet, publish_issues, publish_notice, publishing_page,
};

use super::{Outcome, outcome_notice, settle, use_campaign_id};

/// The publishing page.
#[component]
pub fn DeskPublishingPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let version = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let data = Resource::new(
        move || (campaign_id.get(), version.get()),
        |(id, _)| async move { publishing_page(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text="Công khai kết quả — Dân Bàn"/>
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

fn changed(n: &usize) -> Option<String> {
    Some(if *n == 0 {
        "Không có thay đổi.".to_owned()
    } else {
        format!("Đã cập nhật {n} vấn đề.")
    })
}

fn sheet_view(
    campaign: CampaignId,
    sheet: PublishingSheet,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let public_href = format!("/cong-khai/{}/dot/{campaign}", sheet.commune_slug);
    let waiting = sheet
        .issues
        .iter()
        .filter(|i| i.publishable && !i.published)
        .count();
    let published = sheet.issues.iter().filter(|i| i.published).count();
    let publish_all = move |_| {
        settle(
            outcome,
            version,
            changed,
            publish_issues(campaign, Vec::new(), true, true),
        )
    };
    let withdraw_all = move |_| {
        settle(
            outcome,
            version,
            changed,
            publish_issues(campaign, Vec::new(), true, false),
        )
    };
    let notice = notice_view(campaign, &sheet, version, outcome);
    let rows = sheet
        .issues
        .into_iter()
        .map(|issue| issue_row(campaign, issue, version, outcome))
        .collect_view();
    view! {
        <h1>"Công khai kết quả: " {sheet.title}</h1>
        <p class="meta">
            "Người dân xem tại "
            <a href=public_href.clone() rel="external">{public_href.clone()}</a>
            " — không cần tài khoản, không có họ tên, số điện thoại, địa chỉ của người dân."
        </p>
        {outcome_notice(outcome)}
        {notice}
        <section class="section">
            <h2>"Vấn đề"</h2>
            <p class="actions">
                <button type="button" class="button" disabled=waiting == 0 on:click=publish_all>
                    {format!("Công khai tất cả ({waiting})")}
                </button>
                <button type="button" class="button-secondary" disabled=published == 0
                    on:click=withdraw_all>
                    "Thôi công khai tất cả"
                </button>
            </p>
            <table class="data" id="publishing">
                <thead>
                    <tr>
                        <th scope="col">"Vấn đề"</th>
                        <th scope="col">"Tình trạng"</th>
                        <th scope="col">"Công khai"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

fn notice_view(
    campaign: CampaignId,
    sheet: &PublishingSheet,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView + use<> {
    let Some((number, issued_on)) = sheet.notice.clone() else {
        return view! {
            <Empty message="Đợt đối thoại chưa ban hành thông báo kết luận."/>
        }
        .into_any();
    };
    let published = sheet.notice_published;
    let toggle = move |_| {
        settle(
            outcome,
            version,
            move |_| {
                Some(if published {
                    "Đã thôi công khai thông báo kết luận.".into()
                } else {
                    "Đã công khai thông báo kết luận.".into()
                })
            },
            publish_notice(campaign, !published),
        )
    };
    view! {
        <section class="section" id="notice-publishing">
            <h2>"Thông báo kết luận"</h2>
            <p>
                {format!("Thông báo số {number} ngày {}", format_date(issued_on))} " — "
                <strong>{if published { "đang công khai" } else { "chưa công khai" }}</strong>
            </p>
            <button type="button" class=if published { "button-secondary" } else { "button" }
                on:click=toggle>
                {if published { "Thôi công khai thông báo" } else { "Công khai thông báo" }}
            </button>
        </section>
    }
    .into_any()
}

fn issue_row(
    campaign: CampaignId,
    issue: PublishableIssue,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let id = issue.id;
    let published = issue.published;
    let toggle = move |_| {
        settle(
            outcome,
            version,
            changed,
            publish_issues(campaign, vec![id], false, !published),
        )
    };
    let action = if issue.published {
        view! {
            <button type="button" class="button-secondary" on:click=toggle>"Thôi công khai"</button>
        }
        .into_any()
    } else if issue.publishable {
        view! { <button type="button" class="button" on:click=toggle>"Công khai"</button> }
            .into_any()
    } else {
        view! { <small>"Chưa có trả lời được phê duyệt"</small> }.into_any()
    };
    view! {
        <tr data-issue=id.to_string() class:published=published>
            <td>
                <a href=format!("/van-de/{id}")>{issue.title}</a>
                <br/>
                <small>{issue.topic}</small>
            </td>
            <td>{issue.status.label()}</td>
            <td>{action}</td>
        </tr>
    }
}
