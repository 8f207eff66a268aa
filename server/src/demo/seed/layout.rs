//! The commune's skeleton: groups, departments, topics, and campaigns with their scope.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use app::ports::StoreError;

use super::date;
use crate::db::sqlite::backend;

pub(super) const TOPICS: [(&str, &str, &str); 6] = [
    ("kinh_te", "Phát triển kinh tế", "kt"),
    ("van_hoa_xa_hoi", "Văn hóa - xã hội", "vhxh"),
    ("an_ninh_quoc_phong", "An ninh - quốc phòng", "ca"),
    (
        "nong_thon_moi",
        "Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
        "kt",
    ),
    (
        "thu_tuc_hanh_chinh",
        "Thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
        "pvhcc",
    ),
    ("khac", "Các kiến nghị, đề xuất khác", "vp"),
];

pub(super) const DEPARTMENTS: [(&str, &str); 8] = [
    ("vp", "Văn phòng HĐND-UBND"),
    ("kt", "Phòng Kinh tế"),
    ("vhxh", "Phòng Văn hóa - Xã hội"),
    ("ca", "Công an xã"),
    ("pvhcc", "Trung tâm Phục vụ hành chính công"),
    ("dvc", "Trung tâm Dịch vụ sự nghiệp công"),
    ("qs", "Ban Chỉ huy Quân sự xã"),
    ("yt", "Trạm Y tế xã"),
];

/// A created commune and the ids later records point at.
pub(super) struct Commune {
    pub(super) id: Uuid,
    pub(super) groups: Vec<(Uuid, String)>,
    pub(super) topics: HashMap<&'static str, (Uuid, Uuid)>,
    pub(super) departments: HashMap<&'static str, Uuid>,
}

pub(super) async fn commune(
    tx: &mut Transaction<'_, Sqlite>,
    (slug, name, kind): (&str, &str, &str),
    groups: &[&str],
    group_kind: &str,
    now: DateTime<Utc>,
) -> Result<Commune, StoreError> {
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into communes (id, slug, name, kind, province, created_at)
         values (?, ?, ?, ?, 'Thành phố Hải Phòng', ?)",
    )
    .bind(id)
    .bind(slug)
    .bind(name)
    .bind(kind)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    let mut group_ids = Vec::new();
    for (order, group) in groups.iter().enumerate() {
        let gid = Uuid::now_v7();
        sqlx::query(
            "insert into residential_groups (id, commune_id, name, kind, sort_order)
             values (?, ?, ?, ?, ?)",
        )
        .bind(gid)
        .bind(id)
        .bind(*group)
        .bind(group_kind)
        .bind(i64::try_from(order).unwrap_or(0))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        group_ids.push((gid, (*group).to_owned()));
    }
    let mut departments = HashMap::new();
    for (code, dept) in DEPARTMENTS {
        let did = Uuid::now_v7();
        // Phường have a police ward post, not a commune one.
        let dept = if kind == "phuong" {
            dept.replace(" xã", " phường")
        } else {
            dept.to_owned()
        };
        sqlx::query("insert into departments (id, commune_id, code, name) values (?, ?, ?, ?)")
            .bind(did)
            .bind(id)
            .bind(code)
            .bind(dept)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        departments.insert(code, did);
    }
    let mut topics = HashMap::new();
    for (order, (code, topic, dept)) in TOPICS.iter().enumerate() {
        let tid = Uuid::now_v7();
        let did = departments
            .get(dept)
            .copied()
            .ok_or_else(|| StoreError::broken(format!("no {dept}")))?;
        sqlx::query(
            "insert into topics (id, commune_id, code, name, sort_order, default_department_id)
             values (?, ?, ?, ?, ?, ?)",
        )
        .bind(tid)
        .bind(id)
        .bind(*code)
        .bind(*topic)
        .bind(i64::try_from(order).unwrap_or(0))
        .bind(did)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        topics.insert(*code, (tid, did));
    }
    Ok(Commune {
        id,
        groups: group_ids,
        topics,
        departments,
    })
}

pub(super) struct CampaignSpec {
    pub(super) title: &'static str,
    pub(super) kind: &'static str,
    pub(super) stage: &'static str,
    pub(super) groups: &'static [&'static str],
    pub(super) topics: &'static [&'static str],
    /// collection, answers, report and conference dates, in days from today
    pub(super) days: [i64; 4],
    pub(super) place: &'static str,
}

pub(super) struct Campaign {
    pub(super) id: Uuid,
    pub(super) groups: Vec<(Uuid, String)>,
    pub(super) topics: Vec<&'static str>,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn campaign(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    spec: CampaignSpec,
    today: NaiveDate,
    chair: Uuid,
    created_by: Uuid,
    now: DateTime<Utc>,
) -> Result<Campaign, StoreError> {
    let id = Uuid::now_v7();
    let [collect, answers, report, conference] = spec.days.map(|d| date(today, d));
    sqlx::query(
        "insert into campaigns (id, commune_id, title, kind, stage, collection_deadline,
            answers_deadline, report_deadline, conference_date, conference_place, created_by,
            created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(commune.id)
    .bind(spec.title)
    .bind(spec.kind)
    .bind(spec.stage)
    .bind(collect)
    .bind(answers)
    .bind(report)
    .bind(conference)
    .bind(spec.place)
    .bind(created_by)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    sqlx::query("insert into campaign_chairs (campaign_id, user_id) values (?, ?)")
        .bind(id)
        .bind(chair)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    let groups: Vec<(Uuid, String)> = commune
        .groups
        .iter()
        .filter(|(_, name)| spec.groups.contains(&name.as_str()))
        .cloned()
        .collect();
    for (gid, _) in &groups {
        sqlx::query("insert into campaign_groups (campaign_id, group_id) values (?, ?)")
            .bind(id)
            .bind(gid)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for code in spec.topics {
        let (tid, _) = commune
            .topics
            .get(code)
            .copied()
            .ok_or_else(|| StoreError::broken(format!("no topic {code}")))?;
        sqlx::query("insert into campaign_topics (campaign_id, topic_id) values (?, ?)")
            .bind(id)
            .bind(tid)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(Campaign {
        id,
        groups,
        topics: spec.topics.to_vec(),
    })
}
