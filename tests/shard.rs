//! `jiyao export --shards` and `--shard` on a store ingested from the seeds: the shards and the shared part partition the store's quads exactly.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;
mod support;

use common::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

/// The prefix of every source-document graph under the default base.
const SOURCE_GRAPHS: &str = "<https://w3id.org/jiyao/id/graph/source/";

fn jiyao(args: &[&str], store: &Path) -> Output {
    support::jiyao_in(store, args)
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// A temporary directory holding a store ingested once from the bundled minutes (`store`), in a load mode.
fn ingested(mode: &'static str) -> &'static Path {
    static BULK: OnceLock<tempfile::TempDir> = OnceLock::new();
    static TX: OnceLock<tempfile::TempDir> = OnceLock::new();
    let cell = if mode == "bulk" { &BULK } else { &TX };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        ok(jiyao(
            &[
                "ingest",
                repo("data/minutes").to_str().unwrap(),
                "--mode",
                mode,
            ],
            &store,
        ));
        dir
    })
    .path()
}

fn store() -> PathBuf {
    ingested("bulk").join("store")
}

/// The full N-Quads export of the store, as lines.
fn full() -> Vec<String> {
    let o = ok(jiyao(&["export", "--format", "nquads"], &store()));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Exports `n` shards into a new directory under the test's temporary directory and returns its files by name.
fn shards(store: &Path, n: u32, name: &str) -> BTreeMap<String, String> {
    let dir = store.parent().unwrap().join(name);
    ok(jiyao(
        &[
            "export",
            "--shards",
            &n.to_string(),
            "--output-dir",
            dir.to_str().unwrap(),
        ],
        store,
    ));
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Returns the graph of an N-Quads line of jiyao's (every term an IRI or a literal, every quad in a named graph).
fn graph(line: &str) -> &str {
    let body = line.strip_suffix(" .").expect(line);
    &body[body.rfind(" <").expect(line) + 1..]
}

/// The documented shard function: FNV-1a 64 of the IRI, MurmurHash3's fmix64, modulo the count.
fn shard_of(iri: &str, count: u64) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in iri.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    h % count
}

#[test]
fn shards_partition_the_store() {
    let full = full();
    let full_set: BTreeSet<&str> = full.iter().map(String::as_str).collect();
    assert_eq!(full_set.len(), full.len(), "the full export repeats a quad");
    let documents: BTreeSet<&str> = full
        .iter()
        .map(|l| graph(l))
        .filter(|g| g.starts_with(SOURCE_GRAPHS))
        .collect();
    assert_eq!(documents.len(), 3, "{documents:?}");
    for n in [2u32, 3] {
        let files = shards(&store(), n, &format!("partition-{n}"));
        let mut names: Vec<String> = (0..n).map(|k| format!("part-{k:03}.nq")).collect();
        names.push("shared.nq".to_owned());
        names.sort();
        assert_eq!(files.keys().cloned().collect::<Vec<_>>(), names);

        let mut union = BTreeSet::new();
        let mut count = 0;
        let mut home: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (name, text) in &files {
            for line in text.lines() {
                count += 1;
                union.insert(line);
                let g = graph(line);
                home.entry(g).or_default().insert(name);
                if name == "shared.nq" {
                    assert!(!g.starts_with(SOURCE_GRAPHS), "{name}: {line}");
                } else {
                    assert!(g.starts_with(SOURCE_GRAPHS), "{name}: {line}");
                    let iri = &g[1..g.len() - 1];
                    let k = shard_of(iri, n.into());
                    assert_eq!(*name, format!("part-{k:03}.nq"), "{iri}");
                }
            }
        }
        assert_eq!(count, full.len(), "{n} shards: quads written twice or lost");
        assert!(
            union == full_set,
            "{n} shards: the union differs from the store"
        );
        for (g, in_files) in &home {
            assert_eq!(
                in_files.len(),
                1,
                "{n} shards: {g} is split over {in_files:?}"
            );
        }
        assert!(documents.iter().all(|d| home.contains_key(d)));
    }
}

#[test]
fn shards_are_deterministic() {
    let first = shards(&store(), 3, "again-1");
    assert_eq!(first, shards(&store(), 3, "again-2"));
    // A store loaded by transactions rather than the bulk loader exports the same bytes.
    let tx = ingested("transactional").join("store");
    assert_eq!(first, shards(&tx, 3, "again-tx"));
}

#[test]
fn one_shard_on_standard_output_is_its_file() {
    let files = shards(&store(), 2, "single");
    for (spec, name) in [
        ("0/2", "part-000.nq"),
        ("1/2", "part-001.nq"),
        ("shared", "shared.nq"),
    ] {
        let o = ok(jiyao(&["export", "--shard", spec], &store()));
        assert!(
            String::from_utf8(o.stdout).unwrap() == files[name],
            "--shard {spec} differs from {name}"
        );
    }
}

#[test]
fn trig_shards() {
    let files = shards(&store(), 1, "trig-dir");
    let dir = store().parent().unwrap().join("trig");
    ok(jiyao(
        &[
            "export",
            "-f",
            "trig",
            "--shards",
            "1",
            "--output-dir",
            dir.to_str().unwrap(),
        ],
        &store(),
    ));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["part-000.trig", "shared.trig"]);
    assert_eq!(files.len(), 2);
}

#[test]
fn refusals() {
    let dir = store().parent().unwrap().join("busy");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("part-007.nq"), "").unwrap();
    let o = jiyao(
        &[
            "export",
            "--shards",
            "2",
            "--output-dir",
            dir.to_str().unwrap(),
        ],
        &store(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("busy: the directory is not empty"), "{err}");

    for (args, says) in [
        (&["--shard", "2/2"][..], "expected K/N with 0 <= K < N"),
        (&["--shard", "1/0"], "expected K/N with 0 <= K < N"),
        (&["--shard", "x"], "expected K/N with 0 <= K < N"),
        (
            &["--shard", "0/2", "-f", "turtle"],
            "use --format nquads, trig or jsonld",
        ),
        (&["--shard", "0/2", "-f", "graphml"], "network formats"),
        (&["--shards", "2"], "--output-dir"),
        (
            &["--shard", "0/2", "--graph", "x.txt"],
            "cannot be used with",
        ),
    ] {
        let o = jiyao(&[&["export"][..], args].concat(), &store());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
