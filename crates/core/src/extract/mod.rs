//! Structure to records: the meeting, agenda items, policy documents, topic links and attendance.
//!
//! [`extract`] runs the whole core on one [`Source`]: it parses, then reads
//! records out of the parsed [`Document`] with the curated [`Resources`]. Every
//! record carries the [`Span`] of the text it was read from. The only failure is
//! [`ExtractError::NotMinutes`]; everything else odd becomes a [`Diagnostic`].
//!
//! ```
//! use jiyao_core::{extract::{extract, Role}, load, resolve::Resources};
//! let src = load::decode("a.txt", "苏州市人民政府\n常务会议纪要\n〔2020〕3号\n2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。\n会议议定以下意见：\n一、审议《某某办法》\n（一）原则同意《某某办法》，由市工信局发文实施。\n出席：李亚平 王翔\n列席：市工信局\n蔡剑峰\n记录：栗涛\n".as_bytes()).unwrap();
//! let x = extract(&src, Resources::bundled()).unwrap();
//! assert_eq!(x.meeting.ordinal, Some(86));
//! let r = &x.attendance[3];
//! assert_eq!((r.role, r.org.as_ref().unwrap().written.as_str(), r.person.as_deref()), (Role::Attending, "市工信局", Some("蔡剑峰")));
//! assert_eq!(x.documents[0].next_step.as_deref(), Some("发文实施"));
//! ```

mod attendance;
mod documents;
mod items;
mod meeting;
mod running;
mod topics;

use crate::date::Date;
use crate::diag::{Diagnostic, Sink, Span};
use crate::load::simplify::Script;
use crate::load::{Format, LoadError, Source, TextEncoding};
use crate::parse::{self, Form, Reader, SectionKind};
use crate::resolve::{names, Jurisdiction, OrgKind, Resources};
use serde::{Deserialize, Serialize};

pub use attendance::split_names;

/// Why a source yielded no records.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The text does not look like meeting minutes.
    #[error("{file}: not meeting minutes: {reason}")]
    NotMinutes {
        /// The file.
        file: String,
        /// What was missing.
        reason: String,
    },
}

/// Everything read out of one document.
#[derive(Clone, Debug, Serialize)]
pub struct Extraction {
    /// The file name, as given.
    pub file: String,
    /// The encoding it was decoded from.
    pub encoding: TextEncoding,
    /// Text or HTML.
    pub format: Format,
    /// The script of the page ([`Source::script`](crate::load::Source::script)): on a traditional
    /// page, who is who keys each name by its simplified form.
    pub script: Script,
    /// The meeting.
    pub meeting: Meeting,
    /// The agenda items.
    pub items: Vec<AgendaItem>,
    /// The policy documents, in order of first mention.
    pub documents: Vec<PolicyDocument>,
    /// Topic links, per agenda item.
    pub topics: Vec<TopicLink>,
    /// Attendance records, in document order, chair first.
    pub attendance: Vec<Attendance>,
    /// Everything odd that was seen, with file and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Extraction {
    /// Rewrites every text the records keep as written in simplified characters (`jiyao extract --simplified`).
    ///
    /// Records of a page in traditional script keep its characters by
    /// default; this gives the simplified form of each, character for
    /// character, so every span still points at the same place. Canonical
    /// names, codes and diagnostics are left as they are.
    ///
    /// ```
    /// let src = jiyao_core::load::decode("t.txt", "2024年1月11日上午，區長方志強主持召開區政府第3次常務會議。副區長韓冬出席會議。\n".as_bytes()).unwrap();
    /// let mut x = jiyao_core::extract::extract(&src, jiyao_core::resolve::Resources::bundled()).unwrap();
    /// assert_eq!(x.meeting.chair.as_deref(), Some("方志強"));
    /// x.simplify();
    /// assert_eq!(x.meeting.chair.as_deref(), Some("方志强"));
    /// assert_eq!(x.attendance[1].title.as_deref(), Some("副区长"));
    /// ```
    pub fn simplify(&mut self) {
        use crate::load::simplify::to_simplified;
        let one = |s: &mut String| {
            if !s.is_ascii() {
                *s = to_simplified(s);
            }
        };
        let opt = |s: &mut Option<String>| {
            if let Some(s) = s.as_mut() {
                one(s);
            }
        };
        let org = |o: &mut OrgRef| one(&mut o.written);
        let m = &mut self.meeting;
        for s in [
            &mut m.issuer,
            &mut m.title,
            &mut m.doc_number,
            &mut m.half_day,
            &mut m.chair,
            &mut m.chair_title,
            &mut m.summary,
            &mut m.compiled_by,
            &mut m.issued_by,
            &mut m.combined,
        ] {
            opt(s);
        }
        m.distribution.iter_mut().for_each(one);
        for i in &mut self.items {
            one(&mut i.heading);
            opt(&mut i.action);
            i.actions.iter_mut().for_each(one);
            i.points.iter_mut().for_each(|p| one(&mut p.text));
            i.departments.iter_mut().for_each(|d| org(&mut d.org));
        }
        for d in &mut self.documents {
            one(&mut d.title);
            d.aliases.iter_mut().for_each(one);
            opt(&mut d.kind);
            opt(&mut d.status);
            opt(&mut d.decision);
            d.lead.iter_mut().chain(d.co_leads.iter_mut()).for_each(org);
            opt(&mut d.next_step);
            one(&mut d.evidence);
        }
        for t in &mut self.topics {
            one(&mut t.matched);
            one(&mut t.evidence);
        }
        for a in &mut self.attendance {
            a.org.iter_mut().for_each(org);
            opt(&mut a.person);
            opt(&mut a.title);
            opt(&mut a.note);
        }
    }
}

