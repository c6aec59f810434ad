//! Attendance lists to records: where one record ends and the next begins, and where a department ends and a name begins.
//!
//! Page layout breaks attendance lines anywhere: inside a department
//! (团\n市委万利), between department and name (市文广旅局\n\n李杰), between two
//! records with no space (曹后灵\n聂飙) and inside a name. Spaces inside a line
//! do separate records, line breaks may or may not. So a section is read as one
//! stream of characters, each remembering the kind of gap before it (none, a
//! space, a line break), and segmented by dynamic programming: a record is an
//! optional department (a gazetteer form, or failing that a name shaped like
//! one, with a warning) followed by a 2–4 character personal name, and every
//! choice has a cost — a record ending where there is no gap, a break inside a
//! name, a name without a known surname, an unknown department. The cheapest
//! segmentation wins. Lists of organisations that sent an unnamed
//! representative (市公安局、市水务局…的代表) are found first and become
//! `representative` records.

use super::{is_han, org_ref, Attendance, OrgRef, Role};
use crate::diag::{Code, Pos, Sink, Span};
use crate::parse::Text;
use crate::resolve::{OrgKind, Resources};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Break,
}

#[derive(Clone, Debug)]
struct C {
    /// The character of the simplified view, which matching uses.
    c: char,
    /// The character as written, which records keep.
    w: char,
    pos: Pos,
    /// The gap between the previous character and this one.
    gap: Gap,
    /// A parenthetical written right after this character.
    note: Option<String>,
}

// Costs, in tenths. They encode how page layout damages lists; see the module docs.
const END_WITHOUT_GAP: i32 = 60;
const BREAK_IN_ORG: i32 = 3;
const SPACE_IN_ORG: i32 = 90;
const SPACE_ORG_NAME: i32 = 20;
const UNKNOWN_ORG: i32 = 40;
const FOUR_CHAR_NAME: i32 = 25;
const BREAK_IN_NAME: i32 = 30;
const COMPOUND_ALONE: i32 = 40;
const SPACE_IN_NAME: i32 = 80;
const UNKNOWN_SURNAME: i32 = 50;
const JUNK: i32 = 100;
const LATE_BARE_NAME: i32 = 25;
const HIDDEN_RECORD: i32 = 45;
const BREAK_IN_UNKNOWN_ORG: i32 = 10;
const ORG_ENDING_NAME: i32 = 60;
const MAX_ORG: usize = 24;

/// Characters an organisation's name ends with (局, 委, 办, 区, 公司's 司 …).
fn is_org_ending(c: char) -> bool {
    matches!(
        c,
        '局' | '委'
            | '办'
            | '院'
            | '部'
            | '会'
            | '厅'
            | '室'
            | '处'
            | '所'
            | '站'
            | '队'
            | '团'
            | '台'
            | '司'
            | '行'
            | '社'
            | '联'
            | '区'
            | '县'
            | '市'
            | '镇'
            | '关'
            | '班'
            | '组'
            | '心'
            | '署'
            | '校'
            | '馆'
            | '支'
    )
}

/// Characters that end a department's name and almost never a personal name.
#[inline]
fn is_department_ending(c: char) -> bool {
    matches!(
        c,
        '局' | '委' | '办' | '院' | '厅' | '室' | '处' | '署' | '馆'
    )
}

/// Characters an organisation's name may hold besides ideographs.
fn is_org_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’')
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '。' | '：' | ':')
}

