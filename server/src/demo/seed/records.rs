//! The demo's forms, opinions, merged issues, assignments and answers, as records for the
//! import port (so the demo loads the same on SQLite and PostgreSQL).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use app::domain::answer::{AnswerStatus, AssignmentStatus};
use app::domain::ids::{AnswerId, AssignmentId, FormId, GroupId, IssueId, OpinionId, UserId};
use app::domain::issue::IssueStatus;
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use app::domain::triage::{Authority, OpinionStatus, Urgency};
use app::ports::StoreError;
use app::ports::import::{
    AnswerRecord, AssignmentRecord, FormRecord, ImportBatch, IssueRecord, OpinionRecord,
};

use super::date;
use super::layout::{Campaign, Commune, DEPARTMENTS};
use crate::demo::corpus::{ANSWERED, OPINIONS, OpinionSample};
use crate::demo::people::{Dice, household, phone, resident_name};

/// One written opinion: its id, group and sample.
pub(super) struct Written {
    id: OpinionId,
    group: GroupId,
    sample: usize,
}

pub(super) fn samples_of(topic: &str) -> Vec<usize> {
    OPINIONS
        .iter()
        .enumerate()
        .filter(|(_, s)| s.topic == topic)
        .map(|(i, _)| i)
        .collect()
}

pub(super) fn short_group(name: &str) -> &str {
    name.trim_start_matches("Thôn ")
        .trim_start_matches("Tổ dân phố ")
}

pub(super) fn opinion_text(sample: &OpinionSample, group: &str) -> String {
    sample.text.replace("{thon}", short_group(group))
}

/// Who collects, by group name.
pub(super) type CollectorOf<'a> = &'a dyn Fn(&str) -> Result<UserId, StoreError>;

