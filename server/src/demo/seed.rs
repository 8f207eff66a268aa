//! Writes the demo communes into an empty database.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use app::domain::calendar::DayKind;
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use app::domain::role::Role;
use app::domain::text::fold;
use app::ports::StoreError;

use super::corpus::{ANSWERED, OPINIONS, OpinionSample};
use super::people::{Dice, household, phone, resident_name};
use crate::db::sqlite::{NewUser, SqliteStore, UserError, backend};

/// Password of every demo account. Printed in README; change it before real use.
pub const DEMO_PASSWORD: &str = "danban2026";

/// What the seed wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Communes created.
    pub communes: usize,
    /// Users created.
    pub users: usize,
    /// Campaigns created.
    pub campaigns: usize,
    /// Forms created.
    pub forms: usize,
    /// Opinions created.
    pub opinions: usize,
    /// Issues created.
    pub issues: usize,
}

const TOPICS: [(&str, &str, &str); 6] = [
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

const DEPARTMENTS: [(&str, &str); 8] = [
    ("vp", "Văn phòng HĐND-UBND"),
    ("kt", "Phòng Kinh tế"),
    ("vhxh", "Phòng Văn hóa - Xã hội"),
    ("ca", "Công an xã"),
    ("pvhcc", "Trung tâm Phục vụ hành chính công"),
    ("dvc", "Trung tâm Dịch vụ sự nghiệp công"),
    ("qs", "Ban Chỉ huy Quân sự xã"),
    ("yt", "Trạm Y tế xã"),
];

/// National days off for 2026 and New Year 2027; communes edit the calendar as the government
/// announces swaps.
const HOLIDAYS: [(i32, u32, u32, DayKind, &str); 17] = [
    (2026, 1, 1, DayKind::Holiday, "Tết Dương lịch"),
    (2026, 2, 14, DayKind::DayOff, "Nghỉ Tết Nguyên đán"),
    (2026, 2, 15, DayKind::DayOff, "Nghỉ Tết Nguyên đán"),
    (2026, 2, 16, DayKind::Holiday, "Tết Nguyên đán (30 Tết)"),
    (2026, 2, 17, DayKind::Holiday, "Tết Nguyên đán (mùng 1)"),
    (2026, 2, 18, DayKind::Holiday, "Tết Nguyên đán (mùng 2)"),
    (2026, 2, 19, DayKind::Holiday, "Tết Nguyên đán (mùng 3)"),
    (2026, 2, 20, DayKind::Holiday, "Tết Nguyên đán (mùng 4)"),
    (2026, 2, 21, DayKind::DayOff, "Nghỉ Tết Nguyên đán"),
    (2026, 2, 22, DayKind::DayOff, "Nghỉ Tết Nguyên đán"),
    (
        2026,
        4,
        26,
        DayKind::Holiday,
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    ),
    (2026, 4, 27, DayKind::DayOff, "Nghỉ bù Giỗ Tổ Hùng Vương"),
    (2026, 4, 30, DayKind::Holiday, "Ngày Giải phóng miền Nam"),
    (2026, 5, 1, DayKind::Holiday, "Ngày Quốc tế Lao động"),
    (2026, 9, 1, DayKind::Holiday, "Quốc khánh"),
    (2026, 9, 2, DayKind::Holiday, "Quốc khánh"),
    (2027, 1, 1, DayKind::Holiday, "Tết Dương lịch"),
];

struct Commune {
    id: Uuid,
    groups: Vec<(Uuid, String)>,
    topics: HashMap<&'static str, (Uuid, Uuid)>,
    departments: HashMap<&'static str, Uuid>,
}

fn date(d: NaiveDate, days: i64) -> NaiveDate {
    d + Duration::days(days)
}

/// Loads the demo into an empty database; dates are placed around `today` so that the demo
/// always has something collecting, something due and something overdue.
pub async fn seed_demo(store: &SqliteStore, today: NaiveDate) -> Result<DemoSummary, UserError> {
    if !store.is_empty().await? {
        return Err(UserError::Invalid(
            "the database already has data; demo not loaded".into(),
        ));
    }
    let now = Utc::now();
    let mut summary = DemoSummary::default();

    let mut tx = store.pool().begin().await.map_err(backend)?;
    for (y, m, d, kind, name) in HOLIDAYS {
        let day = NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| UserError::Invalid(format!("bad holiday {d}/{m}/{y}")))?;
        sqlx::query("insert into holidays (commune_id, day, kind, name) values (null, ?, ?, ?)")
            .bind(day)
            .bind(kind.code())
            .bind(name)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    }
    let btm = commune(
        &mut tx,
        ("bac-thanh-mien", "Xã Bắc Thanh Miện", "xa"),
        &[
            "Thôn An Sơn",
            "Thôn An Lâu",
            "Thôn Đông Bình",
            "Thôn Tân Phong",
            "Thôn Hòa Lạc",
            "Thôn Phú Xuân",
        ],
        "thon",
        now,
    )
    .await?;
    let km = commune(
        &mut tx,
        ("kinh-mon", "Phường Kinh Môn", "phuong"),
        &[
            "Tổ dân phố Kinh Hạ",
            "Tổ dân phố Kinh Thượng",
            "Tổ dân phố An Ninh",
        ],
        "to_dan_pho",
        now,
    )
    .await?;
    tx.commit().await.map_err(backend)?;
    summary.communes = 2;

    let users = [
        (
            "admin",
            "Quản trị hệ thống",
            Role::Admin,
            None,
            None,
            vec![],
        ),
        (
            "vanphong",
            "Nguyễn Thị Hạnh",
            Role::WardStaff,
            Some("bac-thanh-mien"),
            None,
            vec![],
        ),
        (
            "kinhte",
            "Phạm Văn Tuấn",
            Role::DepartmentOfficer,
            Some("bac-thanh-mien"),
            Some("kt"),
            vec![],
        ),
        (
            "chutich",
            "Trần Văn Khải",
            Role::Chair,
            Some("bac-thanh-mien"),
            None,
            vec![],
        ),
        (
            "mttq",
            "Lê Thị Bình",
            Role::Supervisor,
            Some("bac-thanh-mien"),
            None,
            vec![],
        ),
        (
            "anson",
            "Vũ Văn Sơn",
            Role::Collector,
            Some("bac-thanh-mien"),
            None,
            vec!["Thôn An Sơn"],
        ),
        (
            "anlau",
            "Đỗ Thị Lan",
            Role::Collector,
            Some("bac-thanh-mien"),
            None,
            vec!["Thôn An Lâu", "Thôn Đông Bình"],
        ),
        (
            "tanphong",
            "Hoàng Văn Phong",
            Role::Collector,
            Some("bac-thanh-mien"),
            None,
            vec!["Thôn Tân Phong", "Thôn Hòa Lạc", "Thôn Phú Xuân"],
        ),
        (
            "kinhmon",
            "Bùi Thị Thu",
            Role::WardStaff,
            Some("kinh-mon"),
            None,
            vec![],
        ),
        (
            "kinhha",
            "Đặng Văn Hà",
            Role::Collector,
            Some("kinh-mon"),
            None,
            vec!["Tổ dân phố Kinh Hạ"],
        ),
    ];
    let mut ids: HashMap<&str, Uuid> = HashMap::new();
    for (username, full_name, role, commune, department, groups) in users {
        let id = store
            .create_user(NewUser {
                username: username.into(),
                full_name: full_name.into(),
                role,
                commune_slug: commune.map(Into::into),
                department_code: department.map(Into::into),
                group_names: groups.into_iter().map(Into::into).collect(),
                password: DEMO_PASSWORD.into(),
            })
            .await?;
        ids.insert(username, id);
        summary.users += 1;
    }
    let user = |name: &str| {
        ids.get(name)
            .copied()
            .ok_or_else(|| StoreError(format!("no demo user {name}")))
    };
    // Which collector walks which group.
    let collector_of = |group: &str| -> Result<Uuid, StoreError> {
        match group {
            "Thôn An Sơn" => user("anson"),
            "Thôn An Lâu" | "Thôn Đông Bình" => user("anlau"),
            g if g.starts_with("Tổ dân phố") => user("kinhha"),
            _ => user("tanphong"),
        }
    };

    let mut dice = Dice::new(2026);
    let mut tx = store.pool().begin().await.map_err(backend)?;
    let chair = user("chutich")?;
    let staff = user("vanphong")?;

    // 1. Định kỳ, collecting now (seed 004).
    let periodic = campaign(
        &mut tx,
        &btm,
        CampaignSpec {
            title: "Tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân dân thôn An Sơn và thôn An Lâu năm 2026",
            kind: "dinh_ky",
            stage: "collecting",
            groups: &["Thôn An Sơn", "Thôn An Lâu"],
            topics: &["kinh_te", "van_hoa_xa_hoi", "an_ninh_quoc_phong", "nong_thon_moi", "thu_tuc_hanh_chinh", "khac"],
            days: [7, 12, 14, 18],
            place: "Nhà văn hóa thôn An Sơn",
        },
        today,
        chair,
        staff,
        now,
    )
    .await?;
    let forms = collect(
        &mut tx,
        &btm,
        &periodic,
        46,
        &mut dice,
        &collector_of,
        "new",
        now,
    )
    .await?;
    summary.forms += forms.len();
    summary.opinions += forms.iter().map(|f| f.len()).sum::<usize>();

    // 2. Chuyên đề, answers being prepared: merged issues, assignments, some late.
    let thematic = campaign(
        &mut tx,
        &btm,
        CampaignSpec {
            title: "Đối thoại chuyên đề về xây dựng nông thôn mới kiểu mẫu năm 2026",
            kind: "chuyen_de",
            stage: "answering",
            groups: &[
                "Thôn An Sơn",
                "Thôn An Lâu",
                "Thôn Đông Bình",
                "Thôn Tân Phong",
                "Thôn Hòa Lạc",
                "Thôn Phú Xuân",
            ],
            topics: &["nong_thon_moi", "kinh_te", "van_hoa_xa_hoi", "khac"],
            days: [-20, 3, 5, 10],
            place: "Hội trường UBND xã Bắc Thanh Miện",
        },
        today,
        chair,
        staff,
        now,
    )
    .await?;
    let forms = collect(
        &mut tx,
        &btm,
        &thematic,
        62,
        &mut dice,
        &collector_of,
        "classified",
        now,
    )
    .await?;
    summary.forms += forms.len();
    summary.opinions += forms.iter().map(|f| f.len()).sum::<usize>();
    summary.issues += merge_duplicates(
        &mut tx,
        &btm,
        &thematic,
        &forms,
        today,
        staff,
        user("kinhte")?,
        now,
    )
    .await?;

    // 3. Đột xuất, concluded: approved answers published to residents.
    let adhoc = campaign(
        &mut tx,
        &btm,
        CampaignSpec {
            title: "Đối thoại đột xuất với Nhân dân thôn Tân Phong, Hòa Lạc và Phú Xuân về những vấn đề bức xúc",
            kind: "dot_xuat",
            stage: "concluded",
            groups: &["Thôn Tân Phong", "Thôn Hòa Lạc", "Thôn Phú Xuân"],
            topics: &["kinh_te", "van_hoa_xa_hoi", "an_ninh_quoc_phong", "nong_thon_moi", "thu_tuc_hanh_chinh", "khac"],
            days: [-60, -50, -48, -45],
            place: "Nhà văn hóa thôn Tân Phong",
        },
        today,
        chair,
        staff,
        now,
    )
    .await?;
    summary.issues += publish_answers(
        &mut tx,
        &btm,
        &adhoc,
        &mut dice,
        &collector_of,
        today,
        chair,
        now,
    )
    .await?;
    summary.opinions += count_opinions(&mut tx, adhoc.id).await?;
    summary.forms += count_forms(&mut tx, adhoc.id).await?;

    // A small second tenant.
    let kinh_ha = campaign(
        &mut tx,
        &km,
        CampaignSpec {
            title: "Đối thoại giữa người đứng đầu cấp ủy, chính quyền phường với Nhân dân tổ dân phố Kinh Hạ",
            kind: "dinh_ky",
            stage: "collecting",
            groups: &["Tổ dân phố Kinh Hạ"],
            topics: &["kinh_te", "van_hoa_xa_hoi", "an_ninh_quoc_phong", "thu_tuc_hanh_chinh", "khac"],
            days: [10, 15, 17, 21],
            place: "Nhà văn hóa tổ dân phố Kinh Hạ",
        },
        today,
        user("kinhmon")?,
        user("kinhmon")?,
        now,
    )
    .await?;
    let forms = collect(
        &mut tx,
        &km,
        &kinh_ha,
        12,
        &mut dice,
        &collector_of,
        "new",
        now,
    )
    .await?;
    summary.forms += forms.len();
    summary.opinions += forms.iter().map(|f| f.len()).sum::<usize>();
    summary.campaigns = 4;
    tx.commit().await.map_err(backend)?;
    Ok(summary)
}

