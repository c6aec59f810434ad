//! The synthetic world: cities, their departments over time, and the officials who hold office.
//!
//! Departments are *slots* whose written name changes with institutional
//! reforms (市经信委 became 市工信局 in 2019): the head of a slot stays in post
//! through a rename, which is exactly what makes renames hard for a
//! knowledge graph. Every written form used here is in `data/gazetteer.csv`
//! (a test checks it); the canonical full name for a city other than Suzhou is
//! the gazetteer's with the city and province substituted. Districts and
//! city-specific bodies come from `data/synth_cities.csv` (with their history:
//! 吴江市 became 吴江区 in 2012); every other prefecture-level city of a
//! province in `data/places.csv` follows, with today's districts and counties
//! under the canonical names the core's rule gives them.
//!
//! Some districts, counties and county-level cities of a city hold meetings of
//! their own (`Gov`, `CityWorld::local`): a 县长 or 区长 with deputies, and
//! departments written with the government's level character (县发改局, 区教体局,
//! 县委办, 县人大常委会, 县政协) whose full names take its place (长兴县发展和改革局,
//! 中共常州市天宁区委组织部).
//!
//! Officials move: heads swap departments, district heads become department
//! heads, department heads are promoted to vice-mayor, the executive
//! vice-mayor becomes mayor at the start of a government term, and some new
//! heads of units are officials who left another city of the province a few
//! months before, keeping their id. New
//! people get names drawn by the published frequencies of
//! `data/name_frequencies.csv` (surnames, and officials' commonest given
//! names; other given names character by character, sometimes rare), so
//! homonyms occur at realistic rates within a city and across cities.

use super::calendar::Date;
use super::rng::Rng;
use super::SynthError;
use jiyao_core::extract::Level;
use jiyao_core::resolve::{names, Level as PlaceLevel, PlaceRow, Resources};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bundled city table, `data/synth_cities.csv`.
pub const CITIES_CSV: &str = include_str!("../../../data/synth_cities.csv");

/// A department slot: one function of a city government and the names it went by.
struct Slot {
    /// The written forms with their validity, years from inclusive and to exclusive (0: open).
    forms: &'static [(&'static str, i32, i32)],
    /// How often the slot's head attends a meeting, in percent.
    attend: u8,
}

macro_rules! slot {
    ($attend:expr, $( ($name:expr, $from:expr, $to:expr) ),+ $(,)?) => {
        Slot { forms: &[$( ($name, $from, $to) ),+], attend: $attend }
    };
}

/// The departments of a city government in protocol order, as attendance lists name them.
const SLOTS: &[Slot] = &[
    slot!(90, ("市纪委", 0, 2018), ("市纪委监委", 2018, 0)),
    slot!(30, ("市中级人民法院", 0, 0)),
    slot!(60, ("市检察院", 0, 0)),
    slot!(80, ("市委组织部", 0, 0)),
    slot!(80, ("市委宣传部", 0, 0)),
    slot!(35, ("市委政法委", 0, 0)),
    slot!(30, ("市委网信办", 2015, 0)),
    slot!(75, ("市委编办", 0, 0)),
    slot!(90, ("市发改委", 0, 0)),
    slot!(70, ("市教育局", 0, 0)),
    slot!(70, ("市科技局", 0, 0)),
    slot!(85, ("市经信委", 0, 2019), ("市工信局", 2019, 0)),
    slot!(25, ("市民宗局", 0, 0)),
    slot!(55, ("市公安局", 0, 0)),
    slot!(70, ("市民政局", 0, 0)),
    slot!(80, ("市司法局", 0, 0)),
    slot!(60, ("市法制办", 0, 2019)),
    slot!(95, ("市财政局", 0, 0)),
    slot!(80, ("市人社局", 0, 0)),
    slot!(75, ("市国土局", 0, 2019), ("市资源规划局", 2019, 0)),
    slot!(60, ("市规划局", 0, 2019)),
    slot!(75, ("市环保局", 0, 2019), ("市生态环境局", 2019, 0)),
    slot!(80, ("市住建局", 0, 0)),
    slot!(40, ("市园林绿化局", 0, 0)),
    slot!(70, ("市城管局", 0, 0)),
    slot!(70, ("市交通局", 0, 0)),
    slot!(55, ("市水务局", 0, 0)),
    slot!(70, ("市农委", 0, 2019), ("市农业农村局", 2019, 0)),
    slot!(80, ("市商务局", 0, 0)),
    slot!(70, ("市文广新局", 0, 2019), ("市文广旅局", 2019, 0)),
    slot!(40, ("市旅游局", 0, 2019)),
    slot!(75, ("市卫计委", 0, 2019), ("市卫生健康委", 2019, 0)),
    slot!(40, ("市退役军人局", 2019, 0)),
    slot!(80, ("市安监局", 0, 2019), ("市应急局", 2019, 0)),
    slot!(35, ("市审计局", 0, 0)),
    slot!(75, ("市国资委", 0, 0)),
    slot!(85, ("市政府研究室", 0, 0)),
    slot!(30, ("市行政审批局", 2019, 0)),
    slot!(60, ("市工商局", 0, 2019), ("市市场监管局", 2019, 0)),
    slot!(40, ("市质监局", 0, 2019)),
    slot!(40, ("市食药监局", 0, 2019)),
    slot!(35, ("市统计局", 0, 0)),
    slot!(50, ("市医保局", 2019, 0)),
    slot!(45, ("市体育局", 0, 0)),
    slot!(45, ("市粮食局", 0, 2019), ("市粮食和储备局", 2019, 0)),
    slot!(45, ("市人防办", 0, 0)),
    slot!(25, ("市信访局", 0, 0)),
    slot!(55, ("市金融办", 0, 2019), ("市金融监管局", 2019, 0)),
    slot!(45, ("市数据局", 2024, 0)),
    slot!(20, ("市机关事务局", 0, 0)),
    slot!(25, ("市外办", 0, 0)),
    slot!(55, ("市总工会", 0, 0)),
    slot!(50, ("团市委", 0, 0)),
    slot!(35, ("市妇联", 0, 0)),
    slot!(30, ("市科协", 0, 0)),
    slot!(20, ("市红十字会", 0, 0)),
    slot!(20, ("市社保中心", 0, 0)),
    slot!(20, ("市公积金中心", 0, 0)),
    slot!(30, ("市广电总台", 0, 0)),
    slot!(40, ("市国税局", 0, 2018), ("市税务局", 2018, 0)),
    slot!(40, ("市邮政管理局", 0, 0)),
    slot!(45, ("市气象局", 0, 0)),
    slot!(80, ("市消防支队", 0, 2019), ("市消防救援支队", 2019, 0)),
];

