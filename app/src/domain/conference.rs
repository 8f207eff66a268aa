//! The conference record (hội nghị đối thoại, seeds 003 and 004): when and where it was held,
//! who chaired, who attended by delegation, and for each speaker what they raised and whether it
//! was answered on the spot and by whom. The minutes (biên bản) are printed from it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::SpeakerId;
use super::text::checked;

/// Longest place, chair list or secretary.
pub const MAX_LINE_CHARS: usize = 300;
/// Longest summary or speaker note.
pub const MAX_NOTE_CHARS: usize = 4_000;
/// Most delegations in one record.
pub const MAX_DELEGATIONS: usize = 50;
/// Most people one delegation may count.
pub const MAX_ATTENDEES: i64 = 100_000;

/// The level a delegation comes from (seed 003 invites by level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DelegationLevel {
    /// The province or city (cấp tỉnh, thành phố).
    Province,
    /// The commune or ward (cấp xã, phường).
    Commune,
    /// A thôn or tổ dân phố.
    Group,
    /// Anyone else (the press, guests).
    Other,
}

impl DelegationLevel {
    /// Every level, in the minutes' order.
    pub const ALL: [DelegationLevel; 4] = [
        DelegationLevel::Province,
        DelegationLevel::Commune,
        DelegationLevel::Group,
        DelegationLevel::Other,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            DelegationLevel::Province => "province",
            DelegationLevel::Commune => "commune",
            DelegationLevel::Group => "group",
            DelegationLevel::Other => "other",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<DelegationLevel> {
        DelegationLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            DelegationLevel::Province => "Cấp tỉnh, thành phố",
            DelegationLevel::Commune => "Cấp xã, phường",
            DelegationLevel::Group => "Thôn, tổ dân phố",
            DelegationLevel::Other => "Khách mời khác",
        }
    }
}

/// One delegation at the conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegation {
    /// Its level.
    pub level: DelegationLevel,
    /// Who: "Thường trực Đảng ủy xã", "Nhân dân thôn An Sơn"…
    pub name: String,
    /// How many attended.
    pub attendees: i64,
}

/// The conference as the secretary records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConferenceRecord {
    /// Day it was held.
    pub held_on: NaiveDate,
    /// Where.
    pub place: String,
    /// Who chaired (chủ trì).
    pub chairs: String,
    /// Who kept the minutes (thư ký).
    pub secretary: String,
    /// How it went, and the chair's closing words.
    pub summary: String,
    /// Who attended.
    pub delegations: Vec<Delegation>,
}

/// What one speaker raised and how it was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerNote {
    /// The speaker.
    pub speaker_id: SpeakerId,
    /// They did speak.
    pub spoke: bool,
    /// What they raised.
    pub raised: String,
    /// The answer given on the spot, if any.
    pub answered_on_spot: String,
    /// Who answered it.
    pub answered_by: String,
}

/// Cleans and checks a record: not held in the future, lines and counts within bounds, empty
/// delegations dropped.
pub fn checked_record(
    record: ConferenceRecord,
    today: NaiveDate,
) -> Result<ConferenceRecord, String> {
    if record.held_on > today {
        return Err("Ngày tổ chức hội nghị không được sau hôm nay.".to_owned());
    }
    if record.delegations.len() > MAX_DELEGATIONS {
        return Err(format!("Tối đa {MAX_DELEGATIONS} thành phần tham dự."));
    }
    let mut delegations = Vec::with_capacity(record.delegations.len());
    for (n, d) in record.delegations.into_iter().enumerate() {
        let name = checked(&format!("Thành phần {}", n + 1), &d.name, MAX_LINE_CHARS)?;
        if name.is_empty() && d.attendees == 0 {
            continue;
        }
        if name.is_empty() {
            return Err(format!("Thành phần {}: hãy ghi tên thành phần.", n + 1));
        }
        if !(0..=MAX_ATTENDEES).contains(&d.attendees) {
            return Err(format!("Thành phần {}: số người không hợp lệ.", n + 1));
        }
        delegations.push(Delegation {
            level: d.level,
            name,
            attendees: d.attendees,
        });
    }
    Ok(ConferenceRecord {
        held_on: record.held_on,
        place: checked("Địa điểm", &record.place, MAX_LINE_CHARS)?,
        chairs: checked("Chủ trì", &record.chairs, MAX_LINE_CHARS)?,
        secretary: checked("Thư ký", &record.secretary, MAX_LINE_CHARS)?,
        summary: checked("Diễn biến hội nghị", &record.summary, MAX_NOTE_CHARS)?,
        delegations,
    })
}

