//! Attendance written as running text: 副区长甲、乙、丙，区二级巡视员丁，区政府办公室主任戊出席会议.
//!
//! News reports and prose minutes name who attended in a sentence that ends
//! with a verb (出席会议, 参加会议, 列席会议, 应邀列席). Such a list is
//! already cut into elements by its punctuation: commas (，) separate groups,
//! 、 separates elements within a group. Each element is read alone, from its
//! end: a 2–4 character personal name with a known surname, and before it a
//! title (副区长, 二级巡视员, 主任 …), maybe after a department
//! (区人大常委会副主任 → department 区人大常委会, title 副主任). An element
//! that is only a title stacks onto the next one (县委常委、副县长徐某 → title
//! 县委常委、副县长, person 徐某); a bare name after a titled one in the same
//! group shares its title (副区长甲、乙). An element ending in 负责同志 or
//! 负责人 names organisations that sent someone unnamed: one record per
//! organisation of its group, with no person (区财政局、人社局负责同志列席会议).
//! The list is read backwards from the verb and stops at the first group that
//! does not read as attendance, so the sentence's other clauses (区长某某主持会议)
//! are left alone. Departments are matched with the gazetteer's trie and the
//! segmenter's organisation shape, names with the surname list: the same
//! resources as the list segmenter ([`super::attendance`]).

use super::attendance::org_shaped;
use super::{is_han, org_ref, Attendance, Role};
use crate::diag::{Code, Pos, Sink, Span};
use crate::parse::Text;
use crate::resolve::Resources;
use regex::Regex;
use std::sync::OnceLock;

/// Words a title ends with (副区长, 主任, 二级巡视员 …).
const TITLE_ENDINGS: &[&str] = &[
    "长",
    "主任",
    "书记",
    "常委",
    "委员",
    "主席",
    "巡视员",
    "调研员",
    "成员",
    "助理",
    "政委",
    "司令员",
    "经理",
    "总监",
    "专员",
    "参事",
    "顾问",
    "秘书",
    "记者",
];

/// Endings of an element naming organisations that sent someone unnamed.
const UNIT_MARKERS: &[&str] = &[
    "主要负责同志",
    "有关负责同志",
    "相关负责同志",
    "分管负责同志",
    "负责同志",
    "主要负责人",
    "有关负责人",
    "相关负责人",
    "负责人",
    "主要领导",
    "相关领导",
    "有关领导",
    "的代表",
];

/// Words before a list that are not part of any element (区领导甲、乙).
const LEADS: &[&str] = &[
    "出席会议的有",
    "参加会议的有",
    "市政府领导",
    "区政府领导",
    "县政府领导",
    "市领导",
    "区领导",
    "县领导",
    "州领导",
    "旗领导",
    "领导同志",
    "以及",
];

/// Organisations whose name is the government or party committee itself: before a title they are part of it (市政府秘书长).
fn is_government(s: &str) -> bool {
    // The government's party group is the government too: 县政府党组成员 is a title.
    let s = s.strip_suffix("党组").unwrap_or(s);
    let core = s
        .trim_end_matches("人民政府")
        .trim_end_matches("政府")
        .trim_end_matches('委');
    (s.ends_with("政府") || s.ends_with('委')) && core.chars().count() <= 5 && !core.contains('局')
}

/// A verb that opens the list after it (出席会议的有：…; 参加会议的有…); the list runs to the sentence's end.
fn lead_verb_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(列席|出席|参加)(?:会议|本次会议)?的(?:人员|领导|同志|单位)?(?:有|是|为)\s*[：:]?",
        )
        .unwrap()
    })
}

/// Absence said in running text (副区长某某因公请假).
fn absence_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:因(?:公|事|病|故)(?:外出)?)?(?:请假|缺席)(?:会议|本次会议)?").unwrap()
    })
}

fn verb_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:等)?(应邀)?(?:列席|出席|参加|参会)(?:了)?(?:会议|本次会议)?").unwrap()
    })
}

/// One character of a clause, with its position in the file.
/// A character of the simplified view, its position, and the character as written.
type Ch = (char, Pos, char);

