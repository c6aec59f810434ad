//! Ingest throughput next to Oxigraph's own loading of the same quads, in the same run.
//!
//! Builds a corpus of `JIYAO_BENCH_DOCS` documents (default 300) from copies
//! of the seeds in a temporary directory, then measures, on disk and in
//! memory:
//!
//! - `jiyao ingest` into an empty store (the atomic bulk path): read, extract,
//!   map, derive memberships, load;
//! - `jiyao ingest` again into the same store (the transactional path that
//!   replaces every document's graph);
//! - Oxigraph loading the N-Quads dumped from the result: its bulk loader
//!   (on disk and in memory) and a plain transactional load
//!   (`Store::load_from_slice`) on disk.
//!
//! It prints documents/s, quads/s and the ratios of jiyao's rates to
//! Oxigraph's. It asserts nothing about time: the figures are the result.
//! Run with `cargo bench --bench ingest`.

use jiyao::rdf::iri::Base;
use jiyao::resolve::people::People;
use jiyao::resolve::Resources;
use jiyao::store::{ExportFormat, GraphSelector, GraphStore, IngestOptions, LoadMode};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use std::path::PathBuf;
use std::time::Instant;

/// The allocator the `jiyao` binary uses, so that Oxigraph's side of each ratio allocates as jiyao's does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus(dir: &std::path::Path, docs: usize) -> Vec<PathBuf> {
    let seeds_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/minutes");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(seeds_dir)
        .expect(concat!(env!("CARGO_MANIFEST_DIR"), "/data/minutes"))
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    (0..docs)
        .map(|k| {
            let seed = &seeds[k % seeds.len()];
            let path = dir.join(format!(
                "{k:06}_{}",
                seed.file_name().expect("name").to_string_lossy()
            ));
            std::fs::copy(seed, &path).expect("copy");
            path
        })
        .collect()
}

fn ingest(
    store: &GraphStore,
    files: &[PathBuf],
    mode: LoadMode,
) -> (f64, jiyao::store::IngestReport) {
    let t = Instant::now();
    let options = IngestOptions {
        mode,
        ..IngestOptions::default()
    };
    let r = jiyao::store::ingest(
        store,
        files,
        Resources::bundled(),
        People::bundled(),
        options,
        &|_, _| {},
    )
    .expect("ingest");
    (t.elapsed().as_secs_f64(), r)
}

fn main() {
    // `cargo test --all-targets` runs benchmarks without `--bench`: stay a quick no-op there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark skipped: run it with `cargo bench --bench ingest`");
        return;
    }
    let docs: usize = std::env::var("JIYAO_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus_dir = tmp.path().join("corpus");
    std::fs::create_dir(&corpus_dir).expect("mkdir");
    let files = corpus(&corpus_dir, docs);

    let disk = GraphStore::open(&tmp.path().join("jiyao"), Base::default()).expect("open");
    let (t_bulk, report) = ingest(&disk, &files, LoadMode::Auto);
    let quads = disk.counts().expect("counts").quads.expect("counted");
    let (t_tx, _) = ingest(&disk, &files, LoadMode::Auto);
    assert_eq!(
        disk.counts().expect("counts").quads.expect("counted"),
        quads,
        "re-ingest changed the store"
    );
    let mem = GraphStore::in_memory(Base::default()).expect("memory");
    let (t_mem, _) = ingest(&mem, &files, LoadMode::Auto);

    let nq = disk
        .export(ExportFormat::NQuads, &GraphSelector::All, Vec::new())
        .expect("export");
    let t = Instant::now();
    let ox = Store::open(tmp.path().join("ox-bulk")).expect("open");
    let mut loader = ox.bulk_loader();
    loader
        .load_from_slice(RdfFormat::NQuads, &nq)
        .expect("bulk load");
    loader.commit().expect("commit");
    let t_ox_bulk = t.elapsed().as_secs_f64();
    assert_eq!(ox.len().expect("len"), quads);
    let t = Instant::now();
    let ox_mem = Store::new().expect("memory");
    let mut loader = ox_mem.bulk_loader();
    loader
        .load_from_slice(RdfFormat::NQuads, &nq)
        .expect("bulk load");
    loader.commit().expect("commit");
    let t_ox_mem = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let ox_tx = Store::open(tmp.path().join("ox-tx")).expect("open");
    ox_tx.load_from_slice(RdfFormat::NQuads, &nq).expect("load");
    let t_ox_tx = t.elapsed().as_secs_f64();

    let q = quads as f64;
    let d = report.documents as f64;
    println!(
        "corpus: {} documents, {} quads in the store ({} document quads), {} cores",
        report.documents,
        quads,
        report.quads,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let row = |name: &str, secs: f64, docs: bool| {
        if docs {
            println!(
                "{name:<44} {secs:>7.2} s {:>9.0} docs/s {:>10.0} quads/s",
                d / secs,
                q / secs
            );
        } else {
            println!(
                "{name:<44} {secs:>7.2} s {:>16} {:>10.0} quads/s",
                "",
                q / secs
            );
        }
    };
    row("jiyao ingest, empty on-disk store (bulk)", t_bulk, true);
    row("jiyao ingest, again (transactional replace)", t_tx, true);
    row("jiyao ingest, in memory (bulk)", t_mem, true);
    row("oxigraph bulk loader, N-Quads, on disk", t_ox_bulk, false);
    row("oxigraph bulk loader, N-Quads, in memory", t_ox_mem, false);
    row("oxigraph load_from_slice, N-Quads, on disk", t_ox_tx, false);
    println!("ratio jiyao/oxigraph quads/s: on disk bulk {:.2}, in memory {:.2}, replace vs plain transactional load {:.2}", t_ox_bulk / t_bulk, t_ox_mem / t_mem, t_ox_tx / t_tx);
}
