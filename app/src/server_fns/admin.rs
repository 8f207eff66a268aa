//! Administration: communes, their groups, departments and topics, users, the holiday
//! calendar and the audit log. Only the administrator reaches these; every change is audited.

use chrono::NaiveDate;
use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::holidays::CalendarDay;
use crate::domain::ids::{CommuneId, DepartmentId, GroupId, TopicId, UserId};
use crate::error::AppError;

pub use crate::api::admin::*;

#[cfg(feature = "ssr")]
mod guarded {
    use crate::domain::access;
    use crate::domain::ids::CommuneId;
    use crate::domain::viewer::Viewer;
    use crate::error::AppError;
    use crate::ssr::guard::Caller;

    /// The administrator, or the refusal.
    pub async fn admin() -> Result<(Caller, Viewer), AppError> {
        let caller = Caller::from_context()?;
        let viewer = caller.require(access::ADMINISTER).await?;
        Ok((caller, viewer))
    }

    /// The commune's name, or 404 when there is no such commune.
    pub async fn commune_name(caller: &Caller, commune_id: CommuneId) -> Result<String, AppError> {
        caller
            .store
            .commune_name(commune_id)
            .await
            .map_err(|e| caller.internal("reading a commune", e))?
            .ok_or_else(|| caller.fail(AppError::NotFound))
    }

    /// The commune's groups, departments and topics, or 404.
    pub async fn commune_admin(
        caller: &Caller,
        commune_id: CommuneId,
    ) -> Result<crate::api::admin::CommuneAdmin, AppError> {
        let name = commune_name(caller, commune_id).await?;
        let store = &caller.store;
        Ok(crate::api::admin::CommuneAdmin {
            id: commune_id,
            name,
            groups: store
                .groups(commune_id)
                .await
                .map_err(|e| caller.internal("listing groups", e))?,
            departments: store
                .departments(commune_id)
                .await
                .map_err(|e| caller.internal("listing departments", e))?,
            topics: store
                .topics(commune_id)
                .await
                .map_err(|e| caller.internal("listing topics", e))?,
        })
    }

    /// Writes new records; a taken name or username is the 422 `taken`.
    pub async fn import(
        caller: &Caller,
        batch: &crate::ports::import::ImportBatch,
        taken: &str,
        context: &str,
    ) -> Result<(), AppError> {
        match caller.store.import(batch).await {
            Ok(()) => Ok(()),
            Err(crate::ports::StoreError::Conflict(_)) => Err(invalid(caller, taken)),
            Err(e) => Err(caller.internal(context, e)),
        }
    }

    /// A one-time password and its hash.
    pub async fn one_time_password(caller: &Caller) -> Result<(String, String), AppError> {
        use crate::ssr::password::hash_password_off_runtime;
        let password = crate::ssr::password::one_time_password().map_err(|e| {
            tracing::error!(%e, "no randomness for a password");
            caller.fail(AppError::Internal)
        })?;
        let hash = hash_password_off_runtime(&password).await.map_err(|e| {
            tracing::error!(%e, "hashing a password");
            caller.fail(AppError::Internal)
        })?;
        Ok((password, hash))
    }

    /// A refusal message as a 422.
    pub fn invalid(caller: &Caller, message: impl Into<String>) -> AppError {
        caller.fail(AppError::Invalid(message.into()))
    }
}

/// Every commune, for the administrator.
#[server(endpoint = "admin/communes")]
pub async fn communes() -> Result<Vec<CommuneSummary>, AppError> {
    let (caller, _) = guarded::admin().await?;
    caller
        .store
        .commune_summaries()
        .await
        .map_err(|e| caller.internal("listing communes", e))
}

