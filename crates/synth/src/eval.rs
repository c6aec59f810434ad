//! Measures the extractor against ground truth: precision, recall and F1 per table.
//!
//! [`evaluate`] runs the extractor over every file of `CORPUS/minutes` (in
//! parallel) and compares its rows with the truth tables `meetings.csv`,
//! `attendance.csv`, `documents.csv` and `topics.csv` — such as
//! [`synth`](crate) writes — as multisets of the *key columns*: the
//! leading columns the documentation promises, minus any the caller chooses
//! to ignore (`org_name`, say, to set canonical names aside). A row counts as
//! found only when every key cell matches exactly. Files the extractor
//! rejects are reported, and their truth rows count as missed.
//!
//! It also scores who is who ([`identity`](crate::identity)): the people the
//! identity rule of the RDF mapping makes of the extracted records, against
//! the truth's person ids (B-cubed precision, recall and F1, false merges and
//! splits, and how many names several people share).
//!
//! ```no_run
//! use jiyao_synth::eval::{evaluate, Options};
//! use std::path::Path;
//! let report = evaluate(Path::new("corpus"), Path::new("corpus/truth"), jiyao_core::resolve::Resources::bundled(), &Options::default()).unwrap();
//! for t in &report.tables {
//!     println!("{} F1 {:.3}", t.table, t.f1);
//! }
//! ```

use crate::identity::{self, IdentityScore};
use crate::truth::{AttendanceTruth, DocumentTruth, MeetingTruth, TopicTruth};
use jiyao_core::extract::extract_file;
use jiyao_core::load::LoadError;
use jiyao_core::resolve::people::People;
use jiyao_core::resolve::Resources;
use jiyao_core::table::{project, TableError, TableKind};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A truth table is not valid CSV.
    #[error("{path}: {source}")]
    Csv {
        /// The truth table.
        path: PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
    /// The minutes directory could not be listed.
    #[error(transparent)]
    List(#[from] LoadError),
    /// A column asked for is not a column of the truth table.
    #[error("{path}: no column {column:?} in the header")]
    MissingColumn {
        /// The truth table.
        path: PathBuf,
        /// The column.
        column: String,
    },
    /// A column to ignore is not a key column of any table.
    #[error("{0:?} is not a key column of any table")]
    UnknownColumn(String),
    /// Scores can only be broken down when the `doc` column is compared.
    #[error("--by needs the doc column, which is ignored")]
    NoDocColumn,
    /// Typed truth rows could not be turned into key cells.
    #[error("{path}: {source}")]
    Table {
        /// The truth table.
        path: PathBuf,
        /// The underlying error.
        source: TableError,
    },
    /// A table has no truth table to compare with.
    #[error("no truth table for {0}")]
    NoTruth(&'static str),
}

/// What to compare and how much to show.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Key columns to leave out of the comparison, such as `org_name`.
    pub ignore: Vec<String>,
    /// How many false positives and false negatives to keep per table.
    pub errors: usize,
    /// A column of the truth's `meetings.csv` (such as `form`, `government`, `level`, `issuer`, `layout` or `delivery`) to break the scores down by.
    pub by: Option<String>,
}

/// Rows of one table, each row its key cells.
type Rows = Vec<Vec<String>>;

/// The tables compared, with their key columns (the documented leading columns).
pub const TABLES: &[(TableKind, &[&str])] = &[
    (
        TableKind::Attendance,
        &[
            "doc", "meeting", "date", "role", "org", "org_name", "person",
        ],
    ),
    (
        TableKind::Meetings,
        &[
            "doc",
            "doc_number",
            "meeting",
            "date",
            "half_day",
            "chair",
            "chair_title",
            "compiled",
            "issued",
            "issuer",
            "level",
        ],
    ),
    (
        TableKind::Documents,
        &["doc", "meeting", "item", "title", "lead_org", "next_step"],
    ),
    (TableKind::Topics, &["doc", "meeting", "item", "topic"]),
];

/// The scores of one table.
#[derive(Clone, Debug, Serialize)]
pub struct TableScore {
    /// The table's name.
    pub table: String,
    /// The key columns compared.
    pub key: Vec<String>,
    /// Rows in the truth.
    pub truth: usize,
    /// Rows the extractor produced.
    pub extracted: usize,
    /// Rows in both (multiset intersection).
    pub true_positives: usize,
    /// True positives over extracted rows (1 when nothing was extracted and nothing expected).
    pub precision: f64,
    /// True positives over truth rows (1 when nothing was expected).
    pub recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
    /// Extracted rows not in the truth, the first few in file order.
    pub false_positives: Vec<Vec<String>>,
    /// Truth rows not extracted, the first few in file order.
    pub false_negatives: Vec<Vec<String>>,
}

/// The outcome of an evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The directory of minutes read.
    pub corpus: PathBuf,
    /// The directory of truth tables read.
    pub truth: PathBuf,
    /// Files read.
    pub documents: usize,
    /// Files the extractor rejected, with the error.
    pub failed: Vec<(String, String)>,
    /// One score per table.
    pub tables: Vec<TableScore>,
    /// Scores per value of the breakdown column, when one was asked for.
    pub groups: Vec<Group>,
    /// Who is who: the identity rule's people against the truth's person ids.
    pub identity: IdentityScore,
    /// The link rule's cross-government candidates against the truth's movers.
    pub links: identity::LinkScore,
}

