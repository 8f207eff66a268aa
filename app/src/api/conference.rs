//! Wire types of the conference (hội nghị đối thoại): the list of residents who asked to speak.

use serde::{Deserialize, Serialize};

use crate::api::NamedRef;
use crate::domain::ids::{GroupId, SpeakerId};

/// One resident on the speakers' list, in speaking order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRow {
    /// Id.
    pub id: SpeakerId,
    /// Place in the speaking order, from 1.
    pub position: i64,
    /// Name as registered ("Ẩn danh" when the resident gave none).
    pub name: String,
    /// Their thôn / tổ dân phố.
    pub group: Option<String>,
    /// What they want to raise (the first opinion of their form, or the secretary's note).
    pub topic_note: String,
    /// Registered at the door rather than on a form.
    pub walk_in: bool,
}

/// The speakers' list of a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerList {
    /// Campaign title.
    pub title: String,
    /// In speaking order.
    pub speakers: Vec<SpeakerRow>,
    /// Forms that ask to speak and are not on the list yet.
    pub waiting: i64,
    /// The campaign's groups, for walk-ins.
    pub groups: Vec<NamedRef<GroupId>>,
}
