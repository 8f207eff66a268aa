//! The intake list: every synced opinion of a campaign, filtered from the URL (so a filtered
//! view or a pivot cell is a link), one page at a time, with a selection for bulk actions and a
//! side panel for the focused opinion.

use crate::domain::ids::{CampaignId, OpinionId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::format_datetime;
use crate::domain::respondent::RespondentKind;
use crate::domain::triage::{IntakeFilter, OpinionState, Urgency};
use crate::error::AppError;
use crate::server_fns::desk::{
    DeskReference, IntakePage, OpinionRow, PAGE_SIZE, list_intake, load_desk,
};

use super::bulk::BulkBar;
use super::panel::OpinionPanel;
use super::{Tab, desk_header, intake_href, use_campaign_id};

/// `/ban/:dot`
#[component]
pub fn DeskIntakePage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| IntakeFilter::from_query(|k| q.get_str(k))));
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("trang")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1)
                - 1
        })
    });
    // bumped after every change so the list reloads
    let version = RwSignal::new(0u32);
    let selected = RwSignal::new(Vec::<OpinionId>::new());
    let focused = RwSignal::new(None::<OpinionRow>);

    let reference = Resource::new(
        move || campaign_id.get(),
        |id| async move {
            match id {
                Some(id) => load_desk(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let intake = Resource::new(
        move || (campaign_id.get(), filter.get(), page.get(), version.get()),
        |(id, filter, page, _)| async move {
            match id {
                Some(id) => list_intake(id, filter, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let changed = Callback::new(move |_: ()| {
        selected.set(Vec::new());
        focused.set(None);
        version.update(|v| *v += 1);
    });

    view! {
        <Title text="Ý kiến tiếp nhận — Dân Bàn"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match reference.await {
                    Ok(r) => {
                        let header = desk_header(&r, Tab::Intake);
                        let filters = filter_form(&r, filter.get_untracked());
                        let campaign = r.campaign.id;
                        let r2 = r.clone();
                        view! {
                            {header}
                            {filters}
                            <BulkBar campaign selected reference=r2 changed/>
                            <div class="desk-body">
                                <Transition fallback=Loading>
                                    {move || Suspend::new(async move {
                                        match intake.await {
                                            Ok(p) => intake_table(p, campaign, filter.get_untracked(), selected, focused)
                                                .into_any(),
                                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                                        }
                                    })}
                                </Transition>
                                <OpinionPanel focused selected/>
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn filter_form(r: &DeskReference, current: IntakeFilter) -> impl IntoView + use<> {
    let group_options = r
        .groups
        .iter()
        .map(|g| {
            let selected = current.group_id == Some(g.id);
            view! { <option value=g.id.to_string() selected=selected>{g.name.clone()}</option> }
        })
        .collect_view();
    let topic_options = r
        .topics
        .iter()
        .map(|t| {
            let selected = current.topic_id == Some(t.id);
            view! { <option value=t.id.to_string() selected=selected>{t.name.clone()}</option> }
        })
        .collect_view();
    let state_options = OpinionState::ALL
        .into_iter()
        .map(|s| {
            let selected = current.state == Some(s);
            view! { <option value=s.code() selected=selected>{s.label()}</option> }
        })
        .collect_view();
    let urgency_options = Urgency::ALL
        .into_iter()
        .map(|u| {
            let selected = current.urgency == Some(u);
            view! { <option value=u.code() selected=selected>{u.label()}</option> }
        })
        .collect_view();
    let kind_options = RespondentKind::ALL
        .into_iter()
        .map(|k| {
            let selected = current.kind == Some(k);
            view! { <option value=k.code() selected=selected>{k.label()}</option> }
        })
        .collect_view();
    let text = current.text.clone();
    let reset = format!("/ban/{}", r.campaign.id);
    view! {
        <Form method="GET" action="" attr:class="filters" attr:id="intake-filters">
            <label>
                "Tìm trong nội dung"
                <input type="search" name="tim" value=text
                    placeholder="Ví dụ: duong lien thon" aria-describedby="search-hint"/>
            </label>
            <label>"Thôn, tổ dân phố"
                <select name="thon"><option value="">"Tất cả"</option>{group_options}</select>
            </label>
            <label>"Nhóm nội dung"
                <select name="nhom"><option value="">"Tất cả"</option>{topic_options}</select>
            </label>
            <label>"Tình trạng"
                <select name="tinh-trang"><option value="">"Tất cả"</option>{state_options}</select>
            </label>
            <label>"Mức độ cấp thiết"
                <select name="muc-do"><option value="">"Tất cả"</option>{urgency_options}</select>
            </label>
            <label>"Đối tượng"
                <select name="doi-tuong"><option value="">"Tất cả"</option>{kind_options}</select>
            </label>
            <div class="filter-actions">
                <button type="submit" class="button">"Lọc"</button>
                <a href=reset class="button-secondary">"Bỏ lọc"</a>
            </div>
            <p id="search-hint" class="hint small">
                "Tìm không phân biệt dấu: gõ “duong” sẽ thấy “đường”, “Đường”."
            </p>
        </Form>
    }
}

fn intake_table(
    page: IntakePage,
    campaign: CampaignId,
    filter: IntakeFilter,
    selected: RwSignal<Vec<OpinionId>>,
    focused: RwSignal<Option<OpinionRow>>,
) -> impl IntoView {
    let pages = ((page.total + i64::from(PAGE_SIZE) - 1) / i64::from(PAGE_SIZE)).max(1);
    let current = i64::from(page.page) + 1;
    let link = move |n: i64| {
        let mut pairs = filter.to_query();
        pairs.push(("trang", n.to_string()));
        intake_href(campaign, &pairs)
    };
    let ids: Vec<OpinionId> = page.rows.iter().map(|r| r.id).collect();
    let all_ids = ids.clone();
    let all_checked =
        move || !all_ids.is_empty() && selected.with(|s| all_ids.iter().all(|id| s.contains(id)));
    let toggle_all = move |_| {
        let on = !selected.with(|s| ids.iter().all(|id| s.contains(id)));
        selected.update(|s| {
            s.retain(|id| !ids.contains(id));
            if on {
                s.extend(ids.iter().copied());
            }
        });
    };
    if page.rows.is_empty() {
        return view! { <Empty message="Không có ý kiến nào khớp với bộ lọc."/> }.into_any();
    }
    view! {
        <div class="intake">
            <p class="summary-line" id="intake-total" data-total=page.total>
                "Tìm thấy " <strong>{page.total}</strong> " ý kiến · Trang " {current} "/" {pages}
            </p>
            <table class="data intake-table">
                <thead>
                    <tr>
                        <th scope="col">
                            <input type="checkbox" aria-label="Chọn tất cả ý kiến trên trang"
                                prop:checked=all_checked on:change=toggle_all/>
                        </th>
                        <th scope="col">"Nội dung"</th>
                        <th scope="col">"Thôn, TDP"</th>
                        <th scope="col">"Nhóm nội dung"</th>
                        <th scope="col">"Đối tượng"</th>
                        <th scope="col">"Người thu phiếu"</th>
                        <th scope="col">"Thời gian"</th>
                        <th scope="col">"Tình trạng"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.rows.into_iter().map(|row| opinion_row(row, selected, focused)).collect_view()}
                </tbody>
            </table>
            <nav class="pager" aria-label="Phân trang">
                {(current > 1).then(|| view! { <a href=link(current - 1) rel="prev">"← Trang trước"</a> })}
                {(current < pages).then(|| view! { <a href=link(current + 1) rel="next">"Trang sau →"</a> })}
            </nav>
        </div>
    }
    .into_any()
}

fn opinion_row(
    row: OpinionRow,
    selected: RwSignal<Vec<OpinionId>>,
    focused: RwSignal<Option<OpinionRow>>,
) -> impl IntoView {
    let id = row.id;
    let checked = move || selected.with(|s| s.contains(&id));
    let toggle = move |_| {
        selected.update(|s| {
            if let Some(i) = s.iter().position(|x| *x == id) {
                s.remove(i);
            } else {
                s.push(id);
            }
        })
    };
    let is_focused = move || focused.with(|f| f.as_ref().is_some_and(|f| f.id == id));
    let for_panel = row.clone();
    let state = row.state;
    let urgency = row
        .urgency
        .map(|u| view! { <span class=format!("tag urgency-{}", u.code())>{u.label()}</span> });
    let issue = row.issue_id.map(|issue| {
        view! {
            <a class="issue-link" href=format!("/van-de/{issue}")>
                "Vấn đề: " {row.issue_title.clone().unwrap_or_default()}
            </a>
        }
    });
    view! {
        <tr data-opinion=id.to_string() data-group=row.group.clone() class:focused=is_focused>
            <td>
                <input type="checkbox" aria-label="Chọn ý kiến" prop:checked=checked on:change=toggle/>
            </td>
            <td class="opinion-body">
                <button type="button" class="link-button" on:click=move |_| focused.set(Some(for_panel.clone()))>
                    {row.body.clone()}
                </button>
                {issue}
                {row.revised.then(|| view! { <span class="tag tag-bad">"Phiếu đã sửa sau khi gửi"</span> })}
            </td>
            <td>{row.group.clone()}</td>
            <td data-topic=row.topic_id.to_string()>{row.topic.clone()}</td>
            <td>{row.kind.map(|k| k.label()).unwrap_or("Tại hội nghị")}</td>
            <td>{row.collector.clone()}</td>
            <td class="nowrap">{format_datetime(row.received_at)}</td>
            <td>
                <span class=format!("tag state-{}", state.code()) data-state=state.code()>{state.label()}</span>
                {urgency}
            </td>
        </tr>
    }
}
