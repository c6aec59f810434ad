//! News reports of a meeting, as a government portal's 常务会议 column publishes them, and prose minutes.
//!
//! A report names the meeting in a title line, opens with the date (often
//! without a year, completed from the page's publication date), the chair in
//! one of several shapes (市长某某主持召开…, stacked titles 市委副书记、市长, 代市长,
//! 会议由市长某某主持 after the agenda, or no chair at all) and the ordinal with
//! or without its term (第 32 次, 16届42次, 十六届104次, 十六届一百一十八次,
//! 十六届市人民政府第52次, 市政府十六届第21次), sometimes as a combined meeting.
//! Attendance is running text: titled lists, 市领导…等, bare names, 应邀列席
//! with the organisation, and departments whose 负责同志列席会议 (one record per
//! department, no person). Each agenda item is one paragraph; 会前学习《…》 is a
//! document studied, not decided.
//!
//! Prose minutes (现将会议议定事项纪要如下) name only the chair, in the opening
//! sentence, and may sit behind a portal's metadata block (索引号, 发布机构,
//! 文件编号, 发布日期).

use super::calendar::Written;
use super::forms::{hanzi_number, Facts, Page, Rec};
use super::furniture;
use super::rng::Rng;
use jiyao_core::extract::Role;

/// Laws and regulations studied before a meeting.
const STUDIED: &[&str] = &[
    "中华人民共和国行政许可法",
    "中华人民共和国预算法",
    "中华人民共和国政府信息公开条例",
    "优化营商环境条例",
    "中华人民共和国保守国家秘密法",
    "重大行政决策程序暂行条例",
];

/// How the meeting's term and ordinal are written, and with what the opening names the meeting.
struct Named {
    /// What follows 召开 in the opening (市政府第12次常务会议, 十六届一百一十八次市政府常务会议 …).
    meeting: String,
    /// The title line.
    title: String,
}

fn named(f: &Facts, rng: &mut Rng) -> Named {
    let n = f.ordinal as u32;
    let term = f.term();
    let t = f.t();
    let base = match rng.below(12) {
        0..=5 => format!("{t}政府第{n}次常务会议"),
        6 => format!("{t}政府第 {n} 次常务会议"),
        7 => format!("{term}届{n}次{t}政府常务会议"),
        8 => format!("{}届{n}次{t}政府常务会议", hanzi_number(term)),
        9 => format!(
            "{}届{}次{t}政府常务会议",
            hanzi_number(term),
            hanzi_number(n)
        ),
        10 => format!("{}届{t}人民政府第{n}次常务会议", hanzi_number(term)),
        _ => format!("{t}政府{}届第{n}次常务会议", hanzi_number(term)),
    };
    // A county's or a district's own shape: 县十六届第9次政府常务会议.
    let base = if f.local() && rng.chance(0.15) {
        format!("{t}{}届第{n}次政府常务会议", hanzi_number(term))
    } else {
        base
    };
    let meeting = match rng.below(100) {
        0..=5 => format!("{t}政府党组（扩大）会议和{base}"),
        6..=9 if base.starts_with(&format!("{t}政府第")) => {
            format!(
                "{t}政府党组会议暨{}",
                base.trim_start_matches(&format!("{t}政府"))
            )
        }
        _ => base,
    };
    let title = match rng.below(3) {
        0 => format!("{t}政府召开第{n}次常务会议"),
        1 => format!("{}政府召开第{n}次常务会议", f.place()),
        _ => format!("{}召开{t}政府第{n}次常务会议", f.place()),
    };
    Named { meeting, title }
}

/// The chair's title as written: 市长, 代市长, 常务副市长, sometimes after the party post (市委副书记、市长).
fn chair_title(f: &Facts, rng: &mut Rng) -> String {
    let t = f.t();
    if f.chair.entrusted_by.is_some() {
        if rng.chance(0.5) {
            format!("{t}委常委、{}", f.chair.title)
        } else {
            f.chair.title.clone()
        }
    } else if rng.chance(0.4) {
        format!("{t}委副书记、{}", f.chair.title)
    } else {
        f.chair.title.clone()
    }
}

/// The date as the opening writes it, the publication date, and whether a reader can know the date.
fn dates(f: &Facts, rng: &mut Rng) -> (String, Option<super::calendar::Date>, bool) {
    let (_, m, d) = f.date.ymd();
    let published = f.date.add_days(rng.range(0, 2) as i64);
    match rng.below(100) {
        0..=54 => (f.date.written(), rng.chance(0.5).then_some(published), true),
        55..=79 => (format!("{m}月{d}日"), Some(published), true),
        80..=94 => (format!("{d}日"), Some(published), true),
        // A year-less date and no publication date: the page does not say when.
        _ => (format!("{m}月{d}日"), None, false),
    }
}

