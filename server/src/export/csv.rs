//! CSV lines that Excel users in Vietnam can open by double-clicking.

/// UTF-8 byte-order mark. Write it once at the start of the file: without it Excel decodes
/// the file in the legacy ANSI code page and Vietnamese diacritics come out garbled.
pub const BOM: &str = "\u{feff}";

/// Formats one RFC 4180 record: fields separated by commas, quoted when they contain a
/// comma, quote, CR or LF (quotes doubled), terminated by CRLF.
///
/// Fields beginning with `=`, `+`, `-`, `@`, tab or CR get a leading apostrophe. The file is
/// full of residents' free text and is opened in Excel by officials, and Excel evaluates such
/// a cell as a formula (CSV/formula injection: `=HYPERLINK(...)` phishing links, DDE
/// payloads). The apostrophe stays visible as part of the text, which is the accepted price;
/// note that it also applies to negative numbers such as `-5`, so pass numbers that must stay
/// numeric through a different export (XLSX) rather than relying on CSV.
pub fn csv_line(fields: &[&str]) -> String {
    let mut line = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum::<usize>() + 2);
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_field(&mut line, field);
    }
    line.push_str("\r\n");
    line
}

fn push_field(out: &mut String, field: &str) {
    let defuse = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = field.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    if quote {
        for ch in field.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields() {
        assert_eq!(csv_line(&["a", "b", "", "42"]), "a,b,,42\r\n");
        assert_eq!(csv_line(&[]), "\r\n");
    }

    #[test]
    fn comma_is_quoted() {
        assert_eq!(
            csv_line(&["An Sơn, An Lâu", "x"]),
            "\"An Sơn, An Lâu\",x\r\n"
        );
    }

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(
            csv_line(&["ông \"Tư\" nói", "y"]),
            "\"ông \"\"Tư\"\" nói\",y\r\n"
        );
    }

    #[test]
    fn line_breaks_are_quoted() {
        assert_eq!(csv_line(&["dòng 1\ndòng 2"]), "\"dòng 1\ndòng 2\"\r\n");
        assert_eq!(csv_line(&["a\r\nb"]), "\"a\r\nb\"\r\n");
    }

    #[test]
    fn vietnamese_passes_through_and_bom_is_utf8() {
        assert_eq!(
            csv_line(&["Đường liên thôn", "Ý kiến", "Phù Tải"]),
            "Đường liên thôn,Ý kiến,Phù Tải\r\n"
        );
        assert_eq!(BOM.as_bytes(), [0xEF, 0xBB, 0xBF]);
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(csv_line(&["=1+1"]), "'=1+1\r\n");
        assert_eq!(csv_line(&["+84912345678"]), "'+84912345678\r\n");
        assert_eq!(csv_line(&["-5"]), "'-5\r\n");
        assert_eq!(csv_line(&["@SUM(A1)"]), "'@SUM(A1)\r\n");
        assert_eq!(csv_line(&["\tx"]), "'\tx\r\n");
        assert_eq!(csv_line(&["\rx"]), "\"'\rx\"\r\n");
        assert_eq!(
            csv_line(&["=HYPERLINK(\"http://x\",\"bấm\")"]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\"\r\n"
        );
        // Only the first character matters.
        assert_eq!(csv_line(&["a=b", "5-3"]), "a=b,5-3\r\n");
    }
}
