//! DOCX report laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I) on Vietnamese administrative
//! documents: A4, Times New Roman, the two-column header with the issuing authority and the
//! national motto, and the two-column signature block with the "Nơi nhận" list.

use std::borrow::Cow;
use std::io::{self, Cursor, Write};

use chrono::NaiveDate;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::xml::{self, XML_DECL, push_fmt};

/// A report ready to be rendered by [`write_docx`].
#[derive(Debug, Clone)]
pub struct ReportDoc {
    /// Upper line of the authority block, e.g. "ĐẢNG ỦY - HĐND - UBND"; empty to omit.
    pub authority_parent: String,
    /// Issuing authority, e.g. "ỦY BAN NHÂN DÂN XÃ BẮC THANH MIỆN".
    pub authority: String,
    /// Document number line, e.g. "Số:      /BC-UBND" (staff fill in the number).
    pub number: String,
    /// Place name for the date line, e.g. "Bắc Thanh Miện".
    pub place: String,
    /// Date of issue, rendered by [`date_line`].
    pub date: NaiveDate,
    /// Document type, e.g. "BÁO CÁO".
    pub title: String,
    /// Summary of the content under the title.
    pub subtitle: String,
    /// Opening paragraphs.
    pub intro: Vec<String>,
    /// Body sections.
    pub sections: Vec<ReportSection>,
    /// "Nơi nhận:" lines, e.g. "- Như trên;", "- Lưu: VT.".
    pub recipients: Vec<String>,
    /// Signing capacity, e.g. "TM. ỦY BAN NHÂN DÂN".
    pub signer_capacity: String,
    /// Signer's position, e.g. "CHỦ TỊCH".
    pub signer_title: String,
    /// Signer's full name; may be empty.
    pub signer_name: String,
    /// A second signer in the left column instead of "Nơi nhận" (minutes: the secretary), as
    /// (title, name).
    pub counter_signer: Option<(String, String)>,
    /// Paragraphs after the sections (minutes: the chair's closing words).
    pub closing: Vec<String>,
}

/// A titled group of items, e.g. "I. Kinh tế".
#[derive(Debug, Clone)]
pub struct ReportSection {
    /// Section heading, written as given.
    pub heading: String,
    /// Items, numbered from 1 within the section.
    pub items: Vec<ReportItem>,
}

/// One issue raised by residents.
#[derive(Debug, Clone)]
pub struct ReportItem {
    /// Issue title.
    pub title: String,
    /// Summary of what residents said.
    pub summary: String,
    /// Who raised it, e.g. "12 ý kiến, 9 hộ, 3 thôn: An Sơn (5), An Lâu (4), …".
    pub supporters: String,
    /// The approved answer, if any.
    pub answer: Option<ReportAnswer>,
    /// Labelled lines printed instead of an answer (a conclusion's body, due date…).
    pub details: Vec<(String, String)>,
}

/// The authority's approved answer to an item.
#[derive(Debug, Clone)]
pub struct ReportAnswer {
    /// The answer itself.
    pub content: String,
    /// Result, or how it will be resolved.
    pub result: String,
    /// When it will be, or was, resolved.
    pub resolution_time: String,
    /// Body responsible for resolving it.
    pub resolving_body: String,
}

pub use app::domain::document::date_line;