/// What one element of a list reads as.
enum Element {
    /// A person, with the ranges of department and title before the name (each maybe empty).
    Person {
        org: (usize, usize),
        title: (usize, usize),
        name: (usize, usize),
    },
    /// A title alone, to stack onto the next element.
    Title,
    /// An organisation alone (the start of a list ending in 负责同志).
    Org((usize, usize)),
    /// Organisations that sent someone unnamed: the organisation part of this element (maybe empty).
    Units((usize, usize)),
    /// An organisation too vague to be one (有关部门, 各镇): no record.
    Vague,
}

/// Reads the attendance sentences of a paragraph of a report or prose minutes.
pub(crate) fn read_paragraph(text: &Text, res: &Resources, sink: &mut Sink) -> Vec<Attendance> {
    let s = text.as_str();
    if !(s.contains("出席")
        || s.contains("列席")
        || s.contains("参加")
        || s.contains("参会")
        || s.contains("请假")
        || s.contains("缺席"))
    {
        return Vec::new();
    }
    let chars: Vec<Ch> = text
        .chars_written_with_pos()
        .map(|(v, w, p)| (v, p, w))
        .collect();
    // Byte offset → char index.
    let index: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    let at = |b: usize| index.partition_point(|&x| x < b);
    // The verbs that close a list (出席会议), as character ranges.
    let verbs: Vec<(usize, usize, bool)> = verb_re()
        .captures_iter(s)
        .filter_map(|m| {
            let whole = m.get(0)?;
            let after = s[whole.end()..].chars().next();
            after
                .is_none_or(|c| matches!(c, '，' | '。' | '；' | ',' | ';' | '并' | '：' | '、'))
                .then(|| {
                    let verb = whole.as_str();
                    let attending = verb.contains("列席") || m.get(1).is_some();
                    (at(whole.start()), at(whole.end()), attending)
                })
        })
        .collect();
    // Lists after their verb (出席会议的有：…) run to the sentence's end, or to the clause a closing verb ends.
    let mut leads: Vec<(usize, usize, Role)> = Vec::new();
    if s.contains("的") {
        for m in lead_verb_re().captures_iter(s) {
            let whole = m.get(0).unwrap();
            let role = if &m[1] == "列席" {
                Role::Attending
            } else {
                Role::Present
            };
            let from = at(whole.end());
            let mut to = chars[from..]
                .iter()
                .position(|c| matches!(c.0, '。' | '；' | ';'))
                .map_or(chars.len(), |k| from + k);
            if let Some(&(vs, _, _)) = verbs.iter().find(|v| v.0 > from && v.0 < to) {
                to = chars[from..vs]
                    .iter()
                    .rposition(|c| matches!(c.0, '，' | ','))
                    .map_or(from, |k| from + k);
            }
            leads.push((from, to, role));
        }
    }
    let mut out = Vec::new();
    for &(from, to, role) in &leads {
        out.extend(read_list(&chars[from..to], role, res, sink, true));
    }
    let mut clause_start = 0;
    for &(vs, ve, attending) in &verbs {
        // The clause starts after the sentence's start, the previous verb or a list after its verb.
        let mut from = clause_start;
        for k in (clause_start..vs).rev() {
            if matches!(chars[k].0, '。' | '；' | ';' | '：' | ':') {
                from = k + 1;
                break;
            }
        }
        if let Some(end) = leads.iter().map(|l| l.1).filter(|&e| e <= vs).max() {
            from = from.max(end);
        }
        let role = if attending {
            Role::Attending
        } else {
            Role::Present
        };
        out.extend(read_list(&chars[from..vs], role, res, sink, true));
        clause_start = ve;
    }
    if s.contains("请假") || s.contains("缺席") {
        for m in absence_re().find_iter(s) {
            let after = s[m.end()..].chars().next();
            if !after.is_none_or(|c| matches!(c, '，' | '。' | '；' | ',' | ';')) {
                continue;
            }
            let vs = at(m.start());
            let from = chars[..vs]
                .iter()
                .rposition(|c| matches!(c.0, '。' | '；' | ';' | '：' | ':' | '，' | ','))
                .map_or(0, |k| k + 1);
            out.extend(read_list(&chars[from..vs], Role::Absent, res, sink, true));
        }
    }
    // In the order written: the lists after their verb and the absences were read after the others.
    out.sort_by_key(|a| (a.span.line, a.span.col));
    out
}