/// The meeting a set of minutes records.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Meeting {
    /// The issuing body, such as 苏州市人民政府.
    pub issuer: Option<String>,
    /// The title line, such as 常务会议纪要.
    pub title: Option<String>,
    /// The document number as written, such as 〔2020〕36号.
    pub doc_number: Option<String>,
    /// The year of the document number.
    pub year: Option<u32>,
    /// The serial number of the document number.
    pub number: Option<u32>,
    /// The meeting's ordinal (第115次 → 115).
    pub ordinal: Option<u32>,
    /// The meeting date (2020-11-02).
    pub date: Option<Date>,
    /// 上午 or 下午, as written.
    pub half_day: Option<String>,
    /// The chair's name.
    pub chair: Option<String>,
    /// The chair's title, such as 市长.
    pub chair_title: Option<String>,
    /// The opening paragraph.
    pub summary: Option<String>,
    /// The office that compiled the minutes.
    pub compiled_by: Option<String>,
    /// The compilation date.
    pub compiled: Option<Date>,
    /// The office that issued them.
    pub issued_by: Option<String>,
    /// The issue date.
    pub issued: Option<Date>,
    /// Whether the minutes say they are published (此件公开发布): `None` when they do not say.
    pub published: Option<bool>,
    /// The recipients of the distribution list.
    pub distribution: Vec<String>,
    /// Where the opening paragraph is.
    pub span: Span,
    /// Whether the record is minutes (纪要) or a news report of the meeting.
    pub kind: SourceKind,
    /// The form the record is published in (sectioned minutes, prose minutes, report).
    pub form: Form,
    /// The level of the issuing government, when the text shows it.
    pub level: Option<Level>,
    /// The government's term (届) the ordinal counts within (五届104次 → 5).
    pub term: Option<u32>,
    /// Another meeting held together with this one (区政府党组（扩大）会议 in …会议和…常务会议).
    pub combined: Option<String>,
    /// The page's publication date, when the page gives one.
    pub page_date: Option<Date>,
    /// The facts of this record that were inferred rather than read (each with its diagnostic).
    pub inferred: Vec<Inferred>,
}

/// Whether a record is minutes or a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Minutes (会议纪要), sectioned or in prose.
    #[default]
    Minutes,
    /// A news report of the meeting.
    Report,
}

impl SourceKind {
    /// Returns the lowercase name used in tables and the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Minutes => "minutes",
            SourceKind::Report => "report",
        }
    }
}