/// Renders `doc` as a `.docx` file.
pub fn write_docx(doc: &ReportDoc) -> io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let document = document_xml(doc);
    let core = core_xml(doc);
    let parts: [(&str, &str); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES_XML),
        ("_rels/.rels", ROOT_RELS_XML),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS_XML),
        ("word/styles.xml", STYLES_XML),
        ("word/settings.xml", SETTINGS_XML),
        ("docProps/core.xml", &core),
    ];
    for (path, body) in parts {
        zip.start_file(path, options)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Text width of an A4 page with the 30 mm / 15 mm side margins, in twips.
const TEXT_WIDTH: u32 = 11_906 - 1_701 - 850;
/// Header table: authority column (~38%) and motto column. The motto at 13 pt bold is about
/// 9.5 cm wide, so the right column gets the rest of the text width and no cell padding.
const HEADER_COLUMNS: [u32; 2] = [3_600, TEXT_WIDTH - 3_600];
/// Signature table: recipients column and signer column.
const SIGNATURE_COLUMNS: [u32; 2] = [4_200, TEXT_WIDTH - 4_200];

/// Font sizes in half-points, as `w:sz` wants them.
const PT11: u32 = 22;
const PT12: u32 = 24;
const PT13: u32 = 26;
const PT14: u32 = 28;

#[derive(Clone, Copy, Default)]
struct Font {
    size: Option<u32>,
    bold: bool,
    italic: bool,
    underline: bool,
}

impl Font {
    fn sized(size: u32) -> Self {
        Font {
            size: Some(size),
            ..Font::default()
        }
    }
    fn bold(self) -> Self {
        Font { bold: true, ..self }
    }
    fn italic(self) -> Self {
        Font {
            italic: true,
            ..self
        }
    }
    fn underline(self) -> Self {
        Font {
            underline: true,
            ..self
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Center,
    Left,
}

/// Paragraph properties that differ from the body defaults in styles.xml (justified, 1 cm
/// first-line indent, 6 pt after, 1.15 lines).
#[derive(Clone, Copy, Default)]
struct Para {
    /// `None` keeps the justified, indented body layout.
    align: Option<Align>,
    /// Tight single spacing, for the header and signature blocks.
    compact: bool,
    before: u32,
    keep_next: bool,
    /// Short centred rule under the authority name: a top border on an empty line indented
    /// by this many twips on each side.
    rule: Option<u32>,
    /// Size of the paragraph mark, which sets the height of an empty line.
    mark_size: Option<u32>,
}

impl Para {
    fn block(align: Align) -> Self {
        Para {
            align: Some(align),
            compact: true,
            ..Para::default()
        }
    }
    fn centered() -> Self {
        Para {
            align: Some(Align::Center),
            ..Para::default()
        }
    }
    fn keep_next(self) -> Self {
        Para {
            keep_next: true,
            ..self
        }
    }
    fn before(self, twips: u32) -> Self {
        Para {
            before: twips,
            ..self
        }
    }
}

struct Body {
    out: String,
}

impl Body {
    fn p(&mut self, para: Para, runs: &[(&str, Font)]) {
        self.out.push_str("<w:p>");
        self.ppr(para);
        for (text, font) in runs {
            self.run(text, *font);
        }
        self.out.push_str("</w:p>");
    }

    fn ppr(&mut self, para: Para) {
        let mut props = String::new();
        // Child order is fixed by the schema (CT_PPrBase), and Word rejects other orders.
        if para.keep_next {
            props.push_str("<w:keepNext/>");
        }
        if para.rule.is_some() {
            props.push_str(
                "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr>",
            );
        }
        if para.compact {
            push_fmt(
                &mut props,
                format_args!(
                    "<w:spacing w:before=\"{}\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
                    para.before
                ),
            );
        } else if para.before > 0 {
            push_fmt(
                &mut props,
                format_args!("<w:spacing w:before=\"{}\"/>", para.before),
            );
        }
        match (para.align, para.rule) {
            (_, Some(inset)) => push_fmt(
                &mut props,
                format_args!("<w:ind w:left=\"{inset}\" w:right=\"{inset}\" w:firstLine=\"0\"/>"),
            ),
            (Some(_), None) => props.push_str("<w:ind w:firstLine=\"0\"/>"),
            (None, None) => {}
        }
        match para.align {
            Some(Align::Center) => props.push_str("<w:jc w:val=\"center\"/>"),
            Some(Align::Left) => props.push_str("<w:jc w:val=\"left\"/>"),
            None => {}
        }
        if let Some(size) = para.mark_size {
            push_fmt(
                &mut props,
                format_args!("<w:rPr><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>"),
            );
        }
        if !props.is_empty() {
            self.out.push_str("<w:pPr>");
            self.out.push_str(&props);
            self.out.push_str("</w:pPr>");
        }
    }

    /// One run; line breaks in `text` become `<w:br/>` and tabs `<w:tab/>`, since Word
    /// ignores raw control characters inside `w:t`.
    fn run(&mut self, text: &str, font: Font) {
        let out = &mut self.out;
        out.push_str("<w:r>");
        let mut props = String::new();
        if font.bold {
            props.push_str("<w:b/><w:bCs/>");
        }
        if font.italic {
            props.push_str("<w:i/><w:iCs/>");
        }
        if let Some(size) = font.size {
            push_fmt(
                &mut props,
                format_args!("<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"),
            );
        }
        if font.underline {
            props.push_str("<w:u w:val=\"single\"/>");
        }
        if !props.is_empty() {
            out.push_str("<w:rPr>");
            out.push_str(&props);
            out.push_str("</w:rPr>");
        }
        let text: Cow<'_, str> = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n"))
        } else {
            Cow::Borrowed(text)
        };
        for (i, line) in text.split(['\n', '\r']).enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    out.push_str("<w:t xml:space=\"preserve\">");
                    xml::escape_into(out, piece);
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
    }

    fn table_start(&mut self, widths: [u32; 2]) {
        let total = widths[0] + widths[1];
        push_fmt(
            &mut self.out,
            format_args!(
                "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblBorders>\
                 <w:top w:val=\"none\"/><w:left w:val=\"none\"/><w:bottom w:val=\"none\"/>\
                 <w:right w:val=\"none\"/><w:insideH w:val=\"none\"/><w:insideV w:val=\"none\"/>\
                 </w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
                 <w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/>\
                 </w:tblCellMar></w:tblPr><w:tblGrid>\
                 <w:gridCol w:w=\"{}\"/><w:gridCol w:w=\"{}\"/></w:tblGrid><w:tr>",
                widths[0], widths[1]
            ),
        );
    }

    fn cell_start(&mut self, width: u32) {
        push_fmt(
            &mut self.out,
            format_args!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"),
        );
    }

    fn cell_end(&mut self) {
        self.out.push_str("</w:tc>");
    }

    fn table_end(&mut self) {
        self.out.push_str("</w:tr></w:tbl>");
    }
}

fn document_xml(doc: &ReportDoc) -> String {
    let mut b = Body {
        out: String::with_capacity(16 * 1024),
    };
    b.out.push_str(XML_DECL);
    b.out.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
    );
    header_block(&mut b, doc);

    let title = doc.title.to_uppercase();
    b.p(
        Para::centered().before(360).keep_next(),
        &[(&title, Font::sized(PT14).bold())],
    );
    if !doc.subtitle.is_empty() {
        b.p(
            Para::centered().keep_next(),
            &[(&doc.subtitle, Font::sized(PT14).bold())],
        );
    }
    for paragraph in &doc.intro {
        b.p(Para::default(), &[(paragraph, Font::default())]);
    }
    for section in &doc.sections {
        b.p(
            Para::default().keep_next(),
            &[(&section.heading, Font::default().bold())],
        );
        for (n, item) in section.items.iter().enumerate() {
            body_item(&mut b, n + 1, item);
        }
    }

    for paragraph in &doc.closing {
        b.p(Para::default(), &[(paragraph, Font::default())]);
    }
    signature_block(&mut b, doc);
    // Word expects the body to end in a paragraph after a table; keep it tiny so it cannot
    // spill onto a new page.
    b.p(
        Para {
            mark_size: Some(2),
            ..Para::block(Align::Left)
        },
        &[],
    );
    b.out.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" \
         w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" \
         w:gutter=\"0\"/><w:cols w:space=\"720\"/></w:sectPr></w:body></w:document>",
    );
    b.out
}