/// Reads the body of an attendance section whose names carry titles (出席领导：区长张三，副区长李四、王五).
pub(crate) fn read_section(
    body: &Text,
    role: Role,
    res: &Resources,
    sink: &mut Sink,
) -> Vec<Attendance> {
    let chars: Vec<Ch> = body
        .chars_written_with_pos()
        .map(|(v, w, p)| (v, p, w))
        .collect();
    // A section written as a sentence ends with its full stop (列席人员：新闻媒体记者某某。).
    let end = chars
        .iter()
        .rposition(|c| !matches!(c.0, '。' | '.' | '；' | ';'))
        .map_or(0, |k| k + 1);
    read_list(&chars[..end], role, res, sink, false)
}

/// Reads a section listing organisations only (列席单位：区财政局、区人社局): one record each, no person.
pub(crate) fn read_units(
    body: &Text,
    role: Role,
    res: &Resources,
    sink: &mut Sink,
) -> Vec<Attendance> {
    let chars: Vec<Ch> = body
        .chars_written_with_pos()
        .map(|(v, w, p)| (v, p, w))
        .collect();
    let end = chars
        .iter()
        .rposition(|c| !matches!(c.0, '。' | '.' | '；' | ';'))
        .map_or(0, |k| k + 1);
    let mut out = Vec::new();
    for (a, b) in split(&chars, 0, end, is_element_separator) {
        let (a, b) = trim_unit(&chars, a, b);
        if a < b {
            push_unit(&chars, (a, b), role, res, sink, &mut out);
        }
    }
    out
}

fn is_group_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';')
}

fn is_element_separator(c: char) -> bool {
    matches!(
        c,
        '、' | '，' | ',' | '；' | ';' | '\n' | ' ' | '\u{3000}' | '\t'
    )
}

/// Splits `from..to` at the characters `sep` accepts; empty parts are dropped.
fn split(chars: &[Ch], from: usize, to: usize, sep: fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = from;
    for k in from..=to {
        if chars.get(k).is_none_or(|c| k == to || sep(c.0)) {
            if a < k {
                out.push((a, k));
            }
            a = k + 1;
        }
    }
    out
}

fn text_of(chars: &[Ch], (a, b): (usize, usize)) -> String {
    chars[a..b].iter().map(|c| c.0).collect()
}

/// The characters as written of a range, which records keep.
fn written_of(chars: &[Ch], (a, b): (usize, usize)) -> String {
    chars[a..b].iter().map(|c| c.2).collect()
}

fn span_of(chars: &[Ch], (a, b): (usize, usize)) -> Span {
    Span::covering(chars[a].1, chars[b - 1].1)
}

/// Reads a list from its end backwards, group by group, stopping at the first group that is not attendance.
fn read_list(
    chars: &[Ch],
    role: Role,
    res: &Resources,
    sink: &mut Sink,
    in_sentence: bool,
) -> Vec<Attendance> {
    let groups = split(
        chars,
        0,
        chars.len(),
        if in_sentence {
            is_group_separator
        } else {
            |c| is_group_separator(c) || c == '\n'
        },
    );
    let mut read: Vec<Vec<Attendance>> = Vec::new();
    for &(ga, gb) in groups.iter().rev() {
        // Organisations before a group of them that sent someone (县发改局、财政局，市气象局负责同志) sent someone too.
        let after_units = read.last().is_some_and(|g| {
            !g.is_empty() && g.iter().all(|r| r.person.is_none() && r.org.is_some())
        });
        let group = read_group(chars, ga, gb, role, res).or_else(|| {
            let elements = split(chars, ga, gb, |c| {
                matches!(c, '、' | ' ' | '\u{3000}' | '\t' | '\n')
            });
            after_units
                .then(|| read_units_group(chars, &elements, role, res, false))
                .flatten()
                .flatten()
        });
        match group {
            Some(records) => read.push(records),
            None if in_sentence => break,
            None => {
                sink.warn(
                    Code::NotAName,
                    format!(
                        "{} does not read as titles and names; skipped",
                        text_of(chars, (ga, gb))
                    ),
                    span_of(chars, (ga, gb)),
                );
            }
        }
    }
    let mut out: Vec<Attendance> = read.into_iter().rev().flatten().collect();
    for r in &out {
        if let Some(o) = r.org.as_ref().filter(|o| o.canonical.is_none()) {
            sink.warn(
                Code::UnknownOrg,
                format!("{} is not in the gazetteer; kept as written", o.written),
                r.span,
            );
        }
    }
    out.retain(|r| r.person.is_some() || r.org.is_some());
    out
}

