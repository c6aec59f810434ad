//! Canonical names for any government: China's places and the standard short forms of departments.
//!
//! The gazetteer lists one city's organisations by every name its minutes use.
//! Every other government's departments are named by rule: a written form is
//! an optional level (省, 市, 区, 县, or a place's own name) followed by a
//! standard short form (工信局, 发改委, 卫计委 …) or the full name, and its
//! canonical name is the issuer's place at that level followed by the full
//! name. The places — provinces, prefecture-level cities and county-level
//! divisions — come from `data/places.csv`; the short forms from
//! `data/abbreviations.csv`.
//!
//! ```
//! use jiyao_core::resolve::Resources;
//! let res = Resources::bundled();
//! let wuxi = res.places.jurisdiction("无锡市人民政府").unwrap();
//! assert_eq!(res.names.canonical("市工信局", &wuxi).unwrap().0, "无锡市工业和信息化局");
//! let xishan = res.places.jurisdiction("锡山区人民政府").unwrap();
//! assert_eq!(res.names.canonical("区财政局", &xishan).unwrap().0, "无锡市锡山区财政局");
//! assert_eq!(res.names.canonical("市财政局", &xishan).unwrap().0, "无锡市财政局");
//! ```

use super::{OrgKind, ResolveError};
use serde::Deserialize;
use std::collections::HashMap;

/// The level of a place in China's administrative hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A province, autonomous region or municipality (北京市 …).
    Province,
    /// A prefecture-level city, autonomous prefecture, prefecture or league.
    City,
    /// A district of a city (区).
    District,
    /// A county, banner or special district (县, 旗, 特区, 林区).
    County,
    /// A county-level city (县级市).
    CountyCity,
}

/// One place of `data/places.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceRow {
    /// Its full name, such as 锡山区.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// The place above it (for a city its province; for a county-level division its city,
    /// or the municipality or province that governs it directly). Empty for provinces.
    pub parent: String,
    /// The year it was set up under this name, when it is later than the table's base list.
    pub from: Option<u16>,
    /// The year it was abolished or renamed (exclusive), for a division no longer on today's list
    /// (金坛市 until 2015): records of its time still name it.
    pub to: Option<u16>,
}

#[derive(Deserialize)]
struct PlaceCsv {
    name: String,
    level: Level,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    from: Option<u16>,
    #[serde(default)]
    to: Option<u16>,
}

/// China's places by name (several places share some names, such as 鼓楼区).
#[derive(Debug, Default)]
pub struct Places {
    rows: Vec<PlaceRow>,
    by_name: HashMap<String, Vec<usize>>,
}

/// The place a government governs, at every level it sits in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jurisdiction {
    /// The level of the issuing government itself.
    pub level: Level,
    /// The province (江苏省), when known.
    pub province: Option<String>,
    /// The prefecture-level city or municipality (无锡市), when known.
    pub city: Option<String>,
    /// The district, county or county-level city (锡山区), for a government at that level.
    pub local: Option<String>,
}

impl Jurisdiction {
    /// Returns the place a form with the level character `c` (省, 市, 区, 县) names, as its canonical prefix.
    ///
    /// 市 is the county-level city itself in such a city's minutes, the
    /// prefecture-level city otherwise; 区 and 县 are the issuing district or
    /// county with its city (无锡市锡山区), or the county alone (沛县).
    pub fn prefix(&self, c: Option<char>) -> Option<String> {
        match c {
            Some('省') => self.province.clone(),
            Some('市') => match self.level {
                Level::CountyCity => self.local.clone(),
                _ => self.city.clone(),
            },
            Some('区') if self.level == Level::District => self.local_prefix(),
            Some('县') if self.level == Level::County => self.local_prefix(),
            Some(_) => None,
            None => match self.level {
                Level::Province => self.province.clone(),
                Level::City => self.city.clone(),
                _ => self.local_prefix(),
            },
        }
    }

    /// The canonical prefix of the issuer's own county-level division.
    fn local_prefix(&self) -> Option<String> {
        let local = self.local.as_deref()?;
        match self.level {
            Level::District => Some(format!("{}{local}", self.city.as_deref()?)),
            _ => Some(local.to_owned()),
        }
    }

    /// Returns the city that 市 forms name, with its short name (无锡市, 无锡).
    pub fn municipal(&self) -> Option<&str> {
        match self.level {
            Level::CountyCity => self.local.as_deref(),
            _ => self.city.as_deref(),
        }
    }
}

