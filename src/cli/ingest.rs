//! `jiyao ingest`: minutes into the on-disk knowledge graph.

use super::{expand_inputs, Outcome, StoreArgs};
use anyhow::Context;
use clap::ValueEnum;
use jiyao::resolve::people::People;
use jiyao::resolve::Resources;
use jiyao::store::{GraphStore, IngestOptions, LoadMode};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// How documents are loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Bulk loader when the store holds no document yet, transactions otherwise.
    Auto,
    /// One transaction per batch of whole documents (replaces existing graphs).
    Transactional,
    /// One atomic bulk load of the whole run (only into a store without documents).
    Bulk,
}

/// Arguments of `jiyao ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories of minutes [default: ./data/minutes, relative to the current directory].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Use a throw-away in-memory store instead of a directory ($JIYAO_STORE is then ignored).
    #[arg(long)]
    pub memory: bool,
    /// How documents are loaded.
    #[arg(long, value_enum, default_value_t = Mode::Auto)]
    pub mode: Mode,
    /// How many documents are extracted in parallel and loaded together.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub batch: usize,
    /// Do not print the failures one by one (they are still counted).
    #[arg(long, short)]
    pub quiet: bool,
    /// After a bulk load, leave the store uncompacted (faster to finish, much slower to query).
    #[arg(long)]
    pub no_compact: bool,
    /// Read who is who from this file instead of the bundled data/people.csv (same columns; accepted `jiyao links` lines go here).
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,
}

/// Runs `jiyao ingest`.
pub fn run(args: Args, res: &Resources) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        let d = PathBuf::from("data/minutes");
        anyhow::ensure!(
            d.is_dir(),
            "no PATH given and ./data/minutes does not exist here"
        );
        vec![d]
    } else {
        args.paths.clone()
    };
    let files = expand_inputs(&paths)?;
    let read;
    let people: &People = match &args.people {
        None => People::bundled(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            read = People::from_csv(&path.display().to_string(), &text)?;
            &read
        }
    };
    let base = args.store.base()?;
    let store = if args.memory {
        GraphStore::in_memory(base)?
    } else {
        let dir = args.store.dir();
        GraphStore::open(&dir, base)
            .with_context(|| format!("opening the store at {}", dir.display()))?
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents {elapsed} (eta {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let options = IngestOptions {
        mode: match args.mode {
            Mode::Auto => LoadMode::Auto,
            Mode::Transactional => LoadMode::Transactional,
            Mode::Bulk => LoadMode::Bulk,
        },
        batch: args.batch,
    };
    let started = Instant::now();
    let report = jiyao::store::ingest(&store, &files, res, people, options, &|done, _| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    for f in &report.failures {
        if !args.quiet {
            eprintln!("error: {}: {}", f.file.display(), f.reason);
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "ingested {} documents ({} quads, {:?} load) in {secs:.2}s; {} warnings, {} failures",
        report.documents,
        report.quads,
        report.mode,
        report.warnings,
        report.failures.len()
    )?;
    // A bulk load leaves one set of sorted files per batch, which every read
    // would have to merge; compact them now rather than in every query.
    // The store is closed for that: the compaction opens RocksDB itself, to compress every level.
    let store = if report.mode == LoadMode::Bulk
        && report.documents > 0
        && !args.memory
        && !args.no_compact
    {
        let started = Instant::now();
        let dir = args.store.dir();
        drop(store);
        GraphStore::compact_closed(&dir).context("compacting the store")?;
        writeln!(
            out,
            "compacted the store in {:.2}s",
            started.elapsed().as_secs_f64()
        )?;
        GraphStore::open(&dir, args.store.base()?)
            .with_context(|| format!("opening the store at {}", dir.display()))?
    } else {
        store
    };
    // Counting every quad reads the whole store (2.5 s of a 65–85 s
    // ingest of 10,000 meetings, 25 s at 100,000), so the line leaves them out; a query
    // counts them: SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }.
    let c = store.counts_with(false)?;
    writeln!(
        out,
        "store: {} documents, {} meetings, {} people, {} organisations, {} attendance records, {} memberships",
        c.documents, c.meetings, c.people, c.organisations, c.attendance, c.memberships
    )?;
    Ok(if report.failures.is_empty() {
        Outcome::Ok
    } else {
        Outcome::SomeFailed
    })
}
