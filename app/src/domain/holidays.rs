//! The public holidays of a year as the Labour Code (Bộ luật Lao động 2019, điều 112) gives
//! them, computed: Tết Dương lịch, five days of Tết Nguyên đán, Giỗ Tổ Hùng Vương (10/3 âm
//! lịch), 30/4, 1/5 and two days of Quốc khánh. A holiday on a Saturday or Sunday gives a day
//! off on the next working day (điều 112 khoản 3). The government fixes the exact Tết span and
//! swaps each year, so these are defaults: the administrator's entries override them by date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::calendar::{DayKind, WorkCalendar};
use super::lunar;

/// One dated entry of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// The day.
    pub date: NaiveDate,
    /// What it does to working days.
    pub kind: DayKind,
    /// Vietnamese name, e.g. "Tết Nguyên đán (mùng 1)".
    pub name: String,
    /// True when an administrator entered it (it overrides the computed entry of that day).
    pub edited: bool,
}

/// Longest name an administrator may give a calendar entry.
pub const MAX_NAME_CHARS: usize = 120;

fn weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn holiday(date: NaiveDate, name: impl Into<String>) -> CalendarDay {
    CalendarDay {
        date,
        kind: DayKind::Holiday,
        name: name.into(),
        edited: false,
    }
}

/// The day next to Quốc khánh: the government picks the day before or after; the one that
/// joins a weekend is the usual choice (2024: 3/9, 2025: 1/9).
fn national_day_companion(national_day: NaiveDate) -> Option<NaiveDate> {
    let before = national_day.pred_opt()?;
    if weekend(before) {
        national_day.succ_opt()
    } else {
        Some(before)
    }
}

