//! The conclusion notice and its report-backs on PostgreSQL (the same statements as the SQLite twin, with row locks).

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Postgres;

use app::api::NamedRef;
use app::api::conclusion::{NoticeDraft, NoticeIssue, NoticeRecord, NoticeVersion, OpenItem};
use app::domain::calendar::WorkCalendar;
use app::domain::campaign::DeadlineRules;
use app::domain::conclusion::{
    NoticeFacts, NoticeRefusal, NoticeState, ReportState, check_report, check_review,
};
use app::domain::deadlines::report_due;
use app::domain::ids::{
    CampaignId, CommuneId, ConclusionId, ConclusionItemId, DepartmentId, IssueId,
};
use app::domain::text::excerpt;
use app::ports::{Acting, AuditEntry, Conclusions, Review, Ruled, StoreError};

use super::audit::write_audit;
use super::campaigns::stage;
use super::{PgStore, backend};
use crate::db::rows::{NOTICE_ITEM_SELECT, NoticeItemLine, deadline_rules, report_state};

/// Longest excerpt of an approved answer shown beside an issue.
const ANSWER_CHARS: usize = 240;

type Tx<'c> = sqlx::Transaction<'c, Postgres>;

#[derive(sqlx::FromRow)]
struct VersionLine {
    id: ConclusionId,
    version: i64,
    state: String,
    number: Option<String>,
    issued_on: Option<NaiveDate>,
    opening: String,
    recipients: String,
    complex: bool,
    approved_by: Option<String>,
    signer_name: String,
}

#[derive(sqlx::FromRow)]
struct OpenLine {
    id: ConclusionItemId,
    campaign_id: CampaignId,
    campaign: String,
    number: Option<String>,
    issue_title: String,
    department: String,
    report_due_on: Option<NaiveDate>,
    report_state: String,
}

/// The report-back of an item of the issued version, carried into its correction.
#[derive(sqlx::FromRow)]
struct Carried {
    issue_id: IssueId,
    department_id: Option<DepartmentId>,
    report_due_on: Option<NaiveDate>,
    report_state: String,
    report_text: Option<String>,
    report_attachment: Option<String>,
    reported_on: Option<NaiveDate>,
    reported_by: Option<app::domain::ids::UserId>,
    review_note: Option<String>,
    reviewed_by: Option<app::domain::ids::UserId>,
    reviewed_at: Option<DateTime<Utc>>,
}

/// The newest version of a campaign's notice, read under the campaign's lock.
struct Locked {
    facts: NoticeFacts,
    newest: Option<ConclusionId>,
    rules: DeadlineRules,
}

fn notice_state(code: &str) -> Result<NoticeState, StoreError> {
    NoticeState::parse(code)
        .ok_or_else(|| StoreError::broken(format!("unknown notice state {code}")))
}