/// Turns a section body into characters with gaps and notes.
fn chars_of(body: &Text) -> Vec<C> {
    let all: Vec<(char, char, Pos)> = body.chars_written_with_pos().collect();
    let mut out: Vec<C> = Vec::new();
    let mut gap = Gap::None;
    let mut k = 0;
    while k < all.len() {
        let (c, w, pos) = all[k];
        k += 1;
        if c == '（' || c == '(' {
            // A short parenthetical on one line is a note on the record before it.
            let close = all[k..]
                .iter()
                .take(20)
                .position(|&(d, _, _)| d == '）' || d == ')' || d == '\n');
            if let Some(len) = close.filter(|&len| all[k + len].0 != '\n') {
                let note: String = all[k..k + len].iter().map(|&(_, d, _)| d).collect();
                if let Some(last) = out.last_mut() {
                    last.note = Some(note);
                }
                k += len + 1;
                continue;
            }
        }
        if c == '\n' {
            gap = Gap::Break;
        } else if is_blank(c) {
            gap = gap.max(Gap::Space);
        } else {
            out.push(C {
                c,
                w,
                pos,
                gap,
                note: None,
            });
            gap = Gap::None;
        }
    }
    out
}

/// Reads the records of one attendance section.
pub(crate) fn read_section(
    body: &Text,
    role: Role,
    res: &Resources,
    sink: &mut Sink,
) -> Vec<Attendance> {
    let cs = chars_of(body);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((list_start, elems, after)) = find_representatives(&cs, from, res) {
        segment(&cs[from..list_start], role, res, sink, &mut out);
        for (a, b) in elems {
            let view: String = cs[a..b].iter().map(|c| c.c).collect();
            let written: String = cs[a..b].iter().map(|c| c.w).collect();
            let org = org_ref(&view, written, res);
            let span = Span::covering(cs[a].pos, cs[b - 1].pos);
            if org.canonical.is_none() {
                sink.warn(
                    Code::UnknownOrg,
                    format!("{} is not in the gazetteer; kept as written", org.written),
                    span,
                );
            }
            out.push(Attendance {
                role: Role::Representative,
                org: Some(org),
                person: None,
                title: None,
                note: None,
                span,
            });
        }
        from = after;
    }
    segment(&cs[from..], role, res, sink, &mut out);
    out
}

/// A list of organisations that sent representatives: where it starts, each element's range, and the index after 代表.
type RepresentativeList = (usize, Vec<(usize, usize)>, usize);

/// Finds the next list of organisations ending in …的代表.
fn find_representatives(cs: &[C], from: usize, res: &Resources) -> Option<RepresentativeList> {
    let r =
        (from + 1..cs.len().saturating_sub(1)).find(|&k| cs[k].c == '代' && cs[k + 1].c == '表')?;
    let after = r + 2;
    let mut e = r;
    if e > from && cs[e - 1].c == '的' {
        e -= 1;
    }
    if e >= from + 3 {
        let tail: String = cs[e - 3..e].iter().map(|c| c.c).collect();
        if tail == "等单位" || tail == "等部门" {
            e -= 3;
        }
    }
    let mut elems = Vec::new();
    let mut end = e;
    let mut k = e;
    loop {
        if k == from {
            if k < end {
                elems.push((k, end));
            }
            break;
        }
        if is_separator(cs[k - 1].c) {
            if k < end {
                elems.push((k, end));
            }
            end = k - 1;
            k -= 1;
            continue;
        }
        if k < end && cs[k].gap == Gap::Space {
            elems.push((k, end));
            break;
        }
        // At a line break the list starts on this line (…董刚军\n钟楼区、…) unless
        // the break splits a gazetteer form or the line before is list too.
        if k < end
            && cs[k].gap == Gap::Break
            && (is_org_start(&cs[k..end], res) || org_shaped(&chars_in(&cs[k..end])))
            && !joins_known(cs, from, k, end, res)
            && !list_goes_on(cs, from, k, res)
        {
            elems.push((k, end));
            break;
        }
        k -= 1;
    }
    if elems.is_empty() {
        return None;
    }
    elems.reverse();
    Some((elems[0].0, elems, after))
}