/// The computed holidays of `year`, with their compensatory days off, in date order.
pub fn national_days(year: i32) -> Vec<CalendarDay> {
    let mut days = Vec::new();
    if let Some(d) = ymd(year, 1, 1) {
        days.push(holiday(d, "Tết Dương lịch"));
    }
    if let Some(tet) = lunar::tet(year) {
        // The last day of the old year and mùng 1 to mùng 4 (the span of most recent years).
        if let Some(eve) = tet.pred_opt() {
            days.push(holiday(eve, "Tết Nguyên đán (cuối năm âm lịch)"));
        }
        for n in 0..4 {
            days.push(holiday(
                tet + Duration::days(n),
                format!("Tết Nguyên đán (mùng {})", n + 1),
            ));
        }
    }
    if let Some(d) = lunar::hung_kings(year) {
        days.push(holiday(d, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
    }
    if let Some(d) = ymd(year, 4, 30) {
        days.push(holiday(d, "Ngày Chiến thắng (30/4)"));
    }
    if let Some(d) = ymd(year, 5, 1) {
        days.push(holiday(d, "Ngày Quốc tế Lao động (1/5)"));
    }
    if let Some(d) = ymd(year, 9, 2) {
        days.push(holiday(d, "Quốc khánh (2/9)"));
        if let Some(companion) = national_day_companion(d) {
            days.push(holiday(companion, "Quốc khánh (ngày liền kề)"));
        }
    }
    days.sort_by_key(|d| d.date);
    let taken: BTreeSet<NaiveDate> = days.iter().map(|d| d.date).collect();
    let mut given = BTreeSet::new();
    let mut compensation = Vec::new();
    for day in days.iter().filter(|d| weekend(d.date)) {
        let mut date = day.date;
        while let Some(next) = date.succ_opt() {
            date = next;
            if !weekend(date) && !taken.contains(&date) && !given.contains(&date) {
                given.insert(date);
                compensation.push(CalendarDay {
                    date,
                    kind: DayKind::DayOff,
                    name: format!("Nghỉ bù {}", day.name),
                    edited: false,
                });
                break;
            }
        }
    }
    days.extend(compensation);
    days.sort_by_key(|d| d.date);
    days
}

/// The calendar of `year`: computed days, overridden and completed by the stored entries of
/// that year (an entry of the same date replaces the computed one).
pub fn year_calendar(year: i32, stored: &[CalendarDay]) -> Vec<CalendarDay> {
    let mut by_date: BTreeMap<NaiveDate, CalendarDay> = national_days(year)
        .into_iter()
        .map(|d| (d.date, d))
        .collect();
    for entry in stored.iter().filter(|d| d.date.year() == year) {
        by_date.insert(
            entry.date,
            CalendarDay {
                edited: true,
                ..entry.clone()
            },
        );
    }
    by_date.into_values().collect()
}

/// The working calendar around `today`: computed days of the years a deadline can reach, with
/// the stored entries on top.
pub fn work_calendar(today: NaiveDate, stored: &[(NaiveDate, DayKind)]) -> WorkCalendar {
    let mut by_date: BTreeMap<NaiveDate, DayKind> = BTreeMap::new();
    for year in today.year() - 2..=today.year() + 2 {
        for day in national_days(year) {
            by_date.insert(day.date, day.kind);
        }
    }
    for (date, kind) in stored {
        by_date.insert(*date, *kind);
    }
    WorkCalendar::new(by_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn off_days(year: i32) -> Vec<NaiveDate> {
        national_days(year).into_iter().map(|d| d.date).collect()
    }

    #[test]
    fn the_labour_code_gives_eleven_holidays_a_year() {
        for year in 2020..2040 {
            let holidays = national_days(year)
                .into_iter()
                .filter(|d| d.kind == DayKind::Holiday)
                .count();
            assert_eq!(holidays, 11, "{year}");
        }
    }

    #[test]
    fn tet_spans_new_years_eve_to_the_fourth_day() {
        let days = off_days(2026);
        for d in 16..=20 {
            assert!(days.contains(&date(2026, 2, d)), "{d}/2/2026");
        }
        assert!(!days.contains(&date(2026, 2, 21)));
    }

    #[test]
    fn a_holiday_on_a_sunday_gives_the_monday_off() {
        // Giỗ Tổ 2026 falls on Sunday 26/4: the government gave Monday 27/4.
        let days = national_days(2026);
        let monday = days
            .iter()
            .find(|d| d.date == date(2026, 4, 27))
            .expect("compensatory day");
        assert_eq!(monday.kind, DayKind::DayOff);
        assert!(monday.name.contains("Giỗ Tổ"));
        // 1/1/2028 is a Saturday.
        assert!(off_days(2028).contains(&date(2028, 1, 3)));
    }

    #[test]
    fn compensatory_days_skip_other_holidays() {
        // 30/4/2028 is a Sunday; 1/5 is a holiday already, so the day off is 2/5.
        let days = national_days(2028);
        let comp: Vec<_> = days
            .iter()
            .filter(|d| d.kind == DayKind::DayOff)
            .map(|d| d.date)
            .collect();
        assert!(comp.contains(&date(2028, 5, 2)), "{comp:?}");
    }

    #[test]
    fn national_day_joins_the_nearest_weekend() {
        let d2025 = off_days(2025);
        assert!(d2025.contains(&date(2025, 9, 1)), "2/9/2025 is a Tuesday");
        let d2024 = off_days(2024);
        assert!(d2024.contains(&date(2024, 9, 3)), "2/9/2024 is a Monday");
    }

    #[test]
    fn stored_entries_override_the_computed_day() {
        let stored = vec![
            CalendarDay {
                date: date(2026, 2, 20),
                kind: DayKind::WorkingWeekend,
                name: "Đi làm".into(),
                edited: false,
            },
            CalendarDay {
                date: date(2026, 2, 14),
                kind: DayKind::DayOff,
                name: "Nghỉ Tết Nguyên đán".into(),
                edited: false,
            },
        ];
        let year = year_calendar(2026, &stored);
        let feb20 = year.iter().find(|d| d.date == date(2026, 2, 20));
        assert_eq!(
            feb20.map(|d| (d.kind, d.edited)),
            Some((DayKind::WorkingWeekend, true))
        );
        let calendar = work_calendar(
            date(2026, 1, 5),
            &stored.iter().map(|d| (d.date, d.kind)).collect::<Vec<_>>(),
        );
        assert!(calendar.is_working_day(date(2026, 2, 20)));
        assert!(!calendar.is_working_day(date(2026, 2, 19)));
        // Friday 13/2 + 1 working day: 14–19 are off, 20 is worked.
        assert_eq!(
            calendar.add_working_days(date(2026, 2, 13), 1),
            date(2026, 2, 20)
        );
    }
}