/// Reads one group (elements separated by 、); `None` when an element does not read as attendance.
fn read_group(
    chars: &[Ch],
    ga: usize,
    gb: usize,
    role: Role,
    res: &Resources,
) -> Option<Vec<Attendance>> {
    let mut out = Vec::new();
    let elements = split(chars, ga, gb, |c| {
        matches!(c, '、' | ' ' | '\u{3000}' | '\t' | '\n')
    });
    if elements.is_empty() {
        return None;
    }
    if let Some(units) = read_units_group(chars, &elements, role, res, true) {
        return units;
    }
    let parsed: Vec<(usize, usize, Element)> = elements
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let a = if i == 0 { skip_lead(chars, a, b) } else { a };
            let b = trim_tail(chars, a, b);
            element(chars, a, b, res).map(|e| (a, b, e))
        })
        .collect::<Option<Vec<_>>>()?;
    // A group of organisations ends in one that names the unnamed representative.
    if let Some((_, _, Element::Units(_))) =
        parsed.iter().rev().find(|p| !matches!(p.2, Element::Vague))
    {
        for (a, b, e) in &parsed {
            match e {
                Element::Org(r) | Element::Units(r) if r.0 < r.1 => {
                    push_unit(chars, *r, role, res, &mut Sink::new("-"), &mut out);
                }
                Element::Units(_) | Element::Vague | Element::Org(_) => {}
                Element::Person { .. } | Element::Title => {
                    let _ = (a, b);
                    return None;
                }
            }
        }
        return Some(out);
    }
    let mut stack: Option<usize> = None;
    let mut shared: Option<String> = None;
    for (a, _b, e) in parsed {
        match e {
            Element::Title => {
                stack.get_or_insert(a);
            }
            Element::Person { org, title, name } => {
                let stack_at = stack;
                let title_text = match stack.take() {
                    Some(s) => Some(written_of(chars, (s, name.0))),
                    None if title.0 < title.1 => Some(written_of(chars, title)),
                    None if org.0 == org.1 => shared.clone(),
                    None => None,
                };
                if title.0 < title.1 {
                    shared = title_text.clone();
                }
                let org_ref = (org.0 < org.1)
                    .then(|| org_ref(&text_of(chars, org), written_of(chars, org), res));
                out.push(Attendance {
                    role,
                    org: org_ref,
                    person: Some(written_of(chars, name)),
                    title: title_text,
                    note: None,
                    span: span_of(chars, (stack_at.unwrap_or(a), name.1)),
                });
            }
            Element::Vague => {}
            Element::Org(_) | Element::Units(_) => return None,
        }
    }
    // A stack of titles with no name after it (县政府副县长、党组成员出席会议) names no one.
    Some(out)
}

