//! Page furniture of a government portal around a news report: never a record.
//!
//! Navigation and breadcrumbs, the font-size and print bar, the source and
//! publication-date line, photo credits (供图, 摄), bylines (记者, 通讯员,
//! 撰稿, 审稿, 责任编辑), a line of advertising, a footer listing officials
//! with their telephone numbers, the copyright line, and a 相关阅读 list of
//! other meetings. The extractor must read the publication date from it and
//! nothing else; the truth holds no record of it.

use super::calendar::Date;
use super::forms::Facts;
use super::rng::Rng;

/// Names of reporters and editors (none of them an official of the generated world's meetings).
const STAFF: &[&str] = &[
    "周晓岚",
    "钱一鸣",
    "孙蕾",
    "邓小勇",
    "严冬青",
    "鲁一鸣",
    "陶然",
    "华颖",
    "丁一帆",
    "鞠文静",
    "庞立",
    "尤嘉怡",
];

/// Two different members of the portal's staff.
pub(crate) fn two_editors(rng: &mut Rng) -> (&'static str, &'static str) {
    let picks = rng.sample_sorted(STAFF.len(), 2);
    (STAFF[picks[0]], STAFF[picks[1]])
}

/// A photo credit placed below the first paragraph.
pub(crate) fn photo_credit(f: &Facts, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{}融媒体中心供图", f.place()),
        1 => format!("（记者 {} 摄）", STAFF[rng.below(STAFF.len())]),
        _ => "图为会议现场".to_owned(),
    }
}

/// The portal's lines before the report (navigation, title, source and date) and after it (bylines, advertising, footer).
pub(crate) fn portal(
    f: &Facts,
    title: &str,
    published: Option<Date>,
    rng: &mut Rng,
) -> (Vec<String>, Vec<String>) {
    let city = f.city();
    let place = f.place();
    let t = f.t();
    let mut head = Vec::new();
    head.push(
        match rng.below(3) {
            0 => "首页 > 政务公开 > 常务会议",
            1 => "当前位置：首页 | 新闻中心 | 政府常务会议",
            _ => "首页 | 政务公开 | 常务会议",
        }
        .to_owned(),
    );
    if rng.chance(0.5) {
        head.push("【字体：大 中 小】 打印本页 关闭窗口".to_owned());
    }
    head.push(title.to_owned());
    let (a, b) = two_editors(rng);
    match published {
        Some(p) if rng.chance(0.5) => head.push(format!(
            "来源：{place}融媒体中心  发布时间：{} {:02}:{:02}",
            p.iso(),
            rng.range(8, 18),
            rng.below(60)
        )),
        Some(p) => head.push(format!(
            "{} {:02}:{:02} 来源：{city}发布 作者：{a}",
            p.iso(),
            rng.range(8, 18),
            rng.below(60)
        )),
        None => head.push(format!("来源：{place}人民政府办公室")),
    }
    let mut tail = Vec::new();
    match rng.below(3) {
        0 => tail.push(format!("（记者 {a}  通讯员 {b}）")),
        1 => tail.push(format!("撰稿：{a}  审稿：{b}")),
        _ => {}
    }
    tail.push(format!("责任编辑：{b}"));
    if rng.chance(0.5) {
        tail.push(format!("扫码关注“{city}发布”微信公众号"));
    }
    if rng.chance(0.3) {
        tail.push(format!(
            "【推广】{city}文旅惠民卡火热发售中，详询0{}-{}",
            rng.range(510, 599),
            rng.range(60_000_000, 69_999_999)
        ));
    }
    if f.ordinal > 3 && rng.chance(0.4) {
        tail.push("相关阅读".to_owned());
        for k in 1..=3 {
            tail.push(format!("{t}政府召开第{}次常务会议", f.ordinal - k));
        }
    }
    if rng.chance(0.5) {
        // A footer of the leaders' office with telephone numbers: names of officials, and no record.
        let area = rng.range(510, 599);
        let mut parts = vec![format!(
            "{t}长 {} 电话：0{area}-{}",
            f.name(f.world.mayor),
            rng.range(60_000_000, 69_999_999)
        )];
        if let Some(&v) = f.world.vms.first() {
            parts.push(format!(
                "副{t}长 {} 电话：0{area}-{}",
                f.name(v),
                rng.range(60_000_000, 69_999_999)
            ));
        }
        tail.push(parts.join("  "));
    }
    tail.push(format!(
        "版权所有：{place}人民政府  主办：{place}人民政府办公室  苏ICP备{:08}号",
        rng.range(10_000_000, 99_999_999)
    ));
    (head, tail)
}
