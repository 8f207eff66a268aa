//! The store contract: one story told through the storage ports alone, run against SQLite and
//! against a real PostgreSQL. Whatever a backend does inside, it must answer the same.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

use app::api::desk::{Classification, MergeTarget, Scope};
use app::api::issues::AnswerDraft;
use app::api::sync::{FormSubmission, OpinionEntry, Respondent};
use app::domain::answer::AssignmentStatus;
use app::domain::calendar::DayKind;
use app::domain::campaign::{CampaignKind, CampaignStage};
use app::domain::ids::{
    CampaignId, CommuneId, DepartmentId, FormId, GroupId, IssueId, OpinionId, TopicId, UserId,
};
use app::domain::ingest::{Arrival, Ingest, Refusal};
use app::domain::personal_data::Erased;
use app::domain::publication::{PublishRefusal, TrailStep};
use app::domain::receipt::ReceiptCode;
use app::domain::respondent::RespondentKind;
use app::domain::role::Role;
use app::domain::triage::{IntakeFilter, Urgency};
use app::ports::import::{
    CampaignRecord, CommuneRecord, DepartmentRecord, GroupRecord, HolidayRecord, ImportBatch,
    TopicRecord, UserRecord,
};
use app::ports::{
    Acting, AuditEntry, DeskRefusal, LoginOutcome, Selection, SharedStore, StoreError,
};
use common::{Backend, fresh_url};

/// The small world the story plays in.
struct World {
    commune: CommuneId,
    groups: [GroupId; 2],
    department: DepartmentId,
    topics: [TopicId; 2],
    staff: UserId,
    officer: UserId,
    collector: UserId,
    other_collector: UserId,
    campaign: CampaignId,
    closed_campaign: CampaignId,
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, 0, 0)
        .single()
        .expect("time")
}

fn user(world_commune: CommuneId, name: &str, role: Role) -> UserRecord {
    UserRecord {
        id: UserId::new(),
        commune_id: Some(world_commune),
        username: name.into(),
        full_name: format!("Người dùng {name}"),
        role,
        department_id: None,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
        active: true,
        must_change_password: false,
        created_at: at(1),
        groups: Vec::new(),
    }
}

fn world() -> (World, ImportBatch) {
    let commune = CommuneId::new();
    let groups = [GroupId::new(), GroupId::new()];
    let department = DepartmentId::new();
    let topics = [TopicId::new(), TopicId::new()];
    let mut staff = user(commune, "vanphong", Role::WardStaff);
    staff.full_name = "Nguyễn Thị Hạnh".into();
    let mut officer = user(commune, "kinhte", Role::DepartmentOfficer);
    officer.department_id = Some(department);
    let mut collector = user(commune, "anson", Role::Collector);
    collector.groups = vec![groups[0]];
    let mut other_collector = user(commune, "anlau", Role::Collector);
    other_collector.groups = vec![groups[0], groups[1]];
    let staff_id = staff.id;
    let campaign = |id, stage, title: &str| CampaignRecord {
        id,
        commune_id: commune,
        title: title.into(),
        kind: CampaignKind::Periodic,
        stage,
        collection_deadline: NaiveDate::from_ymd_opt(2026, 12, 1),
        answers_deadline: NaiveDate::from_ymd_opt(2026, 12, 10),
        report_deadline: None,
        conference_date: None,
        conference_place: Some("Nhà văn hóa thôn An Sơn".into()),
        created_by: Some(staff_id),
        created_at: at(2),
        chairs: Vec::new(),
        groups: groups.to_vec(),
        topics: topics.to_vec(),
    };
    let world = World {
        commune,
        groups,
        department,
        topics,
        staff: staff.id,
        officer: officer.id,
        collector: collector.id,
        other_collector: other_collector.id,
        campaign: CampaignId::new(),
        closed_campaign: CampaignId::new(),
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
        groups: ["Thôn An Sơn", "Thôn An Lâu"]
            .iter()
            .zip(groups)
            .enumerate()
            .map(|(i, (name, id))| GroupRecord {
                id,
                commune_id: commune,
                name: (*name).into(),
                kind: "thon".into(),
                sort_order: i64::try_from(i).expect("small"),
            })
            .collect(),
        departments: vec![DepartmentRecord {
            id: department,
            commune_id: commune,
            code: "kt".into(),
            name: "Phòng Kinh tế".into(),
        }],
        topics: ["Phát triển kinh tế", "Văn hóa - xã hội"]
            .iter()
            .zip(topics)
            .enumerate()
            .map(|(i, (name, id))| TopicRecord {
                id,
                commune_id: commune,
                code: format!("t{i}"),
                name: (*name).into(),
                sort_order: i64::try_from(i).expect("small"),
                default_department_id: Some(department),
            })
            .collect(),
        holidays: vec![HolidayRecord {
            commune_id: None,
            day: NaiveDate::from_ymd_opt(2026, 9, 2).expect("day"),
            kind: DayKind::Holiday,
            name: "Quốc khánh".into(),
        }],
        users: vec![staff, officer, collector, other_collector],
        campaigns: vec![
            campaign(
                world.campaign,
                CampaignStage::Collecting,
                "Đối thoại định kỳ năm 2026",
            ),
            campaign(
                world.closed_campaign,
                CampaignStage::Answering,
                "Đối thoại chuyên đề",
            ),
        ],
        ..ImportBatch::default()
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
        proposal: None,
        wants_to_speak: true,
        consent: true,
        consent_version: None,
        filled_at: at(8),
    }
}