/// Cleans and checks a speaker's note: an answer needs who gave it.
pub fn checked_note(note: SpeakerNote) -> Result<SpeakerNote, String> {
    let raised = checked("Nội dung phát biểu", &note.raised, MAX_NOTE_CHARS)?;
    let answered_on_spot = checked("Nội dung trả lời", &note.answered_on_spot, MAX_NOTE_CHARS)?;
    let answered_by = checked("Người trả lời", &note.answered_by, MAX_LINE_CHARS)?;
    if !answered_on_spot.is_empty() && answered_by.is_empty() {
        return Err("Hãy ghi ai đã trả lời tại hội nghị.".to_owned());
    }
    Ok(SpeakerNote {
        speaker_id: note.speaker_id,
        spoke: note.spoke || !raised.is_empty(),
        raised,
        answered_on_spot,
        answered_by,
    })
}

/// Total attendance.
pub fn attendance(delegations: &[Delegation]) -> i64 {
    delegations.iter().map(|d| d.attendees).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn record() -> ConferenceRecord {
        ConferenceRecord {
            held_on: d(2026, 6, 12),
            place: " Nhà văn hóa thôn An Sơn ".to_owned(),
            chairs: "Đồng chí Chủ tịch UBND xã".to_owned(),
            secretary: "Nguyễn Thị Hạnh".to_owned(),
            summary: String::new(),
            delegations: vec![
                Delegation {
                    level: DelegationLevel::Commune,
                    name: "Thường trực Đảng ủy, HĐND, UBND xã".to_owned(),
                    attendees: 6,
                },
                Delegation {
                    level: DelegationLevel::Group,
                    name: " ".to_owned(),
                    attendees: 0,
                },
                Delegation {
                    level: DelegationLevel::Group,
                    name: "Nhân dân thôn An Sơn".to_owned(),
                    attendees: 120,
                },
            ],
        }
    }

    #[test]
    fn a_record_is_trimmed_and_empty_rows_dropped() {
        let clean = checked_record(record(), d(2026, 6, 12)).expect("valid");
        assert_eq!(clean.place, "Nhà văn hóa thôn An Sơn");
        assert_eq!(clean.delegations.len(), 2);
        assert_eq!(attendance(&clean.delegations), 126);
    }

    #[test]
    fn a_record_refuses_the_future_nameless_rows_and_bad_counts() {
        assert!(checked_record(record(), d(2026, 6, 11)).is_err());
        let mut nameless = record();
        nameless.delegations[1].attendees = 5;
        assert!(checked_record(nameless, d(2026, 6, 12)).is_err());
        let mut negative = record();
        negative.delegations[0].attendees = -1;
        assert!(checked_record(negative, d(2026, 6, 12)).is_err());
    }

    #[test]
    fn an_answer_on_the_spot_names_who_gave_it() {
        let note = SpeakerNote {
            speaker_id: SpeakerId::new(),
            spoke: false,
            raised: "Đường ngõ 4 ngập".to_owned(),
            answered_on_spot: "Sẽ khơi thông rãnh trong tuần".to_owned(),
            answered_by: String::new(),
        };
        assert!(checked_note(note.clone()).is_err());
        let answered = checked_note(SpeakerNote {
            answered_by: "Chủ tịch UBND xã".to_owned(),
            ..note
        })
        .expect("valid");
        assert!(answered.spoke, "raising something means they spoke");
        for level in DelegationLevel::ALL {
            assert_eq!(DelegationLevel::parse(level.code()), Some(level));
        }
    }
}
