//! A dialogue campaign (đợt tiếp xúc, đối thoại): its kind, its stage and its deadlines.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the campaign came about (seed 001: twice a year, one of them thematic; ad hoc when needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CampaignKind {
    /// Định kỳ: the regular dialogue.
    Periodic,
    /// Chuyên đề: on one subject.
    Thematic,
    /// Đột xuất: called for an urgent matter.
    AdHoc,
}

impl CampaignKind {
    /// Every kind, in display order.
    pub const ALL: [CampaignKind; 3] = [
        CampaignKind::Periodic,
        CampaignKind::Thematic,
        CampaignKind::AdHoc,
    ];

    /// Stable storage code.
    pub fn code(self) -> &'static str {
        match self {
            CampaignKind::Periodic => "dinh_ky",
            CampaignKind::Thematic => "chuyen_de",
            CampaignKind::AdHoc => "dot_xuat",
        }
    }

    /// Parses a storage code.
    pub fn parse(code: &str) -> Option<CampaignKind> {
        CampaignKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            CampaignKind::Periodic => "Định kỳ",
            CampaignKind::Thematic => "Chuyên đề",
            CampaignKind::AdHoc => "Đột xuất",
        }
    }
}

/// Where a campaign stands in the cycle of PRODUCT.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CampaignStage {
    /// Being planned; collectors do not see it yet.
    Planning,
    /// Forms are being collected.
    Collecting,
    /// Staff classify, merge and assign; departments answer.
    Answering,
    /// The conference took place; the conclusion notice is being prepared.
    Conference,
    /// The conclusion notice was issued.
    Concluded,
    /// Assigned bodies report back; staff, the chair and MTTQ follow up (theo dõi, đôn đốc).
    FollowingUp,
    /// Everything was followed up.
    Closed,
}

impl CampaignStage {
    /// Every stage, in cycle order.
    pub const ALL: [CampaignStage; 7] = [
        CampaignStage::Planning,
        CampaignStage::Collecting,
        CampaignStage::Answering,
        CampaignStage::Conference,
        CampaignStage::Concluded,
        CampaignStage::FollowingUp,
        CampaignStage::Closed,
    ];

    /// Stable storage code.
    pub fn code(self) -> &'static str {
        match self {
            CampaignStage::Planning => "planning",
            CampaignStage::Collecting => "collecting",
            CampaignStage::Answering => "answering",
            CampaignStage::Conference => "conference",
            CampaignStage::Concluded => "concluded",
            CampaignStage::FollowingUp => "following_up",
            CampaignStage::Closed => "closed",
        }
    }

    /// Parses a storage code.
    pub fn parse(code: &str) -> Option<CampaignStage> {
        CampaignStage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            CampaignStage::Planning => "Đang lập kế hoạch",
            CampaignStage::Collecting => "Đang thu phiếu",
            CampaignStage::Answering => "Đang tổng hợp, trả lời",
            CampaignStage::Conference => "Đã tổ chức hội nghị",
            CampaignStage::Concluded => "Đã ban hành kết luận",
            CampaignStage::FollowingUp => "Đang theo dõi, đôn đốc",
            CampaignStage::Closed => "Đã kết thúc",
        }
    }

    /// Collectors may submit forms only while collecting.
    pub fn accepts_forms(self) -> bool {
        self == CampaignStage::Collecting
    }
}

/// Working-day lengths that chain after the conference. Seed 004's numbers are the defaults;
/// each campaign keeps its own because other plans and laws differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRules {
    /// The conclusion notice is due this many working days after the conference.
    pub conclusion_days: u32,
    /// …or at most this many for complex matters.
    pub conclusion_max_days: u32,
    /// Assigned bodies report back this many working days after the notice is issued.
    pub report_back_days: u32,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        DeadlineRules {
            conclusion_days: 10,
            conclusion_max_days: 15,
            report_back_days: 7,
        }
    }
}