async fn ingest(
    store: &SharedStore,
    world: &World,
    collector: UserId,
    form: &FormSubmission,
    hash: &str,
) -> Ingest {
    store
        .ingest_form(
            Arrival {
                commune_id: world.commune,
                collector_id: collector,
                form,
                content_hash: hash,
            },
            at(9),
        )
        .await
        .expect("ingest")
}

async fn open(backend: Backend) -> (SharedStore, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_url(backend, dir.path()).await;
    let store = server::db::open(&url).await.expect("open");
    (store, dir)
}

async fn a_new_database_is_empty_and_takes_a_whole_world(backend: Backend) {
    let (store, _dir) = open(backend).await;
    store.ping().await.expect("ping");
    assert!(store.is_empty().await.expect("empty"));
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    assert!(!store.is_empty().await.expect("not empty"));

    let names = store
        .commune_names("bac-thanh-mien")
        .await
        .expect("names")
        .expect("commune");
    assert_eq!(names.commune_id, world.commune);
    assert_eq!(names.departments, vec![("kt".to_owned(), world.department)]);
    assert_eq!(names.groups.len(), 2);
    assert!(
        store
            .commune_names("khong-co")
            .await
            .expect("names")
            .is_none()
    );
    let calendar = store.calendar(world.commune).await.expect("calendar");
    assert_eq!(calendar.len(), 1);

    // A taken username is a conflict, and the whole batch is left out.
    let mut again = ImportBatch::default();
    let mut twin = user(world.commune, "vanphong", Role::Chair);
    twin.id = UserId::new();
    let newcomer = user(world.commune, "moi", Role::Chair);
    again.users = vec![newcomer, twin];
    match store.import(&again).await {
        Err(StoreError::Conflict(_)) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(store.credentials("moi").await.expect("read").is_none());
    let summaries = store.commune_summaries().await.expect("summaries");
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].users, 4);
}

async fn sessions_live_in_the_database(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    let credentials = store
        .credentials("anson")
        .await
        .expect("read")
        .expect("known");
    assert_eq!(credentials.user_id, world.collector);
    assert!(credentials.active);
    assert!(store.credentials("nobody").await.expect("read").is_none());

    store
        .create_session(
            "hash-1",
            world.collector,
            at(8),
            at(8) + Duration::hours(12),
        )
        .await
        .expect("session");
    let viewer = store
        .session_viewer("hash-1", at(9))
        .await
        .expect("read")
        .expect("live");
    assert_eq!(viewer.user_id, world.collector.uuid());
    assert_eq!(viewer.role, Role::Collector);
    assert_eq!(viewer.commune_id, Some(world.commune.uuid()));
    assert_eq!(viewer.group_ids, vec![world.groups[0].uuid()]);
    assert!(
        store
            .session_viewer("hash-1", at(21))
            .await
            .expect("read")
            .is_none(),
        "expired"
    );
    store.delete_session("hash-1").await.expect("delete");
    assert!(
        store
            .session_viewer("hash-1", at(9))
            .await
            .expect("read")
            .is_none()
    );

    for (name, address) in [
        ("anson", "10.0.0.1"),
        ("anson", "10.0.0.2"),
        ("x", "10.0.0.1"),
    ] {
        let attempt = store
            .begin_login_attempt(name, address, at(8))
            .await
            .expect("attempt");
        store
            .finish_login_attempt(attempt, LoginOutcome::Failed)
            .await
            .expect("finish");
    }
    // An attempt still being checked counts for the others of its pair, never for itself.
    let checking = store
        .begin_login_attempt("anson", "10.0.0.1", at(8))
        .await
        .expect("attempt");
    let mine = store
        .begin_login_attempt("anson", "10.0.0.1", at(8))
        .await
        .expect("attempt");
    let counts = |attempt, since| {
        let store = store.clone();
        async move {
            let f = store
                .failed_logins(attempt, "anson", "10.0.0.1", since)
                .await
                .expect("count");
            (f.for_pair.count, f.from_address.count)
        }
    };
    let failed = store
        .failed_logins(mine, "anson", "10.0.0.1", at(7))
        .await
        .expect("count");
    // The pair counts its failure and the attempt still being checked; the address counts
    // only failures (its two: anson's and x's).
    assert_eq!((failed.for_pair.count, failed.from_address.count), (2, 2));
    assert_eq!(failed.for_pair.last_at, Some(at(8)));
    let later = store
        .failed_logins(mine, "anson", "10.0.0.1", at(10))
        .await
        .expect("count");
    assert_eq!(later, Default::default(), "older than the window");
    // A throttled attempt does not make the wait longer.
    store
        .finish_login_attempt(checking, LoginOutcome::Refused)
        .await
        .expect("finish");
    assert_eq!(counts(mine, at(7)).await, (1, 2));
    // A success forgives the pair's typos, not the address's.
    store
        .finish_login_attempt(mine, LoginOutcome::Succeeded)
        .await
        .expect("finish");
    let next = store
        .begin_login_attempt("anson", "10.0.0.1", at(8))
        .await
        .expect("attempt");
    assert_eq!(counts(next, at(7)).await, (0, 2));
    store
        .audit(
            AuditEntry {
                commune_id: None,
                actor_id: Some(world.collector),
                entity: "session",
                entity_id: world.collector.to_string(),
                action: "login",
                before: None,
                after: None,
            },
            at(8),
        )
        .await
        .expect("audit");
}

