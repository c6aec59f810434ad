//! Compacting a closed store keeps every quad and compresses every file, and Oxigraph opens the result.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;
mod support;

use common::{seed, SEEDS};
use jiyao::rdf::{iri::Base, Mapper};
use jiyao::resolve::{people::People, Resources};
use jiyao::store::GraphStore;
use std::path::Path;
use support::quads;

/// The compression named in each table file's properties (RocksDB writes `NoCompression`, `LZ4` …).
fn compressions(dir: &Path) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "sst") {
            let bytes = std::fs::read(&p).unwrap();
            let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
            let c = if has("NoCompression") {
                "none"
            } else if has("LZ4") {
                "lz4"
            } else {
                "other"
            };
            out.push((p.display().to_string(), c));
        }
    }
    out
}

#[test]
fn a_compacted_store_holds_the_same_quads_in_compressed_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let before = {
        let store = GraphStore::open(&path, Base::default()).unwrap();
        store.load_vocabulary(Resources::bundled()).unwrap();
        let mapper = Mapper::new(store.base(), Resources::bundled(), People::bundled());
        let mut bulk = store.bulk();
        for s in SEEDS {
            bulk.add(mapper.document(&seed(s))).unwrap();
        }
        bulk.commit().unwrap();
        quads(&store)
    };
    GraphStore::compact_closed(&path).unwrap();
    let files = compressions(&path);
    assert!(!files.is_empty());
    assert!(
        files.iter().all(|(_, c)| *c != "none"),
        "no table file left uncompressed: {files:?}"
    );
    assert!(
        files.iter().filter(|(_, c)| *c == "lz4").count() * 2 > files.len(),
        "most table files in LZ4: {files:?}"
    );
    let store = GraphStore::open_read_only(&path, Base::default()).unwrap();
    assert_eq!(quads(&store), before);
    assert_eq!(store.counts().unwrap().meetings, 3);
}

#[test]
fn compacting_an_open_store_fails_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _open = GraphStore::open(&path, Base::default()).unwrap();
    let err = GraphStore::compact_closed(&path).unwrap_err().to_string();
    assert!(err.starts_with("compacting the store at "), "{err}");
    assert!(err.contains("store"), "{err}");
}

#[test]
fn compacting_a_missing_directory_fails_instead_of_creating_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing-here");
    assert!(GraphStore::compact_closed(&path).is_err());
    assert!(!path.exists());
}
