//! Rules a form must meet, checked the same way on the phone (before saving) and on the server
//! (before storing). Messages are Vietnamese and say what to fix.

use crate::domain::ids::{CampaignId, FormId, GroupId, OpinionId, TopicId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{FormSubmission, OpinionEntry, Respondent};
use crate::domain::personal_data::CONSENT_VERSION;
use crate::domain::receipt::ReceiptCode;
use crate::domain::respondent::RespondentKind;
use crate::domain::text::has_control;

/// One opinion being typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionDraft {
    /// Made when the row is added.
    pub id: OpinionId,
    /// Chosen topic.
    pub topic_id: Option<TopicId>,
    /// Text so far.
    pub text: String,
}

impl OpinionDraft {
    /// An empty row.
    pub fn new() -> OpinionDraft {
        OpinionDraft {
            id: OpinionId::new(),
            topic_id: None,
            text: String::new(),
        }
    }
}

impl Default for OpinionDraft {
    fn default() -> Self {
        OpinionDraft::new()
    }
}

/// A form being filled in: every keystroke lands here and is autosaved on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    /// The form's identity, born with the draft.
    pub id: FormId,
    /// Revision the form had when it was opened for editing (1 for a new form).
    pub revision: u32,
    /// Chosen campaign.
    pub campaign_id: Option<CampaignId>,
    /// Chosen group.
    pub group_id: Option<GroupId>,
    /// Receipt code for the resident.
    pub receipt_code: String,
    /// Respondent name.
    pub name: String,
    /// Anonymous form.
    pub anonymous: bool,
    /// Household or address.
    pub household: String,
    /// Phone.
    pub phone: String,
    /// Respondent kind.
    pub kind: RespondentKind,
    /// Opinions.
    pub opinions: Vec<OpinionDraft>,
    /// Proposal.
    pub proposal: String,
    /// Wants to speak at the conference.
    pub wants_to_speak: bool,
    /// Consent to record personal data.
    pub consent: bool,
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

impl FormDraft {
    /// A blank form with a fresh id and receipt code (`random` supplies the code's bits).
    pub fn new(random: u64) -> FormDraft {
        FormDraft {
            id: FormId::new(),
            revision: 1,
            campaign_id: None,
            group_id: None,
            receipt_code: ReceiptCode::from_bits(random).as_str().to_owned(),
            name: String::new(),
            anonymous: false,
            household: String::new(),
            phone: String::new(),
            kind: RespondentKind::Resident,
            opinions: vec![OpinionDraft::new()],
            proposal: String::new(),
            wants_to_speak: false,
            consent: false,
        }
    }

    /// Reopens a saved form for correction.
    pub fn from_submission(form: &FormSubmission) -> FormDraft {
        let r = &form.respondent;
        FormDraft {
            id: form.id,
            revision: form.revision,
            campaign_id: Some(form.campaign_id),
            group_id: Some(form.group_id),
            receipt_code: form.receipt_code.clone(),
            name: r.name.clone().unwrap_or_default(),
            anonymous: r.anonymous,
            household: r.household.clone().unwrap_or_default(),
            phone: r.phone.clone().unwrap_or_default(),
            kind: r.kind,
            opinions: form
                .opinions
                .iter()
                .map(|o| OpinionDraft {
                    id: o.id,
                    topic_id: Some(o.topic_id),
                    text: o.text.clone(),
                })
                .collect(),
            proposal: form.proposal.clone().unwrap_or_default(),
            wants_to_speak: form.wants_to_speak,
            consent: form.consent,
        }
    }

    /// The form to save, or what is missing (Vietnamese). Empty opinion rows are dropped.
    pub fn to_submission(&self, now: DateTime<Utc>) -> Result<FormSubmission, String> {
        let campaign_id = self.campaign_id.ok_or("Vui lòng chọn đợt đối thoại.")?;
        let group_id = self.group_id.ok_or("Vui lòng chọn thôn, tổ dân phố.")?;
        let mut opinions = Vec::new();
        for opinion in self.opinions.iter().filter(|o| !o.text.trim().is_empty()) {
            let topic_id = opinion
                .topic_id
                .ok_or("Vui lòng chọn nhóm nội dung cho từng ý kiến.")?;
            opinions.push(OpinionEntry {
                id: opinion.id,
                topic_id,
                text: opinion.text.trim().to_owned(),
            });
        }
        let form = FormSubmission {
            id: self.id,
            revision: self.revision,
            campaign_id,
            group_id,
            receipt_code: self.receipt_code.clone(),
            respondent: Respondent {
                name: if self.anonymous {
                    None
                } else {
                    optional(&self.name)
                },
                anonymous: self.anonymous,
                household: optional(&self.household),
                phone: if self.anonymous {
                    None
                } else {
                    optional(&self.phone)
                },
                kind: self.kind,
            },
            opinions,
            proposal: optional(&self.proposal),
            wants_to_speak: self.wants_to_speak,
            consent: self.consent,
            consent_version: self.consent.then(|| CONSENT_VERSION.to_owned()),
            filled_at: now,
        };
        validate(&form)?;
        Ok(form)
    }
}