async fn each_form_is_stored_once_and_judged_by_revision(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");

    let reference = store
        .collector_reference(world.commune, world.collector, false)
        .await
        .expect("reference");
    assert_eq!(reference.len(), 1, "only the collecting campaign");
    assert_eq!(reference[0].id, world.campaign);
    assert_eq!(
        reference[0].groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![world.groups[0]],
        "only the collector's groups"
    );
    assert_eq!(
        reference[0].topics.iter().map(|t| t.id).collect::<Vec<_>>(),
        world.topics.to_vec()
    );

    let first = form(
        &world,
        "AAAA-BBBB",
        &["Đường làng xuống cấp", "Thiếu đèn đường"],
    );
    let c = world.collector;
    assert_eq!(
        ingest(&store, &world, c, &first, "h1").await,
        Ingest::Stored
    );
    assert_eq!(
        ingest(&store, &world, c, &first, "h1").await,
        Ingest::SameContent
    );
    assert_eq!(
        ingest(&store, &world, c, &first, "h2").await,
        Ingest::Conflict
    );
    assert_eq!(
        ingest(&store, &world, c, &first, "h2").await,
        Ingest::Conflict
    );
    let conflicts = store
        .form_conflicts(world.commune, world.campaign)
        .await
        .expect("conflicts");
    assert_eq!(conflicts.len(), 1, "the same copy twice is one conflict");

    let mut revised = first.clone();
    revised.revision = 2;
    revised.opinions.truncate(1);
    assert_eq!(
        ingest(&store, &world, c, &revised, "h3").await,
        Ingest::Revised
    );
    assert_eq!(
        ingest(&store, &world, c, &first, "h1").await,
        Ingest::Stale(2)
    );
    let page = store
        .intake_page(
            world.commune,
            world.campaign,
            &IntakeFilter::default(),
            0,
            50,
        )
        .await
        .expect("intake");
    assert_eq!(page.1, 1, "the dropped opinion went with the revision");

    let theirs = ingest(&store, &world, world.other_collector, &revised, "h3").await;
    assert_eq!(theirs, Ingest::Refused(Refusal::NotYours));
    let copycat = form(&world, "AAAA-BBBB", &["Một ý kiến khác"]);
    assert_eq!(
        ingest(&store, &world, c, &copycat, "h4").await,
        Ingest::Refused(Refusal::ReceiptCodeTaken)
    );
    let mut late = form(&world, "CCCC-DDDD", &["Muộn"]);
    late.campaign_id = world.closed_campaign;
    assert_eq!(
        ingest(&store, &world, c, &late, "h5").await,
        Ingest::Refused(Refusal::CampaignNotOpen)
    );
    let mut stray = form(&world, "EEEE-FFFF", &["Chủ đề lạ"]);
    stray.opinions[0].topic_id = TopicId::new();
    assert_eq!(
        ingest(&store, &world, c, &stray, "h6").await,
        Ingest::Refused(Refusal::TopicNotInCampaign)
    );

    let conflict = conflicts[0].id;
    let held = store
        .held_form(world.commune, conflict)
        .await
        .expect("held")
        .expect("unresolved");
    assert_eq!(held.collector_id, c);
    assert_eq!(held.content_hash, "h2");
    assert!(
        store
            .held_form(CommuneId::new(), conflict)
            .await
            .expect("held")
            .is_none(),
        "never another commune's"
    );
    // The held copy becomes the revision after the stored one (2), in the same transaction
    // that closes the conflict; a second close finds it gone.
    assert_eq!(
        store
            .close_conflict(world.commune, conflict, Some(&held), world.staff, at(10))
            .await
            .expect("close"),
        Ok(Some(Ingest::Revised))
    );
    assert_eq!(
        ingest(&store, &world, c, &revised, "h3").await,
        Ingest::Stale(3)
    );
    assert_eq!(
        store
            .close_conflict(world.commune, conflict, None, world.staff, at(10))
            .await
            .expect("close"),
        Err(DeskRefusal::NotFound)
    );
    assert!(
        store
            .form_conflicts(world.commune, world.campaign)
            .await
            .expect("conflicts")
            .is_empty()
    );
    let cards = store
        .collector_campaigns(world.commune, c)
        .await
        .expect("cards");
    assert_eq!(cards.iter().map(|k| k.my_forms).sum::<i64>(), 1);
}

