//! The signed-in user as the application sees them: identity, role and scope.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::role::Role;

/// The person behind the current request. Scope fields are empty when nothing is assigned,
/// and an empty scope grants nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The user's id.
    pub user_id: Uuid,
    /// Login name.
    pub username: String,
    /// Name shown in the header.
    pub full_name: String,
    /// What the user may do.
    pub role: Role,
    /// The commune (tenant) the user works for; `None` only for a system administrator.
    pub commune_id: Option<Uuid>,
    /// The commune's display name, for the header.
    pub commune_name: Option<String>,
    /// A department officer's department.
    pub department_id: Option<Uuid>,
    /// A collector's groups (thôn / tổ dân phố).
    pub group_ids: Vec<Uuid>,
    /// The password was set by someone else (first start, reset): the user must choose their
    /// own before anything else.
    #[serde(default)]
    pub must_change_password: bool,
}

impl Viewer {
    /// True when the user works in the given commune. A system administrator without a commune
    /// is not "in" any commune: tenant data is reached through explicit admin functions only.
    pub fn in_commune(&self, commune_id: Uuid) -> bool {
        self.commune_id == Some(commune_id)
    }

    /// True when a collector may act for the group.
    pub fn collects_for(&self, group_id: Uuid) -> bool {
        self.role == Role::Collector && self.group_ids.contains(&group_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collector(groups: Vec<Uuid>) -> Viewer {
        Viewer {
            user_id: Uuid::now_v7(),
            username: "anson".into(),
            full_name: "Trưởng thôn An Sơn".into(),
            role: Role::Collector,
            commune_id: Some(Uuid::now_v7()),
            commune_name: None,
            department_id: None,
            group_ids: groups,
            must_change_password: false,
        }
    }

    #[test]
    fn a_collector_with_no_group_collects_for_nobody() {
        assert!(!collector(vec![]).collects_for(Uuid::now_v7()));
    }

    #[test]
    fn a_collector_collects_only_for_bound_groups() {
        let mine = Uuid::now_v7();
        let viewer = collector(vec![mine]);
        assert!(viewer.collects_for(mine));
        assert!(!viewer.collects_for(Uuid::now_v7()));
    }
}
