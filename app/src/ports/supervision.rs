//! Supervision (giám sát) by the Fatherland Front (MTTQ): every item the conclusion notices
//! decided, and the notes MTTQ adds. Notes never change an answer or a disposition.

use async_trait::async_trait;

use super::{Acting, Decided, StoreError};
use crate::api::conclusion::SupervisedItem;
use crate::domain::ids::{CommuneId, IssueId};

/// The supervision view and its notes.
#[async_trait]
pub trait Supervision: Send + Sync {
    /// Every item of the commune's issued notices, newest campaigns first, with their notes.
    async fn supervised_items(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<SupervisedItem>, StoreError>;
    /// Adds a note to an issue of the commune, and to its audit trail.
    async fn add_note(
        &self,
        commune_id: CommuneId,
        issue_id: IssueId,
        body: &str,
        acting: Acting,
    ) -> Decided<()>;
}