async fn copies_sent_at_once_are_stored_once(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    let forms: Vec<FormSubmission> = (0..20)
        .map(|i| {
            form(
                &world,
                &format!("K{i:03}-QWER"),
                &["Cống thoát nước bị tắc"],
            )
        })
        .collect();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        let forms = forms.clone();
        let (commune, collector) = (world.commune, world.collector);
        tasks.push(tokio::spawn(async move {
            let mut stored = 0;
            for f in &forms {
                let arrival = Arrival {
                    commune_id: commune,
                    collector_id: collector,
                    form: f,
                    content_hash: "same",
                };
                match store.ingest_form(arrival, at(9)).await.expect("ingest") {
                    Ingest::Stored => stored += 1,
                    Ingest::SameContent => {}
                    other => panic!("unexpected {other:?}"),
                }
            }
            stored
        }));
    }
    let mut stored = 0;
    for task in tasks {
        stored += task.await.expect("task");
    }
    assert_eq!(stored, 20, "each form stored by exactly one of the copies");
    let summaries = store
        .intake_summaries(world.commune)
        .await
        .expect("summaries");
    let this = summaries
        .iter()
        .find(|s| s.campaign_id == world.campaign.uuid())
        .expect("campaign");
    assert_eq!((this.forms, this.opinions), (20, 20));
}

