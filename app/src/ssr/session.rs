//! Session tokens and the cookie that carries them. Only a SHA-256 of the token is stored, so
//! a leaked database does not hand out live sessions.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "danban_session";

/// A fresh random token (256 bits) and the hash to store for it.
pub fn new_token() -> Result<(String, String), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

/// The `Set-Cookie` value that stores the session in the browser.
pub fn session_cookie(token: &str, max_age_secs: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && !value.is_empty())
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hash_stably() {
        let (a, hash_a) = new_token().expect("random");
        let (b, _) = new_token().expect("random");
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), hash_a);
        assert_ne!(a, hash_a);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let cookie = session_cookie("abc", 60, true);
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Lax"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!session_cookie("abc", 60, false).contains("Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let header = "theme=dark; danban_session=tok123; other=1";
        assert_eq!(token_from_cookie_header(header), Some("tok123"));
        assert_eq!(token_from_cookie_header("danban_session="), None);
        assert_eq!(token_from_cookie_header("x=1"), None);
    }
}
