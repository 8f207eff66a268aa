//! What residents are told: where an issue stands in words they use, what a receipt code's
//! opinions went through, and which results staff may publish. Built from the cycle's own
//! states so the public page can never say more than the desk has decided.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::conclusion::{Disposition, ReportState};

/// An issue's state as the public page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublicStatus {
    /// Received and being looked at; nothing decided yet.
    Considering,
    /// An approved answer exists.
    Answered,
    /// A department is working on it (assigned before or by the conclusion notice).
    InProgress,
    /// Settled: resolved by the notice, or its report-back accepted.
    Resolved,
    /// Forwarded to a higher level (kiến nghị cấp trên).
    Forwarded,
    /// Not the commune's to settle: the resident was told where to go.
    OutOfScope,
}

impl PublicStatus {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            PublicStatus::Considering => "Đang xem xét",
            PublicStatus::Answered => "Đã trả lời",
            PublicStatus::InProgress => "Đang giải quyết",
            PublicStatus::Resolved => "Đã giải quyết",
            PublicStatus::Forwarded => "Chuyển cấp trên",
            PublicStatus::OutOfScope => "Ngoài phạm vi",
        }
    }

    /// CSS class suffix.
    pub fn code(self) -> &'static str {
        match self {
            PublicStatus::Considering => "considering",
            PublicStatus::Answered => "answered",
            PublicStatus::InProgress => "in-progress",
            PublicStatus::Resolved => "resolved",
            PublicStatus::Forwarded => "forwarded",
            PublicStatus::OutOfScope => "out-of-scope",
        }
    }
}

/// What the cycle has decided about one issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IssueFacts {
    /// An answer to it has been approved.
    pub answer_approved: bool,
    /// A department has an open assignment for it.
    pub assigned: bool,
    /// The issue is for a higher level to settle.
    pub higher_authority: bool,
    /// Its item in the newest issued conclusion notice, with the report-back's state.
    pub concluded: Option<(Disposition, ReportState)>,
}

impl IssueFacts {
    /// The status residents see. The issued notice decides once there is one; before it, the
    /// answer and the assignment do.
    pub fn status(&self) -> PublicStatus {
        match self.concluded {
            Some((Disposition::Resolved, _)) => PublicStatus::Resolved,
            Some((Disposition::Assigned, ReportState::Accepted)) => PublicStatus::Resolved,
            Some((Disposition::Assigned, _)) => PublicStatus::InProgress,
            Some((Disposition::Forwarded, _)) => PublicStatus::Forwarded,
            Some((Disposition::Redirected, _)) => PublicStatus::OutOfScope,
            None if self.answer_approved => PublicStatus::Answered,
            None if self.assigned => PublicStatus::InProgress,
            None if self.higher_authority => PublicStatus::Forwarded,
            None => PublicStatus::Considering,
        }
    }

    /// Whether staff may publish it: only what has been answered or concluded.
    pub fn publishable(&self) -> bool {
        self.answer_approved || self.concluded.is_some()
    }
}

/// Why a publishing change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishRefusal {
    /// An issue has neither an approved answer nor an item in an issued notice.
    NothingToPublish,
    /// The campaign has no issued conclusion notice to publish.
    NoIssuedNotice,
    /// An issue is not the campaign's.
    NotFound,
}

impl PublishRefusal {
    /// Vietnamese explanation.
    pub fn message(self) -> &'static str {
        match self {
            PublishRefusal::NothingToPublish => {
                "Chỉ công khai được vấn đề đã có nội dung trả lời được phê duyệt \
                 hoặc đã có trong thông báo kết luận."
            }
            PublishRefusal::NoIssuedNotice => "Đợt đối thoại chưa ban hành thông báo kết luận.",
            PublishRefusal::NotFound => "Không tìm thấy vấn đề trong đợt đối thoại này.",
        }
    }
}

