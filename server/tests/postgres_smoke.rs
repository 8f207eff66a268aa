//! The PostgreSQL backend on a real server: every port method once, with the answers checked
//! (sqlx checks column and parameter types at run time, so a query that does not fit its Rust
//! types fails here), and ingest and desk changes racing between two server processes' pools on
//! one database.

#![cfg(feature = "postgres")]

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use futures::TryStreamExt;
use tokio::sync::Barrier;
use uuid::Uuid;

use app::api::desk::{Classification, MergeTarget, Scope};
use app::api::issues::{AnswerDraft, IssueEdit};
use app::api::sync::{FormSubmission, OpinionEntry, Respondent};
use app::domain::answer::{AnswerStatus, AssignmentStatus};
use app::domain::calendar::DayKind;
use app::domain::campaign::{CampaignKind, CampaignStage};
use app::domain::ids::{
    CampaignId, CommuneId, DepartmentId, FormId, GroupId, IssueId, OpinionId, TopicId, UserId,
};
use app::domain::ingest::{Arrival, Ingest, Refusal};
use app::domain::issue::IssueStatus;
use app::domain::respondent::RespondentKind;
use app::domain::role::Role;
use app::domain::triage::{Authority, IntakeFilter, OpinionState, OpinionStatus, Urgency};
use app::ports::import::{
    AnswerRecord, AssignmentRecord, CampaignRecord, CommuneRecord, DepartmentRecord, FormRecord,
    GroupRecord, HolidayRecord, ImportBatch, IssueRecord, OpinionRecord, TopicRecord, UserRecord,
};
use app::ports::{
    AuditEntry, AuditLog, Campaigns, DeskRefusal, Forms, Import, Issues, Opinions, Public, Reports,
    Sessions, Store,
};
use app::ssr::password::{hash_password, verify_password};
use server::db::PgStore;

const PASSWORD: &str = "matkhau-2026";

/// The small world the tests play in.
#[derive(Clone, Copy)]
struct World {
    commune: CommuneId,
    groups: [GroupId; 2],
    departments: [DepartmentId; 2],
    topics: [TopicId; 2],
    foreign_topic: TopicId,
    staff: UserId,
    collector: UserId,
    officer: UserId,
    /// Collecting.
    campaign: CampaignId,
    /// Answering, with one published and answered issue imported whole.
    answered: CampaignId,
    published: IssueId,
}

/// Whole seconds: PostgreSQL keeps microseconds, so these read back exactly.
fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, 0, 0)
        .single()
        .expect("time")
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).expect("day")
}

fn user(commune: CommuneId, name: &str, role: Role, hash: &str) -> UserRecord {
    UserRecord {
        id: UserId::new(),
        commune_id: Some(commune),
        username: name.into(),
        full_name: format!("Người dùng {name}"),
        role,
        department_id: None,
        password_hash: hash.into(),
        active: true,
        must_change_password: false,
        created_at: at(1),
        groups: Vec::new(),
    }
}