/// Locks the campaign (the writer's lock on SQLite, the row on PostgreSQL) and reads the facts
/// the notice's rules need. `None` when the campaign is not the commune's.
async fn lock(
    tx: &mut Tx<'_>,
    commune_id: CommuneId,
    campaign_id: CampaignId,
    today: NaiveDate,
) -> Result<Option<Locked>, StoreError> {
    let row: Option<(Option<NaiveDate>, i64, i64, i64)> = sqlx::query_as(
        "select conference_date, conclusion_days, conclusion_max_days, report_back_days
           from campaigns where id = $1 and commune_id = $2
          for update",
    )
    .bind(campaign_id)
    .bind(commune_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let Some((conference_on, conclusion_days, conclusion_max_days, report_back_days)) = row else {
        return Ok(None);
    };
    let newest: Option<(ConclusionId, i64, String)> = sqlx::query_as(
        "select id, version, state from conclusions where campaign_id = $1
          order by version desc limit 1",
    )
    .bind(campaign_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let items: i64 = match &newest {
        Some((id, _, _)) => {
            sqlx::query_scalar("select count(*) from conclusion_items where conclusion_id = $1")
                .bind(*id)
                .fetch_one(&mut **tx)
                .await
                .map_err(backend)?
        }
        None => 0,
    };
    let issues: i64 = sqlx::query_scalar("select count(*) from issues where campaign_id = $1")
        .bind(campaign_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(backend)?;
    let state = newest
        .as_ref()
        .map(|(_, _, s)| notice_state(s))
        .transpose()?;
    Ok(Some(Locked {
        facts: NoticeFacts {
            state,
            version: newest.as_ref().map_or(0, |(_, v, _)| *v),
            items,
            issues,
            conference_on,
            today,
        },
        newest: newest.map(|(id, _, _)| id),
        rules: deadline_rules(conclusion_days, conclusion_max_days, report_back_days),
    }))
}

/// Locks and checks the version the screen showed.
async fn lock_version(
    tx: &mut Tx<'_>,
    commune_id: CommuneId,
    campaign_id: CampaignId,
    version: i64,
    today: NaiveDate,
) -> Ruled<Locked> {
    match lock(tx, commune_id, campaign_id, today).await? {
        None => Ok(Err(NoticeRefusal::NotFound)),
        Some(locked) if locked.facts.version != version => Ok(Err(NoticeRefusal::Changed)),
        Some(locked) => Ok(Ok(locked)),
    }
}

fn entry(
    commune_id: CommuneId,
    acting: Acting,
    (entity, entity_id): (&'static str, String),
    action: &'static str,
    after: serde_json::Value,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(acting.actor),
        entity,
        entity_id,
        action,
        before: None,
        after: Some(after.to_string()),
    }
}

async fn insert_items(
    tx: &mut Tx<'_>,
    conclusion_id: ConclusionId,
    draft: &NoticeDraft,
) -> Result<(), StoreError> {
    for (position, item) in draft.items.iter().enumerate() {
        sqlx::query(
            "insert into conclusion_items
                 (id, conclusion_id, issue_id, position, disposition, content, department_id, body)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(ConclusionItemId::new())
        .bind(conclusion_id)
        .bind(item.issue_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(item.disposition.code())
        .bind(&item.content)
        .bind(item.department_id)
        .bind(&item.body)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

/// Reads an item of an issued notice of the commune: (its state, its department).
async fn issued_item(
    tx: &mut Tx<'_>,
    commune_id: CommuneId,
    item_id: ConclusionItemId,
) -> Result<Option<(String, Option<DepartmentId>)>, StoreError> {
    sqlx::query_as(
        "select ci.report_state, ci.department_id
           from conclusion_items ci
           join conclusions c on c.id = ci.conclusion_id
           join campaigns k on k.id = c.campaign_id
          where ci.id = $1 and k.commune_id = $2 and c.state = 'issued'
          for update of ci",
    )
    .bind(item_id)
    .bind(commune_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)
}

#[async_trait]
impl Conclusions for PgStore {
    async fn notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<NoticeRecord>, StoreError> {
        type CampaignLine = (
            String,
            String,
            Option<NaiveDate>,
            Option<String>,
            i64,
            i64,
            i64,
        );
        let campaign: Option<CampaignLine> = sqlx::query_as(
            "select title, stage, conference_date, conference_place, conclusion_days,
                    conclusion_max_days, report_back_days
               from campaigns where id = $1 and commune_id = $2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((title, stage_code, conference_on, place, ordinary, most, report)) = campaign
        else {
            return Ok(None);
        };
        let versions: Vec<VersionLine> = sqlx::query_as(
            "select c.id, c.version, c.state, c.number, c.issued_on, c.opening, c.recipients,
                    c.complex, u.full_name as approved_by, c.signer_name
               from conclusions c left join users u on u.id = c.approved_by
              where c.campaign_id = $1 order by c.version desc",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut versions = versions.into_iter();
        let current = match versions.next() {
            Some(v) => {
                let lines: Vec<NoticeItemLine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "select {NOTICE_ITEM_SELECT}
                       from conclusion_items ci
                       join issues i on i.id = ci.issue_id
                       left join departments d on d.id = ci.department_id
                      where ci.conclusion_id = $1 order by ci.position"
                )))
                .bind(v.id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
                let items = lines
                    .into_iter()
                    .map(NoticeItemLine::into_item)
                    .collect::<Result<Vec<_>, StoreError>>()?;
                Some(NoticeVersion {
                    id: v.id,
                    version: v.version,
                    state: notice_state(&v.state)?,
                    number: v.number,
                    issued_on: v.issued_on,
                    opening: v.opening,
                    recipients: v.recipients,
                    complex: v.complex,
                    approved_by: v.approved_by,
                    signer_name: v.signer_name,
                    items,
                })
            }
            None => None,
        };
        let history = versions
            .map(|v| (v.version, v.number, v.issued_on))
            .collect();
        let issues: Vec<(
            IssueId,
            String,
            String,
            Option<DepartmentId>,
            Option<String>,
        )> = sqlx::query_as(
            "select i.id, i.title, t.name,
                        (select a.department_id from assignments a
                          where a.issue_id = i.id and a.status <> 'cancelled'
                          order by a.assigned_at desc limit 1),
                        (select an.content from answers an
                          where an.issue_id = i.id and an.status = 'approved'
                          order by an.updated_at desc limit 1)
                   from issues i join topics t on t.id = i.topic_id
                  where i.campaign_id = $1
                  order by t.sort_order, t.name, i.created_at, i.id",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let departments: Vec<(DepartmentId, String)> =
            sqlx::query_as("select id, name from departments where commune_id = $1 order by name")
                .bind(commune_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
        Ok(Some(NoticeRecord {
            title,
            stage: stage(&stage_code)?,
            conference_on,
            conference_place: place.unwrap_or_default(),
            rules: deadline_rules(ordinary, most, report),
            current,
            history,
            issues: issues
                .into_iter()
                .map(|(id, title, topic, department_id, answer)| NoticeIssue {
                    id,
                    title,
                    topic,
                    department_id,
                    answer: answer.map(|a| excerpt(&a, ANSWER_CHARS)),
                })
                .collect(),
            departments: departments
                .into_iter()
                .map(|(id, name)| NamedRef { id, name })
                .collect(),
        }))
    }

    async fn save_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        draft: &NoticeDraft,
        acting: Acting,
    ) -> Ruled<ConclusionId> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let locked =
            match lock_version(&mut tx, commune_id, campaign_id, version, acting.today).await? {
                Ok(locked) => locked,
                Err(refusal) => return Ok(Err(refusal)),
            };
        if let Err(refusal) = locked.facts.check_save() {
            return Ok(Err(refusal));
        }
        for item in &draft.items {
            let ours: i64 = sqlx::query_scalar(
                "select count(*) from issues where id = $1 and campaign_id = $2",
            )
            .bind(item.issue_id)
            .bind(campaign_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
            if ours == 0 {
                return Ok(Err(NoticeRefusal::NotFound));
            }
            if let Some(department) = item.department_id {
                let ours: i64 = sqlx::query_scalar(
                    "select count(*) from departments where id = $1 and commune_id = $2",
                )
                .bind(department)
                .bind(commune_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
                if ours == 0 {
                    return Ok(Err(NoticeRefusal::UnknownDepartment));
                }
            }
        }
        let id = match locked.newest {
            Some(id) => {
                sqlx::query(
                    "update conclusions set opening = $1, recipients = $2, complex = $3,
                            state = 'draft', approved_by = null, approved_at = null,
                            updated_by = $4, updated_at = $5
                      where id = $6",
                )
                .bind(&draft.opening)
                .bind(&draft.recipients)
                .bind(draft.complex)
                .bind(acting.actor)
                .bind(acting.now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                sqlx::query("delete from conclusion_items where conclusion_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
                id
            }
            None => {
                let id = ConclusionId::new();
                sqlx::query(
                    "insert into conclusions
                         (id, campaign_id, version, state, opening, recipients, complex,
                          updated_by, updated_at)
                     values ($1, $2, 1, 'draft', $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(campaign_id)
                .bind(&draft.opening)
                .bind(&draft.recipients)
                .bind(draft.complex)
                .bind(acting.actor)
                .bind(acting.now)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                id
            }
        };
        insert_items(&mut tx, id, draft).await?;
        let version = locked.facts.version.max(1);
        write_audit(
            &mut *tx,
            entry(
                commune_id,
                acting,
                ("conclusion", id.to_string()),
                "draft",
                serde_json::json!({ "campaign": campaign_id, "version": version,
                                    "items": draft.items.len(), "complex": draft.complex }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(id))
    }

    async fn approve_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        acting: Acting,
    ) -> Ruled<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let locked =
            match lock_version(&mut tx, commune_id, campaign_id, version, acting.today).await? {
                Ok(locked) => locked,
                Err(refusal) => return Ok(Err(refusal)),
            };
        if let Err(refusal) = locked.facts.check_approve() {
            return Ok(Err(refusal));
        }
        let Some(id) = locked.newest else {
            return Ok(Err(NoticeRefusal::Changed));
        };
        sqlx::query(
            "update conclusions set state = 'approved', approved_by = $1, approved_at = $2
              where id = $3",
        )
        .bind(acting.actor)
        .bind(acting.now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            entry(
                commune_id,
                acting,
                ("conclusion", id.to_string()),
                "approve",
                serde_json::json!({ "campaign": campaign_id, "version": version }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn issue_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        (number, issued_on): (&str, NaiveDate),
        calendar: &WorkCalendar,
        acting: Acting,
    ) -> Ruled<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let locked =
            match lock_version(&mut tx, commune_id, campaign_id, version, acting.today).await? {
                Ok(locked) => locked,
                Err(refusal) => return Ok(Err(refusal)),
            };
        if let Err(refusal) = locked.facts.check_issue(issued_on) {
            return Ok(Err(refusal));
        }
        let Some(id) = locked.newest else {
            return Ok(Err(NoticeRefusal::Changed));
        };
        let signer: Option<String> = sqlx::query_scalar(
            "select u.full_name from conclusions c join users u on u.id = c.approved_by
              where c.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query(
            "update conclusions set state = 'issued', number = $1, issued_on = $2,
                    issued_by = $3, issued_at = $4, signer_name = $5
              where id = $6",
        )
        .bind(number)
        .bind(issued_on)
        .bind(acting.actor)
        .bind(acting.now)
        .bind(signer.unwrap_or_default())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        // A correction keeps the report-backs of the version it corrects, clocks included,
        // for items still assigned to the same body; new assignments start from this date.
        let carried: Vec<Carried> = sqlx::query_as(
            "select ci.issue_id, ci.department_id, ci.report_due_on, ci.report_state,
                    ci.report_text, ci.report_attachment, ci.reported_on, ci.reported_by,
                    ci.review_note,
                    ci.reviewed_by, ci.reviewed_at
               from conclusion_items ci join conclusions c on c.id = ci.conclusion_id
              where c.campaign_id = $1 and c.state = 'issued' and c.id <> $2
                and ci.disposition = 'assigned'",
        )
        .bind(campaign_id)
        .bind(id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let carried: HashMap<(IssueId, Option<DepartmentId>), Carried> = carried
            .into_iter()
            .map(|c| ((c.issue_id, c.department_id), c))
            .collect();
        let assigned: Vec<(ConclusionItemId, IssueId, Option<DepartmentId>)> = sqlx::query_as(
            "select id, issue_id, department_id from conclusion_items
              where conclusion_id = $1 and disposition = 'assigned'",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let due = report_due(calendar, issued_on, locked.rules);
        for (item_id, issue_id, department_id) in assigned {
            let query = sqlx::query(
                "update conclusion_items set report_due_on = $1, report_state = $2,
                        report_text = $3, reported_on = $4, reported_by = $5, review_note = $6,
                        reviewed_by = $7, reviewed_at = $8, report_attachment = $9
                  where id = $10",
            );
            let query = match carried.get(&(issue_id, department_id)) {
                Some(c) => query
                    .bind(c.report_due_on.unwrap_or(due))
                    .bind(&c.report_state)
                    .bind(&c.report_text)
                    .bind(c.reported_on)
                    .bind(c.reported_by)
                    .bind(&c.review_note)
                    .bind(c.reviewed_by)
                    .bind(c.reviewed_at)
                    .bind(&c.report_attachment),
                None => query
                    .bind(due)
                    .bind(ReportState::Awaiting.code())
                    .bind(None::<String>)
                    .bind(None::<NaiveDate>)
                    .bind(None::<app::domain::ids::UserId>)
                    .bind(None::<String>)
                    .bind(None::<app::domain::ids::UserId>)
                    .bind(None::<DateTime<Utc>>)
                    .bind(None::<String>),
            };
            query
                .bind(item_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        sqlx::query(
            "update conclusions set state = 'superseded'
              where campaign_id = $1 and state = 'issued' and id <> $2",
        )
        .bind(campaign_id)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            entry(
                commune_id,
                acting,
                ("conclusion", id.to_string()),
                "issue",
                serde_json::json!({ "campaign": campaign_id, "version": version,
                                    "number": number, "issued_on": issued_on,
                                    "report_due": due }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn correct_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        acting: Acting,
    ) -> Ruled<ConclusionId> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let locked =
            match lock_version(&mut tx, commune_id, campaign_id, version, acting.today).await? {
                Ok(locked) => locked,
                Err(refusal) => return Ok(Err(refusal)),
            };
        if let Err(refusal) = locked.facts.check_correct() {
            return Ok(Err(refusal));
        }
        let Some(issued) = locked.newest else {
            return Ok(Err(NoticeRefusal::NothingToCorrect));
        };
        let id = ConclusionId::new();
        sqlx::query(
            "insert into conclusions
                 (id, campaign_id, version, corrects, state, opening, recipients, complex,
                  updated_by, updated_at)
             select $1, campaign_id, version + 1, id, 'draft', opening, recipients, complex, $2, $3
               from conclusions where id = $4",
        )
        .bind(id)
        .bind(acting.actor)
        .bind(acting.now)
        .bind(issued)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let items: Vec<(IssueId, i64, String, String, Option<DepartmentId>, String)> =
            sqlx::query_as(
                "select issue_id, position, disposition, content, department_id, body
                   from conclusion_items where conclusion_id = $1 order by position",
            )
            .bind(issued)
            .fetch_all(&mut *tx)
            .await
            .map_err(backend)?;
        for (issue_id, position, disposition, content, department_id, body) in items {
            sqlx::query(
                "insert into conclusion_items
                     (id, conclusion_id, issue_id, position, disposition, content, department_id, body)
                 values ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(ConclusionItemId::new())
            .bind(id)
            .bind(issue_id)
            .bind(position)
            .bind(disposition)
            .bind(content)
            .bind(department_id)
            .bind(body)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        write_audit(
            &mut *tx,
            entry(
                commune_id,
                acting,
                ("conclusion", id.to_string()),
                "correct",
                serde_json::json!({ "campaign": campaign_id, "corrects": issued,
                                    "version": version + 1 }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(id))
    }

    async fn report_item(
        &self,
        commune_id: CommuneId,
        department_id: DepartmentId,
        item_id: ConclusionItemId,
        (text, attachment, done_on): (&str, &str, NaiveDate),
        acting: Acting,
    ) -> Ruled<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let Some((state, assigned_to)) = issued_item(&mut tx, commune_id, item_id).await? else {
            return Ok(Err(NoticeRefusal::NotFound));
        };
        if assigned_to != Some(department_id) {
            return Ok(Err(NoticeRefusal::NotYours));
        }
        if let Err(refusal) = check_report(report_state(&state)?, done_on, acting.today) {
            return Ok(Err(refusal));
        }
        sqlx::query(
            "update conclusion_items set report_state = 'reported', report_text = $1,
                    reported_on = $2, reported_by = $3, report_attachment = $5
              where id = $4",
        )
        .bind(text)
        .bind(done_on)
        .bind(acting.actor)
        .bind(item_id)
        .bind((!attachment.is_empty()).then_some(attachment))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            entry(
                commune_id,
                acting,
                ("conclusion_item", item_id.to_string()),
                "report",
                serde_json::json!({ "done_on": done_on, "text": text, "attachment": attachment }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn review_item(
        &self,
        commune_id: CommuneId,
        item_id: ConclusionItemId,
        review: &Review,
        acting: Acting,
    ) -> Ruled<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let Some((state, _)) = issued_item(&mut tx, commune_id, item_id).await? else {
            return Ok(Err(NoticeRefusal::NotFound));
        };
        if let Err(refusal) = check_review(report_state(&state)?) {
            return Ok(Err(refusal));
        }
        let (to, note, action) = match review {
            Review::Accept(note) => (ReportState::Accepted, note, "accept_report"),
            Review::Return(note) => (ReportState::Returned, note, "return_report"),
        };
        sqlx::query(
            "update conclusion_items set report_state = $1, review_note = $2, reviewed_by = $3,
                    reviewed_at = $4
              where id = $5",
        )
        .bind(to.code())
        .bind((!note.is_empty()).then_some(note.as_str()))
        .bind(acting.actor)
        .bind(acting.now)
        .bind(item_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            entry(
                commune_id,
                acting,
                ("conclusion_item", item_id.to_string()),
                action,
                serde_json::json!({ "note": note }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn open_items(
        &self,
        commune_id: CommuneId,
        department_id: Option<DepartmentId>,
    ) -> Result<Vec<OpenItem>, StoreError> {
        let lines: Vec<OpenLine> = sqlx::query_as(
            "select ci.id, k.id as campaign_id, k.title as campaign, c.number,
                    i.title as issue_title, d.name as department, ci.report_due_on,
                    ci.report_state
               from conclusion_items ci
               join conclusions c on c.id = ci.conclusion_id
               join campaigns k on k.id = c.campaign_id
               join issues i on i.id = ci.issue_id
               join departments d on d.id = ci.department_id
              where k.commune_id = $1 and c.state = 'issued' and ci.disposition = 'assigned'
                and ci.report_state in ('awaiting', 'reported', 'returned')
                and ($2::uuid is null or ci.department_id = $2)
              order by ci.report_due_on, i.title",
        )
        .bind(commune_id)
        .bind(department_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        lines
            .into_iter()
            .map(|l| {
                Ok(OpenItem {
                    id: l.id,
                    campaign_id: l.campaign_id,
                    campaign: l.campaign,
                    number: l.number.unwrap_or_default(),
                    issue_title: l.issue_title,
                    department: l.department,
                    report_due: l
                        .report_due_on
                        .ok_or_else(|| StoreError::broken("an issued item without its due day"))?,
                    report_state: report_state(&l.report_state)?,
                })
            })
            .collect()
    }
}
