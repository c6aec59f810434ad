//! Helpers of `benches/scale.sh`: timed extraction over a directory, and Oxigraph's own bulk load of an N-Quads file.
//!
//! Not a Criterion benchmark: `scale.sh` builds it with `cargo bench --bench scale --no-run`
//! and calls the executable, one measurement per call, each printing one JSON
//! object on standard output. It asserts nothing about time.
//!
//! ```text
//! scale extract DIR THREADS [MIN_SECONDS]   read every file of DIR into memory, then decode + extract them
//!                                           with THREADS threads, repeating passes for at least MIN_SECONDS (default 2)
//! scale load-nquads FILE.nq STORE_DIR       Oxigraph's bulk loader, on disk, as Oxigraph users load a dump
//! scale optimize STORE_DIR                  compact an existing store (what `jiyao ingest` does after a bulk load)
//! ```

use jiyao::extract::extract;
use jiyao::load;
use jiyao::resolve::Resources;
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The allocator the `jiyao` binary uses, so that Oxigraph's side of each ratio allocates as jiyao's does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    Ok(out)
}

fn extract_bench(dir: &Path, threads: usize, min_seconds: f64) -> Result<String, String> {
    let paths = files(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let docs: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            std::fs::read(p)
                .map(|b| (name, b))
                .map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect::<Result<_, _>>()?;
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let res = Resources::bundled();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| e.to_string())?;
    let mut passes = 0u32;
    let mut failed = 0usize;
    let mut records = 0usize;
    let started = Instant::now();
    while passes == 0 || started.elapsed().as_secs_f64() < min_seconds {
        let (f, r) = pool.install(|| {
            docs.par_iter()
                .map(|(name, b)| {
                    match load::decode(name, b)
                        .ok()
                        .and_then(|s| extract(&s, res).ok())
                    {
                        Some(x) => (
                            0usize,
                            x.attendance.len() + x.documents.len() + x.topics.len() + 1,
                        ),
                        None => (1, 0),
                    }
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        failed = f;
        records = r;
        passes += 1;
    }
    let per_pass = started.elapsed().as_secs_f64() / f64::from(passes);
    Ok(format!(
        "{{\"files\": {}, \"bytes\": {bytes}, \"threads\": {threads}, \"passes\": {passes}, \"seconds_per_pass\": {per_pass:.6}, \"mb_per_s\": {:.3}, \"docs_per_s\": {:.1}, \"records\": {records}, \"failed\": {failed}}}",
        docs.len(),
        bytes as f64 / 1e6 / per_pass,
        docs.len() as f64 / per_pass
    ))
}

fn load_bench(file: &Path, dir: &Path) -> Result<String, String> {
    let store = Store::open(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?,
    );
    let started = Instant::now();
    let mut loader = store.bulk_loader();
    loader
        .load_from_reader(RdfFormat::NQuads, reader)
        .map_err(|e| e.to_string())?;
    loader.commit().map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let quads = store.len().map_err(|e| e.to_string())?;
    Ok(format!(
        "{{\"quads\": {quads}, \"seconds\": {seconds:.6}, \"quads_per_s\": {:.1}}}",
        quads as f64 / seconds
    ))
}

fn optimize_bench(dir: &Path) -> Result<String, String> {
    let store = Store::open(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let started = Instant::now();
    store.optimize().map_err(|e| e.to_string())?;
    Ok(format!(
        "{{\"seconds\": {:.6}}}",
        started.elapsed().as_secs_f64()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let out = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["extract", dir, threads, rest @ ..] => {
            let min = rest.first().and_then(|s| s.parse().ok()).unwrap_or(2.0);
            match threads.parse() {
                Ok(t) => extract_bench(Path::new(dir), t, min),
                Err(_) => Err(format!("bad thread count {threads:?}")),
            }
        }
        ["load-nquads", file, dir] => load_bench(Path::new(file), Path::new(dir)),
        ["optimize", dir] => optimize_bench(Path::new(dir)),
        [] => {
            // `cargo bench` with no arguments: nothing to measure on its own.
            eprintln!("scale: run benches/scale.sh, which drives this helper");
            return ExitCode::SUCCESS;
        }
        other => Err(format!("usage: scale extract DIR THREADS [MIN_SECONDS] | scale load-nquads FILE DIR | scale optimize DIR (got {other:?})")),
    };
    match out {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scale: {e}");
            ExitCode::from(2)
        }
    }
}