/// The level of a local government.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A city (市, 州, 盟).
    City,
    /// A district (区).
    District,
    /// A county (县, 旗).
    County,
}

impl Level {
    /// Returns the lowercase name used in tables and the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::District => "district",
            Level::County => "county",
        }
    }
}

/// A fact of the meeting that was inferred, not read; its diagnostic says from what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Inferred {
    /// The issuer, from departments' full names (diagnostic `inferred-issuer`).
    Issuer,
    /// The date's year or month, from the page's publication date (diagnostic `inferred-date`).
    Date,
}

impl Inferred {
    /// Returns the lowercase name used in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Inferred::Issuer => "issuer",
            Inferred::Date => "date",
        }
    }

    /// Returns the code of the diagnostic that explains the inference.
    pub fn code(self) -> crate::diag::Code {
        match self {
            Inferred::Issuer => crate::diag::Code::InferredIssuer,
            Inferred::Date => crate::diag::Code::InferredDate,
        }
    }
}

/// An organisation as a record names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrgRef {
    /// Exactly as written (line breaks and markup removed).
    pub written: String,
    /// The canonical full name from the gazetteer, if known.
    pub canonical: Option<String>,
    /// Its kind; `unknown` when not in the gazetteer.
    pub kind: OrgKind,
    /// The level (省, 市, 区, 县) a form written without one takes from the
    /// list it is in: 气象局 in 市财政局、气象局 is the 市气象局. Only for naming
    /// it; not a record's field.
    #[serde(skip)]
    pub(crate) level: Option<char>,
}

impl OrgRef {
    /// Returns the canonical name, or the written one when the gazetteer does not know it.
    pub fn name(&self) -> &str {
        self.canonical.as_deref().unwrap_or(&self.written)
    }
}

/// One agenda item.
#[derive(Clone, Debug, Serialize)]
pub struct AgendaItem {
    /// Its 1-based ordinal.
    pub ordinal: u32,
    /// The heading, rejoined.
    pub heading: String,
    /// The first action verb of the heading (审议, 听取, 研究 …).
    pub action: Option<String>,
    /// Every action verb of the heading, in order.
    pub actions: Vec<String>,
    /// The sub-points.
    pub points: Vec<SubPoint>,
    /// Departments the item's text makes responsible.
    pub departments: Vec<DeptMention>,
    /// Where the heading is.
    pub span: Span,
}

/// One sub-point of an agenda item.
#[derive(Clone, Debug, Serialize)]
pub struct SubPoint {
    /// Its 1-based ordinal.
    pub ordinal: u32,
    /// Its text, rejoined.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// The part a department plays in an agenda item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeptRole {
    /// 由X… or 请X…: X leads the follow-up.
    Lead,
    /// 由X会同Y… or 由X会Y…: Y joins.
    CoLead,
    /// 原则同意X关于…的汇报: X reported.
    Reporter,
    /// X要…: X is given a task.
    Tasked,
}

impl DeptRole {
    /// Returns the snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeptRole::Lead => "lead",
            DeptRole::CoLead => "co_lead",
            DeptRole::Reporter => "reporter",
            DeptRole::Tasked => "tasked",
        }
    }
}

/// A department named by an agenda item, with its part.
#[derive(Clone, Debug, Serialize)]
pub struct DeptMention {
    /// Its part.
    pub role: DeptRole,
    /// The organisation.
    pub org: OrgRef,
    /// The sub-point it is named in (0 for the heading or intro).
    pub point: u32,
    /// Where.
    pub span: Span,
}

