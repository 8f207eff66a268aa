//! Wire types of form conflicts: what the server functions send and receive.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One version of a form, as staff compare them (no personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormVersion {
    /// The opinions' texts, in order.
    pub opinions: Vec<String>,
    /// Proposal.
    pub proposal: String,
    /// Registered to speak at the conference.
    pub wants_to_speak: bool,
}

/// A held copy waiting for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictCard {
    /// Conflict id.
    pub id: i64,
    /// Form id.
    pub form_id: Uuid,
    /// Receipt code.
    pub receipt_code: String,
    /// Group.
    pub group: String,
    /// Collector.
    pub collector: String,
    /// When the held copy arrived.
    pub received_at: DateTime<Utc>,
    /// What the server has.
    pub stored: FormVersion,
    /// What was held.
    pub held: FormVersion,
}
