//! The outbox: every form saved on the phone and where it stands. Pure state transitions, so
//! the rules ("a body leaves the phone only after the server acknowledged it", "an edit after
//! sync is a new revision") are tested natively. Once the server acknowledged a form, its body
//! (names, phones, households) leaves the phone: a shared phone keeps only what the list shows.

use crate::domain::ids::FormId;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{FormOutcome, FormResult, FormSubmission};

/// A `Sending` mark older than this is a send that never finished (tab closed, phone slept).
pub const SEND_TIMEOUT_SECS: i64 = 120;

/// Where a saved form stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryState {
    /// Chưa gửi.
    Pending,
    /// Đang gửi since this moment.
    Sending(DateTime<Utc>),
    /// Đã gửi: the server holds this revision; the body is gone from the phone.
    Sent(DateTime<Utc>),
    /// Bị từ chối, with the server's reason; the body stays for fixing.
    Rejected(String),
    /// The server holds other content under this id and revision; a person will review it.
    Conflict,
}

impl EntryState {
    /// Vietnamese label.
    pub fn label(&self) -> &'static str {
        match self {
            EntryState::Pending => "Chưa gửi",
            EntryState::Sending(_) => "Đang gửi",
            EntryState::Sent(_) => "Đã gửi",
            EntryState::Rejected(_) => "Bị từ chối",
            EntryState::Conflict => "Chờ cán bộ xem xét",
        }
    }
}

/// What the list of forms shows, kept after the body is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    /// Form id.
    pub id: FormId,
    /// Revision of the form as last saved.
    pub revision: u32,
    /// Receipt code given to the resident.
    pub receipt_code: String,
    /// Group name.
    pub group: String,
    /// Start of the first opinion.
    pub excerpt: String,
    /// Number of opinions.
    pub opinions: usize,
    /// When it was saved on the phone.
    pub saved_at: DateTime<Utc>,
}

/// One saved form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// For the list.
    pub summary: FormSummary,
    /// The full form; present until the server acknowledged it, then dropped.
    pub form: Option<FormSubmission>,
    /// Where it stands.
    pub state: EntryState,
}

/// Every form on this phone plus the sync bookkeeping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    /// Newest first.
    pub entries: Vec<OutboxEntry>,
    /// Consecutive failed sync attempts (network or server down).
    pub failures: u32,
    /// Do not try before this moment (exponential backoff).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Last successful exchange with the server (server clock).
    pub last_sync_at: Option<DateTime<Utc>>,
}

/// Wait after `failures` consecutive failures: 5 s, 10 s, 20 s… capped at 5 minutes.
pub fn backoff(failures: u32) -> Duration {
    let exponent = failures.saturating_sub(1).min(6);
    Duration::seconds((5_i64 << exponent).min(300))
}

fn excerpt(form: &FormSubmission) -> String {
    let text = form.opinions.first().map_or("", |o| o.text.as_str());
    crate::domain::text::excerpt(text, 80)
}

impl Outbox {
    /// The entry for a form id.
    pub fn get(&self, id: FormId) -> Option<&OutboxEntry> {
        self.entries.iter().find(|e| e.summary.id == id)
    }

    /// Saves a new or edited form and returns the revision it was saved under. An edit of a
    /// form the server may already hold (sent, sending, in conflict) becomes the next revision.
    pub fn save(&mut self, mut form: FormSubmission, group: String, now: DateTime<Utc>) -> u32 {
        let position = self.entries.iter().position(|e| e.summary.id == form.id);
        if let Some(existing) = position.map(|i| &self.entries[i]) {
            let held = matches!(
                existing.state,
                EntryState::Sent(_) | EntryState::Sending(_) | EntryState::Conflict
            );
            let base = existing.summary.revision.max(form.revision);
            form.revision = if held { base + 1 } else { base };
        }
        let entry = OutboxEntry {
            summary: FormSummary {
                id: form.id,
                revision: form.revision,
                receipt_code: form.receipt_code.clone(),
                group,
                excerpt: excerpt(&form),
                opinions: form.opinions.len(),
                saved_at: now,
            },
            form: Some(form),
            state: EntryState::Pending,
        };
        let revision = entry.summary.revision;
        if let Some(i) = position {
            self.entries.remove(i);
        }
        self.entries.insert(0, entry);
        revision
    }

    /// Forms waiting to go (pending, or stuck in an unfinished send).
    pub fn pending_count(&self, now: DateTime<Utc>) -> usize {
        self.entries
            .iter()
            .filter(|e| self.sendable(e, now))
            .count()
    }