fn header_block(b: &mut Body, doc: &ReportDoc) {
    let [left, right] = HEADER_COLUMNS;
    b.table_start(HEADER_COLUMNS);

    b.cell_start(left);
    let center = Para::block(Align::Center);
    if !doc.authority_parent.is_empty() {
        b.p(
            center,
            &[(&doc.authority_parent.to_uppercase(), Font::sized(PT13))],
        );
    }
    b.p(
        center,
        &[(&doc.authority.to_uppercase(), Font::sized(PT13).bold())],
    );
    // NĐ 30 asks for a rule 1/3 to 1/2 as long as the authority line, centred under it.
    b.p(
        Para {
            rule: Some(left * 3 / 10),
            mark_size: Some(4),
            ..center
        },
        &[],
    );
    b.p(center.before(60), &[(&doc.number, Font::sized(PT13))]);
    b.cell_end();

    b.cell_start(right);
    b.p(
        center,
        &[(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            Font::sized(PT13).bold(),
        )],
    );
    b.p(
        center,
        &[(
            "Độc lập - Tự do - Hạnh phúc",
            Font::sized(PT14).bold().underline(),
        )],
    );
    b.p(
        center.before(240),
        &[(&date_line(&doc.place, doc.date), Font::sized(PT14).italic())],
    );
    b.cell_end();

    b.table_end();
}

