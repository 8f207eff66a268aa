//! Deterministic generation of residents and households, so every demo database is the same.

use super::corpus::{FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES};

/// A tiny xorshift generator: deterministic, dependency-free, good enough for sample data.
pub struct Dice(u64);

impl Dice {
    /// A generator from a fixed seed.
    pub fn new(seed: u64) -> Dice {
        Dice(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A resident's full name, e.g. "Nguyễn Văn Hùng".
pub fn resident_name(dice: &mut Dice) -> String {
    format!(
        "{} {} {}",
        dice.pick(FAMILY_NAMES),
        dice.pick(MIDDLE_NAMES),
        dice.pick(GIVEN_NAMES)
    )
}

/// A household address inside a group, e.g. "Số 12, xóm 3, thôn An Sơn".
pub fn household(dice: &mut Dice, group: &str) -> String {
    format!(
        "Số {}, xóm {}, {}",
        1 + dice.below(120),
        1 + dice.below(6),
        lower_first(group)
    )
}

/// "Thôn An Sơn" → "thôn An Sơn", as it reads inside an address.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A Vietnamese mobile number.
pub fn phone(dice: &mut Dice) -> String {
    let prefix = dice.pick(&["098", "097", "091", "090", "086", "035", "033", "088"]);
    format!("{prefix}{:07}", dice.next() % 10_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let (mut a, mut b) = (Dice::new(7), Dice::new(7));
        assert_eq!(resident_name(&mut a), resident_name(&mut b));
        assert_eq!(phone(&mut a), phone(&mut b));
    }

    #[test]
    fn addresses_keep_proper_names_capitalised() {
        let address = household(&mut Dice::new(3), "Thôn An Sơn");
        assert!(address.ends_with(", thôn An Sơn"), "{address}");
    }

    #[test]
    fn phones_have_ten_digits() {
        let mut dice = Dice::new(42);
        for _ in 0..100 {
            let p = phone(&mut dice);
            assert_eq!(p.len(), 10);
            assert!(p.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