/// Reads a group that ends in a unit marker (区财政局、金坛区负责同志): every element before it is an
/// organisation, even one that alone would read as a name (金坛区, 秦淮区: a surname and two
/// characters), when it ends as an organisation's name does. `None` when the group does not end
/// in a unit marker; `Some(None)` when an element is not an organisation.
///
/// With `marked` false the group is one of organisations before such a group
/// (县发改局、财政局 in 县发改局、财政局，市气象局负责同志): its last element is
/// read as the others are, and there is no marker to find.
fn read_units_group(
    chars: &[Ch],
    elements: &[(usize, usize)],
    role: Role,
    res: &Resources,
    marked: bool,
) -> Option<Option<Vec<Attendance>>> {
    let bounds: Vec<(usize, usize)> = elements
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let a = if i == 0 { skip_lead(chars, a, b) } else { a };
            (a, trim_tail(chars, a, b))
        })
        .collect();
    let &(la, lb) = bounds.last()?;
    // 县委办、财政局、各乡镇（街道）、县直有关部门负责同志: the marker closes a vague group, and the organisations before it sent someone too.
    let mut vague_end = false;
    let (before, last) = if marked {
        match element(chars, la, lb, res) {
            Some(Element::Units(last)) => (&bounds[..bounds.len() - 1], last),
            Some(Element::Vague)
                if bounds.len() > 1
                    && UNIT_MARKERS
                        .iter()
                        .any(|m| text_of(chars, (la, lb)).ends_with(m)) =>
            {
                vague_end = true;
                (&bounds[..bounds.len() - 1], (lb, lb))
            }
            _ => return None,
        }
    } else {
        (&bounds[..], (lb, lb))
    };
    let mut out = Vec::new();
    let mut sink = Sink::new("-");
    for &(a, b) in before {
        let org_like = a < b && {
            let t = text_of(chars, (a, b));
            // Two-character counties (魏县, 邱县) read as a surname and a name.
            ends_as_org(&t) || super::attendance::is_division_name(&t, res)
        };
        match element(chars, a, b, res) {
            Some(Element::Org(r) | Element::Units(r)) if r.0 < r.1 => {
                push_unit(chars, r, role, res, &mut sink, &mut out);
            }
            Some(Element::Vague | Element::Units(_) | Element::Org(_)) => {}
            Some(Element::Person { org, title, .. })
                if org.0 == org.1 && title.0 == title.1 && org_like =>
            {
                push_unit(chars, (a, b), role, res, &mut sink, &mut out);
            }
            None if org_like => push_unit(chars, (a, b), role, res, &mut sink, &mut out),
            // A person before a vague group's marker: not a group of organisations, read otherwise.
            _ if vague_end => return None,
            _ => return Some(None),
        }
    }
    if last.0 < last.1 {
        push_unit(chars, last, role, res, &mut sink, &mut out);
    }
    Some(Some(out))
}

/// True when a text ends as the name of an organisation or a division does (…区, …县, …局, …支队, …中支).
fn ends_as_org(s: &str) -> bool {
    s.chars().count() >= 3
        && s.ends_with([
            '区', '县', '市', '局', '委', '办', '队', '院', '司', '行', '会', '部', '支', '心',
            '站', '所', '处', '台', '厅',
        ])
}

fn push_unit(
    chars: &[Ch],
    r: (usize, usize),
    role: Role,
    res: &Resources,
    _sink: &mut Sink,
    out: &mut Vec<Attendance>,
) {
    let view = text_of(chars, r);
    if is_vague(&view) {
        return;
    }
    out.push(Attendance {
        role,
        org: Some(org_ref(&view, written_of(chars, r), res)),
        person: None,
        title: None,
        note: None,
        span: span_of(chars, r),
    });
}

/// True for an organisation too vague to be one: 有关部门, 各镇（街道）, 县直相关单位.
fn is_vague(s: &str) -> bool {
    s.contains("有关")
        || s.contains("相关")
        || s.starts_with('各')
        || s.contains("其他")
        || s.contains("部分")
        || s.contains("县直")
        || s.contains("区直")
        || s.contains("市直")
}

/// Skips words before the first element that belong to no one (区领导, 出席会议的有).
fn skip_lead(chars: &[Ch], a: usize, b: usize) -> usize {
    let s = text_of(chars, (a, b));
    for lead in LEADS {
        if let Some(rest) = s.strip_prefix(lead) {
            if !rest.is_empty() {
                return a + lead.chars().count();
            }
        }
    }
    a
}

