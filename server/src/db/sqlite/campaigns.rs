//! Campaigns as the homes and the desk list them.

use app::api::plan::{CampaignPlan, PlanCard, PlanChoices, PlannedCampaign};
use app::domain::campaign::StageRefusal;
use app::domain::ids::{CampaignId, CommuneId, UserId};
use app::ports::{Campaigns, Decided, StageMove};
use async_trait::async_trait;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;
use uuid::Uuid;

use app::domain::campaign::{CampaignKind, CampaignStage};
use app::ports::StoreError;
use app::server_fns::collect::CampaignCard;
use app::server_fns::intake::{IntakeSummary, NamedCount};

use super::opinions::{campaign_groups, campaign_head, campaign_topics, departments};
use super::{SqliteStore, backend};
use app::api::desk::DeskReference;

pub(super) fn kind(code: &str) -> Result<CampaignKind, StoreError> {
    CampaignKind::parse(code)
        .ok_or_else(|| StoreError::broken(format!("unknown campaign kind {code:?}")))
}

pub(super) fn stage(code: &str) -> Result<CampaignStage, StoreError> {
    CampaignStage::parse(code)
        .ok_or_else(|| StoreError::broken(format!("unknown campaign stage {code:?}")))
}

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: Uuid,
    title: String,
    kind: String,
    stage: String,
    collection_deadline: Option<NaiveDate>,
    conference_date: Option<NaiveDate>,
    conference_place: Option<String>,
    my_forms: i64,
}

#[derive(sqlx::FromRow)]
struct IntakeRow {
    id: Uuid,
    title: String,
    kind: String,
    stage: String,
    forms: i64,
    opinions: i64,
    unclassified: i64,
    out_of_scope: i64,
    issues: i64,
    speakers: i64,
}

async fn named_counts(
    pool: &SqlitePool,
    commune_id: Uuid,
    sql: &'static str,
) -> Result<HashMap<Uuid, Vec<NamedCount>>, StoreError> {
    let rows: Vec<(Uuid, String, i64)> = sqlx::query_as(sql)
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    let mut map: HashMap<Uuid, Vec<NamedCount>> = HashMap::new();
    for (campaign, name, count) in rows {
        map.entry(campaign)
            .or_default()
            .push(NamedCount { name, count });
    }
    Ok(map)
}