/// The scores of the documents that share one value of the breakdown column.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The column of `meetings.csv`.
    pub column: String,
    /// Its value.
    pub value: String,
    /// The documents with that value.
    pub documents: usize,
    /// One score per table (errors are not kept per group).
    pub tables: Vec<TableScore>,
}

/// Returns the minutes directory of a corpus: `CORPUS/minutes` when it exists, else `CORPUS` itself.
pub fn minutes_dir(corpus: &Path) -> PathBuf {
    let m = corpus.join("minutes");
    if m.is_dir() {
        m
    } else {
        corpus.to_owned()
    }
}

/// The key columns of each table after the ignored ones are dropped.
fn keys(opts: &Options) -> Result<Vec<Vec<&'static str>>, EvalError> {
    for col in &opts.ignore {
        if !TABLES.iter().any(|(_, k)| k.contains(&col.as_str())) {
            return Err(EvalError::UnknownColumn(col.clone()));
        }
    }
    Ok(TABLES
        .iter()
        .map(|(_, k)| {
            k.iter()
                .copied()
                .filter(|c| !opts.ignore.iter().any(|i| i == c))
                .collect()
        })
        .collect())
}

/// Reads a truth table into its typed rows, and returns their key columns.
fn read_truth<T: Serialize + DeserializeOwned>(
    path: &Path,
    key: &[&str],
) -> Result<Vec<Vec<String>>, EvalError> {
    let csv_err = |source| EvalError::Csv {
        path: path.to_owned(),
        source,
    };
    let rows = csv::Reader::from_path(path)
        .map_err(csv_err)?
        .deserialize::<T>()
        .collect::<Result<Vec<T>, _>>()
        .map_err(csv_err)?;
    project(&rows, key).map_err(|e| match e {
        TableError::UnknownColumn { column, .. } => EvalError::MissingColumn {
            path: path.to_owned(),
            column,
        },
        source => EvalError::Table {
            path: path.to_owned(),
            source,
        },
    })
}

/// Reads the truth table of one extractor table, keeping the key columns.
fn read_truth_of(kind: TableKind, truth: &Path, key: &[&str]) -> Result<Rows, EvalError> {
    let path = truth.join(format!("{}.csv", kind.name()));
    match kind {
        TableKind::Meetings => read_truth::<MeetingTruth>(&path, key),
        TableKind::Attendance => read_truth::<AttendanceTruth>(&path, key),
        TableKind::Documents => read_truth::<DocumentTruth>(&path, key),
        TableKind::Topics => read_truth::<TopicTruth>(&path, key),
        other => Err(EvalError::NoTruth(other.name())),
    }
}

