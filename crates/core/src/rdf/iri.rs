//! Deterministic IRIs: the same name always gives the same IRI under the same base.
//!
//! Every IRI is the base IRI (default [`DEFAULT_BASE`], overridable) followed
//! by a kind segment and the names that identify the thing, each encoded with
//! [`encode_segment`]. Unicode is kept as it is (IRIs allow it), so an IRI
//! stays readable: `https://w3id.org/jiyao/id/person/苏州市人民政府/蔡剑峰`. Spaces,
//! characters reserved in IRIs (`/ ? # [ ] @ : ! $ & ' ( ) * + , ; = %`),
//! characters IRIs forbid (`< > " { } | \ ^` and controls) and Unicode
//! white space are percent-encoded as UTF-8.
//!
//! | Thing | IRI under the base |
//! |---|---|
//! | meeting | `meeting/{issuer}/{ordinal}`, else `meeting/{issuer}/doc/{doc number}`, else `meeting/source/{file}` |
//! | agenda item | `{meeting}/item/{ordinal}` |
//! | organisation | `org/{canonical name}` (unknown ones: as written) |
//! | person | `person/{government}/{name}`, plus `/{disambiguator}` when the identity rule or `data/people.csv` splits a name |
//! | policy document | `document/{title}` |
//! | topic, scheme | `topic/{scheme}/{id}`, `scheme/{scheme}` |
//! | source document | `source/{file name}`; its records `source/{file}/attendance/{n}` … |
//! | named graphs | `graph/source/{file name}`, `graph/topics`, `graph/memberships` |
//! | membership | `membership/{person key}/{organisation}` |
//! | summaries | `graph/summary`; `summary/year/{year}`, `summary/year/{year}/topic/{topic key}`, `summary/org/{org key}`, `summary/person/{person key}` |
//!
//! ```
//! use jiyao_core::rdf::iri::Base;
//! let base = Base::default();
//! let key = jiyao_core::resolve::people::PersonKey::new("苏州市人民政府", "蔡剑峰", None);
//! assert_eq!(base.person(&key).as_str(), "https://w3id.org/jiyao/id/person/苏州市人民政府/蔡剑峰");
//! assert_eq!(base.document("A/B 办法").as_str(), "https://w3id.org/jiyao/id/document/A%2FB%20办法");
//! assert!(Base::new("not an iri").is_err());
//! ```

use crate::resolve::people::PersonKey;
use oxrdf::NamedNode;
use std::fmt::Write;

/// The default base IRI of everything jiyao mints.
pub const DEFAULT_BASE: &str = "https://w3id.org/jiyao/id/";

/// Why a base IRI was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IriError {
    /// The base is not an absolute IRI.
    #[error("base IRI {base:?} is not an absolute IRI: {reason}")]
    Invalid {
        /// The base as given.
        base: String,
        /// What the IRI parser said.
        reason: String,
    },
    /// The base does not end with `/` or `#`, so names could not be appended to it.
    #[error("base IRI {0:?} must end with '/' or '#'")]
    NoSeparator(String),
}

/// The base IRI all of jiyao's resource IRIs are minted under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base(String);

impl Default for Base {
    fn default() -> Self {
        Base(DEFAULT_BASE.to_owned())
    }
}

impl Base {
    /// Checks and wraps a base IRI: it must be absolute and end with `/` or `#`.
    pub fn new(base: &str) -> Result<Self, IriError> {
        NamedNode::new(base).map_err(|e| IriError::Invalid {
            base: base.to_owned(),
            reason: e.to_string(),
        })?;
        if !base.ends_with('/') && !base.ends_with('#') {
            return Err(IriError::NoSeparator(base.to_owned()));
        }
        Ok(Base(base.to_owned()))
    }

