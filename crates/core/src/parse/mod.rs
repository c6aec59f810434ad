//! Text to the structure of a set of minutes: header, opening paragraph, agenda items, attendance sections and footer.
//!
//! Parsing never fails. It returns a [`Document`] holding whatever it could
//! recognise plus [`Diagnostic`]s for what it could not; deciding whether the
//! result is minutes at all is left to the caller ([`Document::is_minutes`]).
//! Page-layout damage is undone here: paragraphs broken by page breaks are
//! rejoined, headings that spill onto the next line are completed, and
//! Markdown residue is dropped ([`text::clean_line`]). Attendance sections are
//! kept as lines, because deciding where a record ends needs the gazetteer;
//! that is the extractor's job.
//!
//! ```
//! let src = jiyao_core::load::decode("a.txt", "苏州市人民政府\n常务会议纪要\n〔2020〕3号\n2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。\n会议议定以下意见：\n一、审议《某某办法》\n（一）原则同意《某某办法》。\n出席：李亚平 王翔\n列席：张旗\n记录：栗涛\n".as_bytes()).unwrap();
//! let (doc, diags) = jiyao_core::parse::parse(&src);
//! assert!(doc.is_minutes());
//! assert_eq!(doc.items[0].heading.as_str(), "审议《某某办法》");
//! assert_eq!(doc.sections[0].body.as_str(), "李亚平 王翔");
//! assert!(diags.is_empty());
//! ```

pub mod furniture;
pub mod numerals;
pub mod text;

use crate::diag::{Code, Diagnostic, Sink, Span};
use crate::load::Source;
use furniture::Furniture;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;
pub use text::{Line, Text};

/// The structure of one set of minutes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Document {
    /// The issuing body's line (苏州市人民政府), if found.
    pub issuer: Option<Text>,
    /// The title line (常务会议纪要), if found.
    pub title: Option<Text>,
    /// The document number line (〔2020〕36号), if found.
    pub doc_number: Option<Text>,
    /// The opening paragraph (date, chair, meeting ordinal, summary), joined across lines.
    pub opening: Option<Text>,
    /// The agenda items, in order.
    pub items: Vec<Item>,
    /// Closing remarks after the items, such as 会议还研究了其他事项。
    pub notes: Vec<Text>,
    /// The attendance sections (出席, 列席, 记录 …), in order.
    pub sections: Vec<Section>,
    /// The footer.
    pub footer: Footer,
    /// The form the record is published in.
    pub form: Form,
    /// What the page around the record says about it (publication date, publisher, headline).
    pub page: Page,
    /// How many lines of page furniture were dropped.
    pub furniture: usize,
    /// Why the page is not the record of one meeting (a set of rules, a list page), if it is not.
    pub refusal: Option<String>,
}

impl Document {
    /// Returns true when enough was recognised to call the text the record of a meeting.
    ///
    /// Minutes need a title or an opening paragraph naming a meeting, and at
    /// least one agenda item or attendance section; a news report needs its
    /// opening paragraph (…主持召开…常务会议…). A page with a
    /// [`refusal`](Document::refusal) is never a record.
    pub fn is_minutes(&self) -> bool {
        if self.refusal.is_some() {
            return false;
        }
        match self.form {
            Form::Report => self.opening.is_some(),
            _ => {
                (self.title.is_some() || self.opening.is_some())
                    && (!self.items.is_empty() || !self.sections.is_empty())
            }
        }
    }
}

/// The form in which a meeting's record is published.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Minutes (会议纪要) with attendance sections (出席：… 列席：…).
    #[default]
    Sectioned,
    /// Minutes written as prose (现将会议议定事项纪要如下), usually without attendance sections.
    Prose,
    /// A news report of the meeting (the 常务会议 column of a portal).
    Report,
}

impl Form {
    /// Returns the lowercase name used in tables and the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Sectioned => "sectioned",
            Form::Prose => "prose",
            Form::Report => "report",
        }
    }

    /// True for the forms that are minutes (纪要), false for a news report.
    pub fn is_minutes(self) -> bool {
        self != Form::Report
    }
}

