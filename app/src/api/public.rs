//! Wire types of public pages: what the server functions send and receive.

use serde::{Deserialize, Serialize};

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
