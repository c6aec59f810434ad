//! The forms a generated meeting is published in, and what each form's renderer hands back.
//!
//! A meeting of the generated world is one set of facts (who chaired, who
//! came, what was decided); [`Form`] says how the page that records it looks:
//! the sectioned minutes of the seeds, minutes with other section headings,
//! prose minutes, a news report, a news report inside a portal page full of
//! furniture, or a page in traditional script. Every renderer other than the
//! seeds' writes the attendance records it puts on the page as [`Rec`]s, in
//! page order, so that the truth is exactly what the page says.
//!
//! ```
//! use jiyao_synth::forms::Form;
//! assert_eq!(Form::ALL.len(), 6);
//! assert_eq!(Form::Report.as_str(), "report");
//! ```

use super::calendar::Date;
use super::content::ItemText;
use super::rng::Rng;
use super::world::{Chair, CityWorld};
use jiyao_core::extract::Role;

/// How a generated meeting is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Sectioned minutes as the seeds (出席： 列席： 记录：).
    Sectioned,
    /// Sectioned minutes with other headings (出席人员, 列席单位, 记录人, 请假), mid-line markers and other separators.
    SectionedOther,
    /// Prose minutes (现将会议议定事项纪要如下), sometimes behind a portal's metadata block.
    Prose,
    /// A news report of the meeting, attendance in running text.
    Report,
    /// A news report inside a portal page: navigation, bylines, photo credits, footers, advertising.
    ReportPortal,
    /// A news report or prose minutes in traditional script (繁體).
    Traditional,
}

impl Form {
    /// Every form, in the order of the truth's documentation.
    pub const ALL: [Form; 6] = [
        Form::Sectioned,
        Form::SectionedOther,
        Form::Prose,
        Form::Report,
        Form::ReportPortal,
        Form::Traditional,
    ];

    /// Returns the name written to the truth's `form` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Sectioned => "sectioned",
            Form::SectionedOther => "sectioned-other",
            Form::Prose => "prose",
            Form::Report => "report",
            Form::ReportPortal => "report-portal",
            Form::Traditional => "traditional",
        }
    }

    /// Parses a name written by [`Form::as_str`].
    pub fn parse(s: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Draws a form: half the corpus the seeds' sectioned minutes, the rest spread over the other forms.
    pub(crate) fn draw(rng: &mut Rng) -> Form {
        match rng.below(100) {
            0..=49 => Form::Sectioned,
            50..=59 => Form::SectionedOther,
            60..=69 => Form::Prose,
            70..=83 => Form::Report,
            84..=92 => Form::ReportPortal,
            _ => Form::Traditional,
        }
    }

    /// Draws the form of a county-level government's meeting: fewer sectioned minutes and more news reports, as county and district portals publish them.
    pub(crate) fn draw_local(rng: &mut Rng) -> Form {
        match rng.below(100) {
            0..=24 => Form::Sectioned,
            25..=34 => Form::SectionedOther,
            35..=49 => Form::Prose,
            50..=74 => Form::Report,
            75..=89 => Form::ReportPortal,
            _ => Form::Traditional,
        }
    }
}

/// One attendance record a renderer put on the page.
#[derive(Clone, Debug)]
pub(crate) struct Rec {
    pub role: Role,
    /// The organisation's unit, when the record names one.
    pub unit: Option<usize>,
    /// The organisation as written on the page (empty when none).
    pub org: String,
    /// The person, an index into the world's people.
    pub person: Option<usize>,
}

impl Rec {
    pub fn person(role: Role, p: usize) -> Rec {
        Rec {
            role,
            unit: None,
            org: String::new(),
            person: Some(p),
        }
    }

    pub fn org(role: Role, unit: usize, written: String, p: Option<usize>) -> Rec {
        Rec {
            role,
            unit: Some(unit),
            org: written,
            person: p,
        }
    }
}

/// The facts of one meeting that every form renders.
pub(crate) struct Facts<'a> {
    pub world: &'a CityWorld,
    pub date: Date,
    pub half: &'a str,
    pub ordinal: usize,
    pub number: usize,
    pub chair: &'a Chair,
    /// Members present (the mayor first when the mayor chairs).
    pub present: &'a [usize],
    /// Vice secretaries-general attending.
    pub attending_names: &'a [usize],
    /// Departments attending and who came for them.
    pub unit_rows: &'a [(usize, usize)],
    /// Departments that sent an unnamed representative.
    pub representatives: &'a [usize],
    /// Vice-mayors on leave.
    pub absent: &'a [usize],
    pub items: &'a [ItemText],
    pub issuer: &'a str,
    pub doc_number: &'a str,
}

