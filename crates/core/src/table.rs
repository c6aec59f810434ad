//! Records to flat tables: one typed row per record, with the leading columns the documentation promises.
//!
//! Each table has one row type ([`AttendanceRow`], [`MeetingRow`], [`ItemRow`],
//! [`DocumentRow`], [`TopicRow`], [`DepartmentRow`], [`DiagnosticRow`]) that
//! derives `Serialize` and `Deserialize`: `jiyao extract --table` writes it,
//! the tests and the evaluation read it, and its fields, in order, are the
//! table's header. The first columns are a stable contract (scripts index
//! them), later columns may grow. A missing value is an empty cell in CSV and
//! `null` in JSON; numbers stay numbers; lists are joined with `|` (see
//! [`joined`]).
//!
//! ```
//! use jiyao_core::table::{AttendanceRow, TableKind};
//! assert_eq!(&TableKind::Attendance.header()[..8], &["doc", "meeting", "date", "role", "org", "org_name", "person", "line"]);
//! let row: AttendanceRow = csv::ReaderBuilder::new()
//!     .has_headers(false)
//!     .from_reader("a.txt,115,2020-11-02,attending,市工信局,苏州市工业和信息化局,蔡剑峰,70,1,government_department,,〔2020〕36号,".as_bytes())
//!     .deserialize()
//!     .next()
//!     .unwrap()
//!     .unwrap();
//! assert_eq!((row.meeting, row.person.as_deref(), row.line), (Some(115), Some("蔡剑峰"), 70));
//! ```

use crate::date::Date;
use crate::diag::{Code, Severity};
use crate::extract::{DeptRole, Extraction, Level, Role, SourceKind};
use crate::parse::Form;
use crate::resolve::OrgKind;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Why a table could not be written or projected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// A column asked for is not in the table's header.
    #[error("no column {column:?} among {}", .header.join(","))]
    UnknownColumn {
        /// The column asked for.
        column: String,
        /// The table's header.
        header: &'static [&'static str],
    },
    /// A row could not be written or read as CSV.
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

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

    /// Returns the header row: the field names of the table's row type, in order.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            TableKind::Attendance => header::<AttendanceRow>(),
            TableKind::Meetings => header::<MeetingRow>(),
            TableKind::Items => header::<ItemRow>(),
            TableKind::Documents => header::<DocumentRow>(),
            TableKind::Topics => header::<TopicRow>(),
            TableKind::Departments => header::<DepartmentRow>(),
            TableKind::Diagnostics => header::<DiagnosticRow>(),
        }
    }

    /// Writes the rows of the extractions to a CSV writer, without the header (see [`TableKind::header`]).
    pub fn write<W: std::io::Write>(
        self,
        xs: &[Extraction],
        w: &mut csv::Writer<W>,
    ) -> Result<(), TableError> {
        fn rows<R: Row, W: std::io::Write>(
            xs: &[Extraction],
            w: &mut csv::Writer<W>,
        ) -> Result<(), TableError> {
            for x in xs {
                for r in R::of(x) {
                    w.serialize(r)?;
                }
            }
            Ok(())
        }
        match self {
            TableKind::Attendance => rows::<AttendanceRow, W>(xs, w),
            TableKind::Meetings => rows::<MeetingRow, W>(xs, w),
            TableKind::Items => rows::<ItemRow, W>(xs, w),
            TableKind::Documents => rows::<DocumentRow, W>(xs, w),
            TableKind::Topics => rows::<TopicRow, W>(xs, w),
            TableKind::Departments => rows::<DepartmentRow, W>(xs, w),
            TableKind::Diagnostics => rows::<DiagnosticRow, W>(xs, w),
        }
    }

    /// Returns the named columns of the table's rows of one extraction, as CSV cells.
    pub fn project(self, x: &Extraction, columns: &[&str]) -> Result<Vec<Vec<String>>, TableError> {
        match self {
            TableKind::Attendance => project(&AttendanceRow::of(x), columns),
            TableKind::Meetings => project(&MeetingRow::of(x), columns),
            TableKind::Items => project(&ItemRow::of(x), columns),
            TableKind::Documents => project(&DocumentRow::of(x), columns),
            TableKind::Topics => project(&TopicRow::of(x), columns),
            TableKind::Departments => project(&DepartmentRow::of(x), columns),
            TableKind::Diagnostics => project(&DiagnosticRow::of(x), columns),
        }
    }
}

