//! Campaign planning and stages: the plan ward staff write and the moves through the cycle.

use chrono::{DateTime, NaiveDate, Utc};

use app::api::plan::{CampaignPlan, Choice, PlanCard, PlanChoices, PlannedCampaign};
use app::domain::campaign::{CampaignStage, StageFacts, StageRefusal};
use app::domain::ids::{CampaignId, CommuneId, GroupId, TopicId, UserId};
use app::ports::{AuditEntry, Decided, DeskRefusal, StageMove, StoreError};

use super::audit::write_audit;
use super::campaigns::{kind, stage};
use super::{PgStore, backend};
use crate::db::rows::deadline_rules;

#[derive(sqlx::FromRow)]
struct PlanLine {
    id: CampaignId,
    title: String,
    kind: String,
    stage: String,
    collection_deadline: Option<NaiveDate>,
    answers_deadline: Option<NaiveDate>,
    report_deadline: Option<NaiveDate>,
    conference_date: Option<NaiveDate>,
    conference_place: Option<String>,
    conclusion_days: i64,
    conclusion_max_days: i64,
    report_back_days: i64,
}

#[derive(sqlx::FromRow)]
struct CardLine {
    id: CampaignId,
    title: String,
    kind: String,
    stage: String,
    collection_deadline: Option<NaiveDate>,
    conference_date: Option<NaiveDate>,
}