/// What a stage change checks about the campaign, read in the same transaction as the change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageFacts {
    /// The campaign names at least one group (or the whole commune).
    pub has_groups: bool,
    /// The campaign names at least one topic.
    pub has_topics: bool,
    /// Last day of collection.
    pub collection_deadline: Option<NaiveDate>,
    /// Day of the conference.
    pub conference_date: Option<NaiveDate>,
    /// Assignments of the campaign's issues still open.
    pub open_assignments: i64,
    /// A conclusion notice of the campaign has been issued.
    pub notice_issued: bool,
    /// Items of the issued notice still waiting for their report-back to be accepted.
    pub open_items: i64,
    /// Today in Vietnam.
    pub today: NaiveDate,
}

/// Why a campaign cannot move to the stage asked for. The messages go to ward staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageRefusal {
    /// The move skips a stage or goes back where the cycle does not allow it.
    NotAllowed,
    /// Someone else moved the campaign first.
    Moved,
    /// Collection needs target groups.
    NoGroups,
    /// Collection needs topics.
    NoTopics,
    /// Collection needs a deadline that is today or later.
    NoCollectionDeadline,
    /// The conference must have a date that has come.
    ConferenceNotHeld,
    /// Assigned items are still open.
    OpenAssignments,
    /// Concluding needs the issued conclusion notice.
    NoticeNotIssued,
}

impl StageRefusal {
    /// Vietnamese explanation with what to do.
    pub fn message(self) -> &'static str {
        match self {
            StageRefusal::NotAllowed => "Không thể chuyển đợt đối thoại sang giai đoạn này.",
            StageRefusal::Moved => {
                "Đợt đối thoại vừa được người khác chuyển giai đoạn. Hãy tải lại trang."
            }
            StageRefusal::NoGroups => "Hãy chọn các thôn, tổ dân phố tham gia trước khi thu phiếu.",
            StageRefusal::NoTopics => "Hãy chọn các nhóm nội dung trước khi thu phiếu.",
            StageRefusal::NoCollectionDeadline => {
                "Hãy đặt hạn thu phiếu từ hôm nay trở đi trước khi thu phiếu."
            }
            StageRefusal::ConferenceNotHeld => {
                "Hãy ghi ngày hội nghị đối thoại (không muộn hơn hôm nay) trước khi chuyển giai đoạn."
            }
            StageRefusal::OpenAssignments => {
                "Còn nội dung được giao chưa hoàn thành; chưa thể kết thúc đợt đối thoại."
            }
            StageRefusal::NoticeNotIssued => {
                "Thông báo kết luận chưa được ban hành; hãy ban hành trước khi chuyển giai đoạn."
            }
        }
    }
}

impl CampaignStage {
    /// The stages a campaign may move to from this one: the next in the cycle, and back to
    /// collecting while answers are prepared (the deadline was extended).
    pub fn moves(self) -> &'static [CampaignStage] {
        match self {
            CampaignStage::Planning => &[CampaignStage::Collecting],
            CampaignStage::Collecting => &[CampaignStage::Answering],
            CampaignStage::Answering => &[CampaignStage::Conference, CampaignStage::Collecting],
            CampaignStage::Conference => &[CampaignStage::Concluded],
            CampaignStage::Concluded => &[CampaignStage::FollowingUp],
            CampaignStage::FollowingUp => &[CampaignStage::Closed],
            CampaignStage::Closed => &[],
        }
    }

    /// The button that moves a campaign into this stage.
    pub fn move_label(self, from: CampaignStage) -> &'static str {
        match (from, self) {
            (CampaignStage::Answering, CampaignStage::Collecting) => "Mở lại thu phiếu",
            (_, CampaignStage::Planning) => "Trở lại lập kế hoạch",
            (_, CampaignStage::Collecting) => "Bắt đầu thu phiếu",
            (_, CampaignStage::Answering) => "Kết thúc thu phiếu",
            (_, CampaignStage::Conference) => "Ghi nhận đã tổ chức hội nghị",
            (_, CampaignStage::Concluded) => "Ghi nhận đã ban hành kết luận",
            (_, CampaignStage::FollowingUp) => "Bắt đầu theo dõi, đôn đốc",
            (_, CampaignStage::Closed) => "Kết thúc đợt đối thoại",
        }
    }

    /// Checks a move from this stage to `to`.
    pub fn check_move(self, to: CampaignStage, facts: &StageFacts) -> Result<(), StageRefusal> {
        if !self.moves().contains(&to) {
            return Err(StageRefusal::NotAllowed);
        }
        match to {
            CampaignStage::Collecting => {
                if !facts.has_groups {
                    return Err(StageRefusal::NoGroups);
                }
                if !facts.has_topics {
                    return Err(StageRefusal::NoTopics);
                }
                if facts.collection_deadline.is_none_or(|d| d < facts.today) {
                    return Err(StageRefusal::NoCollectionDeadline);
                }
            }
            CampaignStage::Conference => {
                if facts.conference_date.is_none_or(|d| d > facts.today) {
                    return Err(StageRefusal::ConferenceNotHeld);
                }
            }
            CampaignStage::Concluded => {
                if !facts.notice_issued {
                    return Err(StageRefusal::NoticeNotIssued);
                }
            }
            CampaignStage::Closed => {
                if facts.open_assignments > 0 || facts.open_items > 0 {
                    return Err(StageRefusal::OpenAssignments);
                }
            }
            CampaignStage::Planning | CampaignStage::Answering | CampaignStage::FollowingUp => {}
        }
        Ok(())
    }
}

