//! The `jiyao` binary: parse the command line, run, turn the outcome into an exit code.
//!
//! Exit codes: 0 when everything went through, 1 when some input failed (the
//! others were still processed and the failures reported), 2 for a usage or
//! fatal error. A closed pipe (`jiyao … | head`) ends the program quietly.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc rather than glibc's allocator: a 10,000-meeting ingest takes a quarter less time
/// (60-65 s -> 44-47 s, 15-20% more peak RSS) and the queries that join by hash 10-25% less.
///
/// With the crate's `override` feature (Cargo.toml) mimalloc is also the C and C++ allocator, so
/// RocksDB's allocations go through it: every pattern lookup of a query builds a RocksDB iterator
/// with its arena and frees it, and under glibc's allocator `malloc`, `free` and
/// `malloc_consolidate` took a quarter of a topic timeline's samples. At 100,000 meetings,
/// interleaved runs of the same store (2026-12-07): a timeline of 87,535 rows 30.0 -> 19.4 s, the
/// person, organisation and path questions 0.62-0.72x, `ASK {}` 0.69x, the lists joined by hash
/// 0.82-1.02x; `serve`'s RSS after every explorer page 416 -> 387 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(cli::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeFailed) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    fn io_broken(e: &std::io::Error) -> bool {
        e.kind() == std::io::ErrorKind::BrokenPipe
            || e.get_ref().is_some_and(|inner| match inner.downcast_ref::<csv::Error>() {
                Some(c) => matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe),
                None => inner.downcast_ref::<std::io::Error>().is_some_and(io_broken),
            })
    }
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(io_broken)
            || e.downcast_ref::<csv::Error>().is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    })
}
