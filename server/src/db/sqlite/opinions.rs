//! The intake list, classification, duplicate candidates, the pivot and the opinion export.
//! One filter clause serves the list, the pivot and the export, so their figures agree by
//! construction (and the tests check that they do).

use crate::db::rows::{Classified, ROW_FROM, ROW_SELECT, RowRecord, json, unique};
use app::domain::ids::{CampaignId, CommuneId, OpinionId, UserId};
use app::domain::similarity::MAX_CANDIDATES;
use app::ports::Opinions;
use async_trait::async_trait;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use futures::stream::BoxStream;
use sqlx::{Sqlite, SqlitePool, Transaction};
use uuid::Uuid;

use app::domain::format_datetime;
use app::domain::pivot::Heading;
use app::domain::respondent::RespondentKind;
use app::domain::triage::{IntakeFilter, OpinionState, Urgency};
use app::ports::{AuditEntry, StoreError};
use app::ports::{Decided, DeskRefusal, ExportOpinion};
use app::server_fns::desk::{CampaignHead, Classification, OpinionRow, Scope, TopicRef};

use super::campaigns::{kind, stage};
use super::{SqliteStore, backend};

/// The filter as SQL over `opinions o`. Parameters: ?1 commune, ?2 campaign, ?3 group,
/// ?4 topic, ?5 state code, ?6 urgency, ?7 respondent kind, ?8 LIKE pattern on the folded text.
/// A filter that is not set still names its parameter (`?3 is null`) but no column, so a query
/// without text search reads only the covering index `opinions_pivot`, never the table.
/// The search index key of a new opinion (migration 0005), given at insert so that the row is
/// written once; a row inserted without one gets it from a trigger instead.
pub(super) const NEXT_SEARCH_KEY: &str = "(select coalesce(max(search_key), 0) + 1 from opinions)";

/// Trigram-index hits above which a search scans the campaign's rows instead.
const SELECTIVE_HITS: i64 = 2_000;

/// Whether a search goes through the trigram index: only when few opinions of the whole file
/// match. A common word ("đường") matches a large share of every campaign; intersecting
/// hundreds of thousands of index hits with one campaign then costs far more than reading that
/// campaign's rows (measured: 2.9 s against 0.2 s at 1.25 million opinions).
pub(super) async fn use_search_index(
    pool: &SqlitePool,
    f: &IntakeFilter,
) -> Result<bool, StoreError> {
    let Some(pattern) = f.like_pattern().filter(|_| f.indexable_search()) else {
        return Ok(false);
    };
    let hits: i64 = sqlx::query_scalar(
        "select count(*) from (select 1 from opinions_search
          where opinions_search.body_folded like ? limit ?)",
    )
    .bind(pattern)
    .bind(SELECTIVE_HITS + 1)
    .fetch_one(pool)
    .await
    .map_err(backend)?;
    Ok(hits <= SELECTIVE_HITS)
}

/// The WHERE clause of a filtered view; `indexed`: the search goes through the trigram index
/// (see [`use_search_index`]).
pub(super) fn filter_clause(f: &IntakeFilter, indexed: bool) -> String {
    let mut sql = String::from("o.commune_id = ?1 and o.campaign_id = ?2");
    let mut part = |set: bool, on: &str, off: &str| {
        sql.push_str(" and ");
        sql.push_str(if set { on } else { off });
    };
    part(f.group_id.is_some(), "o.group_id = ?3", "?3 is null");
    part(f.topic_id.is_some(), "o.topic_id = ?4", "?4 is null");
    part(
        f.state.is_some(),
        "(case when o.issue_id is not null then 'da-tong-hop'
               when o.status = 'out_of_scope' then 'ngoai-pham-vi'
               when o.status = 'classified' then 'da-phan-loai'
               else 'moi' end) = ?5",
        "?5 is null",
    );
    part(f.urgency.is_some(), "o.urgency = ?6", "?6 is null");
    part(f.kind.is_some(), "o.respondent_kind = ?7", "?7 is null");
    // A selective search of three characters or more goes through the trigram index
    // (migration 0005); others scan the campaign's rows.
    let text = if indexed {
        "o.search_key in (select rowid from opinions_search where opinions_search.body_folded like ?8)"
    } else {
        "o.body_folded like ?8 escape '\\'"
    };
    part(f.like_pattern().is_some(), text, "?8 is null");
    sql
}