/// How many new heads of units in 100 are movers from a neighbouring city, while one is free to move.
const MOVERS_PER_100: usize = 15;
/// A mover takes a new post at most this many days after their last meeting in the city they leave.
pub const MOVE_WITHIN_DAYS: i64 = 270;

/// Coordination bodies that lead follow-up work but do not sit in attendance lists.
pub(crate) const COORDINATION: &[&str] = &["市安委办", "市人才办", "市化联办"];

/// The government whose meetings a world records: a prefecture-level city's, or one of its districts', counties' or county-level cities'.
#[derive(Clone, Debug)]
pub(crate) struct Gov {
    /// The place as titles name it: 苏州市, 长兴县, 锡山区, 江阴市.
    pub place: String,
    /// The place without its level character (苏州, 长兴), as headlines write it before 市政府, 县政府.
    pub stem: String,
    /// The level character its own departments and leaders are written with: 市 (a city or a county-level city), 区 or 县.
    pub tier: char,
    /// The level of the issuing government as the extractor reads it (a county-level city is a city).
    pub level: Level,
    /// The canonical prefix of its departments: 苏州市, 无锡市锡山区, 长兴县.
    pub prefix: String,
    /// The term (届) of its government in the epoch year.
    pub term_base: u32,
    /// A year its governments' terms start in (2003 for cities, 2001 for counties and districts: 2016, 2021 …).
    pub term_epoch: i32,
    /// True for a county-level government (a district, a county or a county-level city).
    pub local: bool,
    /// The kind of government, as the truth's `government` column says it.
    pub kind: crate::truth::Government,
}

impl Gov {
    /// The government of a prefecture-level city.
    fn city(name: &str) -> Gov {
        Gov {
            place: format!("{name}市"),
            stem: name.to_owned(),
            tier: '市',
            level: Level::City,
            prefix: format!("{name}市"),
            term_base: 14,
            term_epoch: 2003,
            local: false,
            kind: crate::truth::Government::City,
        }
    }

    /// The issuing government's full name: 苏州市人民政府, 长兴县人民政府, 锡山区人民政府.
    pub fn issuer(&self) -> String {
        format!("{}人民政府", self.place)
    }

    /// The level character as a string, for formatting (市, 区, 县).
    pub fn t(&self) -> String {
        self.tier.to_string()
    }

    /// The government's term (届) in a year.
    pub fn term(&self, year: i32) -> u32 {
        self.term_base + (year - self.term_epoch).div_euclid(5) as u32
    }

    /// True for the first year of a government term.
    pub fn term_year(&self, year: i32) -> bool {
        (year - self.term_epoch).rem_euclid(5) == 0
    }
}

/// A county-level government of a city that [`crate::generate`] gives meetings of its own.
#[derive(Clone, Debug)]
pub(crate) struct Division {
    /// Its place as written (锡山区, 长兴县, 江阴市).
    pub name: String,
    /// Its level in `data/places.csv`.
    pub level: PlaceLevel,
    /// Its prefecture-level city with 市 (无锡市).
    pub city: String,
}

/// A department slot of a county-level government: written forms after the level character, with their canonical templates (`{p}` is the government's prefix) and years.
struct LocalSlot {
    forms: &'static [(&'static str, &'static str, i32, i32)],
    attend: u8,
    /// Which governments have it: 0 all, 1 counties and county-level cities only, 2 districts only.
    only: u8,
}

macro_rules! local {
    ($attend:expr, $only:expr, $( ($w:expr, $c:expr, $from:expr, $to:expr) ),+ $(,)?) => {
        LocalSlot { forms: &[$( ($w, $c, $from, $to) ),+], attend: $attend, only: $only }
    };
}

/// The departments of a county-level government in protocol order, written the local way (县发改局, 区教体局, 县自然资源和规划局).
const LOCAL_SLOTS: &[LocalSlot] = &[
    local!(60, 0, ("委办", "中共{p}委办公室", 0, 0)),
    local!(90, 0, ("政府办", "{p}人民政府办公室", 0, 0)),
    local!(40, 0, ("人大常委会", "{p}人民代表大会常务委员会", 0, 0)),
    local!(40, 0, ("政协", "中国人民政治协商会议{p}委员会", 0, 0)),
    local!(
        70,
        0,
        ("纪委", "中共{p}纪律检查委员会", 0, 2018),
        ("纪委监委", "中共{p}纪律检查委员会、{p}监察委员会", 2018, 0)
    ),
    local!(60, 0, ("委组织部", "中共{p}委组织部", 0, 0)),
    local!(50, 0, ("委宣传部", "中共{p}委宣传部", 0, 0)),
    local!(90, 0, ("发改局", "{p}发展和改革局", 0, 0)),
    local!(70, 0, ("教体局", "{p}教育体育局", 0, 0)),
    local!(60, 0, ("科技局", "{p}科学技术局", 0, 0)),
    local!(
        70,
        0,
        ("经信局", "{p}经济和信息化局", 0, 2019),
        ("工信局", "{p}工业和信息化局", 2019, 0)
    ),
    local!(55, 1, ("公安局", "{p}公安局", 0, 0)),
    local!(60, 0, ("民政局", "{p}民政局", 0, 0)),
    local!(70, 0, ("司法局", "{p}司法局", 0, 0)),
    local!(95, 0, ("财政局", "{p}财政局", 0, 0)),
    local!(75, 0, ("人社局", "{p}人力资源和社会保障局", 0, 0)),
    local!(
        75,
        0,
        ("国土局", "{p}国土资源局", 0, 2019),
        ("自然资源和规划局", "{p}自然资源和规划局", 2019, 0)
    ),
    local!(80, 0, ("住建局", "{p}住房和城乡建设局", 0, 0)),
    local!(60, 2, ("城管局", "{p}城市管理局", 0, 0)),
    local!(60, 0, ("交通运输局", "{p}交通运输局", 0, 0)),
    local!(55, 1, ("水利局", "{p}水利局", 0, 0)),
    local!(
        70,
        0,
        ("农业局", "{p}农业局", 0, 2019),
        ("农业农村局", "{p}农业农村局", 2019, 0)
    ),
    local!(70, 0, ("商务局", "{p}商务局", 0, 0)),
    local!(60, 0, ("文旅局", "{p}文化和旅游局", 0, 0)),
    local!(
        70,
        0,
        ("卫计委", "{p}卫生和计划生育委员会", 0, 2019),
        ("卫健局", "{p}卫生健康局", 2019, 0)
    ),
    local!(40, 0, ("退役军人局", "{p}退役军人事务局", 2019, 0)),
    local!(
        75,
        0,
        ("安监局", "{p}安全生产监督管理局", 0, 2019),
        ("应急局", "{p}应急管理局", 2019, 0)
    ),
    local!(40, 0, ("审计局", "{p}审计局", 0, 0)),
    local!(60, 0, ("市场监管局", "{p}市场监督管理局", 0, 0)),
    local!(35, 0, ("统计局", "{p}统计局", 0, 0)),
    local!(45, 0, ("医保局", "{p}医疗保障局", 2019, 0)),
    local!(30, 0, ("行政审批局", "{p}行政审批局", 2019, 0)),
    local!(25, 0, ("信访局", "{p}信访局", 0, 0)),
    local!(40, 0, ("综合执法局", "{p}综合行政执法局", 2019, 0)),
    local!(35, 0, ("总工会", "{p}总工会", 0, 0)),
    local!(30, 0, ("妇联", "{p}妇女联合会", 0, 0)),
    local!(35, 1, ("税务局", "国家税务总局{p}税务局", 2018, 0)),
];

