//! Whole-corpus summaries: the counts that questions spanning the corpus read instead of scanning it.
//!
//! The summary graph ([`Base::summary_graph`]) holds one node per
//!
//! | node | IRI under the base | class | properties |
//! |---|---|---|---|
//! | corpus | `summary/corpus` | `jy:CorpusSummary` | `jy:attendanceCount` |
//! | year | `summary/year/{year}` | `jy:YearSummary` | `jy:year`, `jy:meetingCount`, `jy:itemCount`, `jy:attendanceCount` |
//! | topic and year | `summary/year/{year}/topic/{topic key}` | `jy:TopicYearSummary` | `jy:about` (the topic), `jy:year`, `jy:itemCount` |
//! | topic and month | `summary/month/{yyyy-mm}/topic/{topic key}` | `jy:TopicMonthSummary` | `jy:about` (the topic), `jy:month`, `jy:linkCount` |
//! | organisation | `summary/org/{org key}` | `jy:OrganizationSummary` | `jy:about` (the organisation), `jy:recordCount`, `jy:documentCount` |
//! | person | `summary/person/{person key}` | `jy:PersonSummary` | `jy:about` (the person), `jy:recordCount` |
//! | diagnostics | `summary/diagnostic/{severity}/{code}` | `jy:DiagnosticSummary` | `jy:severity`, `jy:code`, `jy:diagnosticCount` |
//!
//! with every count an `xsd:integer` (a month an `xsd:gYearMonth`), and no node whose counts are all zero
//! (an organisation's two counts are each written only when not zero).
//! The counts are those of the bundled queries over the union of the source
//! graphs: a year counts its distinct dated meetings (`schema:startDate`),
//! their distinct agenda items (`schema:subEvent`) and their attendance records
//! (`jy:Attendance`, one per record of each document), and the corpus node
//! every attendance record, dated or not; a topic and year count
//! the distinct agenda items a `jy:TopicLink` ties to the topic, in the year of
//! the link's meeting; a topic and month count the links themselves (one per
//! link of each document, with an agenda item or with the meeting alone, in
//! the month of its meeting's date; each such link also names its node by
//! `jy:topicMonth`, in its own graph, so that a topic card reads one month's
//! links as one index range); an organisation or person counts the attendance records
//! naming it (`jy:organization`, `jy:person`), and an organisation the distinct
//! policy documents it leads (a `jy:DocumentMention`'s `jy:leadOrganization`
//! and `jy:document`, however many meetings decide on it); a severity and code
//! count the `jy:Diagnostic`s of the source graphs.
//!
//! Each document's share is its [`Contribution`], computed from the quads of
//! its own graph alone, so the store can compute it again from a stored graph
//! when the document is replaced or removed. Counts of records add and
//! subtract; the distinct keys ([`Distinct`]) count once however many
//! documents repeat them, so the store checks whether another document still
//! holds (or already held) a key before it changes the count.
//!
//! ```
//! use jiyao_core::rdf::{iri::Base, summary::{Summary, Tally}};
//! let base = Base::default();
//! let mut s = Summary::new();
//! s.entry(Tally::Year(2020)).or_default().meetings += 1;
//! let quads = jiyao_core::rdf::summary::summary_quads(&base, &s);
//! assert_eq!(quads.len(), 5); // type, year, three counts
//! assert_eq!(quads[0].subject.to_string(), "<https://w3id.org/jiyao/id/summary/year/2020>");
//! ```

use super::iri::Base;
use super::vocab::{jy, schema};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A summary node: what one set of counts is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tally {
    /// The whole corpus.
    Corpus,
    /// A calendar year.
    Year(i32),
    /// A topic in a year.
    TopicYear(NamedNode, i32),
    /// A topic in a month (year, month 1–12).
    TopicMonth(NamedNode, i32, u32),
    /// An organisation.
    Org(NamedNode),
    /// A person.
    Person(NamedNode),
    /// The diagnostics of one severity and code.
    Diagnostic {
        /// The severity as stored (`warning`, `error`, `info`).
        severity: String,
        /// The code as stored (`unknown-org`).
        code: String,
    },
}

/// The counts of one summary node (only those that apply to its kind are ever non-zero).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Distinct dated meetings (year).
    pub meetings: i64,
    /// Distinct agenda items (year; topic and year).
    pub items: i64,
    /// Topic links (topic and month).
    pub links: i64,
    /// Attendance records of the year's meetings (year), or of every meeting (corpus).
    pub attendance: i64,
    /// Attendance records naming the organisation or person.
    pub records: i64,
    /// Distinct policy documents the organisation leads.
    pub documents: i64,
    /// Diagnostics of the severity and code.
    pub diagnostics: i64,
}

