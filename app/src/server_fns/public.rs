//! The public page (công khai): published answers, no account, no personal data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A commune that has a public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCommune {
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Issues with a published answer.
    pub published_issues: i64,
}

/// A published issue with its answer. Built only from staff-written text and counts: no names,
/// phones or addresses of residents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicIssue {
    /// Topic name.
    pub topic: String,
    /// Issue title.
    pub title: String,
    /// Staff summary of what was asked.
    pub summary: String,
    /// Campaign title.
    pub campaign: String,
    /// Groups the supporting opinions came from.
    pub groups: Vec<String>,
    /// Number of supporting opinions.
    pub supporters: i64,
    /// Nội dung trả lời.
    pub answer: String,
    /// Kết quả đã giải quyết hoặc hướng giải quyết.
    pub result: String,
    /// Thời gian giải quyết.
    pub resolution_time: String,
    /// Cơ quan giải quyết.
    pub resolving_body: String,
}

/// A commune's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCommunePage {
    /// Display name.
    pub name: String,
    /// Published issues, grouped by topic order.
    pub issues: Vec<PublicIssue>,
}

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

/// One commune's published issues; open to everyone.
#[server(endpoint = "public/commune_page")]
pub async fn commune_page(slug: String) -> Result<PublicCommunePage, AppError> {
    use crate::ssr::guard::Caller;

    let caller = Caller::from_context()?;
    caller
        .store
        .public_commune_page(slug.trim())
        .await
        .map_err(|e| caller.internal("reading a public page", e))?
        .ok_or_else(|| caller.fail(AppError::NotFound))
}