async fn the_desk_classifies_merges_assigns_and_answers(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    let c = world.collector;
    let a = form(&world, "AAAA-1111", &["Đường liên thôn An Sơn xuống cấp"]);
    let b = form(&world, "AAAA-2222", &["Đường liên thôn xuống cấp nặng"]);
    let d = form(&world, "AAAA-3333", &["Đơn tố cáo hàng xóm"]);
    for (f, h) in [(&a, "a"), (&b, "b"), (&d, "d")] {
        assert_eq!(ingest(&store, &world, c, f, h).await, Ingest::Stored);
    }
    let (oa, ob, od) = (a.opinions[0].id, b.opinions[0].id, d.opinions[0].id);

    let rows = store
        .opinion_rows(world.commune, &[oa, ob, OpinionId::new()])
        .await
        .expect("rows");
    assert_eq!(rows.len(), 2, "unknown ids are skipped");
    let (folded, candidates) = store
        .similarity_candidates(world.commune, oa)
        .await
        .expect("candidates")
        .expect("known");
    assert!(folded.contains("duong lien thon"), "{folded}");
    assert!(candidates.iter().any(|(id, _)| *id == ob));
    assert!(candidates.iter().all(|(id, _)| *id != oa));

    let urgent = Classification {
        topic_id: Some(world.topics[1].uuid()),
        urgency: Some(Urgency::Khan),
        ..Classification::default()
    };
    let changed = store
        .classify(
            world.commune,
            world.campaign,
            &[oa, ob],
            &urgent,
            world.staff,
            at(10),
        )
        .await
        .expect("classify")
        .expect("allowed");
    assert_eq!(changed, 2);
    let out = Classification {
        scope: Some(Scope::OutOfScope("Đơn tố cáo, chuyển Thanh tra".into())),
        ..Classification::default()
    };
    store
        .classify(
            world.commune,
            world.campaign,
            &[od],
            &out,
            world.staff,
            at(10),
        )
        .await
        .expect("classify")
        .expect("allowed");
    let refused = store
        .merge(
            world.commune,
            world.campaign,
            &[oa, od],
            &MergeTarget::New {
                title: "x".into(),
                summary: String::new(),
            },
            world.staff,
            at(10),
        )
        .await
        .expect("merge");
    assert_eq!(refused, Err(DeskRefusal::OutOfScope));

    let issue = store
        .merge(
            world.commune,
            world.campaign,
            &[oa, ob],
            &MergeTarget::New {
                title: "Nâng cấp đường liên thôn".into(),
                summary: "Hai hộ cùng phản ánh".into(),
            },
            world.staff,
            at(10),
        )
        .await
        .expect("merge")
        .expect("merged");
    let issues = store
        .campaign_issues(world.commune, world.campaign)
        .await
        .expect("issues");
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].id, issue);
    assert_eq!(
        issues[0].urgency,
        Urgency::Khan,
        "the strongest supporter's"
    );
    assert_eq!(issues[0].opinions, 2);

    let due = NaiveDate::from_ymd_opt(2026, 12, 4).expect("due");
    assert_eq!(
        store
            .issue_answers_deadline(world.commune, issue)
            .await
            .expect("deadline"),
        Some(NaiveDate::from_ymd_opt(2026, 12, 10))
    );
    store
        .assign(
            world.commune,
            issue,
            world.department,
            due,
            world.staff,
            at(11),
        )
        .await
        .expect("assign")
        .expect("assigned");
    let open = store
        .assignments(world.commune, Some(world.department))
        .await
        .expect("assignments");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].due_date, due);

    let draft = AnswerDraft {
        content: "Đã đưa vào kế hoạch năm 2027.".into(),
        result: "Khảo sát xong".into(),
        resolution_time: "Quý I/2027".into(),
        resolving_body: "Phòng Kinh tế".into(),
    };
    let elsewhere = store
        .save_answer(
            world.commune,
            issue,
            DepartmentId::new(),
            &draft,
            true,
            world.officer,
            at(12),
        )
        .await
        .expect("save");
    assert_eq!(elsewhere, Err(DeskRefusal::NotAssignedToYou));
    store
        .save_answer(
            world.commune,
            issue,
            world.department,
            &draft,
            true,
            world.officer,
            at(12),
        )
        .await
        .expect("save")
        .expect("saved");
    let locked = store
        .save_answer(
            world.commune,
            issue,
            world.department,
            &draft,
            false,
            world.officer,
            at(12),
        )
        .await
        .expect("save");
    assert_eq!(locked, Err(DeskRefusal::AnswerLocked));
    assert_eq!(
        store
            .answers_awaiting_approval(world.commune)
            .await
            .expect("awaiting")
            .len(),
        1
    );
    store
        .review_answer(world.commune, issue, true, "", world.staff, at(13))
        .await
        .expect("review")
        .expect("approved");
    assert!(
        store
            .answers_awaiting_approval(world.commune)
            .await
            .expect("awaiting")
            .is_empty()
    );
    assert_eq!(
        store
            .review_answer(world.commune, issue, true, "", world.staff, at(13))
            .await
            .expect("review"),
        Err(DeskRefusal::NothingToReview)
    );
    let detail = store
        .issue_detail(world.commune, issue)
        .await
        .expect("detail")
        .expect("known");
    assert_eq!(detail.opinions.len(), 2);
    assert!(!detail.audit.is_empty(), "every change is audited");
    assert!(
        store
            .issue_detail(CommuneId::new(), issue)
            .await
            .expect("detail")
            .is_none()
    );
    assert_eq!(
        store
            .unmerge(world.commune, issue, &[], world.staff, at(14))
            .await
            .expect("unmerge"),
        Err(DeskRefusal::IssueHasAnswer)
    );
    assert!(
        store
            .assignments(world.commune, None)
            .await
            .expect("assignments")
            .is_empty(),
        "an approved answer closes its assignment ({:?})",
        AssignmentStatus::Done
    );
}

async fn counts_agree_between_the_intake_the_pivot_and_the_report(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    for i in 0..5 {
        let mut f = form(
            &world,
            &format!("P{i:03}-ZZZZ"),
            &["Ý kiến một", "Ý kiến hai"],
        );
        f.group_id = world.groups[i % 2];
        f.opinions[1].topic_id = world.topics[1];
        assert_eq!(
            ingest(&store, &world, world.other_collector, &f, &format!("p{i}")).await,
            Ingest::Stored
        );
    }
    let filter = IntakeFilter::default();
    let (rows, total) = store
        .intake_page(world.commune, world.campaign, &filter, 0, 3)
        .await
        .expect("page");
    assert_eq!((rows.len(), total), (3, 10));
    let pivot = store
        .pivot(world.commune, world.campaign, &filter)
        .await
        .expect("pivot")
        .expect("known");
    assert!(pivot.opinions_add_up());
    assert_eq!(pivot.total.opinions, 10);
    assert!(
        store
            .pivot(CommuneId::new(), world.campaign, &filter)
            .await
            .expect("pivot")
            .is_none()
    );
    let report = store
        .report(
            world.commune,
            world.campaign,
            NaiveDate::from_ymd_opt(2026, 11, 24).expect("day"),
        )
        .await
        .expect("report")
        .expect("known");
    assert_eq!(report.forms, 5);
    assert_eq!(report.totals.opinions, 10);
    assert_eq!(report.unmerged, 10);
    let reference = store
        .desk_reference(world.commune, world.campaign)
        .await
        .expect("reference")
        .expect("known");
    assert_eq!(reference.campaign.id, world.campaign);
    use futures::StreamExt;
    let exported: Vec<_> = store
        .export_opinions(world.commune, world.campaign, &filter, true)
        .collect()
        .await;
    assert_eq!(exported.len(), 10);
    assert!(
        exported
            .iter()
            .all(|o| o.as_ref().is_ok_and(|o| o.personal.is_some()))
    );
}

