//! The meeting: issuer, level, document number, term and ordinal, date, chair, combination, and the footer's dates and distribution.
//!
//! Minutes and news reports say these things in many shapes. The chair comes
//! before or after the title (李亚平市长, 区长某某, 区委副书记、区长某某, 代县长某某),
//! maybe with the day or a commission before the verb (县长某某11月4日主持召开,
//! 副市长某某受市长委托主持召开, 区长某某召开), in the opening sentence or after the
//! agenda (会议由市长某某主持, 常务副市长某某主持会议并讲话). The ordinal
//! may carry the government's term (第 32 次, 2届42次, 五届104次, 六届一百一十八次,
//! 十六届县人民政府第52次, 区政府十五届第21次). A report's date often has no year
//! (25日, 12月18日): it takes the year and month from the page's publication
//! date, or the year from the meeting's yearly number (2024年第15次), with a
//! diagnostic, and is left unknown when the page gives neither. The
//! issuer comes from the text; when only the departments' full names show the
//! place, it is inferred from them and flagged.

use super::{is_han, Inferred, Level, Meeting, SourceKind};
use crate::date::Date;
use crate::diag::{Code, Sink, Span};
use crate::parse::{numerals, Document, Form, Text};
use crate::resolve::names::Level as PlaceLevel;
use crate::resolve::Places;
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

/// An ordinal with the government's term: 2届42次, 五届104次, 十六届县人民政府第52次, 区政府十五届第21次.
fn term_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:第)?([0-9一二三四五六七八九十]{1,3})\s*届\s*(?:[\p{Han}（）()]{0,8}?)第?\s*([0-9一二三四五六七八九十百零〇]{1,8})\s*次\s*[\p{Han}（）()]{0,8}?常务会")
            .unwrap()
    })
}

/// An ordinal without a term, with words between it and 常务会议 (第 32 次区政府常务会议).
fn loose_ordinal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"第\s*([0-9一二三四五六七八九十百零〇]{1,8})\s*次\s*[\p{Han}（）()]{0,8}?常务会",
        )
        .unwrap()
    })
}

/// A chair's title: 区长, 常务副市长, 代县长, 区委副书记, 县委常委 ….
const CHAIR_TITLE: &str = r"(?:(?:[市区县州旗盟省]委|[市区县州旗盟]政府党组)?(?:常委|副书记|书记)|(?:[市区县州旗盟省]政府)?(?:常务)?副?[市区县州旗盟省]长|代[市区县州旗盟省]长|[市区县州旗盟]政府党组成员)";

/// The chair before the verb, title first (区委副书记、区长某某主持召开) or name first (某某区长主持).
fn chair_res() -> &'static [Regex; 4] {
    static R: OnceLock<[Regex; 4]> = OnceLock::new();
    R.get_or_init(|| {
        let place = r"(?:同志)?(?:\s*于?\s*(?:[0-9〇零一二三四五六七八九]{4}\s*年\s*)?(?:[0-9一二三四五六七八九十]{1,3}\s*月\s*)?[0-9一二三四五六七八九十]{1,3}\s*日\s*(?:上午|下午|晚上|中午|晚)?)?(?:受[^，。；,]{1,12}?委托[，,]?)?(?:[在于][^，。；,]{1,30}?)?(?:主持召开|主持|召集|召开)";
        [
            Regex::new(&format!(
                r"((?:{CHAIR_TITLE}、)*{CHAIR_TITLE})(\p{{Han}}{{2,4}}?){place}"
            ))
            .unwrap(),
            Regex::new(&format!(r"(?:^|[，,、\s午日])(\p{{Han}}{{2,3}})({CHAIR_TITLE}){place}")).unwrap(),
            Regex::new(&format!(
                r"会议由((?:{CHAIR_TITLE}、)*{CHAIR_TITLE})?\s*(\p{{Han}}{{2,4}}?)(?:同志)?(?:主持|召集)"
            ))
            .unwrap(),
            Regex::new(&format!(
                r"会议由(\p{{Han}}{{2,3}}?)({CHAIR_TITLE})(?:同志)?(?:主持|召集)"
            ))
            .unwrap(),
        ]
    })
}

/// A meeting held together with the 常务会议: 区政府党组（扩大）会议和区政府第21次常务会议.
fn combined_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:召开|举行|召开了)?([^，。；,、]{2,40}?会议)(?:和|暨|及|与)[^，。；,]{0,30}?常务会议").unwrap()
    })
}

