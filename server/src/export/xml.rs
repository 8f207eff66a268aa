//! XML helpers shared by the XLSX and DOCX writers.

use std::fmt::Write as _;

/// Declaration that opens every XML part of an OOXML package.
pub(crate) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Appends formatted text to `out`.
pub(crate) fn push_fmt(out: &mut String, args: std::fmt::Arguments<'_>) {
    // Formatting into a String cannot fail; the Result only exists for other sinks.
    let _ = out.write_fmt(args);
}

/// Appends `text` to `out`, escaped for element content or a double-quoted attribute value.
///
/// Characters that XML 1.0 forbids outright (most C0 controls, U+FFFE, U+FFFF) are dropped:
/// residents paste text from all kinds of sources, and a single stray control character would
/// otherwise make Excel or Word refuse the whole file.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // A literal CR would be folded into LF by the parser's end-of-line handling.
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// Whether `c` may appear in an XML 1.0 document (the `Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    // Rust `char` cannot hold surrogates, so only the C0 range and the two non-characters
    // at the end of the BMP need excluding.
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"a & b <c> "d" 'e'"#),
            "a &amp; b &lt;c&gt; &quot;d&quot; 'e'"
        );
    }

    #[test]
    fn keeps_vietnamese_tab_and_newline() {
        assert_eq!(escape("Đường liên thôn\tỔ\ngà"), "Đường liên thôn\tỔ\ngà");
    }

    #[test]
    fn strips_illegal_characters_and_protects_cr() {
        assert_eq!(escape("a\u{0}b\u{1b}c\u{b}d\u{fffe}e\r"), "abcde&#13;");
    }
}
