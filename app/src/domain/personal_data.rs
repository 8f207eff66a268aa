//! Residents' personal data (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): the consent text a form
//! was filled under, how long names, phones and households are kept after a campaign closes,
//! and what replaces them when they are erased.

use chrono::{DateTime, Duration, Utc};

/// The consent text the phone shows now. Each form records the version it was filled under.
pub const CONSENT_VERSION: &str = "2";

/// The consent text of the current version, as the collector reads it to the resident.
pub const CONSENT_TEXT: &str = "Người dân đồng ý cho ghi thông tin cá nhân (họ tên, số điện \
     thoại, địa chỉ) để liên hệ về ý kiến này; thông tin được xóa khi hết thời hạn lưu trữ.";

/// Every consent text ever shown, by version, so that what a resident agreed to can be read
/// back years later.
pub const CONSENT_TEXTS: &[(&str, &str)] = &[
    ("1", "Người dân đồng ý cho ghi thông tin cá nhân"),
    (CONSENT_VERSION, CONSENT_TEXT),
];

/// The text of a consent version.
pub fn consent_text(version: &str) -> Option<&'static str> {
    CONSENT_TEXTS
        .iter()
        .find(|(v, _)| *v == version)
        .map(|(_, text)| *text)
}

/// The consent version to record with a form: none without consent; version 1 for phones
/// that sent no version, because version 1 is the only text they ever showed.
pub fn recorded_consent(consent: bool, version: Option<&str>) -> Option<String> {
    consent.then(|| version.unwrap_or("1").to_owned())
}

/// Days personal data is kept after a campaign closes, unless the commune sets otherwise.
pub const DEFAULT_RETENTION_DAYS: i64 = 365;
/// The shortest retention a commune may set: the follow-up of a closed campaign still needs
/// to reach people for a while.
pub const MIN_RETENTION_DAYS: i64 = 30;
/// The longest retention a commune may set.
pub const MAX_RETENTION_DAYS: i64 = 3650;

/// A retention setting as typed, checked.
pub fn checked_retention(days: i64) -> Result<i64, String> {
    if (MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(format!(
            "Thời hạn lưu dữ liệu cá nhân từ {MIN_RETENTION_DAYS} đến {MAX_RETENTION_DAYS} ngày."
        ))
    }
}

/// Whether a campaign closed at `closed_at` is due for erasure at `now`.
pub fn erasure_due(closed_at: DateTime<Utc>, retention_days: i64, now: DateTime<Utc>) -> bool {
    closed_at + Duration::days(retention_days) <= now
}

/// What replaces the n-th distinct household of a campaign: the desk still counts households,
/// and nobody can tell which house it was.
pub fn household_pseudonym(n: usize) -> String {
    format!("Hộ số {n}")
}

/// What replaces a household erased at a resident's request: numbered apart from the
/// retention's "Hộ số N", so the two never meet before the retention renames them all.
pub fn erased_household(n: i64) -> String {
    format!("Hộ đã xóa số {n}")
}

/// Whether a household is already one of the pseudonyms above (nothing left to erase).
pub fn is_pseudonym(household: &str) -> bool {
    let rest = household
        .strip_prefix("Hộ đã xóa số ")
        .or_else(|| household.strip_prefix("Hộ số "));
    rest.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What replaces a speaker's name on the conference record.
pub fn speaker_pseudonym(position: i64) -> String {
    format!("Người phát biểu số {position}")
}

/// How many records one campaign's erasure changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Erased {
    /// Forms whose name, phone and household were erased.
    pub forms: i64,
    /// Distinct households replaced by a pseudonym.
    pub households: i64,
    /// Conference speakers whose names were replaced.
    pub speakers: i64,
    /// Conflicting copies of forms kept for staff, with their personal fields emptied.
    pub conflicts: i64,
}

/// Empties the personal fields of a form as kept in a conflict record (its JSON as sent).
/// Anything that is not such a form is left as it is.
pub fn redact_form_json(body: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(body).ok()?;
    let respondent = value.get_mut("respondent")?.as_object_mut()?;
    for field in ["name", "phone", "household"] {
        if respondent.contains_key(field) {
            respondent.insert(field.to_owned(), serde_json::Value::Null);
        }
    }
    serde_json::to_string(&value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_version_keeps_its_text() {
        assert_eq!(consent_text(CONSENT_VERSION), Some(CONSENT_TEXT));
        assert!(consent_text("1").is_some());
        assert_eq!(consent_text("9"), None);
        assert_eq!(recorded_consent(true, None).as_deref(), Some("1"));
        assert_eq!(recorded_consent(true, Some("2")).as_deref(), Some("2"));
        assert_eq!(recorded_consent(false, Some("2")), None);
        assert!(
            CONSENT_TEXT.starts_with(consent_text("1").unwrap_or_default()),
            "the label collectors know still reads the same way"
        );
    }

    #[test]
    fn retention_counts_from_the_closing() {
        let closed = Utc
            .with_ymd_and_hms(2026, 1, 10, 3, 0, 0)
            .single()
            .expect("valid");
        assert!(!erasure_due(closed, 30, closed + Duration::days(29)));
        assert!(erasure_due(closed, 30, closed + Duration::days(30)));
        assert!(checked_retention(29).is_err());
        assert!(checked_retention(3651).is_err());
        assert_eq!(checked_retention(365), Ok(365));
    }

    #[test]
    fn pseudonyms_are_recognised() {
        assert!(is_pseudonym(&household_pseudonym(12)));
        assert!(is_pseudonym(&erased_household(3)));
        assert!(!is_pseudonym("Hộ số 4, ngõ 2"));
        assert!(!is_pseudonym("Số 12, xóm 3, thôn An Sơn"));
    }

    #[test]
    fn redaction_empties_only_personal_fields() {
        let body = r#"{"id":"x","respondent":{"name":"Lê Thị Hoa","phone":"0912345678",
            "household":"Số 4 ngõ 2","kind":"nhan_dan","anonymous":false},"proposal":"Làm đường"}"#;
        let redacted = redact_form_json(body).expect("a form");
        assert!(
            !redacted.contains("Hoa") && !redacted.contains("0912") && !redacted.contains("ngõ")
        );
        assert!(redacted.contains("nhan_dan") && redacted.contains("Làm đường"));
        assert_eq!(redact_form_json("not json"), None);
    }
}
