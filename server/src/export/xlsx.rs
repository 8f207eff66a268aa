//! Streaming XLSX writer.
//!
//! Exports can run to hundreds of thousands of rows, so nothing here keeps rows around: each
//! row is serialised and pushed straight into a deflated zip entry, and the compressed bytes
//! accumulate in a small buffer that the caller drains with [`XlsxWriter::take_chunk`] (for
//! example into an HTTP body channel). Text is written as inline strings so no shared-string
//! table has to be built up in memory, and the workbook-level parts, which only need the sheet
//! names, are written by [`XlsxWriter::finish`].

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

use super::xml::{self, XML_DECL, push_fmt};

/// Excel's hard row limit per sheet; a file with more rows is reported as corrupt.
const MAX_ROWS: u32 = 1_048_576;
/// Excel's hard column limit (column `XFD`).
const MAX_COLUMNS: usize = 16_384;
/// Excel's limit on the length of a cell's text, in UTF-16 code units.
const MAX_CELL_TEXT: usize = 32_767;
/// Excel's limit on the length of a sheet name, in UTF-16 code units.
const MAX_SHEET_NAME: usize = 31;
/// Once the row scratch buffer has grown past this (one huge row), it is dropped instead of
/// being kept for the rest of the export.
const SCRATCH_KEEP: usize = 64 * 1024;

// Indices into `cellXfs` in `xl/styles.xml`; 0 is the default style.
const STYLE_BOLD: u8 = 1;
const STYLE_WRAP: u8 = 2;

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One cell of a data row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text, written as an inline string. Empty text is written as an empty cell.
    Text(&'a str),
    /// A number. NaN and infinities have no XLSX representation and are written as empty cells.
    Number(f64),
    /// An integer. Excel stores every number as a double, so magnitudes above 2^53 lose
    /// precision when the file is opened.
    Int(i64),
    /// No value.
    Empty,
}

/// Shared byte buffer that the zip writer appends to and the caller drains.
///
/// `Arc<Mutex<_>>` rather than `Rc<RefCell<_>>` keeps [`XlsxWriter`] `Send`, so it can live
/// across `.await` points in a tokio task; the lock is never contended.
#[derive(Clone, Default)]
struct Pipe(Arc<Mutex<Vec<u8>>>);

impl Pipe {
    fn with<R>(&self, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
        // Poisoning could only come from a panic inside `extend_from_slice` (allocation
        // failure); the bytes already in the buffer are still intact, so carry on.
        let mut buf = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut buf)
    }
}

impl Write for Pipe {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.with(|buf| buf.extend_from_slice(data));
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Streaming writer for an `.xlsx` workbook.
///
/// Call [`start_sheet`](Self::start_sheet), then [`header`](Self::header) and
/// [`row`](Self::row) as often as needed, draining output with
/// [`take_chunk`](Self::take_chunk) whenever [`pending_len`](Self::pending_len) gets large,
/// and finally [`finish`](Self::finish). Concatenating every chunk and the bytes returned by
/// `finish` gives the complete file.
pub struct XlsxWriter {
    zip: ZipWriter<StreamWriter<Pipe>>,
    pipe: Pipe,
    /// Final (sanitised, unique) sheet names, in order; `sheets.len()` is also the number of
    /// the sheet currently being written.
    sheets: Vec<String>,
    sheet_open: bool,
    /// 1-based number of the next row in the open sheet.
    next_row: u32,
    /// Reused serialisation buffer for one row, so rows do not allocate.
    scratch: String,
}

impl XlsxWriter {
    /// Creates an empty workbook. Nothing is produced until the first sheet is started.
    pub fn new() -> io::Result<Self> {
        let pipe = Pipe::default();
        Ok(Self {
            zip: ZipWriter::new_stream(pipe.clone()),
            pipe,
            sheets: Vec::new(),
            sheet_open: false,
            next_row: 1,
            scratch: String::new(),
        })
    }

