//! Minutes to bytes, with the damage real files carry.
//!
//! Three layouts copy the three real files: *plain* (blank lines between
//! paragraphs, as `000_…`), *compact* (issuer and title on one line, half-width
//! colons, as `001_…`) and *markdown* (`#` headings, `**出席：**`, `---`, trailing
//! double spaces, as `004_…`). Attendance lists are wrapped at a fixed visual
//! width, character by character as Chinese typesetting does, so lines break
//! inside departments and names and between records with no space; page
//! breaks add blank lines inside paragraphs and lists. Files are then
//! delivered as UTF-8, GB18030, UTF-8 with BOM and CRLF, or as an HTML page with
//! a navigation bar, scripts, `<p>`, `<br>` and `&nbsp;`.

use super::calendar::{Date, Written};
use super::rng::Rng;

/// The structure of one set of minutes, before layout.
#[derive(Clone, Debug, Default)]
pub(crate) struct Minutes {
    pub issuer: String,
    pub doc_number: String,
    pub opening: String,
    pub items: Vec<(String, Vec<String>)>,
    pub closing: Option<String>,
    pub present: Vec<String>,
    pub attending_names: Vec<String>,
    /// Department as written and person.
    pub attending_units: Vec<(String, String)>,
    pub representatives: Vec<String>,
    pub recorder: String,
    pub office: String,
    pub compiled: Option<Date>,
    pub issued: Option<Date>,
    pub hanzi_dates: bool,
    pub publication: Option<&'static str>,
    pub distribution: String,
    /// The attendance block in another layout than the seeds' ([`crate::sections`]), replacing 出席： 列席： 记录：.
    pub alt_attendance: Option<Vec<String>>,
}

/// How the text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Blank lines between paragraphs, as the 2019 file.
    Plain,
    /// Issuer and title on one line, half-width colons in labels, as the 2020 file.
    Compact,
    /// Markdown residue, as the file converted by a tool.
    Markdown,
}

impl Layout {
    /// Returns the lowercase name written to the ground truth.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Plain => "plain",
            Layout::Compact => "compact",
            Layout::Markdown => "markdown",
        }
    }
}

/// How the bytes reach the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// UTF-8 text.
    Utf8,
    /// GB18030 text.
    Gb18030,
    /// UTF-8 with a byte-order mark and CRLF line ends.
    Utf8BomCrlf,
    /// A UTF-8 HTML page.
    Html,
    /// A GB18030 HTML page declaring gb2312, as older portals serve.
    HtmlGb18030,
}

impl Delivery {
    /// Returns the lowercase name written to the ground truth.
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Utf8 => "utf8",
            Delivery::Gb18030 => "gb18030",
            Delivery::Utf8BomCrlf => "utf8-bom-crlf",
            Delivery::Html => "html",
            Delivery::HtmlGb18030 => "html-gb18030",
        }
    }

    /// Returns the file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Delivery::Html | Delivery::HtmlGb18030 => "html",
            _ => "txt",
        }
    }

    /// Draws a delivery: mostly UTF-8 text, the rest spread over the other forms.
    pub fn draw(rng: &mut Rng) -> Delivery {
        match rng.below(100) {
            0..=55 => Delivery::Utf8,
            56..=67 => Delivery::Gb18030,
            68..=77 => Delivery::Utf8BomCrlf,
            78..=92 => Delivery::Html,
            _ => Delivery::HtmlGb18030,
        }
    }
}

/// The visual width of a character: two columns for CJK and full-width forms, one otherwise.
fn cols(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Wraps a line at a visual width, character by character; a space that falls at a break is dropped.
pub(crate) fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for c in s.chars() {
        if w + cols(c) > width && !line.is_empty() {
            out.push(line.trim_end().to_owned());
            line.clear();
            w = 0;
        }
        if line.is_empty() && c == ' ' {
            continue;
        }
        line.push(c);
        w += cols(c);
    }
    if !line.trim().is_empty() {
        out.push(line.trim_end().to_owned());
    }
    out
}

/// Returns the byte offset in `whole` just after the wrapped `lines`, which [`wrap`] cut from its start.
fn unwrapped_from(whole: &str, lines: &[String]) -> usize {
    let mut at = 0;
    for l in lines {
        at += whole[at..].find(l.as_str()).map_or(0, |k| k + l.len());
    }
    at
}

