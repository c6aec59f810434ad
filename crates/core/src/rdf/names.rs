//! Name summaries: for every name under which people were seen for several organisations, or that stands for several people, the row of the whole-corpus lists that ask about it.
//!
//! `people-multiple-orgs` and `ambiguous-people` group every attendance
//! record of the corpus by the person's name; answered from the records, they
//! cost a few index reads per record (tens of seconds at 100,000 meetings).
//! The summary graph holds their rows instead, one node per name that has one:
//!
//! | node | IRI under the base | class | properties |
//! |---|---|---|---|
//! | name | `summary/name/{name}` | `jy:NameSummary` | `jy:name`; `jy:organizationCount`, `jy:organizationMeetings` when the name was seen for several organisations; `jy:personCount`, `jy:personRecords` when it stands for several people |
//!
//! Both rows are computed from [`NameRecord`]s, one per attendance record of
//! a person, by [`NameRows`]:
//!
//! - organisations: the records that make a membership (an organisation and a
//!   meeting, any role but 请假) whose organisation has a label and whose
//!   meeting has an ordinal give a piece `{organisation} @ 第{n}次`; a name
//!   whose pieces name more than one organisation has `jy:organizationCount`
//!   (those organisations) and `jy:organizationMeetings` (the distinct pieces);
//! - people: every record gives a piece `{person key} ← {organisation or —} @
//!   第{n or ?}次` (the key is the person's IRI after `person/`); a name whose
//!   records name more than one person has `jy:personCount` (those people) and
//!   `jy:personRecords` (the distinct pieces).
//!
//! Pieces are joined with `; ` in code-point order, so the same records give
//! the same literals. A row depends on every record of its name across the
//! corpus, so it is not a document's contribution: a bulk load adds every
//! document's records up in memory, and a transaction computes the rows of
//! the names it touches again from the store's records of those names.
//!
//! ```
//! use jiyao_core::rdf::names::{NameRecord, NameRows};
//! use oxrdf::NamedNode;
//! let n = |s: &str| NamedNode::new_unchecked(format!("https://w3id.org/jiyao/id/{s}"));
//! let record = |person: &str, org: &str, meeting: &str, ordinal: &str| NameRecord {
//!     name: "黄戟".to_owned(),
//!     person: n(person),
//!     org: Some(n(org)),
//!     org_label: Some(org.trim_start_matches("org/").to_owned()),
//!     meeting: n(meeting),
//!     ordinal: Some(ordinal.to_owned()),
//!     absent: false,
//! };
//! let mut rows = NameRows::default();
//! rows.add(&record("person/苏州市人民政府/黄戟/甲", "org/甲局", "meeting/86", "86"));
//! rows.add(&record("person/苏州市人民政府/黄戟/乙", "org/乙局", "meeting/86", "86"));
//! let row = &rows.rows()[0];
//! assert_eq!(row.organizations, Some((2, "乙局 @ 第86次; 甲局 @ 第86次".to_owned())));
//! assert_eq!(row.people.as_ref().map(|p| p.0), Some(2));
//! ```

use super::iri::Base;
use super::vocab::{foaf, jy, skos};
use oxrdf::vocab::rdf;
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One attendance record of a person, with what the name summaries read of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRecord {
    /// The person's name (`foaf:name`).
    pub name: String,
    /// The person.
    pub person: NamedNode,
    /// The organisation the record names, if any.
    pub org: Option<NamedNode>,
    /// The organisation's label (`skos:prefLabel`), when it has one.
    pub org_label: Option<String>,
    /// The meeting.
    pub meeting: NamedNode,
    /// The meeting's ordinal as written in the store (`jy:ordinal`), when it has one.
    pub ordinal: Option<String>,
    /// True for an absence (请假), which makes no membership.
    pub absent: bool,
}

