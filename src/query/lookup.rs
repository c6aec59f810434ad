//! Entities read from the store by index lookups: names to IRIs, an entity's label, and its relations, without reading the whole graph.
//!
//! Every function here is a handful of quad-pattern lookups, each a seek in
//! one of Oxigraph's indexes (subject–predicate–object, predicate–object–subject
//! …), so its cost follows the size of the answer, not the size of the store.
//! A name is found by exact literal lookups with the language tag the store
//! uses (`foaf:name "蔡剑峰"`, `skos:prefLabel "氢能"@zh`, `jy:ordinal 115`);
//! only a name that matches nothing reads the names of the store, to suggest
//! the nearest ones. An entity's kind is read from its IRI, which only
//! [`crate::rdf::iri`] mints (`…/person/…`, `…/org/…`, `…/meeting/…/item/N`).
//!
//! [`Reader::relations`] returns the relations of one entity, worded as in
//! [`super::graph`] (列席(市工信局), 议题三, 所属 …). A relation list longer than
//! a cap (a hub: an organisation with thousands of records, a topic of
//! thousands of items) is cut, and the cut is reported ([`Cut`]) so that
//! callers can say what they did not follow.

use super::graph::{edit_distance, Entity, Kind};
use super::QueryError;
use crate::rdf::vocab::{dcterms, foaf, jy, org, schema, skos};
use crate::store::GraphStore;
use jiyao_core::parse::numerals;
use oxigraph::model::vocab::{rdfs, xsd};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How a name given by a user matched entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// Exactly one entity.
    One(String, Kind),
    /// Several entities share the name: the candidates (IRI and kind), in IRI order.
    Ambiguous(Vec<(String, Kind)>),
    /// Nothing: the nearest known names, nearest first.
    NotFound(Vec<String>),
}

/// How far a suggested name may lie from the name asked for, in edits: half its length, plus one (蔡剑锋 → 蔡剑峰).
///
/// The one threshold of every "did you mean" ([`Reader::nearest`], [`super::graph::EntityGraph`]).
pub fn near_limit(chars: usize) -> usize {
    (chars / 2).max(1) + 1
}

/// The names nearest to one that matched nothing, gathered as names are considered: each kept once, when within [`near_limit`] edits.
///
/// The one scoring of every "did you mean": [`Reader::nearest`] from the
/// store, [`super::graph::EntityGraph`]'s lookup from its names, the explorer
/// from its search list.
pub struct NearNames {
    target: Vec<char>,
    limit: usize,
    scored: BTreeMap<String, usize>,
}

impl NearNames {
    /// Starts looking for the names nearest to `name`.
    pub fn new(name: &str) -> Self {
        let target: Vec<char> = name.chars().collect();
        NearNames {
            limit: near_limit(target.len()),
            target,
            scored: BTreeMap::new(),
        }
    }

    /// Considers a name (one already kept is skipped).
    pub fn consider(&mut self, label: &str) {
        if label.chars().count().abs_diff(self.target.len()) > self.limit
            || self.scored.contains_key(label)
        {
            return;
        }
        let chars: Vec<char> = label.chars().collect();
        let d = edit_distance(&self.target, &chars);
        if d <= self.limit {
            self.scored.insert(label.to_owned(), d);
        }
    }

    /// Returns the five nearest, by distance, then name.
    pub fn best(self) -> Vec<String> {
        let mut v: Vec<(usize, String)> = self.scored.into_iter().map(|(n, d)| (d, n)).collect();
        v.sort();
        v.into_iter().take(5).map(|(_, n)| n).collect()
    }
}

/// The words for a name that matched nothing: `nothing is called X`, and the nearest names when there are some.
pub fn not_found(name: &str, nearest: &[String]) -> String {
    if nearest.is_empty() {
        format!("nothing is called {name}")
    } else {
        format!(
            "nothing is called {name}; did you mean: {}?",
            nearest.join("、")
        )
    }
}

/// The words for a name several entities share: each candidate on a line of its own, and how to choose one.
pub fn ambiguous(name: &str, candidates: &[String]) -> String {
    format!(
        "{name} stands for {} entities; choose one by IRI, or a person as NAME@GOVERNMENT or NAME@ORGANISATION (of a split name):\n  {}",
        candidates.len(),
        candidates.join("\n  ")
    )
}

/// One of the people a name stands for, with the evidence that tells them apart.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PersonCandidate {
    /// The person's IRI.
    pub iri: String,
    /// The name.
    pub name: String,
    /// The issuing government whose records name them (empty when unknown).
    pub government: String,
    /// The organisations their records name, short forms, in order of first appearance.
    pub orgs: Vec<String>,
    /// The first meeting date of their records.
    pub first: String,
    /// The last meeting date of their records.
    pub last: String,
    /// Their attendance records.
    pub records: usize,
}