/// Suffixes of a government's name after its place: 人民政府, 政府.
const GOVERNMENT: [&str; 2] = ["人民政府", "政府"];

impl Places {
    /// Returns every place, in the table's order, abolished ones included (see [`PlaceRow::to`]).
    pub fn rows(&self) -> &[PlaceRow] {
        &self.rows
    }

    /// Parses `places.csv` (`name,level,parent,from,to`, the years optional; lines starting with `#` are comments).
    pub fn from_csv(file: &str, text: &str) -> Result<Self, ResolveError> {
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut p = Places::default();
        for row in reader.deserialize::<PlaceCsv>() {
            let row = row.map_err(|e| ResolveError::Invalid {
                file: file.to_owned(),
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })?;
            p.by_name
                .entry(row.name.clone())
                .or_default()
                .push(p.rows.len());
            p.rows.push(PlaceRow {
                name: row.name,
                level: row.level,
                parent: row.parent,
                from: row.from,
                to: row.to,
            });
        }
        Ok(p)
    }

    /// Adds the divisions of a history table (`name,level,parent,from,to`): names no longer on today's list that records of their time use.
    pub fn with_history(mut self, file: &str, text: &str) -> Result<Self, ResolveError> {
        let history = Places::from_csv(file, text)?;
        for row in history.rows {
            self.by_name
                .entry(row.name.clone())
                .or_default()
                .push(self.rows.len());
            self.rows.push(row);
        }
        Ok(self)
    }

    /// Returns how many places the table holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Returns true when the table holds no place.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Returns every place of that name.
    pub fn named(&self, name: &str) -> impl Iterator<Item = &PlaceRow> {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&k| &self.rows[k])
    }

    fn province_of(&self, city: &str) -> Option<String> {
        self.named(city)
            .find(|r| r.level == Level::City || r.level == Level::Province)
            .map(|r| {
                if r.level == Level::Province {
                    r.name.clone()
                } else {
                    r.parent.clone()
                }
            })
    }

    /// Reads the place of an issuing government such as 无锡市人民政府, 锡山区人民政府 or 无锡市锡山区人民政府.
    ///
    /// Returns `None` when the name is not a government of a known place, or
    /// names a county-level division shared by several cities without saying which.
    pub fn jurisdiction(&self, issuer: &str) -> Option<Jurisdiction> {
        let place = GOVERNMENT
            .iter()
            .find_map(|g| issuer.strip_suffix(g))
            .unwrap_or(issuer);
        let chars: Vec<(usize, char)> = place.char_indices().collect();
        // The place may be written with the places above it: 江苏省无锡市锡山区.
        let mut above: Vec<&str> = Vec::new();
        let mut start = 0;
        'outer: while start < place.len() {
            let rest = &place[start..];
            if let Some(j) = self.whole(rest, &above) {
                return Some(j);
            }
            for &(k, _) in chars.iter().filter(|&&(k, _)| k > start) {
                let head = &place[start..k];
                if self.named(head).next().is_some() {
                    above.push(head);
                    start = k;
                    continue 'outer;
                }
            }
            return None;
        }
        None
    }

    /// The jurisdiction of one place name, given the places written before it.
    fn whole(&self, name: &str, above: &[&str]) -> Option<Jurisdiction> {
        let candidates: Vec<&PlaceRow> = self
            .named(name)
            .filter(|r| above.last().is_none_or(|a| r.parent == *a))
            .collect();
        let [row] = candidates.as_slice() else {
            // Prefer the province-level reading of a municipality (北京市 is both).
            return candidates
                .iter()
                .find(|r| r.level == Level::Province)
                .map(|r| self.at(r));
        };
        Some(self.at(row))
    }

    fn at(&self, row: &PlaceRow) -> Jurisdiction {
        match row.level {
            Level::Province => Jurisdiction {
                level: Level::Province,
                province: Some(row.name.clone()),
                // A municipality is its own city.
                city: row.name.ends_with('市').then(|| row.name.clone()),
                local: None,
            },
            Level::City => Jurisdiction {
                level: Level::City,
                province: Some(row.parent.clone()),
                city: Some(row.name.clone()),
                local: None,
            },
            level => {
                let parent_is_province =
                    self.named(&row.parent).any(|r| r.level == Level::Province);
                let municipality = row.parent.ends_with('市');
                Jurisdiction {
                    level,
                    province: if parent_is_province {
                        Some(row.parent.clone())
                    } else {
                        self.province_of(&row.parent)
                    },
                    city: (!parent_is_province || municipality).then(|| row.parent.clone()),
                    local: Some(row.name.clone()),
                }
            }
        }
    }
}