/// Drops 同志, 等 and 等同志 after an element.
fn trim_tail(chars: &[Ch], a: usize, mut b: usize) -> usize {
    loop {
        let s = text_of(chars, (a, b));
        if UNIT_MARKERS.iter().any(|m| s.ends_with(m)) {
            return b;
        }
        if let Some(t) = ["等同志", "同志", "等人", "等"]
            .iter()
            .find(|t| s.ends_with(*t) && s.chars().count() > t.chars().count() + 1)
        {
            b -= t.chars().count();
        } else if let Some(k) = s.rfind('等').filter(|&k| {
            let tail = &s[k..];
            tail.ends_with("领导") && tail.chars().count() <= 10 && k >= 2 * '等'.len_utf8()
        }) {
            // 段昊等区领导, 叶水山等区四套班子领导: the words after 等 name no one.
            b = a + s[..k].chars().count();
        } else {
            return b;
        }
    }
}

/// Drops a unit marker (负责同志) and 等 after an organisation of a 列席单位 list.
fn trim_unit(chars: &[Ch], a: usize, b: usize) -> (usize, usize) {
    let b = trim_tail(chars, a, b);
    let s = text_of(chars, (a, b));
    match UNIT_MARKERS.iter().find(|m| s.ends_with(*m)) {
        Some(m) => (a, b - m.chars().count()),
        None => (a, b),
    }
}

fn ends_with_title(s: &str) -> bool {
    s.chars().count() >= 2 && TITLE_ENDINGS.iter().any(|t| s.ends_with(t))
}

/// Bodies whose short names do not end like a department (县政协, 区人大).
const BODIES: &[&str] = &[
    "政协",
    "人大",
    "人武部",
    "法院",
    "检察院",
    "总工会",
    "团委",
    "妇联",
    "工商联",
    "科协",
    "侨联",
    "残联",
];

fn is_org(s: &str, res: &Resources) -> bool {
    let chars: Vec<char> = s.chars().collect();
    res.gazetteer.lookup(s).is_some()
        || crate::resolve::branches::written_len(&chars, 0, &res.places) == Some(chars.len())
        || org_shaped(&s.chars().collect::<Vec<_>>())
        || (s.chars().count() >= 3 && BODIES.iter().any(|b| s.ends_with(b)))
}

/// Reads one element, `None` when it is not attendance.
fn element(chars: &[Ch], a: usize, b: usize, res: &Resources) -> Option<Element> {
    if a >= b {
        return None;
    }
    let s = text_of(chars, (a, b));
    if let Some(m) = UNIT_MARKERS.iter().find(|m| s.ends_with(*m)) {
        let org_end = b - m.chars().count();
        let org = text_of(chars, (a, org_end));
        if is_vague(&org) {
            // 区司法局及相关单位负责同志: the organisation before 及 or 和 still sent someone.
            let joined = chars[a..org_end]
                .iter()
                .rposition(|c| matches!(c.0, '及' | '和'))
                .map(|k| a + k)
                .filter(|&k| k > a && is_vague(&text_of(chars, (k + 1, org_end))));
            if let Some(k) = joined.filter(|&k| is_org(&text_of(chars, (a, k)), res)) {
                return Some(Element::Units((a, k)));
            }
            return Some(Element::Vague);
        }
        return Some(Element::Units((a, org_end)));
    }
    if !chars[a..b]
        .iter()
        .all(|c| is_han(c.0) || matches!(c.0, '（' | '）' | '(' | ')'))
    {
        return None;
    }
    let han: Vec<char> = chars[a..b].iter().map(|c| c.0).collect();
    // A department the rules name whole (县人大常委会) is not a department and a name (县人大|常委会).
    if super::attendance::is_rule_form(&han, res) {
        return Some(Element::Org((a, b)));
    }
    let n = han.len();
    for len in 2..=4usize {
        if len > n {
            break;
        }
        let name = &han[n - len..];
        if !name.iter().all(|&c| is_han(c)) {
            continue;
        }
        let surname = res.surnames.surname_len(name);
        let ok = !matches!((len, surname), (_, None) | (2, Some(2)) | (4, Some(1)));
        let name_text: String = name.iter().collect();
        // A title is not a name (县政府党组成员, 办公室主任).
        if !ok
            || TITLE_ENDINGS.contains(&name_text.as_str())
            || (name_text.ends_with('长') && len == 2)
        {
            continue;
        }
        let prefix: String = han[..n - len].iter().collect();
        if let Some(person) = person_after(chars, a, b - len, b, &prefix, res) {
            return Some(person);
        }
    }
    if ends_with_title(&s) {
        return Some(Element::Title);
    }
    if is_vague(&s) {
        return Some(Element::Vague);
    }
    if is_org(&s, res) {
        return Some(Element::Org((a, b)));
    }
    four_character_name(chars, a, b, &han, res)
}

