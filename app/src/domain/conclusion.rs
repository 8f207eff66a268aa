//! The conclusion notice (thông báo kết luận hội nghị đối thoại, seed 004): after the
//! conference the chair concludes on every issue — resolved, assigned to a body that must report
//! back, forwarded to a higher level, or out of scope and redirected (khiếu nại, tố cáo go to
//! their own procedure). Staff draft it, the chair approves and issues it with a number and a
//! date, and from then on it never changes: a correction is a new version that supersedes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{DepartmentId, IssueId};
use super::text::checked;

/// Longest opening paragraph or item content.
pub const MAX_CONTENT_CHARS: usize = 4_000;
/// Longest "Nơi nhận" list.
pub const MAX_RECIPIENTS_CHARS: usize = 2_000;
/// Longest name of a higher body or of where a matter is redirected.
pub const MAX_BODY_CHARS: usize = 300;
/// Longest notice number ("15/TB-UBND").
pub const MAX_NUMBER_CHARS: usize = 50;
/// Most items in one notice.
pub const MAX_ITEMS: usize = 500;

/// What the chair concluded on one issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Disposition {
    /// Answered and settled, at the conference or before it.
    Resolved,
    /// Given to a department or body, which reports the result back.
    Assigned,
    /// Beyond the commune: a recommendation to a higher level (kiến nghị cấp trên).
    Forwarded,
    /// Out of scope (khiếu nại, tố cáo…): the resident is told where to take it.
    Redirected,
}

impl Disposition {
    /// Every disposition, in the notice's order.
    pub const ALL: [Disposition; 4] = [
        Disposition::Resolved,
        Disposition::Assigned,
        Disposition::Forwarded,
        Disposition::Redirected,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Disposition::Resolved => "resolved",
            Disposition::Assigned => "assigned",
            Disposition::Forwarded => "forwarded",
            Disposition::Redirected => "redirected",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<Disposition> {
        Disposition::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Vietnamese name, as a choice on the desk.
    pub fn label(self) -> &'static str {
        match self {
            Disposition::Resolved => "Đã giải quyết",
            Disposition::Assigned => "Giao cơ quan, đơn vị giải quyết",
            Disposition::Forwarded => "Kiến nghị cấp trên",
            Disposition::Redirected => "Ngoài phạm vi, hướng dẫn nơi giải quyết",
        }
    }

    /// Heading of the notice's section for this disposition.
    pub fn heading(self) -> &'static str {
        match self {
            Disposition::Resolved => "Những nội dung đã được giải quyết",
            Disposition::Assigned => "Những nội dung giao các cơ quan, đơn vị giải quyết",
            Disposition::Forwarded => "Những nội dung kiến nghị cấp trên",
            Disposition::Redirected => {
                "Những nội dung không thuộc phạm vi đối thoại, hướng dẫn nơi giải quyết"
            }
        }
    }
}

/// Where a notice version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeState {
    /// Being prepared by staff.
    Draft,
    /// Approved by the chair, waiting for its number and date.
    Approved,
    /// Issued: number and date fixed for good.
    Issued,
    /// Replaced by a correction issued later.
    Superseded,
}

impl NoticeState {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            NoticeState::Draft => "draft",
            NoticeState::Approved => "approved",
            NoticeState::Issued => "issued",
            NoticeState::Superseded => "superseded",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<NoticeState> {
        [
            NoticeState::Draft,
            NoticeState::Approved,
            NoticeState::Issued,
            NoticeState::Superseded,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            NoticeState::Draft => "Dự thảo",
            NoticeState::Approved => "Đã phê duyệt, chờ ban hành",
            NoticeState::Issued => "Đã ban hành",
            NoticeState::Superseded => "Đã được đính chính",
        }
    }
}

/// Where an assigned item's report-back stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportState {
    /// Not an assigned item, or its notice is not issued yet.
    None,
    /// The body has not reported yet.
    Awaiting,
    /// Reported, waiting for staff to accept it.
    Reported,
    /// Accepted: the item is done.
    Accepted,
    /// Sent back to the body with a note.
    Returned,
}