    /// Starts a new worksheet, closing the previous one.
    ///
    /// The name is made acceptable to Excel (at most 31 characters, none of `[]:*?/\`, unique
    /// ignoring case). The first row is frozen so the header stays visible while scrolling.
    /// `column_widths` are in Excel's character units, starting at column A; non-positive or
    /// non-finite widths leave that column at the default width.
    pub fn start_sheet(&mut self, name: &str, column_widths: &[f64]) -> io::Result<()> {
        self.close_sheet()?;
        let name = unique_sheet_name(name, &self.sheets);
        let number = self.sheets.len() + 1;
        self.zip
            .start_file(format!("xl/worksheets/sheet{number}.xml"), entry_options())?;
        self.sheets.push(name);

        let mut s = String::with_capacity(1024);
        s.push_str(XML_DECL);
        push_fmt(
            &mut s,
            format_args!(
                "<worksheet xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><sheetViews><sheetView"
            ),
        );
        if number == 1 {
            s.push_str(" tabSelected=\"1\"");
        }
        s.push_str(
            " workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" \
             state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>\
             </sheetView></sheetViews>",
        );
        let widths: Vec<(usize, f64)> = column_widths
            .iter()
            .take(MAX_COLUMNS)
            .copied()
            .enumerate()
            .filter(|(_, w)| w.is_finite() && *w > 0.0)
            .collect();
        // An empty <cols/> is invalid, so the element is only written when there is a width.
        if !widths.is_empty() {
            s.push_str("<cols>");
            for (index, width) in widths {
                let col = index + 1;
                let width = width.min(255.0);
                push_fmt(
                    &mut s,
                    format_args!(
                        "<col min=\"{col}\" max=\"{col}\" width=\"{width}\" customWidth=\"1\"/>"
                    ),
                );
            }
            s.push_str("</cols>");
        }
        s.push_str("<sheetData>");
        self.zip.write_all(s.as_bytes())?;
        self.sheet_open = true;
        self.next_row = 1;
        Ok(())
    }

    /// Writes a row of bold text cells.
    pub fn header(&mut self, cells: &[&str]) -> io::Result<()> {
        let cells: Vec<Cell<'_>> = cells.iter().map(|text| Cell::Text(text)).collect();
        self.emit_row(&cells, true)
    }

    /// Writes a data row; cell `i` goes to column `i` (A, B, …).
    ///
    /// Text containing a line break gets a wrap-text style so Excel shows every line.
    /// Fails with `InvalidInput` before any sheet is started, past Excel's 1,048,576 rows or
    /// 16,384 columns.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> io::Result<()> {
        self.emit_row(cells, false)
    }

    /// Number of output bytes produced but not yet taken.
    pub fn pending_len(&self) -> usize {
        self.pipe.with(|buf| buf.len())
    }

    /// Takes the output bytes produced so far, leaving the buffer empty.
    ///
    /// The deflater emits output in bursts of up to a few tens of KiB, so a chunk taken once
    /// `pending_len` passes a threshold exceeds that threshold by at most one burst.
    pub fn take_chunk(&mut self) -> Vec<u8> {
        self.pipe.with(std::mem::take)
    }

    /// Closes the last sheet, writes the workbook-level parts and the zip directory, and
    /// returns the remaining output bytes.
    ///
    /// A workbook with no sheet gets an empty "Sheet1", because Excel rejects workbooks
    /// without sheets.
    pub fn finish(mut self) -> io::Result<Vec<u8>> {
        self.close_sheet()?;
        if self.sheets.is_empty() {
            self.start_sheet("Sheet1", &[])?;
            self.close_sheet()?;
        }
        let parts = [
            ("xl/workbook.xml", self.workbook_xml()),
            ("xl/_rels/workbook.xml.rels", self.workbook_rels_xml()),
            ("xl/styles.xml", STYLES_XML.to_owned()),
            ("_rels/.rels", ROOT_RELS_XML.to_owned()),
            ("[Content_Types].xml", self.content_types_xml()),
        ];
        for (path, body) in parts {
            self.zip.start_file(path, entry_options())?;
            self.zip.write_all(body.as_bytes())?;
        }
        let pipe = self.zip.finish()?.into_inner();
        Ok(pipe.with(std::mem::take))
    }

    fn close_sheet(&mut self) -> io::Result<()> {
        if self.sheet_open {
            self.sheet_open = false;
            self.zip.write_all(b"</sheetData></worksheet>")?;
        }
        Ok(())
    }

