//! Who is who: the identity of officials, scoped by evidence, and the overrides of `data/people.csv`.
//!
//! # The rule
//!
//! A person is, by default, **a name within one issuing government**: 蔡剑峰
//! in 苏州市人民政府's minutes and 蔡剑峰 in 无锡市人民政府's are two people,
//! whatever their names share. Within one government a name is one person,
//! also when it moves from one organisation to another over time (a
//! membership change), **except where one meeting lists the name under two or
//! more organisations**: no single official explains those records, so at
//! that meeting each of them is the person of its organisation, keyed
//! `name/{canonical organisation}` ([`People::resolve_meeting`]).
//!
//! A name is the name as written, except on a page in traditional script
//! (繁體, decided for the page as a whole: `load::simplify::script_of`),
//! whose names are read through their simplified form: 蔡劍峰 there is the
//! 蔡剑峰 of a simplified page, one person (`rdf::person_name` makes the
//! sightings; the mapping keeps the written form as the person's
//! `skos:altLabel`). A simplified page's names stay as written, traditional
//! characters included: its 王颺 is 王颺, not 王飏.
//!
//! The rule reads one meeting at a time, never the rest of the corpus, so the
//! same document always gives the same graph whatever else was ingested
//! before or after it (a bulk load and document-by-document loads agree, and
//! re-ingest is idempotent). The price: a split name's records at other
//! meetings, where only one of its people appears, stay with the bare name,
//! which the data-quality view lists as ambiguous; `data/people.csv` settles
//! such a name for good.
//!
//! In the seeds this splits 黄戟 at 〔2020〕3号, which lists him under
//! 市公安局 and under 市资源规划局: 黄戟 of 苏州市公安局 and 黄戟 of
//! 苏州市自然资源和规划局 there, and 黄戟 (of 2019, under 市资源规划局) stays
//! the bare name. The extractor's `person-two-orgs` warning stays in the graph
//! as the evidence.
//!
//! # Overrides
//!
//! A row of `data/people.csv` matches a record by name (as written; the
//! simplified form for a page in traditional script), and optionally
//! by government, organisation and a date range of the meeting; the first
//! matching row decides the record's person, before and instead of the rule.
//! Its `person` is `name` or `name/disambiguator`, in the record's government
//! unless `person_government` names another (a merge across governments, which
//! only evidence written in the row justifies); `same_as` may give the person's
//! Wikidata id (`owl:sameAs` in the graph).
//!
//! ```
//! use jiyao_core::resolve::people::{People, Sighting};
//! let gov = "苏州市人民政府";
//! let p = People::from_csv("people.csv", "name,org,from,to,person,note\n黄戟,苏州市公安局,,,黄戟/公安,split\n").unwrap();
//! assert_eq!(p.resolve(gov, "黄戟", Some("苏州市公安局"), Some("2020-01-06")).to_string(), "苏州市人民政府/黄戟/公安");
//! assert_eq!(p.resolve(gov, "黄戟", Some("苏州市资源规划局"), None).to_string(), "苏州市人民政府/黄戟");
//! // Without overrides, one meeting listing a name under two organisations splits it there.
//! let seen = |org: &str| Sighting::new(gov, "张伟", Some(org), Some("2020-01-01"));
//! let keys = People::default().resolve_meeting(&[seen("甲局"), seen("乙局")]);
//! assert_eq!(keys[1].disambiguator(), Some("乙局"));
//! ```

use super::ResolveError;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

/// The overrides bundled at build time from `data/people.csv`.
pub const PEOPLE_CSV: &str = include_str!("../../../../data/people.csv");

/// A person's identity: the issuing government whose records name them, a name, and an optional disambiguator.
///
/// Displayed as `government/name` or `government/name/disambiguator`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonKey {
    government: String,
    name: String,
    disambiguator: Option<String>,
}

impl PersonKey {
    /// Builds a key; an empty government means the issuer is unknown.
    pub fn new(government: &str, name: &str, disambiguator: Option<&str>) -> Self {
        PersonKey {
            government: government.to_owned(),
            name: name.to_owned(),
            disambiguator: disambiguator.map(str::to_owned),
        }
    }

    /// Returns the issuing government (empty when unknown).
    pub fn government(&self) -> &str {
        &self.government
    }

    /// Returns the name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Returns the disambiguator, if any.
    pub fn disambiguator(&self) -> Option<&str> {
        self.disambiguator.as_deref()
    }
}

