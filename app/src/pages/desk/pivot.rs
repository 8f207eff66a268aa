//! Groups × topics: counts of opinions, issues or households with distinct totals, each cell a
//! link to the opinions behind it, and the same figures as bar charts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::pivot::{Measure, PivotTable};
use crate::domain::respondent::RespondentKind;
use crate::domain::triage::{IntakeFilter, OpinionState, Urgency};
use crate::error::AppError;
use crate::server_fns::desk::{DeskReference, load_desk, pivot};

use super::chart::bar_chart;
use super::{Tab, desk_header, intake_href, use_campaign_id};

/// `/ban/:dot/tong-hop`
#[component]
pub fn DeskPivotPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let query = use_query_map();
    // the pivot narrows by kind, urgency and state; group and topic are its axes
    let filter = Memo::new(move |_| {
        query.with(|q| IntakeFilter {
            group_id: None,
            topic_id: None,
            text: String::new(),
            ..IntakeFilter::from_query(|k| q.get_str(k))
        })
    });
    let measure = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("do")
                .and_then(Measure::from_code)
                .unwrap_or_default()
        })
    });
    let data = Resource::new(
        move || (campaign_id.get(), filter.get()),
        |(id, filter)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((load_desk(id).await?, pivot(id, filter).await?))
        },
    );
    view! {
        <Title text="Tổng hợp theo thôn và nhóm nội dung — Dân Bàn"/>
        <Suspense fallback=Loading>
            // the measure only changes how the loaded table is shown: no new request
            {move || {
                let m = measure.get();
                Suspend::new(async move {
                match data.await {
                    Ok((r, table)) => {
                        let f = filter.get_untracked();
                        view! {
                            {desk_header(&r, Tab::Pivot)}
                            {pivot_filters(m, &f)}
                            {pivot_table(&r, &table, m, &f)}
                            <div class="charts">
                                {bar_chart(
                                    "chart-groups",
                                    format!("{} theo thôn, tổ dân phố", m.label()),
                                    table.groups.iter().zip(&table.row_totals)
                                        .map(|(g, c)| (g.name.clone(), c.get(m))).collect(),
                                )}
                                {bar_chart(
                                    "chart-topics",
                                    format!("{} theo nhóm nội dung", m.label()),
                                    table.topics.iter().zip(&table.column_totals)
                                        .map(|(t, c)| (t.name.clone(), c.get(m))).collect(),
                                )}
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
}

fn pivot_filters(measure: Measure, f: &IntakeFilter) -> impl IntoView + use<> {
    let (state, urgency, kind) = (f.state, f.urgency, f.kind);
    view! {
        <Form method="GET" action="" attr:class="filters" attr:id="pivot-filters">
            <label>"Số liệu"
                <select name="do">
                    {Measure::ALL.into_iter().map(|m| view! {
                        <option value=m.code() selected=m == measure>{m.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>"Tình trạng"
                <select name="tinh-trang">
                    <option value="">"Tất cả"</option>
                    {OpinionState::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=state == Some(s)>{s.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>"Mức độ cấp thiết"
                <select name="muc-do">
                    <option value="">"Tất cả"</option>
                    {Urgency::ALL.into_iter().map(|u| view! {
                        <option value=u.code() selected=urgency == Some(u)>{u.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>"Đối tượng"
                <select name="doi-tuong">
                    <option value="">"Tất cả"</option>
                    {RespondentKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=kind == Some(k)>{k.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="filter-actions">
                <button type="submit" class="button">"Xem"</button>
                <button type="button" class="button-secondary" onclick="window.print()">"In"</button>
            </div>
        </Form>
    }
}

fn pivot_table(
    r: &DeskReference,
    table: &PivotTable,
    m: Measure,
    f: &IntakeFilter,
) -> impl IntoView + use<> {
    let campaign = r.campaign.id;
    let drill = |group: Option<uuid::Uuid>, topic: Option<uuid::Uuid>| {
        let narrowed = IntakeFilter {
            group_id: group,
            topic_id: topic,
            ..f.clone()
        };
        intake_href(campaign, &narrowed.to_query())
    };
    let head = table
        .topics
        .iter()
        .map(|t| view! { <th scope="col" class="num">{t.name.clone()}</th> })
        .collect_view();
    let body = table
        .groups
        .iter()
        .enumerate()
        .map(|(row, g)| {
            let cells = table
                .topics
                .iter()
                .enumerate()
                .map(|(col, t)| {
                    let value = table.cells[row][col].get(m);
                    view! {
                        <td class="num" data-cell=format!("{}:{}", g.name, t.name) data-value=value>
                            <a href=drill(Some(g.id), Some(t.id))>{value}</a>
                        </td>
                    }
                })
                .collect_view();
            let total = table.row_totals[row].get(m);
            view! {
                <tr>
                    <th scope="row">{g.name.clone()}</th>
                    {cells}
                    <td class="num total" data-row-total=g.name.clone() data-value=total>
                        <a href=drill(Some(g.id), None)>{total}</a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let foot = table
        .topics
        .iter()
        .zip(&table.column_totals)
        .map(|(t, c)| {
            let value = c.get(m);
            view! {
                <td class="num total" data-col-total=t.name.clone() data-value=value>
                    <a href=drill(None, Some(t.id))>{value}</a>
                </td>
            }
        })
        .collect_view();
    let grand = table.total.get(m);
    let note = (m != Measure::Opinions).then(|| {
        view! {
            <p class="hint small">
                "Một vấn đề hoặc một hộ có thể có ý kiến ở nhiều ô, nên các dòng tổng được đếm không trùng lặp và có thể nhỏ hơn tổng các ô."
            </p>
        }
    });
    view! {
        <div class="table-scroll">
            <table class="data pivot" id="pivot" data-measure=m.code()>
                <caption>{m.label()} " theo thôn, tổ dân phố và nhóm nội dung"</caption>
                <thead><tr><th scope="col">"Thôn, tổ dân phố"</th>{head}<th scope="col" class="num">"Tổng"</th></tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr>
                    <th scope="row">"Tổng"</th>
                    {foot}
                    <td class="num total" id="pivot-total" data-value=grand>
                        <a href=drill(None, None)>{grand}</a>
                    </td>
                </tr></tfoot>
            </table>
        </div>
        {note}
    }
}
