//! Who a user is in the commune, and what each role may see.

use serde::{Deserialize, Serialize};

/// A user's role. Stored as its [`Role::code`]; shown as its [`Role::label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Manages communes, groups, topics, departments, users and holidays.
    Admin,
    /// Văn phòng HĐND-UBND, Văn phòng Đảng ủy, Ban Xây dựng Đảng: triage and reporting.
    WardStaff,
    /// A phòng/ban chuyên môn, công an, trạm y tế…: answers what is assigned to it.
    DepartmentOfficer,
    /// Chủ tịch UBND / Bí thư Đảng ủy: approves answers and conclusions.
    Chair,
    /// Ủy ban MTTQ and đoàn thể: read-only supervision of follow-up.
    Supervisor,
    /// Trưởng thôn, tổ trưởng, chi hội trưởng: collects forms in their groups.
    Collector,
}

impl Role {
    /// Every role, in the order screens list them.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::WardStaff,
        Role::DepartmentOfficer,
        Role::Chair,
        Role::Supervisor,
        Role::Collector,
    ];

    /// Stable code used in the database and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::WardStaff => "ward_staff",
            Role::DepartmentOfficer => "department_officer",
            Role::Chair => "chair",
            Role::Supervisor => "supervisor",
            Role::Collector => "collector",
        }
    }

    /// Parses a stored or typed code; `None` for anything unknown, so access fails closed.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// The Vietnamese name shown in the interface.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị hệ thống",
            Role::WardStaff => "Cán bộ tổng hợp",
            Role::DepartmentOfficer => "Cán bộ phòng, ban chuyên môn",
            Role::Chair => "Chủ tịch / người chủ trì",
            Role::Supervisor => "Giám sát (Ủy ban MTTQ)",
            Role::Collector => "Người thu phiếu",
        }
    }

    /// Roles that read the commune's intake and aggregates.
    pub fn sees_intake(self) -> bool {
        matches!(self, Role::WardStaff | Role::Chair | Role::Supervisor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_role() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
    }

    #[test]
    fn unknown_codes_grant_nothing() {
        assert_eq!(Role::parse("superuser"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn collectors_and_departments_do_not_see_the_intake() {
        assert!(!Role::Collector.sees_intake());
        assert!(!Role::DepartmentOfficer.sees_intake());
        assert!(Role::WardStaff.sees_intake());
    }
}
