//! jiyao-core reads the records of Chinese local governments' executive
//! meetings (常务会议) into typed records, each tied to the file, line and
//! columns it was read from, and maps them to RDF quads.
//!
//! It is the pure part of jiyao: no storage, no command line, no HTTP (the
//! crate boundary keeps it so; see `ARCHITECTURE.md`). The pipeline, one
//! module per stage:
//!
//! 1. [`load`]: bytes to text (encoding detection, HTML to text, line map).
//! 2. [`parse`]: text to the structure of the minutes, plus diagnostics; never fails.
//! 3. [`extract`]: structure to records (meeting, items, documents, topics, attendance).
//! 4. [`resolve`]: the curated data that names resolve against (gazetteer, surnames, topics).
//! 5. [`table`]: records to the flat tables users take to pandas and R.
//! 6. [`rdf`]: records to quads (vocabulary, IRI minting, provenance).
//!
//! Beside them, [`diag`] holds the diagnostics every stage reports, and
//! [`date`] the one date type of the records (read once, written as ISO 8601).
//!
//! ```
//! use jiyao_core::{extract::extract, load, resolve::Resources};
//! let bytes = std::fs::read("../../data/minutes/001_e66f49d85cb24354.txt").unwrap();
//! let x = extract(&load::decode("001.txt", &bytes).unwrap(), Resources::bundled()).unwrap();
//! assert_eq!(x.meeting.ordinal, Some(115));
//! assert_eq!(x.meeting.date.map(|d| d.to_string()).as_deref(), Some("2020-11-02"));
//! ```

pub mod date;
pub mod diag;
pub mod extract;
pub mod load;
pub mod parse;
pub mod rdf;
pub mod resolve;
pub mod table;
