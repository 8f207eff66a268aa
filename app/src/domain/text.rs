//! Folding Vietnamese text for search: lower case, no diacritics, "đ" as "d", so that "duong"
//! finds "Đường" whichever Unicode form (composed or decomposed) the keyboard produced.

const FOLDS: [(&str, char); 7] = [
    ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
    ("èéẹẻẽêềếệểễ", 'e'),
    ("ìíịỉĩ", 'i'),
    ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
    ("ùúụủũưừứựửữ", 'u'),
    ("ỳýỵỷỹ", 'y'),
    ("đ", 'd'),
];

/// The search key of a text: lower-case ASCII letters for Vietnamese letters, combining marks
/// dropped, runs of white space collapsed to one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for ch in text.chars() {
        // combining diacritical marks (decomposed input)
        if ('\u{300}'..='\u{36f}').contains(&ch) {
            continue;
        }
        if ch.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.push(fold_char(ch));
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fold_char(ch: char) -> char {
    // Vietnamese capitals lower-case to the precomposed small letters listed above.
    let lower = ch.to_lowercase().next().unwrap_or(ch);
    if lower.is_ascii() {
        return lower;
    }
    FOLDS
        .iter()
        .find(|(set, _)| set.contains(lower))
        .map_or(lower, |(_, base)| *base)
}

/// Control characters other than line breaks and tabs: a NUL or an escape code from a broken
/// keyboard or a pasted document. PostgreSQL text cannot hold a NUL at all.
pub fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// The first `max` characters of `text`, with "…" when it was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut short: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        short.push('…');
    }
    short
}

/// Text typed at the desk, trimmed, or why it cannot be kept (in Vietnamese, naming the field):
/// longer than `max` characters, or holding a control character.
pub fn checked(label: &str, text: &str, max: usize) -> Result<String, String> {
    let text = text.trim();
    if has_control(text) {
        return Err(format!(
            "{label} có ký tự điều khiển không hợp lệ; hãy gõ lại hoặc dán dưới dạng văn bản thường."
        ));
    }
    let length = text.chars().count();
    if length > max {
        return Err(format!(
            "{label} dài tối đa {max} ký tự (hiện có {length} ký tự)."
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_marked_only_when_cut() {
        assert_eq!(excerpt("Đường làng", 10), "Đường làng");
        assert_eq!(excerpt("Đường làng ngập", 10), "Đường làng…");
    }

    #[test]
    fn desk_text_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            checked("Tên", "  Đường làng \n", 20),
            Ok("Đường làng".into())
        );
        assert_eq!(
            checked("Tên", "hai\ndòng\tcó tab", 20),
            Ok("hai\ndòng\tcó tab".into())
        );
        let long = checked("Tóm tắt", &"ư".repeat(11), 10).expect_err("too long");
        assert!(
            long.contains("Tóm tắt dài tối đa 10 ký tự (hiện có 11"),
            "{long}"
        );
        let nul = checked("Tên", "a\u{0}b", 20).expect_err("control");
        assert!(nul.starts_with("Tên có ký tự điều khiển"), "{nul}");
    }

    #[test]
    fn duong_finds_duong_with_every_diacritic() {
        assert_eq!(fold("Đường trục thôn"), "duong truc thon");
        assert_eq!(fold("ĐƯỜNG"), "duong");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        // "ế" typed as e + circumflex + acute
        let decomposed = "Ki\u{0065}\u{0302}\u{0301}n nghi\u{0323}";
        assert_eq!(fold(decomposed), fold("Kiến nghị"));
        assert_eq!(fold(decomposed), "kien nghi");
    }

    #[test]
    fn capitals_of_every_vowel_fold_to_their_letter() {
        assert_eq!(fold("ÌÍỊỈĨ ÒÓ ÙÚ ỲÝỴỶỸ"), "iiiii oo uu yyyyy");
    }

    #[test]
    fn white_space_is_collapsed() {
        assert_eq!(fold("  an   ninh\n trật tự "), "an ninh trat tu");
    }
}
