//! Wire types of the periodic statistics (báo cáo định kỳ 6 tháng, năm). Counts only: nothing
//! personal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::campaign::CampaignKind;
use crate::domain::conclusion::Disposition;
pub use crate::domain::statistics::Period;

/// Opinions and issues of one topic or group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatRow {
    /// Topic or group name.
    pub name: String,
    /// Opinions.
    pub opinions: i64,
    /// Distinct issues they were merged into.
    pub issues: i64,
}

/// What the store counts for a period: campaigns whose conference was held in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFacts {
    /// Dialogues held, by kind.
    pub held: Vec<(CampaignKind, i64)>,
    /// Opinions of those campaigns.
    pub opinions: i64,
    /// …of which first raised at the conference.
    pub from_conference: i64,
    /// Issues.
    pub issues: i64,
    /// Items of the issued conclusion notices, by disposition.
    pub dispositions: Vec<(Disposition, i64)>,
    /// Assigned items whose report-back was accepted.
    pub accepted: i64,
    /// Every assigned item of an issued notice: (due day, day the body reported), for the
    /// on-time rate.
    pub reports: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// By topic.
    pub by_topic: Vec<StatRow>,
    /// By thôn / tổ dân phố.
    pub by_group: Vec<StatRow>,
}

/// The statistics of a period, with the rates worked out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodReport {
    /// The period.
    pub period: Period,
    /// Commune name.
    pub commune: String,
    /// The counts.
    pub facts: PeriodFacts,
    /// Issues settled: resolved in the notice, or assigned and accepted.
    pub settled: i64,
    /// Assigned items reported on time.
    pub on_time: i64,
    /// …reported late or overdue.
    pub late: i64,
    /// …not due yet.
    pub pending: i64,
    /// On-time share of settled items, percent.
    pub on_time_rate: Option<f64>,
    /// Settled share of issues, percent.
    pub settled_rate: Option<f64>,
}
