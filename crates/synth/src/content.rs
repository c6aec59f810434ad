//! Agenda content: items, the policy documents they decide on, and the topics their text names.
//!
//! Items are built from templates in the register of real minutes (审议,
//! 听取, 研究, 传达, and plans reviewed without 《》). Document titles nest
//! brackets and quotes the way real ones do (《…（试行）》, 《关于修改〈…〉的决定（草案）》,
//! “…”活动方案), short names are defined with （以下简称《…》） and used later, and
//! each decided document gets a lead department and a next step. Topic truth is
//! read off the text actually written: a topic is claimed for an item exactly
//! when one of its labels or keywords occurs in the item's heading or points.

use super::calendar::Date;
use super::rng::Rng;
use super::world::CityWorld;
use jiyao_core::resolve::{Resources, Topic};

/// What happens next to a document the meeting decided on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NextStep {
    /// 发文实施.
    Issue,
    /// 提请市委常委会审议.
    PartyCommittee,
    /// 提请市人大常委会审议.
    Congress,
    /// 按程序发布.
    Publish,
    /// 以市政府名义印发实施.
    InGovernmentName,
    /// 报省政府审批.
    ProvinceApproval,
    /// No next step is written.
    None,
}

impl NextStep {
    /// The normalised phrase the documents table carries.
    pub fn truth(self) -> &'static str {
        match self {
            NextStep::Issue => "发文实施",
            NextStep::PartyCommittee => "提请市委常委会审议",
            NextStep::Congress => "提请市人大常委会审议",
            NextStep::Publish => "按程序发布",
            NextStep::InGovernmentName => "以市政府名义印发实施",
            NextStep::ProvinceApproval => "报省政府审批",
            NextStep::None => "",
        }
    }

    fn written(self, rng: &mut Rng) -> &'static str {
        match self {
            NextStep::PartyCommittee if rng.chance(0.4) => "按程序提请市委常委会审议",
            NextStep::Congress => "按照法定程序提请市人大常委会审议",
            other => other.truth(),
        }
    }
}

/// A policy document as the ground truth records it.
#[derive(Clone, Debug)]
pub(crate) struct DocTruth {
    pub title: String,
    pub lead: String,
    pub next_step: NextStep,
}

/// One generated agenda item.
#[derive(Clone, Debug)]
pub(crate) struct ItemText {
    pub heading: String,
    pub points: Vec<String>,
    pub docs: Vec<DocTruth>,
    /// The phrase the opening paragraph uses for this item.
    pub summary: String,
    /// Units whose heads must attend because the item names them.
    pub units: Vec<usize>,
}

/// Topics that read as industries, for titles such as 加快…产业发展的若干政策措施.
const INDUSTRIAL: &[&str] = &[
    "industry",
    "new-energy",
    "hydrogen-energy",
    "digital-economy",
    "biomedicine",
    "culture-tourism",
    "sports",
    "finance",
];