/// Reads the [`NameRecord`]s of one document from its quads: its own graph's attendance records, with the names and labels its entity descriptions give.
///
/// A record without a person or a meeting, or whose person has no name among
/// the quads, gives none.
pub fn name_records(graph: &NamedNode, quads: &[Quad]) -> Vec<NameRecord> {
    let mine = |q: &Quad| matches!(&q.graph_name, GraphName::NamedNode(g) if g == graph);
    let iri = |t: &Term| match t {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    };
    let value = |t: &Term| match t {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    };
    // Per record: person, organisation, meeting, absent.
    let mut records: BTreeMap<NamedNode, [Option<NamedNode>; 3]> = BTreeMap::new();
    let mut absent = BTreeSet::new();
    let mut names: HashMap<NamedNode, String> = HashMap::new();
    let mut labels: HashMap<NamedNode, String> = HashMap::new();
    let mut ordinals: HashMap<NamedNode, String> = HashMap::new();
    for q in quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let p = q.predicate.as_ref();
        if p == foaf::NAME {
            if let Some(v) = value(&q.object) {
                names.entry(s.clone()).or_insert(v);
            }
        } else if p == skos::PREF_LABEL {
            if let Some(v) = value(&q.object) {
                labels.entry(s.clone()).or_insert(v);
            }
        } else if !mine(q) {
            continue;
        } else if p == jy::ORDINAL {
            if let Some(v) = value(&q.object) {
                ordinals.entry(s.clone()).or_insert(v);
            }
        } else if p == jy::ROLE {
            if q.object == jy::ABSENT.into() {
                absent.insert(s.clone());
            }
        } else if let Some(slot) = [jy::PERSON, jy::ORGANIZATION, jy::MEETING_PROP]
            .iter()
            .position(|x| *x == p)
        {
            if let Some(o) = iri(&q.object) {
                records.entry(s.clone()).or_default()[slot] = Some(o);
            }
        }
    }
    records
        .into_iter()
        .filter_map(|(r, [person, org, meeting])| {
            let person = person?;
            Some(NameRecord {
                name: names.get(&person)?.clone(),
                org_label: org.as_ref().and_then(|o| labels.get(o).cloned()),
                ordinal: meeting.as_ref().and_then(|m| ordinals.get(m).cloned()),
                meeting: meeting?,
                absent: absent.contains(&r),
                person,
                org,
            })
        })
        .collect()
}

/// The rows of one name ([`NameRows::rows`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRow {
    /// The name.
    pub name: String,
    /// How many organisations people of this name were seen for, and the pieces, when more than one.
    pub organizations: Option<(usize, String)>,
    /// How many people the name stands for, and the pieces of their records, when more than one.
    pub people: Option<(usize, String)>,
}

/// A value no interned id takes: a record without an organisation.
const NONE: u32 = u32::MAX;

/// Every record of many names, interned so that a corpus of millions of records stays in tens of megabytes, and the rows they make.
#[derive(Default)]
pub struct NameRows {
    names: Interned<String>,
    persons: Interned<NamedNode>,
    orgs: Interned<NamedNode>,
    meetings: Interned<NamedNode>,
    /// The label of each interned organisation, when it has one.
    org_labels: Vec<Option<String>>,
    /// The ordinal of each interned meeting, when it has one.
    ordinals: Vec<Option<String>>,
    /// (name, person, organisation or [`NONE`], meeting, absent), one per record.
    records: Vec<(u32, u32, u32, u32, bool)>,
}

/// Values numbered in the order they were first seen.
struct Interned<T> {
    ids: HashMap<T, u32>,
    values: Vec<T>,
}