/// A policy document named by the minutes.
#[derive(Clone, Debug, Serialize)]
pub struct PolicyDocument {
    /// The exact title, without the outer 《》, nested brackets and quotes kept.
    pub title: String,
    /// The agenda item it belongs to (first mention in an item).
    pub item: Option<u32>,
    /// True when written in 《》.
    pub bracketed: bool,
    /// Short names defined for it (以下简称《…》).
    pub aliases: Vec<String>,
    /// Its type by title suffix (规划, 实施方案, 条例 …).
    pub kind: Option<String>,
    /// 草案 or 试行, when the title says so.
    pub status: Option<String>,
    /// What the meeting decided (原则同意 …).
    pub decision: Option<String>,
    /// The department that leads the next step.
    pub lead: Option<OrgRef>,
    /// Departments that join the lead.
    pub co_leads: Vec<OrgRef>,
    /// The next step (发文实施, 提请市委常委会审议 …).
    pub next_step: Option<String>,
    /// True when the meeting only cited it (not reviewed, no decision).
    pub cited: bool,
    /// True when the meeting studied it (会前学习《…》): neither reviewed nor decided.
    pub studied: bool,
    /// The sentence that carries the decision, or the first mention.
    pub evidence: String,
    /// Where the first mention is.
    pub span: Span,
}

/// A topic of the scheme matched in an agenda item.
#[derive(Clone, Debug, Serialize)]
pub struct TopicLink {
    /// The agenda item.
    pub item: u32,
    /// The topic's preferred label.
    pub topic: String,
    /// The topic's id in the scheme.
    pub topic_id: String,
    /// The label or keyword that matched.
    pub matched: String,
    /// The sentence holding the first match.
    pub evidence: String,
    /// Where the first match is.
    pub span: Span,
}

/// The part a person or organisation played at a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 主持: chaired the meeting.
    Chair,
    /// 出席: present as a member.
    Present,
    /// 列席: attending.
    Attending,
    /// 记录: took the minutes.
    Recorder,
    /// An organisation that sent an unnamed representative (…的代表).
    Representative,
    /// 请假 or 缺席: on leave or absent.
    Absent,
}

impl Role {
    /// Returns the lowercase name used in tables and the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Present => "present",
            Role::Attending => "attending",
            Role::Recorder => "recorder",
            Role::Representative => "representative",
            Role::Absent => "absent",
        }
    }

    /// Returns the Chinese label (主持, 出席, 列席, 记录, 代表, 请假).
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Chair => "主持",
            Role::Present => "出席",
            Role::Attending => "列席",
            Role::Recorder => "记录",
            Role::Representative => "代表",
            Role::Absent => "请假",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Chair,
            Role::Present,
            Role::Attending,
            Role::Recorder,
            Role::Representative,
            Role::Absent,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// One attendance record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attendance {
    /// The role.
    pub role: Role,
    /// The organisation, when the record names one.
    pub org: Option<OrgRef>,
    /// The person, absent for an unnamed representative.
    pub person: Option<String>,
    /// The person's title as written (副区长, 区委副书记、区长), when the record gives one.
    pub title: Option<String>,
    /// A parenthetical note written after the record, such as （请假）.
    pub note: Option<String>,
    /// Where the record is.
    pub span: Span,
}

/// Why a file gave no records: it could not be read, or it is not minutes.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read or decoded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The file is not minutes.
    #[error(transparent)]
    Extract(#[from] ExtractError),
}

/// Reads one file and extracts its records: what every command does per file.
pub fn extract_file(path: &std::path::Path, res: &Resources) -> Result<Extraction, FileError> {
    let src = crate::load::read(path)?;
    Ok(extract(&src, res)?)
}

