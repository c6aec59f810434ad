//! Records to quads: the RDF mapping of what the extractor reads.
//!
//! [`Mapper::document`] turns one [`Extraction`] into a [`DocumentGraph`]: the
//! quads of one named graph per source document, plus the attendance facts
//! memberships are derived from. Only this module mints IRIs ([`iri`]); it
//! uses `oxrdf` terms but knows nothing of the store.
//!
//! # The mapping
//!
//! Vocabularies are reused wherever one fits ([`vocab`]): a meeting is a
//! `jy:Meeting` and a `schema:Event` with its agenda items as
//! `schema:subEvent`s; people are `foaf:Person`s; organisations
//! `org:Organization`s with `skos:prefLabel`/`skos:altLabel`@zh and
//! `org:subOrganizationOf` from the gazetteer; topics `skos:Concept`s.
//!
//! Every record node (the meeting, each agenda item, each `jy:DocumentMention`,
//! `jy:TopicLink`, `jy:Attendance` and `jy:Diagnostic`) carries its source span
//! (`jy:line`, `jy:column`, `jy:endLine`, `jy:endColumn`, 1-based, end column
//! exclusive) and `prov:hadPrimarySource` the `jy:SourceDocument` it was read
//! from, so every fact traces back to a file and a line. All quads of a
//! document live in the graph named by [`iri::Base::source_graph`]; entities
//! shared between documents (people, organisations, policy documents) are
//! described again in each graph that uses them, so removing a graph never
//! strips another document's facts.
//!
//! Attendance is an n-ary `jy:Attendance` node (`jy:meeting`, `jy:role`,
//! `jy:person`, `jy:organization`, `jy:note`), and for simple queries each
//! meeting also gets a direct `schema:attendee` edge to every person who was
//! there (every role but `jy:absent`). Agenda items get direct
//! `dcterms:subject` edges to their topics and `dcterms:references` edges to
//! their policy documents, next to the `jy:TopicLink`/`jy:DocumentMention`
//! evidence nodes. Extraction diagnostics become `jy:Diagnostic` nodes.
//!
//! Memberships are derived, not read: [`aggregate`] and [`membership_quads`]
//! turn attendance facts (person, organisation, meeting, date) into one
//! `org:Membership` per person and organisation, with `jy:meeting` edges to
//! the meetings they were seen at together, an OWL-Time interval from the
//! first to the last meeting date, plus a direct `org:memberOf`.
//!
//! The same input always gives the same quads: there are no blank nodes and
//! no timestamps.
//!
//! ```
//! use jiyao_core::{extract::extract, load, rdf::{Mapper, vocab::jy}, resolve::{people::People, Resources}};
//! let bytes = std::fs::read("../../data/minutes/001_e66f49d85cb24354.txt").unwrap();
//! let x = extract(&load::decode("001_e66f49d85cb24354.txt", &bytes).unwrap(), Resources::bundled()).unwrap();
//! let base = jiyao_core::rdf::iri::Base::default();
//! let mapper = Mapper::new(&base, Resources::bundled(), People::bundled());
//! let g = mapper.document(&x);
//! let records = g.quads.iter().filter(|q| q.predicate == oxrdf::vocab::rdf::TYPE && q.object == jy::ATTENDANCE.into()).count();
//! assert_eq!(records, x.attendance.len());
//! ```

pub mod iri;
pub mod names;
pub mod summary;
pub mod vocab;

use crate::date::Date;
use crate::diag::Span;
use crate::extract::{DeptRole, Extraction, OrgRef, Role};
use crate::load::simplify::Script;
use crate::load::{Format, TextEncoding};
use crate::resolve::people::{People, Sighting};
use crate::resolve::{OrgKind, Resources, TopicScheme};
use iri::Base;
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use vocab::{dcterms, foaf, jy, org, owl, prov, schema, skos, time};

/// The name of jiyao's topic scheme, used in topic and scheme IRIs.
pub const TOPIC_SCHEME: &str = "policy";

/// The quads read from one source document, and the facts memberships derive from.
#[derive(Clone, Debug)]
pub struct DocumentGraph {
    /// The source document's file name (no directory).
    pub file: String,
    /// The named graph all quads are in.
    pub graph: NamedNode,
    /// The quads, without duplicates, in a stable order.
    pub quads: Vec<Quad>,
    /// One fact per attendance record that names both a person and an organisation (absences excluded).
    pub facts: Vec<MembershipFact>,
}

