//! The conclusion notice and its report-backs. The rules are the domain's
//! (`domain::conclusion`); a backend reads the facts and writes in one transaction, so two
//! people acting at once cannot both win.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreError;
use crate::api::conclusion::{NoticeDraft, NoticeRecord, OpenItem};
use crate::domain::calendar::WorkCalendar;
use crate::domain::conclusion::NoticeRefusal;
use crate::domain::ids::{
    CampaignId, CommuneId, ConclusionId, ConclusionItemId, DepartmentId, UserId,
};

/// A storage result that may also be a refusal by the notice's rules.
pub type Ruled<T> = Result<Result<T, NoticeRefusal>, StoreError>;

/// Who acts, and when (Vietnam's today for the rules, the instant for the records).
#[derive(Debug, Clone, Copy)]
pub struct Acting {
    /// The user.
    pub actor: UserId,
    /// Today in Vietnam.
    pub today: NaiveDate,
    /// Now.
    pub now: DateTime<Utc>,
}

/// How staff answer a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// The item is done.
    Accept(String),
    /// Back to the body, with what is missing.
    Return(String),
}

/// The conclusion notices of a commune. Every method takes the commune from the caller's
/// session and audits what it changes.
#[async_trait]
pub trait Conclusions: Send + Sync {
    /// The campaign's notice page; `None` when the campaign is not the commune's.
    async fn notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
    ) -> Result<Option<NoticeRecord>, StoreError>;
    /// Saves the draft (the first version, or over a draft or approval, which then lapses).
    /// `version` is the version the screen showed (0 for none), to refuse a stale screen.
    async fn save_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        draft: &NoticeDraft,
        acting: Acting,
    ) -> Ruled<ConclusionId>;
    /// The chair approves the newest draft.
    async fn approve_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        acting: Acting,
    ) -> Ruled<()>;
    /// The chair issues the approved notice with its number and date; assigned items get their
    /// report-back deadline from `calendar`, counted from `issued_on`. A correction supersedes
    /// the version it corrects.
    async fn issue_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        number_and_date: (&str, NaiveDate),
        calendar: &WorkCalendar,
        acting: Acting,
    ) -> Ruled<()>;
    /// Starts a correction: a new draft copying the issued notice, its reports included.
    async fn correct_notice(
        &self,
        commune_id: CommuneId,
        campaign_id: CampaignId,
        version: i64,
        acting: Acting,
    ) -> Ruled<ConclusionId>;
    /// A department reports the result of an item assigned to it: what was done, what backs it
    /// up (as text), and the day it was done.
    async fn report_item(
        &self,
        commune_id: CommuneId,
        department_id: DepartmentId,
        item_id: ConclusionItemId,
        report: (&str, &str, NaiveDate),
        acting: Acting,
    ) -> Ruled<()>;
    /// Staff accept a report or send it back.
    async fn review_item(
        &self,
        commune_id: CommuneId,
        item_id: ConclusionItemId,
        review: &Review,
        acting: Acting,
    ) -> Ruled<()>;
    /// Assigned items of issued notices not accepted yet, across the commune's campaigns
    /// (one department's when `department_id` is given), earliest due first.
    async fn open_items(
        &self,
        commune_id: CommuneId,
        department_id: Option<DepartmentId>,
    ) -> Result<Vec<OpenItem>, StoreError>;
}
