//! Agenda items: their action verbs and the departments their text makes responsible.

use super::{org_ref, AgendaItem, DeptMention, DeptRole, OrgRef, SubPoint};
use crate::parse::{Document, Item, Text};
use crate::resolve::Resources;

/// Action verbs that open an agenda item's clauses, longest first.
const ACTIONS: &[&str] = &[
    "专题研究",
    "研究部署",
    "审议",
    "听取",
    "研究",
    "传达",
    "部署",
    "通报",
    "讨论",
    "审定",
    "学习",
    "审核",
    "观看",
];

/// Returns every action verb that opens a clause of the heading, in order.
pub(crate) fn actions(heading: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut clause_start = true;
    // A report's paragraph opens with 会议 (会议听取了…, 会议还研究了…).
    let mut heading = heading;
    if let Some(rest) = heading.strip_prefix("会议") {
        heading = ["还", "首先", "先后", "集中", "一并", "同时", "专题"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
    }
    for (at, c) in heading.char_indices() {
        if clause_start {
            if let Some(a) = ACTIONS.iter().find(|a| heading[at..].starts_with(*a)) {
                out.push((*a).to_owned());
            }
        }
        clause_start = matches!(c, '，' | ',' | '；' | ';' | '、' | '和' | '并' | '及');
    }
    out
}

/// Returns the texts of an item with the sub-point each belongs to (0 for heading and intro).
pub(crate) fn texts(item: &Item) -> impl Iterator<Item = (u32, &Text)> {
    std::iter::once((0, &item.heading))
        .chain(item.intro.iter().map(|t| (0, t)))
        .chain(item.points.iter().map(|p| (p.ordinal, &p.text)))
}

/// A department given the lead (由X… or 请X…), with its co-leads, at a byte offset of a text.
pub(crate) struct Lead {
    /// Byte range of the lead organisation.
    pub range: (usize, usize),
    /// The lead.
    pub lead: OrgRef,
    /// The co-leads (会同Y, 会Y) with their byte ranges.
    pub co: Vec<((usize, usize), OrgRef)>,
}

/// Byte offsets of each character, plus the length as a last entry.
fn offsets(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()))
        .collect()
}

/// Words that follow the lead department in 由X…: where an organisation missing from the gazetteer ends.
const AFTER_LEAD: &[&str] = &[
    "根据",
    "会同",
    "会",
    "牵头",
    "负责",
    "按照",
    "按",
    "结合",
    "抓紧",
    "抓好",
    "加强",
    "督促",
    "进一步",
    "做好",
    "认真",
    "尽快",
    "作",
    "修改",
    "组织",
    "按程序",
    "提请",
    "印发",
    "研究",
];

/// The length of an organisation missing from the gazetteer at the start of `chars`: the shortest run shaped like an organisation's name and followed by a word of [`AFTER_LEAD`].
///
/// A department the rules name (区委组织部, 区人大常委会) is taken whole, the
/// longest first: the shortest run would stop at 区委 before 组织, or at
/// 区人大常委 before 会.
fn shaped_lead(chars: &[char], res: &Resources) -> Option<usize> {
    let followed = |len: usize| {
        AFTER_LEAD
            .iter()
            .any(|w| chars[len..].starts_with(&w.chars().collect::<Vec<_>>()))
    };
    let max = chars.len().min(16);
    (3..=max)
        .rev()
        .find(|&len| super::attendance::is_rule_form(&chars[..len], res) && followed(len))
        .or_else(|| {
            (2..=max).find(|&len| super::attendance::org_shaped(&chars[..len]) && followed(len))
        })
}

/// Finds every 由X / 请X / 责成X / 要求X (not 提请, 申请, 理由 …) followed by a gazetteer organisation.
///
/// `w` is the text as written, of the same byte length as the view `s`.
pub(crate) fn leads(s: &str, w: &str, res: &Resources) -> Vec<Lead> {
    let chars: Vec<char> = s.chars().collect();
    let off = offsets(s);
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let c = chars[i];
        let before = if i > 0 { chars[i - 1] } else { ' ' };
        let ok = match c {
            '由' => !"理自缘于经来".contains(before),
            '请' => !"提申邀聘".contains(before),
            '成' => before == '责',
            '求' => before == '要',
            _ => false,
        };
        if !ok {
            continue;
        }
        let Some(len) = res
            .gazetteer
            .longest_at(&chars, i + 1)
            .map(|(len, _)| len)
            // After 要求, only a government's own department (要求区住建局牵头, not 要求被巡查地区按照).
            .or_else(|| {
                (c != '求'
                    || chars
                        .get(i + 1)
                        .is_some_and(|&n| "市区县州旗盟".contains(n)))
                .then(|| shaped_lead(&chars[i + 1..], res))
                .flatten()
            })
        else {
            continue;
        };
        let (a, z) = (i + 1, i + 1 + len);
        let lead = org_ref(&s[off[a]..off[z]], w[off[a]..off[z]].to_owned(), res);
        let mut co = Vec::new();
        let mut k = z;
        loop {
            let joiner = if chars[k..].starts_with(&['会', '同']) {
                2
            } else if chars[k..].starts_with(&['会'])
                || chars[k..].starts_with(&['、'])
                || chars[k..].starts_with(&['和'])
            {
                1
            } else {
                break;
            };
            match res.gazetteer.longest_at(&chars, k + joiner) {
                Some((len, _)) => {
                    let (ca, cz) = (k + joiner, k + joiner + len);
                    co.push((
                        (off[ca], off[cz]),
                        org_ref(&s[off[ca]..off[cz]], w[off[ca]..off[cz]].to_owned(), res),
                    ));
                    k = cz;
                }
                None => break,
            }
        }
        out.push(Lead {
            range: (off[a], off[z]),
            lead,
            co,
        });
    }
    out
}