/// Where Wikidata ids (`same_as` in `data/people.csv`) point: `owl:sameAs` objects are this plus the Q-id.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

/// The issuing government an extraction's people belong to: the issuer in simplified characters (蘇州市人民政府 is 苏州市人民政府), empty when unknown.
pub fn government(x: &Extraction) -> String {
    x.meeting
        .issuer
        .as_deref()
        .map(crate::load::simplify::to_simplified)
        .unwrap_or_default()
}

/// The name who is who keys a person by, for a name written on the page of `x`: on a page in traditional script its simplified form (蔡劍峰 is 蔡剑峰), elsewhere the name as written (王颺 stays 王颺).
///
/// The decision is the page's ([`Extraction::script`]), never the name's: a
/// simplified page that writes a name with a traditional character means that
/// character.
///
/// ```
/// let src = jiyao_core::load::decode("t.txt", "2024年1月11日上午，區長方志強主持召開區政府第3次常務會議。副區長韓冬出席會議。\n".as_bytes()).unwrap();
/// let x = jiyao_core::extract::extract(&src, jiyao_core::resolve::Resources::bundled()).unwrap();
/// assert_eq!(jiyao_core::rdf::person_name(&x, "方志強"), "方志强");
/// ```
pub fn person_name<'a>(x: &Extraction, written: &'a str) -> Cow<'a, str> {
    match x.script {
        Script::Traditional => Cow::Owned(crate::load::simplify::to_simplified(written)),
        Script::Simplified => Cow::Borrowed(written),
    }
}

/// What the identity rule reads of one document: one sighting per attendance record that names a person, in record order.
///
/// Each sighting's name is [`person_name`]'s: the simplified form on a page in
/// traditional script. [`People::resolve_meeting`] turns them into person
/// keys; the mapping and `jiyao eval` both go through it, so they agree on
/// who is who.
pub fn sightings(x: &Extraction) -> impl Iterator<Item = Sighting> + '_ {
    let gov = government(x);
    x.attendance.iter().filter_map(move |a| {
        Some(Sighting::new(
            &gov,
            &person_name(x, a.person.as_deref()?),
            a.org.as_ref().map(OrgRef::name),
            x.meeting.date.map(Date::iso).as_deref(),
        ))
    })
}

/// A person seen at a meeting for an organisation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MembershipFact {
    /// The person.
    pub person: NamedNode,
    /// The organisation.
    pub org: NamedNode,
    /// The meeting.
    pub meeting: NamedNode,
    /// The meeting date, when known.
    pub date: Option<Date>,
}

/// Maps extractions to quads under one base IRI, with the curated data names resolve against.
#[derive(Clone, Copy, Debug)]
pub struct Mapper<'a> {
    base: &'a Base,
    res: &'a Resources,
    people: &'a People,
}

impl<'a> Mapper<'a> {
    /// Builds a mapper.
    pub fn new(base: &'a Base, res: &'a Resources, people: &'a People) -> Self {
        Mapper { base, res, people }
    }

    /// Returns the base IRI.
    pub fn base(&self) -> &Base {
        self.base
    }

