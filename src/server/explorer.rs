//! What the explorer page asks for, as JSON: the corpus at a glance, search, cards, a meeting's records with their lines, neighbourhoods, and the source text with line numbers.
//!
//! Nothing is read from the store at start-up: every answer comes from index
//! lookups made for that request ([`crate::query::lookup`]): an entity's
//! relations, a neighbourhood searched outwards from it, a card from
//! [`crate::query::views`] bound to one IRI, the home page from the summary
//! graph that ingest keeps (computed once, by a background thread after the
//! port opens, and kept until an update: see `Memo`). Search finds exact names by lookups at once;
//! prefixes and substrings come from a list of names (people, organisations,
//! topics, documents and source files, at most [`super::names::MAX_NAMES`]) that a background
//! thread reads after the port opens, and that an update drops and reads again.
//! The sources directories are listed on the first request for a source text.

use super::http::{html_escape, json, percent_encode, respond, text};
use super::names::{kind_order, score, Names, NamesBuilder, Score};
use crate::query::graph::{neighbors_in_store, Bounds, Kind};
use crate::query::lookup::{Found, Reader};
use crate::query::views::{self, Card, Totals, ViewError};
use crate::query::{self, QueryError, Row};
use crate::rdf::vocab::{dcterms, foaf, prov, skos};
use crate::store::{Counts, GraphStore, StoreError};
use oxhttp::model::{Body, Response, StatusCode};
use oxigraph::model::{NamedOrBlankNode, Term};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// How many organisations and people the explorer's home page lists (`/api/overview?top=12`), computed ahead of the first visit.
pub const HOME_TOP: usize = 12;

/// Why a sources directory could not be listed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExplorerError {
    /// A query over the store failed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A sources directory could not be listed.
    #[error("cannot list the sources directory {path}: {source}")]
    Sources {
        /// The directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The explorer over one store, shared by every request.
pub struct Explorer {
    store: Arc<GraphStore>,
    dirs: Vec<PathBuf>,
    /// Source file name → where its text is, listed on first use.
    sources: OnceLock<Result<BTreeMap<String, PathBuf>, String>>,
    /// The names search reads, once a background thread has read them.
    names: RwLock<Option<Arc<Names>>>,
    /// The home page's overview, per number of top entries asked for.
    overviews: Memo<usize, Arc<serde_json::Value>>,
    /// What the store holds (its quads left out).
    counts: Memo<(), Counts>,
    /// The source files' names, sorted, for the list of documents a page at a time.
    documents: Memo<(), Arc<Vec<String>>>,
    /// The totals of the topic cards counted ([`Explorer::topic_totals`]), by topic IRI and whether narrower topics are folded in (at most [`TOPIC_TOTALS_KEPT`]); the cards' next pages show them.
    topic_totals: Mutex<HashMap<(String, bool), views::TopicTotals>>,
}

/// How many topic cards' totals the explorer keeps; past it, it forgets them all and starts again.
const TOPIC_TOTALS_KEPT: usize = 10_000;

/// Answers that depend on the store alone, each computed once and kept until [`Explorer::refresh`].
///
/// The server's store never changes under it but through its own `/update`,
/// which refreshes: a store opened read-only is RocksDB's view at opening.
/// Requests for an answer being computed wait for it rather than compute it
/// again, so the answer the background thread starts on after start-up is
/// ready for the first visitor at the cost of one computation. The keys are
/// few (`top` is clamped), so what is kept is bounded.
struct Memo<K, V> {
    cells: Mutex<HashMap<K, Arc<OnceLock<Option<V>>>>>,
}

impl<K: Eq + std::hash::Hash + Copy, V: Clone> Memo<K, V> {
    fn new() -> Self {
        Memo {
            cells: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<OnceLock<Option<V>>>>> {
        self.cells.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Returns the kept answer for `key`, computing it first when there is none; a failure is returned and not kept, so that the next request tries again.
    fn get<E>(&self, key: K, compute: impl Fn() -> Result<V, E>) -> Result<V, E> {
        let cell = Arc::clone(self.lock().entry(key).or_default());
        let mut failed = None;
        let kept = cell.get_or_init(|| match compute() {
            Ok(v) => Some(v),
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        if let Some(v) = kept {
            return Ok(v.clone());
        }
        let mut cells = self.lock();
        if cells.get(&key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
            cells.remove(&key);
        }
        drop(cells);
        match failed {
            Some(e) => Err(e),
            // Another request's computation failed while this one waited for it: try once more.
            None => compute(),
        }
    }

    /// Forgets every kept answer.
    fn clear(&self) {
        self.lock().clear();
    }
}

fn select(
    store: &GraphStore,
    body: &str,
    params: &[(&str, String)],
) -> Result<Vec<Row>, QueryError> {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    query::select(store, body, &params)
}

/// Folds a name for search: the core's width and quote folding ([`resolve::fold`](crate::resolve::fold)), then lower case, no spaces or book-title marks.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = crate::resolve::fold(c);
            (!c.is_whitespace() && !matches!(c, '《' | '》' | '〈' | '〉'))
                .then(|| c.to_lowercase())
        })
        .flatten()
        .collect()
}

/// Lists the files under directories, by file name (the first found wins), recursively, hidden files skipped.
fn list_sources(dirs: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>, ExplorerError> {
    let mut out = BTreeMap::new();
    for d in dirs {
        let mut stack = vec![d.clone()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|source| ExplorerError::Sources {
                path: dir.clone(),
                source,
            })?;
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                let Some(name) = p.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                    continue;
                };
                if name.starts_with('.') {
                    continue;
                }
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.entry(name).or_insert(p);
                }
            }
        }
    }
    Ok(out)
}

