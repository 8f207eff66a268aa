//! The Vietnamese lunar calendar (âm lịch), for the holidays that follow it: Tết Nguyên đán and
//! Giỗ Tổ Hùng Vương (10/3 âm lịch). Computed with Hồ Ngọc Đức's method (astronomical new moons
//! and solar terms, after Jean Meeus) at the meridian of UTC+7. The Chinese calendar uses UTC+8
//! and differs in some years (Tết 1985: 21 January in Vietnam, 20 February in China), so a
//! Chinese-calendar crate would be wrong here. No well-kept crate computes the Vietnamese one.

use std::f64::consts::PI;

use chrono::NaiveDate;

/// Vietnam's time zone, in hours east of UTC.
const TIME_ZONE: f64 = 7.0;

/// Julian day number of a Gregorian date (Julian before 15 October 1582).
fn julian_day(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    let (dd, mm, yy) = (
        i64::from(date.day()),
        i64::from(date.month()),
        i64::from(date.year()),
    );
    let a = (14 - mm) / 12;
    let y = yy + 4800 - a;
    let m = mm + 12 * a - 3;
    let jd = dd + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
    if jd < 2_299_161 {
        dd + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083
    } else {
        jd
    }
}

/// The Gregorian date of a Julian day number.
fn date_of(jd: i64) -> Option<NaiveDate> {
    let (b, c) = if jd > 2_299_160 {
        let a = jd + 32044;
        let b = (4 * a + 3) / 146_097;
        (b, a - (b * 146_097) / 4)
    } else {
        (0, jd + 32082)
    };
    let d = (4 * c + 3) / 1461;
    let e = c - (1461 * d) / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = b * 100 + d - 4800 + m / 10;
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// The moment (Julian date, UT) of the `k`-th new moon after 1 January 1900.
fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin()
        - 0.4068 * (mpr * dr).sin()
        + 0.0161 * (dr * 2.0 * mpr).sin()
        - 0.0004 * (dr * 3.0 * mpr).sin()
        + 0.0104 * (dr * 2.0 * f).sin()
        - 0.0051 * (dr * (m + mpr)).sin()
        - 0.0074 * (dr * (m - mpr)).sin()
        + 0.0004 * (dr * (2.0 * f + m)).sin()
        - 0.0004 * (dr * (2.0 * f - m)).sin()
        - 0.0006 * (dr * (2.0 * f + mpr)).sin()
        + 0.0010 * (dr * (2.0 * f - mpr)).sin()
        + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The day (Julian day number, local) of the `k`-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k as f64) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The sun's longitude at a Julian date, in radians in [0, 2π).
fn sun_longitude(jdn: f64) -> f64 {
    let t = (jdn - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Which of the twelve 30° sectors the sun is in at the start of a local day (a major solar
/// term begins each sector).
fn sun_sector(day: i64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - TIME_ZONE / 24.0) / PI * 6.0).floor() as i64
}

/// The first day of lunar month 11 (the month holding the winter solstice) of solar year `yy`.
fn month_11(yy: i32) -> Option<i64> {
    let off = julian_day(NaiveDate::from_ymd_opt(yy, 12, 31)?) - 2_415_021;
    let k = (off as f64 / 29.530_588_853).floor() as i64;
    let new_moon = new_moon_day(k);
    // Past the solstice's sector: month 11 began at the previous new moon.
    Some(if sun_sector(new_moon) >= 9 {
        new_moon_day(k - 1)
    } else {
        new_moon
    })
}

/// In a leap year, which month after month 11 (1-based) is the leap one: the first without a
/// major solar term.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The solar date of a lunar date; `leap` for a day of the leap month. `None` for a leap month
/// the year does not have, or a day or month out of range (day 30 of a 29-day month is not
/// checked: it rolls into the next month).
pub fn to_solar(day: u32, month: u32, year: i32, leap: bool) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (month_11(year - 1)?, month_11(year)?)
    } else {
        (month_11(year)?, month_11(year + 1)?)
    };
    let k = (0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853).floor() as i64;
    let mut off = i64::from(month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && i64::from(month) != leap_month {
            return None;
        }
        if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    date_of(new_moon_day(k + off) + i64::from(day) - 1)
}

/// Mùng 1 Tết (1/1 âm lịch) of the lunar year that starts in solar year `year`.
pub fn tet(year: i32) -> Option<NaiveDate> {
    to_solar(1, 1, year, false)
}

/// Giỗ Tổ Hùng Vương, 10/3 âm lịch, in solar year `year`.
pub fn hung_kings(year: i32) -> Option<NaiveDate> {
    to_solar(10, 3, year, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn tet_falls_on_the_vietnamese_date_where_the_chinese_calendar_differs() {
        assert_eq!(tet(1968), Some(date(1968, 1, 29)), "Tết Mậu Thân");
        assert_eq!(tet(1985), Some(date(1985, 1, 21)), "China: 20 February");
        assert_eq!(tet(2007), Some(date(2007, 2, 17)), "China: 18 February");
        assert_eq!(tet(2030), Some(date(2030, 2, 2)), "China: 3 February");
    }

    #[test]
    fn tet_of_recent_years() {
        assert_eq!(tet(2024), Some(date(2024, 2, 10)));
        assert_eq!(tet(2025), Some(date(2025, 1, 29)));
        assert_eq!(tet(2026), Some(date(2026, 2, 17)));
        assert_eq!(tet(2027), Some(date(2027, 2, 6)));
    }

    #[test]
    fn hung_kings_day_is_the_tenth_of_the_third_lunar_month() {
        assert_eq!(hung_kings(2024), Some(date(2024, 4, 18)));
        assert_eq!(hung_kings(2025), Some(date(2025, 4, 7)));
        assert_eq!(hung_kings(2026), Some(date(2026, 4, 26)));
    }

    #[test]
    fn a_leap_month_exists_only_where_the_year_has_one() {
        // 2023 had a leap second month (tháng 2 nhuận). Its new moon fell at 00:23 on 22 March
        // in Vietnam, still 21 March in UTC+6.
        assert_eq!(to_solar(1, 2, 2023, false), Some(date(2023, 2, 20)));
        assert_eq!(to_solar(1, 2, 2023, true), Some(date(2023, 3, 22)));
        assert_eq!(to_solar(1, 3, 2023, false), Some(date(2023, 4, 20)));
        assert_eq!(to_solar(1, 5, 2023, true), None);
        assert_eq!(to_solar(1, 2, 2024, true), None, "2024 has no leap month");
        assert_eq!(to_solar(0, 1, 2024, false), None);
        assert_eq!(to_solar(1, 13, 2024, false), None);
    }

    #[test]
    fn julian_days_round_trip() {
        for d in [
            date(1900, 1, 1),
            date(1985, 1, 21),
            date(2026, 11, 27),
            date(2100, 12, 31),
        ] {
            assert_eq!(date_of(julian_day(d)), Some(d));
        }
        assert_eq!(julian_day(date(2000, 1, 1)), 2_451_545);
    }
}
