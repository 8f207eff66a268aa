//! Typed ids: one newtype per kind of record, so that a campaign id can never be passed where a
//! commune id is wanted. On the wire and in the databases they are plain UUIDs; on the server
//! (`ssr`) they bind and decode as such, so rows read straight into typed ids.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(Uuid);

        impl $name {
            /// A new id, time-ordered (UUIDv7), as the phone and the server make them.
            pub fn new() -> $name {
                $name(Uuid::now_v7())
            }

            /// The id of a record whose UUID was read from storage or a trusted source.
            pub const fn from_uuid(uuid: Uuid) -> $name {
                $name(uuid)
            }

            /// The UUID, for storage.
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> $name {
                $name::new()
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> $name {
                $name(uuid)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(text: &str) -> Result<$name, uuid::Error> {
                Uuid::parse_str(text).map($name)
            }
        }
    )*};
}

ids! {
    /// A commune or ward (xã, phường, đặc khu): the tenant.
    CommuneId;
    /// A thôn or tổ dân phố.
    GroupId;
    /// A department or body of the commune that answers issues.
    DepartmentId;
    /// A topic (nhóm nội dung) of the commune.
    TopicId;
    /// A user account.
    UserId;
    /// A dialogue campaign (đợt đối thoại).
    CampaignId;
    /// A form, made on the phone when first drafted.
    FormId;
    /// One opinion of a form, made on the phone.
    OpinionId;
    /// An issue: opinions merged for one answer.
    IssueId;
    /// The assignment of an issue to a department.
    AssignmentId;
    /// A department's answer to an issue.
    AnswerId;
    /// A resident on the conference's speakers' list.
    SpeakerId;
    /// One version of a conclusion notice (thông báo kết luận).
    ConclusionId;
    /// One disposition of a conclusion notice.
    ConclusionItemId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_bare_uuid_on_the_wire() {
        let id = CampaignId::new();
        let json = serde_json::to_string(&id).expect("json");
        assert_eq!(json, format!("\"{}\"", id.uuid()));
        assert_eq!(serde_json::from_str::<CampaignId>(&json).expect("read"), id);
        assert_eq!(id.to_string().parse::<CampaignId>().expect("parse"), id);
    }

    #[test]
    fn new_ids_are_time_ordered() {
        let first = FormId::new();
        let second = FormId::new();
        assert!(first < second);
    }

    #[test]
    fn a_malformed_id_is_an_error() {
        assert!("not-an-id".parse::<CommuneId>().is_err());
    }
}