impl Counts {
    /// Adds another set of counts, each multiplied by `sign` (1 or -1).
    pub fn add(&mut self, other: &Counts, sign: i64) {
        self.meetings += sign * other.meetings;
        self.items += sign * other.items;
        self.links += sign * other.links;
        self.attendance += sign * other.attendance;
        self.records += sign * other.records;
        self.documents += sign * other.documents;
        self.diagnostics += sign * other.diagnostics;
    }

    /// Returns true when every count is zero (the node is not written).
    pub fn is_zero(&self) -> bool {
        *self == Counts::default()
    }
}

/// Summaries keyed by node.
pub type Summary = BTreeMap<Tally, Counts>;

/// A key that counts once however many documents hold it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Distinct {
    /// A meeting with a date in that year.
    Meeting {
        /// The meeting.
        meeting: NamedNode,
        /// The year of its date.
        year: i32,
    },
    /// An agenda item of a meeting dated in that year.
    Item {
        /// The item.
        item: NamedNode,
        /// The year of its meeting's date.
        year: i32,
    },
    /// An agenda item linked to a topic, in the year of the link's meeting.
    TopicItem {
        /// The topic.
        topic: NamedNode,
        /// The item.
        item: NamedNode,
        /// The year of the link's meeting's date.
        year: i32,
    },
    /// A policy document an organisation leads, by any mention of any meeting.
    LeadDocument {
        /// The lead organisation.
        org: NamedNode,
        /// The document.
        document: NamedNode,
    },
}

impl Distinct {
    /// Returns the node this key counts towards and the count it adds there.
    pub fn tally(&self) -> (Tally, Counts) {
        match self {
            Distinct::Meeting { year, .. } => (
                Tally::Year(*year),
                Counts {
                    meetings: 1,
                    ..Counts::default()
                },
            ),
            Distinct::Item { year, .. } => (
                Tally::Year(*year),
                Counts {
                    items: 1,
                    ..Counts::default()
                },
            ),
            Distinct::TopicItem { topic, year, .. } => (
                Tally::TopicYear(topic.clone(), *year),
                Counts {
                    items: 1,
                    ..Counts::default()
                },
            ),
            Distinct::LeadDocument { org, .. } => (
                Tally::Org(org.clone()),
                Counts {
                    documents: 1,
                    ..Counts::default()
                },
            ),
        }
    }
}

/// One document's share of the summaries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contribution {
    /// Keys counted once across documents.
    pub distinct: BTreeSet<Distinct>,
    /// Counts that add across documents (attendance records, topic links).
    pub additive: Summary,
}

