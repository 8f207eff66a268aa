//! What goes into each download: the report as a DOCX document, the workbook's three sheets,
//! and the CSV files. The issue columns are shared by the workbook and the report CSV.

use axum::body::Bytes;
use chrono::NaiveDate;
use futures::StreamExt;
use tokio::sync::mpsc;
use uuid::Uuid;

use app::api::conclusion::{Disposition, NoticeItem, NoticeRecord, NoticeState};
use app::api::conference::{ConferenceSheet, DelegationLevel};
use app::api::statistics::PeriodReport;
use app::domain::conference::attendance;
use app::domain::document::roman;
use app::domain::format_date;
use app::domain::pivot::Measure;
use app::domain::triage::IntakeFilter;
use app::ports::ExportOpinion;
use app::ports::SharedStore;
use app::server_fns::report::ReportData;

use super::csv::{BOM, csv_line};
use super::docx::{ReportAnswer, ReportDoc, ReportItem, ReportSection};
use super::xlsx::{Cell, XlsxWriter};

/// Bytes sent to the client at a time.
const CHUNK: usize = 64 * 1024;

pub(super) type Sink = mpsc::Sender<Result<Bytes, std::io::Error>>;

/// How long a client may leave a chunk untaken. A stalled reader must not keep the export's
/// database connection (and its place among the few exports allowed at once) for ever.
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Hands one chunk to the response body, or gives up on a client gone or stalled.
async fn send(sink: &Sink, chunk: impl Into<Bytes>) -> Result<(), String> {
    match tokio::time::timeout(SEND_TIMEOUT, sink.send(Ok(chunk.into()))).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err("client went away".to_owned()),
        Err(_) => Err(format!(
            "client took no data for {} s",
            SEND_TIMEOUT.as_secs()
        )),
    }
}

/// The report in the layout of an administrative document.
pub(super) fn report_doc(report: &ReportData) -> ReportDoc {
    let intro = vec![report.opening()];
    ReportDoc {
        authority_parent: String::new(),
        authority: format!("ỦY BAN NHÂN DÂN {}", report.commune_name.to_uppercase()),
        number: "Số:      /BC-UBND".into(),
        place: report.place.clone(),
        date: report.date,
        title: "BÁO CÁO".into(),
        subtitle: format!(
            "Tổng hợp ý kiến, kiến nghị của Nhân dân và nội dung trả lời — {}",
            report.campaign_title
        ),
        intro,
        sections: report
            .topics
            .iter()
            .enumerate()
            .map(|(i, topic)| ReportSection {
                heading: format!("{}. {}", roman(i + 1), topic.topic),
                items: topic
                    .issues
                    .iter()
                    .map(|issue| ReportItem {
                        title: issue.title.clone(),
                        summary: issue.summary.clone(),
                        supporters: issue.supporters_line(),
                        answer: issue.answer.as_ref().map(|a| ReportAnswer {
                            content: a.content.clone(),
                            result: a.result.clone(),
                            resolution_time: a.resolution_time.clone(),
                            resolving_body: a.resolving_body.clone(),
                        }),
                        details: Vec::new(),
                    })
                    .collect(),
            })
            .collect(),
        recipients: vec![
            "- Thường trực Đảng ủy, HĐND xã;".into(),
            "- Ủy ban MTTQ Việt Nam xã;".into(),
            "- Lưu: VT.".into(),
        ],
        signer_capacity: "TM. ỦY BAN NHÂN DÂN".into(),
        signer_title: "CHỦ TỊCH".into(),
        signer_name: report.signer_name.clone(),
        counter_signer: None,
        closing: Vec::new(),
    }
}

const ISSUE_HEADER: [&str; 14] = [
    "STT",
    "Nhóm nội dung",
    "Vấn đề",
    "Tóm tắt",
    "Mức độ cấp thiết",
    "Thẩm quyền",
    "Số ý kiến",
    "Số hộ",
    "Thôn, tổ dân phố",
    "Đơn vị được giao",
    "Nội dung trả lời",
    "Kết quả giải quyết hoặc hướng giải quyết",
    "Thời gian giải quyết",
    "Cơ quan giải quyết",
];

