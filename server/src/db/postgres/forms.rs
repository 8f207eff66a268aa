//! Forms from the phones: the collector's reference data, storing synced forms exactly once
//! (the domain decides, this module loads and writes), and held copies for staff to resolve.
//!
//! Exactly once with many server processes: SQLite's `begin immediate` judges copies one after
//! the other by locking the whole database; here a transaction-scoped advisory lock on the form
//! id does the same for the copies of one form, so a copy is always judged against what the
//! previous one wrote. What that lock cannot cover (two different forms racing for one receipt
//! code or one opinion id) shows up as a conflicting write; the whole ingest then runs again and
//! the domain refuses the loser as it would have if the copies had come one after the other.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use app::api::conflicts::{ConflictCard, FormVersion};
use app::api::{CampaignRef, FormSubmission};
use app::domain::campaign::CampaignStage;
use app::domain::ids::{CampaignId, CommuneId, FormId, TopicId, UserId};
use app::domain::ingest::{
    Arrival, FirstLook, HeldOpinion, Ingest, ScopeFacts, StoredForm, collector_topic, first_look,
    opinions_to_drop, rewrites_merged_text, scope_refusal,
};
use app::domain::text::fold;
use app::domain::today_in_vietnam;
use app::domain::triage::OpinionStatus;
use app::ports::{AuditEntry, Decided, DeskRefusal, Forms, HeldForm, StoreError};

use super::audit::write_audit;
use super::{PgStore, backend};
use crate::db::rows::revision_entry;

/// How many times one form is judged before a conflicting write is given up as an error: the
/// first attempt, and once more for each of up to two races lost against other forms.
const INGEST_ATTEMPTS: u32 = 3;

/// PostgreSQL's "deadlock detected" and "serialization failure": the transaction was rolled back
/// for a race, not for anything wrong with the form.
const RETRYABLE_CODES: [&str; 2] = ["40P01", "40001"];

#[derive(sqlx::FromRow)]
struct StoredRow {
    commune_id: Uuid,
    collector_id: Uuid,
    campaign_id: Uuid,
    revision: i64,
    content_hash: String,
}

/// The advisory lock key of a form: both halves of the uuid folded together, since the first
/// half of a v7 uuid is mostly its creation time (two forms saved in the same millisecond on
/// different phones would share most of it). Two forms sharing a key merely wait for each other.
fn lock_key(form_id: FormId) -> i64 {
    let (high, low) = form_id.uuid().as_u64_pair();
    i64::from_be_bytes((high ^ low).to_be_bytes())
}

/// A failed attempt that another attempt may get through: a write that lost a race.
fn worth_retrying(error: &StoreError) -> bool {
    match error {
        StoreError::Conflict(_) => true,
        StoreError::Backend(cause) => match cause.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::Database(e)) => e
                .code()
                .is_some_and(|code| RETRYABLE_CODES.contains(&code.as_ref())),
            _ => false,
        },
        StoreError::NotFound => false,
    }
}