/// True when the line before the break at `k` is itself part of the list, so that the element broken there starts on it (常\n州银监分局).
///
/// The line is part of the list when it holds a separator and the last whole
/// element before the break (after any space) reads as an organisation: a
/// line of names separated by 、 (李亚平、王翔) is not. The element may itself
/// be broken across lines.
fn list_goes_on(cs: &[C], from: usize, k: usize, res: &Resources) -> bool {
    let mut b = k;
    while b > from && cs[b - 1].gap != Gap::Break && !is_separator(cs[b - 1].c) {
        b -= 1;
    }
    if b == from || !is_separator(cs[b - 1].c) {
        return false;
    }
    // The whole element before that separator, back to a space, a line start or another separator.
    let end = b - 1;
    let mut a = end;
    while a > from && !is_separator(cs[a - 1].c) && cs[a].gap != Gap::Space {
        a -= 1;
    }
    a < end && (is_org_start(&cs[a..end], res) || org_shaped(&chars_in(&cs[a..end])))
}

/// True when the line break at `k` splits a gazetteer form that starts earlier on the previous line (苏州\n轨道交通集团).
fn joins_known(cs: &[C], from: usize, k: usize, end: usize, res: &Resources) -> bool {
    let mut b = k;
    while b > from
        && !is_separator(cs[b - 1].c)
        && cs[b].gap != Gap::Space
        && (b == k || cs[b].gap == Gap::None)
    {
        b -= 1;
        let chars: Vec<char> = cs[b..end].iter().map(|c| c.c).collect();
        if res
            .gazetteer
            .lookup(&chars.iter().collect::<String>())
            .is_some()
        {
            return true;
        }
    }
    false
}

/// The characters of a run, without their gaps.
fn chars_in(cs: &[C]) -> Vec<char> {
    cs.iter().map(|c| c.c).collect()
}

/// True when the characters are a gazetteer form, or begin like the name of a local organisation.
fn is_org_start(cs: &[C], res: &Resources) -> bool {
    let chars: Vec<char> = cs.iter().map(|c| c.c).collect();
    if res
        .gazetteer
        .longest_at(&chars, 0)
        .is_some_and(|(len, _)| len == chars.len())
    {
        return true;
    }
    // Not in the gazetteer: a department the rules name (区政协), or long enough to be a name of its own, not the tail of a broken one (绿\n化局).
    is_rule_form(&chars, res) || (chars.len() >= 4 && org_shaped(&chars))
}

/// True when the characters could be an organisation's name: 2–24 ideographs (quotes and digits allowed) ending like one.
pub(crate) fn org_shaped(chars: &[char]) -> bool {
    chars.len() >= 2
        && chars.len() <= MAX_ORG
        && chars.last().is_some_and(|&c| is_org_ending(c))
        && chars.iter().all(|&c| is_org_char(c))
}

/// True when the characters are a department that the rules name: 市, 区 or 县 and a short form or full name of `data/abbreviations.csv` (区国土局, 县政协, 县人大常委会), or a party organ the gazetteer knows at city level (区委组织部 as 市委组织部).
pub(crate) fn is_rule_form(chars: &[char], res: &Resources) -> bool {
    if chars.len() < 3 || !matches!(chars[0], '市' | '区' | '县') {
        return false;
    }
    let rest: String = chars[1..].iter().collect();
    res.names.rule(&rest).is_some()
        || res
            .gazetteer
            .lookup(&format!("市{rest}"))
            .is_some_and(|id| res.gazetteer.org(id).kind == crate::resolve::OrgKind::PartyOrgan)
}

/// True when `s` is the name of a county-level division of China: a district, county or
/// county-level city of `data/places.csv` (路南区, 魏县, 迁安市).
pub(crate) fn is_division_name(s: &str, res: &Resources) -> bool {
    use crate::resolve::names::Level;
    res.places
        .named(s)
        .any(|r| matches!(r.level, Level::District | Level::County | Level::CountyCity))
}

#[derive(Clone, Copy)]
enum Dept {
    None,
    Known(crate::resolve::OrgId),
    Shaped,
}

#[derive(Clone, Copy)]
enum Step {
    Start,
    Junk(usize),
    Record { i: usize, k: usize, dept: Dept },
}