/// True when a page break may fall before byte `at` of a paragraph without the continuation looking like a new block.
fn safe_break(s: &str, at: usize) -> bool {
    let (head, tail) = s.split_at(at);
    let first = tail.chars().next();
    let starts_block = first
        .is_none_or(|c| "（(一二三四五六七八九十百零〇两0123456789".contains(c))
        || [
            "会议", "出席", "列席", "记录", "分送", "此件", "主持", "请假", "缺席",
        ]
        .iter()
        .any(|p| tail.starts_with(p));
    !starts_block
        && !head.ends_with("整理")
        && !tail.ends_with("整理")
        && !head.ends_with(' ')
        && !tail.starts_with(' ')
}

/// Lines of the text being laid out.
struct Out {
    lines: Vec<String>,
}

impl Out {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn push(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    /// Writes a paragraph, broken by a page break (a blank line) with probability `p` somewhere after `min_chars`.
    fn paragraph(&mut self, s: &str, p: f64, min_chars: usize, rng: &mut Rng) {
        let offsets: Vec<usize> = s
            .char_indices()
            .map(|(b, _)| b)
            .skip(min_chars.max(1))
            .collect();
        if rng.chance(p) && !offsets.is_empty() {
            for _ in 0..8 {
                let at = offsets[rng.below(offsets.len())];
                if safe_break(s, at) {
                    self.push(&s[..at]);
                    self.push("");
                    self.push(&s[at..]);
                    return;
                }
            }
        }
        self.push(s);
    }
}

/// Options drawn per file.
struct Style {
    layout: Layout,
    width: usize,
    half_labels: bool,
    page_break: f64,
    unwrapped_tail: bool,
}

/// Lays out and encodes minutes into the bytes of one file.
pub(crate) fn render(m: &Minutes, layout: Layout, delivery: Delivery, rng: &mut Rng) -> Vec<u8> {
    let style = Style {
        layout,
        width: rng.range(40, 50),
        half_labels: layout == Layout::Compact || rng.chance(0.15),
        page_break: 0.07,
        unwrapped_tail: layout == Layout::Markdown && rng.chance(0.5) || rng.chance(0.1),
    };
    let lines = lay_out(m, &style, rng);
    deliver(&Head::of(m), &lines, delivery, rng)
}

/// Writes a page's lines as a file is delivered: plain text (UTF-8, GB18030, BOM with CRLF) or an HTML page with its head.
fn deliver(head: &Head, lines: &[String], delivery: Delivery, rng: &mut Rng) -> Vec<u8> {
    match delivery {
        Delivery::Utf8 => join(lines, "\n").into_bytes(),
        Delivery::Gb18030 => encoding_rs::GB18030
            .encode(&join(lines, "\n"))
            .0
            .into_owned(),
        Delivery::Utf8BomCrlf => format!("\u{feff}{}", join(lines, "\r\n")).into_bytes(),
        Delivery::Html => html(head, lines, "utf-8", rng).into_bytes(),
        Delivery::HtmlGb18030 => encoding_rs::GB18030
            .encode(&html(head, lines, "gb2312", rng))
            .0
            .into_owned(),
    }
}

/// Encodes the page of a form other than the seeds' ([`crate::forms::Page`]); `traditional` writes it in traditional script.
pub(crate) fn encode_page(
    page: &crate::forms::Page,
    issuer: &str,
    delivery: Delivery,
    traditional: bool,
    rng: &mut Rng,
) -> Vec<u8> {
    let script = |s: &str| {
        if traditional {
            jiyao_core::load::simplify::to_traditional(s)
        } else {
            s.to_owned()
        }
    };
    let lines: Vec<String> = page.lines.iter().map(|l| script(l)).collect();
    let head = Head {
        title: script(&page.title),
        issuer: script(issuer),
        office: script(&page.office),
        published: page.published,
    };
    deliver(&head, &lines, delivery, rng)
}

/// What the HTML page around the text says of it.
struct Head {
    title: String,
    issuer: String,
    office: String,
    published: Option<Date>,
}

impl Head {
    fn of(m: &Minutes) -> Head {
        Head {
            title: format!("{}常务会议纪要（{}）", m.issuer, m.doc_number),
            issuer: m.issuer.clone(),
            office: m.office.clone(),
            published: m.issued,
        }
    }
}

fn join(lines: &[String], nl: &str) -> String {
    let mut s = lines.join(nl);
    s.push_str(nl);
    s
}

fn date_text(d: Date, hanzi: bool) -> String {
    if hanzi {
        d.written_hanzi()
    } else {
        d.written()
    }
}

/// Turns the structure into lines of text with the layout's damage.
fn lay_out(m: &Minutes, st: &Style, rng: &mut Rng) -> Vec<String> {
    let md = st.layout == Layout::Markdown;
    let mut o = Out {
        lines: vec![String::new(), String::new()],
    };
    // Header.
    match st.layout {
        Layout::Plain => {
            o.push(m.issuer.clone());
            o.blank();
            o.push("常务会议纪要");
        }
        Layout::Compact => o.push(format!("{} 常务会议纪要", m.issuer)),
        Layout::Markdown => {
            o.push(format!("# {}", m.issuer));
            o.blank();
            o.push("# 常务会议纪要");
        }
    }
    o.blank();
    o.push(m.doc_number.clone());
    o.blank();
    if md {
        o.push("---");
        o.blank();
    }
    o.paragraph(&m.opening, st.page_break / 2.0, 40, rng);
    o.blank();
    o.push("会议议定以下意见：");
    o.blank();
    // Items.
    for (k, (heading, points)) in m.items.iter().enumerate() {
        let numeral = super::calendar::small_hanzi(k as u32 + 1);
        let h = format!("{numeral}、{heading}");
        let h = if md && k > 0 {
            match rng.below(3) {
                0 => format!("## {h}"),
                1 => format!("#### **{h}**"),
                _ => h,
            }
        } else {
            h
        };
        // A heading is broken only near its end, as a page break after the first line would.
        let n = h.chars().count();
        o.paragraph(&h, st.page_break, n.saturating_sub(12).max(4), rng);
        o.blank();
        for (j, p) in points.iter().enumerate() {
            let marker = super::calendar::small_hanzi(j as u32 + 1);
            // Half-width punctuation in a whole point, as in the 2020 file; rarely it reaches the brackets inside a title too.
            let half = !p.contains('“') && rng.chance(if p.contains('《') { 0.03 } else { 0.12 });
            let line = if half {
                let space = if rng.chance(0.5) { " " } else { "" };
                format!(
                    "({marker}){space}{}",
                    p.replace('，', ",")
                        .replace('；', ";")
                        .replace('（', "(")
                        .replace('）', ")")
                )
            } else {
                format!("（{marker}）{p}")
            };
            o.paragraph(&line, st.page_break, 6, rng);
            o.blank();
        }
    }
    if let Some(c) = &m.closing {
        o.push(c.clone());
        o.blank();
    }
    if let Some(alt) = &m.alt_attendance {
        for l in alt {
            o.push(l.clone());
        }
        o.blank();
    } else {
        attendance_block(m, st, &mut o, rng);
    }
    // Footer.
    o.push(format!("{}整理", m.office));
    o.blank();
    if let Some(d) = m.compiled {
        o.push(date_text(d, m.hanzi_dates));
        o.blank();
    }
    if let Some(p) = m.publication {
        o.push(p);
        o.blank();
    }
    if md {
        o.push("---");
        o.blank();
    }
    let width = if md { 200 } else { 60 };
    for l in wrap(&m.distribution, width) {
        o.push(l);
    }
    o.blank();
    if md {
        o.push("---");
        o.blank();
    }
    o.push(m.office.clone());
    o.blank();
    if let Some(d) = m.issued {
        o.push(format!("{}印发", date_text(d, m.hanzi_dates)));
    }
    if md {
        o.blank();
        o.push("---");
    }
    o.lines
}

/// Writes the seeds' attendance block: 出席： 列席： departments with names, representatives, 记录：.
fn attendance_block(m: &Minutes, st: &Style, o: &mut Out, rng: &mut Rng) {
    let md = st.layout == Layout::Markdown;
    let colon = if st.half_labels { ":" } else { "：" };
    let label = |name: &str| {
        if md {
            format!("**{name}{colon}**")
        } else {
            format!("{name}{colon}")
        }
    };
    let list = |o: &mut Out, label_text: Option<String>, body: String, rng: &mut Rng| {
        let plain_label = label_text
            .as_ref()
            .map(|l| l.replace("**", ""))
            .unwrap_or_default();
        let whole = format!("{plain_label}{body}");
        let mut lines = wrap(&whole, st.width);
        if st.unwrapped_tail && lines.len() > 3 && rng.chance(0.5) {
            let keep = rng.range(2, lines.len() - 1);
            // The tail of the list lost its line breaks (the PDF's text layer ran it
            // together): it is the list as written from there on, spaces only where
            // the list has them, as in the 2021 seed; not the wrapped lines joined
            // with spaces, which would put spaces inside names and departments.
            let at = unwrapped_from(&whole, &lines[..keep]);
            lines.truncate(keep);
            lines.push(whole[at..].trim().to_owned());
        }
        if let (Some(l), Some(first)) = (&label_text, lines.first_mut()) {
            if let Some(rest) = first.strip_prefix(plain_label.as_str()) {
                *first = format!("{l}{rest}");
            }
        }
        let last = lines.len().saturating_sub(1);
        for (i, l) in lines.into_iter().enumerate() {
            let l = if md && i < last { format!("{l}  ") } else { l };
            o.push(l);
            if i < last && rng.chance(st.page_break / 2.0) {
                o.push("");
            }
        }
    };
    list(o, Some(label("出席")), m.present.join(" "), rng);
    o.blank();
    list(o, Some(label("列席")), m.attending_names.join(" "), rng);
    if st.layout == Layout::Plain {
        o.blank();
    }
    let units: Vec<String> = m
        .attending_units
        .iter()
        .map(|(d, p)| format!("{d}{p}"))
        .collect();
    if !units.is_empty() {
        list(o, None, units.join(" "), rng);
    }
    if !m.representatives.is_empty() {
        list(
            o,
            None,
            format!("{}的代表", m.representatives.join("、")),
            rng,
        );
    }
    o.blank();
    o.push(format!(
        "{}{}",
        if md {
            "记录：".to_owned()
        } else {
            format!("记录{colon}")
        },
        m.recorder
    ));
    o.blank();
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Wraps the laid-out lines in a government portal page.
fn html(m: &Head, lines: &[String], charset: &str, rng: &mut Rng) -> String {
    let nbsp = rng.chance(0.6);
    let mut body = String::new();
    let mut group: Vec<String> = Vec::new();
    let mut groups = 0;
    let flush = |group: &mut Vec<String>, body: &mut String, groups: &mut usize| {
        if group.is_empty() {
            return;
        }
        let style = if *groups < 2 {
            " style=\"text-align:center\""
        } else {
            ""
        };
        body.push_str(&format!("<p{style}>{}</p>\n", group.join("<br>\n")));
        group.clear();
        *groups += 1;
    };
    for l in lines {
        if l.trim().is_empty() {
            flush(&mut group, &mut body, &mut groups);
            continue;
        }
        let mut e = escape(l.trim_end());
        if nbsp && !l.contains('。') && !l.contains('《') {
            e = e.replace(' ', "&nbsp;&nbsp;");
        }
        group.push(e);
    }
    flush(&mut group, &mut body, &mut groups);
    let meta = if charset == "utf-8" {
        "<meta charset=\"utf-8\">".to_owned()
    } else {
        format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">")
    };
    let published = m.published.map(Date::iso).unwrap_or_default();
    let share = if rng.chance(0.5) {
        "<div class=\"share\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a></div>\n"
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n{meta}\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/css/main.css\">\n<script type=\"text/javascript\">var _hmt = _hmt || []; (function() {{ var hm = document.createElement(\"script\"); hm.src = \"/js/stat.js\"; }})();</script>\n</head>\n<body>\n<div class=\"header\"><img src=\"/images/logo.png\" alt=\"{issuer}\"></div>\n<div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/hdjl/\">互动交流</a></li></ul></div>\n<div class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; 常务会议纪要</div>\n<div class=\"article\">\n<div class=\"info\">发布日期：{published}&nbsp;&nbsp;来源：{office}</div>\n<div class=\"content\">\n{body}</div>\n{share}<div class=\"print\">【<a href=\"javascript:window.print()\">打印本页</a>】【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>\n</div>\n<div class=\"footer\">主办：{office}&nbsp;&nbsp;备案号：苏ICP备00000000号</div>\n<script>document.getElementById('year').innerHTML = new Date().getFullYear();</script>\n</body>\n</html>\n",
        issuer = escape(&m.issuer),
        title = escape(&m.title),
        office = escape(&m.office),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_anywhere_and_drops_spaces_at_breaks() {
        let lines = wrap("市文广旅局李杰 市卫生健康委沈洁", 12);
        assert_eq!(lines, vec!["市文广旅局李", "杰 市卫生健", "康委沈洁"]);
        assert_eq!(wrap("ab cd", 2), vec!["ab", "cd"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn an_unwrapped_tail_is_the_list_as_written() {
        let whole = "市文广旅局李杰 市卫生健康委沈洁 吴中区陶晶蓉 团市委赵新";
        let lines = wrap(whole, 12);
        let at = unwrapped_from(whole, &lines[..2]);
        assert_eq!(lines[..2], ["市文广旅局李", "杰 市卫生健"]);
        assert_eq!(&whole[at..], "康委沈洁 吴中区陶晶蓉 团市委赵新");
        assert_eq!(lines[2], "康委沈洁 吴");
        let at = unwrapped_from(whole, &lines[..3]);
        assert_eq!(&whole[at..], "中区陶晶蓉 团市委赵新");
    }

    #[test]
    fn page_breaks_avoid_block_starts() {
        assert!(!safe_break("甲（二）乙", "甲".len()));
        assert!(!safe_break("甲会议还研究", "甲".len()));
        assert!(safe_break("甲乙丙", "甲".len()));
    }
}