fn world() -> (World, ImportBatch) {
    let commune = CommuneId::new();
    let groups = [GroupId::new(), GroupId::new()];
    let departments = [DepartmentId::new(), DepartmentId::new()];
    let topics = [TopicId::new(), TopicId::new()];
    let foreign_topic = TopicId::new();
    let hash = hash_password(PASSWORD).expect("hash");
    let mut staff = user(commune, "vanphong", Role::WardStaff, &hash);
    staff.full_name = "Nguyễn Thị Hạnh".into();
    let mut collector = user(commune, "anson", Role::Collector, &hash);
    collector.groups = vec![groups[0], groups[1]];
    let mut officer = user(commune, "kinhte", Role::DepartmentOfficer, &hash);
    officer.department_id = Some(departments[0]);
    let mut chair = user(commune, "chutich", Role::Chair, &hash);
    chair.full_name = "Trần Văn Chủ".into();
    let mut retired = user(commune, "nghihuu", Role::Chair, &hash);
    retired.active = false;
    let campaign = |id, stage, title: &str| CampaignRecord {
        id,
        commune_id: commune,
        title: title.into(),
        kind: CampaignKind::Periodic,
        stage,
        collection_deadline: Some(day(12, 1)),
        answers_deadline: Some(day(12, 10)),
        report_deadline: None,
        conference_date: Some(day(12, 20)),
        conference_place: Some("Nhà văn hóa thôn An Sơn".into()),
        created_by: Some(staff.id),
        created_at: at(2),
        chairs: vec![chair.id],
        groups: groups.to_vec(),
        topics: topics.to_vec(),
    };
    let (campaign_id, answered) = (CampaignId::new(), CampaignId::new());
    let mut campaigns = vec![
        campaign(answered, CampaignStage::Answering, "Đối thoại chuyên đề"),
        campaign(
            campaign_id,
            CampaignStage::Collecting,
            "Đối thoại định kỳ năm 2026",
        ),
    ];
    campaigns[1].created_at = at(3);
    let published = IssueId::new();
    let old_form = FormId::new();
    let assignment = app::domain::ids::AssignmentId::new();
    let world = World {
        commune,
        groups,
        departments,
        topics,
        foreign_topic,
        staff: staff.id,
        collector: collector.id,
        officer: officer.id,
        campaign: campaign_id,
        answered,
        published,
    };
    let batch = ImportBatch {
        communes: vec![CommuneRecord {
            id: commune,
            slug: "bac-thanh-mien".into(),
            name: "Xã Bắc Thanh Miện".into(),
            kind: "xa".into(),
            province: "Thành phố Hải Phòng".into(),
            created_at: at(0),
        }],
        groups: [(0, "Thôn An Sơn"), (1, "Thôn An Lâu")]
            .into_iter()
            .map(|(i, name)| GroupRecord {
                id: groups[i],
                commune_id: commune,
                name: name.into(),
                kind: "thon".into(),
                sort_order: i as i64,
            })
            .collect(),
        departments: [(0, "kt", "Phòng Kinh tế"), (1, "vh", "Phòng Văn hóa")]
            .into_iter()
            .map(|(i, code, name)| DepartmentRecord {
                id: departments[i],
                commune_id: commune,
                code: code.into(),
                name: name.into(),
            })
            .collect(),
        topics: [
            (topics[0], "kt", "Phát triển kinh tế"),
            (topics[1], "vh", "Văn hóa - xã hội"),
            (foreign_topic, "khac", "Chủ đề ngoài đợt"),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (id, code, name))| TopicRecord {
            id,
            commune_id: commune,
            code: code.into(),
            name: name.into(),
            sort_order: i as i64,
            default_department_id: Some(departments[0]),
        })
        .collect(),
        holidays: vec![
            HolidayRecord {
                commune_id: None,
                day: day(9, 2),
                kind: DayKind::Holiday,
                name: "Quốc khánh".into(),
            },
            HolidayRecord {
                commune_id: Some(commune),
                day: day(11, 28),
                kind: DayKind::WorkingWeekend,
                name: "Làm bù".into(),
            },
        ],
        users: vec![staff.clone(), collector, officer, chair, retired],
        campaigns,
        forms: vec![FormRecord {
            id: old_form,
            commune_id: commune,
            campaign_id: answered,
            group_id: groups[0],
            collector_id: world.collector,
            revision: 1,
            receipt_code: "CU00-0001".into(),
            respondent_name: Some("Phạm Văn Cũ".into()),
            anonymous: false,
            household: Some("Xóm 1".into()),
            phone: None,
            respondent_kind: RespondentKind::Resident,
            proposal: None,
            wants_to_speak: false,
            consent: true,
            consent_version: None,
            content_hash: "old".into(),
            filled_at: at(4),
            received_at: at(4),
        }],
        issues: vec![IssueRecord {
            id: published,
            commune_id: commune,
            campaign_id: answered,
            title: "Sửa đường trục thôn An Sơn".into(),
            summary: "Đường xuống cấp sau mùa mưa.".into(),
            topic_id: topics[0],
            urgency: Urgency::Cao,
            authority: Authority::Commune,
            status: IssueStatus::Answered,
            published: true,
            created_by: Some(staff.id),
            created_at: at(5),
            updated_at: at(6),
        }],
        opinions: ["Đường trục thôn hỏng nặng.", "Cần sửa đường trước Tết."]
            .into_iter()
            .enumerate()
            .map(|(i, body)| OpinionRecord {
                id: OpinionId::new(),
                commune_id: commune,
                campaign_id: answered,
                form_id: Some(old_form),
                position: i as i64,
                group_id: groups[0],
                topic_id: topics[0],
                body: body.into(),
                status: OpinionStatus::Classified,
                urgency: Some(Urgency::Cao),
                authority: Some(Authority::Commune),
                issue_id: Some(published),
                created_at: at(4),
            })
            .collect(),
        assignments: vec![AssignmentRecord {
            id: assignment,
            issue_id: published,
            department_id: departments[0],
            due_date: day(12, 10),
            status: AssignmentStatus::Done,
            assigned_by: Some(staff.id),
            assigned_at: at(5),
        }],
        answers: vec![AnswerRecord {
            id: app::domain::ids::AnswerId::new(),
            issue_id: published,
            assignment_id: Some(assignment),
            content: "Xã đã bố trí vốn sửa đường.".into(),
            result: "Đã sửa xong".into(),
            resolution_time: "Quý I/2027".into(),
            resolving_body: "UBND xã".into(),
            status: AnswerStatus::Approved,
            review_comment: None,
            drafted_by: Some(staff.id),
            submitted_at: Some(at(6)),
            reviewed_by: Some(staff.id),
            reviewed_at: Some(at(6)),
            updated_at: at(6),
        }],
    };
    (world, batch)
}

fn form(world: &World, code: &str, texts: &[&str]) -> FormSubmission {
    FormSubmission {
        id: FormId::new(),
        revision: 1,
        campaign_id: world.campaign,
        group_id: world.groups[0],
        receipt_code: code.into(),
        respondent: Respondent {
            name: Some("Nguyễn Văn Bình".into()),
            anonymous: false,
            household: Some("Số 5, xóm 2".into()),
            phone: Some("0912345678".into()),
            kind: RespondentKind::Resident,
        },
        opinions: texts
            .iter()
            .map(|text| OpinionEntry {
                id: OpinionId::new(),
                topic_id: world.topics[0],
                text: (*text).into(),
            })
            .collect(),
        proposal: Some("Đề nghị xã sớm xử lý.".into()),
        wants_to_speak: true,
        consent: true,
        consent_version: None,
        filled_at: at(8),
    }
}

async fn ingest(store: &PgStore, world: &World, form: &FormSubmission, hash: &str) -> Ingest {
    store
        .ingest_form(
            Arrival {
                commune_id: world.commune,
                collector_id: world.collector,
                form,
                content_hash: hash,
            },
            at(9),
        )
        .await
        .expect("ingest")
}

/// A fresh database with the world imported.
async fn fresh_world() -> (String, PgStore, World) {
    let url = common::postgres::fresh_database().await;
    let store = PgStore::open(&url).await.expect("open");
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    (url, store, world)
}

async fn count(store: &PgStore, sql: &'static str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(store.pool())
        .await
        .expect("count")
}

fn ids(opinions: &[OpinionEntry]) -> Vec<OpinionId> {
    opinions.iter().map(|o| o.id).collect()
}