    /// Returns the base IRI as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn mint(&self, segments: &[&str]) -> NamedNode {
        let mut iri = self.0.clone();
        for (k, s) in segments.iter().enumerate() {
            if k > 0 {
                iri.push('/');
            }
            iri.push_str(s);
        }
        // Every segment is either a fixed ASCII word or went through encode_segment.
        NamedNode::new_unchecked(iri)
    }

    /// Returns the IRI of a meeting, from its issuer, date and ordinal, else its document number, else its file.
    ///
    /// Ordinals restart with each government's term (and, in some cities, each
    /// year), so the date is part of a meeting's identity when it is known:
    /// `meeting/苏州市人民政府/2020-11-02/115`.
    pub fn meeting(
        &self,
        issuer: Option<&str>,
        date: Option<&str>,
        ordinal: Option<u32>,
        doc_number: Option<&str>,
        file: &str,
    ) -> NamedNode {
        let issuer = encode_segment(issuer.unwrap_or("unknown"));
        match (ordinal, doc_number) {
            (Some(n), _) => match date {
                Some(d) => self.mint(&["meeting", &issuer, &encode_segment(d), &n.to_string()]),
                None => self.mint(&["meeting", &issuer, &n.to_string()]),
            },
            (None, Some(d)) => self.mint(&["meeting", &issuer, "doc", &encode_segment(d)]),
            (None, None) => self.mint(&["meeting", "source", &encode_segment(file)]),
        }
    }

    /// Returns the IRI of an agenda item of a meeting.
    pub fn agenda_item(&self, meeting: &NamedNode, ordinal: u32) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/item/{ordinal}", meeting.as_str()))
    }

    /// Returns the IRI of an organisation, by canonical name (or written name when unknown).
    pub fn org(&self, name: &str) -> NamedNode {
        self.mint(&["org", &encode_segment(name)])
    }

    /// Returns the IRI of a person: `person/{government}/{name}`, plus `/{disambiguator}` for a split name.
    ///
    /// An unknown government is written `unknown`, as in meeting IRIs.
    pub fn person(&self, key: &PersonKey) -> NamedNode {
        let gov = match key.government() {
            "" => "unknown".to_owned(),
            g => encode_segment(g),
        };
        let name = encode_segment(key.name());
        match key.disambiguator() {
            Some(d) => self.mint(&["person", &gov, &name, &encode_segment(d)]),
            None => self.mint(&["person", &gov, &name]),
        }
    }

    /// Returns the IRI of a policy document, by title.
    pub fn document(&self, title: &str) -> NamedNode {
        self.mint(&["document", &encode_segment(title)])
    }

    /// Returns the IRI of a concept scheme.
    pub fn scheme(&self, scheme: &str) -> NamedNode {
        self.mint(&["scheme", &encode_segment(scheme)])
    }

    /// Returns the IRI of a topic of a scheme, by its id.
    pub fn topic(&self, scheme: &str, id: &str) -> NamedNode {
        self.mint(&["topic", &encode_segment(scheme), &encode_segment(id)])
    }

    /// Returns the IRI of a source document, by file name.
    pub fn source(&self, file: &str) -> NamedNode {
        self.mint(&["source", &encode_segment(file)])
    }

    /// Returns the IRI of the `n`-th record of a kind (`attendance`, `mention`, `topic-link`, `diagnostic`) of a source document.
    pub fn record(&self, source: &NamedNode, kind: &str, n: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{kind}/{n}", source.as_str()))
    }

    /// Returns the name of the graph holding everything read from one source document.
    pub fn source_graph(&self, file: &str) -> NamedNode {
        self.mint(&["graph", "source", &encode_segment(file)])
    }

    /// Returns the prefix every source-document graph name starts with.
    pub fn source_graph_prefix(&self) -> String {
        format!("{}graph/source/", self.0)
    }

    /// Returns the name of the graph holding the topic scheme.
    pub fn topics_graph(&self) -> NamedNode {
        self.mint(&["graph", "topics"])
    }

    /// Returns the name of the graph holding what is said of entities themselves (names, labels, kinds), shared by all documents.
    pub fn entities_graph(&self) -> NamedNode {
        self.mint(&["graph", "entities"])
    }

    /// Returns the name of the graph holding the derived memberships.
    pub fn memberships_graph(&self) -> NamedNode {
        self.mint(&["graph", "memberships"])
    }

    /// Returns the name of the graph holding the whole-corpus summaries ([`crate::rdf::summary`]).
    pub fn summary_graph(&self) -> NamedNode {
        self.mint(&["graph", "summary"])
    }

    /// Returns the IRI of the summary of the whole corpus.
    pub fn corpus_summary(&self) -> NamedNode {
        self.mint(&["summary", "corpus"])
    }

    /// Returns the IRI of the summary of one year.
    pub fn year_summary(&self, year: i32) -> NamedNode {
        self.mint(&["summary", "year", &year.to_string()])
    }

    /// Returns the IRI of the summary of one topic (by IRI, minted under this base) in one year.
    pub fn topic_year_summary(&self, topic: &NamedNode, year: i32) -> NamedNode {
        let key = self.key(topic, "topic/");
        self.mint(&["summary", "year", &year.to_string(), "topic", &key])
    }

    /// Returns the IRI of the summary of one topic (by IRI, minted under this base) in one month (`2020-03`).
    pub fn topic_month_summary(&self, topic: &NamedNode, year: i32, month: u32) -> NamedNode {
        let key = self.key(topic, "topic/");
        self.mint(&[
            "summary",
            "month",
            &crate::date::year_month(year, month),
            "topic",
            &key,
        ])
    }

    /// Returns the IRI of the summary of one organisation (by IRI, minted under this base).
    pub fn org_summary(&self, org: &NamedNode) -> NamedNode {
        let key = self.key(org, "org/");
        self.mint(&["summary", "org", &key])
    }

    /// Returns the IRI of the summary of one person (by IRI, minted under this base).
    pub fn person_summary(&self, person: &NamedNode) -> NamedNode {
        let key = self.key(person, "person/");
        self.mint(&["summary", "person", &key])
    }

    /// Returns the IRI of the store itself, the node its format is stated on.
    pub fn store_node(&self) -> NamedNode {
        self.mint(&["store"])
    }

    /// Returns the IRI of the summary of one name (a person's `foaf:name`).
    pub fn name_summary(&self, name: &str) -> NamedNode {
        self.mint(&["summary", "name", &encode_segment(name)])
    }

    /// Returns the IRI of the summary of the diagnostics of one severity and code.
    pub fn diagnostic_summary(&self, severity: &str, code: &str) -> NamedNode {
        self.mint(&[
            "summary",
            "diagnostic",
            &encode_segment(severity),
            &encode_segment(code),
        ])
    }

    /// Returns what follows `{base}{kind}` in an IRI minted under this base, as one segment (its `/` encoded).
    fn key(&self, iri: &NamedNode, kind: &str) -> String {
        let rest = iri
            .as_str()
            .strip_prefix(self.0.as_str())
            .and_then(|r| r.strip_prefix(kind))
            .unwrap_or(iri.as_str());
        // Already-encoded segments keep their escapes; only the separators and '%' itself are re-encoded.
        encode_segment(rest)
    }

    /// Returns the IRI of the membership of a person (by IRI) in an organisation (by IRI).
    ///
    /// Both must have been minted under this base; the membership reuses their last segments.
    pub fn membership(&self, person: &NamedNode, org: &NamedNode) -> NamedNode {
        let person_key = person
            .as_str()
            .strip_prefix(&format!("{}person/", self.0))
            .unwrap_or(person.as_str());
        let org_key = org
            .as_str()
            .strip_prefix(&format!("{}org/", self.0))
            .unwrap_or(org.as_str());
        self.mint(&[
            "membership",
            &encode_segment(&format!("{person_key}@{org_key}")),
        ])
    }
}