/// Counts of line breaks and spaces before each position, so that the gaps inside any range cost O(1).
struct Gaps {
    breaks: Vec<i32>,
    spaces: Vec<i32>,
}

impl Gaps {
    fn new(cs: &[C]) -> Self {
        let (mut breaks, mut spaces) = (vec![0; cs.len() + 1], vec![0; cs.len() + 1]);
        for (k, c) in cs.iter().enumerate() {
            breaks[k + 1] = breaks[k] + i32::from(c.gap == Gap::Break);
            spaces[k + 1] = spaces[k] + i32::from(c.gap == Gap::Space);
        }
        Gaps { breaks, spaces }
    }

    /// The cost of the gaps strictly inside `from..to` (between its characters).
    fn cost(&self, from: usize, to: usize, on_break: i32, on_space: i32) -> i32 {
        if to <= from + 1 {
            return 0;
        }
        (self.breaks[to] - self.breaks[from + 1]) * on_break
            + (self.spaces[to] - self.spaces[from + 1]) * on_space
    }
}

/// Segments a run of characters (no representative list inside) into person records.
///
/// Four named steps: [`with_separators_as_gaps`] prepares the characters,
/// [`Lattice::options_at`] lists the departments that may start at a position,
/// [`Lattice::relax`] prices every reading of a record from there (the cost of
/// a reading), [`backtrack`] walks back the cheapest path, and [`emit`] turns its
/// steps into records and diagnostics.
fn segment(cs: &[C], role: Role, res: &Resources, sink: &mut Sink, out: &mut Vec<Attendance>) {
    let seg = with_separators_as_gaps(cs);
    if seg.is_empty() {
        return;
    }
    let lattice = Lattice::new(&seg, res);
    let n = seg.len();
    // States: 0 before the first record with a department, 1 after it. Lists
    // give bare names first (members, then attending officials without a
    // department) and department records after; a bare name among department
    // records is more likely a department broken by a line end (武警\n常州支队).
    let mut best = vec![[i32::MAX; 2]; n + 1];
    let mut back = vec![[(Step::Start, 0usize); 2]; n + 1];
    best[0][0] = 0;
    let mut options: Vec<(usize, Dept, i32)> = Vec::new();
    for i in 0..n {
        if best[i] == [i32::MAX; 2] {
            continue;
        }
        lattice.options_at(i, &mut options);
        lattice.relax(i, &options, &mut best, &mut back);
    }
    let steps = backtrack(&best, &back, n);
    emit(&lattice, &steps, role, sink, out);
}

/// Separators become spaces (some minutes write 李亚平、王翔); a note on a separator moves to the character before.
fn with_separators_as_gaps(cs: &[C]) -> Vec<C> {
    let mut seg: Vec<C> = Vec::with_capacity(cs.len());
    let mut pending = Gap::None;
    for c in cs {
        if is_separator(c.c) {
            pending = pending.max(c.gap).max(Gap::Space);
            if let (Some(note), Some(last)) = (&c.note, seg.last_mut()) {
                last.note.get_or_insert_with(|| note.clone());
            }
            continue;
        }
        let mut c = c.clone();
        c.gap = c.gap.max(pending);
        pending = Gap::None;
        seg.push(c);
    }
    seg
}

/// The characters of a run with what every step of the dynamic program asks of them.
struct Lattice<'a> {
    seg: &'a [C],
    chars: Vec<char>,
    gaps: Gaps,
    /// Per position: a single-character surname starts there.
    single: Vec<bool>,
    /// Per position: a compound surname starts there and leaves room for a name of 3+.
    compound: Vec<bool>,
    res: &'a Resources,
}

