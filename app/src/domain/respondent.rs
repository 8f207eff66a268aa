//! Who answered a form (thành phần), as the plans count them.

use serde::{Deserialize, Serialize};

/// The respondent's standing, used for aggregation by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RespondentKind {
    /// Cán bộ.
    Official,
    /// Đảng viên.
    PartyMember,
    /// Đoàn viên, hội viên.
    UnionMember,
    /// Nhân dân.
    Resident,
    /// Công nhân ở trọ.
    LodgingWorker,
    /// Thanh niên.
    Youth,
}

impl RespondentKind {
    /// Every kind, in form order.
    pub const ALL: [RespondentKind; 6] = [
        RespondentKind::Resident,
        RespondentKind::PartyMember,
        RespondentKind::UnionMember,
        RespondentKind::Official,
        RespondentKind::Youth,
        RespondentKind::LodgingWorker,
    ];

    /// Stable storage code.
    pub fn code(self) -> &'static str {
        match self {
            RespondentKind::Official => "can_bo",
            RespondentKind::PartyMember => "dang_vien",
            RespondentKind::UnionMember => "doan_vien_hoi_vien",
            RespondentKind::Resident => "nhan_dan",
            RespondentKind::LodgingWorker => "cong_nhan_o_tro",
            RespondentKind::Youth => "thanh_nien",
        }
    }

    /// Parses a storage code.
    pub fn parse(code: &str) -> Option<RespondentKind> {
        RespondentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            RespondentKind::Official => "Cán bộ",
            RespondentKind::PartyMember => "Đảng viên",
            RespondentKind::UnionMember => "Đoàn viên, hội viên",
            RespondentKind::Resident => "Nhân dân",
            RespondentKind::LodgingWorker => "Công nhân ở trọ",
            RespondentKind::Youth => "Thanh niên",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for k in RespondentKind::ALL {
            assert_eq!(RespondentKind::parse(k.code()), Some(k));
            assert!(seen.insert(k.code()));
        }
    }
}
