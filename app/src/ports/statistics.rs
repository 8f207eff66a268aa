//! Counts for the periodic statistics.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::StoreError;
use crate::api::statistics::PeriodFacts;
use crate::domain::ids::CommuneId;

/// Aggregates over a commune's campaigns whose conference was held between two days.
#[async_trait]
pub trait Statistics: Send + Sync {
    /// The period's counts, `from` and `to` included.
    async fn period_facts(
        &self,
        commune_id: CommuneId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PeriodFacts, StoreError>;
}
