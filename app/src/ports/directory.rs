//! Communes and what belongs to them: the working calendar, the administrator's overview.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::StoreError;
use crate::api::admin::CommuneSummary;
use crate::domain::calendar::DayKind;
use crate::domain::ids::CommuneId;

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
}