#[tokio::test]
async fn every_port_answers_on_postgres() {
    let url = common::postgres::fresh_database().await;
    let store = PgStore::open(&url).await.expect("open");
    let (world, batch) = world();
    let dyn_store: &dyn Store = &store;
    directory_and_import(dyn_store, &batch, &world).await;
    sessions_and_audit(&store, &world).await;
    let (a, b) = forms_and_conflicts(&store, &world).await;
    let issue = opinions_and_issues(&store, &world, &a, &b).await;
    answers(&store, &world, issue).await;
    reports_and_public(&store, &world, issue).await;
}

async fn directory_and_import(store: &dyn Store, batch: &ImportBatch, world: &World) {
    store.ping().await.expect("ping");
    assert!(store.is_empty().await.expect("empty"));
    store.import(batch).await.expect("import");
    assert!(!store.is_empty().await.expect("not empty"));
    // the same records again break uniqueness: a conflict, and nothing of the batch is kept
    let again = ImportBatch {
        users: vec![
            user(world.commune, "moi", Role::Chair, "x"),
            batch.users[0].clone(),
        ],
        ..ImportBatch::default()
    };
    assert!(matches!(
        store.import(&again).await,
        Err(app::ports::StoreError::Conflict(_))
    ));
    assert!(store.credentials("moi").await.expect("read").is_none());

    let names = store
        .commune_names("bac-thanh-mien")
        .await
        .expect("names")
        .expect("known");
    assert_eq!(names.commune_id, world.commune);
    let codes: Vec<&str> = names.departments.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["kt", "vh"]);
    assert_eq!(names.groups[0], ("Thôn An Sơn".to_owned(), world.groups[0]));
    assert!(
        store
            .commune_names("khong-co")
            .await
            .expect("names")
            .is_none()
    );

    let calendar = store.calendar(world.commune).await.expect("calendar");
    assert_eq!(
        calendar,
        vec![
            (day(9, 2), DayKind::Holiday),
            (day(11, 28), DayKind::WorkingWeekend)
        ]
    );
    let summaries = store.commune_summaries().await.expect("summaries");
    assert_eq!(summaries.len(), 1);
    let s = &summaries[0];
    // the inactive chair is not counted
    assert_eq!((s.groups, s.users, s.campaigns, s.opinions), (2, 4, 2, 2));
}

async fn sessions_and_audit(store: &PgStore, world: &World) {
    let credentials = store
        .credentials("vanphong")
        .await
        .expect("read")
        .expect("known");
    assert_eq!(credentials.user_id, world.staff);
    assert!(credentials.active);
    assert!(verify_password(PASSWORD, &credentials.password_hash));
    assert!(
        !store
            .credentials("nghihuu")
            .await
            .expect("read")
            .expect("known")
            .active
    );

    store
        .create_session("token-1", world.staff, at(8), at(8) + Duration::hours(12))
        .await
        .expect("session");
    let viewer = store
        .session_viewer("token-1", at(9))
        .await
        .expect("read")
        .expect("live");
    assert_eq!(viewer.user_id, world.staff.uuid());
    assert_eq!(viewer.role, Role::WardStaff);
    assert_eq!(viewer.commune_name.as_deref(), Some("Xã Bắc Thanh Miện"));
    assert!(viewer.group_ids.is_empty());
    assert!(
        store
            .session_viewer("token-1", at(21))
            .await
            .expect("read")
            .is_none()
    );
    // a collector's session carries its groups
    store
        .create_session("token-2", world.collector, at(8), at(20))
        .await
        .expect("session");
    let collector = store
        .session_viewer("token-2", at(9))
        .await
        .expect("read")
        .expect("live");
    let mut groups = world.groups.map(GroupId::uuid).to_vec();
    groups.sort();
    assert_eq!(collector.group_ids, groups);
    store.delete_session("token-1").await.expect("delete");
    assert!(
        store
            .session_viewer("token-1", at(9))
            .await
            .expect("read")
            .is_none()
    );

    // Login attempts: the store contract proves them on both backends.

    let entry = AuditEntry {
        commune_id: None,
        actor_id: Some(world.staff),
        entity: "session",
        entity_id: world.staff.to_string(),
        action: "login",
        before: None,
        after: None,
    };
    store.audit(entry, at(8)).await.expect("audit");
    let logged: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where entity = 'session' and actor_id = $1",
    )
    .bind(world.staff)
    .fetch_one(store.pool())
    .await
    .expect("count");
    assert_eq!(logged, 1);
}