/// Creates a commune; its public page's address is made from its name.
#[server(endpoint = "admin/commune/create", input = Json)]
pub async fn create_commune(draft: CommuneDraft) -> Result<CommuneId, AppError> {
    use crate::domain::directory::{COMMUNE_KINDS, code_from_name, known_kind, required_name};
    use crate::ports::import::{CommuneRecord, ImportBatch};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    let name =
        required_name("Tên xã, phường", &draft.name).map_err(|m| guarded::invalid(&caller, m))?;
    let province = required_name("Tỉnh, thành phố", &draft.province)
        .map_err(|m| guarded::invalid(&caller, m))?;
    let kind = known_kind(&COMMUNE_KINDS, &draft.kind).map_err(|m| guarded::invalid(&caller, m))?;
    let base = code_from_name(&name, '-');
    let mut slug = base.clone();
    for n in 2.. {
        let taken = caller
            .store
            .commune_names(&slug)
            .await
            .map_err(|e| caller.internal("checking a commune slug", e))?;
        if taken.is_none() {
            break;
        }
        slug = format!("{base}-{n}");
    }
    let id = CommuneId::new();
    let record = CommuneRecord {
        id,
        slug,
        name,
        kind,
        province,
        created_at: chrono::Utc::now(),
    };
    let batch = ImportBatch {
        communes: vec![record],
        ..ImportBatch::default()
    };
    guarded::import(
        &caller,
        &batch,
        "Tên xã, phường này đã có.",
        "creating a commune",
    )
    .await?;
    let after = json(&draft);
    caller
        .record(
            &viewer,
            Some(id),
            ("commune", id.to_string()),
            "created",
            None,
            Some(after),
        )
        .await?;
    Ok(id)
}

/// Renames a commune or corrects its kind and province; its public page keeps its address.
#[server(endpoint = "admin/commune/update", input = Json)]
pub async fn update_commune(commune_id: CommuneId, draft: CommuneDraft) -> Result<(), AppError> {
    use crate::domain::directory::{COMMUNE_KINDS, known_kind, required_name};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    let before = guarded::commune_name(&caller, commune_id).await?;
    let name =
        required_name("Tên xã, phường", &draft.name).map_err(|m| guarded::invalid(&caller, m))?;
    let province = required_name("Tỉnh, thành phố", &draft.province)
        .map_err(|m| guarded::invalid(&caller, m))?;
    let kind = known_kind(&COMMUNE_KINDS, &draft.kind).map_err(|m| guarded::invalid(&caller, m))?;
    caller
        .store
        .update_commune(commune_id, &name, &kind, &province)
        .await
        .map_err(|e| caller.internal("changing a commune", e))?
        .map_err(|r| caller.fail(r.into()))?;
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("commune", commune_id.to_string()),
            "changed",
            Some(json(&before)),
            Some(json(&(name, kind, province))),
        )
        .await
}

/// One commune's groups, departments and topics.
#[server(endpoint = "admin/commune", input = Json)]
pub async fn commune_setup(commune_id: CommuneId) -> Result<CommuneAdmin, AppError> {
    let (caller, _) = guarded::admin().await?;
    guarded::commune_admin(&caller, commune_id).await
}

/// Adds a thôn or tổ dân phố.
#[server(endpoint = "admin/group/add", input = Json)]
pub async fn add_group(
    commune_id: CommuneId,
    name: String,
    kind: String,
) -> Result<GroupId, AppError> {
    use crate::domain::directory::{GROUP_KINDS, known_kind, required_name};
    use crate::ports::import::{GroupRecord, ImportBatch};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    guarded::commune_name(&caller, commune_id).await?;
    let name =
        required_name("Tên thôn, tổ dân phố", &name).map_err(|m| guarded::invalid(&caller, m))?;
    let kind = known_kind(&GROUP_KINDS, &kind).map_err(|m| guarded::invalid(&caller, m))?;
    let existing = caller
        .store
        .groups(commune_id)
        .await
        .map_err(|e| caller.internal("listing groups", e))?;
    let id = GroupId::new();
    let record = GroupRecord {
        id,
        commune_id,
        name: name.clone(),
        kind: kind.clone(),
        sort_order: i64::try_from(existing.len()).unwrap_or(i64::MAX),
    };
    let batch = ImportBatch {
        groups: vec![record],
        ..ImportBatch::default()
    };
    guarded::import(
        &caller,
        &batch,
        "Xã, phường đã có thôn, tổ dân phố cùng tên.",
        "adding a group",
    )
    .await?;
    let after = json(&(name, kind));
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("group", id.to_string()),
            "created",
            None,
            Some(after),
        )
        .await?;
    Ok(id)
}