/// Lead departments per topic, first active form wins.
const LEADS: &[(&str, &[&str])] = &[
    ("public-safety", &["市应急局", "市安监局"]),
    ("work-safety", &["市安委办", "市应急局", "市安监局"]),
    ("hazardous-chemicals", &["市应急局", "市安监局"]),
    (
        "chemical-industry-remediation",
        &["市化联办", "市工信局", "市经信委"],
    ),
    ("fire-safety", &["市消防救援支队", "市消防支队"]),
    ("road-traffic-safety", &["市公安局"]),
    ("holiday-safety", &["市应急局", "市安监局"]),
    ("food-drug-safety", &["市市场监管局", "市食药监局"]),
    ("flood-control", &["市水务局"]),
    ("public-order", &["市公安局"]),
    ("industry", &["市工信局", "市经信委"]),
    ("new-energy", &["市发改委"]),
    ("hydrogen-energy", &["市工信局", "市经信委"]),
    ("digital-economy", &["市工信局", "市经信委"]),
    ("biomedicine", &["市科技局"]),
    ("investment-promotion", &["市商务局"]),
    ("sci-tech-innovation", &["市科技局"]),
    ("talent", &["市人才办", "市人社局"]),
    ("business-environment", &["市行政审批局", "市发改委"]),
    ("economic-operation", &["市发改委"]),
    ("finance", &["市金融监管局", "市金融办"]),
    ("state-owned-assets", &["市国资委"]),
    ("public-finance", &["市财政局"]),
    ("commerce", &["市商务局"]),
    ("consumption-promotion", &["市商务局"]),
    ("foreign-trade", &["市商务局"]),
    ("regional-integration", &["市发改委"]),
    ("counterpart-assistance", &["市发改委"]),
    ("agriculture-rural", &["市农业农村局", "市农委"]),
    ("urban-construction", &["市住建局"]),
    ("urban-management", &["市城管局"]),
    ("transportation", &["市交通局"]),
    ("water-affairs", &["市水务局"]),
    ("land-planning", &["市资源规划局", "市国土局"]),
    ("housing-real-estate", &["市住建局"]),
    ("real-estate-destocking", &["市住建局"]),
    ("housing-security", &["市住建局"]),
    ("ecology-environment", &["市生态环境局", "市环保局"]),
    ("carbon-peaking", &["市发改委"]),
    ("water-environment", &["市生态环境局", "市环保局"]),
    ("culture-tourism", &["市文广旅局", "市文广新局"]),
    ("ancient-city-protection", &["市文广旅局", "市文广新局"]),
    ("sports", &["市体育局"]),
    ("education", &["市教育局"]),
    ("healthcare", &["市卫生健康委", "市卫计委"]),
    ("medical-cooperation", &["市卫生健康委", "市卫计委"]),
    ("blood-donation", &["市卫生健康委", "市卫计委"]),
    ("epidemic-prevention", &["市卫生健康委", "市卫计委"]),
    ("social-security", &["市人社局"]),
    ("long-term-care-insurance", &["市医保局", "市人社局"]),
    ("medical-insurance", &["市医保局", "市人社局"]),
    ("elderly-care", &["市民政局"]),
    ("employment", &["市人社局"]),
    ("womens-rights", &["市妇联"]),
    ("rule-of-law", &["市司法局"]),
    ("local-legislation", &["市司法局"]),
    ("integrity", &["市纪委监委", "市纪委"]),
    ("market-supervision", &["市市场监管局", "市工商局"]),
];

/// Sentences on why an item matters; `{k}` is a topic label or keyword. They hold no topic keyword of their own.
const WHY: &[&str] = &[
    "{k}事关全市发展大局，各地各部门要进一步提高思想认识，切实增强责任感和紧迫感，以更高标准、更实举措推动各项工作落地见效。",
    "做好{k}工作，是贯彻落实上级决策部署的重要举措，对于推动我市高质量发展具有十分重要的意义。",
    "近年来，我市{k}工作取得了积极进展，但与先进地区相比仍存在一些短板和薄弱环节，必须引起高度重视。",
    "各地各部门要充分认识做好{k}工作的重要性、必要性、紧迫性，坚持问题导向、目标导向、结果导向，一以贯之抓好落实。",
    "{k}涉及面广、政策性强，各地各相关部门要把思想和行动统一到市委、市政府的决策部署上来，确保各项任务落到实处。",
];

/// Sentences that give departments tasks; `{d}` is a department, `{k}` a topic label or keyword.
const TASKS: &[&str] = &[
    "{d}要牵头抓总，加强统筹协调，市各有关部门要各司其职、密切配合，形成工作合力。",
    "{d}要加强跟踪督查，及时研究解决工作推进中遇到的矛盾和问题，确保{k}各项任务按期完成。",
    "各地各相关部门要围绕{k}，细化工作举措，明确时间节点，压实工作责任，确保取得实效。",
    "要加强宣传引导，及时总结推广好的经验做法，营造全社会关心支持{k}的良好氛围。",
    "{d}要会同相关部门抓紧制定配套细则，加强政策解读，提高政策知晓度和覆盖面。",
];

