//! Retention and erasure of residents' personal data on PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use app::domain::ids::{CampaignId, CommuneId};
use app::domain::personal_data::{
    Erased, erased_household, erasure_due, redact_form_json, speaker_pseudonym,
};
use app::domain::receipt::ReceiptCode;
use app::ports::{Acting, Erasure, PersonalData, StoreError};

use super::audit::write_audit;
use super::{PgStore, backend};
use crate::db::personal_rows::{
    ErasableForm, RequestedForm, campaign_erasure_entry, form_erasure_entry, households_renamed,
    retention_entry,
};

#[async_trait]
impl PersonalData for PgStore {
    async fn retention_days(&self, commune_id: CommuneId) -> Result<i64, StoreError> {
        sqlx::query_scalar("select retention_days from communes where id = $1")
            .bind(commune_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
    }

    async fn set_retention_days(
        &self,
        commune_id: CommuneId,
        days: i64,
        acting: Acting,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let before: i64 =
            sqlx::query_scalar("select retention_days from communes where id = $1 for update")
                .bind(commune_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?
                .ok_or(StoreError::NotFound)?;
        sqlx::query("update communes set retention_days = $1 where id = $2")
            .bind(days)
            .bind(commune_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        write_audit(
            &mut *tx,
            retention_entry(commune_id, acting.actor, before, days),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)
    }

    async fn erase_form_personal_data(
        &self,
        commune_id: CommuneId,
        code: &ReceiptCode,
        acting: Acting,
    ) -> Result<Option<Erased>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let form: Option<RequestedForm> = sqlx::query_as(
            "select id, campaign_id, group_id, household,
                    lower(trim(household)) as household_key
               from forms where commune_id = $1 and receipt_code = $2
                for update",
        )
        .bind(commune_id)
        .bind(code.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(form) = form else {
            return Ok(None);
        };
        let mut erased = Erased::default();
        if let Some(key) = form.erasable_household() {
            let earlier: i64 = sqlx::query_scalar(
                "select count(distinct household) from forms
                  where campaign_id = $1 and household like 'Hộ đã xóa số %'",
            )
            .bind(form.campaign_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
            let renamed = sqlx::query(
                "update forms set household = $1
                  where campaign_id = $2 and group_id = $3 and lower(trim(household)) = $4",
            )
            .bind(erased_household(earlier + 1))
            .bind(form.campaign_id)
            .bind(form.group_id)
            .bind(key)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            erased.households = 1;
            erased.forms = renamed.rows_affected() as i64;
        }
        let cleared = sqlx::query(
            "update forms set respondent_name = null, phone = null
              where id = $1 and (respondent_name is not null or phone is not null)",
        )
        .bind(form.id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if erased.forms == 0 {
            erased.forms = cleared.rows_affected() as i64;
        }
        let speakers: Vec<(uuid::Uuid, i64)> =
            sqlx::query_as("select id, position from conference_speakers where form_id = $1")
                .bind(form.id)
                .fetch_all(&mut *tx)
                .await
                .map_err(backend)?;
        erased.speakers = rename_speakers(&mut tx, &speakers).await?;
        let conflicts: Vec<(i64, String)> =
            sqlx::query_as("select id, body from form_conflicts where form_id = $1")
                .bind(form.id)
                .fetch_all(&mut *tx)
                .await
                .map_err(backend)?;
        erased.conflicts = redact_conflicts(&mut tx, conflicts).await?;
        write_audit(
            &mut *tx,
            form_erasure_entry(commune_id, acting.actor, form.id, &erased),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Some(erased))
    }

    async fn erase_due_personal_data(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<Erasure>, StoreError> {
        let closed: Vec<(CampaignId, CommuneId, String, DateTime<Utc>, i64)> = sqlx::query_as(
            "select c.id, c.commune_id, c.title, c.closed_at, m.retention_days
               from campaigns c join communes m on m.id = c.commune_id
              where c.stage = 'closed' and c.closed_at is not null
                and c.personal_data_erased_at is null",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut erasures = Vec::new();
        for (campaign_id, commune_id, title, closed_at, days) in closed {
            if !erasure_due(closed_at, days, now) {
                continue;
            }
            let Some(erased) = self.erase_campaign(commune_id, campaign_id, now).await? else {
                continue;
            };
            erasures.push(Erasure {
                commune_id,
                campaign_id,
                title,
                erased,
            });
        }
        Ok(erasures)
    }
}

impl PgStore {
    async fn erase_campaign(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        now: DateTime<Utc>,
    ) -> Result<Option<Erased>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        // One erasure of a campaign at a time, even from two server instances.
        let erased_already: Option<Option<DateTime<Utc>>> = sqlx::query_scalar(
            "select personal_data_erased_at from campaigns where id = $1 for update",
        )
        .bind(campaign_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        if !matches!(erased_already, Some(None)) {
            return Ok(None);
        }
        let forms: Vec<ErasableForm> = sqlx::query_as(
            "select id, lower(trim(household)) as household_key,
                    respondent_name is not null or phone is not null
                        or household is not null as personal
               from forms where campaign_id = $1
              order by received_at, id",
        )
        .bind(campaign_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let (renamed, households) = households_renamed(&forms);
        let mut erased = Erased {
            households,
            ..Erased::default()
        };
        for (form_id, household) in renamed {
            sqlx::query(
                "update forms set respondent_name = null, phone = null, household = $1
                  where id = $2",
            )
            .bind(household)
            .bind(form_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        erased.forms = forms.iter().filter(|f| f.personal).count() as i64;
        let speakers: Vec<(uuid::Uuid, i64)> =
            sqlx::query_as("select id, position from conference_speakers where campaign_id = $1")
                .bind(campaign_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(backend)?;
        erased.speakers = rename_speakers(&mut tx, &speakers).await?;
        let conflicts: Vec<(i64, String)> = sqlx::query_as(
            "select fc.id, fc.body from form_conflicts fc join forms f on f.id = fc.form_id
              where f.campaign_id = $1",
        )
        .bind(campaign_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        erased.conflicts = redact_conflicts(&mut tx, conflicts).await?;
        sqlx::query("update campaigns set personal_data_erased_at = $1 where id = $2")
            .bind(now)
            .bind(campaign_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        write_audit(
            &mut *tx,
            campaign_erasure_entry(commune_id, campaign_id, &erased),
            now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Some(erased))
    }
}

/// Replaces the speakers' names by their place on the list; returns how many.
async fn rename_speakers(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    speakers: &[(uuid::Uuid, i64)],
) -> Result<i64, StoreError> {
    for (id, position) in speakers {
        sqlx::query("update conference_speakers set display_name = $1 where id = $2")
            .bind(speaker_pseudonym(*position))
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(speakers.len() as i64)
}

/// Empties the personal fields of stored conflicting copies; returns how many changed.
async fn redact_conflicts(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    conflicts: Vec<(i64, String)>,
) -> Result<i64, StoreError> {
    let mut redacted_count = 0;
    for (id, body) in conflicts {
        let Some(redacted) = redact_form_json(&body) else {
            continue;
        };
        sqlx::query("update form_conflicts set body = $1 where id = $2")
            .bind(redacted)
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        redacted_count += 1;
    }
    Ok(redacted_count)
}
