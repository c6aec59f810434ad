//! A generated corpus of realistic minutes with its ground truth, for measuring the extractor and for scale benchmarks.
//!
//! `generate` builds a world of prefecture-level cities (苏州, 无锡, 常州, 南通 …
//! from `data/synth_cities.csv`, then the other cities of `data/places.csv`,
//! province by province: a small corpus spans many cities' recent years, a
//! large one the country) and some of their districts, counties and
//! county-level cities, each with a government of its own (县长, 副县长, 县发改局
//! …: three in ten meetings are theirs, the truth's `government` column says
//! whose), lets time run over up to twenty years, and writes one record per
//! meeting: departments rename at the 2019 reform,
//! officials move and get promoted, some share a name, topics recur, titles
//! nest brackets and quotes, and files carry the layout damage of the real
//! ones (see [`render`]). Each meeting is published in one of the
//! [`forms::Form`]s: the seeds' sectioned minutes (half the corpus), minutes
//! with other section headings, prose minutes, news reports in several styles,
//! news reports inside a portal page's furniture, and pages in traditional
//! script; the truth's `form` column names it, so `jiyao eval --by form`
//! scores each. Beside each file it yields the rows the extractor
//! should produce, with exactly the leading columns of
//! [`TableKind`](jiyao_core::table::TableKind) tables.
//!
//! The generator is pure and deterministic: the same [`Config`] always gives
//! byte-identical files, whatever the platform. [`write_corpus`] streams the
//! files and the truth tables to disk, one meeting at a time, so memory does
//! not grow with the corpus.
//!
//! ```
//! use jiyao_synth::{generate, Config};
//! let mut files = Vec::new();
//! generate(&Config { meetings: 3, seed: 1 }, jiyao_core::resolve::Resources::bundled(), |m| {
//!     files.push(m.file_name.clone());
//!     Ok::<_, jiyao_synth::SynthError>(())
//! })
//! .unwrap();
//! assert_eq!(files.len(), 3);
//! ```

pub mod calendar;
mod content;
pub mod eval;
pub mod forms;
mod furniture;
pub mod identity;
pub mod render;
mod report;
pub mod rng;
mod sections;
pub mod truth;
pub mod world;

use calendar::{Date, Written};
use content::{topics_in, Agenda};
use forms::{Facts, Form, Page};
use jiyao_core::extract::Role;
use jiyao_core::resolve::Resources;
use jiyao_core::table::header;
use render::{Delivery, Layout, Minutes};
use rng::Rng;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use truth::{AttendanceTruth, DocumentTruth, MeetingTruth, TopicTruth};
use world::{CityWorld, UnitKind};

/// Why a corpus could not be generated or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SynthError {
    /// A bundled data file of the generator is malformed.
    #[error("generator data: {0}")]
    Data(String),
    /// A file or directory could not be written.
    #[error("{path}: cannot write: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A truth table could not be written.
    #[error("{path}: cannot write CSV: {source}")]
    Csv {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The number of meetings (one file each).
    pub meetings: usize,
    /// The seed; the same seed always gives the same corpus.
    pub seed: u64,
}

/// One generated meeting: the file and the rows the extractor should read out of it.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The file name, such as `suzhou-2019-015.txt`.
    pub file_name: String,
    /// The file's bytes, encoded as delivered.
    pub bytes: Vec<u8>,
    /// The row of `truth/meetings.csv`.
    pub meeting: MeetingTruth,
    /// The rows of `truth/attendance.csv`.
    pub attendance: Vec<AttendanceTruth>,
    /// The rows of `truth/documents.csv`.
    pub documents: Vec<DocumentTruth>,
    /// The rows of `truth/topics.csv`.
    pub topics: Vec<TopicTruth>,
}

/// The shape of a corpus: which cities, which years, how many meetings in each city-year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Indices into the city table.
    pub cities: Vec<usize>,
    /// The first year.
    pub first_year: i32,
    /// The number of years.
    pub years: usize,
    /// Meetings per city (outer) and year (inner).
    pub counts: Vec<Vec<usize>>,
}