    /// Forms not yet acknowledged by the server: logging out would lose them.
    pub fn unsent_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| !matches!(e.state, EntryState::Sent(_)))
            .count()
    }

    fn sendable(&self, entry: &OutboxEntry, now: DateTime<Utc>) -> bool {
        match entry.state {
            EntryState::Pending => entry.form.is_some(),
            EntryState::Sending(since) => {
                entry.form.is_some() && now - since > Duration::seconds(SEND_TIMEOUT_SECS)
            }
            _ => false,
        }
    }

    /// True when a sync may start now (something to send, backoff over).
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        self.pending_count(now) > 0 && self.next_attempt_at.is_none_or(|at| now >= at)
    }

    /// Marks up to `max` forms as sending and returns their bodies, oldest first.
    pub fn take_batch(&mut self, now: DateTime<Utc>, max: usize) -> Vec<FormSubmission> {
        let mut batch = Vec::new();
        for i in (0..self.entries.len()).rev() {
            if batch.len() == max {
                break;
            }
            if self.sendable(&self.entries[i], now) {
                let entry = &mut self.entries[i];
                entry.state = EntryState::Sending(now);
                if let Some(form) = &entry.form {
                    batch.push(form.clone());
                }
            }
        }
        batch
    }

    /// Applies the server's per-form answers. A result for an older revision than the phone
    /// now has (edited during the send) leaves the newer edit pending.
    pub fn apply(&mut self, results: &[FormResult], server_time: DateTime<Utc>) {
        for result in results {
            let Some(entry) = self.entries.iter_mut().find(|e| e.summary.id == result.id) else {
                continue;
            };
            if entry.summary.revision != result.revision {
                if matches!(entry.state, EntryState::Sending(_)) {
                    entry.state = EntryState::Pending;
                }
                continue;
            }
            match &result.outcome {
                outcome if outcome.is_acknowledged() => {
                    entry.state = EntryState::Sent(server_time);
                    entry.form = None;
                }
                FormOutcome::Rejected { reason } => {
                    entry.state = EntryState::Rejected(reason.clone())
                }
                _ => entry.state = EntryState::Conflict,
            }
        }
        self.failures = 0;
        self.next_attempt_at = None;
        self.last_sync_at = Some(server_time);
    }

    /// The send failed as a whole (no network, server error): everything in flight is pending
    /// again and the next attempt waits longer.
    pub fn fail(&mut self, now: DateTime<Utc>) {
        for entry in &mut self.entries {
            if matches!(entry.state, EntryState::Sending(_)) {
                entry.state = EntryState::Pending;
            }
        }
        self.failures = self.failures.saturating_add(1);
        self.next_attempt_at = Some(now + backoff(self.failures));
    }

    /// Takes in the forms of an older release's outbox that this one lacks (a repeated move adds
    /// nothing); returns how many. Acknowledged ones arrive without their body.
    pub fn adopt(&mut self, old: Outbox) -> usize {
        let mut added = 0;
        for mut entry in old.entries {
            if self.get(entry.summary.id).is_some() {
                continue;
            }
            if matches!(entry.state, EntryState::Sent(_)) {
                entry.form = None;
            }
            self.entries.push(entry);
            added += 1;
        }
        self.entries
            .sort_by_key(|e| std::cmp::Reverse(e.summary.saved_at));
        if self.last_sync_at.is_none() {
            self.last_sync_at = old.last_sync_at;
        }
        added
    }

    /// Sending → pending without counting a failure (login expired: nothing is wrong with the
    /// network, the collector has to log in again).
    pub fn abort(&mut self) {
        for entry in &mut self.entries {
            if matches!(entry.state, EntryState::Sending(_)) {
                entry.state = EntryState::Pending;
            }
        }
    }

    /// Retry at once (the "Đồng bộ" button, or the network just came back).
    pub fn retry_now(&mut self) {
        self.next_attempt_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{OpinionEntry, Respondent};
    use crate::domain::ids::{CampaignId, GroupId, OpinionId, TopicId};
    use crate::domain::respondent::RespondentKind;

    fn t(seconds: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + Duration::seconds(1_800_000_000 + seconds)
    }

    fn form(text: &str) -> FormSubmission {
        FormSubmission {
            id: FormId::new(),
            revision: 1,
            campaign_id: CampaignId::from_uuid(uuid::Uuid::nil()),
            group_id: GroupId::from_uuid(uuid::Uuid::nil()),
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
                topic_id: TopicId::from_uuid(uuid::Uuid::nil()),
                text: text.into(),
            }],
            proposal: None,
            wants_to_speak: false,
            consent: false,
            consent_version: None,
            filled_at: t(0),
        }
    }

    fn result(f: &FormSubmission, revision: u32, outcome: FormOutcome) -> FormResult {
        FormResult {
            id: f.id,
            revision,
            outcome,
        }
    }

    #[test]
    fn a_saved_form_is_pending_and_due() {
        let mut outbox = Outbox::default();
        outbox.save(form("a"), "Thôn An Sơn".into(), t(0));
        assert_eq!(outbox.pending_count(t(0)), 1);
        assert!(outbox.due(t(0)));
        assert_eq!(outbox.entries[0].state.label(), "Chưa gửi");
    }

    #[test]
    fn an_acknowledged_form_keeps_no_personal_data_on_the_phone() {
        let mut outbox = Outbox::default();
        let (mut sent, unsent) = (form("a"), form("b"));
        sent.respondent.name = Some("Phạm Thị Riêng Tư".into());
        sent.respondent.phone = Some("0987654321".into());
        outbox.save(sent.clone(), "g".into(), t(0));
        outbox.take_batch(t(1), 50);
        outbox.apply(&[result(&sent, 1, FormOutcome::Accepted)], t(2));
        outbox.save(unsent.clone(), "g".into(), t(3));
        let kept = serde_json::to_string(&outbox).expect("json");
        assert!(!kept.contains("Riêng Tư") && !kept.contains("0987654321"));
        assert_eq!(
            outbox.get(sent.id).expect("sent").summary.receipt_code,
            "ABCD-EFGH"
        );
        assert!(outbox.get(unsent.id).expect("unsent").form.is_some());
    }

    #[test]
    fn moving_an_old_outbox_twice_adds_each_form_once() {
        let mut old = Outbox::default();
        let (pending, sent) = (form("a"), form("b"));
        old.save(pending.clone(), "g".into(), t(0));
        old.save(sent.clone(), "g".into(), t(1));
        old.take_batch(t(2), 1);
        old.apply(&[result(&pending, 1, FormOutcome::Accepted)], t(3));
        // an older release kept acknowledged bodies
        old.entries
            .iter_mut()
            .for_each(|e| e.form = e.form.clone().or(Some(pending.clone())));
        let mut outbox = Outbox::default();
        let mine = form("c");
        outbox.save(mine.clone(), "g".into(), t(5));
        assert_eq!(outbox.adopt(old.clone()), 2);
        assert_eq!(outbox.adopt(old), 0, "a repeated move adds nothing");
        assert_eq!(outbox.entries.len(), 3);
        assert_eq!(outbox.entries[0].summary.id, mine.id, "newest first");
        assert!(
            outbox.get(pending.id).expect("moved").form.is_none(),
            "sent: no body"
        );
        assert!(
            outbox.get(sent.id).expect("moved").form.is_some(),
            "unsent: body kept"
        );
        assert_eq!(outbox.pending_count(t(6)), 2);
        assert_eq!(outbox.last_sync_at, Some(t(3)));
    }

    #[test]
    fn an_expired_login_puts_forms_back_without_backoff() {
        let mut outbox = Outbox::default();
        outbox.save(form("a"), "g".into(), t(0));
        outbox.take_batch(t(1), 50);
        outbox.abort();
        assert!(outbox.due(t(1)));
        assert_eq!(outbox.failures, 0);
    }

    #[test]
    fn the_body_leaves_only_after_the_server_acknowledged_it() {
        let mut outbox = Outbox::default();
        let f = form("a");
        outbox.save(f.clone(), "g".into(), t(0));
        let batch = outbox.take_batch(t(1), 50);
        assert_eq!(batch, vec![f.clone()]);
        assert!(outbox.entries[0].form.is_some(), "still here while sending");
        outbox.fail(t(2));
        assert!(
            outbox.entries[0].form.is_some(),
            "a failed send keeps the body"
        );
        assert_eq!(outbox.entries[0].state, EntryState::Pending);
        outbox.take_batch(t(20), 50);
        outbox.apply(&[result(&f, 1, FormOutcome::Accepted)], t(21));
        assert_eq!(outbox.entries[0].state, EntryState::Sent(t(21)));
        assert!(outbox.entries[0].form.is_none());
        assert_eq!(outbox.unsent_count(), 0);
    }

    #[test]
    fn rejected_and_conflicting_forms_keep_their_body() {
        let mut outbox = Outbox::default();
        let (a, b) = (form("a"), form("b"));
        outbox.save(a.clone(), "g".into(), t(0));
        outbox.save(b.clone(), "g".into(), t(0));
        outbox.take_batch(t(1), 50);
        outbox.apply(
            &[
                result(
                    &a,
                    1,
                    FormOutcome::Rejected {
                        reason: "Thiếu nội dung".into(),
                    },
                ),
                result(&b, 1, FormOutcome::Conflict),
            ],
            t(2),
        );
        let a_entry = outbox.get(a.id).expect("a");
        assert_eq!(a_entry.state, EntryState::Rejected("Thiếu nội dung".into()));
        assert!(a_entry.form.is_some());
        assert!(outbox.get(b.id).expect("b").form.is_some());
        assert_eq!(
            outbox.pending_count(t(3)),
            0,
            "neither is resent until edited"
        );
        assert_eq!(outbox.unsent_count(), 2);
    }

    #[test]
    fn fixing_a_rejected_form_resends_the_same_revision() {
        let mut outbox = Outbox::default();
        let f = form("");
        outbox.save(f.clone(), "g".into(), t(0));
        outbox.take_batch(t(1), 50);
        outbox.apply(
            &[result(&f, 1, FormOutcome::Rejected { reason: "x".into() })],
            t(2),
        );
        let mut fixed = f.clone();
        fixed.opinions[0].text = "đã sửa".into();
        assert_eq!(outbox.save(fixed, "g".into(), t(3)), 1);
        assert_eq!(outbox.pending_count(t(3)), 1);
    }

    #[test]
    fn an_edit_of_a_form_in_conflict_is_the_next_revision() {
        let mut outbox = Outbox::default();
        let f = form("a");
        outbox.save(f.clone(), "g".into(), t(0));
        outbox.take_batch(t(1), 50);
        outbox.apply(&[result(&f, 1, FormOutcome::Conflict)], t(2));
        let mut edited = f.clone();
        edited.opinions[0].text = "b".into();
        assert_eq!(outbox.save(edited, "g".into(), t(3)), 2);
        assert_eq!(outbox.take_batch(t(4), 50)[0].revision, 2);
    }

    #[test]
    fn an_edit_during_a_send_survives_the_old_answer() {
        let mut outbox = Outbox::default();
        let f = form("a");
        outbox.save(f.clone(), "g".into(), t(0));
        outbox.take_batch(t(1), 50);
        let mut edited = f.clone();
        edited.opinions[0].text = "b".into();
        assert_eq!(outbox.save(edited, "g".into(), t(2)), 2);
        outbox.apply(&[result(&f, 1, FormOutcome::Accepted)], t(3));
        let entry = outbox.get(f.id).expect("entry");
        assert_eq!(entry.state, EntryState::Pending);
        assert_eq!(
            entry.form.as_ref().map(|f| f.opinions[0].text.as_str()),
            Some("b")
        );
    }

    #[test]
    fn failures_back_off_exponentially_up_to_five_minutes() {
        assert_eq!(backoff(1), Duration::seconds(5));
        assert_eq!(backoff(2), Duration::seconds(10));
        assert_eq!(backoff(4), Duration::seconds(40));
        assert_eq!(backoff(30), Duration::seconds(300));
        let mut outbox = Outbox::default();
        outbox.save(form("a"), "g".into(), t(0));
        outbox.take_batch(t(0), 50);
        outbox.fail(t(0));
        assert!(!outbox.due(t(4)));
        assert!(outbox.due(t(5)));
        outbox.fail(t(5));
        assert!(!outbox.due(t(14)));
        outbox.retry_now();
        assert!(outbox.due(t(6)));
    }

    #[test]
    fn a_send_that_never_finished_is_retried_after_the_timeout() {
        let mut outbox = Outbox::default();
        outbox.save(form("a"), "g".into(), t(0));
        outbox.take_batch(t(0), 50);
        assert_eq!(outbox.pending_count(t(10)), 0);
        assert_eq!(outbox.pending_count(t(SEND_TIMEOUT_SECS + 1)), 1);
    }

    #[test]
    fn batches_are_capped_and_oldest_first() {
        let mut outbox = Outbox::default();
        let forms: Vec<_> = (0..5).map(|i| form(&i.to_string())).collect();
        for f in &forms {
            outbox.save(f.clone(), "g".into(), t(0));
        }
        let batch = outbox.take_batch(t(1), 2);
        assert_eq!(
            batch.iter().map(|f| f.id).collect::<Vec<_>>(),
            vec![forms[0].id, forms[1].id]
        );
        assert_eq!(outbox.pending_count(t(1)), 3);
    }
}