/// Verbs that end a clause about a person, never a name (县长严正主持, 副市长某某讲话).
const CLAUSE_ENDINGS: &[&str] = &[
    "主持", "讲话", "出席", "列席", "参加", "发言", "汇报", "陪同", "介绍", "说明", "指出", "强调",
    "要求", "通报",
];

/// Reads an element as ending in a four-character name after a one-character surname
/// (董杰子萍, 市检察院检察长蔡博涛成): rare, so only when no shorter name, title or
/// organisation reads it, and only alone or after a title or a department.
fn four_character_name(
    chars: &[Ch],
    a: usize,
    b: usize,
    han: &[char],
    res: &Resources,
) -> Option<Element> {
    let n = han.len();
    let name = han.get(n.checked_sub(4)?..)?;
    let name_text: String = name.iter().collect();
    let prefix: String = han[..n - 4].iter().collect();
    // Not a clause: 会议由县长严正主持 is a surname, a name and a verb.
    if res.surnames.surname_len(name) != Some(1)
        || ends_as_org(&name_text)
        || name.iter().any(|&c| !is_han(c))
        || CLAUSE_ENDINGS.iter().any(|v| name_text.ends_with(v))
        || prefix.contains('由')
        || prefix.contains("会议")
    {
        return None;
    }
    person_after(chars, a, b - 4, b, &prefix, res)
}

/// A person named at `name_at..b` after the words `prefix` (`a..name_at`): nothing, a title (with a department before it), or a department that is not the government itself.
fn person_after(
    chars: &[Ch],
    a: usize,
    name_at: usize,
    b: usize,
    prefix: &str,
    res: &Resources,
) -> Option<Element> {
    let name = (name_at, b);
    if prefix.is_empty() {
        return Some(Element::Person {
            org: (a, a),
            title: (a, a),
            name,
        });
    }
    if ends_with_title(prefix) {
        let (org, title) = split_org_title(chars, a, name_at, res);
        return Some(Element::Person { org, title, name });
    }
    (is_org(prefix, res) && !is_government(prefix)).then_some(Element::Person {
        org: (a, name_at),
        title: (name_at, name_at),
        name,
    })
}

