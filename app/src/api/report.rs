//! Wire types of the campaign report: what the server functions send and receive.

use crate::api::intake::NamedCount;
use crate::api::issues::AnswerDraft;
use crate::domain::campaign::CampaignKind;
use crate::domain::pivot::Counts;
use crate::domain::triage::{Authority, Urgency};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One issue in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportIssue {
    /// Issue id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Authority.
    pub authority: Authority,
    /// Supporting opinions.
    pub opinions: i64,
    /// Distinct households.
    pub households: i64,
    /// Opinions per group, largest first.
    pub by_group: Vec<NamedCount>,
    /// Department in charge.
    pub department: Option<String>,
    /// The approved answer; drafts never reach the report.
    pub answer: Option<AnswerDraft>,
}

impl ReportIssue {
    /// "12 ý kiến, 9 hộ, 3 thôn/TDP: An Sơn (5), An Lâu (4), …"
    pub fn supporters_line(&self) -> String {
        let groups: Vec<String> = self
            .by_group
            .iter()
            .map(|g| format!("{} ({})", g.name, g.count))
            .collect();
        format!(
            "{} ý kiến, {} hộ, {} thôn/TDP: {}",
            self.opinions,
            self.households,
            self.by_group.len(),
            groups.join(", ")
        )
    }
}

/// One topic's issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTopic {
    /// Topic name.
    pub topic: String,
    /// Its issues, most supported first.
    pub issues: Vec<ReportIssue>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportData {
    /// Campaign id.
    pub campaign_id: Uuid,
    /// Campaign title.
    pub campaign_title: String,
    /// Campaign kind.
    pub kind: CampaignKind,
    /// Commune name, e.g. "Xã Bắc Thanh Miện".
    pub commune_name: String,
    /// The place name used in the date line, e.g. "Bắc Thanh Miện".
    pub place: String,
    /// The report's date (today in Vietnam).
    pub date: NaiveDate,
    /// Forms received.
    pub forms: i64,
    /// Opinions, issues and households of the campaign.
    pub totals: Counts,
    /// Opinions out of scope (redirected).
    pub out_of_scope: i64,
    /// Opinions not yet merged into an issue.
    pub unmerged: i64,
    /// Topics with issues.
    pub topics: Vec<ReportTopic>,
    /// The chair who signs, if one is recorded.
    pub signer_name: String,
}

impl ReportData {
    /// The figures of the opening paragraph, in the words of the plans.
    pub fn figures_sentence(&self) -> String {
        format!(
            "tổng số phiếu lấy ý kiến {}; tổng số ý kiến, kiến nghị {} của {} hộ; đã tổng hợp \
             thành {} vấn đề; {} ý kiến chưa tổng hợp; {} ý kiến ngoài phạm vi đối thoại (đơn thư \
             khiếu nại, tố cáo… đã hướng dẫn chuyển cơ quan có thẩm quyền).",
            self.forms,
            self.totals.opinions,
            self.totals.households,
            self.totals.issues,
            self.unmerged,
            self.out_of_scope,
        )
    }

    /// "Xã Bắc Thanh Miện" as written inside a sentence: "xã Bắc Thanh Miện".
    pub fn commune_in_sentence(&self) -> String {
        let mut words = self.commune_name.splitn(2, ' ');
        match (words.next(), words.next()) {
            (Some(rank), Some(rest)) => format!("{} {rest}", rank.to_lowercase()),
            _ => self.commune_name.clone(),
        }
    }

    /// The opening paragraph of the report.
    pub fn opening(&self) -> String {
        format!(
            "Thực hiện kế hoạch {}, Ủy ban nhân dân {} tổng hợp ý kiến, kiến nghị của Nhân dân \
             như sau: {}",
            self.campaign_title,
            self.commune_in_sentence(),
            self.figures_sentence()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(commune_name: &str) -> ReportData {
        ReportData {
            campaign_id: uuid::Uuid::nil(),
            campaign_title: "Đối thoại chuyên đề".into(),
            kind: CampaignKind::Thematic,
            commune_name: commune_name.into(),
            place: String::new(),
            date: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
            forms: 62,
            totals: Counts {
                opinions: 131,
                issues: 9,
                households: 62,
            },
            out_of_scope: 0,
            unmerged: 86,
            topics: Vec::new(),
            signer_name: String::new(),
        }
    }

    #[test]
    fn the_commune_keeps_its_capitals_inside_a_sentence() {
        assert_eq!(
            report("Xã Bắc Thanh Miện").commune_in_sentence(),
            "xã Bắc Thanh Miện"
        );
        assert_eq!(
            report("Phường Kinh Môn").commune_in_sentence(),
            "phường Kinh Môn"
        );
        let opening = report("Xã Bắc Thanh Miện").opening();
        assert!(opening.contains("Ủy ban nhân dân xã Bắc Thanh Miện tổng hợp"));
        assert!(opening.contains("tổng số ý kiến, kiến nghị 131 của 62 hộ"));
    }
}