impl<'a> Lattice<'a> {
    fn new(seg: &'a [C], res: &'a Resources) -> Self {
        let n = seg.len();
        let chars: Vec<char> = seg.iter().map(|c| c.c).collect();
        let single = (0..n)
            .map(|p| res.surnames.surname_len(&chars[p..(p + 1).min(n)]) == Some(1))
            .collect();
        let compound = (0..n)
            .map(|p| p + 3 <= n && res.surnames.surname_len(&chars[p..p + 3]) == Some(2))
            .collect();
        Lattice {
            seg,
            gaps: Gaps::new(seg),
            chars,
            single,
            compound,
            res,
        }
    }

    /// The departments a record starting at `i` may have: where its name would start, the kind, and the cost so far.
    #[inline]
    fn options_at(&self, i: usize, options: &mut Vec<(usize, Dept, i32)>) {
        let (seg, chars, gaps, n) = (self.seg, &self.chars, &self.gaps, self.seg.len());
        options.clear();
        options.push((i, Dept::None, 0));
        self.res.gazetteer.matches_at(chars, i, |len, org| {
            let k = i + len;
            let mut cost = gaps.cost(i, k, BREAK_IN_ORG, SPACE_IN_ORG);
            if k < n && seg[k].gap == Gap::Space {
                cost += SPACE_ORG_NAME;
            }
            options.push((k, Dept::Known(org), cost));
        });
        let known = options.len();
        // A branch of a national body naming any place (人行湖州中支, 武警镇江支队) is as
        // good as a known department: the gazetteer knows its own city's.
        let branch = crate::resolve::branches::written_len(chars, i, &self.res.places)
            .filter(|&len| self.gaps.cost(i, i + len, 1, 1) == 0)
            .map(|len| i + len);
        if let Some(k) = branch.filter(|&k| !options[1..].iter().any(|o| o.0 == k)) {
            let mut cost = 0;
            if k < n && seg[k].gap == Gap::Space {
                cost += SPACE_ORG_NAME;
            }
            options.push((k, Dept::Shaped, cost));
        }
        // Unknown departments: runs of organisation characters ending like one, up to the
        // first space. One that hides a shorter one followed by a surname (天宁区崔瑾钟楼区)
        // is likely two records run together: each such place costs.
        let mut hidden = 0;
        for len in 1..=MAX_ORG.min(n - i) {
            let k = i + len;
            let c = chars[k - 1];
            if !is_org_char(c) || (len > 1 && seg[k - 1].gap == Gap::Space) {
                break;
            }
            // 县政协 ends as no department does, but the rules name it.
            if len < 2 || !(is_org_ending(c) || (len <= 8 && self.is_rule_form(i, k))) {
                continue;
            }
            if !options[1..known].iter().any(|o| o.0 == k) && branch != Some(k) {
                // A county-level division (路南区, 乐亭县, 迁安市) is as good as a known
                // department: its government is named by the rules of `resolve::names`.
                // So is a department the rules of short forms name (区国土局, 县政协), even
                // across a line break, as a gazetteer form is (区国\n土局王某).
                let rule = self.is_rule_form(i, k);
                let unknown = if rule || self.is_division(i, k) {
                    0
                } else {
                    UNKNOWN_ORG
                };
                let broken = if rule {
                    BREAK_IN_ORG
                } else {
                    BREAK_IN_UNKNOWN_ORG
                };
                let mut cost =
                    unknown + gaps.cost(i, k, broken, SPACE_IN_ORG) + hidden * HIDDEN_RECORD;
                if k < n && seg[k].gap == Gap::Space {
                    cost += SPACE_ORG_NAME;
                }
                options.push((k, Dept::Shaped, cost));
            }
            // Only where nothing separates them: at a line break (人行\n常州中支) the
            // other reading already costs nothing for the record end.
            if k < n && seg[k].gap == Gap::None && (self.single[k] || self.compound[k]) {
                hidden += 1;
            }
        }
    }

    /// True when `i..k` is a department that the rules name ([`is_rule_form`]).
    fn is_rule_form(&self, i: usize, k: usize) -> bool {
        is_rule_form(&self.chars[i..k], self.res)
    }