    /// Maps one extraction to the quads of its source document's graph.
    pub fn document(&self, x: &Extraction) -> DocumentGraph {
        let file = file_name(&x.file).to_owned();
        let graph = self.base.source_graph(&file);
        let base_entities = self.base.entities_graph();
        let mut w = Writer {
            graph: GraphName::NamedNode(graph.clone()),
            shared: GraphName::NamedNode(base_entities),
            quads: QuadSet::default(),
        };
        let base = self.base;
        let source = base.source(&file);
        w.add(&source, rdf::TYPE, jy::SOURCE_DOCUMENT);
        w.add(
            &source,
            dcterms::IDENTIFIER,
            Literal::new_simple_literal(&file),
        );
        w.add(
            &source,
            jy::ENCODING,
            Literal::new_simple_literal(encoding_name(x.encoding)),
        );
        let media = match x.format {
            Format::Text => "text/plain",
            Format::Html => "text/html",
        };
        w.add(&source, dcterms::FORMAT, Literal::new_simple_literal(media));
        w.add(
            &source,
            jy::SOURCE_KIND,
            Literal::new_simple_literal(x.meeting.kind.as_str()),
        );
        w.add(
            &source,
            jy::FORM,
            Literal::new_simple_literal(x.meeting.form.as_str()),
        );

        // The meeting.
        let m = &x.meeting;
        let meeting = base.meeting(
            m.issuer.as_deref(),
            m.date.map(Date::iso).as_deref(),
            m.ordinal,
            m.doc_number.as_deref(),
            &file,
        );
        w.add(&meeting, rdf::TYPE, jy::MEETING);
        w.add(&meeting, rdf::TYPE, schema::EVENT);
        w.record(&meeting, &m.span, &source);
        if let Some(issuer) = &m.issuer {
            let o = self.org_by_name(&mut w, issuer);
            w.add(&meeting, schema::ORGANIZER, o);
        }
        if let Some(t) = &m.title {
            w.add(&meeting, dcterms::TITLE, zh(t));
        }
        if let Some(d) = &m.doc_number {
            w.add(
                &meeting,
                dcterms::IDENTIFIER,
                Literal::new_simple_literal(d),
            );
        }
        if let Some(n) = m.ordinal {
            w.add(&meeting, jy::ORDINAL, Literal::from(n));
        }
        if let Some(d) = m.date {
            w.add(&meeting, schema::START_DATE, date(d));
            w.add(&meeting, dcterms::DATE, date(d));
        }
        if let Some(h) = &m.half_day {
            w.add(&meeting, jy::HALF_DAY, zh(h));
        }
        if let Some(t) = &m.chair_title {
            w.add(&meeting, jy::CHAIR_TITLE, zh(t));
        }
        if let Some(s) = &m.summary {
            w.add(&meeting, dcterms::DESCRIPTION, zh(s));
        }
        if let Some(d) = m.issued {
            w.add(&meeting, dcterms::ISSUED, date(d));
        }
        if let Some(p) = m.published {
            w.add(&meeting, jy::PUBLISHED, Literal::from(p));
        }
        if let Some(l) = m.level {
            w.add(&meeting, jy::LEVEL, Literal::new_simple_literal(l.as_str()));
        }
        if let Some(t) = m.term {
            w.add(&meeting, jy::TERM, Literal::from(t));
        }
        if let Some(c) = &m.combined {
            w.add(&meeting, jy::COMBINED_WITH, zh(c));
        }
        for i in &m.inferred {
            w.add(
                &meeting,
                jy::INFERRED,
                Literal::new_simple_literal(i.as_str()),
            );
            // The diagnostic that explains it: the same numbering as the diagnostics below.
            if let Some(k) = x.diagnostics.iter().position(|d| d.code == i.code()) {
                w.add(
                    &meeting,
                    jy::INFERRED_BY,
                    base.record(&source, "diagnostic", k + 1),
                );
            }
        }

        // Agenda items.
        for item in &x.items {
            let i = base.agenda_item(&meeting, item.ordinal);
            w.add(&i, rdf::TYPE, jy::AGENDA_ITEM);
            w.add(&i, rdf::TYPE, schema::EVENT);
            w.add(&meeting, schema::SUB_EVENT, &i);
            w.add(&i, schema::SUPER_EVENT, &meeting);
            w.record(&i, &item.span, &source);
            w.add(&i, jy::ORDINAL, Literal::from(item.ordinal));
            w.add(&i, dcterms::TITLE, zh(&item.heading));
            for a in &item.actions {
                w.add(&i, jy::ACTION, zh(a));
            }
            for d in &item.departments {
                let o = self.org(&mut w, &d.org);
                let p = match d.role {
                    DeptRole::Lead => jy::LEAD_ORGANIZATION,
                    DeptRole::CoLead => jy::CO_LEAD_ORGANIZATION,
                    DeptRole::Reporter => jy::REPORTING_ORGANIZATION,
                    DeptRole::Tasked => jy::TASKED_ORGANIZATION,
                };
                w.add(&i, p, o);
            }
        }
        let item_iri = |n: Option<u32>| {
            n.filter(|n| x.items.iter().any(|i| i.ordinal == *n))
                .map(|n| base.agenda_item(&meeting, n))
        };

        // Policy documents and their mentions.
        for (k, d) in x.documents.iter().enumerate() {
            let doc = base.document(&d.title);
            w.describe(&doc, rdf::TYPE, jy::POLICY_DOCUMENT);
            w.describe(&doc, dcterms::TITLE, zh(&d.title));
            for a in &d.aliases {
                w.describe(&doc, skos::ALT_LABEL, zh(a));
            }
            if let Some(kind) = &d.kind {
                w.describe(&doc, jy::DOCUMENT_KIND, zh(kind));
            }
            if let Some(s) = &d.status {
                w.describe(&doc, jy::STATUS, zh(s));
            }
            let r = base.record(&source, "mention", k + 1);
            w.add(&r, rdf::TYPE, jy::DOCUMENT_MENTION);
            w.record(&r, &d.span, &source);
            w.add(&r, jy::DOCUMENT, &doc);
            w.add(&r, jy::MEETING_PROP, &meeting);
            let holder = match item_iri(d.item) {
                Some(i) => {
                    w.add(&r, jy::AGENDA_ITEM_PROP, &i);
                    i
                }
                None => meeting.clone(),
            };
            w.add(&holder, dcterms::REFERENCES, &doc);
            if let Some(v) = &d.decision {
                w.add(&r, jy::DECISION, zh(v));
            }
            if let Some(v) = &d.next_step {
                w.add(&r, jy::NEXT_STEP, zh(v));
            }
            if let Some(o) = &d.lead {
                let o = self.org(&mut w, o);
                w.add(&r, jy::LEAD_ORGANIZATION, o);
            }
            for o in &d.co_leads {
                let o = self.org(&mut w, o);
                w.add(&r, jy::CO_LEAD_ORGANIZATION, o);
            }
            w.add(&r, jy::CITED, Literal::from(d.cited));
            if d.studied {
                w.add(&r, jy::STUDIED, Literal::from(true));
            }
            w.add(&r, jy::EVIDENCE, zh(&d.evidence));
        }

        // Topic links.
        for (k, t) in x.topics.iter().enumerate() {
            let topic = base.topic(TOPIC_SCHEME, &t.topic_id);
            let r = base.record(&source, "topic-link", k + 1);
            w.add(&r, rdf::TYPE, jy::TOPIC_LINK);
            w.record(&r, &t.span, &source);
            w.add(&r, jy::TOPIC, &topic);
            w.add(&r, jy::MEETING_PROP, &meeting);
            // The month's summary node, which the summary counts this link towards:
            // a topic's links of one month are then one index range.
            if let Some(d) = m.date {
                let (y, mo, _) = d.ymd();
                w.add(&r, jy::TOPIC_MONTH, base.topic_month_summary(&topic, y, mo));
            }
            if let Some(i) = item_iri(Some(t.item)) {
                w.add(&r, jy::AGENDA_ITEM_PROP, &i);
                w.add(&i, dcterms::SUBJECT, &topic);
            } else {
                w.add(&meeting, dcterms::SUBJECT, &topic);
            }
            w.add(&r, jy::MATCHED, zh(&t.matched));
            w.add(&r, jy::EVIDENCE, zh(&t.evidence));
        }

        // Attendance.
        let mut facts = Vec::new();
        let mut keys = self
            .people
            .resolve_meeting(&sightings(x).collect::<Vec<_>>())
            .into_iter();
        for (k, a) in x.attendance.iter().enumerate() {
            let r = base.record(&source, "attendance", k + 1);
            w.add(&r, rdf::TYPE, jy::ATTENDANCE);
            w.record(&r, &a.span, &source);
            w.add(&r, jy::MEETING_PROP, &meeting);
            w.add(&r, jy::ROLE, role_iri(a.role));
            let o = a.org.as_ref().map(|o| self.org(&mut w, o));
            if let Some(o) = &o {
                w.add(&r, jy::ORGANIZATION, o);
            }
            if let Some(written) = a.person.as_deref() {
                // One key per record that names a person, in record order.
                let Some(key) = keys.next() else { break };
                let p = base.person(&key);
                w.describe(&p, rdf::TYPE, foaf::PERSON);
                w.describe(&p, foaf::NAME, Literal::new_simple_literal(key.name()));
                // A traditional page's name, keyed by its simplified form, keeps its written form as a label.
                if person_name(x, written) != written {
                    let alt = Literal::new_language_tagged_literal_unchecked(written, "zh-hant");
                    w.describe(&p, skos::ALT_LABEL, alt);
                }
                if !key.government().is_empty() {
                    let g = base.org(key.government());
                    w.describe(&p, jy::GOVERNMENT, &g);
                }
                if let Some(q) = self.people.same_as(&key) {
                    let wd = NamedNode::new_unchecked(format!("{WIKIDATA_ENTITY}{q}"));
                    w.describe(&p, owl::SAME_AS, &wd);
                }
                w.add(&r, jy::PERSON, &p);
                if a.role != Role::Absent {
                    w.add(&meeting, schema::ATTENDEE, &p);
                    if let Some(o) = o {
                        facts.push(MembershipFact {
                            person: p,
                            org: o,
                            meeting: meeting.clone(),
                            date: m.date,
                        });
                    }
                }
            }
            if let Some(t) = &a.title {
                w.add(&r, jy::TITLE, zh(t));
            }
            if let Some(n) = &a.note {
                w.add(&r, jy::NOTE, zh(n));
            }
        }

        // Diagnostics.
        for (k, d) in x.diagnostics.iter().enumerate() {
            let r = base.record(&source, "diagnostic", k + 1);
            w.add(&r, rdf::TYPE, jy::DIAGNOSTIC);
            w.record(&r, &d.span, &source);
            w.add(&r, jy::CODE, Literal::new_simple_literal(d.code.as_str()));
            w.add(
                &r,
                jy::SEVERITY,
                Literal::new_simple_literal(d.severity.to_string()),
            );
            w.add(&r, jy::MESSAGE, Literal::new_simple_literal(&d.message));
        }

        DocumentGraph {
            file,
            graph,
            quads: w.quads.into_iter().collect(),
            facts,
        }
    }

