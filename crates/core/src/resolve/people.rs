//! Who is who: the homonym policy and the overrides of `data/people.csv`.
//!
//! The policy is the simplest one that researchers can predict: **the same
//! written name is the same person**, across documents and organisations,
//! unless an override row says otherwise. A row matches an attendance record
//! by written name, and optionally by organisation and by a date range of the
//! meeting; the first matching row gives the record's person key, which is a
//! name optionally followed by `/` and a disambiguator. Two rows with the same
//! name and different keys split a name into two people; a row whose key names
//! another person merges a variant spelling into that person.
//!
//! Nothing is split by default: the two 黄戟 records of 〔2020〕3号 (one under
//! 市公安局, one under 市资源规划局) stay one person, and the extractor's
//! `person-two-orgs` warning, which the graph keeps as a `jy:Diagnostic`,
//! shows the doubt.
//!
//! ```
//! use jiyao_core::resolve::people::People;
//! let p = People::from_csv("people.csv", "name,org,from,to,person,note\n黄戟,苏州市公安局,,,黄戟/公安,split\n").unwrap();
//! assert_eq!(p.resolve("黄戟", Some("苏州市公安局"), Some("2020-01-06")).as_str(), "黄戟/公安");
//! assert_eq!(p.resolve("黄戟", Some("苏州市资源规划局"), None).as_str(), "黄戟");
//! assert_eq!(p.resolve("黄戟", None, None).name(), "黄戟");
//! ```

use super::ResolveError;
use serde::Deserialize;
use std::sync::OnceLock;

/// The overrides bundled at build time from `data/people.csv`.
pub const PEOPLE_CSV: &str = include_str!("../../../../data/people.csv");

/// A person's identity: a name and an optional disambiguator, written `name` or `name/disambiguator`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonKey(String);

impl PersonKey {
    /// Returns the key as written (`name` or `name/disambiguator`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the name part.
    pub fn name(&self) -> &str {
        self.0.split_once('/').map_or(&self.0, |(n, _)| n)
    }

    /// Returns the disambiguator, if any.
    pub fn disambiguator(&self) -> Option<&str> {
        self.0.split_once('/').map(|(_, d)| d)
    }
}

/// One override row.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Override {
    /// The written name it applies to.
    pub name: String,
    /// The organisation it applies to (canonical name), or empty for any.
    #[serde(default)]
    pub org: String,
    /// The first meeting date it applies to (ISO), or empty.
    #[serde(default)]
    pub from: String,
    /// The last meeting date it applies to (ISO), or empty.
    #[serde(default)]
    pub to: String,
    /// The person key records get.
    pub person: String,
    /// Why the row exists.
    #[serde(default)]
    pub note: String,
}

/// The override table.
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

    /// Parses the CSV (`name,org,from,to,person,note`; lines starting with `#` are comments).
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
            rows.push(row);
        }
        Ok(People { rows })
    }

    /// Returns the rows, in file order.
    pub fn rows(&self) -> &[Override] {
        &self.rows
    }

    /// Returns the person key of a record: the first matching override's, else the name itself.
    ///
    /// A row with a date range does not match a record without a date.
    pub fn resolve(&self, name: &str, org: Option<&str>, date: Option<&str>) -> PersonKey {
        let hit = self.rows.iter().find(|r| {
            r.name == name
                && (r.org.is_empty() || Some(r.org.as_str()) == org)
                && (r.from.is_empty() || date.is_some_and(|d| d >= r.from.as_str()))
                && (r.to.is_empty() || date.is_some_and(|d| d <= r.to.as_str()))
        });
        PersonKey(hit.map_or_else(|| name.to_owned(), |r| r.person.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_file_parses_and_is_empty() {
        assert!(People::from_csv("people.csv", PEOPLE_CSV)
            .unwrap()
            .rows()
            .is_empty());
    }

    #[test]
    fn date_ranges_split_by_period() {
        let p = People::from_csv(
            "p.csv",
            "name,org,from,to,person,note\n张伟,,,2019-12-31,张伟/甲,\n张伟,,2020-01-01,,张伟/乙,\n",
        )
        .unwrap();
        assert_eq!(
            p.resolve("张伟", None, Some("2019-05-01")).as_str(),
            "张伟/甲"
        );
        assert_eq!(
            p.resolve("张伟", None, Some("2020-05-01")).disambiguator(),
            Some("乙")
        );
        assert_eq!(p.resolve("张伟", None, None).as_str(), "张伟");
    }

    #[test]
    fn merge_maps_a_variant_to_a_person() {
        let p = People::from_csv(
            "p.csv",
            "name,org,from,to,person,note\n張偉,,,,张伟,traditional\n",
        )
        .unwrap();
        assert_eq!(p.resolve("張偉", None, None).as_str(), "张伟");
    }

    #[test]
    fn bad_date_names_the_line() {
        let err = People::from_csv(
            "p.csv",
            "name,org,from,to,person,note\n张伟,,2020/1/1,,张伟/甲,\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("p.csv:"), "{err}");
        assert!(err.to_string().contains("ISO"), "{err}");
    }
}
