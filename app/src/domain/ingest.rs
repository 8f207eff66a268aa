//! Storing a synced form exactly once: what the server decides when a copy arrives. The
//! backends load the facts and write what is decided here, inside one transaction; they decide
//! nothing themselves, so SQLite and PostgreSQL cannot drift apart.

use crate::api::{FormOutcome, FormSubmission};
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::campaign::CampaignStage;
use crate::domain::form::CLOCK_SLACK_HOURS;
use crate::domain::ids::{CampaignId, CommuneId, FormId, OpinionId, TopicId, UserId};

/// Why a form was not stored. The messages go back to the collector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The campaign is unknown, of another commune, or not collecting.
    CampaignNotOpen,
    /// The group is not one of the campaign's.
    GroupNotInCampaign,
    /// A topic is not one of the campaign's.
    TopicNotInCampaign,
    /// Another form of the commune already has this receipt code.
    ReceiptCodeTaken,
    /// The form id or an opinion id belongs to another collector's form.
    NotYours,
    /// A new revision names another campaign than the stored form: it would rewrite opinions
    /// of a campaign that may be closed, classified or answered.
    CampaignChanged,
    /// Filled in more than a day before the campaign was created: the phone's clock is wrong.
    FilledBeforeCampaign,
    /// Filled after the collection deadline, or sent too long after it.
    CollectionEnded,
}

impl Refusal {
    /// Vietnamese explanation with what to do.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::CampaignNotOpen => {
                "Đợt đối thoại này không còn nhận phiếu. Hãy liên hệ Văn phòng HĐND-UBND."
            }
            Refusal::GroupNotInCampaign => {
                "Thôn, tổ dân phố đã chọn không thuộc đợt đối thoại này."
            }
            Refusal::TopicNotInCampaign => "Nhóm nội dung đã chọn không thuộc đợt đối thoại này.",
            Refusal::ReceiptCodeTaken => {
                "Mã tra cứu trùng với phiếu khác. Hãy mở phiếu, tạo mã mới và gửi lại."
            }
            Refusal::NotYours => "Phiếu này đã được người khác gửi lên; không thể ghi đè.",
            Refusal::FilledBeforeCampaign => {
                "Ngày điền phiếu sớm hơn ngày lập đợt đối thoại: ngày giờ trên điện thoại bị sai. \
                 Hãy chỉnh lại ngày giờ của máy rồi liên hệ Văn phòng HĐND-UBND."
            }
            Refusal::CollectionEnded => {
                "Đợt đối thoại đã hết hạn thu phiếu; phiếu không được nhận. Phiếu vẫn được giữ \
                 trên máy. Nếu cần gia hạn, hãy liên hệ Văn phòng HĐND-UBND."
            }
            Refusal::CampaignChanged => {
                "Phiếu đã gửi thuộc một đợt đối thoại khác; không thể chuyển sang đợt này. \
                 Hãy lập phiếu mới cho đợt này."
            }
        }
    }
}

/// What storing a form did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingest {
    /// A new form was stored.
    Stored,
    /// A newer revision replaced the collector's fields (staff classification kept).
    Revised,
    /// Same id, revision and content as before.
    SameContent,
    /// Same id and revision, different content: kept for a person to review.
    Conflict,
    /// Older than what the server has, which holds this revision.
    Stale(u32),
    /// Not stored.
    Refused(Refusal),
}

impl Ingest {
    /// The answer the phone gets for this form.
    pub fn outcome(self) -> FormOutcome {
        match self {
            Ingest::Stored | Ingest::Revised => FormOutcome::Accepted,
            Ingest::SameContent => FormOutcome::AlreadyHad,
            Ingest::Conflict => FormOutcome::Conflict,
            Ingest::Stale(current_revision) => FormOutcome::Stale { current_revision },
            Ingest::Refused(refusal) => FormOutcome::Rejected {
                reason: refusal.message().into(),
            },
        }
    }
}

/// What the server already holds under the incoming form's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredForm {
    /// The commune it was stored for.
    pub commune_id: CommuneId,
    /// The collector who sent it.
    pub collector_id: UserId,
    /// The campaign it was stored for.
    pub campaign_id: CampaignId,
    /// The revision held.
    pub revision: u32,
    /// Hash of the held content.
    pub content_hash: String,
}

/// Who sends a copy, and what it is.
#[derive(Debug, Clone, Copy)]
pub struct Arrival<'a> {
    /// The collector's commune, from the session.
    pub commune_id: CommuneId,
    /// The collector, from the session.
    pub collector_id: UserId,
    /// The copy, validated and normalised.
    pub form: &'a FormSubmission,
    /// Hash of its content (revision excluded).
    pub content_hash: &'a str,
}