/// What a portal page says around the record.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Page {
    /// The publication date as written (发布日期：2024-09-14, or a bare date-time line).
    pub published: Option<Text>,
    /// The publishing body (发布机构).
    pub publisher: Option<Text>,
    /// A report's headline (区政府召开第115次常务会议), or the page's 标题 field.
    pub headline: Option<Text>,
}

/// One agenda item (一、…).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Item {
    /// Its 1-based ordinal, read from the Chinese numeral.
    pub ordinal: u32,
    /// The heading, joined across lines, without the numeral.
    pub heading: Text,
    /// Text between the heading and the first sub-point, if any.
    pub intro: Option<Text>,
    /// The sub-points （一）（二）….
    pub points: Vec<Point>,
}

/// One sub-point of an agenda item.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Point {
    /// Its 1-based ordinal.
    pub ordinal: u32,
    /// Its text, joined across lines, without the numeral.
    pub text: Text,
}

/// Which list an attendance section is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// 出席: members of the government present.
    Present,
    /// 列席: attending without membership, mostly heads of departments.
    Attending,
    /// 记录: the recorder.
    Recorder,
    /// 主持: the chair, when listed as a section.
    Chair,
    /// 请假 or 缺席: on leave or absent.
    Absent,
}

/// An attendance section: its label and its body lines, joined with `\n`.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// The list it is.
    pub kind: SectionKind,
    /// The label as written (出席, 列 席 …).
    pub label: Text,
    /// The body: every line after the label, joined with `\n`; blank lines dropped.
    pub body: Text,
    /// How the body is to be read.
    pub reader: Reader,
}

/// How an attendance section's body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reader {
    /// A list of names, each maybe after its department, broken anywhere by the layout (the seeds' form).
    List,
    /// Names with titles, separated by 、，: read as running text (区长张三，副区长李四、王五).
    Running,
    /// Organisations only (列席单位：…): one record per organisation, no person.
    Units,
}

/// The footer lines after the attendance sections.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Footer {
    /// The office that compiled the minutes (…整理).
    pub compiled_by: Option<Text>,
    /// The compilation date line.
    pub compiled_date: Option<Text>,
    /// The publication note (（此件公开发布）).
    pub publication: Option<Text>,
    /// The distribution list (分送：…), joined across lines, without the label.
    pub distribution: Option<Text>,
    /// The office that printed and issued the minutes.
    pub issued_by: Option<Text>,
    /// The issue date line (…印发), without 印发.
    pub issued_date: Option<Text>,
}

struct Patterns {
    doc_number: Regex,
    marker: Regex,
    item: Regex,
    point: Regex,
    label: Regex,
    compiled: Regex,
    issued: Regex,
    date_only: Regex,
    publication: Regex,
    distribution: Regex,
    opening: Regex,
    report_item: Regex,
    mid_label: Regex,
    title: Regex,
    any_ordinal: Regex,
}

/// A date as footers write it, in Arabic digits (2019年4月29日) or Chinese numerals (二〇一九年四月二十九日).
const FOOTER_DATE: &str = r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        doc_number: Regex::new(r"^\S{0,12}?[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号$|^第\s*\d+\s*[期号]$").unwrap(),
        marker: Regex::new(r"^(会议(议定|决定|确定|研究决定|讨论决定|纪要如下)|现(将|就)?.{0,12}纪要如下).{0,16}[:：]?$").unwrap(),
        item: Regex::new(r"^([一二三四五六七八九十百零〇两]{1,4})\s*[、，,.．]\s*(.*)$").unwrap(),
        point: Regex::new(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$").unwrap(),
        label: Regex::new(r"^(?P<label>出\s*席|列\s*席|记\s*录|主\s*持|请\s*假|缺\s*席|参\s*加|参\s*会)\s*(?:会议)?(?P<suffix>人员|同志|领导|单位|人)?(?P<colon>\s*[:：]\s*|\s+|$)(?P<rest>.*)$").unwrap(),
        compiled: Regex::new(&format!(r"^(.*?)\s*({FOOTER_DATE})?\s*整理$")).unwrap(),
        issued: Regex::new(&format!(r"^(.*?)\s*({FOOTER_DATE})\s*印\s*发$")).unwrap(),
        date_only: Regex::new(&format!(r"^{FOOTER_DATE}$")).unwrap(),
        publication: Regex::new(r"^[（(]?\s*此件.{0,8}[）)]?$").unwrap(),
        distribution: Regex::new(r"^(分送|抄送|主送|发送|送)\s*[:：]\s*(.*)$").unwrap(),
        opening: Regex::new(r"^(\d{4}\s*年|[〇零一二三四五六七八九]{4}年|受).{0,90}常务会议|主持召开.{0,30}常务会议").unwrap(),
        report_item: Regex::new(r"^会议(?:还|同时|首先|先后|最后|集中|专题|一并)?(?:听取|审议|研究|传达|学习|讨论|通报|审定|通过|原则通过|部署|观看|收看|决定|同意)").unwrap(),
        mid_label: Regex::new(r"[\s\u{3000}]+(?:出\s*席|列\s*席|记\s*录|请\s*假|缺\s*席)(?:会议)?(?:人员|同志|领导|单位|人)?\s*[:：]").unwrap(),
        title: Regex::new(r"(?:[区县市州省旗镇]长|秘书长|主任|书记|常委|主席|巡视员|调研员|党组成员|助理|记者)\p{Han}{2,3}(?:[、，,\s。]|$)").unwrap(),
        any_ordinal: Regex::new(r"第\s*([0-9一二三四五六七八九十百零〇]+)\s*次").unwrap(),
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Preamble,
    Header,
    Opening,
    Items,
    Attendance,
    Footer,
}

