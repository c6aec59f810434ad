//! Policy documents: titles in 《》 (nesting kept), short names (以下简称《…》), plans reviewed without 《》, and what the meeting decided for each.

use super::items::{actions, leads, texts};
use super::topics::written_sentence;
use super::{org_ref, OrgRef, PolicyDocument};
use crate::parse::{Document, Text};
use crate::resolve::Resources;
use regex::Regex;
use std::sync::OnceLock;

/// Title endings that name a type of document, longest first within a family.
const KINDS: &[&str] = &[
    "若干政策措施",
    "政策措施",
    "若干措施",
    "措施",
    "实施方案",
    "工作方案",
    "活动方案",
    "行动方案",
    "方案",
    "发展规划",
    "专项规划",
    "规划",
    "实施办法",
    "管理办法",
    "办法",
    "实施意见",
    "指导意见",
    "反馈意见",
    "意见",
    "条例修正案",
    "修正案",
    "条例",
    "战略合作发展协议书",
    "合作协议书",
    "协议书",
    "框架协议",
    "协议",
    "实施细则",
    "细则",
    "规定",
    "行动计划",
    "计划",
    "纲要",
    "应急预案",
    "预案",
    "报告",
    "决定",
    "通知",
];

fn alias_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r#"^\s*[（(]\s*(?:以下)?简称\s*[《“"]([^》”"]{1,30})[》”"]\s*[）)]"#).unwrap()
    })
}

fn next_step_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"提请[^，。；]{2,14}?审议|以[^，。；]{2,12}?名义(?:印发实施|印发|发布实施|发布)|发文实施|按程序发布|按程序报批|印发实施|公布实施|发布实施|组织实施|报[^，。；]{2,10}?(?:审批|批准|备案)|印发").unwrap()
    })
}

fn decision_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"原则同意|原则通过|审议通过|讨论通过|同意").unwrap())
}

/// A sentence that is a decision alone (会议原则通过。 会议讨论并原则同意，由…), on the document the sentence before named.
fn bare_decision_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^\s*会议(?:经)?(?:讨论|研究|审议)?(?:并|后)?(原则同意|原则通过|审议通过|讨论通过|同意|通过)(?:[，。；,]|$)")
            .unwrap()
    })
}

/// Marks of a draft's stage after a title: the same document with or without them.
const DRAFT_MARKS: &[&str] = &[
    "送审稿",
    "讨论稿",
    "修改稿",
    "征求意见稿",
    "审议稿",
    "代拟稿",
];

/// Folds a title for comparison: full- and half-width brackets and quotes are one, and a draft's stage mark （送审稿） is dropped.
fn folded(title: &str) -> String {
    let mut s: String = title.chars().map(crate::resolve::fold).collect();
    // Folding made every bracket half-width: (送审稿).
    if let Some(inner) = s.strip_suffix(')') {
        if let Some(mark) = DRAFT_MARKS.iter().find(|m| inner.ends_with(*m)) {
            let open = inner.len() - mark.len();
            if inner[..open].ends_with('(') {
                s.truncate(open - 1);
            }
        }
    }
    s
}

/// Finds the document a short name refers to (该《办法》, 该方案): the latest one mentioned whose title, draft marks aside, ends with it.
fn referent(docs: &[PolicyDocument], order: &[usize], short: &str) -> Option<usize> {
    let key = folded(short);
    order.iter().rev().copied().find(|&di| {
        let t = folded(&crate::load::simplify::to_simplified(&docs[di].title));
        t != key && (t.ends_with(&key) || without_brackets_at_end(&t).ends_with(&key))
    })
}

/// A title without the bracketed notes at its end (（2025—2027年）, （试行）).
fn without_brackets_at_end(title: &str) -> &str {
    let mut core = title.trim_end();
    while let Some(stripped) = core.strip_suffix('）').or_else(|| core.strip_suffix(')')) {
        match stripped.rfind(['（', '(']) {
            Some(open) => core = &stripped[..open],
            None => break,
        }
    }
    core
}

fn this_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let kinds = KINDS.join("|");
        Regex::new(&format!("该({kinds})")).unwrap()
    })
}

