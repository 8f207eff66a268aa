//! Pure types and rules of the dialogue cycle: no I/O, identical on the phone and the server.

pub mod access;
pub mod answer;
pub mod calendar;
pub mod campaign;
pub mod conclusion;
pub mod conference;
pub mod deadlines;
pub mod directory;
pub mod document;
pub mod form;
pub mod holidays;
pub mod ids;
pub mod ingest;
pub mod issue;
pub mod login;
pub mod lunar;
pub mod personal_data;
pub mod pivot;
pub mod publication;
pub mod receipt;
pub mod respondent;
pub mod role;
pub mod similarity;
pub mod statistics;
pub mod text;
pub mod triage;
pub mod viewer;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

/// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and
/// spares the wasm bundle a time-zone database.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 lies within a day of UTC")
}

/// A date as Vietnamese documents write it: dd/mm/yyyy. Written out by hand: chrono's
/// `format` parses the pattern at run time and adds its parser to the phone's bundle.
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A moment in Vietnamese local time: HH:MM dd/mm/yyyy.
pub fn format_datetime(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&vietnam_offset());
    format!(
        "{:02}:{:02} {}",
        local.hour(),
        local.minute(),
        format_date(local.date_naive())
    )
}

/// Today's date in Vietnam, which is what every deadline counts from.
pub fn today_in_vietnam(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vietnam_offset()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_written_day_first() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 5).expect("valid date");
        assert_eq!(format_date(d), "05/04/2026");
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_vietnam() {
        let at = Utc
            .with_ymd_and_hms(2026, 4, 14, 18, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(
            today_in_vietnam(at),
            NaiveDate::from_ymd_opt(2026, 4, 15).expect("valid")
        );
        assert_eq!(format_datetime(at), "01:30 15/04/2026");
    }
}
