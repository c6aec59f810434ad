//! The local branches of national bodies, read and named by rule: 人行安吉支行, 县税务局, 武警湖州支队, 移动安吉分公司.
//!
//! Every city and county has the same branches of the same national bodies —
//! the central bank, the tax service, the meteorological service, the fire
//! and rescue service, the armed police, the telecom operators, the power
//! grid — written as a place between a body's short name and the kind of
//! branch (人行湖州中支, 电信安吉分公司) or as a place or a level before it
//! (湖州供电公司, 县税务局). Their names are set by the national body, not by
//! the local government, so they are rules of the code rather than rows of
//! the curated data: [`written_len`] finds such a form in a list whichever
//! place it names (so that a list's segmentation can read it as a
//! department), and [`canonical`] names the forms of the issuer's own places
//! that the gazetteer's entries for its own city do not cover (county
//! branches, the tax and meteorological bureaus of any level). A form it
//! cannot name for certain keeps no canonical name: a wrong full name is
//! worse than none.
//!
//! ```
//! use jiyao_core::resolve::{branches, Resources};
//! let res = Resources::bundled();
//! let chars: Vec<char> = "人行湖州中支王某".chars().collect();
//! assert_eq!(branches::written_len(&chars, 0, &res.places), Some(6));
//! let anji = res.places.jurisdiction("安吉县人民政府").unwrap();
//! assert_eq!(branches::canonical("县税务局", &anji).unwrap().0, "国家税务总局安吉县税务局");
//! assert_eq!(branches::canonical("人行安吉支行", &anji).unwrap().0, "中国人民银行安吉县支行");
//! ```

use super::names::{Jurisdiction, Level, Places};
use super::OrgKind;

/// Bodies written before the place, with the kinds of branch written after it.
const PREFIXED: &[(&str, &[&str])] = &[
    ("中国人民银行", BANK),
    ("人民银行", BANK),
    ("人行", BANK),
    ("国家税务总局", &["税务局"]),
    ("武警", &["支队", "大队", "中队"]),
    ("中国电信", COMPANY),
    ("电信", COMPANY),
    ("中国移动", COMPANY),
    ("移动", COMPANY),
    ("中国联通", COMPANY),
    ("联通", COMPANY),
    ("国网", &["供电公司", "供电分公司"]),
];

/// The branches of the central bank: 中支 is a city's 中心支行, 支行 a county's.
const BANK: &[&str] = &["中心支行", "中支", "分行", "支行"];

/// The branches of the telecom operators.
const COMPANY: &[&str] = &["分公司"];

/// Branches written after the place alone (湖州供电公司) or after a level (县税务局).
const SUFFIXED: &[&str] = &[
    "供电公司",
    "供电分公司",
    "军分区",
    "银保监分局",
    "海关",
    "消防救援支队",
    "消防救援大队",
    "消防支队",
    "消防大队",
    "税务局",
    "气象局",
    "邮政管理局",
    "移动分公司",
    "电信分公司",
    "联通分公司",
];

/// Returns true when `w` is written at `at` (no allocation: this runs at every position of every list).
fn starts(chars: &[char], at: usize, w: &str) -> bool {
    (at..).zip(w.chars()).all(|(k, c)| chars.get(k) == Some(&c))
}

/// Whether the `len` characters at `i` name a place below a province: `Some(true)` for a county-level division.
///
/// A place is written in full (湖州市, 安吉县) or without its last character
/// (湖州, 安吉), as branches' names write it.
fn place_at(chars: &[char], i: usize, len: usize, places: &Places) -> Option<bool> {
    let s: String = chars.get(i..i + len)?.iter().collect();
    let found = places.named(&s).map(|r| r.level).next().or_else(|| {
        ["市", "县", "区"]
            .iter()
            .find_map(|l| places.named(&format!("{s}{l}")).map(|r| r.level).next())
    });
    found
        .filter(|l| *l != Level::Province)
        .map(|l| l != Level::City)
}

/// The lengths of the places a branch's name may hold (2 to 5 characters).
const PLACE_LENGTHS: std::ops::RangeInclusive<usize> = 2..=5;