/// Runs the extractor on a corpus and scores it against the truth tables.
pub fn evaluate(
    corpus: &Path,
    truth: &Path,
    res: &Resources,
    opts: &Options,
) -> Result<Report, EvalError> {
    let keys = keys(opts)?;
    let dir = minutes_dir(corpus);
    let files = jiyao_core::load::files(&dir, false)?;
    // For each file: the projected rows of each table and the person of each named record, or the error.
    type FileRows = (
        Vec<Rows>,
        Vec<(identity::PairKey, String)>,
        Vec<jiyao_core::resolve::links::Span>,
    );
    let results: Vec<Result<FileRows, (String, String)>> = files
        .par_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let x = extract_file(path, res).map_err(|e| (name.clone(), e.to_string()))?;
            let people = identity::predicted(&name, &x, People::bundled());
            let tables = TABLES
                .iter()
                .zip(&keys)
                .map(|((kind, _), key)| kind.project(&x, key))
                .collect::<Result<Vec<Rows>, TableError>>()
                .map_err(|e| (name.clone(), e.to_string()))?;
            Ok((tables, people, identity::spans(&x)))
        })
        .collect();
    let mut failed = Vec::new();
    let mut extracted: Vec<Vec<Vec<String>>> = vec![Vec::new(); TABLES.len()];
    let mut persons = Vec::new();
    let mut spans = Vec::new();
    for r in results {
        match r {
            Ok((tables, people, seen)) => {
                for (all, rows) in extracted.iter_mut().zip(tables) {
                    all.extend(rows);
                }
                persons.extend(people);
                spans.extend(seen);
            }
            Err(e) => failed.push(e),
        }
    }
    // The breakdown: document → value of the column in meetings.csv.
    let by: Option<(String, BTreeMap<String, String>)> = match &opts.by {
        None => None,
        Some(col) => {
            if keys.iter().any(|k| k.first() != Some(&"doc")) {
                return Err(EvalError::NoDocColumn);
            }
            let rows =
                read_truth::<MeetingTruth>(&truth.join("meetings.csv"), &["doc", col.as_str()])?;
            Some((
                col.clone(),
                rows.into_iter()
                    .map(|mut r| (std::mem::take(&mut r[0]), std::mem::take(&mut r[1])))
                    .collect(),
            ))
        }
    };
    let mut tables = Vec::new();
    let mut per_group: BTreeMap<String, Vec<TableScore>> = BTreeMap::new();
    for (((kind, _), key), got) in TABLES.iter().zip(&keys).zip(extracted) {
        let want = read_truth_of(*kind, truth, key)?;
        if let Some((_, groups)) = &by {
            let group_of = |r: &Vec<String>| groups.get(&r[0]).cloned().unwrap_or_default();
            let mut split: BTreeMap<String, (Rows, Rows)> = groups
                .values()
                .map(|v| (v.clone(), Default::default()))
                .collect();
            for r in &want {
                split.entry(group_of(r)).or_default().0.push(r.clone());
            }
            for r in &got {
                split.entry(group_of(r)).or_default().1.push(r.clone());
            }
            for (value, (w, g)) in split {
                per_group
                    .entry(value)
                    .or_default()
                    .push(score(kind.name(), key, w, g, 0));
            }
        }
        tables.push(score(kind.name(), key, want, got, opts.errors));
    }
    let groups = match &by {
        None => Vec::new(),
        Some((column, docs)) => per_group
            .into_iter()
            .map(|(value, tables)| Group {
                column: column.clone(),
                documents: docs.values().filter(|v| **v == value).count(),
                value,
                tables,
            })
            .collect(),
    };
    let truth_people = truth_people(truth)?;
    let identity = identity::score(persons, &truth_people);
    let links = identity::score_links(&spans, &truth_people, &res.places);
    Ok(Report {
        corpus: dir,
        truth: truth.to_owned(),
        documents: files.len(),
        failed,
        tables,
        groups,
        identity,
        links,
    })
}

/// Reads the truth's named attendance records with their person ids and governments.
fn truth_people(truth: &Path) -> Result<Vec<identity::TruthRecord>, EvalError> {
    let issuers: BTreeMap<String, String> =
        read_truth::<MeetingTruth>(&truth.join("meetings.csv"), &["doc", "issuer"])?
            .into_iter()
            .map(|mut r| (std::mem::take(&mut r[0]), std::mem::take(&mut r[1])))
            .collect();
    let rows = read_truth::<AttendanceTruth>(
        &truth.join("attendance.csv"),
        &["doc", "role", "org", "person", "person_id"],
    )?;
    Ok(rows
        .into_iter()
        .filter(|r| !r[3].is_empty())
        .map(|mut r| {
            let person_id = std::mem::take(&mut r[4]);
            // One government whatever the script its issuer is written in, as the identity rule reads it.
            let government = issuers
                .get(&r[0])
                .map(|g| jiyao_core::load::simplify::to_simplified(g))
                .unwrap_or_default();
            let [doc, role, org, person, _] = <[String; 5]>::try_from(r).unwrap_or_default();
            identity::TruthRecord {
                key: [doc, role, org, person],
                person_id,
                government,
            }
        })
        .collect())
}