    fn emit_row(&mut self, cells: &[Cell<'_>], header: bool) -> io::Result<()> {
        if !self.sheet_open {
            return Err(invalid_input(
                "start_sheet must be called before writing rows",
            ));
        }
        if self.next_row > MAX_ROWS {
            return Err(invalid_input("sheet is full: Excel allows 1,048,576 rows"));
        }
        if cells.len() > MAX_COLUMNS {
            return Err(invalid_input("row too wide: Excel allows 16,384 columns"));
        }
        let row = self.next_row;
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        push_fmt(&mut s, format_args!("<row r=\"{row}\">"));
        for (index, cell) in cells.iter().enumerate() {
            match *cell {
                Cell::Empty | Cell::Text("") => {}
                Cell::Number(n) if !n.is_finite() => {}
                Cell::Text(text) => {
                    let style = if header {
                        Some(STYLE_BOLD)
                    } else if text.contains('\n') {
                        Some(STYLE_WRAP)
                    } else {
                        None
                    };
                    open_cell(&mut s, index, row, style, " t=\"inlineStr\"");
                    s.push_str("<is><t xml:space=\"preserve\">");
                    push_cell_text(&mut s, text);
                    s.push_str("</t></is></c>");
                }
                Cell::Number(n) => {
                    open_cell(&mut s, index, row, header.then_some(STYLE_BOLD), "");
                    // `{}` prints the shortest decimal that round-trips, which is a valid xsd:double.
                    push_fmt(&mut s, format_args!("<v>{n}</v></c>"));
                }
                Cell::Int(n) => {
                    open_cell(&mut s, index, row, header.then_some(STYLE_BOLD), "");
                    push_fmt(&mut s, format_args!("<v>{n}</v></c>"));
                }
            }
        }
        s.push_str("</row>");
        let written = self.zip.write_all(s.as_bytes());
        if s.capacity() <= SCRATCH_KEEP {
            self.scratch = s;
        }
        written?;
        self.next_row += 1;
        Ok(())
    }

    fn workbook_xml(&self) -> String {
        let mut s = String::with_capacity(512);
        s.push_str(XML_DECL);
        push_fmt(
            &mut s,
            format_args!(
                "<workbook xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><bookViews>\
                 <workbookView activeTab=\"0\"/></bookViews><sheets>"
            ),
        );
        for (i, name) in self.sheets.iter().enumerate() {
            let n = i + 1;
            s.push_str("<sheet name=\"");
            xml::escape_into(&mut s, name);
            push_fmt(&mut s, format_args!("\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"));
        }
        s.push_str("</sheets></workbook>");
        s
    }

    fn workbook_rels_xml(&self) -> String {
        let mut s = String::with_capacity(512);
        s.push_str(XML_DECL);
        s.push_str(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        for n in 1..=self.sheets.len() {
            push_fmt(
                &mut s,
                format_args!(
                    "<Relationship Id=\"rId{n}\" Type=\"{NS_REL}/worksheet\" \
                     Target=\"worksheets/sheet{n}.xml\"/>"
                ),
            );
        }
        let styles_id = self.sheets.len() + 1;
        push_fmt(
            &mut s,
            format_args!(
                "<Relationship Id=\"rId{styles_id}\" Type=\"{NS_REL}/styles\" \
                 Target=\"styles.xml\"/></Relationships>"
            ),
        );
        s
    }

    fn content_types_xml(&self) -> String {
        let mut s = String::with_capacity(1024);
        s.push_str(XML_DECL);
        s.push_str(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" \
             ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/styles.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
        );
        for n in 1..=self.sheets.len() {
            push_fmt(
                &mut s,
                format_args!(
                    "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
                     ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                ),
            );
        }
        s.push_str("</Types>");
        s
    }
}

/// Returns the Excel column letters for a 0-based column index: 0 → "A", 25 → "Z", 26 → "AA".
pub fn column_name(index: usize) -> String {
    let mut s = String::with_capacity(3);
    push_column_name(&mut s, index);
    s
}

fn push_column_name(out: &mut String, index: usize) {
    // Bijective base 26: there is no zero digit, so shift by one before each division.
    // u128 keeps `index + 1` from overflowing; 14 letters cover every u64.
    let mut n = index as u128 + 1;
    let mut letters = [0u8; 16];
    let mut start = letters.len();
    while n > 0 {
        n -= 1;
        start -= 1;
        letters[start] = b'A' + (n % 26) as u8;
        n /= 26;
    }
    for &b in &letters[start..] {
        out.push(char::from(b));
    }
}

fn open_cell(out: &mut String, index: usize, row: u32, style: Option<u8>, type_attr: &str) {
    out.push_str("<c r=\"");
    push_column_name(out, index);
    push_fmt(out, format_args!("{row}\""));
    if let Some(style) = style {
        push_fmt(out, format_args!(" s=\"{style}\""));
    }
    out.push_str(type_attr);
    out.push('>');
}

/// Appends cell text, truncated to Excel's cell limit and escaped.
///
/// Besides XML escaping, an underscore that starts a `_xHHHH_` sequence is itself encoded as
/// `_x005F_`, because Excel (and calamine) decode such sequences in cell text and would
/// otherwise turn a resident's literal "_x0041_" into "A".
fn push_cell_text(out: &mut String, text: &str) {
    // Illegal characters go first so that removing one cannot form a new `_xHHHH_`.
    let text: Cow<'_, str> = if text.chars().all(xml::is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| xml::is_xml_char(*c)).collect())
    };
    let mut rest = truncate_utf16(&text, MAX_CELL_TEXT);
    while let Some(pos) = rest.find("_x") {
        let (before, from) = rest.split_at(pos);
        xml::escape_into(out, before);
        out.push_str(if looks_like_ooxml_escape(from) {
            "_x005F_"
        } else {
            "_"
        });
        rest = &from[1..];
    }
    xml::escape_into(out, rest);
}

fn looks_like_ooxml_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7
        && b.starts_with(b"_x")
        && b[2..6].iter().all(u8::is_ascii_hexdigit)
        && b[6] == b'_'
}

