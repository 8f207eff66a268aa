//! Intake counts per campaign, for staff, chair and supervisors.

use leptos::prelude::*;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::server_fns::intake::{IntakeSummary, NamedCount, intake_summaries};

/// Forms and opinions received, per campaign, with the split by group and topic.
#[component]
pub fn IntakeSection() -> impl IntoView {
    let summaries = Resource::new(|| (), |_| intake_summaries());
    // The speakers' list names residents: only for those who may see it.
    let names = expect_context::<crate::shell::PageViewer>()
        .ok()
        .flatten()
        .is_some_and(|v| {
            crate::domain::access::allows(crate::domain::access::PERSONAL_DATA, v.role)
        });
    view! {
        <section id="tiep-nhan" class="section">
            <h2>"Tiếp nhận ý kiến, kiến nghị"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match summaries.await {
                        Ok(list) if list.is_empty() => {
                            view! { <Empty message="Chưa có đợt đối thoại nào."/> }.into_any()
                        }
                        Ok(list) => {
                            list.into_iter()
                                .map(|s| summary(s, names))
                                .collect_view()
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn summary(s: IntakeSummary, speakers_link: bool) -> impl IntoView {
    let speakers = speakers_link.then(|| {
        view! {
            <a class="button-secondary" href=format!("/ban/{}/phat-bieu", s.campaign_id)>
                "Đăng ký phát biểu"
            </a>
        }
    });
    view! {
        <article class="card intake" data-campaign=s.campaign_id.to_string()>
            <p class="tags">
                <span class="tag">{s.kind.label()}</span>
                <span class="tag">{s.stage.label()}</span>
            </p>
            <h3>{s.title}</h3>
            <p class="desk-links">
                <a class="button" href=format!("/ban/{}", s.campaign_id)>"Mở bàn xử lý ý kiến"</a>
                <a class="button-secondary" href=format!("/ban/{}/tong-hop", s.campaign_id)>"Tổng hợp theo thôn, nhóm nội dung"</a>
                <a class="button-secondary" href=format!("/ban/{}/bao-cao", s.campaign_id)>"Báo cáo"</a>
                {speakers}
            </p>
            <dl class="figures">
                <div><dt>"Phiếu"</dt><dd data-figure="forms">{s.forms}</dd></div>
                <div><dt>"Ý kiến"</dt><dd data-figure="opinions">{s.opinions}</dd></div>
                <div><dt>"Chưa phân loại"</dt><dd data-figure="unclassified">{s.unclassified}</dd></div>
                <div><dt>"Ngoài phạm vi"</dt><dd>{s.out_of_scope}</dd></div>
                <div><dt>"Vấn đề đã tổng hợp"</dt><dd>{s.issues}</dd></div>
                <div><dt>"Đăng ký phát biểu"</dt><dd>{s.speakers}</dd></div>
            </dl>
            <div class="split">
                {count_table("Theo thôn, tổ dân phố", s.by_group)}
                {count_table("Theo nhóm nội dung", s.by_topic)}
            </div>
        </article>
    }
}

fn count_table(caption: &'static str, rows: Vec<NamedCount>) -> impl IntoView {
    view! {
        <table class="counts">
            <caption>{caption}</caption>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| view! { <tr><th scope="row">{r.name}</th><td>{r.count}</td></tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
}