/// Runs parsing and extraction on one source.
pub fn extract(source: &Source, res: &Resources) -> Result<Extraction, ExtractError> {
    let (doc, parse_diags) = parse::parse(source);
    if !doc.is_minutes() {
        let reason = if let Some(r) = &doc.refusal {
            r.clone()
        } else if doc.title.is_none() && doc.opening.is_none() {
            "no 会议纪要 title and no opening paragraph naming a meeting".to_owned()
        } else {
            "no agenda item and no attendance list".to_owned()
        };
        return Err(ExtractError::NotMinutes {
            file: source.name.clone(),
            reason,
        });
    }
    let mut sink = Sink::new(&source.name);
    sink.extend(source.diagnostics.iter().cloned());
    sink.extend(parse_diags);
    let chair = meeting::chair(&doc);
    let mut meeting = meeting::read(&doc, chair.as_ref(), &res.places, &mut sink);
    let items = items::read(&doc, res);
    let documents = documents::read(&doc, res);
    let topics = topics::read(&doc, res);
    let mut attendance = Vec::new();
    if let Some(chair) = chair {
        attendance.push(Attendance {
            role: Role::Chair,
            org: None,
            person: Some(chair.name),
            title: chair.title,
            note: None,
            span: chair.span,
        });
    }
    if doc.form != Form::Sectioned {
        for t in meeting::paragraphs(&doc) {
            let mut read = running::read_paragraph(t, res, &mut sink);
            inherit_levels(&mut read);
            for a in read {
                // The chair named again in a list of those present is the chair.
                let chair = attendance.first().filter(|c| c.role == Role::Chair);
                if a.person.is_some() && chair.is_some_and(|c| c.person == a.person) {
                    continue;
                }
                attendance.push(a);
            }
        }
    }
    for section in &doc.sections {
        let role = match section.kind {
            SectionKind::Present => Role::Present,
            SectionKind::Attending => Role::Attending,
            SectionKind::Recorder => Role::Recorder,
            SectionKind::Chair => Role::Chair,
            SectionKind::Absent => Role::Absent,
        };
        if role == Role::Chair && attendance.first().is_some_and(|a| a.role == Role::Chair) {
            continue;
        }
        let mut read = match section.reader {
            Reader::List => attendance::read_section(&section.body, role, res, &mut sink),
            Reader::Running => running::read_section(&section.body, role, res, &mut sink),
            Reader::Units => running::read_units(&section.body, role, res, &mut sink),
        };
        inherit_levels(&mut read);
        attendance.extend(read);
    }
    if meeting.issuer.is_none() {
        let orgs: Vec<(String, Span)> = attendance
            .iter()
            .filter_map(|a| a.org.as_ref().map(|o| (o.written.clone(), a.span)))
            .chain(items.iter().flat_map(|i| {
                i.departments
                    .iter()
                    .map(|d| (d.org.written.clone(), d.span))
            }))
            .collect();
        meeting::infer_issuer(&mut meeting, &orgs, &mut sink);
        let titles: Vec<(&str, Span)> = documents
            .iter()
            .map(|d| (d.title.as_str(), d.span))
            .collect();
        meeting::infer_issuer_from_titles(&mut meeting, &titles, &res.places, &mut sink);
        meeting::infer_local_issuer_from_titles(&mut meeting, &titles, &res.places, &mut sink);
        meeting::infer_issuer_from_divisions(&mut meeting, &orgs, &res.places, &mut sink);
    }
    attendance::check(&attendance, &mut sink);
    let mut x = Extraction {
        file: source.name.clone(),
        encoding: source.encoding,
        format: source.format,
        script: source.script,
        meeting,
        items,
        documents,
        topics,
        attendance,
        diagnostics: sink.into_vec(),
    };
    match x
        .meeting
        .issuer
        .as_deref()
        .map(crate::load::simplify::to_simplified)
    {
        Some(issuer) => match res
            .places
            .jurisdiction(&issuer)
            .or_else(|| unknown_city(&issuer))
        {
            Some(j) => relocate(&mut x, &j, res),
            // An issuer of no known place (县政府): its 市工信局 is not the gazetteer's either.
            None => unplace(&mut x),
        },
        // A record that names no place: 市工信局 is some city's, not the gazetteer's.
        None => unplace(&mut x),
    }
    Ok(x)
}

/// The city the gazetteer's relative forms (市工信局, 团市委 …) belong to.
pub const GAZETTEER_CITY: &str = "苏州市";
/// The short name of [`GAZETTEER_CITY`], as absolute forms and some canonical names write it (苏州广播电视总台).
const GAZETTEER_STEM: &str = "苏州";
/// The province of [`GAZETTEER_CITY`], without 省, as canonical names write it (江苏省苏州市中级人民法院).
const GAZETTEER_PROVINCE: &str = "江苏";

/// The city that issued a set of minutes, when it is not the gazetteer's own, and its province when known.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    /// The city's full name, such as 无锡市.
    city: String,
    /// The city's short name, such as 无锡 (the full name for one not ending in 市).
    stem: String,
    /// The province without 省, such as 浙江, when known.
    province: Option<String>,
}