    /// True when `i..k` is the name of a county-level division of China (a district, county or
    /// county-level city of `data/places.csv`), written on one line.
    fn is_division(&self, i: usize, k: usize) -> bool {
        k - i <= 8
            && matches!(self.chars[k - 1], '区' | '县' | '市')
            && self.gaps.cost(i, k, 1, 1) == 0
            && is_division_name(&self.chars[i..k].iter().collect::<String>(), self.res)
    }

    /// The cost of reading `k..k + len` as a personal name after a department ending at `k`.
    #[inline]
    fn name_cost(&self, k: usize, len: usize, surname: usize) -> i32 {
        let (seg, n, j) = (self.seg, self.seg.len(), k + len);
        let mut c = self.gaps.cost(k, j, BREAK_IN_NAME, SPACE_IN_NAME);
        if len == 4 && surname == 1 {
            c += FOUR_CHAR_NAME;
        }
        // A name ending like a department (区财政局) is a department before a space.
        if len >= 3 && is_department_ending(self.chars[j - 1]) {
            c += ORG_ENDING_NAME;
        }
        if surname == 2 && len == 2 {
            // 欧阳 or 左丘 alone is a surname, not a name: more likely the
            // start of a name broken by a line end (左丘\n华骏) than 左 丘.
            c += if self.single[k] {
                COMPOUND_ALONE
            } else {
                UNKNOWN_SURNAME
            };
        }
        if j < n && seg[j].gap == Gap::None {
            c += END_WITHOUT_GAP;
        }
        c
    }

    /// Prices every reading from `i` (junk, or a department option then a 2–4 character name) and keeps the cheapest per end and state.
    #[inline]
    fn relax(
        &self,
        i: usize,
        options: &[(usize, Dept, i32)],
        best: &mut [[i32; 2]],
        back: &mut [[(Step, usize); 2]],
    ) {
        let (chars, n) = (&self.chars, self.seg.len());
        for state in 0..2 {
            let base = best[i][state];
            if base == i32::MAX {
                continue;
            }
            let mut relax = |j: usize, to: usize, cost: i32, step: Step| {
                if cost < best[j][to] {
                    best[j][to] = cost;
                    back[j][to] = (step, state);
                }
            };
            relax(i + 1, state, base + JUNK, Step::Junk(i));
            for &(k, dept, extra) in options {
                let (to, mut cost) = match dept {
                    Dept::None => (state, base + if state == 1 { LATE_BARE_NAME } else { 0 }),
                    _ => (1, base + extra),
                };
                if k >= n || !is_han(chars[k]) {
                    continue;
                }
                // Four characters are common after a compound surname (欧阳明月), rare after a single one.
                let surname = if self.compound[k] {
                    2
                } else if self.single[k] {
                    1
                } else {
                    0
                };
                if surname == 0 {
                    cost += UNKNOWN_SURNAME;
                }
                for len in 2..=4 {
                    let j = k + len;
                    if j > n || !is_han(chars[j - 1]) {
                        break;
                    }
                    relax(
                        j,
                        to,
                        cost + self.name_cost(k, len, surname),
                        Step::Record { i, k, dept },
                    );
                }
            }
        }
    }
}

/// Walks back from the cheaper end state: the steps of the cheapest segmentation, in order, each with its end.
fn backtrack(best: &[[i32; 2]], back: &[[(Step, usize); 2]], n: usize) -> Vec<(Step, usize)> {
    let mut steps = Vec::new();
    let mut j = n;
    let mut state = if best[n][0] <= best[n][1] { 0 } else { 1 };
    while j > 0 {
        let (step, prev) = back[j][state];
        steps.push((step, j));
        j = match step {
            Step::Junk(i) | Step::Record { i, .. } => i,
            Step::Start => break,
        };
        state = prev;
    }
    steps.reverse();
    steps
}