impl PersonCandidate {
    /// One line for people: `黄戟 @苏州市人民政府 (市公安局; 2020-01-06 – 2020-01-06, 1 record) <IRI>`.
    pub fn line(&self) -> String {
        let orgs = if self.orgs.is_empty() {
            "no organisation".to_owned()
        } else {
            self.orgs.join("、")
        };
        format!(
            "{} @{} ({orgs}; {} – {}, {} record{}) <{}>",
            self.name,
            if self.government.is_empty() {
                "unknown"
            } else {
                &self.government
            },
            self.first,
            self.last,
            self.records,
            if self.records == 1 { "" } else { "s" },
            self.iri
        )
    }
}

/// A relation of one entity to another, as read from the store.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// The other entity's IRI.
    pub other: String,
    /// The other entity's kind.
    pub kind: Kind,
    /// The relation's words (列席(市工信局), 所属, 议题三 …).
    pub words: String,
    /// True when the relation reads from the entity asked about to the other.
    pub forward: bool,
}

/// A relation list that was cut because the entity is a hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The hub's IRI.
    pub iri: String,
    /// Which relation was cut, in words (members, records, items …).
    pub relation: &'static str,
    /// How many were followed.
    pub followed: usize,
}

/// The relations of one entity, and the cuts made reading them.
#[derive(Clone, Debug, Default)]
pub struct Relations {
    /// The relations, each once, sorted.
    pub links: Vec<Link>,
    /// Relation lists cut at the cap.
    pub cuts: Vec<Cut>,
    /// How many index lookups reading them took.
    pub lookups: usize,
}

/// Reads entities from a store by index lookups, remembering labels it has read.
pub struct Reader<'a> {
    store: &'a GraphStore,
    base: String,
    /// Relation lists longer than this are cut.
    pub cap: usize,
    org_short: RefCell<HashMap<String, String>>,
    role_label: RefCell<HashMap<String, String>>,
}