async fn keep_conflict(
    tx: &mut Transaction<'_, Postgres>,
    form: &FormSubmission,
    content_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let body = serde_json::to_string(form).map_err(backend)?;
    // The same conflicting copy sent again is one conflict, not many.
    sqlx::query(
        "insert into form_conflicts (form_id, revision, body, content_hash, received_at)
         select $1, $2, $3, $4, $5
          where not exists (select 1 from form_conflicts
                             where form_id = $1 and content_hash = $4)",
    )
    .bind(form.id)
    .bind(i64::from(form.revision))
    .bind(body)
    .bind(content_hash)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

/// What [`scope_refusal`] needs to judge the form.
async fn scope_facts(
    tx: &mut Transaction<'_, Postgres>,
    commune_id: CommuneId,
    form: &FormSubmission,
    now: DateTime<Utc>,
) -> Result<ScopeFacts, StoreError> {
    let campaign: Option<(String, DateTime<Utc>, Option<NaiveDate>)> = sqlx::query_as(
        "select stage, created_at, collection_deadline from campaigns where id = $1 and commune_id = $2",
    )
            .bind(form.campaign_id)
            .bind(commune_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
    let group: Option<bool> = sqlx::query_scalar(
        "select true from campaign_groups where campaign_id = $1 and group_id = $2",
    )
    .bind(form.campaign_id)
    .bind(form.group_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let topics: Vec<TopicId> =
        sqlx::query_scalar("select topic_id from campaign_topics where campaign_id = $1")
            .bind(form.campaign_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(backend)?;
    let code_holder: Option<FormId> =
        sqlx::query_scalar("select id from forms where commune_id = $1 and receipt_code = $2")
            .bind(commune_id)
            .bind(&form.receipt_code)
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
    let mut opinion_holders = Vec::new();
    for opinion in &form.opinions {
        let holder: Option<Option<FormId>> =
            sqlx::query_scalar("select form_id from opinions where id = $1")
                .bind(opinion.id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(backend)?;
        if let Some(holder) = holder {
            // An opinion raised at the conference has no form: it is nobody's to overwrite.
            let holder = holder.unwrap_or_else(FormId::new);
            opinion_holders.push((opinion.id, holder));
        }
    }
    Ok(ScopeFacts {
        campaign_stage: campaign
            .as_ref()
            .and_then(|(stage, _, _)| CampaignStage::parse(stage)),
        campaign_created_at: campaign.as_ref().map(|(_, created, _)| *created),
        collection_deadline: campaign.and_then(|(_, _, deadline)| deadline),
        received_on: Some(today_in_vietnam(now)),
        group_in_campaign: group.is_some(),
        campaign_topics: topics,
        receipt_code_holder: code_holder,
        opinion_holders,
    })
}

/// The opinions the server holds for this form, locked (in id order, like every desk change)
/// so that staff cannot merge or classify one between this read and the writes it decides.
async fn held_opinions(
    tx: &mut Transaction<'_, Postgres>,
    form: &FormSubmission,
) -> Result<Vec<HeldOpinion>, StoreError> {
    let rows: Vec<(Uuid, Option<Uuid>, String, String)> = sqlx::query_as(
        "select id, issue_id, status, body from opinions where form_id = $1 order by id for update",
    )
    .bind(form.id)
    .fetch_all(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|(id, issue, status, body)| HeldOpinion {
            id: id.into(),
            body,
            in_issue: issue.is_some(),
            classified: OpinionStatus::parse(&status) != Some(OpinionStatus::New),
        })
        .collect())
}

/// Writes the collector's fields of a form: a new row, or a newer revision over the old one
/// (flagged `revised_at` for staff; `received_at` keeps the first arrival).
async fn write_form(
    tx: &mut Transaction<'_, Postgres>,
    arrival: &Arrival<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let form = arrival.form;
    let r = &form.respondent;
    sqlx::query(
        "insert into forms (id, commune_id, campaign_id, group_id, collector_id, revision,
            receipt_code, respondent_name, anonymous, household, phone, respondent_kind,
            proposal, wants_to_speak, consent, consent_version, content_hash, filled_at,
                received_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                $19)
         on conflict (id) do update set
            revision = excluded.revision, group_id = excluded.group_id,
            receipt_code = excluded.receipt_code, respondent_name = excluded.respondent_name,
            anonymous = excluded.anonymous, household = excluded.household,
            phone = excluded.phone, respondent_kind = excluded.respondent_kind,
            proposal = excluded.proposal, wants_to_speak = excluded.wants_to_speak,
            consent = excluded.consent, consent_version = excluded.consent_version,
            content_hash = excluded.content_hash,
            filled_at = excluded.filled_at, revised_at = excluded.received_at",
    )
    .bind(form.id)
    .bind(arrival.commune_id)
    .bind(form.campaign_id)
    .bind(form.group_id)
    .bind(arrival.collector_id)
    .bind(i64::from(form.revision))
    .bind(&form.receipt_code)
    .bind(&r.name)
    .bind(r.anonymous)
    .bind(&r.household)
    .bind(&r.phone)
    .bind(r.kind.code())
    .bind(&form.proposal)
    .bind(form.wants_to_speak)
    .bind(form.consent)
    .bind(app::domain::personal_data::recorded_consent(
        form.consent,
        form.consent_version.as_deref(),
    ))
    .bind(arrival.content_hash)
    .bind(form.filled_at)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn upsert_opinions(
    tx: &mut Transaction<'_, Postgres>,
    commune_id: CommuneId,
    form: &FormSubmission,
    held: &[HeldOpinion],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut entries: Vec<_> = form.opinions.iter().enumerate().collect();
    // Written in id order: two forms racing with the same opinion ids then wait for each other
    // instead of deadlocking (the loser is refused on its next attempt).
    entries.sort_by_key(|(_, opinion)| opinion.id);
    for (position, opinion) in entries {
        // The collector owns the text; the topic only until staff classify (see the domain).
        let topic = collector_topic(opinion, held);
        // The scope check found no other form holding this id; `where` makes sure none took
        // it since (a form not yet committed then), and a write that changes nothing is that
        // lost race.
        let written = sqlx::query(
            "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id,
                topic_id, body, body_folded, source, status, created_at)
             values ($1, $2, $3, $4, $5, $6, coalesce($7, $8), $9, $10, 'form', 'new', $11)
             on conflict (id) do update set
                body = excluded.body,
                body_folded = excluded.body_folded,
                position = excluded.position,
                group_id = excluded.group_id,
                topic_id = coalesce($7, opinions.topic_id)
             where opinions.form_id = excluded.form_id",
        )
        .bind(opinion.id)
        .bind(commune_id)
        .bind(form.campaign_id)
        .bind(form.id)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(form.group_id)
        .bind(topic)
        .bind(opinion.topic_id)
        .bind(&opinion.text)
        .bind(fold(&opinion.text))
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        if written.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "opinion {} was taken by another form",
                opinion.id
            )));
        }
    }
    Ok(())
}