/// The length of the longest branch of a national body written from `i` (人行湖州中支, 武警湖州支队, 湖州供电公司), whichever place it names.
///
/// The kinds of branch are matched first and the place only where one
/// follows, since this runs at every position of every list the segmenter
/// reads and a place lookup builds strings.
pub fn written_len(chars: &[char], i: usize, places: &Places) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut take = |len: usize| best = Some(best.map_or(len, |b| b.max(len)));
    for &(body, kinds) in PREFIXED {
        if !starts(chars, i, body) {
            continue;
        }
        let at = i + body.chars().count();
        for len in PLACE_LENGTHS {
            let after: Vec<&str> = kinds
                .iter()
                .copied()
                .filter(|k| starts(chars, at + len, k))
                .collect();
            if !after.is_empty() && place_at(chars, at, len, places).is_some() {
                for kind in after {
                    take(body.chars().count() + len + kind.chars().count());
                }
            }
        }
    }
    for len in PLACE_LENGTHS {
        let mut after = SUFFIXED
            .iter()
            .filter(|k| starts(chars, i + len, k))
            .peekable();
        if after.peek().is_some() && place_at(chars, i, len, places).is_some() {
            for kind in after {
                take(len + kind.chars().count());
            }
        }
    }
    best
}

/// The issuer's place a form names: by a level character (县, 区, 市), by the name of the
/// issuer's own city or county-level division, in full or without its last character, or,
/// with neither, the issuer's own place.
/// Returns the rest of the form, the place's canonical prefix (安吉县, 无锡市锡山区,
/// 湖州市), the place's short name (安吉, 湖州) and whether it is a county-level division.
fn own_place<'a>(form: &'a str, j: &Jurisdiction) -> Option<(&'a str, String, String, bool)> {
    let stem = |p: &str| {
        if p.chars().count() > 2 {
            p.strip_suffix(['市', '县', '区']).unwrap_or(p).to_owned()
        } else {
            p.to_owned()
        }
    };
    let first = form.chars().next()?;
    let rest = &form[first.len_utf8()..];
    let local = (j.level != Level::City && j.level != Level::Province)
        .then_some(j.local.as_deref())
        .flatten();
    let local_prefix = || j.prefix(None);
    match first {
        '县' | '区' => {
            let l = local?;
            return Some((rest, j.prefix(Some(first))?, stem(l), true));
        }
        '市' if j.level == Level::CountyCity => {
            let l = local?;
            return Some((rest, local_prefix()?, stem(l), true));
        }
        '市' => {
            let c = j.city.as_deref()?;
            return Some((rest, c.to_owned(), stem(c), false));
        }
        _ => {}
    }
    let named = [
        local.map(|l| (l, true)),
        j.city.as_deref().map(|c| (c, false)),
    ];
    for (name, county) in named.into_iter().flatten() {
        for written in [name.to_owned(), stem(name)] {
            if let Some(rest) = form.strip_prefix(written.as_str()) {
                let prefix = if county {
                    local_prefix()?
                } else {
                    name.to_owned()
                };
                return Some((rest, prefix, stem(name), county));
            }
        }
    }
    // No level and no place: the issuer's own (税务局 in 安吉县's minutes).
    let own = local.or(j.city.as_deref())?;
    Some((form, local_prefix()?, stem(own), local.is_some()))
}

