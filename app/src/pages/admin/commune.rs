//! `/quan-tri/xa/:id`: one commune's thôn / tổ dân phố, departments, topics and users.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::directory::{COMMUNE_KINDS, GROUP_KINDS, kind_label};
use crate::domain::ids::{CommuneId, DepartmentId, GroupId, TopicId};
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::admin::{
    CommuneAdmin, CommuneDraft, DepartmentRow, GroupRow, TopicRow, add_group, commune_setup,
    merge_groups, rename_group, save_department, save_topic, set_group_active, update_commune,
};

use super::run;
use super::users::UsersSection;

/// The commune's administration page.
#[component]
pub fn CommunePage() -> impl IntoView {
    let params = use_params_map();
    let commune_id = Memo::new(move |_| {
        params.with(|p| p.get_str("id").and_then(|s| s.parse::<CommuneId>().ok()))
    });
    let changed = RwSignal::new(0u32);
    let data = Resource::new(
        move || (commune_id.get(), changed.get()),
        |(id, _)| async move {
            match id {
                Some(id) => commune_setup(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Quản trị xã, phường — Dân Bàn"/>
        <p><a href="/">"← Đơn vị hành chính"</a></p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(admin) => page(admin, changed).into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn page(admin: CommuneAdmin, changed: RwSignal<u32>) -> impl IntoView {
    let commune = admin.id;
    view! {
        <h1>{admin.name.clone()}</h1>
        {rename_commune(commune, admin.name.clone(), changed)}
        {groups_section(commune, admin.groups.clone(), changed)}
        {departments_section(commune, admin.departments.clone(), changed)}
        {topics_section(commune, admin.topics.clone(), admin.departments.clone(), changed)}
        <RetentionSection commune=commune/>
        <UsersSection commune=commune groups=admin.groups departments=admin.departments/>
    }
}

fn rename_commune(commune: CommuneId, current: String, changed: RwSignal<u32>) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let name = RwSignal::new(current);
    let kind = RwSignal::new("xa".to_owned());
    let province = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CommuneDraft {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            province: province.get_untracked(),
        };
        run(
            outcome,
            changed,
            "Đã lưu thông tin xã, phường.",
            update_commune(commune, draft),
        );
    };
    view! {
        <details class="section">
            <summary>"Đổi tên, loại đơn vị, tỉnh"</summary>
            <form class="form inline-form" id="rename-commune" on:submit=save>
                {outcome_notice(outcome)}
                <label for="commune-new-name">"Tên"</label>
                <input id="commune-new-name" type="text" required maxlength="150"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="commune-new-kind">"Loại"</label>
                <select id="commune-new-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {COMMUNE_KINDS
                        .iter()
                        .map(|(code, label)| view! { <option value=*code>{*label}</option> })
                        .collect_view()}
                </select>
                <label for="commune-new-province">"Tỉnh, thành phố"</label>
                <input id="commune-new-province" type="text" required maxlength="150"
                    on:input=move |ev| province.set(event_target_value(&ev))/>
                <button type="submit" class="button">"Lưu"</button>
            </form>
        </details>
    }
}

/// How long residents' names, phones and households are kept after a campaign closes.
#[component]
fn RetentionSection(commune: CommuneId) -> impl IntoView {
    use crate::domain::personal_data::{MAX_RETENTION_DAYS, MIN_RETENTION_DAYS};
    use crate::server_fns::public::{retention_days, set_retention_days};

    let outcome = RwSignal::new(None::<Outcome>);
    let changed = RwSignal::new(0u32);
    let days = RwSignal::new(String::new());
    let current = Resource::new(move || changed.get(), move |_| retention_days(commune));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(value) = days.get_untracked().trim().parse::<i64>() else {
            outcome.set(Some(Outcome::Failed("Vui lòng nhập số ngày.".into())));
            return;
        };
        run(
            outcome,
            changed,
            "Đã lưu thời hạn lưu dữ liệu cá nhân.",
            set_retention_days(commune, value),
        );
    };
    view! {
        <section class="section" id="luu-tru">
            <h2>"Dữ liệu cá nhân của người dân"</h2>
            <p>
                "Họ tên, số điện thoại, địa chỉ trên phiếu được xóa khi đợt đối thoại đã kết thúc "
                "quá thời hạn dưới đây; số liệu, nội dung ý kiến và nhật ký thay đổi được giữ lại."
            </p>
            {outcome_notice(outcome)}
            <form class="form inline-form" id="retention" on:submit=save>
                <label for="retention-days">"Thời hạn lưu (ngày)"</label>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        let value = current.await.map(|d| d.to_string()).unwrap_or_default();
                        days.set(value.clone());
                        view! {
                            <input id="retention-days" type="number" required
                                min=MIN_RETENTION_DAYS max=MAX_RETENTION_DAYS value=value
                                on:input=move |ev| days.set(event_target_value(&ev))/>
                        }
                    })}
                </Transition>
                <button type="submit" class="button">"Lưu"</button>
            </form>
        </section>
    }
}