/// Universities for cooperation agreements (协议书).
const UNIVERSITIES: &[&str] = &[
    "南京医科大学",
    "苏州大学",
    "东南大学",
    "中国药科大学",
    "南京中医药大学",
];

fn fill(t: &str, k: &str, d: &str) -> String {
    t.replace("{k}", k).replace("{d}", d)
}

/// Content generator for one meeting.
pub(crate) struct Agenda<'a> {
    pub res: &'a Resources,
    pub world: &'a CityWorld,
    pub date: Date,
    /// Topic weights of this city (some topics recur in every year).
    pub weights: &'a [u32],
}

impl Agenda<'_> {
    fn city(&self) -> &str {
        &self.world.gov.stem
    }

    /// A written form of the city's (市应急局) as the government of this world writes it: the city's own, or a county-level government's counterpart (县应急局, 县发改局 for 市发改委), when it has one.
    fn local_form(&self, f: &str) -> String {
        if !self.world.gov.local {
            return f.to_owned();
        }
        let rest = f.strip_prefix('市').unwrap_or(f);
        let rest = match rest {
            "发改委" => "发改局",
            "教育局" | "体育局" => "教体局",
            "资源规划局" => "自然资源和规划局",
            "卫生健康委" => "卫健局",
            "文广旅局" | "文广新局" => "文旅局",
            "水务局" => "水利局",
            "交通局" => "交通运输局",
            "农委" => "农业局",
            "经信委" => "经信局",
            other => other,
        };
        format!("{}{rest}", self.world.gov.tier)
    }

    /// Returns a lead department for a topic, as written on the meeting day, and its unit when it attends lists.
    fn lead_for(&self, topic: &Topic, rng: &mut Rng) -> (String, Option<usize>) {
        let local = [
            "urban-construction",
            "transportation",
            "water-affairs",
            "ancient-city-protection",
            "investment-promotion",
        ];
        if local.contains(&topic.id.as_str()) && rng.chance(0.25) {
            if let Some(l) = self.local_lead(rng) {
                return l;
            }
        }
        let forms = LEADS
            .iter()
            .find(|(id, _)| *id == topic.id)
            .map_or(&[][..], |(_, f)| *f);
        for f in forms {
            if super::world::COORDINATION.contains(f) {
                if rng.chance(0.6) {
                    return (self.local_form(f), None);
                }
                continue;
            }
            let f = self.local_form(f);
            if let Some(u) = self.world.unit_written(self.date, &f) {
                return (f, Some(u));
            }
        }
        self.any_department(rng)
    }

    /// A district or an enterprise of the city as lead, as construction and transport items often have.
    fn local_lead(&self, rng: &mut Rng) -> Option<(String, Option<usize>)> {
        let units: Vec<usize> = self
            .world
            .active_units(self.date)
            .into_iter()
            .filter(|&u| {
                let unit = &self.world.units[u];
                let enterprise = unit.forms.iter().any(|f| {
                    ["集团", "城投", "交投"]
                        .iter()
                        .any(|k| f.written.contains(k))
                });
                unit.kind == super::world::UnitKind::District
                    || unit.kind == super::world::UnitKind::Body && enterprise
            })
            .collect();
        let u = *rng.pick(&units)?;
        Some((
            self.world.units[u].form_at(self.date)?.written.clone(),
            Some(u),
        ))
    }

    fn any_department(&self, rng: &mut Rng) -> (String, Option<usize>) {
        let units: Vec<usize> = self
            .world
            .active_units(self.date)
            .into_iter()
            .filter(|&u| self.world.units[u].kind == super::world::UnitKind::Department)
            .collect();
        match rng.pick(&units) {
            Some(&u) => (
                self.world.units[u]
                    .form_at(self.date)
                    .map(|f| f.written.clone())
                    .unwrap_or_default(),
                Some(u),
            ),
            None => (format!("{}政府办公室", self.world.gov.tier), None),
        }
    }

    /// Picks a topic by the city's weights, respecting the years in which topics exist.
    pub fn topic(&self, rng: &mut Rng) -> &Topic {
        let year = self.date.year();
        let topics = self.res.topics.topics();
        let w: Vec<u32> = topics
            .iter()
            .zip(self.weights)
            .map(|(t, &w)| match t.id.as_str() {
                "epidemic-prevention" if !(2020..=2022).contains(&year) => 0,
                "epidemic-prevention" => w * 6,
                "carbon-peaking" if year < 2021 => 0,
                "hydrogen-energy" if year < 2018 => 0,
                "digital-economy" if year < 2016 => 0,
                "long-term-care-insurance" | "medical-insurance" if year < 2017 => 0,
                _ => w,
            })
            .collect();
        &topics[rng.weighted(&w).min(topics.len() - 1)]
    }

    /// A label to speak of a topic in a heading: the preferred label or an alternative one.
    fn label(topic: &Topic, rng: &mut Rng) -> String {
        if !topic.alt_labels.is_empty() && rng.chance(0.3) {
            rng.pick(&topic.alt_labels)
                .cloned()
                .unwrap_or_else(|| topic.pref_label.clone())
        } else {
            topic.pref_label.clone()
        }
    }

    /// A keyword to speak of a topic in running text.
    fn keyword(topic: &Topic, rng: &mut Rng) -> String {
        if !topic.keywords.is_empty() && rng.chance(0.6) {
            rng.pick(&topic.keywords)
                .cloned()
                .unwrap_or_else(|| topic.pref_label.clone())
        } else {
            topic.pref_label.clone()
        }
    }

    /// A document title for a topic, its short name, and the next step its kind calls for.
    fn title(&self, topic: &Topic, rng: &mut Rng) -> (String, Option<String>, NextStep) {
        let c = self.world.gov.place.as_str();
        let y = self.date.year();
        let l = Self::label(topic, rng);
        let special = match topic.id.as_str() {
            "talent" => Some((
                format!("{c}引进顶尖人才（团队）“一人一策”实施办法（试行）"),
                Some("实施办法".to_owned()),
                NextStep::PartyCommittee,
            )),
            "medical-cooperation" => {
                let u = rng.pick(UNIVERSITIES).copied().unwrap_or("苏州大学");
                Some((
                    format!("{c}人民政府 {u}战略合作发展协议书"),
                    None,
                    NextStep::PartyCommittee,
                ))
            }
            "blood-donation" => Some((
                format!("{c}献血条例修正案（草案）"),
                None,
                NextStep::Congress,
            )),
            "womens-rights" => Some((
                format!("{c}妇女权益保障条例（草案）"),
                None,
                NextStep::Congress,
            )),
            "hazardous-chemicals" => Some((
                format!("{c}危险化学品安全综合治理实施方案"),
                None,
                NextStep::Issue,
            )),
            "long-term-care-insurance" => Some((
                "关于开展长期护理保险试点第二阶段工作的实施意见".to_owned(),
                None,
                NextStep::InGovernmentName,
            )),
            _ => None,
        };
        if let Some(s) = special.filter(|_| rng.chance(0.6)) {
            return s;
        }
        let industrial = INDUSTRIAL.contains(&topic.id.as_str());
        // Industrial titles (加快…发展的若干政策措施, …产业发展规划) only for topics that are industries.
        let pick = match rng.below(12) {
            9 | 11 if !industrial => rng.below(9),
            p => p,
        };
        let publish_or_issue = if rng.chance(0.5) {
            NextStep::Publish
        } else {
            NextStep::Issue
        };
        match pick {
            0 => (
                format!("{c}{l}三年行动计划（{y}—{}年）", y + 2),
                Some("行动计划".to_owned()),
                NextStep::Issue,
            ),
            1 => (
                format!("{c}{l}工作实施方案"),
                Some(
                    if rng.chance(0.5) {
                        "实施方案"
                    } else {
                        "方案"
                    }
                    .to_owned(),
                ),
                NextStep::Issue,
            ),
            2 => (
                format!("关于进一步加强{l}工作的实施意见"),
                Some("实施意见".to_owned()),
                NextStep::InGovernmentName,
            ),
            3 => (
                format!("{c}{l}管理办法（试行）"),
                Some("办法".to_owned()),
                if rng.chance(0.5) {
                    NextStep::Issue
                } else {
                    NextStep::InGovernmentName
                },
            ),
            4 => (format!("{c}{l}条例（草案）"), None, NextStep::Congress),
            5 => (
                format!("关于修改〈{c}{l}条例〉的决定（草案）"),
                None,
                NextStep::Congress,
            ),
            6 if (2020..=2021).contains(&y) => (
                format!("{c}“十四五”{l}发展规划"),
                Some("规划".to_owned()),
                publish_or_issue,
            ),
            6 | 7 => (format!("{y}年{c}{l}工作要点"), None, NextStep::Issue),
            8 => (
                format!("{c}{l}专项整治工作方案"),
                None,
                if rng.chance(0.5) {
                    NextStep::Issue
                } else {
                    NextStep::PartyCommittee
                },
            ),
            9 => (
                format!("{c}加快{l}发展的若干政策措施"),
                Some("政策措施".to_owned()),
                if rng.chance(0.7) {
                    NextStep::Issue
                } else {
                    NextStep::PartyCommittee
                },
            ),
            10 => (
                format!("{c}{l}专项规划（{y}—{}年）", y + 10),
                Some("专项规划".to_owned()),
                NextStep::ProvinceApproval,
            ),
            _ => (
                format!("{c}{l}产业发展规划"),
                Some("规划".to_owned()),
                publish_or_issue,
            ),
        }
    }

    /// The clause that assigns the follow-up: 由X（会同Y）…后{next step}。
    fn follow_up(&self, lead: &str, ns: NextStep, rng: &mut Rng) -> String {
        if ns == NextStep::None {
            return format!(
                "由{lead}根据本次会议讨论意见，继续加以细化完善，推动相关工作落实落细。"
            );
        }
        let step = self.world.localise(ns.written(rng));
        match rng.below(10) {
            0..=5 => format!("由{lead}根据本次会议讨论意见作进一步修改完善后{step}。"),
            6 => format!("由{lead}会同相关部门根据本次会议讨论意见作进一步修改完善后{step}。"),
            7 | 8 => {
                let (justice, finance) = (self.local_form("市司法局"), self.local_form("市财政局"));
                let co = if lead == justice { finance } else { justice };
                let by = if rng.chance(0.5) { "由" } else { "请" };
                format!("{by}{lead}会{co}根据本次会议讨论意见作进一步修改完善后，{step}。")
            }
            _ => format!("由{lead}根据本次会议讨论意见修改完善后，{step}。"),
        }
    }

    fn why(&self, topic: &Topic, rng: &mut Rng) -> String {
        fill(
            &self
                .world
                .localise(rng.pick(WHY).copied().unwrap_or(WHY[0])),
            &Self::keyword(topic, rng),
            "",
        )
    }

    fn task(&self, topic: &Topic, dept: &str, rng: &mut Rng) -> String {
        fill(
            &self
                .world
                .localise(rng.pick(TASKS).copied().unwrap_or(TASKS[0])),
            &Self::keyword(topic, rng),
            dept,
        )
    }

    /// Generates one agenda item; `taken` holds titles already used in this meeting.
    pub fn item(&self, taken: &mut Vec<String>, rng: &mut Rng) -> ItemText {
        let topic = self.topic(rng);
        let kind = rng.below(100);
        let (lead, unit) = self.lead_for(topic, rng);
        let mut units: Vec<usize> = unit.into_iter().collect();
        let mut docs = Vec::new();
        let mut points = Vec::new();
        let (heading, summary) = if kind < 42 {
            // 审议《…》: one or two documents.
            let mut titles = Vec::new();
            let mut first = Vec::new();
            let n = if rng.chance(0.2) { 2 } else { 1 };
            let mut alias_used = None;
            for k in 0..n {
                let t = if k == 0 { topic } else { self.topic(rng) };
                let (title, alias, ns) = self.title(t, rng);
                if taken.contains(&title) {
                    continue;
                }
                taken.push(title.clone());
                let (l, u) = if k == 0 {
                    (lead.clone(), unit)
                } else {
                    self.lead_for(t, rng)
                };
                units.extend(u);
                let ns = if rng.chance(0.08) { NextStep::None } else { ns };
                let alias =
                    alias.filter(|a| n == 1 && !taken.iter().any(|x| x == a) && rng.chance(0.6));
                let alias_clause = alias
                    .as_ref()
                    .map(|a| format!("（以下简称《{a}》）"))
                    .unwrap_or_default();
                let sep = if alias.is_some() || rng.chance(0.5) {
                    "。"
                } else {
                    "，"
                };
                first.push(format!(
                    "原则同意《{title}》{alias_clause}{sep}{}",
                    self.follow_up(&l, ns, rng)
                ));
                if alias.is_some() {
                    alias_used = alias;
                }
                docs.push(DocTruth {
                    title: title.clone(),
                    lead: l,
                    next_step: ns,
                });
                titles.push(title);
            }
            if titles.is_empty() {
                let (t, _, ns) = self.title(topic, rng);
                let t = format!("{t}（{}年修订）", self.date.year());
                taken.push(t.clone());
                first.push(format!(
                    "原则同意《{t}》。{}",
                    self.follow_up(&lead, ns, rng)
                ));
                docs.push(DocTruth {
                    title: t.clone(),
                    lead: lead.clone(),
                    next_step: ns,
                });
                titles.push(t);
            }
            points.push(first.concat());
            points.push(self.why(topic, rng));
            let mut third = String::new();
            if let Some(a) = &alias_used {
                third.push_str(&format!("《{a}》围绕重点领域和关键环节，提出了一系列务实管用的举措，含金量较高，操作性较强。各地各相关部门要不折不扣抓好落实，确保各项政策发挥效用。"));
            }
            third.push_str(&self.task(topic, &lead, rng));
            points.push(third);
            let joined: String = titles.iter().map(|t| format!("《{t}》")).collect();
            (format!("审议{joined}"), format!("审议了{joined}"))
        } else if kind < 60 {
            // 听取…工作情况的汇报.
            let l = Self::label(topic, rng);
            let subject = match rng.below(3) {
                0 => format!("关于{l}工作情况"),
                1 => format!("{l}工作推进情况"),
                _ => format!("我市{l}有关情况"),
            };
            let bare = subject.strip_prefix("关于").unwrap_or(&subject).to_owned();
            points.push(format!("原则同意{lead}关于{bare}的汇报。"));
            points.push(self.why(topic, rng));
            points.push(self.task(topic, &lead, rng));
            (
                format!("听取{subject}的汇报"),
                format!("听取了{subject}的汇报"),
            )
        } else if kind < 70 {
            // 听取关于《…》制定情况的汇报.
            let (title, _, ns) = self.title(topic, rng);
            let title = if taken.contains(&title) {
                format!("{title}（修订稿）")
            } else {
                title
            };
            taken.push(title.clone());
            let ns = if ns == NextStep::Congress {
                ns
            } else {
                NextStep::PartyCommittee
            };
            points.push(format!(
                "原则同意{lead}关于《{title}》制定情况的汇报。{}",
                self.follow_up(&lead, ns, rng)
            ));
            points.push(self.why(topic, rng));
            points.push(self.task(topic, &lead, rng));
            docs.push(DocTruth {
                title: title.clone(),
                lead: lead.clone(),
                next_step: ns,
            });
            (
                format!("听取关于《{title}》制定情况的汇报"),
                format!("听取了关于《{title}》制定情况的汇报"),
            )
        } else if kind < 82 {
            // 研究…有关工作.
            let l = Self::label(topic, rng);
            let y = self.date.year();
            let spaced = if rng.chance(0.2) {
                format!(" {y} 年")
            } else {
                format!("{y}年")
            };
            points.push(format!(
                "原则同意{spaced}{l}有关工作安排。由{lead}根据本次会议意见做好后续工作。"
            ));
            points.push(self.task(topic, &lead, rng));
            (
                format!("研究{spaced}{l}有关工作"),
                format!("研究了{y}年{l}有关工作"),
            )
        } else if kind < 92 {
            // 传达…精神，部署….
            let l = Self::label(topic, rng);
            points.push(format!(
                "会议传达了全省{l}工作电视电话会议精神。{}",
                self.why(topic, rng)
            ));
            points.push(self.task(topic, &lead, rng));
            (
                self.world.localise(&format!(
                    "传达全省{l}工作电视电话会议精神，部署我市贯彻落实工作"
                )),
                format!("传达了全省{l}工作电视电话会议精神"),
            )
        } else {
            // 审议“…”活动方案 (a plan named without 《》).
            let c = self.city();
            let names = [
                format!("双12{c}购物节"),
                format!("{c}消费促进月"),
                format!("{c}国际精品消费节"),
                format!("{c}夜经济购物节"),
            ];
            let name = rng.pick(&names).cloned().unwrap_or_default();
            let title = format!("“{name}”活动方案");
            if taken.contains(&title) {
                return self.item(taken, rng);
            }
            taken.push(title.clone());
            let commerce = self.local_form("市商务局");
            let (lead, unit) = match self.world.unit_written(self.date, &commerce) {
                Some(u) => (commerce, Some(u)),
                None => (lead, unit),
            };
            units = unit.into_iter().collect();
            let ns = if rng.chance(0.5) {
                NextStep::None
            } else {
                NextStep::Issue
            };
            let follow = if ns == NextStep::None {
                format!(
                    "由{lead}根据今天会议讨论意见，继续对方案加以细化完善，推动相关工作落实落细。"
                )
            } else {
                self.follow_up(&lead, ns, rng)
            };
            points.push(format!("原则同意{title}。{follow}"));
            points.push(format!("举办“{name}”，是提振消费信心、挖掘消费潜力的重要举措。各地各部门要整合力量，确保活动办出水平、办出成效。"));
            points.push(self.task(topic, &lead, rng));
            docs.push(DocTruth {
                title: title.clone(),
                lead: lead.clone(),
                next_step: ns,
            });
            (format!("审议{title}"), format!("审议了{title}"))
        };
        // Now and then a point cites a document the meeting does not decide on.
        if rng.chance(0.12) {
            let other = self.topic(rng);
            let title = format!("关于加快推进{}工作的实施意见", Self::label(other, rng));
            if !taken.contains(&title) {
                taken.push(title.clone());
                points.push(format!("各相关地区和部门要按照{}政府《{title}》，加快推进实施，对涉及部门较多的事项，要加强衔接，提高工作效率。", self.world.gov.tier));
                docs.push(DocTruth {
                    title,
                    lead: String::new(),
                    next_step: NextStep::None,
                });
            }
        }
        ItemText {
            heading,
            points,
            docs,
            summary,
            units,
        }
    }
}

/// Returns the labels of the topics whose label or keyword occurs in an item's text, in scheme order.
pub(crate) fn topics_in(text: &str, res: &Resources) -> Vec<String> {
    res.topics
        .topics()
        .iter()
        .filter(|t| {
            std::iter::once(&t.pref_label)
                .chain(&t.alt_labels)
                .chain(&t.keywords)
                .any(|p| text.contains(p.as_str()))
        })
        .map(|t| t.pref_label.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_name_no_topic_of_their_own() {
        let res = Resources::bundled();
        for t in WHY.iter().chain(TASKS) {
            let text = fill(t, "", "");
            assert_eq!(topics_in(&text, res), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn every_topic_has_a_lead_entry() {
        let res = Resources::bundled();
        for t in res.topics.topics() {
            assert!(
                LEADS.iter().any(|(id, _)| *id == t.id),
                "no lead departments for topic {}",
                t.id
            );
        }
    }
}
