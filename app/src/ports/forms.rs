//! Forms from the phones: the reference data they are filled against, storing each exactly
//! once, and the copies held for review when two differ.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Decided, StoreError};
use crate::api::conflicts::ConflictCard;
use crate::api::{CampaignRef, FormSubmission};
use crate::domain::ids::{CampaignId, CommuneId, UserId};
use crate::domain::ingest::{Arrival, Ingest};

/// A held copy of a form and what resolving it needs.
#[derive(Debug, Clone)]
pub struct HeldForm {
    /// The held submission.
    pub form: FormSubmission,
    /// Hash of its content (revision excluded).
    pub content_hash: String,
    /// The collector who sent it.
    pub collector_id: UserId,
    /// The revision the server has now.
    pub stored_revision: u32,
}

/// The forms of a commune.
#[async_trait]
pub trait Forms: Send + Sync {
    /// Open campaigns of a collector's groups, with groups and topics, for offline forms;
    /// with `every_group`, every group of every open campaign (staff typing in paper forms).
    async fn collector_reference(
        &self,
        commune_id: CommuneId,
        collector_id: UserId,
        every_group: bool,
    ) -> Result<Vec<CampaignRef>, StoreError>;
    /// Stores one form exactly once, as [`crate::domain::ingest`] decides, in one
    /// transaction. The form is already validated and NFC-normalised.
    async fn ingest_form(
        &self,
        arrival: Arrival<'_>,
        now: DateTime<Utc>,
    ) -> Result<Ingest, StoreError>;
    /// Stores a batch of forms, each judged exactly as [`Forms::ingest_form`] would, answering
    /// in order. A backend may commit the whole batch at once (one durable write instead of one
    /// per form); either way nothing is answered before it is committed.
    async fn ingest_forms(
        &self,
        arrivals: &[Arrival<'_>],
        now: DateTime<Utc>,
    ) -> Result<Vec<Ingest>, StoreError> {
        let mut outcomes = Vec::with_capacity(arrivals.len());
        for arrival in arrivals {
            outcomes.push(self.ingest_form(*arrival, now).await?);
        }
        Ok(outcomes)
    }
    /// Unresolved form conflicts of a campaign, oldest first.
    async fn form_conflicts(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Vec<ConflictCard>, StoreError>;
    /// An unresolved conflict's held copy; `None` when unknown, resolved or of another commune.
    async fn held_form(
        &self,
        commune_id: CommuneId,
        conflict_id: i64,
    ) -> Result<Option<HeldForm>, StoreError>;
    /// Resolves a conflict in one transaction: marks it resolved, audits the choice and, given
    /// the `held` copy, stores it as the revision after the one stored now. `None` when the
    /// stored form was kept; an outcome other than `Revised`/`SameContent` wrote nothing.
    async fn close_conflict(
        &self,
        commune_id: CommuneId,
        conflict_id: i64,
        held: Option<&HeldForm>,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<Option<Ingest>>;
}