/// Two forms: A (revised to two opinions, one conflict kept and closed) and B (one opinion).
async fn forms_and_conflicts(store: &PgStore, world: &World) -> (FormSubmission, FormSubmission) {
    let reference = store
        .collector_reference(world.commune, world.collector, false)
        .await
        .expect("reference");
    assert_eq!(reference.len(), 1, "only the collecting campaign");
    assert_eq!(reference[0].id, world.campaign);
    assert_eq!(reference[0].groups.len(), 2);
    assert_eq!(reference[0].groups[0].name, "Thôn An Sơn");
    assert_eq!(reference[0].topics.len(), 2);

    let mut a = form(
        world,
        "ABCD-0001",
        &["Đường làng xuống cấp.", "Thiếu đèn chiếu sáng."],
    );
    assert_eq!(ingest(store, world, &a, "h1").await, Ingest::Stored);
    assert_eq!(ingest(store, world, &a, "h1").await, Ingest::SameContent);
    let mut changed = a.clone();
    changed.opinions[0].text = "Đường làng xuống cấp nặng.".into();
    assert_eq!(ingest(store, world, &changed, "h2").await, Ingest::Conflict);
    assert_eq!(ingest(store, world, &changed, "h2").await, Ingest::Conflict);
    let conflicts = store
        .form_conflicts(world.commune, world.campaign)
        .await
        .expect("conflicts");
    assert_eq!(conflicts.len(), 1, "the same copy twice is one conflict");
    let card = &conflicts[0];
    assert_eq!(card.form_id, a.id.uuid());
    assert_eq!(card.group, "Thôn An Sơn");
    assert_eq!(card.collector, "Người dùng anson");
    assert_eq!(card.stored.opinions[0], "Đường làng xuống cấp.");
    assert_eq!(card.held.opinions[0], "Đường làng xuống cấp nặng.");
    assert!(card.stored.wants_to_speak);
    let held = store
        .held_form(world.commune, card.id)
        .await
        .expect("held")
        .expect("open");
    assert_eq!(held.form, changed);
    assert_eq!(
        (held.content_hash.as_str(), held.stored_revision),
        ("h2", 1)
    );
    assert_eq!(held.collector_id, world.collector);
    let desk = store
        .desk_reference(world.commune, world.campaign)
        .await
        .expect("desk")
        .expect("ours");
    assert_eq!(desk.conflicts, 1);
    let close = |held| store.close_conflict(world.commune, card.id, held, world.staff, at(10));
    assert_eq!(close(None).await.expect("close"), Ok(None));
    assert_eq!(
        close(Some(&held)).await.expect("close"),
        Err(DeskRefusal::NotFound)
    );
    assert!(
        store
            .held_form(world.commune, card.id)
            .await
            .expect("held")
            .is_none()
    );

    // refusals
    let mut taken = form(world, "ABCD-0001", &["Trùng mã."]);
    assert_eq!(
        ingest(store, world, &taken, "t").await,
        Ingest::Refused(Refusal::ReceiptCodeTaken)
    );
    taken.receipt_code = "ABCD-0009".into();
    taken.campaign_id = world.answered;
    assert_eq!(
        ingest(store, world, &taken, "t").await,
        Ingest::Refused(Refusal::CampaignNotOpen)
    );
    taken.campaign_id = world.campaign;
    taken.opinions[0].topic_id = world.foreign_topic;
    assert_eq!(
        ingest(store, world, &taken, "t").await,
        Ingest::Refused(Refusal::TopicNotInCampaign)
    );
    taken.opinions[0] = a.opinions[0].clone();
    assert_eq!(
        ingest(store, world, &taken, "t").await,
        Ingest::Refused(Refusal::NotYours)
    );

    // a newer revision: new household and kind (copied onto the opinions by the triggers), the
    // second opinion dropped, a third added
    a.revision = 2;
    a.respondent.household = Some("Số 7".into());
    a.respondent.kind = RespondentKind::PartyMember;
    a.opinions[0].text = "Đường làng xuống cấp, cần sửa gấp.".into();
    a.opinions.pop();
    a.opinions.push(OpinionEntry {
        id: OpinionId::new(),
        topic_id: world.topics[1],
        text: "Nhà văn hóa xuống cấp.".into(),
    });
    assert_eq!(ingest(store, world, &a, "h3").await, Ingest::Revised);
    let mut old = a.clone();
    old.revision = 1;
    assert_eq!(ingest(store, world, &old, "h1").await, Ingest::Stale(2));
    let keys: Vec<(String, Option<String>)> = sqlx::query_as(
        "select distinct household_key, respondent_kind from opinions where form_id = $1",
    )
    .bind(a.id)
    .fetch_all(store.pool())
    .await
    .expect("keys");
    let group_hex = world.groups[0].uuid().simple().to_string().to_uppercase();
    assert_eq!(
        keys,
        vec![(format!("{group_hex}:số 7"), Some("dang_vien".to_owned()))],
        "one household, as SQLite writes it"
    );

    let mut b = form(world, "ABCD-0002", &["Đề nghị nạo vét kênh mương."]);
    b.group_id = world.groups[1];
    b.respondent.household = None;
    b.respondent.kind = RespondentKind::Youth;
    b.respondent.anonymous = true;
    b.wants_to_speak = false;
    assert_eq!(ingest(store, world, &b, "hb").await, Ingest::Stored);
    let key: String = sqlx::query_scalar("select household_key from opinions where form_id = $1")
        .bind(b.id)
        .fetch_one(store.pool())
        .await
        .expect("key");
    assert_eq!(
        key,
        format!("form:{}", b.id.uuid().simple().to_string().to_uppercase())
    );
    (a, b)
}