const LAST_YEAR: i32 = 2024;
const PER_CITY_YEAR: usize = 24;
const MAX_PER_CITY_YEAR: usize = 400;
/// How many of a city's districts, counties and county-level cities hold meetings of their own.
const LOCAL_PER_CITY: usize = 3;
/// The share of a city-year's meetings, in percent, that are its county-level governments' own.
const LOCAL_PERCENT: usize = 30;

/// Decides how many cities and years a corpus of `meetings` spans: about 24 meetings per city-year, breadth first (as many cities as there are city-years of three years, at least four), then up to twenty years around the 2019 reform.
///
/// Breadth first because a real corpus of a few thousand minutes comes from
/// many governments' recent years, and because how often names repeat
/// depends on how many officials the corpus holds.
pub fn plan(meetings: usize, available_cities: usize, seed: u64) -> Plan {
    let city_years = meetings.div_ceil(PER_CITY_YEAR).max(1);
    let n = available_cities.max(1);
    let mut years = (city_years / n).clamp(3, 20);
    let cities = city_years.div_ceil(years).clamp(4.min(n), n);
    years = years.max(meetings.div_ceil(cities * MAX_PER_CITY_YEAR));
    let first_year = (LAST_YEAR - years as i32 + 1).min(2019 - (years as i32) / 2);
    let slots = cities * years;
    let base = meetings / slots;
    let extra = meetings % slots;
    let mut rng = Rng::derive(seed, "plan");
    let mut order: Vec<usize> = (0..slots).collect();
    rng.shuffle(&mut order);
    let mut flat = vec![base; slots];
    for &s in &order[..extra] {
        flat[s] += 1;
    }
    Plan {
        cities: (0..cities).collect(),
        first_year,
        years,
        counts: flat.chunks(years).map(<[usize]>::to_vec).collect(),
    }
}

/// True for the first year of a municipal government term (2003, 2008, 2013, 2018, 2023 …).
fn term_year(y: i32) -> bool {
    (y - 2003).rem_euclid(5) == 0
}

