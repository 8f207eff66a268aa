//! Likely duplicates (ý kiến trùng lặp): residents of different thôn often raise the same matter in
//! different words. Texts are compared on their folded syllables, so diacritics, case and Unicode
//! form do not matter, and on syllable pairs, so word order counts a little.

use std::collections::HashSet;

/// Syllables that carry no subject in the way residents write opinions.
const FILLER: [&str; 22] = [
    "de", "nghi", "kien", "cua", "va", "cac", "cho", "la", "co", "duoc", "the", "nhung", "nay",
    "voi", "trong", "nhan", "dan", "xem", "xet", "em", "toi", "chung",
];

/// The comparison key of one text: its syllables and syllable pairs.
#[derive(Debug, Clone, Default)]
pub struct Shingles {
    grams: HashSet<String>,
}

impl Shingles {
    /// Builds the key from a text already folded with [`super::text::fold`].
    pub fn of_folded(folded: &str) -> Shingles {
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !FILLER.contains(w))
            .collect();
        let mut grams: HashSet<String> = words.iter().map(|w| (*w).to_owned()).collect();
        grams.extend(
            words
                .windows(2)
                .map(|pair| format!("{} {}", pair[0], pair[1])),
        );
        Shingles { grams }
    }

    /// Dice coefficient in 0..=1: twice the shared grams over the sum of both sizes.
    pub fn similarity(&self, other: &Shingles) -> f64 {
        let total = self.grams.len() + other.grams.len();
        if total == 0 {
            return 0.0;
        }
        let (small, large) = if self.grams.len() <= other.grams.len() {
            (&self.grams, &other.grams)
        } else {
            (&other.grams, &self.grams)
        };
        let shared = small.iter().filter(|g| large.contains(*g)).count();
        2.0 * shared as f64 / total as f64
    }
}

/// The most opinions compared with one on a click: those of the same topic first, newest
/// first. Ranking them all in a province-sized campaign would hold a thread for seconds.
pub const MAX_CANDIDATES: usize = 2_000;

/// Below this score two opinions are not offered as duplicates.
pub const SUGGEST_THRESHOLD: f64 = 0.3;

/// The `limit` candidates most like `target`, best first, at or above the threshold. Ties keep
/// the candidates' order so the list is stable between clicks.
pub fn rank<K: Clone>(target: &str, candidates: &[(K, String)], limit: usize) -> Vec<(K, f64)> {
    let target = Shingles::of_folded(target);
    let mut scored: Vec<(usize, f64)> = candidates
        .iter()
        .enumerate()
        .map(|(i, (_, text))| (i, target.similarity(&Shingles::of_folded(text))))
        .filter(|(_, score)| *score >= SUGGEST_THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
        .into_iter()
        .take(limit)
        .map(|(i, score)| (candidates[i].0.clone(), score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::fold;

    fn score(a: &str, b: &str) -> f64 {
        Shingles::of_folded(&fold(a)).similarity(&Shingles::of_folded(&fold(b)))
    }

    #[test]
    fn the_same_request_in_other_words_is_a_likely_duplicate() {
        let s = score(
            "Đề nghị sửa chữa đường liên thôn An Sơn đi An Lâu bị xuống cấp",
            "Đường liên thôn từ An Sơn đi An Lâu xuống cấp, đề nghị sửa chữa",
        );
        assert!(s >= SUGGEST_THRESHOLD, "score {s}");
    }

    #[test]
    fn diacritics_and_unicode_form_do_not_matter() {
        let composed = "Đường liên thôn xuống cấp";
        // NFD, as some keyboards type it
        let decomposed = "\u{110}u\u{31b}o\u{31b}\u{300}ng lie\u{302}n tho\u{302}n xuo\u{302}\u{301}ng ca\u{302}\u{301}p";
        assert!((score(composed, decomposed) - 1.0).abs() < 1e-9);
        assert!((score(composed, "duong lien thon xuong cap") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn unrelated_requests_are_not_suggested() {
        let s = score(
            "Đề nghị sửa chữa đường liên thôn An Sơn",
            "Đề nghị tăng cường tuần tra an ninh ban đêm ở khu chợ",
        );
        assert!(s < SUGGEST_THRESHOLD, "score {s}");
    }

    #[test]
    fn filler_alone_matches_nothing() {
        assert_eq!(score("Đề nghị xem xét", "Đề nghị xem xét"), 0.0);
    }

    #[test]
    fn ranking_is_best_first_and_limited() {
        let candidates = vec![
            (1, fold("Tăng cường tuần tra ban đêm")),
            (2, fold("Sửa đường liên thôn xuống cấp")),
            (3, fold("Đường liên thôn An Sơn xuống cấp nặng")),
            (4, fold("Đường liên thôn An Sơn xuống cấp nặng")),
        ];
        let ranked = rank(&fold("Đường liên thôn An Sơn xuống cấp"), &candidates, 2);
        let ids: Vec<i32> = ranked.iter().map(|(k, _)| *k).collect();
        assert_eq!(ids, vec![3, 4]);
        assert!(ranked[0].1 >= ranked[1].1);
    }
}