/// Every written form the generator may put in a department list or a lead clause.
pub fn department_forms() -> impl Iterator<Item = &'static str> {
    SLOTS
        .iter()
        .flat_map(|s| s.forms.iter().map(|f| f.0))
        .chain(COORDINATION.iter().copied())
}

/// What a unit of a city is, which decides where it stands in lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A department of the city government, the party or a people's organisation.
    Department,
    /// A state-owned enterprise or a branch of a central body.
    Body,
    /// A district, county, county-level city or development zone.
    District,
    /// The military sub-district or armed police.
    Military,
}

/// One written name of a unit and the time it was in use.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    pub written: String,
    pub canonical: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A unit whose head can attend a meeting: a department, a body or a district.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    pub forms: Vec<Form>,
    pub kind: UnitKind,
    pub attend: u8,
}

impl Unit {
    /// Returns the form in use on a day.
    pub fn form_at(&self, d: Date) -> Option<&Form> {
        self.forms
            .iter()
            .find(|f| f.from.is_none_or(|a| d >= a) && f.to.is_none_or(|z| d < z))
    }
}

/// A city of the generated world.
#[derive(Clone, Debug)]
pub struct City {
    /// Its name without 市, such as 苏州.
    pub name: String,
    /// Its pinyin, used in file names.
    pub pinyin: String,
    /// Its province without 省, such as 江苏.
    pub province: String,
    /// Districts and city-specific bodies: written, canonical, from year, to year, kind.
    rows: Vec<(String, String, i32, i32, UnitKind)>,
}

/// Parses `data/synth_cities.csv`; template rows (city `*`) are expanded for every city.
pub fn cities() -> Result<&'static [City], SynthError> {
    static CITIES: OnceLock<Result<Vec<City>, String>> = OnceLock::new();
    CITIES
        .get_or_init(|| parse_cities(CITIES_CSV))
        .as_deref()
        .map_err(|e| SynthError::Data(e.clone()))
}

fn parse_cities(text: &str) -> Result<Vec<City>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut cities: Vec<City> = Vec::new();
    let mut templates = Vec::new();
    for (k, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("synth_cities.csv: {e}"))?;
        let get = |i: usize| row.get(i).unwrap_or("").trim().to_owned();
        let year = |i: usize| -> Result<i32, String> {
            let s = get(i);
            if s.is_empty() {
                Ok(0)
            } else {
                s.parse()
                    .map_err(|_| format!("synth_cities.csv: row {}: bad year {s:?}", k + 1))
            }
        };
        let (written, canonical) = (get(3), get(4));
        let kind = if written.contains("军分区") || written.contains("武警") {
            UnitKind::Military
        } else if canonical.ends_with("人民政府") || canonical.ends_with("管理委员会") {
            UnitKind::District
        } else {
            UnitKind::Body
        };
        let entry = (written, canonical, year(5)?, year(6)?, kind);
        if get(0) == "*" {
            templates.push(entry);
            continue;
        }
        if cities.last().is_none_or(|c| c.name != get(0)) {
            if cities.iter().any(|c| c.name == get(0)) {
                return Err(format!(
                    "synth_cities.csv: rows of {} are not contiguous",
                    get(0)
                ));
            }
            cities.push(City {
                name: get(0),
                pinyin: get(1),
                province: get(2),
                rows: Vec::new(),
            });
        }
        if let Some(c) = cities.last_mut() {
            c.rows.push(entry);
        }
    }
    add_place_cities(&mut cities)?;
    for c in &mut cities {
        for (w, can, from, to, kind) in &templates {
            let fill = |s: &str| s.replace("{c}", &c.name).replace("{p}", &c.province);
            c.rows.push((fill(w), fill(can), *from, *to, *kind));
        }
    }
    if cities.is_empty() {
        return Err("synth_cities.csv holds no city".to_owned());
    }
    Ok(cities)
}

/// The pinyin of the provinces (省) whose cities [`add_place_cities`] adds, for file names and person ids.
const PROVINCE_PINYIN: &[(&str, &str)] = &[
    ("江苏", "jiangsu"),
    ("浙江", "zhejiang"),
    ("安徽", "anhui"),
    ("福建", "fujian"),
    ("江西", "jiangxi"),
    ("山东", "shandong"),
    ("河北", "hebei"),
    ("山西", "shanxi"),
    ("辽宁", "liaoning"),
    ("吉林", "jilin"),
    ("黑龙江", "heilongjiang"),
    ("河南", "henan"),
    ("湖北", "hubei"),
    ("湖南", "hunan"),
    ("广东", "guangdong"),
    ("海南", "hainan"),
    ("四川", "sichuan"),
    ("贵州", "guizhou"),
    ("云南", "yunnan"),
    ("陕西", "shaanxi"),
    ("甘肃", "gansu"),
    ("青海", "qinghai"),
];