impl Place {
    /// The city that 市 forms name in a jurisdiction's minutes, when it is not the gazetteer's own.
    fn of(j: &Jurisdiction) -> Option<Place> {
        let city = j.municipal()?.to_owned();
        if city == GAZETTEER_CITY || !city.ends_with(['市', '州', '盟']) {
            return None;
        }
        let stem = city.strip_suffix('市').unwrap_or(&city).to_owned();
        let province = j
            .province
            .as_deref()
            .map(|p| p.strip_suffix('省').unwrap_or(p).to_owned());
        Some(Place {
            city,
            stem,
            province,
        })
    }

    /// Reads a fixed unit that every city has under its own name (无锡军分区, 武警无锡支队, 人行无锡中支, 移动无锡分公司) through the gazetteer's entry for its own city.
    ///
    /// Only the branches of national bodies swap: central-government
    /// branches, the military and armed police, and the local branches of
    /// national enterprises; a city's own companies (苏州城投公司) have no
    /// counterpart of the same name elsewhere.
    fn fixed_unit(&self, written: &str, res: &Resources) -> Option<(String, OrgKind)> {
        if !written.contains(self.stem.as_str()) {
            return None;
        }
        let swapped = written
            .replace(self.city.as_str(), GAZETTEER_CITY)
            .replace(self.stem.as_str(), GAZETTEER_STEM);
        let org = res.gazetteer.org(res.gazetteer.lookup(&swapped)?);
        let national = match org.kind {
            OrgKind::CentralBranch | OrgKind::MilitaryPolice => true,
            OrgKind::StateOwnedEnterprise => org
                .parent
                .as_deref()
                .is_some_and(|p| !p.contains(GAZETTEER_STEM)),
            _ => false,
        };
        if !national || !org.canonical.contains(GAZETTEER_STEM) {
            return None;
        }
        Some((self.move_name(&org.canonical)?, org.kind))
    }

    /// Moves a gazetteer canonical name to this place: every 苏州 becomes the city and 江苏 its province.
    ///
    /// Returns `None` when the name holds the gazetteer's province and this
    /// place's province is unknown: a wrong full name is worse than none.
    fn move_name(&self, canonical: &str) -> Option<String> {
        let moved = canonical
            .replace(GAZETTEER_CITY, &self.city)
            .replace(GAZETTEER_STEM, &self.stem);
        if !moved.contains(GAZETTEER_PROVINCE) {
            return Some(moved);
        }
        self.province
            .as_deref()
            .map(|p| moved.replace(GAZETTEER_PROVINCE, p))
    }
}

/// The jurisdiction of a city the table of places does not know (X市人民政府), its province unknown.
fn unknown_city(issuer: &str) -> Option<Jurisdiction> {
    let city = issuer.strip_suffix("人民政府")?;
    (city.chars().count() >= 2 && city.ends_with(['市', '州', '盟'])).then(|| Jurisdiction {
        level: crate::resolve::Level::City,
        province: None,
        city: Some(city.to_owned()),
        local: None,
    })
}

/// Returns true for forms written relative to the issuing city or its province (市工信局, 团市委, 省安委会).
fn is_relative(written: &str) -> bool {
    written.starts_with(['市', '省']) || written.starts_with("团市")
}

/// The level characters a department's written form starts with (市财政局, 区委办, 县人武部, 省…).
const LEVELS: [char; 4] = ['省', '市', '区', '县'];

/// Gives the departments of one list written without their level the level of the last one written with it.
///
/// Lists drop the level after their first: 市委宣传部、财政局、气象局负责同志
/// are the city's propaganda department, finance bureau and meteorological
/// bureau; 区财政局、人社局 the district's. Each organisation not starting
/// with a level keeps the level of the nearest one before it that does (the
/// reading `relocate` tries first: 市气象局, whose name the gazetteer and the
/// rules know, where 气象局 alone is unknown, or 财政局 alone would be the
/// issuer's level). Records with no organisation leave the level as it is.
fn inherit_levels(records: &mut [Attendance]) {
    let mut level = None;
    for o in records.iter_mut().filter_map(|a| a.org.as_mut()) {
        let first = o
            .written
            .chars()
            .next()
            .map(crate::load::simplify::char_to_simplified);
        match first {
            Some(c) if LEVELS.contains(&c) => level = Some(c),
            _ => o.level = level,
        }
    }
}