/// Forms with one to three opinions each, in `status`, spread over the campaign's groups.
#[allow(clippy::too_many_arguments)]
pub(super) fn collect(
    batch: &mut ImportBatch,
    commune: &Commune,
    campaign: &Campaign,
    forms: usize,
    dice: &mut Dice,
    collector_of: CollectorOf<'_>,
    status: OpinionStatus,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<Written>>, StoreError> {
    let mut written = Vec::with_capacity(forms);
    for n in 0..forms {
        let (group_id, group) = dice.pick(&campaign.groups).clone();
        let topic = *dice.pick(&campaign.topics);
        let count = 1 + dice.below(3);
        let filled_at = now - Duration::hours(i64::try_from(forms - n).unwrap_or(0) * 5);
        let first = *dice.pick(&samples_of(topic));
        let form_id = insert_form(
            batch,
            commune,
            campaign,
            (group_id, &group),
            collector_of(&group)?,
            dice,
            OPINIONS[first].proposal,
            filled_at,
        );
        let mut opinions = Vec::with_capacity(count);
        for position in 0..count {
            let sample = if position == 0 {
                first
            } else {
                let topic = *dice.pick(&campaign.topics);
                *dice.pick(&samples_of(topic))
            };
            let urgency = (status != OpinionStatus::New).then(|| {
                *dice.pick(&[
                    Urgency::Khan,
                    Urgency::Cao,
                    Urgency::BinhThuong,
                    Urgency::BinhThuong,
                ])
            });
            let id = insert_opinion(
                batch,
                commune,
                campaign,
                Some(form_id),
                position,
                (group_id, &group),
                sample,
                status,
                urgency,
                filled_at,
            )?;
            opinions.push(Written {
                id,
                group: group_id,
                sample,
            });
        }
        written.push(opinions);
    }
    Ok(written)
}

#[allow(clippy::too_many_arguments)]
fn insert_form(
    batch: &mut ImportBatch,
    commune: &Commune,
    campaign: &Campaign,
    (group_id, group): (GroupId, &str),
    collector: UserId,
    dice: &mut Dice,
    proposal: &str,
    filled_at: DateTime<Utc>,
) -> FormId {
    let id = FormId::new();
    let anonymous = dice.chance(20);
    let kinds = RespondentKind::ALL;
    // Most respondents are ordinary residents.
    let kind = if dice.chance(60) {
        RespondentKind::Resident
    } else {
        *dice.pick(&kinds)
    };
    let name = (!anonymous).then(|| resident_name(dice));
    let phone_number = (!anonymous && dice.chance(40)).then(|| phone(dice));
    let receipt_code = ReceiptCode::from_bits(dice.next()).as_str().to_owned();
    let household = household(dice, group);
    let wants_to_speak = dice.chance(15);
    batch.forms.push(FormRecord {
        id,
        commune_id: commune.id,
        campaign_id: campaign.id,
        group_id,
        collector_id: collector,
        revision: 1,
        receipt_code,
        respondent_name: name,
        anonymous,
        household: Some(household),
        phone: phone_number,
        respondent_kind: kind,
        proposal: Some(proposal.into()),
        wants_to_speak,
        consent: true,
        consent_version: Some(app::domain::personal_data::CONSENT_VERSION.into()),
        // demo rows never arrive through sync, so no client content hash exists for them
        content_hash: format!("demo:{id}"),
        filled_at,
        received_at: filled_at + Duration::minutes(30),
    });
    id
}

#[allow(clippy::too_many_arguments)]
fn insert_opinion(
    batch: &mut ImportBatch,
    commune: &Commune,
    campaign: &Campaign,
    form: Option<FormId>,
    position: usize,
    (group_id, group): (GroupId, &str),
    sample: usize,
    status: OpinionStatus,
    urgency: Option<Urgency>,
    at: DateTime<Utc>,
) -> Result<OpinionId, StoreError> {
    let s = &OPINIONS[sample];
    let (topic_id, _) = commune
        .topics
        .get(s.topic)
        .copied()
        .ok_or_else(|| StoreError::broken(format!("no topic {}", s.topic)))?;
    let id = OpinionId::new();
    batch.opinions.push(OpinionRecord {
        id,
        commune_id: commune.id,
        campaign_id: campaign.id,
        form_id: form,
        position: i64::try_from(position).unwrap_or(0),
        group_id,
        topic_id,
        body: opinion_text(s, group),
        status,
        urgency,
        authority: urgency.map(|_| Authority::Commune),
        issue_id: None,
        created_at: at,
    });
    Ok(id)
}

/// Puts an opinion of the batch into an issue (and, when given, a status).
fn support(
    batch: &mut ImportBatch,
    opinion: OpinionId,
    issue: IssueId,
    status: Option<OpinionStatus>,
) {
    if let Some(o) = batch.opinions.iter_mut().find(|o| o.id == opinion) {
        o.issue_id = Some(issue);
        if let Some(status) = status {
            o.status = status;
        }
    }
}

/// A staff-style title: the first clause of the opinion, at most ~90 characters.
pub(super) fn title_from(text: &str) -> String {
    let clause = text.split(['.', ';']).next().unwrap_or(text).trim();
    let mut title: String = clause.chars().take(90).collect();
    if clause.chars().count() > 90 {
        if let Some(cut) = title.rfind(' ') {
            title.truncate(cut);
        }
        title.push('…');
    }
    title
}

/// Merges opinions written from the same sample (same matter, several households) into issues,
/// assigns them, and drafts answers in every state.
#[allow(clippy::too_many_arguments)]
pub(super) fn merge_duplicates(
    batch: &mut ImportBatch,
    commune: &Commune,
    campaign: &Campaign,
    forms: &[Vec<Written>],
    today: NaiveDate,
    staff: UserId,
    officer: UserId,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut by_sample: HashMap<usize, Vec<&Written>> = HashMap::new();
    for w in forms.iter().flatten() {
        by_sample.entry(w.sample).or_default().push(w);
    }
    let mut repeated: Vec<(usize, Vec<&Written>)> = by_sample
        .into_iter()
        .filter(|(_, list)| list.len() >= 2)
        .collect();
    repeated.sort_by_key(|(sample, list)| (std::cmp::Reverse(list.len()), *sample));
    let answer_states = [
        AnswerStatus::Submitted,
        AnswerStatus::Submitted,
        AnswerStatus::Draft,
        AnswerStatus::Returned,
        AnswerStatus::Submitted,
    ];
    let mut made = 0;
    for (n, (sample, opinions)) in repeated.into_iter().take(9).enumerate() {
        let s = &OPINIONS[sample];
        let (topic_id, department_id) = commune
            .topics
            .get(s.topic)
            .copied()
            .ok_or_else(|| StoreError::broken("topic"))?;
        let issue = IssueId::new();
        let groups: std::collections::BTreeSet<GroupId> =
            opinions.iter().map(|w| w.group).collect();
        let summary = format!(
            "{} ý kiến của cử tri {} thôn cùng phản ánh nội dung này. {}",
            opinions.len(),
            groups.len(),
            s.proposal
        );
        batch.issues.push(IssueRecord {
            id: issue,
            commune_id: commune.id,
            campaign_id: campaign.id,
            title: title_from(&opinion_text(s, "")),
            summary: summary.trim().to_owned(),
            topic_id,
            urgency: if n % 3 == 0 {
                Urgency::Cao
            } else {
                Urgency::BinhThuong
            },
            authority: Authority::Commune,
            status: IssueStatus::Assigned,
            published: false,
            created_by: Some(staff),
            created_at: now,
            updated_at: now,
        });
        for w in &opinions {
            support(batch, w.id, issue, Some(OpinionStatus::Classified));
        }
        // Alternate between late, due soon and later, so follow-up has all three.
        let due = date(today, [-6, 2, 9][n % 3]);
        let assignment = AssignmentId::new();
        batch.assignments.push(AssignmentRecord {
            id: assignment,
            issue_id: issue,
            department_id,
            due_date: due,
            status: AssignmentStatus::Open,
            assigned_by: Some(staff),
            assigned_at: now,
        });
        if let Some(state) = answer_states.get(n).copied() {
            batch.answers.push(AnswerRecord {
                id: AnswerId::new(),
                issue_id: issue,
                assignment_id: Some(assignment),
                content: "Đơn vị đã kiểm tra thực tế, tổng hợp ý kiến của các thôn và báo cáo UBND xã phương án giải quyết.".into(),
                result: "Đưa vào kế hoạch thực hiện năm 2027; trước mắt khắc phục tạm thời.".into(),
                resolution_time: "Quý I/2027".into(),
                resolving_body: String::new(),
                status: state,
                review_comment: (state == AnswerStatus::Returned)
                    .then(|| "Đề nghị nêu rõ kinh phí và mốc thời gian cụ thể.".into()),
                drafted_by: Some(officer),
                submitted_at: (state != AnswerStatus::Draft)
                    .then(|| now - Duration::hours(3 + i64::try_from(n).unwrap_or(0))),
                reviewed_by: None,
                reviewed_at: None,
                updated_at: now,
            });
        }
        made += 1;
    }
    Ok(made)
}

/// The concluded campaign: each answered matter with its supporting opinions and a published,
/// approved answer.
#[allow(clippy::too_many_arguments)]
pub(super) fn publish_answers(
    batch: &mut ImportBatch,
    commune: &Commune,
    campaign: &Campaign,
    dice: &mut Dice,
    collector_of: CollectorOf<'_>,
    today: NaiveDate,
    chair: UserId,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let at = now - Duration::days(55);
    for answered in ANSWERED {
        let (topic_id, _) = commune
            .topics
            .get(answered.topic)
            .copied()
            .ok_or_else(|| StoreError::broken("topic"))?;
        let department_id = commune
            .departments
            .get(answered.department)
            .copied()
            .ok_or_else(|| StoreError::broken("department"))?;
        let department_name = DEPARTMENTS
            .iter()
            .find(|(c, _)| *c == answered.department)
            .map_or("", |(_, n)| *n);
        let issue = IssueId::new();
        batch.issues.push(IssueRecord {
            id: issue,
            commune_id: commune.id,
            campaign_id: campaign.id,
            title: answered.title.into(),
            summary: answered.summary.into(),
            topic_id,
            urgency: Urgency::BinhThuong,
            authority: Authority::Commune,
            status: IssueStatus::Concluded,
            published: true,
            created_by: Some(chair),
            created_at: at,
            updated_at: now,
        });
        let candidates = samples_of(answered.topic);
        for _ in 0..2 + dice.below(4) {
            let (group_id, group) = dice.pick(&campaign.groups).clone();
            let sample = *dice.pick(&candidates);
            let form = insert_form(
                batch,
                commune,
                campaign,
                (group_id, &group),
                collector_of(&group)?,
                dice,
                OPINIONS[sample].proposal,
                at,
            );
            let opinion = insert_opinion(
                batch,
                commune,
                campaign,
                Some(form),
                0,
                (group_id, &group),
                sample,
                OpinionStatus::Classified,
                Some(Urgency::BinhThuong),
                at,
            )?;
            support(batch, opinion, issue, None);
        }
        let assignment = AssignmentId::new();
        batch.assignments.push(AssignmentRecord {
            id: assignment,
            issue_id: issue,
            department_id,
            due_date: date(today, -50),
            status: AssignmentStatus::Done,
            assigned_by: Some(chair),
            assigned_at: at,
        });
        batch.answers.push(AnswerRecord {
            id: AnswerId::new(),
            issue_id: issue,
            assignment_id: Some(assignment),
            content: answered.answer.into(),
            result: answered.result.into(),
            resolution_time: answered.resolution_time.into(),
            resolving_body: department_name.into(),
            status: AnswerStatus::Approved,
            review_comment: None,
            drafted_by: None,
            submitted_at: Some(at),
            reviewed_by: Some(chair),
            reviewed_at: Some(at + Duration::days(1)),
            updated_at: at + Duration::days(1),
        });
    }
    Ok(ANSWERED.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::seed::layout::TOPICS;

    #[test]
    fn titles_are_short_and_cut_at_a_word() {
        let long = "Đường trục thôn đoạn từ nhà văn hóa ra cánh đồng bị xuống cấp nghiêm trọng, nhiều ổ gà, mùa mưa ngập nước, xe máy đi lại rất nguy hiểm cho học sinh";
        let title = title_from(long);
        assert!(title.chars().count() <= 91);
        assert!(title.ends_with('…'));
        assert_eq!(title_from("Ngắn gọn. Câu sau"), "Ngắn gọn");
    }

    #[test]
    fn every_sample_topic_is_a_demo_topic() {
        for s in OPINIONS {
            assert!(
                TOPICS.iter().any(|(code, _, _)| *code == s.topic),
                "{}",
                s.topic
            );
        }
        for a in ANSWERED {
            assert!(DEPARTMENTS.iter().any(|(code, _)| *code == a.department));
        }
    }
}