    /// Describes an organisation named by a record and returns its IRI.
    fn org(&self, w: &mut Writer, o: &OrgRef) -> NamedNode {
        let iri = self.base.org(o.name());
        self.describe_org(w, &iri, o.name(), o.kind);
        if o.written != o.name() {
            w.describe(&iri, skos::ALT_LABEL, zh(&o.written));
        }
        iri
    }

    /// Describes an organisation known only by a name (an issuer, a parent) and returns its IRI.
    fn org_by_name(&self, w: &mut Writer, name: &str) -> NamedNode {
        let g = &self.res.gazetteer;
        let (canonical, kind) = match g.lookup(name).map(|id| g.org(id)) {
            Some(o) => (o.canonical.as_str(), o.kind),
            None => (name, OrgKind::Unknown),
        };
        let iri = self.base.org(canonical);
        self.describe_org(w, &iri, canonical, kind);
        if name != canonical {
            w.describe(&iri, skos::ALT_LABEL, zh(name));
        }
        iri
    }

    fn describe_org(&self, w: &mut Writer, iri: &NamedNode, name: &str, kind: OrgKind) {
        if !w.describe(iri, rdf::TYPE, org::ORGANIZATION) {
            return; // Already described in this graph.
        }
        w.describe(iri, skos::PREF_LABEL, zh(name));
        w.describe(
            iri,
            jy::ORG_KIND,
            Literal::new_simple_literal(kind.as_str()),
        );
        let g = &self.res.gazetteer;
        let Some(known) = g
            .lookup(name)
            .map(|id| g.org(id))
            .filter(|o| o.canonical == name)
        else {
            return;
        };
        for a in &known.aliases {
            w.describe(iri, skos::ALT_LABEL, zh(a));
        }
        if let Some(parent) = known.parent.clone() {
            if parent != name {
                let p = self.org_by_name(w, &parent);
                w.describe(iri, org::SUB_ORGANIZATION_OF, p);
            }
        }
    }
}

