//! A dialogue campaign (đợt tiếp xúc, đối thoại): its kind, its stage and its deadlines.

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
    /// The conclusion notice was issued; assigned bodies report back.
    Concluded,
    /// Everything was followed up.
    Closed,
}

impl CampaignStage {
    /// Every stage, in cycle order.
    pub const ALL: [CampaignStage; 6] = [
        CampaignStage::Planning,
        CampaignStage::Collecting,
        CampaignStage::Answering,
        CampaignStage::Conference,
        CampaignStage::Concluded,
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
