//! Periodic statistics (báo cáo định kỳ 6 tháng, năm): dialogues held in the period, what
//! residents raised, how it was concluded, and whether assigned bodies reported on time —
//! judged from the real dates, so an item reported after its due day stays late even once it is
//! accepted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::conclusion::Disposition;
use super::deadlines::on_time;
use crate::api::statistics::{PeriodFacts, PeriodReport};

/// A reporting period: a half year or a whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// 1 for January–June, 2 for July–December, `None` for the whole year.
    pub half: Option<u8>,
}

impl Period {
    /// First and last day of the period; `None` for a year or half chrono cannot represent.
    pub fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        let (first_month, last) = match self.half {
            Some(1) => (1, NaiveDate::from_ymd_opt(self.year, 6, 30)?),
            Some(2) => (7, NaiveDate::from_ymd_opt(self.year, 12, 31)?),
            Some(_) => return None,
            None => (1, NaiveDate::from_ymd_opt(self.year, 12, 31)?),
        };
        Some((NaiveDate::from_ymd_opt(self.year, first_month, 1)?, last))
    }

    /// Vietnamese name, as a report's title says it.
    pub fn label(self) -> String {
        match self.half {
            Some(1) => format!("6 tháng đầu năm {}", self.year),
            Some(_) => format!("6 tháng cuối năm {}", self.year),
            None => format!("năm {}", self.year),
        }
    }

    /// Reads `nam` and `ky` as the statistics page's address carries them ("2026", "1").
    pub fn from_query(year: Option<&str>, half: Option<&str>, today: NaiveDate) -> Period {
        use chrono::Datelike;
        let year = year
            .and_then(|y| y.trim().parse().ok())
            .filter(|y| (2000..=2100).contains(y))
            .unwrap_or(today.year());
        let half = half
            .and_then(|h| h.trim().parse().ok())
            .filter(|h| *h == 1 || *h == 2);
        Period { year, half }
    }
}

/// Whether an assigned item was reported on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timing {
    /// Reported by its due day.
    OnTime,
    /// Reported after its due day, or not reported and the day has passed.
    Late,
    /// Not reported and not due yet.
    Pending,
}

/// How an item due on `due` stands on `today`, reported on `reported_on` if it was.
pub fn timing(due: NaiveDate, reported_on: Option<NaiveDate>, today: NaiveDate) -> Timing {
    match reported_on {
        Some(done) if on_time(due, done) => Timing::OnTime,
        Some(_) => Timing::Late,
        None if today > due => Timing::Late,
        None => Timing::Pending,
    }
}

/// The share of items reported on time among those that are settled either way, in percent
/// with one decimal; `None` when none is.
pub fn on_time_rate(on_time: i64, late: i64) -> Option<f64> {
    let settled = on_time + late;
    if settled <= 0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // counts of items are far below 2^52
    let rate = on_time as f64 * 100.0 / settled as f64;
    Some((rate * 10.0).round() / 10.0)
}

/// A percentage as Vietnamese write it ("87,5%"), or a dash.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{r:.1}%").replace('.', ","),
        None => "—".to_owned(),
    }
}

/// Works the rates out of the store's counts; `today` decides which unreported items are late.
pub fn report_of(
    period: Period,
    commune: String,
    facts: PeriodFacts,
    today: NaiveDate,
) -> PeriodReport {
    let mut counts = [0i64; 3];
    for (due, reported) in &facts.reports {
        let slot = match timing(*due, *reported, today) {
            Timing::OnTime => 0,
            Timing::Late => 1,
            Timing::Pending => 2,
        };
        counts[slot] += 1;
    }
    let [on_time, late, pending] = counts;
    let resolved = facts
        .dispositions
        .iter()
        .filter(|(d, _)| *d == Disposition::Resolved)
        .map(|(_, n)| n)
        .sum::<i64>();
    let settled = resolved + facts.accepted;
    let settled_rate = on_time_rate(settled, facts.issues - settled);
    PeriodReport {
        period,
        commune,
        settled,
        on_time,
        late,
        pending,
        on_time_rate: on_time_rate(on_time, late),
        settled_rate,
        facts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn periods_cover_halves_and_years() {
        let first = Period {
            year: 2026,
            half: Some(1),
        };
        assert_eq!(first.bounds(), Some((d(2026, 1, 1), d(2026, 6, 30))));
        assert_eq!(first.label(), "6 tháng đầu năm 2026");
        let year = Period {
            year: 2026,
            half: None,
        };
        assert_eq!(year.bounds(), Some((d(2026, 1, 1), d(2026, 12, 31))));
        assert_eq!(
            Period::from_query(Some("x"), Some("3"), d(2027, 3, 1)),
            Period {
                year: 2027,
                half: None
            }
        );
        assert_eq!(
            Period::from_query(Some("2025"), Some("2"), d(2027, 3, 1)).bounds(),
            Some((d(2025, 7, 1), d(2025, 12, 31)))
        );
    }

    #[test]
    fn a_report_after_its_due_day_stays_late() {
        let due = d(2026, 6, 30);
        assert_eq!(timing(due, Some(due), d(2026, 8, 1)), Timing::OnTime);
        assert_eq!(
            timing(due, Some(d(2026, 7, 1)), d(2026, 8, 1)),
            Timing::Late
        );
        assert_eq!(timing(due, None, d(2026, 7, 1)), Timing::Late);
        assert_eq!(timing(due, None, due), Timing::Pending);
    }

    #[test]
    fn the_report_counts_late_reports_late_even_when_accepted() {
        let facts = PeriodFacts {
            issues: 4,
            dispositions: vec![(Disposition::Resolved, 1), (Disposition::Assigned, 3)],
            accepted: 2,
            reports: vec![
                (d(2026, 6, 30), Some(d(2026, 6, 29))),
                (d(2026, 6, 30), Some(d(2026, 7, 2))),
                (d(2026, 6, 30), None),
            ],
            ..PeriodFacts::default()
        };
        let report = report_of(
            Period {
                year: 2026,
                half: Some(1),
            },
            "Xã Bắc Thanh Miện".to_owned(),
            facts,
            d(2026, 7, 10),
        );
        assert_eq!((report.on_time, report.late, report.pending), (1, 2, 0));
        assert_eq!(
            report.settled, 3,
            "the resolved issue and the two accepted reports"
        );
        assert_eq!(report.on_time_rate, Some(33.3));
        assert_eq!(report.settled_rate, Some(75.0));
    }

    #[test]
    fn the_rate_counts_settled_items_only() {
        assert_eq!(on_time_rate(7, 1), Some(87.5));
        assert_eq!(on_time_rate(0, 0), None);
        assert_eq!(percent(on_time_rate(2, 1)), "66,7%");
        assert_eq!(percent(None), "—");
    }
}
