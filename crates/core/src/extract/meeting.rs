//! The meeting: issuer, document number, ordinal, date, chair, and the footer's dates and distribution.

use super::Meeting;
use crate::diag::{Sink, Span};
use crate::parse::{numerals, Document, Text};
use regex::Regex;
use std::sync::OnceLock;

const DATE: &str = r"([0-9〇零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日";

fn opening_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"^{DATE}\s*(上午|下午|晚上|中午)?[，,、\s]*(?:受[^，,]{{2,16}}委托[，,]\s*)?(\p{{Han}}{{2,4}}?)(常务副市长|副市长|代市长|市长|常务副区长|副区长|代区长|区长|常务副县长|副县长|代县长|县长|常务副省长|副省长|代省长|省长|副州长|州长|副主席|主席|副盟长|盟长)(?:同志)?(?:主持|召集)"
        ))
        .unwrap()
    })
}

fn ordinal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"第\s*([0-9一二三四五六七八九十百零〇]+)\s*次\s*(?:政府)?常务会议").unwrap()
    })
}

fn doc_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(\d{4})\s*[〕\]］)）】]\s*第?\s*(\d+)\s*号|^第\s*(\d+)\s*[期号]$").unwrap()
    })
}

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(DATE).unwrap())
}

/// Parses a written date (2020年1月6日, 二〇二〇年一月六日) into ISO 8601; `None` when it is not a real day.
pub(crate) fn parse_date(s: &str) -> Option<String> {
    let c = date_re().captures(s)?;
    let y = numerals::parse(&c[1])?;
    let m = numerals::parse(&c[2])?;
    let d = numerals::parse(&c[3])?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= days).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn date_of(t: &Option<Text>, what: &str, sink: &mut Sink) -> Option<String> {
    let t = t.as_ref()?;
    let d = parse_date(t.as_str());
    if d.is_none() {
        sink.warn(
            "bad-date",
            format!("{what} {} is not a valid date", t.written()),
            t.span(),
        );
    }
    d
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.written().to_owned())
}

/// Returns the span of the chair's name in the opening paragraph.
pub(crate) fn chair_span(doc: &Document) -> Option<Span> {
    let o = doc.opening.as_ref()?;
    let c = opening_re().captures(o.as_str())?;
    let m = c.get(5)?;
    Some(o.span_of(m.start(), m.end()))
}

/// Reads the meeting's fields from the header, the opening paragraph and the footer.
pub(crate) fn read(doc: &Document, sink: &mut Sink) -> Meeting {
    let mut m = Meeting {
        issuer: text(&doc.issuer),
        title: text(&doc.title),
        doc_number: text(&doc.doc_number),
        ..Meeting::default()
    };
    if let Some(dn) = &doc.doc_number {
        if let Some(c) = doc_number_re().captures(dn.as_str()) {
            m.year = c.get(1).and_then(|y| y.as_str().parse().ok());
            m.number = c.get(2).or(c.get(3)).and_then(|n| n.as_str().parse().ok());
        }
    } else {
        sink.warn(
            "missing-doc-number",
            "no document number line (〔年〕号)",
            Span::point(doc.title.as_ref().map_or(1, |t| t.span().line), 1),
        );
    }
    match &doc.opening {
        Some(o) => {
            let s = o.as_str();
            m.summary = Some(o.written().to_owned());
            m.span = o.span();
            match opening_re().captures(s) {
                Some(c) => {
                    let whole = c.get(0).unwrap();
                    m.date = parse_date(&s[..whole.end()]);
                    if m.date.is_none() {
                        sink.warn(
                            "bad-date",
                            "the meeting date is not a valid date",
                            o.span_of(0, whole.end()),
                        );
                    }
                    m.half_day = c.get(4).map(|h| h.as_str().to_owned());
                    let written = |k: usize| c.get(k).map(|g| o.written_string(g.start(), g.end()));
                    m.chair = written(5);
                    m.chair_title = written(6);
                }
                None => {
                    m.date = parse_date(s);
                    sink.warn(
                        "missing-chair",
                        "the opening paragraph names no chair (…市长主持召开…)",
                        o.span_of(0, 0),
                    );
                }
            }
            match ordinal_re().captures(s) {
                Some(c) => m.ordinal = numerals::parse(&c[1]),
                None => sink.warn(
                    "missing-ordinal",
                    "the opening paragraph gives no meeting ordinal (第N次常务会议)",
                    o.span_of(0, 0),
                ),
            }
        }
        None => sink.warn(
            "missing-opening",
            "no opening paragraph (date, chair, meeting ordinal)",
            Span::point(1, 1),
        ),
    }
    let f = &doc.footer;
    m.compiled_by = text(&f.compiled_by);
    m.compiled = date_of(&f.compiled_date, "compilation date", sink);
    m.issued_by = text(&f.issued_by);
    m.issued = date_of(&f.issued_date, "issue date", sink);
    m.published = f.publication.as_ref().map(|p| {
        let s = p.as_str();
        !(s.contains("不公开") || s.contains("不予公开") || s.contains("内部"))
    });
    if let Some(d) = &f.distribution {
        m.distribution = d
            .written()
            .split(['，', '；', '。', ',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let cases = [
            ("2020年1月6日", Some("2020-01-06")),
            ("二〇一九年四月二十八日", Some("2019-04-28")),
            ("2020年2月30日", None),
            ("2020年2月29日", Some("2020-02-29")),
            ("2019年2月29日", None),
            ("2019年13月1日", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn opening_variants() {
        let cases = [
            (
                "2019年4月10日上午，李亚平市长主持召开市政府第63次常务会议，",
                ("李亚平", "市长", Some("上午")),
            ),
            (
                "2021年3月1日，受李亚平市长委托，王翔常务副市长主持召开市政府第5次常务会议",
                ("王翔", "常务副市长", None),
            ),
            (
                "2021年3月1日下午，吴庆文市长主持召开",
                ("吴庆文", "市长", Some("下午")),
            ),
        ];
        for (s, (chair, title, half)) in cases {
            let c = opening_re().captures(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(
                (&c[5], &c[6], c.get(4).map(|h| h.as_str())),
                (chair, title, half),
                "{s}"
            );
        }
    }
}