/// Binds [`filter_clause`]'s eight parameters on any sqlx query.
macro_rules! bind_filter {
    ($query:expr, $commune:expr, $campaign:expr, $filter:expr) => {{
        let f: &app::domain::triage::IntakeFilter = $filter;
        $query
            .bind($commune)
            .bind($campaign)
            .bind(f.group_id)
            .bind(f.topic_id)
            .bind(f.state.map(app::domain::triage::OpinionState::code))
            .bind(f.urgency.map(app::domain::triage::Urgency::code))
            .bind(f.kind.map(app::domain::respondent::RespondentKind::code))
            .bind(f.like_pattern())
    }};
}
pub(super) use bind_filter;

pub(super) async fn campaign_head(
    pool: &SqlitePool,
    commune_id: Uuid,
    campaign_id: Option<Uuid>,
) -> Result<Vec<CampaignHead>, StoreError> {
    let rows: Vec<(Uuid, String, String, String, Option<chrono::NaiveDate>)> = sqlx::query_as(
        "select id, title, kind, stage, answers_deadline from campaigns
         where commune_id = ?1 and (?2 is null or id = ?2) order by created_at desc",
    )
    .bind(commune_id)
    .bind(campaign_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.into_iter()
        .map(|(id, title, k, s, answers_deadline)| {
            Ok(CampaignHead {
                id: id.into(),
                title,
                kind: kind(&k)?,
                stage: stage(&s)?,
                answers_deadline,
            })
        })
        .collect()
}

pub(super) async fn campaign_groups(
    pool: &SqlitePool,
    campaign_id: Uuid,
) -> Result<Vec<Heading>, StoreError> {
    let rows: Vec<(Uuid, String)> = sqlx::query_as(
        "select g.id, g.name from campaign_groups cg join residential_groups g on g.id = cg.group_id
         where cg.campaign_id = ? order by g.sort_order, g.name",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Heading { id, name })
        .collect())
}

pub(super) async fn campaign_topics(
    pool: &SqlitePool,
    campaign_id: Uuid,
) -> Result<Vec<TopicRef>, StoreError> {
    let rows: Vec<(Uuid, String, Option<Uuid>)> = sqlx::query_as(
        "select t.id, t.name, t.default_department_id from campaign_topics ct
         join topics t on t.id = ct.topic_id where ct.campaign_id = ? order by t.sort_order, t.name",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, default_department_id)| TopicRef {
            id,
            name,
            default_department_id,
        })
        .collect())
}

pub(super) async fn departments(
    pool: &SqlitePool,
    commune_id: Uuid,
) -> Result<Vec<Heading>, StoreError> {
    let rows: Vec<(Uuid, String)> =
        sqlx::query_as("select id, name from departments where commune_id = ? order by name")
            .bind(commune_id)
            .fetch_all(pool)
            .await
            .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Heading { id, name })
        .collect())
}

/// Starts the write transaction of a change to opinions of one campaign and reads their
/// classification; `None` when any id is unknown or outside the commune and campaign.
pub(super) async fn open_opinions(
    pool: &SqlitePool,
    commune_id: Uuid,
    campaign_id: Uuid,
    ids: &[Uuid],
) -> Result<Option<(Transaction<'static, Sqlite>, Vec<Classified>)>, StoreError> {
    let mut tx = pool.begin_with("begin immediate").await.map_err(backend)?;
    let found = load_classified(&mut tx, commune_id, campaign_id, &unique(ids)).await?;
    Ok(found.map(|opinions| (tx, opinions)))
}

async fn load_classified(
    tx: &mut Transaction<'_, Sqlite>,
    commune_id: Uuid,
    campaign_id: Uuid,
    ids: &[Uuid],
) -> Result<Option<Vec<Classified>>, StoreError> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Option<Classified> = sqlx::query_as(
            "select o.id, o.topic_id, t.name as topic, o.status, o.urgency, o.authority,
                    o.out_of_scope_reason, o.issue_id
             from opinions o join topics t on t.id = o.topic_id
             where o.id = ? and o.commune_id = ? and o.campaign_id = ?",
        )
        .bind(id)
        .bind(commune_id)
        .bind(campaign_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?;
        match row {
            Some(r) => found.push(r),
            None => return Ok(None),
        }
    }
    Ok(Some(found))
}