/// The parser's state while it walks the lines: one method per state.
struct Parser<'a> {
    doc: Document,
    sink: Sink,
    state: State,
    /// The line before, while in the preamble (an issuer line above a title).
    previous: Option<Text>,
    /// In the footer, a line waiting to be known as the issuing office.
    pending_office: Option<Text>,
    /// True when the text is a news report (no 会议纪要 title, no 纪要如下): paragraphs become items by their verbs.
    report: bool,
    /// True once a 纪要如下 marker was seen: prose minutes, whatever sections follow.
    prose_marker: bool,
    /// True after a report's closing paragraph (会议由市长某某主持。…出席会议。): what follows,
    /// up to another item, is closing notes, not the last item's text.
    closing: bool,
    p: &'a Patterns,
}

/// Parses a decoded source into its structure plus diagnostics. Never fails and never panics.
pub fn parse(source: &Source) -> (Document, Vec<Diagnostic>) {
    let lines: Vec<Line> = source
        .simplified
        .split('\n')
        .zip(source.text.split('\n'))
        .enumerate()
        .map(|(i, (view, written))| {
            text::clean_line_written(i, source.original_line(i), view, written)
        })
        .collect();
    let mut parser = Parser {
        doc: Document::default(),
        sink: Sink::new(&source.name),
        state: State::Preamble,
        previous: None,
        pending_office: None,
        report: false,
        prose_marker: false,
        closing: false,
        p: patterns(),
    };
    let kept = parser.drop_furniture(&lines);
    parser.report = is_report(&kept);
    if parser.report {
        for t in &rejoin_paragraphs(&kept) {
            parser.line(t);
        }
    } else {
        for t in kept {
            parser.line(t);
        }
    }
    parser.finish(&lines)
}

/// Rejoins a report's paragraphs broken by the layout: a line holding a sentence that does not end with one continues on the next line.
fn rejoin_paragraphs(lines: &[&Text]) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::with_capacity(lines.len());
    for &t in lines {
        if let Some(last) = out.last_mut() {
            let s = last.as_str();
            let open = s.contains(['，', '。', '、', '；'])
                && !s.ends_with(['。', '！', '？', '；', '：', '”', '」', '）', ')', '…']);
            if open && !starts_numbered(t.as_str()) {
                last.append(t);
                continue;
            }
        }
        out.push(t.clone());
    }
    out
}

/// True when a text reads as a news report of a meeting: no 会议纪要 title and no 纪要如下 marker among its lines.
fn is_report(lines: &[&Text]) -> bool {
    !lines.iter().any(|t| {
        let s = t.as_str();
        (s.contains("会议纪要") && s.chars().count() <= 40) || s.contains("纪要如下")
    })
}

