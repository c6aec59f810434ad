//! `jiyao eval`: score the extractor against ground truth, per table.

use super::Outcome;
use anyhow::Context;
use clap::ValueEnum;
use jiyao::resolve::Resources;
use jiyao_synth::eval::{evaluate, Options};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for people.
    Table,
    /// One JSON object for scripts.
    Json,
}

/// Arguments of `jiyao eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The corpus: a directory holding minutes/ (or the minutes themselves).
    #[arg(value_name = "CORPUS")]
    pub corpus: PathBuf,
    /// The directory of truth tables (meetings.csv, attendance.csv, documents.csv, topics.csv); CORPUS/truth by default.
    #[arg(value_name = "TRUTH")]
    pub truth: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Show up to N missed and N spurious rows per table.
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// Leave a key column out of the comparison (repeatable or comma-separated), such as org_name.
    #[arg(long, value_name = "COLUMN", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Also break the scores down by a column of the truth's meetings.csv, such as form, issuer, layout or delivery.
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
}

/// Runs `jiyao eval`; the scores are the result, so it exits 0 whatever they are.
pub fn run(args: Args, res: &Resources) -> anyhow::Result<Outcome> {
    let truth = args
        .truth
        .clone()
        .unwrap_or_else(|| args.corpus.join("truth"));
    let opts = Options {
        ignore: args.ignore,
        errors: args.errors,
        by: args.by,
    };
    let report = evaluate(&args.corpus, &truth, res, &opts).with_context(|| {
        format!(
            "evaluating {} against {}",
            args.corpus.display(),
            truth.display()
        )
    })?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Table => out.write_all(report.to_text().as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