/// The first judgement, on the id alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstLook {
    /// Nothing to write: answer this.
    Answer(Ingest),
    /// Same revision, different content: keep the copy aside for review, answer `Conflict`.
    KeepConflict,
    /// A new form (`revises` false) or a newer revision: check its scope, then write it.
    CheckScope {
        /// The form exists and this copy replaces the collector's fields.
        revises: bool,
    },
}

/// Judges a copy against what the server holds under its id.
pub fn first_look(stored: Option<&StoredForm>, arrival: &Arrival<'_>) -> FirstLook {
    let Some(stored) = stored else {
        return FirstLook::CheckScope { revises: false };
    };
    if stored.commune_id != arrival.commune_id || stored.collector_id != arrival.collector_id {
        return FirstLook::Answer(Ingest::Refused(Refusal::NotYours));
    }
    let revision = arrival.form.revision;
    if revision < stored.revision {
        FirstLook::Answer(Ingest::Stale(stored.revision))
    } else if revision == stored.revision {
        if stored.content_hash == arrival.content_hash {
            FirstLook::Answer(Ingest::SameContent)
        } else {
            FirstLook::KeepConflict
        }
    } else if stored.campaign_id != arrival.form.campaign_id {
        FirstLook::Answer(Ingest::Refused(Refusal::CampaignChanged))
    } else {
        FirstLook::CheckScope { revises: true }
    }
}

/// Days after the collection deadline during which forms filled in time are still taken: a
/// collector in a village without signal syncs when they next reach the ward.
pub const LATE_SYNC_GRACE_DAYS: i64 = 3;

/// What the scope check needs, read inside the ingest transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeFacts {
    /// The stage of the named campaign when it belongs to the collector's commune.
    pub campaign_stage: Option<CampaignStage>,
    /// When that campaign was created.
    pub campaign_created_at: Option<DateTime<Utc>>,
    /// The campaign's last day of collection.
    pub collection_deadline: Option<NaiveDate>,
    /// The day the copy arrived, in Vietnam.
    pub received_on: Option<NaiveDate>,
    /// The named group takes part in the campaign.
    pub group_in_campaign: bool,
    /// The campaign's topics.
    pub campaign_topics: Vec<TopicId>,
    /// The form of the commune that already has the receipt code, if any.
    pub receipt_code_holder: Option<FormId>,
    /// For each opinion id of the copy that the server already knows, the form holding it.
    pub opinion_holders: Vec<(OpinionId, FormId)>,
}

/// Campaign open in this commune, group and topics in the campaign, receipt code and opinion
/// ids free (or already this form's). `None` when everything is in order.
pub fn scope_refusal(form: &FormSubmission, facts: &ScopeFacts) -> Option<Refusal> {
    if !facts
        .campaign_stage
        .is_some_and(CampaignStage::accepts_forms)
    {
        return Some(Refusal::CampaignNotOpen);
    }
    let slack = chrono::Duration::hours(CLOCK_SLACK_HOURS);
    if facts
        .campaign_created_at
        .is_some_and(|created| form.filled_at < created - slack)
    {
        return Some(Refusal::FilledBeforeCampaign);
    }
    if let Some(deadline) = facts.collection_deadline {
        let filled_on = crate::domain::today_in_vietnam(form.filled_at);
        let grace = deadline + chrono::Duration::days(LATE_SYNC_GRACE_DAYS);
        if filled_on > deadline || facts.received_on.is_some_and(|day| day > grace) {
            return Some(Refusal::CollectionEnded);
        }
    }
    if !facts.group_in_campaign {
        return Some(Refusal::GroupNotInCampaign);
    }
    if form
        .opinions
        .iter()
        .any(|o| !facts.campaign_topics.contains(&o.topic_id))
    {
        return Some(Refusal::TopicNotInCampaign);
    }
    if facts.receipt_code_holder.is_some_and(|f| f != form.id) {
        return Some(Refusal::ReceiptCodeTaken);
    }
    if facts.opinion_holders.iter().any(|(_, f)| *f != form.id) {
        return Some(Refusal::NotYours);
    }
    None
}

/// An opinion the server holds for a form being revised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldOpinion {
    /// Its id.
    pub id: OpinionId,
    /// Its text as stored.
    pub body: String,
    /// Staff merged it into an issue.
    pub in_issue: bool,
    /// Staff classified it (its topic is theirs from then on).
    pub classified: bool,
}

/// Opinions the collector removed in a new revision go, unless staff already merged them into
/// an issue: the issue's supporters must not vanish under it.
pub fn opinions_to_drop(form: &FormSubmission, held: &[HeldOpinion]) -> Vec<OpinionId> {
    held.iter()
        .filter(|h| !h.in_issue && !form.opinions.iter().any(|o| o.id == h.id))
        .map(|h| h.id)
        .collect()
}