fn body_item(b: &mut Body, n: usize, item: &ReportItem) {
    let numbered = format!("{n}. {}", item.title);
    b.p(
        Para::default().keep_next(),
        &[(&numbered, Font::default().bold())],
    );
    if !item.summary.is_empty() {
        b.p(Para::default(), &[(&item.summary, Font::default())]);
    }
    if !item.supporters.is_empty() {
        let line = format!("Số ý kiến: {}", item.supporters);
        b.p(Para::default(), &[(&line, Font::default().italic())]);
    }
    match &item.answer {
        None if !item.details.is_empty() => {
            for (label, value) in item.details.iter().filter(|(_, v)| !v.is_empty()) {
                b.p(
                    Para::default(),
                    &[(label, Font::default().bold()), (value, Font::default())],
                );
            }
        }
        Some(answer) => {
            let fields = [
                ("Nội dung trả lời: ", &answer.content),
                ("Kết quả giải quyết hoặc hướng giải quyết: ", &answer.result),
                ("Thời gian giải quyết: ", &answer.resolution_time),
                ("Cơ quan giải quyết: ", &answer.resolving_body),
            ];
            // Empty fields are left out rather than printed as a bare label.
            for (label, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
                b.p(
                    Para::default(),
                    &[(label, Font::default().bold()), (value, Font::default())],
                );
            }
        }
        None => b.p(
            Para::default(),
            &[(
                "Chưa có nội dung trả lời được phê duyệt.",
                Font::default().italic(),
            )],
        ),
    }
}

fn signature_block(b: &mut Body, doc: &ReportDoc) {
    let [left, right] = SIGNATURE_COLUMNS;
    b.table_start(SIGNATURE_COLUMNS);

    b.cell_start(left);
    match &doc.counter_signer {
        Some((title, name)) => signer_lines(b, &[title], name),
        None => {
            let plain = Para::block(Align::Left);
            b.p(
                plain.before(240),
                &[("Nơi nhận:", Font::sized(PT12).bold().italic())],
            );
            for recipient in &doc.recipients {
                b.p(plain, &[(recipient, Font::sized(PT11))]);
            }
        }
    }
    b.cell_end();

    b.cell_start(right);
    signer_lines(
        b,
        &[&doc.signer_capacity, &doc.signer_title],
        &doc.signer_name,
    );
    b.cell_end();

    b.table_end();
}

/// A signer's capacity lines, room for the signature and seal, and the name.
fn signer_lines(b: &mut Body, lines: &[&String], name: &str) {
    let center = Para::block(Align::Center);
    let signer = Font::sized(PT14).bold();
    let mut first = center.before(240);
    for line in lines {
        if !line.is_empty() {
            b.p(first, &[(&line.to_uppercase(), signer)]);
            first = center;
        }
    }
    for _ in 0..4 {
        b.p(center, &[]);
    }
    // Word requires a paragraph in every cell, and the name line is it even when empty.
    b.p(center, &[(name, signer)]);
}

