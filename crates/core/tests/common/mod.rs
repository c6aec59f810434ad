//! Helpers shared by the integration tests.
#![allow(dead_code)]

use jiyao_core::extract::{extract, Extraction};
use jiyao_core::resolve::Resources;
use std::path::{Path, PathBuf};

/// The three bundled seeds, by file stem.
pub const SEEDS: [&str; 3] = [
    "000_4fe69c810812ccb5",
    "001_e66f49d85cb24354",
    "004_acb563e421b872c8",
];

/// Returns the path of a file in the repository (the workspace root, which
/// holds `data/minutes`, whichever crate's tests include this module).
pub fn repo(rel: &str) -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here
        .ancestors()
        .find(|dir| dir.join("data/minutes").is_dir())
        .unwrap_or(here);
    root.join(rel)
}

/// Returns the bytes of a seed.
pub fn seed_bytes(stem: &str) -> Vec<u8> {
    std::fs::read(repo(&format!("data/minutes/{stem}.txt"))).unwrap()
}

/// Extracts a document given as bytes, under a file name.
pub fn extract_bytes(name: &str, bytes: &[u8]) -> Extraction {
    let src = jiyao_core::load::decode(name, bytes).unwrap();
    extract(&src, Resources::bundled()).unwrap()
}

/// Extracts a seed.
pub fn seed(stem: &str) -> Extraction {
    extract_bytes(&format!("{stem}.txt"), &seed_bytes(stem))
}

/// Compares text with an expectation file under tests/expected/; `JIYAO_BLESS=1` rewrites the file instead.
pub fn expect_file(name: &str, actual: &str) {
    let path = repo(&format!("crates/core/tests/expected/{name}"));
    if std::env::var_os("JIYAO_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if expected != actual {
        let mut report = String::new();
        let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
        for k in 0..e.len().max(a.len()) {
            let (x, y) = (
                e.get(k).copied().unwrap_or("<none>"),
                a.get(k).copied().unwrap_or("<none>"),
            );
            if x != y {
                report.push_str(&format!(
                    "line {}:\n  expected: {x}\n  actual:   {y}\n",
                    k + 1
                ));
            }
        }
        panic!("{} differs from the extraction:\n{report}", path.display());
    }
}

/// The forms fixtures (`crates/core/tests/fixtures/forms/*.txt` and `*.html`): file name and text, by name.
pub fn forms_fixtures() -> Vec<(String, String)> {
    let dir = repo("crates/core/tests/fixtures/forms");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect()
}