/// Renames a group or changes its kind.
#[server(endpoint = "admin/group/rename", input = Json)]
pub async fn rename_group(
    commune_id: CommuneId,
    group_id: GroupId,
    name: String,
    kind: String,
) -> Result<(), AppError> {
    use crate::domain::directory::{GROUP_KINDS, known_kind, required_name};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    let name =
        required_name("Tên thôn, tổ dân phố", &name).map_err(|m| guarded::invalid(&caller, m))?;
    let kind = known_kind(&GROUP_KINDS, &kind).map_err(|m| guarded::invalid(&caller, m))?;
    let before = caller
        .store
        .groups(commune_id)
        .await
        .map_err(|e| caller.internal("listing groups", e))?
        .into_iter()
        .find(|g| g.id == group_id)
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    match caller
        .store
        .rename_group(commune_id, group_id, &name, &kind)
        .await
    {
        Ok(Ok(())) => {}
        Ok(Err(refusal)) => return Err(caller.fail(refusal.into())),
        Err(crate::ports::StoreError::Conflict(_)) => {
            return Err(guarded::invalid(
                &caller,
                "Xã, phường đã có thôn, tổ dân phố cùng tên.",
            ));
        }
        Err(e) => return Err(caller.internal("renaming a group", e)),
    }
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("group", group_id.to_string()),
            "renamed",
            Some(json(&(before.name, before.kind))),
            Some(json(&(name, kind))),
        )
        .await
}

/// Deactivates a group (no new campaign or collector takes it) or brings it back.
#[server(endpoint = "admin/group/active", input = Json)]
pub async fn set_group_active(
    commune_id: CommuneId,
    group_id: GroupId,
    active: bool,
) -> Result<(), AppError> {
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    caller
        .store
        .set_group_active(commune_id, group_id, active)
        .await
        .map_err(|e| caller.internal("changing a group", e))?
        .map_err(|r| caller.fail(r.into()))?;
    let action = if active { "reactivated" } else { "deactivated" };
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("group", group_id.to_string()),
            action,
            Some(json(&serde_json::json!({ "active": !active }))),
            Some(json(&serde_json::json!({ "active": active }))),
        )
        .await
}

/// Merges one group into another after a reorganisation (sáp nhập thôn, tổ dân phố).
#[server(endpoint = "admin/group/merge", input = Json)]
pub async fn merge_groups(
    commune_id: CommuneId,
    from: GroupId,
    into: GroupId,
) -> Result<(), AppError> {
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    if from == into {
        return Err(guarded::invalid(
            &caller,
            "Hãy chọn hai thôn, tổ dân phố khác nhau.",
        ));
    }
    caller
        .store
        .merge_groups(commune_id, from, into)
        .await
        .map_err(|e| caller.internal("merging groups", e))?
        .map_err(|r| caller.fail(r.into()))?;
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("group", from.to_string()),
            "merged",
            Some(json(&serde_json::json!({ "active": true }))),
            Some(json(
                &serde_json::json!({ "active": false, "merged_into": into }),
            )),
        )
        .await
}

