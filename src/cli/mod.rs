//! The command line: clap definitions and the glue that calls the library.
//!
//! This is the only module that knows clap. Each subcommand lives in its own
//! file and returns an exit code; `main` maps errors to messages.

mod eval;
mod export;
mod extract;
mod ingest;
mod links;
mod optimize;
mod path;
mod query;
mod remove;
mod serve;
mod synth;
mod views;

use clap::{Parser, Subcommand};
use jiyao::rdf::iri::Base;
use jiyao::store::GraphStore;
use std::path::PathBuf;

/// jiyao (纪要): a knowledge graph from Chinese government executive-meeting minutes.
#[derive(Parser, Debug)]
#[command(name = "jiyao", version, about, long_about = None)]
pub struct Cli {
    /// Read the gazetteer, surnames and topic scheme from this directory instead of the bundled copies.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read minutes and print what they record: the whole structure as JSON, or one table as CSV/TSV.
    Extract(extract::Args),
    /// Extract minutes and load them into the knowledge graph (an Oxigraph store), one named graph per file.
    Ingest(ingest::Args),
    /// Write the knowledge graph, or one graph of it, as RDF.
    Export(export::Args),
    /// Ask the knowledge graph in SPARQL: a query, a .rq file or a bundled query by name.
    Query(query::Args),
    /// A person's card: meetings attended, organisations over time, co-attendees.
    Person(views::Args),
    /// A meeting's card, by ordinal, date or document number: agenda, documents, attendance.
    Meeting(views::Args),
    /// An organisation's card, by full or short name: who represented it when, documents it led.
    Org(views::Args),
    /// A topic's timeline across meetings and years, with evidence.
    Topic(views::TopicArgs),
    /// Shortest paths between two entities, explained hop by hop.
    Path(path::PathArgs),
    /// The neighbourhood of an entity.
    Neighbors(path::NeighborsArgs),
    /// Candidates for one official seen in two governments: a rare name leaving one and appearing in a neighbour's within months, with the evidence (never merged).
    Links(links::Args),
    /// Remove source documents' graphs from the knowledge graph.
    Remove(remove::Args),
    /// Compact a store so that queries read few files (ingest does it after a bulk load).
    Optimize(optimize::Args),
    /// Serve the knowledge graph: a SPARQL 1.1 endpoint at /query and the explorer web page at /.
    Serve(serve::Args),
    /// Generate a realistic corpus of minutes with its ground truth (DIR/minutes, DIR/truth).
    Synth(synth::Args),
    /// Score the extractor against ground truth: precision, recall and F1 per table.
    Eval(eval::Args),
}

/// The store directory when neither `--store` nor `JIYAO_STORE` says otherwise.
pub const DEFAULT_STORE: &str = "jiyao-store";

/// Where the store is and which base IRI its resources are minted under: the arguments every command on a store shares.
#[derive(clap::Args, Debug, Clone, PartialEq, Eq)]
pub struct StoreArgs {
    /// The store directory.
    #[arg(long, value_name = "DIR", env = "JIYAO_STORE", default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// The base IRI of minted resources [default: https://w3id.org/jiyao/id/].
    #[arg(long, value_name = "IRI", env = "JIYAO_BASE")]
    pub base: Option<String>,
}

impl StoreArgs {
    /// Returns the store directory: the flag, else `JIYAO_STORE`, else `./jiyao-store`.
    pub fn dir(&self) -> PathBuf {
        self.store.clone()
    }

    /// Returns the base IRI: the flag, else `JIYAO_BASE`, else the default.
    pub fn base(&self) -> anyhow::Result<Base> {
        match &self.base {
            Some(b) => Ok(Base::new(b)?),
            None => Ok(Base::default()),
        }
    }

    /// Opens the on-disk store.
    pub fn open(&self) -> anyhow::Result<GraphStore> {
        Ok(GraphStore::open(&self.dir(), self.base()?)?)
    }
}

/// What a command ended with: success, or some inputs failed (reported already).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went through.
    Ok,
    /// At least one input failed; the others were processed.
    SomeFailed,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let res = resources(cli.data.as_deref())?;
    match cli.command {
        Command::Extract(args) => extract::run(args, res),
        Command::Ingest(args) => ingest::run(args, res),
        Command::Export(args) => export::run(args),
        Command::Remove(args) => remove::run(args),
        Command::Optimize(args) => optimize::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Query(args) => query::run(args),
        Command::Person(args) => views::run(views::View::Person, args),
        Command::Meeting(args) => views::run(views::View::Meeting, args),
        Command::Org(args) => views::run(views::View::Org, args),
        Command::Topic(args) => views::run(
            views::View::Topic(
                args.narrower,
                jiyao::query::Page {
                    offset: args.offset,
                    limit: args.limit,
                },
            ),
            args.view,
        ),
        Command::Path(args) => path::run_path(args),
        Command::Neighbors(args) => path::run_neighbors(args),
        Command::Links(args) => links::run(args, res),
        Command::Synth(args) => synth::run(args, res),
        Command::Eval(args) => eval::run(args, res),
    }
}

fn resources(dir: Option<&std::path::Path>) -> anyhow::Result<&'static jiyao::resolve::Resources> {
    use anyhow::Context;
    match dir {
        None => Ok(jiyao::resolve::Resources::bundled()),
        Some(d) => {
            let r = jiyao::resolve::Resources::from_dir(d)
                .with_context(|| format!("reading data files from {}", d.display()))?;
            Ok(Box::leak(Box::new(r)))
        }
    }
}

/// Expands directories into the files they hold (recursively, sorted, hidden files skipped); files pass through.
pub fn expand_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    Ok(jiyao::load::files_under(paths)?)
}