/// One rule of `abbreviations.csv`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct NameRule {
    /// The short form, such as 工信局.
    pub short: String,
    /// The full name after the place, such as 工业和信息化局.
    pub full: String,
    /// The kind of organisation.
    pub kind: OrgKind,
}

impl NameRule {
    /// The canonical name with a place's prefix: the prefix before the full name (无锡市 + 财政局), or in its place where the full name holds `{p}` (中国人民政治协商会议{p}委员会).
    pub fn named(&self, prefix: &str) -> String {
        if self.full.contains("{p}") {
            self.full.replace("{p}", prefix)
        } else {
            format!("{prefix}{}", self.full)
        }
    }
}

/// The standard short forms of departments, with their full names.
#[derive(Debug, Default)]
pub struct NameRules {
    rules: Vec<NameRule>,
    /// Short forms and full names to their rule.
    by_form: HashMap<String, usize>,
}

impl NameRules {
    /// Parses `abbreviations.csv` (`short,full,kind`; lines starting with `#` are comments).
    pub fn from_csv(file: &str, text: &str) -> Result<Self, ResolveError> {
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut r = NameRules::default();
        for row in reader.deserialize::<NameRule>() {
            let row = row.map_err(|e| ResolveError::Invalid {
                file: file.to_owned(),
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })?;
            let k = r.rules.len();
            r.by_form.entry(row.short.clone()).or_insert(k);
            r.by_form.entry(row.full.clone()).or_insert(k);
            r.rules.push(row);
        }
        Ok(r)
    }

    /// Returns how many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Returns true when there is no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Returns the rule of a form without level (工信局, 工业和信息化局).
    pub fn rule(&self, form: &str) -> Option<&NameRule> {
        self.by_form.get(form).map(|&k| &self.rules[k])
    }

    /// Returns the canonical name and kind of a written form (in simplified characters) in a jurisdiction.
    ///
    /// The form is a level character (省, 市, 区, 县) or the name of one of the
    /// jurisdiction's places (锡山区, 无锡市), or nothing, followed by a rule's
    /// short form or full name. Returns `None` when no rule applies or the
    /// level's place is unknown: a wrong full name is worse than none.
    pub fn canonical(&self, written: &str, j: &Jurisdiction) -> Option<(String, OrgKind)> {
        if let Some(rule) = self.rule(written) {
            return Some((rule.named(&j.prefix(None)?), rule.kind));
        }
        let first = written.chars().next()?;
        if let Some(rule) = self.rule(&written[first.len_utf8()..]) {
            if "省市区县".contains(first) {
                return Some((rule.named(&j.prefix(Some(first))?), rule.kind));
            }
        }
        // A place's own name: 锡山区人社局, 无锡市发改委.
        let named = [
            (
                j.local.as_deref(),
                j.prefix(None).filter(|_| j.local.is_some()),
            ),
            (j.city.as_deref(), j.city.clone()),
            (j.province.as_deref(), j.province.clone()),
        ];
        for (name, prefix) in named {
            let (Some(name), Some(prefix)) = (name, prefix) else {
                continue;
            };
            if let Some(rule) = written.strip_prefix(name).and_then(|rest| self.rule(rest)) {
                return Some((rule.named(&prefix), rule.kind));
            }
        }
        None
    }
}

/// Returns the canonical name of a county-level division written in the minutes of its city (锡山区, 江阴市).
///
/// Districts are named with their city (无锡市锡山区人民政府), counties and
/// county-level cities alone (江阴市人民政府).
pub fn division_government(places: &Places, written: &str, j: &Jurisdiction) -> Option<String> {
    let city = j.city.as_deref()?;
    let row = places
        .named(written)
        .find(|r| r.parent == city && !matches!(r.level, Level::Province | Level::City))?;
    Some(match row.level {
        Level::District => format!("{city}{}人民政府", row.name),
        _ => format!("{}人民政府", row.name),
    })
}

#[cfg(test)]
mod tests {
    use crate::resolve::Resources;