/// Listing, classifying, exporting and merging; returns the issue made of A's first opinion
/// and B's.
async fn opinions_and_issues(
    store: &PgStore,
    world: &World,
    a: &FormSubmission,
    b: &FormSubmission,
) -> IssueId {
    let (c, k) = (world.commune, world.campaign);
    let all = IntakeFilter::default();
    let (rows, total) = store.intake_page(c, k, &all, 0, 10).await.expect("page");
    assert_eq!(total, 3);
    assert_eq!(rows.len(), 3);
    let first = rows.iter().find(|r| r.id == a.opinions[0].id).expect("a1");
    assert!(first.revised);
    assert_eq!(first.kind, Some(RespondentKind::PartyMember));
    assert_eq!(first.receipt_code.as_deref(), Some("ABCD-0001"));
    assert_eq!(first.state, OpinionState::New);
    let (page, total) = store.intake_page(c, k, &all, 1, 1).await.expect("page");
    assert_eq!((page.len(), total), (1, 3));
    let search = IntakeFilter {
        text: "ĐƯỜNG LÀNG".into(),
        ..IntakeFilter::default()
    };
    let (found, total) = store
        .intake_page(c, k, &search, 0, 10)
        .await
        .expect("search");
    assert_eq!(total, 1, "folded search, whatever the case typed");
    assert_eq!(found[0].id, a.opinions[0].id);
    let filtered = IntakeFilter {
        group_id: Some(world.groups[1].uuid()),
        kind: Some(RespondentKind::Youth),
        state: Some(OpinionState::New),
        ..IntakeFilter::default()
    };
    let (_, total) = store
        .intake_page(c, k, &filtered, 0, 10)
        .await
        .expect("filtered");
    assert_eq!(total, 1);

    let asked = [a.opinions[1].id, OpinionId::new(), b.opinions[0].id];
    let rows = store.opinion_rows(c, &asked).await.expect("rows");
    let got: Vec<Uuid> = rows.iter().map(|r| r.id.uuid()).collect();
    assert_eq!(got, vec![a.opinions[1].id.uuid(), b.opinions[0].id.uuid()]);

    // classification
    let pair = [a.opinions[0].id, b.opinions[0].id];
    let urgent = Classification {
        urgency: Some(Urgency::Cao),
        authority: Some(Authority::Commune),
        ..Classification::default()
    };
    let classify = |ids: &[OpinionId], change: &Classification| {
        let (ids, change) = (ids.to_vec(), change.clone());
        async move {
            store
                .classify(c, k, &ids, &change, world.staff, at(11))
                .await
                .expect("classify")
        }
    };
    assert_eq!(classify(&pair, &urgent).await, Ok(2));
    assert_eq!(classify(&pair, &urgent).await, Ok(0), "nothing changed");
    let foreign = Classification {
        topic_id: Some(world.foreign_topic.uuid()),
        ..Classification::default()
    };
    assert_eq!(
        classify(&pair, &foreign).await,
        Err(DeskRefusal::TopicNotInCampaign)
    );
    assert_eq!(
        classify(&[OpinionId::new()], &urgent).await,
        Err(DeskRefusal::NotFound)
    );
    let out = Classification {
        scope: Some(Scope::OutOfScope(" Đơn khiếu nại ".into())),
        ..Classification::default()
    };
    assert_eq!(classify(&[a.opinions[1].id], &out).await, Ok(1));

    let urgent_roads = IntakeFilter {
        urgency: Some(Urgency::Cao),
        topic_id: Some(world.topics[0].uuid()),
        ..IntakeFilter::default()
    };
    let (_, total) = store
        .intake_page(c, k, &urgent_roads, 0, 10)
        .await
        .expect("urgent");
    assert_eq!(total, 2);

    let (text, candidates) = store
        .similarity_candidates(c, a.opinions[0].id)
        .await
        .expect("candidates")
        .expect("known");
    assert_eq!(text, "duong lang xuong cap, can sua gap.");
    assert_eq!(
        candidates.len(),
        1,
        "itself and the out-of-scope one left out"
    );
    assert_eq!(candidates[0].0, b.opinions[0].id);

    let export: Vec<_> = store
        .export_opinions(c, k, &all, true)
        .try_collect()
        .await
        .expect("export");
    assert_eq!(export.len(), 3);
    let anonymous = export
        .iter()
        .find(|e| e.receipt_code == "ABCD-0002")
        .expect("b");
    assert_eq!(
        anonymous.personal.as_ref().expect("personal")[0],
        "(ẩn danh)"
    );
    assert_eq!(anonymous.urgency, Urgency::Cao.label());
    let plain: Vec<_> = store
        .export_opinions(c, k, &search, false)
        .try_collect()
        .await
        .expect("export");
    assert_eq!(plain.len(), 1);
    assert!(plain[0].personal.is_none());

    // merging
    let merge = |ids: &[OpinionId], target: MergeTarget| {
        let ids = ids.to_vec();
        async move {
            store
                .merge(c, k, &ids, &target, world.staff, at(12))
                .await
                .expect("merge")
        }
    };
    let new = || MergeTarget::New {
        title: "Đường và kênh mương".into(),
        summary: String::new(),
    };
    assert_eq!(
        merge(&[a.opinions[1].id], new()).await,
        Err(DeskRefusal::OutOfScope)
    );
    let issue = merge(&pair, new()).await.expect("merged");
    assert_eq!(
        merge(&[a.opinions[0].id], new()).await,
        Err(DeskRefusal::InAnotherIssue)
    );
    let existing = MergeTarget::Existing(issue);
    assert_eq!(
        merge(&[a.opinions[1].id], existing.clone()).await,
        Err(DeskRefusal::OutOfScope)
    );
    assert_eq!(
        merge(
            &pair,
            MergeTarget::Existing(app::domain::ids::IssueId::new())
        )
        .await,
        Err(DeskRefusal::NotFound)
    );
    assert_eq!(
        classify(&[a.opinions[0].id], &out).await,
        Err(DeskRefusal::MergedOpinion)
    );
    // A's other opinion, back in scope, joins and leaves again; then makes an issue of its own,
    // dissolved; then goes out of scope for good
    let other = a.opinions[1].id;
    let in_scope = Classification {
        scope: Some(Scope::InScope),
        ..Classification::default()
    };
    assert_eq!(classify(&[other], &in_scope).await, Ok(1));
    assert_eq!(merge(&[other], existing).await, Ok(issue));
    let unmerge = |ids: Vec<OpinionId>, issue: IssueId| async move {
        store
            .unmerge(c, issue, &ids, world.staff, at(13))
            .await
            .expect("unmerge")
    };
    assert_eq!(unmerge(vec![other], issue).await, Ok(()));
    assert_eq!(
        unmerge(vec![other], issue).await,
        Err(DeskRefusal::NotFound)
    );
    let short = merge(&[other], new()).await.expect("merged");
    assert_eq!(unmerge(Vec::new(), short).await, Ok(()));
    assert_eq!(
        count(
            store,
            "select count(*) from issues where id = $1",
            short.uuid()
        )
        .await,
        0
    );
    assert_eq!(classify(&[other], &out).await, Ok(1));

    let cards = store.campaign_issues(c, k).await.expect("issues");
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card.id, issue);
    assert_eq!((card.opinions, card.households, card.groups), (2, 2, 2));
    assert_eq!(card.urgency, Urgency::Cao);
    assert!(card.department.is_none() && card.answer_status.is_none());
    issue
}