/// A small deterministic generator, so a failing sequence can be replayed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % sides as u64) as usize
    }
}

async fn the_kept_pivot_counts_equal_a_recount_after_random_operations(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    let households = [
        None,
        Some("Số 1, xóm 1"),
        Some("Số 2, xóm 1"),
        Some("số 1, XÓM 1 "),
    ];
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut forms: Vec<FormSubmission> = Vec::new();
    let mut merged: Vec<OpinionId> = Vec::new();
    let mut issues = Vec::new();
    for step in 0..120 {
        match dice.roll(6) {
            0 | 1 => {
                let texts = ["Đường làng hỏng", "Thiếu đèn", "Mương tắc"];
                let n = 1 + dice.roll(3);
                let mut f = form(&world, &format!("R{step:03}-XXXX"), &texts[..n]);
                f.group_id = world.groups[dice.roll(2)];
                f.respondent.household = households[dice.roll(4)].map(str::to_owned);
                for o in &mut f.opinions {
                    o.topic_id = world.topics[dice.roll(2)];
                }
                let stored = ingest(
                    &store,
                    &world,
                    world.other_collector,
                    &f,
                    &format!("h{step}"),
                )
                .await;
                assert_eq!(stored, Ingest::Stored, "step {step}");
                forms.push(f);
            }
            2 if !forms.is_empty() => {
                let i = dice.roll(forms.len());
                let f = &mut forms[i];
                f.revision += 1;
                f.respondent.household = households[dice.roll(4)].map(str::to_owned);
                if f.opinions.len() > 1 && !merged.contains(&f.opinions[f.opinions.len() - 1].id) {
                    f.opinions.pop();
                }
                let k = dice.roll(f.opinions.len());
                f.opinions[k].topic_id = world.topics[dice.roll(2)];
                let revised = ingest(
                    &store,
                    &world,
                    world.other_collector,
                    f,
                    &format!("h{step}"),
                )
                .await;
                assert_eq!(revised, Ingest::Revised, "step {step}");
            }
            3 if !forms.is_empty() => {
                let f = &forms[dice.roll(forms.len())];
                let ids: Vec<OpinionId> = f.opinions.iter().map(|o| o.id).collect();
                let change = Classification {
                    topic_id: Some(world.topics[dice.roll(2)].uuid()),
                    urgency: Some(Urgency::Cao),
                    authority: None,
                    scope: None,
                };
                store
                    .classify(
                        world.commune,
                        world.campaign,
                        &ids,
                        &change,
                        world.staff,
                        at(10),
                    )
                    .await
                    .expect("classify")
                    .expect("classified");
            }
            4 => {
                let free: Vec<OpinionId> = forms
                    .iter()
                    .flat_map(|f| f.opinions.iter().map(|o| o.id))
                    .filter(|id| !merged.contains(id))
                    .take(1 + dice.roll(3))
                    .collect();
                if free.is_empty() {
                    continue;
                }
                let target = MergeTarget::New {
                    title: format!("Vấn đề {step}"),
                    summary: String::new(),
                };
                let issue = store
                    .merge(
                        world.commune,
                        world.campaign,
                        &free,
                        &target,
                        world.staff,
                        at(10),
                    )
                    .await
                    .expect("merge")
                    .expect("merged");
                merged.extend(free.iter().copied());
                issues.push((issue, free));
            }
            _ if !issues.is_empty() => {
                let (issue, ids) = issues.remove(dice.roll(issues.len()));
                store
                    .unmerge(world.commune, issue, &[], world.staff, at(11))
                    .await
                    .expect("unmerge")
                    .expect("dissolved");
                merged.retain(|id| !ids.contains(id));
            }
            _ => {}
        }
    }

    let whole = store
        .pivot(world.commune, world.campaign, &IntakeFilter::default())
        .await
        .expect("pivot")
        .expect("known");
    assert!(whole.total.opinions > 0);
    // Filtered by group, the pivot counts from the rows themselves: each row must agree.
    for (row, group) in world.groups.iter().enumerate() {
        let recount = store
            .pivot(
                world.commune,
                world.campaign,
                &IntakeFilter {
                    group_id: Some(group.uuid()),
                    ..IntakeFilter::default()
                },
            )
            .await
            .expect("pivot")
            .expect("known");
        let at_row = recount
            .groups
            .iter()
            .position(|g| g.id == group.uuid())
            .expect("the group's row");
        assert_eq!(whole.cells[row], recount.cells[at_row], "row {row}");
        assert_eq!(
            whole.row_totals[row], recount.row_totals[at_row],
            "row {row}"
        );
    }
}

