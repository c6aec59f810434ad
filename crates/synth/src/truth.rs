//! The rows of the truth tables: what a generated meeting should be read as.
//!
//! Each truth table starts with the leading columns of the extractor's table
//! of the same name ([`jiyao_core::table`]), with the same names and the same
//! cell format, then adds what only the generator knows (how the file was
//! rendered, a stable person id). [`write_corpus`](crate::write_corpus) writes
//! them and [`eval`](crate::eval) reads them back.
//!
//! ```
//! use jiyao_core::table::header;
//! use jiyao_synth::truth::TopicTruth;
//! assert_eq!(header::<TopicTruth>(), &["doc", "meeting", "item", "topic"]);
//! ```

use jiyao_core::date::Date;
use jiyao_core::extract::{Level, Role};
use serde::{Deserialize, Serialize};

/// One row of `truth/meetings.csv`: the extractor's leading columns, then the issuer and how the file was rendered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingTruth {
    /// The file name.
    pub doc: String,
    /// The document number as written.
    pub doc_number: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The meeting date (none when the page does not give it).
    pub date: Option<Date>,
    /// 上午 or 下午.
    pub half_day: String,
    /// The chair's name.
    pub chair: String,
    /// The chair's title.
    pub chair_title: String,
    /// The compilation date (none for a page that gives none).
    pub compiled: Option<Date>,
    /// The issue date (none for a page that gives none).
    pub issued: Option<Date>,
    /// The issuing body.
    pub issuer: String,
    /// The page layout the file was rendered in.
    #[serde(default)]
    pub layout: String,
    /// How the file was delivered (encoding, HTML …).
    #[serde(default)]
    pub delivery: String,
    /// The form the meeting is published in ([`Form::as_str`](crate::forms::Form::as_str)): sectioned, prose, report …
    #[serde(default)]
    pub form: String,
    /// The level of the issuing government (`city`, `district`, `county`; a county-level city is a city), as the extractor's `level` column reads it.
    #[serde(default)]
    pub level: Option<Level>,
    /// What kind of government issued the record, for `eval --by government`: a prefecture-level city, a district, a county or a county-level city.
    #[serde(default)]
    pub government: Option<Government>,
}

/// The kind of government a generated meeting is the record of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Government {
    /// A prefecture-level city (苏州市人民政府).
    City,
    /// A city's district (锡山区人民政府).
    District,
    /// A county (长兴县人民政府).
    County,
    /// A county-level city (江阴市人民政府), whose level the extractor reads as `city`.
    CountyCity,
}

/// One row of `truth/attendance.csv`: the extractor's leading columns, then a stable person id that tells homonyms apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceTruth {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The meeting date (none when the page does not give it).
    pub date: Option<Date>,
    /// The role.
    pub role: Role,
    /// The organisation as written (empty when the record names none).
    pub org: String,
    /// The organisation's canonical name (empty when none).
    pub org_name: String,
    /// The person (empty for an unnamed representative).
    pub person: String,
    /// The person's stable id (empty for an unnamed representative).
    #[serde(default)]
    pub person_id: String,
}

/// One row of `truth/documents.csv`: the extractor's leading columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentTruth {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The agenda item.
    pub item: Option<u32>,
    /// The exact title.
    pub title: String,
    /// The lead department as written (empty when none).
    pub lead_org: String,
    /// The next step (empty when none).
    pub next_step: String,
}

/// One row of `truth/topics.csv`: the extractor's leading columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicTruth {
    /// The file name.
    pub doc: String,
    /// The meeting's ordinal.
    pub meeting: Option<u32>,
    /// The agenda item.
    pub item: u32,
    /// The topic's preferred label.
    pub topic: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiyao_core::table::{header, AttendanceRow, DocumentRow, MeetingRow, TopicRow};

    #[test]
    fn truth_headers_start_with_the_extractor_columns() {
        let pairs = [
            (header::<MeetingTruth>(), header::<MeetingRow>(), 10),
            (header::<AttendanceTruth>(), header::<AttendanceRow>(), 7),
            (header::<DocumentTruth>(), header::<DocumentRow>(), 6),
            (header::<TopicTruth>(), header::<TopicRow>(), 4),
        ];
        for (truth, table, n) in pairs {
            assert_eq!(&truth[..n], &table[..n], "{truth:?}");
        }
        assert_eq!(
            &header::<MeetingTruth>()[10..],
            &["layout", "delivery", "form", "level", "government"]
        );
        assert_eq!(header::<AttendanceTruth>()[7], "person_id");
    }
}