/// Names a branch of a national body in the issuer's jurisdiction (县税务局 → 国家税务总局安吉县税务局), when the rule is certain.
///
/// `form` is the written form in simplified characters. The branches the
/// gazetteer's entries for its own city name (武警湖州支队, 湖州供电公司,
/// 湖州军分区) are left to it; this names the forms it has no entry for: the
/// tax, meteorological, postal and fire-and-rescue bureaus of any level, and
/// a county's bank and telecom branches.
pub fn canonical(form: &str, j: &Jurisdiction) -> Option<(String, OrgKind)> {
    let (body, rest) = PREFIXED
        .iter()
        .find_map(|(b, _)| form.strip_prefix(b).map(|r| (*b, r)))
        .unwrap_or(("", form));
    let (kind, prefix, stem, county) = own_place(rest, j)?;
    let province = j.province.as_deref().map(|p| {
        p.strip_suffix('省')
            .or_else(|| p.strip_suffix("自治区"))
            .unwrap_or(p)
            .to_owned()
    });
    let central = OrgKind::CentralBranch;
    let named = match (body, kind) {
        ("" | "国家税务总局", "税务局") => {
            (format!("国家税务总局{prefix}税务局"), central)
        }
        ("", "气象局") => (format!("{prefix}气象局"), central),
        ("", "邮政管理局") if !county => (format!("{prefix}邮政管理局"), central),
        ("", "消防救援支队") if !county => {
            (format!("{prefix}消防救援支队"), OrgKind::MilitaryPolice)
        }
        ("", "消防救援大队") => (format!("{prefix}消防救援大队"), OrgKind::MilitaryPolice),
        ("中国人民银行" | "人民银行" | "人行", "中支" | "中心支行") if !county => {
            (format!("中国人民银行{prefix}中心支行"), central)
        }
        ("中国人民银行" | "人民银行" | "人行", "支行") if county => {
            (format!("中国人民银行{prefix}支行"), central)
        }
        ("中国电信" | "电信", "分公司") | ("", "电信分公司") if county => (
            format!("中国电信股份有限公司{stem}分公司"),
            OrgKind::StateOwnedEnterprise,
        ),
        ("中国移动" | "移动", "分公司") | ("", "移动分公司") if county => (
            format!("中国移动通信集团{}有限公司{stem}分公司", province?),
            OrgKind::StateOwnedEnterprise,
        ),
        ("中国联通" | "联通", "分公司") | ("", "联通分公司") if county => (
            format!("中国联合网络通信有限公司{prefix}分公司"),
            OrgKind::StateOwnedEnterprise,
        ),
        _ => return None,
    };
    Some(named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Resources;

    #[test]
    fn branches_are_found_whichever_place_they_name() {
        let res = Resources::bundled();
        let cases: &[(&str, Option<usize>)] = &[
            ("人行湖州中支沈某", Some(6)),
            ("人民银行湖州市中心支行", Some(11)),
            ("武警镇江支队李某", Some(6)),
            ("电信丽水分公司", Some(7)),
            ("联通镇江市分公司", Some(8)),
            ("丽水供电公司王某", Some(6)),
            ("安吉县税务局", Some(6)),
            ("国家税务总局安吉县税务局", Some(12)),
            ("秦皇岛消防救援支队", Some(9)),
            ("财政局张三", None),
            ("人行", None),
        ];
        for (text, want) in cases {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(written_len(&chars, 0, &res.places), *want, "{text}");
        }
    }

    #[test]
    fn branches_are_named_in_the_issuers_places() {
        let res = Resources::bundled();
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "安吉县人民政府",
                "县税务局",
                Some("国家税务总局安吉县税务局"),
            ),
            ("安吉县人民政府", "税务局", Some("国家税务总局安吉县税务局")),
            (
                "安吉县人民政府",
                "市税务局",
                Some("国家税务总局湖州市税务局"),
            ),
            ("安吉县人民政府", "县气象局", Some("安吉县气象局")),
            (
                "安吉县人民政府",
                "县消防救援大队",
                Some("安吉县消防救援大队"),
            ),
            (
                "安吉县人民政府",
                "人行安吉支行",
                Some("中国人民银行安吉县支行"),
            ),
            (
                "安吉县人民政府",
                "电信安吉分公司",
                Some("中国电信股份有限公司安吉分公司"),
            ),
            (
                "安吉县人民政府",
                "移动安吉分公司",
                Some("中国移动通信集团浙江有限公司安吉分公司"),
            ),
            (
                "安吉县人民政府",
                "联通安吉分公司",
                Some("中国联合网络通信有限公司安吉县分公司"),
            ),
            (
                "安吉县人民政府",
                "人行湖州中支",
                Some("中国人民银行湖州市中心支行"),
            ),
            (
                "锡山区人民政府",
                "区税务局",
                Some("国家税务总局无锡市锡山区税务局"),
            ),
            ("湖州市人民政府", "市邮政管理局", Some("湖州市邮政管理局")),
            (
                "湖州市人民政府",
                "湖州消防救援支队",
                Some("湖州市消防救援支队"),
            ),
            // Not the issuer's place, or no certain rule: no name.
            ("安吉县人民政府", "人行德清支行", None),
            ("安吉县人民政府", "安吉供电公司", None),
            ("安吉县人民政府", "县邮政管理局", None),
        ];
        for (issuer, form, want) in cases {
            let j = res.places.jurisdiction(issuer).unwrap();
            assert_eq!(
                canonical(form, &j).map(|c| c.0).as_deref(),
                *want,
                "{issuer} {form}"
            );
        }
    }
}