/// One step an opinion has been through, as a receipt-code lookup lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrailStep {
    /// The form reached the commune on this day.
    Received(NaiveDate),
    /// Staff judged it outside the dialogue's scope, for this reason.
    OutOfScope(String),
    /// Merged with others into this issue.
    Merged {
        /// The issue's title (staff-written).
        issue: String,
    },
    /// The issue has an approved answer; its text when the answer is published.
    Answered(Option<String>),
    /// The issue is in an issued conclusion notice with this number and date.
    Concluded {
        /// Số thông báo.
        number: String,
        /// Ngày ban hành.
        issued_on: NaiveDate,
        /// What the notice decided.
        disposition: Disposition,
    },
    /// Where the issue stands now.
    Now(PublicStatus),
}

impl TrailStep {
    /// The step as the lookup page says it.
    pub fn label(&self) -> String {
        match self {
            TrailStep::Received(day) => format!("Đã tiếp nhận ngày {}", super::format_date(*day)),
            TrailStep::OutOfScope(reason) if reason.trim().is_empty() => {
                "Không thuộc phạm vi giải quyết của đợt đối thoại".to_owned()
            }
            TrailStep::OutOfScope(reason) => {
                format!("Không thuộc phạm vi giải quyết của đợt đối thoại: {reason}")
            }
            TrailStep::Merged { issue } => format!("Đã tổng hợp vào vấn đề “{issue}”"),
            TrailStep::Answered(Some(answer)) => format!("Đã có nội dung trả lời: {answer}"),
            TrailStep::Answered(None) => "Đã có nội dung trả lời (chưa công khai)".to_owned(),
            TrailStep::Concluded {
                number,
                issued_on,
                disposition,
            } => format!(
                "Đã kết luận tại Thông báo số {number} ngày {}: {}",
                super::format_date(*issued_on),
                disposition.label()
            ),
            TrailStep::Now(status) => format!("Hiện nay: {}", status.label()),
        }
    }
}

/// What is known about one opinion for its lookup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpinionFacts {
    /// The day its form was received.
    pub received_on: Option<NaiveDate>,
    /// The out-of-scope reason, when staff judged it so.
    pub out_of_scope: Option<String>,
    /// The issue it was merged into, with that issue's facts.
    pub issue: Option<(String, IssueFacts)>,
    /// The approved answer's text, only when the issue is published.
    pub published_answer: Option<String>,
    /// The issued notice that concluded the issue: number and date.
    pub notice: Option<(String, NaiveDate)>,
}