/// Appends to the audit log, inside the caller's transaction or straight on the pool.
pub(super) async fn write_audit<'e>(
    executor: impl sqlx::Executor<'e, Database = Sqlite>,
    entry: AuditEntry,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into audit_log
            (commune_id, actor_id, at, entity, entity_id, action, before_json, after_json)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(entry.commune_id)
    .bind(entry.actor_id)
    .bind(at)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(entry.action)
    .bind(entry.before)
    .bind(entry.after)
    .execute(executor)
    .await
    .map(|_| ())
    .map_err(backend)
}

#[derive(sqlx::FromRow)]
struct ExportRecord {
    receipt_code: Option<String>,
    group_name: String,
    topic_name: String,
    respondent_kind: Option<String>,
    body: String,
    status: String,
    urgency: Option<String>,
    issue_id: Option<Uuid>,
    issue_title: Option<String>,
    created_at: DateTime<Utc>,
    respondent_name: Option<String>,
    anonymous: Option<bool>,
    household: Option<String>,
    phone: Option<String>,
}

impl ExportRecord {
    fn into_export(self, personal: bool) -> ExportOpinion {
        let state = OpinionState::of(&self.status, self.issue_id.is_some());
        let personal = personal.then(|| {
            let hidden = self.anonymous.unwrap_or(false);
            let name = if hidden {
                "(ẩn danh)".to_owned()
            } else {
                self.respondent_name.unwrap_or_default()
            };
            [
                name,
                self.household.unwrap_or_default(),
                self.phone.unwrap_or_default(),
            ]
        });
        ExportOpinion {
            receipt_code: self.receipt_code.unwrap_or_default(),
            group: self.group_name,
            topic: self.topic_name,
            kind: self
                .respondent_kind
                .as_deref()
                .and_then(RespondentKind::parse)
                .map(|k| k.label().to_owned())
                .unwrap_or_else(|| "Tại hội nghị".to_owned()),
            body: self.body,
            state: state.label().to_owned(),
            urgency: self
                .urgency
                .as_deref()
                .and_then(Urgency::from_code)
                .map(|u| u.label().to_owned())
                .unwrap_or_default(),
            issue: self.issue_title.unwrap_or_default(),
            received: format_datetime(self.created_at),
            personal,
        }
    }
}

