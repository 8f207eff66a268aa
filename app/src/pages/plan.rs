//! Campaign planning: the list of campaigns with their stage, and the plan of one campaign with
//! the buttons that move it through the cycle (`/ke-hoach`, `/ke-hoach/moi`, `/ke-hoach/:dot`).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::campaign::{CampaignKind, CampaignStage, DeadlineRules, collection_over};
use crate::domain::format_date;
use crate::domain::ids::{CampaignId, GroupId, TopicId, UserId};
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::plan::{
    CampaignPlan, Choice, PlanCard, PlanSheet, move_stage, plan_form, plan_list, save_plan,
};

/// `/ke-hoach`: every campaign of the commune.
#[component]
pub fn PlanListPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| plan_list());
    view! {
        <Title text="Kế hoạch đối thoại — Dân Bàn"/>
        <section class="section" id="ke-hoach">
            <h1>"Kế hoạch tiếp xúc, đối thoại"</h1>
            <p class="desk-links">
                <a class="button" href="/ke-hoach/moi" id="new-campaign">"Lập kế hoạch mới"</a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(cards) if cards.is_empty() => {
                            view! { <Empty message="Chưa có đợt đối thoại nào."/> }.into_any()
                        }
                        Ok(cards) => view! {
                            <table class="data" id="plan-list">
                                <thead>
                                    <tr>
                                        <th scope="col">"Đợt đối thoại"</th>
                                        <th scope="col">"Hình thức"</th>
                                        <th scope="col">"Giai đoạn"</th>
                                        <th scope="col">"Hạn thu phiếu"</th>
                                        <th scope="col">"Ngày hội nghị"</th>
                                    </tr>
                                </thead>
                                <tbody>{cards.into_iter().map(card_row).collect_view()}</tbody>
                            </table>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn date_or_dash(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "—".to_owned(), format_date)
}

fn card_row(card: PlanCard) -> impl IntoView {
    view! {
        <tr data-campaign=card.id.to_string()>
            <th scope="row"><a href=format!("/ke-hoach/{}", card.id)>{card.title}</a></th>
            <td>{card.kind.label()}</td>
            <td data-stage=card.stage.code()>{card.stage.label()}</td>
            <td>{date_or_dash(card.collection_deadline)}</td>
            <td>{date_or_dash(card.conference_date)}</td>
        </tr>
    }
}

/// `/ke-hoach/moi` and `/ke-hoach/:dot`: the plan form and the stage buttons.
#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let campaign_id = Memo::new(move |_| {
        params.with(|p| p.get_str("dot").and_then(|s| s.parse::<CampaignId>().ok()))
    });
    let version = RwSignal::new(0u32);
    let sheet = Resource::new(
        move || (campaign_id.get(), version.get()),
        |(id, _)| plan_form(id),
    );
    view! {
        <Title text="Kế hoạch đối thoại — Dân Bàn"/>
        <p><a href="/ke-hoach">"← Danh sách đợt đối thoại"</a></p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match sheet.await {
                    Ok(sheet) => plan_editor(sheet, version).into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn new_plan() -> CampaignPlan {
    CampaignPlan {
        title: String::new(),
        kind: CampaignKind::Periodic,
        chair_ids: Vec::new(),
        group_ids: Vec::new(),
        whole_commune: true,
        topic_ids: Vec::new(),
        collection_deadline: None,
        answers_deadline: None,
        report_deadline: None,
        conference_date: None,
        conference_place: String::new(),
        rules: DeadlineRules::default(),
    }
}

/// A set of checkboxes bound to a list of ids.
fn checkboxes<I>(
    name: &'static str,
    choices: Vec<Choice<I>>,
    chosen: RwSignal<Vec<I>>,
    disabled: Signal<bool>,
) -> impl IntoView
where
    I: Copy + PartialEq + std::fmt::Display + Send + Sync + 'static,
{
    let boxes = choices
        .into_iter()
        .map(|c| {
            let id = c.id;
            let checked = move || chosen.with(|v| v.contains(&id));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                chosen.update(|v| {
                    v.retain(|x| *x != id);
                    if on {
                        v.push(id);
                    }
                });
            };
            view! {
                <label class="check">
                    <input type="checkbox" name=name value=id.to_string()
                        prop:checked=checked on:change=toggle disabled=disabled/>
                    {c.name}
                </label>
            }
        })
        .collect_view();
    view! { <div class="checks" data-field=name>{boxes}</div> }
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

fn date_input(
    id: &'static str,
    label: &'static str,
    value: RwSignal<Option<NaiveDate>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input type="date" id=id
            prop:value=move || value.get().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
            on:change=move |ev| value.set(parse_date(&event_target_value(&ev)))
            disabled=disabled/>
    }
}

fn number_input(
    id: &'static str,
    label: &'static str,
    value: RwSignal<u32>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input type="number" id=id min="1" max="60" inputmode="numeric"
            prop:value=move || value.get().to_string()
            on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                    value.set(n);
                }
            }
            disabled=disabled/>
    }
}