/// Adds a department (`department_id` none) or renames one.
#[server(endpoint = "admin/department/save", input = Json)]
pub async fn save_department(
    commune_id: CommuneId,
    department_id: Option<DepartmentId>,
    name: String,
) -> Result<DepartmentId, AppError> {
    use crate::domain::directory::{code_from_name, free_code, required_name};
    use crate::ports::import::{DepartmentRecord, ImportBatch};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    guarded::commune_name(&caller, commune_id).await?;
    let name =
        required_name("Tên cơ quan, đơn vị", &name).map_err(|m| guarded::invalid(&caller, m))?;
    let existing = caller
        .store
        .departments(commune_id)
        .await
        .map_err(|e| caller.internal("listing departments", e))?;
    if let Some(id) = department_id {
        let before = existing
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| caller.fail(AppError::NotFound))?;
        caller
            .store
            .rename_department(commune_id, id, &name)
            .await
            .map_err(|e| caller.internal("renaming a department", e))?
            .map_err(|r| caller.fail(r.into()))?;
        caller
            .record(
                &viewer,
                Some(commune_id),
                ("department", id.to_string()),
                "renamed",
                Some(json(&before.name)),
                Some(json(&name)),
            )
            .await?;
        return Ok(id);
    }
    let taken: Vec<String> = existing.iter().map(|d| d.code.clone()).collect();
    let id = DepartmentId::new();
    let record = DepartmentRecord {
        id,
        commune_id,
        code: free_code(&code_from_name(&name, '_'), '_', &taken),
        name: name.clone(),
    };
    let batch = ImportBatch {
        departments: vec![record],
        ..ImportBatch::default()
    };
    guarded::import(
        &caller,
        &batch,
        "Xã, phường đã có cơ quan, đơn vị này.",
        "adding a department",
    )
    .await?;
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("department", id.to_string()),
            "created",
            None,
            Some(json(&name)),
        )
        .await?;
    Ok(id)
}

/// Adds a topic (`topic_id` none) or renames one and sets its default department.
#[server(endpoint = "admin/topic/save", input = Json)]
pub async fn save_topic(
    commune_id: CommuneId,
    topic_id: Option<TopicId>,
    name: String,
    default_department: Option<DepartmentId>,
) -> Result<TopicId, AppError> {
    use crate::domain::directory::{code_from_name, free_code, required_name};
    use crate::ports::import::{ImportBatch, TopicRecord};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    guarded::commune_name(&caller, commune_id).await?;
    let name =
        required_name("Tên nhóm nội dung", &name).map_err(|m| guarded::invalid(&caller, m))?;
    let existing = caller
        .store
        .topics(commune_id)
        .await
        .map_err(|e| caller.internal("listing topics", e))?;
    if let Some(id) = topic_id {
        let before = existing
            .iter()
            .find(|t| t.id == id)
            .cloned()
            .ok_or_else(|| caller.fail(AppError::NotFound))?;
        caller
            .store
            .update_topic(commune_id, id, &name, default_department)
            .await
            .map_err(|e| caller.internal("changing a topic", e))?
            .map_err(|r| caller.fail(r.into()))?;
        caller
            .record(
                &viewer,
                Some(commune_id),
                ("topic", id.to_string()),
                "changed",
                Some(json(&(before.name, before.default_department_id))),
                Some(json(&(&name, default_department))),
            )
            .await?;
        return Ok(id);
    }
    if let Some(department) = default_department {
        let departments = caller
            .store
            .departments(commune_id)
            .await
            .map_err(|e| caller.internal("listing departments", e))?;
        if !departments.iter().any(|d| d.id == department) {
            return Err(caller.fail(crate::ports::DeskRefusal::UnknownDepartment.into()));
        }
    }
    let taken: Vec<String> = existing.iter().map(|t| t.code.clone()).collect();
    let id = TopicId::new();
    let record = TopicRecord {
        id,
        commune_id,
        code: free_code(&code_from_name(&name, '_'), '_', &taken),
        name: name.clone(),
        sort_order: i64::try_from(existing.len()).unwrap_or(i64::MAX),
        default_department_id: default_department,
    };
    let batch = ImportBatch {
        topics: vec![record],
        ..ImportBatch::default()
    };
    guarded::import(
        &caller,
        &batch,
        "Xã, phường đã có nhóm nội dung này.",
        "adding a topic",
    )
    .await?;
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("topic", id.to_string()),
            "created",
            None,
            Some(json(&(&name, default_department))),
        )
        .await?;
    Ok(id)
}

/// Users of a commune (or the administrators, with no commune) that pass the filter.
#[server(endpoint = "admin/users", input = Json)]
pub async fn list_users(
    commune_id: Option<CommuneId>,
    filter: UserFilter,
) -> Result<Vec<UserRow>, AppError> {
    let (caller, _) = guarded::admin().await?;
    if let Some(commune) = commune_id {
        guarded::commune_name(&caller, commune).await?;
    }
    caller
        .store
        .users(commune_id, &filter)
        .await
        .map_err(|e| caller.internal("listing users", e))
}

