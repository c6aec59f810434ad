//! The knowledge graph as a petgraph graph: entities as nodes, relations as labelled edges, and the paths between them.
//!
//! [`EntityGraph::build`] reads the store once (a handful of SPARQL queries)
//! into a `petgraph` graph whose nodes are people, organisations, meetings,
//! agenda items, policy documents and topics. Edges carry words, so a path can
//! be explained: 蔡剑峰 —列席(市工信局)→ 第115次常务会议 —议题三→ … —主题→ 氢能.
//! Paths treat edges as undirected and say when a hop goes against an edge's
//! direction. Build the graph once per process and reuse it for every path.
//!
//! Edges: person —{role}({org})→ meeting (an attendance record); person —所属→
//! organisation (the person attended for it); organisation —派代表→ meeting;
//! meeting —议题N→ agenda item; agenda item —审议/涉及→ document; document
//! —牵头→ organisation; agenda item —主题→ topic; topic —上位→ broader topic.
//! Organisations' own hierarchy is left out on purpose: every department hangs
//! off 苏州市人民政府, which would connect any two of them in two hops.

use super::lookup::Reader;
use super::{QueryError, Row};
use crate::store::GraphStore;
use jiyao_core::parse::numerals;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A meeting.
    Meeting,
    /// An agenda item.
    Item,
    /// A policy document.
    Document,
    /// A policy topic.
    Topic,
}

impl Kind {
    /// Every kind, in the order `--via` lists them.
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Org,
        Kind::Meeting,
        Kind::Item,
        Kind::Document,
        Kind::Topic,
    ];

    /// Returns the lowercase name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Org => "org",
            Kind::Meeting => "meeting",
            Kind::Item => "item",
            Kind::Document => "document",
            Kind::Topic => "topic",
        }
    }

    /// Parses a lowercase name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A node: one entity.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    /// Its IRI in the store.
    pub iri: String,
    /// What it is.
    pub kind: Kind,
    /// How it is shown (a name, a title, 第115次常务会议 …).
    pub label: String,
    /// Other names it is known by (short forms of organisations, aliases of documents).
    pub aliases: Vec<String>,
}

/// An edge: a relation in words, from its source to its target.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    /// The words, such as 列席(市工信局) or 议题三.
    pub label: String,
    /// The node the relation reads from.
    pub from: usize,
}

/// One hop of a path.
#[derive(Clone, Debug, Serialize)]
pub struct Hop {
    /// The relation's words.
    pub label: String,
    /// True when the hop follows the relation's direction.
    pub forward: bool,
    /// The entity reached.
    pub to: Entity,
}

/// A path: where it starts and its hops.
#[derive(Clone, Debug, Serialize)]
pub struct Path {
    /// The first entity.
    pub start: Entity,
    /// The hops, in order.
    pub hops: Vec<Hop>,
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.start.label)?;
        for h in &self.hops {
            if h.forward {
                write!(f, " —{}→ {}", h.label, h.to.label)?;
            } else {
                write!(f, " ←{}— {}", h.label, h.to.label)?;
            }
        }
        Ok(())
    }
}

/// How a name given by a user matched entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one entity.
    One(usize),
    /// Several entities share the name: the candidates.
    Ambiguous(Vec<usize>),
    /// Nothing: the nearest known names.
    NotFound(Vec<String>),
}

/// The entities and relations of the store, in a petgraph graph.
#[derive(Debug, Default)]
pub struct EntityGraph {
    graph: UnGraph<usize, Relation>,
    entities: Vec<Entity>,
    by_iri: HashMap<String, NodeIndex>,
    by_name: BTreeMap<String, Vec<usize>>,
    /// For each (person, organisation), the number of attendance records joining them.
    affiliations: BTreeMap<(usize, usize), u32>,
}

fn rows(store: &GraphStore, body: &str) -> Result<Vec<Row>, QueryError> {
    super::select(store, body, &[])
}

/// One attendance record as [`attendance_rows`] reads it; the fields' order is the rows' order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct AttendanceRow {
    meeting: String,
    record: String,
    role: String,
    person: String,
    name: String,
    org: String,
}