/// Percent-encodes what may not appear as is in one IRI path segment; keeps Unicode letters.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if keep(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn keep(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
    }
    if c.is_whitespace() {
        return false;
    }
    // RFC 3987 ucschar.
    matches!(c as u32,
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF
        | 0x10000..=0x1FFFD | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD
        | 0x40000..=0x4FFFD | 0x50000..=0x5FFFD | 0x60000..=0x6FFFD
        | 0x70000..=0x7FFFD | 0x80000..=0x8FFFD | 0x90000..=0x9FFFD
        | 0xA0000..=0xAFFFD | 0xB0000..=0xBFFFD | 0xC0000..=0xCFFFD
        | 0xD0000..=0xDFFFD | 0xE1000..=0xEFFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_space_are_encoded_unicode_kept() {
        assert_eq!(encode_segment("市“331”专班"), "市“331”专班");
        assert_eq!(encode_segment("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
        assert_eq!(
            encode_segment("苏州市人民政府\u{3000}南京"),
            "苏州市人民政府%E3%80%80南京"
        );
        assert_eq!(encode_segment("〔2020〕3号"), "〔2020〕3号");
    }

    #[test]
    fn every_minted_iri_parses() {
        let b = Base::default();
        for name in ["a b", "<x>", "{}|\\^`", "\u{7f}", "〔2020〕3号", "\u{FFFF}"] {
            for iri in [
                b.person(&PersonKey::new(name, name, Some(name))),
                b.person(&PersonKey::new("", name, None)),
                b.org(name),
                b.document(name),
                b.source_graph(name),
            ] {
                assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            }
        }
    }

    #[test]
    fn meeting_by_issuer_date_and_ordinal_else_number_else_file() {
        let b = Base::default();
        assert_eq!(
            b.meeting(
                Some("苏州市人民政府"),
                Some("2020-11-02"),
                Some(115),
                None,
                "f"
            )
            .as_str(),
            "https://w3id.org/jiyao/id/meeting/苏州市人民政府/2020-11-02/115"
        );
        assert_eq!(
            b.meeting(Some("苏州市人民政府"), None, Some(115), None, "f")
                .as_str(),
            "https://w3id.org/jiyao/id/meeting/苏州市人民政府/115"
        );
        assert_eq!(
            b.meeting(None, None, None, Some("〔2020〕3号"), "f")
                .as_str(),
            "https://w3id.org/jiyao/id/meeting/unknown/doc/〔2020〕3号"
        );
        assert_eq!(
            b.meeting(None, None, None, None, "a b.txt").as_str(),
            "https://w3id.org/jiyao/id/meeting/source/a%20b.txt"
        );
    }

    #[test]
    fn base_must_end_with_separator() {
        assert!(matches!(
            Base::new("http://x.org/a"),
            Err(IriError::NoSeparator(_))
        ));
        assert_eq!(
            Base::new("http://x.org/a#").unwrap().as_str(),
            "http://x.org/a#"
        );
    }

    #[test]
    fn membership_reuses_keys() {
        let b = Base::default();
        let p = b.person(&PersonKey::new(
            "苏州市人民政府",
            "黄戟",
            Some("苏州市公安局"),
        ));
        assert_eq!(
            p.as_str(),
            "https://w3id.org/jiyao/id/person/苏州市人民政府/黄戟/苏州市公安局"
        );
        let m = b.membership(&p, &b.org("苏州市公安局"));
        assert_eq!(
            m.as_str(),
            "https://w3id.org/jiyao/id/membership/苏州市人民政府%2F黄戟%2F苏州市公安局%40苏州市公安局"
        );
        assert_eq!(
            b.person(&PersonKey::new("", "黄戟", None)).as_str(),
            "https://w3id.org/jiyao/id/person/unknown/黄戟"
        );
    }
}
