//! Who may do what: every role set the server checks, in one place. Server functions, the sync
//! API and the downloads all ask here, so a role can never be allowed by one door and refused
//! by another.

use crate::domain::role::Role;

/// Publish a campaign's results to residents, or withdraw them.
pub const PUBLISH: &[Role] = &[Role::WardStaff, Role::Chair];

/// The system administrator's screens.
pub const ADMINISTER: &[Role] = &[Role::Admin];
/// Reading the collector's campaigns on their home.
pub const COLLECT: &[Role] = &[Role::Collector];
/// Sending forms through the sync API: collectors from their phones, for their own groups;
/// ward staff typing in paper forms (phiếu giấy) at the office, for any group of a campaign.
pub const SEND_FORMS: &[Role] = &[Role::Collector, Role::WardStaff];
/// Planning campaigns and moving them through their stages (ward staff, with the chair).
pub const PLAN: &[Role] = &[Role::WardStaff, Role::Chair];
/// Reading the desk: intake, issues, pivot, reports and their downloads (MTTQ supervises).
pub const READ_DESK: &[Role] = &[Role::WardStaff, Role::Chair, Role::Supervisor];
/// Changing the desk: classifying, merging, assigning, resolving conflicts.
pub const EDIT_DESK: &[Role] = &[Role::WardStaff, Role::Chair];
/// Reading one issue: the desk, and the department it is assigned to.
pub const READ_ISSUE: &[Role] = &[
    Role::WardStaff,
    Role::Chair,
    Role::Supervisor,
    Role::DepartmentOfficer,
];
/// Drafting and submitting answers.
pub const ANSWER: &[Role] = &[Role::DepartmentOfficer];
/// Approving or returning answers.
pub const APPROVE: &[Role] = &[Role::WardStaff, Role::Chair];
/// Following every open assignment of the commune.
pub const FOLLOW_UP: &[Role] = &[Role::WardStaff, Role::Chair, Role::Supervisor];
/// Approving and issuing the conclusion notice: the chair signs it.
pub const CONCLUDE: &[Role] = &[Role::Chair];
/// Reading conclusion notices: the desk, and departments for their own items.
pub const READ_NOTICE: &[Role] = &[
    Role::WardStaff,
    Role::Chair,
    Role::Supervisor,
    Role::DepartmentOfficer,
];
/// Writing supervision notes (ý kiến giám sát): the Fatherland Front.
pub const SUPERVISE: &[Role] = &[Role::Supervisor];
/// Residents' names, phones and households in downloads.
pub const PERSONAL_DATA: &[Role] = &[Role::WardStaff, Role::Chair];

/// True when `role` is in `set`.
pub fn allows(set: &[Role], role: Role) -> bool {
    set.contains(&role)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_SETS: [&[Role]; 11] = [
        ADMINISTER,
        SEND_FORMS,
        PLAN,
        COLLECT,
        READ_DESK,
        EDIT_DESK,
        READ_ISSUE,
        ANSWER,
        APPROVE,
        FOLLOW_UP,
        PERSONAL_DATA,
    ];

    #[test]
    fn the_administrator_reaches_no_commune_data() {
        for set in ALL_SETS.iter().skip(1) {
            assert!(!allows(set, Role::Admin));
        }
    }

    #[test]
    fn the_supervisor_reads_but_never_changes() {
        assert!(allows(READ_DESK, Role::Supervisor));
        for set in [EDIT_DESK, APPROVE, ANSWER, PERSONAL_DATA, PLAN] {
            assert!(!allows(set, Role::Supervisor));
        }
    }

    #[test]
    fn whoever_changes_or_sees_personal_data_also_reads_the_desk() {
        for set in [EDIT_DESK, APPROVE, PERSONAL_DATA, FOLLOW_UP, PLAN] {
            for role in set {
                assert!(allows(READ_DESK, *role), "{role:?}");
            }
        }
    }

    #[test]
    fn collectors_only_collect() {
        for set in ALL_SETS
            .iter()
            .filter(|s| **s != COLLECT && **s != SEND_FORMS)
        {
            assert!(!allows(set, Role::Collector));
        }
    }
}
