//! When a failed login may be tried again. Throttling is counted per (username, address) so a
//! stranger guessing at an account from elsewhere never locks its owner out, and per address
//! for any username so one machine cannot spray guesses over many accounts. Past the free
//! tries each further failure doubles the wait instead of locking anyone out.

use chrono::{DateTime, Duration, Utc};

/// Failed (or still unfinished) attempts counted since the last success, within the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    /// How many.
    pub count: u32,
    /// When the latest one was made.
    pub last_at: Option<DateTime<Utc>>,
}

/// One throttle: free tries, then waits that double from `first_wait` up to `max_wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Failures allowed without any wait.
    pub free: u32,
    /// The wait after the first failure past the free ones.
    pub first_wait: Duration,
    /// The longest wait.
    pub max_wait: Duration,
}

/// For one username from one address: a person mistyping gets five tries at once.
pub const PER_ACCOUNT_AND_ADDRESS: Throttle = Throttle {
    free: 5,
    first_wait: Duration::seconds(15),
    max_wait: Duration::minutes(15),
};

/// For one address and any username: a ward office behind one NAT logs in many people.
pub const PER_ADDRESS: Throttle = Throttle {
    free: 30,
    first_wait: Duration::seconds(15),
    max_wait: Duration::minutes(15),
};

/// How far back failures count at all.
pub const WINDOW: Duration = Duration::hours(1);

impl Throttle {
    /// How long to wait before the next try is even checked, or `None` when it may go ahead.
    pub fn wait(&self, failures: Failures, now: DateTime<Utc>) -> Option<Duration> {
        let past_free = failures.count.checked_sub(self.free)?;
        let last = failures.last_at?;
        // 2^20 × 15 s is far past any sensible cap; the shift cannot overflow.
        let factor = 1i32 << past_free.min(20);
        let wait = (self.first_wait * factor).min(self.max_wait);
        let until = last + wait;
        (until > now).then(|| until - now)
    }
}

/// Whole minutes to tell the person, rounded up (at least one).
pub fn minutes_to_wait(wait: Duration) -> u32 {
    let seconds = wait.num_seconds().max(1);
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}

/// The shortest password a user may choose (the same as for accounts made on the command line).
pub const MIN_NEW_PASSWORD_CHARS: usize = 8;

/// A username that may be given to a new account: 3–32 of a–z, 0–9, '.', '_', '-' (typed
/// easily on any phone keyboard, the same in every font).
pub fn valid_new_username(name: &str) -> bool {
    (3..=32).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(valid_new_username("an.son_01"));
        assert!(!valid_new_username("ab"));
        assert!(!valid_new_username("trưởng thôn"));
        assert!(!valid_new_username("Admin"));
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("valid")
    }

    fn failures(count: u32, last: i64) -> Failures {
        Failures {
            count,
            last_at: Some(at(last)),
        }
    }

    #[test]
    fn the_free_tries_never_wait() {
        let t = PER_ACCOUNT_AND_ADDRESS;
        assert_eq!(t.wait(Failures::default(), at(0)), None);
        assert_eq!(t.wait(failures(4, 0), at(0)), None);
    }

    #[test]
    fn each_failure_past_the_free_ones_doubles_the_wait_up_to_the_cap() {
        let t = PER_ACCOUNT_AND_ADDRESS;
        assert_eq!(t.wait(failures(5, 0), at(0)), Some(Duration::seconds(15)));
        assert_eq!(t.wait(failures(6, 0), at(0)), Some(Duration::seconds(30)));
        assert_eq!(t.wait(failures(8, 0), at(0)), Some(Duration::seconds(120)));
        assert_eq!(t.wait(failures(40, 0), at(0)), Some(Duration::minutes(15)));
        assert_eq!(
            t.wait(failures(u32::MAX, 0), at(0)),
            Some(Duration::minutes(15))
        );
    }

    #[test]
    fn the_wait_runs_from_the_last_failure() {
        let t = PER_ACCOUNT_AND_ADDRESS;
        assert_eq!(t.wait(failures(6, 0), at(20)), Some(Duration::seconds(10)));
        assert_eq!(t.wait(failures(6, 0), at(30)), None);
    }

    #[test]
    fn people_are_told_whole_minutes() {
        assert_eq!(minutes_to_wait(Duration::seconds(1)), 1);
        assert_eq!(minutes_to_wait(Duration::seconds(60)), 1);
        assert_eq!(minutes_to_wait(Duration::seconds(61)), 2);
        assert_eq!(minutes_to_wait(Duration::zero()), 1);
    }
}