/// The department that reported on or proposed a document, from the words before its title: 听取了X关于《…, X提出的《….
///
/// `before` is the simplified view and `written` the same bytes as written.
fn proposer(before: &str, written: &str, res: &Resources) -> Option<OrgRef> {
    let as_written = |x: &str| {
        let a = x.as_ptr() as usize - before.as_ptr() as usize;
        written[a..a + x.len()].to_owned()
    };
    let is_org = |x: &str| {
        res.gazetteer.lookup(x).is_some()
            || super::attendance::org_shaped(&x.chars().collect::<Vec<_>>())
    };
    let clause = before.rsplit(['。', '；']).next().unwrap_or(before);
    if let Some(k) = clause.rfind("听取") {
        let rest = clause[k + "听取".len()..].trim_start_matches('了');
        if let Some(z) = rest.find("关于") {
            let x = &rest[..z];
            if is_org(x) {
                return Some(org_ref(x, as_written(x), res));
            }
        }
    }
    for verb in ["提出的", "起草的", "报送的", "提交的", "制定的", "拟定的"] {
        if let Some(head) = clause.strip_suffix(verb) {
            let start = [
                "同意",
                "通过",
                "审议了",
                "审议",
                "听取了",
                "听取",
                "，",
                "、",
            ]
            .iter()
            .filter_map(|w| head.rfind(w).map(|k| k + w.len()))
            .max()
            .unwrap_or(0);
            let x = &head[start..];
            if is_org(x) {
                return Some(org_ref(x, as_written(x), res));
            }
        }
    }
    None
}

/// Returns the type a title names by its ending (brackets such as （草案） ignored), and its status (草案, 试行).
pub(crate) fn kind_and_status(title: &str) -> (Option<String>, Option<String>) {
    let mut core = title.trim_end();
    let mut status = None;
    while let Some(stripped) = core.strip_suffix('）').or_else(|| core.strip_suffix(')')) {
        let Some(open) = stripped.rfind(['（', '(']) else {
            break;
        };
        let inner = &stripped[open + stripped[open..].chars().next().map_or(1, char::len_utf8)..];
        if inner.contains("草案") || inner.contains("征求意见稿") {
            status = Some("草案".to_owned());
        } else if inner.contains("试行") {
            status = Some("试行".to_owned());
        }
        core = &stripped[..open];
    }
    let kind = KINDS
        .iter()
        .find(|k| core.ends_with(*k))
        .map(|k| (*k).to_owned());
    (kind, status)
}