/// A date without a year: 12月18日, or 25日 at the start of a sentence.
fn short_date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:^|[，,。\s）)讯])(?:([0-9一二三四五六七八九十]{1,3})\s*月\s*)?([0-9一二三四五六七八九十]{1,3})\s*日\s*(上午|下午|晚上|中午|晚)?")
            .unwrap()
    })
}

/// A date without a year between the chair's name and the verb (县长某某11月4日主持召开).
fn chair_date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"[长记]\p{Han}{2,3}?\s*(?:([0-9一二三四五六七八九十]{1,3})\s*月\s*)?([0-9一二三四五六七八九十]{1,3})\s*日\s*(上午|下午|晚上|中午|晚)?\s*(?:在[^，。；,]{1,30}?)?(?:主持|召集)")
            .unwrap()
    })
}

/// A meeting numbered within its year: 2024年第15次.
fn numbered_year_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(\d{4})\s*年\s*(?:度\s*)?第\s*[0-9一二三四五六七八九十百]+\s*次").unwrap()
    })
}

/// A publication date as portals write it: 2024-09-14, 2024/9/14, 2024年9月14日.
fn page_date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})").unwrap())
}

/// A department's full name that shows its place: 青岚区财政局 → 青岚区.
fn place_of_department_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^(\p{Han}{2,6}?(?:自治县|市|区|县|旗))\p{Han}{1,12}(?:局|委|办|中心)$")
            .unwrap()
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

/// Parses a written date (2020年1月6日, 二〇二〇年一月六日); `None` when it is not a real day.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let c = date_re().captures(s)?;
    let y = i32::try_from(numerals::parse(&c[1])?).ok()?;
    Date::from_ymd(y, numerals::parse(&c[2])?, numerals::parse(&c[3])?)
}

fn date_of(t: &Option<Text>, what: &str, sink: &mut Sink) -> Option<Date> {
    let t = t.as_ref()?;
    let d = parse_date(t.as_str());
    if d.is_none() {
        sink.warn(
            Code::BadDate,
            format!("{what} {} is not a valid date", t.written()),
            t.span(),
        );
    }
    d
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.written().to_owned())
}

/// Writes every run of blanks (spaces, no-break spaces as HTML's `&nbsp;&nbsp;`, ideographic spaces) as one space: 第\u{a0}\u{a0}20\u{a0}\u{a0}号 → 第 20 号.
fn one_space(s: String) -> String {
    if !s.chars().any(char::is_whitespace) {
        return s;
    }
    s.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A chair as read: name, title as written, and the span of the name.
pub(crate) struct Chair {
    /// The name.
    pub name: String,
    /// The title as written, stacked titles kept (区委副书记、区长).
    pub title: Option<String>,
    /// Where the name is.
    pub span: Span,
}

/// The paragraphs of a record in order: opening, notes, then each item's texts.
pub(crate) fn paragraphs(doc: &Document) -> impl Iterator<Item = &Text> {
    doc.opening
        .iter()
        .chain(doc.notes.iter())
        .chain(doc.items.iter().flat_map(|i| {
            std::iter::once(&i.heading)
                .chain(i.intro.iter())
                .chain(i.points.iter().map(|p| &p.text))
        }))
}

/// Finds the chair: in the opening sentence (either order of name and title), else 会议由…主持 anywhere, else in the headline.
pub(crate) fn chair(doc: &Document) -> Option<Chair> {
    let found = |t: &Text, c: regex::Captures<'_>, name: usize, title: usize| {
        let n = c.get(name)?;
        Some(Chair {
            name: t.written_string(n.start(), n.end()),
            title: c.get(title).map(|m| t.written_string(m.start(), m.end())),
            span: t.span_of(n.start(), n.end()),
        })
    };
    let [title_first, name_first, by, by_name_first] = chair_res();
    if let Some(o) = &doc.opening {
        if let Some(c) = opening_re().captures(o.as_str()) {
            return found(o, c, 5, 6);
        }
        if let Some(c) = title_first.captures(o.as_str()) {
            return found(o, c, 2, 1);
        }
        if let Some(c) = name_first.captures(o.as_str()) {
            return found(o, c, 1, 2);
        }
    }
    for t in paragraphs(doc) {
        if let Some(c) = by.captures(t.as_str()) {
            return found(t, c, 2, 1);
        }
        if let Some(c) = by_name_first.captures(t.as_str()) {
            return found(t, c, 1, 2);
        }
    }
    // After the agenda, with the attendance: 市委常委、常务副市长某某主持会议并讲话，副市长甲、乙出席会议.
    for t in paragraphs(doc) {
        let s = t.as_str();
        if !s.contains("主持会议") {
            continue;
        }
        if let Some(c) = title_first.captures(s) {
            return found(t, c, 2, 1);
        }
        if let Some(c) = name_first.captures(s) {
            return found(t, c, 1, 2);
        }
    }
    let h = doc.page.headline.as_ref()?;
    if let Some(c) = title_first.captures(h.as_str()) {
        return found(h, c, 2, 1);
    }
    name_first
        .captures(h.as_str())
        .and_then(|c| found(h, c, 1, 2))
}

