//! Files to the store: parallel extraction, mapping, and loading in whole-document steps.
//!
//! [`ingest`] reads and extracts files in parallel (rayon), a batch at a
//! time, maps each extraction to its document graph, and loads the batch:
//! through one transaction per batch ([`LoadMode::Transactional`]), or, when
//! the store holds no document yet, through one atomic bulk load of the whole
//! run ([`LoadMode::Bulk`]); [`LoadMode::Auto`] picks. A file that cannot be
//! read or is not minutes is reported in [`IngestReport::failures`] and the
//! others still load; only a storage error stops the run.

use super::{GraphStore, StoreError};
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

/// Ingests files into a store, calling `progress(documents done, documents in all)` after each batch.
pub fn ingest(
    store: &GraphStore,
    files: &[PathBuf],
    res: &Resources,
    people: &People,
    options: IngestOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<IngestReport, StoreError> {
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
    let mut bulk = (mode == LoadMode::Bulk).then(|| store.bulk());
    let mut done = 0;
    for chunk in todo.chunks(options.batch.max(1)) {
        let results: Vec<Result<(DocumentGraph, usize, usize), Failure>> = chunk
            .par_iter()
            .map(|path| {
                let fail = |reason: String| Failure {
                    file: (*path).clone(),
                    reason,
                };
                let x = extract_file(path, res).map_err(|e| fail(e.to_string()))?;
                let warnings = x
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity >= Severity::Warning)
                    .count();
                Ok((mapper.document(&x), x.attendance.len(), warnings))
            })
            .collect();
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok((doc, attendance, warnings)) => {
                    debug_assert_eq!(doc.file, file_name(&doc.file));
                    report.documents += 1;
                    report.quads += doc.quads.len();
                    report.attendance += attendance;
                    report.warnings += warnings;
                    docs.push(doc);
                }
                Err(f) => report.failures.push(f),
            }
        }
        match &mut bulk {
            Some(b) => {
                for d in docs {
                    b.add(d)?;
                }
            }
            None => store.replace_documents(&docs)?,
        }
        done += chunk.len();
        progress(done, todo.len());
    }
    if let Some(b) = bulk {
        report.quads = b.quads();
        b.commit()?;
    }
    Ok(report)
}