/// Collects one graph's quads, without duplicates.
struct Writer {
    graph: GraphName,
    /// The entities graph: descriptions of people, organisations and documents, shared by every document.
    shared: GraphName,
    quads: QuadSet,
}

/// A graph's quads in the order they were first added, each once.
///
/// Mapping adds every quad through it (about 700 per document), so it hashes
/// with FxHash and stores each quad once: with a `HashSet<Quad>` beside a
/// `Vec`, SipHash and a copy of four strings per quad made mapping 20% of an
/// ingest's CPU (perf, 10,000 generated meetings); it is 8% this way.
type QuadSet = indexmap::IndexSet<Quad, rustc_hash::FxBuildHasher>;

impl Writer {
    /// Adds a quad to the document's graph; returns false when it was there already.
    fn add(&mut self, s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: impl Object) -> bool {
        let g = self.graph.clone();
        self.add_to(g, s, p, o)
    }

    /// Adds a description of an entity to the shared entities graph; returns false when it was there already.
    ///
    /// A name or a label is the same whichever document says it: kept once,
    /// queries over the union of graphs see it once instead of once per
    /// document that names the entity.
    fn describe(&mut self, s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: impl Object) -> bool {
        let g = self.shared.clone();
        self.add_to(g, s, p, o)
    }

    fn add_to(
        &mut self,
        graph: GraphName,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: impl Object,
    ) -> bool {
        let q = Quad::new(NamedOrBlankNode::NamedNode(s.clone()), p, o.term(), graph);
        self.quads.insert(q)
    }