/// Reads term and ordinal from a text: (term, ordinal).
fn ordinal_of(s: &str) -> Option<(Option<u32>, Option<u32>)> {
    if let Some(c) = s.contains('届').then(|| term_re().captures(s)).flatten() {
        return Some((numerals::parse(&c[1]), numerals::parse(&c[2])));
    }
    if let Some(c) = ordinal_re()
        .captures(s)
        .or_else(|| loose_ordinal_re().captures(s))
    {
        return Some((None, numerals::parse(&c[1])));
    }
    None
}

/// Parses a page's publication date; `None` when it is not a real day.
fn page_date(t: &Text) -> Option<Date> {
    let c = page_date_re().captures(t.as_str())?;
    Date::from_ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// Reads a date without a year (12月18日, 25日) from the start of the opening, completed from the publication date.
fn short_date(o: &Text, doc: &Document, m: &mut Meeting, sink: &mut Sink) -> Option<Date> {
    let s = o.as_str();
    // Near the start of the paragraph, where reports give the meeting's day, else after the chair's name.
    let (c, after_chair) = match short_date_re().captures(s) {
        Some(c)
            if c.get(0)
                .is_some_and(|w| s[..w.start()].chars().count() <= 20) =>
        {
            (c, false)
        }
        _ if s.contains('日') => (chair_date_re().captures(s)?, true),
        _ => return None,
    };
    // The date's own range (after the chair's name, in the second shape).
    let (start, end) = if after_chair {
        let first = c.get(1).or_else(|| c.get(2))?;
        let day = c.get(2)?;
        let end = match c.get(3) {
            Some(h) => h.end(),
            None => day.end() + s[day.end()..].find('日')? + '日'.len_utf8(),
        };
        (first.start(), end)
    } else {
        let w = c.get(0)?;
        (w.start(), w.end())
    };
    let written = &s[start..end];
    let day = numerals::parse(&c[2])?;
    let month = c.get(1).and_then(|x| numerals::parse(x.as_str()));
    m.half_day = c.get(3).map(|h| h.as_str().to_owned());
    let span = o.span_of(start, end);
    let Some(published) = doc.page.published.as_ref().and_then(page_date) else {
        // The year the meetings are numbered in (县政府召开2024年第15次常务会议).
        let numbered = numbered_year_re()
            .captures(s)
            .and_then(|c| c[1].parse::<i32>().ok());
        if let Some(date) = numbered
            .zip(month)
            .and_then(|(y, mo)| Date::from_ymd(y, mo, day))
        {
            sink.info(
                Code::InferredDate,
                format!(
                    "the meeting date has no year: {date} taken from the meeting's number in {}",
                    date.year()
                ),
                span,
            );
            m.inferred.push(Inferred::Date);
            return Some(date);
        }
        sink.warn(
            Code::MissingYear,
            format!(
                "the meeting date {} has no year and the page gives no publication date; left unknown",
                written.trim_start_matches(['，', ',', '。']).trim()
            ),
            span,
        );
        return None;
    };
    let (py, pm, pd) = published.ymd();
    // The meeting comes before its report: a later month is last year's, a later day last month's.
    let (y, mo) = match month {
        Some(mo) if mo > pm => (py - 1, mo),
        Some(mo) => (py, mo),
        None if day > pd && pm == 1 => (py - 1, 12),
        None if day > pd => (py, pm - 1),
        None => (py, pm),
    };
    let Some(date) = Date::from_ymd(y, mo, day) else {
        sink.warn(Code::BadDate, "the meeting date is not a valid date", span);
        return None;
    };
    sink.info(
        Code::InferredDate,
        format!(
            "the meeting date has no {}: {date} taken from the publication date {published}",
            if month.is_some() {
                "year"
            } else {
                "year or month"
            }
        ),
        span,
    );
    m.inferred.push(Inferred::Date);
    Some(date)
}

/// The level of a government from its name or a title (青岚区人民政府 → district).
fn level_of(s: &str) -> Option<Level> {
    let s = s
        .trim_end_matches("人民政府")
        .trim_end_matches("政府")
        .trim_end_matches('长');
    if s.ends_with('区') {
        Some(Level::District)
    } else if s.ends_with('县') || s.ends_with('旗') {
        Some(Level::County)
    } else if s.ends_with('市') || s.ends_with('州') || s.ends_with('盟') {
        Some(Level::City)
    } else {
        None
    }
}

/// The issuer, from the header, the page's publisher, or a place named in the headline or opening (青岚区政府, 青岚区区长).
fn issuer_of(doc: &Document, places: &Places) -> Option<String> {
    if let Some(i) = &doc.issuer {
        return Some(i.written().to_owned());
    }
    if let Some(p) = &doc.page.publisher {
        let s = p.as_str().trim_end_matches("办公室").trim_end_matches("办");
        // 县政府办 names no place: the headline or the opening may (安吉县召开县政府…).
        let place = s.trim_end_matches("政府").trim_end_matches("人民");
        if s.ends_with("政府") && place.chars().count() >= 2 {
            return Some(p.written()[..s.len()].to_owned());
        }
    }
    // Found in the simplified view, kept as written: the view has the same byte lengths.
    doc.page
        .headline
        .iter()
        .chain(doc.opening.iter())
        .find_map(|t| {
            let place = place_in(t.as_str(), places)?;
            let at = t.as_str().find(&place)?;
            t.written().get(at..at + place.len()).map(str::to_owned)
        })
        .map(|place| format!("{place}人民政府"))
}

/// Finds a place named before 政府 or before a leader's title (青岚区政府, 青岚区区长, 云溪县召开): the run of characters before it ending in 市, 区, 县 or 旗.
///
/// A place of `data/places.csv` whose name holds one of the words that end the
/// run (开化县 holds the 开 of 召开, 和县 the 和 of 和, 日照市 the 日 of a date) is
/// found whole: the longest run before the anchor that names a known place wins.
fn place_in(s: &str, places: &Places) -> Option<String> {
    const STOP: &str = "长主持召开在了的和暨及由日午时，。、：:,（）()会议第次届副代常务委";
    let chars: Vec<char> = s.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        // An anchor: 政府, a leader's title (区长), or a verb right after the place (青岚区召开).
        let end = if chars[k..].starts_with(&['政', '府']) {
            if k >= 2 && chars[k - 2] == '人' && chars[k - 1] == '民' {
                k - 2
            } else {
                k
            }
        } else if ("市区县旗".contains(c) && chars.get(k + 1) == Some(&'长'))
            || chars[k..].starts_with(&['召', '开'])
            || chars[k..].starts_with(&['举', '行'])
        {
            k
        } else {
            continue;
        };
        let mut start = end;
        // 常 stops the run only as in 常务 and 常委: 常州市 and 常熟市 are places.
        let stops = |i: usize| {
            STOP.contains(chars[i])
                && (chars[i] != '常' || matches!(chars.get(i + 1), Some('务' | '委')))
        };
        while start > 0 && end - start < 8 && is_han(chars[start - 1]) && !stops(start - 1) {
            start -= 1;
        }
        let place: String = chars[start..end].iter().collect();
        let known = |p: &str| places.named(p).next().is_some();
        if !known(&place) {
            let mut wide = end;
            while wide > 0 && end - wide < 8 && is_han(chars[wide - 1]) {
                wide -= 1;
            }
            // Never from inside a verb: 召开县政府 is not 开县.
            let in_verb = |a: usize| {
                a > 0
                    && matches!(
                        (chars[a - 1], chars[a]),
                        ('召', '开') | ('举', '行') | ('主', '持')
                    )
            };
            let whole = (wide..end.saturating_sub(1))
                .filter(|&a| !in_verb(a))
                .map(|a| chars[a..end].iter().collect::<String>())
                .find(|p| p.ends_with(['市', '区', '县', '旗']) && known(p));
            if let Some(p) = whole {
                return Some(p);
            }
        }
        if place.chars().count() >= 3 && place.ends_with(['市', '区', '县', '旗']) {
            return Some(place);
        }
    }
    None
}