async fn answers(store: &PgStore, world: &World, issue: IssueId) {
    let c = world.commune;
    assert_eq!(
        store
            .issue_answers_deadline(c, issue)
            .await
            .expect("deadline"),
        Some(Some(day(12, 10)))
    );
    assert_eq!(
        store
            .issue_answers_deadline(c, IssueId::new())
            .await
            .expect("deadline"),
        None
    );
    let mut edit = IssueEdit {
        title: "Sửa đường và nạo vét kênh".into(),
        summary: "Hai thôn cùng kiến nghị.".into(),
        topic_id: world.foreign_topic.uuid(),
        urgency: Urgency::Khan,
        authority: Authority::Commune,
    };
    let update = |edit: IssueEdit| async move {
        store
            .update_issue(c, issue, &edit, world.staff, at(14))
            .await
            .expect("update")
    };
    assert_eq!(
        update(edit.clone()).await,
        Err(DeskRefusal::TopicNotInCampaign)
    );
    edit.topic_id = world.topics[1].uuid();
    assert_eq!(update(edit).await, Ok(()));

    let [kt, vh] = world.departments;
    let assign = |department: DepartmentId, due: NaiveDate| async move {
        store
            .assign(c, issue, department, due, world.staff, at(14))
            .await
            .expect("assign")
    };
    assert_eq!(
        assign(DepartmentId::new(), day(12, 5)).await,
        Err(DeskRefusal::UnknownDepartment)
    );
    assert_eq!(assign(vh, day(12, 5)).await, Ok(()));
    assert_eq!(assign(kt, day(12, 5)).await, Ok(()), "reassigned");
    assert_eq!(assign(kt, day(12, 8)).await, Ok(()), "new due date only");
    let open = store.assignments(c, Some(kt)).await.expect("assignments");
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].due_date, open[0].supporters), (day(12, 8), 2));
    assert!(
        store
            .assignments(c, Some(vh))
            .await
            .expect("assignments")
            .is_empty()
    );
    assert_eq!(
        store.assignments(c, None).await.expect("assignments").len(),
        1
    );

    let draft = AnswerDraft {
        content: "Xã sẽ sửa đường và nạo vét kênh.".into(),
        result: String::new(),
        resolution_time: "Quý I/2027".into(),
        resolving_body: "UBND xã".into(),
    };
    let save = |department: DepartmentId, submit: bool| {
        let draft = draft.clone();
        async move {
            store
                .save_answer(c, issue, department, &draft, submit, world.officer, at(15))
                .await
                .expect("save")
        }
    };
    assert_eq!(save(vh, false).await, Err(DeskRefusal::NotAssignedToYou));
    assert_eq!(save(kt, false).await, Ok(()));
    assert!(
        store
            .answers_awaiting_approval(c)
            .await
            .expect("awaiting")
            .is_empty()
    );
    assert_eq!(save(kt, true).await, Ok(()));
    assert_eq!(save(kt, false).await, Err(DeskRefusal::AnswerLocked));
    let awaiting = store.answers_awaiting_approval(c).await.expect("awaiting");
    assert_eq!(awaiting.len(), 1);
    assert_eq!(
        (awaiting[0].department.as_str(), awaiting[0].submitted_at),
        ("Phòng Kinh tế", at(15))
    );
    let review = |approve: bool| async move {
        store
            .review_answer(c, issue, approve, "", world.staff, at(16))
            .await
            .expect("review")
    };
    assert_eq!(review(true).await, Ok(()));
    assert_eq!(review(true).await, Err(DeskRefusal::NothingToReview));
    assert!(
        store
            .answers_awaiting_approval(c)
            .await
            .expect("awaiting")
            .is_empty()
    );
    assert!(
        store
            .assignments(c, None)
            .await
            .expect("assignments")
            .is_empty(),
        "done"
    );
    assert_eq!(
        store
            .unmerge(c, issue, &[], world.staff, at(17))
            .await
            .expect("unmerge"),
        Err(DeskRefusal::IssueHasAnswer)
    );

    let detail = store
        .issue_detail(c, issue)
        .await
        .expect("detail")
        .expect("known");
    assert_eq!(detail.title, "Sửa đường và nạo vét kênh");
    assert_eq!(detail.urgency, Urgency::Khan);
    assert_eq!((detail.opinions.len(), detail.households), (2, 2));
    assert_eq!(detail.by_group.len(), 2);
    let assignment = detail.assignment.expect("assigned");
    assert_eq!(
        (assignment.department_id, assignment.due_date),
        (kt.uuid(), day(12, 8))
    );
    let answer = detail.answer.expect("answer");
    assert_eq!(answer.status, app::domain::answer::AnswerStatus::Approved);
    assert_eq!(answer.drafted_by.as_deref(), Some("Người dùng kinhte"));
    assert_eq!(answer.reviewed_at, Some(at(16)));
    assert_eq!(detail.departments.len(), 2);
    let actions: Vec<&str> = detail.audit.iter().map(|l| l.action.as_str()).collect();
    // the opinions' own entries are found by their ids (kept as text)
    assert!(actions.contains(&"classify"), "{actions:?}");
    for action in [
        "merge",
        "unmerge",
        "edit",
        "assign",
        "answer_saved",
        "answer_submitted",
        "approve",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(
        store
            .issue_detail(c, IssueId::new())
            .await
            .expect("detail")
            .is_none()
    );
}

