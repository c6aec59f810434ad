//! Records to flat tables: one row per record, with the leading columns the documentation promises.
//!
//! Each [`TableKind`] has a fixed header; the first columns are a stable
//! contract (scripts index them), later columns may grow. Cells are strings;
//! a missing value is an empty cell.
//!
//! ```
//! use jiyao_core::table::TableKind;
//! assert_eq!(&TableKind::Attendance.header()[..8], &["doc", "meeting", "date", "role", "org", "org_name", "person", "line"]);
//! ```

use crate::extract::Extraction;

/// The tables `jiyao extract --table` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// One row per attendance record.
    Attendance,
    /// One row per meeting.
    Meetings,
    /// One row per agenda item.
    Items,
    /// One row per policy document.
    Documents,
    /// One row per topic link.
    Topics,
    /// One row per department named as responsible in an agenda item.
    Departments,
    /// One row per diagnostic.
    Diagnostics,
}

impl TableKind {
    /// Every table, in documentation order.
    pub const ALL: [TableKind; 7] = [
        TableKind::Attendance,
        TableKind::Meetings,
        TableKind::Items,
        TableKind::Documents,
        TableKind::Topics,
        TableKind::Departments,
        TableKind::Diagnostics,
    ];

    /// Returns the table's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Attendance => "attendance",
            TableKind::Meetings => "meetings",
            TableKind::Items => "items",
            TableKind::Documents => "documents",
            TableKind::Topics => "topics",
            TableKind::Departments => "departments",
            TableKind::Diagnostics => "diagnostics",
        }
    }

    /// Parses a table name.
    pub fn parse(s: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|t| t.name() == s)
    }

    /// Returns the header row.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            TableKind::Attendance => &[
                "doc",
                "meeting",
                "date",
                "role",
                "org",
                "org_name",
                "person",
                "line",
                "col",
                "org_kind",
                "note",
                "doc_number",
            ],
            TableKind::Meetings => &[
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
                "year",
                "number",
                "published",
                "compiled_by",
                "issued_by",
                "distribution",
                "line",
            ],
            TableKind::Items => &[
                "doc", "meeting", "item", "action", "heading", "actions", "points", "line",
            ],
            TableKind::Documents => &[
                "doc",
                "meeting",
                "item",
                "title",
                "lead_org",
                "next_step",
                "decision",
                "co_leads",
                "lead_org_name",
                "kind",
                "status",
                "aliases",
                "cited",
                "line",
                "evidence",
            ],
            TableKind::Topics => &[
                "doc", "meeting", "item", "topic", "topic_id", "matched", "line", "col", "evidence",
            ],
            TableKind::Departments => &[
                "doc", "meeting", "item", "point", "role", "org", "org_name", "line",
            ],
            TableKind::Diagnostics => &["doc", "line", "col", "severity", "code", "message"],
        }
    }

    /// Returns the rows of one extraction.
    pub fn rows(self, x: &Extraction) -> Vec<Vec<String>> {
        let doc = || x.file.clone();
        let meeting = || opt(x.meeting.ordinal);
        let date = || x.meeting.date.clone().unwrap_or_default();
        match self {
            TableKind::Attendance => x
                .attendance
                .iter()
                .map(|a| {
                    vec![
                        doc(),
                        meeting(),
                        date(),
                        a.role.as_str().to_owned(),
                        a.org
                            .as_ref()
                            .map(|o| o.written.clone())
                            .unwrap_or_default(),
                        a.org
                            .as_ref()
                            .and_then(|o| o.canonical.clone())
                            .unwrap_or_default(),
                        a.person.clone().unwrap_or_default(),
                        a.span.line.to_string(),
                        a.span.col.to_string(),
                        a.org
                            .as_ref()
                            .map(|o| o.kind.as_str().to_owned())
                            .unwrap_or_default(),
                        a.note.clone().unwrap_or_default(),
                        x.meeting.doc_number.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            TableKind::Meetings => {
                let m = &x.meeting;
                vec![vec![
                    doc(),
                    m.doc_number.clone().unwrap_or_default(),
                    meeting(),
                    date(),
                    m.half_day.clone().unwrap_or_default(),
                    m.chair.clone().unwrap_or_default(),
                    m.chair_title.clone().unwrap_or_default(),
                    m.compiled.clone().unwrap_or_default(),
                    m.issued.clone().unwrap_or_default(),
                    m.issuer.clone().unwrap_or_default(),
                    opt(m.year),
                    opt(m.number),
                    opt(m.published),
                    m.compiled_by.clone().unwrap_or_default(),
                    m.issued_by.clone().unwrap_or_default(),
                    m.distribution.join("|"),
                    m.span.line.to_string(),
                ]]
            }
            TableKind::Items => x
                .items
                .iter()
                .map(|i| {
                    vec![
                        doc(),
                        meeting(),
                        i.ordinal.to_string(),
                        i.action.clone().unwrap_or_default(),
                        i.heading.clone(),
                        i.actions.join("|"),
                        i.points.len().to_string(),
                        i.span.line.to_string(),
                    ]
                })
                .collect(),
            TableKind::Documents => x
                .documents
                .iter()
                .map(|d| {
                    vec![
                        doc(),
                        meeting(),
                        opt(d.item),
                        d.title.clone(),
                        d.lead
                            .as_ref()
                            .map(|o| o.written.clone())
                            .unwrap_or_default(),
                        d.next_step.clone().unwrap_or_default(),
                        d.decision.clone().unwrap_or_default(),
                        d.co_leads
                            .iter()
                            .map(|o| o.written.as_str())
                            .collect::<Vec<_>>()
                            .join("|"),
                        d.lead
                            .as_ref()
                            .and_then(|o| o.canonical.clone())
                            .unwrap_or_default(),
                        d.kind.clone().unwrap_or_default(),
                        d.status.clone().unwrap_or_default(),
                        d.aliases.join("|"),
                        d.cited.to_string(),
                        d.span.line.to_string(),
                        d.evidence.clone(),
                    ]
                })
                .collect(),
            TableKind::Topics => x
                .topics
                .iter()
                .map(|t| {
                    vec![
                        doc(),
                        meeting(),
                        t.item.to_string(),
                        t.topic.clone(),
                        t.topic_id.clone(),
                        t.matched.clone(),
                        t.span.line.to_string(),
                        t.span.col.to_string(),
                        t.evidence.clone(),
                    ]
                })
                .collect(),
            TableKind::Departments => x
                .items
                .iter()
                .flat_map(|i| {
                    i.departments.iter().map(move |d| {
                        vec![
                            doc(),
                            meeting(),
                            i.ordinal.to_string(),
                            d.point.to_string(),
                            d.role.as_str().to_owned(),
                            d.org.written.clone(),
                            d.org.canonical.clone().unwrap_or_default(),
                            d.span.line.to_string(),
                        ]
                    })
                })
                .collect(),
            TableKind::Diagnostics => x
                .diagnostics
                .iter()
                .map(|d| {
                    vec![
                        d.file.clone(),
                        d.span.line.to_string(),
                        d.span.col.to_string(),
                        d.severity.to_string(),
                        d.code.clone(),
                        d.message.clone(),
                    ]
                })
                .collect(),
        }
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}
