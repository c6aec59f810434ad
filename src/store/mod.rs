//! The knowledge graph on disk: everything that touches Oxigraph.
//!
//! A [`GraphStore`] is a plain Oxigraph store (RocksDB on disk, or in memory)
//! that the standard `oxigraph` tools can open, holding:
//!
//! - the ontology (`ontology/jiyao.ttl`) in the graph named by the ontology IRI;
//! - the topic scheme (from `data/topics.csv`) in `{base}graph/topics`;
//! - one graph per source document, `{base}graph/source/{file name}`;
//! - the derived memberships in `{base}graph/memberships`;
//! - the whole-corpus summaries in `{base}graph/summary` (counts per year,
//!   topic and year, organisation and person: [`jiyao_core::rdf::summary`];
//!   the rows of the lists grouped by a person's name:
//!   [`jiyao_core::rdf::names`]), kept exact by both load paths and by removal.
//!
//! # Atomicity
//!
//! The store is never half-written. Two paths load documents, and each keeps
//! that guarantee:
//!
//! - [`GraphStore::replace_documents`] replaces the graphs of a batch of whole
//!   documents in **one transaction**: it drops each document's old graph,
//!   inserts the new quads, and recomputes the memberships of every person the
//!   old or new graphs name, then commits. A crash leaves the store as it was
//!   before or after the batch.
//! - [`GraphStore::bulk`] uses Oxigraph's bulk loader, which writes sorted
//!   files aside and ingests them all in one atomic RocksDB step at commit. It
//!   cannot delete, so jiyao uses it only when the store holds no document at
//!   all ([`GraphStore::holds_documents`]): then nothing needs replacing, and the
//!   memberships are computed in memory from every document of the run and
//!   loaded in the same commit. A crash before the commit leaves no document.
//!
//! # Example
//!
//! ```
//! use jiyao::{extract::extract, load, rdf::{iri::Base, Mapper}, resolve::{people::People, Resources}, store::GraphStore};
//! let store = GraphStore::in_memory(Base::default()).unwrap();
//! store.load_vocabulary(Resources::bundled()).unwrap();
//! let bytes = std::fs::read("data/minutes/001_e66f49d85cb24354.txt").unwrap();
//! let x = extract(&load::decode("001_e66f49d85cb24354.txt", &bytes).unwrap(), Resources::bundled()).unwrap();
//! let doc = Mapper::new(store.base(), Resources::bundled(), People::bundled()).document(&x);
//! store.replace_documents(&[doc]).unwrap();
//! assert_eq!(store.counts().unwrap().meetings, 1);
//! ```

mod compress;
mod export;
mod ingest;
mod names;
mod shacl;
mod summary;

pub use export::{graph_iri, ExportFormat, GraphSelector, Shard, ShardError, ShardFile};
pub use ingest::{ingest, Failure, IngestOptions, IngestReport, LoadMode};
pub use shacl::{ValidationReport, Violation};