fn issue_rows(report: &ReportData) -> Vec<[String; 14]> {
    let mut rows = Vec::new();
    for topic in &report.topics {
        for issue in &topic.issues {
            let answer = issue.answer.clone().unwrap_or_default();
            let groups: Vec<String> = issue
                .by_group
                .iter()
                .map(|g| format!("{} ({})", g.name, g.count))
                .collect();
            rows.push([
                (rows.len() + 1).to_string(),
                topic.topic.clone(),
                issue.title.clone(),
                issue.summary.clone(),
                issue.urgency.label().to_owned(),
                issue.authority.label().to_owned(),
                issue.opinions.to_string(),
                issue.households.to_string(),
                groups.join("; "),
                issue.department.clone().unwrap_or_default(),
                answer.content,
                answer.result,
                answer.resolution_time,
                answer.resolving_body,
            ]);
        }
    }
    rows
}

/// The report's issues as CSV, with the BOM Excel needs to show diacritics.
pub(super) fn issues_csv(report: &ReportData) -> String {
    let mut out = String::from(BOM);
    out.push_str(&csv_line(&ISSUE_HEADER));
    for row in issue_rows(report) {
        let fields: Vec<&str> = row.iter().map(String::as_str).collect();
        out.push_str(&csv_line(&fields));
    }
    out
}

const OPINION_HEADER: [&str; 9] = [
    "Mã phiếu",
    "Thôn, tổ dân phố",
    "Nhóm nội dung",
    "Đối tượng",
    "Nội dung ý kiến, kiến nghị",
    "Tình trạng",
    "Mức độ cấp thiết",
    "Vấn đề",
    "Thời gian tiếp nhận",
];
const PERSONAL_HEADER: [&str; 3] = ["Họ và tên", "Hộ gia đình, địa chỉ", "Số điện thoại"];

fn opinion_fields(o: &ExportOpinion) -> Vec<&str> {
    let mut fields = vec![
        o.receipt_code.as_str(),
        &o.group,
        &o.topic,
        &o.kind,
        &o.body,
        &o.state,
        &o.urgency,
        &o.issue,
        &o.received,
    ];
    if let Some(personal) = &o.personal {
        fields.extend(personal.iter().map(String::as_str));
    }
    fields
}

async fn flush(xlsx: &mut XlsxWriter, sink: &Sink, force: bool) -> Result<(), String> {
    if force || xlsx.pending_len() >= CHUNK {
        let chunk = xlsx.take_chunk();
        if !chunk.is_empty() {
            send(sink, chunk).await?;
        }
    }
    Ok(())
}

/// Writes the workbook into `sink` as it goes: pivot, issues, then every opinion streamed from
/// the database. Nothing holds more than one row of opinions.
pub(super) async fn stream_workbook(
    store: &SharedStore,
    commune: Uuid,
    campaign: Uuid,
    report: &ReportData,
    personal: bool,
    sink: &Sink,
) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    let mut xlsx = XlsxWriter::new().map_err(io)?;
    let filter = IntakeFilter::default();
    let pivot = store
        .pivot(commune.into(), campaign.into(), &filter)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("campaign vanished during export")?;
    let mut widths = vec![28.0];
    widths.extend(std::iter::repeat_n(14.0, pivot.topics.len() + 1));
    xlsx.start_sheet("Tổng hợp", &widths).map_err(io)?;
    for (n, measure) in Measure::ALL.into_iter().enumerate() {
        if n > 0 {
            xlsx.row(&[]).map_err(io)?;
        }
        let mut head = vec![measure.label()];
        head.extend(pivot.topics.iter().map(|t| t.name.as_str()));
        head.push("Tổng");
        xlsx.header(&head).map_err(io)?;
        for (r, group) in pivot.groups.iter().enumerate() {
            let mut cells = vec![Cell::Text(&group.name)];
            cells.extend(pivot.cells[r].iter().map(|c| Cell::Int(c.get(measure))));
            cells.push(Cell::Int(pivot.row_totals[r].get(measure)));
            xlsx.row(&cells).map_err(io)?;
        }
        let mut totals = vec![Cell::Text("Tổng")];
        totals.extend(
            pivot
                .column_totals
                .iter()
                .map(|c| Cell::Int(c.get(measure))),
        );
        totals.push(Cell::Int(pivot.total.get(measure)));
        xlsx.row(&totals).map_err(io)?;
    }
    flush(&mut xlsx, sink, true).await?;

    xlsx.start_sheet(
        "Vấn đề",
        &[
            6.0, 20.0, 40.0, 40.0, 12.0, 16.0, 10.0, 8.0, 30.0, 24.0, 50.0, 40.0, 18.0, 24.0,
        ],
    )
    .map_err(io)?;
    xlsx.header(&ISSUE_HEADER).map_err(io)?;
    for row in issue_rows(report) {
        let cells: Vec<Cell<'_>> = row
            .iter()
            .enumerate()
            .map(|(i, v)| match (i, v.parse::<i64>()) {
                (0 | 6 | 7, Ok(n)) => Cell::Int(n),
                _ => Cell::Text(v),
            })
            .collect();
        xlsx.row(&cells).map_err(io)?;
        flush(&mut xlsx, sink, false).await?;
    }

    let mut widths = vec![12.0, 18.0, 20.0, 16.0, 60.0, 16.0, 12.0, 30.0, 18.0];
    let mut header: Vec<&str> = OPINION_HEADER.to_vec();
    if personal {
        widths.extend([24.0, 30.0, 14.0]);
        header.extend(PERSONAL_HEADER);
    }
    xlsx.start_sheet("Ý kiến", &widths).map_err(io)?;
    xlsx.header(&header).map_err(io)?;
    let mut rows = store.export_opinions(commune.into(), campaign.into(), &filter, personal);
    while let Some(opinion) = rows.next().await {
        let opinion = opinion.map_err(|e| e.to_string())?;
        let cells: Vec<Cell<'_>> = opinion_fields(&opinion)
            .into_iter()
            .map(Cell::Text)
            .collect();
        xlsx.row(&cells).map_err(io)?;
        flush(&mut xlsx, sink, false).await?;
    }
    let tail = xlsx.finish().map_err(io)?;
    send(sink, tail).await
}