/// Cuts `text` to at most `max` UTF-16 code units, the unit Excel counts in, on a char boundary.
fn truncate_utf16(text: &str, max: usize) -> &str {
    // Cheap exit: UTF-16 never needs more units than UTF-8 needs bytes.
    if text.len() <= max {
        return text;
    }
    let mut units = 0;
    for (pos, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > max {
            return &text[..pos];
        }
    }
    text
}

/// Makes `name` a legal Excel sheet name that differs (ignoring case) from every name in
/// `taken`.
fn unique_sheet_name(name: &str, taken: &[String]) -> String {
    let base = sanitize_sheet_name(name);
    let base = if base.is_empty() {
        format!("Sheet{}", taken.len() + 1)
    } else {
        base
    };
    let is_taken = |candidate: &str| {
        let lower = candidate.to_lowercase();
        // "History" is reserved by Excel for change tracking.
        lower == "history" || taken.iter().any(|t| t.to_lowercase() == lower)
    };
    if !is_taken(&base) {
        return base;
    }
    let mut n = 2usize;
    loop {
        let suffix = format!(" ({n})");
        let stem = truncate_utf16(&base, MAX_SHEET_NAME - suffix.len());
        let candidate = format!("{}{suffix}", stem.trim_end());
        if !is_taken(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

fn sanitize_sheet_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .filter(|c| xml::is_xml_char(*c))
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    // Excel also rejects names that begin or end with an apostrophe.
    let trimmed = replaced.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    truncate_utf16(trimmed, MAX_SHEET_NAME)
        .trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_owned()
}

fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

fn invalid_input(message: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

const ROOT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"xl/workbook.xml\"/></Relationships>";

/// Style 0: normal; 1: bold (headers); 2: wrapped, top-aligned (multi-line text).
const STYLES_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\">\
<font><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>\
<font><b/><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>\
</fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
<fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"3\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">\
<alignment vertical=\"top\" wrapText=\"1\"/></xf>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, open_workbook_auto};
    use std::path::PathBuf;
    use std::time::{SystemTime, UNIX_EPOCH};

    /// A temp file that removes itself, so failed assertions do not leave files behind.
    struct TempFile(PathBuf);

    impl TempFile {
        fn with_bytes(tag: &str, bytes: &[u8]) -> Self {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let path = std::env::temp_dir().join(format!(
                "exportkit-{tag}-{}-{nanos}.xlsx",
                std::process::id()
            ));
            std::fs::write(&path, bytes).expect("test data is valid");
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn text(data: Option<&Data>) -> String {
        match data {
            Some(Data::String(s)) => s.clone(),
            other => panic!("expected a string cell, got {other:?}"),
        }
    }

    fn number(data: Option<&Data>) -> f64 {
        match data {
            Some(Data::Float(f)) => *f,
            Some(Data::Int(i)) => *i as f64,
            other => panic!("expected a number cell, got {other:?}"),
        }
    }

    const TRICKY: &str =
        "Ông Tư nói: \"Đường liên thôn & cống <thoát nước>\" hỏng\nđề nghị sửa sớm";

    #[test]
    fn three_sheets_round_trip_through_calamine() {
        let mut w = XlsxWriter::new().expect("test data is valid");
        let mut bytes = Vec::new();

        w.start_sheet("Tổng hợp", &[30.0, 12.0, 12.0])
            .expect("test data is valid");
        w.header(&["Lĩnh vực", "Số vấn đề", "Tỷ lệ"])
            .expect("test data is valid");
        w.row(&[Cell::Text("Kinh tế"), Cell::Int(12), Cell::Number(0.375)])
            .expect("test data is valid");
        w.row(&[Cell::Text("Xã hội"), Cell::Int(-3), Cell::Number(1e-7)])
            .expect("test data is valid");
        bytes.extend(w.take_chunk());

        w.start_sheet("Vấn đề", &[8.0, 60.0])
            .expect("test data is valid");
        w.header(&["STT", "Tiêu đề"]).expect("test data is valid");
        w.row(&[Cell::Int(1), Cell::Text("Đường liên thôn")])
            .expect("test data is valid");
        w.row(&[Cell::Int(2), Cell::Empty, Cell::Text("_x0041_ literal")])
            .expect("test data is valid");

        w.start_sheet("Ý kiến", &[]).expect("test data is valid");
        w.header(&["Nội dung", "Thôn"]).expect("test data is valid");
        w.row(&[Cell::Text(TRICKY), Cell::Text("An Sơn")])
            .expect("test data is valid");
        w.row(&[Cell::Text("bỏ\u{1}ký tự\u{7f}điều khiển\r\n")])
            .expect("test data is valid");
        bytes.extend(w.take_chunk());
        bytes.extend(w.finish().expect("test data is valid"));

        let file = TempFile::with_bytes("three", &bytes);
        let mut wb = open_workbook_auto(&file.0).expect("test data is valid");
        assert_eq!(wb.sheet_names(), ["Tổng hợp", "Vấn đề", "Ý kiến"]);

        let sheet = wb.worksheet_range("Tổng hợp").expect("test data is valid");
        assert_eq!(sheet.get_size(), (3, 3));
        assert_eq!(text(sheet.get((0, 0))), "Lĩnh vực");
        assert_eq!(text(sheet.get((0, 2))), "Tỷ lệ");
        assert_eq!(text(sheet.get((1, 0))), "Kinh tế");
        assert_eq!(number(sheet.get((1, 1))), 12.0);
        assert_eq!(number(sheet.get((1, 2))), 0.375);
        assert_eq!(number(sheet.get((2, 1))), -3.0);
        assert_eq!(number(sheet.get((2, 2))), 1e-7);

        let sheet = wb.worksheet_range("Vấn đề").expect("test data is valid");
        assert_eq!(text(sheet.get((1, 1))), "Đường liên thôn");
        assert_eq!(sheet.get((2, 1)), Some(&Data::Empty));
        assert_eq!(text(sheet.get((2, 2))), "_x0041_ literal");

        let sheet = wb.worksheet_range("Ý kiến").expect("test data is valid");
        assert_eq!(text(sheet.get((0, 0))), "Nội dung");
        assert_eq!(text(sheet.get((1, 0))), TRICKY);
        assert_eq!(text(sheet.get((1, 1))), "An Sơn");
        // Illegal control characters are dropped; CR survives XML line-end normalisation.
        assert_eq!(text(sheet.get((2, 0))), "bỏký tự\u{7f}điều khiển\r\n");
    }

    #[test]
    fn fifty_thousand_rows_stream_in_bounded_chunks() {
        const ROWS: usize = 50_000;
        const CHUNK: usize = 64 * 1024;
        let mut w = XlsxWriter::new().expect("test data is valid");
        let mut bytes = Vec::new();
        let mut max_chunk = 0;
        let mut chunks = 0;
        w.start_sheet("Ý kiến", &[10.0, 50.0, 12.0, 20.0])
            .expect("test data is valid");
        w.header(&["STT", "Nội dung", "Điểm", "Thôn"])
            .expect("test data is valid");
        for i in 1..=ROWS {
            let content = format!("Ý kiến số {i}: đề nghị sửa Đường liên thôn & cống");
            let village = ["An Sơn", "An Lâu", "Phù Tải"][i % 3];
            w.row(&[
                Cell::Int(i as i64),
                Cell::Text(&content),
                Cell::Number(i as f64 / 4.0),
                Cell::Text(village),
            ])
            .expect("test data is valid");
            if w.pending_len() >= CHUNK {
                let chunk = w.take_chunk();
                assert_eq!(w.pending_len(), 0);
                max_chunk = max_chunk.max(chunk.len());
                chunks += 1;
                bytes.extend(chunk);
            }
        }
        let tail = w.finish().expect("test data is valid");
        max_chunk = max_chunk.max(tail.len());
        bytes.extend(tail);
        assert!(
            chunks > 1,
            "expected the export to be streamed, got {chunks} chunks"
        );
        assert!(
            max_chunk < 1024 * 1024,
            "largest chunk was {max_chunk} bytes"
        );

        let file = TempFile::with_bytes("stream", &bytes);
        let mut wb = open_workbook_auto(&file.0).expect("test data is valid");
        let sheet = wb.worksheet_range("Ý kiến").expect("test data is valid");
        assert_eq!(sheet.height(), ROWS + 1);
        let last = ROWS as u32;
        assert_eq!(number(sheet.get_value((last, 0))), ROWS as f64);
        assert_eq!(
            text(sheet.get_value((last, 1))),
            format!("Ý kiến số {ROWS}: đề nghị sửa Đường liên thôn & cống")
        );
        assert_eq!(number(sheet.get_value((last, 2))), ROWS as f64 / 4.0);
        assert_eq!(text(sheet.get_value((last, 3))), "Phù Tải");
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(1), "B");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(51), "AZ");
        assert_eq!(column_name(52), "BA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(MAX_COLUMNS - 1), "XFD");
        assert_eq!(column_name(usize::MAX).len(), 14);
    }

    #[test]
    fn sheet_names_are_made_legal_and_unique() {
        let taken = vec!["Vấn đề".to_owned()];
        assert_eq!(
            unique_sheet_name("Kinh tế/Xã hội [2026]?", &[]),
            "Kinh tế-Xã hội -2026--"
        );
        assert_eq!(unique_sheet_name("'Ý kiến'", &[]), "Ý kiến");
        assert_eq!(unique_sheet_name("VẤN ĐỀ", &taken), "VẤN ĐỀ (2)");
        assert_eq!(unique_sheet_name("  ", &taken), "Sheet2");
        assert_eq!(unique_sheet_name("history", &[]), "history (2)");
        let long = "Tổng hợp ý kiến kiến nghị của cử tri xã Bắc Thanh Miện";
        let cut = unique_sheet_name(long, &[]);
        assert_eq!(cut.chars().count(), 31);
        assert!(long.starts_with(&cut));
        let again = unique_sheet_name(long, std::slice::from_ref(&cut));
        assert!(again.encode_utf16().count() <= MAX_SHEET_NAME, "{again}");
        assert!(again.ends_with(" (2)"));
    }

    #[test]
    fn misuse_is_an_error_not_a_panic() {
        let mut w = XlsxWriter::new().expect("test data is valid");
        let err = w.row(&[Cell::Int(1)]).expect_err("a row needs a sheet");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let bytes = w.finish().expect("test data is valid");
        let file = TempFile::with_bytes("empty", &bytes);
        let mut wb = open_workbook_auto(&file.0).expect("test data is valid");
        assert_eq!(wb.sheet_names(), ["Sheet1"]);
        assert!(
            wb.worksheet_range("Sheet1")
                .expect("test data is valid")
                .is_empty()
        );
    }

    #[test]
    fn non_finite_numbers_become_empty_cells_and_long_text_is_cut() {
        let long = "ầ".repeat(MAX_CELL_TEXT + 10);
        let mut w = XlsxWriter::new().expect("test data is valid");
        w.start_sheet("S", &[f64::NAN, -1.0, 1e9])
            .expect("test data is valid");
        w.row(&[
            Cell::Number(f64::NAN),
            Cell::Number(f64::INFINITY),
            Cell::Text(&long),
        ])
        .expect("test data is valid");
        let bytes = w.finish().expect("test data is valid");
        let file = TempFile::with_bytes("edge", &bytes);
        let mut wb = open_workbook_auto(&file.0).expect("test data is valid");
        let sheet = wb.worksheet_range("S").expect("test data is valid");
        assert_eq!(sheet.get_value((0, 0)), None);
        assert_eq!(text(sheet.get_value((0, 2))).chars().count(), MAX_CELL_TEXT);
    }

    #[test]
    fn writer_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<XlsxWriter>();
    }
}