impl Facts<'_> {
    /// A person's name.
    pub fn name(&self, p: usize) -> &str {
        &self.world.people[p].name
    }

    /// A unit's name as written on the meeting day.
    pub fn written(&self, u: usize) -> String {
        self.world.units[u]
            .form_at(self.date)
            .map(|f| f.written.clone())
            .unwrap_or_default()
    }

    /// The mayor's title: 市长, or 代市长 while acting.
    pub fn chair_title_of_mayor(&self) -> String {
        let t = self.world.gov.tier;
        if self.world.mayor_acting {
            format!("代{t}长")
        } else {
            format!("{t}长")
        }
    }

    /// The government's place without its level character (苏州, 长兴), as headlines write it before 市政府, 县政府.
    pub fn city(&self) -> &str {
        &self.world.gov.stem
    }

    /// The government's place (苏州市, 长兴县, 锡山区).
    pub fn place(&self) -> &str {
        &self.world.gov.place
    }

    /// The level character of the government's own departments and leaders (市, 区, 县), as a string.
    pub fn t(&self) -> String {
        self.world.gov.t()
    }

    /// The title the government's secretary-general is written with: 市政府秘书长, or in a county-level government's meetings 县政府党组成员 (the office director, who sits in the government's party group).
    pub fn secgen_title(&self) -> String {
        if self.local() {
            format!("{}政府党组成员", self.t())
        } else {
            "市政府秘书长".to_owned()
        }
    }

    /// The groups a county-level government's meetings invite without naming one organisation: 各乡镇（街道）、县直有关部门, 各街道、区直有关部门.
    pub fn towns(&self) -> String {
        let t = self.t();
        match self.world.gov.level {
            jiyao_core::extract::Level::District => format!("各街道、{t}直有关部门"),
            jiyao_core::extract::Level::City => format!("各镇（街道）、{t}直有关部门"),
            jiyao_core::extract::Level::County => format!("各乡镇（街道）、{t}直有关部门"),
        }
    }

    /// True for a county-level government's meeting.
    pub fn local(&self) -> bool {
        self.world.gov.local
    }

    /// The government's term (届) in the meeting's year.
    pub fn term(&self) -> u32 {
        self.world.gov.term(self.date.year())
    }
}

/// What a renderer of a form other than the seeds' hands back.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    /// The lines of text.
    pub lines: Vec<String>,
    /// The attendance records on the page, in page order.
    pub records: Vec<Rec>,
    /// The document number as written (empty when the page has none).
    pub doc_number: String,
    /// False when the page gives the date without a year and no publication date to complete it.
    pub date_known: bool,
    /// The chair's title as written (empty when the page names no chair).
    pub chair_title: String,
    /// True when the page names the chair.
    pub chair_named: bool,
    /// The text of each agenda item as written, in order (the items of [`Facts::items`]).
    pub item_texts: Vec<String>,
    /// Titles of documents studied before the meeting (会前学习《…》).
    pub studied: Vec<String>,
    /// The page's title (for the HTML `<title>`).
    pub title: String,
    /// The publication date shown by an HTML page's info bar.
    pub published: Option<Date>,
    /// The office the page names as its source.
    pub office: String,
}

/// Writes 1–999 in Chinese numerals as government texts do (一百一十八, 二十一, 十六).
pub(crate) fn hanzi_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100 % 10, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    }
    if u > 0 || n == 0 {
        s.push_str(D[u as usize]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_chinese() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (16, "十六"),
            (21, "二十一"),
            (104, "一百零四"),
            (110, "一百一十"),
            (118, "一百一十八"),
            (300, "三百"),
        ];
        for (n, s) in cases {
            assert_eq!(hanzi_number(n), s, "{n}");
        }
    }

    #[test]
    fn form_names_round_trip() {
        for f in Form::ALL {
            assert_eq!(Form::parse(f.as_str()), Some(f));
        }
    }
}