/// Adds every other prefecture-level city (X市) of a province (X省) in `data/places.csv`, after the cities of `synth_cities.csv`.
///
/// Their rows are today's districts, counties and county-level cities of
/// `places.csv`, each with the canonical name the core's rule gives it
/// ([`names::division_government`]: 芜湖市鸠江区人民政府, 无为市人民政府).
/// Cities of the provinces already listed come first, then the others in the
/// table's (GB/T 2260) order, so a small corpus spans a province or two and a
/// large one the country. Their pinyin is the province's and a number
/// (`anhui03`), which is enough for file names and ids.
fn add_place_cities(cities: &mut Vec<City>) -> Result<(), String> {
    let res = Resources::bundled();
    let rows = res.places.rows();
    let known: Vec<String> = cities.iter().map(|c| c.province.clone()).collect();
    let mut found: Vec<(usize, City)> = Vec::new();
    let mut per_province: HashMap<String, usize> = HashMap::new();
    for PlaceRow {
        name,
        level,
        parent,
        to,
        ..
    } in rows
    {
        let (Some(stem), Some(province)) = (name.strip_suffix('市'), parent.strip_suffix('省'))
        else {
            continue;
        };
        // Today's cities only; their divisions keep their years.
        if *level != PlaceLevel::City || to.is_some() || cities.iter().any(|c| c.name == stem) {
            continue;
        }
        let Some(&(_, py)) = PROVINCE_PINYIN.iter().find(|(p, _)| *p == province) else {
            continue;
        };
        let Some(j) = res.places.jurisdiction(&format!("{name}人民政府")) else {
            continue;
        };
        if j.level != PlaceLevel::City || j.city.as_deref() != Some(name.as_str()) {
            continue;
        }
        let n = per_province.entry(province.to_owned()).or_default();
        *n += 1;
        let divisions = rows
            .iter()
            .filter(|d| {
                d.parent == *name
                    && matches!(
                        d.level,
                        PlaceLevel::District | PlaceLevel::County | PlaceLevel::CountyCity
                    )
            })
            .filter_map(|d| {
                names::division_government(&res.places, &d.name, &j).map(|can| {
                    let (from, to) = (d.from.map_or(0, i32::from), d.to.map_or(0, i32::from));
                    (d.name.clone(), can, from, to, UnitKind::District)
                })
            })
            .collect();
        let rank = known
            .iter()
            .position(|p| p == province)
            .unwrap_or(known.len());
        found.push((
            rank,
            City {
                name: stem.to_owned(),
                pinyin: format!("{py}{n:02}"),
                province: province.to_owned(),
                rows: divisions,
            },
        ));
    }
    // A stable sort keeps the table's order within each rank.
    found.sort_by_key(|(rank, _)| *rank);
    cities.extend(found.into_iter().map(|(_, c)| c));
    Ok(())
}

/// Returns the canonical full name of a gazetteer form in a given city: the gazetteer's, with Suzhou and Jiangsu replaced.
pub(crate) fn canonical_in(written: &str, city: &City, res: &Resources) -> String {
    let base = res
        .gazetteer
        .lookup(written)
        .map(|id| res.gazetteer.org(id).canonical.clone())
        .unwrap_or_else(|| written.to_owned());
    base.replace("苏州", &city.name)
        .replace("江苏", &city.province)
}

impl City {
    /// Returns its districts, counties and county-level cities that exist under one name through every year the generator covers, in the table's order.
    pub(crate) fn divisions(&self, res: &Resources) -> Vec<Division> {
        let city = format!("{}市", self.name);
        self.rows
            .iter()
            .filter(|(w, can, from, to, kind)| {
                *kind == UnitKind::District
                    && *from == 0
                    && *to == 0
                    && can.ends_with("人民政府")
                    && !w.is_empty()
            })
            .filter_map(|(w, ..)| {
                let row = res.places.named(w).find(|r| {
                    r.parent == city
                        && r.to.is_none()
                        && matches!(
                            r.level,
                            PlaceLevel::District | PlaceLevel::County | PlaceLevel::CountyCity
                        )
                })?;
                // Banners (旗) and special districts write their level otherwise; development zones have no government of their own.
                if !w.ends_with(['区', '县', '市']) || w.chars().count() < 2 || w.contains("开发区")
                {
                    return None;
                }
                Some(Division {
                    name: w.clone(),
                    level: row.level,
                    city: city.clone(),
                })
            })
            .collect()
    }
}

impl Gov {
    /// The government of a county-level division; `term_base` is its term (届) in 2001.
    pub(crate) fn of_division(d: &Division, term_base: u32) -> Gov {
        use crate::truth::Government;
        let (tier, level, prefix, kind) = match d.level {
            PlaceLevel::District => (
                '区',
                Level::District,
                format!("{}{}", d.city, d.name),
                Government::District,
            ),
            PlaceLevel::CountyCity => ('市', Level::City, d.name.clone(), Government::CountyCity),
            _ => ('县', Level::County, d.name.clone(), Government::County),
        };
        let stem = d
            .name
            .strip_suffix(tier)
            .filter(|s| !s.is_empty())
            .unwrap_or(&d.name)
            .to_owned();
        Gov {
            place: d.name.clone(),
            stem,
            tier,
            level,
            prefix,
            term_base,
            term_epoch: 2001,
            local: true,
            kind,
        }
    }
}

/// Builds the departments of a county-level government, written with its level character (县财政局, 区发改局, 市住建局 in a county-level city's minutes) and named with its prefix.
pub(crate) fn local_units(gov: &Gov, shift_days: i64) -> Vec<Unit> {
    let bound = |y: i32| (y != 0).then(|| Date::new(y, 1, 1).add_days(shift_days));
    let district = gov.level == Level::District;
    LOCAL_SLOTS
        .iter()
        .filter(|s| match s.only {
            1 => !district,
            2 => district,
            _ => true,
        })
        .map(|s| Unit {
            forms: s
                .forms
                .iter()
                .map(|&(w, c, from, to)| Form {
                    written: format!("{}{w}", gov.tier),
                    canonical: c.replace("{p}", &gov.prefix),
                    from: bound(from),
                    to: bound(to),
                })
                .collect(),
            kind: UnitKind::Department,
            attend: s.attend,
        })
        .collect()
}

