//! The summary report (Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân và nội dung trả lời):
//! issues grouped by topic with their supporters by group and the approved answer. The print
//! page and the DOCX, XLSX and CSV downloads are all made from this one structure.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;

use crate::domain::ids::CampaignId;

pub use crate::api::report::*;

/// The report of a campaign (staff, chair, supervisors).
#[server(endpoint = "report/campaign", input = Json)]
pub async fn campaign_report(campaign_id: CampaignId) -> Result<ReportData, AppError> {
    use crate::domain::access;
    use crate::domain::today_in_vietnam;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    caller
        .store
        .report(
            caller.commune_of(&viewer)?,
            campaign_id,
            today_in_vietnam(chrono::Utc::now()),
        )
        .await
        .map_err(|e| caller.internal("building the report", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}
