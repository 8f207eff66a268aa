//! Password hashing with argon2id (PHC strings, per-password salt).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// The shortest password accepted for a new account.
pub const MIN_PASSWORD_CHARS: usize = 8;

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
