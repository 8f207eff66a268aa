//! The conference record and the opinions raised at the conference on SQLite.

use async_trait::async_trait;
use chrono::NaiveDate;

use app::api::NamedRef;
use app::api::conference::{
    ConferenceRecord, ConferenceSheet, Delegation, DelegationLevel, NewConferenceOpinion,
    RaisedOpinion, SpeakerEntry, SpeakerNote,
};
use app::domain::ids::{CampaignId, CommuneId, GroupId, OpinionId, SpeakerId, TopicId};
use app::domain::text::fold;
use app::ports::{Acting, AuditEntry, ConferenceRecords, Decided, DeskRefusal, StoreError};

use super::opinions::{NEXT_SEARCH_KEY, write_audit};
use super::{SqliteStore, backend};

type Tx<'c> = sqlx::Transaction<'c, sqlx::Sqlite>;

#[derive(sqlx::FromRow)]
struct SpeakerLine {
    id: SpeakerId,
    position: i64,
    display_name: String,
    group_name: Option<String>,
    topic_note: Option<String>,
    spoke: bool,
    raised: Option<String>,
    answered_on_spot: Option<String>,
    answered_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RaisedLine {
    id: OpinionId,
    body: String,
    group_name: String,
    topic_name: String,
    speaker: Option<String>,
}

/// True when the campaign is the commune's, taking the writer's lock for the transaction.
async fn ours(
    tx: &mut Tx<'_>,
    commune_id: CommuneId,
    campaign_id: CampaignId,
) -> Result<bool, StoreError> {
    let found: Option<CampaignId> =
        sqlx::query_scalar("select id from campaigns where id = ?1 and commune_id = ?2")
            .bind(campaign_id)
            .bind(commune_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
    Ok(found.is_some())
}

fn audit(
    commune_id: CommuneId,
    acting: Acting,
    entity_id: String,
    action: &'static str,
    after: serde_json::Value,
) -> AuditEntry {
    AuditEntry {
        commune_id: Some(commune_id),
        actor_id: Some(acting.actor),
        entity: "conference",
        entity_id,
        action,
        before: None,
        after: Some(after.to_string()),
    }
}

#[async_trait]
impl ConferenceRecords for SqliteStore {
    async fn conference_sheet(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<ConferenceSheet>, StoreError> {
        let campaign: Option<(String, Option<NaiveDate>, Option<String>)> = sqlx::query_as(
            "select title, conference_date, conference_place from campaigns
              where id = ?1 and commune_id = ?2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((title, planned_on, planned_place)) = campaign else {
            return Ok(None);
        };
        let record: Option<(NaiveDate, String, String, String, String)> = sqlx::query_as(
            "select held_on, place, chairs, secretary, summary from conference_records
              where campaign_id = ?1",
        )
        .bind(campaign_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let delegations: Vec<(String, String, i64)> = sqlx::query_as(
            "select level, name, attendees from conference_delegations
              where campaign_id = ?1 order by position",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let delegations = delegations
            .into_iter()
            .map(|(level, name, attendees)| {
                Ok(Delegation {
                    level: DelegationLevel::parse(&level)
                        .ok_or_else(|| StoreError::broken(format!("unknown level {level}")))?,
                    name,
                    attendees,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let speakers: Vec<SpeakerLine> = sqlx::query_as(
            "select s.id, s.position, s.display_name, g.name as group_name, s.topic_note,
                    s.spoke, s.raised, s.answered_on_spot, s.answered_by
               from conference_speakers s
               left join residential_groups g on g.id = s.group_id
              where s.campaign_id = ?1 order by s.position",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let raised: Vec<RaisedLine> = sqlx::query_as(
            "select o.id, o.body, g.name as group_name, t.name as topic_name,
                    s.display_name as speaker
               from opinions o
               join residential_groups g on g.id = o.group_id
               join topics t on t.id = o.topic_id
               left join conference_speakers s on s.id = o.speaker_id
              where o.campaign_id = ?1 and o.source = 'conference'
              order by o.created_at, o.id",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let groups: Vec<(GroupId, String)> = sqlx::query_as(
            "select g.id, g.name from campaign_groups cg
               join residential_groups g on g.id = cg.group_id
              where cg.campaign_id = ?1 order by g.sort_order, g.name",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let topics: Vec<(TopicId, String)> = sqlx::query_as(
            "select t.id, t.name from campaign_topics ct join topics t on t.id = ct.topic_id
              where ct.campaign_id = ?1 order by t.sort_order, t.name",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        Ok(Some(ConferenceSheet {
            title,
            planned: (planned_on, planned_place.unwrap_or_default()),
            record: record.map(
                |(held_on, place, chairs, secretary, summary)| ConferenceRecord {
                    held_on,
                    place,
                    chairs,
                    secretary,
                    summary,
                    delegations,
                },
            ),
            speakers: speakers
                .into_iter()
                .map(|s| SpeakerEntry {
                    id: s.id,
                    position: s.position,
                    name: s.display_name,
                    group: s.group_name,
                    topic_note: s.topic_note.unwrap_or_default(),
                    note: SpeakerNote {
                        speaker_id: s.id,
                        spoke: s.spoke,
                        raised: s.raised.unwrap_or_default(),
                        answered_on_spot: s.answered_on_spot.unwrap_or_default(),
                        answered_by: s.answered_by.unwrap_or_default(),
                    },
                })
                .collect(),
            raised: raised
                .into_iter()
                .map(|r| RaisedOpinion {
                    id: r.id,
                    body: r.body,
                    group: r.group_name,
                    topic: r.topic_name,
                    speaker: r.speaker,
                })
                .collect(),
            groups: groups
                .into_iter()
                .map(|(id, name)| NamedRef { id, name })
                .collect(),
            topics: topics
                .into_iter()
                .map(|(id, name)| NamedRef { id, name })
                .collect(),
        }))
    }

    async fn save_record(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        record: &ConferenceRecord,
        acting: Acting,
    ) -> Decided<()> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        if !ours(&mut tx, commune_id, campaign_id).await? {
            return Ok(Err(DeskRefusal::NotFound));
        }
        sqlx::query(
            "insert into conference_records
                 (campaign_id, held_on, place, chairs, secretary, summary, updated_by, updated_at)
             values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             on conflict (campaign_id) do update set
                 held_on = excluded.held_on, place = excluded.place, chairs = excluded.chairs,
                 secretary = excluded.secretary, summary = excluded.summary,
                 updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(campaign_id)
        .bind(record.held_on)
        .bind(&record.place)
        .bind(&record.chairs)
        .bind(&record.secretary)
        .bind(&record.summary)
        .bind(acting.actor)
        .bind(acting.now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("delete from conference_delegations where campaign_id = ?1")
            .bind(campaign_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        for (position, d) in record.delegations.iter().enumerate() {
            sqlx::query(
                "insert into conference_delegations (id, campaign_id, position, level, name, attendees)
                 values (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(uuid::Uuid::now_v7())
            .bind(campaign_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(d.level.code())
            .bind(&d.name)
            .bind(d.attendees)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        // The record is what happened: the campaign's date and place follow it, and with them
        // the conclusion notice's deadline.
        sqlx::query(
            "update campaigns set conference_date = ?1,
                    conference_place = case when ?2 = '' then conference_place else ?2 end
              where id = ?3",
        )
        .bind(record.held_on)
        .bind(&record.place)
        .bind(campaign_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            audit(
                commune_id,
                acting,
                campaign_id.to_string(),
                "record",
                serde_json::json!({ "held_on": record.held_on, "place": record.place,
                                    "chairs": record.chairs,
                                    "delegations": record.delegations.len() }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn note_speaker(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        note: &SpeakerNote,
        acting: Acting,
    ) -> Decided<()> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        if !ours(&mut tx, commune_id, campaign_id).await? {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let changed = sqlx::query(
            "update conference_speakers set spoke = ?1, raised = ?2, answered_on_spot = ?3,
                    answered_by = ?4
              where id = ?5 and campaign_id = ?6",
        )
        .bind(note.spoke)
        .bind(&note.raised)
        .bind(&note.answered_on_spot)
        .bind(&note.answered_by)
        .bind(note.speaker_id)
        .bind(campaign_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected();
        if changed == 0 {
            return Ok(Err(DeskRefusal::NotFound));
        }
        write_audit(
            &mut *tx,
            audit(
                commune_id,
                acting,
                note.speaker_id.to_string(),
                "speaker_note",
                serde_json::json!({ "campaign": campaign_id, "spoke": note.spoke,
                                    "answered_on_spot": !note.answered_on_spot.is_empty(),
                                    "answered_by": note.answered_by }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn raise_opinion(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        (opinion_id, opinion): (OpinionId, &NewConferenceOpinion),
        acting: Acting,
    ) -> Decided<()> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        if !ours(&mut tx, commune_id, campaign_id).await? {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let group: i64 = sqlx::query_scalar(
            "select count(*) from campaign_groups where campaign_id = ?1 and group_id = ?2",
        )
        .bind(campaign_id)
        .bind(opinion.group_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        if group == 0 {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let topic: i64 = sqlx::query_scalar(
            "select count(*) from campaign_topics where campaign_id = ?1 and topic_id = ?2",
        )
        .bind(campaign_id)
        .bind(opinion.topic_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        if topic == 0 {
            return Ok(Err(DeskRefusal::TopicNotInCampaign));
        }
        if let Some(speaker) = opinion.speaker_id {
            let listed: i64 = sqlx::query_scalar(
                "select count(*) from conference_speakers where id = ?1 and campaign_id = ?2",
            )
            .bind(speaker)
            .bind(campaign_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
            if listed == 0 {
                return Ok(Err(DeskRefusal::NotFound));
            }
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id,
                 topic_id, body, body_folded, source, status, created_at, speaker_id, search_key)
             values (?1, ?2, ?3, null, 0, ?4, ?5, ?6, ?7, 'conference', 'new', ?8, ?9,
                     {NEXT_SEARCH_KEY})"
        )))
        .bind(opinion_id)
        .bind(commune_id)
        .bind(campaign_id)
        .bind(opinion.group_id)
        .bind(opinion.topic_id)
        .bind(&opinion.body)
        .bind(fold(&opinion.body))
        .bind(acting.now)
        .bind(opinion.speaker_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        write_audit(
            &mut *tx,
            audit(
                commune_id,
                acting,
                opinion_id.to_string(),
                "raised",
                serde_json::json!({ "campaign": campaign_id, "group": opinion.group_id,
                                    "topic": opinion.topic_id, "speaker": opinion.speaker_id }),
            ),
            acting.now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }
}
