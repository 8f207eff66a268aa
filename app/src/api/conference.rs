//! Wire types of the conference (hội nghị đối thoại): the list of residents who asked to speak.

use serde::{Deserialize, Serialize};

use crate::api::NamedRef;
use chrono::NaiveDate;

use crate::domain::ids::{GroupId, OpinionId, SpeakerId, TopicId};

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

pub use crate::domain::conference::{ConferenceRecord, Delegation, DelegationLevel, SpeakerNote};

/// A speaker with what the secretary noted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerEntry {
    /// Id.
    pub id: SpeakerId,
    /// Place in the speaking order.
    pub position: i64,
    /// Name as registered.
    pub name: String,
    /// Their thôn / tổ dân phố.
    pub group: Option<String>,
    /// What they registered to raise.
    pub topic_note: String,
    /// What they raised and how it was answered.
    pub note: SpeakerNote,
}

/// An opinion first raised at the conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaisedOpinion {
    /// Id.
    pub id: OpinionId,
    /// What was said.
    pub body: String,
    /// Group name.
    pub group: String,
    /// Topic name.
    pub topic: String,
    /// Who raised it, when on the speakers' list.
    pub speaker: Option<String>,
}

/// A new opinion raised at the conference, to be classified like any other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConferenceOpinion {
    /// The speaker who raised it, if on the list.
    pub speaker_id: Option<SpeakerId>,
    /// The group it concerns.
    pub group_id: GroupId,
    /// Its topic.
    pub topic_id: TopicId,
    /// What was said.
    pub body: String,
}

/// The conference page: the record, the speakers with their notes, new opinions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConferenceSheet {
    /// Campaign title.
    pub title: String,
    /// The plan's date and place, before a record exists.
    pub planned: (Option<NaiveDate>, String),
    /// The record, once saved.
    pub record: Option<ConferenceRecord>,
    /// Speakers in order.
    pub speakers: Vec<SpeakerEntry>,
    /// Opinions raised at the conference.
    pub raised: Vec<RaisedOpinion>,
    /// The campaign's groups.
    pub groups: Vec<NamedRef<GroupId>>,
    /// The campaign's topics.
    pub topics: Vec<NamedRef<TopicId>>,
}