/// Builds the units of a city; `reform` shifts the year boundaries of renames to the city's own reform day.
pub(crate) fn units(city: &City, res: &Resources, shift_days: i64) -> Vec<Unit> {
    let bound = |y: i32| (y != 0).then(|| Date::new(y, 1, 1).add_days(shift_days));
    let mut out: Vec<Unit> = SLOTS
        .iter()
        .map(|s| Unit {
            forms: s
                .forms
                .iter()
                .map(|&(w, from, to)| Form {
                    written: w.to_owned(),
                    canonical: canonical_in(w, city, res),
                    from: bound(from),
                    to: bound(to),
                })
                .collect(),
            kind: UnitKind::Department,
            attend: s.attend,
        })
        .collect();
    // Bodies first (enterprises and branches stand after departments), then districts, then the military.
    for wanted in [UnitKind::Body, UnitKind::District, UnitKind::Military] {
        for (w, can, from, to, kind) in &city.rows {
            if *kind != wanted {
                continue;
            }
            out.push(Unit {
                forms: vec![Form {
                    written: w.clone(),
                    canonical: can.clone(),
                    from: bound(*from),
                    to: bound(*to),
                }],
                kind: *kind,
                attend: match kind {
                    UnitKind::District => 85,
                    UnitKind::Body => 35,
                    _ => 40,
                },
            });
        }
    }
    // Successive forms of a district (吴江市 → 吴江区) are one unit, so its head stays in post.
    merge_successors(&mut out);
    out
}

/// Merges a unit that ends in year Y into a unit of the same kind that starts in Y and shares the first two characters of its name.
fn merge_successors(units: &mut Vec<Unit>) {
    let mut k = 0;
    while k < units.len() {
        let ends = units[k].forms.last().and_then(|f| f.to);
        let stem: String = units[k]
            .forms
            .last()
            .map(|f| f.written.chars().take(2).collect())
            .unwrap_or_default();
        let next = ends.and_then(|end| {
            units.iter().position(|u| {
                u.kind == units[k].kind
                    && u.forms.len() == 1
                    && u.forms[0].from == Some(end)
                    && u.forms[0].written.chars().take(2).collect::<String>() == stem
            })
        });
        if let Some(j) = next.filter(|&j| j != k) {
            let moved = units[j].forms.clone();
            units[k].forms.extend(moved);
            units.remove(j);
            if j < k {
                k -= 1;
            }
            // Look again from the same unit: a body may have been renamed twice.
            continue;
        }
        k += 1;
    }
}

/// The bundled name frequency table, `data/name_frequencies.csv` (surnames and officials' given names, with sources).
pub const NAME_FREQUENCIES_CSV: &str = include_str!("../../../data/name_frequencies.csv");

/// Name material: surnames and given names drawn by their published frequencies, with rare characters.
pub(crate) struct Names {
    /// The commonest surnames with their weights (per 10,000 people).
    surnames: Vec<(char, u32)>,
    /// The other single-character surnames of `data/surnames.txt`, sharing what is left evenly.
    other: Vec<char>,
    compound: Vec<String>,
    /// The commonest given names of officials with their weights (per 10,000 people).
    given_names: Vec<(String, u32)>,
}

/// Common characters of given names, for the given names outside the frequency table.
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂华建国红文志海东林峰斌辉宇鹏飞云春晓新永立正荣光庆宏俊卫兵民德忠学清振元健波亚良成祥雪萍燕琳婷玲蕾颖慧嘉瑜晨浩然思雨欣怡佳琪子涵博文轩昊天毅蓉倩婕鑫磊韬锋骏凯翔彬坚萌露洁梅兰菊竹松柏江河川岳山石玉琦瑞瑾璐珊晶曦";
/// Rare characters seen in officials' names (韩飏, 王矗, 都锺邑 …), some outside the Basic Multilingual Plane.
const RARE: &[char] = &[
    '飏', '矗', '锺', '邑', '颺', '戟', '旻', '罡', '焱', '淼', '喆', '珺', '玥', '翀', '瑱', '昇',
    '璟', '祎', '堃', '沄', '翯', '芃', '曌', '昶', '赟', '湉', '暐', '珩', '彧', '琤', '玙', '翾',
    '䶮', '㛃', '𬀩', '𫖯', '𬍛', '燊', '垚', '犇',
];
/// Compound surnames (欧阳, 司马 …) per 10,000 names: rare, but the extractor must meet them.
const COMPOUND_PER_10000: u32 = 100;

impl Names {
    /// Reads the surnames of the bundled resources and the frequency table.
    pub fn new(res_surnames: &str, frequencies: &str) -> Self {
        let mut single = Vec::new();
        let mut compound = Vec::new();
        for line in res_surnames.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let n = line.chars().count();
            if n == 1 {
                single.extend(line.chars());
            } else if n == 2 {
                compound.push(line.to_owned());
            }
        }
        let mut surnames = Vec::new();
        let mut given_names = Vec::new();
        for line in frequencies
            .lines()
            .skip_while(|l| l.starts_with('#'))
            .skip(1)
        {
            let mut cells = line.split(',');
            let (Some(kind), Some(text), Some(w)) = (cells.next(), cells.next(), cells.next())
            else {
                continue;
            };
            let Ok(w) = w.trim().parse::<u32>() else {
                continue;
            };
            let mut chars = text.chars();
            match (kind, chars.next(), chars.next()) {
                // Only surnames the extractor knows (a test checks none is dropped).
                ("surname", Some(c), None) if single.contains(&c) => surnames.push((c, w)),
                ("given", Some(_), _) => given_names.push((text.to_owned(), w)),
                _ => {}
            }
        }
        let other = single
            .into_iter()
            .filter(|c| !surnames.iter().any(|(s, _)| s == c))
            .collect();
        Names {
            surnames,
            other,
            compound,
            given_names,
        }
    }

    /// Picks from weighted entries by a roll below their total weight.
    fn weighted<T>(entries: &[(T, u32)], mut roll: u32) -> Option<&T> {
        for (t, w) in entries {
            if roll < *w {
                return Some(t);
            }
            roll -= w;
        }
        None
    }

    fn given_char(&self, rng: &mut Rng) -> char {
        if rng.chance(0.08) {
            *rng.pick(RARE).unwrap_or(&'华')
        } else {
            let g: Vec<char> = GIVEN.chars().collect();
            *rng.pick(&g).unwrap_or(&'华')
        }
    }

    /// Makes a new name: a surname drawn by its frequency plus a given name drawn by its frequency
    /// (or character by character outside the table), 2–4 characters in all.
    pub fn make(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        let roll = rng.below(10_000) as u32;
        if roll < COMPOUND_PER_10000 && !self.compound.is_empty() {
            s.push_str(rng.pick(&self.compound).map_or("欧阳", String::as_str));
            let n = if rng.chance(0.6) { 2 } else { 1 };
            for _ in 0..n {
                s.push(self.given_char(rng));
            }
            return s;
        }
        let surname = match Self::weighted(&self.surnames, roll - COMPOUND_PER_10000) {
            Some(&c) => c,
            None => *rng.pick(&self.other).unwrap_or(&'王'),
        };
        s.push(surname);
        let roll = rng.below(10_000) as u32;
        if let Some(g) = Self::weighted(&self.given_names, roll) {
            s.push_str(g);
            return s;
        }
        let n = match rng.below(1000) {
            0..=269 => 1,
            270..=994 => 2,
            _ => 3,
        };
        for _ in 0..n {
            s.push(self.given_char(rng));
        }
        s
    }

    /// The total weight of the surname and given-name tables, per 10,000 (for tests).
    #[cfg(test)]
    fn totals(&self) -> (u32, u32, usize) {
        (
            self.surnames.iter().map(|(_, w)| w).sum(),
            self.given_names.iter().map(|(_, w)| w).sum(),
            self.surnames.len(),
        )
    }
}

