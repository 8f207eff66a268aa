//! Settings from the environment, with defaults that run the app on a laptop.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// sqlx database URL; SQLite by default.
    pub database_url: String,
    /// Folder with `pkg/` (wasm, JS, CSS) and the public files.
    pub site_root: PathBuf,
    /// Load the demo commune into a new, empty database.
    pub demo_on_empty: bool,
    /// Mark the session cookie `Secure` and give it the `__Host-` name (behind HTTPS). On by
    /// default unless the server listens on loopback only.
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the real client (login throttling counts
    /// per client, not per proxy).
    pub trusted_proxies: Vec<IpAddr>,
}

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {name}={value}: {reason}")]
pub struct ConfigError {
    name: &'static str,
    value: String,
    reason: String,
}

impl Config {
    /// Reads `DANBAN_ADDR`, `DATABASE_URL`, `DANBAN_SITE_ROOT`, `DANBAN_DEMO`,
    /// `DANBAN_SECURE_COOKIES`, `DANBAN_TRUSTED_PROXIES`.
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr_text = var("DANBAN_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text
            .parse()
            .map_err(|e: std::net::AddrParseError| ConfigError {
                name: "DANBAN_ADDR",
                value: addr_text.clone(),
                reason: e.to_string(),
            })?;
        Ok(Config {
            addr,
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/danban.db?mode=rwc".into()),
            site_root: var("DANBAN_SITE_ROOT").map_or_else(|| "target/site".into(), PathBuf::from),
            demo_on_empty: parse_flag("DANBAN_DEMO", var("DANBAN_DEMO"), false)?,
            // Anyone reaching a server beyond loopback should be on HTTPS; plain HTTP there
            // has to be asked for.
            secure_cookies: parse_flag(
                "DANBAN_SECURE_COOKIES",
                var("DANBAN_SECURE_COOKIES"),
                !addr.ip().is_loopback(),
            )?,
            trusted_proxies: parse_addresses(
                "DANBAN_TRUSTED_PROXIES",
                var("DANBAN_TRUSTED_PROXIES"),
            )?,
        })
    }
}

fn parse_addresses(name: &'static str, value: Option<String>) -> Result<Vec<IpAddr>, ConfigError> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    value
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse()
                .map_err(|e: std::net::AddrParseError| ConfigError {
                    name,
                    value: part.to_owned(),
                    reason: e.to_string(),
                })
        })
        .collect()
}

fn parse_flag(
    name: &'static str,
    value: Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::trim) {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(ConfigError {
            name,
            value: other.to_owned(),
            reason: "expected 1/0, true/false, yes/no or on/off".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_accept_the_usual_spellings() {
        assert!(parse_flag("X", Some("yes".into()), false).expect("valid"));
        assert!(!parse_flag("X", Some("0".into()), true).expect("valid"));
        assert!(parse_flag("X", None, true).expect("default"));
        assert!(parse_flag("X", Some("maybe".into()), true).is_err());
    }

    #[test]
    fn trusted_proxies_are_a_comma_separated_list_of_addresses() {
        let list = parse_addresses("X", Some("127.0.0.1, ::1,".into())).expect("valid");
        assert_eq!(list.len(), 2);
        assert!(parse_addresses("X", Some("10.0.0.0/8".into())).is_err());
        assert!(parse_addresses("X", None).expect("empty").is_empty());
    }
}