impl ReportState {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            ReportState::None => "none",
            ReportState::Awaiting => "awaiting",
            ReportState::Reported => "reported",
            ReportState::Accepted => "accepted",
            ReportState::Returned => "returned",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<ReportState> {
        [
            ReportState::None,
            ReportState::Awaiting,
            ReportState::Reported,
            ReportState::Accepted,
            ReportState::Returned,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            ReportState::None => "",
            ReportState::Awaiting => "Chờ báo cáo kết quả",
            ReportState::Reported => "Đã báo cáo, chờ xem xét",
            ReportState::Accepted => "Đã hoàn thành",
            ReportState::Returned => "Trả lại, cần báo cáo lại",
        }
    }

    /// True while the body still owes a report: its clock runs.
    pub fn owes_report(self) -> bool {
        matches!(self, ReportState::Awaiting | ReportState::Returned)
    }
}

/// One disposition as staff draft it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDraft {
    /// The issue concluded on.
    pub issue_id: IssueId,
    /// What was concluded.
    pub disposition: Disposition,
    /// The conclusion's text for this issue.
    pub content: String,
    /// The body that must resolve and report (assigned items only).
    pub department_id: Option<DepartmentId>,
    /// The higher level, or where the resident is redirected.
    pub body: String,
}

/// A notice as staff draft it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDraft {
    /// Opening paragraph (when and where the conference was held, who chaired it).
    pub opening: String,
    /// "Nơi nhận", one recipient per line.
    pub recipients: String,
    /// The matters are complex: the notice may take the longer deadline.
    pub complex: bool,
    /// One disposition per issue.
    pub items: Vec<ItemDraft>,
}

/// Cleans and checks a draft: every item has content; an assigned item names its department;
/// a forwarded or redirected one says where; an issue appears once. Fields a disposition does
/// not use are cleared, so a changed choice leaves nothing stale behind.
pub fn checked_draft(draft: NoticeDraft) -> Result<NoticeDraft, String> {
    let opening = checked("Phần mở đầu", &draft.opening, MAX_CONTENT_CHARS)?;
    let recipients = checked("Nơi nhận", &draft.recipients, MAX_RECIPIENTS_CHARS)?;
    if draft.items.len() > MAX_ITEMS {
        return Err(format!(
            "Một thông báo có tối đa {MAX_ITEMS} nội dung kết luận."
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::with_capacity(draft.items.len());
    for (n, item) in draft.items.into_iter().enumerate() {
        let n = n + 1;
        if !seen.insert(item.issue_id) {
            return Err(format!("Nội dung {n}: vấn đề này đã có kết luận ở trên."));
        }
        let content = checked(&format!("Nội dung {n}"), &item.content, MAX_CONTENT_CHARS)?;
        if content.is_empty() {
            return Err(format!("Nội dung {n}: hãy ghi nội dung kết luận."));
        }
        let body = checked(
            &format!("Nội dung {n}, nơi nhận"),
            &item.body,
            MAX_BODY_CHARS,
        )?;
        let (department_id, body) = match item.disposition {
            Disposition::Assigned => match item.department_id {
                Some(d) => (Some(d), String::new()),
                None => {
                    return Err(format!(
                        "Nội dung {n}: hãy chọn cơ quan, đơn vị được giao giải quyết."
                    ));
                }
            },
            Disposition::Forwarded | Disposition::Redirected if body.is_empty() => {
                return Err(format!(
                    "Nội dung {n}: hãy ghi {}.",
                    if item.disposition == Disposition::Forwarded {
                        "cơ quan cấp trên nhận kiến nghị"
                    } else {
                        "nơi người dân cần gửi đơn"
                    }
                ));
            }
            Disposition::Forwarded | Disposition::Redirected => (None, body),
            Disposition::Resolved => (None, String::new()),
        };
        items.push(ItemDraft {
            issue_id: item.issue_id,
            disposition: item.disposition,
            content,
            department_id,
            body,
        });
    }
    Ok(NoticeDraft {
        opening,
        recipients,
        complex: draft.complex,
        items,
    })
}

/// Checks a notice number as printed ("15/TB-UBND").
pub fn checked_number(number: &str) -> Result<String, String> {
    let number = checked("Số thông báo", number, MAX_NUMBER_CHARS)?;
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return Err("Hãy ghi số thông báo, ví dụ 15/TB-UBND.".to_owned());
    }
    Ok(number)
}

/// What the store knows when a notice is about to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeFacts {
    /// The newest version's state; `None` before the first draft.
    pub state: Option<NoticeState>,
    /// The newest version's number, counted from 1 (0 before the first draft).
    pub version: i64,
    /// Items in the newest version.
    pub items: i64,
    /// Issues of the campaign.
    pub issues: i64,
    /// Day of the conference.
    pub conference_on: Option<NaiveDate>,
    /// Today in Vietnam.
    pub today: NaiveDate,
}

/// Why a notice or an item cannot change. The messages go to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeRefusal {
    /// An id is unknown or of another commune or campaign.
    NotFound,
    /// The department is not the commune's.
    UnknownDepartment,
    /// The notice was changed by someone else since the screen was loaded.
    Changed,
    /// An issued notice never changes.
    AlreadyIssued,
    /// Approval needs a disposition for every issue.
    Incomplete,
    /// Issuing needs the chair's approval first.
    NotApproved,
    /// The conference has not been held (or has no date).
    ConferenceNotHeld,
    /// The issue date is before the conference or after today.
    BadIssueDate,
    /// Only an issued notice can be corrected.
    NothingToCorrect,
    /// The item is not assigned to the caller's department.
    NotYours,
    /// The item does not wait for a report (not assigned, not issued, or accepted).
    NothingToReport,
    /// There is no report waiting for review.
    NothingToReview,
    /// A report's date is in the future.
    FutureReport,
}