async fn reports_and_public(store: &PgStore, world: &World, issue: IssueId) {
    let (c, k) = (world.commune, world.campaign);
    let pivot = store
        .pivot(c, k, &IntakeFilter::default())
        .await
        .expect("pivot")
        .expect("ours");
    assert_eq!(pivot.groups.len(), 2);
    assert_eq!(pivot.topics.len(), 2);
    let t = &pivot.total;
    // A: one household over two topics; B: its own household
    assert_eq!((t.opinions, t.issues, t.households), (3, 1, 2));
    let roads = IntakeFilter {
        text: "duong".into(),
        ..IntakeFilter::default()
    };
    let searched = store
        .pivot(c, k, &roads)
        .await
        .expect("pivot")
        .expect("ours");
    assert_eq!((searched.total.opinions, searched.total.households), (1, 1));
    let a_row = &pivot.row_totals[0];
    assert_eq!((a_row.opinions, a_row.issues, a_row.households), (2, 1, 1));
    assert!(
        store
            .pivot(CommuneId::new(), k, &IntakeFilter::default())
            .await
            .expect("pivot")
            .is_none()
    );

    let summaries = store.intake_summaries(c).await.expect("summaries");
    assert_eq!(summaries[0].campaign_id, k.uuid(), "newest first");
    let s = &summaries[0];
    assert_eq!(
        (
            s.forms,
            s.opinions,
            s.unclassified,
            s.out_of_scope,
            s.issues,
            s.speakers
        ),
        (2, 3, 0, 1, 1, 1)
    );
    assert_eq!(s.by_group.len(), 2);
    assert_eq!(s.by_topic.iter().map(|n| n.count).sum::<i64>(), 3);

    let cards = store
        .collector_campaigns(c, world.collector)
        .await
        .expect("campaigns");
    let order: Vec<Uuid> = cards.iter().map(|card| card.id).collect();
    assert_eq!(
        order,
        vec![k.uuid(), world.answered.uuid()],
        "collecting first"
    );
    assert_eq!((cards[0].my_forms, cards[1].my_forms), (2, 1));
    assert_eq!(cards[0].groups, ["Thôn An Sơn", "Thôn An Lâu"]);

    let report = store
        .report(c, k, day(12, 15))
        .await
        .expect("report")
        .expect("ours");
    assert_eq!(report.forms, 2);
    assert_eq!(
        (
            report.totals.opinions,
            report.totals.issues,
            report.totals.households
        ),
        (3, 1, 2)
    );
    assert_eq!((report.out_of_scope, report.unmerged), (1, 0));
    assert_eq!(report.place, "Bắc Thanh Miện");
    assert_eq!(report.signer_name, "Trần Văn Chủ");
    assert_eq!(report.topics.len(), 1);
    let reported = &report.topics[0].issues[0];
    assert_eq!(reported.id, issue.uuid());
    assert_eq!(reported.department.as_deref(), Some("Phòng Kinh tế"));
    assert!(reported.answer.is_some());
    assert!(
        store
            .report(c, CampaignId::new(), day(12, 15))
            .await
            .expect("report")
            .is_none()
    );

    let communes = store.public_communes().await.expect("communes");
    assert_eq!(communes.len(), 1);
    assert_eq!(communes[0].published_issues, 1);
    let page = store
        .public_commune_page("bac-thanh-mien")
        .await
        .expect("page")
        .expect("known");
    assert_eq!(page.campaigns.len(), 1);
    assert_eq!(page.campaigns[0].published_issues, 1);
    let commune = store
        .public_commune("bac-thanh-mien")
        .await
        .expect("slug")
        .expect("known");
    let issues = store.published_issues(commune.id).await.expect("issues");
    assert_eq!(issues.len(), 1);
    let public = &issues[0];
    assert_eq!(public.title, "Sửa đường trục thôn An Sơn");
    let groups: Vec<String> = public.groups.iter().map(|g| g.name.clone()).collect();
    assert_eq!(
        (public.supporters, groups),
        (2, vec!["Thôn An Sơn".to_owned()])
    );
    assert_eq!(
        public.answer.as_ref().map(|a| a.content.as_str()),
        Some("Xã đã bố trí vốn sửa đường.")
    );
    assert_eq!(public.status.label(), "Đã trả lời");
    assert!(
        store
            .public_commune_page("khong-co")
            .await
            .expect("page")
            .is_none()
    );
    let published = count(
        store,
        "select count(*) from issues where id = $1 and published",
        world.published.uuid(),
    )
    .await;
    assert_eq!(published, 1);
}

/// Four senders, two server processes (two pools), the same twenty forms at once: each form
/// is stored exactly once and every other copy is told it was already there.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_batch_at_two_servers_is_stored_once() {
    let (url, first, world) = fresh_world().await;
    let second = PgStore::open(&url).await.expect("second server");
    let forms: Arc<Vec<FormSubmission>> = Arc::new(
        (0..20)
            .map(|i| {
                let mut f = form(
                    &world,
                    &format!("SYNC-{i:04}"),
                    &["Ý kiến một.", "Ý kiến hai."],
                );
                f.opinions[1].topic_id = world.topics[1];
                f
            })
            .collect(),
    );
    let barrier = Arc::new(Barrier::new(4));
    let mut tasks = Vec::new();
    for sender in 0..4 {
        let store = if sender % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        let (forms, barrier) = (forms.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let mut outcomes = Vec::new();
            for f in forms.iter() {
                outcomes.push((f.id, ingest(&store, &world, f, "same").await));
            }
            outcomes
        }));
    }
    let mut by_form: HashMap<FormId, Vec<Ingest>> = HashMap::new();
    for task in tasks {
        for (id, outcome) in task.await.expect("sender") {
            by_form.entry(id).or_default().push(outcome);
        }
    }
    for (id, mut outcomes) in by_form {
        outcomes.sort_by_key(|o| format!("{o:?}"));
        assert_eq!(
            outcomes,
            vec![
                Ingest::SameContent,
                Ingest::SameContent,
                Ingest::SameContent,
                Ingest::Stored
            ],
            "form {id}"
        );
    }
    let k = world.campaign.uuid();
    assert_eq!(
        count(
            &first,
            "select count(*) from forms where campaign_id = $1",
            k
        )
        .await,
        20
    );
    assert_eq!(
        count(
            &first,
            "select count(*) from opinions where campaign_id = $1",
            k
        )
        .await,
        40
    );
    let conflicts = "select count(*) from form_conflicts fc join forms f on f.id = fc.form_id
                      where f.campaign_id = $1";
    assert_eq!(count(&first, conflicts, k).await, 0);
    let summary = &second
        .intake_summaries(world.commune)
        .await
        .expect("summaries")[0];
    assert_eq!((summary.forms, summary.opinions), (20, 40));
}