/// An entity as the page sees it.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRef {
    /// Its IRI.
    pub id: String,
    /// What it is (person, org, meeting, item, document, topic, or source for a source file).
    pub kind: String,
    /// Its label.
    pub label: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// For a person, what tells them from namesakes: government, and the organisation of a split name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Explorer {
    /// Prepares the explorer: no store access; `sources` are directories holding the ingested files.
    pub fn new(store: Arc<GraphStore>, sources: &[PathBuf]) -> Arc<Self> {
        Arc::new(Explorer {
            store,
            dirs: sources.to_vec(),
            sources: OnceLock::new(),
            names: RwLock::new(None),
            overviews: Memo::new(),
            counts: Memo::new(),
            documents: Memo::new(),
            topic_totals: Mutex::new(HashMap::new()),
        })
    }

    /// On threads of their own, computes the home page's answers (the counts; the overview the page asks for, then the names search uses); search answers exact names until they are read.
    pub fn read_names_in_background(self: &Arc<Self>) {
        let me = Arc::clone(self);
        let counting = Arc::clone(self);
        std::thread::spawn(move || {
            if let Err(e) = counting.counts(false) {
                eprintln!("warning: the explorer could not count the store's contents: {e}");
            }
        });
        std::thread::spawn(move || {
            if let Err(e) = me.overview_json(HOME_TOP) {
                eprintln!("warning: the explorer could not read the store's overview: {e}");
            }
            match me.read_names() {
                Ok(n) => {
                    let (entities, names, _) = n.sizes();
                    eprintln!(
                        "the explorer's search list is read: {entities} entities, {names} names, {:.1} MB",
                        n.heap_bytes() as f64 / 1e6
                    );
                    if let Ok(mut slot) = me.names.write() {
                        *slot = Some(Arc::new(n));
                    }
                }
                Err(e) => eprintln!("warning: the explorer could not read the store's names: {e}"),
            }
            if let Err(e) = me.document_names() {
                eprintln!("warning: the explorer could not list the store's documents: {e}");
            }
        });
    }

    /// Forgets the names and the kept answers (after an update) and reads them again in the background.
    pub fn refresh(self: &Arc<Self>) {
        if let Ok(mut slot) = self.names.write() {
            *slot = None;
        }
        self.overviews.clear();
        self.counts.clear();
        self.documents.clear();
        self.totals_lock().clear();
        self.read_names_in_background();
    }

    /// Returns what the store holds, kept after the first time unless `quads` asks for its quads too (which reads every one).
    pub fn counts(&self, quads: bool) -> Result<Counts, StoreError> {
        if quads {
            return self.store.counts_with(true);
        }
        self.counts.get((), || self.store.counts_with(false))
    }

    fn read_names(&self) -> Result<Names, QueryError> {
        let lk = Reader::new(&self.store, 0);
        let mut n = NamesBuilder::new(self.store.base().as_str());
        let props = [
            foaf::NAME,
            skos::PREF_LABEL,
            dcterms::TITLE,
            skos::ALT_LABEL,
            dcterms::IDENTIFIER,
        ];
        let source_prefix = format!("{}source/", self.store.base().as_str());
        'props: for p in props {
            for q in self
                .store
                .oxigraph()
                .quads_for_pattern(None, Some(p), None, None)
            {
                let q = q.map_err(crate::store::StoreError::from)?;
                let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (&q.subject, &q.object)
                else {
                    continue;
                };
                if l.language().is_some_and(|lang| lang != "zh") {
                    continue;
                }
                let kind = match lk.kind_of(s.as_str()) {
                    Some(k) if Names::holds(k) => Some(k),
                    None if p == dcterms::IDENTIFIER && s.as_str().starts_with(&source_prefix) => {
                        None
                    }
                    _ => continue,
                };
                if p == dcterms::TITLE && kind != Some(Kind::Document) {
                    continue;
                }
                let added = if p == dcterms::TITLE {
                    n.add(s.as_str(), kind, &format!("《{}》", l.value()))
                } else {
                    n.add(s.as_str(), kind, l.value())
                };
                if !added {
                    break 'props;
                }
            }
        }
        Ok(n.finish())
    }

    fn names(&self) -> Option<Arc<Names>> {
        self.names.read().ok().and_then(|n| n.clone())
    }

    fn sources(&self) -> &Result<BTreeMap<String, PathBuf>, String> {
        self.sources
            .get_or_init(|| list_sources(&self.dirs).map_err(|e| e.to_string()))
    }

    fn reader(&self) -> Reader<'_> {
        Reader::new(&self.store, Bounds::default().cap)
    }

    fn entity_ref(&self, lk: &Reader<'_>, iri: &str, kind: Kind) -> Result<EntityRef, QueryError> {
        let e = lk.describe(iri, kind)?;
        let detail = match kind {
            Kind::Person => Some(lk.person_detail(iri)?),
            _ => None,
        };
        Ok(EntityRef {
            id: e.iri,
            kind: kind.as_str().to_owned(),
            label: e.label,
            aliases: e.aliases,
            detail,
        })
    }

    /// Searches names: exact matches first (by index lookups), then prefixes, then substrings; the nearest names when nothing matches.
    pub fn search(
        &self,
        q: &str,
        kind: Option<Kind>,
        limit: usize,
    ) -> Result<serde_json::Value, QueryError> {
        let fq = fold(q);
        if fq.is_empty() {
            return Ok(serde_json::json!({ "query": q, "results": [], "suggestions": [] }));
        }
        let lk = self.reader();
        let kinds: Vec<Kind> = kind.into_iter().collect();
        // IRI → (score, the entity): the exact names found by lookups, then the list's best matches.
        let mut best: BTreeMap<String, (Score, EntityRef)> = BTreeMap::new();
        // Exact names without suggestions: those are read below only if nothing matches at all.
        let exact = match lk.find_exact(q, &kinds)? {
            Found::One(iri, k) => vec![(iri, k)],
            Found::Ambiguous(c) => c,
            Found::NotFound(_) => Vec::new(),
        };
        for (iri, k) in exact {
            let r = self.entity_ref(&lk, &iri, k)?;
            let s = score(0, kind_order(Some(k)), r.label.chars().count());
            best.insert(iri, (s, r));
        }
        let names = self.names();
        let mut total = best.len();
        if let Some(n) = &names {
            let mut matches = n.matches(&fq, kind);
            // Every entity of the first `limit` is among the list's first `limit` + (exact names) matches.
            let head = limit.saturating_add(best.len()).min(matches.len());
            n.sort_head(&mut matches, head);
            // The exact names of the kinds the list holds (a meeting found by its date is not in it).
            let listed = best
                .values()
                .filter(|(_, r)| Kind::parse(&r.kind).is_some_and(Names::holds))
                .count();
            let mut also_exact = 0;
            for (i, (s, id)) in matches.iter().enumerate() {
                // Past the head, only to count the exact names the list also holds.
                if i >= head && also_exact == listed {
                    break;
                }
                let iri = n.iri(*id);
                match best.get_mut(&iri) {
                    Some(b) => {
                        b.0 = b.0.min(*s);
                        also_exact += 1;
                    }
                    None if i < head => {
                        best.insert(iri, (*s, n.entity_ref(*id)));
                    }
                    None => {}
                }
            }
            total = total + matches.len() - also_exact;
        }
        let mut hits: Vec<(Score, String, EntityRef)> =
            best.into_iter().map(|(iri, (s, r))| (s, iri, r)).collect();
        hits.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut results: Vec<EntityRef> = hits.into_iter().take(limit).map(|h| h.2).collect();
        // People are told apart from namesakes by government (and organisation, for a split name).
        for r in results
            .iter_mut()
            .filter(|r| r.kind == "person" && r.detail.is_none())
        {
            r.detail = Some(lk.person_detail(&r.id)?);
        }
        let suggestions = if results.is_empty() {
            self.nearest(&lk, names.as_deref(), q, kind)?
        } else {
            Vec::new()
        };
        Ok(serde_json::json!({
            "query": q, "total": total, "results": results, "suggestions": suggestions,
            "complete": names.is_some_and(|n| !n.truncated()),
        }))
    }

    /// Returns the names nearest to one that matched nothing: from the search list once it is read, else from the store (which reads every name).
    fn nearest(
        &self,
        lk: &Reader<'_>,
        names: Option<&Names>,
        q: &str,
        kind: Option<Kind>,
    ) -> Result<Vec<String>, QueryError> {
        match names {
            Some(n) => Ok(n.nearest(q, kind)),
            None => lk.nearest(q, &Vec::from_iter(kind)),
        }
    }

    /// Finds one entity by IRI or name.
    fn find(
        &self,
        lk: &Reader<'_>,
        key: &str,
    ) -> Result<Result<(String, Kind), Response<Body>>, QueryError> {
        Ok(match lk.find_exact(key, &[])? {
            Found::One(iri, kind) => Ok((iri, kind)),
            Found::Ambiguous(ids) => {
                let mut c = Vec::new();
                for (iri, kind) in ids {
                    c.push(self.entity_ref(lk, &iri, kind)?);
                }
                Err(error_json(
                    StatusCode::CONFLICT,
                    &format!("{key} is ambiguous"),
                    serde_json::json!({ "candidates": c }),
                ))
            }
            Found::NotFound(_) => Err(error_json(
                StatusCode::NOT_FOUND,
                &format!("nothing is called {key}"),
                serde_json::json!({ "nearest": self.nearest(lk, self.names().as_deref(), key, None)? }),
            )),
        })
    }

    /// Returns an entity with its direct relations (a hub's relations cut, and the cut said).
    pub fn entity(&self, key: &str) -> Result<Response<Body>, QueryError> {
        let lk = self.reader();
        let (iri, kind) = match self.find(&lk, key)? {
            Ok(x) => x,
            Err(r) => return Ok(r),
        };
        let rel = lk.relations(&iri, kind)?;
        let mut relations = Vec::new();
        for l in &rel.links {
            let other = self.entity_ref(&lk, &l.other, l.kind)?;
            relations.push((
                other.kind.clone(),
                other.label.clone(),
                serde_json::json!({ "words": l.words, "forward": l.forward, "other": other }),
            ));
        }
        relations.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let cuts: Vec<serde_json::Value> = rel
            .cuts
            .iter()
            .map(|c| serde_json::json!({ "relation": c.relation, "followed": c.followed }))
            .collect();
        Ok(json(&serde_json::json!({
            "entity": self.entity_ref(&lk, &iri, kind)?,
            "relations": relations.into_iter().map(|r| r.2).collect::<Vec<_>>(),
            "cuts": cuts,
        })))
    }

    /// Returns the entities within `hops` hops of one (at most `max`, nearest first) and the relations among them.
    pub fn neighbourhood(
        &self,
        key: &str,
        hops: usize,
        max: usize,
    ) -> Result<Response<Body>, QueryError> {
        let lk = self.reader();
        let (iri, kind) = match self.find(&lk, key)? {
            Ok(x) => x,
            Err(r) => return Ok(r),
        };
        let bounds = Bounds {
            entities: max,
            ..Bounds::default()
        };
        let found = neighbors_in_store(&lk, (&iri, kind), hops.clamp(1, 3), bounds)?;
        let (near, edges, notes) = (found.neighbors, found.relations, found.notes);
        let total = near.len();
        let center = lk.describe(&iri, kind)?;
        let mut nodes = vec![
            serde_json::json!({ "id": center.iri, "kind": kind.as_str(), "label": center.label, "distance": 0 }),
        ];
        let mut index: HashMap<String, usize> = HashMap::from([(iri.clone(), 0)]);
        for n in near.into_iter().take(max.saturating_sub(1)) {
            index.insert(n.entity.iri.clone(), nodes.len());
            nodes.push(serde_json::json!({ "id": n.entity.iri, "kind": n.entity.kind.as_str(), "label": n.entity.label, "distance": n.hops }));
        }
        let edges: Vec<serde_json::Value> = edges
            .iter()
            .filter_map(|(a, b, words)| {
                Some(serde_json::json!({ "from": index.get(a)?, "to": index.get(b)?, "words": words }))
            })
            .collect();
        Ok(json(&serde_json::json!({
            "center": 0, "shown": nodes.len(), "nodes": nodes, "edges": edges, "total": total + 1, "notes": notes,
        })))
    }

    /// Returns the meeting a source file records, by index lookups.
    fn meeting_of(&self, file: &str) -> Result<Option<String>, QueryError> {
        let source = self.store.base().source(file);
        let lk = self.reader();
        for q in self.store.oxigraph().quads_for_pattern(
            None,
            Some(prov::HAD_PRIMARY_SOURCE),
            Some(source.as_ref().into()),
            None,
        ) {
            let q = q.map_err(crate::store::StoreError::from)?;
            if let NamedOrBlankNode::NamedNode(m) = q.subject {
                if lk.kind_of(m.as_str()) == Some(Kind::Meeting) {
                    return Ok(Some(m.into_string()));
                }
            }
        }
        Ok(None)
    }

    /// Returns true when the store holds a source file of that name.
    fn holds_source(&self, file: &str) -> bool {
        let source = self.store.base().source(file);
        self.store
            .oxigraph()
            .quads_for_pattern(Some(source.as_ref().into()), None, None, None)
            .next()
            .is_some()
    }

    /// Returns a card drawn by [`crate::query::views`], as JSON, with a meeting's records and their lines; a topic's long tables cut to `page`.
    pub fn card(
        &self,
        kind: &str,
        key: &str,
        narrower: bool,
        page: crate::query::Page,
    ) -> Result<Response<Body>, QueryError> {
        let store = &*self.store;
        let card: Result<Card, ViewError> = match kind {
            "person" => views::person(store, key),
            "org" => views::organisation(store, key),
            // A topic's card shows its page without waiting for its documents' total (a hub
            // topic's: about a second at 100,000 meetings); the page asks /api/topic-totals
            // for it, which keeps it for the card's next pages.
            "topic" => {
                let known = |iri: &str| self.kept_totals(iri, narrower);
                views::topic_with_totals(store, key, narrower, page, Totals::Kept(&known))
                    .map(|(card, _)| card)
            }
            "meeting" => match self.meeting_of(key)? {
                Some(iri) => views::meeting(store, &iri),
                None => views::meeting(store, key),
            },
            _ => return Ok(text(StatusCode::NOT_FOUND, format!("no card for {kind:?}"))),
        };
        Ok(match card {
            Ok(card) => {
                let mut v = serde_json::to_value(&card).unwrap_or_default();
                if kind == "meeting" {
                    v["records"] = self.meeting_records(&card.iri)?;
                }
                json(&v)
            }
            Err(e) => view_error(e),
        })
    }

    /// A meeting's agenda items, documents and attendance records, each with its line.
    fn meeting_records(&self, iri: &str) -> Result<serde_json::Value, QueryError> {
        let store = &*self.store;
        let m = [("m", format!("<{iri}>"))];
        let doc = select(store, "SELECT ?doc WHERE { ?m prov:hadPrimarySource ?s . ?s dcterms:identifier ?doc } LIMIT 1", &m)?;
        let items = select(store, "SELECT DISTINCT ?n ?heading ?line WHERE { ?m schema:subEvent ?i . ?i jy:ordinal ?n ; dcterms:title ?heading ; jy:line ?line } ORDER BY ?n", &m)?;
        let documents = select(store, "SELECT DISTINCT ?item ?title ?decision ?lead ?next ?line WHERE {
            ?x a jy:DocumentMention ; jy:meeting ?m ; jy:document ?d ; jy:line ?line . ?d dcterms:title ?title .
            OPTIONAL { ?x jy:agendaItem ?i . ?i jy:ordinal ?item } OPTIONAL { ?x jy:decision ?decision }
            OPTIONAL { ?x jy:leadOrganization ?o OPTIONAL { ?o skos:prefLabel ?lead } } OPTIONAL { ?x jy:nextStep ?next } } ORDER BY ?line ?title", &m)?;
        let attendance = select(store, "SELECT DISTINCT ?a ?role ?name ?org ?line ?col ?order WHERE {
            ?a a jy:Attendance ; jy:meeting ?m ; jy:role ?r ; jy:line ?line ; jy:column ?col . OPTIONAL { ?r rdfs:label ?role FILTER(lang(?role) = \"zh\") }
            VALUES (?r ?order) { (jy:chair 1) (jy:present 2) (jy:attending 3) (jy:representative 4) (jy:absent 5) (jy:recorder 6) }
            OPTIONAL { ?a jy:person ?p OPTIONAL { ?p foaf:name ?name } } OPTIONAL { ?a jy:organization ?o OPTIONAL { ?o skos:prefLabel ?org } } }", &m)?;
        // Sorted by role, line and column, then by every cell as before (the record's IRI first).
        let mut attendance: Vec<(u32, u32, u32, [String; 6])> = attendance
            .iter()
            .map(|r| {
                (
                    r.number("order").unwrap_or(9),
                    r.number("line").unwrap_or(0),
                    r.number("col").unwrap_or(0),
                    ["a", "role", "name", "org", "line", "col"].map(|v| r.text(v)),
                )
            })
            .collect();
        attendance.sort();
        let attendance: Vec<serde_json::Value> = attendance
            .into_iter()
            .map(|(_, line, _, [_, role, person, org, _, _])| serde_json::json!({ "role": role, "person": person, "org": org, "line": line }))
            .collect();
        let items: Vec<serde_json::Value> = items
            .iter()
            .map(|r| serde_json::json!({ "item": cell(r, "n"), "heading": r.text("heading"), "line": cell(r, "line") }))
            .collect();
        let documents: Vec<serde_json::Value> = documents
            .iter()
            .map(|r| serde_json::json!({ "item": cell(r, "item"), "title": r.text("title"), "decision": r.text("decision"), "lead": r.text("lead"), "next": r.text("next"), "line": cell(r, "line") }))
            .collect();
        Ok(serde_json::json!({
            "doc": doc.first().map(|r| r.text("doc")).unwrap_or_default(),
            "items": items, "documents": documents, "attendance": attendance,
        }))
    }

    /// Returns the corpus at a glance, from the summary graph: meetings per year, agenda items per topic and year, the organisations and people seen most, and the organisations leading most documents.
    pub fn overview(&self, top: usize) -> Result<Response<Body>, QueryError> {
        Ok(json(&*self.overview_json(top)?))
    }

    /// The overview's JSON, computed once per `top`.
    fn overview_json(&self, top: usize) -> Result<Arc<serde_json::Value>, QueryError> {
        self.overviews
            .get(top, || self.compute_overview(top).map(Arc::new))
    }

    fn compute_overview(&self, top: usize) -> Result<serde_json::Value, QueryError> {
        let store = &*self.store;
        let years = select(store, "SELECT ?year ?meetings ?items ?attendance WHERE {
            ?s a jy:YearSummary ; jy:year ?year ; jy:meetingCount ?meetings ; jy:itemCount ?items ; jy:attendanceCount ?attendance } ORDER BY ?year", &[])?;
        let topics = select(
            store,
            "SELECT ?t ?topic ?year ?items WHERE {
            ?s a jy:TopicYearSummary ; jy:about ?t ; jy:year ?year ; jy:itemCount ?items .
            ?t skos:prefLabel ?topic FILTER(lang(?topic) = \"zh\") } ORDER BY ?topic ?year",
            &[],
        )?;
        let lk = self.reader();
        let [orgs, people, leads] = self.most_seen(&lk, top)?;
        let years: Vec<serde_json::Value> = years
            .iter()
            .map(|r| serde_json::json!({ "year": r.text("year"), "meetings": count(r, "meetings"), "items": count(r, "items"), "attendance": count(r, "attendance") }))
            .collect();
        let mut by_topic: BTreeMap<(String, String), BTreeMap<String, u64>> = BTreeMap::new();
        for r in &topics {
            by_topic
                .entry((r.text("topic"), r.text("t")))
                .or_default()
                .insert(r.text("year"), count(r, "items"));
        }
        let mut topics: Vec<(u64, serde_json::Value)> = by_topic
            .into_iter()
            .map(|((label, iri), per_year)| {
                let total: u64 = per_year.values().sum();
                (total, serde_json::json!({ "id": iri, "label": label, "total": total, "years": per_year }))
            })
            .collect();
        topics.sort_by_key(|t| std::cmp::Reverse(t.0));
        Ok(serde_json::json!({
            "years": years,
            "topics": topics.into_iter().map(|t| t.1).collect::<Vec<_>>(),
            "organisations": orgs,
            "people": people,
            "leads": leads,
        }))
    }

    /// The organisations and the people with the most attendance records, and the organisations leading most documents, from their summaries; the people on a second thread, as their summaries are the most.
    fn most_seen(
        &self,
        lk: &Reader<'_>,
        top: usize,
    ) -> Result<[Vec<serde_json::Value>; 3], QueryError> {
        let records = ("recordCount", "records");
        std::thread::scope(|scope| {
            let people = scope.spawn(|| {
                let lk = self.reader();
                self.top_by(&lk, records, Some("PersonSummary"), Kind::Person, top)
            });
            let orgs = self.top_by(lk, records, Some("OrganizationSummary"), Kind::Org, top)?;
            // Only organisation summaries count documents (`jy:documentCount`).
            let leads = self.top_by(lk, ("documentCount", "documents"), None, Kind::Org, top)?;
            let people = people
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
            Ok([orgs, people, leads])
        })
    }

    /// The `top` summaries of a class (`jy:{class}`; `None` when only that class has the property) with the largest count (`jy:{property}`, written under `key`), each as the entity it is about (`id`, `label`, key), by count, largest first, then summary IRI; of the summaries that tie at the cut, those with the largest IRIs are kept.
    ///
    /// Two passes, so that only the kept summaries' IRIs are read from the
    /// store: every count of the class (numbers the store keeps inline; with a
    /// class, two whole columns joined by hash), whose `top`-th largest is the
    /// threshold; then the summaries at or above it. Reading every summary's
    /// IRI to keep the largest took seconds at 100,000 meetings (97,000 people).
    fn top_by(
        &self,
        lk: &Reader<'_>,
        (property, key): (&str, &str),
        class: Option<&str>,
        kind: Kind,
        top: usize,
    ) -> Result<Vec<serde_json::Value>, QueryError> {
        let store = &*self.store;
        let pair = match class {
            Some(class) => format!(
                "{{ SELECT ?s WHERE {{ ?s a jy:{class} }} }} {{ SELECT ?s ?n WHERE {{ ?s jy:{property} ?n }} }}"
            ),
            None => format!("?s jy:{property} ?n"),
        };
        let mut counts: Vec<u64> = select(store, &format!("SELECT ?n WHERE {{ {pair} }}"), &[])?
            .iter()
            .map(|r| count(r, "n"))
            .collect();
        if top == 0 || counts.is_empty() {
            return Ok(Vec::new());
        }
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let threshold = counts[top.min(counts.len()) - 1];
        let rows = select(
            store,
            &format!(
                "SELECT ?s ?t ?n WHERE {{ {{ SELECT ?s ?n WHERE {{ {pair} FILTER(?n >= {threshold}) }} }} ?s jy:about ?t }}"
            ),
            &[],
        )?;
        let mut kept: Vec<(u64, String, String)> = rows
            .iter()
            .map(|r| (count(r, "n"), r.text("s"), r.text("t")))
            .collect();
        kept.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
        kept.truncate(top);
        kept.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out = Vec::new();
        for (n, _, target) in kept {
            let e = lk.describe(&target, kind)?;
            out.push(serde_json::json!({ "id": e.iri, "label": e.label, key: n }));
        }
        Ok(out)
    }

    /// Returns one page of the store's source files (`offset`, at most `limit`), in file order, with their meetings and the total.
    ///
    /// Only the page's files are looked up, so a page costs the same on a
    /// store of a hundred documents or of a hundred thousand, but for listing
    /// the files' names.
    pub fn documents(&self, offset: usize, limit: usize) -> Result<Response<Body>, QueryError> {
        let sources = self.sources().as_ref().ok();
        let all = self.document_names()?;
        let mut docs = Vec::new();
        for d in all.iter().skip(offset).take(limit) {
            let meeting = self.meeting_of(d)?;
            let found = sources.is_some_and(|s| s.contains_key(d));
            docs.push(serde_json::json!({ "file": d, "meeting": meeting, "text": found }));
        }
        Ok(json(&serde_json::json!({
            "total": all.len(), "offset": offset, "limit": limit, "documents": docs,
        })))
    }

    /// Returns a topic card's totals (`narrower`: with its narrower topics), as JSON: counted once, then kept until an update.
    pub fn topic_totals(&self, key: &str, narrower: bool) -> Result<Response<Body>, QueryError> {
        let known = |iri: &str| self.kept_totals(iri, narrower);
        let (iri, totals) = match views::topic_totals(&self.store, key, narrower, &known) {
            Ok(found) => found,
            Err(e) => return Ok(view_error(e)),
        };
        let mut kept = self.totals_lock();
        if kept.len() >= TOPIC_TOTALS_KEPT && !kept.contains_key(&(iri.clone(), narrower)) {
            kept.clear();
        }
        kept.insert((iri.clone(), narrower), totals);
        drop(kept);
        Ok(json(&serde_json::json!({
            "iri": iri, "narrower": narrower, "timeline": totals.links, "documents": totals.documents,
        })))
    }

    /// Returns the totals kept for the card of the topic with this IRI.
    fn kept_totals(&self, iri: &str, narrower: bool) -> Option<views::TopicTotals> {
        self.totals_lock().get(&(iri.to_owned(), narrower)).copied()
    }

    fn totals_lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(String, bool), views::TopicTotals>> {
        self.topic_totals.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Returns the source files' names, sorted: listed once (two lookups per document: seconds at 100,000 documents) and kept until an update.
    fn document_names(&self) -> Result<Arc<Vec<String>>, StoreError> {
        self.documents.get((), || {
            let mut all = self.store.documents()?;
            all.sort();
            Ok(Arc::new(all))
        })
    }

    /// Shows a source file with numbered lines (`#L12` anchors each line), as an HTML page.
    pub fn source_page(&self, file: &str) -> Response<Body> {
        if file.contains('/') || !self.holds_source(file) {
            return text(
                StatusCode::NOT_FOUND,
                format!("no source document {file:?} in the store"),
            );
        }
        let path = match self.sources() {
            Ok(s) => s.get(file),
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.clone()),
        };
        let Some(path) = path else {
            return text(
                StatusCode::NOT_FOUND,
                format!("{file} is in the store, but its text was not found: start the server with --sources DIR (the directory it was ingested from)"),
            );
        };
        match source_html(file, path) {
            Ok(html) => respond(StatusCode::OK, "text/html; charset=utf-8", html),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e),
        }
    }
}

/// A count read from a solution; 0 when unbound.
fn count(r: &Row, var: &str) -> u64 {
    r.number(var).unwrap_or(0)
}

/// A cell for the JSON API: an integer as a number, any other value as its text, unbound as an empty string.
fn cell(r: &Row, var: &str) -> serde_json::Value {
    match r.number::<i64>(var) {
        Some(n) => n.into(),
        None => r.text(var).into(),
    }
}

/// Renders a file's text with its original line numbers; HTML pages show their extracted text, each line numbered as in the page.
fn source_html(file: &str, path: &Path) -> Result<String, String> {
    let src = jiyao_core::load::read(path).map_err(|e| e.to_string())?;
    let mut body = String::new();
    let mut anchored = BTreeSet::new();
    for (k, line) in src.text.split('\n').enumerate() {
        let n = src.original_line(k);
        let id = if anchored.insert(n) {
            format!(" id=\"L{n}\"")
        } else {
            String::new()
        };
        body.push_str(&format!("<div class=\"line\"{id}><a class=\"n\" href=\"#L{n}\">{n}</a><span class=\"t\">{}</span></div>\n", html_escape(line)));
    }
    let note = match src.format {
        jiyao_core::load::Format::Html => "<p class=\"note\">An HTML page: its text as jiyao read it, each line numbered as in the page.</p>",
        jiyao_core::load::Format::Text => "",
    };
    Ok(format!(
        "<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{t}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body class=\"source\"><header><a href=\"/\">jiyao 纪要</a> › <span id=\"file\">{t}</span> <span class=\"enc\">({enc:?})</span> · <a href=\"/#/meeting/{e}\">meeting</a></header>{note}\n<main class=\"text\">\n{body}</main></body></html>\n",
        t = html_escape(file),
        e = percent_encode(file),
        enc = src.encoding,
    ))
}

fn error_json(status: StatusCode, message: &str, extra: serde_json::Value) -> Response<Body> {
    let mut v = serde_json::json!({ "error": message });
    if let (Some(o), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
        o.extend(e);
    }
    let mut r = json(&v);
    *r.status_mut() = status;
    r
}

fn view_error(e: ViewError) -> Response<Body> {
    match e {
        ViewError::NotFound { name, nearest } => error_json(
            StatusCode::NOT_FOUND,
            &format!("nothing is called {name}"),
            serde_json::json!({ "nearest": nearest }),
        ),
        ViewError::Ambiguous { name, candidates } => error_json(
            StatusCode::CONFLICT,
            &format!("{name} is ambiguous"),
            serde_json::json!({ "candidates": candidates }),
        ),
        other => error_json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &other.to_string(),
            serde_json::json!({}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_memo_computes_once_keeps_no_failure_and_forgets_when_cleared() {
        let memo: Memo<usize, usize> = Memo::new();
        let calls = AtomicUsize::new(0);
        let fail = AtomicUsize::new(1);
        let compute = |k: usize| {
            calls.fetch_add(1, Ordering::SeqCst);
            if fail.load(Ordering::SeqCst) == 1 {
                Err("store failed")
            } else {
                Ok(k * 10)
            }
        };
        assert_eq!(memo.get(3, || compute(3)), Err("store failed"));
        fail.store(0, Ordering::SeqCst);
        assert_eq!(memo.get(3, || compute(3)), Ok(30));
        assert_eq!(memo.get(3, || compute(3)), Ok(30));
        assert_eq!(memo.get(4, || compute(4)), Ok(40));
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        memo.clear();
        assert_eq!(memo.get(3, || compute(3)), Ok(30));
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn waiting_requests_share_one_computation() {
        let memo: Memo<(), usize> = Memo::new();
        let calls = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    memo.get((), || {
                        calls.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        Ok::<_, ()>(7)
                    })
                });
            }
        });
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(memo.get((), || Ok::<_, ()>(8)), Ok(7));
    }

    #[test]
    fn folds_names_for_search() {
        assert_eq!(fold(" 蔡 剑峰 "), "蔡剑峰");
        assert_eq!(fold("《苏州市氢能规划》"), "苏州市氢能规划");
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("市“331”专班"), fold("市\"331\"专班"));
    }
}
