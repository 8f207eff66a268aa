//! Communes and what belongs to them: the working calendar, the administrator's overview.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::{Decided, StoreError};
use crate::api::admin::{CommuneSummary, DepartmentRow, GroupRow, TopicRow};
use crate::domain::calendar::DayKind;
use crate::domain::holidays::CalendarDay;
use crate::domain::ids::{CommuneId, DepartmentId, GroupId, TopicId};

/// The communes, their calendars and the database's own health.
#[async_trait]
pub trait Directory: Send + Sync {
    /// Cheap round trip for health checks.
    async fn ping(&self) -> Result<(), StoreError>;
    /// True when no commune exists yet (a new database).
    async fn is_empty(&self) -> Result<bool, StoreError>;
    /// Holidays and swapped days of the commune plus national ones.
    async fn calendar(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<(NaiveDate, DayKind)>, StoreError>;
    /// Every commune with its size, for the administrator.
    async fn commune_summaries(&self) -> Result<Vec<CommuneSummary>, StoreError>;
    /// A commune's name; `None` when there is no such commune.
    async fn commune_name(&self, commune_id: CommuneId) -> Result<Option<String>, StoreError>;
    /// Renames a commune or corrects its kind and province (its public address stays).
    async fn update_commune(
        &self,
        commune_id: CommuneId,
        name: &str,
        kind: &str,
        province: &str,
    ) -> Decided<()>;
    /// The commune's groups, active first, with how many forms each holds.
    async fn groups(&self, commune_id: CommuneId) -> Result<Vec<GroupRow>, StoreError>;
    /// Renames a group or changes its kind; a taken name is a conflict.
    async fn rename_group(
        &self,
        commune_id: CommuneId,
        group_id: GroupId,
        name: &str,
        kind: &str,
    ) -> Decided<()>;
    /// Deactivates or reactivates a group (a merged group stays inactive).
    async fn set_group_active(
        &self,
        commune_id: CommuneId,
        group_id: GroupId,
        active: bool,
    ) -> Decided<()>;
    /// Merges `from` into `into` after a reorganisation: collectors and the campaigns still
    /// being planned or collecting move to `into`; forms and opinions keep `from` (history);
    /// `from` becomes inactive and remembers where it went.
    async fn merge_groups(
        &self,
        commune_id: CommuneId,
        from: GroupId,
        into: GroupId,
    ) -> Decided<()>;
    /// The commune's departments.
    async fn departments(&self, commune_id: CommuneId) -> Result<Vec<DepartmentRow>, StoreError>;
    /// Renames a department.
    async fn rename_department(
        &self,
        commune_id: CommuneId,
        department_id: DepartmentId,
        name: &str,
    ) -> Decided<()>;
    /// The commune's topics.
    async fn topics(&self, commune_id: CommuneId) -> Result<Vec<TopicRow>, StoreError>;
    /// Renames a topic and sets its default department (one of the commune's).
    async fn update_topic(
        &self,
        commune_id: CommuneId,
        topic_id: TopicId,
        name: &str,
        default_department: Option<DepartmentId>,
    ) -> Decided<()>;
    /// The national calendar entries the administrator stored for `year`.
    async fn holiday_entries(&self, year: i32) -> Result<Vec<CalendarDay>, StoreError>;
    /// Stores a national entry for its date, replacing any entry of that date.
    async fn set_holiday(&self, day: &CalendarDay) -> Result<(), StoreError>;
    /// Removes the national entry of a date; false when there was none.
    async fn remove_holiday(&self, date: NaiveDate) -> Result<bool, StoreError>;
}