/// Finds the titles in 《》 of a text: byte range of the whole 《…》 and of the title inside, nesting kept.
pub(crate) fn bracketed(s: &str) -> Vec<((usize, usize), (usize, usize))> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (at, c) in s.char_indices() {
        match c {
            '《' => stack.push(at),
            '》' => {
                if let Some(open) = stack.pop() {
                    if stack.is_empty() {
                        out.push(((open, at + '》'.len_utf8()), (open + '《'.len_utf8(), at)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Marks that open and close a quotation: “…” and, in traditional pages, 「…」.
const QUOTES: &[(char, char)] = &[('“', '”'), ('「', '」')];

/// True for a character that ends the words of a title written without 《》: punctuation, a space, a quote or 《.
fn ends_words(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '；'
                | '、'
                | '：'
                | '！'
                | '？'
                | ','
                | ';'
                | ':'
                | '.'
                | '“'
                | '”'
                | '「'
                | '」'
                | '《'
                | '》'
                | '）'
                | ')'
        )
}

/// The byte length of the title ending at the start of `rest`'s words: the longest run of
/// `rest`'s leading words (at most 14 characters, with a bracketed note such as （试行））
/// that ends in a kind of document and is followed by the end of the words or by 的, 和, 及,
/// 与, 并.
fn kind_tail(rest: &str) -> Option<usize> {
    let mut end = 0;
    for (n, (at, c)) in rest.char_indices().enumerate() {
        if n == 14 || ends_words(c) || c == '（' || c == '(' {
            break;
        }
        end = at + c.len_utf8();
    }
    let words = &rest[..end];
    let mut cut = end;
    loop {
        let head = &words[..cut];
        let boundary = cut == end
            || ["的", "和", "及", "与", "并"]
                .iter()
                .any(|w| words[cut..].starts_with(w));
        if boundary && KINDS.iter().any(|k| head.ends_with(k)) {
            // A bracketed note right after the kind belongs to the title.
            if cut == end && (rest[end..].starts_with('（') || rest[end..].starts_with('(')) {
                if let Some(k) = rest[end..].find(['）', ')']) {
                    let note = &rest[end..end + k];
                    if note.chars().count() <= 10 && !note.contains(['，', '。', '；']) {
                        return Some(
                            end + k + rest[end + k..].chars().next().map_or(1, char::len_utf8),
                        );
                    }
                }
            }
            return Some(cut);
        }
        match head.char_indices().next_back() {
            Some((at, _)) if at > 0 => cut = at,
            _ => return None,
        }
    }
}

/// Finds the titles written in quotation marks instead of 《》, outside any 《》: a quoted name
/// followed by a kind of document (“双12苏州购物节”活动方案, “十四五”规划; the title is the
/// whole phrase with its quotes, led by a place name written just before it), or a whole title
/// in quotes (“关于加快数字经济发展的实施意见”: the title is what the quotes hold). A quoted
/// phrase without a kind of document — a slogan such as “放管服” or “一网通办”, an event such as
/// 举办“苏州消费促进月” — is not a title, nor is a short name defined by 简称.
///
/// Returns, like [`bracketed`], the byte range of each mention and of its title.
pub(crate) fn quoted(s: &str) -> Vec<((usize, usize), (usize, usize))> {
    let outside: Vec<(usize, usize)> = bracketed(s).into_iter().map(|(o, _)| o).collect();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((open, (qo, qc))) = QUOTES
        .iter()
        .filter_map(|&(o, c)| s[from..].find(o).map(|k| (from + k, (o, c))))
        .min_by_key(|&(k, _)| k)
    {
        let inner_start = open + qo.len_utf8();
        let Some(len) = s[inner_start..].find(qc) else {
            break;
        };
        let close = inner_start + len;
        let after = close + qc.len_utf8();
        from = after;
        let inner = &s[inner_start..close];
        if outside.iter().any(|&(a, z)| a <= open && open < z)
            || inner.is_empty()
            || inner.chars().count() > 30
            || inner.contains(['，', '。', '；', '：', '“', '《'])
            || s[..open].ends_with("简称")
        {
            continue;
        }
        if let Some(tail) = kind_tail(&s[after..]) {
            let start = place_before(&s[..open]).map_or(open, |p| open - p.len());
            out.push(((start, after + tail), (start, after + tail)));
            from = after + tail;
        } else if inner.chars().count() >= 6
            && kind_and_status(inner).0.is_some()
            && s[after..]
                .chars()
                .next()
                .is_none_or(|c| ends_words(c) || ['的', '和', '及', '与', '并'].contains(&c))
        {
            out.push(((open, after), (inner_start, close)));
        }
    }
    out
}

/// A place name written just before a quoted title (苏州市“十四五”规划): two to six
/// characters ending in 省, 市, 区 or 县, right after a verb of review or a boundary.
fn place_before(before: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = before.char_indices().rev().take(6).collect();
    for &(at, _) in chars.iter().skip(1) {
        let p = &before[at..];
        let head = &before[..at];
        let led = head.is_empty()
            || head.chars().next_back().is_some_and(ends_words)
            || [
                "审议了",
                "审议",
                "审定",
                "通过了",
                "同意",
                "研究了",
                "学习了",
                "听取了",
            ]
            .iter()
            .any(|v| head.ends_with(v));
        if led
            && p.ends_with(['省', '市', '区', '县'])
            && !p.starts_with('全')
            && !p.chars().any(ends_words)
        {
            return Some(p);
        }
    }
    None
}

#[derive(Clone, Copy)]
struct Place<'a> {
    item: Option<u32>,
    /// True for an item heading.
    heading: bool,
    text: &'a Text,
}

/// Reads the policy documents of the minutes, in order of first mention.
pub(crate) fn read(doc: &Document, res: &Resources) -> Vec<PolicyDocument> {
    let mut places: Vec<Place<'_>> = Vec::new();
    if let Some(o) = &doc.opening {
        places.push(Place {
            item: None,
            heading: false,
            text: o,
        });
    }
    // A report's paragraphs before its first item (会前学习了《…》).
    if doc.form == crate::parse::Form::Report {
        for n in &doc.notes {
            places.push(Place {
                item: None,
                heading: false,
                text: n,
            });
        }
    }
    for item in &doc.items {
        for (point, t) in texts(item) {
            places.push(Place {
                item: Some(item.ordinal),
                heading: point == 0 && std::ptr::eq(t, &item.heading),
                text: t,
            });
        }
    }
    let mut docs: Vec<PolicyDocument> = Vec::new();
    let mut reviewed: Vec<bool> = Vec::new();
    // Per document: mentioned where it was studied (会前学习《…》), and mentioned otherwise.
    let mut studied: Vec<bool> = Vec::new();
    let mut examined: Vec<bool> = Vec::new();
    // Documents by latest mention, for short names (该方案).
    let mut order: Vec<usize> = Vec::new();
    let mut aliases: Vec<(String, usize)> = Vec::new();
    // Each mention: place index, byte range of the mention, document index.
    let mut mentions: Vec<(usize, (usize, usize), usize)> = Vec::new();
    for (pi, place) in places.iter().enumerate() {
        let s = place.text.as_str();
        let w = place.text.written();
        // Each title found: its range, the title as written, whether it was in 《》.
        let mut found: Vec<((usize, usize), String, bool)> = bracketed(s)
            .into_iter()
            .map(|(outer, (a, z))| (outer, w[a..z].to_owned(), true))
            .collect();
        let in_brackets = found.len();
        if place.heading && !s.contains('《') {
            // A plan reviewed without 《》: 审议“双12苏州购物节”活动方案.
            if let Some(verb) = actions(s).first().filter(|v| *v == "审议" || *v == "审定") {
                let object = s[verb.len()..].trim();
                if kind_and_status(object).0.is_some() {
                    let a = s.len() - object.len();
                    found.push(((a, s.len()), w[a..].to_owned(), false));
                }
            }
        }
        if found.len() == in_brackets {
            // Plans named in quotation marks in running text: 会议审议了“苏州消费促进月”活动方案。
            found.extend(
                quoted(s)
                    .into_iter()
                    .map(|(outer, (a, z))| (outer, w[a..z].to_owned(), false)),
            );
        }
        if !place.heading {
            // Later mentions of a title written without 《》 or quotes (a heading's plan).
            for (di, d) in docs.iter().enumerate() {
                if !d.bracketed {
                    let view = crate::load::simplify::to_simplified(&d.title);
                    for (a, _) in s.match_indices(view.as_str()) {
                        let z = a + view.len();
                        if !found.iter().any(|&((fa, fz), _, _)| fa < z && a < fz) {
                            mentions.push((pi, (a, z), di));
                        }
                    }
                }
            }
        }
        for ((a, z), title, is_bracketed) in found {
            // Titles are one document whatever the width of their brackets and quotes.
            // Titles are kept as written; they are compared by their simplified view.
            let view = crate::load::simplify::to_simplified(&title);
            let key = folded(&view);
            let same = |t: &str| folded(&crate::load::simplify::to_simplified(t)) == key;
            let short_ref = (s[..a].ends_with('该') || KINDS.contains(&view.as_str()))
                .then(|| referent(&docs, &order, &view))
                .flatten();
            let di = if let Some(&(_, di)) = aliases.iter().find(|(al, _)| same(al)) {
                di
            } else if let Some(di) = docs.iter().position(|d| same(&d.title)) {
                di
            } else if let Some(di) = short_ref {
                // 会议原则同意该《办法》: a short name of a document already named.
                docs[di].aliases.push(title.clone());
                aliases.push((title.clone(), di));
                di
            } else {
                let (kind, status) = kind_and_status(&crate::load::simplify::to_simplified(&title));
                docs.push(PolicyDocument {
                    title: title.clone(),
                    item: place.item,
                    bracketed: is_bracketed,
                    aliases: Vec::new(),
                    kind,
                    status,
                    decision: None,
                    lead: None,
                    co_leads: Vec::new(),
                    next_step: None,
                    cited: false,
                    studied: false,
                    evidence: written_sentence(s, w, a, z),
                    span: place.text.span_of(a, z),
                });
                reviewed.push(false);
                studied.push(false);
                examined.push(false);
                docs.len() - 1
            };
            if docs[di].item.is_none() && place.item.is_some() {
                docs[di].item = place.item;
                docs[di].span = place.text.span_of(a, z);
                docs[di].evidence = written_sentence(s, w, a, z);
            }
            if place.heading {
                reviewed[di] = true;
            }
            let clause = s[..a].rsplit(['，', '。', '；', '、']).next().unwrap_or("");
            if clause.contains("学习") && !clause.contains("审议") {
                studied[di] = true;
            } else {
                examined[di] = true;
            }
            order.retain(|&d| d != di);
            order.push(di);
            if let Some(c) = alias_re().captures(&s[z..]) {
                let m = c.get(1).expect("the alias pattern has one group");
                let alias = w[z + m.start()..z + m.end()].to_owned();
                if !docs[di].aliases.contains(&alias) {
                    docs[di].aliases.push(alias.clone());
                    aliases.push((alias, di));
                }
            }
            mentions.push((pi, (a, z), di));
        }
        // 会议原则同意该方案: the latest document of that kind.
        for c in this_re().captures_iter(s) {
            let k = c.get(1).unwrap();
            if s[k.end()..].starts_with('》') {
                continue;
            }
            if let Some(di) = referent(&docs, &order, k.as_str()) {
                mentions.push((pi, (k.start(), k.end()), di));
            }
        }
    }
    mentions.sort_by_key(|&(pi, (a, _), _)| (pi, a));
    decide(&places, &mentions, &mut docs, res);
    for (((d, r), st), ex) in docs.iter_mut().zip(reviewed).zip(studied).zip(examined) {
        d.studied = st && !ex && d.decision.is_none();
        d.cited = !r && !d.studied && d.decision.is_none();
    }
    // Agenda order: by item, then by place of first mention; documents named only in the opening paragraph last.
    docs.sort_by_key(|d| (d.item.is_none(), d.item, d.span.line, d.span.col));
    docs
}

/// Reads, for each document, the decision taken on it, its lead department and its next step.
fn decide(
    places: &[Place<'_>],
    mentions: &[(usize, (usize, usize), usize)],
    docs: &mut [PolicyDocument],
    res: &Resources,
) {
    // Who reported on or proposed each document, from any of its mentions (会议听取了X关于《…》的汇报。).
    let mut proposers: Vec<Option<OrgRef>> = vec![None; docs.len()];
    for &(pi, (a, _), di) in mentions {
        if proposers[di].is_none() {
            let s = places[pi].text.as_str();
            let w = places[pi].text.written();
            let sent_start = s[..a].rfind('。').map_or(0, |k| k + '。'.len_utf8());
            proposers[di] = proposer(&s[sent_start..a], &w[sent_start..a], res);
        }
    }
    for &(pi, (a, z), di) in mentions {
        if docs[di].decision.is_some() {
            continue;
        }
        let place = places[pi];
        let s = place.text.as_str();
        // The sentence of the mention must carry a decision.
        let sent_start = s[..a].rfind('。').map_or(0, |k| k + '。'.len_utf8());
        let sent_end = s[z..]
            .find('。')
            .map_or(s.len(), |k| z + k + '。'.len_utf8());
        let (decision, sent_end) = match decision_re().find(&s[sent_start..sent_end]) {
            Some(m) => (m.as_str(), sent_end),
            None => {
                // 会议审议了《…》。会议原则通过。: a bare decision on the document just named.
                let next_end = s[sent_end..]
                    .find('。')
                    .map_or(s.len(), |k| sent_end + k + '。'.len_utf8());
                let next = &s[sent_end..next_end];
                let named_between = mentions
                    .iter()
                    .any(|&(p, (b, _), d)| p == pi && d != di && b >= z && b < next_end);
                match bare_decision_re().captures(next) {
                    Some(c) if !named_between && !next.contains('《') => (
                        c.get(1)
                            .expect("the bare decision pattern has one group")
                            .as_str(),
                        next_end,
                    ),
                    _ => continue,
                }
            }
        };
        // The follow-up runs to the end of that sentence and on through sentences without a new decision.
        let mut window_end = sent_end;
        while window_end < s.len() {
            let next_end = s[window_end..]
                .find('。')
                .map_or(s.len(), |k| window_end + k + '。'.len_utf8());
            if decision_re().is_match(&s[window_end..next_end]) {
                break;
            }
            window_end = next_end;
        }
        let d = &mut docs[di];
        d.decision = Some(decision.to_owned());
        d.evidence = place.text.written()[sent_start..window_end]
            .trim()
            .to_owned();
        if let Some(l) = leads(&s[z..window_end], &place.text.written()[z..window_end], res)
            .into_iter()
            .next()
        {
            d.lead = Some(l.lead);
            d.co_leads = l.co.into_iter().map(|(_, o)| o).collect();
        } else if let Some(p) = proposers[di].clone() {
            d.lead = Some(p);
        }
        d.next_step = next_step_re()
            .find(&s[z..window_end])
            .map(|m| place.text.written_string(z + m.start(), z + m.end()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_titles_are_kept_whole() {
        let s = "审议《苏州市引进顶尖人才（团队）“一人一策”实施办法（试行）》和《关于〈条例〉的《说明》》";
        let titles: Vec<&str> = bracketed(s)
            .into_iter()
            .map(|(_, (a, z))| &s[a..z])
            .collect();
        assert_eq!(
            titles,
            vec![
                "苏州市引进顶尖人才（团队）“一人一策”实施办法（试行）",
                "关于〈条例〉的《说明》"
            ]
        );
    }

    #[test]
    fn kinds_and_status() {
        let cases = [
            (
                "苏州市献血条例修正案（草案）",
                (Some("条例修正案"), Some("草案")),
            ),
            (
                "苏州市引进顶尖人才（团队）“一人一策”实施办法（试行）",
                (Some("实施办法"), Some("试行")),
            ),
            ("苏州市氢能及燃料电池产业发展规划", (Some("发展规划"), None)),
            ("“双12苏州购物节”活动方案", (Some("活动方案"), None)),
            ("某某", (None, None)),
        ];
        for (title, (kind, status)) in cases {
            let (k, s) = kind_and_status(title);
            assert_eq!((k.as_deref(), s.as_deref()), (kind, status), "{title}");
        }
    }

    #[test]
    fn titles_in_quotation_marks() {
        let cases: &[(&str, &[&str])] = &[
            (
                "会议审议了“双12苏州购物节”活动方案。",
                &["“双12苏州购物节”活动方案"],
            ),
            (
                "会议审议并原则通过了苏州市“十四五”综合交通发展规划和“放管服”改革要点。",
                &["苏州市“十四五”综合交通发展规划"],
            ),
            (
                "会议审议了“关于加快数字经济发展的实施意见”，要求抓紧印发。",
                &["关于加快数字经济发展的实施意见"],
            ),
            (
                "会议审议了“健康苏州2030”规划纲要（征求意见稿），原则同意。",
                &["“健康苏州2030”规划纲要（征求意见稿）"],
            ),
            // Slogans, events, short names and quotes inside 《》 are not titles.
            (
                "会议强调，要深化“放管服”改革，推进“一网通办”，举办“苏州消费促进月”。",
                &[],
            ),
            (
                "会议审议了《关于“一人一策”的实施办法》（以下简称“办法”）。",
                &[],
            ),
            ("全市“十四五”规划编制情况汇报", &[]),
            ("“”“方案", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = quoted(text)
                .into_iter()
                .map(|(_, (a, z))| &text[a..z])
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn unbalanced_brackets_do_not_panic() {
        for s in ["》《", "《《》", "《", "》", "（）", "简称《"] {
            let _ = bracketed(s);
            let _ = kind_and_status(s);
        }
    }
}