/// Reads every attendance record as (meeting, role, person, name, organisation, record), by meeting and record.
///
/// Each column is read in one scan and the scans are joined by hash: looking
/// the properties up record by record costs a store seek each, which on a
/// store of 60,000 records took tens of seconds. The rows are sorted and made
/// distinct here rather than with `ORDER BY`, which would decode the IRIs
/// again at every comparison.
fn attendance_rows(store: &GraphStore) -> Result<Vec<AttendanceRow>, QueryError> {
    let mut out: Vec<AttendanceRow> = rows(
        store,
        "SELECT ?m ?role ?p ?name ?o ?a WHERE {
          { SELECT ?a ?m WHERE { ?a jy:meeting ?m } }
          { SELECT ?a WHERE { ?a a jy:Attendance } }
          { SELECT ?a ?r WHERE { ?a jy:role ?r } }
          { SELECT ?r ?role WHERE { ?r rdfs:label ?role FILTER(lang(?role) = \"zh\") } }
          OPTIONAL { SELECT ?a ?p ?name WHERE { { SELECT ?a ?p WHERE { ?a jy:person ?p } } { SELECT ?p ?name WHERE { ?p foaf:name ?name } } } }
          OPTIONAL { SELECT ?a ?o WHERE { ?a jy:organization ?o } }
        }",
    )?
    .iter()
    .map(|r| AttendanceRow {
        meeting: r.text("m"),
        record: r.text("a"),
        role: r.text("role"),
        person: r.text("p"),
        name: r.text("name"),
        org: r.text("o"),
    })
    .collect();
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Returns the shortest of a set of labels (the short form minutes use), or the first.
fn shortest(labels: &[String]) -> Option<&String> {
    labels
        .iter()
        .min_by_key(|l| (l.chars().count(), l.as_str()))
}

impl EntityGraph {
    /// Reads the store into a graph.
    pub fn build(store: &GraphStore) -> Result<Self, QueryError> {
        let mut g = EntityGraph::default();
        // Organisations, with every label.
        let mut org_labels: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for r in rows(store, "SELECT ?o ?pref ?alt WHERE { ?o a <http://www.w3.org/ns/org#Organization> ; skos:prefLabel ?pref . OPTIONAL { ?o skos:altLabel ?alt } }")? {
            let alt = r.text("alt");
            let e = org_labels.entry(r.text("o")).or_insert_with(|| (r.text("pref"), Vec::new()));
            if !alt.is_empty() && !e.1.contains(&alt) {
                e.1.push(alt);
            }
        }
        let org_short: HashMap<String, String> = org_labels
            .iter()
            .map(|(iri, (pref, alts))| (iri.clone(), shortest(alts).unwrap_or(pref).clone()))
            .collect();
        // Meetings.
        for r in rows(store, "SELECT ?m ?n ?d WHERE { ?m a jy:Meeting . OPTIONAL { ?m jy:ordinal ?n } OPTIONAL { ?m schema:startDate ?d } }")? {
            let (m, n, d) = (r.text("m"), r.text("n"), r.text("d"));
            let label = if n.is_empty() { m.rsplit('/').next().unwrap_or("").to_owned() } else { format!("第{n}次常务会议") };
            let mut aliases = Vec::new();
            if !d.is_empty() {
                aliases.push(d);
            }
            g.node(&m, Kind::Meeting, label, aliases);
        }
        // Attendance: person–meeting, person–organisation, organisation–meeting.
        let attendance = attendance_rows(store)?;
        for r in attendance {
            let (m, role, p, name, o) = (&r.meeting, &r.role, &r.person, &r.name, &r.org);
            let Some(&meeting) = g.by_iri.get(m) else {
                continue;
            };
            let org = (!o.is_empty()).then(|| {
                let (pref, alts) = org_labels
                    .get(o)
                    .cloned()
                    .unwrap_or_else(|| (o.clone(), Vec::new()));
                g.node(o, Kind::Org, pref, alts)
            });
            if p.is_empty() {
                if let Some(org) = org {
                    g.edge(org, meeting, "派代表".to_owned());
                }
                continue;
            }
            let person = g.node(p, Kind::Person, name.clone(), Vec::new());
            let label = match org {
                Some(_) => format!(
                    "{role}({})",
                    org_short.get(o).map_or(o.as_str(), String::as_str)
                ),
                None => role.clone(),
            };
            g.edge(person, meeting, label);
            if let Some(org) = org {
                g.edge(person, org, "所属".to_owned());
                *g.affiliations
                    .entry((g.graph[person], g.graph[org]))
                    .or_insert(0) += 1;
            }
        }
        // Agenda items.
        for r in rows(store, "SELECT ?m ?i ?n ?h WHERE { { SELECT ?m ?i WHERE { ?m schema:subEvent ?i } } { SELECT ?i ?n ?h WHERE { ?i a jy:AgendaItem ; jy:ordinal ?n ; dcterms:title ?h } } }")? {
            let Some(&meeting) = g.by_iri.get(&r.text("m")) else { continue };
            let n: u32 = r.number("n").unwrap_or(0);
            let numeral = numerals::format(n);
            let meeting_label = g.entities[g.graph[meeting]].label.clone();
            let heading: String = r.text("h").chars().take(40).collect();
            let item = g.node(&r.text("i"), Kind::Item, format!("{meeting_label}议题{numeral}「{heading}」"), Vec::new());
            g.edge(meeting, item, format!("议题{numeral}"));
        }
        // Documents, where they are discussed, and who leads them.
        for r in rows(store, "SELECT ?holder ?doc ?title ?alias ?reviewed WHERE { { SELECT ?holder ?doc WHERE { ?holder dcterms:references ?doc } } { SELECT ?doc ?title WHERE { ?doc dcterms:title ?title } } OPTIONAL { SELECT ?doc ?alias WHERE { ?doc skos:altLabel ?alias } } OPTIONAL { SELECT ?doc ?reviewed WHERE { ?mention jy:document ?doc ; jy:cited ?reviewed } } }")? {
            let Some(&holder) = g.by_iri.get(&r.text("holder")) else { continue };
            let alias = r.text("alias");
            let aliases = if alias.is_empty() { Vec::new() } else { vec![alias] };
            let doc = g.node(&r.text("doc"), Kind::Document, format!("《{}》", r.text("title")), aliases);
            let label = if r.text("reviewed") == "true" { "涉及" } else { "审议" };
            g.edge(holder, doc, label.to_owned());
        }
        for r in rows(
            store,
            "SELECT DISTINCT ?doc ?o WHERE { ?mention jy:document ?doc ; jy:leadOrganization ?o }",
        )? {
            let (Some(&doc), Some(&org)) =
                (g.by_iri.get(&r.text("doc")), g.by_iri.get(&r.text("o")))
            else {
                continue;
            };
            g.edge(doc, org, "牵头".to_owned());
        }
        // Topics and their hierarchy.
        let topics = rows(store, "SELECT ?t ?label ?alt WHERE { ?t a skos:Concept ; skos:prefLabel ?label . FILTER(lang(?label) = \"zh\") OPTIONAL { ?t skos:altLabel ?alt } }")?;
        for r in &topics {
            let alt = r.text("alt");
            let aliases = if alt.is_empty() {
                Vec::new()
            } else {
                vec![alt]
            };
            g.node(&r.text("t"), Kind::Topic, r.text("label"), aliases);
        }
        for r in rows(
            store,
            "SELECT DISTINCT ?i ?t WHERE { ?i a jy:AgendaItem ; dcterms:subject ?t }",
        )? {
            let (Some(&item), Some(&topic)) =
                (g.by_iri.get(&r.text("i")), g.by_iri.get(&r.text("t")))
            else {
                continue;
            };
            g.edge(item, topic, "主题".to_owned());
        }
        for r in rows(store, "SELECT ?t ?b WHERE { ?t skos:broader ?b }")? {
            let (Some(&t), Some(&b)) = (g.by_iri.get(&r.text("t")), g.by_iri.get(&r.text("b")))
            else {
                continue;
            };
            g.edge(t, b, "上位".to_owned());
        }
        Ok(g)
    }

    fn node(&mut self, iri: &str, kind: Kind, label: String, aliases: Vec<String>) -> NodeIndex {
        if let Some(&n) = self.by_iri.get(iri) {
            let e = &mut self.entities[self.graph[n]];
            for a in aliases {
                if !e.aliases.contains(&a) && a != e.label {
                    e.aliases.push(a);
                }
            }
            return n;
        }
        let id = self.entities.len();
        let n = self.graph.add_node(id);
        for name in std::iter::once(&label).chain(&aliases) {
            let names = self.by_name.entry(name.clone()).or_default();
            if !names.contains(&id) {
                names.push(id);
            }
        }
        self.entities.push(Entity {
            iri: iri.to_owned(),
            kind,
            label,
            aliases: aliases.into_iter().collect(),
        });
        self.by_iri.insert(iri.to_owned(), n);
        n
    }

    fn edge(&mut self, from: NodeIndex, to: NodeIndex, label: String) {
        let exists = self
            .graph
            .edges_connecting(from, to)
            .any(|e| e.weight().label == label && e.weight().from == self.graph[from]);
        if !exists {
            let from_id = self.graph[from];
            self.graph.add_edge(
                from,
                to,
                Relation {
                    label,
                    from: from_id,
                },
            );
        }
    }

    /// Returns every entity.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Returns, for each (person, organisation) pair, how many attendance records join them.
    pub fn affiliations(&self) -> &BTreeMap<(usize, usize), u32> {
        &self.affiliations
    }

    /// Returns the number of relations.
    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Returns every relation as (from, to, words), each once, in insertion order.
    pub fn relations(&self) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        self.graph.edge_references().map(|e| {
            let (a, b) = (self.graph[e.source()], self.graph[e.target()]);
            let w = e.weight();
            if w.from == a {
                (a, b, w.label.as_str())
            } else {
                (b, a, w.label.as_str())
            }
        })
    }

    /// Finds an entity by IRI, label or alias; `kinds` narrows the search when not empty.
    pub fn lookup(&self, name: &str, kinds: &[Kind]) -> Lookup {
        let name = name.trim();
        let wanted = |id: &usize| kinds.is_empty() || kinds.contains(&self.entities[*id].kind);
        if let Some(&n) = self.by_iri.get(name) {
            return Lookup::One(self.graph[n]);
        }
        let bare = name.trim_start_matches('《').trim_end_matches('》');
        for key in [name.to_owned(), format!("《{bare}》")] {
            if let Some(ids) = self.by_name.get(&key) {
                let ids: Vec<usize> = ids.iter().copied().filter(wanted).collect();
                match ids.len() {
                    0 => {}
                    1 => return Lookup::One(ids[0]),
                    _ => return Lookup::Ambiguous(ids),
                }
            }
        }
        // The nearest names, by edit distance over characters.
        let mut near = super::lookup::NearNames::new(name);
        for (n, ids) in &self.by_name {
            if ids.iter().any(wanted) {
                near.consider(n);
            }
        }
        Lookup::NotFound(near.best())
    }

    /// Returns an entity by id.
    pub fn entity(&self, id: usize) -> &Entity {
        &self.entities[id]
    }

    fn index(&self, id: usize) -> NodeIndex {
        self.by_iri[&self.entities[id].iri]
    }

    /// Returns up to `k` shortest simple paths from `a` to `b` of at most `max_hops` hops, shortest first.
    ///
    /// Intermediate entities must be of a kind in `via` (all kinds when
    /// empty); the ends may be of any kind. Paths of equal length come in a
    /// stable order. The search visits at most a bounded number of partial
    /// paths, so it answers quickly even on a large graph.
    pub fn paths(&self, a: usize, b: usize, max_hops: usize, k: usize, via: &[Kind]) -> Vec<Path> {
        let (start, goal) = (self.index(a), self.index(b));
        let allowed = |n: NodeIndex| {
            n == goal || via.is_empty() || via.contains(&self.entities[self.graph[n]].kind)
        };
        // Distances to the goal bound the search: a partial path is extended only if it can still arrive in time.
        let to_goal = self.distances(goal, max_hops, &allowed);
        let mut found = Vec::new();
        let mut queue: VecDeque<Vec<(NodeIndex, Option<petgraph::graph::EdgeIndex>)>> =
            VecDeque::new();
        queue.push_back(vec![(start, None)]);
        let mut budget = 200_000usize;
        while let Some(path) = queue.pop_front() {
            let (last, _) = *path.last().expect("paths are never empty");
            if last == goal && path.len() > 1 || (start == goal && path.len() == 1) {
                found.push(self.path_of(&path));
                if found.len() >= k {
                    break;
                }
                continue;
            }
            let hops = path.len() - 1;
            let mut next: Vec<(usize, NodeIndex, petgraph::graph::EdgeIndex)> = self
                .graph
                .edges(last)
                .map(|e| {
                    let other = if e.source() == last {
                        e.target()
                    } else {
                        e.source()
                    };
                    (self.graph[other], other, e.id())
                })
                .filter(|&(_, other, _)| {
                    allowed(other)
                        && !path.iter().any(|&(n, _)| n == other)
                        && to_goal
                            .get(&other)
                            .is_some_and(|&d| hops + 1 + d <= max_hops)
                })
                .collect();
            next.sort_by_key(|&(id, _, e)| (id, e.index()));
            for (_, other, e) in next {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                let mut p = path.clone();
                p.push((other, Some(e)));
                queue.push_back(p);
            }
        }
        found
    }

    /// Hop distances from `from`, up to `max` hops, through allowed entities only.
    fn distances(
        &self,
        from: NodeIndex,
        max: usize,
        allowed: &dyn Fn(NodeIndex) -> bool,
    ) -> HashMap<NodeIndex, usize> {
        let mut dist = HashMap::new();
        dist.insert(from, 0);
        let mut queue = VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d == max {
                continue;
            }
            // The start of a path may be of any kind, so do not filter `from`'s neighbours' passage here.
            for m in self.graph.neighbors(n) {
                if !dist.contains_key(&m) && (allowed(m) || m == from) {
                    dist.insert(m, d + 1);
                    queue.push_back(m);
                }
            }
        }
        // The start itself may be excluded by `via`; it is reached by the search, not through `dist`.
        dist
    }

    fn path_of(&self, steps: &[(NodeIndex, Option<petgraph::graph::EdgeIndex>)]) -> Path {
        let start = self.entities[self.graph[steps[0].0]].clone();
        let hops = steps
            .windows(2)
            .map(|w| {
                let (from, _) = w[0];
                let (to, e) = w[1];
                let rel = &self.graph[e.expect("every step after the first has an edge")];
                Hop {
                    label: rel.label.clone(),
                    forward: rel.from == self.graph[from],
                    to: self.entities[self.graph[to]].clone(),
                }
            })
            .collect();
        Path { start, hops }
    }

    /// Returns the entities within `hops` hops of `id`, with their distance and the relation that first reached them.
    pub fn neighbors(&self, id: usize, hops: usize) -> Vec<(usize, usize, String)> {
        let start = self.index(id);
        let mut seen = HashMap::from([(start, 0usize)]);
        let mut out = Vec::new();
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = seen[&n];
            if d == hops {
                continue;
            }
            let mut next: Vec<(usize, NodeIndex, String)> = self
                .graph
                .edges(n)
                .map(|e| {
                    let other = if e.source() == n {
                        e.target()
                    } else {
                        e.source()
                    };
                    let w = e.weight();
                    let words = if w.from == self.graph[n] {
                        format!("—{}→", w.label)
                    } else {
                        format!("←{}—", w.label)
                    };
                    (self.graph[other], other, words)
                })
                .collect();
            next.sort();
            for (other_id, other, words) in next {
                if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(other) {
                    v.insert(d + 1);
                    out.push((
                        other_id,
                        d + 1,
                        format!(
                            "{} {words} {}",
                            self.entities[self.graph[n]].label, self.entities[other_id].label
                        ),
                    ));
                    queue.push_back(other);
                }
            }
        }
        out
    }
}