/// Generates the corpus, handing each meeting to `sink` in order (city by city, then by date).
pub fn generate<E>(
    config: &Config,
    res: &Resources,
    mut sink: impl FnMut(Generated) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<SynthError>,
{
    let cities = world::cities()?;
    let plan = plan(config.meetings, cities.len(), config.seed);
    // Officials who left the cities generated so far, by province, with the last day seen: some take posts in the next cities of their province.
    let mut alumni: HashMap<String, Vec<(world::Person, Date)>> = HashMap::new();
    for (ci, &city_index) in plan.cities.iter().enumerate() {
        let city = cities[city_index].clone();
        let mut rng = Rng::derive(config.seed, &city.pinyin);
        let start = Date::new(plan.first_year, 1, 1);
        let province = city.province.clone();
        let arrivals = alumni.remove(&province).unwrap_or_default();
        let mut world = CityWorld::new(city, res, &mut rng, start, arrivals);
        let mut last_seen: HashMap<String, Date> = HashMap::new();
        let mut end = start;
        // Topics this city returns to year after year.
        let n_topics = res.topics.len();
        let mut weights = vec![2u32; n_topics];
        for t in rng.sample_sorted(n_topics, 8) {
            weights[t] = 12;
        }
        for (t, topic) in res.topics.topics().iter().enumerate() {
            if topic.id == "work-safety" {
                weights[t] = 16;
            }
        }
        // Some of the city's districts, counties and county-level cities hold meetings of their own: a share of each year's meetings is theirs.
        let divisions = world.city.divisions(res);
        let mut lrng = Rng::derive(config.seed, &format!("{}/local", world.city.pinyin));
        let picked: Vec<world::Division> = lrng
            .sample_sorted(divisions.len(), LOCAL_PER_CITY.min(divisions.len()))
            .into_iter()
            .map(|k| divisions[k].clone())
            .collect();
        let mut local_counts = vec![vec![0usize; plan.years]; picked.len()];
        let mut city_counts = plan.counts[ci].clone();
        if !picked.is_empty() {
            let mut next = 0;
            for (yi, count) in city_counts.iter_mut().enumerate() {
                let local = *count * LOCAL_PERCENT / 100;
                *count -= local;
                for _ in 0..local {
                    local_counts[next % picked.len()][yi] += 1;
                    next += 1;
                }
            }
        }
        government_meetings(
            config.seed,
            &mut world,
            res,
            &weights,
            plan.first_year,
            &city_counts,
            term_year,
            &mut rng,
            |date, g| {
                for a in g.attendance.iter().filter(|a| !a.person_id.is_empty()) {
                    last_seen.insert(a.person_id.clone(), date);
                }
                end = date;
                sink(g)
            },
        )?;
        alumni.insert(province, world.departing(&last_seen, end));
        for (k, division) in picked.iter().enumerate() {
            let mut rng = Rng::derive(
                config.seed,
                &format!("{}/{}", world.city.pinyin, division.name),
            );
            let mut local = CityWorld::local(&world.city, division, k, &mut rng, start);
            let gov = local.gov.clone();
            government_meetings(
                config.seed,
                &mut local,
                res,
                &weights,
                plan.first_year,
                &local_counts[k],
                |year| gov.term_year(year),
                &mut rng,
                |_, g| sink(g),
            )?;
        }
    }
    Ok(())
}

/// Generates one government's meetings, year by year, handing each to `each` with its date.
///
/// Each year's meetings take `counts[year]` of its weekday half-days; they
/// are numbered within the government's term (the first meeting of a year
/// that `new_term` says opens a term restarts the ordinal, and the first
/// year's ordinals continue from a guess of the term's meetings before it),
/// and the world advances to each meeting's date before it is drawn. Cities
/// and their county-level governments go through this one loop.
#[allow(clippy::too_many_arguments)]
fn government_meetings<E>(
    seed: u64,
    world: &mut CityWorld,
    res: &Resources,
    weights: &[u32],
    first_year: i32,
    counts: &[usize],
    new_term: impl Fn(i32) -> bool,
    rng: &mut Rng,
    mut each: impl FnMut(Date, Generated) -> Result<(), E>,
) -> Result<(), E> {
    let per_year_guess = counts.iter().sum::<usize>() / counts.len().max(1);
    let since_term = (0..5).find(|y| new_term(first_year - y)).unwrap_or(0) as usize;
    let mut ordinal = since_term * per_year_guess + rng.below(3);
    for (yi, &count) in counts.iter().enumerate() {
        let year = first_year + yi as i32;
        let slots = meeting_slots(year);
        let chosen = rng.sample_sorted(slots.len(), count);
        for (number, &s) in chosen.iter().enumerate() {
            let (date, half) = slots[s];
            let opens = new_term(year) && number == 0;
            if opens {
                ordinal = 0;
            }
            ordinal += 1;
            world.advance(date, opens, rng);
            let g = meeting(
                seed,
                world,
                res,
                weights,
                date,
                half,
                number + 1,
                ordinal,
                rng,
            );
            each(date, g)?;
        }
    }
    Ok(())
}

/// Every weekday half-day of a year, in order.
fn meeting_slots(year: i32) -> Vec<(Date, &'static str)> {
    let mut out = Vec::new();
    let mut d = Date::new(year, 1, 2);
    while d.year() == year {
        if !d.is_weekend() {
            out.push((d, "上午"));
            out.push((d, "下午"));
        }
        d = d.add_days(1);
    }
    out
}

/// Generates one meeting of a city.
#[allow(clippy::too_many_arguments)]
fn meeting(
    seed: u64,
    world: &CityWorld,
    res: &Resources,
    weights: &[u32],
    date: Date,
    half: &str,
    number: usize,
    ordinal: usize,
    rng: &mut Rng,
) -> Generated {
    let city = &world.city;
    let year = date.year();
    let layout = match rng.below(100) {
        0..=54 => Layout::Plain,
        55..=74 => Layout::Compact,
        _ => Layout::Markdown,
    };
    let delivery = Delivery::draw(rng);
    let layout = if matches!(delivery, Delivery::Html | Delivery::HtmlGb18030)
        && layout == Layout::Markdown
    {
        Layout::Plain
    } else {
        layout
    };
    let file_name = format!(
        "{}-{year}-{number:03}.{}",
        city.pinyin,
        delivery.extension()
    );
    let doc_number = format!("〔{year}〕{number}号");
    let issuer = world.gov.issuer();
    let place_known = res.places.jurisdiction(&issuer).is_some();
    let t = world.gov.tier;
    let hanzi = year < 2012 && rng.chance(0.25);
    let half = if rng.chance(0.93) { half } else { "" };

    // Agenda.
    let agenda = Agenda {
        res,
        world,
        date,
        weights,
    };
    let n_items = [2, 3, 3, 4, 4, 4, 5, 5, 6][rng.below(9)];
    let mut taken = Vec::new();
    let items: Vec<content::ItemText> =
        (0..n_items).map(|_| agenda.item(&mut taken, rng)).collect();

    // Chair and opening.
    let chair = world.chair(rng);
    let chair_name = world.people[chair.person].name.clone();
    let date_written = if hanzi {
        date.written_hanzi()
    } else {
        date.written()
    };
    let who = match chair.entrusted_by {
        Some(m) => format!(
            "受{}{}委托，{chair_name}{}",
            world.people[m].name,
            if world.mayor_acting {
                format!("代{t}长")
            } else {
                format!("{t}长")
            },
            chair.title
        ),
        None => format!("{chair_name}{}", chair.title),
    };
    let mut parts: Vec<String> = items.iter().map(|i| i.summary.clone()).collect();
    if parts.len() > 2 && rng.chance(0.3) {
        if let Some(last) = parts.last_mut() {
            *last = format!("会议还{last}");
        }
    }
    let opening = format!(
        "{date_written}{half}，{who}主持召开{t}政府第{ordinal}次常务会议，{}。",
        parts.join("，")
    );

    // Attendance.
    let mut present: Vec<usize> = Vec::new();
    if chair.entrusted_by.is_none() {
        present.push(world.mayor);
    }
    present.push(world.exec);
    for &v in &world.vms {
        if rng.chance(0.9) {
            present.push(v);
        }
    }
    present.push(world.secgen);
    // A county-level government has no deputy secretaries-general.
    let attending_names: Vec<usize> = if world.gov.local {
        Vec::new()
    } else {
        world
            .depsecs
            .iter()
            .copied()
            .filter(|_| rng.chance(0.8))
            .collect()
    };
    let required: Vec<usize> = items.iter().flat_map(|i| i.units.iter().copied()).collect();
    let mut unit_rows: Vec<(usize, usize)> = Vec::new();
    let mut absent_units: Vec<usize> = Vec::new();
    for u in world.active_units(date) {
        let unit = &world.units[u];
        let attend = required.contains(&u) || rng.below(100) < usize::from(unit.attend);
        let person = if rng.chance(0.92) {
            world.heads[u]
        } else {
            world.deputies[u]
        };
        match (attend, person) {
            (true, Some(p))
                if !present.contains(&p)
                    && !attending_names.contains(&p)
                    && !unit_rows.iter().any(|r| r.1 == p) =>
            {
                unit_rows.push((u, p))
            }
            _ => absent_units.push(u),
        }
    }
    let mut representatives: Vec<usize> = Vec::new();
    if rng.chance(0.55) && !absent_units.is_empty() {
        let k = rng.range(1, 5.min(absent_units.len()));
        representatives = rng
            .sample_sorted(absent_units.len(), k)
            .into_iter()
            .map(|i| absent_units[i])
            .collect();
    }
    let written = |u: usize| {
        world.units[u]
            .form_at(date)
            .map(|f| (f.written.clone(), f.canonical.clone()))
            .unwrap_or_default()
    };

    // Footer.
    let compiled = date.add_days(rng.range(3, 20) as i64);
    let issued = compiled.add_days(rng.range(0, 3) as i64);
    let publication = match rng.below(100) {
        0..=79 => Some("（此件公开发布）"),
        80..=87 => Some("（此件依申请公开）"),
        _ => None,
    };
    let parks: Vec<String> = world
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::District)
        .filter_map(|u| u.form_at(date))
        .filter(|f| f.canonical.ends_with("管理委员会"))
        .map(|f| f.written.trim_end_matches("管委会").to_owned())
        .take(2)
        .collect();
    let distribution = if world.gov.local {
        match world.gov.level {
            jiyao_core::extract::Level::District => {
                "分送：各街道办事处；区各有关部门和单位。".to_owned()
            }
            _ => format!("分送：各乡镇人民政府、街道办事处；{t}各有关部门和单位。"),
        }
    } else if parks.is_empty() {
        "分送：各县（市、区）人民政府；市各有关部门和单位。".to_owned()
    } else {
        format!(
            "分送：各市、区人民政府，{}管委会；市各有关部门和单位。",
            parks.join("、")
        )
    };
    let office = format!("{issuer}办公室");
    let mut m = Minutes {
        issuer: issuer.clone(),
        doc_number: doc_number.clone(),
        opening,
        items: items
            .iter()
            .map(|i| (i.heading.clone(), i.points.clone()))
            .collect(),
        closing: rng.chance(0.5).then(|| "会议还研究了其他事项。".to_owned()),
        present: present
            .iter()
            .map(|&p| world.people[p].name.clone())
            .collect(),
        attending_names: attending_names
            .iter()
            .map(|&p| world.people[p].name.clone())
            .collect(),
        attending_units: unit_rows
            .iter()
            .map(|&(u, p)| (written(u).0, world.people[p].name.clone()))
            .collect(),
        representatives: representatives.iter().map(|&u| written(u).0).collect(),
        recorder: world.people[world.recorder].name.clone(),
        office,
        compiled: Some(compiled),
        issued: Some(issued),
        hanzi_dates: hanzi,
        publication,
        distribution,
        alt_attendance: None,
    };
    // The form the meeting is published in, drawn from a stream of its own.
    let mut frng = Rng::derive(seed, &format!("form/{file_name}"));
    let form = if world.gov.local {
        Form::draw_local(&mut frng)
    } else {
        Form::draw(&mut frng)
    };
    let absent: Vec<usize> = world
        .vms
        .iter()
        .copied()
        .filter(|v| !present.contains(v))
        .collect();
    let facts = Facts {
        world,
        date,
        half,
        ordinal,
        number,
        chair: &chair,
        present: &present,
        attending_names: &attending_names,
        unit_rows: &unit_rows,
        representatives: &representatives,
        absent: &absent,
        items: &items,
        issuer: &issuer,
        doc_number: &doc_number,
    };
    let (bytes, page) = match form {
        Form::Sectioned => (render::render(&m, layout, delivery, rng), None),
        Form::SectionedOther => {
            let (lines, records) = sections::attendance(&facts, &mut frng);
            m.alt_attendance = Some(lines);
            let page = Page {
                records,
                ..Page::default()
            };
            (render::render(&m, layout, delivery, rng), Some(page))
        }
        Form::Prose | Form::Report | Form::ReportPortal | Form::Traditional => {
            let page = match form {
                Form::Prose => report::prose(&facts, &mut frng),
                Form::Report => report::report(&facts, false, &mut frng),
                Form::ReportPortal => report::report(&facts, true, &mut frng),
                _ if frng.chance(0.3) => report::prose(&facts, &mut frng),
                _ => report::report(&facts, frng.chance(0.3), &mut frng),
            };
            let bytes = render::encode_page(
                &page,
                &issuer,
                delivery,
                form == Form::Traditional,
                &mut frng,
            );
            (bytes, Some(page))
        }
    };
    let sectioned = matches!(form, Form::Sectioned | Form::SectionedOther);
    // Every field read from the text is kept as written: in traditional script on a traditional page.
    let written = |s: &str| {
        if form == Form::Traditional {
            jiyao_core::load::simplify::to_traditional(s)
        } else {
            s.to_owned()
        }
    };

    // Truth.
    let doc = file_name.clone();
    let date_known = page.as_ref().is_none_or(|p| sectioned || p.date_known);
    let known_date = date_known.then_some(date);
    let meeting_no = u32::try_from(ordinal).ok();
    let meeting_row = match page.as_ref().filter(|_| !sectioned) {
        None => MeetingTruth {
            doc: doc.clone(),
            doc_number,
            meeting: meeting_no,
            date: known_date,
            half_day: half.to_owned(),
            chair: chair_name,
            chair_title: chair.title.clone(),
            compiled: Some(compiled),
            issued: Some(issued),
            issuer,
            layout: layout.as_str().to_owned(),
            delivery: delivery.as_str().to_owned(),
            form: form.as_str().to_owned(),
            level: Some(world.gov.level),
            government: Some(world.gov.kind),
        },
        Some(p) => MeetingTruth {
            doc: doc.clone(),
            doc_number: written(&p.doc_number),
            meeting: meeting_no,
            date: known_date,
            half_day: half.to_owned(),
            chair: if p.chair_named {
                written(&chair_name)
            } else {
                String::new()
            },
            chair_title: written(&p.chair_title),
            compiled: None,
            issued: None,
            issuer: written(&issuer),
            layout: Layout::Plain.as_str().to_owned(),
            delivery: delivery.as_str().to_owned(),
            form: form.as_str().to_owned(),
            level: Some(world.gov.level),
            government: Some(world.gov.kind),
        },
    };
    // A department's full name is known only when the page names its government: a report
    // headed 市政府召开… whose text never says which city leaves 市财政局 unresolved. An HTML
    // page names it in its info bar and footer (来源：苏州市人民政府办公室).
    let place_named = if world.gov.local {
        world.gov.place.as_str()
    } else {
        city.name.as_str()
    };
    // A district whose name several cities share (江北区, 鼓楼区) names no city: its departments' full names are unknown.
    let names_city = (sectioned
        || matches!(delivery, Delivery::Html | Delivery::HtmlGb18030)
        || page
            .as_ref()
            .is_some_and(|p| p.lines.iter().any(|l| l.contains(place_named))))
        && (!world.gov.local || place_known);
    let org_name = |u: usize| {
        world.units[u]
            .form_at(date)
            .filter(|_| names_city)
            .map(|f| f.canonical.clone())
            .unwrap_or_default()
    };
    let row = |role: Role, org: (String, String), p: Option<usize>| AttendanceTruth {
        doc: doc.clone(),
        meeting: meeting_no,
        date: known_date,
        role,
        org: written(&org.0),
        org_name: org.1,
        person: p
            .map(|p| written(&world.people[p].name))
            .unwrap_or_default(),
        person_id: p.map(|p| world.people[p].id.clone()).unwrap_or_default(),
    };
    let none = || (String::new(), String::new());
    let mut attendance = Vec::new();
    match &page {
        Some(p) => {
            for r in &p.records {
                let org = match r.unit {
                    Some(u) => (r.org.clone(), org_name(u)),
                    None => none(),
                };
                attendance.push(row(r.role, org, r.person));
            }
        }
        None => {
            let written_unit = |u: usize| {
                world.units[u]
                    .form_at(date)
                    .map(|f| (f.written.clone(), org_name(u)))
                    .unwrap_or_default()
            };
            attendance.push(row(Role::Chair, none(), Some(chair.person)));
            attendance.extend(present.iter().map(|&p| row(Role::Present, none(), Some(p))));
            attendance.extend(
                attending_names
                    .iter()
                    .map(|&p| row(Role::Attending, none(), Some(p))),
            );
            attendance.extend(
                unit_rows
                    .iter()
                    .map(|&(u, p)| row(Role::Attending, written_unit(u), Some(p))),
            );
            attendance.extend(
                representatives
                    .iter()
                    .map(|&u| row(Role::Representative, written_unit(u), None)),
            );
            attendance.push(row(Role::Recorder, none(), Some(world.recorder)));
        }
    }
    let mut documents = Vec::new();
    let mut topics = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let n = k as u32 + 1;
        for d in &item.docs {
            documents.push(DocumentTruth {
                doc: doc.clone(),
                meeting: meeting_no,
                item: Some(n),
                title: written(&d.title),
                lead_org: written(&d.lead),
                next_step: written(&world.localise(d.next_step.truth())),
            });
        }
        let text = match page.as_ref().filter(|_| !sectioned) {
            Some(p) => p.item_texts[k].clone(),
            None => std::iter::once(&item.heading)
                .chain(&item.points)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
        };
        for t in topics_in(&text, res) {
            topics.push(TopicTruth {
                doc: doc.clone(),
                meeting: meeting_no,
                item: n,
                topic: t,
            });
        }
    }
    if let Some(p) = &page {
        for title in &p.studied {
            documents.push(DocumentTruth {
                doc: doc.clone(),
                meeting: meeting_no,
                item: None,
                title: written(title),
                lead_org: String::new(),
                next_step: String::new(),
            });
        }
    }
    Generated {
        file_name,
        bytes,
        meeting: meeting_row,
        attendance,
        documents,
        topics,
    }
}

