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

pub mod numerals;
pub mod text;

use crate::diag::{Diagnostic, Sink, Span};
use crate::load::Source;
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
}

impl Document {
    /// Returns true when enough was recognised to call the text minutes: a title or an opening paragraph naming a meeting, and at least one agenda item or attendance section.
    pub fn is_minutes(&self) -> bool {
        (self.title.is_some() || self.opening.is_some())
            && (!self.items.is_empty() || !self.sections.is_empty())
    }
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
        label: Regex::new(r"^(出\s*席|列\s*席|记\s*录|主\s*持|请\s*假|缺\s*席)\s*(人员|同志)?\s*[:：]\s*(.*)$").unwrap(),
        compiled: Regex::new(&format!(r"^(.*?)\s*({FOOTER_DATE})?\s*整理$")).unwrap(),
        issued: Regex::new(&format!(r"^(.*?)\s*({FOOTER_DATE})\s*印\s*发$")).unwrap(),
        date_only: Regex::new(&format!(r"^{FOOTER_DATE}$")).unwrap(),
        publication: Regex::new(r"^[（(]?\s*此件.{0,8}[）)]?$").unwrap(),
        distribution: Regex::new(r"^(分送|抄送|主送|发送|送)\s*[:：]\s*(.*)$").unwrap(),
        opening: Regex::new(r"^(\d{4}\s*年|[〇零一二三四五六七八九]{4}年|受).{0,60}常务会议|主持召开.{0,20}常务会议").unwrap(),
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

/// Parses a decoded source into its structure plus diagnostics. Never fails and never panics.
pub fn parse(source: &Source) -> (Document, Vec<Diagnostic>) {
    let mut sink = Sink::new(&source.name);
    let lines: Vec<Line> = source
        .simplified
        .split('\n')
        .zip(source.text.split('\n'))
        .enumerate()
        .map(|(i, (view, written))| {
            text::clean_line_written(i, source.original_line(i), view, written)
        })
        .collect();
    let p = patterns();
    let mut doc = Document::default();
    let mut state = State::Preamble;
    let mut previous: Option<&Text> = None;
    // In the footer, a line waiting to be known as the issuing office.
    let mut pending_office: Option<Text> = None;
    for line in &lines {
        let t = &line.text;
        if t.is_empty() {
            continue;
        }
        let s = t.as_str();
        if state == State::Preamble {
            if let Some(mut at) = s.find("会议纪要") {
                // The title may start with a qualifier: 常务会议纪要, 专题会议纪要 ….
                if let Some(q) = ["常务", "专题", "全体", "办公"]
                    .iter()
                    .find(|q| s[..at].ends_with(*q))
                {
                    at -= q.len();
                }
                let before = t.slice(0, at).trim();
                doc.issuer = if !before.is_empty() {
                    Some(before)
                } else {
                    previous
                        .filter(|p| p.as_str().chars().count() <= 30)
                        .cloned()
                };
                doc.title = Some(t.slice(at, s.len()).trim());
                state = State::Header;
            } else if p.opening.is_match(s) {
                sink.warn(
                    "missing-title",
                    "no 会议纪要 title line before the opening paragraph",
                    Span::point(t.span().line, 1),
                );
                doc.opening = Some(t.clone());
                state = State::Opening;
            }
            previous = Some(t);
            continue;
        }
        if let Some(c) = s
            .starts_with(['出', '列', '记', '主', '请', '缺'])
            .then(|| p.label.captures(s))
            .flatten()
        {
            let kind = match fold_label(&c[1]).as_str() {
                "出席" => SectionKind::Present,
                "列席" => SectionKind::Attending,
                "记录" => SectionKind::Recorder,
                "主持" => SectionKind::Chair,
                _ => SectionKind::Absent,
            };
            let m1 = c.get(1).unwrap();
            let body_at = c.get(3).unwrap().start();
            doc.sections.push(Section {
                kind,
                label: t.slice(m1.start(), m1.end()),
                body: t.slice(body_at, s.len()),
            });
            state = State::Attendance;
            continue;
        }
        if matches!(state, State::Items | State::Attendance | State::Footer)
            && footer_line(&mut doc, &mut pending_office, t, &mut sink)
        {
            state = State::Footer;
            continue;
        }
        match state {
            State::Preamble => unreachable!("handled above"),
            State::Header => {
                if doc.doc_number.is_none() && p.doc_number.is_match(s) {
                    doc.doc_number = Some(t.clone());
                } else if p.opening.is_match(s) || s.starts_with(|c: char| c.is_ascii_digit()) {
                    doc.opening = Some(t.clone());
                    state = State::Opening;
                } else if p.marker.is_match(s) {
                    state = State::Items;
                } else if let Some(c) = p.item.captures(s) {
                    start_item(&mut doc, t, &c, &mut sink);
                    state = State::Items;
                } else {
                    sink.info(
                        "unrecognised-line",
                        format!("header line not understood: {}", short(s)),
                        t.span(),
                    );
                }
            }
            State::Opening => {
                if p.marker.is_match(s) {
                    state = State::Items;
                } else if let Some(c) = p.item.captures(s) {
                    sink.warn(
                        "missing-marker",
                        "agenda items start without a 会议议定以下意见 line",
                        t.span(),
                    );
                    start_item(&mut doc, t, &c, &mut sink);
                    state = State::Items;
                } else if let Some(o) = doc.opening.as_mut() {
                    o.append(t);
                }
            }
            State::Items => {
                if let Some(c) = starts_numbered(s).then(|| p.item.captures(s)).flatten() {
                    start_item(&mut doc, t, &c, &mut sink);
                } else if let Some(c) = s
                    .starts_with(['（', '('])
                    .then(|| p.point.captures(s))
                    .flatten()
                {
                    let ordinal = numerals::parse(&c[1]).unwrap_or(0);
                    let body = t.slice(c.get(2).unwrap().start(), s.len());
                    match doc.items.last_mut() {
                        Some(item) => {
                            let expected = item.points.len() as u32 + 1;
                            if ordinal != expected {
                                sink.warn(
                                    "numbering",
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
                        None => sink.warn(
                            "orphan-point",
                            "sub-point before any agenda item; ignored",
                            t.span(),
                        ),
                    }
                } else if s.starts_with("会议还") || s.starts_with("会议同时") {
                    doc.notes.push(t.clone());
                } else if let Some(item) = doc.items.last_mut() {
                    if let Some(point) = item.points.last_mut() {
                        point.text.append(t);
                    } else if item.intro.is_none() && !s.contains('。') && s.chars().count() <= 24
                    {
                        // A heading that spilled onto the next line (page layout).
                        item.heading.append(t);
                    } else {
                        match item.intro.as_mut() {
                            Some(intro) => intro.append(t),
                            None => item.intro = Some(t.clone()),
                        }
                    }
                } else if let Some(last) = doc.notes.last_mut() {
                    last.append(t);
                } else {
                    sink.info(
                        "unrecognised-line",
                        format!("line before the first agenda item: {}", short(s)),
                        t.span(),
                    );
                }
            }
            State::Attendance => {
                if let Some(section) = doc.sections.last_mut() {
                    if let Some(last) = section.body.last_pos() {
                        section.body.push('\n', last);
                    }
                    section.body.append(t);
                }
            }
            State::Footer => {
                if let Some(dist) = doc
                    .footer
                    .distribution
                    .as_mut()
                    .filter(|d| !d.as_str().ends_with('。'))
                {
                    dist.append(t);
                } else if pending_office.is_none() {
                    pending_office = Some(t.clone());
                } else {
                    sink.info(
                        "unrecognised-line",
                        format!("footer line not understood: {}", short(s)),
                        t.span(),
                    );
                }
            }
        }
    }
    if doc.items.is_empty() && doc.is_minutes() {
        sink.warn(
            "missing-items",
            "no agenda item (一、…) found",
            Span::point(1, 1),
        );
    }
    if doc.title.is_some() || doc.opening.is_some() {
        for (kind, name) in [
            (SectionKind::Present, "出席"),
            (SectionKind::Attending, "列席"),
            (SectionKind::Recorder, "记录"),
        ] {
            if !doc.sections.iter().any(|s| s.kind == kind) {
                sink.warn(
                    "missing-section",
                    format!("no {name} section"),
                    Span::point(last_line(&lines), 1),
                );
            }
        }
    }
    (doc, sink.into_vec())
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
            "numbering",
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
                "unrecognised-line",
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