/// Bounds on a search over the store's indexes ([`paths_in_store`], [`neighbors_in_store`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// At most this many entries of one relation list of one entity are followed (a hub's list is cut).
    pub cap: usize,
    /// At most this many index lookups in all; the search stops, and says so, when they are spent.
    pub lookups: usize,
    /// At most this many entities are gathered.
    pub entities: usize,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            cap: 300,
            lookups: 30_000,
            entities: 20_000,
        }
    }
}

/// What a search over the store found, and what it did not follow.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Search {
    /// The paths, shortest first.
    pub paths: Vec<Path>,
    /// Hubs whose relations were cut, and budgets that ran out, in words.
    pub notes: Vec<String>,
    /// How many entities the search gathered.
    pub gathered: usize,
    /// How many index lookups it made.
    pub lookups: usize,
}

/// The part of the graph a search has read: entities by IRI and relations among them.
#[derive(Default)]
struct Gathered {
    nodes: Vec<(String, Kind)>,
    index: HashMap<String, usize>,
    /// (from, to, words), each once.
    edges: std::collections::BTreeSet<(usize, usize, String)>,
    expanded: std::collections::HashSet<usize>,
    notes: Vec<String>,
    lookups: usize,
}

impl Gathered {
    fn node(&mut self, iri: &str, kind: Kind) -> usize {
        if let Some(&n) = self.index.get(iri) {
            return n;
        }
        self.nodes.push((iri.to_owned(), kind));
        self.index.insert(iri.to_owned(), self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    /// Reads an entity's relations from the store (once) and returns its neighbours.
    fn expand(&mut self, lk: &Reader<'_>, id: usize) -> Result<Vec<usize>, QueryError> {
        let (iri, kind) = self.nodes[id].clone();
        let rel = lk.relations(&iri, kind)?;
        self.lookups += rel.lookups;
        if self.expanded.insert(id) {
            for c in &rel.cuts {
                let label = lk.describe(&c.iri, kind)?.label;
                self.notes.push(format!(
                    "{label} is a hub: only {} of its {} were followed (--hub-cap)",
                    c.followed, c.relation
                ));
            }
        }
        let mut out = Vec::new();
        for l in rel.links {
            let other = self.node(&l.other, l.kind);
            let e = if l.forward {
                (id, other, l.words)
            } else {
                (other, id, l.words)
            };
            self.edges.insert(e);
            out.push(other);
        }
        Ok(out)
    }

    /// Builds a petgraph graph of what was gathered, entities in (kind, IRI) order so that ties break the same way whatever the search order.
    fn graph(&self) -> (EntityGraph, Vec<usize>) {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&x, &y| {
            (self.nodes[x].1, &self.nodes[x].0).cmp(&(self.nodes[y].1, &self.nodes[y].0))
        });
        let mut g = EntityGraph::default();
        let mut at = vec![NodeIndex::new(0); self.nodes.len()];
        for &n in &order {
            let (iri, kind) = &self.nodes[n];
            at[n] = g.node(iri, *kind, iri.clone(), Vec::new());
        }
        for (from, to, words) in &self.edges {
            g.edge(at[*from], at[*to], words.clone());
        }
        let ids = at.iter().map(|n| g.graph[*n]).collect();
        (g, ids)
    }
}

/// Finds up to `k` shortest explained paths between two entities by searching from both ends over the store's indexes.
///
/// The search reads relations one entity at a time ([`Reader::relations`]),
/// level by level, each time from the end whose frontier costs less to read,
/// each entity counted as the relations it may hold: an agenda item or a
/// document as one (a few), a meeting as a meeting's average (attendance
/// records and agenda items, from the summaries), a person, organisation or
/// topic as the hub cap (they may have thousands). So a person's hundreds of
/// meetings are not read where a topic's agenda items would cost a lookup
/// each. After
/// `da` levels from `a` and `db` from `b`, every path of at most `da + db`
/// hops lies in the gathered subgraph, so petgraph's search over that subgraph
/// ([`EntityGraph::paths`]) gives exactly the k shortest paths of that length
/// or less; the search deepens until it has `k` paths or reaches `max_hops`.
/// Hubs' relation lists are cut at `bounds.cap` and the search stops when it
/// has spent `bounds.lookups`; either is said in [`Search::notes`], since a
/// path through what was not read may be missing.
#[allow(clippy::too_many_arguments)]
pub fn paths_in_store(
    lk: &Reader<'_>,
    a: (&str, Kind),
    b: (&str, Kind),
    max_hops: usize,
    k: usize,
    via: &[Kind],
    bounds: Bounds,
) -> Result<Search, QueryError> {
    let mut g = Gathered::default();
    let (ia, ib) = (g.node(a.0, a.1), g.node(b.0, b.1));
    let meeting = lk.meeting_degree()?.min(bounds.cap);
    let cost = |frontier: &[usize], g: &Gathered| -> usize {
        frontier
            .iter()
            .map(|&n| match g.nodes[n].1 {
                Kind::Item | Kind::Document => 1,
                Kind::Meeting => meeting,
                Kind::Person | Kind::Org | Kind::Topic => bounds.cap,
            })
            .sum()
    };
    let passable = |n: usize, g: &Gathered| {
        n == ia || n == ib || via.is_empty() || via.contains(&g.nodes[n].1)
    };
    let mut seen = [HashMap::from([(ia, 0usize)]), HashMap::from([(ib, 0usize)])];
    let mut frontier = [vec![ia], vec![ib]];
    let mut depth = [0usize, 0usize];
    let mut stopped = false;
    loop {
        let complete = frontier[0].is_empty() && frontier[1].is_empty();
        let bound = if complete || stopped {
            max_hops
        } else {
            (depth[0] + depth[1]).min(max_hops)
        };
        let (eg, ids) = g.graph();
        let found = eg.paths(ids[ia], ids[ib], bound, k, via);
        if found.len() >= k || bound >= max_hops {
            let mut labels: HashMap<String, Entity> = HashMap::new();
            let mut label = |e: &Entity| -> Result<Entity, QueryError> {
                if let Some(x) = labels.get(&e.iri) {
                    return Ok(x.clone());
                }
                let x = lk.describe(&e.iri, e.kind)?;
                labels.insert(e.iri.clone(), x.clone());
                Ok(x)
            };
            let mut paths = Vec::new();
            for p in found {
                let start = label(&p.start)?;
                let mut hops = Vec::new();
                for h in p.hops {
                    hops.push(Hop {
                        to: label(&h.to)?,
                        ..h
                    });
                }
                paths.push(Path { start, hops });
            }
            if stopped && paths.len() < k {
                g.notes.push(format!(
                    "the search stopped after {} lookups, at {} hops from one end and {} from the other: longer paths were not looked for",
                    g.lookups, depth[0], depth[1]
                ));
            }
            return Ok(Search {
                paths,
                notes: g.notes,
                gathered: g.nodes.len(),
                lookups: g.lookups,
            });
        }
        let side = if frontier[1].is_empty()
            || (!frontier[0].is_empty() && cost(&frontier[0], &g) <= cost(&frontier[1], &g))
        {
            0
        } else {
            1
        };
        let mut next = Vec::new();
        for n in std::mem::take(&mut frontier[side]) {
            if g.lookups >= bounds.lookups || g.nodes.len() >= bounds.entities {
                stopped = true;
                break;
            }
            for m in g.expand(lk, n)? {
                if !seen[side].contains_key(&m) && passable(m, &g) {
                    seen[side].insert(m, depth[side] + 1);
                    next.push(m);
                }
            }
        }
        depth[side] += 1;
        frontier[side] = next;
        if stopped {
            frontier = [Vec::new(), Vec::new()];
            depth[side] -= 1;
        }
    }
}

/// A neighbour found by [`neighbors_in_store`]: the entity, its distance, and the relation that first reached it, in words.
#[derive(Clone, Debug, Serialize)]
pub struct Neighbor {
    /// The entity.
    pub entity: Entity,
    /// Its distance in hops.
    pub hops: usize,
    /// The relation that first reached it (蔡剑峰 —列席(市工信局)→ 第115次常务会议).
    pub via: String,
}

/// A neighbourhood read from the store: the neighbours, the relations among the entities reached, and what was cut.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Neighbourhood {
    /// The neighbours, nearest first.
    pub neighbors: Vec<Neighbor>,
    /// Relations read among the start and its neighbours, as (from IRI, to IRI, words).
    pub relations: Vec<(String, String, String)>,
    /// Hubs whose relations were cut, and budgets that ran out, in words.
    pub notes: Vec<String>,
}