fn subject_iri(q: &Quad) -> Option<String> {
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

fn object_iri(q: &Quad) -> Option<String> {
    match &q.object {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

fn literal_value(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// Returns the shortest of a set of labels (the short form minutes use), or `None`.
fn shortest(labels: &[String]) -> Option<&String> {
    labels
        .iter()
        .min_by_key(|l| (l.chars().count(), l.as_str()))
}

impl<'a> Reader<'a> {
    /// Prepares lookups on a store; relation lists are cut at `cap` entries.
    pub fn new(store: &'a GraphStore, cap: usize) -> Self {
        Reader {
            store,
            base: store.base().as_str().to_owned(),
            cap,
            org_short: RefCell::default(),
            role_label: RefCell::default(),
        }
    }

    /// Returns the store.
    pub fn store(&self) -> &'a GraphStore {
        self.store
    }

    /// Returns the kind of an entity from its IRI, or `None` for anything else (records, sources, memberships).
    pub fn kind_of(&self, iri: &str) -> Option<Kind> {
        let rest = iri.strip_prefix(&self.base)?;
        let (head, tail) = rest.split_once('/')?;
        match head {
            "person" => Some(Kind::Person),
            "org" => Some(Kind::Org),
            "document" => Some(Kind::Document),
            "topic" => Some(Kind::Topic),
            "meeting" if item_ordinal(tail).is_some() => Some(Kind::Item),
            "meeting" => Some(Kind::Meeting),
            _ => None,
        }
    }

    fn quads(
        &self,
        s: Option<&str>,
        p: NamedNodeRef<'_>,
        o: Option<TermRef<'_>>,
    ) -> Result<Vec<Quad>, QueryError> {
        let s = s.map(NamedNode::new_unchecked);
        let mut out = Vec::new();
        for q in self.store.oxigraph().quads_for_pattern(
            s.as_ref().map(|s| s.as_ref().into()),
            Some(p),
            o,
            None,
        ) {
            out.push(q.map_err(crate::store::StoreError::from)?);
        }
        Ok(out)
    }

    /// Returns the distinct objects of (s, p, ?), in store order.
    fn objects(&self, s: &str, p: NamedNodeRef<'_>) -> Result<Vec<Term>, QueryError> {
        let mut out: Vec<Term> = Vec::new();
        for q in self.quads(Some(s), p, None)? {
            if !out.contains(&q.object) {
                out.push(q.object);
            }
        }
        Ok(out)
    }

    /// Returns up to `cap` distinct subjects of (?, p, o) that are IRIs, and whether there were more.
    fn subjects(
        &self,
        p: NamedNodeRef<'_>,
        o: TermRef<'_>,
        cap: usize,
    ) -> Result<(Vec<String>, bool), QueryError> {
        self.subjects_where(p, o, cap, |_| true)
    }

    /// Like [`Self::subjects`], keeping only the subjects `keep` accepts (the cap counts those only).
    fn subjects_where(
        &self,
        p: NamedNodeRef<'_>,
        o: TermRef<'_>,
        cap: usize,
        keep: impl Fn(&str) -> bool,
    ) -> Result<(Vec<String>, bool), QueryError> {
        let mut seen = BTreeSet::new();
        for q in self
            .store
            .oxigraph()
            .quads_for_pattern(None, Some(p), Some(o), None)
        {
            let q = q.map_err(crate::store::StoreError::from)?;
            if let Some(s) = subject_iri(&q).filter(|s| keep(s)) {
                if seen.len() >= cap && !seen.contains(&s) {
                    return Ok((seen.into_iter().collect(), true));
                }
                seen.insert(s);
            }
        }
        Ok((seen.into_iter().collect(), false))
    }

    fn first_literal(&self, s: &str, p: NamedNodeRef<'_>) -> Result<Option<String>, QueryError> {
        Ok(self
            .objects(s, p)?
            .iter()
            .filter_map(literal_value)
            .map(str::to_owned)
            .min())
    }

    /// Returns how many relations a meeting has on average (its attendance records and agenda items), from the year summaries; 1 when the store has none.
    pub fn meeting_degree(&self) -> Result<usize, QueryError> {
        let rows = super::select(
            self.store,
            "SELECT (SUM(?a) + SUM(?i) AS ?relations) (SUM(?m) AS ?meetings) WHERE {
            ?s a jy:YearSummary ; jy:attendanceCount ?a ; jy:itemCount ?i ; jy:meetingCount ?m }",
            &[],
        )?;
        let read = |var: &str| rows.first().and_then(|r| r.number::<usize>(var));
        Ok(match (read("relations"), read("meetings")) {
            (Some(r), Some(m)) if m > 0 => (r / m).max(1),
            _ => 1,
        })
    }

    /// Returns the labels of an entity of a kind: its label and its other names.
    pub fn describe(&self, iri: &str, kind: Kind) -> Result<Entity, QueryError> {
        let zh = |t: &Term| match t {
            Term::Literal(l) if l.language().is_none_or(|lang| lang == "zh") => {
                Some(l.value().to_owned())
            }
            _ => None,
        };
        let (label, aliases) = match kind {
            Kind::Person => (self.first_literal(iri, foaf::NAME)?, Vec::new()),
            Kind::Org => {
                let pref = self.objects(iri, skos::PREF_LABEL)?.iter().find_map(zh);
                let alts: Vec<String> = self
                    .objects(iri, skos::ALT_LABEL)?
                    .iter()
                    .filter_map(zh)
                    .collect();
                (pref, alts)
            }
            Kind::Meeting => {
                let date: Vec<String> = self
                    .objects(iri, schema::START_DATE)?
                    .iter()
                    .filter_map(literal_value)
                    .map(str::to_owned)
                    .collect();
                (Some(self.meeting_label(iri)?), date)
            }
            Kind::Item => {
                let (meeting, n) = split_item(iri).unwrap_or((iri, 0));
                let heading: String = self
                    .objects(iri, dcterms::TITLE)?
                    .iter()
                    .find_map(zh)
                    .unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect();
                let label = format!(
                    "{}议题{}「{heading}」",
                    self.meeting_label(meeting)?,
                    numerals::format(n)
                );
                (Some(label), Vec::new())
            }
            Kind::Document => {
                let title = self.objects(iri, dcterms::TITLE)?.iter().find_map(zh);
                let alts: Vec<String> = self
                    .objects(iri, skos::ALT_LABEL)?
                    .iter()
                    .filter_map(zh)
                    .collect();
                (title.map(|t| format!("《{t}》")), alts)
            }
            Kind::Topic => {
                let pref = self
                    .objects(iri, skos::PREF_LABEL)?
                    .iter()
                    .find_map(|t| match t {
                        Term::Literal(l) if l.language() == Some("zh") => {
                            Some(l.value().to_owned())
                        }
                        _ => None,
                    });
                let alts: Vec<String> = self
                    .objects(iri, skos::ALT_LABEL)?
                    .iter()
                    .filter_map(literal_value)
                    .map(str::to_owned)
                    .collect();
                (pref, alts)
            }
        };
        let label = label.unwrap_or_else(|| iri.rsplit('/').next().unwrap_or(iri).to_owned());
        let mut unique: Vec<String> = Vec::new();
        for a in aliases {
            if a != label && !unique.contains(&a) {
                unique.push(a);
            }
        }
        Ok(Entity {
            iri: iri.to_owned(),
            kind,
            label,
            aliases: unique,
        })
    }

    fn meeting_label(&self, iri: &str) -> Result<String, QueryError> {
        Ok(match self.first_literal(iri, jy::ORDINAL)? {
            Some(n) => format!("第{n}次常务会议"),
            None => iri.rsplit('/').next().unwrap_or(iri).to_owned(),
        })
    }

    /// Returns the short form of an organisation (its shortest other name, else its label), as relations word it.
    fn org_short(&self, iri: &str) -> Result<String, QueryError> {
        if let Some(s) = self.org_short.borrow().get(iri) {
            return Ok(s.clone());
        }
        let e = self.describe(iri, Kind::Org)?;
        let short = shortest(&e.aliases).unwrap_or(&e.label).clone();
        self.org_short
            .borrow_mut()
            .insert(iri.to_owned(), short.clone());
        Ok(short)
    }

    fn role_label(&self, iri: &str) -> Result<String, QueryError> {
        if let Some(s) = self.role_label.borrow().get(iri) {
            return Ok(s.clone());
        }
        let label = self
            .objects(iri, rdfs::LABEL)?
            .iter()
            .find_map(|t| match t {
                Term::Literal(l) if l.language() == Some("zh") => Some(l.value().to_owned()),
                _ => None,
            })
            .unwrap_or_else(|| iri.rsplit(['#', '/']).next().unwrap_or(iri).to_owned());
        self.role_label
            .borrow_mut()
            .insert(iri.to_owned(), label.clone());
        Ok(label)
    }

    /// Finds the entities a name, label, short form or IRI names; `kinds` narrows the search when not empty.
    ///
    /// Exact lookups only: a person's name, an organisation's or a topic's
    /// label or other name (tagged `@zh`), a document's title with or without
    /// 《》, 第N次常务会议 (a meeting's ordinal), a meeting's date, a meeting's
    /// document number. When nothing matches, the nearest names of the wanted
    /// kinds are suggested.
    pub fn find(&self, name: &str, kinds: &[Kind]) -> Result<Found, QueryError> {
        self.find_with(name, kinds, true)
    }

    /// Finds what [`Reader::find`] finds, without suggesting names when nothing matches (which reads every name of the store: seconds at 100,000 meetings).
    pub fn find_exact(&self, name: &str, kinds: &[Kind]) -> Result<Found, QueryError> {
        self.find_with(name, kinds, false)
    }

    fn find_with(&self, name: &str, kinds: &[Kind], suggest: bool) -> Result<Found, QueryError> {
        let name = name.trim();
        let wanted = |k: Kind| kinds.is_empty() || kinds.contains(&k);
        let iri = name.trim_start_matches('<').trim_end_matches('>');
        if let Some(kind) = self.kind_of(iri).filter(|k| wanted(*k)) {
            let node = NamedNode::new_unchecked(iri);
            if self
                .store
                .oxigraph()
                .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
                .next()
                .is_some()
            {
                return Ok(Found::One(iri.to_owned(), kind));
            }
        }
        if let Some((person, government)) = name.rsplit_once('@') {
            if wanted(Kind::Person) && !person.is_empty() && !government.is_empty() {
                return self.find_in_government(person.trim(), government.trim());
            }
        }
        let mut hits: BTreeSet<(String, Kind)> = BTreeSet::new();
        let mut add = |subjects: Vec<String>, this: &Self| {
            for s in subjects {
                if let Some(k) = this.kind_of(&s).filter(|k| wanted(*k)) {
                    hits.insert((s, k));
                }
            }
        };
        let bare = name.trim_start_matches('《').trim_end_matches('》');
        let zh = Literal::new_language_tagged_literal_unchecked(name, "zh");
        let zh_bare = Literal::new_language_tagged_literal_unchecked(bare, "zh");
        let plain = Literal::new_simple_literal(name);
        let all = usize::MAX;
        if wanted(Kind::Person) {
            add(
                self.subjects(foaf::NAME, plain.as_ref().into(), all)?.0,
                self,
            );
        }
        if wanted(Kind::Org) || wanted(Kind::Topic) || wanted(Kind::Document) {
            for lit in [&zh, &zh_bare] {
                add(
                    self.subjects(skos::PREF_LABEL, lit.as_ref().into(), all)?.0,
                    self,
                );
                add(
                    self.subjects(skos::ALT_LABEL, lit.as_ref().into(), all)?.0,
                    self,
                );
            }
        }
        if wanted(Kind::Document) {
            let found = self
                .subjects(dcterms::TITLE, zh_bare.as_ref().into(), all)?
                .0;
            add(
                found
                    .into_iter()
                    .filter(|s| self.kind_of(s) == Some(Kind::Document))
                    .collect(),
                self,
            );
        }
        if wanted(Kind::Meeting) {
            if let Some(n) = meeting_ordinal(name) {
                let found = self
                    .subjects(jy::ORDINAL, Literal::from(n).as_ref().into(), all)?
                    .0;
                add(
                    found
                        .into_iter()
                        .filter(|s| self.kind_of(s) == Some(Kind::Meeting))
                        .collect(),
                    self,
                );
            }
            let date = Literal::new_typed_literal(name, xsd::DATE);
            for lit in [&date, &plain] {
                let found = self
                    .subjects(schema::START_DATE, lit.as_ref().into(), all)?
                    .0;
                add(found, self);
                let found = self
                    .subjects(dcterms::IDENTIFIER, lit.as_ref().into(), all)?
                    .0;
                add(found, self);
            }
        }
        let hits: Vec<(String, Kind)> = hits.into_iter().collect();
        Ok(match hits.len() {
            0 if suggest => Found::NotFound(self.nearest(name, kinds)?),
            0 => Found::NotFound(Vec::new()),
            1 => Found::One(hits[0].0.clone(), hits[0].1),
            _ => Found::Ambiguous(hits),
        })
    }

    /// Finds the people called `name` whose government's name holds `government` (苏州 finds 苏州市人民政府's), or whose split key does (公安局 finds `…/黄戟/苏州市公安局`).
    fn find_in_government(&self, name: &str, government: &str) -> Result<Found, QueryError> {
        let plain = Literal::new_simple_literal(name);
        let (people, _) = self.subjects(foaf::NAME, plain.as_ref().into(), usize::MAX)?;
        let mut hits = Vec::new();
        for p in people {
            if self.kind_of(&p) != Some(Kind::Person) {
                continue;
            }
            let split = p.rsplit_once(&format!("/{name}/")).map_or("", |(_, d)| d);
            if self.government_of(&p)?.contains(government) || split.contains(government) {
                hits.push((p, Kind::Person));
            }
        }
        Ok(match hits.len() {
            0 => Found::NotFound(Vec::new()),
            1 => Found::One(hits.remove(0).0, Kind::Person),
            _ => Found::Ambiguous(hits),
        })
    }

    /// Tells a person from namesakes in a few words: the government, and the organisation of a split name (`苏州市人民政府 · 苏州市公安局`).
    pub fn person_detail(&self, person: &str) -> Result<String, QueryError> {
        let gov = self.government_of(person)?;
        let name = self.first_literal(person, foaf::NAME)?.unwrap_or_default();
        let split = person
            .rsplit_once(&format!("/{name}/"))
            .map(|(_, d)| d.to_owned());
        Ok(match split {
            Some(d) if !name.is_empty() => format!("{gov} · {d}"),
            _ => gov,
        })
    }

    /// Returns the label of a person's government (empty when unknown).
    fn government_of(&self, person: &str) -> Result<String, QueryError> {
        for g in self.objects(person, jy::GOVERNMENT)? {
            if let Term::NamedNode(g) = g {
                return Ok(self.describe(g.as_str(), Kind::Org)?.label);
            }
        }
        Ok(String::new())
    }

    /// Reads the evidence that tells one person from the others of the same name: government, organisations, dates, records.
    pub fn person_candidate(&self, iri: &str) -> Result<PersonCandidate, QueryError> {
        let node = NamedNode::new_unchecked(iri);
        let (records, _) = self.subjects(jy::PERSON, node.as_ref().into(), usize::MAX)?;
        let mut orgs: Vec<(String, String)> = Vec::new();
        let mut dates: Vec<String> = Vec::new();
        for rec in &records {
            let a = self.attendance(rec)?;
            let date = match &a.meeting {
                Some(m) => self
                    .first_literal(m, schema::START_DATE)?
                    .unwrap_or_default(),
                None => String::new(),
            };
            if let Some(o) = &a.org {
                let short = self.org_short(o)?;
                match orgs.iter_mut().find(|(s, _)| *s == short) {
                    Some(seen) if date < seen.1 => seen.1 = date.clone(),
                    Some(_) => {}
                    None => orgs.push((short, date.clone())),
                }
            }
            if !date.is_empty() {
                dates.push(date);
            }
        }
        orgs.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        dates.sort();
        Ok(PersonCandidate {
            iri: iri.to_owned(),
            name: self.first_literal(iri, foaf::NAME)?.unwrap_or_default(),
            government: self.government_of(iri)?,
            orgs: orgs.into_iter().map(|(o, _)| o).collect(),
            first: dates.first().cloned().unwrap_or_default(),
            last: dates.last().cloned().unwrap_or_default(),
            records: records.len(),
        })
    }

    /// Describes the candidates of an ambiguous name, one line each: a person with its evidence ([`PersonCandidate::line`]), anything else by label, kind and IRI.
    pub fn candidate_lines(
        &self,
        candidates: &[(String, Kind)],
    ) -> Result<Vec<String>, QueryError> {
        candidates
            .iter()
            .map(|(iri, kind)| match kind {
                Kind::Person => Ok(self.person_candidate(iri)?.line()),
                _ => {
                    let e = self.describe(iri, *kind)?;
                    Ok(format!("{} ({}) <{}>", e.label, kind.as_str(), e.iri))
                }
            })
            .collect()
    }

    /// Returns up to five names of the wanted kinds nearest to `name` by edit distance (within [`near_limit`]).
    ///
    /// This reads the names of the store (an index scan per naming property
    /// and kind, joined with the kind's class by hash); it runs only when a
    /// name matched nothing.
    pub fn nearest(&self, name: &str, kinds: &[Kind]) -> Result<Vec<String>, QueryError> {
        let wanted = |k: Kind| kinds.is_empty() || kinds.contains(&k);
        let mut near = NearNames::new(name);
        // Each kind's names, distinct, from whole columns joined by hash on the
        // store's term ids: only the names are decoded, not every subject (the
        // kind was read off the subject's IRI before, 17 s at 100,000 meetings).
        let zh = "FILTER(LANG(?l) = \"zh\" || LANG(?l) = \"\")";
        let labels = |class: &str| {
            format!(
                "SELECT DISTINCT ?l WHERE {{ {{ SELECT ?s WHERE {{ ?s a {class} }} }} \
                 {{ SELECT ?s ?l WHERE {{ {{ ?s skos:prefLabel ?l }} UNION {{ ?s skos:altLabel ?l }} }} }} {zh} }}"
            )
        };
        let mut sources: Vec<(String, bool)> = Vec::new();
        if wanted(Kind::Person) {
            sources.push((
                "SELECT DISTINCT ?l WHERE { ?s foaf:name ?l }".to_owned(),
                false,
            ));
        }
        if wanted(Kind::Org) {
            sources.push((labels("org:Organization"), false));
        }
        if wanted(Kind::Topic) {
            sources.push((labels("skos:Concept"), false));
        }
        if wanted(Kind::Document) {
            sources.push((labels("jy:PolicyDocument"), false));
            sources.push((
                format!("SELECT DISTINCT ?l WHERE {{ {{ SELECT ?s WHERE {{ ?s a jy:PolicyDocument }} }} \
                 {{ SELECT ?s ?l WHERE {{ ?s dcterms:title ?l }} }} {zh} }}"),
                true,
            ));
        }
        for (query, document_title) in sources {
            for row in super::select(self.store, &query, &[])? {
                let l = row.text("l");
                if document_title {
                    near.consider(&format!("《{l}》"));
                } else {
                    near.consider(&l);
                }
            }
        }
        Ok(near.best())
    }

    /// Returns the relations of an entity, each relation list cut at the cap.
    pub fn relations(&self, iri: &str, kind: Kind) -> Result<Relations, QueryError> {
        let mut r = Relations::default();
        let node = NamedNode::new_unchecked(iri);
        let this: TermRef<'_> = node.as_ref().into();
        let cap = self.cap;
        match kind {
            Kind::Person => {
                let (records, more) = self.subjects(jy::PERSON, this, cap)?;
                r.lookups += 1 + records.len();
                self.cut(&mut r, iri, "attendance records", more, records.len());
                for rec in records {
                    let a = self.attendance(&rec)?;
                    if let Some(m) = a.meeting {
                        let words = self.attendance_words(&a.role, a.org.as_deref())?;
                        r.links.push(link(m, Kind::Meeting, words, true));
                    }
                }
                for o in self.objects(iri, org::MEMBER_OF)? {
                    if let Term::NamedNode(o) = o {
                        r.links
                            .push(link(o.into_string(), Kind::Org, "所属".to_owned(), true));
                    }
                }
                r.lookups += 1;
            }
            Kind::Org => {
                let (members, more) = self.subjects(org::MEMBER_OF, this, cap)?;
                r.lookups += 1;
                self.cut(&mut r, iri, "members", more, members.len());
                for p in members {
                    r.links
                        .push(link(p, Kind::Person, "所属".to_owned(), false));
                }
                // Records for the organisation with no person named: it sent a representative.
                let (records, more) = self.subjects(jy::ORGANIZATION, this, cap)?;
                r.lookups += 1 + records.len();
                self.cut(&mut r, iri, "attendance records", more, records.len());
                for rec in records {
                    let a = self.attendance(&rec)?;
                    if let (None, Some(m)) = (a.person, a.meeting) {
                        r.links
                            .push(link(m, Kind::Meeting, "派代表".to_owned(), true));
                    }
                }
                let (mentions, more) =
                    self.subjects_where(jy::LEAD_ORGANIZATION, this, cap, |m| {
                        m.contains("/mention/")
                    })?;
                r.lookups += 1 + mentions.len();
                self.cut(&mut r, iri, "documents led", more, mentions.len());
                for x in mentions {
                    for d in self.objects(&x, jy::DOCUMENT)? {
                        if let Term::NamedNode(d) = d {
                            r.links.push(link(
                                d.into_string(),
                                Kind::Document,
                                "牵头".to_owned(),
                                false,
                            ));
                        }
                    }
                }
            }
            Kind::Meeting => {
                let (records, more) = self
                    .subjects_where(jy::MEETING_PROP, this, cap, |x| x.contains("/attendance/"))?;
                r.lookups += 1;
                self.cut(&mut r, iri, "attendance records", more, records.len());
                for rec in records {
                    r.lookups += 1;
                    let a = self.attendance(&rec)?;
                    match (a.person, a.org) {
                        (Some(p), org) => {
                            let words = self.attendance_words(&a.role, org.as_deref())?;
                            r.links.push(link(p, Kind::Person, words, false));
                        }
                        (None, Some(o)) => {
                            r.links.push(link(o, Kind::Org, "派代表".to_owned(), false));
                        }
                        (None, None) => {}
                    }
                }
                for i in self.objects(iri, schema::SUB_EVENT)? {
                    if let Term::NamedNode(i) = i {
                        let n = split_item(i.as_str()).map_or(0, |(_, n)| n);
                        r.links.push(link(
                            i.into_string(),
                            Kind::Item,
                            format!("议题{}", numerals::format(n)),
                            true,
                        ));
                    }
                }
                r.lookups += 1;
                self.references(&mut r, iri, this, jy::MEETING_PROP)?;
            }
            Kind::Item => {
                if let Some((m, n)) = split_item(iri) {
                    r.links.push(link(
                        m.to_owned(),
                        Kind::Meeting,
                        format!("议题{}", numerals::format(n)),
                        false,
                    ));
                }
                for t in self.objects(iri, dcterms::SUBJECT)? {
                    if let Term::NamedNode(t) = t {
                        r.links
                            .push(link(t.into_string(), Kind::Topic, "主题".to_owned(), true));
                    }
                }
                r.lookups += 1;
                self.references(&mut r, iri, this, jy::AGENDA_ITEM_PROP)?;
            }
            Kind::Document => {
                let (mentions, more) = self.subjects(jy::DOCUMENT, this, cap)?;
                r.lookups += 1 + mentions.len();
                self.cut(&mut r, iri, "mentions", more, mentions.len());
                let mut holders: BTreeMap<String, bool> = BTreeMap::new();
                for x in mentions {
                    let m = self.mention(&x)?;
                    if let Some(h) = m.holder() {
                        *holders.entry(h).or_insert(true) &= m.cited;
                    }
                    for o in m.leads {
                        r.links.push(link(o, Kind::Org, "牵头".to_owned(), true));
                    }
                }
                for (h, cited) in holders {
                    let kind = self.kind_of(&h).unwrap_or(Kind::Meeting);
                    r.links.push(link(h, kind, reference_words(cited), false));
                }
            }
            Kind::Topic => {
                let (items, more) = self.subjects_where(dcterms::SUBJECT, this, cap, |i| {
                    self.kind_of(i) == Some(Kind::Item)
                })?;
                r.lookups += 1;
                self.cut(&mut r, iri, "agenda items", more, items.len());
                for i in items {
                    r.links.push(link(i, Kind::Item, "主题".to_owned(), false));
                }
                for b in self.objects(iri, skos::BROADER)? {
                    if let Term::NamedNode(b) = b {
                        r.links
                            .push(link(b.into_string(), Kind::Topic, "上位".to_owned(), true));
                    }
                }
                let (narrower, _) = self.subjects(skos::BROADER, this, usize::MAX)?;
                for n in narrower {
                    r.links.push(link(n, Kind::Topic, "上位".to_owned(), false));
                }
                r.lookups += 2;
            }
        }
        r.links.sort();
        r.links.dedup();
        Ok(r)
    }

    fn cut(
        &self,
        r: &mut Relations,
        iri: &str,
        relation: &'static str,
        more: bool,
        followed: usize,
    ) {
        if more {
            r.cuts.push(Cut {
                iri: iri.to_owned(),
                relation,
                followed,
            });
        }
    }

    /// The documents a meeting or an agenda item holds (`dcterms:references`), worded 审议 or 涉及 by their mentions there.
    fn references(
        &self,
        r: &mut Relations,
        iri: &str,
        this: TermRef<'_>,
        via: NamedNodeRef<'_>,
    ) -> Result<(), QueryError> {
        let docs = self.objects(iri, dcterms::REFERENCES)?;
        r.lookups += 1;
        if docs.is_empty() {
            return Ok(());
        }
        let mut cited: BTreeMap<String, bool> = BTreeMap::new();
        let (mentions, _) = self.subjects(via, this, usize::MAX)?;
        for x in mentions.iter().filter(|x| x.contains("/mention/")) {
            r.lookups += 1;
            let m = self.mention(x)?;
            if m.holder().as_deref() == Some(iri) {
                if let Some(d) = m.document {
                    *cited.entry(d).or_insert(true) &= m.cited;
                }
            }
        }
        for d in docs {
            if let Term::NamedNode(d) = d {
                let c = cited.get(d.as_str()).copied().unwrap_or(false);
                r.links.push(link(
                    d.into_string(),
                    Kind::Document,
                    reference_words(c),
                    true,
                ));
            }
        }
        Ok(())
    }

    /// Calls `f` with the predicate and the quad of every quad whose subject is `subject` (one seek).
    fn each_quad_of(
        &self,
        subject: &str,
        mut f: impl FnMut(NamedNodeRef<'_>, &Quad),
    ) -> Result<(), QueryError> {
        let node = NamedNode::new_unchecked(subject);
        for q in
            self.store
                .oxigraph()
                .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
        {
            let q = q.map_err(crate::store::StoreError::from)?;
            f(q.predicate.as_ref(), &q);
        }
        Ok(())
    }

    /// Reads one attendance record (one seek: every quad of the record).
    fn attendance(&self, record: &str) -> Result<Record, QueryError> {
        let mut a = Record::default();
        self.each_quad_of(record, |p, q| {
            if p == jy::MEETING_PROP {
                a.meeting = object_iri(q);
            } else if p == jy::PERSON {
                a.person = object_iri(q);
            } else if p == jy::ORGANIZATION {
                a.org = object_iri(q);
            } else if p == jy::ROLE {
                a.role = object_iri(q).unwrap_or_default();
            }
        })?;
        Ok(a)
    }

    /// Reads one document mention (one seek).
    fn mention(&self, record: &str) -> Result<Mention, QueryError> {
        let mut m = Mention::default();
        self.each_quad_of(record, |p, q| {
            if p == jy::MEETING_PROP {
                m.meeting = object_iri(q);
            } else if p == jy::AGENDA_ITEM_PROP {
                m.item = object_iri(q);
            } else if p == jy::DOCUMENT {
                m.document = object_iri(q);
            } else if p == jy::CITED {
                m.cited = literal_value(&q.object) == Some("true");
            } else if p == jy::LEAD_ORGANIZATION {
                m.leads.extend(object_iri(q));
            }
        })?;
        Ok(m)
    }

    /// Words an attendance relation: the role, and the organisation's short form in brackets.
    fn attendance_words(&self, role: &str, org: Option<&str>) -> Result<String, QueryError> {
        let role = self.role_label(role)?;
        Ok(match org {
            Some(o) => format!("{role}({})", self.org_short(o)?),
            None => role,
        })
    }
}

fn reference_words(cited: bool) -> String {
    if cited { "涉及" } else { "审议" }.to_owned()
}

fn link(other: String, kind: Kind, words: String, forward: bool) -> Link {
    Link {
        other,
        kind,
        words,
        forward,
    }
}

#[derive(Default)]
struct Record {
    meeting: Option<String>,
    person: Option<String>,
    org: Option<String>,
    role: String,
}

#[derive(Default)]
struct Mention {
    meeting: Option<String>,
    item: Option<String>,
    document: Option<String>,
    cited: bool,
    leads: Vec<String>,
}

impl Mention {
    /// The agenda item the mention is under, else its meeting.
    fn holder(&self) -> Option<String> {
        self.item.clone().or_else(|| self.meeting.clone())
    }
}

/// Reads N from the tail of a meeting IRI's path when it names an agenda item (`…/item/N`).
fn item_ordinal(tail: &str) -> Option<u32> {
    let (_, n) = tail.rsplit_once("/item/")?;
    n.parse().ok()
}

/// Splits an agenda item's IRI into its meeting's IRI and its ordinal.
pub fn split_item(iri: &str) -> Option<(&str, u32)> {
    let (m, n) = iri.rsplit_once("/item/")?;
    Some((m, n.parse().ok()?))
}

/// Reads 第N次常务会议 (or 第N次, or N alone) as a meeting ordinal.
fn meeting_ordinal(name: &str) -> Option<u32> {
    let s = name.strip_prefix('第').unwrap_or(name);
    let s = s
        .strip_suffix("次常务会议")
        .or_else(|| s.strip_suffix('次'))
        .unwrap_or(s);
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_items_from_names_and_iris() {
        assert_eq!(meeting_ordinal("第115次常务会议"), Some(115));
        assert_eq!(meeting_ordinal("115"), Some(115));
        assert_eq!(meeting_ordinal("第八次"), None);
        assert_eq!(
            split_item("https://w3id.org/jiyao/id/meeting/x/2020-11-02/115/item/3"),
            Some(("https://w3id.org/jiyao/id/meeting/x/2020-11-02/115", 3))
        );
        assert_eq!(split_item("https://w3id.org/jiyao/id/meeting/x/115"), None);
    }
}