/// Splits the words before a name into a department and a title (区人大常委会|副主任); the government itself stays in the title (市政府秘书长).
fn split_org_title(
    chars: &[Ch],
    a: usize,
    b: usize,
    res: &Resources,
) -> ((usize, usize), (usize, usize)) {
    let han: Vec<char> = chars[a..b].iter().map(|c| c.0).collect();
    // The longest department the gazetteer knows at the start, else the longest organisation-shaped run a title follows (县人武部|副部长, not 县人武部副部|长).
    let mut best = None;
    if let Some((len, _)) = res.gazetteer.longest_at(&han, 0) {
        best = Some(len);
    }
    if best.is_none() {
        for k in (2..han.len()).rev() {
            let head: String = han[..k].iter().collect();
            let tail: String = han[k..].iter().collect();
            if (org_shaped(&han[..k]) || (k >= 3 && BODIES.iter().any(|b| head.ends_with(b))))
                && ends_with_title(&tail)
            {
                best = Some(k);
                break;
            }
        }
    }
    match best {
        Some(k) if k < han.len() => {
            let org: String = han[..k].iter().collect();
            let title: String = han[k..].iter().collect();
            if !is_government(&org) && ends_with_title(&title) {
                return ((a, a + k), (a + k, b));
            }
            ((a, a), (a, b))
        }
        _ => ((a, a), (a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<String> {
        let text = Text::from_lines(s, false);
        let mut sink = Sink::new("-");
        read_paragraph(&text, Resources::bundled(), &mut sink)
            .into_iter()
            .map(|a| {
                format!(
                    "{} {} {} {} @{}",
                    a.role.as_str(),
                    a.org.map(|o| o.written).unwrap_or_default(),
                    a.title.unwrap_or_default(),
                    a.person.unwrap_or_default(),
                    a.span.col
                )
            })
            .collect()
    }

    #[test]
    fn running_lists() {
        let cases: &[(&str, &[&str])] = &[
            (
                "副区长方志强、白玉兰、钱多多，区二级巡视员孔令辉，区政府办公室主任鲁卫东出席会议。",
                &[
                    "present  副区长 方志强 @1",
                    "present  副区长 白玉兰 @8",
                    "present  副区长 钱多多 @12",
                    "present  区二级巡视员 孔令辉 @16",
                    "present 区政府办公室 主任 鲁卫东 @26",
                ],
            ),
            (
                "区长严正主持会议，区领导蒋一帆、韩冬等出席会议。",
                &["present   蒋一帆 @13", "present   韩冬 @17"],
            ),
            (
                "县委常委、副县长徐海鹰，副县长吕晴出席会议，县人大常委会副主任杜明远、县政协副主席景秀芳应邀列席。",
                &[
                    "present  县委常委、副县长 徐海鹰 @1",
                    "present  副县长 吕晴 @13",
                    "attending 县人大常委会 副主任 杜明远 @23",
                    "attending 县政协 副主席 景秀芳 @36",
                ],
            ),
            (
                "区财政局、人社局、交通运输局负责同志列席会议。",
                &[
                    "attending 区财政局   @1",
                    "attending 人社局   @6",
                    "attending 交通运输局   @10",
                ],
            ),
            ("区直有关部门主要负责同志列席会议。", &[]),
            (
                "郭秋月、段昊等区领导参加会议。",
                &["present   郭秋月 @1", "present   段昊 @5"],
            ),
            (
                "出席会议的有：副区长蓝海、司马卫东。列席会议的有：县人武部副部长孔一鸣，区财政局主要负责同志。",
                &[
                    "present  副区长 蓝海 @8",
                    "present  副区长 司马卫东 @14",
                    "attending 县人武部 副部长 孔一鸣 @26",
                    "attending 区财政局   @37",
                ],
            ),
            (
                "副县长苗青、钟立因公请假。",
                &["absent  副县长 苗青 @1", "absent  副县长 钟立 @7"],
            ),
            (
                "县人大、县政协相关领导、各镇负责人列席会议。",
                &["attending 县人大   @1", "attending 县政协   @5"],
            ),
            (
                // Four-character names after a one-character surname, alone and after a title.
                "副市长白宇勇雪、陈立，市政府副秘书长董杰子萍、许磊出席会议，市检察院检察长蔡博涛成应邀列席会议。",
                &[
                    "present  副市长 白宇勇雪 @1",
                    "present  副市长 陈立 @9",
                    "present  市政府副秘书长 董杰子萍 @12",
                    "present  市政府副秘书长 许磊 @24",
                    "attending 市检察院 检察长 蔡博涛成 @31",
                ],
            ),
            (
                // Two-character counties (魏县, 邱县) among the units.
                "市发改委、魏县、邱县、邯郸经济技术开发区负责同志列席会议。",
                &[
                    "attending 市发改委   @1",
                    "attending 魏县   @6",
                    "attending 邱县   @9",
                    "attending 邯郸经济技术开发区   @12",
                ],
            ),
            (
                // 金坛区 and 秦淮区 alone read as names (surname 金, 秦); in a list of units they are units.
                "市委宣传部、环保局、金坛区、秦淮区、武警南京支队主要负责同志列席会议。",
                &[
                    "attending 市委宣传部   @1",
                    "attending 环保局   @7",
                    "attending 金坛区   @11",
                    "attending 秦淮区   @15",
                    "attending 武警南京支队   @19",
                ],
            ),
            ("会议要求各部门参加培训。", &[]),
        ];
        let got: Vec<(&str, Vec<String>)> = cases.iter().map(|(s, _)| (*s, read(s))).collect();
        let want: Vec<(&str, Vec<String>)> = cases
            .iter()
            .map(|(s, w)| (*s, w.iter().map(|x| (*x).to_owned()).collect()))
            .collect();
        assert_eq!(got, want);
    }
}
