//! Classification vocabulary (phân loại): urgency, authority, where an opinion stands, and the
//! intake filter shared by the list, the pivot and the exports so their figures always agree.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::respondent::RespondentKind;

/// Mức độ cấp thiết.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Urgency {
    /// Khẩn.
    Khan,
    /// Cao.
    Cao,
    /// Bình thường.
    BinhThuong,
}

impl Urgency {
    /// Every level, most urgent first.
    pub const ALL: [Urgency; 3] = [Urgency::Khan, Urgency::Cao, Urgency::BinhThuong];

    /// Database and URL code.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Khan => "khan",
            Urgency::Cao => "cao",
            Urgency::BinhThuong => "binh_thuong",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "Khẩn",
            Urgency::Cao => "Cao",
            Urgency::BinhThuong => "Bình thường",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|u| u.code() == code)
    }
}

/// Who can settle an opinion: the commune, or a higher level it must be forwarded to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Authority {
    /// Thuộc thẩm quyền của xã, phường.
    Commune,
    /// Kiến nghị cấp trên.
    Higher,
}

impl Authority {
    /// Both choices.
    pub const ALL: [Authority; 2] = [Authority::Commune, Authority::Higher];

    /// Database and URL code.
    pub fn code(self) -> &'static str {
        match self {
            Authority::Commune => "commune",
            Authority::Higher => "higher",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Authority::Commune => "Thẩm quyền của xã",
            Authority::Higher => "Kiến nghị cấp trên",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Authority> {
        Authority::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// An opinion's stored status, by its stable database code. Membership of an issue is kept
/// apart (the issue link), see [`OpinionState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpinionStatus {
    /// Not yet classified by staff.
    New,
    /// Classified by staff.
    Classified,
    /// Outside the dialogue (complaints, denunciations…).
    OutOfScope,
}

impl OpinionStatus {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            OpinionStatus::New => "new",
            OpinionStatus::Classified => "classified",
            OpinionStatus::OutOfScope => "out_of_scope",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<OpinionStatus> {
        [
            OpinionStatus::New,
            OpinionStatus::Classified,
            OpinionStatus::OutOfScope,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// Where an opinion stands in the intake. "In an issue" wins over the stored status, so each
/// opinion is in exactly one state and the state counts add up to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpinionState {
    /// Chưa phân loại.
    New,
    /// Đã phân loại, chưa tổng hợp vào vấn đề.
    Classified,
    /// Đã tổng hợp vào một vấn đề.
    InIssue,
    /// Ngoài phạm vi đối thoại (đơn thư khiếu nại, tố cáo…).
    OutOfScope,
}

impl OpinionState {
    /// Every state in intake order.
    pub const ALL: [OpinionState; 4] = [
        OpinionState::New,
        OpinionState::Classified,
        OpinionState::InIssue,
        OpinionState::OutOfScope,
    ];

    /// URL code.
    pub fn code(self) -> &'static str {
        match self {
            OpinionState::New => "moi",
            OpinionState::Classified => "da-phan-loai",
            OpinionState::InIssue => "da-tong-hop",
            OpinionState::OutOfScope => "ngoai-pham-vi",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            OpinionState::New => "Chưa phân loại",
            OpinionState::Classified => "Đã phân loại",
            OpinionState::InIssue => "Đã tổng hợp",
            OpinionState::OutOfScope => "Ngoài phạm vi",
        }
    }

    /// Parses a URL code.
    pub fn from_code(code: &str) -> Option<OpinionState> {
        OpinionState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The state of an opinion from its stored status and issue.
    pub fn of(status: &str, in_issue: bool) -> OpinionState {
        match (status, in_issue) {
            (_, true) => OpinionState::InIssue,
            ("out_of_scope", false) => OpinionState::OutOfScope,
            ("classified", false) => OpinionState::Classified,
            _ => OpinionState::New,
        }
    }
}

/// What the intake list, the pivot and the exports are narrowed to. Empty fields match all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeFilter {
    /// Thôn / tổ dân phố.
    pub group_id: Option<Uuid>,
    /// Nhóm nội dung.
    pub topic_id: Option<Uuid>,
    /// Where the opinion stands.
    pub state: Option<OpinionState>,
    /// Urgency set by staff.
    pub urgency: Option<Urgency>,
    /// Respondent kind.
    pub kind: Option<RespondentKind>,
    /// Free text, matched without diacritics.
    pub text: String,
}

impl IntakeFilter {
    /// The text as the search key ("Đường" → "duong"); empty when there is nothing to search.
    pub fn folded_text(&self) -> String {
        super::text::fold(self.text.trim())
    }

    /// The search text as a LIKE pattern over the folded text, its own `%`, `_` and `\\`
    /// escaped (with `escape '\\'`); `None` without search text.
    pub fn like_pattern(&self) -> Option<String> {
        let folded = self.folded_text();
        if folded.is_empty() {
            return None;
        }
        let mut pattern = String::with_capacity(folded.len() + 2);
        pattern.push('%');
        for ch in folded.chars() {
            if matches!(ch, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(ch);
        }
        pattern.push('%');
        Some(pattern)
    }

    /// True when nothing narrows the campaign: the pivot can then read the counts kept for it.
    pub fn is_whole_campaign(&self) -> bool {
        self.group_id.is_none()
            && self.topic_id.is_none()
            && self.state.is_none()
            && self.urgency.is_none()
            && self.kind.is_none()
            && self.folded_text().is_empty()
    }

    /// True when the search can use a trigram index: at least three characters once folded
    /// and none of LIKE's own symbols (the pattern then needs no escaping).
    pub fn indexable_search(&self) -> bool {
        let folded = self.folded_text();
        folded.chars().count() >= 3 && !folded.contains(['%', '_', '\\'])
    }

    /// Query-string pairs, so a filtered list or a pivot cell is a link that can be shared.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(id) = self.group_id {
            pairs.push(("thon", id.to_string()));
        }
        if let Some(id) = self.topic_id {
            pairs.push(("nhom", id.to_string()));
        }
        if let Some(state) = self.state {
            pairs.push(("tinh-trang", state.code().to_owned()));
        }
        if let Some(urgency) = self.urgency {
            pairs.push(("muc-do", urgency.code().to_owned()));
        }
        if let Some(kind) = self.kind {
            pairs.push(("doi-tuong", kind.code().to_owned()));
        }
        if !self.text.trim().is_empty() {
            pairs.push(("tim", self.text.trim().to_owned()));
        }
        pairs
    }

    /// Reads the pairs of [`IntakeFilter::to_query`]; unknown or malformed values are ignored
    /// rather than refused, since links get typed and truncated.
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> IntakeFilter {
        let id = |key: &str| get(key).and_then(|v| Uuid::parse_str(v).ok());
        IntakeFilter {
            group_id: id("thon"),
            topic_id: id("nhom"),
            state: get("tinh-trang").and_then(OpinionState::from_code),
            urgency: get("muc-do").and_then(Urgency::from_code),
            kind: get("doi-tuong").and_then(RespondentKind::parse),
            text: get("tim").unwrap_or_default().to_owned(),
        }
    }
}

/// The longest text search accepted; longer input is cut, not refused.
pub const MAX_SEARCH_CHARS: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opinion_in_an_issue_counts_only_as_merged() {
        assert_eq!(OpinionState::of("classified", true), OpinionState::InIssue);
        assert_eq!(
            OpinionState::of("out_of_scope", false),
            OpinionState::OutOfScope
        );
        assert_eq!(OpinionState::of("new", false), OpinionState::New);
        assert_eq!(
            OpinionState::of("classified", false),
            OpinionState::Classified
        );
    }

    #[test]
    fn a_filter_survives_its_query_string() {
        let filter = IntakeFilter {
            group_id: Some(Uuid::now_v7()),
            topic_id: Some(Uuid::now_v7()),
            state: Some(OpinionState::OutOfScope),
            urgency: Some(Urgency::Khan),
            kind: Some(RespondentKind::ALL[0]),
            text: "đường".into(),
        };
        let pairs = filter.to_query();
        let back = IntakeFilter::from_query(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str())
        });
        assert_eq!(back, filter);
    }

    #[test]
    fn malformed_query_values_are_ignored() {
        let back = IntakeFilter::from_query(|key| match key {
            "thon" => Some("not-a-uuid"),
            "muc-do" => Some("rat-khan"),
            _ => None,
        });
        assert_eq!(back, IntakeFilter::default());
    }

    #[test]
    fn search_text_is_folded() {
        let filter = IntakeFilter {
            text: "  ĐƯỜNG Liên thôn ".into(),
            ..IntakeFilter::default()
        };
        assert_eq!(filter.folded_text(), "duong lien thon");
    }

    #[test]
    fn like_wildcards_in_search_text_are_literal() {
        let filter = IntakeFilter {
            text: "100% đúng_hạn".into(),
            ..IntakeFilter::default()
        };
        assert_eq!(
            filter.like_pattern().as_deref(),
            Some("%100\\% dung\\_han%")
        );
        assert_eq!(IntakeFilter::default().like_pattern(), None);
        assert!(
            !filter.indexable_search(),
            "wildcards need the escaping scan"
        );
    }

    #[test]
    fn only_three_folded_characters_or_more_use_the_trigram_index() {
        let search = |text: &str| IntakeFilter {
            text: text.into(),
            ..IntakeFilter::default()
        };
        assert!(search("đèn").indexable_search());
        assert!(!search(" Đê ").indexable_search());
        assert!(!search("").indexable_search());
    }

    #[test]
    fn codes_round_trip() {
        for u in Urgency::ALL {
            assert_eq!(Urgency::from_code(u.code()), Some(u));
        }
        for a in Authority::ALL {
            assert_eq!(Authority::from_code(a.code()), Some(a));
        }
        for s in OpinionState::ALL {
            assert_eq!(OpinionState::from_code(s.code()), Some(s));
        }
    }
}