/// Longest campaign title.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest working-day length a campaign may set.
pub const MAX_RULE_DAYS: u32 = 60;

/// A plan as ward staff may save it, or why not (Vietnamese).
pub fn checked_plan(
    plan: &crate::api::plan::CampaignPlan,
) -> Result<crate::api::plan::CampaignPlan, String> {
    use crate::domain::text::checked;
    let title = checked("Tên đợt đối thoại", &plan.title, MAX_TITLE_CHARS)?;
    if title.is_empty() {
        return Err("Hãy nhập tên đợt đối thoại.".into());
    }
    let place = checked("Địa điểm hội nghị", &plan.conference_place, MAX_TITLE_CHARS)?;
    let order = [
        (plan.collection_deadline, "hạn thu phiếu"),
        (plan.answers_deadline, "hạn trả lời"),
        (plan.report_deadline, "hạn báo cáo tổng hợp"),
        (plan.conference_date, "ngày hội nghị"),
    ];
    for (i, (earlier, earlier_name)) in order.iter().enumerate() {
        for (later, later_name) in &order[i + 1..] {
            if let (Some(a), Some(b)) = (earlier, later)
                && a > b
            {
                return Err(format!("Ngày {earlier_name} phải trước {later_name}."));
            }
        }
    }
    let rules = plan.rules;
    if rules.conclusion_days == 0
        || rules.conclusion_days > rules.conclusion_max_days
        || rules.conclusion_max_days > MAX_RULE_DAYS
        || rules.report_back_days == 0
        || rules.report_back_days > MAX_RULE_DAYS
    {
        return Err(format!(
            "Thời hạn theo ngày làm việc phải từ 1 đến {MAX_RULE_DAYS} ngày, và thời hạn ban hành \
             kết luận không dài hơn thời hạn tối đa."
        ));
    }
    let mut clean = plan.clone();
    clean.title = title;
    clean.conference_place = place;
    Ok(clean)
}

/// Once collection has begun, groups and topics can be added but not taken away: forms
/// already name them.
pub fn drops_targets(
    stage: CampaignStage,
    before: &crate::api::plan::CampaignPlan,
    after: &crate::api::plan::CampaignPlan,
) -> bool {
    stage != CampaignStage::Planning
        && (before
            .group_ids
            .iter()
            .any(|g| !after.group_ids.contains(g) && !after.whole_commune)
            || before
                .topic_ids
                .iter()
                .any(|t| !after.topic_ids.contains(t)))
}