fn plan_editor(sheet: PlanSheet, version: RwSignal<u32>) -> impl IntoView {
    let PlanSheet {
        choices,
        campaign,
        can_edit,
        notice_due,
    } = sheet;
    let campaign_id = campaign.as_ref().map(|c| c.id);
    let stage = campaign.as_ref().map(|c| c.stage);
    let plan = campaign.map(|c| c.plan).unwrap_or_else(new_plan);
    let outcome = RwSignal::new(None::<Outcome>);
    let locked = stage == Some(CampaignStage::Closed) || !can_edit;
    let disabled = Signal::derive(move || locked);

    let title = RwSignal::new(plan.title.clone());
    let kind = RwSignal::new(plan.kind);
    let chairs = RwSignal::new(plan.chair_ids.clone());
    let whole = RwSignal::new(plan.whole_commune);
    let groups = RwSignal::new(plan.group_ids.clone());
    let topics = RwSignal::new(if campaign_id.is_none() {
        choices
            .topics
            .iter()
            .map(|t| t.id)
            .collect::<Vec<TopicId>>()
    } else {
        plan.topic_ids.clone()
    });
    let collection = RwSignal::new(plan.collection_deadline);
    let answers = RwSignal::new(plan.answers_deadline);
    let report = RwSignal::new(plan.report_deadline);
    let conference = RwSignal::new(plan.conference_date);
    let place = RwSignal::new(plan.conference_place.clone());
    let conclusion_days = RwSignal::new(plan.rules.conclusion_days);
    let conclusion_max = RwSignal::new(plan.rules.conclusion_max_days);
    let report_back = RwSignal::new(plan.rules.report_back_days);

    // `use_navigate` needs the router's context: taken while the component runs, not after an
    // await.
    let navigate = leptos_router::hooks::use_navigate();
    let save = move |_| {
        let navigate = navigate.clone();
        let plan = CampaignPlan {
            title: title.get_untracked(),
            kind: kind.get_untracked(),
            chair_ids: chairs.get_untracked(),
            group_ids: groups.get_untracked(),
            whole_commune: whole.get_untracked(),
            topic_ids: topics.get_untracked(),
            collection_deadline: collection.get_untracked(),
            answers_deadline: answers.get_untracked(),
            report_deadline: report.get_untracked(),
            conference_date: conference.get_untracked(),
            conference_place: place.get_untracked(),
            rules: DeadlineRules {
                conclusion_days: conclusion_days.get_untracked(),
                conclusion_max_days: conclusion_max.get_untracked(),
                report_back_days: report_back.get_untracked(),
            },
        };
        spawn_local(async move {
            match save_plan(campaign_id, plan).await {
                Ok(id) if campaign_id.is_none() => {
                    navigate(&format!("/ke-hoach/{id}"), Default::default());
                }
                Ok(_) => {
                    outcome.set(Some(Outcome::Done("Đã lưu kế hoạch.".into())));
                    version.update(|v| *v += 1);
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    let chair_choices = choices.chairs.clone();
    let group_choices = choices.groups.clone();
    let topic_choices = choices.topics.clone();
    let no_chairs = chair_choices.is_empty();
    let heading = if campaign_id.is_some() {
        "Kế hoạch đợt đối thoại"
    } else {
        "Lập kế hoạch đợt đối thoại mới"
    };

    view! {
        <h1>{heading}</h1>
        {stage.zip(campaign_id).map(|(stage, id)| stage_panel(id, stage, collection.get_untracked(), can_edit, version))}
        <section class="section card" id="plan-form">
            {outcome_notice(outcome)}
            <div class="form">
                <label for="plan-title">"Tên đợt đối thoại"</label>
                <input id="plan-title" type="text" maxlength="300" required
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                    disabled=disabled/>
                <label for="plan-kind">"Hình thức"</label>
                <select id="plan-kind" disabled=disabled
                    on:change=move |ev| {
                        if let Some(k) = CampaignKind::parse(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }>
                    {CampaignKind::ALL
                        .into_iter()
                        .map(|k| view! {
                            <option value=k.code() selected=move || kind.get() == k>{k.label()}</option>
                        })
                        .collect_view()}
                </select>
                <fieldset>
                    <legend>"Người chủ trì"</legend>
                    {no_chairs.then(|| view! {
                        <p class="hint">"Xã, phường chưa có tài khoản Chủ tịch / người chủ trì."</p>
                    })}
                    {checkboxes::<UserId>("chairs", chair_choices, chairs, disabled)}
                </fieldset>
                <fieldset>
                    <legend>"Thôn, tổ dân phố tham gia"</legend>
                    <label class="check">
                        <input type="checkbox" id="plan-whole" prop:checked=move || whole.get()
                            on:change=move |ev| whole.set(event_target_checked(&ev))
                            disabled=disabled/>
                        "Toàn xã, phường (mọi thôn, tổ dân phố đang hoạt động)"
                    </label>
                    <div class:hidden=move || whole.get()>
                        {checkboxes::<GroupId>("groups", group_choices, groups, disabled)}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"Nhóm nội dung"</legend>
                    {checkboxes::<TopicId>("topics", topic_choices, topics, disabled)}
                </fieldset>
                <fieldset>
                    <legend>"Mốc thời gian"</legend>
                    {date_input("plan-collection", "Hạn thu phiếu", collection, disabled)}
                    {date_input("plan-answers", "Hạn trả lời của các cơ quan", answers, disabled)}
                    {date_input("plan-report", "Hạn báo cáo tổng hợp", report, disabled)}
                    {date_input("plan-conference", "Ngày hội nghị đối thoại", conference, disabled)}
                    <label for="plan-place">"Địa điểm hội nghị"</label>
                    <input id="plan-place" type="text" maxlength="300"
                        prop:value=move || place.get()
                        on:input=move |ev| place.set(event_target_value(&ev))
                        disabled=disabled/>
                </fieldset>
                <fieldset>
                    <legend>"Thời hạn theo ngày làm việc"</legend>
                    {notice_due.map(|due| view! {
                        <p class="notice" id="notice-due">
                            "Thông báo kết luận phải ban hành chậm nhất ngày "
                            <strong>{format_date(due.ordinary)}</strong>
                            " (vụ việc phức tạp: " {format_date(due.complex)}
                            "), tính theo lịch ngày nghỉ lễ, Tết; các cơ quan được giao báo cáo kết quả trong "
                            {plan.rules.report_back_days}
                            " ngày làm việc kể từ ngày thông báo thực sự được ban hành."
                        </p>
                    })}
                    {number_input("plan-conclusion", "Ban hành thông báo kết luận sau hội nghị", conclusion_days, disabled)}
                    {number_input("plan-conclusion-max", "Tối đa (vụ việc phức tạp)", conclusion_max, disabled)}
                    {number_input("plan-report-back", "Cơ quan được giao báo cáo kết quả sau thông báo", report_back, disabled)}
                </fieldset>
                {(!locked).then(|| view! {
                    <button type="button" class="button" id="plan-save" on:click=save>"Lưu kế hoạch"</button>
                })}
            </div>
        </section>
    }
}

/// The campaign's stage and the buttons that move it.
fn stage_panel(
    campaign_id: CampaignId,
    stage: CampaignStage,
    collection_deadline: Option<NaiveDate>,
    can_edit: bool,
    version: RwSignal<u32>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let go = move |to: CampaignStage| {
        spawn_local(async move {
            match move_stage(campaign_id, stage, to).await {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    let today = crate::domain::today_in_vietnam(chrono::Utc::now());
    let expired = stage == CampaignStage::Collecting && collection_over(collection_deadline, today);
    let buttons = can_edit.then(|| {
        stage
            .moves()
            .iter()
            .map(|to| {
                let to = *to;
                view! {
                    <button type="button" class="button" data-move=to.code() on:click=move |_| go(to)>
                        {to.move_label(stage)}
                    </button>
                }
            })
            .collect_view()
    });
    view! {
        <section class="section card" id="plan-stage">
            <h2>"Giai đoạn"</h2>
            <ol class="stages">
                {CampaignStage::ALL
                    .into_iter()
                    .map(|s| view! {
                        <li class:current=s == stage data-stage=s.code()>{s.label()}</li>
                    })
                    .collect_view()}
            </ol>
            {expired.then(|| view! {
                <p class="notice" role="status">
                    "Đã quá hạn thu phiếu: phiếu điền sau hạn không được nhận. Hãy kết thúc thu phiếu."
                </p>
            })}
            {outcome_notice(outcome)}
            <p class="desk-links">{buttons}</p>
            {(stage != CampaignStage::Planning).then(|| view! {
                <p class="desk-links">
                    <a class="button-secondary" href=format!("/ban/{campaign_id}")>"Mở bàn xử lý ý kiến"</a>
                    <a class="button-secondary" href=format!("/ban/{campaign_id}/phat-bieu")>"Đăng ký phát biểu"</a>
                    {matches!(
                        stage,
                        CampaignStage::Conference
                            | CampaignStage::Concluded
                            | CampaignStage::FollowingUp
                            | CampaignStage::Closed
                    )
                    .then(|| view! {
                        <a class="button-secondary" href=format!("/ban/{campaign_id}/hoi-nghi")>"Biên bản hội nghị"</a>
                        <a class="button-secondary" href=format!("/ban/{campaign_id}/ket-luan")>"Thông báo kết luận"</a>
                        <a class="button-secondary" href=format!("/ban/{campaign_id}/cong-khai")>"Công khai kết quả"</a>
                    })}
                    {(stage == CampaignStage::Collecting).then(|| view! {
                        <a class="button-secondary" href="/thu-phieu">"Nhập phiếu giấy"</a>
                    })}
                </p>
            })}
        </section>
    }
}
