//! The users of one commune: filter, create with a role and scope, change, lock, reset.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::ids::{CommuneId, DepartmentId, GroupId, UserId};
use crate::domain::role::Role;
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::admin::{
    DepartmentRow, GroupRow, OneTimePassword, UserDraft, UserFilter, UserRow, create_user,
    list_users, reset_password, set_user_active, update_user,
};

use super::run;

/// Roles a commune's user may have (administrators are made on the command line).
const COMMUNE_ROLES: [Role; 5] = [
    Role::WardStaff,
    Role::DepartmentOfficer,
    Role::Chair,
    Role::Supervisor,
    Role::Collector,
];

/// Users with filters, and the form for a new one.
#[component]
pub fn UsersSection(
    commune: CommuneId,
    groups: Vec<GroupRow>,
    departments: Vec<DepartmentRow>,
) -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let role_filter = RwSignal::new(None::<Role>);
    let active_filter = RwSignal::new(None::<bool>);
    let text = RwSignal::new(String::new());
    let users = Resource::new(
        move || {
            (
                changed.get(),
                role_filter.get(),
                active_filter.get(),
                text.get(),
            )
        },
        move |(_, role, active, text)| list_users(Some(commune), UserFilter { role, active, text }),
    );
    let outcome = RwSignal::new(None::<Outcome>);
    let issued = RwSignal::new(None::<OneTimePassword>);
    let groups = StoredValue::new(groups.into_iter().filter(|g| g.active).collect::<Vec<_>>());
    let departments = StoredValue::new(departments);
    view! {
        <section class="section" id="nguoi-dung">
            <h2>"Người dùng"</h2>
            <div class="filters" id="user-filters">
                <label>"Vai trò"
                    <select id="user-role-filter" on:change=move |ev| role_filter.set(Role::parse(&event_target_value(&ev)))>
                        <option value="">"Tất cả"</option>
                        {COMMUNE_ROLES.into_iter().map(|r| view! { <option value=r.code()>{r.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Trạng thái"
                    <select id="user-active-filter" on:change=move |ev| active_filter.set(match event_target_value(&ev).as_str() {
                        "1" => Some(true),
                        "0" => Some(false),
                        _ => None,
                    })>
                        <option value="">"Tất cả"</option>
                        <option value="1">"Đang hoạt động"</option>
                        <option value="0">"Đã khóa"</option>
                    </select>
                </label>
                <label>"Tìm"
                    <input id="user-text-filter" type="search" placeholder="Tên, tên đăng nhập"
                        on:change=move |ev| text.set(event_target_value(&ev))/>
                </label>
            </div>
            {outcome_notice(outcome)}
            {move || issued.get().map(|p| view! {
                <p class="notice notice-ok" role="status" id="one-time-password">
                    "Mật khẩu dùng một lần của " <strong>{p.username}</strong> ": "
                    <code>{p.password}</code>
                    ". Hãy trao trực tiếp cho người dùng; hệ thống sẽ yêu cầu đổi khi đăng nhập lần đầu."
                </p>
            })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) if list.is_empty() => view! { <Empty message="Không có người dùng nào."/> }.into_any(),
                        Ok(list) => view! {
                            <table class="data" id="user-list">
                                <thead>
                                    <tr>
                                        <th scope="col">"Họ và tên"</th>
                                        <th scope="col">"Tên đăng nhập"</th>
                                        <th scope="col">"Vai trò"</th>
                                        <th scope="col">"Phụ trách"</th>
                                        <th scope="col">"Trạng thái"</th>
                                        <th scope="col">"Thao tác"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|u| user_row(commune, u, groups, departments, outcome, issued, changed)).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
            {user_form(commune, None, groups, departments, outcome, issued, changed)}
        </section>
    }
}

fn scope_text(
    u: &UserRow,
    groups: StoredValue<Vec<GroupRow>>,
    departments: StoredValue<Vec<DepartmentRow>>,
) -> String {
    match u.role {
        Role::DepartmentOfficer => departments.with_value(|ds| {
            ds.iter()
                .find(|d| Some(d.id) == u.department_id)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        }),
        Role::Collector => groups.with_value(|gs| {
            gs.iter()
                .filter(|g| u.group_ids.contains(&g.id))
                .map(|g| g.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        _ => String::new(),
    }
}

fn user_row(
    commune: CommuneId,
    u: UserRow,
    groups: StoredValue<Vec<GroupRow>>,
    departments: StoredValue<Vec<DepartmentRow>>,
    outcome: RwSignal<Option<Outcome>>,
    issued: RwSignal<Option<OneTimePassword>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let id = u.id;
    let active = u.active;
    let editing = RwSignal::new(false);
    let scope = scope_text(&u, groups, departments);
    let status = match (u.active, u.must_change_password) {
        (false, _) => "Đã khóa",
        (true, true) => "Chờ đổi mật khẩu",
        (true, false) => "Đang hoạt động",
    };
    let toggle = move |_| {
        let (done, call) = if active {
            (
                "Đã khóa tài khoản; các phiên đăng nhập đã kết thúc.",
                set_user_active(id, false),
            )
        } else {
            ("Đã mở khóa tài khoản.", set_user_active(id, true))
        };
        run(outcome, changed, done, call);
    };
    let reset = move |_| {
        spawn_local(async move {
            match reset_password(id).await {
                Ok(p) => {
                    issued.set(Some(p));
                    outcome.set(Some(Outcome::Done("Đã cấp lại mật khẩu.".into())));
                    changed.update(|v| *v += 1);
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
            }
        });
    };
    let existing = u.clone();
    view! {
        <tr data-user=u.username.clone() class:inactive=!active>
            <th scope="row">{u.full_name.clone()}</th>
            <td>{u.username.clone()}</td>
            <td>{u.role.label()}</td>
            <td>{scope}</td>
            <td data-status>{status}</td>
            <td>
                <button type="button" class="link-button" on:click=move |_| editing.update(|e| *e = !*e)>"Sửa"</button>
                <button type="button" class="link-button" data-action="toggle" on:click=toggle>
                    {if active { "Khóa" } else { "Mở khóa" }}
                </button>
                <button type="button" class="link-button" data-action="reset" on:click=reset>"Cấp lại mật khẩu"</button>
            </td>
        </tr>
        {move || editing.get().then(|| view! {
            <tr><td colspan="6">
                {user_form(commune, Some(existing.clone()), groups, departments, outcome, issued, changed)}
            </td></tr>
        })}
    }
}

fn user_form(
    commune: CommuneId,
    existing: Option<UserRow>,
    groups: StoredValue<Vec<GroupRow>>,
    departments: StoredValue<Vec<DepartmentRow>>,
    outcome: RwSignal<Option<Outcome>>,
    issued: RwSignal<Option<OneTimePassword>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let editing = existing.as_ref().map(|u| u.id);
    let form_id = editing.map_or_else(|| "new-user".to_owned(), |id| format!("edit-{id}"));
    let username = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.username.clone())
            .unwrap_or_default(),
    );
    let full_name = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.full_name.clone())
            .unwrap_or_default(),
    );
    let role = RwSignal::new(existing.as_ref().map_or(Role::Collector, |u| u.role));
    let department = RwSignal::new(existing.as_ref().and_then(|u| u.department_id));
    let chosen = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.group_ids.clone())
            .unwrap_or_default(),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = UserDraft {
            username: username.get_untracked(),
            full_name: full_name.get_untracked(),
            role: role.get_untracked(),
            department_id: department.get_untracked(),
            group_ids: chosen.get_untracked(),
        };
        match editing {
            Some(id) => run(
                outcome,
                changed,
                "Đã lưu người dùng.",
                update_user(commune, id, draft),
            ),
            None => spawn_local(async move {
                match create_user(commune, draft).await {
                    Ok(p) => {
                        issued.set(Some(p));
                        outcome.set(Some(Outcome::Done("Đã tạo người dùng.".into())));
                        changed.update(|v| *v += 1);
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e.to_string()))),
                }
            }),
        }
    };
    let group_boxes = groups.with_value(|gs| {
        gs.iter()
            .map(|g| {
                let gid: GroupId = g.id;
                view! {
                    <label class="check">
                        <input type="checkbox" name="user-groups" value=gid.to_string()
                            prop:checked=move || chosen.with(|c| c.contains(&gid))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| *x != gid);
                                    if on { c.push(gid); }
                                });
                            }/>
                        {g.name.clone()}
                    </label>
                }
            })
            .collect_view()
    });
    let department_options = departments.with_value(|ds| {
        ds.iter()
            .map(|d| {
                let did: DepartmentId = d.id;
                view! { <option value=did.to_string() selected=move || department.get() == Some(did)>{d.name.clone()}</option> }
            })
            .collect_view()
    });
    let _: Option<UserId> = editing;
    view! {
        <form class="form inline-form user-form" id=form_id on:submit=submit>
            <h3>{if editing.is_some() { "Sửa người dùng" } else { "Thêm người dùng" }}</h3>
            {editing.is_none().then(|| view! {
                <label for="user-username">"Tên đăng nhập"</label>
                <input id="user-username" name="username" type="text" required autocapitalize="none"
                    pattern="[a-z0-9._\\-]{3,32}" title="3–32 ký tự a–z, 0–9, dấu chấm, gạch dưới, gạch ngang"
                    on:input=move |ev| username.set(event_target_value(&ev))/>
            })}
            <label>"Họ và tên"
                <input name="full_name" type="text" required maxlength="150" prop:value=move || full_name.get()
                    on:input=move |ev| full_name.set(event_target_value(&ev))/>
            </label>
            <label>"Vai trò"
                <select name="role" on:change=move |ev| {
                    if let Some(r) = Role::parse(&event_target_value(&ev)) { role.set(r); }
                }>
                    {COMMUNE_ROLES.into_iter().map(|r| view! {
                        <option value=r.code() selected=move || role.get() == r>{r.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class:hidden=move || role.get() != Role::DepartmentOfficer>
                <label>"Cơ quan, đơn vị"
                    <select name="department" on:change=move |ev| department.set(event_target_value(&ev).parse().ok())>
                        <option value="">"— chọn —"</option>
                        {department_options}
                    </select>
                </label>
            </div>
            <fieldset class:hidden=move || role.get() != Role::Collector>
                <legend>"Thôn, tổ dân phố phụ trách"</legend>
                <div class="checks">{group_boxes}</div>
            </fieldset>
            <button type="submit" class="button">{if editing.is_some() { "Lưu" } else { "Tạo tài khoản" }}</button>
        </form>
    }
}
