//! Positions and diagnostics shared by every stage of the pipeline.
//!
//! A [`Span`] points into the *original* file (1-based line, 1-based character
//! column), so that a user can open the file at the reported place. A
//! [`Diagnostic`] is a finding that did not stop the pipeline: parsing and
//! extraction never fail on odd input, they report what they saw instead.
//!
//! ```
//! use jiyao_core::diag::{Code, Diagnostic, Severity, Span};
//! let d = Diagnostic::new("a.txt", Severity::Warning, Code::UnknownOrg, "市大数据局 is not in the gazetteer", Span::point(3, 7));
//! assert_eq!(d.to_string(), "a.txt:3:7: warning[unknown-org]: 市大数据局 is not in the gazetteer");
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// A position in the original file: 1-based line and 1-based character column.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pos {
    /// The 1-based line number in the original file.
    pub line: u32,
    /// The 1-based column, counted in Unicode scalar values, in that line.
    pub col: u32,
}

/// A range of the original file, from the first character to just past the last one.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// The line of the first character.
    pub line: u32,
    /// The column of the first character.
    pub col: u32,
    /// The line of the last character.
    pub end_line: u32,
    /// The column just past the last character (exclusive).
    pub end_col: u32,
}

impl Span {
    /// Builds a span that covers the characters from `start` to `last`, both included.
    pub fn covering(start: Pos, last: Pos) -> Self {
        Span {
            line: start.line,
            col: start.col,
            end_line: last.line,
            end_col: last.col + 1,
        }
    }

    /// Builds an empty span at a line and column, for findings about a place rather than a range.
    pub fn point(line: u32, col: u32) -> Self {
        Span {
            line,
            col,
            end_line: line,
            end_col: col,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Context worth knowing, such as a detected encoding; never a problem.
    Info,
    /// Something was read but may be wrong or incomplete: an unknown department, a doubtful name.
    Warning,
    /// Something could not be read at all; the document may be incomplete.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What a diagnostic is about: a stable, kebab-case code that scripts can filter on.
///
/// The README lists every code with its meaning (a test keeps the list and
/// this enum equal). New codes may be added, so matches need a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// The bytes were not UTF-8 and were decoded another way (or lossily).
    Encoding,
    /// An HTML page holds no text.
    EmptyHtml,
    /// No 会议纪要 title line before the opening paragraph.
    MissingTitle,
    /// A line was not understood where it stands and was skipped.
    UnrecognisedLine,
    /// Agenda items start without a 会议议定以下意见 line.
    MissingMarker,
    /// A sub-point or item number out of sequence.
    Numbering,
    /// A sub-point before any agenda item, ignored.
    OrphanPoint,
    /// No agenda item found.
    MissingItems,
    /// An expected attendance section (出席, 列席 …) is missing.
    MissingSection,
    /// A date that is not a valid calendar date.
    BadDate,
    /// A meeting date without a year that could not be completed.
    MissingYear,
    /// The meeting date was completed from the page's publication date.
    InferredDate,
    /// The issuer was inferred from departments' full names.
    InferredIssuer,
    /// No document number.
    MissingDocNumber,
    /// No chair found.
    MissingChair,
    /// No meeting ordinal (第…次) found.
    MissingOrdinal,
    /// No opening paragraph naming the meeting.
    MissingOpening,
    /// An organisation that is not in the gazetteer, kept as written.
    UnknownOrg,
    /// Text in a list that does not read as titles and names, skipped.
    NotAName,
    /// A name that does not start with a known surname.
    DoubtfulName,
    /// One person listed under two organisations at one meeting.
    PersonTwoOrgs,
    /// One organisation represented by two people at one meeting.
    OrgTwoPeople,
}

impl Code {
    /// Every code, in the order of the pipeline (load, parse, extract).
    pub const ALL: [Code; 22] = [
        Code::Encoding,
        Code::EmptyHtml,
        Code::MissingTitle,
        Code::UnrecognisedLine,
        Code::MissingMarker,
        Code::Numbering,
        Code::OrphanPoint,
        Code::MissingItems,
        Code::MissingSection,
        Code::BadDate,
        Code::MissingYear,
        Code::InferredDate,
        Code::InferredIssuer,
        Code::MissingDocNumber,
        Code::MissingChair,
        Code::MissingOrdinal,
        Code::MissingOpening,
        Code::UnknownOrg,
        Code::NotAName,
        Code::DoubtfulName,
        Code::PersonTwoOrgs,
        Code::OrgTwoPeople,
    ];

    /// Returns the kebab-case code, such as `unknown-org`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Encoding => "encoding",
            Code::EmptyHtml => "empty-html",
            Code::MissingTitle => "missing-title",
            Code::UnrecognisedLine => "unrecognised-line",
            Code::MissingMarker => "missing-marker",
            Code::Numbering => "numbering",
            Code::OrphanPoint => "orphan-point",
            Code::MissingItems => "missing-items",
            Code::MissingSection => "missing-section",
            Code::BadDate => "bad-date",
            Code::MissingYear => "missing-year",
            Code::InferredDate => "inferred-date",
            Code::InferredIssuer => "inferred-issuer",
            Code::MissingDocNumber => "missing-doc-number",
            Code::MissingChair => "missing-chair",
            Code::MissingOrdinal => "missing-ordinal",
            Code::MissingOpening => "missing-opening",
            Code::UnknownOrg => "unknown-org",
            Code::NotAName => "not-a-name",
            Code::DoubtfulName => "doubtful-name",
            Code::PersonTwoOrgs => "person-two-orgs",
            Code::OrgTwoPeople => "org-two-people",
        }
    }

    /// Parses a kebab-case code.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding about one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file the finding is about, as the user named it.
    pub file: String,
    /// How serious it is.
    pub severity: Severity,
    /// What it is about: a stable code, such as `unknown-org`, that scripts can filter on.
    pub code: Code,
    /// A sentence for people.
    pub message: String,
    /// Where in the original file.
    pub span: Span,
}

impl Diagnostic {
    /// Builds a diagnostic.
    pub fn new(
        file: impl Into<String>,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            severity,
            code,
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.span.line, self.span.col, self.severity, self.code, self.message
        )
    }
}

/// Collects diagnostics for one file, so that each stage need not repeat the file name.
#[derive(Clone, Debug, Default)]
pub struct Sink {
    file: String,
    items: Vec<Diagnostic>,
}

impl Sink {
    /// Starts an empty collection for `file`.
    pub fn new(file: &str) -> Self {
        Sink {
            file: file.to_owned(),
            items: Vec::new(),
        }
    }

    /// Records an informational note.
    pub fn info(&mut self, code: Code, message: impl Into<String>, span: Span) {
        self.push(Severity::Info, code, message, span);
    }

    /// Records a warning.
    pub fn warn(&mut self, code: Code, message: impl Into<String>, span: Span) {
        self.push(Severity::Warning, code, message, span);
    }

    /// Records an error.
    pub fn error(&mut self, code: Code, message: impl Into<String>, span: Span) {
        self.push(Severity::Error, code, message, span);
    }

    fn push(&mut self, severity: Severity, code: Code, message: impl Into<String>, span: Span) {
        self.items.push(Diagnostic::new(
            self.file.clone(),
            severity,
            code,
            message,
            span,
        ));
    }

    /// Appends diagnostics gathered elsewhere.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Returns the diagnostics in the order they were found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}
