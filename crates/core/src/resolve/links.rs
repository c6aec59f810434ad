//! Link candidates across governments: the same rare name leaving one government's records and appearing in a neighbour's within months.
//!
//! The identity rule ([`super::people`]) never merges two governments'
//! people: 贾卫 in 无锡市人民政府's minutes and 贾卫 in 常州市人民政府's are two
//! people until a row of `data/people.csv` says otherwise. Officials do move
//! between neighbouring cities, though, and the records show it: a name stops
//! appearing in one government's minutes and starts appearing in another's a
//! few months later. This rule **proposes** such links, with their evidence,
//! for a person to accept or reject; it never merges anything itself.
//!
//! # The rule
//!
//! Records are gathered by (government, name) into [`Span`]s (first and last
//! meeting date, records, organisations). Two spans of one name are a
//! [`Candidate`] when
//! 1. **the name is rare in the corpus**: the corpus's own count, the number
//!    of governments whose records name it, is at most
//!    [`LinkRule::max_governments`] (2 by default: only these two). The
//!    national frequency tables are not used: a name's rarity among the
//!    officials a corpus holds is what decides whether two sightings are
//!    likely one person;
//! 2. **the governments are neighbours**: they lie in the same province, read
//!    from `data/places.csv` ([`Places::jurisdiction`]: 无锡市人民政府 and
//!    常州市人民政府 are both in 江苏省, as are 锡山区人民政府 and 沛县人民政府);
//! 3. **one leaves before the other starts, within months**: the last record
//!    in one government comes before the first in the other, at most
//!    [`LinkRule::within_days`] days before (183 by default).
//!
//! A candidate is accepted by one line of `data/people.csv`
//! ([`Candidate::accept_row`]), which gives the arriving government's records
//! of the name to the person of the government left.
//!
//! ```
//! use jiyao_core::resolve::links::{candidates, LinkRule, Span};
//! use jiyao_core::resolve::Resources;
//! let span = |gov: &str, first: &str, last: &str| Span::new(gov, "贾卫", first, last, 3, &["某局"]);
//! let spans = [
//!     span("无锡市人民政府", "2018-01-05", "2019-03-01"),
//!     span("常州市人民政府", "2019-06-10", "2020-12-20"),
//! ];
//! let found = candidates(&spans, &Resources::bundled().places, &LinkRule::default());
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].left.government.as_str(), found[0].gap_days), ("无锡市人民政府", 101));
//! assert_eq!(found[0].province, "江苏省");
//! ```

use super::names::Places;
use crate::date::Date;
use std::collections::BTreeMap;

/// The records of one name in one government's minutes: the evidence a candidate is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The issuing government.
    pub government: String,
    /// The name as written.
    pub name: String,
    /// The first meeting date (ISO) whose records name it.
    pub first: String,
    /// The last meeting date (ISO) whose records name it.
    pub last: String,
    /// How many records name it.
    pub records: usize,
    /// The organisations of those records (canonical names), in the order given.
    pub orgs: Vec<String>,
}

impl Span {
    /// Builds a span.
    pub fn new(
        government: &str,
        name: &str,
        first: &str,
        last: &str,
        records: usize,
        orgs: &[&str],
    ) -> Self {
        Span {
            government: government.to_owned(),
            name: name.to_owned(),
            first: first.to_owned(),
            last: last.to_owned(),
            records,
            orgs: orgs.iter().map(|o| (*o).to_owned()).collect(),
        }
    }
}

/// The thresholds of the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkRule {
    /// The longest gap, in days, between the last record in one government and the first in the other.
    pub within_days: i64,
    /// A name is rare when at most this many governments' records name it.
    pub max_governments: usize,
}

impl Default for LinkRule {
    fn default() -> Self {
        LinkRule {
            within_days: 183,
            max_governments: 2,
        }
    }
}

/// A proposed link: one official who may have moved from one government to a neighbouring one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name.
    pub name: String,
    /// The government left, with its records of the name.
    pub left: Span,
    /// The government joined, with its records of the name.
    pub joined: Span,
    /// Days from the last record in `left` to the first in `joined`.
    pub gap_days: i64,
    /// How many governments' records name it in the corpus (its rarity: 2 means only these two).
    pub governments_with_name: usize,
    /// The province both governments lie in.
    pub province: String,
}

impl Candidate {
    /// The line of `data/people.csv` that accepts the link: the joined government's records of the name become the person of the government left (the evidence in `note`, without commas).
    pub fn accept_row(&self) -> String {
        format!(
            "{name},{joined},,,,{name},{left},,link candidate: last in {left} {last}; first in {joined} {first} ({gap} days); name in {n} governments",
            name = self.name,
            joined = self.joined.government,
            left = self.left.government,
            last = self.left.last,
            first = self.joined.first,
            gap = self.gap_days,
            n = self.governments_with_name,
        )
    }
}