    /// Level, province, city, local division.
    type Want = (
        super::Level,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    /// Issuer → (level, province, city, local).
    #[test]
    fn jurisdictions_of_issuers() {
        use super::Level::*;
        let places = &Resources::bundled().places;
        let cases: &[(&str, Option<Want>)] = &[
            (
                "无锡市人民政府",
                Some((City, "江苏省", Some("无锡市"), None)),
            ),
            (
                "锡山区人民政府",
                Some((District, "江苏省", Some("无锡市"), Some("锡山区"))),
            ),
            (
                "无锡市锡山区人民政府",
                Some((District, "江苏省", Some("无锡市"), Some("锡山区"))),
            ),
            (
                "江阴市人民政府",
                Some((CountyCity, "江苏省", Some("无锡市"), Some("江阴市"))),
            ),
            (
                "沛县人民政府",
                Some((County, "江苏省", Some("徐州市"), Some("沛县"))),
            ),
            (
                "南京市鼓楼区人民政府",
                Some((District, "江苏省", Some("南京市"), Some("鼓楼区"))),
            ),
            (
                "北京市东城区人民政府",
                Some((District, "北京市", Some("北京市"), Some("东城区"))),
            ),
            (
                "北京市人民政府",
                Some((Province, "北京市", Some("北京市"), None)),
            ),
            (
                "仙桃市人民政府",
                Some((CountyCity, "湖北省", None, Some("仙桃市"))),
            ),
            ("江苏省人民政府", Some((Province, "江苏省", None, None))),
            // 鼓楼区 is in four cities: which one is not said.
            ("鼓楼区人民政府", None),
            ("某某市人民政府", None),
        ];
        for (issuer, want) in cases {
            let got = places
                .jurisdiction(issuer)
                .map(|j| (j.level, j.province.unwrap_or_default(), j.city, j.local));
            let want = want
                .map(|(l, p, c, d)| (l, p.to_owned(), c.map(str::to_owned), d.map(str::to_owned)));
            assert_eq!(got, want, "{issuer}");
        }
    }

    /// (issuer, written form) → canonical name.
    #[test]
    fn short_forms_expand_with_the_issuers_place() {
        let res = Resources::bundled();
        let cases = [
            ("无锡市人民政府", "市工信局", Some("无锡市工业和信息化局")),
            ("无锡市人民政府", "市发改委", Some("无锡市发展和改革委员会")),
            ("无锡市人民政府", "工信局", Some("无锡市工业和信息化局")),
            (
                "无锡市人民政府",
                "省发展改革委",
                Some("江苏省发展和改革委员会"),
            ),
            ("无锡市人民政府", "区财政局", None),
            ("锡山区人民政府", "区财政局", Some("无锡市锡山区财政局")),
            ("锡山区人民政府", "财政局", Some("无锡市锡山区财政局")),
            ("锡山区人民政府", "市财政局", Some("无锡市财政局")),
            (
                "锡山区人民政府",
                "锡山区人社局",
                Some("无锡市锡山区人力资源和社会保障局"),
            ),
            (
                "锡山区人民政府",
                "区卫计委",
                Some("无锡市锡山区卫生和计划生育委员会"),
            ),
            (
                "江阴市人民政府",
                "市资源规划局",
                Some("江阴市自然资源和规划局"),
            ),
            ("沛县人民政府", "县应急局", Some("沛县应急管理局")),
            ("沛县人民政府", "县安监局", Some("沛县安全生产监督管理局")),
            ("沛县人民政府", "县市场监管局", Some("沛县市场监督管理局")),
            ("沛县人民政府", "县妇联", Some("沛县妇女联合会")),
            (
                "沛县人民政府",
                "县工业和信息化局",
                Some("沛县工业和信息化局"),
            ),
            (
                "北京市东城区人民政府",
                "区发展改革委",
                Some("北京市东城区发展和改革委员会"),
            ),
            ("沛县人民政府", "县城投公司", None),
        ];
        for (issuer, written, want) in cases {
            let j = res.places.jurisdiction(issuer).unwrap();
            assert_eq!(
                res.names.canonical(written, &j).map(|(c, _)| c).as_deref(),
                want,
                "{issuer} {written}"
            );
        }
    }

    #[test]
    fn divisions_are_named_with_their_city() {
        let res = Resources::bundled();
        let wuxi = res.places.jurisdiction("无锡市人民政府").unwrap();
        let cases = [
            ("锡山区", Some("无锡市锡山区人民政府")),
            ("江阴市", Some("江阴市人民政府")),
            ("沛县", None),
        ];
        for (written, want) in cases {
            assert_eq!(
                super::division_government(&res.places, written, &wuxi).as_deref(),
                want,
                "{written}"
            );
        }
    }
}