async fn commune(
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
            .ok_or_else(|| StoreError(format!("no {dept}")))?;
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

struct CampaignSpec {
    title: &'static str,
    kind: &'static str,
    stage: &'static str,
    groups: &'static [&'static str],
    topics: &'static [&'static str],
    /// collection, answers, report and conference dates, in days from today
    days: [i64; 4],
    place: &'static str,
}

struct Campaign {
    id: Uuid,
    groups: Vec<(Uuid, String)>,
    topics: Vec<&'static str>,
}

#[allow(clippy::too_many_arguments)]
async fn campaign(
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
            .ok_or_else(|| StoreError(format!("no topic {code}")))?;
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

/// One written opinion: its id, group and sample.
struct Written {
    id: Uuid,
    group: Uuid,
    sample: usize,
}

fn samples_of(topic: &str) -> Vec<usize> {
    OPINIONS
        .iter()
        .enumerate()
        .filter(|(_, s)| s.topic == topic)
        .map(|(i, _)| i)
        .collect()
}

fn short_group(name: &str) -> &str {
    name.trim_start_matches("Thôn ")
        .trim_start_matches("Tổ dân phố ")
}

fn opinion_text(sample: &OpinionSample, group: &str) -> String {
    sample.text.replace("{thon}", short_group(group))
}

#[allow(clippy::too_many_arguments)]
async fn collect(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    forms: usize,
    dice: &mut Dice,
    collector_of: &impl Fn(&str) -> Result<Uuid, StoreError>,
    status: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<Written>>, StoreError> {
    let mut written = Vec::with_capacity(forms);
    for n in 0..forms {
        let (group_id, group) = dice.pick(&campaign.groups).clone();
        let topic = *dice.pick(&campaign.topics);
        let count = 1 + dice.below(3);
        let filled_at = now - Duration::hours(i64::try_from(forms - n).unwrap_or(0) * 5);
        let first = *dice.pick(&samples_of(topic));
        let form_id = insert_form(
            tx,
            commune,
            campaign,
            group_id,
            &group,
            collector_of(&group)?,
            dice,
            OPINIONS[first].proposal,
            filled_at,
        )
        .await?;
        let mut opinions = Vec::with_capacity(count);
        for position in 0..count {
            let sample = if position == 0 {
                first
            } else {
                {
                    let topic = *dice.pick(&campaign.topics);
                    *dice.pick(&samples_of(topic))
                }
            };
            let urgency = (status != "new")
                .then(|| *dice.pick(&["khan", "cao", "binh_thuong", "binh_thuong"]));
            let id = insert_opinion(
                tx,
                commune,
                campaign.id,
                Some(form_id),
                position,
                group_id,
                &group,
                sample,
                status,
                urgency,
                filled_at,
            )
            .await?;
            opinions.push(Written {
                id,
                group: group_id,
                sample,
            });
        }
        written.push(opinions);
    }
    Ok(written)
}

#[allow(clippy::too_many_arguments)]
async fn insert_form(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    group_id: Uuid,
    group: &str,
    collector: Uuid,
    dice: &mut Dice,
    proposal: &str,
    filled_at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    let anonymous = dice.chance(20);
    let kinds = RespondentKind::ALL;
    // Most respondents are ordinary residents.
    let kind = if dice.chance(60) {
        RespondentKind::Resident
    } else {
        *dice.pick(&kinds)
    };
    let name = (!anonymous).then(|| resident_name(dice));
    let phone_number = (!anonymous && dice.chance(40)).then(|| phone(dice));
    sqlx::query(
        "insert into forms (id, commune_id, campaign_id, group_id, collector_id, revision,
            receipt_code, respondent_name, anonymous, household, phone, respondent_kind, proposal,
            wants_to_speak, consent, content_hash, filled_at, received_at)
         values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
    )
    .bind(id)
    .bind(commune.id)
    .bind(campaign.id)
    .bind(group_id)
    .bind(collector)
    .bind(ReceiptCode::from_bits(dice.next()).as_str())
    .bind(name)
    .bind(anonymous)
    .bind(household(dice, group))
    .bind(phone_number)
    .bind(kind.code())
    .bind(proposal)
    .bind(dice.chance(15))
    // demo rows never arrive through sync, so no client content hash exists for them
    .bind(format!("demo:{id}"))
    .bind(filled_at)
    .bind(filled_at + Duration::minutes(30))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn insert_opinion(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: Uuid,
    form: Option<Uuid>,
    position: usize,
    group_id: Uuid,
    group: &str,
    sample: usize,
    status: &str,
    urgency: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let s = &OPINIONS[sample];
    let (topic_id, _) = commune
        .topics
        .get(s.topic)
        .copied()
        .ok_or_else(|| StoreError(format!("no topic {}", s.topic)))?;
    let text = opinion_text(s, group);
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into opinions (id, commune_id, campaign_id, form_id, position, group_id, topic_id,
            body, body_folded, source, status, urgency, authority, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'form', ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(commune.id)
    .bind(campaign)
    .bind(form)
    .bind(i64::try_from(position).unwrap_or(0))
    .bind(group_id)
    .bind(topic_id)
    .bind(&text)
    .bind(fold(&text))
    .bind(status)
    .bind(urgency)
    .bind(urgency.map(|_| "commune"))
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(id)
}

/// A staff-style title: the first clause of the opinion, at most ~90 characters.
fn title_from(text: &str) -> String {
    let clause = text.split(['.', ';']).next().unwrap_or(text).trim();
    let mut title: String = clause.chars().take(90).collect();
    if clause.chars().count() > 90 {
        if let Some(cut) = title.rfind(' ') {
            title.truncate(cut);
        }
        title.push('…');
    }
    title
}

/// Merges opinions written from the same sample (same matter, several households) into issues,
/// assigns them, and drafts answers in every state.
#[allow(clippy::too_many_arguments)]
async fn merge_duplicates(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    forms: &[Vec<Written>],
    today: NaiveDate,
    staff: Uuid,
    officer: Uuid,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut by_sample: HashMap<usize, Vec<&Written>> = HashMap::new();
    for w in forms.iter().flatten() {
        by_sample.entry(w.sample).or_default().push(w);
    }
    let mut repeated: Vec<(usize, Vec<&Written>)> = by_sample
        .into_iter()
        .filter(|(_, list)| list.len() >= 2)
        .collect();
    repeated.sort_by_key(|(sample, list)| (std::cmp::Reverse(list.len()), *sample));
    let answer_states = ["submitted", "submitted", "draft", "returned", "submitted"];
    let mut made = 0;
    for (n, (sample, opinions)) in repeated.into_iter().take(9).enumerate() {
        let s = &OPINIONS[sample];
        let (topic_id, department_id) = commune
            .topics
            .get(s.topic)
            .copied()
            .ok_or_else(|| StoreError("topic".into()))?;
        let issue = Uuid::now_v7();
        let groups: std::collections::BTreeSet<Uuid> = opinions.iter().map(|w| w.group).collect();
        let summary = format!(
            "{} ý kiến của cử tri {} thôn cùng phản ánh nội dung này. {}",
            opinions.len(),
            groups.len(),
            s.proposal
        );
        sqlx::query(
            "insert into issues (id, commune_id, campaign_id, title, summary, topic_id, urgency,
                authority, status, published, created_by, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, 'commune', 'assigned', 0, ?, ?, ?)",
        )
        .bind(issue)
        .bind(commune.id)
        .bind(campaign.id)
        .bind(title_from(&opinion_text(s, "")))
        .bind(summary.trim())
        .bind(topic_id)
        .bind(if n % 3 == 0 { "cao" } else { "binh_thuong" })
        .bind(staff)
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        for w in &opinions {
            sqlx::query("update opinions set issue_id = ?, status = 'classified' where id = ?")
                .bind(issue)
                .bind(w.id)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
        }
        // Alternate between late, due soon and later, so follow-up has all three.
        let due = date(today, [-6, 2, 9][n % 3]);
        let assignment = Uuid::now_v7();
        sqlx::query(
            "insert into assignments (id, issue_id, department_id, due_date, status, assigned_by,
                assigned_at)
             values (?, ?, ?, ?, 'open', ?, ?)",
        )
        .bind(assignment)
        .bind(issue)
        .bind(department_id)
        .bind(due)
        .bind(staff)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        if let Some(state) = answer_states.get(n) {
            sqlx::query(
                "insert into answers (id, issue_id, assignment_id, content, result,
                    resolution_time, resolving_body, status, review_comment, drafted_by,
                    submitted_at, updated_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(Uuid::now_v7())
            .bind(issue)
            .bind(assignment)
            .bind("Đơn vị đã kiểm tra thực tế, tổng hợp ý kiến của các thôn và báo cáo UBND xã phương án giải quyết.")
            .bind("Đưa vào kế hoạch thực hiện năm 2027; trước mắt khắc phục tạm thời.")
            .bind("Quý I/2027")
            .bind("")
            .bind(*state)
            .bind((*state == "returned").then_some("Đề nghị nêu rõ kinh phí và mốc thời gian cụ thể."))
            .bind(officer)
            .bind((*state != "draft").then_some(now - Duration::hours(3 + i64::try_from(n).unwrap_or(0))))
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        }
        made += 1;
    }
    Ok(made)
}

/// The concluded campaign: each answered matter with its supporting opinions and a published,
/// approved answer.
#[allow(clippy::too_many_arguments)]
async fn publish_answers(
    tx: &mut Transaction<'_, Sqlite>,
    commune: &Commune,
    campaign: &Campaign,
    dice: &mut Dice,
    collector_of: &impl Fn(&str) -> Result<Uuid, StoreError>,
    today: NaiveDate,
    chair: Uuid,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let at = now - Duration::days(55);
    for answered in ANSWERED {
        let (topic_id, _) = commune
            .topics
            .get(answered.topic)
            .copied()
            .ok_or_else(|| StoreError("topic".into()))?;
        let department_id = commune
            .departments
            .get(answered.department)
            .copied()
            .ok_or_else(|| StoreError("department".into()))?;
        let department_name = DEPARTMENTS
            .iter()
            .find(|(c, _)| *c == answered.department)
            .map_or("", |(_, n)| *n);
        let issue = Uuid::now_v7();
        sqlx::query(
            "insert into issues (id, commune_id, campaign_id, title, summary, topic_id, urgency,
                authority, status, published, created_by, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, 'binh_thuong', 'commune', 'concluded', 1, ?, ?, ?)",
        )
        .bind(issue)
        .bind(commune.id)
        .bind(campaign.id)
        .bind(answered.title)
        .bind(answered.summary)
        .bind(topic_id)
        .bind(chair)
        .bind(at)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        let candidates = samples_of(answered.topic);
        for _ in 0..2 + dice.below(4) {
            let (group_id, group) = dice.pick(&campaign.groups).clone();
            let sample = *dice.pick(&candidates);
            let form = insert_form(
                tx,
                commune,
                campaign,
                group_id,
                &group,
                collector_of(&group)?,
                dice,
                OPINIONS[sample].proposal,
                at,
            )
            .await?;
            let opinion = insert_opinion(
                tx,
                commune,
                campaign.id,
                Some(form),
                0,
                group_id,
                &group,
                sample,
                "classified",
                Some("binh_thuong"),
                at,
            )
            .await?;
            sqlx::query("update opinions set issue_id = ? where id = ?")
                .bind(issue)
                .bind(opinion)
                .execute(&mut **tx)
                .await
                .map_err(backend)?;
        }
        let assignment = Uuid::now_v7();
        sqlx::query(
            "insert into assignments (id, issue_id, department_id, due_date, status, assigned_by,
                assigned_at)
             values (?, ?, ?, ?, 'done', ?, ?)",
        )
        .bind(assignment)
        .bind(issue)
        .bind(department_id)
        .bind(date(today, -50))
        .bind(chair)
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        sqlx::query(
            "insert into answers (id, issue_id, assignment_id, content, result, resolution_time,
                resolving_body, status, submitted_at, reviewed_by, reviewed_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?)",
        )
        .bind(Uuid::now_v7())
        .bind(issue)
        .bind(assignment)
        .bind(answered.answer)
        .bind(answered.result)
        .bind(answered.resolution_time)
        .bind(department_name)
        .bind(at)
        .bind(chair)
        .bind(at + Duration::days(1))
        .bind(at + Duration::days(1))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(ANSWERED.len())
}

