//! The demo's forms, opinions, merged issues, assignments and answers.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use app::domain::text::fold;
use app::ports::StoreError;

use super::date;
use super::layout::{Campaign, Commune, DEPARTMENTS};
use crate::db::sqlite::backend;
use crate::demo::corpus::{ANSWERED, OPINIONS, OpinionSample};
use crate::demo::people::{Dice, household, phone, resident_name};

/// One written opinion: its id, group and sample.
pub(super) struct Written {
    id: Uuid,
    group: Uuid,
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

#[allow(clippy::too_many_arguments)]
pub(super) async fn collect(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    forms: usize,
    dice: &mut Dice,
    collector_of: &impl Fn(&str) -> Result<Uuid, StoreError>,
    status: &str,
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
            tx,
            commune,
            campaign,
            group_id,
            &group,
            collector_of(&group)?,
            dice,
            OPINIONS[first].proposal,
            filled_at,
        )
        .await?;
        let mut opinions = Vec::with_capacity(count);
        for position in 0..count {
            let sample = if position == 0 {
                first
            } else {
                {
                    let topic = *dice.pick(&campaign.topics);
                    *dice.pick(&samples_of(topic))
                }
            };
            let urgency = (status != "new")
                .then(|| *dice.pick(&["khan", "cao", "binh_thuong", "binh_thuong"]));
            let id = insert_opinion(
                tx,
                commune,
                campaign.id,
                Some(form_id),
                position,
                group_id,
                &group,
                sample,
                status,
                urgency,
                filled_at,
            )
            .await?;
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
pub(super) async fn insert_form(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    group_id: Uuid,
    group: &str,
    collector: Uuid,
    dice: &mut Dice,
    proposal: &str,
    filled_at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
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
    sqlx::query(
        "insert into forms (id, commune_id, campaign_id, group_id, collector_id, revision,
            receipt_code, respondent_name, anonymous, household, phone, respondent_kind, proposal,
            wants_to_speak, consent, content_hash, filled_at, received_at)
         values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
    )
    .bind(id)
    .bind(commune.id)
    .bind(campaign.id)
    .bind(group_id)
    .bind(collector)
    .bind(ReceiptCode::from_bits(dice.next()).as_str())
    .bind(name)
    .bind(anonymous)
    .bind(household(dice, group))
    .bind(phone_number)
    .bind(kind.code())
    .bind(proposal)
    .bind(dice.chance(15))
    // demo rows never arrive through sync, so no client content hash exists for them
    .bind(format!("demo:{id}"))
    .bind(filled_at)
    .bind(filled_at + Duration::minutes(30))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_opinion(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: Uuid,
    form: Option<Uuid>,
    position: usize,
    group_id: Uuid,
    group: &str,
    sample: usize,
    status: &str,
    urgency: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let s = &OPINIONS[sample];
    let (topic_id, _) = commune
        .topics
        .get(s.topic)
        .copied()
        .ok_or_else(|| StoreError::broken(format!("no topic {}", s.topic)))?;
    let text = opinion_text(s, group);
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id, topic_id,
            body, body_folded, source, status, urgency, authority, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'form', ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(commune.id)
    .bind(campaign)
    .bind(form)
    .bind(i64::try_from(position).unwrap_or(0))
    .bind(group_id)
    .bind(topic_id)
    .bind(&text)
    .bind(fold(&text))
    .bind(status)
    .bind(urgency)
    .bind(urgency.map(|_| "commune"))
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(id)
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
pub(super) async fn merge_duplicates(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    forms: &[Vec<Written>],
    today: NaiveDate,
    staff: Uuid,
    officer: Uuid,
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
    let answer_states = ["submitted", "submitted", "draft", "returned", "submitted"];
    let mut made = 0;
    for (n, (sample, opinions)) in repeated.into_iter().take(9).enumerate() {
        let s = &OPINIONS[sample];
        let (topic_id, department_id) = commune
            .topics
            .get(s.topic)
            .copied()
            .ok_or_else(|| StoreError::broken("topic"))?;
        let issue = Uuid::now_v7();
        let groups: std::collections::BTreeSet<Uuid> = opinions.iter().map(|w| w.group).collect();
        let summary = format!(
            "{} ý kiến của cử tri {} thôn cùng phản ánh nội dung này. {}",
            opinions.len(),
            groups.len(),
            s.proposal
        );
        sqlx::query(
            "insert into issues (id, commune_id, campaign_id, title, summary, topic_id, urgency,
                authority, status, published, created_by, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, 'commune', 'assigned', 0, ?, ?, ?)",
        )
        .bind(issue)
        .bind(commune.id)
        .bind(campaign.id)
        .bind(title_from(&opinion_text(s, "")))
        .bind(summary.trim())
        .bind(topic_id)
        .bind(if n % 3 == 0 { "cao" } else { "binh_thuong" })
        .bind(staff)
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        for w in &opinions {
            sqlx::query("update opinions set issue_id = ?, status = 'classified' where id = ?")
                .bind(issue)
                .bind(w.id)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
        }
        // Alternate between late, due soon and later, so follow-up has all three.
        let due = date(today, [-6, 2, 9][n % 3]);
        let assignment = Uuid::now_v7();
        sqlx::query(
            "insert into assignments (id, issue_id, department_id, due_date, status, assigned_by,
                assigned_at)
             values (?, ?, ?, ?, 'open', ?, ?)",
        )
        .bind(assignment)
        .bind(issue)
        .bind(department_id)
        .bind(due)
        .bind(staff)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        if let Some(state) = answer_states.get(n) {
            sqlx::query(
                "insert into answers (id, issue_id, assignment_id, content, result,
                    resolution_time, resolving_body, status, review_comment, drafted_by,
                    submitted_at, updated_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(Uuid::now_v7())
            .bind(issue)
            .bind(assignment)
            .bind("Đơn vị đã kiểm tra thực tế, tổng hợp ý kiến của các thôn và báo cáo UBND xã phương án giải quyết.")
            .bind("Đưa vào kế hoạch thực hiện năm 2027; trước mắt khắc phục tạm thời.")
            .bind("Quý I/2027")
            .bind("")
            .bind(*state)
            .bind((*state == "returned").then_some("Đề nghị nêu rõ kinh phí và mốc thời gian cụ thể."))
            .bind(officer)
            .bind((*state != "draft").then_some(now - Duration::hours(3 + i64::try_from(n).unwrap_or(0))))
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        }
        made += 1;
    }
    Ok(made)
}

/// The concluded campaign: each answered matter with its supporting opinions and a published,
/// approved answer.
#[allow(clippy::too_many_arguments)]
pub(super) async fn publish_answers(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    dice: &mut Dice,
    collector_of: &impl Fn(&str) -> Result<Uuid, StoreError>,
    today: NaiveDate,
    chair: Uuid,
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
        let issue = Uuid::now_v7();
        sqlx::query(
            "insert into issues (id, commune_id, campaign_id, title, summary, topic_id, urgency,
                authority, status, published, created_by, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, 'binh_thuong', 'commune', 'concluded', 1, ?, ?, ?)",
        )
        .bind(issue)
        .bind(commune.id)
        .bind(campaign.id)
        .bind(answered.title)
        .bind(answered.summary)
        .bind(topic_id)
        .bind(chair)
        .bind(at)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        let candidates = samples_of(answered.topic);
        for _ in 0..2 + dice.below(4) {
            let (group_id, group) = dice.pick(&campaign.groups).clone();
            let sample = *dice.pick(&candidates);
            let form = insert_form(
                tx,
                commune,
                campaign,
                group_id,
                &group,
                collector_of(&group)?,
                dice,
                OPINIONS[sample].proposal,
                at,
            )
            .await?;
            let opinion = insert_opinion(
                tx,
                commune,
                campaign.id,
                Some(form),
                0,
                group_id,
                &group,
                sample,
                "classified",
                Some("binh_thuong"),
                at,
            )
            .await?;
            sqlx::query("update opinions set issue_id = ? where id = ?")
                .bind(issue)
                .bind(opinion)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
        }
        let assignment = Uuid::now_v7();
        sqlx::query(
            "insert into assignments (id, issue_id, department_id, due_date, status, assigned_by,
                assigned_at)
             values (?, ?, ?, ?, 'done', ?, ?)",
        )
        .bind(assignment)
        .bind(issue)
        .bind(department_id)
        .bind(date(today, -50))
        .bind(chair)
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        sqlx::query(
            "insert into answers (id, issue_id, assignment_id, content, result, resolution_time,
                resolving_body, status, submitted_at, reviewed_by, reviewed_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?)",
        )
        .bind(Uuid::now_v7())
        .bind(issue)
        .bind(assignment)
        .bind(answered.answer)
        .bind(answered.result)
        .bind(answered.resolution_time)
        .bind(department_name)
        .bind(at)
        .bind(chair)
        .bind(at + Duration::days(1))
        .bind(at + Duration::days(1))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
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