/// Every opinion matching the filter as CSV, line by line; never personal data.
pub(super) async fn stream_csv(
    store: &SharedStore,
    commune: Uuid,
    campaign: Uuid,
    filter: &IntakeFilter,
    sink: &Sink,
) -> Result<(), String> {
    let mut buffer = String::from(BOM);
    buffer.push_str(&csv_line(&OPINION_HEADER));
    let mut rows = store.export_opinions(commune.into(), campaign.into(), filter, false);
    while let Some(opinion) = rows.next().await {
        let opinion = opinion.map_err(|e| e.to_string())?;
        buffer.push_str(&csv_line(&opinion_fields(&opinion)));
        if buffer.len() >= CHUNK {
            let chunk = std::mem::take(&mut buffer);
            send(sink, chunk).await?;
        }
    }
    send(sink, buffer).await
}

/// The conclusion notice (thông báo kết luận) in NĐ 30's layout, from its newest version, one
/// section per kind of disposition; `None` before the first draft. A version not issued yet
/// prints "Dự thảo" and leaves the number blank.
pub(super) fn notice_doc(
    record: &NoticeRecord,
    commune_name: &str,
    today: NaiveDate,
) -> Option<ReportDoc> {
    let notice = record.current.as_ref()?;
    let issued = matches!(notice.state, NoticeState::Issued | NoticeState::Superseded);
    let number = match (&notice.number, issued) {
        (Some(n), true) => format!("Số: {n}"),
        _ => "Số:      /TB-UBND".to_owned(),
    };
    let mut intro = Vec::new();
    if notice.version > 1
        && let Some((_, Some(n), Some(on))) = record.history.first()
    {
        intro.push(format!(
            "Thông báo này đính chính và thay thế Thông báo số {n} ngày {}.",
            format_date(*on)
        ));
    }
    if notice.opening.is_empty() {
        let held = record
            .conference_on
            .map(|d| format!("Ngày {}, ", format_date(d)))
            .unwrap_or_default();
        let place = if record.conference_place.is_empty() {
            String::new()
        } else {
            format!("tại {}, ", record.conference_place)
        };
        intro.push(format!(
            "{held}{place}Ủy ban nhân dân {commune_name} tổ chức hội nghị đối thoại với Nhân dân \
             ({}). Chủ tịch Ủy ban nhân dân {commune_name} kết luận như sau:",
            record.title
        ));
    } else {
        intro.extend(notice.opening.split("\n\n").map(str::to_owned));
    }
    let sections = Disposition::ALL
        .into_iter()
        .filter(|d| notice.items.iter().any(|i| i.disposition == *d))
        .enumerate()
        .map(|(n, disposition)| ReportSection {
            heading: format!("{}. {}", roman(n + 1), disposition.heading()),
            items: notice
                .items
                .iter()
                .filter(|i| i.disposition == disposition)
                .map(|item| ReportItem {
                    title: item.issue_title.clone(),
                    summary: item.content.clone(),
                    supporters: String::new(),
                    answer: None,
                    details: notice_details(item),
                })
                .collect(),
        })
        .collect();
    let recipients: Vec<String> = notice
        .recipients
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let recipients = if recipients.is_empty() {
        vec![
            "- Thường trực Đảng ủy, HĐND xã;".to_owned(),
            "- Ủy ban MTTQ Việt Nam xã;".to_owned(),
            "- Các cơ quan, đơn vị có liên quan;".to_owned(),
            "- Lưu: VT.".to_owned(),
        ]
    } else {
        recipients
    };
    Some(ReportDoc {
        authority_parent: String::new(),
        authority: format!("ỦY BAN NHÂN DÂN {}", commune_name.to_uppercase()),
        number,
        place: app::domain::document::place_of(commune_name),
        date: notice.issued_on.unwrap_or(today),
        title: if issued {
            "THÔNG BÁO".to_owned()
        } else {
            "THÔNG BÁO (DỰ THẢO)".to_owned()
        },
        subtitle: format!(
            "Kết luận của Chủ tịch Ủy ban nhân dân {commune_name} tại hội nghị đối thoại với Nhân dân — {}",
            record.title
        ),
        intro,
        sections,
        recipients,
        signer_capacity: "TM. ỦY BAN NHÂN DÂN".to_owned(),
        signer_title: "CHỦ TỊCH".to_owned(),
        signer_name: notice.signer_name.clone(),
        counter_signer: None,
        closing: Vec::new(),
    })
}