async fn the_public_page_shows_only_what_was_published(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (_world, batch) = world();
    store.import(&batch).await.expect("import");
    assert!(
        store
            .public_commune_page("khong-co")
            .await
            .expect("page")
            .is_none()
    );
    let page = store
        .public_commune_page("bac-thanh-mien")
        .await
        .expect("page")
        .expect("known");
    let text = format!("{page:?}");
    assert!(!text.contains("Nguyễn Văn Bình"), "no resident's name");
    let communes = store.public_communes().await.expect("communes");
    assert!(communes.len() <= 1);
}

/// An issue of `world` merged from `forms`, assigned and with an approved answer.
async fn answered_issue(store: &SharedStore, world: &World, forms: &[&FormSubmission]) -> IssueId {
    let opinions: Vec<OpinionId> = forms.iter().map(|f| f.opinions[0].id).collect();
    let issue = store
        .merge(
            world.commune,
            world.campaign,
            &opinions,
            &MergeTarget::New {
                title: "Nâng cấp đường liên thôn".into(),
                summary: String::new(),
            },
            world.staff,
            at(10),
        )
        .await
        .expect("merge")
        .expect("merged");
    let due = NaiveDate::from_ymd_opt(2026, 12, 4).expect("due");
    store
        .assign(
            world.commune,
            issue,
            world.department,
            due,
            world.staff,
            at(11),
        )
        .await
        .expect("assign")
        .expect("assigned");
    let draft = AnswerDraft {
        content: "Đã đưa vào kế hoạch năm 2027.".into(),
        result: String::new(),
        resolution_time: "Quý I/2027".into(),
        resolving_body: "Phòng Kinh tế".into(),
    };
    store
        .save_answer(
            world.commune,
            issue,
            world.department,
            &draft,
            true,
            world.officer,
            at(12),
        )
        .await
        .expect("save")
        .expect("saved");
    store
        .review_answer(world.commune, issue, true, "", world.staff, at(13))
        .await
        .expect("review")
        .expect("approved");
    issue
}

fn acting(world: &World, hour: u32) -> Acting {
    let now = at(hour);
    Acting {
        actor: world.staff,
        today: now.date_naive(),
        now,
    }
}