/// A person of the world: a stable id and a name (names repeat, ids do not).
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub id: String,
    pub name: String,
}

/// How a meeting is chaired.
#[derive(Clone, Debug)]
pub(crate) struct Chair {
    pub person: usize,
    pub title: String,
    /// The mayor who entrusted the chair, when the executive vice-mayor presides.
    pub entrusted_by: Option<usize>,
}

/// Who holds which office in one city, changing over time.
pub(crate) struct CityWorld {
    pub city: City,
    /// The government whose meetings these are: the city's own, or one of its county-level divisions'.
    pub gov: Gov,
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
    pub mayor: usize,
    pub mayor_since: Date,
    pub mayor_acting: bool,
    pub exec: usize,
    pub vms: Vec<usize>,
    pub secgen: usize,
    pub depsecs: Vec<usize>,
    pub heads: Vec<Option<usize>>,
    pub deputies: Vec<Option<usize>>,
    pub recorder: usize,
    free: Vec<usize>,
    names: Names,
    /// Officials of cities of this province generated before, with the last day their city's records name them: they may take a post here (a move between neighbouring governments).
    arrivals: Vec<(Person, Date)>,
    /// The day the world stands on (the last meeting it was advanced to).
    today: Date,
}

impl CityWorld {
    /// Creates the world of a city as it stands on `start`; `arrivals` are officials of other cities of its province, each with the last day seen there, who may move here.
    pub fn new(
        city: City,
        res: &Resources,
        rng: &mut Rng,
        start: Date,
        arrivals: Vec<(Person, Date)>,
    ) -> Self {
        let shift = rng.range(0, 80) as i64;
        let units = units(&city, res, shift);
        let gov = Gov::city(&city.name);
        CityWorld::staffed(city, gov, units, rng, start, arrivals)
    }

    /// Creates the world of a county-level government of a city (its own 县长, 副县长 and departments) as it stands on `start`.
    pub fn local(
        city: &City,
        division: &Division,
        index: usize,
        rng: &mut Rng,
        start: Date,
    ) -> Self {
        let shift = rng.range(0, 80) as i64;
        let gov = Gov::of_division(division, rng.range(13, 14) as u32);
        let units = local_units(&gov, shift);
        let mut city = city.clone();
        let letter = match division.level {
            PlaceLevel::District => 'q',
            PlaceLevel::CountyCity => 's',
            _ => 'x',
        };
        city.pinyin = format!("{}-{letter}{:02}", city.pinyin, index + 1);
        city.rows.clear();
        CityWorld::staffed(city, gov, units, rng, start, Vec::new())
    }

    /// Fills a new world's offices.
    fn staffed(
        city: City,
        gov: Gov,
        units: Vec<Unit>,
        rng: &mut Rng,
        start: Date,
        arrivals: Vec<(Person, Date)>,
    ) -> Self {
        let n = units.len();
        let mut w = CityWorld {
            city,
            gov,
            units,
            people: Vec::new(),
            mayor: 0,
            mayor_since: start,
            mayor_acting: false,
            exec: 0,
            vms: Vec::new(),
            secgen: 0,
            depsecs: Vec::new(),
            heads: vec![None; n],
            deputies: vec![None; n],
            recorder: 0,
            free: Vec::new(),
            names: Names::new(jiyao_core::resolve::SURNAMES_TXT, NAME_FREQUENCIES_CSV),
            arrivals,
            today: start,
        };
        w.mayor = w.new_person(rng);
        w.exec = w.new_person(rng);
        let k = rng.range(4, 6);
        w.vms = (0..k).map(|_| w.new_person(rng)).collect();
        w.secgen = w.new_person(rng);
        let k = rng.range(4, 8);
        w.depsecs = (0..k).map(|_| w.new_person(rng)).collect();
        w.recorder = w.new_person(rng);
        w.staff(start, rng);
        // Homonyms inside one meeting: two heads with one name, as 黄戟 in 〔2020〕3号.
        if rng.chance(0.6) {
            let active: Vec<usize> = (0..w.units.len())
                .filter(|&u| w.heads[u].is_some())
                .collect();
            let picks = rng.sample_sorted(active.len(), 2);
            if let (Some(&a), Some(&b)) = (picks.first(), picks.get(1)) {
                if let (Some(pa), Some(pb)) = (w.heads[active[a]], w.heads[active[b]]) {
                    w.people[pb].name = w.people[pa].name.clone();
                }
            }
        }
        w
    }

    /// Takes a mover for a head post that falls vacant: while officials who left a neighbouring city less than [`MOVE_WITHIN_DAYS`] ago are free, one such post in 100 in [`MOVERS_PER_100`] goes to one of them (same id, same name).
    fn take_mover(&mut self, rng: &mut Rng) -> Option<usize> {
        let today = self.today;
        let free: Vec<usize> = (0..self.arrivals.len())
            .filter(|&k| {
                let left = self.arrivals[k].1;
                today > left && today.days_since(left) <= MOVE_WITHIN_DAYS
            })
            .collect();
        if free.is_empty() || rng.below(100) >= MOVERS_PER_100 {
            return None;
        }
        let k = free[rng.below(free.len())];
        let (p, _) = self.arrivals.swap_remove(k);
        self.people.push(p);
        Some(self.people.len() - 1)
    }

    /// Creates the head of a vacant unit: a mover ([`Self::take_mover`]) or a new person.
    fn new_head(&mut self, rng: &mut Rng) -> usize {
        match self.take_mover(rng) {
            Some(p) => p,
            None => self.new_person(rng),
        }
    }

    /// Creates a new person of this city, named by the frequencies of the name table.
    fn new_person(&mut self, rng: &mut Rng) -> usize {
        let name = self.names.make(rng);
        let id = format!("{}-{:05}", self.city.pinyin, self.people.len() + 1);
        self.people.push(Person { id, name });
        self.people.len() - 1
    }