/// What [`write_corpus`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files of minutes written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Rows written to each truth table: meetings, attendance, documents, topics.
    pub rows: [usize; 4],
}

struct Tables {
    meetings: TruthWriter,
    attendance: TruthWriter,
    documents: TruthWriter,
    topics: TruthWriter,
}

/// One truth table being written.
struct TruthWriter {
    path: PathBuf,
    w: csv::Writer<std::io::BufWriter<std::fs::File>>,
}

impl TruthWriter {
    /// Creates the table and writes its header (the row type's field names).
    fn create(path: PathBuf, header: &[&str]) -> Result<Self, SynthError> {
        let file = std::fs::File::create(&path).map_err(|source| SynthError::Io {
            path: path.clone(),
            source,
        })?;
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(std::io::BufWriter::new(file));
        w.write_record(header).map_err(|source| SynthError::Csv {
            path: path.clone(),
            source,
        })?;
        Ok(TruthWriter { path, w })
    }

    fn write<T: serde::Serialize>(&mut self, rows: &[T]) -> Result<(), SynthError> {
        for r in rows {
            self.w.serialize(r).map_err(|source| SynthError::Csv {
                path: self.path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), SynthError> {
        self.w.flush().map_err(|source| SynthError::Io {
            path: self.path,
            source,
        })
    }
}

impl Tables {
    fn create(dir: &Path) -> Result<Self, SynthError> {
        let create =
            |name: &str, header| TruthWriter::create(dir.join(format!("{name}.csv")), header);
        Ok(Tables {
            meetings: create("meetings", header::<MeetingTruth>())?,
            attendance: create("attendance", header::<AttendanceTruth>())?,
            documents: create("documents", header::<DocumentTruth>())?,
            topics: create("topics", header::<TopicTruth>())?,
        })
    }

    fn finish(self) -> Result<(), SynthError> {
        self.meetings.finish()?;
        self.attendance.finish()?;
        self.documents.finish()?;
        self.topics.finish()
    }
}

/// Generates a corpus into `dir`: the minutes under `dir/minutes/`, the ground truth under `dir/truth/`.
pub fn write_corpus(config: &Config, res: &Resources, dir: &Path) -> Result<Summary, SynthError> {
    let minutes = dir.join("minutes");
    let truth = dir.join("truth");
    for d in [&minutes, &truth] {
        std::fs::create_dir_all(d).map_err(|source| SynthError::Io {
            path: d.clone(),
            source,
        })?;
    }
    let mut tables = Tables::create(&truth)?;
    let mut summary = Summary::default();
    generate(config, res, |g: Generated| -> Result<(), SynthError> {
        let path = minutes.join(&g.file_name);
        let mut f = std::fs::File::create(&path).map_err(|source| SynthError::Io {
            path: path.clone(),
            source,
        })?;
        f.write_all(&g.bytes).map_err(|source| SynthError::Io {
            path: path.clone(),
            source,
        })?;
        summary.files += 1;
        summary.bytes += g.bytes.len() as u64;
        tables.meetings.write(std::slice::from_ref(&g.meeting))?;
        tables.attendance.write(&g.attendance)?;
        tables.documents.write(&g.documents)?;
        tables.topics.write(&g.topics)?;
        summary.rows[0] += 1;
        summary.rows[1] += g.attendance.len();
        summary.rows[2] += g.documents.len();
        summary.rows[3] += g.topics.len();
        Ok(())
    })?;
    tables.finish()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movers_go_to_a_city_of_their_province_within_months() {
        let res = Resources::bundled();
        // Person id → (issuer, first date, last date) of each government that names them.
        let mut seen: HashMap<String, Vec<(String, Date, Date)>> = HashMap::new();
        generate(
            &Config {
                meetings: 3000,
                seed: 1,
            },
            res,
            |g| {
                for a in g.attendance.iter().filter(|a| !a.person_id.is_empty()) {
                    let Some(date) = a.date else { continue };
                    let spans = seen.entry(a.person_id.clone()).or_default();
                    // One government whatever the script its issuer is written in (蘇州 is 苏州).
                    let gov = jiyao_core::load::simplify::to_simplified(&g.meeting.issuer);
                    match spans.iter_mut().find(|s| s.0 == gov) {
                        Some(s) => s.2 = date,
                        None => spans.push((gov, date, date)),
                    }
                }
                Ok::<_, SynthError>(())
            },
        )
        .unwrap();
        let province = |gov: &str| {
            res.places
                .jurisdiction(gov)
                .and_then(|j| j.province)
                .unwrap_or_else(|| panic!("{gov}: no province"))
        };
        let movers: Vec<&Vec<(String, Date, Date)>> =
            seen.values().filter(|s| s.len() > 1).collect();
        let mut gaps = Vec::new();
        for spans in &movers {
            for w in spans.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                assert_eq!(province(&a.0), province(&b.0), "{spans:?}");
                let (left, came) = (a.2, b.1);
                assert!(came > left, "{spans:?}");
                gaps.push(came.days_since(left));
            }
        }
        // The post is taken within MOVE_WITHIN_DAYS; a deputy's first record may come later.
        gaps.sort_unstable();
        assert!(gaps.len() >= 3, "{gaps:?}");
        assert!(gaps[gaps.len() / 2] <= world::MOVE_WITHIN_DAYS, "{gaps:?}");
    }

    #[test]
    fn plans_cover_every_meeting() {
        for n in [0, 1, 10, 200, 2000, 100_000] {
            let p = plan(n, 20, 1);
            assert_eq!(p.counts.iter().flatten().sum::<usize>(), n, "{n}");
            assert!(p.cities.len() >= 4);
            assert!(p.first_year + p.years as i32 - 1 <= LAST_YEAR);
        }
    }
}