#[async_trait]
impl Campaigns for SqliteStore {
    async fn collector_campaigns(
        &self,
        commune_id: CommuneId,
        collector_id: UserId,
    ) -> Result<Vec<CampaignCard>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let collector_id = collector_id.uuid();
        let rows: Vec<CampaignRow> = sqlx::query_as(
            "select c.id, c.title, c.kind, c.stage, c.collection_deadline, c.conference_date,
                c.conference_place,
                (select count(*) from forms f
                  where f.campaign_id = c.id and f.collector_id = ?2) as my_forms
           from campaigns c
          where c.commune_id = ?1
            and c.stage <> 'planning'
            and exists (select 1 from campaign_groups cg
                          join user_groups ug on ug.group_id = cg.group_id
                         where cg.campaign_id = c.id and ug.user_id = ?2)
          -- what can still be collected comes first
          order by c.stage = 'collecting' desc, c.created_at desc",
        )
        .bind(commune_id)
        .bind(collector_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let pairs: Vec<(Uuid, String)> = sqlx::query_as(
            "select cg.campaign_id, g.name
           from campaign_groups cg
           join user_groups ug on ug.group_id = cg.group_id
           join residential_groups g on g.id = cg.group_id
          where ug.user_id = ?
          order by g.sort_order, g.name",
        )
        .bind(collector_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        let mut groups: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (campaign, name) in pairs {
            groups.entry(campaign).or_default().push(name);
        }
        rows.into_iter()
            .map(|r| {
                Ok(CampaignCard {
                    groups: groups.remove(&r.id).unwrap_or_default(),
                    id: r.id,
                    title: r.title,
                    kind: kind(&r.kind)?,
                    stage: stage(&r.stage)?,
                    collection_deadline: r.collection_deadline,
                    conference_date: r.conference_date,
                    conference_place: r.conference_place,
                    my_forms: r.my_forms,
                })
            })
            .collect()
    }

    async fn intake_summaries(
        &self,
        commune_id: CommuneId,
    ) -> Result<Vec<IntakeSummary>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let rows: Vec<IntakeRow> = sqlx::query_as(
            "select c.id, c.title, c.kind, c.stage,
                (select count(*) from forms f where f.campaign_id = c.id) as forms,
                (select count(*) from opinions o where o.campaign_id = c.id) as opinions,
                (select count(*) from opinions o
                  where o.campaign_id = c.id and o.status = 'new') as unclassified,
                (select count(*) from opinions o
                  where o.campaign_id = c.id and o.status = 'out_of_scope') as out_of_scope,
                (select count(*) from issues i where i.campaign_id = c.id) as issues,
                (select count(*) from forms f
                  where f.campaign_id = c.id and f.wants_to_speak = 1) as speakers
           from campaigns c
          where c.commune_id = ?
          order by c.created_at desc",
        )
        .bind(commune_id)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        // Every group and topic of the campaign is listed, zeros included, so gaps show.
        let by_group = named_counts(
            pool,
            commune_id,
            "select cg.campaign_id, g.name, count(o.id)
           from campaign_groups cg
           join campaigns c on c.id = cg.campaign_id
           join residential_groups g on g.id = cg.group_id
           left join opinions o on o.campaign_id = cg.campaign_id and o.group_id = cg.group_id
          where c.commune_id = ?
          group by cg.campaign_id, g.id
          order by g.sort_order, g.name",
        )
        .await?;
        let by_topic = named_counts(
            pool,
            commune_id,
            "select ct.campaign_id, t.name, count(o.id)
           from campaign_topics ct
           join campaigns c on c.id = ct.campaign_id
           join topics t on t.id = ct.topic_id
           left join opinions o on o.campaign_id = ct.campaign_id and o.topic_id = ct.topic_id
          where c.commune_id = ?
          group by ct.campaign_id, t.id
          order by t.sort_order, t.name",
        )
        .await?;
        let (mut by_group, mut by_topic) = (by_group, by_topic);
        rows.into_iter()
            .map(|r| {
                Ok(IntakeSummary {
                    by_group: by_group.remove(&r.id).unwrap_or_default(),
                    by_topic: by_topic.remove(&r.id).unwrap_or_default(),
                    campaign_id: r.id,
                    title: r.title,
                    kind: kind(&r.kind)?,
                    stage: stage(&r.stage)?,
                    forms: r.forms,
                    opinions: r.opinions,
                    unclassified: r.unclassified,
                    out_of_scope: r.out_of_scope,
                    issues: r.issues,
                    speakers: r.speakers,
                })
            })
            .collect()
    }

    async fn desk_reference(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<DeskReference>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let campaigns = campaign_head(pool, commune_id, None).await?;
        let Some(campaign) = campaigns
            .iter()
            .find(|c| c.id.uuid() == campaign_id)
            .cloned()
        else {
            return Ok(None);
        };
        Ok(Some(DeskReference {
            campaign,
            campaigns,
            groups: campaign_groups(pool, campaign_id).await?,
            topics: campaign_topics(pool, campaign_id).await?,
            departments: departments(pool, commune_id).await?,
            conflicts: sqlx::query_scalar(
                "select count(*) from form_conflicts fc join forms f on f.id = fc.form_id
             where f.campaign_id = ? and fc.resolved_at is null",
            )
            .bind(campaign_id)
            .fetch_one(pool)
            .await
            .map_err(backend)?,
        }))
    }

    async fn plan_cards(&self, commune_id: CommuneId) -> Result<Vec<PlanCard>, StoreError> {
        self.plan_cards_of(commune_id).await
    }

    async fn planned_campaign(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<PlannedCampaign>, StoreError> {
        self.planned_campaign_of(commune_id, campaign_id).await
    }

    async fn plan_choices(&self, commune_id: CommuneId) -> Result<PlanChoices, StoreError> {
        self.plan_choices_of(commune_id).await
    }

    async fn save_plan(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        plan: &CampaignPlan,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        self.save_plan_of(commune_id, campaign_id, plan, actor, now)
            .await
    }

    async fn move_stage(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        change: StageMove,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Result<Result<(), StageRefusal>, StoreError> {
        self.move_stage_of(commune_id, campaign_id, change, actor, now)
            .await
    }
}