/// Finds departments the text makes responsible: leads, co-leads, reporters and tasked departments.
fn mentions(point: u32, t: &Text, res: &Resources, out: &mut Vec<DeptMention>) {
    let s = t.as_str();
    for l in leads(s, t.written(), res) {
        out.push(DeptMention {
            role: DeptRole::Lead,
            org: l.lead,
            point,
            span: t.span_of(l.range.0, l.range.1),
        });
        for ((a, z), org) in l.co {
            out.push(DeptMention {
                role: DeptRole::CoLead,
                org,
                point,
                span: t.span_of(a, z),
            });
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let off = offsets(s);
    let mut i = 0;
    while i < chars.len() {
        let Some((len, _)) = res.gazetteer.longest_at(&chars, i) else {
            i += 1;
            continue;
        };
        // A run of organisations joined by 、 or 和, then what follows the run.
        let mut run = vec![(i, i + len)];
        let mut k = i + len;
        while k < chars.len() && (chars[k] == '、' || chars[k] == '和') {
            match res.gazetteer.longest_at(&chars, k + 1) {
                Some((l2, _)) => {
                    run.push((k + 1, k + 1 + l2));
                    k += 1 + l2;
                }
                None => break,
            }
        }
        let after: String = chars[k..chars.len().min(k + 2)].iter().collect();
        let before: String = chars[i.saturating_sub(2)..i].iter().collect();
        let role = if before == "同意" && after == "关于" {
            Some(DeptRole::Reporter)
        } else if after.starts_with('要') {
            Some(DeptRole::Tasked)
        } else {
            None
        };
        if let Some(role) = role {
            for (a, z) in run {
                out.push(DeptMention {
                    role,
                    org: org_ref(&s[off[a]..off[z]], t.written_string(off[a], off[z]), res),
                    point,
                    span: t.span_of(off[a], off[z]),
                });
            }
        }
        i = k;
    }
}

/// Reads every agenda item.
pub(crate) fn read(doc: &Document, res: &Resources) -> Vec<AgendaItem> {
    doc.items
        .iter()
        .map(|item| {
            let actions = actions(item.heading.as_str());
            let mut departments = Vec::new();
            for (point, t) in texts(item) {
                mentions(point, t, res, &mut departments);
            }
            departments.sort_by_key(|d| (d.span.line, d.span.col));
            departments.dedup_by(|a, b| a.role == b.role && a.org == b.org && a.point == b.point);
            AgendaItem {
                ordinal: item.ordinal,
                heading: item.heading.written().to_owned(),
                action: actions.first().cloned(),
                actions,
                points: item
                    .points
                    .iter()
                    .map(|p| SubPoint {
                        ordinal: p.ordinal,
                        text: p.text.written().to_owned(),
                        span: p.text.span(),
                    })
                    .collect(),
                departments,
                span: item.heading.span(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_open_clauses() {
        let cases: &[(&str, &[&str])] = &[
            ("审议《苏州市氢能及燃料电池产业发展规划》", &["审议"]),
            (
                "传达全省危险化学品安全综合治理工作电视电话会议精神，审议《甲》《乙》",
                &["传达", "审议"],
            ),
            (
                "听取关于省安委办安全生产约谈落实情况的汇报，部署落实节假日期间全市安全稳定工作",
                &["听取", "部署"],
            ),
            (
                "研究 2020 年市级城建交通维护建设暨水利水务建设资金计划调整有关工作",
                &["研究"],
            ),
        ];
        for (heading, want) in cases {
            assert_eq!(actions(heading), *want, "{heading}");
        }
    }

    #[test]
    fn leads_and_co_leads() {
        let res = Resources::bundled();
        type Case<'a> = (&'a str, &'a [(&'a str, &'a [&'a str])]);
        let cases: &[Case<'_>] = &[
            ("由市卫生健康委会市司法局根据本次会议讨论意见修改完善后，按照法定程序提请市人大常委会审议。", &[("市卫生健康委", &["市司法局"])]),
            ("请市妇联会市司法局根据本次会议讨论意见作进一步修改完善后", &[("市妇联", &["市司法局"])]),
            ("由市应急局会同相关部门根据本次会议讨论意见", &[("市应急局", &[])]),
            ("后提请市委常委会审议", &[]),
            // A department missing from the gazetteer, recognised by its shape and the word after it.
            ("由武进区根据本次会议讨论意见修改完善后发文实施", &[("武进区", &[])]),
            ("由理由不充分的部门", &[]),
        ];
        for (s, want) in cases {
            let got: Vec<(String, Vec<String>)> = leads(s, s, res)
                .into_iter()
                .map(|l| {
                    (
                        l.lead.written,
                        l.co.into_iter().map(|(_, o)| o.written).collect(),
                    )
                })
                .collect();
            let want: Vec<(String, Vec<String>)> = want
                .iter()
                .map(|(l, co)| (l.to_string(), co.iter().map(|c| c.to_string()).collect()))
                .collect();
            assert_eq!(got, want, "{s}");
        }
    }
}
