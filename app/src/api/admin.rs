//! Wire types of the administrator's screens: what the server functions send and receive.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::calendar::DayKind;
use crate::domain::ids::{CommuneId, DepartmentId, GroupId, TopicId, UserId};
use crate::domain::role::Role;

/// One commune (tenant) with counts of what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneSummary {
    /// Commune id.
    pub id: Uuid,
    /// Name, e.g. "Xã Bắc Thanh Miện".
    pub name: String,
    /// Groups (thôn / tổ dân phố).
    pub groups: i64,
    /// Active users.
    pub users: i64,
    /// Campaigns.
    pub campaigns: i64,
    /// Opinions received.
    pub opinions: i64,
}

/// A new commune (xã, phường, đặc khu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneDraft {
    /// Name, e.g. "Xã Bắc Thanh Miện".
    pub name: String,
    /// `xa`, `phuong` or `dac_khu`.
    pub kind: String,
    /// Province or city.
    pub province: String,
}

/// A thôn or tổ dân phố as the administrator manages it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    /// Id.
    pub id: GroupId,
    /// Name.
    pub name: String,
    /// `thon` or `to_dan_pho`.
    pub kind: String,
    /// False once deactivated or merged: no new campaign or collector takes it.
    pub active: bool,
    /// The group it was merged into, by name.
    pub merged_into: Option<String>,
    /// Forms collected in it (its history).
    pub forms: i64,
}

/// A department or body of the commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    /// Id.
    pub id: DepartmentId,
    /// Short code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A topic (nhóm nội dung) with the department that answers it by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRow {
    /// Id.
    pub id: TopicId,
    /// Short code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Default department.
    pub default_department_id: Option<DepartmentId>,
}

/// A user as the administrator sees them (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    /// Id.
    pub id: UserId,
    /// Login name.
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// Commune, `None` for administrators.
    pub commune_id: Option<CommuneId>,
    /// Department of an officer.
    pub department_id: Option<DepartmentId>,
    /// Groups of a collector.
    pub group_ids: Vec<GroupId>,
    /// Can log in.
    pub active: bool,
    /// Must choose a new password at the next login.
    pub must_change_password: bool,
}

/// What the administrator fills in to create or change a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDraft {
    /// Login name (ignored when changing a user).
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// Role (never admin: administrators are made on the command line).
    pub role: Role,
    /// Department of an officer.
    pub department_id: Option<DepartmentId>,
    /// Groups of a collector.
    pub group_ids: Vec<GroupId>,
}

/// Which users the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserFilter {
    /// Only this role.
    pub role: Option<Role>,
    /// Only active (true) or deactivated (false) users.
    pub active: Option<bool>,
    /// Part of the username or full name.
    pub text: String,
}

/// Everything the administration page of one commune shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneAdmin {
    /// Commune id.
    pub id: CommuneId,
    /// Name.
    pub name: String,
    /// Groups, active first.
    pub groups: Vec<GroupRow>,
    /// Departments.
    pub departments: Vec<DepartmentRow>,
    /// Topics.
    pub topics: Vec<TopicRow>,
}

/// One day of the calendar page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayDraft {
    /// The day.
    pub date: chrono::NaiveDate,
    /// What it does.
    pub kind: DayKind,
    /// Name.
    pub name: String,
}

/// One entry of the audit log as the administrator reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who (username), if anyone.
    pub actor: Option<String>,
    /// Commune name, if any.
    pub commune: Option<String>,
    /// Kind of record.
    pub entity: String,
    /// Its id.
    pub entity_id: String,
    /// What happened.
    pub action: String,
    /// State before (JSON).
    pub before: Option<String>,
    /// State after (JSON).
    pub after: Option<String>,
}

/// A password the administrator hands over once; the user must change it at first login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimePassword {
    /// The account.
    pub user_id: UserId,
    /// Its login name.
    pub username: String,
    /// The password, shown once and never stored in clear.
    pub password: String,
}