async fn residents_read_what_staff_publish_and_erasure_keeps_the_counts(backend: Backend) {
    let (store, _dir) = open(backend).await;
    let (world, batch) = world();
    store.import(&batch).await.expect("import");
    let c = world.collector;
    let a = form(&world, "BBBB-2222", &["Đường liên thôn An Sơn xuống cấp"]);
    let b = form(&world, "BBBB-3333", &["Đường liên thôn xuống cấp nặng"]);
    let d = form(&world, "BBBB-4444", &["Thiếu đèn chiếu sáng ngõ 4"]);
    for (f, h) in [(&a, "a"), (&b, "b"), (&d, "d")] {
        assert_eq!(ingest(&store, &world, c, f, h).await, Ingest::Stored);
    }
    let answered = answered_issue(&store, &world, &[&a, &b]).await;
    let unanswered = store
        .merge(
            world.commune,
            world.campaign,
            &[d.opinions[0].id],
            &MergeTarget::New {
                title: "Lắp đèn chiếu sáng".into(),
                summary: String::new(),
            },
            world.staff,
            at(10),
        )
        .await
        .expect("merge")
        .expect("merged");
    let published = |store: SharedStore| async move {
        store
            .published_issues(world.commune)
            .await
            .expect("published")
            .into_iter()
            .map(|i| i.id)
            .collect::<Vec<_>>()
    };

    // Publishing: only what has an approved answer; a change that changes nothing writes nothing.
    let sheet = store
        .publishing_sheet(world.commune, world.campaign)
        .await
        .expect("sheet");
    let row = |id| sheet.issues.iter().find(|i| i.id == id).expect("listed");
    assert!(row(answered).publishable && !row(answered).published);
    assert!(!row(unanswered).publishable);
    let refused = store
        .set_issues_published(
            world.commune,
            world.campaign,
            Selection::Issues(vec![unanswered]),
            true,
            acting(&world, 14),
        )
        .await
        .expect("publish");
    assert_eq!(refused, Err(PublishRefusal::NothingToPublish));
    let publish = |selection, on| {
        let store = store.clone();
        let acting = acting(&world, 14);
        async move {
            store
                .set_issues_published(world.commune, world.campaign, selection, on, acting)
                .await
                .expect("publish")
        }
    };
    assert_eq!(
        publish(Selection::Issues(vec![answered]), true).await,
        Ok(1)
    );
    assert_eq!(
        publish(Selection::All, true).await,
        Ok(0),
        "already published"
    );
    assert_eq!(published(store.clone()).await, vec![answered]);
    assert_eq!(
        store
            .set_notice_published(world.commune, world.campaign, true, acting(&world, 14))
            .await
            .expect("notice"),
        Err(PublishRefusal::NoIssuedNotice)
    );
    // Another commune reads nothing of this one.
    assert!(
        store
            .published_issues(CommuneId::new())
            .await
            .expect("published")
            .is_empty()
    );

    // The receipt trail shows the answer's text only while it is published.
    let code = ReceiptCode::parse("bbbb 2222").expect("code");
    let answer_step = |trail: Option<app::api::public::ReceiptTrail>| {
        let trail = trail.expect("the commune has this form");
        trail.opinions[0]
            .steps
            .iter()
            .find_map(|step| match step {
                TrailStep::Answered(text) => Some(text.clone()),
                _ => None,
            })
            .expect("answered")
    };
    let trail = store
        .receipt_trail(world.commune, &code)
        .await
        .expect("trail");
    assert_eq!(
        answer_step(trail).as_deref(),
        Some("Đã đưa vào kế hoạch năm 2027.")
    );
    assert!(
        store
            .receipt_trail(CommuneId::new(), &code)
            .await
            .expect("trail")
            .is_none()
    );
    assert_eq!(publish(Selection::All, false).await, Ok(1));
    assert!(published(store.clone()).await.is_empty());
    let trail = store
        .receipt_trail(world.commune, &code)
        .await
        .expect("trail");
    assert_eq!(answer_step(trail), None);

    // The lookup limit counts per address within the window.
    let window = Duration::minutes(15);
    for expected in 1..=3 {
        let n = store
            .count_lookup("198.51.100.7", at(15), at(15) - window)
            .await
            .expect("count");
        assert_eq!(n, expected);
    }
    let other = store
        .count_lookup("198.51.100.8", at(15), at(15) - window)
        .await
        .expect("count");
    assert_eq!(other, 1);
    let later = at(15) + Duration::minutes(20);
    let n = store
        .count_lookup("198.51.100.7", later, later - window)
        .await
        .expect("count");
    assert_eq!(n, 1, "earlier lookups fall out of the window");

    // Retention, and erasure at a resident's request.
    assert_eq!(
        store.retention_days(world.commune).await.expect("days"),
        365
    );
    store
        .set_retention_days(world.commune, 400, acting(&world, 16))
        .await
        .expect("set");
    assert_eq!(
        store.retention_days(world.commune).await.expect("days"),
        400
    );
    let before = store
        .campaign_issues(world.commune, world.campaign)
        .await
        .expect("issues");
    let erased = store
        .erase_form_personal_data(world.commune, &code, acting(&world, 16))
        .await
        .expect("erase")
        .expect("known");
    assert_eq!(erased.households, 1);
    assert_eq!(
        erased.forms, 3,
        "the household is renamed on every form that names it"
    );
    let again = store
        .erase_form_personal_data(world.commune, &code, acting(&world, 16))
        .await
        .expect("erase")
        .expect("known");
    assert_eq!(again, Erased::default(), "asking again changes nothing");
    assert!(
        store
            .erase_form_personal_data(CommuneId::new(), &code, acting(&world, 16))
            .await
            .expect("erase")
            .is_none()
    );
    let after = store
        .campaign_issues(world.commune, world.campaign)
        .await
        .expect("issues");
    assert_eq!(before, after, "issues and their counts stay");
    // Nothing is closed: nothing is due.
    assert!(
        store
            .erase_due_personal_data(at(17) + Duration::days(4000))
            .await
            .expect("due")
            .is_empty()
    );
}

on_both!(
    a_new_database_is_empty_and_takes_a_whole_world,
    sessions_live_in_the_database,
    each_form_is_stored_once_and_judged_by_revision,
    copies_sent_at_once_are_stored_once,
    the_desk_classifies_merges_assigns_and_answers,
    counts_agree_between_the_intake_the_pivot_and_the_report,
    the_kept_pivot_counts_equal_a_recount_after_random_operations,
    the_public_page_shows_only_what_was_published,
    residents_read_what_staff_publish_and_erasure_keeps_the_counts,
);