/// A revision that rewrites the text of an opinion staff merged into an issue waits for staff
/// (as a conflict) instead of changing what the issue's supporters said under it.
pub fn rewrites_merged_text(form: &FormSubmission, held: &[HeldOpinion]) -> bool {
    held.iter().filter(|h| h.in_issue).any(|h| {
        form.opinions
            .iter()
            .any(|o| o.id == h.id && o.text != h.body)
    })
}

/// The topic to write for an opinion of a new revision: the collector's, until staff classify
/// the opinion; from then on the topic is theirs (`None`: keep what is stored).
pub fn collector_topic(
    opinion: &crate::api::OpinionEntry,
    held: &[HeldOpinion],
) -> Option<TopicId> {
    match held.iter().find(|h| h.id == opinion.id) {
        Some(h) if h.classified => None,
        _ => Some(opinion.topic_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{OpinionEntry, Respondent};
    use crate::domain::ids::GroupId;
    use crate::domain::respondent::RespondentKind;

    fn form(revision: u32) -> FormSubmission {
        FormSubmission {
            id: FormId::new(),
            revision,
            campaign_id: CampaignId::from_uuid(uuid::Uuid::nil()),
            group_id: GroupId::new(),
            receipt_code: "ABCD-EFGH".into(),
            respondent: Respondent {
                name: None,
                anonymous: true,
                household: None,
                phone: None,
                kind: RespondentKind::Resident,
            },
            opinions: vec![OpinionEntry {
                id: OpinionId::new(),
                topic_id: TopicId::new(),
                text: "Đường làng xuống cấp.".into(),
            }],
            proposal: None,
            wants_to_speak: false,
            consent: true,
            consent_version: None,
            filled_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn look(stored: Option<&StoredForm>, form: &FormSubmission, hash: &'static str) -> FirstLook {
        first_look(
            stored,
            &Arrival {
                commune_id: CommuneId::from_uuid(uuid::Uuid::nil()),
                collector_id: UserId::from_uuid(uuid::Uuid::max()),
                form,
                content_hash: hash,
            },
        )
    }

    fn held(revision: u32, hash: &str) -> StoredForm {
        StoredForm {
            commune_id: CommuneId::from_uuid(uuid::Uuid::nil()),
            collector_id: UserId::from_uuid(uuid::Uuid::max()),
            campaign_id: CampaignId::from_uuid(uuid::Uuid::nil()),
            revision,
            content_hash: hash.into(),
        }
    }

    #[test]
    fn each_copy_of_a_form_is_judged_by_revision_and_content() {
        let copy = form(2);
        let cases = [
            (None, FirstLook::CheckScope { revises: false }),
            (Some(held(1, "a")), FirstLook::CheckScope { revises: true }),
            (Some(held(2, "h")), FirstLook::Answer(Ingest::SameContent)),
            (Some(held(2, "other")), FirstLook::KeepConflict),
            (Some(held(3, "h")), FirstLook::Answer(Ingest::Stale(3))),
        ];
        for (stored, expected) in cases {
            assert_eq!(look(stored.as_ref(), &copy, "h"), expected, "{stored:?}");
        }
    }

    #[test]
    fn a_revision_cannot_move_a_form_to_another_campaign() {
        let mut moved = form(2);
        moved.campaign_id = CampaignId::new();
        assert_eq!(
            look(Some(&held(1, "h")), &moved, "other"),
            FirstLook::Answer(Ingest::Refused(Refusal::CampaignChanged))
        );
        // the same copy again is still judged by its content, and an older one is stale
        assert_eq!(
            look(Some(&held(3, "h")), &moved, "h"),
            FirstLook::Answer(Ingest::Stale(3))
        );
    }

    #[test]
    fn another_collectors_form_is_never_overwritten() {
        let copy = form(5);
        let mut stored = held(1, "h");
        stored.collector_id = UserId::new();
        assert_eq!(
            look(Some(&stored), &copy, "h"),
            FirstLook::Answer(Ingest::Refused(Refusal::NotYours))
        );
        let mut stored = held(1, "h");
        stored.commune_id = CommuneId::new();
        assert_eq!(
            look(Some(&stored), &copy, "h"),
            FirstLook::Answer(Ingest::Refused(Refusal::NotYours))
        );
    }

    fn open_facts(form: &FormSubmission) -> ScopeFacts {
        ScopeFacts {
            campaign_stage: Some(CampaignStage::Collecting),
            campaign_created_at: Some(form.filled_at - chrono::Duration::days(30)),
            collection_deadline: Some(crate::domain::today_in_vietnam(form.filled_at)),
            received_on: Some(
                crate::domain::today_in_vietnam(form.filled_at) + chrono::Duration::days(3),
            ),
            group_in_campaign: true,
            campaign_topics: form.opinions.iter().map(|o| o.topic_id).collect(),
            receipt_code_holder: None,
            opinion_holders: Vec::new(),
        }
    }

    #[test]
    fn a_form_in_scope_is_accepted_and_each_fault_is_named() {
        let copy = form(1);
        assert_eq!(scope_refusal(&copy, &open_facts(&copy)), None);
        let mut own = open_facts(&copy);
        own.receipt_code_holder = Some(copy.id);
        own.opinion_holders = vec![(copy.opinions[0].id, copy.id)];
        assert_eq!(
            scope_refusal(&copy, &own),
            None,
            "a revision holds its own code"
        );

        type Spoil = fn(&mut ScopeFacts);
        let faults: [(Spoil, Refusal); 9] = [
            (
                |f| f.collection_deadline = f.collection_deadline.and_then(|d| d.pred_opt()),
                Refusal::CollectionEnded,
            ),
            (
                |f| f.received_on = f.received_on.and_then(|d| d.succ_opt()),
                Refusal::CollectionEnded,
            ),
            (|f| f.campaign_stage = None, Refusal::CampaignNotOpen),
            (
                |f| {
                    f.campaign_created_at = f
                        .campaign_created_at
                        .map(|t| t + chrono::Duration::days(32))
                },
                Refusal::FilledBeforeCampaign,
            ),
            (
                |f| f.campaign_stage = Some(CampaignStage::Answering),
                Refusal::CampaignNotOpen,
            ),
            (|f| f.group_in_campaign = false, Refusal::GroupNotInCampaign),
            (|f| f.campaign_topics.clear(), Refusal::TopicNotInCampaign),
            (
                |f| f.receipt_code_holder = Some(FormId::new()),
                Refusal::ReceiptCodeTaken,
            ),
            (
                |f| f.opinion_holders = vec![(OpinionId::new(), FormId::new())],
                Refusal::NotYours,
            ),
        ];
        for (spoil, expected) in faults {
            let mut facts = open_facts(&copy);
            spoil(&mut facts);
            assert_eq!(scope_refusal(&copy, &facts), Some(expected));
        }
    }

    #[test]
    fn a_removed_opinion_goes_unless_it_supports_an_issue() {
        let copy = form(2);
        let kept = held_opinion(copy.opinions[0].id, "", false, false);
        let removed = held_opinion(OpinionId::new(), "", false, true);
        let merged = held_opinion(OpinionId::new(), "", true, true);
        assert_eq!(
            opinions_to_drop(&copy, &[kept, removed.clone(), merged]),
            vec![removed.id]
        );
    }

    fn held_opinion(id: OpinionId, body: &str, in_issue: bool, classified: bool) -> HeldOpinion {
        HeldOpinion {
            id,
            body: body.into(),
            in_issue,
            classified,
        }
    }

    #[test]
    fn only_a_changed_text_of_a_merged_opinion_waits_for_staff() {
        let copy = form(2);
        let first = &copy.opinions[0];
        let same = held_opinion(first.id, &first.text, true, true);
        assert!(!rewrites_merged_text(&copy, &[same]));
        let changed_free = held_opinion(first.id, "chữ cũ", false, true);
        assert!(!rewrites_merged_text(&copy, &[changed_free]));
        let changed_merged = held_opinion(first.id, "chữ cũ", true, true);
        assert!(rewrites_merged_text(&copy, &[changed_merged]));
    }

    #[test]
    fn staff_keep_the_topic_of_an_opinion_they_classified() {
        let copy = form(2);
        let opinion = &copy.opinions[0];
        let held = |classified| held_opinion(opinion.id, &opinion.text, false, classified);
        assert_eq!(collector_topic(opinion, &[]), Some(opinion.topic_id));
        assert_eq!(
            collector_topic(opinion, &[held(false)]),
            Some(opinion.topic_id)
        );
        assert_eq!(collector_topic(opinion, &[held(true)]), None);
    }

    #[test]
    fn every_ingest_answers_the_phone() {
        assert!(Ingest::Stored.outcome().is_acknowledged());
        assert!(Ingest::Revised.outcome().is_acknowledged());
        assert!(Ingest::SameContent.outcome().is_acknowledged());
        assert!(Ingest::Stale(4).outcome().is_acknowledged());
        assert!(!Ingest::Conflict.outcome().is_acknowledged());
        assert_eq!(
            Ingest::Refused(Refusal::ReceiptCodeTaken).outcome(),
            FormOutcome::Rejected {
                reason: Refusal::ReceiptCodeTaken.message().into()
            }
        );
    }
}