impl NoticeRefusal {
    /// Vietnamese explanation with what to do.
    pub fn message(self) -> &'static str {
        match self {
            NoticeRefusal::NotFound => "Không tìm thấy dữ liệu được yêu cầu.",
            NoticeRefusal::UnknownDepartment => "Cơ quan, đơn vị không thuộc xã, phường.",
            NoticeRefusal::Changed => {
                "Thông báo vừa được người khác thay đổi. Hãy tải lại trang rồi làm lại."
            }
            NoticeRefusal::AlreadyIssued => {
                "Thông báo đã ban hành, số và ngày không thể sửa. Hãy lập bản đính chính."
            }
            NoticeRefusal::Incomplete => {
                "Mỗi vấn đề của đợt đối thoại cần có một nội dung kết luận trước khi phê duyệt."
            }
            NoticeRefusal::NotApproved => {
                "Thông báo cần được Chủ tịch phê duyệt trước khi ban hành."
            }
            NoticeRefusal::ConferenceNotHeld => {
                "Hội nghị đối thoại chưa diễn ra; chưa thể kết luận."
            }
            NoticeRefusal::BadIssueDate => "Ngày ban hành phải từ ngày hội nghị đến hôm nay.",
            NoticeRefusal::NothingToCorrect => "Chỉ đính chính được thông báo đã ban hành.",
            NoticeRefusal::NotYours => "Nội dung này không được giao cho đơn vị của bạn.",
            NoticeRefusal::NothingToReport => {
                "Nội dung này không chờ báo cáo kết quả (chưa ban hành hoặc đã hoàn thành)."
            }
            NoticeRefusal::NothingToReview => "Không có báo cáo kết quả nào đang chờ xem xét.",
            NoticeRefusal::FutureReport => "Ngày hoàn thành không được sau hôm nay.",
        }
    }
}

impl NoticeFacts {
    /// A draft may be saved (a new one, or over a draft or an approval, which then lapses).
    pub fn check_save(&self) -> Result<(), NoticeRefusal> {
        match self.state {
            Some(NoticeState::Issued | NoticeState::Superseded) => {
                Err(NoticeRefusal::AlreadyIssued)
            }
            _ if self.conference_on.is_none_or(|d| d > self.today) => {
                Err(NoticeRefusal::ConferenceNotHeld)
            }
            _ => Ok(()),
        }
    }

