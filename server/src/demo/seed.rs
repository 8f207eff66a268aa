//! Writes the demo communes into an empty database.

mod layout;
mod records;

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Utc};

use app::domain::calendar::DayKind;
use app::domain::campaign::{CampaignKind, CampaignStage};
use app::domain::ids::UserId;
use app::domain::role::Role;
use app::domain::triage::OpinionStatus;
use app::ports::import::{HolidayRecord, ImportBatch};
use app::ports::{Store, StoreError};

use super::people::Dice;
use crate::accounts::{NewUser, UserError, create_user};
use layout::{CampaignSpec, campaign, commune};
use records::{collect, merge_duplicates, publish_answers};

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

fn date(d: NaiveDate, days: i64) -> NaiveDate {
    d + Duration::days(days)
}

/// Loads the demo into an empty database; dates are placed around `today` so that the demo
/// always has something collecting, something due and something overdue.
pub async fn seed_demo(store: &dyn Store, today: NaiveDate) -> Result<DemoSummary, UserError> {
    if !store.is_empty().await? {
        return Err(UserError::Invalid(
            "the database already has data; demo not loaded".into(),
        ));
    }
    let now = Utc::now();
    let mut summary = DemoSummary::default();

    let mut layout = ImportBatch::default();
    for (y, m, d, kind, name) in HOLIDAYS {
        let day = NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| UserError::Invalid(format!("bad holiday {d}/{m}/{y}")))?;
        layout.holidays.push(HolidayRecord {
            commune_id: None,
            day,
            kind,
            name: name.into(),
        });
    }
    let btm = commune(
        &mut layout,
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
    )?;
    let km = commune(
        &mut layout,
        ("kinh-mon", "Phường Kinh Môn", "phuong"),
        &[
            "Tổ dân phố Kinh Hạ",
            "Tổ dân phố Kinh Thượng",
            "Tổ dân phố An Ninh",
        ],
        "to_dan_pho",
        now,
    )?;
    store.import(&layout).await?;
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
    let mut ids: HashMap<&str, UserId> = HashMap::new();
    for (username, full_name, role, commune, department, groups) in users {
        let id = create_user(
            store,
            NewUser {
                username: username.into(),
                full_name: full_name.into(),
                role,
                commune_slug: commune.map(Into::into),
                department_code: department.map(Into::into),
                group_names: groups.into_iter().map(Into::into).collect(),
                password: DEMO_PASSWORD.into(),
                must_change_password: false,
            },
        )
        .await?;
        ids.insert(username, id);
        summary.users += 1;
    }
    let user = |name: &str| {
        ids.get(name)
            .copied()
            .ok_or_else(|| StoreError::broken(format!("no demo user {name}")))
    };
    // Which collector walks which group.
    let collector_of = |group: &str| -> Result<UserId, StoreError> {
        match group {
            "Thôn An Sơn" => user("anson"),
            "Thôn An Lâu" | "Thôn Đông Bình" => user("anlau"),
            g if g.starts_with("Tổ dân phố") => user("kinhha"),
            _ => user("tanphong"),
        }
    };

    let mut dice = Dice::new(2026);
    let mut batch = ImportBatch::default();
    let chair = user("chutich")?;
    let staff = user("vanphong")?;

    // 1. Định kỳ, collecting now (seed 004).
    let periodic = campaign(
        &mut batch,
        &btm,
        CampaignSpec {
            title: "Tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân dân thôn An Sơn và thôn An Lâu năm 2026",
            kind: CampaignKind::Periodic,
            stage: CampaignStage::Collecting,
            groups: &["Thôn An Sơn", "Thôn An Lâu"],
            topics: &[
                "kinh_te",
                "van_hoa_xa_hoi",
                "an_ninh_quoc_phong",
                "nong_thon_moi",
                "thu_tuc_hanh_chinh",
                "khac",
            ],
            days: [7, 12, 14, 18],
            place: "Nhà văn hóa thôn An Sơn",
        },
        today,
        (chair, staff),
        now,
    )?;
    let forms = collect(
        &mut batch,
        &btm,
        &periodic,
        46,
        &mut dice,
        &collector_of,
        OpinionStatus::New,
        now,
    )?;
    summary.forms += forms.len();
    summary.opinions += forms.iter().map(|f| f.len()).sum::<usize>();

    // 2. Chuyên đề, answers being prepared: merged issues, assignments, some late.
    let thematic = campaign(
        &mut batch,
        &btm,
        CampaignSpec {
            title: "Đối thoại chuyên đề về xây dựng nông thôn mới kiểu mẫu năm 2026",
            kind: CampaignKind::Thematic,
            stage: CampaignStage::Answering,
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
        (chair, staff),
        now,
    )?;
    let forms = collect(
        &mut batch,
        &btm,
        &thematic,
        62,
        &mut dice,
        &collector_of,
        OpinionStatus::Classified,
        now,
    )?;
    summary.forms += forms.len();
    summary.opinions += forms.iter().map(|f| f.len()).sum::<usize>();
    summary.issues += merge_duplicates(
        &mut batch,
        &btm,
        &thematic,
        &forms,
        today,
        staff,
        user("kinhte")?,
        now,
    )?;

    // 3. Đột xuất, concluded: approved answers published to residents.
    let adhoc = campaign(
        &mut batch,
        &btm,
        CampaignSpec {
            title: "Đối thoại đột xuất với Nhân dân thôn Tân Phong, Hòa Lạc và Phú Xuân về những vấn đề bức xúc",
            kind: CampaignKind::AdHoc,
            stage: CampaignStage::Concluded,
            groups: &["Thôn Tân Phong", "Thôn Hòa Lạc", "Thôn Phú Xuân"],
            topics: &[
                "kinh_te",
                "van_hoa_xa_hoi",
                "an_ninh_quoc_phong",
                "nong_thon_moi",
                "thu_tuc_hanh_chinh",
                "khac",
            ],
            days: [-60, -50, -48, -45],
            place: "Nhà văn hóa thôn Tân Phong",
        },
        today,
        (chair, staff),
        now,
    )?;
    summary.issues += publish_answers(
        &mut batch,
        &btm,
        &adhoc,
        &mut dice,
        &collector_of,
        today,
        chair,
        now,
    )?;
    summary.opinions += batch
        .opinions
        .iter()
        .filter(|o| o.campaign_id == adhoc.id)
        .count();
    summary.forms += batch
        .forms
        .iter()
        .filter(|f| f.campaign_id == adhoc.id)
        .count();

    // A small second tenant.
    let kinh_ha = campaign(
        &mut batch,
        &km,
        CampaignSpec {
            title: "Đối thoại giữa người đứng đầu cấp ủy, chính quyền phường với Nhân dân tổ dân phố Kinh Hạ",
            kind: CampaignKind::Periodic,
            stage: CampaignStage::Collecting,
            groups: &["Tổ dân phố Kinh Hạ"],
            topics: &[
                "kinh_te",
                "van_hoa_xa_hoi",
                "an_ninh_quoc_phong",
                "thu_tuc_hanh_chinh",
                "khac",
            ],
            days: [10, 15, 17, 21],
            place: "Nhà văn hóa tổ dân phố Kinh Hạ",
        },
        today,
        (user("kinhmon")?, user("kinhmon")?),
        now,
    )?;
    let forms = collect(
        &mut batch,
        &km,
        &kinh_ha,
        12,
        &mut dice,
        &collector_of,
        OpinionStatus::New,
        now,
    )?;
    summary.forms += forms.len();
    summary.opinions += forms.iter().map(|f| f.len()).sum::<usize>();
    summary.campaigns = 4;
    store.import(&batch).await?;
    Ok(summary)
}
