//! Conventions of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) shared by the
//! print page and the DOCX export.

use chrono::{Datelike, NaiveDate};

/// Formats the place-and-date line, e.g. "Bắc Thanh Miện, ngày 24 tháng 11 năm 2026".
///
/// NĐ 30/2020 writes days below 10 and the months January and February with a leading zero
/// ("ngày 05 tháng 02"), so that nobody can add a digit to a signed document; other months
/// are written as is ("tháng 11"). An empty place leaves just the date.
pub fn date_line(place: &str, date: NaiveDate) -> String {
    let place = place.trim();
    let prefix = if place.is_empty() {
        String::new()
    } else {
        format!("{place}, ")
    };
    let month = match date.month() {
        m @ (1 | 2) => format!("0{m}"),
        m => m.to_string(),
    };
    format!(
        "{prefix}ngày {:02} tháng {month} năm {}",
        date.day(),
        date.year()
    )
}

/// Section numbers of administrative documents (I, II, III…).
pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The place of a commune as a date line names it: "Xã Bắc Thanh Miện" → "Bắc Thanh Miện".
pub fn place_of(commune_name: &str) -> String {
    ["Xã ", "Phường ", "Đặc khu "]
        .iter()
        .find_map(|prefix| commune_name.strip_prefix(prefix))
        .unwrap_or(commune_name)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_line_names_the_place_without_its_rank() {
        assert_eq!(place_of("Xã Bắc Thanh Miện"), "Bắc Thanh Miện");
        assert_eq!(place_of("Phường Kinh Môn"), "Kinh Môn");
        assert_eq!(place_of("Thị trấn X"), "Thị trấn X");
    }

    #[test]
    fn date_line_pads_per_decree_30() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        assert_eq!(
            date_line("Bắc Thanh Miện", d(2026, 2, 5)),
            "Bắc Thanh Miện, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(
            date_line("Bắc Thanh Miện", d(2026, 11, 24)),
            "Bắc Thanh Miện, ngày 24 tháng 11 năm 2026"
        );
        assert_eq!(
            date_line("Hà Nội", d(2026, 1, 9)),
            "Hà Nội, ngày 09 tháng 01 năm 2026"
        );
        assert_eq!(
            date_line("Hà Nội", d(2026, 3, 10)),
            "Hà Nội, ngày 10 tháng 3 năm 2026"
        );
        assert_eq!(
            date_line("Hà Nội", d(2026, 12, 31)),
            "Hà Nội, ngày 31 tháng 12 năm 2026"
        );
        assert_eq!(date_line("  ", d(2026, 9, 2)), "ngày 02 tháng 9 năm 2026");
    }

    #[test]
    fn sections_are_numbered_in_roman() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }
}
