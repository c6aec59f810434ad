//! HTML pages to text: a small, forgiving tag scanner.
//!
//! It keeps the text of the page body, turns block elements and `<br>` into
//! line breaks, decodes character references (`&nbsp;` becomes U+00A0, which
//! later stages treat as a space), and drops scripts, styles, the head and the
//! navigation furniture of government portals (`<nav>`, `<header>`,
//! `<footer>`, `<aside>` and elements whose `class` or `id` names a menu,
//! a breadcrumb or a footer). Each output line remembers the original line its
//! first character came from.

/// Returns true when the file name or the first bytes say this is an HTML page.
pub(super) fn looks_like_html(name: &str, text: &str) -> bool {
    let lower_name = name.to_ascii_lowercase();
    if lower_name.ends_with(".html")
        || lower_name.ends_with(".htm")
        || lower_name.ends_with(".shtml")
    {
        return true;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
}

const SKIPPED: &[&str] = &[
    "script", "style", "head", "noscript", "template", "nav", "header", "footer", "aside",
    "select", "button", "iframe", "svg", "object", "form",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "main",
    "body",
    "center",
    "tbody",
];
const FURNITURE: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "footer",
    "header",
    "sidebar",
    "toolbar",
    "share",
];
const VOID: &[&str] = &[
    "br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source",
];

struct Out {
    text: String,
    map: Vec<u32>,
    line_has_text: bool,
    pending_space: bool,
}

impl Out {
    fn newline(&mut self, src_line: u32) {
        self.pending_space = false;
        // Keep at most one empty line in a row, as paragraphs in text minutes.
        if !self.line_has_text && self.text.ends_with("\n\n") {
            return;
        }
        self.text.push('\n');
        self.map.push(src_line);
        self.line_has_text = false;
    }

    fn push(&mut self, c: char, src_line: u32) {
        if c == ' ' {
            if self.line_has_text {
                self.pending_space = true;
            }
            return;
        }
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
        if !self.line_has_text {
            if let Some(last) = self.map.last_mut() {
                *last = src_line;
            }
        }
        self.text.push(c);
        self.line_has_text = true;
    }
}

/// Extracts the text of an HTML page; returns the text and, per text line, its original line.
pub(super) fn to_text(html: &str) -> (String, Vec<u32>) {
    let mut out = Out {
        text: String::new(),
        map: vec![1],
        line_has_text: false,
        pending_space: false,
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut line = 1u32;
    // The element we are skipping, and how deep we are inside nested elements of its name.
    let mut skipping: Option<(String, usize)> = None;
    let mut pre_depth = 0usize;
    while i < bytes.len() {
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map(|e| e + 3).unwrap_or(rest.len());
            line += count_lines(&rest[..end]);
            i += end;
            continue;
        }
        if rest.starts_with('<')
            && rest[1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
        {
            let end = tag_end(rest);
            let tag = &rest[..end];
            line += count_lines(tag);
            i += end;
            let (name, closing, attrs) = tag_parts(tag);
            if let Some((skip_name, depth)) = skipping.as_mut() {
                if name == *skip_name && !VOID.contains(&name.as_str()) && !tag.ends_with("/>") {
                    if closing {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    } else {
                        *depth += 1;
                    }
                }
                continue;
            }
            if !closing
                && !tag.ends_with("/>")
                && !VOID.contains(&name.as_str())
                && (SKIPPED.contains(&name.as_str()) || is_furniture(&attrs))
            {
                skipping = Some((name, 1));
                continue;
            }
            if name == "pre" {
                pre_depth = if closing {
                    pre_depth.saturating_sub(1)
                } else {
                    pre_depth + 1
                };
            }
            if BLOCKS.contains(&name.as_str()) {
                out.newline(line);
            } else if name == "td" || name == "th" {
                out.push(' ', line);
            }
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if skipping.is_some() {
            if c == '\n' {
                line += 1;
            }
            i += len;
            continue;
        }
        if c == '&' {
            if let Some((decoded, used)) = entity(rest) {
                out.push(decoded, line);
                i += used;
                continue;
            }
        }
        if c == '\n' {
            if pre_depth > 0 {
                out.newline(line + 1);
            } else {
                out.push(' ', line);
            }
            line += 1;
        } else if c == '\t' || c == ' ' {
            out.push(' ', line);
        } else {
            out.push(c, line);
        }
        i += len;
    }
    (out.text, out.map)
}

fn count_lines(s: &str) -> u32 {
    s.bytes().filter(|&b| b == b'\n').count() as u32
}

/// Finds the end of a tag, honouring quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (k, b) in s.bytes().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return k + 1,
            None => {}
        }
    }
    s.len()
}

fn tag_parts(tag: &str) -> (String, bool, String) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/');
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(inner.len());
    (
        inner[..name_end].to_ascii_lowercase(),
        closing,
        inner[name_end..].to_ascii_lowercase(),
    )
}

fn is_furniture(attrs: &str) -> bool {
    ["class=", "id="].iter().any(|key| {
        attrs.match_indices(key).any(|(at, _)| {
            let value = &attrs[at + key.len()..];
            let value = value.trim_start_matches(['"', '\'']);
            let end = value.find(['"', '\'', ' ', '>']).unwrap_or(value.len());
            let value = &value[..end];
            FURNITURE.iter().any(|f| value.contains(f))
        })
    })
}

/// Decodes a character reference at the start of `s`; returns the character and the bytes used.
fn entity(s: &str) -> Option<(char, usize)> {
    let limit = s.char_indices().nth(12).map_or(s.len(), |(b, _)| b);
    let end = s[..limit].find(';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(code).unwrap_or('\u{fffd}')
    } else {
        match body {
            "nbsp" => '\u{a0}',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "emsp" | "ensp" | "thinsp" => ' ',
            "times" => '×',
            "copy" => '©',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_breaks_and_entities() {
        let html = "<html><head><title>t</title><script>var x='<p>';</script></head>\n<body><nav>首页 | 政务公开</nav>\n<p>出席：李亚平&nbsp;王翔</p>\n<p>市工信局<br>蔡剑峰 &amp; 汪香元</p></body></html>";
        let (text, map) = to_text(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            vec!["出席：李亚平\u{a0}王翔", "市工信局", "蔡剑峰 & 汪香元"]
        );
        let idx = text.lines().position(|l| l.starts_with("出席")).unwrap();
        assert_eq!(map[idx], 3);
    }

    #[test]
    fn furniture_by_class_is_dropped_with_nesting() {
        let html = "<div class=\"top-menu\"><div>菜单</div><div>导航</div></div><p>正文</p>";
        let (text, _) = to_text(html);
        assert_eq!(text.trim(), "正文");
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "&#x110000;",
            "&",
            "<!--",
            "<div class='nav'",
            "a<b>c&#99999999999;",
        ] {
            let _ = to_text(s);
        }
    }
}