use jiyao_core::date::Date;
use jiyao_core::rdf::iri::Base;
use jiyao_core::rdf::names::{name_quads, name_records, NameRecord, NameRows};
use jiyao_core::rdf::summary::{contribution, summary_quads, Distinct, Summary};
use jiyao_core::rdf::vocab::time;
use jiyao_core::rdf::vocab::{dcterms, foaf, jy, org, schema};
use jiyao_core::rdf::{
    membership_nodes, membership_quads, topic_scheme_quads, write_membership_quads, DocumentGraph,
    MembershipFact, MembershipSummary, Memberships,
};
use jiyao_core::resolve::Resources;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{BulkLoader, Store, Transaction};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The ontology, bundled at build time from `ontology/jiyao.ttl`.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/jiyao.ttl");
/// The SHACL shapes, bundled at build time from `ontology/shapes.ttl`.
pub const SHAPES_TTL: &str = include_str!("../../ontology/shapes.ttl");

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store directory could not be opened (missing permissions, locked by another process, corrupt).
    #[error("cannot open the store at {path}: {source}")]
    Open {
        /// The directory.
        path: PathBuf,
        /// What Oxigraph said.
        source: oxigraph::store::StorageError,
    },
    /// Reading or writing the store failed.
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The bulk loader failed.
    #[error("bulk load: {0}")]
    Loader(#[from] oxigraph::store::LoaderError),
    /// A bundled or given RDF file (ontology, shapes) does not parse.
    #[error("{what}: {source}")]
    Parse {
        /// Which file.
        what: String,
        /// What the parser said.
        source: oxigraph::io::RdfParseError,
    },
    /// A SPARQL query failed.
    #[error("query: {0}")]
    Query(#[from] oxigraph::sparql::QueryEvaluationError),
    /// Writing an export failed.
    #[error("export: {0}")]
    Write(#[from] std::io::Error),
    /// A bulk load was asked for on a store that already holds documents (the bulk loader cannot replace them).
    #[error("the bulk loader can only load into a store that holds no document yet")]
    BulkOnNonEmpty,
    /// The graph asked for is not in the store.
    #[error("no graph <{0}> in the store")]
    NoSuchGraph(String),
    /// Compacting a closed store failed.
    #[error("compacting the store at {path}: {message}")]
    Compact {
        /// The directory.
        path: PathBuf,
        /// What RocksDB said.
        message: String,
    },
    /// The shapes use a SHACL feature the validator does not implement.
    #[error("shapes: {0}")]
    UnsupportedShape(String),
    /// Documents were to be added to, or removed from, a store written by an older jiyao, whose derived graphs lack what this one keeps.
    #[error("this store was written by an older jiyao (store format {found}; this one writes {STORE_FORMAT}): its summaries lack {missing}, and changing its documents would leave them partial; ingest its minutes again into a new store")]
    OldFormat {
        /// The store's format.
        found: i64,
        /// What the newer formats added.
        missing: String,
    },
}

/// The format of the stores this jiyao writes (`jy:storeFormat`): 2 since the name summaries, 3 since the corpus summary; a store without the marker is format 1.
pub const STORE_FORMAT: i64 = 3;

/// What each format after the first added to the derived graphs, for messages.
const FORMAT_ADDED: [(i64, &str); 2] = [
    (
        2,
        "the name summaries (people-multiple-orgs, ambiguous-people)",
    ),
    (3, "the corpus summary (the count of attendance records)"),
];

/// How many things a store holds, counted with SPARQL over all graphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Source documents (one graph each).
    pub documents: usize,
    /// Distinct meetings.
    pub meetings: usize,
    /// Distinct people.
    pub people: usize,
    /// Distinct organisations.
    pub organisations: usize,
    /// Attendance records.
    pub attendance: usize,
    /// Diagnostics of severity warning or error.
    pub warnings: usize,
    /// Memberships derived.
    pub memberships: usize,
    /// Every quad of the store, when counted (see [`GraphStore::counts_with`]).
    pub quads: Option<usize>,
}

/// An Oxigraph store holding jiyao's graphs, with the base IRI they were minted under.
pub struct GraphStore {
    store: Store,
    base: Base,
}

impl GraphStore {
    /// Opens (or creates) an on-disk store in a directory.
    pub fn open(path: &Path, base: Base) -> Result<Self, StoreError> {
        let store = Store::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Ok(GraphStore { store, base })
    }

    /// Opens an on-disk store for reading only, so that several readers (queries, views, paths) can share it.
    ///
    /// Oxigraph does not define what a read-only store sees while another
    /// process writes to it: query while no ingest is running.
    pub fn open_read_only(path: &Path, base: Base) -> Result<Self, StoreError> {
        let store = Store::open_read_only(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Ok(GraphStore { store, base })
    }

    /// Creates an empty in-memory store.
    pub fn in_memory(base: Base) -> Result<Self, StoreError> {
        Ok(GraphStore {
            store: Store::new()?,
            base,
        })
    }

    /// Returns the base IRI.
    pub fn base(&self) -> &Base {
        &self.base
    }

    /// Returns the underlying Oxigraph store, for queries.
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// Replaces the ontology and topic-scheme graphs, in one transaction.
    ///
    /// A store that holds no document yet takes this jiyao's format
    /// ([`STORE_FORMAT`]); one that does keeps the format it was written in
    /// ([`GraphStore::format`]).
    pub fn load_vocabulary(&self, res: &Resources) -> Result<(), StoreError> {
        let ontology = parse_turtle("ontology/jiyao.ttl", ONTOLOGY_TTL, jy::ONTOLOGY)?;
        let topics = topic_scheme_quads(&self.base, &res.topics);
        let empty = !self.holds_documents()?;
        let mut tx = self.store.start_transaction()?;
        tx.remove_named_graph(jy::ONTOLOGY)?;
        tx.remove_named_graph(&self.base.topics_graph())?;
        tx.extend(&ontology);
        tx.extend(&topics);
        if empty {
            let node = self.base.store_node();
            let g = self.base.summary_graph();
            let old: Vec<Quad> = tx
                .quads_for_pattern(
                    Some(node.as_ref().into()),
                    Some(jy::STORE_FORMAT),
                    None,
                    Some(g.as_ref().into()),
                )
                .collect::<Result<_, _>>()?;
            for q in &old {
                tx.remove(q);
            }
            tx.insert(&Quad::new(
                node,
                jy::STORE_FORMAT,
                Literal::from(STORE_FORMAT),
                g,
            ));
        }
        tx.commit()?;
        Ok(())
    }

    /// Returns the format the store's derived graphs were written in: its `jy:storeFormat`, or 1 for a store written before the marker.
    pub fn format(&self) -> Result<i64, StoreError> {
        Ok(self
            .summary_integer(&self.base.store_node(), jy::STORE_FORMAT)?
            .unwrap_or(1))
    }

    /// Reads the integer a node of the summary graph holds under `property`, or `None` when it holds none.
    fn summary_integer<T: std::str::FromStr>(
        &self,
        node: &NamedNode,
        property: NamedNodeRef<'_>,
    ) -> Result<Option<T>, StoreError> {
        let g = self.base.summary_graph();
        for q in self.store.quads_for_pattern(
            Some(node.as_ref().into()),
            Some(property),
            None,
            Some(g.as_ref().into()),
        ) {
            if let Term::Literal(l) = q?.object {
                if let Ok(n) = l.value().parse() {
                    return Ok(Some(n));
                }
            }
        }
        Ok(None)
    }

    /// Returns an error when the store holds documents in an older format than this jiyao writes, so that they are not changed (their summaries would stay partial).
    pub fn check_format(&self) -> Result<(), StoreError> {
        if !self.holds_documents()? {
            return Ok(());
        }
        let found = self.format()?;
        if found >= STORE_FORMAT {
            return Ok(());
        }
        let missing: Vec<&str> = FORMAT_ADDED
            .iter()
            .filter(|(f, _)| *f > found)
            .map(|(_, what)| *what)
            .collect();
        Err(StoreError::OldFormat {
            found,
            missing: missing.join(", "),
        })
    }

    /// Returns true when the store holds at least one source-document graph or a memberships graph.
    pub fn holds_documents(&self) -> Result<bool, StoreError> {
        let prefix = self.base.source_graph_prefix();
        if self
            .store
            .contains_named_graph(&self.base.memberships_graph())?
        {
            return Ok(true);
        }
        for g in self.store.named_graphs() {
            if let NamedOrBlankNodeRef::NamedNode(n) = g?.as_ref() {
                if n.as_str().starts_with(&prefix) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Returns the file names of the source documents in the store, sorted.
    pub fn documents(&self) -> Result<Vec<String>, StoreError> {
        let prefix = self.base.source_graph_prefix();
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            let g = g?;
            let NamedOrBlankNodeRef::NamedNode(n) = g.as_ref() else {
                continue;
            };
            if !n.as_str().starts_with(&prefix) {
                continue;
            }
            // The file name as written is the source node's identifier.
            let mut name = None;
            for s in self.store.quads_for_pattern(
                None,
                Some(rdf::TYPE),
                Some(jy::SOURCE_DOCUMENT.into()),
                Some(n.into()),
            ) {
                let s = s?.subject;
                for q in self.store.quads_for_pattern(
                    Some(s.as_ref()),
                    Some(dcterms::IDENTIFIER),
                    None,
                    Some(n.into()),
                ) {
                    if let Term::Literal(l) = q?.object {
                        name = Some(l.value().to_owned());
                    }
                }
            }
            out.push(name.unwrap_or_else(|| n.as_str()[prefix.len()..].to_owned()));
        }
        out.sort();
        Ok(out)
    }

    /// Returns the number of quads in a graph.
    pub fn graph_len(&self, graph: NamedNodeRef<'_>) -> Result<usize, StoreError> {
        let mut n = 0;
        for q in self
            .store
            .quads_for_pattern(None, None, None, Some(graph.into()))
        {
            q?;
            n += 1;
        }
        Ok(n)
    }

    /// Replaces the graphs of whole documents and updates the memberships they touch, in one transaction.
    pub fn replace_documents(&self, docs: &[DocumentGraph]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        let mut removed = BTreeSet::new();
        let mut added = BTreeSet::new();
        let mut change = summary::Change::default();
        let mut names = BTreeSet::new();
        for d in docs {
            change.remove(summary::stored_contribution(&tx, d.graph.as_ref())?);
            change.add(contribution(&d.graph, &d.quads));
            names.extend(names::touched(&tx, d.graph.as_ref())?);
            names.extend(name_records(&d.graph, &d.quads).into_iter().map(|r| r.name));
        }
        let prepared = change.prepare(&tx)?;
        for d in docs {
            removed.extend(facts_in(&tx, d.graph.as_ref())?);
            tx.remove_named_graph(&d.graph)?;
            tx.extend(&d.quads);
            added.extend(d.facts.iter().cloned());
        }
        let lost: BTreeSet<MembershipFact> = removed.difference(&added).cloned().collect();
        let gained: BTreeSet<MembershipFact> = added.difference(&removed).cloned().collect();
        update_memberships(&mut tx, &self.base, &lost, &gained)?;
        change.apply(&mut tx, &self.base, prepared)?;
        names::update(&mut tx, &self.base, &names)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes the graphs of documents by file name, and updates the memberships they touched, in one transaction.
    ///
    /// Returns the file names that were in the store.
    pub fn remove_documents(&self, files: &[&str]) -> Result<Vec<String>, StoreError> {
        let mut tx = self.store.start_transaction()?;
        let mut lost = BTreeSet::new();
        let mut removed = Vec::new();
        let mut change = summary::Change::default();
        let mut names = BTreeSet::new();
        for f in files {
            let g = self.base.source_graph(jiyao_core::rdf::file_name(f));
            if tx.contains_named_graph(&g)? {
                change.remove(summary::stored_contribution(&tx, g.as_ref())?);
                names.extend(names::touched(&tx, g.as_ref())?);
                lost.extend(facts_in(&tx, g.as_ref())?);
                tx.remove_named_graph(&g)?;
                removed.push((*f).to_owned());
            }
        }
        update_memberships(&mut tx, &self.base, &lost, &BTreeSet::new())?;
        let prepared = change.prepare(&tx)?;
        change.apply(&mut tx, &self.base, prepared)?;
        names::update(&mut tx, &self.base, &names)?;
        tx.commit()?;
        Ok(removed)
    }

    /// Compacts an on-disk store, so that reads touch few files; a no-op in memory.
    ///
    /// A bulk load adds every batch's sorted files to the store side by side
    /// (about 1,500 of them for 100,000 meetings); until RocksDB merges them, every
    /// read has to look into all of them, and a read-only reader never merges
    /// them. Compacting rewrites the store once (minutes for tens of millions of
    /// quads) and makes queries an order of magnitude faster.
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.store.optimize()?;
        Ok(())
    }

    /// Compacts a closed on-disk store, compressing every level; see [`compress`](self::compress) for why not [`GraphStore::optimize`].
    ///
    /// Oxigraph's own compaction leaves a compacted store uncompressed (nearly
    /// twice the size of the bulk-loaded one); this one keeps it at the
    /// bulk-loaded size, with the same read speed. No process may hold the
    /// store open meanwhile.
    pub fn compact_closed(path: &Path) -> Result<(), StoreError> {
        compress::compact(path)
    }

    /// Starts a bulk load; only for a store that holds no document (see the module documentation).
    pub fn bulk(&self) -> BulkIngest<'_> {
        BulkIngest {
            loader: self.store.bulk_loader(),
            base: &self.base,
            buffer: Vec::new(),
            memberships: Memberships::new(),
            seen_entity_quads: HashSet::new(),
            summary: Summary::new(),
            seen_keys: HashSet::new(),
            names: NameRows::default(),
            sent: 0,
        }
    }

    /// Counts what the store holds.
    ///
    /// Source documents, attendance records and diagnostics are named after
    /// their document and typed once, in its graph, so they are counted by
    /// streaming over their `rdf:type` (or `jy:severity`) quads with no
    /// `DISTINCT`: a store of 100,000 meetings holds millions of them, and
    /// hashing them all took minutes and gigabytes. Meetings (two files may
    /// describe one), people, organisations and memberships are fewer and
    /// counted distinctly. Every quad is counted too, which reads the whole
    /// store; [`GraphStore::counts_with`] can leave that out.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        self.counts_with(true)
    }

    /// Counts what the store holds, and its quads only when `quads` is true: Oxigraph counts them by reading every one (2.5 s of the 2.8 s of a 10,000-meeting store's counts), where the rest reads a few type indexes.
    pub fn counts_with(&self, quads: bool) -> Result<Counts, StoreError> {
        let typed = |class: NamedNodeRef<'_>| -> Result<usize, StoreError> {
            self.count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{}> }} }}",
                class.as_str()
            ))
        };
        let distinct = |class: NamedNodeRef<'_>| -> Result<usize, StoreError> {
            self.count(&format!(
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{}> }} }}",
                class.as_str()
            ))
        };
        Ok(Counts {
            documents: typed(jy::SOURCE_DOCUMENT)?,
            meetings: distinct(jy::MEETING)?,
            people: distinct(foaf::PERSON)?,
            organisations: distinct(org::ORGANIZATION)?,
            attendance: match self.summarised_attendance()? {
                Some(n) => n,
                // A store of format 2 or older has no corpus summary; an empty one needs none.
                None => typed(jy::ATTENDANCE)?,
            },
            // From the diagnostic summaries (a node per severity and code), not by reading every diagnostic.
            warnings: self.count(&format!(
                "SELECT (SUM(?k) AS ?n) WHERE {{ GRAPH <{}> {{ ?s a <{}> ; <{}> ?sev ; <{}> ?k FILTER(?sev IN (\"warning\", \"error\")) }} }}",
                self.base.summary_graph().as_str(),
                jy::DIAGNOSTIC_SUMMARY.as_str(),
                jy::SEVERITY.as_str(),
                jy::DIAGNOSTIC_COUNT.as_str()
            ))?,
            memberships: distinct(org::MEMBERSHIP)?,
            quads: if quads { Some(self.store.len()?) } else { None },
        })
    }

    /// Returns the attendance records of the whole store from its corpus summary, or `None` when there is no such node (no records, or a store written before format 3).
    fn summarised_attendance(&self) -> Result<Option<usize>, StoreError> {
        self.summary_integer(&self.base.corpus_summary(), jy::ATTENDANCE_COUNT)
    }

    /// Runs a SPARQL query whose first solution binds `?n` to an integer, and returns it.
    pub fn count(&self, query: &str) -> Result<usize, StoreError> {
        let prepared = SparqlEvaluator::new()
            .parse_query(query)
            .map_err(|e| StoreError::Query(e.into()))?;
        if let QueryResults::Solutions(mut solutions) = prepared.on_store(&self.store).execute()? {
            if let Some(s) = solutions.next() {
                if let Some(Term::Literal(l)) = s?.get("n") {
                    return Ok(l.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(0)
    }

    /// Checks the store against SHACL shapes (Turtle), with the subset of SHACL Core in [`shacl`](ValidationReport).
    pub fn validate(&self, shapes_ttl: &str) -> Result<ValidationReport, StoreError> {
        shacl::validate(&self.store, shapes_ttl)
    }
}

/// A bulk load in progress: documents are buffered into large batches, memberships aggregated, all committed at once.
pub struct BulkIngest<'a> {
    loader: BulkLoader<'a>,
    base: &'a Base,
    buffer: Vec<Quad>,
    memberships: Memberships,
    /// Fingerprints of the entity quads already buffered, so each reaches the loader once.
    seen_entity_quads: HashSet<u128>,
    /// The summaries of the documents added so far.
    summary: Summary,
    /// Fingerprints of the distinct summary keys already counted.
    seen_keys: HashSet<u128>,
    /// Every attendance record of a person so far, for the name summaries.
    names: NameRows,
    /// Quads handed to the loader so far.
    sent: usize,
}

/// How many quads the bulk loader receives per batch (each batch becomes sorted files on disk).
const BULK_BATCH: usize = 500_000;

/// A document made ready for a bulk load off the loading thread.
///
/// Computing a document's summary contribution and fingerprinting its keys
/// and shared entity quads took 7% of an ingest's CPU (perf, 10,000 generated
/// meetings) on the one thread that feeds the loader, while the workers
/// waited; done here, by the workers that extract and map, it leaves that
/// thread only set lookups.
pub struct PreparedDocument {
    /// Quads of the document's own graph (and any other graph but the shared entities graph).
    own: Vec<Quad>,
    /// Quads of the shared entities graph, each with its fingerprint.
    entities: Vec<(u128, Quad)>,
    /// The distinct summary keys of the document, each with its fingerprint.
    distinct: Vec<(u128, Distinct)>,
    /// The counts that add across documents.
    additive: Summary,
    /// Membership facts of the document.
    facts: Vec<MembershipFact>,
    /// The document's attendance records of people, for the name summaries.
    names: Vec<NameRecord>,
}

impl PreparedDocument {
    /// Prepares a document graph for [`BulkIngest::add_prepared`]; pure, so it runs on any thread.
    pub fn new(base: &Base, doc: DocumentGraph) -> PreparedDocument {
        let c = contribution(&doc.graph, &doc.quads);
        let names = name_records(&doc.graph, &doc.quads);
        let entities_graph = base.entities_graph();
        let (shared, own): (Vec<Quad>, Vec<Quad>) = doc.quads.into_iter().partition(
            |q| matches!(&q.graph_name, GraphName::NamedNode(g) if *g == entities_graph),
        );
        PreparedDocument {
            own,
            entities: shared
                .into_iter()
                .map(|q| (summary::fingerprint(&q), q))
                .collect(),
            distinct: c
                .distinct
                .into_iter()
                .map(|k| (summary::fingerprint(&k), k))
                .collect(),
            additive: c.additive,
            facts: doc.facts,
            names,
        }
    }
}

impl BulkIngest<'_> {
    /// Adds a whole document.
    pub fn add(&mut self, doc: DocumentGraph) -> Result<(), StoreError> {
        let prepared = PreparedDocument::new(self.base, doc);
        self.add_prepared(prepared)
    }

    /// Adds a whole document prepared by [`PreparedDocument::new`], on whichever thread.
    pub fn add_prepared(&mut self, doc: PreparedDocument) -> Result<(), StoreError> {
        for (print, k) in doc.distinct {
            if self.seen_keys.insert(print) {
                let (t, n) = k.tally();
                self.summary.entry(t).or_default().add(&n, 1);
            }
        }
        for (t, n) in doc.additive {
            self.summary.entry(t).or_default().add(&n, 1);
        }
        self.buffer.extend(doc.own);
        // Entity descriptions repeat in every document that names the entity;
        // the loader would drop repeats only within one batch, so drop them here
        // (a quarter of all quads on a generated corpus).
        for (print, q) in doc.entities {
            if self.seen_entity_quads.insert(print) {
                self.buffer.push(q);
            }
        }
        for r in &doc.names {
            self.names.add(r);
        }
        for f in doc.facts {
            self.memberships
                .entry((f.person, f.org))
                .or_default()
                .add(f.meeting, f.date);
        }
        if self.buffer.len() >= BULK_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Returns how many quads were added so far, each repeated entity description counted once.
    pub fn quads(&self) -> usize {
        self.sent + self.buffer.len()
    }

    /// Loads the memberships and commits everything in one atomic step.
    ///
    /// The membership quads (one per person, organisation and meeting: as many
    /// as attendance records) are streamed in batches, not collected first.
    pub fn commit(mut self) -> Result<(), StoreError> {
        let memberships = std::mem::take(&mut self.memberships);
        write_membership_quads(self.base, &memberships, |q| {
            self.buffer.push(q);
            if self.buffer.len() >= BULK_BATCH {
                self.flush()?;
            }
            Ok::<(), StoreError>(())
        })?;
        drop(memberships);
        let sums = std::mem::take(&mut self.summary);
        self.buffer.extend(summary_quads(self.base, &sums));
        for row in std::mem::take(&mut self.names).rows() {
            self.buffer.extend(name_quads(self.base, &row));
        }
        self.flush()?;
        self.loader.commit()?;
        Ok(())
    }

    /// Hands the buffered quads to the loader.
    fn flush(&mut self) -> Result<(), StoreError> {
        self.sent += self.buffer.len();
        self.loader.load_quads(std::mem::take(&mut self.buffer))?;
        Ok(())
    }
}

/// Parses a bundled Turtle file into quads of one named graph.
fn parse_turtle(what: &str, text: &str, graph: NamedNodeRef<'_>) -> Result<Vec<Quad>, StoreError> {
    RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(graph.into_owned())
        .for_slice(text)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Parse {
            what: what.to_owned(),
            source: e.into(),
        })
}

/// Returns the object of the first quad matching a subject and predicate in a graph.
fn object_of(
    tx: &Transaction<'_>,
    s: NamedNodeRef<'_>,
    p: NamedNodeRef<'_>,
    g: NamedNodeRef<'_>,
) -> Result<Option<Term>, StoreError> {
    Ok(tx
        .quads_for_pattern(Some(s.into()), Some(p), None, Some(g.into()))
        .next()
        .transpose()?
        .map(|q| q.object))
}

/// Reads the membership fact of one attendance record, if it has one (a person, an organisation, not an absence).
fn fact_of(
    tx: &Transaction<'_>,
    record: NamedNodeRef<'_>,
    person: &NamedNode,
    g: NamedNodeRef<'_>,
) -> Result<Option<MembershipFact>, StoreError> {
    if object_of(tx, record, jy::ROLE, g)? == Some(jy::ABSENT.into()) {
        return Ok(None);
    }
    let (Some(Term::NamedNode(o)), Some(Term::NamedNode(meeting))) = (
        object_of(tx, record, jy::ORGANIZATION, g)?,
        object_of(tx, record, jy::MEETING_PROP, g)?,
    ) else {
        return Ok(None);
    };
    let date = match object_of(tx, meeting.as_ref(), schema::START_DATE, g)? {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    };
    Ok(Some(MembershipFact {
        person: person.clone(),
        org: o,
        meeting,
        date,
    }))
}

/// Reads the membership facts of a source graph.
fn facts_in(
    tx: &Transaction<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<BTreeSet<MembershipFact>, StoreError> {
    let mut out = BTreeSet::new();
    let records: Vec<Quad> = tx
        .quads_for_pattern(None, Some(jy::PERSON), None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    for q in records {
        if let (NamedOrBlankNode::NamedNode(r), Term::NamedNode(p)) = (&q.subject, &q.object) {
            out.extend(fact_of(tx, r.as_ref(), p, graph)?);
        }
    }
    Ok(out)
}

/// Recomputes one membership from the attendance records of every source graph.
fn rescan(
    tx: &Transaction<'_>,
    base: &Base,
    person: &NamedNode,
    o: &NamedNode,
) -> Result<MembershipSummary, StoreError> {
    let prefix = base.source_graph_prefix();
    let mut sum = MembershipSummary::default();
    let records: Vec<Quad> = tx
        .quads_for_pattern(None, Some(jy::PERSON), Some(person.as_ref().into()), None)
        .collect::<Result<_, _>>()?;
    for q in records {
        let (NamedOrBlankNode::NamedNode(r), GraphName::NamedNode(g)) = (&q.subject, &q.graph_name)
        else {
            continue;
        };
        if !g.as_str().starts_with(&prefix) {
            continue;
        }
        if let Some(f) = fact_of(tx, r.as_ref(), person, g.as_ref())? {
            if &f.org == o {
                sum.add(f.meeting, f.date);
            }
        }
    }
    Ok(sum)
}

/// Reads what the memberships graph says of one membership.
fn stored_summary(
    tx: &Transaction<'_>,
    base: &Base,
    person: &NamedNode,
    o: &NamedNode,
) -> Result<MembershipSummary, StoreError> {
    let mg = base.memberships_graph();
    let [_, begin, end, m] = membership_nodes(base, person, o);
    let mut sum = MembershipSummary::default();
    for q in tx.quads_for_pattern(
        Some(m.as_ref().into()),
        Some(jy::MEETING_PROP),
        None,
        Some(mg.as_ref().into()),
    ) {
        if let Term::NamedNode(meeting) = q?.object {
            sum.meetings.insert(meeting);
        }
    }
    let date = |n: &NamedNode| -> Result<Option<Date>, StoreError> {
        Ok(
            match object_of(tx, n.as_ref(), time::IN_XSD_DATE, mg.as_ref())? {
                Some(Term::Literal(l)) => l.value().parse().ok(),
                _ => None,
            },
        )
    };
    sum.first = date(&begin)?;
    sum.last = date(&end)?;
    Ok(sum)
}

/// Updates the memberships graph inside a transaction whose source graphs are already up to date.
///
/// A membership that lost a supporting fact is recomputed from every source
/// graph; one that only gained facts is merged with what is stored, so
/// re-ingesting unchanged documents costs no rescan.
fn update_memberships(
    tx: &mut Transaction<'_>,
    base: &Base,
    lost: &BTreeSet<MembershipFact>,
    gained: &BTreeSet<MembershipFact>,
) -> Result<(), StoreError> {
    let mg = base.memberships_graph();
    let mut touched = Memberships::new();
    for f in lost {
        if let std::collections::btree_map::Entry::Vacant(e) =
            touched.entry((f.person.clone(), f.org.clone()))
        {
            e.insert(rescan(tx, base, &f.person, &f.org)?);
        }
    }
    let rescanned: BTreeSet<(NamedNode, NamedNode)> = touched.keys().cloned().collect();
    for f in gained {
        let key = (f.person.clone(), f.org.clone());
        if rescanned.contains(&key) {
            continue;
        }
        let sum = match touched.entry(key) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(stored_summary(tx, base, &f.person, &f.org)?)
            }
        };
        sum.add(f.meeting.clone(), f.date);
    }
    let mut stale = Vec::new();
    for (person, o) in touched.keys() {
        for node in membership_nodes(base, person, o) {
            for q in tx.quads_for_pattern(
                Some(node.as_ref().into()),
                None,
                None,
                Some(mg.as_ref().into()),
            ) {
                stale.push(q?);
            }
        }
        stale.push(Quad::new(
            person.clone(),
            org::MEMBER_OF,
            o.clone(),
            mg.clone(),
        ));
    }
    for q in &stale {
        tx.remove(q);
    }
    tx.extend(&membership_quads(base, &touched));
    Ok(())
}