/// True when collection has ended by its deadline although nobody pressed the button: the
/// deadline's day has passed in Vietnam.
pub fn collection_over(deadline: Option<NaiveDate>, today: NaiveDate) -> bool {
    deadline.is_some_and(|d| today > d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in CampaignKind::ALL {
            assert_eq!(CampaignKind::parse(k.code()), Some(k));
        }
        for s in CampaignStage::ALL {
            assert_eq!(CampaignStage::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn only_collecting_campaigns_accept_forms() {
        let open: Vec<_> = CampaignStage::ALL
            .into_iter()
            .filter(|s| s.accepts_forms())
            .collect();
        assert_eq!(open, vec![CampaignStage::Collecting]);
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    fn ready() -> StageFacts {
        StageFacts {
            has_groups: true,
            has_topics: true,
            collection_deadline: Some(day(12, 15)),
            conference_date: Some(day(12, 20)),
            open_assignments: 0,
            notice_issued: false,
            open_items: 0,
            today: day(12, 1),
        }
    }

    #[test]
    fn the_cycle_moves_one_stage_at_a_time() {
        use CampaignStage::*;
        let facts = StageFacts {
            today: day(12, 20),
            collection_deadline: Some(day(12, 25)),
            notice_issued: true,
            ..ready()
        };
        let path = [
            Planning,
            Collecting,
            Answering,
            Conference,
            Concluded,
            FollowingUp,
            Closed,
        ];
        for pair in path.windows(2) {
            assert_eq!(pair[0].check_move(pair[1], &facts), Ok(()), "{pair:?}");
        }
        assert_eq!(
            Planning.check_move(Answering, &facts),
            Err(StageRefusal::NotAllowed)
        );
        assert_eq!(
            Closed.check_move(Collecting, &facts),
            Err(StageRefusal::NotAllowed)
        );
        assert_eq!(
            Conference.check_move(Collecting, &facts),
            Err(StageRefusal::NotAllowed)
        );
        assert_eq!(Answering.check_move(Collecting, &facts), Ok(()), "reopened");
    }

    #[test]
    fn collection_opens_only_with_groups_topics_and_a_deadline_ahead() {
        use CampaignStage::*;
        let check = |facts: StageFacts| Planning.check_move(Collecting, &facts);
        assert_eq!(check(ready()), Ok(()));
        let no_groups = StageFacts {
            has_groups: false,
            ..ready()
        };
        assert_eq!(check(no_groups), Err(StageRefusal::NoGroups));
        let no_topics = StageFacts {
            has_topics: false,
            ..ready()
        };
        assert_eq!(check(no_topics), Err(StageRefusal::NoTopics));
        let passed = StageFacts {
            today: day(12, 16),
            ..ready()
        };
        assert_eq!(check(passed), Err(StageRefusal::NoCollectionDeadline));
        let none = StageFacts {
            collection_deadline: None,
            ..ready()
        };
        assert_eq!(check(none), Err(StageRefusal::NoCollectionDeadline));
        let last_day = StageFacts {
            today: day(12, 15),
            ..ready()
        };
        assert_eq!(check(last_day), Ok(()));
    }

    #[test]
    fn the_conference_must_have_happened_and_every_item_be_done_to_close() {
        use CampaignStage::*;
        assert_eq!(
            Answering.check_move(Conference, &ready()),
            Err(StageRefusal::ConferenceNotHeld)
        );
        let held = StageFacts {
            today: day(12, 20),
            ..ready()
        };
        assert_eq!(Answering.check_move(Conference, &held), Ok(()));
        let open = StageFacts {
            open_assignments: 2,
            ..ready()
        };
        assert_eq!(
            Concluded.check_move(Closed, &open),
            Err(StageRefusal::NotAllowed)
        );
        assert_eq!(
            FollowingUp.check_move(Closed, &open),
            Err(StageRefusal::OpenAssignments)
        );
        let report_owed = StageFacts {
            open_items: 1,
            ..ready()
        };
        assert_eq!(
            FollowingUp.check_move(Closed, &report_owed),
            Err(StageRefusal::OpenAssignments)
        );
        assert_eq!(
            Conference.check_move(Concluded, &ready()),
            Err(StageRefusal::NoticeNotIssued)
        );
        let issued = StageFacts {
            notice_issued: true,
            ..ready()
        };
        assert_eq!(Conference.check_move(Concluded, &issued), Ok(()));
    }

    #[test]
    fn collection_is_over_the_day_after_its_deadline() {
        assert!(!collection_over(Some(day(12, 15)), day(12, 15)));
        assert!(collection_over(Some(day(12, 15)), day(12, 16)));
        assert!(!collection_over(None, day(12, 16)));
    }

    #[test]
    fn default_deadlines_are_seed_004s() {
        let rules = DeadlineRules::default();
        assert_eq!(
            (
                rules.conclusion_days,
                rules.conclusion_max_days,
                rules.report_back_days
            ),
            (10, 15, 7)
        );
    }
}