/// Joins names with 、.
fn names(f: &Facts, ps: &[usize]) -> String {
    ps.iter().map(|&p| f.name(p)).collect::<Vec<_>>().join("、")
}

/// The running-text attendance: who was present, who attended; records pushed in page order.
fn attendance(f: &Facts, recs: &mut Vec<Rec>, rng: &mut Rng) -> Vec<String> {
    let mut sentences = Vec::new();
    let t = f.t();
    let others: Vec<usize> = f
        .present
        .iter()
        .copied()
        .filter(|&p| p != f.chair.person)
        .collect();
    if !others.is_empty() {
        match rng.below(100) {
            0..=49 => {
                // 市委常委、常务副市长甲，副市长乙、丙，市政府秘书长丁出席会议.
                let exec = f.world.exec;
                let sg = f.world.secgen;
                let vms: Vec<usize> = others
                    .iter()
                    .copied()
                    .filter(|&p| p != sg && p != f.world.mayor && (p != exec || rng.chance(0.5)))
                    .collect();
                let mut groups = Vec::new();
                let mut order = Vec::new();
                if others.contains(&f.world.mayor) {
                    groups.push(format!("{t}长{}", f.name(f.world.mayor)));
                    order.push(f.world.mayor);
                }
                if others.contains(&exec) && !vms.contains(&exec) {
                    groups.push(format!("{t}委常委、常务副{t}长{}", f.name(exec)));
                    order.push(exec);
                }
                if !vms.is_empty() {
                    groups.push(format!("副{t}长{}", names(f, &vms)));
                    order.extend(&vms);
                }
                if others.contains(&sg) {
                    groups.push(format!("{}{}", f.secgen_title(), f.name(sg)));
                    order.push(sg);
                }
                recs.extend(order.iter().map(|&p| Rec::person(Role::Present, p)));
                sentences.push(format!("{}出席会议", groups.join("，")));
            }
            50..=74 => {
                let etc = if rng.chance(0.6) { "等" } else { "" };
                recs.extend(others.iter().map(|&p| Rec::person(Role::Present, p)));
                sentences.push(format!("{t}领导{}{etc}出席会议", names(f, &others)));
            }
            _ => {
                let verb = if rng.chance(0.5) {
                    "参加会议"
                } else {
                    "出席会议"
                };
                recs.extend(others.iter().map(|&p| Rec::person(Role::Present, p)));
                sentences.push(format!("{}{verb}", names(f, &others)));
            }
        }
    }
    if !f.attending_names.is_empty() && rng.chance(0.4) {
        recs.extend(
            f.attending_names
                .iter()
                .map(|&p| Rec::person(Role::Attending, p)),
        );
        sentences.push(format!(
            "市政府副秘书长{}列席会议",
            names(f, f.attending_names)
        ));
    }
    // The court and the procuratorate are invited; their heads are named with their organisation.
    // A county's or a district's meetings invite its congress and its CPPCC (县人大常委会副主任某某、
    // 县政协副主席某某应邀列席), sometimes by organisation alone (县人大常委会、县政协负责同志应邀列席).
    let invited_title = |w: &str| -> Option<&'static str> {
        if f.local() {
            match w.strip_prefix(t.as_str())? {
                "人大常委会" => Some("副主任"),
                "政协" => Some("副主席"),
                _ => None,
            }
        } else {
            match w {
                "市中级人民法院" => Some("院长"),
                "市检察院" => Some("检察长"),
                _ => None,
            }
        }
    };
    let invited: Vec<(usize, usize, &str)> = f
        .unit_rows
        .iter()
        .filter_map(|&(u, p)| invited_title(&f.written(u)).map(|title| (u, p, title)))
        .collect();
    if !invited.is_empty() && (f.local() || rng.chance(0.6)) {
        let by_org = f.local() && rng.chance(0.4);
        let mut parts = Vec::new();
        for &(u, p, title) in &invited {
            let w = f.written(u);
            if by_org {
                parts.push(w.clone());
                recs.push(Rec::org(Role::Attending, u, w, None));
            } else {
                parts.push(format!("{w}{title}{}", f.name(p)));
                recs.push(Rec::org(Role::Attending, u, w, Some(p)));
            }
        }
        let who = if by_org { "负责同志" } else { "" };
        sentences.push(format!("{}{who}应邀列席会议", parts.join("、")));
    }
    let units: Vec<usize> = f
        .unit_rows
        .iter()
        .map(|r| r.0)
        .filter(|u| !invited.iter().any(|i| i.0 == *u))
        .collect();
    if !units.is_empty() && rng.chance(0.8) {
        let k = rng.range(1, 6.min(units.len()));
        let picked = rng.sample_sorted(units.len(), k);
        let drop_prefix = rng.chance(0.5);
        let mut parts = Vec::new();
        for (i, &j) in picked.iter().enumerate() {
            let u = units[j];
            let w = f.written(u);
            // After the first, 市 is often left out: 市财政局、人社局、交通局.
            let short = drop_prefix
                && i > 0
                && w.starts_with(f.world.gov.tier)
                && !w[3..].starts_with(['委', '政', '中'])
                && w.chars().count() >= 4;
            let w = if short { w[3..].to_owned() } else { w };
            parts.push(w.clone());
            recs.push(Rec::org(Role::Attending, u, w, None));
        }
        let who = ["负责同志", "主要负责同志", "有关负责同志"][rng.below(3)];
        // A county's towns and townships, a district's streets: a group, never a record.
        let groups = if f.local() && rng.chance(0.5) {
            format!("、{}", f.towns())
        } else {
            String::new()
        };
        sentences.push(format!("{}{groups}{who}列席会议", parts.join("、")));
    } else if f.local() && rng.chance(0.5) {
        sentences.push(format!("{}负责同志列席会议", f.towns()));
    }
    sentences
}