/// Longest opinion text accepted (characters).
pub const MAX_OPINION_CHARS: usize = 4000;
/// Most opinions on one form.
pub const MAX_OPINIONS: usize = 20;
/// Longest name, household or proposal (characters).
pub const MAX_FIELD_CHARS: usize = 500;

/// How far ahead of the server's clock a phone's clock may run before its forms are refused.
pub const CLOCK_SLACK_HOURS: i64 = 24;

/// A form as the server receives it: [`validate`], and its time no later than a day after
/// `now` (a phone whose clock says 9999 would otherwise date opinions into the future; saving
/// the form again on a phone with the right time restamps it).
pub fn validate_received(form: &FormSubmission, now: DateTime<Utc>) -> Result<(), String> {
    validate(form)?;
    if form.filled_at > now + chrono::Duration::hours(CLOCK_SLACK_HOURS) {
        return Err(format!(
            "Ngày giờ trên phiếu ({}) muộn hơn thời điểm hiện tại: hãy chỉnh đồng hồ điện \
             thoại, mở phiếu, lưu lại rồi đồng bộ.",
            crate::domain::format_datetime(form.filled_at)
        ));
    }
    Ok(())
}

/// The first problem found, in Vietnamese.
pub fn validate(form: &FormSubmission) -> Result<(), String> {
    if form.revision == 0 {
        return Err("Số lần sửa của phiếu không hợp lệ.".into());
    }
    let r = &form.respondent;
    let texts = form
        .opinions
        .iter()
        .map(|o| o.text.as_str())
        .chain(
            [&r.name, &r.household, &r.phone, &form.proposal]
                .into_iter()
                .flatten()
                .map(String::as_str),
        )
        .chain([form.receipt_code.as_str()]);
    if texts.into_iter().any(has_control) {
        return Err(
            "Phiếu có ký tự điều khiển không đọc được (thường do dán từ văn bản khác): hãy mở \
             phiếu, xóa rồi nhập lại đoạn đó."
                .into(),
        );
    }
    if ReceiptCode::parse(&form.receipt_code).is_none() {
        return Err("Mã tra cứu của phiếu không hợp lệ.".into());
    }
    let opinions: Vec<_> = form
        .opinions
        .iter()
        .filter(|o| !o.text.trim().is_empty())
        .collect();
    if opinions.is_empty() {
        return Err("Phiếu cần ít nhất một ý kiến, kiến nghị.".into());
    }
    if opinions.len() != form.opinions.len() {
        return Err("Có ý kiến để trống nội dung: vui lòng nhập hoặc xóa ý kiến đó.".into());
    }
    if form.opinions.len() > MAX_OPINIONS {
        return Err(format!("Một phiếu có tối đa {MAX_OPINIONS} ý kiến."));
    }
    if form
        .opinions
        .iter()
        .any(|o| o.text.chars().count() > MAX_OPINION_CHARS)
    {
        return Err(format!("Mỗi ý kiến dài tối đa {MAX_OPINION_CHARS} ký tự."));
    }
    let long = |v: &Option<String>| {
        v.as_ref()
            .is_some_and(|s| s.chars().count() > MAX_FIELD_CHARS)
    };
    if long(&r.name) || long(&r.household) || long(&form.proposal) {
        return Err(format!(
            "Họ tên, địa chỉ và kiến nghị dài tối đa {MAX_FIELD_CHARS} ký tự."
        ));
    }
    let filled = |v: &Option<String>| v.as_ref().is_some_and(|s| !s.trim().is_empty());
    if r.anonymous && (filled(&r.name) || filled(&r.phone)) {
        return Err("Phiếu ẩn danh không ghi họ tên, số điện thoại.".into());
    }
    if let Some(phone) = r.phone.as_deref().map(str::trim).filter(|p| !p.is_empty())
        && !valid_phone(phone)
    {
        return Err("Số điện thoại gồm 9–11 chữ số, có thể bắt đầu bằng +84.".into());
    }
    if form
        .consent_version
        .as_deref()
        .is_some_and(|v| crate::domain::personal_data::consent_text(v).is_none())
    {
        return Err("Phiên bản nội dung đồng ý không hợp lệ; hãy tải lại ứng dụng.".into());
    }
    if (filled(&r.name) || filled(&r.phone)) && !form.consent {
        return Err("Cần người dân đồng ý cho ghi thông tin cá nhân (họ tên, điện thoại).".into());
    }
    Ok(())
}

