//! What residents read (the list of communes with a public page; the pages themselves are
//! served as plain HTML by the server, no WebAssembly), what staff publish there, and how long
//! a commune keeps residents' personal data.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::ids::{CampaignId, CommuneId, IssueId};
use crate::error::AppError;

pub use crate::api::public::*;

/// Communes with a public page; open to everyone.
#[server(endpoint = "public/communes")]
pub async fn public_communes() -> Result<Vec<PublicCommune>, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller
        .store
        .public_communes()
        .await
        .map_err(|e| caller.internal("listing public communes", e))
}

/// The campaign's publishing screen: staff and the chair.
#[server(endpoint = "publish/sheet", input = Json)]
pub async fn publishing_page(campaign_id: CampaignId) -> Result<PublishingSheet, AppError> {
    use crate::domain::access;
    use crate::ports::StoreError;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PUBLISH).await?;
    let commune = caller.commune_of(&viewer)?;
    match caller.store.publishing_sheet(commune, campaign_id).await {
        Ok(sheet) => Ok(sheet),
        Err(StoreError::NotFound) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.internal("reading the publishing sheet", e)),
    }
}

/// Publishes (or withdraws) issues; `all` takes every issue that may be. Returns how many
/// changed.
#[server(endpoint = "publish/issues", input = Json)]
pub async fn publish_issues(
    campaign_id: CampaignId,
    issues: Vec<IssueId>,
    all: bool,
    published: bool,
) -> Result<usize, AppError> {
    use crate::domain::access;
    use crate::ports::{Selection, StoreError};
    use crate::ssr::guard::{Caller, acting};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PUBLISH).await?;
    let commune = caller.commune_of(&viewer)?;
    if issues.len() > 5_000 {
        return Err(caller.fail(AppError::Invalid("Chọn quá nhiều vấn đề một lần.".into())));
    }
    let selection = if all {
        Selection::All
    } else {
        Selection::Issues(issues)
    };
    match caller
        .store
        .set_issues_published(commune, campaign_id, selection, published, acting(&viewer))
        .await
    {
        Ok(Ok(changed)) => Ok(changed),
        Ok(Err(refusal)) => Err(caller.fail(refusal.into())),
        Err(StoreError::NotFound) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.internal("publishing issues", e)),
    }
}

/// Publishes (or withdraws) the campaign's issued conclusion notice.
#[server(endpoint = "publish/notice", input = Json)]
pub async fn publish_notice(campaign_id: CampaignId, published: bool) -> Result<bool, AppError> {
    use crate::domain::access;
    use crate::ports::StoreError;
    use crate::ssr::guard::{Caller, acting};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PUBLISH).await?;
    let commune = caller.commune_of(&viewer)?;
    match caller
        .store
        .set_notice_published(commune, campaign_id, published, acting(&viewer))
        .await
    {
        Ok(Ok(changed)) => Ok(changed),
        Ok(Err(refusal)) => Err(caller.fail(refusal.into())),
        Err(StoreError::NotFound) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.internal("publishing the notice", e)),
    }
}

/// Days a commune keeps residents' personal data after a campaign closes: the administrator.
#[server(endpoint = "admin/retention", input = Json)]
pub async fn retention_days(commune_id: CommuneId) -> Result<i64, AppError> {
    use crate::domain::access;
    use crate::ports::StoreError;
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller.require(access::ADMINISTER).await?;
    match caller.store.retention_days(commune_id).await {
        Ok(days) => Ok(days),
        Err(StoreError::NotFound) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.internal("reading the retention period", e)),
    }
}

/// Sets the retention period (audited).
#[server(endpoint = "admin/retention/set", input = Json)]
pub async fn set_retention_days(commune_id: CommuneId, days: i64) -> Result<(), AppError> {
    use crate::domain::access;
    use crate::domain::personal_data::checked_retention;
    use crate::ports::StoreError;
    use crate::ssr::guard::{Caller, acting};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::ADMINISTER).await?;
    let days = checked_retention(days).map_err(|m| caller.fail(AppError::Invalid(m)))?;
    match caller
        .store
        .set_retention_days(commune_id, days, acting(&viewer))
        .await
    {
        Ok(()) => Ok(()),
        Err(StoreError::NotFound) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.internal("setting the retention period", e)),
    }
}

/// Erases one form's personal data at the resident's request, found by its receipt code in
/// any spelling: staff and the chair, who handle personal data.
#[server(endpoint = "personal_data/erase_form", input = Json)]
pub async fn erase_form_personal_data(
    receipt_code: String,
) -> Result<crate::domain::personal_data::Erased, AppError> {
    use crate::domain::access;
    use crate::domain::receipt::ReceiptCode;
    use crate::ssr::guard::{Caller, acting};

    let caller = Caller::from_context()?;
    let viewer = caller.require(access::PERSONAL_DATA).await?;
    let commune = caller.commune_of(&viewer)?;
    let Some(code) = ReceiptCode::parse(&receipt_code) else {
        let message = "Mã tra cứu gồm 8 ký tự chữ và số, dạng XXXX-XXXX.".to_owned();
        return Err(caller.fail(AppError::Invalid(message)));
    };
    caller
        .store
        .erase_form_personal_data(commune, &code, acting(&viewer))
        .await
        .map_err(|e| caller.internal("erasing a form's personal data", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}