/// A row type of a table: built from an extraction, written and read with serde.
pub trait Row: Serialize + DeserializeOwned {
    /// The table the rows belong to.
    const KIND: TableKind;
    /// Returns the rows of one extraction, in document order.
    fn of(x: &Extraction) -> Vec<Self>;
}

/// One attendance record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The meeting date (2020-11-02).
    pub date: Option<Date>,
    /// The role.
    pub role: Role,
    /// The organisation as written.
    pub org: Option<String>,
    /// The organisation's canonical name, when the gazetteer knows it.
    pub org_name: Option<String>,
    /// The person, absent for an unnamed representative.
    pub person: Option<String>,
    /// The line of the record.
    pub line: u32,
    /// The column of the record.
    pub col: u32,
    /// The organisation's kind.
    pub org_kind: Option<OrgKind>,
    /// A parenthetical note written after the record.
    pub note: Option<String>,
    /// The minutes' document number.
    pub doc_number: Option<String>,
    /// The person's title as written (副区长, 区委副书记、区长).
    pub title: Option<String>,
}

impl Row for AttendanceRow {
    const KIND: TableKind = TableKind::Attendance;
    fn of(x: &Extraction) -> Vec<Self> {
        x.attendance
            .iter()
            .map(|a| AttendanceRow {
                doc: x.file.clone(),
                meeting: x.meeting.ordinal,
                date: x.meeting.date,
                role: a.role,
                org: a.org.as_ref().map(|o| o.written.clone()),
                org_name: a.org.as_ref().and_then(|o| o.canonical.clone()),
                person: a.person.clone(),
                line: a.span.line,
                col: a.span.col,
                org_kind: a.org.as_ref().map(|o| o.kind),
                note: a.note.clone(),
                doc_number: x.meeting.doc_number.clone(),
                title: a.title.clone(),
            })
            .collect()
    }
}

/// One meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRow {
    /// The file name.
    pub doc: String,
    /// The document number as written.
    pub doc_number: Option<String>,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The meeting date (2020-11-02).
    pub date: Option<Date>,
    /// 上午 or 下午, as written.
    pub half_day: Option<String>,
    /// The chair's name.
    pub chair: Option<String>,
    /// The chair's title.
    pub chair_title: Option<String>,
    /// The compilation date.
    pub compiled: Option<Date>,
    /// The issue date.
    pub issued: Option<Date>,
    /// The issuing body.
    pub issuer: Option<String>,
    /// The year of the document number.
    pub year: Option<u32>,
    /// The serial number of the document number.
    pub number: Option<u32>,
    /// Whether the minutes say they are published.
    pub published: Option<bool>,
    /// The office that compiled the minutes.
    pub compiled_by: Option<String>,
    /// The office that issued them.
    pub issued_by: Option<String>,
    /// The recipients of the distribution list.
    #[serde(with = "joined")]
    pub distribution: Vec<String>,
    /// The line of the opening paragraph.
    pub line: u32,
    /// `minutes` or `report`.
    pub kind: SourceKind,
    /// `sectioned`, `prose` or `report`.
    pub form: Form,
    /// The level of the issuing government: `city`, `district` or `county`.
    pub level: Option<Level>,
    /// The government's term (届) the ordinal counts within.
    pub term: Option<u32>,
    /// Another meeting held together with this one.
    pub combined: Option<String>,
    /// The page's publication date.
    pub page_date: Option<Date>,
    /// The facts inferred rather than read (`issuer`, `date`), each with its diagnostic.
    #[serde(with = "joined")]
    pub inferred: Vec<String>,
}

