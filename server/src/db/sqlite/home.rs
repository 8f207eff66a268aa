//! What the role home screens read: campaigns, intake counts, assignments, approvals.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;
use uuid::Uuid;

use app::domain::calendar::DayKind;
use app::domain::campaign::{CampaignKind, CampaignStage};
use app::ports::StoreError;
use app::server_fns::answer::{ApprovalCard, AssignmentCard};
use app::server_fns::collect::CampaignCard;
use app::server_fns::intake::{IntakeSummary, NamedCount};

use super::backend;

pub(super) fn kind(code: &str) -> Result<CampaignKind, StoreError> {
    CampaignKind::parse(code).ok_or_else(|| StoreError(format!("unknown campaign kind {code:?}")))
}

pub(super) fn stage(code: &str) -> Result<CampaignStage, StoreError> {
    CampaignStage::parse(code).ok_or_else(|| StoreError(format!("unknown campaign stage {code:?}")))
}

pub(super) async fn calendar(
    pool: &SqlitePool,
    commune_id: Uuid,
) -> Result<Vec<(NaiveDate, DayKind)>, StoreError> {
    let rows: Vec<(NaiveDate, String)> = sqlx::query_as(
        "select day, kind from holidays where commune_id is null or commune_id = ? order by day",
    )
    .bind(commune_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.into_iter()
        .map(|(day, code)| {
            DayKind::parse(&code)
                .map(|k| (day, k))
                .ok_or_else(|| StoreError(format!("unknown day kind {code:?}")))
        })
        .collect()
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

pub(super) async fn collector_campaigns(
    pool: &SqlitePool,
    commune_id: Uuid,
    collector_id: Uuid,
) -> Result<Vec<CampaignCard>, StoreError> {
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

pub(super) async fn intake_summaries(
    pool: &SqlitePool,
    commune_id: Uuid,
) -> Result<Vec<IntakeSummary>, StoreError> {
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

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    id: Uuid,
    issue_id: Uuid,
    issue_title: String,
    campaign_title: String,
    topic: String,
    department: String,
    due_date: NaiveDate,
    supporters: i64,
    answer_status: Option<String>,
}

pub(super) async fn assignments(
    pool: &SqlitePool,
    commune_id: Uuid,
    department_id: Option<Uuid>,
) -> Result<Vec<AssignmentCard>, StoreError> {
    let rows: Vec<AssignmentRow> = sqlx::query_as(
        "select a.id, i.id as issue_id, i.title as issue_title, c.title as campaign_title, t.name as topic,
                d.name as department, a.due_date,
                (select count(*) from opinions o where o.issue_id = i.id) as supporters,
                (select an.status from answers an where an.issue_id = i.id
                  order by an.updated_at desc limit 1) as answer_status
           from assignments a
           join issues i on i.id = a.issue_id
           join campaigns c on c.id = i.campaign_id
           join topics t on t.id = i.topic_id
           join departments d on d.id = a.department_id
          where i.commune_id = ?1 and a.status = 'open'
            and (?2 is null or a.department_id = ?2)
          order by a.due_date, i.title",
    )
    .bind(commune_id)
    .bind(department_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|r| AssignmentCard {
            assignment_id: r.id,
            issue_id: r.issue_id,
            issue_title: r.issue_title,
            campaign_title: r.campaign_title,
            topic: r.topic,
            department: r.department,
            due_date: r.due_date,
            supporters: r.supporters,
            answer_status: r.answer_status,
            working_days_late: 0,
        })
        .collect())
}

pub(super) async fn answers_awaiting_approval(
    pool: &SqlitePool,
    commune_id: Uuid,
) -> Result<Vec<ApprovalCard>, StoreError> {
    let rows: Vec<(Uuid, Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
        "select an.id, i.id, i.title, coalesce(d.name, ''), an.submitted_at
           from answers an
           join issues i on i.id = an.issue_id
           left join assignments a on a.id = an.assignment_id
           left join departments d on d.id = a.department_id
          where i.commune_id = ? and an.status = 'submitted'
          order by an.submitted_at",
    )
    .bind(commune_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(
            |(answer_id, issue_id, issue_title, department, submitted_at)| ApprovalCard {
                answer_id,
                issue_id,
                issue_title,
                department,
                submitted_at,
            },
        )
        .collect())
}