fn kind_select(value: RwSignal<String>, id: &'static str) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
            {GROUP_KINDS
                .iter()
                .map(|(code, label)| view! {
                    <option value=*code selected=move || value.get() == *code>{*label}</option>
                })
                .collect_view()}
        </select>
    }
}

fn groups_section(
    commune: CommuneId,
    groups: Vec<GroupRow>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("thon".to_owned());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(
            outcome,
            changed,
            "Đã thêm thôn, tổ dân phố.",
            add_group(commune, name.get_untracked(), kind.get_untracked()),
        );
    };
    let active: Vec<GroupRow> = groups.iter().filter(|g| g.active).cloned().collect();
    let merge_from = RwSignal::new(None::<GroupId>);
    let merge_into = RwSignal::new(None::<GroupId>);
    let merge = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let (Some(from), Some(into)) = (merge_from.get_untracked(), merge_into.get_untracked()) {
            run(
                outcome,
                changed,
                "Đã sáp nhập thôn, tổ dân phố.",
                merge_groups(commune, from, into),
            );
        } else {
            outcome.set(Some(Outcome::Failed(
                "Hãy chọn hai thôn, tổ dân phố.".into(),
            )));
        }
    };
    let group_options = move |target: RwSignal<Option<GroupId>>, id: &'static str| {
        let options = active
            .iter()
            .map(|g| view! { <option value=g.id.to_string()>{g.name.clone()}</option> })
            .collect_view();
        view! {
            <select id=id on:change=move |ev| target.set(event_target_value(&ev).parse().ok())>
                <option value="">"— chọn —"</option>
                {options}
            </select>
        }
    };
    let rows = groups
        .into_iter()
        .map(|g| group_row(commune, g, outcome, changed))
        .collect_view();
    view! {
        <section class="section" id="thon-to">
            <h2>"Thôn, tổ dân phố"</h2>
            {outcome_notice(outcome)}
            <table class="data" id="group-list">
                <thead>
                    <tr>
                        <th scope="col">"Tên"</th>
                        <th scope="col">"Loại"</th>
                        <th scope="col">"Phiếu đã thu"</th>
                        <th scope="col">"Trạng thái"</th>
                        <th scope="col">"Thao tác"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <form class="form inline-form" id="new-group" on:submit=add>
                <h3>"Thêm thôn, tổ dân phố"</h3>
                <label for="group-name">"Tên"</label>
                <input id="group-name" type="text" required maxlength="150"
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="group-kind">"Loại"</label>
                {kind_select(kind, "group-kind")}
                <button type="submit" class="button">"Thêm"</button>
            </form>
            <form class="form inline-form" id="merge-groups" on:submit=merge>
                <h3>"Sáp nhập (sau khi sắp xếp lại thôn, tổ dân phố)"</h3>
                <p class="hint">"Người thu phiếu và các đợt đang lập kế hoạch hoặc đang thu phiếu chuyển sang đơn vị còn lại; phiếu và ý kiến đã thu vẫn giữ tên cũ."</p>
                <label for="merge-from">"Sáp nhập"</label>
                {group_options(merge_from, "merge-from")}
                <label for="merge-into">"vào"</label>
                {group_options(merge_into, "merge-into")}
                <button type="submit" class="button-secondary">"Sáp nhập"</button>
            </form>
        </section>
    }
}

fn group_row(
    commune: CommuneId,
    g: GroupRow,
    outcome: RwSignal<Option<Outcome>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let id = g.id;
    let name = RwSignal::new(g.name.clone());
    let kind = RwSignal::new(g.kind.clone());
    let editing = RwSignal::new(false);
    let active = g.active;
    let status = match (&g.merged_into, g.active) {
        (Some(into), _) => format!("Đã sáp nhập vào {into}"),
        (None, true) => "Đang hoạt động".to_owned(),
        (None, false) => "Ngừng hoạt động".to_owned(),
    };
    let save = move |_| {
        editing.set(false);
        run(
            outcome,
            changed,
            "Đã đổi tên.",
            rename_group(commune, id, name.get_untracked(), kind.get_untracked()),
        );
    };
    let toggle = move |_| {
        let (done, call) = if active {
            (
                "Đã ngừng hoạt động thôn, tổ dân phố.",
                set_group_active(commune, id, false),
            )
        } else {
            ("Đã cho hoạt động lại.", set_group_active(commune, id, true))
        };
        run(outcome, changed, done, call);
    };
    let kind_text = kind_label(&GROUP_KINDS, &g.kind);
    let merged = g.merged_into.is_some();
    view! {
        <tr data-group=id.to_string() class:inactive=!active>
            <th scope="row">
                {move || if editing.get() {
                    view! {
                        <input type="text" class="rename" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                        {kind_select(kind, "rename-kind")}
                        <button type="button" class="link-button" on:click=save>"Lưu"</button>
                    }.into_any()
                } else {
                    view! { {name.get()} }.into_any()
                }}
            </th>
            <td>{kind_text}</td>
            <td class="num">{g.forms}</td>
            <td>{status}</td>
            <td>
                <button type="button" class="link-button" on:click=move |_| editing.set(true)>"Đổi tên"</button>
                {(!merged).then(|| view! {
                    <button type="button" class="link-button" data-action="toggle" on:click=toggle>
                        {if active { "Ngừng hoạt động" } else { "Hoạt động lại" }}
                    </button>
                })}
            </td>
        </tr>
    }
}