impl Parser<'_> {
    /// Removes page furniture, keeping the metadata it carries; returns the lines of the record.
    fn drop_furniture<'l>(&mut self, lines: &'l [Line]) -> Vec<&'l Text> {
        let mut kept = Vec::with_capacity(lines.len());
        for line in lines {
            let t = &line.text;
            if t.is_empty() {
                continue;
            }
            match furniture::classify(t.as_str()) {
                None => kept.push(t),
                Some(kind) => {
                    if matches!(kind, Furniture::Metadata | Furniture::Byline) {
                        self.metadata(t);
                    }
                    // The site's owner (主办：常州市人民政府办公室) is the publisher when the page named none before it.
                    if kind == Furniture::Footer && self.doc.page.publisher.is_none() {
                        if let Some((a, b)) = furniture::site_owner(t.as_str()) {
                            self.doc.page.publisher = Some(t.slice(a, b));
                        }
                    }
                    self.doc.furniture += 1;
                }
            }
        }
        kept
    }

    /// Keeps the publication date, publishing body and document number of a metadata line.
    fn metadata(&mut self, t: &Text) {
        let s = t.as_str();
        let fields = furniture::fields(s);
        let no_date_field = fields
            .iter()
            .all(|f| !f.key.contains("日期") && !f.key.contains("时间"));
        if no_date_field && s.starts_with(|c: char| c.is_ascii_digit()) {
            self.doc.page.published.get_or_insert_with(|| t.clone());
        }
        for f in fields {
            let value = t.slice(f.value.0, f.value.1).trim();
            if value.is_empty() {
                continue;
            }
            let slot = match f.key.as_str() {
                "发布日期" | "发布时间" | "成文日期" | "发文日期" => {
                    &mut self.doc.page.published
                }
                "发布机构" | "发文机关" | "发文机构" => &mut self.doc.page.publisher,
                // A byline's source names the publisher when it is a government office (来源：常州市人民政府办公室).
                "来源" | "信息来源" if value.as_str().contains("政府") => {
                    &mut self.doc.page.publisher
                }
                "文件编号" | "文号" | "发文字号" => &mut self.doc.doc_number,
                "标题" | "名称" => &mut self.doc.page.headline,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
    }

    /// Files one line of the record according to the state.
    fn line(&mut self, t: &Text) {
        if !self.prose_marker && t.as_str().contains("纪要如下") {
            self.prose_marker = true;
        }
        if self.state == State::Preamble {
            self.preamble(t);
            return;
        }
        let labelled = t
            .as_str()
            .starts_with(['出', '列', '记', '主', '请', '缺', '参'])
            && self.p.label.is_match(t.as_str());
        if self.state == State::Attendance || labelled {
            // A section marker may land in the middle of a line after re-wrapping (… 周伟 列席：张旗 …).
            if let Some(at) = mid_line_label(t.as_str()) {
                let (head, tail) = (t.slice(0, at).trim(), t.slice(at, t.as_str().len()).trim());
                if !head.is_empty() {
                    self.line(&head);
                }
                if !self.section_label(&tail) {
                    self.attendance(&tail);
                }
                return;
            }
        }
        if self.section_label(t) {
            return;
        }
        if matches!(self.state, State::Items | State::Attendance | State::Footer)
            && !self.report
            && footer_line(&mut self.doc, &mut self.pending_office, t, &mut self.sink)
        {
            self.state = State::Footer;
            return;
        }
        match self.state {
            State::Preamble => {}
            State::Header => self.header(t),
            State::Opening => self.opening(t),
            State::Items => self.items(t),
            State::Attendance => self.attendance(t),
            State::Footer => self.footer(t),
        }
    }

    /// Before the title: the issuer line, the title, a report's headline, or an opening paragraph.
    fn preamble(&mut self, t: &Text) {
        let s = t.as_str();
        let p = self.p;
        if let Some(mut at) = s.find("会议纪要").filter(|_| s.chars().count() <= 40) {
            // The title may start with a qualifier: 常务会议纪要, 专题会议纪要 ….
            if let Some(q) = ["常务", "专题", "全体", "办公"]
                .iter()
                .find(|q| s[..at].ends_with(*q))
            {
                at -= q.len();
            }
            let before = t.slice(0, at).trim();
            self.doc.issuer = if !before.is_empty() {
                Some(before)
            } else {
                self.previous
                    .as_ref()
                    .filter(|p| p.as_str().chars().count() <= 30)
                    .cloned()
            };
            self.doc.title = Some(t.slice(at, s.len()).trim());
            self.state = State::Header;
        } else if self.report
            && self.doc.issuer.is_none()
            && s.ends_with("人民政府")
            && s.chars().count() <= 16
            && !s.contains(['，', '。', ' '])
        {
            // A portal's name above the report (青岚区人民政府): the issuer.
            self.doc.issuer = Some(t.clone());
        } else if self.report && is_headline(s) {
            self.doc.page.headline.get_or_insert_with(|| t.clone());
        } else if p.opening.is_match(s)
            || (self.report && report_opening(s, self.doc.page.headline.is_some()))
        {
            if !self.report {
                self.sink.warn(
                    Code::MissingTitle,
                    "no 会议纪要 title line before the opening paragraph",
                    Span::point(t.span().line, 1),
                );
            }
            self.set_opening(t);
        }
        self.previous = Some(t.clone());
    }

    /// Takes a paragraph as the opening; one that ends with 纪要如下 leads straight to the items.
    fn set_opening(&mut self, t: &Text) {
        self.doc.opening = Some(t.clone());
        self.state = if t.as_str().contains("纪要如下") {
            State::Items
        } else {
            State::Opening
        };
    }

    /// After the title: the document number, then the opening paragraph.
    fn header(&mut self, t: &Text) {
        let s = t.as_str();
        let p = self.p;
        if self.doc.doc_number.is_none() && p.doc_number.is_match(s) {
            self.doc.doc_number = Some(t.clone());
        } else if p.opening.is_match(s) || s.starts_with(|c: char| c.is_ascii_digit()) {
            self.set_opening(t);
        } else if p.marker.is_match(s) {
            self.state = State::Items;
        } else if let Some(c) = p.item.captures(s) {
            start_item(&mut self.doc, t, &c, &mut self.sink);
            self.state = State::Items;
        } else {
            self.sink.info(
                Code::UnrecognisedLine,
                format!("header line not understood: {}", short(s)),
                t.span(),
            );
        }
    }

    /// The opening paragraph, until the marker or the first item.
    fn opening(&mut self, t: &Text) {
        let s = t.as_str();
        let p = self.p;
        if p.marker.is_match(s) {
            self.state = State::Items;
        } else if let Some(c) = starts_numbered(s).then(|| p.item.captures(s)).flatten() {
            if !self.report {
                self.sink.warn(
                    Code::MissingMarker,
                    "agenda items start without a 会议议定以下意见 line",
                    t.span(),
                );
            }
            start_item(&mut self.doc, t, &c, &mut self.sink);
            self.state = State::Items;
        } else if self.report {
            self.state = State::Items;
            self.items(t);
        } else if let Some(o) = self.doc.opening.as_mut() {
            o.append(t);
            if s.contains("纪要如下") {
                self.state = State::Items;
            }
        }
    }

    /// Agenda items, their sub-points and closing notes; in a report, paragraphs led by 会议 and a verb.
    fn items(&mut self, t: &Text) {
        let s = t.as_str();
        let p = self.p;
        let doc = &mut self.doc;
        if let Some(c) = starts_numbered(s).then(|| p.item.captures(s)).flatten() {
            start_item(doc, t, &c, &mut self.sink);
        } else if let Some(c) = s
            .starts_with(['（', '('])
            .then(|| p.point.captures(s))
            .flatten()
        {
            self.point(t, &c);
        } else if self.report && p.report_item.is_match(s) {
            self.closing = false;
            let ordinal = doc.items.len() as u32 + 1;
            doc.items.push(Item {
                ordinal,
                heading: t.clone(),
                intro: None,
                points: Vec::new(),
            });
        } else if !self.report && (s.starts_with("会议还") || s.starts_with("会议同时")) {
            doc.notes.push(t.clone());
        } else if self.report && !doc.items.is_empty() && (self.closing || is_closing(s)) {
            // The chair and attendance after the agenda: notes, not the last item's text.
            self.closing = true;
            doc.notes.push(t.clone());
        } else if let Some(item) = doc.items.last_mut() {
            if let Some(point) = item.points.last_mut() {
                point.text.append(t);
            } else if !self.report
                && item.intro.is_none()
                && !s.contains('。')
                && s.chars().count() <= 24
            {
                // A heading that spilled onto the next line (page layout).
                item.heading.append(t);
            } else {
                match item.intro.as_mut() {
                    Some(intro) => intro.append(t),
                    None => item.intro = Some(t.clone()),
                }
            }
        } else if self.report {
            // A paragraph of a report before its first item: kept whole, for its chair or attendance.
            doc.notes.push(t.clone());
        } else if let Some(last) = doc.notes.last_mut() {
            last.append(t);
        } else {
            self.sink.info(
                Code::UnrecognisedLine,
                format!("line before the first agenda item: {}", short(s)),
                t.span(),
            );
        }
    }

    /// A sub-point （一）… of the current item.
    fn point(&mut self, t: &Text, c: &regex::Captures<'_>) {
        let ordinal = numerals::parse(&c[1]).unwrap_or(0);
        let body = t.slice(c.get(2).unwrap().start(), t.as_str().len());
        match self.doc.items.last_mut() {
            Some(item) => {
                let expected = item.points.len() as u32 + 1;
                if ordinal != expected {
                    self.sink.warn(
                        Code::Numbering,
                        format!(
                            "sub-point （{}） where （{}） was expected",
                            &c[1],
                            numerals::format(expected)
                        ),
                        t.span(),
                    );
                }
                item.points.push(Point {
                    ordinal,
                    text: body,
                });
            }
            None => self.sink.warn(
                Code::OrphanPoint,
                "sub-point before any agenda item; ignored",
                t.span(),
            ),
        }
    }

    /// Starts an attendance section when the line begins with a label; returns false otherwise.
    fn section_label(&mut self, t: &Text) -> bool {
        let s = t.as_str();
        if !s.starts_with(['出', '列', '记', '主', '请', '缺', '参']) {
            return false;
        }
        let Some(c) = self.p.label.captures(s) else {
            return false;
        };
        let bare = c.name("colon").is_none_or(|m| m.as_str().trim().is_empty());
        let suffix = c.name("suffix").map(|m| m.as_str());
        let rest = c.name("rest").unwrap();
        // Without a colon, only a label with its suffix (出席人员 …), alone on its line, or among other sections (记录 吕晴) starts one.
        if bare && suffix.is_none() && !rest.as_str().is_empty() && self.state != State::Attendance
        {
            return false;
        }
        let kind = match fold_label(&c["label"]).as_str() {
            "出席" | "参加" | "参会" => SectionKind::Present,
            "列席" => SectionKind::Attending,
            "记录" => SectionKind::Recorder,
            "主持" => SectionKind::Chair,
            _ => SectionKind::Absent,
        };
        let m1 = c.name("label").unwrap();
        let body = t.slice(rest.start(), s.len());
        let units = {
            let b = body.as_str().trim_end_matches(['。', '；', ';']);
            b.ends_with("负责同志") || b.ends_with("负责人")
        };
        let reader = if suffix == Some("单位") || units {
            Reader::Units
        } else if p_has_title(body.as_str()) {
            Reader::Running
        } else {
            Reader::List
        };
        self.doc.sections.push(Section {
            kind,
            label: t.slice(m1.start(), m1.end()),
            body,
            reader,
        });
        self.state = State::Attendance;
        true
    }

    /// A line of the current attendance section.
    fn attendance(&mut self, t: &Text) {
        // In a report the text goes on after a section (列席人员：…。 会议审议通过了…).
        if self.report && t.as_str().starts_with("会议") {
            self.state = State::Items;
            self.items(t);
            return;
        }
        if let Some(section) = self.doc.sections.last_mut() {
            if let Some(last) = section.body.last_pos() {
                section.body.push('\n', last);
            }
            section.body.append(t);
            if section.reader == Reader::List && p_has_title(t.as_str()) {
                section.reader = Reader::Running;
            }
        }
    }

    /// A footer line that is not one of the recognised footer forms.
    fn footer(&mut self, t: &Text) {
        let s = t.as_str();
        if let Some(dist) = self
            .doc
            .footer
            .distribution
            .as_mut()
            .filter(|d| !d.as_str().ends_with('。'))
        {
            dist.append(t);
        } else if self.pending_office.is_none() {
            self.pending_office = Some(t.clone());
        } else {
            self.sink.info(
                Code::UnrecognisedLine,
                format!("footer line not understood: {}", short(s)),
                t.span(),
            );
        }
    }

    /// Settles the form, checks what is missing and returns the document.
    fn finish(mut self, lines: &[Line]) -> (Document, Vec<Diagnostic>) {
        let doc = &mut self.doc;
        let prose = doc
            .opening
            .iter()
            .chain(doc.notes.iter())
            .any(|t| t.as_str().contains("纪要如下"))
            || self.prose_marker;
        doc.form = if self.report {
            Form::Report
        } else if doc.sections.is_empty() || prose {
            Form::Prose
        } else {
            Form::Sectioned
        };
        doc.refusal = refusal(doc, lines);
        if doc.items.is_empty() && doc.is_minutes() && !self.report {
            self.sink.warn(
                Code::MissingItems,
                "no agenda item (一、…) found",
                Span::point(1, 1),
            );
        }
        if doc.form == Form::Sectioned {
            for (kind, name) in [
                (SectionKind::Present, "出席"),
                (SectionKind::Attending, "列席"),
                (SectionKind::Recorder, "记录"),
            ] {
                if !doc.sections.iter().any(|s| s.kind == kind) {
                    self.sink.warn(
                        Code::MissingSection,
                        format!("no {name} section"),
                        Span::point(last_line(lines), 1),
                    );
                }
            }
        }
        (self.doc, self.sink.into_vec())
    }
}

/// Says why a page is not the record of one meeting: a set of rules, or a list of meetings.
fn refusal(doc: &Document, lines: &[Line]) -> Option<String> {
    // The headline or title names rules (a report's opening may name a 《…制度》 it reviewed).
    let heads = [&doc.page.headline, &doc.title];
    let rules = heads
        .iter()
        .filter_map(|h| h.as_ref())
        .any(|h| h.as_str().contains("规则") || h.as_str().ends_with("制度"));
    let articles = lines
        .iter()
        .filter(|l| {
            let s = l.text.as_str();
            s.starts_with('第') && s.chars().take(6).any(|c| c == '条')
        })
        .count();
    if rules || articles >= 3 {
        return Some("a set of rules (议事规则), not the record of one meeting".to_owned());
    }
    let p = patterns();
    let listed: Vec<&str> = lines
        .iter()
        .map(|l| l.text.as_str())
        .filter(|s| s.chars().count() <= 60 && s.contains("常务会议") && p.any_ordinal.is_match(s))
        .collect();
    let mut ordinals: Vec<&str> = listed
        .iter()
        .filter_map(|s| {
            p.any_ordinal
                .captures(s)
                .map(|c| c.get(1).unwrap().as_str())
        })
        .collect();
    ordinals.sort_unstable();
    ordinals.dedup();
    // A report with related links at its foot still has its opening paragraph.
    if ordinals.len() >= 3 && doc.opening.is_none() {
        return Some(format!(
            "a list of {} meetings, not the record of one",
            ordinals.len()
        ));
    }
    None
}

/// True when a paragraph of a report names the chair after the agenda: 会议由市长某某主持。
fn is_closing(s: &str) -> bool {
    let first = s.split('。').next().unwrap_or(s);
    s.starts_with("会议由") && (first.contains("主持") || first.contains("召集"))
}

/// True when a line of a report is its headline: short, no sentence, naming the meeting.
fn is_headline(s: &str) -> bool {
    s.chars().count() <= 50 && s.contains("常务会") && !s.contains(['，', '。', ','])
}

/// True when a paragraph of a report opens it: a sentence naming the 常务会议, or under a headline naming it, a sentence saying a meeting was held.
fn report_opening(s: &str, headline: bool) -> bool {
    let sentence = s.contains(['，', '。', ',']);
    let held = s.contains("召开") || s.contains("主持") || s.contains("举行");
    // 常务会 alone is how some portals write it (第12次区政府常务会).
    sentence && (s.contains("常务会") || (headline && held && s.contains("会议")))
}

/// Finds a section label in the middle of an attendance line (`… 周伟 列席：张旗`): the byte offset where it starts.
fn mid_line_label(s: &str) -> Option<usize> {
    if !s.contains(['：', ':']) {
        return None;
    }
    let m = patterns().mid_label.find(s)?;
    let at = m.start() + s[m.start()..].find(|c: char| !c.is_whitespace() && c != '\u{3000}')?;
    (at > 0).then_some(at)
}

/// True when an attendance body holds a title (副区长, 主任, 秘书长 …), so it is read as running text.
fn p_has_title(s: &str) -> bool {
    // Every title the pattern knows holds one of these characters.
    s.contains(['长', '任', '记', '委', '席', '员', '理'])
        && patterns().title.find_iter(s).any(|m| {
            // 天台县长孙晶永 is a county and a name with a compound surname: a leader's
            // 县长 follows a separator, 副 or 代 (副县长, 县委副书记、县长, 代县长), or starts the line.
            let leader = m.as_str().chars().nth(1) == Some('长');
            let before = s[..m.start()].chars().next_back();
            // 县人大常委会蹇俊 is a department and a name: its 常委 is not a title.
            !m.as_str().starts_with("常委会")
                && (!leader
                    || before
                        .is_none_or(|c| !crate::extract::is_han(c) || matches!(c, '副' | '代')))
        })
}

/// True when a line starts with a Chinese numeral, as agenda items do (一、…).
fn starts_numbered(s: &str) -> bool {
    s.starts_with([
        '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇', '两',
    ])
}

fn last_line(lines: &[Line]) -> u32 {
    lines
        .iter()
        .rev()
        .find(|l| !l.text.is_empty())
        .map_or(1, |l| l.text.span().line)
}

fn fold_label(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        out.push('…');
    }
    out
}

