//! Extraction throughput on a corpus made of many copies of the bundled seeds.
//!
//! Prints MB/s and documents/s for one core and for all cores, the same
//! figures for decoding alone (the baseline, measured in the same run), and the
//! time per megabyte at two corpus sizes to show that extraction is linear in
//! input size. It asserts nothing about time: the figures are the result.
//!
//! Run with `cargo bench --bench extract`; `JIYAO_BENCH_COPIES` sets the
//! number of copies of each seed (default 400).

use jiyao_core::{extract::extract, load, resolve::Resources};
use rayon::prelude::*;
use std::time::{Duration, Instant};

fn corpus(copies: usize) -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/minutes");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .expect("data/minutes")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    let seeds: Vec<(String, Vec<u8>)> = seeds
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    (0..copies)
        .flat_map(|k| {
            seeds
                .iter()
                .map(move |(n, b)| (format!("{k}-{n}"), b.clone()))
        })
        .collect()
}

fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut out = 0;
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed());
    }
    (best, out)
}

fn main() {
    // `cargo test --all-targets` runs benchmarks without `--bench`: stay a quick no-op there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark skipped: run it with `cargo bench --bench extract`");
        return;
    }
    let copies: usize = std::env::var("JIYAO_BENCH_COPIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    let res = Resources::bundled();
    let docs = corpus(copies);
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} documents, {:.1} MB ({} copies of each seed), {} threads",
        docs.len(),
        mb,
        copies,
        rayon::current_num_threads()
    );

    let decode_only = || {
        docs.iter()
            .map(|(n, b)| load::decode(n, b).unwrap().text.len())
            .sum::<usize>()
    };
    let extract_one = |(n, b): &(String, Vec<u8>)| {
        extract(&load::decode(n, b).unwrap(), res)
            .unwrap()
            .attendance
            .len()
    };
    let (t_decode, _) = best_of(3, decode_only);
    let (t_serial, records) = best_of(3, || docs.iter().map(extract_one).sum());
    let (t_par, _) = best_of(3, || docs.par_iter().map(extract_one).sum());
    let rate = |t: Duration| (mb / t.as_secs_f64(), docs.len() as f64 / t.as_secs_f64());
    let (d_mb, d_docs) = rate(t_decode);
    let (s_mb, s_docs) = rate(t_serial);
    let (p_mb, p_docs) = rate(t_par);
    println!("baseline decode only, 1 core : {d_mb:8.1} MB/s {d_docs:9.0} docs/s");
    println!("extract, 1 core              : {s_mb:8.1} MB/s {s_docs:9.0} docs/s  ({:.2}x the decode baseline's time)", t_serial.as_secs_f64() / t_decode.as_secs_f64());
    println!("extract, all cores           : {p_mb:8.1} MB/s {p_docs:9.0} docs/s  ({:.2}x speed-up over 1 core)", t_serial.as_secs_f64() / t_par.as_secs_f64());
    println!("attendance records per pass  : {records}");

    // Linearity: time per MB on a quarter of the corpus against the whole.
    let quarter = &docs[..docs.len() / 4];
    let q_mb = quarter.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6;
    let (t_q, _) = best_of(3, || quarter.iter().map(extract_one).sum());
    let per_mb_q = t_q.as_secs_f64() / q_mb;
    let per_mb_full = t_serial.as_secs_f64() / mb;
    println!(
        "linearity: {:.2} ms/MB at {:.1} MB, {:.2} ms/MB at {:.1} MB (ratio {:.2}; 1.00 is linear)",
        per_mb_q * 1e3,
        q_mb,
        per_mb_full * 1e3,
        mb,
        per_mb_full / per_mb_q
    );
}