impl<T> Default for Interned<T> {
    fn default() -> Self {
        Interned {
            ids: HashMap::new(),
            values: Vec::new(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Interned<T> {
    /// Returns the id of a value, numbering it when it is new; the bool is true when it was.
    fn id(&mut self, v: &T) -> (u32, bool) {
        if let Some(&id) = self.ids.get(v) {
            return (id, false);
        }
        let id = u32::try_from(self.values.len()).expect("fewer than 2^32 distinct values");
        self.ids.insert(v.clone(), id);
        self.values.push(v.clone());
        (id, true)
    }
}

impl NameRows {
    /// Adds one record (a record added twice counts once in every row: rows count distinct organisations, people and pieces).
    pub fn add(&mut self, r: &NameRecord) {
        let (name, _) = self.names.id(&r.name);
        let (person, _) = self.persons.id(&r.person);
        let org = match &r.org {
            Some(o) => {
                let (id, new) = self.orgs.id(o);
                if new {
                    self.org_labels.push(r.org_label.clone());
                }
                id
            }
            None => NONE,
        };
        let (meeting, new) = self.meetings.id(&r.meeting);
        if new {
            self.ordinals.push(r.ordinal.clone());
        }
        self.records.push((name, person, org, meeting, r.absent));
    }

    /// Returns true when no record was added.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Returns the rows of every name that has one, by name.
    pub fn rows(&self) -> Vec<NameRow> {
        let mut by_name: Vec<Vec<usize>> = vec![Vec::new(); self.names.values.len()];
        for (k, r) in self.records.iter().enumerate() {
            by_name[r.0 as usize].push(k);
        }
        let mut out: Vec<NameRow> = by_name
            .iter()
            .enumerate()
            .filter_map(|(name, records)| self.row(&self.names.values[name], records))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Returns the row of one name from its records, or `None` when it has neither list.
    fn row(&self, name: &str, records: &[usize]) -> Option<NameRow> {
        let mut orgs = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut people = BTreeSet::new();
        let mut pieces = BTreeSet::new();
        for &k in records {
            let (_, person, org, meeting, absent) = self.records[k];
            let label = (org != NONE)
                .then(|| self.org_labels[org as usize].as_deref())
                .flatten();
            let ordinal = self.ordinals[meeting as usize].as_deref();
            if let (false, Some(label), Some(ordinal)) = (absent, label, ordinal) {
                orgs.insert(org);
                seen.insert(format!("{label} @ 第{ordinal}次"));
            }
            let iri = self.persons.values[person as usize].as_str();
            people.insert(person);
            pieces.insert(format!(
                "{} ← {} @ 第{}次",
                iri.split_once("/person/").map_or("", |(_, key)| key),
                label.unwrap_or("—"),
                ordinal.unwrap_or("?")
            ));
        }
        let join = |s: BTreeSet<String>| s.into_iter().collect::<Vec<_>>().join("; ");
        let row = NameRow {
            name: name.to_owned(),
            organizations: (orgs.len() > 1).then(|| (orgs.len(), join(seen))),
            people: (people.len() > 1).then(|| (people.len(), join(pieces))),
        };
        (row.organizations.is_some() || row.people.is_some()).then_some(row)
    }
}

/// Returns the quads of one name's row, in the summary graph.
pub fn name_quads(base: &Base, row: &NameRow) -> Vec<Quad> {
    let g = GraphName::NamedNode(base.summary_graph());
    let s = base.name_summary(&row.name);
    let mut out = Vec::new();
    let mut add = |p, o: Term| out.push(Quad::new(s.clone(), p, o, g.clone()));
    let int = |n: usize| Term::from(Literal::from(i64::try_from(n).unwrap_or(i64::MAX)));
    add(rdf::TYPE, jy::NAME_SUMMARY.into());
    add(jy::NAME, Literal::new_simple_literal(&row.name).into());
    if let Some((n, pieces)) = &row.organizations {
        add(jy::ORGANIZATION_COUNT, int(*n));
        add(
            jy::ORGANIZATION_MEETINGS,
            Literal::new_simple_literal(pieces).into(),
        );
    }
    if let Some((n, pieces)) = &row.people {
        add(jy::PERSON_COUNT, int(*n));
        add(
            jy::PERSON_RECORDS,
            Literal::new_simple_literal(pieces).into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://x/{s}"))
    }

    fn q(s: &str, p: oxrdf::NamedNodeRef<'_>, o: impl Into<Term>, g: &NamedNode) -> Quad {
        Quad::new(n(s), p, o.into(), g.clone())
    }

    #[test]
    fn records_are_read_from_a_documents_quads() {
        let g = n("graph/doc");
        let e = n("graph/entities");
        let quads = vec![
            q("a1", jy::PERSON, n("person/gov/甲"), &g),
            q("a1", jy::ORGANIZATION, n("org/局"), &g),
            q("a1", jy::MEETING_PROP, n("m"), &g),
            q("a1", jy::ROLE, jy::ABSENT, &g),
            q("a2", jy::PERSON, n("person/gov/乙"), &g),
            q("a2", jy::MEETING_PROP, n("m"), &g),
            // A record of another graph is not this document's.
            q("a3", jy::PERSON, n("person/gov/甲"), &e),
            q("a3", jy::MEETING_PROP, n("m"), &e),
            // A person without a name gives no record.
            q("a4", jy::PERSON, n("person/gov/丙"), &g),
            q("a4", jy::MEETING_PROP, n("m"), &g),
            q("m", jy::ORDINAL, Literal::from(7), &g),
            q(
                "person/gov/甲",
                foaf::NAME,
                Literal::new_simple_literal("甲"),
                &e,
            ),
            q(
                "person/gov/乙",
                foaf::NAME,
                Literal::new_simple_literal("乙"),
                &e,
            ),
            q(
                "org/局",
                skos::PREF_LABEL,
                Literal::new_language_tagged_literal_unchecked("某局", "zh"),
                &e,
            ),
        ];
        let got = name_records(&g, &quads);
        assert_eq!(
            got,
            vec![
                NameRecord {
                    name: "甲".to_owned(),
                    person: n("person/gov/甲"),
                    org: Some(n("org/局")),
                    org_label: Some("某局".to_owned()),
                    meeting: n("m"),
                    ordinal: Some("7".to_owned()),
                    absent: true,
                },
                NameRecord {
                    name: "乙".to_owned(),
                    person: n("person/gov/乙"),
                    org: None,
                    org_label: None,
                    meeting: n("m"),
                    ordinal: Some("7".to_owned()),
                    absent: false,
                },
            ]
        );
    }

    fn record(
        person: &str,
        org: Option<(&str, Option<&str>)>,
        ordinal: Option<&str>,
    ) -> NameRecord {
        NameRecord {
            name: "王伟".to_owned(),
            person: n(&format!("person/{person}")),
            org: org.map(|(o, _)| n(o)),
            org_label: org.and_then(|(_, l)| l.map(str::to_owned)),
            meeting: n(&format!("meeting/{}", ordinal.unwrap_or("x"))),
            ordinal: ordinal.map(str::to_owned),
            absent: false,
        }
    }

    #[test]
    fn rows_count_what_the_lists_count() {
        let mut rows = NameRows::default();
        // One person under two organisations, one of them without a label; a second person with no organisation.
        rows.add(&record(
            "甲市/王伟",
            Some(("org/a", Some("甲市财政局"))),
            Some("3"),
        ));
        rows.add(&record("甲市/王伟", Some(("org/b", None)), Some("3")));
        rows.add(&record("乙市/王伟", None, None));
        let got = rows.rows();
        assert_eq!(
            got,
            vec![NameRow {
                name: "王伟".to_owned(),
                // Only the labelled organisation makes a piece, so the name is not under several.
                organizations: None,
                people: Some((
                    2,
                    "乙市/王伟 ← — @ 第?次; 甲市/王伟 ← — @ 第3次; 甲市/王伟 ← 甲市财政局 @ 第3次"
                        .to_owned()
                )),
            }]
        );
        // A labelled second organisation, and an absence that makes no membership.
        rows.add(&record(
            "甲市/王伟",
            Some(("org/c", Some("甲市税务局"))),
            Some("4"),
        ));
        let mut absent = record("甲市/王伟", Some(("org/d", Some("甲市公安局"))), Some("5"));
        absent.absent = true;
        rows.add(&absent);
        assert_eq!(
            rows.rows()[0].organizations,
            Some((2, "甲市税务局 @ 第4次; 甲市财政局 @ 第3次".to_owned()))
        );
        // The same records added again change nothing.
        let before = rows.rows();
        rows.add(&record(
            "甲市/王伟",
            Some(("org/a", Some("甲市财政局"))),
            Some("3"),
        ));
        assert_eq!(rows.rows(), before);
    }

    #[test]
    fn a_name_with_one_person_and_one_organisation_has_no_row() {
        let mut rows = NameRows::default();
        rows.add(&record(
            "甲市/王伟",
            Some(("org/a", Some("甲市财政局"))),
            Some("3"),
        ));
        rows.add(&record(
            "甲市/王伟",
            Some(("org/a", Some("甲市财政局"))),
            Some("4"),
        ));
        assert_eq!(rows.rows(), Vec::new());
        assert!(!rows.is_empty());
    }
}