/// Compares two multisets of rows.
fn score(
    table: &str,
    key: &[&str],
    want: Vec<Vec<String>>,
    got: Vec<Vec<String>>,
    keep: usize,
) -> TableScore {
    let (n_want, n_got) = (want.len(), got.len());
    let mut counts: BTreeMap<Vec<String>, (usize, usize)> = BTreeMap::new();
    for r in want {
        counts.entry(r).or_default().0 += 1;
    }
    for r in got {
        counts.entry(r).or_default().1 += 1;
    }
    let mut tp = 0;
    let mut fps = Vec::new();
    let mut fns = Vec::new();
    for (row, (w, g)) in counts {
        tp += w.min(g);
        if g > w && fps.len() < keep {
            fps.push(row.clone());
        }
        if w > g && fns.len() < keep {
            fns.push(row);
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = if n_got == 0 && n_want > 0 {
        0.0
    } else {
        ratio(tp, n_got)
    };
    let recall = ratio(tp, n_want);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    TableScore {
        table: table.to_owned(),
        key: key.iter().map(|s| (*s).to_owned()).collect(),
        truth: n_want,
        extracted: n_got,
        true_positives: tp,
        precision,
        recall,
        f1,
        false_positives: fps,
        false_negatives: fns,
    }
}

impl Report {
    /// Writes the scores as an aligned text table, then the kept errors.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{} documents from {} ({} rejected), truth from {}\n\n",
            self.documents,
            self.corpus.display(),
            self.failed.len(),
            self.truth.display()
        );
        write_scores(&mut s, &self.tables);
        s.push_str(&self.identity.to_text());
        s.push_str(&self.links.to_text());
        for g in &self.groups {
            s.push_str(&format!(
                "\n{} = {} ({} documents)\n",
                g.column,
                if g.value.is_empty() {
                    "(none)"
                } else {
                    &g.value
                },
                g.documents
            ));
            write_scores(&mut s, &g.tables);
        }
        for (file, err) in self.failed.iter().take(20) {
            s.push_str(&format!("\nrejected {file}: {err}"));
        }
        for t in &self.tables {
            if t.false_positives.is_empty() && t.false_negatives.is_empty() {
                continue;
            }
            s.push_str(&format!("\n\n{} ({})", t.table, t.key.join(",")));
            for r in &t.false_negatives {
                s.push_str(&format!("\n  missed     {}", r.join(" | ")));
            }
            for r in &t.false_positives {
                s.push_str(&format!("\n  spurious   {}", r.join(" | ")));
            }
        }
        s.push('\n');
        s
    }
}

fn write_scores(s: &mut String, tables: &[TableScore]) {
    s.push_str(&format!(
        "{:<11} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>7} {:>7}\n",
        "table", "truth", "extracted", "tp", "fp", "fn", "precision", "recall", "f1"
    ));
    for t in tables {
        s.push_str(&format!(
            "{:<11} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9.4} {:>7.4} {:>7.4}\n",
            t.table,
            t.truth,
            t.extracted,
            t.true_positives,
            t.extracted - t.true_positives,
            t.truth - t.true_positives,
            t.precision,
            t.recall,
            t.f1
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(xs: &[&str]) -> Vec<Vec<String>> {
        xs.iter()
            .map(|x| x.split(',').map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn multiset_scores() {
        let t = score(
            "t",
            &["a", "b"],
            rows(&["1,x", "1,x", "2,y"]),
            rows(&["1,x", "2,z"]),
            5,
        );
        assert_eq!((t.truth, t.extracted, t.true_positives), (3, 2, 1));
        assert!((t.precision - 0.5).abs() < 1e-9);
        assert!((t.recall - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(t.false_negatives, rows(&["1,x", "2,y"]));
        assert_eq!(t.false_positives, rows(&["2,z"]));
    }

    #[test]
    fn empty_tables_score_one() {
        let t = score("t", &["a"], Vec::new(), Vec::new(), 0);
        assert_eq!((t.precision, t.recall, t.f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn unknown_ignored_column_is_an_error() {
        let opts = Options {
            ignore: vec!["nope".to_owned()],
            ..Options::default()
        };
        assert!(matches!(keys(&opts), Err(EvalError::UnknownColumn(_))));
        let opts = Options {
            ignore: vec!["org_name".to_owned()],
            ..Options::default()
        };
        assert_eq!(keys(&opts).unwrap()[0].len(), 6);
    }
}
