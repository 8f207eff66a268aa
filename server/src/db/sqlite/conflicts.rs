//! Held copies of forms (form_conflicts) for staff to compare and resolve.

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use uuid::Uuid;

use app::api::FormSubmission;
use app::ports::desk::{Decided, DeskRefusal, HeldForm};
use app::ports::{AuditEntry, StoreError};
use app::server_fns::conflicts::{ConflictCard, FormVersion};

use super::backend;
use super::desk::write_audit;

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

pub(super) async fn form_conflicts(
    pool: &SqlitePool,
    commune_id: Uuid,
    campaign_id: Uuid,
) -> Result<Vec<ConflictCard>, StoreError> {
    let records: Vec<ConflictRecord> = sqlx::query_as(
        "select fc.id, fc.form_id, f.receipt_code, g.name as group_name,
            coalesce(u.full_name, '') as collector, fc.received_at, fc.body, f.proposal,
            f.wants_to_speak
         from form_conflicts fc join forms f on f.id = fc.form_id
            join residential_groups g on g.id = f.group_id
            left join users u on u.id = f.collector_id
         where f.commune_id = ? and f.campaign_id = ? and fc.resolved_at is null
         order by fc.received_at, fc.id",
    )
    .bind(commune_id)
    .bind(campaign_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut cards = Vec::with_capacity(records.len());
    for r in records {
        let stored: Vec<String> =
            sqlx::query_scalar("select body from opinions where form_id = ? order by position")
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

pub(super) async fn held_form(
    pool: &SqlitePool,
    commune_id: Uuid,
    conflict_id: i64,
) -> Result<Option<HeldForm>, StoreError> {
    let row: Option<(String, String, Uuid, i64)> = sqlx::query_as(
        "select fc.body, fc.content_hash, f.collector_id, f.revision
         from form_conflicts fc join forms f on f.id = fc.form_id
         where fc.id = ? and f.commune_id = ? and fc.resolved_at is null",
    )
    .bind(conflict_id)
    .bind(commune_id)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    let Some((body, content_hash, collector_id, revision)) = row else {
        return Ok(None);
    };
    Ok(Some(HeldForm {
        form: serde_json::from_str(&body).map_err(backend)?,
        content_hash,
        collector_id,
        stored_revision: u32::try_from(revision).map_err(backend)?,
    }))
}

pub(super) async fn close_conflict(
    pool: &SqlitePool,
    commune_id: Uuid,
    conflict_id: i64,
    used_held: bool,
    actor: Uuid,
    now: DateTime<Utc>,
) -> Decided<()> {
    let mut tx = pool.begin_with("begin immediate").await.map_err(backend)?;
    let form: Option<Uuid> = sqlx::query_scalar(
        "update form_conflicts set resolved_by = ?, resolved_at = ?
         where id = ? and resolved_at is null
           and form_id in (select id from forms where commune_id = ?)
         returning form_id",
    )
    .bind(actor)
    .bind(now)
    .bind(conflict_id)
    .bind(commune_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(backend)?;
    let Some(form) = form else {
        return Ok(Err(DeskRefusal::NotFound));
    };
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
    Ok(Ok(()))
}