fn departments_section(
    commune: CommuneId,
    departments: Vec<DepartmentRow>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let name = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(
            outcome,
            changed,
            "Đã thêm cơ quan, đơn vị.",
            save_department(commune, None, name.get_untracked()),
        );
    };
    let rows = departments
        .into_iter()
        .map(|d| {
            let id: DepartmentId = d.id;
            let name = RwSignal::new(d.name.clone());
            let rename = move |_| {
                run(outcome, changed, "Đã đổi tên.", save_department(commune, Some(id), name.get_untracked()));
            };
            view! {
                <li data-department=id.to_string()>
                    <input type="text" aria-label="Tên cơ quan, đơn vị" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    <button type="button" class="link-button" on:click=rename>"Lưu tên"</button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="co-quan">
            <h2>"Cơ quan, đơn vị trả lời"</h2>
            {outcome_notice(outcome)}
            <ul class="plain-list" id="department-list">{rows}</ul>
            <form class="form inline-form" id="new-department" on:submit=add>
                <label for="department-name">"Thêm cơ quan, đơn vị"</label>
                <input id="department-name" type="text" required maxlength="150"
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="button">"Thêm"</button>
            </form>
        </section>
    }
}

fn department_select(
    departments: &[DepartmentRow],
    value: RwSignal<Option<DepartmentId>>,
    id: String,
) -> impl IntoView {
    let options = departments
        .iter()
        .map(|d| {
            let did = d.id;
            view! { <option value=did.to_string() selected=move || value.get() == Some(did)>{d.name.clone()}</option> }
        })
        .collect_view();
    view! {
        <select id=id aria-label="Cơ quan trả lời mặc định" on:change=move |ev| value.set(event_target_value(&ev).parse().ok())>
            <option value="">"— chưa chọn —"</option>
            {options}
        </select>
    }
}

fn topics_section(
    commune: CommuneId,
    topics: Vec<TopicRow>,
    departments: Vec<DepartmentRow>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let name = RwSignal::new(String::new());
    let department = RwSignal::new(None::<DepartmentId>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(
            outcome,
            changed,
            "Đã thêm nhóm nội dung.",
            save_topic(
                commune,
                None,
                name.get_untracked(),
                department.get_untracked(),
            ),
        );
    };
    let rows = topics
        .into_iter()
        .map(|t| {
            let id: TopicId = t.id;
            let name = RwSignal::new(t.name.clone());
            let department = RwSignal::new(t.default_department_id);
            let save = move |_| {
                run(
                    outcome,
                    changed,
                    "Đã lưu nhóm nội dung.",
                    save_topic(
                        commune,
                        Some(id),
                        name.get_untracked(),
                        department.get_untracked(),
                    ),
                );
            };
            view! {
                <li data-topic=id.to_string()>
                    <input type="text" aria-label="Tên nhóm nội dung" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    {department_select(&departments, department, format!("topic-department-{id}"))}
                    <button type="button" class="link-button" on:click=save>"Lưu"</button>
                </li>
            }
        })
        .collect_view();
    let new_select = department_select(&departments, department, "topic-department".into());
    view! {
        <section class="section" id="nhom-noi-dung">
            <h2>"Nhóm nội dung và cơ quan trả lời mặc định"</h2>
            {outcome_notice(outcome)}
            <ul class="plain-list" id="topic-list">{rows}</ul>
            <form class="form inline-form" id="new-topic" on:submit=add>
                <label for="topic-name">"Thêm nhóm nội dung"</label>
                <input id="topic-name" type="text" required maxlength="150"
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                {new_select}
                <button type="submit" class="button">"Thêm"</button>
            </form>
        </section>
    }
}
