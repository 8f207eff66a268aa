//! The legal deadline chain after a dialogue conference (seed 004, PRODUCT.md step 7): the
//! conclusion notice is due a number of working days after the conference (more for complex
//! matters), and each assigned body reports a number of working days after the notice is
//! *actually* issued — the second clock starts from the real date, not the due one. The day of
//! the event is not counted; a deadline that would fall on a day off is the next working day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::WorkCalendar;
use super::campaign::DeadlineRules;

/// Working days before a deadline from which the desk warns.
pub const WARN_WORKING_DAYS: i64 = 2;

/// When the conclusion notice is due after a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDue {
    /// The ordinary deadline (10 working days by default).
    pub ordinary: NaiveDate,
    /// The deadline when the campaign marks its matters complex (at most 15).
    pub complex: NaiveDate,
}

/// The conclusion notice's deadlines for a conference held on `conference`.
pub fn notice_due(
    calendar: &WorkCalendar,
    conference: NaiveDate,
    rules: DeadlineRules,
) -> NoticeDue {
    NoticeDue {
        ordinary: calendar.add_working_days(conference, rules.conclusion_days),
        complex: calendar.add_working_days(conference, rules.conclusion_max_days),
    }
}

/// The report-back deadline of an item of a notice issued on `issued_on`.
pub fn report_due(
    calendar: &WorkCalendar,
    issued_on: NaiveDate,
    rules: DeadlineRules,
) -> NaiveDate {
    calendar.add_working_days(issued_on, rules.report_back_days)
}

/// Where a clock stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clock {
    /// More than [`WARN_WORKING_DAYS`] working days are left.
    Running {
        /// Working days left, the due day included.
        days_left: i64,
    },
    /// The deadline is near: warn.
    DueSoon {
        /// Working days left, the due day included (0 on the due day itself is not possible:
        /// the due day counts as 1).
        days_left: i64,
    },
    /// The deadline has passed.
    Overdue {
        /// Working days since the due day.
        days_late: i64,
    },
}

impl Clock {
    /// Vietnamese wording for the desk.
    pub fn label(self) -> String {
        match self {
            Clock::Running { days_left } | Clock::DueSoon { days_left } => {
                format!("Còn {days_left} ngày làm việc")
            }
            Clock::Overdue { days_late: 0 } => "Đã quá hạn".to_owned(),
            Clock::Overdue { days_late } => format!("Quá hạn {days_late} ngày làm việc"),
        }
    }
}

/// The clock of a deadline `due` on `today`.
pub fn clock(calendar: &WorkCalendar, due: NaiveDate, today: NaiveDate) -> Clock {
    if today > due {
        return Clock::Overdue {
            days_late: calendar.working_days_between(due, today),
        };
    }
    // Working days from today to the due day, both counted when they are working days.
    let days_left =
        calendar.working_days_between(today, due) + i64::from(calendar.is_working_day(today));
    if days_left <= WARN_WORKING_DAYS {
        Clock::DueSoon { days_left }
    } else {
        Clock::Running { days_left }
    }
}

/// True when something due on `due` was done on `done_on`: an item reported after its due day
/// is late even if it is now done.
pub fn on_time(due: NaiveDate, done_on: NaiveDate) -> bool {
    done_on <= due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::holidays::work_calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn calendar() -> WorkCalendar {
        work_calendar(d(2026, 1, 5), &[])
    }

    #[test]
    fn a_conference_on_the_friday_before_tet_waits_out_the_holiday() {
        // Friday 13/2/2026; Tết Bính Ngọ: 16/2 (the last day of the year) to 20/2 are off.
        let due = notice_due(&calendar(), d(2026, 2, 13), DeadlineRules::default());
        // 23–27/2 and 2–6/3: ten working days.
        assert_eq!(due.ordinary, d(2026, 3, 6));
        // Five more: 9–13/3.
        assert_eq!(due.complex, d(2026, 3, 13));
    }

    #[test]
    fn a_notice_issued_late_moves_the_report_back_clock() {
        let rules = DeadlineRules::default();
        let cal = calendar();
        let conference = d(2026, 6, 5);
        let due = notice_due(&cal, conference, rules).ordinary;
        assert_eq!(due, d(2026, 6, 19));
        // Issued on time: reports due 7 working days later.
        assert_eq!(report_due(&cal, due, rules), d(2026, 6, 30));
        // Issued three working days late: the second clock starts from the real date.
        assert_eq!(report_due(&cal, d(2026, 6, 24), rules), d(2026, 7, 3));
    }

    #[test]
    fn complex_matters_get_the_campaigns_longer_limit() {
        let rules = DeadlineRules {
            conclusion_days: 10,
            conclusion_max_days: 15,
            report_back_days: 7,
        };
        let cal = calendar();
        let due = notice_due(&cal, d(2026, 6, 5), rules);
        assert_eq!(cal.working_days_between(d(2026, 6, 5), due.complex), 15);
        assert_eq!(cal.working_days_between(due.ordinary, due.complex), 5);
    }

    #[test]
    fn a_deadline_on_a_day_off_is_the_next_working_day() {
        // Conference on Wednesday 22/4/2026: 2 working days lands on Friday 24/4; 3 skips the
        // weekend and Giỗ Tổ's compensatory Monday 27/4.
        let rules = DeadlineRules {
            conclusion_days: 3,
            conclusion_max_days: 3,
            report_back_days: 1,
        };
        assert_eq!(
            notice_due(&calendar(), d(2026, 4, 22), rules).ordinary,
            d(2026, 4, 28)
        );
    }

    #[test]
    fn the_clock_warns_before_it_runs_out_and_counts_lateness_in_working_days() {
        let cal = calendar();
        let due = d(2026, 3, 6); // a Friday
        assert_eq!(
            cal_clock(&cal, due, d(2026, 3, 2)),
            Clock::Running { days_left: 5 }
        );
        assert_eq!(
            cal_clock(&cal, due, d(2026, 3, 5)),
            Clock::DueSoon { days_left: 2 }
        );
        assert_eq!(
            cal_clock(&cal, due, d(2026, 3, 6)),
            Clock::DueSoon { days_left: 1 }
        );
        assert_eq!(
            cal_clock(&cal, due, d(2026, 3, 9)),
            Clock::Overdue { days_late: 1 }
        );
        assert_eq!(
            cal_clock(&cal, due, d(2026, 3, 8)),
            Clock::Overdue { days_late: 0 }
        );
        assert_eq!(
            Clock::Overdue { days_late: 3 }.label(),
            "Quá hạn 3 ngày làm việc"
        );
        assert_eq!(Clock::Overdue { days_late: 0 }.label(), "Đã quá hạn");
        assert!(on_time(due, due));
        assert!(
            !on_time(due, d(2026, 3, 7)),
            "a report after the due day is late"
        );
    }

    fn cal_clock(cal: &WorkCalendar, due: NaiveDate, today: NaiveDate) -> Clock {
        clock(cal, due, today)
    }
}
