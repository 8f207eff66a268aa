//! Session tokens and the cookie that carries them. Only a SHA-256 of the token is stored, so
//! a leaked database does not hand out live sessions.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Name of the session cookie over plain HTTP on loopback (a laptop, the tests).
pub const COOKIE_NAME: &str = "danban_session";

/// Name of the session cookie behind HTTPS. Browsers accept a `__Host-` cookie only when it is
/// `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain or a plain-HTTP page cannot
/// plant or overwrite it.
pub const SECURE_COOKIE_NAME: &str = "__Host-danban_session";

/// The cookie's name for the server's setting.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// 256 random bits from the operating system, base64url: a session token, or a page's CSP
/// nonce.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A fresh random token and the hash to store for it.
pub fn new_token() -> Result<(String, String), getrandom::Error> {
    let token = random_token()?;
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
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}

/// The session token among a request's `Cookie` headers, if any (see
/// [`token_from_cookie_header`]).
pub fn token_from_headers(headers: &http::HeaderMap, secure: bool) -> Option<&str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| token_from_cookie_header(header, secure))
}

/// The session token in a `Cookie` header, if any. Only the name of the server's setting
/// counts: behind HTTPS an unprefixed cookie may have been planted over plain HTTP.
pub fn token_from_cookie_header(header: &str, secure: bool) -> Option<&str> {
    let wanted = cookie_name(secure);
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == wanted && !value.is_empty())
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
        assert!(cookie.starts_with("__Host-danban_session=abc; Path=/;"));
        assert!(!cookie.contains("Domain"));
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Lax"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!session_cookie("abc", 60, false).contains("Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let header = "theme=dark; danban_session=tok123; other=1";
        assert_eq!(token_from_cookie_header(header, false), Some("tok123"));
        assert_eq!(token_from_cookie_header("danban_session=", false), None);
        assert_eq!(token_from_cookie_header("x=1", false), None);
    }

    #[test]
    fn behind_https_only_the_prefixed_cookie_counts() {
        let planted = "danban_session=planted";
        assert_eq!(token_from_cookie_header(planted, true), None);
        let both = "danban_session=planted; __Host-danban_session=real";
        assert_eq!(token_from_cookie_header(both, true), Some("real"));
        assert_eq!(token_from_cookie_header(both, false), Some("planted"));
    }
}