fn notice_details(item: &NoticeItem) -> Vec<(String, String)> {
    match item.disposition {
        Disposition::Resolved => vec![("Kết quả: ".to_owned(), "Đã giải quyết.".to_owned())],
        Disposition::Assigned => vec![
            (
                "Cơ quan, đơn vị thực hiện: ".to_owned(),
                item.department.clone().unwrap_or_default(),
            ),
            (
                "Thời hạn báo cáo kết quả: ".to_owned(),
                match item.report_due {
                    Some(due) => format!("trước ngày {}.", format_date(due)),
                    None => "trong thời hạn quy định, tính từ ngày ban hành thông báo.".to_owned(),
                },
            ),
        ],
        Disposition::Forwarded => vec![("Kiến nghị đến: ".to_owned(), item.body.clone())],
        Disposition::Redirected => vec![("Hướng dẫn gửi đến: ".to_owned(), item.body.clone())],
    }
}

/// The minutes (biên bản) of the conference from its record; `None` before it is recorded.
pub(super) fn minutes_doc(sheet: &ConferenceSheet, commune_name: &str) -> Option<ReportDoc> {
    let record = sheet.record.as_ref()?;
    let mut intro = vec![
        format!("Thời gian: ngày {}.", format_date(record.held_on)),
        format!("Địa điểm: {}.", record.place),
        format!("Chủ trì: {}.", record.chairs),
        format!("Thư ký: {}.", record.secretary),
        "Thành phần tham dự:".to_owned(),
    ];
    for level in DelegationLevel::ALL {
        for d in record.delegations.iter().filter(|d| d.level == level) {
            intro.push(format!(
                "- {}: {} ({} người);",
                level.label(),
                d.name,
                d.attendees
            ));
        }
    }
    intro.push(format!(
        "Tổng số đại biểu và Nhân dân tham dự: {} người.",
        attendance(&record.delegations)
    ));
    let spoke: Vec<ReportItem> = sheet
        .speakers
        .iter()
        .filter(|s| s.note.spoke)
        .map(|s| ReportItem {
            title: match &s.group {
                Some(group) => format!("{} ({group})", s.name),
                None => s.name.clone(),
            },
            summary: if s.note.raised.is_empty() {
                s.topic_note.clone()
            } else {
                s.note.raised.clone()
            },
            supporters: String::new(),
            answer: None,
            details: if s.note.answered_on_spot.is_empty() {
                vec![(
                    "Trả lời tại hội nghị: ".to_owned(),
                    "Chưa trả lời tại hội nghị; được tiếp thu, giao giải quyết.".to_owned(),
                )]
            } else {
                vec![
                    (
                        "Trả lời tại hội nghị: ".to_owned(),
                        s.note.answered_on_spot.clone(),
                    ),
                    ("Người trả lời: ".to_owned(), s.note.answered_by.clone()),
                ]
            },
        })
        .collect();
    let raised: Vec<ReportItem> = sheet
        .raised
        .iter()
        .map(|o| ReportItem {
            title: format!("{} — {}", o.topic, o.group),
            summary: o.body.clone(),
            supporters: String::new(),
            answer: None,
            details: o
                .speaker
                .iter()
                .map(|s| ("Người nêu: ".to_owned(), s.clone()))
                .collect(),
        })
        .collect();
    let mut sections = Vec::new();
    for (heading, items) in [
        ("Ý kiến phát biểu của Nhân dân", spoke),
        ("Ý kiến, kiến nghị mới phát sinh tại hội nghị", raised),
    ] {
        if !items.is_empty() {
            sections.push(ReportSection {
                heading: format!("{}. {heading}", roman(sections.len() + 1)),
                items,
            });
        }
    }
    Some(ReportDoc {
        authority_parent: String::new(),
        authority: format!("ỦY BAN NHÂN DÂN {}", commune_name.to_uppercase()),
        number: String::new(),
        place: app::domain::document::place_of(commune_name),
        date: record.held_on,
        title: "BIÊN BẢN".to_owned(),
        subtitle: format!("Hội nghị đối thoại với Nhân dân — {}", sheet.title),
        intro,
        sections,
        recipients: Vec::new(),
        signer_capacity: "CHỦ TRÌ HỘI NGHỊ".to_owned(),
        signer_title: String::new(),
        signer_name: String::new(),
        counter_signer: Some(("THƯ KÝ".to_owned(), record.secretary.clone())),
        closing: if record.summary.is_empty() {
            Vec::new()
        } else {
            vec![format!("Kết luận của chủ trì hội nghị: {}", record.summary)]
        },
    })
}

