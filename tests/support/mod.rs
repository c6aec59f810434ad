//! Helpers shared by the root crate's integration tests (they need the `jiyao` binary or the store, which the core's tests cannot name).
#![allow(dead_code)]

use jiyao::store::GraphStore;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Runs the `jiyao` binary with these arguments on a store (`--store` appended).
pub fn jiyao_in(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiyao"))
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .unwrap()
}

/// One store for every test of a test binary, ingested once from the bundled minutes by the real binary.
pub fn seed_store_dir() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let minutes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/minutes");
        let o = Command::new(env!("CARGO_BIN_EXE_jiyao"))
            .args(["ingest", minutes.to_str().unwrap(), "--store"])
            .arg(dir.path().join("store"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir
    })
    .path()
    .join("store")
}

/// Every quad of a store, as N-Quads lines, sorted.
pub fn quads(store: &GraphStore) -> BTreeSet<String> {
    store
        .oxigraph()
        .iter()
        .map(|q| q.unwrap().to_string())
        .collect()
}