#[async_trait]
impl Opinions for SqliteStore {
    async fn intake_page(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        filter: &IntakeFilter,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<OpinionRow>, i64), StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let where_ = filter_clause(filter, use_search_index(pool, filter).await?);
        let count_sql = format!("select count(*) from opinions o where {where_}");
        let total: i64 = bind_filter!(
            sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)),
            commune_id,
            campaign_id,
            filter
        )
        .fetch_one(pool)
        .await
        .map_err(backend)?;
        let page_sql = format!(
            "{ROW_SELECT}{ROW_FROM} where {where_}
         order by o.created_at desc, o.id desc limit ?9 offset ?10"
        );
        let rows: Vec<RowRecord> = bind_filter!(
            sqlx::query_as(sqlx::AssertSqlSafe(page_sql)),
            commune_id,
            campaign_id,
            filter
        )
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        Ok((rows.into_iter().map(OpinionRow::from).collect(), total))
    }

    async fn opinion_rows(
        &self,
        commune_id: CommuneId,
        ids: &[OpinionId],
    ) -> Result<Vec<OpinionRow>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let ids = &ids[..];
        let mut rows = Vec::with_capacity(ids.len());
        let sql = format!("{ROW_SELECT}{ROW_FROM} where o.commune_id = ? and o.id = ?");
        for id in ids {
            let row: Option<RowRecord> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(commune_id)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(backend)?;
            rows.extend(row.map(OpinionRow::from));
        }
        Ok(rows)
    }

    async fn classify(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        ids: &[OpinionId],
        change: &Classification,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Decided<u32> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let ids = &ids[..];
        let actor = actor.uuid();
        let Some((mut tx, before)) = open_opinions(pool, commune_id, campaign_id, ids).await?
        else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        let topic_name = match change.topic_id {
            None => None,
            Some(topic_id) => {
                let name: Option<String> = sqlx::query_scalar(
                    "select t.name from campaign_topics ct join topics t on t.id = ct.topic_id
                 where ct.campaign_id = ? and ct.topic_id = ?",
                )
                .bind(campaign_id)
                .bind(topic_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
                match name {
                    Some(n) => Some((topic_id, n)),
                    None => return Ok(Err(DeskRefusal::TopicNotInCampaign)),
                }
            }
        };
        if matches!(change.scope, Some(Scope::OutOfScope(_)))
            && before.iter().any(|o| o.issue_id.is_some())
        {
            return Ok(Err(DeskRefusal::MergedOpinion));
        }
        let mut changed = 0;
        for old in before {
            let mut new = old.clone();
            if let Some((id, name)) = &topic_name {
                new.topic_id = *id;
                new.topic = name.clone();
            }
            if let Some(u) = change.urgency {
                new.urgency = Some(u.code().to_owned());
            }
            if let Some(a) = change.authority {
                new.authority = Some(a.code().to_owned());
            }
            match &change.scope {
                Some(Scope::OutOfScope(reason)) => {
                    new.status = "out_of_scope".into();
                    new.out_of_scope_reason = Some(reason.trim().to_owned());
                }
                Some(Scope::InScope) => {
                    new.status = "classified".into();
                    new.out_of_scope_reason = None;
                }
                // a decision on a new opinion is its classification
                None if new.status == "new" => new.status = "classified".into(),
                None => {}
            }
            if new == old {
                continue;
            }
            sqlx::query(
                "update opinions set topic_id = ?, status = ?, urgency = ?, authority = ?,
                out_of_scope_reason = ? where id = ?",
            )
            .bind(new.topic_id)
            .bind(&new.status)
            .bind(&new.urgency)
            .bind(&new.authority)
            .bind(&new.out_of_scope_reason)
            .bind(new.id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            write_audit(
                &mut *tx,
                AuditEntry {
                    commune_id: Some(commune_id.into()),
                    actor_id: Some(actor.into()),
                    entity: "opinion",
                    entity_id: new.id.to_string(),
                    action: "classify",
                    before: json(&old),
                    after: json(&new),
                },
                now,
            )
            .await?;
            changed += 1;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Ok(changed))
    }

    async fn similarity_candidates(
        &self,
        commune_id: CommuneId,
        opinion_id: OpinionId,
    ) -> Result<Option<(String, Vec<(OpinionId, String)>)>, StoreError> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let opinion_id = opinion_id.uuid();
        let target: Option<(String, Uuid, Option<Uuid>, Option<Uuid>)> = sqlx::query_as(
            "select body_folded, campaign_id, issue_id, topic_id from opinions
              where commune_id = ? and id = ?",
        )
        .bind(commune_id)
        .bind(opinion_id)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
        let Some((folded, campaign_id, issue_id, topic_id)) = target else {
            return Ok(None);
        };
        let candidates: Vec<(Uuid, String)> = sqlx::query_as(
            "select id, body_folded from opinions
              where campaign_id = ?1 and id <> ?2 and status <> 'out_of_scope'
                and (?3 is null or issue_id is null or issue_id <> ?3)
              order by (topic_id is ?4) desc, created_at desc, id desc
              limit ?5",
        )
        .bind(campaign_id)
        .bind(opinion_id)
        .bind(issue_id)
        .bind(topic_id)
        .bind(MAX_CANDIDATES as i64)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
        Ok(Some((
            folded,
            candidates
                .into_iter()
                .map(|(id, text)| (id.into(), text))
                .collect(),
        )))
    }

    fn export_opinions<'a>(
        &'a self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        filter: &'a IntakeFilter,
        personal: bool,
    ) -> BoxStream<'a, Result<ExportOpinion, StoreError>> {
        let pool = &self.pool;
        let commune_id = commune_id.uuid();
        let campaign_id = campaign_id.uuid();
        // An export reads the campaign's rows in order anyway: no index probe.
        let where_ = filter_clause(filter, false);
        let sql = format!(
            "select f.receipt_code, g.name as group_name, t.name as topic_name, o.respondent_kind,
            o.body, o.status, o.urgency, o.issue_id, i.title as issue_title, o.created_at,
            f.respondent_name, f.anonymous, f.household, f.phone
         from opinions o
            join residential_groups g on g.id = o.group_id
            join topics t on t.id = o.topic_id
            left join forms f on f.id = o.form_id
            left join issues i on i.id = o.issue_id
         where {where_} order by o.created_at, o.id"
        );
        bind_filter!(
            sqlx::query_as::<_, ExportRecord>(sqlx::AssertSqlSafe(sql)),
            commune_id,
            campaign_id,
            filter
        )
        .fetch(pool)
        .map(move |row| row.map(|r| r.into_export(personal)).map_err(backend))
        .boxed()
    }
}
