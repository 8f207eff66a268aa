//! `/thong-ke?nam=YYYY&ky=1|2`: the periodic statistics (báo cáo 6 tháng, năm) for staff, the
//! chair and MTTQ — printable, with the workbook to download.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::statistics::{Period, percent};
use crate::server_fns::statistics::{PeriodReport, StatRow, statistics_of_period};

/// The statistics page.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let query = use_query_map();
    let period = Memo::new(move |_| {
        let today = crate::domain::today_in_vietnam(chrono::Utc::now());
        query.with(|q| Period::from_query(q.get_str("nam"), q.get_str("ky"), today))
    });
    let data = Resource::new(
        move || period.get(),
        |p| statistics_of_period(p.year, p.half),
    );
    view! {
        <Title text="Thống kê kết quả đối thoại — Dân Bàn"/>
        <form class="filters no-print" method="get" action="/thong-ke" id="period-form">
            <label>"Năm"
                <input type="number" name="nam" min="2000" max="2100"
                    value=move || period.get().year.to_string()/>
            </label>
            <label>"Kỳ"
                <select name="ky">
                    <option value="1" selected=move || period.get().half == Some(1)>"6 tháng đầu năm"</option>
                    <option value="2" selected=move || period.get().half == Some(2)>"6 tháng cuối năm"</option>
                    <option value="" selected=move || period.get().half.is_none()>"Cả năm"</option>
                </select>
            </label>
            <button type="submit" class="button">"Xem"</button>
        </form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(report) => report_view(report).into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn rows_table(title: &'static str, id: &'static str, rows: Vec<StatRow>) -> impl IntoView {
    view! {
        <h2>{title}</h2>
        <table class="data" id=id>
            <thead>
                <tr>
                    <th scope="col">{title}</th>
                    <th scope="col" class="num">"Số ý kiến"</th>
                    <th scope="col" class="num">"Số vấn đề"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| view! {
                        <tr>
                            <td>{r.name}</td>
                            <td class="num">{r.opinions}</td>
                            <td class="num">{r.issues}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

fn report_view(report: PeriodReport) -> impl IntoView {
    let facts = report.facts;
    let held: i64 = facts.held.iter().map(|(_, n)| n).sum();
    let kinds = facts
        .held
        .iter()
        .map(|(k, n)| format!("{}: {n}", k.label()))
        .collect::<Vec<_>>()
        .join("; ");
    let dispositions = facts
        .dispositions
        .iter()
        .map(|(d, n)| view! { <li>{d.label()} ": " <strong>{*n}</strong></li> })
        .collect_view();
    let period = report.period;
    let download = format!(
        "/api/v1/statistics.xlsx?nam={}{}",
        period.year,
        period.half.map(|h| format!("&ky={h}")).unwrap_or_default()
    );
    view! {
        <article class="official" id="statistics">
            <h1>{format!("Kết quả tiếp xúc, đối thoại với Nhân dân {}", period.label())}</h1>
            <p class="hint">{report.commune}</p>
            <p class="desk-links no-print">
                <a class="button-secondary" rel="external" download href=download>"Tải XLSX"</a>
                <button type="button" class="button-secondary" on:click=|_| {
                    let _ = window().print();
                }>"In"</button>
            </p>
            <dl class="figures">
                <dt>"Số cuộc đối thoại đã tổ chức"</dt>
                <dd id="stat-held">{held} {(!kinds.is_empty()).then(|| format!(" ({kinds})"))}</dd>
                <dt>"Số ý kiến, kiến nghị"</dt>
                <dd id="stat-opinions">{facts.opinions} " (phát sinh tại hội nghị: " {facts.from_conference} ")"</dd>
                <dt>"Số vấn đề đã tổng hợp"</dt>
                <dd id="stat-issues">{facts.issues}</dd>
                <dt>"Đã giải quyết xong"</dt>
                <dd id="stat-settled">{report.settled} " (" {percent(report.settled_rate)} ")"</dd>
                <dt>"Nội dung giao: báo cáo đúng hạn / trễ hoặc quá hạn / chưa đến hạn"</dt>
                <dd id="stat-timing">{report.on_time} " / " <span class="late">{report.late}</span> " / " {report.pending}</dd>
                <dt>"Tỷ lệ đúng hạn"</dt>
                <dd id="stat-on-time">{percent(report.on_time_rate)}</dd>
            </dl>
            <h2>"Kết luận theo thông báo"</h2>
            <ul class="plain-list">{dispositions}</ul>
            {rows_table("Nhóm nội dung", "stat-topics", facts.by_topic)}
            {rows_table("Thôn, tổ dân phố", "stat-groups", facts.by_group)}
        </article>
    }
}