/// Turns the steps of a segmentation into records, warning about junk, unknown departments and doubtful names.
fn emit(
    l: &Lattice<'_>,
    steps: &[(Step, usize)],
    role: Role,
    sink: &mut Sink,
    out: &mut Vec<Attendance>,
) {
    let (seg, chars, res) = (l.seg, &l.chars, l.res);
    let mut junk: Option<(usize, usize)> = None;
    let flush = |junk: &mut Option<(usize, usize)>, sink: &mut Sink| {
        if let Some((a, b)) = junk.take() {
            let text: String = chars[a..b].iter().collect();
            sink.warn(
                Code::NotAName,
                format!("{text} does not read as a department and name; skipped"),
                Span::covering(seg[a].pos, seg[b - 1].pos),
            );
        }
    };
    for &(step, j) in steps {
        match step {
            Step::Junk(i) => {
                junk = Some(match junk {
                    Some((a, _)) => (a, j),
                    None => (i, j),
                });
            }
            Step::Record { i, k, dept } => {
                flush(&mut junk, sink);
                let span = Span::covering(seg[i].pos, seg[j - 1].pos);
                let person: String = seg[k..j].iter().map(|c| c.w).collect();
                let org = match dept {
                    Dept::None => None,
                    Dept::Known(id) => {
                        let o = res.gazetteer.org(id);
                        Some(OrgRef {
                            written: seg[i..k].iter().map(|c| c.w).collect(),
                            canonical: Some(o.canonical.clone()),
                            kind: o.kind,
                            level: None,
                        })
                    }
                    Dept::Shaped => {
                        let written: String = seg[i..k].iter().map(|c| c.w).collect();
                        sink.warn(
                            Code::UnknownOrg,
                            format!("{written} is not in the gazetteer; kept as written"),
                            Span::covering(seg[i].pos, seg[k - 1].pos),
                        );
                        Some(OrgRef {
                            written,
                            canonical: None,
                            kind: OrgKind::Unknown,
                            level: None,
                        })
                    }
                };
                if res.surnames.surname_len(&chars[k..j]).is_none() {
                    sink.warn(
                        Code::DoubtfulName,
                        format!("{person} does not start with a known surname"),
                        Span::covering(seg[k].pos, seg[j - 1].pos),
                    );
                }
                let note = seg[i..j].iter().rev().find_map(|c| c.note.clone());
                out.push(Attendance {
                    role,
                    org,
                    person: Some(person),
                    title: None,
                    note,
                    span,
                });
            }
            Step::Start => {}
        }
    }
    flush(&mut junk, sink);
}