/// Creates a commune's user with a one-time password they must change at first login.
#[server(endpoint = "admin/user/create", input = Json)]
pub async fn create_user(
    commune_id: CommuneId,
    draft: UserDraft,
) -> Result<OneTimePassword, AppError> {
    use crate::domain::directory::checked_user;
    use crate::ports::import::{ImportBatch, UserRecord};
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    // One read checks the commune (404) and gives the scope the draft may name.
    let admin = guarded::commune_admin(&caller, commune_id).await?;
    let draft = checked_user(&draft).map_err(|m| guarded::invalid(&caller, m))?;
    if !crate::domain::login::valid_new_username(&draft.username) {
        return Err(guarded::invalid(
            &caller,
            "Tên đăng nhập gồm 3–32 ký tự a–z, 0–9, dấu chấm, gạch dưới hoặc gạch ngang.",
        ));
    }
    if draft
        .department_id
        .is_some_and(|d| !admin.departments.iter().any(|x| x.id == d))
        || draft
            .group_ids
            .iter()
            .any(|g| !admin.groups.iter().any(|x| x.id == *g && x.active))
    {
        return Err(caller.fail(AppError::NotFound));
    }
    let (password, hash) = guarded::one_time_password(&caller).await?;
    let id = UserId::new();
    let batch = ImportBatch {
        users: vec![UserRecord {
            id,
            commune_id: Some(commune_id),
            username: draft.username.clone(),
            full_name: draft.full_name.clone(),
            role: draft.role,
            department_id: draft.department_id,
            password_hash: hash,
            active: true,
            must_change_password: true,
            created_at: chrono::Utc::now(),
            groups: draft.group_ids.clone(),
        }],
        ..ImportBatch::default()
    };
    guarded::import(
        &caller,
        &batch,
        "Tên đăng nhập này đã có người dùng.",
        "creating a user",
    )
    .await?;
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("user", id.to_string()),
            "created",
            None,
            Some(json(&draft)),
        )
        .await?;
    Ok(OneTimePassword {
        user_id: id,
        username: draft.username,
        password,
    })
}

/// Changes a commune user's name, role, department and groups (their sessions end when the
/// role or scope changes).
#[server(endpoint = "admin/user/update", input = Json)]
pub async fn update_user(
    commune_id: CommuneId,
    user_id: UserId,
    draft: UserDraft,
) -> Result<(), AppError> {
    use crate::domain::directory::checked_user;
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    let draft = checked_user(&draft).map_err(|m| guarded::invalid(&caller, m))?;
    let before = caller
        .store
        .user(user_id)
        .await
        .map_err(|e| caller.internal("reading a user", e))?
        .filter(|u| u.commune_id == Some(commune_id))
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    caller
        .store
        .update_user(commune_id, user_id, &draft)
        .await
        .map_err(|e| caller.internal("changing a user", e))?
        .map_err(|r| caller.fail(r.into()))?;
    caller
        .record(
            &viewer,
            Some(commune_id),
            ("user", user_id.to_string()),
            "changed",
            Some(json(&before)),
            Some(json(&draft)),
        )
        .await
}