/// Returns the year and month of an ISO date (`2020-11-02` → (2020, 11)).
pub fn month_of(date: &str) -> Option<(i32, u32)> {
    let y = year_of(date)?;
    if date.as_bytes().get(7).is_some_and(|b| *b != b'-') {
        return None;
    }
    let m: u32 = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

/// Returns the year of an ISO date (`2020-11-02` → 2020).
pub fn year_of(date: &str) -> Option<i32> {
    let y = date.get(..4)?;
    if date.len() > 4 && date.as_bytes()[4] != b'-' {
        return None;
    }
    y.parse().ok()
}

/// Computes a document's contribution from the quads of its graph (quads of other graphs are ignored).
pub fn contribution(graph: &NamedNode, quads: &[Quad]) -> Contribution {
    let mine = |q: &&Quad| matches!(&q.graph_name, GraphName::NamedNode(g) if g == graph);
    let node = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
        NamedOrBlankNode::BlankNode(_) => None,
    };
    let object = |o: &Term| match o {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    };
    // Per dated meeting: the year of its date, and the month when the date has one.
    let mut meetings: HashMap<NamedNode, (i32, Option<u32>)> = HashMap::new();
    let mut is_meeting = BTreeSet::new();
    let mut is_attendance = BTreeSet::new();
    let mut is_diagnostic = BTreeSet::new();
    let mut is_mention = BTreeSet::new();
    // Per diagnostic: its severity and code; per document mention: its lead organisation and document.
    let mut diagnostics: HashMap<NamedNode, [Option<String>; 2]> = HashMap::new();
    let mut mentions: HashMap<NamedNode, [Option<NamedNode>; 2]> = HashMap::new();
    let mut items = Vec::new();
    // Per record node (attendance or topic link): its meeting, topic, item, person, organisation.
    let mut by_record: HashMap<NamedNode, [Option<NamedNode>; 5]> = HashMap::new();
    for q in quads.iter().filter(mine) {
        let Some(s) = node(&q.subject) else { continue };
        let p = q.predicate.as_ref();
        let slot = |p: NamedNodeRef<'_>| -> Option<usize> {
            [
                jy::MEETING_PROP,
                jy::TOPIC,
                jy::AGENDA_ITEM_PROP,
                jy::PERSON,
                jy::ORGANIZATION,
            ]
            .iter()
            .position(|x| *x == p)
        };
        if p == rdf::TYPE {
            if q.object == jy::MEETING.into() {
                is_meeting.insert(s);
            } else if q.object == jy::ATTENDANCE.into() {
                is_attendance.insert(s);
            } else if q.object == jy::DIAGNOSTIC.into() {
                is_diagnostic.insert(s);
            } else if q.object == jy::DOCUMENT_MENTION.into() {
                is_mention.insert(s);
            }
        } else if p == jy::SEVERITY || p == jy::CODE {
            if let Term::Literal(l) = &q.object {
                diagnostics.entry(s).or_default()[usize::from(p == jy::CODE)] =
                    Some(l.value().to_owned());
            }
        } else if p == jy::LEAD_ORGANIZATION || p == jy::DOCUMENT {
            if let Some(o) = object(&q.object) {
                mentions.entry(s).or_default()[usize::from(p == jy::DOCUMENT)] = Some(o);
            }
        } else if p == schema::START_DATE {
            if let Term::Literal(l) = &q.object {
                if let Some(y) = year_of(l.value()) {
                    meetings.insert(s, (y, month_of(l.value()).map(|(_, m)| m)));
                }
            }
        } else if p == schema::SUB_EVENT {
            if let Some(i) = object(&q.object) {
                items.push((s, i));
            }
        } else if let Some(k) = slot(p) {
            if let Some(o) = object(&q.object) {
                by_record.entry(s).or_default()[k] = Some(o);
            }
        }
    }
    let mut out = Contribution::default();
    meetings.retain(|m, _| is_meeting.contains(m));
    for (m, (y, _)) in &meetings {
        out.distinct.insert(Distinct::Meeting {
            meeting: m.clone(),
            year: *y,
        });
    }
    for (m, i) in items {
        if let Some((y, _)) = meetings.get(&m) {
            out.distinct.insert(Distinct::Item { item: i, year: *y });
        }
    }
    for (x, [org, document]) in mentions {
        if let (true, Some(org), Some(document)) = (is_mention.contains(&x), org, document) {
            out.distinct
                .insert(Distinct::LeadDocument { org, document });
        }
    }
    let mut bump = |t: Tally, c: Counts| out.additive.entry(t).or_default().add(&c, 1);
    for (d, [severity, code]) in diagnostics {
        if let (true, Some(severity), Some(code)) = (is_diagnostic.contains(&d), severity, code) {
            bump(
                Tally::Diagnostic { severity, code },
                Counts {
                    diagnostics: 1,
                    ..Counts::default()
                },
            );
        }
    }
    for (r, [m, topic, item, person, o]) in by_record {
        let date = m.as_ref().and_then(|m| meetings.get(m)).copied();
        let year = date.map(|(y, _)| y);
        if is_attendance.contains(&r) {
            bump(
                Tally::Corpus,
                Counts {
                    attendance: 1,
                    ..Counts::default()
                },
            );
            if let Some(y) = year {
                bump(
                    Tally::Year(y),
                    Counts {
                        attendance: 1,
                        ..Counts::default()
                    },
                );
            }
            let one = Counts {
                records: 1,
                ..Counts::default()
            };
            if let Some(p) = person {
                bump(Tally::Person(p), one);
            }
            if let Some(o) = o {
                bump(Tally::Org(o), one);
            }
        } else if let (Some(t), Some(y)) = (topic, year) {
            if let Some((y, Some(mo))) = date {
                bump(
                    Tally::TopicMonth(t.clone(), y, mo),
                    Counts {
                        links: 1,
                        ..Counts::default()
                    },
                );
            }
            if let Some(i) = item {
                out.distinct.insert(Distinct::TopicItem {
                    topic: t,
                    item: i,
                    year: y,
                });
            }
        }
    }
    out
}