    /// Adds the span and primary source of a record node.
    fn record(&mut self, node: &NamedNode, span: &Span, source: &NamedNode) {
        self.add(node, jy::LINE, Literal::from(span.line));
        self.add(node, jy::COLUMN, Literal::from(span.col));
        self.add(node, jy::END_LINE, Literal::from(span.end_line));
        self.add(node, jy::END_COLUMN, Literal::from(span.end_col));
        self.add(node, prov::HAD_PRIMARY_SOURCE, source);
    }
}

/// What can be the object of a quad the writer adds: nodes by reference or value, and literals.
trait Object {
    fn term(self) -> Term;
}

impl Object for &NamedNode {
    fn term(self) -> Term {
        Term::NamedNode(self.clone())
    }
}

impl Object for NamedNode {
    fn term(self) -> Term {
        Term::NamedNode(self)
    }
}

impl Object for oxrdf::NamedNodeRef<'_> {
    fn term(self) -> Term {
        self.into()
    }
}

impl Object for Literal {
    fn term(self) -> Term {
        Term::Literal(self)
    }
}

/// Returns the file name part of a path as the extractor names it.
pub fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Returns the IRI of an attendance role individual.
pub fn role_iri(role: Role) -> oxrdf::NamedNodeRef<'static> {
    match role {
        Role::Chair => jy::CHAIR,
        Role::Present => jy::PRESENT,
        Role::Attending => jy::ATTENDING,
        Role::Recorder => jy::RECORDER,
        Role::Representative => jy::REPRESENTATIVE,
        Role::Absent => jy::ABSENT,
    }
}

fn encoding_name(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "utf-8",
        TextEncoding::Utf8Bom => "utf-8-bom",
        TextEncoding::Utf16Le => "utf-16le",
        TextEncoding::Utf16Be => "utf-16be",
        TextEncoding::Gb18030 => "gb18030",
        TextEncoding::Declared(name) => name,
        TextEncoding::Lossy => "lossy",
    }
}

fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "zh")
}

/// Returns the `xsd:date` literal of a date.
fn date(d: Date) -> Literal {
    Literal::new_typed_literal(d.iso(), xsd::DATE)
}

/// What is known of one membership: the meetings it was seen at and the first and last dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MembershipSummary {
    /// The distinct meetings.
    pub meetings: BTreeSet<NamedNode>,
    /// The earliest meeting date.
    pub first: Option<Date>,
    /// The latest meeting date.
    pub last: Option<Date>,
}

impl MembershipSummary {
    /// Adds a meeting and its date.
    pub fn add(&mut self, meeting: NamedNode, date: Option<Date>) {
        self.meetings.insert(meeting);
        if let Some(d) = date {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
    }
}

/// Memberships keyed by (person, organisation).
pub type Memberships = BTreeMap<(NamedNode, NamedNode), MembershipSummary>;

/// Aggregates attendance facts into memberships.
pub fn aggregate<'f>(facts: impl IntoIterator<Item = &'f MembershipFact>) -> Memberships {
    let mut out = Memberships::new();
    for f in facts {
        out.entry((f.person.clone(), f.org.clone()))
            .or_default()
            .add(f.meeting.clone(), f.date);
    }
    out
}

/// Returns the IRIs of the nodes one membership's quads describe: the membership, its interval, its two instants.
pub fn membership_nodes(base: &Base, person: &NamedNode, org: &NamedNode) -> [NamedNode; 4] {
    let m = base.membership(person, org);
    let sub = |s: &str| NamedNode::new_unchecked(format!("{}/{s}", m.as_str()));
    [sub("interval"), sub("begin"), sub("end"), m]
}

/// Derives the quads of the memberships graph.
///
/// One `org:Membership` per (person, organisation), with a `jy:meeting` edge
/// to each meeting they were seen at together and `jy:meetingCount` their
/// number, and, when any has a date, an `org:memberDuring` `time:Interval`
/// from the first to the last date; plus a direct `org:memberOf` edge.
pub fn membership_quads(base: &Base, memberships: &Memberships) -> Vec<Quad> {
    let mut quads = Vec::new();
    let _ = write_membership_quads(base, memberships, |q| {
        quads.push(q);
        Ok::<(), std::convert::Infallible>(())
    });
    quads
}