impl fmt::Display for PersonKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gov = if self.government.is_empty() {
            "unknown"
        } else {
            &self.government
        };
        write!(f, "{gov}/{}", self.name)?;
        if let Some(d) = &self.disambiguator {
            write!(f, "/{d}")?;
        }
        Ok(())
    }
}

/// One override row.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Override {
    /// The name it applies to: as written, in simplified characters for records of a page in traditional script.
    pub name: String,
    /// The issuing government it applies to (such as 苏州市人民政府), or empty for any.
    #[serde(default)]
    pub government: String,
    /// The organisation it applies to (canonical name), or empty for any.
    #[serde(default)]
    pub org: String,
    /// The first meeting date it applies to (ISO), or empty.
    #[serde(default)]
    pub from: String,
    /// The last meeting date it applies to (ISO), or empty.
    #[serde(default)]
    pub to: String,
    /// The person records get: `name` or `name/disambiguator`.
    pub person: String,
    /// The government of that person, when it is not the record's own (a merge across governments).
    #[serde(default)]
    pub person_government: String,
    /// The person's Wikidata id (Q…), when known.
    #[serde(default)]
    pub same_as: String,
    /// Why the row exists.
    #[serde(default)]
    pub note: String,
}

/// One record's worth of evidence for the identity rule: a name seen in a government's minutes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sighting {
    /// The issuing government of the minutes (empty when unknown).
    pub government: String,
    /// The name: as written, or its simplified form on a page in traditional script.
    pub name: String,
    /// The organisation the record names (canonical name, or as written when unknown).
    pub org: Option<String>,
    /// The meeting date (ISO), when known.
    pub date: Option<String>,
}

impl Sighting {
    /// Builds a sighting.
    pub fn new(government: &str, name: &str, org: Option<&str>, date: Option<&str>) -> Self {
        Sighting {
            government: government.to_owned(),
            name: name.to_owned(),
            org: org.map(str::to_owned),
            date: date.map(str::to_owned),
        }
    }
}

/// The overrides of `data/people.csv`, and the identity rule they take precedence over.
#[derive(Clone, Debug, Default)]
pub struct People {
    rows: Vec<Override>,
}

