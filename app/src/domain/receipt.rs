//! Receipt codes (mã tra cứu): short, read aloud and copied onto paper, so the alphabet leaves
//! out the look-alikes 0/O and 1/I.

use serde::{Deserialize, Serialize};

/// Lookups one address may make in a [`LOOKUP_WINDOW_MINUTES`] window. A code is 40 random
/// bits: at this pace, guessing one of a commune's ten thousand codes takes millennia.
pub const LOOKUPS_PER_WINDOW: i64 = 10;
/// The window lookups are counted over.
pub const LOOKUP_WINDOW_MINUTES: i64 = 15;

/// The 32 symbols a code is made of.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A valid receipt code, written `XXXX-XXXX`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReceiptCode(String);

impl ReceiptCode {
    /// The code for 40 random bits (8 symbols × 5 bits).
    pub fn from_bits(bits: u64) -> ReceiptCode {
        let mut s = String::with_capacity(9);
        for i in 0..8 {
            if i == 4 {
                s.push('-');
            }
            let index = ((bits >> (35 - 5 * i)) & 31) as usize;
            s.push(char::from(ALPHABET[index]));
        }
        ReceiptCode(s)
    }

    /// Parses what a resident typed: case, spaces and the dash are forgiven, and the
    /// look-alikes O→0… are not accepted because they never occur.
    pub fn parse(input: &str) -> Option<ReceiptCode> {
        let symbols: Vec<char> = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if symbols.len() != 8
            || !symbols
                .iter()
                .all(|c| c.is_ascii() && ALPHABET.contains(&(*c as u8)))
        {
            return None;
        }
        let mut s: String = symbols[..4].iter().collect();
        s.push('-');
        s.extend(&symbols[4..]);
        Some(ReceiptCode(s))
    }

    /// The code as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_avoid_look_alike_symbols() {
        for bits in [0u64, 1, 0xff_ffff_ffff, 0x12_3456_789a] {
            let code = ReceiptCode::from_bits(bits);
            assert_eq!(code.as_str().len(), 9);
            assert!(!code.as_str().contains(['0', 'O', '1', 'I']));
        }
    }

    #[test]
    fn typed_codes_are_normalised() {
        let code = ReceiptCode::from_bits(0x12_3456_789a);
        let typed = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(ReceiptCode::parse(&typed), Some(code));
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_rejected() {
        assert_eq!(ReceiptCode::parse("ABCD-EFG0"), None);
        assert_eq!(ReceiptCode::parse("ABCD-EFGI"), None);
        assert_eq!(ReceiptCode::parse("ABC"), None);
    }
}
