//! The downloads open in real readers: the DOCX is parsed back as XML, the XLSX with calamine,
//! and their content matches the database; personal data only when asked for and allowed.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::{Backend, docx_text, spawn_app_on};
use reqwest::StatusCode;

async fn the_docx_report_has_the_official_layout_and_the_approved_answers(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let chair = app.client_for("chutich").await;
    let campaign = app.campaign("dot_xuat").await;
    let (status, bytes) = app
        .download(&chair, &format!("/api/v1/campaigns/{campaign}/report.docx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = docx_text(&bytes);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN XÃ BẮC THANH MIỆN",
        "BÁO CÁO",
        "Bắc Thanh Miện, ngày",
        "TM. ỦY BAN NHÂN DÂN",
        "Nơi nhận:",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    let approved: Vec<(String, String)> = db!(
        app,
        fetch_all,
        query_as,
        "select i.title, a.content from answers a join issues i on i.id = a.issue_id
         where i.campaign_id = ? and a.status = 'approved'",
        campaign
    )
    .expect("answers");
    assert!(!approved.is_empty());
    for (title, content) in approved {
        assert!(text.contains(&title), "issue {title:?} in the report");
        assert!(text.contains(&content), "answer of {title:?} in the report");
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let mut styles = String::new();
    archive
        .by_name("word/styles.xml")
        .expect("styles")
        .read_to_string(&mut styles)
        .expect("utf-8");
    assert!(styles.contains("Times New Roman"));
}

async fn the_workbook_streams_pivot_issues_and_every_opinion_without_personal_data(
    backend: Backend,
) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("chuyen_de").await;
    let (status, bytes) = app
        .download(&staff, &format!("/api/v1/campaigns/{campaign}/report.xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens as xlsx");
    assert_eq!(book.sheet_names(), vec!["Tổng hợp", "Vấn đề", "Ý kiến"]);

    let (opinions, issues): (i64, i64) = db!(
        app,
        fetch_one,
        query_as,
        "select count(*), count(distinct issue_id) from opinions where campaign_id = ?",
        campaign
    )
    .expect("counts");
    let pivot = book.worksheet_range("Tổng hợp").expect("pivot sheet");
    // first block: opinions; its last row is the totals and its last column the grand total
    let groups: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from campaign_groups where campaign_id = ?",
        campaign
    )
    .expect("groups");
    let total_row = pivot
        .rows()
        .nth(groups as usize + 1)
        .expect("totals row")
        .to_vec();
    assert_eq!(total_row[0], Data::String("Tổng".into()));
    let grand = total_row
        .last()
        .and_then(|c| c.to_string().parse::<i64>().ok())
        .expect("grand total");
    assert_eq!(grand, opinions);

    let issue_sheet = book.worksheet_range("Vấn đề").expect("issues sheet");
    assert_eq!(issue_sheet.rows().count() as i64, issues + 1);

    let opinion_sheet = book.worksheet_range("Ý kiến").expect("opinions sheet");
    assert_eq!(opinion_sheet.rows().count() as i64, opinions + 1);
    let header: Vec<String> = opinion_sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(!header.iter().any(|h| h.contains("Số điện thoại")));
    let phones: Vec<String> = db!(
        app,
        fetch_all,
        query_scalar,
        "select phone from forms where campaign_id = ? and phone is not null and phone <> ''",
        campaign
    )
    .expect("phones");
    assert!(!phones.is_empty());
    for row in opinion_sheet.rows() {
        for cell in row {
            let text = cell.to_string();
            assert!(!phones.iter().any(|p| text.contains(p.as_str())), "{text}");
        }
    }
}

async fn personal_data_is_exported_only_to_staff_who_ask(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let campaign = app.campaign("chuyen_de").await;
    let path = format!("/api/v1/campaigns/{campaign}/report.xlsx?ca-nhan=1");
    let supervisor = app.client_for("mttq").await;
    let (status, _) = app.download(&supervisor, &path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .download(
            &supervisor,
            &format!("/api/v1/campaigns/{campaign}/report.xlsx"),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "supervisors read the report without personal data"
    );

    let staff = app.client_for("vanphong").await;
    let (status, bytes) = app.download(&staff, &path).await;
    assert_eq!(status, StatusCode::OK);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let sheet = book.worksheet_range("Ý kiến").expect("opinions");
    let phone: String = db!(
        app,
        fetch_one,
        query_scalar,
        "select phone from forms where campaign_id = ? and phone <> '' and not anonymous limit 1",
        campaign
    )
    .expect("a phone");
    assert!(
        sheet
            .rows()
            .any(|r| r.iter().any(|c| c.to_string() == phone)),
        "the phone number is there when asked for"
    );
}

async fn csv_exports_have_a_bom_and_one_line_per_record(backend: Backend) {
    let app = spawn_app_on(backend).await;
    let staff = app.client_for("vanphong").await;
    let campaign = app.campaign("chuyen_de").await;
    let (status, bytes) = app
        .download(
            &staff,
            &format!("/api/v1/campaigns/{campaign}/opinions.csv?tim=duong"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.starts_with('\u{feff}'));
    let matching: i64 = db!(
        app,
        fetch_one,
        query_scalar,
        "select count(*) from opinions where campaign_id = ? and body_folded like '%duong%'",
        campaign
    )
    .expect("count");
    let mut reader_lines = 0;
    let mut in_quotes = false;
    for ch in text.chars() {
        match ch {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => reader_lines += 1,
            _ => {}
        }
    }
    assert_eq!(
        reader_lines,
        matching + 1,
        "header plus the filtered opinions"
    );

    let (status, bytes) = app
        .download(&staff, &format!("/api/v1/campaigns/{campaign}/report.csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.contains("Nội dung trả lời"));
}

on_both!(
    the_docx_report_has_the_official_layout_and_the_approved_answers,
    the_workbook_streams_pivot_issues_and_every_opinion_without_personal_data,
    personal_data_is_exported_only_to_staff_who_ask,
    csv_exports_have_a_bom_and_one_line_per_record,
);
