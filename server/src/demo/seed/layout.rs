//! The commune's skeleton: groups, departments, topics, and campaigns with their scope.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use app::domain::campaign::{CampaignKind, CampaignStage};
use app::domain::ids::{CampaignId, CommuneId, DepartmentId, GroupId, TopicId, UserId};
use app::ports::StoreError;
use app::ports::import::{
    CampaignRecord, CommuneRecord, DepartmentRecord, GroupRecord, ImportBatch, TopicRecord,
};

use super::date;

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
    pub(super) id: CommuneId,
    pub(super) groups: Vec<(GroupId, String)>,
    pub(super) topics: HashMap<&'static str, (TopicId, DepartmentId)>,
    pub(super) departments: HashMap<&'static str, DepartmentId>,
}

pub(super) fn commune(
    batch: &mut ImportBatch,
    (slug, name, kind): (&str, &str, &str),
    groups: &[&str],
    group_kind: &str,
    now: DateTime<Utc>,
) -> Result<Commune, StoreError> {
    let id = CommuneId::new();
    batch.communes.push(CommuneRecord {
        id,
        slug: slug.into(),
        name: name.into(),
        kind: kind.into(),
        province: "Thành phố Hải Phòng".into(),
        created_at: now,
    });
    let mut group_ids = Vec::new();
    for (order, group) in groups.iter().enumerate() {
        let gid = GroupId::new();
        batch.groups.push(GroupRecord {
            id: gid,
            commune_id: id,
            name: (*group).into(),
            kind: group_kind.into(),
            sort_order: i64::try_from(order).unwrap_or(0),
        });
        group_ids.push((gid, (*group).to_owned()));
    }
    let mut departments = HashMap::new();
    for (code, dept) in DEPARTMENTS {
        let did = DepartmentId::new();
        // Phường have a police ward post, not a commune one.
        let dept = if kind == "phuong" {
            dept.replace(" xã", " phường")
        } else {
            dept.to_owned()
        };
        batch.departments.push(DepartmentRecord {
            id: did,
            commune_id: id,
            code: code.into(),
            name: dept,
        });
        departments.insert(code, did);
    }
    let mut topics = HashMap::new();
    for (order, (code, topic, dept)) in TOPICS.iter().enumerate() {
        let tid = TopicId::new();
        let did = departments
            .get(dept)
            .copied()
            .ok_or_else(|| StoreError::broken(format!("no {dept}")))?;
        batch.topics.push(TopicRecord {
            id: tid,
            commune_id: id,
            code: (*code).into(),
            name: (*topic).into(),
            sort_order: i64::try_from(order).unwrap_or(0),
            default_department_id: Some(did),
        });
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
    pub(super) kind: CampaignKind,
    pub(super) stage: CampaignStage,
    pub(super) groups: &'static [&'static str],
    pub(super) topics: &'static [&'static str],
    /// collection, answers, report and conference dates, in days from today
    pub(super) days: [i64; 4],
    pub(super) place: &'static str,
}

pub(super) struct Campaign {
    pub(super) id: CampaignId,
    pub(super) groups: Vec<(GroupId, String)>,
    pub(super) topics: Vec<&'static str>,
}

pub(super) fn campaign(
    batch: &mut ImportBatch,
    commune: &Commune,
    spec: CampaignSpec,
    today: NaiveDate,
    (chair, created_by): (UserId, UserId),
    now: DateTime<Utc>,
) -> Result<Campaign, StoreError> {
    let id = CampaignId::new();
    let [collect, answers, report, conference] = spec.days.map(|d| date(today, d));
    let groups: Vec<(GroupId, String)> = commune
        .groups
        .iter()
        .filter(|(_, name)| spec.groups.contains(&name.as_str()))
        .cloned()
        .collect();
    let mut topics = Vec::new();
    for code in spec.topics {
        let (tid, _) = commune
            .topics
            .get(code)
            .copied()
            .ok_or_else(|| StoreError::broken(format!("no topic {code}")))?;
        topics.push(tid);
    }
    batch.campaigns.push(CampaignRecord {
        id,
        commune_id: commune.id,
        title: spec.title.into(),
        kind: spec.kind,
        stage: spec.stage,
        collection_deadline: Some(collect),
        answers_deadline: Some(answers),
        report_deadline: Some(report),
        conference_date: Some(conference),
        conference_place: Some(spec.place.into()),
        created_by: Some(created_by),
        created_at: now,
        chairs: vec![chair],
        groups: groups.iter().map(|(g, _)| *g).collect(),
        topics,
    });
    Ok(Campaign {
        id,
        groups,
        topics: spec.topics.to_vec(),
    })
}
