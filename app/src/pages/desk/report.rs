//! The summary report as a print-ready page, laid out like the DOCX (Nghị định 30/2020/NĐ-CP),
//! with the downloads.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::document::{date_line, roman};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server_fns::desk::load_desk;
use crate::server_fns::report::{ReportData, campaign_report};
use crate::shell::PageViewer;

use super::{Tab, desk_header, use_campaign_id};

/// `/ban/:dot/bao-cao`
#[component]
pub fn DeskReportPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let may_see_personal = matches!(
        expect_context::<PageViewer>(),
        Ok(Some(v)) if matches!(v.role, Role::WardStaff | Role::Chair)
    );
    let data = Resource::new(
        move || campaign_id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((load_desk(id).await?, campaign_report(id).await?))
        },
    );
    view! {
        <Title text="Báo cáo tổng hợp — Dân Bàn"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((r, report)) => {
                        let base = format!("/api/v1/campaigns/{}", r.campaign.id);
                        view! {
                            <div class="no-print">
                                {desk_header(&r, Tab::Report)}
                                <p class="downloads" id="downloads">
                                    <a class="button" href=format!("{base}/report.docx") download>"Tải DOCX"</a>
                                    <a class="button-secondary" href=format!("{base}/report.xlsx") download>"Tải XLSX"</a>
                                    <a class="button-secondary" href=format!("{base}/opinions.csv") download>"Tải CSV ý kiến"</a>
                                    {may_see_personal.then(|| view! {
                                        <a class="button-secondary" href=format!("{base}/report.xlsx?ca-nhan=1") download>
                                            "XLSX kèm thông tin người góp ý"
                                        </a>
                                    })}
                                    <button type="button" class="button-secondary" onclick="window.print()">"In báo cáo"</button>
                                </p>
                                <p class="hint small">
                                    "Tệp tải về không có họ tên, địa chỉ, số điện thoại của người dân, trừ khi chọn “kèm thông tin người góp ý” (chỉ Văn phòng và Chủ tịch)."
                                </p>
                            </div>
                            {document(report)}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn document(report: ReportData) -> impl IntoView {
    let authority = format!("ỦY BAN NHÂN DÂN {}", report.commune_name.to_uppercase());
    let date = date_line(&report.place, report.date);
    let sections = report
        .topics
        .iter()
        .enumerate()
        .map(|(i, topic)| {
            let items = topic
                .issues
                .iter()
                .enumerate()
                .map(|(j, issue)| {
                    let answer = match &issue.answer {
                        Some(a) => view! {
                            <dl class="answer">
                                <dt>"Nội dung trả lời"</dt><dd>{a.content.clone()}</dd>
                                <dt>"Kết quả giải quyết hoặc hướng giải quyết"</dt><dd>{a.result.clone()}</dd>
                                <dt>"Thời gian giải quyết"</dt><dd>{a.resolution_time.clone()}</dd>
                                <dt>"Cơ quan giải quyết"</dt><dd>{a.resolving_body.clone()}</dd>
                            </dl>
                        }
                        .into_any(),
                        None => view! {
                            <p class="pending"><em>"Chưa có nội dung trả lời được phê duyệt."</em></p>
                        }
                        .into_any(),
                    };
                    view! {
                        <article class="report-issue" data-issue=issue.id.to_string()>
                            <h4>{format!("{}. {}", j + 1, issue.title)}</h4>
                            {(!issue.summary.is_empty()).then(|| view! { <p>{issue.summary.clone()}</p> })}
                            <p class="supporters"><em>"Số ý kiến: " {issue.supporters_line()}</em></p>
                            {issue.department.clone().map(|d| view! { <p>"Đơn vị được giao: " {d}</p> })}
                            {answer}
                        </article>
                    }
                })
                .collect_view();
            view! {
                <section>
                    <h3>{format!("{}. {}", roman(i + 1), topic.topic)}</h3>
                    {items}
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="official" id="report">
            <table class="doc-head">
                <tr>
                    <td>
                        <p class="upper bold">{authority}</p>
                        <p>"Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-UBND"</p>
                    </td>
                    <td>
                        <p class="upper bold">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                        <p class="bold motto">"Độc lập - Tự do - Hạnh phúc"</p>
                        <p class="date-line"><em>{date}</em></p>
                    </td>
                </tr>
            </table>
            <h2 class="doc-title">"BÁO CÁO"</h2>
            <p class="doc-subtitle">"Tổng hợp ý kiến, kiến nghị của Nhân dân và nội dung trả lời"</p>
            <p class="doc-subtitle">{report.campaign_title.clone()}</p>
            <p class="indent">{report.opening()}</p>
            {sections}
            <table class="doc-sign">
                <tr>
                    <td>
                        <p class="bold"><em>"Nơi nhận:"</em></p>
                        <p class="small">"- Thường trực Đảng ủy, HĐND xã;"</p>
                        <p class="small">"- Ủy ban MTTQ Việt Nam xã;"</p>
                        <p class="small">"- Lưu: VT."</p>
                    </td>
                    <td>
                        <p class="bold">"TM. ỦY BAN NHÂN DÂN"</p>
                        <p class="bold">"CHỦ TỊCH"</p>
                        <p class="sign-space"></p>
                        <p class="bold">{report.signer_name.clone()}</p>
                    </td>
                </tr>
            </table>
        </article>
    }
}
