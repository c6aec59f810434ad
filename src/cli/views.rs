//! `jiyao person`, `meeting`, `org` and `topic`: readable cards about one entity, or JSON and CSV for scripts.

use super::query::open_existing;
use super::Outcome;
use super::StoreArgs;
use clap::ValueEnum;
use jiyao::query::{render, views};
use std::io::Write;

/// Output formats of the views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A card for people: fields, then tables.
    Text,
    /// The whole card as JSON.
    Json,
    /// The card's first table as CSV.
    Csv,
}

/// Arguments shared by the views.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Who or what: a name, a short form, an ordinal, a date, a document number or an IRI.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `jiyao topic`.
#[derive(clap::Args, Debug)]
pub struct TopicArgs {
    /// The view's arguments.
    #[command(flatten)]
    pub view: Args,
    /// Fold narrower topics into the timeline (危险化学品 under 安全生产 …).
    #[arg(long)]
    pub narrower: bool,
    /// Show at most this many rows of the timeline and of the documents (the card then gives their totals).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Skip this many rows of the timeline and of the documents first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

/// Which card to draw.
pub enum View {
    /// A person.
    Person,
    /// A meeting.
    Meeting,
    /// An organisation.
    Org,
    /// A topic, with or without narrower topics, and the page of its long tables.
    Topic(bool, jiyao::query::Page),
}

/// Runs a view.
pub fn run(view: View, args: Args) -> anyhow::Result<Outcome> {
    let store = open_existing(&args.store)?;
    let card = match view {
        View::Person => views::person(&store, &args.name),
        View::Meeting => views::meeting(&store, &args.name),
        View::Org => views::organisation(&store, &args.name),
        View::Topic(narrower, page) => views::topic(&store, &args.name, narrower, page),
    }?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_card(&mut out, &card, args.format)?;
    out.flush()?;
    Ok(Outcome::Ok)
}

/// Writes a card in a format.
pub fn write_card<W: Write>(out: &mut W, card: &views::Card, format: Format) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, card)?;
            writeln!(out)?;
        }
        Format::Csv => {
            if let Some(s) = card.sections.first() {
                let mut w = csv::Writer::from_writer(&mut *out);
                w.write_record(&s.columns)?;
                for r in s.text_rows() {
                    w.write_record(&r)?;
                }
                w.flush()?;
            }
        }
        Format::Text => {
            if card.iri.is_empty() {
                writeln!(out, "{}", card.title)?;
            } else {
                writeln!(out, "{}  <{}>", card.title, card.iri)?;
            }
            for (k, v) in &card.fields {
                writeln!(out, "  {k}: {v}")?;
            }
            for s in &card.sections {
                writeln!(out)?;
                writeln!(out, "{} ({})", s.name, s.rows.len())?;
                if !s.rows.is_empty() {
                    render::table(out, &s.columns, &s.text_rows())?;
                }
            }
        }
    }
    Ok(())
}
