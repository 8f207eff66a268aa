//! Offline collection: the collector's reference data, and storing synced forms exactly once.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::{Sqlite, SqlitePool, Transaction};
use uuid::Uuid;

use app::api::{CampaignRef, FormSubmission, NamedRef};
use app::domain::text::fold;
use app::ports::{Ingest, Refusal, StoreError};

use super::backend;

pub(super) async fn collector_reference(
    pool: &SqlitePool,
    commune_id: Uuid,
    collector_id: Uuid,
) -> Result<Vec<CampaignRef>, StoreError> {
    let campaigns: Vec<(Uuid, String, Option<chrono::NaiveDate>)> = sqlx::query_as(
        "select c.id, c.title, c.collection_deadline
           from campaigns c
          where c.commune_id = ?1 and c.stage = 'collecting'
            and exists (select 1 from campaign_groups cg
                          join user_groups ug on ug.group_id = cg.group_id
                         where cg.campaign_id = c.id and ug.user_id = ?2)
          order by c.created_at desc",
    )
    .bind(commune_id)
    .bind(collector_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let groups: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
        "select cg.campaign_id, g.id, g.name
           from campaign_groups cg
           join user_groups ug on ug.group_id = cg.group_id and ug.user_id = ?
           join residential_groups g on g.id = cg.group_id
          order by g.sort_order, g.name",
    )
    .bind(collector_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let topics: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
        "select ct.campaign_id, t.id, t.name
           from campaign_topics ct
           join topics t on t.id = ct.topic_id
          where t.commune_id = ?
          order by t.sort_order, t.name",
    )
    .bind(commune_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut by_campaign: HashMap<Uuid, (Vec<NamedRef>, Vec<NamedRef>)> = HashMap::new();
    for (campaign, id, name) in groups {
        by_campaign
            .entry(campaign)
            .or_default()
            .0
            .push(NamedRef { id, name });
    }
    for (campaign, id, name) in topics {
        by_campaign
            .entry(campaign)
            .or_default()
            .1
            .push(NamedRef { id, name });
    }
    Ok(campaigns
        .into_iter()
        .map(|(id, title, collection_deadline)| {
            let (groups, topics) = by_campaign.remove(&id).unwrap_or_default();
            CampaignRef {
                id,
                title,
                collection_deadline,
                groups,
                topics,
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct StoredForm {
    commune_id: Uuid,
    collector_id: Uuid,
    revision: i64,
    content_hash: String,
}

pub(super) async fn ingest_form(
    pool: &SqlitePool,
    commune_id: Uuid,
    collector_id: Uuid,
    form: &FormSubmission,
    content_hash: &str,
    now: DateTime<Utc>,
) -> Result<Ingest, StoreError> {
    // IMMEDIATE takes the write lock up front, so two copies of the same batch arriving at
    // once are judged one after the other, never both as "new".
    let mut tx = pool.begin_with("begin immediate").await.map_err(backend)?;
    let stored: Option<StoredForm> = sqlx::query_as(
        "select commune_id, collector_id, revision, content_hash from forms where id = ?",
    )
    .bind(form.id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(backend)?;
    let revision = i64::from(form.revision);
    let outcome = match stored {
        Some(s) if s.commune_id != commune_id || s.collector_id != collector_id => {
            Ingest::Refused(Refusal::NotYours)
        }
        Some(s) if revision < s.revision => Ingest::Stale(u32::try_from(s.revision).unwrap_or(0)),
        Some(s) if revision == s.revision => {
            if s.content_hash == content_hash {
                Ingest::SameContent
            } else {
                keep_conflict(&mut tx, form, content_hash, now).await?;
                Ingest::Conflict
            }
        }
        stored => match check_scope(&mut tx, commune_id, form).await? {
            Some(refusal) => Ingest::Refused(refusal),
            None => {
                write_form(&mut tx, commune_id, collector_id, form, content_hash, now).await?;
                if stored.is_some() {
                    drop_removed_opinions(&mut tx, form).await?;
                }
                upsert_opinions(&mut tx, commune_id, form, now).await?;
                if stored.is_some() {
                    Ingest::Revised
                } else {
                    Ingest::Stored
                }
            }
        },
    };
    tx.commit().await.map_err(backend)?;
    Ok(outcome)
}

async fn keep_conflict(
    tx: &mut Transaction<'_, Sqlite>,
    form: &FormSubmission,
    content_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let body = serde_json::to_string(form).map_err(backend)?;
    // The same conflicting copy sent again is one conflict, not many.
    sqlx::query(
        "insert into form_conflicts (form_id, revision, body, content_hash, received_at)
         select ?1, ?2, ?3, ?4, ?5
          where not exists (select 1 from form_conflicts
                             where form_id = ?1 and content_hash = ?4)",
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

/// Campaign open in this commune, group and topics in the campaign, receipt code and opinion
/// ids free. `None` when everything is in order.
async fn check_scope(
    tx: &mut Transaction<'_, Sqlite>,
    commune_id: Uuid,
    form: &FormSubmission,
) -> Result<Option<Refusal>, StoreError> {
    let open: Option<i64> = sqlx::query_scalar(
        "select 1 from campaigns where id = ? and commune_id = ? and stage = 'collecting'",
    )
    .bind(form.campaign_id)
    .bind(commune_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?;
    if open.is_none() {
        return Ok(Some(Refusal::CampaignNotOpen));
    }
    let group: Option<i64> =
        sqlx::query_scalar("select 1 from campaign_groups where campaign_id = ? and group_id = ?")
            .bind(form.campaign_id)
            .bind(form.group_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
    if group.is_none() {
        return Ok(Some(Refusal::GroupNotInCampaign));
    }
    let topics: HashSet<Uuid> =
        sqlx::query_scalar("select topic_id from campaign_topics where campaign_id = ?")
            .bind(form.campaign_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(backend)?
            .into_iter()
            .collect();
    if form.opinions.iter().any(|o| !topics.contains(&o.topic_id)) {
        return Ok(Some(Refusal::TopicNotInCampaign));
    }
    let code_owner: Option<Uuid> =
        sqlx::query_scalar("select id from forms where commune_id = ? and receipt_code = ?")
            .bind(commune_id)
            .bind(&form.receipt_code)
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
    if code_owner.is_some_and(|owner| owner != form.id) {
        return Ok(Some(Refusal::ReceiptCodeTaken));
    }
    for opinion in &form.opinions {
        let owner: Option<Option<Uuid>> =
            sqlx::query_scalar("select form_id from opinions where id = ?")
                .bind(opinion.id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(backend)?;
        if owner.is_some_and(|f| f != Some(form.id)) {
            return Ok(Some(Refusal::NotYours));
        }
    }
    Ok(None)
}

/// Writes the collector's fields of a form: a new row, or a newer revision over the old one
/// (flagged `revised_at` for staff; `received_at` keeps the first arrival).
async fn write_form(
    tx: &mut Transaction<'_, Sqlite>,
    commune_id: Uuid,
    collector_id: Uuid,
    form: &FormSubmission,
    content_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let r = &form.respondent;
    sqlx::query(
        "insert into forms (id, commune_id, campaign_id, group_id, collector_id, revision,
            receipt_code, respondent_name, anonymous, household, phone, respondent_kind,
            proposal, wants_to_speak, consent, content_hash, filled_at, received_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (id) do update set
            revision = excluded.revision, group_id = excluded.group_id,
            receipt_code = excluded.receipt_code, respondent_name = excluded.respondent_name,
            anonymous = excluded.anonymous, household = excluded.household,
            phone = excluded.phone, respondent_kind = excluded.respondent_kind,
            proposal = excluded.proposal, wants_to_speak = excluded.wants_to_speak,
            consent = excluded.consent, content_hash = excluded.content_hash,
            filled_at = excluded.filled_at, revised_at = excluded.received_at",
    )
    .bind(form.id)
    .bind(commune_id)
    .bind(form.campaign_id)
    .bind(form.group_id)
    .bind(collector_id)
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
    .bind(content_hash)
    .bind(form.filled_at)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Opinions dropped by the collector in a new revision go, unless staff already merged them
/// into an issue.
async fn drop_removed_opinions(
    tx: &mut Transaction<'_, Sqlite>,
    form: &FormSubmission,
) -> Result<(), StoreError> {
    let kept: HashSet<Uuid> = form.opinions.iter().map(|o| o.id).collect();
    let existing: Vec<(Uuid, Option<Uuid>)> =
        sqlx::query_as("select id, issue_id from opinions where form_id = ?")
            .bind(form.id)
            .fetch_all(&mut **tx)
            .await
            .map_err(backend)?;
    for (id, issue) in existing {
        if !kept.contains(&id) && issue.is_none() {
            sqlx::query("delete from opinions where id = ?")
                .bind(id)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
        }
    }
    Ok(())
}

async fn upsert_opinions(
    tx: &mut Transaction<'_, Sqlite>,
    commune_id: Uuid,
    form: &FormSubmission,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (position, opinion) in form.opinions.iter().enumerate() {
        // The collector owns the text; staff own topic, status and urgency once classified.
        sqlx::query(
            "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id,
                topic_id, body, body_folded, source, status, created_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'form', 'new', ?)
             on conflict (id) do update set
                body = excluded.body,
                body_folded = excluded.body_folded,
                position = excluded.position,
                group_id = excluded.group_id,
                topic_id = case when opinions.status = 'new' then excluded.topic_id
                                else opinions.topic_id end",
        )
        .bind(opinion.id)
        .bind(commune_id)
        .bind(form.campaign_id)
        .bind(form.id)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(form.group_id)
        .bind(opinion.topic_id)
        .bind(&opinion.text)
        .bind(fold(&opinion.text))
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}
