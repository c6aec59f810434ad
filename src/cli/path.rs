//! `jiyao path` and `jiyao neighbors`: how entities connect, explained hop by hop.

use super::ingest::StoreArgs;
use super::query::open_existing;
use super::Outcome;
use anyhow::bail;
use jiyao::query::graph::{describe_lookup, EntityGraph, Kind, Lookup};
use std::io::Write;

fn kinds(s: &str) -> Result<Vec<Kind>, String> {
    s.split(',')
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            Kind::parse(k.trim()).ok_or_else(|| {
                format!("unknown kind {k:?}; use person, org, meeting, item, document, topic")
            })
        })
        .collect()
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
    #[arg(long, value_name = "KINDS")]
    pub via: Option<String>,
    /// Print JSON instead of sentences.
    #[arg(long)]
    pub json: bool,
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
    /// Print JSON instead of lines.
    #[arg(long)]
    pub json: bool,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

fn find(g: &EntityGraph, name: &str) -> anyhow::Result<usize> {
    match g.lookup(name, &[]) {
        Lookup::One(id) => Ok(id),
        other => bail!("{}", describe_lookup(g, name, &other)),
    }
}

/// Runs `jiyao path`.
pub fn run_path(args: PathArgs) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.store)?;
    let g = EntityGraph::build(&store)?;
    let (a, b) = (find(&g, &args.from)?, find(&g, &args.to)?);
    let via = kinds(args.via.as_deref().unwrap_or("")).map_err(anyhow::Error::msg)?;
    let paths = g.paths(a, b, args.max_hops, args.k, &via);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &paths)?;
        writeln!(out)?;
    } else if paths.is_empty() {
        writeln!(
            out,
            "no path from {} to {} within {} hops",
            g.entity(a).label,
            g.entity(b).label,
            args.max_hops
        )?;
    } else {
        for p in &paths {
            writeln!(out, "{p}  ({} hops)", p.hops.len())?;
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
    let g = EntityGraph::build(&store)?;
    let id = find(&g, &args.name)?;
    let near = g.neighbors(id, args.hops);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let v: Vec<serde_json::Value> = near
            .iter()
            .map(|(n, d, via)| serde_json::json!({"entity": g.entity(*n), "hops": d, "via": via}))
            .collect();
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        for (n, d, via) in &near {
            writeln!(
                out,
                "{d}  {}  [{}]  {via}",
                g.entity(*n).label,
                g.entity(*n).kind.as_str()
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
