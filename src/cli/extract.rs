//! `jiyao extract`: minutes to JSON or tables on standard output.

use super::{expand_inputs, Outcome};
use clap::ValueEnum;
use jiyao::extract::{extract_file, Extraction};
use jiyao::resolve::Resources;
use jiyao::table::TableKind;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The whole structure, a JSON array with one object per document.
    Json,
    /// One table as CSV.
    Csv,
    /// One table as tab-separated values.
    Tsv,
}

/// Tables `extract` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// One row per attendance record: doc,meeting,date,role,org,org_name,person,line,…
    Attendance,
    /// One row per meeting: doc,doc_number,meeting,date,half_day,chair,chair_title,compiled,issued,…
    Meetings,
    /// One row per agenda item.
    Items,
    /// One row per policy document: doc,meeting,item,title,lead_org,next_step,…
    Documents,
    /// One row per topic link: doc,meeting,item,topic,…
    Topics,
    /// One row per department an agenda item makes responsible.
    Departments,
    /// One row per diagnostic.
    Diagnostics,
}

impl Table {
    fn kind(self) -> TableKind {
        match self {
            Table::Attendance => TableKind::Attendance,
            Table::Meetings => TableKind::Meetings,
            Table::Items => TableKind::Items,
            Table::Documents => TableKind::Documents,
            Table::Topics => TableKind::Topics,
            Table::Departments => TableKind::Departments,
            Table::Diagnostics => TableKind::Diagnostics,
        }
    }
}

/// Arguments of `jiyao extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories of minutes (UTF-8, GB18030, UTF-16 text, Markdown or HTML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The table to write with --format csv or tsv.
    #[arg(long, short, value_enum, default_value_t = Table::Attendance)]
    pub table: Table,
    /// Do not print warnings on standard error (failures are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the written text of the records (names, titles, departments as written) in simplified characters; records of a traditional-script page keep its characters otherwise.
    #[arg(long)]
    pub simplified: bool,
}

/// Runs `jiyao extract`.
pub fn run(args: Args, res: &Resources) -> anyhow::Result<Outcome> {
    let files = expand_inputs(&args.files)?;
    let results: Vec<Result<Extraction, String>> = files
        .par_iter()
        .map(|path| extract_file(path, res).map_err(|e| e.to_string()))
        .collect();
    let mut outcome = Outcome::Ok;
    let mut ok = Vec::new();
    for r in results {
        match r {
            Ok(mut x) => {
                if args.simplified {
                    x.simplify();
                }
                if !args.quiet {
                    for d in x
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity >= jiyao::diag::Severity::Warning)
                    {
                        eprintln!("{d}");
                    }
                }
                ok.push(x);
            }
            Err(e) => {
                eprintln!("error: {e}");
                outcome = Outcome::SomeFailed;
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &ok)?;
            writeln!(out)?;
        }
        Format::Csv | Format::Tsv => {
            let kind = args.table.kind();
            let mut w = csv::WriterBuilder::new()
                .delimiter(if args.format == Format::Tsv {
                    b'\t'
                } else {
                    b','
                })
                .has_headers(false)
                .from_writer(&mut out);
            w.write_record(kind.header())?;
            kind.write(&ok, &mut w)?;
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(outcome)
}