/// Infers the issuer from departments' full names (青岚区财政局 → 青岚区人民政府), flagged with a diagnostic.
pub(crate) fn infer_issuer(m: &mut Meeting, orgs: &[(String, Span)], sink: &mut Sink) {
    if m.issuer.is_some() {
        return;
    }
    let wanted = m.level;
    for (written, span) in orgs {
        // Matched on the simplified view (青嵐區財政局), kept as written: the view has the same byte lengths.
        let view = crate::load::simplify::to_simplified(written);
        let Some(c) = place_of_department_re().captures(&view) else {
            continue;
        };
        let level = level_of(&c[1]);
        let place = &written[..c[1].len()];
        if wanted.is_some() && level != wanted {
            continue;
        }
        let issuer = format!("{place}人民政府");
        sink.info(
            Code::InferredIssuer,
            format!("the issuer {issuer} is inferred from the department name {written}"),
            *span,
        );
        m.level = m.level.or(level);
        m.issuer = Some(issuer);
        m.inferred.push(Inferred::Issuer);
        return;
    }
}

/// The places the titles of a page's documents name: at each character of `suffixes`, the longest name of at most `longest` characters ending there that `accept` takes, with its written form, what `accept` read of it, the title and the title's span.
///
/// Names are matched in simplified characters and kept as written.
fn places_in_titles<'t, T>(
    titles: &[(&'t str, Span)],
    suffixes: &[char],
    longest: usize,
    accept: impl Fn(&str) -> Option<T>,
) -> Vec<(String, T, &'t str, Span)> {
    let mut named = Vec::new();
    for &(title, span) in titles {
        let view: Vec<char> = crate::load::simplify::to_simplified(title)
            .chars()
            .collect();
        let written: Vec<char> = title.chars().collect();
        for end in (0..view.len()).filter(|&i| suffixes.contains(&view[i])) {
            let found = (end.saturating_sub(longest - 1)..end).find_map(|start| {
                let name: String = view[start..=end].iter().collect();
                accept(&name).map(|t| (start, t))
            });
            if let Some((start, t)) = found {
                named.push((written[start..=end].iter().collect(), t, title, span));
            }
        }
    }
    named
}

/// True when every place [`places_in_titles`] found is the first one (in simplified characters).
fn one_place<T>(named: &[(String, T, &str, Span)]) -> bool {
    let fold = crate::load::simplify::to_simplified;
    named
        .first()
        .is_some_and(|(first, ..)| named.iter().all(|(p, ..)| fold(p) == fold(first)))
}

/// Infers the issuer of a city government's page that names no place from the policy documents it decides on, flagged with a diagnostic.
///
/// A report headed 市政府召开第5次常务会议 may name its city only in the titles
/// of its documents: 《2018年常州市国有企业工作要点》 is 常州市人民政府's. The
/// issuer is inferred when the page is a city's (level 市, or unknown) and
/// every place named X市 in the titles (a prefecture-level city, a
/// county-level city or a municipality of `data/places.csv`) is one and the
/// same prefecture-level city or municipality: a county-level city's page
/// (江阴市) naming its own documents is never given its prefecture, and titles
/// naming two cities give nothing.
pub(crate) fn infer_issuer_from_titles(
    m: &mut Meeting,
    titles: &[(&str, Span)],
    places: &Places,
    sink: &mut Sink,
) {
    if m.issuer.is_some() || m.level.is_some_and(|l| l != Level::City) {
        return;
    }
    // Each place named X市 in a title (乌鲁木齐市, 石家庄市, 苏州市), with its level.
    let named = places_in_titles(titles, &['市'], 8, |name| {
        places.named(name).map(|r| r.level).find(|l| {
            matches!(
                l,
                PlaceLevel::City | PlaceLevel::CountyCity | PlaceLevel::Province
            )
        })
    });
    let Some((place, level, title, span)) = named.first() else {
        return;
    };
    if !one_place(&named) || *level == PlaceLevel::CountyCity {
        return;
    }
    let issuer = format!("{place}人民政府");
    sink.info(
        Code::InferredIssuer,
        format!("the issuer {issuer} is inferred from the document title 《{title}》"),
        *span,
    );
    m.level = Some(Level::City);
    m.issuer = Some(issuer);
    m.inferred.push(Inferred::Issuer);
}

/// Infers the issuer of a county's or a district's page that names no place (县政府第12次常务会议) from the titles of its documents, flagged with a diagnostic.
///
/// 《岳西县防汛抗旱应急预案》 on a county government's page is 岳西县人民政府's:
/// the issuer is inferred when every county (or district) of `data/places.csv`
/// the titles name by its full name is one and the same, and that name is
/// one place only (鼓楼区, a district of several cities, gives nothing).
pub(crate) fn infer_local_issuer_from_titles(
    m: &mut Meeting,
    titles: &[(&str, Span)],
    places: &Places,
    sink: &mut Sink,
) {
    let (suffixes, wanted): (&[char], &[PlaceLevel]) = match m.level {
        Some(Level::County) => (&['县', '旗'], &[PlaceLevel::County]),
        Some(Level::District) => (&['区'], &[PlaceLevel::District]),
        _ => return,
    };
    if m.issuer.is_some() {
        return;
    }
    let named = places_in_titles(titles, suffixes, 7, |name| {
        (places
            .named(name)
            .filter(|r| wanted.contains(&r.level))
            .count()
            == 1)
            .then_some(())
    });
    let Some((place, (), title, span)) = named.first() else {
        return;
    };
    if !one_place(&named) {
        return;
    }
    let issuer = format!("{place}人民政府");
    sink.info(
        Code::InferredIssuer,
        format!("the issuer {issuer} is inferred from the document title 《{title}》"),
        *span,
    );
    m.issuer = Some(issuer);
    m.inferred.push(Inferred::Issuer);
}

/// Infers the issuer of a city government's page that names no place from the county-level divisions it lists, flagged with a diagnostic.
///
/// A report whose 列席 list names 禹王台区、祥符区 is 开封市人民政府's: the
/// issuer is inferred when the page is a city's (level 市, or unknown), the
/// records name districts, counties or county-level cities of
/// `data/places.csv` by their full names, and exactly one prefecture-level
/// city is the parent of one of each (鼓楼区 alone, a district of several
/// cities, gives nothing).
pub(crate) fn infer_issuer_from_divisions(
    m: &mut Meeting,
    orgs: &[(String, Span)],
    places: &Places,
    sink: &mut Sink,
) {
    if m.issuer.is_some() || m.level.is_some_and(|l| l != Level::City) {
        return;
    }
    let mut common: Option<Vec<&str>> = None;
    let mut first: Option<(&str, Span)> = None;
    for (written, span) in orgs {
        let view = crate::load::simplify::to_simplified(written);
        let parents: Vec<&str> = places
            .named(&view)
            .filter(|r| {
                matches!(
                    r.level,
                    PlaceLevel::District | PlaceLevel::County | PlaceLevel::CountyCity
                )
            })
            .map(|r| r.parent.as_str())
            .filter(|p| places.named(p).any(|r| r.level == PlaceLevel::City))
            .collect();
        if parents.is_empty() {
            continue;
        }
        first.get_or_insert((written, *span));
        common = Some(match common {
            None => parents,
            Some(c) => c.into_iter().filter(|p| parents.contains(p)).collect(),
        });
    }
    let (Some(mut cities), Some((written, span))) = (common, first) else {
        return;
    };
    cities.sort_unstable();
    cities.dedup();
    let [city] = cities[..] else {
        return;
    };
    let issuer = format!("{city}人民政府");
    sink.info(
        Code::InferredIssuer,
        format!("the issuer {issuer} is inferred from the division {written} it lists"),
        span,
    );
    m.level = Some(Level::City);
    m.issuer = Some(issuer);
    m.inferred.push(Inferred::Issuer);
}

/// Reads the meeting's fields from the header, the opening paragraph and the footer.
pub(crate) fn read(
    doc: &Document,
    chair: Option<&Chair>,
    places: &Places,
    sink: &mut Sink,
) -> Meeting {
    let report = doc.form == Form::Report;
    let mut m = Meeting {
        issuer: issuer_of(doc, places),
        title: text(&doc.title).or_else(|| text(&doc.page.headline)),
        doc_number: text(&doc.doc_number).map(one_space),
        kind: if report {
            SourceKind::Report
        } else {
            SourceKind::Minutes
        },
        form: doc.form,
        ..Meeting::default()
    };
    if let Some(dn) = &doc.doc_number {
        if let Some(c) = doc_number_re().captures(dn.as_str()) {
            m.year = c.get(1).and_then(|y| y.as_str().parse().ok());
            m.number = c.get(2).or(c.get(3)).and_then(|n| n.as_str().parse().ok());
        }
    } else if !report {
        sink.warn(
            Code::MissingDocNumber,
            "no document number line (〔年〕号)",
            Span::point(doc.title.as_ref().map_or(1, |t| t.span().line), 1),
        );
    }
    if let Some(c) = chair {
        m.chair = Some(c.name.clone());
        m.chair_title = c.title.clone();
    }
    m.page_date = doc.page.published.as_ref().and_then(page_date);
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
                            Code::BadDate,
                            "the meeting date is not a valid date",
                            o.span_of(0, whole.end()),
                        );
                    }
                    m.half_day = c.get(4).map(|h| h.as_str().to_owned());
                }
                None => {
                    match date_re().captures(s) {
                        Some(c) => {
                            let whole = c.get(0).unwrap();
                            m.date = parse_date(whole.as_str());
                            let rest = s[whole.end()..].trim_start();
                            m.half_day = ["上午", "下午", "晚上", "中午"]
                                .iter()
                                .find(|h| rest.starts_with(*h))
                                .map(|h| (*h).to_owned());
                        }
                        None => m.date = short_date(o, doc, &mut m, sink),
                    }
                    if chair.is_none() {
                        sink.warn(
                            Code::MissingChair,
                            "the record names no chair (…市长主持召开…, 会议由…主持)",
                            o.span_of(0, 0),
                        );
                    }
                }
            }
            let found = ordinal_of(s).or_else(|| {
                doc.page
                    .headline
                    .iter()
                    .chain(doc.title.iter())
                    .find_map(|t| ordinal_of(t.as_str()))
            });
            match found {
                Some((term, ordinal)) => {
                    m.term = term;
                    m.ordinal = ordinal;
                }
                None => sink.warn(
                    Code::MissingOrdinal,
                    "the opening paragraph gives no meeting ordinal (第N次常务会议)",
                    o.span_of(0, 0),
                ),
            }
            m.combined = doc
                .page
                .headline
                .iter()
                .chain(std::iter::once(o))
                .filter(|t| {
                    let s = t.as_str();
                    s.contains('暨') || ["会议和", "会议及", "会议与"].iter().any(|w| s.contains(w))
                })
                .find_map(|t| combined_re().captures(t.as_str()))
                .map(|c| {
                    let s = &c[1];
                    let s = ["召开", "举行"]
                        .iter()
                        .filter_map(|v| s.rfind(v).map(|k| &s[k + v.len()..]))
                        .min_by_key(|r| r.len())
                        .unwrap_or(s);
                    s.trim_start_matches('了').to_owned()
                })
                .filter(|c| !c.contains("常务会议"));
        }
        None => sink.warn(
            Code::MissingOpening,
            "no opening paragraph (date, chair, meeting ordinal)",
            Span::point(1, 1),
        ),
    }
    m.level = m
        .issuer
        .as_deref()
        .map(crate::load::simplify::to_simplified)
        .as_deref()
        .and_then(level_of)
        .or_else(|| {
            let s = doc.page.headline.iter().chain(doc.opening.iter());
            s.flat_map(|t| {
                ["市政府", "区政府", "县政府", "旗政府"]
                    .into_iter()
                    .filter(move |g| t.as_str().contains(*g))
            })
            .next()
            .and_then(level_of)
        })
        .or_else(|| {
            m.chair_title
                .as_deref()
                .and_then(|t| t.rsplit('、').next())
                .map(crate::load::simplify::to_simplified)
                .as_deref()
                .and_then(level_of)
        });
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
            assert_eq!(parse_date(s).map(Date::iso).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn ordinals_with_and_without_term() {
        let cases = [
            ("主持召开市政府第 32 次常务会议", (None, Some(32))),
            ("主持召开2届42次县政府常务会议", (Some(2), Some(42))),
            ("主持召开五届104次区政府常务会议", (Some(5), Some(104))),
            (
                "主持召开六届一百一十八次区政府常务会议",
                (Some(6), Some(118)),
            ),
            (
                "主持召开十六届县人民政府第52次常务会议",
                (Some(16), Some(52)),
            ),
            ("主持召开区政府十五届第21次常务会议", (Some(15), Some(21))),
            (
                "召开县政府党组（扩大）会议和县十六届第9次政府常务会议",
                (Some(16), Some(9)),
            ),
            ("召开区政府第115次常务会议", (None, Some(115))),
        ];
        for (s, want) in cases {
            assert_eq!(ordinal_of(s), Some(want), "{s}");
        }
        assert_eq!(ordinal_of("召开区政府常务会议"), None);
    }

    #[test]
    fn chairs_in_every_shape() {
        let cases = [
            ("3月2日上午，区长方志强主持召开区政府第1次常务会议。", Some(("方志强", "区长"))),
            ("3月2日，区委副书记、区长方志强在区行政中心主持召开区政府第2次常务会议。", Some(("方志强", "区委副书记、区长"))),
            ("3月2日，县委副书记、代县长魏东来主持召开县政府第1次常务会议。", Some(("魏东来", "县委副书记、代县长"))),
            ("2024年3月2日，区委常委、副区长白玉兰同志在第一会议室主持召开五届104次区政府常务会议。", Some(("白玉兰", "区委常委、副区长"))),
            ("3月2日，澜江市政府召开第36次常务会议。会议由市长柳青云主持。", Some(("柳青云", "市长"))),
            ("3月2日，澜江市政府召开第36次常务会议。会议由柳青云市长主持。", Some(("柳青云", "市长"))),
            ("3月2日，梧冈县政府召开第40次常务会议。", None),
        ];
        for (s, want) in cases {
            let src = crate::load::decode("t.txt", s.as_bytes()).unwrap();
            let (doc, _) = crate::parse::parse(&src);
            let got = chair(&doc).map(|c| (c.name, c.title.unwrap_or_default()));
            let want = want.map(|(n, t)| (n.to_owned(), t.to_owned()));
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn document_numbers_keep_one_space_between_words() {
        let cases = [
            ("〔2020〕36号", "〔2020〕36号"),
            ("第 20 号", "第 20 号"),
            ("第\u{a0}\u{a0}20\u{a0}\u{a0}号", "第 20 号"),
            ("第\u{3000}8\u{3000}號", "第 8 號"),
        ];
        for (written, want) in cases {
            assert_eq!(one_space(written.to_owned()), want, "{written}");
        }
    }

    #[test]
    fn places_named_before_government_or_title() {
        let cases = [
            (
                "青岚区区长方志强主持召开区政府第1次常务会议",
                Some("青岚区"),
            ),
            (
                "2023年8月29日，澜江市政府召开第36次常务会议",
                Some("澜江市"),
            ),
            ("梧冈县召开县政府第40次常务会议", Some("梧冈县")),
            ("常州市召开市政府第86次常务会议", Some("常州市")),
            ("常熟市政府召开第12次常务会议", Some("常熟市")),
            (
                "县委常委、常务副县长武建国主持召开县政府第3次常务会议",
                None,
            ),
            ("区长方志强主持召开区政府第1次常务会议", None),
            // A known place holding a word that ends the run (the 开 of 召开).
            (
                "2018年3月13日下午，开化县召开县政府第6次常务会议",
                Some("开化县"),
            ),
            ("和县政府召开第9次常务会议", Some("和县")),
            ("县委副书记、代县长魏东来主持召开县政府第1次常务会议", None),
        ];
        for (s, want) in cases {
            let places = &crate::resolve::Resources::bundled().places;
            assert_eq!(place_in(s, places).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn levels() {
        let cases = [
            ("青岚区人民政府", Some(Level::District)),
            ("云溪县人民政府", Some(Level::County)),
            ("澜江市人民政府", Some(Level::City)),
            ("副县长", Some(Level::County)),
            ("主任", None),
        ];
        for (s, want) in cases {
            assert_eq!(level_of(s), want, "{s}");
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
