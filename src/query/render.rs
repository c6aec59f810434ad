//! Answers to text: aligned tables for terminals (CJK characters count two columns) and the standard SPARQL result formats.

use super::{term_text, Answer};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Variable;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::{self, Write};

/// Output formats for answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An aligned table for people.
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE.
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE.
    NTriples,
}

/// Returns how many terminal columns a string takes: East Asian wide characters take two.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// Writes rows as an aligned table with a header and a rule.
pub fn table<W: Write>(out: &mut W, header: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (k, c) in r.iter().enumerate() {
            if k < widths.len() {
                widths[k] = widths[k].max(width(c));
            }
        }
    }
    let line = |out: &mut W, cells: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if k + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[k].saturating_sub(width(c))));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(out, &rule)?;
    for r in rows {
        line(out, r)?;
    }
    Ok(())
}

/// Writes an answer in a format; table answers to CONSTRUCT fall back to N-Triples lines.
pub fn write_answer<W: Write>(out: &mut W, answer: &Answer, format: Format) -> io::Result<()> {
    let results_format = match format {
        Format::Csv => Some(QueryResultsFormat::Csv),
        Format::Tsv => Some(QueryResultsFormat::Tsv),
        Format::Json => Some(QueryResultsFormat::Json),
        Format::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match answer {
        Answer::Solutions { variables, rows } => match results_format {
            Some(f) => {
                let vars: Vec<Variable> = variables
                    .iter()
                    .map(|v| Variable::new_unchecked(v.clone()))
                    .collect();
                let mut s = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *out, vars.clone())?;
                for r in rows {
                    s.serialize(
                        vars.iter()
                            .zip(r)
                            .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                    )?;
                }
                s.finish()?;
                Ok(())
            }
            None => table(out, variables, &answer.strings()),
        },
        Answer::Boolean(b) => match results_format {
            Some(f) => QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut *out, *b)
                .map(|_| ()),
            None => writeln!(out, "{b}"),
        },
        Answer::Graph(triples) => {
            let rdf = if format == Format::Turtle || format == Format::Table {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            };
            let mut ser = RdfSerializer::from_format(rdf);
            for (p, iri) in jiyao_core::rdf::vocab::PREFIXES {
                ser = ser
                    .with_prefix(*p, *iri)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
            }
            let mut w = ser.for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(t)?;
            }
            w.finish()?;
            Ok(())
        }
    }
}

/// Returns a cell's text for tables (helper shared by the views).
pub fn text(t: &Option<oxigraph::model::Term>) -> String {
    t.as_ref().map(term_text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_wide_characters() {
        let mut out = Vec::new();
        table(
            &mut out,
            &["name".into(), "role".into()],
            &[
                vec!["蔡剑峰".into(), "列席".into()],
                vec!["Li".into(), "x".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name    role\n──────  ────\n蔡剑峰  列席\nLi      x\n"
        );
    }
}
