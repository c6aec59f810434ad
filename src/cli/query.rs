//! `jiyao query`: SPARQL over the store, from the command line, a file or the bundled library.

use super::Outcome;
use super::StoreArgs;
use anyhow::{bail, Context};
use clap::ValueEnum;
use jiyao::query::{self, library, render};
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// Output formats of `query`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table (the default on a terminal).
    Table,
    /// SPARQL results CSV (the default when piped).
    Csv,
    /// SPARQL results TSV.
    Tsv,
    /// SPARQL results JSON.
    Json,
    /// SPARQL results XML.
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE.
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE.
    Ntriples,
}

impl Format {
    fn render(self) -> render::Format {
        match self {
            Format::Table => render::Format::Table,
            Format::Csv => render::Format::Csv,
            Format::Tsv => render::Format::Tsv,
            Format::Json => render::Format::Json,
            Format::Xml => render::Format::Xml,
            Format::Turtle => render::Format::Turtle,
            Format::Ntriples => render::Format::NTriples,
        }
    }
}

/// Parses `name=value`.
fn param(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(n, v)| (n.trim().to_owned(), v.to_owned()))
        .ok_or_else(|| format!("expected name=value, got {s:?}"))
}

/// Arguments of `jiyao query`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// SPARQL text, a `.rq` file, or the name of a bundled query (see --list).
    #[arg(value_name = "QUERY", required_unless_present = "list")]
    pub query: Option<String>,
    /// Bind a variable: `--param name=蔡剑峰` replaces `?name` (repeatable).
    #[arg(long, short, value_name = "NAME=VALUE", value_parser = param)]
    pub param: Vec<(String, String)>,
    /// Output format [default: table on a terminal, CSV otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Stop the query after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Print Oxigraph's query plan as JSON, with the rows and time of each step, instead of the answer.
    #[arg(long, conflicts_with = "format")]
    pub explain: bool,
    /// Print at most this many rows (reading stops after them).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Skip this many rows first (with --limit, pages through a long answer).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// List the bundled queries and their parameters.
    #[arg(long)]
    pub list: bool,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Returns the text a QUERY argument stands for: a file, a bundled query's name, or SPARQL itself.
pub fn resolve_text(q: &str) -> anyhow::Result<String> {
    let path = std::path::Path::new(q);
    if q.ends_with(".rq") || (path.is_file() && !q.contains('{')) {
        return std::fs::read_to_string(path).with_context(|| format!("reading {q}"));
    }
    if let Some(text) = library::get(q) {
        return Ok(text.to_owned());
    }
    Ok(q.to_owned())
}

/// Opens the store read-only, so that readers can run side by side, refusing to create one where none is, and noting on standard error when it was written by an older jiyao.
pub fn open_existing(store: &StoreArgs) -> anyhow::Result<jiyao::store::GraphStore> {
    let dir = store.dir();
    if !dir.exists() {
        bail!(
            "no store at {}: run `jiyao ingest` first (or pass --store DIR)",
            dir.display()
        );
    }
    let store = jiyao::store::GraphStore::open_read_only(&dir, store.base()?)?;
    // A store of an older format answers what its summaries lack with nothing: say so once.
    if let Err(e @ jiyao::store::StoreError::OldFormat { .. }) = store.check_format() {
        eprintln!("note: {e}");
    }
    Ok(store)
}

/// Runs `jiyao query`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.list {
        let rows: Vec<Vec<String>> = library::QUERIES
            .iter()
            .map(|(n, t)| {
                vec![
                    (*n).to_owned(),
                    // Optional parameters in brackets: meeting [issuer].
                    library::parameter_specs(t)
                        .iter()
                        .map(|p| {
                            if p.optional {
                                format!("[{}]", p.name)
                            } else {
                                p.name.to_owned()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                    library::summary(t).to_owned(),
                ]
            })
            .collect();
        render::table(
            &mut out,
            &["name".into(), "parameters".into(), "answers".into()],
            &rows,
        )?;
        out.flush()?;
        return Ok(Outcome::Ok);
    }
    let text = resolve_text(args.query.as_deref().unwrap_or_default())?;
    let missing: Vec<String> = library::required_parameters(&text)
        .into_iter()
        .filter(|p| {
            !args
                .param
                .iter()
                .any(|(name, _)| name.trim_start_matches(['?', '$']) == p)
        })
        .collect();
    if !missing.is_empty() {
        let flags: Vec<String> = missing.iter().map(|p| format!("--param {p}=…")).collect();
        bail!(
            "this query needs {} (its header: {})",
            flags.join(" "),
            text.lines()
                .find(|l| l.starts_with("# Parameters"))
                .unwrap_or_default()
                .trim_start_matches('#')
                .trim()
        );
    }
    let store = open_existing(&args.store)?;
    if args.explain {
        writeln!(out, "{}", query::explain(&store, &text, &args.param)?)?;
        out.flush()?;
        return Ok(Outcome::Ok);
    }
    let timeout = args.timeout.map(Duration::from_secs_f64);
    let page = query::Page {
        offset: args.offset,
        limit: args.limit,
    };
    let answer = query::run_page(&store, &text, &args.param, timeout, page)?;
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Csv
    });
    render::write_answer(&mut out, &answer, format.render())?;
    out.flush()?;
    Ok(Outcome::Ok)
}