/// One agenda item as a report's or prose minutes' paragraphs: 会议审议了《…》。会议原则同意…
fn item_sentences(item: &super::content::ItemText, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    let starts_with_meeting = item.points.first().is_some_and(|p| p.starts_with("会议"));
    if !starts_with_meeting {
        out.push(format!("会议{}。", item.summary));
    }
    for (j, p) in item.points.iter().enumerate() {
        if j == 0 {
            if p.starts_with("会议") {
                out.push(p.clone());
            } else {
                out.push(format!("会议{p}"));
            }
        } else {
            let lead = ["会议指出，", "会议要求，", "会议强调，"][rng.below(3)];
            out.push(format!("{lead}{p}"));
        }
    }
    out
}

/// Renders a news report; `portal` wraps it in a portal page's furniture.
pub(crate) fn report(f: &Facts, portal: bool, rng: &mut Rng) -> Page {
    let named = named(f, rng);
    let (date_text, published, date_known) = dates(f, rng);
    let half = f.half;
    let title = chair_title(f, rng);
    let chair_name = f.name(f.chair.person).to_owned();
    let purpose = [
        "研究部署近期重点工作",
        "研究审议有关事项",
        "传达学习有关会议精神，研究部署近期重点工作",
        "研究有关工作",
    ][rng.below(4)];
    // The executive vice-mayor chairs on the mayor's behalf, and the report may say so.
    let entrusted = match f.chair.entrusted_by {
        Some(m) if rng.chance(0.5) => format!("受{}{}委托，", f.chair_title_of_mayor(), f.name(m)),
        _ => String::new(),
    };
    let mut recs = Vec::new();
    let style = rng.below(100);
    let (opening, chair_named, chair_after) = match style {
        0..=69 => {
            recs.push(Rec::person(Role::Chair, f.chair.person));
            (
                format!(
                    "{date_text}{half}，{entrusted}{title}{chair_name}主持召开{}，{purpose}。",
                    named.meeting
                ),
                true,
                false,
            )
        }
        70..=84 => (
            format!(
                "{date_text}{half}，{}召开{}，{purpose}。",
                f.place(),
                named.meeting
            ),
            true,
            true,
        ),
        _ => (
            format!(
                "{date_text}{half}，{}召开{}，{purpose}。",
                f.place(),
                named.meeting
            ),
            false,
            false,
        ),
    };
    // A report names its government in the headline or the first sentence (the portal's
    // banner aside): 市政府召开第9次常务会议 over an opening that never says which city
    // becomes 唐山市政府召开第9次常务会议, or a reader could not know whose 市财政局 it is.
    let mut named = named;
    if !named.title.contains(f.city()) && !opening.contains(f.city()) {
        named.title = format!("{}{}", f.city(), named.title);
    }
    let mut lines = Vec::new();
    let office = format!("{}办公室", f.issuer);
    let (head, tail) = if portal {
        furniture::portal(f, &named.title, published, rng)
    } else {
        let mut head = vec![named.title.clone()];
        if let Some(p) = published {
            head.push(match rng.below(3) {
                0 => format!(
                    "来源：{office}  发布时间：{} {:02}:{:02}",
                    p.iso(),
                    rng.range(8, 18),
                    rng.below(60)
                ),
                1 => format!("发布时间：{}", p.iso()),
                _ => format!(
                    "{} {:02}:{:02}:{:02}",
                    p.iso(),
                    rng.range(8, 18),
                    rng.below(60),
                    rng.below(60)
                ),
            });
        }
        (head, Vec::new())
    };
    lines.extend(head);
    let mut att_recs = Vec::new();
    let att = attendance(f, &mut att_recs, rng);
    let mut item_texts = Vec::new();
    let mut body = Vec::new();
    if !chair_after && !att.is_empty() && rng.chance(0.4) {
        body.push(format!("{opening}{}。", att.join("，")));
        recs.append(&mut att_recs);
    } else {
        body.push(opening);
        if !chair_after && !att.is_empty() {
            body.push(format!("{}。", att.join("，")));
            recs.append(&mut att_recs);
        }
    }
    if portal && rng.chance(0.6) {
        body.push(furniture::photo_credit(f, rng));
    }
    let mut studied = Vec::new();
    if rng.chance(0.15) {
        let law = STUDIED[rng.below(STUDIED.len())];
        body.push(format!("会前学习了《{law}》。"));
        studied.push(law.to_owned());
    }
    for item in f.items {
        let text = item_sentences(item, rng).concat();
        body.push(text.clone());
        item_texts.push(text);
    }
    if chair_after {
        recs.push(Rec::person(Role::Chair, f.chair.person));
        let mut s = format!("会议由{title}{chair_name}主持。");
        if !att.is_empty() {
            s.push_str(&format!("{}。", att.join("，")));
            recs.append(&mut att_recs);
        }
        body.push(s);
    }
    lines.extend(body);
    lines.extend(tail);
    Page {
        lines,
        records: recs,
        doc_number: String::new(),
        date_known,
        chair_title: if chair_named { title } else { String::new() },
        chair_named,
        item_texts,
        studied,
        title: named.title,
        published,
        office,
    }
}