    /// The chair may approve a draft that concludes on every issue.
    pub fn check_approve(&self) -> Result<(), NoticeRefusal> {
        match self.state {
            Some(NoticeState::Draft) => {}
            Some(NoticeState::Issued | NoticeState::Superseded) => {
                return Err(NoticeRefusal::AlreadyIssued);
            }
            Some(NoticeState::Approved) | None => return Err(NoticeRefusal::Changed),
        }
        // A conference may raise nothing beyond the answers given: a notice of its opening alone.
        if self.items < self.issues {
            return Err(NoticeRefusal::Incomplete);
        }
        Ok(())
    }

    /// The chair may issue an approved notice dated from the conference to today.
    pub fn check_issue(&self, issued_on: NaiveDate) -> Result<(), NoticeRefusal> {
        match self.state {
            Some(NoticeState::Approved) => {}
            Some(NoticeState::Issued | NoticeState::Superseded) => {
                return Err(NoticeRefusal::AlreadyIssued);
            }
            Some(NoticeState::Draft) | None => return Err(NoticeRefusal::NotApproved),
        }
        match self.conference_on {
            Some(held) if issued_on >= held && issued_on <= self.today => Ok(()),
            Some(_) => Err(NoticeRefusal::BadIssueDate),
            None => Err(NoticeRefusal::ConferenceNotHeld),
        }
    }

    /// A correction starts from an issued notice.
    pub fn check_correct(&self) -> Result<(), NoticeRefusal> {
        match self.state {
            Some(NoticeState::Issued) => Ok(()),
            _ => Err(NoticeRefusal::NothingToCorrect),
        }
    }
}

/// A body may report while the item waits for it (again, after it was sent back).
pub fn check_report(
    state: ReportState,
    done_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), NoticeRefusal> {
    if !state.owes_report() {
        return Err(NoticeRefusal::NothingToReport);
    }
    if done_on > today {
        return Err(NoticeRefusal::FutureReport);
    }
    Ok(())
}