/// Names an organisation written without its level by the level its list gives it (气象局 after 市财政局 → 市气象局).
///
/// The gazetteer's relative form first (市国资委, moved to the issuer's city
/// as `relocate` moves every relative form), then the rules of short forms;
/// `None` when neither names the form with that level (武警镇江支队, 金坛区).
fn inherited_name(
    view: &str,
    level: char,
    place: Option<&Place>,
    j: &Jurisdiction,
    res: &Resources,
) -> Option<(String, OrgKind)> {
    let leveled = format!("{level}{view}");
    if let Some(id) = res.gazetteer.lookup(&leveled) {
        let org = res.gazetteer.org(id);
        let canonical = match place {
            Some(p) => p.move_name(&org.canonical)?,
            None => org.canonical.clone(),
        };
        return Some((canonical, org.kind));
    }
    res.names
        .canonical(&leveled, j)
        .or_else(|| party_counterpart(&leveled, j, res))
        .or_else(|| crate::resolve::branches::canonical(&leveled, j))
}

/// Names a district's or a county's party organ by its city counterpart in the gazetteer, with the issuer's place: 县委组织部 → 市委组织部 (中共苏州市委组织部) → 中共长兴县委组织部.
///
/// Only party organs swap their level this way (委办, 组织部, 宣传部, 纪委监委 …):
/// their names have the same shape at every level, where a city's bureaus and
/// a county's differ (市发改委, 县发改局; the rules of short forms name those).
/// `None` unless the form starts with 区 or 县 at the issuer's own level.
fn party_counterpart(view: &str, j: &Jurisdiction, res: &Resources) -> Option<(String, OrgKind)> {
    let first = view.chars().next()?;
    if !matches!(first, '区' | '县') {
        return None;
    }
    let prefix = j.prefix(Some(first))?;
    let id = res
        .gazetteer
        .lookup(&format!("市{}", &view[first.len_utf8()..]))?;
    let org = res.gazetteer.org(id);
    if org.kind != OrgKind::PartyOrgan || !org.canonical.contains(GAZETTEER_CITY) {
        return None;
    }
    // Nothing of the gazetteer's city may be left outside the new prefix (吴中区's 苏州市吴中区 keeps its 苏州).
    let named = org.canonical.replace(GAZETTEER_CITY, &prefix);
    (!org
        .canonical
        .replace(GAZETTEER_CITY, "")
        .contains(GAZETTEER_STEM))
    .then_some((named, org.kind))
}

