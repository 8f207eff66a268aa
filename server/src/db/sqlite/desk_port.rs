//! [`DeskStore`] for SQLite: each method hands over to the module that owns the queries.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use futures::stream::BoxStream;
use uuid::Uuid;

use app::domain::pivot::PivotTable;
use app::domain::triage::IntakeFilter;
use app::ports::StoreError;
use app::ports::desk::{Decided, DeskStore, ExportOpinion, HeldForm};
use app::server_fns::conflicts::ConflictCard;
use app::server_fns::desk::{Classification, DeskReference, IssueCard, MergeTarget, OpinionRow};
use app::server_fns::issues::{AnswerDraft, IssueDetail, IssueEdit};
use app::server_fns::report::ReportData;

use super::{SqliteStore, conflicts, desk, issues, report};

#[async_trait]
impl DeskStore for SqliteStore {
    async fn desk_reference(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Option<DeskReference>, StoreError> {
        desk::desk_reference(self.pool(), commune_id, campaign_id).await
    }

    async fn intake_page(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        filter: &IntakeFilter,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<OpinionRow>, i64), StoreError> {
        desk::intake_page(self.pool(), commune_id, campaign_id, filter, offset, limit).await
    }

    async fn opinion_rows(
        &self,
        commune_id: Uuid,
        ids: &[Uuid],
    ) -> Result<Vec<OpinionRow>, StoreError> {
        desk::opinion_rows(self.pool(), commune_id, ids).await
    }

    async fn classify(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        ids: &[Uuid],
        change: &Classification,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<u32> {
        desk::classify(
            self.pool(),
            commune_id,
            campaign_id,
            ids,
            change,
            actor,
            now,
        )
        .await
    }

    async fn similarity_candidates(
        &self,
        commune_id: Uuid,
        opinion_id: Uuid,
    ) -> Result<Option<(String, Vec<(Uuid, String)>)>, StoreError> {
        desk::similarity_candidates(self.pool(), commune_id, opinion_id).await
    }

    async fn merge(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        ids: &[Uuid],
        target: &MergeTarget,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<Uuid> {
        issues::merge(
            self.pool(),
            commune_id,
            campaign_id,
            ids,
            target,
            actor,
            now,
        )
        .await
    }

    async fn unmerge(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        ids: &[Uuid],
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        issues::unmerge(self.pool(), commune_id, issue_id, ids, actor, now).await
    }

    async fn campaign_issues(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Vec<IssueCard>, StoreError> {
        issues::campaign_issues(self.pool(), commune_id, campaign_id).await
    }

    async fn pivot(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        filter: &IntakeFilter,
    ) -> Result<Option<PivotTable>, StoreError> {
        desk::pivot(self.pool(), commune_id, campaign_id, filter).await
    }

    async fn issue_detail(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
    ) -> Result<Option<IssueDetail>, StoreError> {
        issues::issue_detail(self.pool(), commune_id, issue_id).await
    }

    async fn issue_answers_deadline(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
    ) -> Result<Option<Option<NaiveDate>>, StoreError> {
        issues::issue_answers_deadline(self.pool(), commune_id, issue_id).await
    }

    async fn update_issue(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        edit: &IssueEdit,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        issues::update_issue(self.pool(), commune_id, issue_id, edit, actor, now).await
    }

    async fn assign(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        department_id: Uuid,
        due_date: NaiveDate,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        issues::assign(
            self.pool(),
            commune_id,
            issue_id,
            department_id,
            due_date,
            actor,
            now,
        )
        .await
    }

    async fn save_answer(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        department_id: Uuid,
        draft: &AnswerDraft,
        submit: bool,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        issues::save_answer(
            self.pool(),
            commune_id,
            issue_id,
            department_id,
            draft,
            submit,
            actor,
            now,
        )
        .await
    }

    async fn review_answer(
        &self,
        commune_id: Uuid,
        issue_id: Uuid,
        approve: bool,
        comment: &str,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        issues::review_answer(
            self.pool(),
            commune_id,
            issue_id,
            approve,
            comment,
            actor,
            now,
        )
        .await
    }

    async fn form_conflicts(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Vec<ConflictCard>, StoreError> {
        conflicts::form_conflicts(self.pool(), commune_id, campaign_id).await
    }

    async fn held_form(
        &self,
        commune_id: Uuid,
        conflict_id: i64,
    ) -> Result<Option<HeldForm>, StoreError> {
        conflicts::held_form(self.pool(), commune_id, conflict_id).await
    }

    async fn close_conflict(
        &self,
        commune_id: Uuid,
        conflict_id: i64,
        used_held: bool,
        actor: Uuid,
        now: DateTime<Utc>,
    ) -> Decided<()> {
        conflicts::close_conflict(self.pool(), commune_id, conflict_id, used_held, actor, now).await
    }

    async fn report(
        &self,
        commune_id: Uuid,
        campaign_id: Uuid,
        date: NaiveDate,
    ) -> Result<Option<ReportData>, StoreError> {
        report::report(self.pool(), commune_id, campaign_id, date).await
    }

    fn export_opinions<'a>(
        &'a self,
        commune_id: Uuid,
        campaign_id: Uuid,
        filter: &'a IntakeFilter,
        personal: bool,
    ) -> BoxStream<'a, Result<ExportOpinion, StoreError>> {
        desk::export_opinions(self.pool(), commune_id, campaign_id, filter, personal)
    }
}