/// Deactivates an account (its sessions end at once) or reactivates it.
#[server(endpoint = "admin/user/active", input = Json)]
pub async fn set_user_active(user_id: UserId, active: bool) -> Result<(), AppError> {
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    if UserId::from(viewer.user_id) == user_id {
        return Err(guarded::invalid(
            &caller,
            "Không thể tự khóa tài khoản của chính mình.",
        ));
    }
    let before = caller
        .store
        .user(user_id)
        .await
        .map_err(|e| caller.internal("reading a user", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    caller
        .store
        .set_user_active(user_id, active)
        .await
        .map_err(|e| caller.internal("changing a user", e))?;
    let action = if active { "reactivated" } else { "deactivated" };
    caller
        .record(
            &viewer,
            before.commune_id,
            ("user", user_id.to_string()),
            action,
            Some(json(&serde_json::json!({ "active": before.active }))),
            Some(json(&serde_json::json!({ "active": active }))),
        )
        .await
}

/// Gives a user a new one-time password (every session of theirs ends).
#[server(endpoint = "admin/user/reset", input = Json)]
pub async fn reset_password(user_id: UserId) -> Result<OneTimePassword, AppError> {
    let (caller, viewer) = guarded::admin().await?;
    let user = caller
        .store
        .user(user_id)
        .await
        .map_err(|e| caller.internal("reading a user", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))?;
    let (password, hash) = guarded::one_time_password(&caller).await?;
    caller
        .store
        .set_password(user_id, &hash, true)
        .await
        .map_err(|e| caller.internal("resetting a password", e))?;
    caller
        .record(
            &viewer,
            user.commune_id,
            ("user", user_id.to_string()),
            "password_reset",
            None,
            None,
        )
        .await?;
    Ok(OneTimePassword {
        user_id,
        username: user.username,
        password,
    })
}

/// The calendar of a year: computed holidays with the administrator's entries on top.
#[server(endpoint = "admin/holidays", input = Json)]
pub async fn holidays(year: i32) -> Result<Vec<CalendarDay>, AppError> {
    use crate::domain::holidays::year_calendar;

    let (caller, _) = guarded::admin().await?;
    if !(1900..=2199).contains(&year) {
        return Err(guarded::invalid(&caller, "Năm phải từ 1900 đến 2199."));
    }
    let stored = caller
        .store
        .holiday_entries(year)
        .await
        .map_err(|e| caller.internal("reading holidays", e))?;
    Ok(year_calendar(year, &stored))
}

/// Stores an entry (a compensatory day off, a swapped working Saturday, a moved Tết day).
#[server(endpoint = "admin/holiday/set", input = Json)]
pub async fn set_holiday(draft: HolidayDraft) -> Result<(), AppError> {
    use crate::domain::holidays::MAX_NAME_CHARS;
    use crate::ssr::guard::json;

    let (caller, viewer) = guarded::admin().await?;
    let name = crate::domain::text::checked("Tên ngày", &draft.name, MAX_NAME_CHARS)
        .map_err(|m| guarded::invalid(&caller, m))?;
    let name = if name.is_empty() {
        draft.kind.label().to_owned()
    } else {
        name
    };
    let day = CalendarDay {
        date: draft.date,
        kind: draft.kind,
        name,
        edited: true,
    };
    let before = caller
        .store
        .holiday_entries(chrono::Datelike::year(&draft.date))
        .await
        .map_err(|e| caller.internal("reading holidays", e))?
        .into_iter()
        .find(|d| d.date == draft.date);
    caller
        .store
        .set_holiday(&day)
        .await
        .map_err(|e| caller.internal("storing a holiday", e))?;
    caller
        .record(
            &viewer,
            None,
            ("holiday", draft.date.to_string()),
            "set",
            before.map(|b| json(&b)),
            Some(json(&day)),
        )
        .await
}

/// Removes the administrator's entry of a date (the computed day, if any, applies again).
#[server(endpoint = "admin/holiday/remove", input = Json)]
pub async fn remove_holiday(date: NaiveDate) -> Result<(), AppError> {
    let (caller, viewer) = guarded::admin().await?;
    let removed = caller
        .store
        .remove_holiday(date)
        .await
        .map_err(|e| caller.internal("removing a holiday", e))?;
    if !removed {
        return Err(caller.fail(AppError::NotFound));
    }
    caller
        .record(
            &viewer,
            None,
            ("holiday", date.to_string()),
            "removed",
            None,
            None,
        )
        .await
}

/// The newest audit entries (500 at most), of one commune or all, of one kind or all.
#[server(endpoint = "admin/audit", input = Json)]
pub async fn audit_log(
    commune_id: Option<CommuneId>,
    entity: Option<String>,
) -> Result<Vec<AuditRow>, AppError> {
    let (caller, _) = guarded::admin().await?;
    let entity = entity.filter(|e| !e.trim().is_empty());
    caller
        .store
        .audit_entries(commune_id, entity.as_deref(), 500)
        .await
        .map_err(|e| caller.internal("reading the audit log", e))
}
