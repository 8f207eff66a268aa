//! The sync wire contract between the collector's phone and the server. Paths are versioned and
//! fixed: a phone that was offline for a week still talks to the new server. Documented in
//! README ("Sync API").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ids::{CampaignId, FormId, GroupId, OpinionId, TopicId};
use crate::domain::respondent::RespondentKind;

/// Submit a batch of forms.
pub const SYNC_FORMS_PATH: &str = "/api/v1/sync/forms";
/// The collector's reference data (campaigns, groups, topics) for offline use.
pub const REFERENCE_PATH: &str = "/api/v1/collect/reference";
/// Largest accepted request body; larger gets 413.
pub const MAX_SYNC_BODY_BYTES: usize = 1024 * 1024;
/// Most forms in one batch; more gets 422.
pub const MAX_FORMS_PER_BATCH: usize = 200;

/// Who answered (thành phần). Every personal field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    /// Full name; empty when anonymous.
    pub name: Option<String>,
    /// The resident asked not to be named.
    pub anonymous: bool,
    /// Household or address.
    pub household: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Respondent kind.
    pub kind: RespondentKind,
}

/// One opinion on a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionEntry {
    /// Made on the phone.
    pub id: OpinionId,
    /// Topic chosen by the collector (staff may change it later).
    pub topic_id: TopicId,
    /// What the resident said.
    pub text: String,
}

/// A form as the phone sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSubmission {
    /// UUIDv7 made on the phone when the form was first drafted.
    pub id: FormId,
    /// 1 for the first send; each edit after sync sends the next number.
    pub revision: u32,
    /// Campaign.
    pub campaign_id: CampaignId,
    /// Group (thôn / tổ dân phố).
    pub group_id: GroupId,
    /// Receipt code given to the resident (XXXX-XXXX).
    pub receipt_code: String,
    /// Who answered.
    pub respondent: Respondent,
    /// One or more opinions.
    pub opinions: Vec<OpinionEntry>,
    /// Proposal (kiến nghị, đề xuất).
    pub proposal: Option<String>,
    /// Wants to speak at the conference (phiếu đăng ký phát biểu).
    pub wants_to_speak: bool,
    /// The resident agreed to their personal data being recorded.
    pub consent: bool,
    /// The version of the consent text the collector read out (`domain::personal_data`).
    /// Absent from phones older than the versioned text, and then left out of the JSON so
    /// that their forms hash as they always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_version: Option<String>,
    /// When the collector saved it, on the phone's clock.
    pub filled_at: DateTime<Utc>,
}

/// `POST /api/v1/sync/forms` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// The batch; each form is judged on its own.
    pub forms: Vec<FormSubmission>,
}

/// What happened to one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FormOutcome {
    /// Stored now.
    Accepted,
    /// Stored before with identical content: success, nothing changed.
    AlreadyHad,
    /// The same id and revision arrived with different content: kept for a person to review.
    Conflict,
    /// An older revision than the server has: ignored.
    Stale {
        /// The revision the server holds.
        current_revision: u32,
    },
    /// Not stored; the reason is for the collector (Vietnamese) and says what to fix.
    Rejected {
        /// Vietnamese explanation.
        reason: String,
    },
}

impl FormOutcome {
    /// The server holds this revision (or a newer one): the phone may drop the body.
    pub fn is_acknowledged(&self) -> bool {
        matches!(
            self,
            FormOutcome::Accepted | FormOutcome::AlreadyHad | FormOutcome::Stale { .. }
        )
    }
}

/// The server's answer for one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FormResultWire")]
pub struct FormResult {
    /// Form id.
    pub id: FormId,
    /// Revision judged.
    pub revision: u32,
    /// Outcome.
    #[serde(flatten)]
    pub outcome: FormOutcome,
}

/// A [`FormResult`] as it stands in the JSON, flat. Reading through it spares the phone's
/// bundle serde's buffering of a flattened, internally tagged enum (several KB).
#[derive(Deserialize)]
struct FormResultWire {
    id: FormId,
    revision: u32,
    status: String,
    #[serde(default)]
    current_revision: Option<u32>,
    #[serde(default)]
    reason: Option<String>,
}

impl TryFrom<FormResultWire> for FormResult {
    type Error = String;

    fn try_from(wire: FormResultWire) -> Result<FormResult, String> {
        let outcome = match (wire.status.as_str(), wire.current_revision, wire.reason) {
            ("accepted", _, _) => FormOutcome::Accepted,
            ("already_had", _, _) => FormOutcome::AlreadyHad,
            ("conflict", _, _) => FormOutcome::Conflict,
            ("stale", Some(current_revision), _) => FormOutcome::Stale { current_revision },
            ("rejected", _, Some(reason)) => FormOutcome::Rejected { reason },
            (status, _, _) => return Err(format!("unknown or incomplete form status `{status}`")),
        };
        Ok(FormResult {
            id: wire.id,
            revision: wire.revision,
            outcome,
        })
    }
}

/// `POST /api/v1/sync/forms` answer (HTTP 200 even when some forms are rejected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    /// One result per submitted form, in order.
    pub results: Vec<FormResult>,
    /// Server clock, so the phone can show a trustworthy last-sync time.
    pub server_time: DateTime<Utc>,
}

/// A whole-request error (401, 403, 413, 400/422): English for logs, Vietnamese for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable machine code, e.g. `unauthenticated`, `payload_too_large`.
    pub code: String,
    /// English description.
    pub error: String,
    /// Vietnamese message for the collector.
    pub message: String,
}

/// A group or topic as the collector's phone keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef<I> {
    /// Id.
    pub id: I,
    /// Display name.
    pub name: String,
}

/// An open campaign with what a form for it may reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRef {
    /// Campaign id.
    pub id: CampaignId,
    /// Title.
    pub title: String,
    /// Collection deadline, if set.
    pub collection_deadline: Option<chrono::NaiveDate>,
    /// The collector's groups in this campaign.
    pub groups: Vec<NamedRef<GroupId>>,
    /// Topics in form order.
    pub topics: Vec<NamedRef<TopicId>>,
}

/// `GET /api/v1/collect/reference` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceData {
    /// Campaigns open for collection in the collector's groups.
    pub campaigns: Vec<CampaignRef>,
    /// The collector's name, shown on the form.
    pub collector_name: String,
    /// Where residents look up their receipt codes (`/cong-khai/<xã>/tra-cuu`), shown with the
    /// code. Absent from reference data cached by older releases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_path: Option<String>,
    /// When the server produced this.
    pub fetched_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_result_reads_back_as_it_was_written() {
        let id = FormId::new();
        for outcome in [
            FormOutcome::Accepted,
            FormOutcome::AlreadyHad,
            FormOutcome::Conflict,
            FormOutcome::Stale {
                current_revision: 3,
            },
            FormOutcome::Rejected {
                reason: "Đợt đối thoại đã kết thúc thu phiếu.".into(),
            },
        ] {
            let result = FormResult {
                id,
                revision: 2,
                outcome,
            };
            let json = serde_json::to_string(&result).expect("json");
            assert!(json.contains("\"status\""), "flat on the wire: {json}");
            assert_eq!(
                serde_json::from_str::<FormResult>(&json).expect("read"),
                result
            );
        }
    }

    #[test]
    fn an_unknown_or_incomplete_status_is_an_error() {
        let id = FormId::new();
        for body in [
            format!(r#"{{"id":"{id}","revision":1,"status":"lost"}}"#),
            format!(r#"{{"id":"{id}","revision":1,"status":"stale"}}"#),
        ] {
            assert!(serde_json::from_str::<FormResult>(&body).is_err(), "{body}");
        }
    }
}