/// Cross-record checks for one meeting: a person under two organisations, two people for one organisation.
pub(crate) fn check(records: &[Attendance], sink: &mut Sink) {
    let mut by_person: BTreeMap<&str, Vec<&Attendance>> = BTreeMap::new();
    let mut by_org: BTreeMap<&str, Vec<&Attendance>> = BTreeMap::new();
    for r in records {
        if let (Some(p), Some(o)) = (&r.person, &r.org) {
            by_person.entry(p).or_default().push(r);
            by_org.entry(o.name()).or_default().push(r);
        }
    }
    let describe = |rs: &[&Attendance], f: &dyn Fn(&Attendance) -> String| {
        rs.iter()
            .map(|r| format!("{} (line {})", f(r), r.span.line))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (person, rs) in by_person {
        let mut orgs: Vec<&str> = rs
            .iter()
            .filter_map(|r| r.org.as_ref().map(|o| o.name()))
            .collect();
        orgs.dedup();
        if orgs.len() > 1 {
            let list = describe(&rs, &|r| {
                r.org.as_ref().map_or("", |o| o.written.as_str()).to_owned()
            });
            sink.warn(
                Code::PersonTwoOrgs,
                format!(
                    "{person} is listed under {} organisations: {list}",
                    orgs.len()
                ),
                rs[1].span,
            );
        }
    }
    for (org, rs) in by_org {
        let mut people: Vec<&str> = rs.iter().filter_map(|r| r.person.as_deref()).collect();
        people.sort_unstable();
        people.dedup();
        if people.len() > 1 {
            let list = describe(&rs, &|r| r.person.clone().unwrap_or_default());
            sink.warn(
                Code::OrgTwoPeople,
                format!("{org} is represented by {} people: {list}", people.len()),
                rs[1].span,
            );
        }
    }
}

/// Splits an attendance list written as text into (department as written, person) pairs, as the extractor does.
///
/// This is the extractor's segmentation with the positions dropped, handy for
/// checking how a list will be read:
///
/// ```
/// let res = jiyao_core::resolve::Resources::bundled();
/// let pairs = jiyao_core::extract::split_names("盛乐\n\n市文广旅局\n李杰 团\n市委万利", res);
/// assert_eq!(pairs, vec![
///     (None, Some("盛乐".to_owned())),
///     (Some("市文广旅局".to_owned()), Some("李杰".to_owned())),
///     (Some("团市委".to_owned()), Some("万利".to_owned())),
/// ]);
/// ```
pub fn split_names(list: &str, res: &Resources) -> Vec<(Option<String>, Option<String>)> {
    let text = Text::from_lines(list, true);
    let mut sink = Sink::new("-");
    read_section(&text, Role::Attending, res, &mut sink)
        .into_iter()
        .map(|a| (a.org.map(|o| o.written), a.person))
        .collect()
}

#[cfg(test)]
mod steps {
    //! The segmenter's steps, each alone.
    use super::*;

    fn cs(s: &str) -> Vec<C> {
        chars_of(&Text::from_lines(s, false))
    }

    #[test]
    fn separators_become_space_gaps() {
        let seg = with_separators_as_gaps(&cs("李亚平、王翔"));
        let gaps: Vec<(char, Gap)> = seg.iter().map(|c| (c.c, c.gap)).collect();
        assert_eq!(
            gaps,
            vec![
                ('李', Gap::None),
                ('亚', Gap::None),
                ('平', Gap::None),
                ('王', Gap::Space),
                ('翔', Gap::None)
            ]
        );
    }

    #[test]
    fn options_at_a_position() {
        let seg = with_separators_as_gaps(&cs("市工信局汪香元"));
        let l = Lattice::new(&seg, Resources::bundled());
        let mut options = Vec::new();
        l.options_at(0, &mut options);
        let ends: Vec<(usize, bool, i32)> = options
            .iter()
            .map(|&(k, d, c)| (k, matches!(d, Dept::Known(_)), c))
            .collect();
        // No department, or the gazetteer's 市工信局 (free): nothing shaped competes at the same end.
        assert_eq!(ends, vec![(0, false, 0), (4, true, 0)]);
    }

    #[test]
    fn cost_of_a_reading() {
        let seg = with_separators_as_gaps(&cs("区财政局 吴海燕"));
        let l = Lattice::new(&seg, Resources::bundled());
        // 区财政局 as a four-character name: a single surname, a department's ending, no gap after.
        assert_eq!(l.name_cost(0, 4, 1), FOUR_CHAR_NAME + ORG_ENDING_NAME);
        // 吴海燕 after the space: nothing to pay.
        assert_eq!(l.name_cost(4, 3, 1), 0);
    }

    #[test]
    fn backtrack_follows_the_cheaper_end() {
        let best = vec![[0, i32::MAX], [i32::MAX, i32::MAX], [5, 3]];
        let back = vec![
            [(Step::Start, 0); 2],
            [(Step::Start, 0); 2],
            [
                (Step::Junk(0), 0),
                (
                    Step::Record {
                        i: 0,
                        k: 0,
                        dept: Dept::None,
                    },
                    0,
                ),
            ],
        ];
        let steps = backtrack(&best, &back, 2);
        assert_eq!(steps.len(), 1);
        assert!(matches!(steps[0], (Step::Record { i: 0, k: 0, .. }, 2)));
    }
}