fn core_xml(doc: &ReportDoc) -> String {
    let title = if doc.subtitle.is_empty() {
        doc.title.clone()
    } else {
        format!("{} - {}", doc.title, doc.subtitle)
    };
    let mut s = String::with_capacity(512);
    s.push_str(XML_DECL);
    s.push_str(
        "<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>",
    );
    xml::escape_into(&mut s, &title);
    s.push_str("</dc:title><dc:creator>");
    xml::escape_into(&mut s, &doc.authority);
    s.push_str("</dc:creator></cp:coreProperties>");
    s
}

const CONTENT_TYPES_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" \
ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" \
Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" \
Target=\"settings.xml\"/>\
</Relationships>";

/// Body defaults from NĐ 30/2020: Times New Roman 14 pt, justified, 1 cm first-line indent,
/// 6 pt after, line spacing 1.15 (276/240).
const STYLES_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" \
w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>\
<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>\
<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
<w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>\
<w:unhideWhenUsed/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after=\"0\" \
w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
</w:style></w:styles>";

/// `compatibilityMode` 15 stops Word from opening the file in "Compatibility Mode".
const SETTINGS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" \
w:val=\"15\"/></w:compat></w:settings>";

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn sample() -> ReportDoc {
        ReportDoc {
            authority_parent: "Huyện Thanh Miện".into(),
            authority: "Ủy ban nhân dân xã Bắc Thanh Miện".into(),
            number: "Số:      /BC-UBND".into(),
            place: "Bắc Thanh Miện".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 24).expect("test data is valid"),
            title: "Báo cáo".into(),
            subtitle: "Tổng hợp ý kiến, kiến nghị của Nhân dân và nội dung trả lời".into(),
            intro: vec![
                "Thực hiện Kế hoạch số 12/KH-UBND & hướng dẫn <mới>, UBND xã báo cáo như sau:"
                    .into(),
            ],
            sections: vec![
                ReportSection {
                    heading: "I. Kinh tế".into(),
                    items: vec![
                        ReportItem {
                            title: "Đường liên thôn An Sơn - An Lâu xuống cấp".into(),
                            summary: "Mặt đường hỏng nặng\nxe tải \"quá khổ\" đi lại".into(),
                            supporters: "12 ý kiến, 9 hộ, 2 thôn: An Sơn (7), An Lâu (5)".into(),
                            answer: Some(ReportAnswer {
                                content: "UBND xã đã đưa vào kế hoạch đầu tư công năm 2027.".into(),
                                result: "Khảo sát & lập dự toán trong quý I/2027.".into(),
                                resolution_time: "Quý II/2027".into(),
                                resolving_body: "Ban Quản lý dự án xã".into(),
                            }),
                            details: Vec::new(),
                        },
                        ReportItem {
                            title: "Cống thoát nước < 1 m bị tắc".into(),
                            summary: "Ngập úng\u{1} khi mưa lớn.".into(),
                            supporters: "3 ý kiến".into(),
                            answer: None,
                            details: Vec::new(),
                        },
                    ],
                },
                ReportSection {
                    heading: "II. Văn hóa - Xã hội".into(),
                    items: vec![ReportItem {
                        title: "Nhà văn hóa thôn Phù Tải thiếu loa".into(),
                        summary: String::new(),
                        supporters: String::new(),
                        answer: Some(ReportAnswer {
                            content: "Đã cấp bổ sung.".into(),
                            result: String::new(),
                            resolution_time: String::new(),
                            resolving_body: "Văn phòng - Thống kê".into(),
                        }),
                        details: Vec::new(),
                    }],
                },
            ],
            recipients: vec!["- Thường trực Đảng ủy;".into(), "- Lưu: VT.".into()],
            signer_capacity: "TM. Ủy ban nhân dân".into(),
            signer_title: "Chủ tịch".into(),
            signer_name: "Nguyễn Văn An".into(),
            counter_signer: None,
            closing: Vec::new(),
        }
    }

    fn read_part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("test data is valid");
        let mut file = archive.by_name(name).expect("test data is valid");
        let mut s = String::new();
        file.read_to_string(&mut s).expect("test data is valid");
        s
    }

    /// Text of each paragraph, with `<w:br/>` as '\n' and `<w:tab/>` as '\t'.
    fn paragraphs(document: &roxmltree::Document<'_>) -> Vec<String> {
        document
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| {
                p.descendants()
                    .filter_map(|n| {
                        if n.has_tag_name((W, "t")) {
                            n.text().map(str::to_owned)
                        } else if n.has_tag_name((W, "br")) {
                            Some("\n".to_owned())
                        } else if n.has_tag_name((W, "tab")) {
                            Some("\t".to_owned())
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn report_is_well_formed_and_complete() {
        let doc = sample();
        let bytes = write_docx(&doc).expect("test data is valid");

        let names: Vec<String> = zip::ZipArchive::new(Cursor::new(&bytes))
            .expect("test data is valid")
            .file_names()
            .map(|name| name.expect("test data is valid").into_owned())
            .collect();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "docProps/core.xml",
        ] {
            assert!(names.iter().any(|n| n == part), "missing {part}");
            // Every part must be well-formed XML.
            roxmltree::Document::parse(&read_part(&bytes, part)).expect("test data is valid");
        }

        let document_text = read_part(&bytes, "word/document.xml");
        let document = roxmltree::Document::parse(&document_text).expect("test data is valid");
        let paras = paragraphs(&document);
        let has = |needle: &str| paras.iter().any(|p| p == needle);
        for expected in [
            "HUYỆN THANH MIỆN",
            "ỦY BAN NHÂN DÂN XÃ BẮC THANH MIỆN",
            "Số:      /BC-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Bắc Thanh Miện, ngày 24 tháng 11 năm 2026",
            "BÁO CÁO",
            "Tổng hợp ý kiến, kiến nghị của Nhân dân và nội dung trả lời",
            "Thực hiện Kế hoạch số 12/KH-UBND & hướng dẫn <mới>, UBND xã báo cáo như sau:",
            "I. Kinh tế",
            "1. Đường liên thôn An Sơn - An Lâu xuống cấp",
            "Mặt đường hỏng nặng\nxe tải \"quá khổ\" đi lại",
            "Số ý kiến: 12 ý kiến, 9 hộ, 2 thôn: An Sơn (7), An Lâu (5)",
            "Nội dung trả lời: UBND xã đã đưa vào kế hoạch đầu tư công năm 2027.",
            "Kết quả giải quyết hoặc hướng giải quyết: Khảo sát & lập dự toán trong quý I/2027.",
            "Thời gian giải quyết: Quý II/2027",
            "Cơ quan giải quyết: Ban Quản lý dự án xã",
            "2. Cống thoát nước < 1 m bị tắc",
            "Ngập úng khi mưa lớn.",
            "Chưa có nội dung trả lời được phê duyệt.",
            "II. Văn hóa - Xã hội",
            "1. Nhà văn hóa thôn Phù Tải thiếu loa",
            "Nội dung trả lời: Đã cấp bổ sung.",
            "Cơ quan giải quyết: Văn phòng - Thống kê",
            "Nơi nhận:",
            "- Thường trực Đảng ủy;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn An",
        ] {
            assert!(has(expected), "no paragraph {expected:?} in {paras:#?}");
        }
        // Empty answer fields are omitted, not printed as bare labels.
        assert!(!has("Thời gian giải quyết: "));
        assert!(!paras.iter().any(|p| p == "Số ý kiến: "));

        // Header and signature are two borderless two-column tables.
        let tables: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name((W, "tbl")))
            .collect();
        assert_eq!(tables.len(), 2);
        for table in &tables {
            let cols = table
                .descendants()
                .filter(|n| n.has_tag_name((W, "gridCol")))
                .count();
            assert_eq!(cols, 2);
            let borders = table
                .descendants()
                .find(|n| n.has_tag_name((W, "tblBorders")))
                .expect("test data is valid");
            assert!(
                borders
                    .children()
                    .filter(|n| n.is_element())
                    .all(|n| n.attribute((W, "val")) == Some("none"))
            );
        }

        // The bold run in the label paragraphs is the label only.
        let label_run = document
            .descendants()
            .filter(|n| n.has_tag_name((W, "r")))
            .find(|r| {
                r.descendants()
                    .any(|t| t.has_tag_name((W, "t")) && t.text() == Some("Nội dung trả lời: "))
            })
            .expect("test data is valid");
        assert!(label_run.descendants().any(|n| n.has_tag_name((W, "b"))));

        // The date line is italic, the motto underlined.
        let date_run = document
            .descendants()
            .filter(|n| n.has_tag_name((W, "r")))
            .find(|r| {
                r.descendants()
                    .any(|t| t.text() == Some("Bắc Thanh Miện, ngày 24 tháng 11 năm 2026"))
            })
            .expect("test data is valid");
        assert!(date_run.descendants().any(|n| n.has_tag_name((W, "i"))));

        let pg_size = document
            .descendants()
            .find(|n| n.has_tag_name((W, "pgSz")))
            .expect("test data is valid");
        assert_eq!(pg_size.attribute((W, "w")), Some("11906"));
        assert_eq!(pg_size.attribute((W, "h")), Some("16838"));
        let margins = document
            .descendants()
            .find(|n| n.has_tag_name((W, "pgMar")))
            .expect("test data is valid");
        assert_eq!(margins.attribute((W, "top")), Some("1134"));
        assert_eq!(margins.attribute((W, "bottom")), Some("1134"));
        assert_eq!(margins.attribute((W, "left")), Some("1701"));
        assert_eq!(margins.attribute((W, "right")), Some("850"));

        let styles_text = read_part(&bytes, "word/styles.xml");
        let styles = roxmltree::Document::parse(&styles_text).expect("test data is valid");
        let fonts = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "rFonts")))
            .expect("test data is valid");
        for attr in ["ascii", "hAnsi", "cs", "eastAsia"] {
            assert_eq!(
                fonts.attribute((W, attr)),
                Some("Times New Roman"),
                "{attr}"
            );
        }
        let size = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "sz")))
            .expect("test data is valid");
        assert_eq!(size.attribute((W, "val")), Some("28"));
        let spacing = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "spacing")))
            .expect("test data is valid");
        assert_eq!(spacing.attribute((W, "after")), Some("120"));
        assert_eq!(spacing.attribute((W, "line")), Some("276"));
    }

    #[test]
    fn minimal_report_still_opens() {
        let doc = ReportDoc {
            authority_parent: String::new(),
            authority: String::new(),
            number: String::new(),
            place: String::new(),
            date: NaiveDate::from_ymd_opt(2026, 1, 1).expect("test data is valid"),
            title: String::new(),
            subtitle: String::new(),
            intro: Vec::new(),
            sections: Vec::new(),
            recipients: Vec::new(),
            signer_capacity: String::new(),
            signer_title: String::new(),
            signer_name: String::new(),
            counter_signer: None,
            closing: Vec::new(),
        };
        let bytes = write_docx(&doc).expect("test data is valid");
        let document_text = read_part(&bytes, "word/document.xml");
        let document = roxmltree::Document::parse(&document_text).expect("test data is valid");
        // Every table cell needs at least one paragraph.
        for cell in document.descendants().filter(|n| n.has_tag_name((W, "tc"))) {
            assert!(cell.children().any(|n| n.has_tag_name((W, "p"))));
        }
        assert!(
            paragraphs(&document)
                .iter()
                .any(|p| p == "ngày 01 tháng 01 năm 2026")
        );
    }
}