/// Hands the quads of [`membership_quads`] to `emit` one at a time, stopping at the first error.
///
/// Nothing is collected or remembered: every quad is distinct by construction
/// (one membership per person and organisation, one `jy:meeting` edge per
/// distinct meeting, interval nodes named after the membership), so a bulk load
/// can stream the millions of membership-to-meeting edges of a large corpus in
/// batches instead of holding them all.
pub fn write_membership_quads<E>(
    base: &Base,
    memberships: &Memberships,
    mut emit: impl FnMut(Quad) -> Result<(), E>,
) -> Result<(), E> {
    let graph = GraphName::NamedNode(base.memberships_graph());
    let mut add = |s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: Term| {
        emit(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o,
            graph.clone(),
        ))
    };
    for ((person, o), sum) in memberships {
        if sum.meetings.is_empty() {
            continue;
        }
        let [interval, begin, end, m] = membership_nodes(base, person, o);
        add(&m, rdf::TYPE, org::MEMBERSHIP.into())?;
        add(&m, org::MEMBER, person.clone().into())?;
        add(&m, org::ORGANIZATION_PROP, o.clone().into())?;
        for meeting in &sum.meetings {
            add(&m, jy::MEETING_PROP, meeting.clone().into())?;
        }
        add(
            &m,
            jy::MEETING_COUNT,
            Literal::from(sum.meetings.len() as u32).into(),
        )?;
        add(person, org::MEMBER_OF, o.clone().into())?;
        if let (Some(first), Some(last)) = (sum.first, sum.last) {
            add(&m, org::MEMBER_DURING, interval.clone().into())?;
            add(&interval, rdf::TYPE, time::INTERVAL.into())?;
            add(&interval, time::HAS_BEGINNING, begin.clone().into())?;
            add(&interval, time::HAS_END, end.clone().into())?;
            add(&begin, rdf::TYPE, time::INSTANT.into())?;
            add(&begin, time::IN_XSD_DATE, date(first).term())?;
            add(&end, rdf::TYPE, time::INSTANT.into())?;
            add(&end, time::IN_XSD_DATE, date(last).term())?;
        }
    }
    Ok(())
}

/// Returns the quads of the topic scheme (a `skos:ConceptScheme` and its `skos:Concept`s) in a graph.
pub fn topic_scheme_quads(base: &Base, scheme: &TopicScheme) -> Vec<Quad> {
    let mut w = Writer {
        graph: GraphName::NamedNode(base.topics_graph()),
        shared: GraphName::NamedNode(base.topics_graph()),
        quads: QuadSet::default(),
    };
    let s = base.scheme(TOPIC_SCHEME);
    w.add(&s, rdf::TYPE, skos::CONCEPT_SCHEME);
    w.add(&s, skos::PREF_LABEL, zh("政策主题"));
    w.add(
        &s,
        skos::PREF_LABEL,
        Literal::new_language_tagged_literal_unchecked("Policy topics", "en"),
    );
    for t in scheme.topics() {
        let c = base.topic(TOPIC_SCHEME, &t.id);
        w.add(&c, rdf::TYPE, skos::CONCEPT);
        w.add(&c, skos::IN_SCHEME, &s);
        w.add(&c, skos::PREF_LABEL, zh(&t.pref_label));
        w.add(
            &c,
            skos::PREF_LABEL,
            Literal::new_language_tagged_literal_unchecked(&t.pref_label_en, "en"),
        );
        for a in &t.alt_labels {
            w.add(&c, skos::ALT_LABEL, zh(a));
        }
        match &t.broader {
            Some(b) => {
                w.add(&c, skos::BROADER, base.topic(TOPIC_SCHEME, b));
            }
            None => {
                w.add(&c, skos::TOP_CONCEPT_OF, &s);
                w.add(&s, skos::HAS_TOP_CONCEPT, &c);
            }
        }
    }
    w.quads.into_iter().collect()
}