/// Different forms racing for one receipt code or one opinion id, at two servers: one is
/// stored and the other refused, as if they had come one after the other; nothing fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forms_racing_for_a_code_or_an_opinion_are_refused_not_failed() {
    let (url, first, world) = fresh_world().await;
    let second = PgStore::open(&url).await.expect("second server");
    let mut pairs = Vec::new();
    for i in 0..12 {
        let x = form(&world, &format!("RACE-{i:04}"), &["Một.", "Hai."]);
        let mut y = form(&world, &format!("RACE-{i:04}"), &["Ba.", "Bốn."]);
        let expected = if i % 2 == 0 {
            Refusal::ReceiptCodeTaken
        } else {
            // another code, but the same two opinion ids in the other order
            y.receipt_code = format!("RACE-{:04}", 100 + i);
            y.opinions = x.opinions.iter().rev().cloned().collect();
            Refusal::NotYours
        };
        pairs.push((x, y, expected));
    }
    let barrier = Arc::new(Barrier::new(2 * pairs.len()));
    let mut tasks = Vec::new();
    for (i, (x, y, expected)) in pairs.into_iter().enumerate() {
        let mut pair = Vec::new();
        for (store, f) in [(first.clone(), x), (second.clone(), y)] {
            let barrier = barrier.clone();
            pair.push(tokio::spawn(async move {
                barrier.wait().await;
                ingest(&store, &world, &f, &format!("hash-{}", f.id)).await
            }));
        }
        tasks.push((i, pair, expected));
    }
    for (i, pair, expected) in tasks {
        let mut outcomes = Vec::new();
        for task in pair {
            outcomes.push(task.await.expect("sender"));
        }
        assert!(
            outcomes.contains(&Ingest::Stored) && outcomes.contains(&Ingest::Refused(expected)),
            "pair {i}: {outcomes:?}"
        );
    }
    let k = world.campaign.uuid();
    assert_eq!(
        count(
            &first,
            "select count(*) from forms where campaign_id = $1",
            k
        )
        .await,
        12
    );
    assert_eq!(
        count(
            &first,
            "select count(*) from opinions where campaign_id = $1",
            k
        )
        .await,
        24
    );
}

/// Two staff at two servers merging the same opinions at once: one issue, and the other is
/// told the opinions are already in it; a classification racing a merge is judged after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn desk_changes_racing_at_two_servers_are_judged_one_after_the_other() {
    let (url, first, world) = fresh_world().await;
    let second = PgStore::open(&url).await.expect("second server");
    let (c, k) = (world.commune, world.campaign);
    for round in 0..6 {
        let f = form(
            &world,
            &format!("DESK-{round:04}"),
            &["Một.", "Hai.", "Ba."],
        );
        assert_eq!(ingest(&first, &world, &f, "d").await, Ingest::Stored);
        let mut ids = ids(&f.opinions);
        let barrier = Arc::new(Barrier::new(3));
        let merges: Vec<_> = [first.clone(), second.clone()]
            .into_iter()
            .map(|store| {
                let (barrier, ids) = (barrier.clone(), ids.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    let target = MergeTarget::New {
                        title: "Trùng".into(),
                        summary: String::new(),
                    };
                    store
                        .merge(c, k, &ids, &target, world.staff, at(12))
                        .await
                        .expect("merge")
                })
            })
            .collect();
        // the same opinions, listed the other way round, put out of scope meanwhile
        ids.reverse();
        let classify = {
            let (store, barrier) = (second.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                let out = Classification {
                    scope: Some(Scope::OutOfScope("Khiếu nại".into())),
                    ..Classification::default()
                };
                store
                    .classify(c, k, &ids, &out, world.staff, at(12))
                    .await
                    .expect("classify")
            })
        };
        let mut merged = 0;
        for m in merges {
            match m.await.expect("merge task") {
                Ok(_) => merged += 1,
                Err(refusal) => assert!(
                    matches!(
                        refusal,
                        DeskRefusal::InAnotherIssue | DeskRefusal::OutOfScope
                    ),
                    "{refusal:?}"
                ),
            }
        }
        let classified = classify.await.expect("classify task");
        // Out of scope first: no merge; merged first: the classification is refused.
        match classified {
            Ok(n) => assert_eq!((n, merged), (3, 0), "round {round}"),
            Err(refusal) => assert_eq!((refusal, merged), (DeskRefusal::MergedOpinion, 1)),
        }
        let in_issues = count(
            &first,
            "select count(distinct issue_id) from opinions where form_id = $1",
            f.id.uuid(),
        )
        .await;
        assert_eq!(in_issues, i64::from(merged));
    }
}