impl People {
    /// Returns the overrides bundled into the binary, parsed once per process.
    pub fn bundled() -> &'static People {
        static BUNDLED: OnceLock<People> = OnceLock::new();
        BUNDLED.get_or_init(|| People::from_csv("people.csv", PEOPLE_CSV).unwrap_or_default())
    }

    /// Parses the CSV (`name,government,org,from,to,person,person_government,same_as,note`;
    /// only `name` and `person` are required; lines starting with `#` are comments).
    pub fn from_csv(file: &str, text: &str) -> Result<Self, ResolveError> {
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let invalid = |line: u64, message: String| ResolveError::Invalid {
            file: file.to_owned(),
            line,
            message,
        };
        let headers = reader
            .headers()
            .map_err(|e| invalid(1, e.to_string()))?
            .clone();
        for record in reader.records() {
            let record =
                record.map_err(|e| invalid(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            let row: Override = record
                .deserialize(Some(&headers))
                .map_err(|e| invalid(line, e.to_string()))?;
            let is_date = |s: &str| {
                s.is_empty()
                    || (s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-')
            };
            if row.name.is_empty()
                || row.person.is_empty()
                || row.person.starts_with('/')
                || row.person.ends_with('/')
            {
                return Err(invalid(
                    line,
                    "name and person must be given; person is `name` or `name/disambiguator`"
                        .to_owned(),
                ));
            }
            if !is_date(&row.from) || !is_date(&row.to) {
                return Err(invalid(
                    line,
                    format!(
                        "dates must be ISO (YYYY-MM-DD): {:?}, {:?}",
                        row.from, row.to
                    ),
                ));
            }
            let q = row.same_as.strip_prefix('Q').unwrap_or("");
            if !row.same_as.is_empty() && (q.is_empty() || !q.bytes().all(|b| b.is_ascii_digit())) {
                return Err(invalid(
                    line,
                    format!("same_as must be a Wikidata id (Q123): {:?}", row.same_as),
                ));
            }
            rows.push(row);
        }
        Ok(People { rows })
    }

    /// Returns the rows, in file order.
    pub fn rows(&self) -> &[Override] {
        &self.rows
    }

    fn row(
        &self,
        government: &str,
        name: &str,
        org: Option<&str>,
        date: Option<&str>,
    ) -> Option<&Override> {
        self.rows.iter().find(|r| {
            r.name == name
                && (r.government.is_empty() || r.government == government)
                && (r.org.is_empty() || Some(r.org.as_str()) == org)
                && (r.from.is_empty() || date.is_some_and(|d| d >= r.from.as_str()))
                && (r.to.is_empty() || date.is_some_and(|d| d <= r.to.as_str()))
        })
    }

    /// Returns the person of one record, read alone (no other record of its meeting can split its name).
    ///
    /// A row with a date range does not match a record without a date.
    pub fn resolve(
        &self,
        government: &str,
        name: &str,
        org: Option<&str>,
        date: Option<&str>,
    ) -> PersonKey {
        self.resolve_meeting(&[Sighting::new(government, name, org, date)])
            .remove(0)
    }

    /// Returns the person of each record of one meeting, in order: an override's, else the identity rule's.
    ///
    /// A name that records of this meeting (not decided by an override) list
    /// under two or more organisations becomes one person per organisation,
    /// keyed `name/{organisation}`; its records without an organisation keep
    /// the bare name. A row with a date range does not match a record without a date.
    pub fn resolve_meeting(&self, records: &[Sighting]) -> Vec<PersonKey> {
        let rows: Vec<Option<&Override>> = records
            .iter()
            .map(|s| self.row(&s.government, &s.name, s.org.as_deref(), s.date.as_deref()))
            .collect();
        let mut orgs: HashMap<(&str, &str), BTreeSet<&str>> = HashMap::new();
        for (s, row) in records.iter().zip(&rows) {
            if let (None, Some(org)) = (row, &s.org) {
                orgs.entry((&s.government, &s.name))
                    .or_default()
                    .insert(org);
            }
        }
        records
            .iter()
            .zip(rows)
            .map(|(s, row)| match row {
                Some(r) => {
                    let gov = if r.person_government.is_empty() {
                        &s.government
                    } else {
                        &r.person_government
                    };
                    let (n, d) = match r.person.split_once('/') {
                        Some((n, d)) => (n, Some(d)),
                        None => (r.person.as_str(), None),
                    };
                    PersonKey::new(gov, n, d)
                }
                None => {
                    let split = orgs
                        .get(&(s.government.as_str(), s.name.as_str()))
                        .is_some_and(|o| o.len() > 1);
                    let d = s.org.as_deref().filter(|_| split);
                    PersonKey::new(&s.government, &s.name, d)
                }
            })
            .collect()
    }

    /// Returns the Wikidata id an override row gives the person, if any.
    pub fn same_as(&self, key: &PersonKey) -> Option<&str> {
        self.rows.iter().find_map(|r| {
            if r.same_as.is_empty() {
                return None;
            }
            let gov_ok = if r.person_government.is_empty() {
                r.government.is_empty() || r.government == key.government
            } else {
                r.person_government == key.government
            };
            let (n, d) = match r.person.split_once('/') {
                Some((n, d)) => (n, Some(d)),
                None => (r.person.as_str(), None),
            };
            (gov_ok && n == key.name && d == key.disambiguator()).then_some(r.same_as.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOV: &str = "苏州市人民政府";

    fn seen(name: &str, org: &str, date: &str) -> Sighting {
        Sighting::new(GOV, name, Some(org), Some(date))
    }

    #[test]
    fn bundled_file_parses_and_is_empty() {
        assert!(People::from_csv("people.csv", PEOPLE_CSV)
            .unwrap()
            .rows()
            .is_empty());
    }

    #[test]
    fn the_same_name_in_two_governments_is_two_people() {
        let p = People::default();
        let a = p.resolve(GOV, "蔡剑峰", None, None);
        let b = p.resolve("无锡市人民政府", "蔡剑峰", None, None);
        assert_ne!(a, b);
        assert_eq!(
            (a.to_string(), b.to_string()),
            (
                "苏州市人民政府/蔡剑峰".to_owned(),
                "无锡市人民政府/蔡剑峰".to_owned()
            )
        );
        assert_eq!(
            p.resolve("", "蔡剑峰", None, None).to_string(),
            "unknown/蔡剑峰"
        );
    }

    #[test]
    fn a_move_stays_one_person() {
        let p = People::default();
        let a = p.resolve(GOV, "王伟", Some("甲局"), Some("2019-01-01"));
        let b = p.resolve(GOV, "王伟", Some("乙局"), Some("2019-07-01"));
        assert_eq!(a, b);
        assert_eq!(a, PersonKey::new(GOV, "王伟", None));
    }

    #[test]
    fn two_organisations_at_one_meeting_are_two_people() {
        let p = People::default();
        let keys: Vec<String> = p
            .resolve_meeting(&[
                seen("王伟", "甲局", "2020-01-01"),
                seen("李强", "甲局", "2020-01-01"),
                seen("王伟", "乙局", "2020-01-01"),
                Sighting::new(GOV, "王伟", None, Some("2020-01-01")),
                Sighting::new("无锡市人民政府", "王伟", Some("丙局"), Some("2020-01-01")),
            ])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            keys,
            [
                "苏州市人民政府/王伟/甲局",
                "苏州市人民政府/李强",
                "苏州市人民政府/王伟/乙局",
                "苏州市人民政府/王伟",
                "无锡市人民政府/王伟"
            ]
        );
        // The same organisation twice is one person.
        let keys = p.resolve_meeting(&[
            seen("王伟", "甲局", "2020-01-01"),
            seen("王伟", "甲局", "2020-01-01"),
        ]);
        assert_eq!(keys[0], PersonKey::new(GOV, "王伟", None));
        assert_eq!(keys[0], keys[1]);
    }

    #[test]
    fn overrides_win_over_the_rule_and_merge_across_governments() {
        let p = People::from_csv(
            "p.csv",
            "name,government,org,from,to,person,person_government,same_as,note\n\
             李强,无锡市人民政府,,2021-01-01,,李强,苏州市人民政府,Q42,moved from 苏州 (fixture)\n",
        )
        .unwrap();
        let keys = p.resolve_meeting(&[
            Sighting::new("无锡市人民政府", "李强", Some("甲局"), Some("2021-02-01")),
            Sighting::new("无锡市人民政府", "李强", Some("乙局"), Some("2021-02-01")),
        ]);
        assert_eq!(keys[0], keys[1], "the row decides both, not the rule");
        let k = keys[1].clone();
        assert_eq!(k.to_string(), "苏州市人民政府/李强");
        assert_eq!(p.same_as(&k), Some("Q42"));
        assert_eq!(
            p.resolve("无锡市人民政府", "李强", Some("乙局"), Some("2020-02-01"))
                .to_string(),
            "无锡市人民政府/李强"
        );
    }

    #[test]
    fn date_ranges_split_by_period() {
        let p = People::from_csv(
            "p.csv",
            "name,org,from,to,person,note\n张伟,,,2019-12-31,张伟/甲,\n张伟,,2020-01-01,,张伟/乙,\n",
        )
        .unwrap();
        assert_eq!(
            p.resolve(GOV, "张伟", None, Some("2019-05-01")).to_string(),
            "苏州市人民政府/张伟/甲"
        );
        assert_eq!(
            p.resolve(GOV, "张伟", None, Some("2020-05-01"))
                .disambiguator(),
            Some("乙")
        );
        assert_eq!(p.resolve(GOV, "张伟", None, None).disambiguator(), None);
    }

    #[test]
    fn merge_maps_a_variant_to_a_person() {
        let p = People::from_csv(
            "p.csv",
            "name,org,from,to,person,note\n張偉,,,,张伟,traditional\n",
        )
        .unwrap();
        assert_eq!(p.resolve(GOV, "張偉", None, None).name(), "张伟");
    }

    #[test]
    fn bad_rows_name_the_line() {
        for (row, what) in [
            ("张伟,,2020/1/1,,张伟/甲,", "ISO"),
            ("张伟,,,,,", "person must be given"),
        ] {
            let err = People::from_csv("p.csv", &format!("name,org,from,to,person,note\n{row}\n"))
                .unwrap_err();
            assert!(err.to_string().starts_with("p.csv:2:"), "{err}");
            assert!(err.to_string().contains(what), "{err}");
        }
        let err = People::from_csv("p.csv", "name,person,same_as\n张伟,张伟,wd:42\n").unwrap_err();
        assert!(err.to_string().contains("Wikidata"), "{err}");
    }
}
