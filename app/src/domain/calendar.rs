//! Working days: weekends and public holidays are skipped, swapped Saturdays are worked.
//! Holidays are data (an editable calendar), because Tết and Giỗ Tổ follow the lunar calendar
//! and compensatory days are decided by the government each year.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// What a calendar entry does to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DayKind {
    /// A public holiday (nghỉ lễ, Tết).
    Holiday,
    /// A compensatory day off (nghỉ bù) or a swapped weekday off.
    DayOff,
    /// A day that is worked although it would be off: a swapped Saturday (làm bù), or a
    /// computed holiday the government moved elsewhere.
    WorkingWeekend,
}

impl DayKind {
    /// Stable storage code.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::DayOff => "day_off",
            DayKind::WorkingWeekend => "working_weekend",
        }
    }

    /// Every kind, in display order.
    pub const ALL: [DayKind; 3] = [DayKind::Holiday, DayKind::DayOff, DayKind::WorkingWeekend];

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            DayKind::Holiday => "Nghỉ lễ, Tết",
            DayKind::DayOff => "Nghỉ bù, hoán đổi",
            DayKind::WorkingWeekend => "Đi làm (làm bù)",
        }
    }

    /// Parses a storage code.
    pub fn parse(code: &str) -> Option<DayKind> {
        DayKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The set of exceptions to the Monday–Friday week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    off: BTreeSet<NaiveDate>,
    worked: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    /// Builds a calendar from its entries.
    pub fn new(entries: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        let mut calendar = WorkCalendar::default();
        for (date, kind) in entries {
            match kind {
                DayKind::Holiday | DayKind::DayOff => calendar.off.insert(date),
                DayKind::WorkingWeekend => calendar.worked.insert(date),
            };
        }
        calendar
    }

    /// True when offices are open on `date`.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.worked.contains(&date) {
            return true;
        }
        if self.off.contains(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The deadline `days` working days after `event`: the day of the event is not counted, so
    /// the result is always a working day ("chậm nhất là 10 ngày làm việc sau hội nghị").
    /// With `days == 0` it is the event day itself, or the next working day if that is off.
    pub fn add_working_days(&self, event: NaiveDate, days: u32) -> NaiveDate {
        let mut date = event;
        if days == 0 {
            while !self.is_working_day(date) {
                date = next_day(date);
            }
            return date;
        }
        let mut counted = 0;
        while counted < days {
            date = next_day(date);
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        date
    }

    /// Working days from `from` (not counted) up to and including `to`; negative when `to`
    /// is earlier. Used to say how late an item is.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut date = start;
        while date < end {
            date = next_day(date);
            if self.is_working_day(date) {
                count += 1;
            }
        }
        sign * count
    }
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn vietnam_2026() -> WorkCalendar {
        WorkCalendar::new([
            (d(2026, 4, 27), DayKind::DayOff), // Giỗ Tổ falls on Sunday 26/4, moved to Monday
            (d(2026, 4, 30), DayKind::Holiday),
            (d(2026, 5, 1), DayKind::Holiday),
        ])
    }

    #[test]
    fn ten_working_days_after_a_conference_skip_weekends_and_holidays() {
        // Conference on Thursday 23/4/2026; 24 (Fri) is day 1, then 28, 29, 4/5, 5, 6, 7, 8, 11, 12.
        assert_eq!(
            vietnam_2026().add_working_days(d(2026, 4, 23), 10),
            d(2026, 5, 12)
        );
    }

    #[test]
    fn seven_working_days_without_holidays_span_a_weekend() {
        // Notice issued Monday 1/6/2026 → Wednesday 10/6/2026.
        assert_eq!(
            WorkCalendar::default().add_working_days(d(2026, 6, 1), 7),
            d(2026, 6, 10)
        );
    }

    #[test]
    fn a_deadline_never_lands_on_a_day_off() {
        let cal = vietnam_2026();
        for offset in 0..60 {
            let event = d(2026, 4, 1) + chrono::Duration::days(offset);
            for days in 0..12 {
                assert!(cal.is_working_day(cal.add_working_days(event, days)));
            }
        }
    }

    #[test]
    fn a_swapped_saturday_counts_as_a_working_day() {
        let cal = WorkCalendar::new([(d(2026, 1, 3), DayKind::WorkingWeekend)]);
        assert_eq!(cal.add_working_days(d(2026, 1, 2), 1), d(2026, 1, 3));
    }

    #[test]
    fn zero_days_from_a_holiday_moves_to_the_next_working_day() {
        assert_eq!(
            vietnam_2026().add_working_days(d(2026, 4, 30), 0),
            d(2026, 5, 4)
        );
    }

    #[test]
    fn lateness_is_counted_in_working_days() {
        let cal = vietnam_2026();
        assert_eq!(cal.working_days_between(d(2026, 4, 23), d(2026, 5, 12)), 10);
        assert_eq!(
            cal.working_days_between(d(2026, 5, 12), d(2026, 4, 23)),
            -10
        );
    }
}