/// Renders prose minutes (现将会议议定事项纪要如下), sometimes behind a portal's metadata block.
pub(crate) fn prose(f: &Facts, rng: &mut Rng) -> Page {
    let named = named(f, rng);
    let title = chair_title(f, rng);
    let chair_name = f.name(f.chair.person).to_owned();
    let year = f.date.year();
    let doc_number = match rng.below(3) {
        0 => f.doc_number.to_owned(),
        1 => format!("第 {} 号", f.number),
        _ => format!("第{}号", f.number),
    };
    let published = f.date.add_days(rng.range(3, 15) as i64);
    let office = format!("{}办公室", f.issuer);
    let mut lines = Vec::new();
    if rng.chance(0.5) {
        lines.push("首页 > 政务公开 > 常务会议纪要".to_owned());
        lines.push(format!(
            "索引号：{:08}/{year}-{:05}",
            rng.range(10_000_000, 99_999_999),
            rng.range(1, 99_999)
        ));
        lines.push(format!("发布机构：{office}"));
        lines.push(format!("文件编号：{doc_number}"));
        lines.push(format!("发布日期：{}", published.iso()));
        lines.push(format!("{}常务会议纪要", f.issuer));
    } else {
        lines.push(format!("{}常务会议纪要", f.issuer));
        lines.push(doc_number.clone());
    }
    let t = f.t();
    let room = [
        format!("{t}政府第一会议室"),
        format!("{t}行政中心第三会议室"),
        format!("{t}政府常务会议室"),
    ][rng.below(3)]
    .clone();
    let comrade = if rng.chance(0.4) { "同志" } else { "" };
    let sep = if rng.chance(0.5) { "。" } else { "，" };
    lines.push(format!(
        "{}{}，{title}{chair_name}{comrade}在{room}主持召开{}{sep}现将会议议定事项纪要如下：",
        f.date.written(),
        f.half,
        named.meeting
    ));
    let mut item_texts = Vec::new();
    for (k, item) in f.items.iter().enumerate() {
        let numeral = hanzi_number(k as u32 + 1);
        let heading = if item.summary.starts_with("听取") && rng.chance(0.5) {
            format!("会议{}", item.summary)
        } else {
            item.heading.clone()
        };
        let heading_line = format!("{numeral}、{heading}");
        let mut text = heading.clone();
        lines.push(heading_line);
        for (j, p) in item.points.iter().enumerate() {
            let line = if j == 0 {
                if p.starts_with("会议") {
                    p.clone()
                } else {
                    format!("会议{p}")
                }
            } else {
                format!(
                    "{}{p}",
                    ["会议指出，", "会议要求，", "会议强调，"][rng.below(3)]
                )
            };
            text.push('\n');
            text.push_str(&line);
            lines.push(line);
        }
        item_texts.push(text);
    }
    if rng.chance(0.3) {
        let (a, b) = furniture::two_editors(rng);
        lines.push(format!("撰稿：{a}  审稿：{b}"));
    }
    Page {
        lines,
        records: vec![Rec::person(Role::Chair, f.chair.person)],
        doc_number,
        date_known: true,
        chair_title: title,
        chair_named: true,
        item_texts,
        studied: Vec::new(),
        title: format!("{}常务会议纪要", f.issuer),
        published: Some(published),
        office,
    }
}