/// Returns the quads of summary nodes, in the summary graph, in the order of the nodes; nodes whose counts are all zero give none.
pub fn summary_quads(base: &Base, summary: &Summary) -> Vec<Quad> {
    let mut out = Vec::new();
    for (t, c) in summary {
        out.extend(node_quads(base, t, c));
    }
    out
}

/// Returns the IRI of a summary node.
pub fn node_iri(base: &Base, tally: &Tally) -> NamedNode {
    match tally {
        Tally::Corpus => base.corpus_summary(),
        Tally::Year(y) => base.year_summary(*y),
        Tally::TopicYear(t, y) => base.topic_year_summary(t, *y),
        Tally::TopicMonth(t, y, mo) => base.topic_month_summary(t, *y, *mo),
        Tally::Org(o) => base.org_summary(o),
        Tally::Person(p) => base.person_summary(p),
        Tally::Diagnostic { severity, code } => base.diagnostic_summary(severity, code),
    }
}

/// Returns the quads of one summary node (none when its counts are all zero).
pub fn node_quads(base: &Base, tally: &Tally, c: &Counts) -> Vec<Quad> {
    if c.is_zero() {
        return Vec::new();
    }
    let g = GraphName::NamedNode(base.summary_graph());
    let s = node_iri(base, tally);
    let mut out = Vec::new();
    let mut add = |p: NamedNodeRef<'_>, o: Term| out.push(Quad::new(s.clone(), p, o, g.clone()));
    let int = |n: i64| Term::from(Literal::from(n));
    match tally {
        Tally::Corpus => {
            add(rdf::TYPE, jy::CORPUS_SUMMARY.into());
            add(jy::ATTENDANCE_COUNT, int(c.attendance));
        }
        Tally::Year(y) => {
            add(rdf::TYPE, jy::YEAR_SUMMARY.into());
            add(jy::YEAR, int(i64::from(*y)));
            add(jy::MEETING_COUNT, int(c.meetings));
            add(jy::ITEM_COUNT, int(c.items));
            add(jy::ATTENDANCE_COUNT, int(c.attendance));
        }
        Tally::TopicYear(t, y) => {
            add(rdf::TYPE, jy::TOPIC_YEAR_SUMMARY.into());
            add(jy::ABOUT, t.clone().into());
            add(jy::YEAR, int(i64::from(*y)));
            add(jy::ITEM_COUNT, int(c.items));
        }
        Tally::TopicMonth(t, y, mo) => {
            add(rdf::TYPE, jy::TOPIC_MONTH_SUMMARY.into());
            add(jy::ABOUT, t.clone().into());
            add(
                jy::MONTH,
                Literal::new_typed_literal(crate::date::year_month(*y, *mo), xsd::G_YEAR_MONTH)
                    .into(),
            );
            add(jy::LINK_COUNT, int(c.links));
        }
        Tally::Org(o) => {
            add(rdf::TYPE, jy::ORGANIZATION_SUMMARY.into());
            add(jy::ABOUT, o.clone().into());
            if c.records != 0 {
                add(jy::RECORD_COUNT, int(c.records));
            }
            if c.documents != 0 {
                add(jy::DOCUMENT_COUNT, int(c.documents));
            }
        }
        Tally::Person(p) => {
            add(rdf::TYPE, jy::PERSON_SUMMARY.into());
            add(jy::ABOUT, p.clone().into());
            add(jy::RECORD_COUNT, int(c.records));
        }
        Tally::Diagnostic { severity, code } => {
            add(rdf::TYPE, jy::DIAGNOSTIC_SUMMARY.into());
            add(jy::SEVERITY, Literal::new_simple_literal(severity).into());
            add(jy::CODE, Literal::new_simple_literal(code).into());
            add(jy::DIAGNOSTIC_COUNT, int(c.diagnostics));
        }
    }
    out
}

