//! Password hashing with argon2id (PHC strings, per-password salt).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// The shortest password accepted for a new account.
pub const MIN_PASSWORD_CHARS: usize = crate::domain::login::MIN_NEW_PASSWORD_CHARS;

/// Hashes a password for storage.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// True when `password` matches the stored hash. A malformed hash never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Characters of a one-time password: no 0/o, 1/l/i to misread when it is read out or copied.
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A password an administrator hands over (first start, reset): 12 characters, ~59 bits. The
/// user must replace it at the first login.
pub fn one_time_password() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes)?;
    // 256 is not a multiple of 31: the first 8 characters are slightly likelier, which costs
    // well under a bit of the 59.
    Ok(bytes
        .iter()
        .map(|b| char::from(ONE_TIME_ALPHABET[usize::from(*b) % ONE_TIME_ALPHABET.len()]))
        .collect())
}

/// [`hash_password`] on a blocking thread behind the same limit as checks.
pub async fn hash_password_off_runtime(password: &str) -> Result<String, HashError> {
    let _permit = CHECKS
        .acquire()
        .await
        .map_err(|e| HashError(e.to_string()))?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| HashError(e.to_string()))?
}

/// Argon2 takes ~20 ms of one core and 19 MiB per check: at most this many run at once, on
/// blocking threads, so a burst of logins neither starves the async runtime nor the memory.
static CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// [`verify_password`] on a blocking thread behind [`CHECKS`]. `None` for a stored hash of an
/// unknown account: the decoy is checked instead, so the answer takes as long.
pub async fn verify_password_off_runtime(password: &str, stored: Option<&str>) -> bool {
    let Ok(_permit) = CHECKS.acquire().await else {
        return false;
    };
    let password = password.to_owned();
    let stored = stored.map(str::to_owned);
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => verify_password(&password, &hash),
        None => {
            verify_password(&password, decoy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// A hash that matches no password, verified when the username is unknown so that the answer
/// takes as long as for a real account and does not reveal which usernames exist.
pub fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lzYWx0ZGVjb3k$3Gd+Ff0t6XMUQbRkX4l9fTQ2yFhbbkQw3iX0q7qnS9w"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_are_long_unambiguous_and_different() {
        let a = one_time_password().expect("random");
        let b = one_time_password().expect("random");
        assert_eq!(a.chars().count(), 12);
        assert!(a.len() >= MIN_PASSWORD_CHARS);
        assert!(a.bytes().all(|c| ONE_TIME_ALPHABET.contains(&c)));
        assert!(!a.contains(['0', 'o', '1', 'l', 'i']));
        assert_ne!(a, b);
    }

    #[test]
    fn a_hashed_password_verifies_and_others_do_not() {
        let hash = hash_password("mật khẩu dài").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("mật khẩu dài", &hash));
        assert!(!verify_password("mat khau dai", &hash));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let a = hash_password("danban2026").expect("hashes");
        let b = hash_password("danban2026").expect("hashes");
        assert_ne!(a, b);
    }

    #[tokio::test]
    async fn checks_off_the_runtime_agree_with_the_plain_check() {
        let hash = hash_password("mật khẩu dài").expect("hashes");
        assert!(verify_password_off_runtime("mật khẩu dài", Some(&hash)).await);
        assert!(!verify_password_off_runtime("sai", Some(&hash)).await);
        assert!(!verify_password_off_runtime("mật khẩu dài", None).await);
    }

    #[test]
    fn garbage_hashes_never_match() {
        assert!(!verify_password("x", "not a hash"));
        assert!(!verify_password("", decoy_hash()));
    }
}
