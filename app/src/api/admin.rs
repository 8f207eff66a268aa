//! Wire types of the administrator's screens: what the server functions send and receive.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