/// One judgement of a copy, inside its own transaction; the caller commits or rolls back.
async fn judge(
    tx: &mut Transaction<'_, Postgres>,
    arrival: &Arrival<'_>,
    now: DateTime<Utc>,
    staff_chose: bool,
) -> Result<Ingest, StoreError> {
    let form = arrival.form;
    // Held until commit or rollback: the next copy of this form waits here, then reads what
    // this one wrote (each statement of READ COMMITTED sees what was committed before it).
    sqlx::query("select pg_advisory_xact_lock($1)")
        .bind(lock_key(form.id))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    let stored: Option<StoredRow> = sqlx::query_as(
        "select commune_id, collector_id, campaign_id, revision, content_hash from forms\n              where id = $1",
    )
    .bind(form.id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    let stored = stored.map(|s| StoredForm {
        commune_id: s.commune_id.into(),
        collector_id: s.collector_id.into(),
        campaign_id: s.campaign_id.into(),
        revision: u32::try_from(s.revision).unwrap_or(u32::MAX),
        content_hash: s.content_hash,
    });
    Ok(match first_look(stored.as_ref(), arrival) {
        FirstLook::Answer(answer) => answer,
        FirstLook::KeepConflict => {
            keep_conflict(tx, form, arrival.content_hash, now).await?;
            Ingest::Conflict
        }
        FirstLook::CheckScope { revises } => {
            let facts = scope_facts(tx, arrival.commune_id, form, now).await?;
            match scope_refusal(form, &facts) {
                Some(refusal) => Ingest::Refused(refusal),
                None => {
                    let held = held_opinions(tx, form).await?;
                    if revises && !staff_chose && rewrites_merged_text(form, &held) {
                        keep_conflict(tx, form, arrival.content_hash, now).await?;
                        return Ok(Ingest::Conflict);
                    }
                    write_form(tx, arrival, now).await?;
                    let dropped = opinions_to_drop(form, &held);
                    for id in &dropped {
                        sqlx::query("delete from opinions where id = $1")
                            .bind(id)
                            .execute(&mut **tx)
                            .await
                            .map_err(backend)?;
                    }
                    upsert_opinions(tx, arrival.commune_id, form, &held, now).await?;
                    if revises {
                        let from = stored.as_ref().map(|s| s.revision);
                        write_audit(&mut **tx, revision_entry(arrival, from, &dropped), now)
                            .await?;
                        Ingest::Revised
                    } else {
                        Ingest::Stored
                    }
                }
            }
        }
    })
}

#[derive(sqlx::FromRow)]
struct ConflictRecord {
    id: i64,
    form_id: Uuid,
    receipt_code: String,
    group_name: String,
    collector: String,
    received_at: DateTime<Utc>,
    body: String,
    proposal: Option<String>,
    wants_to_speak: bool,
}

fn held_version(body: &str) -> Result<FormVersion, StoreError> {
    let form: FormSubmission = serde_json::from_str(body).map_err(backend)?;
    Ok(FormVersion {
        opinions: form.opinions.into_iter().map(|o| o.text).collect(),
        proposal: form.proposal.unwrap_or_default(),
        wants_to_speak: form.wants_to_speak,
    })
}

#[async_trait]
impl Forms for PgStore {
    async fn collector_reference(
        &self,
        commune_id: CommuneId,
        collector_id: UserId,
        every_group: bool,
    ) -> Result<Vec<CampaignRef>, StoreError> {
        let pool = &self.pool;
        let campaigns: Vec<(Uuid, String, Option<chrono::NaiveDate>)> = sqlx::query_as(
            "select c.id, c.title, c.collection_deadline
               from campaigns c
              where c.commune_id = $1 and c.stage = 'collecting'
                and ($3 or exists (select 1 from campaign_groups cg
                              join user_groups ug on ug.group_id = cg.group_id
                             where cg.campaign_id = c.id and ug.user_id = $2))
              order by c.created_at desc",
        )
        .bind(commune_id)
        .bind(collector_id)
        .bind(every_group)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let groups: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
            "select cg.campaign_id, g.id, g.name
               from campaign_groups cg
               join residential_groups g on g.id = cg.group_id
              where g.commune_id = $1
                and ($3 or exists (select 1 from user_groups ug
                                    where ug.group_id = cg.group_id and ug.user_id = $2))
              order by g.sort_order, g.name",
        )
        .bind(commune_id)
        .bind(collector_id)
        .bind(every_group)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let topics: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
            "select ct.campaign_id, t.id, t.name
               from campaign_topics ct
               join topics t on t.id = ct.topic_id
              where t.commune_id = $1
              order by t.sort_order, t.name",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        Ok(crate::db::rows::collector_reference(
            campaigns, groups, topics,
        ))
    }

    async fn ingest_form(
        &self,
        arrival: Arrival<'_>,
        now: DateTime<Utc>,
    ) -> Result<Ingest, StoreError> {
        let mut attempt = 1;
        loop {
            let mut tx = self.pool.begin().await.map_err(backend)?;
            let error = match judge(&mut tx, &arrival, now, false).await {
                Ok(outcome) => match tx.commit().await.map_err(backend) {
                    Ok(()) => return Ok(outcome),
                    Err(error) => error,
                },
                Err(error) => {
                    // Rolled back now rather than when the pool next checks the connection, so
                    // that the next attempt does not wait for this one's locks.
                    if let Err(rollback) = tx.rollback().await {
                        tracing::warn!(error = %rollback, "rolling back a failed ingest");
                    }
                    error
                }
            };
            if attempt >= INGEST_ATTEMPTS || !worth_retrying(&error) {
                return Err(error);
            }
            tracing::debug!(form = %arrival.form.id, attempt, %error, "ingest lost a race; again");
            attempt += 1;
        }
    }

    async fn form_conflicts(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Vec<ConflictCard>, StoreError> {
        let pool = &self.pool;
        let records: Vec<ConflictRecord> = sqlx::query_as(
            "select fc.id, fc.form_id, f.receipt_code, g.name as group_name,
                coalesce(u.full_name, '') as collector, fc.received_at, fc.body, f.proposal,
                f.wants_to_speak
               from form_conflicts fc join forms f on f.id = fc.form_id
               join residential_groups g on g.id = f.group_id
               left join users u on u.id = f.collector_id
              where f.commune_id = $1 and f.campaign_id = $2 and fc.resolved_at is null
              order by fc.received_at, fc.id",
        )
        .bind(commune_id)
        .bind(campaign_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let mut cards = Vec::with_capacity(records.len());
        for r in records {
            let stored: Vec<String> = sqlx::query_scalar(
                "select body from opinions where form_id = $1 order by position",
            )
            .bind(r.form_id)
            .fetch_all(pool)
            .await
            .map_err(backend)?;
            cards.push(ConflictCard {
                id: r.id,
                form_id: r.form_id,
                receipt_code: r.receipt_code,
                group: r.group_name,
                collector: r.collector,
                received_at: r.received_at,
                stored: FormVersion {
                    opinions: stored,
                    proposal: r.proposal.unwrap_or_default(),
                    wants_to_speak: r.wants_to_speak,
                },
                held: held_version(&r.body)?,
            });
        }
        Ok(cards)
    }

    async fn held_form(
        &self,
        commune_id: CommuneId,
        conflict_id: i64,
    ) -> Result<Option<HeldForm>, StoreError> {
        let row: Option<(String, String, Uuid, i64)> = sqlx::query_as(
            "select fc.body, fc.content_hash, f.collector_id, f.revision
               from form_conflicts fc join forms f on f.id = fc.form_id
              where fc.id = $1 and f.commune_id = $2 and fc.resolved_at is null",
        )
        .bind(conflict_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((body, content_hash, collector_id, revision)) = row else {
            return Ok(None);
        };
        Ok(Some(HeldForm {
            form: serde_json::from_str(&body).map_err(backend)?,
            content_hash,
            collector_id: collector_id.into(),
            stored_revision: u32::try_from(revision).map_err(backend)?,
        }))
    }

    async fn close_conflict(
        &self,
        commune_id: CommuneId,
        conflict_id: i64,
        held: Option<&HeldForm>,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<Option<Ingest>> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // One statement decides and writes: of two staff closing the same conflict at once, the
        // second finds it resolved and is told it is gone.
        let form: Option<Uuid> = sqlx::query_scalar(
            "update form_conflicts set resolved_by = $1, resolved_at = $2
              where id = $3 and resolved_at is null
                and form_id in (select id from forms where commune_id = $4)
              returning form_id",
        )
        .bind(actor)
        .bind(now)
        .bind(conflict_id)
        .bind(commune_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(form) = form.filter(|form| held.is_none_or(|h| h.form.id.uuid() == *form)) else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let mut outcome = None;
        if let Some(held) = held {
            // The same lock as every copy of this form arriving from a phone.
            sqlx::query("select pg_advisory_xact_lock($1)")
                .bind(lock_key(held.form.id))
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            // The held copy becomes the revision after the one stored now, in this same
            // transaction: a copy arriving meanwhile cannot slip between the two.
            let stored: i64 = sqlx::query_scalar("select revision from forms where id = $1")
                .bind(form)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
            let mut copy = held.form.clone();
            copy.revision = u32::try_from(stored + 1).map_err(backend)?;
            let arrival = Arrival {
                commune_id,
                collector_id: held.collector_id,
                form: &copy,
                content_hash: &held.content_hash,
            };
            let judged = judge(&mut tx, &arrival, now, true).await?;
            if !matches!(judged, Ingest::Revised | Ingest::SameContent) {
                tx.rollback().await.map_err(backend)?;
                return Ok(Ok(Some(judged)));
            }
            outcome = Some(judged);
        }
        let used_held = held.is_some();
        let entry = AuditEntry {
            commune_id: Some(commune_id),
            actor_id: Some(actor),
            entity: "form",
            entity_id: form.to_string(),
            action: if used_held {
                "conflict_used_held"
            } else {
                "conflict_kept_stored"
            },
            before: None,
            after: Some(serde_json::json!({ "conflict": conflict_id }).to_string()),
        };
        write_audit(&mut *tx, entry, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(outcome))
    }
}
