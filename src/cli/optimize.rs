//! `jiyao optimize`: compact an existing store so that reads touch few files.

use super::Outcome;
use super::StoreArgs;
use anyhow::Context;
use std::io::Write;
use std::time::Instant;

/// Arguments of `jiyao optimize`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Runs `jiyao optimize`: `jiyao ingest` compacts after a bulk load already;
/// this is for stores written with `--no-compact` or by older versions.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let dir = args.store.dir();
    anyhow::ensure!(dir.is_dir(), "no store at {}", dir.display());
    // Opening it through Oxigraph first checks that it is a store (and not in use); then it is closed for the compaction.
    drop(
        args.store
            .open()
            .with_context(|| format!("opening the store at {}", dir.display()))?,
    );
    let started = Instant::now();
    jiyao::store::GraphStore::compact_closed(&dir)
        .with_context(|| format!("compacting the store at {}", dir.display()))?;
    writeln!(
        std::io::stdout().lock(),
        "compacted the store at {} in {:.2}s",
        dir.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(Outcome::Ok)
}
