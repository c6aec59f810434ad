//! jiyao (纪要, "minutes") turns Chinese government executive-meeting minutes
//! (常务会议纪要) into a knowledge graph of officials, departments, meetings,
//! agenda items, policy documents and policy topics, and answers questions about it.
//!
//! This crate is what needs the store: [`store`] (Oxigraph: ingest, replace,
//! remove, export, validate), [`query`] (SPARQL, views, paths) and [`server`]
//! (the SPARQL endpoint and the explorer), plus the `jiyao` binary. The pure
//! pipeline lives in [`jiyao_core`] and is re-exported here, module by module,
//! so that one dependency gives the whole of it (see `ARCHITECTURE.md`):
//!
//! 1. [`load`]: bytes to text (encoding detection, HTML to text, line map).
//! 2. [`parse`]: text to the structure of the minutes, plus diagnostics; never fails.
//! 3. [`extract`]: structure to records (meeting, items, documents, topics, attendance).
//! 4. [`resolve`]: the curated data that names resolve against (gazetteer, surnames, topics).
//! 5. [`table`]: records to the flat tables users take to pandas and R.
//! 6. [`rdf`]: records to quads (vocabulary, IRI minting, provenance).
//! 7. [`store`]: the Oxigraph store: ingest, replace, remove, export, validate.
//!
//! The generator of test corpora and the evaluator are [`synth`] and [`eval`]
//! (the `jiyao-synth` crate).
//!
//! ```
//! use jiyao::{extract::extract, load, resolve::Resources};
//! let bytes = std::fs::read("data/minutes/001_e66f49d85cb24354.txt").unwrap();
//! let x = extract(&load::decode("001.txt", &bytes).unwrap(), Resources::bundled()).unwrap();
//! assert_eq!(x.meeting.ordinal, Some(115));
//! assert_eq!(x.meeting.date.map(|d| d.to_string()).as_deref(), Some("2020-11-02"));
//! ```

pub use jiyao_core::{date, diag, extract, load, parse, rdf, resolve, table};
pub use jiyao_synth as synth;
pub use jiyao_synth::eval;

pub mod query;
pub mod server;
pub mod store;