async fn count_opinions(
    tx: &mut Transaction<'_, Sqlite>,
    campaign: Uuid,
) -> Result<usize, StoreError> {
    let n: i64 = sqlx::query_scalar("select count(*) from opinions where campaign_id = ?")
        .bind(campaign)
        .fetch_one(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

async fn count_forms(
    tx: &mut Transaction<'_, Sqlite>,
    campaign: Uuid,
) -> Result<usize, StoreError> {
    let n: i64 = sqlx::query_scalar("select count(*) from forms where campaign_id = ?")
        .bind(campaign)
        .fetch_one(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_short_and_cut_at_a_word() {
        let long = "Đường trục thôn đoạn từ nhà văn hóa ra cánh đồng bị xuống cấp nghiêm trọng, nhiều ổ gà, mùa mưa ngập nước, xe máy đi lại rất nguy hiểm cho học sinh";
        let title = title_from(long);
        assert!(title.chars().count() <= 91);
        assert!(title.ends_with('…'));
        assert_eq!(title_from("Ngắn gọn. Câu sau"), "Ngắn gọn");
    }

    #[test]
    fn every_sample_topic_is_a_demo_topic() {
        for s in OPINIONS {
            assert!(
                TOPICS.iter().any(|(code, _, _)| *code == s.topic),
                "{}",
                s.topic
            );
        }
        for a in ANSWERED {
            assert!(DEPARTMENTS.iter().any(|(code, _)| *code == a.department));
        }
    }
}