fn start_item(doc: &mut Document, t: &Text, c: &regex::Captures<'_>, sink: &mut Sink) {
    let ordinal = numerals::parse(&c[1]).unwrap_or(0);
    let expected = doc.items.len() as u32 + 1;
    if ordinal != expected {
        sink.warn(
            Code::Numbering,
            format!(
                "agenda item {}、 where {}、 was expected",
                &c[1],
                numerals::format(expected)
            ),
            t.span(),
        );
    }
    let heading = t.slice(c.get(2).unwrap().start(), t.as_str().len());
    doc.items.push(Item {
        ordinal,
        heading,
        intro: None,
        points: Vec::new(),
    });
}

/// Recognises a footer line and files it; returns false when the line is not a footer line.
fn footer_line(doc: &mut Document, pending: &mut Option<Text>, t: &Text, sink: &mut Sink) -> bool {
    let p = patterns();
    let s = t.as_str();
    let f = &mut doc.footer;
    // Cheap tests first: these run on every line of the body.
    if let Some(c) = s.ends_with('发').then(|| p.issued.captures(s)).flatten() {
        let by = c.get(1).unwrap();
        let date = c.get(2).unwrap();
        f.issued_by = if by.as_str().trim().is_empty() {
            pending.take()
        } else {
            Some(t.slice(by.start(), by.end()).trim())
        };
        f.issued_date = Some(t.slice(date.start(), date.end()));
        return true;
    }
    if let Some(c) = (s.ends_with("整理") && s.chars().count() <= 40)
        .then(|| p.compiled.captures(s))
        .flatten()
    {
        let by = c.get(1).unwrap();
        f.compiled_by = Some(t.slice(by.start(), by.end()).trim());
        if let Some(date) = c.get(2) {
            f.compiled_date = Some(t.slice(date.start(), date.end()));
        }
        return true;
    }
    if s.ends_with('日') && p.date_only.is_match(s) {
        if f.compiled_by.is_some() && f.compiled_date.is_none() {
            f.compiled_date = Some(t.clone());
        } else {
            sink.info(
                Code::UnrecognisedLine,
                format!("date line without a role: {s}"),
                t.span(),
            );
        }
        return true;
    }
    if s.contains("此件") && p.publication.is_match(s) {
        f.publication = Some(t.clone());
        return true;
    }
    if let Some(c) = s
        .contains(['：', ':'])
        .then(|| p.distribution.captures(s))
        .flatten()
    {
        let at = c.get(2).unwrap().start();
        f.distribution = Some(t.slice(at, s.len()));
        return true;
    }
    false
}

#[cfg(test)]
mod tests;
