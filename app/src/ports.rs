//! The storage ports: what the application needs from a database, one trait per noun of the
//! product (sessions, forms, opinions, issues…). They speak domain and wire types only; the
//! server crate implements every one of them per backend (SQLite, PostgreSQL) and provides the
//! whole [`Store`] through Leptos context, so server functions never see SQL.

pub mod audit;
pub mod campaigns;
pub mod conclusions;
pub mod conference;
pub mod conference_record;
pub mod directory;
pub mod forms;
pub mod import;
pub mod issues;
pub mod opinions;
pub mod personal_data;
pub mod public;
pub mod publishing;
pub mod reports;
pub mod sessions;
pub mod statistics;
pub mod supervision;
pub mod users;

use std::sync::Arc;

pub use audit::{AuditEntry, AuditLog, AuthEntryExt};
pub use campaigns::{Campaigns, StageMove};
pub use conclusions::{Acting, Conclusions, Review, Ruled};
pub use conference::Conference;
pub use conference_record::ConferenceRecords;
pub use directory::Directory;
pub use forms::{Forms, HeldForm};
pub use import::Import;
pub use issues::Issues;
pub use opinions::{ExportOpinion, Opinions};
pub use personal_data::{Erasure, PersonalData};
pub use public::Public;
pub use publishing::{Publishing, Selection};
pub use reports::Reports;
pub use sessions::{Credentials, FailedLogins, LoginAttemptId, LoginOutcome, Sessions};
pub use statistics::Statistics;
pub use supervision::Supervision;
pub use users::Users;

use crate::error::AppError;

/// A storage failure. The cause is kept for the log; people see a generic message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist (or is not the caller's commune's).
    #[error("not found")]
    NotFound,
    /// A write lost a race or broke a uniqueness rule: worth retrying or reporting as taken.
    #[error("conflicting write: {0}")]
    Conflict(String),
    /// The database failed.
    #[error("storage failure: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// Wraps a backend's error, keeping it as the cause.
    pub fn backend(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
        StoreError::Backend(Box::new(error))
    }

    /// A backend failure described in words (a broken invariant, a value that cannot be read).
    pub fn broken(message: impl Into<String>) -> StoreError {
        StoreError::Backend(message.into().into())
    }
}

/// Why the store refused a desk change; the message goes to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskRefusal {
    /// An id is unknown, of another commune or of another campaign.
    NotFound,
    /// An opinion already belongs to another issue.
    InAnotherIssue,
    /// An out-of-scope opinion cannot join an issue.
    OutOfScope,
    /// The topic is not one of the campaign's.
    TopicNotInCampaign,
    /// The department is not one of the commune's.
    UnknownDepartment,
    /// Taking these opinions out would leave an issue that already has an answer empty.
    IssueHasAnswer,
    /// The issue is not assigned to the caller's department.
    NotAssignedToYou,
    /// The answer is with the reviewer or approved and cannot be edited now.
    AnswerLocked,
    /// There is no submitted answer to review.
    NothingToReview,
    /// An opinion merged into an issue cannot be marked out of scope.
    MergedOpinion,
    /// The answer is with the reviewer or approved: another department could never answer.
    AnsweredElsewhere,
}

impl DeskRefusal {
    /// Vietnamese explanation.
    pub fn message(self) -> &'static str {
        match self {
            DeskRefusal::NotFound => "Không tìm thấy dữ liệu được yêu cầu.",
            DeskRefusal::InAnotherIssue => {
                "Có ý kiến đã thuộc một vấn đề khác. Hãy tách ý kiến đó ra trước."
            }
            DeskRefusal::OutOfScope => {
                "Có ý kiến đang ở trạng thái ngoài phạm vi; không thể tổng hợp vào vấn đề."
            }
            DeskRefusal::TopicNotInCampaign => "Nhóm nội dung không thuộc đợt đối thoại này.",
            DeskRefusal::UnknownDepartment => "Cơ quan, đơn vị không thuộc xã, phường.",
            DeskRefusal::IssueHasAnswer => {
                "Vấn đề đã có nội dung trả lời; phải giữ lại ít nhất một ý kiến."
            }
            DeskRefusal::NotAssignedToYou => "Vấn đề này không được giao cho đơn vị của bạn.",
            DeskRefusal::AnswerLocked => {
                "Nội dung trả lời đang chờ phê duyệt hoặc đã được phê duyệt; không thể sửa."
            }
            DeskRefusal::NothingToReview => "Không có nội dung trả lời nào đang chờ phê duyệt.",
            DeskRefusal::MergedOpinion => {
                "Ý kiến đã được tổng hợp vào vấn đề; hãy tách ra trước khi chuyển ngoài phạm vi."
            }
            DeskRefusal::AnsweredElsewhere => {
                "Vấn đề đã có nội dung trả lời đang chờ phê duyệt hoặc đã được phê duyệt; \
                 không thể giao cho đơn vị khác. Chỉ có thể đổi hạn trả lời."
            }
        }
    }
}

impl From<DeskRefusal> for AppError {
    fn from(refusal: DeskRefusal) -> AppError {
        match refusal {
            DeskRefusal::NotFound => AppError::NotFound,
            DeskRefusal::NotAssignedToYou => AppError::Forbidden,
            other => AppError::Invalid(other.message().to_owned()),
        }
    }
}

impl From<crate::domain::publication::PublishRefusal> for AppError {
    fn from(refusal: crate::domain::publication::PublishRefusal) -> AppError {
        match refusal {
            crate::domain::publication::PublishRefusal::NotFound => AppError::NotFound,
            other => AppError::Invalid(other.message().to_owned()),
        }
    }
}

impl From<crate::domain::conclusion::NoticeRefusal> for AppError {
    fn from(refusal: crate::domain::conclusion::NoticeRefusal) -> AppError {
        use crate::domain::conclusion::NoticeRefusal;
        match refusal {
            NoticeRefusal::NotFound => AppError::NotFound,
            NoticeRefusal::NotYours => AppError::Forbidden,
            other => AppError::Invalid(other.message().to_owned()),
        }
    }
}

/// A storage result that may also be a refusal.
pub type Decided<T> = Result<Result<T, DeskRefusal>, StoreError>;

/// Every port at once: what a backend implements and what server functions receive.
pub trait Store:
    Sessions
    + AuditLog
    + Directory
    + Campaigns
    + Conference
    + Conclusions
    + ConferenceRecords
    + Forms
    + Opinions
    + Issues
    + Reports
    + Public
    + Publishing
    + PersonalData
    + Import
    + Users
    + Statistics
    + Supervision
    + Send
    + Sync
    + 'static
{
}

impl<T> Store for T where
    T: Sessions
        + AuditLog
        + Directory
        + Campaigns
        + Conference
        + Conclusions
        + ConferenceRecords
        + Forms
        + Opinions
        + Issues
        + Reports
        + Public
        + Publishing
        + PersonalData
        + Import
        + Users
        + Statistics
        + Supervision
        + Send
        + Sync
        + 'static
{
}

/// The store as server functions receive it from context.
pub type SharedStore = Arc<dyn Store>;