/// Reads the counts back from a summary node's quads (the inverse of [`node_quads`] for the counts).
pub fn counts_of(quads: &[Quad]) -> Counts {
    let mut c = Counts::default();
    for q in quads {
        let Term::Literal(l) = &q.object else {
            continue;
        };
        let Ok(n) = l.value().parse::<i64>() else {
            continue;
        };
        let p = q.predicate.as_ref();
        if p == jy::MEETING_COUNT {
            c.meetings = n;
        } else if p == jy::ITEM_COUNT {
            c.items = n;
        } else if p == jy::LINK_COUNT {
            c.links = n;
        } else if p == jy::ATTENDANCE_COUNT {
            c.attendance = n;
        } else if p == jy::RECORD_COUNT {
            c.records = n;
        } else if p == jy::DOCUMENT_COUNT {
            c.documents = n;
        } else if p == jy::DIAGNOSTIC_COUNT {
            c.diagnostics = n;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, p: NamedNodeRef<'_>, o: Term, g: &NamedNode) -> Quad {
        Quad::new(NamedNode::new_unchecked(s), p, o, g.clone())
    }

    fn n(s: &str) -> Term {
        NamedNode::new_unchecked(s).into()
    }

    #[test]
    fn month_of_reads_iso_dates_and_months() {
        for (date, month) in [
            ("2020-11-02", Some((2020, 11))),
            ("2020-03", Some((2020, 3))),
            ("2020", None),
            ("2020-13-01", None),
            ("2020-1-01", None),
            ("2020-11x02", None),
            ("20201102", None),
        ] {
            assert_eq!(month_of(date), month, "{date}");
        }
    }

    #[test]
    fn contribution_counts_dated_meetings_items_records_and_topic_items() {
        let g = NamedNode::new_unchecked("http://x/g");
        let other = NamedNode::new_unchecked("http://x/other");
        let date = Literal::new_typed_literal("2021-03-04", oxrdf::vocab::xsd::DATE);
        let quads = vec![
            q("http://x/m", rdf::TYPE, jy::MEETING.into(), &g),
            q("http://x/m", schema::START_DATE, date.into(), &g),
            q("http://x/m", schema::SUB_EVENT, n("http://x/m/i1"), &g),
            q("http://x/m", schema::SUB_EVENT, n("http://x/m/i2"), &g),
            q("http://x/a1", rdf::TYPE, jy::ATTENDANCE.into(), &g),
            q("http://x/a1", jy::MEETING_PROP, n("http://x/m"), &g),
            q("http://x/a1", jy::PERSON, n("http://x/p"), &g),
            q("http://x/a1", jy::ORGANIZATION, n("http://x/o"), &g),
            q("http://x/a2", rdf::TYPE, jy::ATTENDANCE.into(), &g),
            q("http://x/a2", jy::MEETING_PROP, n("http://x/m"), &g),
            q("http://x/a2", jy::ORGANIZATION, n("http://x/o"), &g),
            q("http://x/l", jy::TOPIC, n("http://x/t"), &g),
            q("http://x/l", jy::MEETING_PROP, n("http://x/m"), &g),
            q("http://x/l", jy::AGENDA_ITEM_PROP, n("http://x/m/i1"), &g),
            // A link of the meeting alone counts as a link, not as an item.
            q("http://x/l2", jy::TOPIC, n("http://x/t"), &g),
            q("http://x/l2", jy::MEETING_PROP, n("http://x/m"), &g),
            // Two mentions of one document with one lead count it once; a mention without a lead not at all.
            q("http://x/x1", rdf::TYPE, jy::DOCUMENT_MENTION.into(), &g),
            q("http://x/x1", jy::DOCUMENT, n("http://x/d"), &g),
            q("http://x/x1", jy::LEAD_ORGANIZATION, n("http://x/o"), &g),
            q("http://x/x2", rdf::TYPE, jy::DOCUMENT_MENTION.into(), &g),
            q("http://x/x2", jy::DOCUMENT, n("http://x/d"), &g),
            q("http://x/x2", jy::LEAD_ORGANIZATION, n("http://x/o"), &g),
            q("http://x/x3", rdf::TYPE, jy::DOCUMENT_MENTION.into(), &g),
            q("http://x/x3", jy::DOCUMENT, n("http://x/d2"), &g),
            q("http://x/dg1", rdf::TYPE, jy::DIAGNOSTIC.into(), &g),
            q(
                "http://x/dg1",
                jy::SEVERITY,
                Literal::new_simple_literal("warning").into(),
                &g,
            ),
            q(
                "http://x/dg1",
                jy::CODE,
                Literal::new_simple_literal("unknown-org").into(),
                &g,
            ),
            q("http://x/dg2", rdf::TYPE, jy::DIAGNOSTIC.into(), &g),
            q(
                "http://x/dg2",
                jy::SEVERITY,
                Literal::new_simple_literal("warning").into(),
                &g,
            ),
            q(
                "http://x/dg2",
                jy::CODE,
                Literal::new_simple_literal("unknown-org").into(),
                &g,
            ),
            // Another graph's quads do not count.
            q("http://x/a3", rdf::TYPE, jy::ATTENDANCE.into(), &other),
        ];
        let c = contribution(&g, &quads);
        let nn = NamedNode::new_unchecked;
        assert_eq!(
            c.distinct,
            BTreeSet::from([
                Distinct::Meeting {
                    meeting: nn("http://x/m"),
                    year: 2021
                },
                Distinct::Item {
                    item: nn("http://x/m/i1"),
                    year: 2021
                },
                Distinct::Item {
                    item: nn("http://x/m/i2"),
                    year: 2021
                },
                Distinct::TopicItem {
                    topic: nn("http://x/t"),
                    item: nn("http://x/m/i1"),
                    year: 2021
                },
                Distinct::LeadDocument {
                    org: nn("http://x/o"),
                    document: nn("http://x/d")
                },
            ])
        );
        let rec = |records| Counts {
            records,
            ..Counts::default()
        };
        assert_eq!(
            c.additive,
            Summary::from([
                (
                    Tally::Corpus,
                    Counts {
                        attendance: 2,
                        ..Counts::default()
                    }
                ),
                (
                    Tally::Year(2021),
                    Counts {
                        attendance: 2,
                        ..Counts::default()
                    }
                ),
                (
                    Tally::TopicMonth(nn("http://x/t"), 2021, 3),
                    Counts {
                        links: 2,
                        ..Counts::default()
                    }
                ),
                (Tally::Org(nn("http://x/o")), rec(2)),
                (Tally::Person(nn("http://x/p")), rec(1)),
                (
                    Tally::Diagnostic {
                        severity: "warning".to_owned(),
                        code: "unknown-org".to_owned()
                    },
                    Counts {
                        diagnostics: 2,
                        ..Counts::default()
                    }
                ),
            ])
        );
    }

    #[test]
    fn undated_meetings_count_nowhere_but_in_the_corpus_and_their_records_still_name_people() {
        let g = NamedNode::new_unchecked("http://x/g");
        let quads = vec![
            q("http://x/m", rdf::TYPE, jy::MEETING.into(), &g),
            q("http://x/m", schema::SUB_EVENT, n("http://x/m/i1"), &g),
            q("http://x/a1", rdf::TYPE, jy::ATTENDANCE.into(), &g),
            q("http://x/a1", jy::MEETING_PROP, n("http://x/m"), &g),
            q("http://x/a1", jy::PERSON, n("http://x/p"), &g),
        ];
        let c = contribution(&g, &quads);
        assert!(c.distinct.is_empty());
        assert_eq!(
            c.additive.keys().cloned().collect::<Vec<_>>(),
            vec![
                Tally::Corpus,
                Tally::Person(NamedNode::new_unchecked("http://x/p"))
            ]
        );
    }

    #[test]
    fn years_of_dates() {
        assert_eq!(year_of("2020-11-02"), Some(2020));
        assert_eq!(year_of("2020"), Some(2020));
        assert_eq!(year_of("20201102"), None);
        assert_eq!(year_of("x"), None);
    }

    #[test]
    fn node_quads_round_trip_their_counts_and_zero_nodes_vanish() {
        let base = Base::default();
        let t = Tally::TopicYear(base.topic("policy", "hydrogen"), 2022);
        let c = Counts {
            items: 7,
            ..Counts::default()
        };
        let quads = node_quads(&base, &t, &c);
        assert_eq!(
            quads[0].subject.to_string(),
            "<https://w3id.org/jiyao/id/summary/year/2022/topic/policy%2Fhydrogen>"
        );
        assert_eq!(counts_of(&quads), c);
        assert!(node_quads(&base, &t, &Counts::default()).is_empty());

        // An organisation that leads documents but is named by no record has no record count.
        let o = Tally::Org(base.org("苏州市财政局"));
        let c = Counts {
            documents: 3,
            ..Counts::default()
        };
        let quads = node_quads(&base, &o, &c);
        let predicates: Vec<String> = quads.iter().map(|q| q.predicate.to_string()).collect();
        assert_eq!(
            predicates,
            [
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
                "<https://w3id.org/jiyao/ontology#about>",
                "<https://w3id.org/jiyao/ontology#documentCount>",
            ]
        );
        assert_eq!(counts_of(&quads), c);

        let d = Tally::Diagnostic {
            severity: "warning".to_owned(),
            code: "unknown-org".to_owned(),
        };
        let c = Counts {
            diagnostics: 4,
            ..Counts::default()
        };
        let quads = node_quads(&base, &d, &c);
        assert_eq!(
            quads[0].subject.to_string(),
            "<https://w3id.org/jiyao/id/summary/diagnostic/warning/unknown-org>"
        );
        assert_eq!(counts_of(&quads), c);
    }
}
