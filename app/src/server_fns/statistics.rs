//! Periodic statistics (báo cáo định kỳ 6 tháng, năm) for staff, the chair and MTTQ.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;

pub use crate::api::statistics::*;

/// The statistics of a half year (`half` 1 or 2) or a whole year.
#[server(endpoint = "stats/period", input = Json)]
pub async fn statistics_of_period(year: i32, half: Option<u8>) -> Result<PeriodReport, AppError> {
    use chrono::Utc;

    use crate::domain::access;
    use crate::domain::today_in_vietnam;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::READ_DESK).await?;
    let commune = caller.commune_of(&viewer)?;
    let period = Period { year, half };
    let (from, to) = period
        .bounds()
        .ok_or_else(|| caller.fail(AppError::Invalid("Kỳ báo cáo không hợp lệ.".to_owned())))?;
    let facts = caller
        .store
        .period_facts(commune, from, to)
        .await
        .map_err(|e| caller.internal("counting the period", e))?;
    let name = viewer.commune_name.clone().unwrap_or_default();
    Ok(crate::domain::statistics::report_of(
        period,
        name,
        facts,
        today_in_vietnam(Utc::now()),
    ))
}