/// Gives every organisation its canonical name in the issuer's jurisdiction.
///
/// Six sources, in order. The gazetteer's relative forms (市工信局, 团市委,
/// 省安委会) in another city's minutes: in 无锡市人民政府's minutes, 市工信局
/// is 无锡市工业和信息化局, not the 苏州市 department the gazetteer lists, so
/// every mention of the gazetteer's city in the canonical name becomes the
/// city that 市 names there (市纪委监委 names it twice, 市广电总台 without 市)
/// and of its province the issuer's province. Then a form its list wrote
/// without its level ([`inherit_levels`]), read with that level
/// ([`inherited_name`]). Then the rules of standard
/// short forms ([`crate::resolve::names`]) for forms the gazetteer does not
/// know (区财政局 in a district's minutes, 县卫计委 in a county's). Then the
/// units every city has under its own name, through the gazetteer's entry for
/// its city (无锡军分区 → 江苏省无锡军分区). Then the branches of national
/// bodies named by rule ([`crate::resolve::branches`]: 县税务局, 人行安吉支行).
/// Then the county-level divisions of
/// the issuing city (锡山区 in 无锡's minutes, 金坛市 before 2015).
/// Absolute forms of the gazetteer (苏州城投公司, 吴江区) are left alone.
/// An organisation named here loses its `unknown-org` warning.
fn relocate(x: &mut Extraction, j: &Jurisdiction, res: &Resources) {
    let place = Place::of(j);
    let mut named: Vec<String> = Vec::new();
    let mut fix = |o: &mut OrgRef| {
        let view = crate::load::simplify::to_simplified(&o.written);
        // A bare form the gazetteer knows as the city's (总工会) after 县发改局、… is the county's.
        if let Some((canonical, kind)) = o
            .level
            .filter(|c| matches!(c, '区' | '县'))
            .filter(|_| o.canonical.is_some() && !is_relative(&view))
            .and_then(|c| inherited_name(&view, c, place.as_ref(), j, res))
        {
            o.canonical = Some(canonical);
            o.kind = kind;
            named.push(o.written.clone());
            return;
        }
        if o.canonical.is_some() {
            if is_relative(&view) {
                if let Some(p) = &place {
                    let c = o.canonical.take().unwrap_or_default();
                    o.canonical = p.move_name(&c);
                }
            }
            return;
        }
        if let Some((canonical, kind)) = o
            .level
            .and_then(|c| inherited_name(&view, c, place.as_ref(), j, res))
        {
            o.canonical = Some(canonical);
            o.kind = kind;
        } else if let Some((canonical, kind)) = res
            .names
            .canonical(&view, j)
            .or_else(|| party_counterpart(&view, j, res))
        {
            o.canonical = Some(canonical);
            o.kind = kind;
        } else if let Some((canonical, kind)) =
            place.as_ref().and_then(|p| p.fixed_unit(&view, res))
        {
            o.canonical = Some(canonical);
            o.kind = kind;
        } else if let Some((canonical, kind)) = crate::resolve::branches::canonical(&view, j) {
            o.canonical = Some(canonical);
            o.kind = kind;
        } else if let Some(canonical) = names::division_government(&res.places, &view, j) {
            o.canonical = Some(canonical);
            o.kind = OrgKind::CountyDistrict;
        } else {
            return;
        }
        named.push(o.written.clone());
    };
    for a in &mut x.attendance {
        if let Some(o) = a.org.as_mut() {
            fix(o);
        }
    }
    for d in &mut x.documents {
        d.lead
            .iter_mut()
            .chain(d.co_leads.iter_mut())
            .for_each(&mut fix);
    }
    for i in &mut x.items {
        i.departments.iter_mut().for_each(|d| fix(&mut d.org));
    }
    if !named.is_empty() {
        x.diagnostics.retain(|d| {
            d.code != crate::diag::Code::UnknownOrg
                || !named.iter().any(|w| {
                    d.message
                        .starts_with(&format!("{w} is not in the gazetteer"))
                })
        });
    }
}

/// Drops the canonical names of relative forms (市工信局, 区财政局) when the issuer is unknown: they would name the gazetteer's city.
fn unplace(x: &mut Extraction) {
    let fix = |o: &mut OrgRef| {
        if is_relative(&crate::load::simplify::to_simplified(&o.written)) {
            o.canonical = None;
        }
    };
    for a in &mut x.attendance {
        if let Some(o) = a.org.as_mut() {
            fix(o);
        }
    }
    for d in &mut x.documents {
        d.lead.iter_mut().chain(d.co_leads.iter_mut()).for_each(fix);
    }
    for i in &mut x.items {
        i.departments.iter_mut().for_each(|d| fix(&mut d.org));
    }
}

/// Resolves a written organisation name against the gazetteer.
/// Looks up a department by its simplified view `view`, keeping the characters as written.
pub(crate) fn org_ref(view: &str, written: String, res: &Resources) -> OrgRef {
    match res.gazetteer.lookup(view) {
        Some(id) => {
            let org = res.gazetteer.org(id);
            OrgRef {
                written,
                canonical: Some(org.canonical.clone()),
                kind: org.kind,
                level: None,
            }
        }
        None => OrgRef {
            written,
            canonical: None,
            kind: OrgKind::Unknown,
            level: None,
        },
    }
}

/// Returns true for CJK ideographs (the characters Chinese names are written in).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2FA1F | 0xF900..=0xFAFF | 0x3007)
}

#[cfg(test)]
mod tests;