    /// Fills vacant active units and frees the heads of units that ceased to exist.
    fn staff(&mut self, d: Date, rng: &mut Rng) {
        for u in 0..self.units.len() {
            let active = self.units[u].form_at(d).is_some();
            if !active {
                if let Some(h) = self.heads[u].take() {
                    self.free.push(h);
                }
                self.deputies[u] = None;
            }
        }
        for u in 0..self.units.len() {
            if self.units[u].form_at(d).is_none() {
                continue;
            }
            if self.heads[u].is_none() {
                let h = match self.free.pop() {
                    Some(p) => p,
                    None => self.new_head(rng),
                };
                self.heads[u] = Some(h);
            }
            if self.deputies[u].is_none() {
                self.deputies[u] = Some(self.new_person(rng));
            }
        }
        self.free.clear();
    }

    fn active_departments(&self, d: Date) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&u| {
                self.units[u].kind == UnitKind::Department
                    && self.heads[u].is_some()
                    && self.units[u].form_at(d).is_some()
            })
            .collect()
    }

    fn active_of(&self, d: Date, kind: UnitKind) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&u| {
                self.units[u].kind == kind
                    && self.heads[u].is_some()
                    && self.units[u].form_at(d).is_some()
            })
            .collect()
    }

    /// The head of a unit leaves it for another post; a mover from a neighbouring city, or else the deputy, takes over (and a new deputy comes in).
    fn vacate(&mut self, u: usize, rng: &mut Rng) {
        if let Some(p) = self.take_mover(rng) {
            self.heads[u] = Some(p);
            return;
        }
        self.heads[u] = self.deputies[u].take();
        self.deputies[u] = Some(self.new_person(rng));
    }

    /// A department head becomes vice-mayor in place of a vice-mayor who leaves.
    fn promote_to_vm(&mut self, d: Date, rng: &mut Rng) {
        let depts = self.active_departments(d);
        let Some(&u) = rng.pick(&depts) else { return };
        let Some(h) = self.heads[u] else { return };
        self.vacate(u, rng);
        if self.vms.is_empty() {
            self.vms.push(h);
        } else {
            let k = rng.below(self.vms.len());
            self.vms[k] = h;
        }
    }

    /// The start of a government term: a new mayor (often the executive vice-mayor) and a few promotions.
    fn new_term(&mut self, d: Date, rng: &mut Rng) {
        if rng.chance(0.6) {
            self.mayor = self.exec;
            self.mayor_since = d;
            self.mayor_acting = false;
            if !self.vms.is_empty() {
                let k = rng.below(self.vms.len());
                self.exec = self.vms.remove(k);
            } else {
                self.exec = self.new_person(rng);
            }
            self.promote_to_vm(d, rng);
        }
        for _ in 0..rng.range(1, 2) {
            self.promote_to_vm(d, rng);
        }
        if rng.chance(0.3) {
            self.secgen = self.depsecs[rng.below(self.depsecs.len())];
            self.depsecs.retain(|&p| p != self.secgen);
            let p = self.new_person(rng);
            self.depsecs.push(p);
        }
    }

    /// Lets time pass up to a meeting on `d`: renames, term changes and random career moves.
    pub fn advance(&mut self, d: Date, new_term: bool, rng: &mut Rng) {
        self.today = d;
        self.staff(d, rng);
        if new_term {
            self.new_term(d, rng);
        }
        if self.mayor_acting && d.days_since(self.mayor_since) > 90 {
            self.mayor_acting = false;
        }
        if rng.chance(0.003) {
            // A mayor leaves mid-term; the new one is acting mayor (代市长) for a while.
            self.mayor = self.new_person(rng);
            self.mayor_since = d;
            self.mayor_acting = true;
        }
        if rng.chance(0.01) {
            self.recorder = self.new_person(rng);
        }
        if !rng.chance(0.05) {
            return;
        }
        let depts = self.active_departments(d);
        match rng.below(100) {
            // Two heads swap departments.
            0..=34 => {
                let picks = rng.sample_sorted(depts.len(), 2);
                if let (Some(&a), Some(&b)) = (picks.first(), picks.get(1)) {
                    self.heads.swap(depts[a], depts[b]);
                }
            }
            // A department head is promoted to vice-mayor.
            35..=54 => self.promote_to_vm(d, rng),
            // A district head and a department head change places.
            55..=74 => {
                let districts = self.active_of(d, UnitKind::District);
                if let (Some(&a), Some(&b)) = (rng.pick(&districts), rng.pick(&depts)) {
                    self.heads.swap(a, b);
                }
            }
            // A head retires and someone from outside takes over.
            75..=89 => {
                if let Some(&u) = rng.pick(&depts) {
                    self.heads[u] = Some(self.new_head(rng));
                }
            }
            // A deputy secretary-general and a department head change places.
            _ => {
                if let Some(&u) = rng.pick(&depts) {
                    if !self.depsecs.is_empty() {
                        let k = rng.below(self.depsecs.len());
                        if let Some(h) = self.heads[u] {
                            self.heads[u] = Some(self.depsecs[k]);
                            self.depsecs[k] = h;
                        }
                    }
                }
            }
        }
    }

    /// Returns the unit indices of active units of all kinds, in protocol order.
    pub fn active_units(&self, d: Date) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&u| self.heads[u].is_some() && self.units[u].form_at(d).is_some())
            .collect()
    }

    /// Returns the officials who may move on to another city of the province, with the last day this city's records named them: its own people who left before `end` (not earlier arrivals, and not those still in office), and the arrivals it never took.
    ///
    /// `last_seen` gives each person id's last meeting in this city.
    pub fn departing(
        &mut self,
        last_seen: &HashMap<String, Date>,
        end: Date,
    ) -> Vec<(Person, Date)> {
        let prefix = format!("{}-", self.city.pinyin);
        let mut holding: Vec<usize> = vec![self.mayor, self.exec, self.secgen, self.recorder];
        holding.extend(self.vms.iter().chain(&self.depsecs));
        holding.extend(self.heads.iter().chain(&self.deputies).flatten());
        let mut out = std::mem::take(&mut self.arrivals);
        out.extend(self.people.iter().enumerate().filter_map(|(k, p)| {
            let &last = last_seen.get(&p.id)?;
            (p.id.starts_with(&prefix) && last < end && !holding.contains(&k))
                .then(|| (p.clone(), last))
        }));
        out
    }

    /// Decides who chairs a meeting: the mayor (代市长 while acting), or the executive vice-mayor on the mayor's behalf (常务副区长 in a district's meetings).
    pub fn chair(&self, rng: &mut Rng) -> Chair {
        let t = self.gov.tier;
        // A county's or a district's meeting is now and then chaired by another deputy on the mayor's behalf (区委常委、副区长某某).
        if self.gov.local && !self.vms.is_empty() && rng.chance(0.06) {
            return Chair {
                person: self.vms[rng.below(self.vms.len())],
                title: format!("副{t}长"),
                entrusted_by: Some(self.mayor),
            };
        }
        if rng.chance(0.12) {
            Chair {
                person: self.exec,
                title: format!("常务副{t}长"),
                entrusted_by: Some(self.mayor),
            }
        } else {
            Chair {
                person: self.mayor,
                title: if self.mayor_acting {
                    format!("代{t}长")
                } else {
                    format!("{t}长")
                },
                entrusted_by: None,
            }
        }
    }

    /// Writes a phrase of a city's minutes (我市, 市委、市政府, 提请市人大常委会审议) as this world's government writes it: unchanged for a city, with its own level for a district or a county (我县, 县委、县政府, 提请县人大常委会审议).
    pub fn localise(&self, s: &str) -> String {
        let t = self.gov.tier;
        if t == '市' {
            return s.to_owned();
        }
        s.replace("我市", &format!("我{t}"))
            .replace("全市", &format!("全{t}"))
            .replace("市委", &format!("{t}委"))
            .replace("市政府", &format!("{t}政府"))
            .replace("市人大", &format!("{t}人大"))
            .replace("市各有关部门", &format!("{t}各有关部门"))
    }

    /// Finds the active unit currently written as `form`, if any.
    pub fn unit_written(&self, d: Date, form: &str) -> Option<usize> {
        (0..self.units.len()).find(|&u| self.units[u].form_at(d).is_some_and(|f| f.written == form))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_department_form_is_in_the_gazetteer() {
        let res = Resources::bundled();
        for f in department_forms() {
            assert!(
                res.gazetteer.lookup(f).is_some(),
                "{f} is not in data/gazetteer.csv"
            );
        }
    }

    #[test]
    fn suzhou_rows_agree_with_the_gazetteer() {
        let res = Resources::bundled();
        let suzhou = cities().unwrap().iter().find(|c| c.name == "苏州").unwrap();
        for (w, can, ..) in &suzhou.rows {
            if let Some(id) = res.gazetteer.lookup(w) {
                assert_eq!(&res.gazetteer.org(id).canonical, can, "{w}");
            }
        }
    }

    #[test]
    fn renames_keep_one_unit() {
        let res = Resources::bundled();
        let cs = cities().unwrap();
        let wuxi = cs.iter().find(|c| c.name == "无锡").unwrap();
        let us = units(wuxi, res, 0);
        let industry = us
            .iter()
            .find(|u| u.forms.iter().any(|f| f.written == "市工信局"))
            .unwrap();
        assert_eq!(
            industry.form_at(Date::new(2018, 6, 1)).unwrap().written,
            "市经信委"
        );
        assert_eq!(
            industry.form_at(Date::new(2019, 6, 1)).unwrap().canonical,
            "无锡市工业和信息化局"
        );
        let nt = cs.iter().find(|c| c.name == "南通").unwrap();
        let us = units(nt, res, 0);
        let haimen = us
            .iter()
            .find(|u| u.forms.iter().any(|f| f.written == "海门区"))
            .unwrap();
        assert_eq!(
            haimen.form_at(Date::new(2015, 6, 1)).unwrap().written,
            "海门市"
        );
    }

    #[test]
    fn the_other_prefecture_cities_come_from_places_csv_named_by_the_core_rule() {
        let cs = cities().unwrap();
        let pos = |n: &str| cs.iter().position(|c| c.name == n).unwrap();
        // synth_cities.csv first, then the rest of its provinces, then the others.
        assert_eq!(pos("苏州"), 0);
        assert!(pos("金华") < pos("衢州") && pos("衢州") < pos("芜湖"));
        let wuhu = &cs[pos("芜湖")];
        assert_eq!(
            (wuhu.province.as_str(), wuhu.pinyin.as_str()),
            ("安徽", "anhui02")
        );
        let row = |c: &City, w: &str| {
            c.rows
                .iter()
                .find(|r| r.0 == w)
                .map(|r| (r.1.clone(), r.4))
                .unwrap()
        };
        assert_eq!(
            row(wuhu, "鸠江区"),
            ("芜湖市鸠江区人民政府".to_owned(), UnitKind::District)
        );
        assert_eq!(
            row(wuhu, "无为市"),
            ("无为市人民政府".to_owned(), UnitKind::District)
        );
        assert_eq!(
            row(wuhu, "芜湖供电公司").0,
            "国网安徽省电力有限公司芜湖供电分公司"
        );
        // Every pinyin is unique (file names and person ids), and every city is an X市 of an X省.
        let mut py: Vec<&str> = cs.iter().map(|c| c.pinyin.as_str()).collect();
        py.sort_unstable();
        py.dedup();
        assert_eq!(py.len(), cs.len());
        assert_eq!(cs.len(), 251);
    }

    #[test]
    fn names_start_with_a_surname() {
        let res = Resources::bundled();
        let names = Names::new(jiyao_core::resolve::SURNAMES_TXT, NAME_FREQUENCIES_CSV);
        let mut rng = Rng::new(3);
        for _ in 0..2000 {
            let n = names.make(&mut rng);
            let chars: Vec<char> = n.chars().collect();
            assert!((2..=4).contains(&chars.len()), "{n}");
            assert!(res.surnames.surname_len(&chars).is_some(), "{n}");
        }
    }

    #[test]
    fn names_follow_the_frequency_table() {
        let names = Names::new(jiyao_core::resolve::SURNAMES_TXT, NAME_FREQUENCIES_CSV);
        // Every surname of the table is known to the extractor; together they are about 85% of people.
        assert_eq!(names.totals(), (8503, 628, 99));
        let mut rng = Rng::new(7);
        let n = 100_000;
        let made: Vec<String> = (0..n).map(|_| names.make(&mut rng)).collect();
        let share =
            |f: &dyn Fn(&str) -> bool| made.iter().filter(|m| f(m)).count() as f64 / n as f64;
        let wang = share(&|m| m.starts_with('王'));
        assert!((0.066..0.079).contains(&wang), "王 {wang}");
        let zhang_wei = share(&|m| m == "张伟");
        assert!((0.0001..0.0004).contains(&zhang_wei), "张伟 {zhang_wei}");
    }
}
