//! `jiyao path` and `jiyao neighbors`: how entities connect, explained hop by hop.

use super::query::open_existing;
use super::Outcome;
use super::StoreArgs;
use anyhow::bail;
use jiyao::query::graph::{neighbors_in_store, paths_in_store, Bounds, Kind};
use jiyao::query::lookup::{self, Found, Reader};
use std::io::Write;

/// Parses one kind of `--via` (clap splits the list at commas).
fn kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s.trim()).ok_or_else(|| {
        format!("unknown kind {s:?}; use person, org, meeting, item, document, topic")
    })
}

/// Output formats of `path` and `neighbors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Sentences (paths) or aligned lines (neighbours), for people.
    Table,
    /// JSON, with each entity's IRI, kind, label and other names.
    Json,
    /// CSV: one row per hop (path, hop, from, words, to, forward) or per neighbour.
    Csv,
}

/// Arguments of `jiyao path`.
#[derive(clap::Args, Debug)]
pub struct PathArgs {
    /// Where the path starts: a name, label, short form or IRI.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// Longest path to consider, in hops.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub max_hops: usize,
    /// How many paths to show, shortest first.
    #[arg(long, short, default_value_t = 1, value_name = "N")]
    pub k: usize,
    /// Kinds of entity a path may pass through, e.g. person,org,meeting [default: all].
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = kind)]
    pub via: Vec<Kind>,
    /// Follow at most this many relations of one kind from one entity (hubs are cut, and the cut is said).
    #[arg(long, default_value_t = Bounds::default().cap, value_name = "N")]
    pub hub_cap: usize,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `jiyao neighbors`.
#[derive(clap::Args, Debug)]
pub struct NeighborsArgs {
    /// The entity: a name, label, short form or IRI.
    pub name: String,
    /// How far to look, in hops.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub hops: usize,
    /// Follow at most this many relations of one kind from one entity (hubs are cut, and the cut is said).
    #[arg(long, default_value_t = Bounds::default().cap, value_name = "N")]
    pub hub_cap: usize,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Resolves a name to one entity, or fails naming the candidates or the nearest names.
fn find(lk: &Reader<'_>, name: &str) -> anyhow::Result<(String, Kind)> {
    match lk.find(name, &[])? {
        Found::One(iri, kind) => Ok((iri, kind)),
        Found::Ambiguous(candidates) => {
            bail!(
                "{}",
                lookup::ambiguous(name, &lk.candidate_lines(&candidates)?)
            )
        }
        Found::NotFound(near) => bail!("{}", lookup::not_found(name, &near)),
    }
}

fn notes(notes: &[String]) {
    for n in notes {
        eprintln!("note: {n}");
    }
}

/// Runs `jiyao path`.
pub fn run_path(args: PathArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.store)?;
    let bounds = Bounds {
        cap: args.hub_cap.max(1),
        ..Bounds::default()
    };
    let lk = Reader::new(&store, bounds.cap);
    let (a, b) = (find(&lk, &args.from)?, find(&lk, &args.to)?);
    let found = paths_in_store(
        &lk,
        (&a.0, a.1),
        (&b.0, b.1),
        args.max_hops,
        args.k,
        &args.via,
        bounds,
    )?;
    notes(&found.notes);
    let paths = &found.paths;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, paths)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["path", "hop", "from", "words", "to", "forward"])?;
            for (k, p) in paths.iter().enumerate() {
                let mut from = &p.start;
                for (h, hop) in p.hops.iter().enumerate() {
                    w.write_record([
                        (k + 1).to_string(),
                        (h + 1).to_string(),
                        from.label.clone(),
                        hop.label.clone(),
                        hop.to.label.clone(),
                        hop.forward.to_string(),
                    ])?;
                    from = &hop.to;
                }
            }
            w.flush()?;
        }
        Format::Table if paths.is_empty() => {
            let (la, lb) = (lk.describe(&a.0, a.1)?, lk.describe(&b.0, b.1)?);
            writeln!(
                out,
                "no path from {} to {} within {} hops",
                la.label, lb.label, args.max_hops
            )?;
        }
        Format::Table => {
            for p in paths {
                writeln!(out, "{p}  ({} hops)", p.hops.len())?;
            }
        }
    }
    out.flush()?;
    Ok(if paths.is_empty() {
        super::Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

/// Runs `jiyao neighbors`.
pub fn run_neighbors(args: NeighborsArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.store)?;
    let bounds = Bounds {
        cap: args.hub_cap.max(1),
        ..Bounds::default()
    };
    let lk = Reader::new(&store, bounds.cap);
    let (iri, kind) = find(&lk, &args.name)?;
    let found = neighbors_in_store(&lk, (&iri, kind), args.hops, bounds)?;
    notes(&found.notes);
    let near = &found.neighbors;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, near)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["hops", "label", "kind", "iri", "via"])?;
            for n in near {
                w.write_record([
                    n.hops.to_string(),
                    n.entity.label.clone(),
                    n.entity.kind.as_str().to_owned(),
                    n.entity.iri.clone(),
                    n.via.clone(),
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            for n in near {
                writeln!(
                    out,
                    "{}  {}  [{}]  {}",
                    n.hops,
                    n.entity.label,
                    n.entity.kind.as_str(),
                    n.via
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
