//! The conference's speakers' list.

use async_trait::async_trait;

use app::api::NamedRef;
use app::api::conference::{SpeakerList, SpeakerRow};
use app::domain::ids::{CampaignId, CommuneId, FormId, GroupId, SpeakerId};
use app::domain::text::excerpt;
use app::ports::{Conference, Decided, DeskRefusal, StoreError};

use super::{SqliteStore, backend};

/// Longest excerpt of an opinion kept as a speaker's topic.
const TOPIC_CHARS: usize = 160;

#[derive(sqlx::FromRow)]
struct SpeakerLine {
    id: SpeakerId,
    position: i64,
    display_name: String,
    group_name: Option<String>,
    topic_note: Option<String>,
    form_id: Option<FormId>,
}

impl SqliteStore {
    async fn campaign_title(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("select title from campaigns where id = ?1 and commune_id = ?2")
            .bind(campaign_id)
            .bind(commune_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)
    }
}

#[async_trait]
impl Conference for SqliteStore {
    async fn speakers(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<SpeakerList>, StoreError> {
        let Some(title) = self.campaign_title(commune_id, campaign_id).await? else {
            return Ok(None);
        };
        let lines: Vec<SpeakerLine> = sqlx::query_as(
            "select s.id, s.position, s.display_name, g.name as group_name, s.topic_note, s.form_id
               from conference_speakers s
               left join residential_groups g on g.id = s.group_id
              where s.campaign_id = ?1
              order by s.position",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let waiting: i64 = sqlx::query_scalar(
            "select count(*) from forms f
              where f.campaign_id = ?1 and f.wants_to_speak = ?2
                and not exists (select 1 from conference_speakers s where s.form_id = f.id)",
        )
        .bind(campaign_id)
        .bind(true)
        .fetch_one(&self.pool)
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
        Ok(Some(SpeakerList {
            title,
            speakers: lines
                .into_iter()
                .map(|l| SpeakerRow {
                    id: l.id,
                    position: l.position,
                    name: l.display_name,
                    group: l.group_name,
                    topic_note: l.topic_note.unwrap_or_default(),
                    walk_in: l.form_id.is_none(),
                })
                .collect(),
            waiting,
            groups: groups
                .into_iter()
                .map(|(id, name)| NamedRef { id, name })
                .collect(),
        }))
    }

    async fn take_registrations(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Decided<i64> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        let ours: Option<CampaignId> =
            sqlx::query_scalar("select id from campaigns where id = ?1 and commune_id = ?2")
                .bind(campaign_id)
                .bind(commune_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if ours.is_none() {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let waiting: Vec<(FormId, GroupId, Option<String>, bool, Option<String>)> = sqlx::query_as(
            "select f.id, f.group_id, f.respondent_name, f.anonymous,
                    (select o.body from opinions o where o.form_id = f.id
                      order by o.position limit 1)
               from forms f
               join residential_groups g on g.id = f.group_id
              where f.campaign_id = ?1 and f.wants_to_speak = ?2
                and not exists (select 1 from conference_speakers s where s.form_id = f.id)
              order by g.sort_order, g.name, f.filled_at",
        )
        .bind(campaign_id)
        .bind(true)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let last: Option<i64> = sqlx::query_scalar(
            "select max(position) from conference_speakers where campaign_id = ?1",
        )
        .bind(campaign_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        let mut position = last.unwrap_or(0);
        for (form_id, group_id, name, anonymous, first_opinion) in &waiting {
            position += 1;
            let name = match name.as_deref().map(str::trim) {
                Some(n) if !n.is_empty() && !anonymous => n.to_owned(),
                _ => "Ẩn danh".to_owned(),
            };
            sqlx::query(
                "insert into conference_speakers
                    (id, campaign_id, form_id, group_id, display_name, position, topic_note)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(SpeakerId::new())
            .bind(campaign_id)
            .bind(form_id)
            .bind(group_id)
            .bind(name)
            .bind(position)
            .bind(first_opinion.as_deref().map(|t| excerpt(t, TOPIC_CHARS)))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Ok(i64::try_from(waiting.len()).unwrap_or(i64::MAX)))
    }

    async fn add_walk_in(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        (speaker_id, name, group_id, note): (SpeakerId, &str, Option<GroupId>, &str),
    ) -> Decided<()> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        let ours: Option<CampaignId> =
            sqlx::query_scalar("select id from campaigns where id = ?1 and commune_id = ?2")
                .bind(campaign_id)
                .bind(commune_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if ours.is_none() {
            return Ok(Err(DeskRefusal::NotFound));
        }
        if let Some(group) = group_id {
            let in_campaign: Option<GroupId> = sqlx::query_scalar(
                "select group_id from campaign_groups where campaign_id = ?1 and group_id = ?2",
            )
            .bind(campaign_id)
            .bind(group)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
            if in_campaign.is_none() {
                return Ok(Err(DeskRefusal::NotFound));
            }
        }
        let last: Option<i64> = sqlx::query_scalar(
            "select max(position) from conference_speakers where campaign_id = ?1",
        )
        .bind(campaign_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query(
            "insert into conference_speakers
                (id, campaign_id, form_id, group_id, display_name, position, topic_note)
             values (?1, ?2, null, ?3, ?4, ?5, ?6)",
        )
        .bind(speaker_id)
        .bind(campaign_id)
        .bind(group_id)
        .bind(name)
        .bind(last.unwrap_or(0) + 1)
        .bind(note)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn move_speaker(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        speaker_id: SpeakerId,
        earlier: bool,
    ) -> Decided<()> {
        let mut tx = self
            .pool
            .begin_with("begin immediate")
            .await
            .map_err(backend)?;
        let order: Vec<(SpeakerId, i64)> = sqlx::query_as(
            "select s.id, s.position from conference_speakers s
               join campaigns c on c.id = s.campaign_id
              where s.campaign_id = ?1 and c.commune_id = ?2
              order by s.position",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(at) = order.iter().position(|(id, _)| *id == speaker_id) else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let other = if earlier {
            at.checked_sub(1)
        } else {
            Some(at + 1)
        };
        let Some(other) = other.filter(|o| *o < order.len()) else {
            // Already first or last: nothing to do.
            return Ok(Ok(()));
        };
        let (a, pa) = order[at];
        let (b, pb) = order[other];
        for (id, position) in [(a, pb), (b, pa)] {
            sqlx::query("update conference_speakers set position = ?1 where id = ?2")
                .bind(position)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }
}
