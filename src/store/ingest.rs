//! Files to the store: parallel extraction, mapping, and loading in whole-document steps.
//!
//! [`ingest`] reads and extracts files in parallel (rayon), a batch at a
//! time, maps each extraction to its document graph, and loads the batch:
//! through one transaction per batch ([`LoadMode::Transactional`]), or, when
//! the store holds no document yet, through one atomic bulk load of the whole
//! run ([`LoadMode::Bulk`]); [`LoadMode::Auto`] picks. The workers extract
//! the next batch while the calling thread loads the last one. A file that cannot be
//! read or is not minutes is reported in [`IngestReport::failures`] and the
//! others still load; only a storage error stops the run.

use super::{GraphStore, PreparedDocument, StoreError};
use jiyao_core::diag::Severity;
use jiyao_core::extract::extract_file;
use jiyao_core::rdf::{file_name, DocumentGraph, Mapper};
use jiyao_core::resolve::people::People;
use jiyao_core::resolve::Resources;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How documents reach the store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LoadMode {
    /// Bulk when the store holds no document, transactional otherwise.
    #[default]
    Auto,
    /// One transaction per batch of whole documents; replaces existing graphs.
    Transactional,
    /// One atomic bulk load of the whole run; refused when the store already holds documents.
    Bulk,
}

/// Options of [`ingest`].
#[derive(Clone, Copy, Debug)]
pub struct IngestOptions {
    /// How documents reach the store.
    pub mode: LoadMode,
    /// How many documents are extracted in parallel and loaded together.
    pub batch: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            mode: LoadMode::Auto,
            batch: 64,
        }
    }
}

/// A file that was not loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The file, as given.
    pub file: PathBuf,
    /// Why it was not loaded.
    pub reason: String,
}

/// What an ingest run did.
#[derive(Clone, Debug, Default)]
pub struct IngestReport {
    /// Documents loaded.
    pub documents: usize,
    /// Quads of those documents (memberships, ontology and topics not included).
    ///
    /// A bulk load counts each entity description once, as the store holds it;
    /// a transactional load counts it once per document that repeats it.
    pub quads: usize,
    /// Attendance records of those documents.
    pub attendance: usize,
    /// Diagnostics of severity warning or error in those documents.
    pub warnings: usize,
    /// Files that were not loaded.
    pub failures: Vec<Failure>,
    /// The mode actually used (never `Auto`).
    pub mode: LoadMode,
}

/// One extracted and mapped document, with what the report counts of it.
struct Mapped<T> {
    doc: T,
    quads: usize,
    attendance: usize,
    warnings: usize,
}

/// Ingests files into a store, calling `progress(documents done, documents in all)` after each batch.
pub fn ingest(
    store: &GraphStore,
    files: &[PathBuf],
    res: &Resources,
    people: &People,
    options: IngestOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<IngestReport, StoreError> {
    store.check_format()?;
    store.load_vocabulary(res)?;
    let holds = store.holds_documents()?;
    let mode = match options.mode {
        LoadMode::Auto if holds => LoadMode::Transactional,
        LoadMode::Auto => LoadMode::Bulk,
        LoadMode::Bulk if holds => return Err(StoreError::BulkOnNonEmpty),
        m => m,
    };
    let mut report = IngestReport {
        mode,
        ..IngestReport::default()
    };
    // Two files with the same name would share a graph: the later one fails.
    let mut first: HashMap<&str, &Path> = HashMap::new();
    let mut todo = Vec::new();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        match first.get(name) {
            Some(other) => report.failures.push(Failure {
                file: f.clone(),
                reason: format!(
                    "same file name as {} (one graph per file name)",
                    other.display()
                ),
            }),
            None => {
                first.insert(name, f);
                todo.push(f);
            }
        }
    }
    let mapper = Mapper::new(store.base(), res, people);
    let base = store.base();
    let batch = options.batch.max(1);
    let total = todo.len();
    let mut done = 0;
    if mode == LoadMode::Bulk {
        let mut bulk = store.bulk();
        pipeline(
            &todo,
            batch,
            res,
            &mapper,
            |d| PreparedDocument::new(base, d),
            |results| {
                done += results.len();
                for d in tally(&mut report, results) {
                    bulk.add_prepared(d)?;
                }
                progress(done, total);
                Ok(())
            },
        )?;
        report.quads = bulk.quads();
        bulk.commit()?;
    } else {
        pipeline(
            &todo,
            batch,
            res,
            &mapper,
            |d| d,
            |results| {
                done += results.len();
                store.replace_documents(&tally(&mut report, results))?;
                progress(done, total);
                Ok(())
            },
        )?;
    }
    Ok(report)
}

/// Counts a batch's documents and failures into the report, and returns the documents.
fn tally<T>(report: &mut IngestReport, results: Vec<Result<Mapped<T>, Failure>>) -> Vec<T> {
    let mut docs = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(m) => {
                report.documents += 1;
                report.quads += m.quads;
                report.attendance += m.attendance;
                report.warnings += m.warnings;
                docs.push(m.doc);
            }
            Err(f) => report.failures.push(f),
        }
    }
    docs
}

/// Extracts and maps files a batch at a time on rayon's workers, turns each
/// document graph into what the store takes (`make`), and hands each batch, in
/// order, to `consume` on the calling thread.
///
/// The workers go on with the next batch while `consume` loads the last one
/// (the bulk loader often blocks until one of its sorting threads is free);
/// one batch waits between the two at most. An error of `consume` ends the run.
fn pipeline<T: Send>(
    todo: &[&PathBuf],
    batch: usize,
    res: &Resources,
    mapper: &Mapper<'_>,
    make: impl Fn(DocumentGraph) -> T + Sync,
    mut consume: impl FnMut(Vec<Result<Mapped<T>, Failure>>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(1);
        let make = &make;
        scope.spawn(move || {
            for chunk in todo.chunks(batch) {
                let results: Vec<Result<Mapped<T>, Failure>> = chunk
                    .par_iter()
                    .map(|path| {
                        let x = extract_file(path, res).map_err(|e| Failure {
                            file: (*path).clone(),
                            reason: e.to_string(),
                        })?;
                        let warnings = x
                            .diagnostics
                            .iter()
                            .filter(|d| d.severity >= Severity::Warning)
                            .count();
                        let doc = mapper.document(&x);
                        debug_assert_eq!(doc.file, file_name(&doc.file));
                        Ok(Mapped {
                            quads: doc.quads.len(),
                            doc: make(doc),
                            attendance: x.attendance.len(),
                            warnings,
                        })
                    })
                    .collect();
                // The receiver is gone only after an error of `consume`, which ends the run.
                if send.send(results).is_err() {
                    return;
                }
            }
        });
        for results in receive {
            consume(results)?;
        }
        Ok(())
    })
}