impl Row for MeetingRow {
    const KIND: TableKind = TableKind::Meetings;
    fn of(x: &Extraction) -> Vec<Self> {
        let m = &x.meeting;
        vec![MeetingRow {
            doc: x.file.clone(),
            doc_number: m.doc_number.clone(),
            meeting: m.ordinal,
            date: m.date,
            half_day: m.half_day.clone(),
            chair: m.chair.clone(),
            chair_title: m.chair_title.clone(),
            compiled: m.compiled,
            issued: m.issued,
            issuer: m.issuer.clone(),
            year: m.year,
            number: m.number,
            published: m.published,
            compiled_by: m.compiled_by.clone(),
            issued_by: m.issued_by.clone(),
            distribution: m.distribution.clone(),
            line: m.span.line,
            kind: m.kind,
            form: m.form,
            level: m.level,
            term: m.term,
            combined: m.combined.clone(),
            page_date: m.page_date,
            inferred: m.inferred.iter().map(|i| i.as_str().to_owned()).collect(),
        }]
    }
}

/// One agenda item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The item's ordinal.
    pub item: u32,
    /// The first action verb of the heading.
    pub action: Option<String>,
    /// The heading.
    pub heading: String,
    /// Every action verb of the heading.
    #[serde(with = "joined")]
    pub actions: Vec<String>,
    /// The number of sub-points.
    pub points: usize,
    /// The line of the heading.
    pub line: u32,
}

impl Row for ItemRow {
    const KIND: TableKind = TableKind::Items;
    fn of(x: &Extraction) -> Vec<Self> {
        x.items
            .iter()
            .map(|i| ItemRow {
                doc: x.file.clone(),
                meeting: x.meeting.ordinal,
                item: i.ordinal,
                action: i.action.clone(),
                heading: i.heading.clone(),
                actions: i.actions.clone(),
                points: i.points.len(),
                line: i.span.line,
            })
            .collect()
    }
}

/// One policy document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRow {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The agenda item of the first mention.
    pub item: Option<u32>,
    /// The exact title.
    pub title: String,
    /// The lead department as written.
    pub lead_org: Option<String>,
    /// The next step.
    pub next_step: Option<String>,
    /// What the meeting decided.
    pub decision: Option<String>,
    /// The departments that join the lead, as written.
    #[serde(with = "joined")]
    pub co_leads: Vec<String>,
    /// The lead department's canonical name.
    pub lead_org_name: Option<String>,
    /// The document's type by title suffix.
    pub kind: Option<String>,
    /// 草案 or 试行.
    pub status: Option<String>,
    /// Short names defined for it.
    #[serde(with = "joined")]
    pub aliases: Vec<String>,
    /// True when the meeting only cited it.
    pub cited: bool,
    /// The line of the first mention.
    pub line: u32,
    /// The sentence that carries the decision, or the first mention.
    pub evidence: String,
    /// True when the meeting studied it (会前学习《…》): neither reviewed nor decided.
    pub studied: bool,
}

impl Row for DocumentRow {
    const KIND: TableKind = TableKind::Documents;
    fn of(x: &Extraction) -> Vec<Self> {
        x.documents
            .iter()
            .map(|d| DocumentRow {
                doc: x.file.clone(),
                meeting: x.meeting.ordinal,
                item: d.item,
                title: d.title.clone(),
                lead_org: d.lead.as_ref().map(|o| o.written.clone()),
                next_step: d.next_step.clone(),
                decision: d.decision.clone(),
                co_leads: d.co_leads.iter().map(|o| o.written.clone()).collect(),
                lead_org_name: d.lead.as_ref().and_then(|o| o.canonical.clone()),
                kind: d.kind.clone(),
                status: d.status.clone(),
                aliases: d.aliases.clone(),
                cited: d.cited,
                line: d.span.line,
                evidence: d.evidence.clone(),
                studied: d.studied,
            })
            .collect()
    }
}

