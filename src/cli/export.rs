//! `jiyao export`: the store, or one graph of it, as RDF on standard output or in a file.
//!
//! Formats are a [`Format`] enum; each maps to a [`Kind`]. RDF formats are
//! streamed by the store; other kinds of output (network formats such as
//! GraphML) are added as new `Format` variants with their own `Kind` arm in
//! [`run`], without touching the RDF path. Unknown format names are rejected
//! by clap with the list of known ones.
//!
//! `--shard K/N` writes the source-document graphs of one shard (or
//! `--shard shared`, the shared graphs); `--shards N --output-dir DIR` writes
//! the shared part and all N shards, one file each, in one pass (see
//! `jiyao::store::GraphStore::export_shards` and `docs/scale-out.md`).

use super::Outcome;
use super::StoreArgs;
use anyhow::Context;
use clap::ValueEnum;
use jiyao::query::graph::EntityGraph;
use jiyao::query::network::{self, NetworkFormat};
use jiyao::store::{ExportFormat, GraphSelector};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Turtle: the triples of the selected graphs, merged.
    Turtle,
    /// N-Triples: the triples of the selected graphs, merged.
    Ntriples,
    /// N-Quads: quads, graphs kept.
    Nquads,
    /// TriG: quads, graphs kept.
    Trig,
    /// RDF/XML: the triples of the selected graphs, merged.
    Rdfxml,
    /// JSON-LD: quads, graphs kept.
    Jsonld,
    /// GraphML, for Gephi and NetworkX: the entity network (see --projection).
    Graphml,
    /// Graphviz DOT: the entity network.
    Dot,
    /// CSV edge list (source,target,label,weight,…): the entity network.
    EdgesCsv,
}

/// Which network the network formats draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Projection {
    /// Every entity and relation: people, organisations, meetings, items, documents, topics.
    Full,
    /// People only, joined by the number of meetings they attended together.
    CoAttendance,
    /// People and the organisations they attended for, weighted by records.
    PersonOrg,
}

/// What kind of writer a format needs.
pub enum Kind {
    /// An RDF serialization, streamed from the store.
    Rdf(ExportFormat),
    /// A network drawn from the entity graph (jiyao::query::network).
    Network(NetworkFormat),
}

impl Format {
    /// Returns the kind of writer the format needs.
    pub fn kind(self) -> Kind {
        Kind::Rdf(match self {
            Format::Graphml => return Kind::Network(NetworkFormat::GraphMl),
            Format::Dot => return Kind::Network(NetworkFormat::Dot),
            Format::EdgesCsv => return Kind::Network(NetworkFormat::EdgesCsv),
            Format::Turtle => ExportFormat::Turtle,
            Format::Ntriples => ExportFormat::NTriples,
            Format::Nquads => ExportFormat::NQuads,
            Format::Trig => ExportFormat::TriG,
            Format::Rdfxml => ExportFormat::RdfXml,
            Format::Jsonld => ExportFormat::JsonLd,
        })
    }
}

/// Arguments of `jiyao export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Nquads)]
    pub format: Format,
    /// Only this graph: a source document's file name, or a graph IRI (containing "://").
    #[arg(long, short, value_name = "DOC")]
    pub graph: Option<String>,
    /// The network the network formats draw.
    #[arg(long, value_enum, default_value_t = Projection::Full)]
    pub projection: Projection,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only the source-document graphs of shard K of N (by a stable hash of the graph IRI), or, with "shared", the other graphs.
    #[arg(long, value_name = "K/N|shared", value_parser = parse_shard, conflicts_with_all = ["graph", "shards"])]
    pub shard: Option<GraphSelector>,
    /// Write the whole store as N shards plus a shared part, one file each, into --output-dir.
    #[arg(long, value_name = "N", requires = "output_dir", conflicts_with_all = ["graph", "output"], value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub shards: Option<u32>,
    /// The directory --shards writes shared.nq and part-000.nq … into (created; must be empty).
    #[arg(long, value_name = "DIR", requires = "shards")]
    pub output_dir: Option<PathBuf>,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Parses the value of --shard.
fn parse_shard(s: &str) -> Result<GraphSelector, String> {
    GraphSelector::parse_shard(s).map_err(|e| e.to_string())
}

/// Runs `jiyao export`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let sharded = args.shard.is_some() || args.shards.is_some();
    let format = match args.format.kind() {
        Kind::Rdf(f) if sharded && !f.is_dataset() => {
            anyhow::bail!("shards keep named graphs: use --format nquads, trig or jsonld")
        }
        Kind::Network(_) if sharded => {
            anyhow::bail!("shards are RDF; network formats draw the whole store")
        }
        kind => kind,
    };
    let store = super::query::open_existing(&args.store)?;
    if let (Some(n), Some(dir)) = (args.shards, &args.output_dir) {
        let Kind::Rdf(format) = format else {
            unreachable!("refused above")
        };
        for f in store.export_shards(format, n, dir)? {
            let s = |n: usize| if n == 1 { "" } else { "s" };
            eprintln!(
                "{}: {} quad{} in {} graph{}",
                f.path.display(),
                f.quads,
                s(f.quads),
                f.graphs,
                s(f.graphs)
            );
        }
        return Ok(Outcome::Ok);
    }
    let selector = match (&args.shard, &args.graph) {
        (Some(s), _) => s.clone(),
        (None, None) => GraphSelector::All,
        (None, Some(g)) if g.contains("://") => {
            GraphSelector::Iri(jiyao::store::graph_iri(g).with_context(|| format!("--graph {g}"))?)
        }
        (None, Some(g)) => GraphSelector::Document(g.clone()),
    };
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(out);
    match format {
        Kind::Rdf(format) => {
            store.export(format, &selector, &mut out)?;
        }
        Kind::Network(format) => {
            if args.graph.is_some() {
                anyhow::bail!("--graph selects RDF graphs; network formats draw the whole store");
            }
            let g = EntityGraph::build(&store)?;
            let projection = match args.projection {
                Projection::Full => network::Projection::Full,
                Projection::CoAttendance => network::Projection::CoAttendance,
                Projection::PersonOrg => network::Projection::PersonOrg,
            };
            network::write(&mut out, &g, &network::project(&g, projection), format)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