/// The entities within `hops` hops of one, read from the store's indexes, nearest first, with the relations among them.
///
/// Each entity's neighbours come in (kind, label) order. Hubs' relation lists
/// are cut at `bounds.cap`, and at most `bounds.entities` entities are
/// returned; the notes say what was cut.
pub fn neighbors_in_store(
    lk: &Reader<'_>,
    start: (&str, Kind),
    hops: usize,
    bounds: Bounds,
) -> Result<Neighbourhood, QueryError> {
    let mut g = Gathered::default();
    let s = g.node(start.0, start.1);
    let mut labels: HashMap<usize, Entity> = HashMap::new();
    labels.insert(s, lk.describe(start.0, start.1)?);
    let mut dist = HashMap::from([(s, 0usize)]);
    let mut queue = VecDeque::from([s]);
    let mut out = Vec::new();
    let mut notes = Vec::new();
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if d == hops {
            continue;
        }
        if g.lookups >= bounds.lookups || out.len() >= bounds.entities {
            notes.push(format!(
                "stopped after {} entities and {} lookups",
                out.len(),
                g.lookups
            ));
            break;
        }
        g.expand(lk, n)?;
        let mut next: Vec<(Kind, String, usize, String)> = Vec::new();
        for (from, to, words) in &g.edges {
            let (other, w) = if *from == n {
                (*to, format!("—{words}→"))
            } else if *to == n {
                (*from, format!("←{words}—"))
            } else {
                continue;
            };
            if dist.contains_key(&other) {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(v) = labels.entry(other) {
                let (iri, kind) = &g.nodes[other];
                v.insert(lk.describe(iri, *kind)?);
            }
            let e = &labels[&other];
            next.push((e.kind, e.label.clone(), other, w));
        }
        next.sort();
        for (_, _, other, w) in next {
            if dist.contains_key(&other) {
                continue;
            }
            dist.insert(other, d + 1);
            out.push(Neighbor {
                entity: labels[&other].clone(),
                hops: d + 1,
                via: format!("{} {w} {}", labels[&n].label, labels[&other].label),
            });
            queue.push_back(other);
        }
    }
    notes.splice(0..0, g.notes);
    let edges = g
        .edges
        .iter()
        .filter(|(a, b, _)| dist.contains_key(a) && dist.contains_key(b))
        .map(|(a, b, w)| (g.nodes[*a].0.clone(), g.nodes[*b].0.clone(), w.clone()))
        .collect();
    Ok(Neighbourhood {
        neighbors: out,
        relations: edges,
        notes,
    })
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Formats the candidates of an ambiguous or unknown name for an error message.
pub fn describe_lookup(g: &EntityGraph, name: &str, l: &Lookup) -> String {
    match l {
        Lookup::One(id) => g.entity(*id).label.clone(),
        Lookup::Ambiguous(ids) => {
            let list: Vec<String> = ids
                .iter()
                .map(|&id| {
                    format!(
                        "{} ({}, {})",
                        g.entity(id).label,
                        g.entity(id).kind.as_str(),
                        g.entity(id).iri
                    )
                })
                .collect();
            super::lookup::ambiguous(name, &list)
        }
        Lookup::NotFound(near) => super::lookup::not_found(name, near),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        let d = |a: &str, b: &str| {
            edit_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("蔡剑锋", "蔡剑峰"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("汪香元", "汪香元"), 0);
    }
}