/// Writes the topic scheme as Turtle, with prefixes and one block per subject, in scheme order.
///
/// This is how `ontology/topics.ttl` is generated from `data/topics.csv`
/// (under the default base); a test keeps the committed file in step.
pub fn topic_scheme_turtle(base: &Base, scheme: &TopicScheme) -> String {
    let quads = topic_scheme_quads(base, scheme);
    let mut out = String::new();
    out.push_str("# Generated from data/topics.csv by jiyao (tests/graph.rs, JIYAO_BLESS=1). Do not edit by hand.\n");
    for (p, ns) in [
        ("skos", skos::NAMESPACE),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ] {
        out.push_str(&format!("@prefix {p}: <{ns}> .\n"));
    }
    let mut subjects: Vec<&NamedOrBlankNode> = Vec::new();
    for q in &quads {
        if !subjects.contains(&&q.subject) {
            subjects.push(&q.subject);
        }
    }
    for s in subjects {
        out.push('\n');
        out.push_str(&s.to_string());
        let props: Vec<&Quad> = quads.iter().filter(|q| &q.subject == s).collect();
        for (k, q) in props.iter().enumerate() {
            let p = if q.predicate == rdf::TYPE {
                "a".to_owned()
            } else {
                q.predicate.as_str().replace(skos::NAMESPACE, "skos:")
            };
            out.push_str(if k == 0 { " " } else { " ;\n    " });
            out.push_str(&format!("{p} {}", q.object));
        }
        out.push_str(" .\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::load;

    fn seed(name: &str) -> Extraction {
        let bytes = std::fs::read(format!(
            "{}/../../data/minutes/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        extract(&load::decode(name, &bytes).unwrap(), Resources::bundled()).unwrap()
    }

    #[test]
    fn mapping_is_deterministic() {
        let base = Base::default();
        let m = Mapper::new(&base, Resources::bundled(), People::bundled());
        let x = seed("004_acb563e421b872c8.txt");
        assert_eq!(m.document(&x).quads, m.document(&x).quads);
    }

    #[test]
    fn memberships_span_first_to_last_date() {
        let base = Base::default();
        let p = base.person(&crate::resolve::people::PersonKey::new("x", "甲", None));
        let o = base.org("乙");
        let fact = |n: u32, d: &str| MembershipFact {
            person: p.clone(),
            org: o.clone(),
            meeting: base.meeting(Some("x"), Some(d), Some(n), None, "f"),
            date: d.parse().ok(),
        };
        let facts = [
            fact(2, "2020-05-01"),
            fact(1, "2020-01-06"),
            fact(2, "2020-05-01"),
        ];
        let quads = membership_quads(&base, &aggregate(&facts));
        let unique: std::collections::HashSet<&Quad> = quads.iter().collect();
        assert_eq!(unique.len(), quads.len(), "streamed without repeats");
        let dates: Vec<String> = quads
            .iter()
            .filter(|q| q.predicate == time::IN_XSD_DATE)
            .map(|q| q.object.to_string())
            .collect();
        assert_eq!(
            dates,
            vec![
                "\"2020-01-06\"^^<http://www.w3.org/2001/XMLSchema#date>",
                "\"2020-05-01\"^^<http://www.w3.org/2001/XMLSchema#date>"
            ]
        );
        assert!(quads
            .iter()
            .any(|q| q.predicate == jy::MEETING_COUNT && q.object == Literal::from(2u32).into()));
    }

    #[test]
    fn reports_say_their_kind_and_what_was_inferred() {
        let base = Base::default();
        let m = Mapper::new(&base, Resources::bundled(), People::bundled());
        let text = "区政府召开第16次常务会议\n4月9日上午，区长方志强主持召开区政府第16次常务会议。副区长白玉兰出席会议。青岚区财政局负责同志列席会议。\n";
        let x = extract(
            &load::decode("r.txt", text.as_bytes()).unwrap(),
            Resources::bundled(),
        )
        .unwrap();
        let quads = m.document(&x).quads;
        let objects = |p: oxrdf::NamedNodeRef<'_>| -> Vec<String> {
            let mut v: Vec<String> = quads
                .iter()
                .filter(|q| q.predicate.as_ref() == p)
                .map(|q| q.object.to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(objects(jy::SOURCE_KIND), vec!["\"report\""]);
        assert_eq!(objects(jy::FORM), vec!["\"report\""]);
        assert_eq!(objects(jy::LEVEL), vec!["\"district\""]);
        assert_eq!(objects(jy::INFERRED), vec!["\"issuer\""]);
        assert_eq!(objects(jy::TITLE), vec!["\"副区长\"@zh", "\"区长\"@zh"]);
        // The diagnostic the inference points to is the inferred-issuer one.
        let by = objects(jy::INFERRED_BY);
        assert_eq!(by.len(), 1);
        let codes: Vec<String> = quads
            .iter()
            .filter(|q| q.subject.to_string() == by[0] && q.predicate.as_ref() == jy::CODE)
            .map(|q| q.object.to_string())
            .collect();
        assert_eq!(codes, vec!["\"inferred-issuer\""]);
    }

    #[test]
    fn file_name_drops_directories() {
        assert_eq!(file_name("data/minutes/a.txt"), "a.txt");
        assert_eq!(file_name("a.txt"), "a.txt");
    }
}
