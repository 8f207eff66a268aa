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

#[cfg(test)]
mod tests {
    use super::*;

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