/// One topic link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRow {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The agenda item.
    pub item: u32,
    /// The topic's preferred label.
    pub topic: String,
    /// The topic's id in the scheme.
    pub topic_id: String,
    /// The label or keyword that matched.
    pub matched: String,
    /// The line of the first match.
    pub line: u32,
    /// The column of the first match.
    pub col: u32,
    /// The sentence holding the first match.
    pub evidence: String,
}

impl Row for TopicRow {
    const KIND: TableKind = TableKind::Topics;
    fn of(x: &Extraction) -> Vec<Self> {
        x.topics
            .iter()
            .map(|t| TopicRow {
                doc: x.file.clone(),
                meeting: x.meeting.ordinal,
                item: t.item,
                topic: t.topic.clone(),
                topic_id: t.topic_id.clone(),
                matched: t.matched.clone(),
                line: t.span.line,
                col: t.span.col,
                evidence: t.evidence.clone(),
            })
            .collect()
    }
}

/// One department an agenda item makes responsible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The agenda item.
    pub item: u32,
    /// The sub-point it is named in (0 for the heading or intro).
    pub point: u32,
    /// Its part.
    pub role: DeptRole,
    /// The organisation as written.
    pub org: String,
    /// The organisation's canonical name.
    pub org_name: Option<String>,
    /// The line of the mention.
    pub line: u32,
}

impl Row for DepartmentRow {
    const KIND: TableKind = TableKind::Departments;
    fn of(x: &Extraction) -> Vec<Self> {
        x.items
            .iter()
            .flat_map(|i| {
                i.departments.iter().map(move |d| DepartmentRow {
                    doc: x.file.clone(),
                    meeting: x.meeting.ordinal,
                    item: i.ordinal,
                    point: d.point,
                    role: d.role,
                    org: d.org.written.clone(),
                    org_name: d.org.canonical.clone(),
                    line: d.span.line,
                })
            })
            .collect()
    }
}

/// One diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticRow {
    /// The file name.
    pub doc: String,
    /// The line.
    pub line: u32,
    /// The column.
    pub col: u32,
    /// How serious it is.
    pub severity: Severity,
    /// The diagnostic's code.
    pub code: Code,
    /// The message.
    pub message: String,
}

impl Row for DiagnosticRow {
    const KIND: TableKind = TableKind::Diagnostics;
    fn of(x: &Extraction) -> Vec<Self> {
        x.diagnostics
            .iter()
            .map(|d| DiagnosticRow {
                doc: d.file.clone(),
                line: d.span.line,
                col: d.span.col,
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
            })
            .collect()
    }
}

/// Returns the field names of a row type, in order: its table's header.
///
/// The names are read from the type's `Deserialize` implementation, so the
/// header can never disagree with the rows.
pub fn header<R: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    struct Fields<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Fields<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    // The deserializer always fails: it only records the names it is asked for.
    let _ = R::deserialize(Fields(&mut fields));
    fields
}

/// Returns the named columns of typed rows as the cells CSV would print.
pub fn project<R: Serialize + DeserializeOwned>(
    rows: &[R],
    columns: &[&str],
) -> Result<Vec<Vec<String>>, TableError> {
    let header = header::<R>();
    let idx = columns
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h == c)
                .ok_or_else(|| TableError::UnknownColumn {
                    column: (*c).to_owned(),
                    header,
                })
        })
        .collect::<Result<Vec<usize>, _>>()?;
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in rows {
        w.serialize(r)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    let mut out = Vec::with_capacity(rows.len());
    for rec in csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[..])
        .records()
    {
        let rec = rec?;
        out.push(
            idx.iter()
                .map(|&i| rec.get(i).unwrap_or_default().to_owned())
                .collect(),
        );
    }
    Ok(out)
}