/// The periodic statistics as a workbook: key figures, then by topic and by group.
pub(super) fn statistics_workbook(report: &PeriodReport) -> std::io::Result<Vec<u8>> {
    use app::domain::statistics::percent;

    let facts = &report.facts;
    let mut w = XlsxWriter::new()?;
    w.start_sheet("Tổng hợp", &[52.0, 16.0])?;
    w.header(&[
        &format!(
            "Kết quả đối thoại {} — {}",
            report.period.label(),
            report.commune
        ),
        "Số liệu",
    ])?;
    let held: i64 = facts.held.iter().map(|(_, n)| n).sum();
    let mut figures: Vec<(String, Cell<'_>)> =
        vec![("Số cuộc đối thoại đã tổ chức".to_owned(), Cell::Int(held))];
    for (kind, n) in &facts.held {
        figures.push((format!("  – {}", kind.label()), Cell::Int(*n)));
    }
    figures.push(("Số ý kiến, kiến nghị".to_owned(), Cell::Int(facts.opinions)));
    figures.push((
        "  – trong đó phát sinh tại hội nghị".to_owned(),
        Cell::Int(facts.from_conference),
    ));
    figures.push(("Số vấn đề đã tổng hợp".to_owned(), Cell::Int(facts.issues)));
    for (disposition, n) in &facts.dispositions {
        figures.push((format!("  – {}", disposition.label()), Cell::Int(*n)));
    }
    let settled_rate = percent(report.settled_rate);
    let on_time_rate = percent(report.on_time_rate);
    figures.extend([
        (
            "Số vấn đề đã giải quyết xong".to_owned(),
            Cell::Int(report.settled),
        ),
        (
            "Tỷ lệ giải quyết xong".to_owned(),
            Cell::Text(&settled_rate),
        ),
        (
            "Nội dung giao báo cáo đúng hạn".to_owned(),
            Cell::Int(report.on_time),
        ),
        (
            "Nội dung báo cáo trễ hạn hoặc quá hạn".to_owned(),
            Cell::Int(report.late),
        ),
        (
            "Nội dung chưa đến hạn báo cáo".to_owned(),
            Cell::Int(report.pending),
        ),
        ("Tỷ lệ đúng hạn".to_owned(), Cell::Text(&on_time_rate)),
    ]);
    for (label, value) in &figures {
        w.row(&[Cell::Text(label), *value])?;
    }
    for (sheet, rows) in [
        ("Theo nhóm nội dung", &facts.by_topic),
        ("Theo thôn, tổ dân phố", &facts.by_group),
    ] {
        w.start_sheet(sheet, &[40.0, 14.0, 14.0])?;
        w.header(&[sheet, "Số ý kiến", "Số vấn đề"])?;
        for row in rows {
            w.row(&[
                Cell::Text(&row.name),
                Cell::Int(row.opinions),
                Cell::Int(row.issues),
            ])?;
        }
    }
    w.finish()
}