/// Staff review a report that waits for them.
pub fn check_review(state: ReportState) -> Result<(), NoticeRefusal> {
    if state == ReportState::Reported {
        Ok(())
    } else {
        Err(NoticeRefusal::NothingToReview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn item(disposition: Disposition) -> ItemDraft {
        ItemDraft {
            issue_id: IssueId::new(),
            disposition,
            content: " Giao Phòng Kinh tế khảo sát, sửa chữa ".to_owned(),
            department_id: Some(DepartmentId::new()),
            body: "Sở Xây dựng".to_owned(),
        }
    }

    fn facts(state: Option<NoticeState>) -> NoticeFacts {
        NoticeFacts {
            state,
            version: 1,
            items: 3,
            issues: 3,
            conference_on: Some(d(2026, 6, 12)),
            today: d(2026, 6, 20),
        }
    }

    #[test]
    fn a_draft_keeps_only_what_each_disposition_uses() {
        let draft = NoticeDraft {
            items: Disposition::ALL.into_iter().map(item).collect(),
            ..NoticeDraft::default()
        };
        let clean = checked_draft(draft).expect("valid");
        assert_eq!(
            clean.items[0].content,
            "Giao Phòng Kinh tế khảo sát, sửa chữa"
        );
        assert_eq!(
            (clean.items[0].department_id, clean.items[0].body.as_str()),
            (None, "")
        );
        assert!(clean.items[1].department_id.is_some() && clean.items[1].body.is_empty());
        assert!(clean.items[2].department_id.is_none() && clean.items[2].body == "Sở Xây dựng");
        assert!(clean.items[3].department_id.is_none() && clean.items[3].body == "Sở Xây dựng");
    }

    #[test]
    fn a_draft_needs_content_a_department_and_a_destination() {
        let mut empty = item(Disposition::Resolved);
        empty.content = "  ".to_owned();
        let mut nobody = item(Disposition::Assigned);
        nobody.department_id = None;
        let mut nowhere = item(Disposition::Forwarded);
        nowhere.body = String::new();
        for (bad, words) in [
            (empty, "nội dung kết luận"),
            (nobody, "cơ quan, đơn vị"),
            (nowhere, "cơ quan cấp trên"),
        ] {
            let err = checked_draft(NoticeDraft {
                items: vec![bad],
                ..NoticeDraft::default()
            })
            .expect_err("refused");
            assert!(err.contains(words), "{err}");
        }
        let twice = item(Disposition::Resolved);
        let err = checked_draft(NoticeDraft {
            items: vec![twice.clone(), twice],
            ..NoticeDraft::default()
        })
        .expect_err("one disposition per issue");
        assert!(err.starts_with("Nội dung 2"), "{err}");
    }

    #[test]
    fn numbers_need_a_digit() {
        assert_eq!(checked_number(" 15/TB-UBND ").as_deref(), Ok("15/TB-UBND"));
        assert!(checked_number("TB-UBND").is_err());
        assert!(checked_number("").is_err());
    }

    #[test]
    fn the_notice_goes_draft_approved_issued_and_never_back() {
        assert_eq!(facts(None).check_save(), Ok(()));
        assert_eq!(facts(Some(NoticeState::Approved)).check_save(), Ok(()));
        assert_eq!(
            facts(Some(NoticeState::Issued)).check_save(),
            Err(NoticeRefusal::AlreadyIssued)
        );
        assert_eq!(facts(Some(NoticeState::Draft)).check_approve(), Ok(()));
        assert_eq!(
            NoticeFacts {
                items: 2,
                ..facts(Some(NoticeState::Draft))
            }
            .check_approve(),
            Err(NoticeRefusal::Incomplete)
        );
        assert_eq!(
            facts(Some(NoticeState::Draft)).check_issue(d(2026, 6, 15)),
            Err(NoticeRefusal::NotApproved)
        );
        let approved = facts(Some(NoticeState::Approved));
        assert_eq!(approved.check_issue(d(2026, 6, 15)), Ok(()));
        assert_eq!(
            approved.check_issue(d(2026, 6, 11)),
            Err(NoticeRefusal::BadIssueDate),
            "before the conference"
        );
        assert_eq!(
            approved.check_issue(d(2026, 6, 21)),
            Err(NoticeRefusal::BadIssueDate),
            "after today"
        );
        assert_eq!(
            facts(Some(NoticeState::Issued)).check_issue(d(2026, 6, 15)),
            Err(NoticeRefusal::AlreadyIssued)
        );
        assert_eq!(facts(Some(NoticeState::Issued)).check_correct(), Ok(()));
        assert_eq!(
            facts(Some(NoticeState::Draft)).check_correct(),
            Err(NoticeRefusal::NothingToCorrect)
        );
    }

    #[test]
    fn no_notice_before_the_conference() {
        let early = NoticeFacts {
            conference_on: Some(d(2026, 6, 25)),
            ..facts(None)
        };
        assert_eq!(early.check_save(), Err(NoticeRefusal::ConferenceNotHeld));
    }

    #[test]
    fn reports_are_owed_until_accepted() {
        let today = d(2026, 7, 1);
        assert_eq!(check_report(ReportState::Awaiting, today, today), Ok(()));
        assert_eq!(check_report(ReportState::Returned, today, today), Ok(()));
        assert_eq!(
            check_report(ReportState::Accepted, today, today),
            Err(NoticeRefusal::NothingToReport)
        );
        assert_eq!(
            check_report(ReportState::Awaiting, d(2026, 7, 2), today),
            Err(NoticeRefusal::FutureReport)
        );
        assert_eq!(check_review(ReportState::Reported), Ok(()));
        assert_eq!(
            check_review(ReportState::Awaiting),
            Err(NoticeRefusal::NothingToReview)
        );
        for code in ["none", "awaiting", "reported", "accepted", "returned"] {
            assert_eq!(ReportState::parse(code).map(ReportState::code), Some(code));
        }
        for d in Disposition::ALL {
            assert_eq!(Disposition::parse(d.code()), Some(d));
        }
    }
}