/// A list written as one cell, its items joined with `|` (an empty cell is an empty list).
pub mod joined {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the items joined with `|`.
    pub fn serialize<S: Serializer>(items: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&items.join("|"))
    }

    /// Reads a cell of items joined with `|`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let s = String::deserialize(d)?;
        Ok(if s.is_empty() {
            Vec::new()
        } else {
            s.split('|').map(str::to_owned).collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<R: Row + PartialEq + std::fmt::Debug>(line: &str) {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let row: R = r.deserialize().next().unwrap().unwrap();
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        w.serialize(&row).unwrap();
        let back = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(back.trim_end(), line, "{}", R::KIND.name());
    }

    #[test]
    fn headers_are_the_field_names() {
        assert_eq!(
            TableKind::Meetings.header(),
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
                "year",
                "number",
                "published",
                "compiled_by",
                "issued_by",
                "distribution",
                "line",
                "kind",
                "form",
                "level",
                "term",
                "combined",
                "page_date",
                "inferred",
            ]
        );
        assert_eq!(
            TableKind::Diagnostics.header(),
            &["doc", "line", "col", "severity", "code", "message"]
        );
        for kind in TableKind::ALL {
            assert!(kind.header().len() >= 6, "{}", kind.name());
            assert_eq!(kind.header()[0], "doc");
        }
    }

    #[test]
    fn rows_read_back_as_written() {
        round_trip::<AttendanceRow>(
            "a.txt,115,2020-11-02,attending,市工信局,苏州市工业和信息化局,蔡剑峰,70,1,government_department,,〔2020〕36号,",
        );
        round_trip::<AttendanceRow>("a.txt,,,representative,市残联,,,3,5,unknown,请假,,");
        round_trip::<AttendanceRow>("a.txt,21,,present,,,白玉兰,3,5,,,,区委常委、副区长");
        round_trip::<MeetingRow>(
            "a.txt,〔2020〕36号,115,2020-11-02,上午,李亚平,市长,2020-11-16,2020-11-16,苏州市人民政府,2020,36,true,办公室,办公室,甲|乙,9,minutes,sectioned,city,,,,",
        );
        round_trip::<MeetingRow>(
            "a.txt,,104,,下午,白玉兰,区委常委、副区长,,,青岚区人民政府,,,,,,,7,report,report,district,5,区政府党组（扩大）会议,2024-09-20,issuer|date",
        );
        round_trip::<ItemRow>("a.txt,115,1,听取,听取汇报,听取|部署,4,13");
        round_trip::<DocumentRow>(
            "a.txt,63,3,政策措施,市工信局,发文实施,原则同意,市司法局|市财政局,,若干政策措施,,简称,false,37,原则同意。,false",
        );
        round_trip::<TopicRow>("a.txt,63,1,安全生产,work-safety,安委办,13,8,句子");
        round_trip::<DepartmentRow>("a.txt,63,1,0,co_lead,市安委办,,15");
        round_trip::<DiagnosticRow>("a.txt,3,1,warning,person-two-orgs,黄戟");
    }

    #[test]
    fn lists_are_joined_with_a_bar() {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        w.serialize(ItemRow {
            doc: "a".into(),
            meeting: None,
            item: 2,
            action: None,
            heading: "h".into(),
            actions: Vec::new(),
            points: 0,
            line: 1,
        })
        .unwrap();
        assert_eq!(w.into_inner().unwrap(), b"a,,2,,h,,0,1\n");
        let json: serde_json::Value = serde_json::from_str(
            r#"{"doc":"a","meeting":7,"item":2,"action":null,"heading":"h","actions":"听取|部署","points":0,"line":70}"#,
        )
        .unwrap();
        let row: ItemRow = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(row.actions, vec!["听取", "部署"]);
        assert_eq!(serde_json::to_value(&row).unwrap(), json);
    }

    #[test]
    fn projecting_an_unknown_column_is_an_error() {
        let err = project::<TopicRow>(&[], &["doc", "nope"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no column \"nope\" among doc,meeting,item,topic,topic_id,matched,line,col,evidence"
        );
    }
}