impl PgStore {
    pub(super) async fn plan_cards_of(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<PlanCard>, StoreError> {
        let rows: Vec<CardLine> = sqlx::query_as(
            "select id, title, kind, stage, collection_deadline, conference_date
                   from campaigns where commune_id = $1 order by created_at desc",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.into_iter()
            .map(|line| {
                Ok(PlanCard {
                    id: line.id,
                    title: line.title,
                    kind: kind(&line.kind)?,
                    stage: stage(&line.stage)?,
                    collection_deadline: line.collection_deadline,
                    conference_date: line.conference_date,
                })
            })
            .collect()
    }

    pub(super) async fn planned_campaign_of(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<PlannedCampaign>, StoreError> {
        let line: Option<PlanLine> = sqlx::query_as(
            "select id, title, kind, stage, collection_deadline, answers_deadline,
                    report_deadline, conference_date, conference_place, conclusion_days,
                    conclusion_max_days, report_back_days
               from campaigns where id = $1 and commune_id = $2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(line) = line else { return Ok(None) };
        let group_ids: Vec<GroupId> = sqlx::query_scalar(
            "select cg.group_id from campaign_groups cg
               join residential_groups g on g.id = cg.group_id
              where cg.campaign_id = $1 order by g.sort_order, g.name",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let active_groups: Vec<GroupId> = sqlx::query_scalar(
            "select id from residential_groups where commune_id = $1 and active = $2",
        )
        .bind(commune_id)
        .bind(true)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let topic_ids: Vec<TopicId> = sqlx::query_scalar(
            "select ct.topic_id from campaign_topics ct join topics t on t.id = ct.topic_id
              where ct.campaign_id = $1 order by t.sort_order, t.name",
        )
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let chair_ids: Vec<UserId> =
            sqlx::query_scalar("select user_id from campaign_chairs where campaign_id = $1")
                .bind(campaign_id)
                .fetch_all(&self.pool)
                .await
                .map_err(backend)?;
        let whole_commune =
            !active_groups.is_empty() && active_groups.iter().all(|g| group_ids.contains(g));
        Ok(Some(PlannedCampaign {
            id: line.id,
            stage: stage(&line.stage)?,
            plan: CampaignPlan {
                title: line.title,
                kind: kind(&line.kind)?,
                chair_ids,
                group_ids,
                whole_commune,
                topic_ids,
                collection_deadline: line.collection_deadline,
                answers_deadline: line.answers_deadline,
                report_deadline: line.report_deadline,
                conference_date: line.conference_date,
                conference_place: line.conference_place.unwrap_or_default(),
                rules: deadline_rules(
                    line.conclusion_days,
                    line.conclusion_max_days,
                    line.report_back_days,
                ),
            },
        }))
    }

    pub(super) async fn plan_choices_of(
        &self,
        commune_id: CommuneId,
    ) -> Result<PlanChoices, StoreError> {
        let groups: Vec<(GroupId, String)> = sqlx::query_as(
            "select id, name from residential_groups where commune_id = $1 and active = $2
              order by sort_order, name",
        )
        .bind(commune_id)
        .bind(true)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let topics: Vec<(TopicId, String)> = sqlx::query_as(
            "select id, name from topics where commune_id = $1 order by sort_order, name",
        )
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let chairs: Vec<(UserId, String)> = sqlx::query_as(
            "select id, full_name from users
              where commune_id = $1 and role = 'chair' and active = $2 order by full_name",
        )
        .bind(commune_id)
        .bind(true)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let choice = |(id, name)| Choice { id, name };
        Ok(PlanChoices {
            groups: groups.into_iter().map(choice).collect(),
            topics: topics
                .into_iter()
                .map(|(id, name)| Choice { id, name })
                .collect(),
            chairs: chairs
                .into_iter()
                .map(|(id, name)| Choice { id, name })
                .collect(),
        })
    }

    pub(super) async fn save_plan_of(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        plan: &CampaignPlan,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        let choices = self.plan_choices_of(commune_id).await?;
        // Groups the campaign already names stay valid after they are deactivated or merged:
        // its forms name them.
        let current: Vec<GroupId> = sqlx::query_scalar(
            "select cg.group_id from campaign_groups cg
               join campaigns c on c.id = cg.campaign_id
              where c.id = $1 and c.commune_id = $2",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut group_ids: Vec<GroupId> = if plan.whole_commune {
            choices.groups.iter().map(|c| c.id).collect()
        } else {
            plan.group_ids.clone()
        };
        if plan.whole_commune {
            group_ids.extend(
                current
                    .iter()
                    .filter(|g| !group_ids.contains(g))
                    .copied()
                    .collect::<Vec<_>>(),
            );
        }
        let known_groups = group_ids
            .iter()
            .all(|g| current.contains(g) || choices.groups.iter().any(|c| c.id == *g));
        let known_topics = plan
            .topic_ids
            .iter()
            .all(|t| choices.topics.iter().any(|c| c.id == *t));
        let known_chairs = plan
            .chair_ids
            .iter()
            .all(|u| choices.chairs.iter().any(|c| c.id == *u));
        if !(known_groups && known_topics && known_chairs) {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let existing: Option<String> = sqlx::query_scalar(
            "select stage from campaigns where id = $1 and commune_id = $2
              for update",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let taken_elsewhere: Option<CampaignId> =
            sqlx::query_scalar("select id from campaigns where id = $1 and commune_id <> $2")
                .bind(campaign_id)
                .bind(commune_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if taken_elsewhere.is_some() {
            return Ok(Err(DeskRefusal::NotFound));
        }
        let place = Some(plan.conference_place.trim()).filter(|p| !p.is_empty());
        if existing.is_none() {
            sqlx::query(
                "insert into campaigns (id, commune_id, title, kind, stage, created_by, created_at)
                 values ($1, $2, $3, $4, 'planning', $5, $6)",
            )
            .bind(campaign_id)
            .bind(commune_id)
            .bind(&plan.title)
            .bind(plan.kind.code())
            .bind(actor)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        sqlx::query(
            "update campaigns set title = $1, kind = $2, collection_deadline = $3,
                    answers_deadline = $4, report_deadline = $5, conference_date = $6,
                    conference_place = $7, conclusion_days = $8, conclusion_max_days = $9,
                    report_back_days = $10
              where id = $11",
        )
        .bind(&plan.title)
        .bind(plan.kind.code())
        .bind(plan.collection_deadline)
        .bind(plan.answers_deadline)
        .bind(plan.report_deadline)
        .bind(plan.conference_date)
        .bind(place)
        .bind(i64::from(plan.rules.conclusion_days))
        .bind(i64::from(plan.rules.conclusion_max_days))
        .bind(i64::from(plan.rules.report_back_days))
        .bind(campaign_id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for sql in [
            "delete from campaign_groups where campaign_id = $1",
            "delete from campaign_topics where campaign_id = $1",
            "delete from campaign_chairs where campaign_id = $1",
        ] {
            sqlx::query(sql)
                .bind(campaign_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        for group in &group_ids {
            sqlx::query("insert into campaign_groups (campaign_id, group_id) values ($1, $2)")
                .bind(campaign_id)
                .bind(group)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        for topic in &plan.topic_ids {
            sqlx::query("insert into campaign_topics (campaign_id, topic_id) values ($1, $2)")
                .bind(campaign_id)
                .bind(topic)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        for chair in &plan.chair_ids {
            sqlx::query("insert into campaign_chairs (campaign_id, user_id) values ($1, $2)")
                .bind(campaign_id)
                .bind(chair)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    pub(super) async fn move_stage_of(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        change: StageMove,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Result<Result<(), StageRefusal>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let row: Option<(String, Option<NaiveDate>, Option<NaiveDate>)> = sqlx::query_as(
            "select stage, collection_deadline, conference_date from campaigns
              where id = $1 and commune_id = $2
              for update",
        )
        .bind(campaign_id)
        .bind(commune_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((current, collection_deadline, conference_date)) = row else {
            return Err(StoreError::NotFound);
        };
        if stage(&current)? != change.from {
            return Ok(Err(StageRefusal::Moved));
        }
        let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).bind(campaign_id);
        let groups = count("select count(*) from campaign_groups where campaign_id = $1")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        let topics = count("select count(*) from campaign_topics where campaign_id = $1")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        let open_assignments = count(
            "select count(*) from assignments a join issues i on i.id = a.issue_id
              where i.campaign_id = $1 and a.status = 'open'",
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        let issued_notices =
            count("select count(*) from conclusions where campaign_id = $1 and state = 'issued'")
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?;
        let open_items = count(
            "select count(*) from conclusion_items ci join conclusions c on c.id = ci.conclusion_id
              where c.campaign_id = $1 and c.state = 'issued' and ci.disposition = 'assigned'
                and ci.report_state <> 'accepted'",
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        let facts = StageFacts {
            has_groups: groups > 0,
            has_topics: topics > 0,
            collection_deadline,
            conference_date,
            open_assignments,
            notice_issued: issued_notices > 0,
            open_items,
            today: change.today,
        };
        if let Err(refusal) = change.from.check_move(change.to, &facts) {
            return Ok(Err(refusal));
        }
        // Personal data is kept for the commune's retention period from this moment.
        sqlx::query(
            "update campaigns set stage = $1,
                    closed_at = case when $1 = 'closed' then $3 else closed_at end
              where id = $2",
        )
        .bind(change.to.code())
        .bind(campaign_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let stage_json = |s: CampaignStage| format!("{{\"stage\":\"{}\"}}", s.code());
        write_audit(
            &mut *tx,
            AuditEntry {
                commune_id: Some(commune_id),
                actor_id: Some(actor),
                entity: "campaign",
                entity_id: campaign_id.to_string(),
                action: "stage",
                before: Some(stage_json(change.from)),
                after: Some(stage_json(change.to)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }
}