/// Returns the link candidates among spans, ordered by name, then the government left, then the government joined.
///
/// Spans of one (government, name) given several times are read as one
/// (first and last dates widened, records added, organisations joined).
/// Spans whose dates are not ISO dates, and governments whose province
/// `places` does not know, are never linked.
pub fn candidates(spans: &[Span], places: &Places, rule: &LinkRule) -> Vec<Candidate> {
    let mut by_name: BTreeMap<&str, BTreeMap<&str, Span>> = BTreeMap::new();
    for s in spans {
        let govs = by_name.entry(&s.name).or_default();
        match govs.get_mut(s.government.as_str()) {
            Some(t) => {
                if s.first < t.first {
                    t.first = s.first.clone();
                }
                if s.last > t.last {
                    t.last = s.last.clone();
                }
                t.records += s.records;
                for o in &s.orgs {
                    if !t.orgs.contains(o) {
                        t.orgs.push(o.clone());
                    }
                }
            }
            None => {
                govs.insert(&s.government, s.clone());
            }
        }
    }
    // Issuers may be written in traditional characters (溫州市人民政府).
    let province = |gov: &str| {
        places
            .jurisdiction(&crate::load::simplify::to_simplified(gov))
            .and_then(|j| j.province)
    };
    let mut out = Vec::new();
    for (name, govs) in by_name {
        let n = govs.len();
        if n < 2 || n > rule.max_governments {
            continue;
        }
        let spans: Vec<(&Span, Option<String>)> = govs
            .values()
            .map(|s| (s, province(&s.government)))
            .collect();
        for (a, pa) in &spans {
            for (b, pb) in &spans {
                let (Some(pa), Some(pb)) = (pa, pb) else {
                    continue;
                };
                let (Ok(last), Ok(first)) = (a.last.parse::<Date>(), b.first.parse::<Date>())
                else {
                    continue;
                };
                let gap = first.days_since(last);
                if a.government == b.government || pa != pb || gap <= 0 || gap > rule.within_days {
                    continue;
                }
                out.push(Candidate {
                    name: name.to_owned(),
                    left: (*a).clone(),
                    joined: (*b).clone(),
                    gap_days: gap,
                    governments_with_name: n,
                    province: pa.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Resources;

    fn span(gov: &str, name: &str, first: &str, last: &str) -> Span {
        Span::new(gov, name, first, last, 2, &["某局"])
    }

    /// Input spans → exactly the candidates expected, each for its stated reason.
    #[test]
    fn candidates_are_rare_neighbouring_and_within_months() {
        let places = &Resources::bundled().places;
        let spans = [
            // 贾卫 leaves 无锡 and appears in 常州 101 days later: a candidate.
            span("无锡市人民政府", "贾卫", "2018-01-05", "2019-03-01"),
            span("常州市人民政府", "贾卫", "2019-06-10", "2020-12-20"),
            // 韩飏 leaves 无锡 for 杭州 (浙江省): not neighbours.
            span("无锡市人民政府", "韩飏", "2018-01-05", "2019-03-01"),
            span("杭州市人民政府", "韩飏", "2019-04-01", "2020-12-20"),
            // 王矗: 南通 to 沛县 (both 江苏省) after 400 days: too long.
            span("南通市人民政府", "王矗", "2017-01-05", "2018-01-01"),
            span("沛县人民政府", "王矗", "2019-02-05", "2020-01-01"),
            // 张伟 in three governments: not rare.
            span("苏州市人民政府", "张伟", "2018-01-05", "2019-03-01"),
            span("无锡市人民政府", "张伟", "2019-04-01", "2020-12-20"),
            span("常州市人民政府", "张伟", "2018-01-05", "2020-12-20"),
            // 都锺邑: records overlap in time (two people at once).
            span("苏州市人民政府", "都锺邑", "2018-01-05", "2019-03-01"),
            span("南京市人民政府", "都锺邑", "2019-01-01", "2020-12-20"),
            // 蔡剑峰: back from 锡山区 to 无锡市 (a district and its city), given in two parts.
            span("锡山区人民政府", "蔡剑峰", "2016-05-01", "2017-02-01"),
            span("锡山区人民政府", "蔡剑峰", "2017-02-02", "2017-09-30"),
            span("无锡市人民政府", "蔡剑峰", "2017-11-02", "2019-01-01"),
        ];
        let found = candidates(&spans, places, &LinkRule::default());
        let got: Vec<String> = found
            .iter()
            .map(|c| {
                format!(
                    "{} {} {} → {} {} ({} days, {} governments, {}, {} records)",
                    c.name,
                    c.left.government,
                    c.left.last,
                    c.joined.government,
                    c.joined.first,
                    c.gap_days,
                    c.governments_with_name,
                    c.province,
                    c.left.records,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "蔡剑峰 锡山区人民政府 2017-09-30 → 无锡市人民政府 2017-11-02 (33 days, 2 governments, 江苏省, 4 records)",
                "贾卫 无锡市人民政府 2019-03-01 → 常州市人民政府 2019-06-10 (101 days, 2 governments, 江苏省, 2 records)",
            ]
        );
        assert_eq!(
            found[1].accept_row(),
            "贾卫,常州市人民政府,,,,贾卫,无锡市人民政府,,link candidate: last in 无锡市人民政府 2019-03-01; first in 常州市人民政府 2019-06-10 (101 days); name in 2 governments"
        );
        // Wider thresholds admit 王矗 (400 days) and 张伟 (three governments: 苏州 → 无锡 only, the others overlap).
        let wide = LinkRule {
            within_days: 800,
            max_governments: 3,
        };
        let names: Vec<(String, String, String)> = candidates(&spans, places, &wide)
            .into_iter()
            .map(|c| (c.name, c.left.government, c.joined.government))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "张伟".into(),
                    "苏州市人民政府".into(),
                    "无锡市人民政府".into()
                ),
                (
                    "王矗".into(),
                    "南通市人民政府".into(),
                    "沛县人民政府".into()
                ),
                (
                    "蔡剑峰".into(),
                    "锡山区人民政府".into(),
                    "无锡市人民政府".into()
                ),
                (
                    "贾卫".into(),
                    "无锡市人民政府".into(),
                    "常州市人民政府".into()
                ),
            ]
        );
    }
}
