//! Settings from the environment, with defaults that run the app on a laptop.

use std::net::SocketAddr;
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
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
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
    /// `DANBAN_SECURE_COOKIES`.
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
            demo_on_empty: parse_flag("DANBAN_DEMO", var("DANBAN_DEMO"), true)?,
            secure_cookies: parse_flag(
                "DANBAN_SECURE_COOKIES",
                var("DANBAN_SECURE_COOKIES"),
                false,
            )?,
        })
    }
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
}