fn valid_phone(phone: &str) -> bool {
    let digits: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let digits = digits
        .strip_prefix("+84")
        .map_or(digits.clone(), |rest| format!("0{rest}"));
    (9..=11).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_kept() {
        let mut f = form();
        f.opinions[0].text = "Đường làng\r\nxuống cấp\tnặng".into();
        assert_eq!(validate(&f), Ok(()));
        f.opinions[0].text = "Đường làng\u{0}xuống cấp".into();
        assert!(
            validate(&f)
                .expect_err("refused")
                .contains("ký tự điều khiển")
        );
        let mut f = form();
        f.proposal = Some("Đề nghị \u{1b}[31m sửa".into());
        assert!(validate(&f).is_err());
    }

    #[test]
    fn a_form_dated_after_tomorrow_is_refused_with_the_date() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let mut f = form();
        f.filled_at = now + chrono::Duration::hours(20);
        assert_eq!(
            validate_received(&f, now),
            Ok(()),
            "a phone a few hours fast"
        );
        f.filled_at = chrono::DateTime::parse_from_rfc3339("9999-01-01T00:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let reason = validate_received(&f, now).expect_err("refused");
        assert!(reason.contains("01/01/9999"), "{reason}");
    }
    use crate::api::{OpinionEntry, Respondent};
    use crate::domain::respondent::RespondentKind;

    fn form() -> FormSubmission {
        FormSubmission {
            id: FormId::new(),
            revision: 1,
            campaign_id: CampaignId::new(),
            group_id: GroupId::new(),
            receipt_code: "ABCD-EFGH".into(),
            respondent: Respondent {
                name: Some("Nguyễn Văn An".into()),
                anonymous: false,
                household: None,
                phone: Some("0912 345 678".into()),
                kind: RespondentKind::Resident,
            },
            opinions: vec![OpinionEntry {
                id: OpinionId::new(),
                topic_id: TopicId::new(),
                text: "Đường trục thôn xuống cấp.".into(),
            }],
            proposal: None,
            wants_to_speak: false,
            consent: true,
            consent_version: None,
            filled_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert_eq!(validate(&form()), Ok(()));
    }

    #[test]
    fn a_form_needs_an_opinion_with_text() {
        let mut f = form();
        f.opinions[0].text = "   ".into();
        assert!(validate(&f).is_err());
        f.opinions.clear();
        assert!(validate(&f).is_err());
    }

    #[test]
    fn personal_data_needs_consent() {
        let mut f = form();
        f.consent = false;
        assert!(validate(&f).expect_err("refused").contains("đồng ý"));
        f.respondent.name = None;
        f.respondent.phone = None;
        assert_eq!(validate(&f), Ok(()));
    }

    #[test]
    fn anonymous_forms_carry_no_name() {
        let mut f = form();
        f.respondent.anonymous = true;
        assert!(validate(&f).is_err());
        f.respondent.name = None;
        f.respondent.phone = None;
        assert_eq!(validate(&f), Ok(()));
    }

    #[test]
    fn phone_numbers_are_checked() {
        for (phone, ok) in [
            ("0912345678", true),
            ("+84 912 345 678", true),
            ("12ab", false),
            ("0912", false),
        ] {
            let mut f = form();
            f.respondent.phone = Some(phone.into());
            assert_eq!(validate(&f).is_ok(), ok, "{phone}");
        }
    }

    #[test]
    fn a_draft_becomes_a_form_and_back() {
        let mut draft = FormDraft::new(12345);
        assert!(
            draft
                .to_submission(chrono::Utc::now())
                .expect_err("empty")
                .contains("đợt")
        );
        draft.campaign_id = Some(CampaignId::new());
        draft.group_id = Some(GroupId::new());
        draft.opinions[0].text = "  Đèn đường hỏng  ".into();
        assert!(
            draft
                .to_submission(chrono::Utc::now())
                .expect_err("no topic")
                .contains("nhóm nội dung")
        );
        draft.opinions[0].topic_id = Some(TopicId::new());
        draft.opinions.push(OpinionDraft::new());
        let form = draft.to_submission(chrono::Utc::now()).expect("valid");
        assert_eq!(form.opinions.len(), 1, "the empty row is dropped");
        assert_eq!(form.opinions[0].text, "Đèn đường hỏng");
        let reopened = FormDraft::from_submission(&form);
        assert_eq!(reopened.id, draft.id);
        assert_eq!(reopened.opinions[0].text, "Đèn đường hỏng");
    }

    #[test]
    fn an_anonymous_draft_sends_no_name_even_if_one_was_typed() {
        let mut draft = FormDraft::new(1);
        draft.campaign_id = Some(CampaignId::new());
        draft.group_id = Some(GroupId::new());
        draft.opinions[0] = OpinionDraft {
            id: OpinionId::new(),
            topic_id: Some(TopicId::new()),
            text: "x".into(),
        };
        draft.name = "Trần Văn B".into();
        draft.anonymous = true;
        let form = draft.to_submission(chrono::Utc::now()).expect("valid");
        assert_eq!(form.respondent.name, None);
    }

    #[test]
    fn bad_receipt_codes_are_refused() {
        let mut f = form();
        f.receipt_code = "ABCD-EFG0".into();
        assert!(validate(&f).is_err());
    }
}