impl OpinionFacts {
    /// The steps in the order they happened, ending with where it stands.
    pub fn trail(&self) -> Vec<TrailStep> {
        let mut steps = Vec::new();
        if let Some(day) = self.received_on {
            steps.push(TrailStep::Received(day));
        }
        if let Some(reason) = &self.out_of_scope {
            steps.push(TrailStep::OutOfScope(reason.clone()));
            steps.push(TrailStep::Now(PublicStatus::OutOfScope));
            return steps;
        }
        let Some((title, facts)) = &self.issue else {
            steps.push(TrailStep::Now(PublicStatus::Considering));
            return steps;
        };
        steps.push(TrailStep::Merged {
            issue: title.clone(),
        });
        if facts.answer_approved {
            steps.push(TrailStep::Answered(self.published_answer.clone()));
        }
        if let (Some((number, issued_on)), Some((disposition, _))) = (&self.notice, facts.concluded)
        {
            steps.push(TrailStep::Concluded {
                number: number.clone(),
                issued_on: *issued_on,
                disposition,
            });
        }
        steps.push(TrailStep::Now(facts.status()));
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).expect("valid date")
    }

    #[test]
    fn the_notice_decides_once_issued() {
        let answered = IssueFacts {
            answer_approved: true,
            ..IssueFacts::default()
        };
        assert_eq!(answered.status(), PublicStatus::Answered);
        let assigned = IssueFacts {
            concluded: Some((Disposition::Assigned, ReportState::Awaiting)),
            ..answered
        };
        assert_eq!(assigned.status(), PublicStatus::InProgress);
        let reported = IssueFacts {
            concluded: Some((Disposition::Assigned, ReportState::Reported)),
            ..answered
        };
        assert_eq!(
            reported.status(),
            PublicStatus::InProgress,
            "not yet accepted"
        );
        let accepted = IssueFacts {
            concluded: Some((Disposition::Assigned, ReportState::Accepted)),
            ..answered
        };
        assert_eq!(accepted.status(), PublicStatus::Resolved);
        for (disposition, status) in [
            (Disposition::Resolved, PublicStatus::Resolved),
            (Disposition::Forwarded, PublicStatus::Forwarded),
            (Disposition::Redirected, PublicStatus::OutOfScope),
        ] {
            let facts = IssueFacts {
                concluded: Some((disposition, ReportState::None)),
                ..IssueFacts::default()
            };
            assert_eq!(facts.status(), status);
        }
    }

    #[test]
    fn before_the_notice_assignment_and_authority_speak() {
        let mut facts = IssueFacts::default();
        assert_eq!(facts.status(), PublicStatus::Considering);
        assert!(!facts.publishable());
        facts.higher_authority = true;
        assert_eq!(facts.status(), PublicStatus::Forwarded);
        facts.assigned = true;
        assert_eq!(facts.status(), PublicStatus::InProgress);
        assert!(!facts.publishable(), "an assignment alone is not a result");
        facts.answer_approved = true;
        assert!(facts.publishable());
    }

    #[test]
    fn a_trail_follows_the_opinion_to_its_conclusion() {
        let facts = OpinionFacts {
            received_on: Some(day(4)),
            out_of_scope: None,
            issue: Some((
                "Đèn chiếu sáng".into(),
                IssueFacts {
                    answer_approved: true,
                    concluded: Some((Disposition::Assigned, ReportState::Accepted)),
                    ..IssueFacts::default()
                },
            )),
            published_answer: None,
            notice: Some(("12/TB-UBND".into(), day(20))),
        };
        assert_eq!(
            facts.trail(),
            vec![
                TrailStep::Received(day(4)),
                TrailStep::Merged {
                    issue: "Đèn chiếu sáng".into()
                },
                TrailStep::Answered(None),
                TrailStep::Concluded {
                    number: "12/TB-UBND".into(),
                    issued_on: day(20),
                    disposition: Disposition::Assigned,
                },
                TrailStep::Now(PublicStatus::Resolved),
            ]
        );
    }

    #[test]
    fn steps_read_as_sentences() {
        assert_eq!(
            TrailStep::Received(day(4)).label(),
            "Đã tiếp nhận ngày 04/05/2026"
        );
        assert_eq!(
            TrailStep::Now(PublicStatus::InProgress).label(),
            "Hiện nay: Đang giải quyết"
        );
        assert!(
            TrailStep::Concluded {
                number: "12/TB-UBND".into(),
                issued_on: day(20),
                disposition: Disposition::Forwarded,
            }
            .label()
            .starts_with("Đã kết luận tại Thông báo số 12/TB-UBND ngày 20/05/2026: ")
        );
    }

    #[test]
    fn out_of_scope_and_unclassified_opinions_end_early() {
        let out = OpinionFacts {
            received_on: Some(day(4)),
            out_of_scope: Some("Tranh chấp dân sự".into()),
            ..OpinionFacts::default()
        };
        assert_eq!(
            out.trail().last(),
            Some(&TrailStep::Now(PublicStatus::OutOfScope))
        );
        let new = OpinionFacts {
            received_on: Some(day(4)),
            ..OpinionFacts::default()
        };
        assert_eq!(
            new.trail(),
            vec![
                TrailStep::Received(day(4)),
                TrailStep::Now(PublicStatus::Considering)
            ]
        );
    }
}
