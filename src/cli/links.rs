//! `jiyao links`: the cross-government link candidates of the store, with their evidence, and the `data/people.csv` lines that accept them.

use super::query::open_existing;
use super::Outcome;
use super::StoreArgs;
use clap::ValueEnum;
use jiyao::query::{links, render};
use jiyao::resolve::links::LinkRule;
use jiyao::resolve::Resources;
use std::io::Write;

/// Output formats of `links`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table of the candidates and their evidence.
    Table,
    /// The same columns as CSV.
    Csv,
    /// One `data/people.csv` line per candidate: what accepting it means (review each before adding it).
    People,
}

/// Arguments of `jiyao links`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The longest gap, in days, from a name's last record in one government to its first in the other.
    #[arg(long, default_value_t = LinkRule::default().within_days, value_name = "DAYS")]
    pub within_days: i64,
    /// A name is rare enough to link when at most this many governments' records name it.
    #[arg(long, default_value_t = LinkRule::default().max_governments, value_name = "N")]
    pub max_governments: usize,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

const COLUMNS: [&str; 11] = [
    "name",
    "left",
    "last",
    "joined",
    "first",
    "gap_days",
    "governments_with_name",
    "province",
    "left_orgs",
    "joined_orgs",
    "records",
];

/// Runs `jiyao links`.
pub fn run(args: Args, res: &Resources) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.store)?;
    let rule = LinkRule {
        within_days: args.within_days,
        max_governments: args.max_governments,
    };
    let found = links::candidates(&store, &res.places, &rule)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.left.government.clone(),
                c.left.last.clone(),
                c.joined.government.clone(),
                c.joined.first.clone(),
                c.gap_days.to_string(),
                c.governments_with_name.to_string(),
                c.province.clone(),
                c.left.orgs.join("、"),
                c.joined.orgs.join("、"),
                format!("{} + {}", c.left.records, c.joined.records),
            ]
        })
        .collect();
    match args.format {
        Format::Table => {
            render::table(&mut out, &COLUMNS.map(str::to_owned), &rows)?;
            writeln!(
                out,
                "{} candidates (rule: name in at most {} governments, same province, last record to first within {} days); accept one with `-f people` and a line in data/people.csv",
                found.len(),
                rule.max_governments,
                rule.within_days
            )?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(COLUMNS)?;
            for r in &rows {
                w.write_record(r)?;
            }
            w.flush()?;
        }
        Format::People => {
            for c in &found {
                writeln!(out, "{}", c.accept_row())?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
