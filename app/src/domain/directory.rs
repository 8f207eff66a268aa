//! Rules for what the administrator types: names, the kinds of communes and groups, codes made
//! from names, and which scope each role of a user needs.

use crate::api::admin::UserDraft;
use crate::domain::role::Role;
use crate::domain::text::{checked, fold};

/// Longest name of a commune, group, department or topic.
pub const MAX_NAME_CHARS: usize = 150;

/// Kinds of commune-level units (Luật Tổ chức chính quyền địa phương 2025).
pub const COMMUNE_KINDS: [(&str, &str); 3] =
    [("xa", "Xã"), ("phuong", "Phường"), ("dac_khu", "Đặc khu")];

/// Kinds of residential groups.
pub const GROUP_KINDS: [(&str, &str); 2] = [("thon", "Thôn"), ("to_dan_pho", "Tổ dân phố")];

/// The Vietnamese label of a stored kind code, or the code itself.
pub fn kind_label(kinds: &[(&'static str, &'static str)], code: &str) -> String {
    kinds
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, l)| (*l).to_owned())
}

/// A required name: trimmed, bounded, without control characters, not empty.
pub fn required_name(label: &str, text: &str) -> Result<String, String> {
    let name = checked(label, text, MAX_NAME_CHARS)?;
    if name.is_empty() {
        return Err(format!("Hãy nhập {}.", label.to_lowercase()));
    }
    Ok(name)
}

/// A kind code that is one of `kinds`.
pub fn known_kind(kinds: &[(&str, &str)], code: &str) -> Result<String, String> {
    kinds
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, _)| (*c).to_owned())
        .ok_or_else(|| "Loại đơn vị không hợp lệ.".to_owned())
}

/// A stable ASCII code made from a name ("Phòng Kinh tế" → "phong_kinh_te"), for departments,
/// topics and URLs; `sep` joins the words.
pub fn code_from_name(name: &str, sep: char) -> String {
    let folded = fold(name);
    let mut code = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !code.is_empty() {
            code.push(sep);
        }
        code.push_str(word);
    }
    code.chars().take(60).collect()
}

/// The first of `base`, `base_2`, `base_3`… not in `taken`.
pub fn free_code(base: &str, sep: char, taken: &[String]) -> String {
    let base = if base.is_empty() { "muc" } else { base };
    if !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}{sep}{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| base.to_owned())
}

/// A user draft made consistent with its role: officers need a department and collectors a
/// group; nobody else keeps either. Administrators are never made here.
pub fn checked_user(draft: &UserDraft) -> Result<UserDraft, String> {
    if draft.role == Role::Admin {
        return Err("Tài khoản quản trị chỉ được tạo bằng lệnh trên máy chủ.".into());
    }
    let full_name = required_name("Họ và tên", &draft.full_name)?;
    let department_id = match draft.role {
        Role::DepartmentOfficer => Some(
            draft
                .department_id
                .ok_or("Cán bộ phòng, ban chuyên môn phải thuộc một cơ quan, đơn vị.")?,
        ),
        _ => None,
    };
    let mut group_ids = match draft.role {
        Role::Collector if draft.group_ids.is_empty() => {
            return Err("Người thu phiếu phải phụ trách ít nhất một thôn, tổ dân phố.".into());
        }
        Role::Collector => draft.group_ids.clone(),
        _ => Vec::new(),
    };
    group_ids.sort();
    group_ids.dedup();
    Ok(UserDraft {
        username: draft.username.trim().to_lowercase(),
        full_name,
        role: draft.role,
        department_id,
        group_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{DepartmentId, GroupId};

    #[test]
    fn codes_come_from_names_without_diacritics() {
        assert_eq!(code_from_name("Phòng Kinh tế", '_'), "phong_kinh_te");
        assert_eq!(code_from_name("Xã Đông Hưng", '-'), "xa-dong-hung");
        assert_eq!(
            code_from_name("An ninh - Quốc phòng", '_'),
            "an_ninh_quoc_phong"
        );
        let taken = vec!["kinh_te".to_owned(), "kinh_te_2".to_owned()];
        assert_eq!(free_code("kinh_te", '_', &taken), "kinh_te_3");
        assert_eq!(free_code("", '_', &[]), "muc");
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(
            required_name("Tên thôn", "  Thôn An Sơn "),
            Ok("Thôn An Sơn".into())
        );
        assert!(required_name("Tên thôn", "   ").is_err());
        assert!(required_name("Tên thôn", &"a".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(known_kind(&GROUP_KINDS, "thon").is_ok());
        assert!(known_kind(&GROUP_KINDS, "ap").is_err());
    }

    #[test]
    fn each_role_keeps_only_the_scope_it_needs() {
        let draft = |role, department_id, group_ids| UserDraft {
            username: " AnSon ".into(),
            full_name: "Trưởng thôn".into(),
            role,
            department_id,
            group_ids,
        };
        let group = GroupId::new();
        let department = DepartmentId::new();
        assert!(checked_user(&draft(Role::Admin, None, vec![])).is_err());
        assert!(checked_user(&draft(Role::Collector, None, vec![])).is_err());
        assert!(checked_user(&draft(Role::DepartmentOfficer, None, vec![])).is_err());
        let staff =
            checked_user(&draft(Role::WardStaff, Some(department), vec![group])).expect("staff");
        assert_eq!((staff.department_id, staff.group_ids.len()), (None, 0));
        let collector =
            checked_user(&draft(Role::Collector, None, vec![group, group])).expect("collector");
        assert_eq!(collector.group_ids, vec![group]);
        assert_eq!(collector.username, "anson");
    }
}
