//! The attendance block of sectioned minutes in other layouts than the seeds'.
//!
//! Headings 出席人员 / 出席领导 / 参加人员, 列席人员, 列席单位, 记录人 and 请假, with
//! a colon, a half-width colon or none; names separated by 、，or spaces, or
//! one department per line; titles before the names (市长甲，副市长乙、丙); and a
//! section marker in the middle of a line (`出席：甲 乙 丙 列席：丁 戊`), as
//! after re-wrapping. Departments listed under 列席单位 are one `attending`
//! record each, with no person.

use super::forms::{Facts, Rec};
use super::rng::Rng;
use jiyao_core::extract::Role;

/// The lines of the attendance block and its records, in page order (the chair of the opening first).
pub(crate) fn attendance(f: &Facts, rng: &mut Rng) -> (Vec<String>, Vec<Rec>) {
    let mut recs = vec![Rec::person(Role::Chair, f.chair.person)];
    let mut lines = Vec::new();
    let colon = ["：", ":", " "][rng.below(3)];
    let sep = ["、", "，", " "][rng.below(3)];
    let join = |ps: &[usize]| {
        ps.iter()
            .map(|&p| f.name(p).to_owned())
            .collect::<Vec<_>>()
            .join(sep)
    };
    // Present.
    let titled = rng.chance(0.3);
    let present = if titled {
        let w = f.world;
        let mut groups = Vec::new();
        let vms: Vec<usize> = f
            .present
            .iter()
            .copied()
            .filter(|&p| p != w.mayor && p != w.exec && p != w.secgen)
            .collect();
        for &p in f.present {
            if p == w.mayor {
                groups.push(format!("{}{}", f.chair_title_of_mayor(), f.name(p)));
            } else if p == w.exec {
                groups.push(format!("常务副{}长{}", f.t(), f.name(p)));
            }
        }
        if !vms.is_empty() {
            groups.push(format!(
                "副{}长{}",
                f.t(),
                vms.iter()
                    .map(|&p| f.name(p))
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        if f.present.contains(&w.secgen) {
            groups.push(format!("{}{}", f.secgen_title(), f.name(w.secgen)));
        }
        // Page order: mayor, executive vice-mayor, vice-mayors, secretary-general.
        let mut order: Vec<usize> = f
            .present
            .iter()
            .copied()
            .filter(|&p| p == w.mayor || p == w.exec)
            .collect();
        order.extend(&vms);
        if f.present.contains(&w.secgen) {
            order.push(w.secgen);
        }
        recs.extend(order.iter().map(|&p| Rec::person(Role::Present, p)));
        format!("出席领导{colon}{}", groups.join("，"))
    } else {
        recs.extend(f.present.iter().map(|&p| Rec::person(Role::Present, p)));
        let heading = ["出席人员", "参加人员", "出席会议人员"][rng.below(3)];
        format!("{heading}{colon}{}", join(f.present))
    };
    let attending = (!f.attending_names.is_empty()).then(|| {
        recs.extend(
            f.attending_names
                .iter()
                .map(|&p| Rec::person(Role::Attending, p)),
        );
        format!("列席人员{colon}{}", join(f.attending_names))
    });
    // A marker mid-line: the attending names run on after the present ones.
    match attending {
        Some(a) if !titled && rng.chance(0.3) => {
            // A marker in mid-line always keeps its colon (… 周伟 列席：张旗 韩卫): without
            // one, 列席 would read as part of the list.
            // 出席人员 is shortened to 出席 only with its colon (出席：甲 乙 列席：丙).
            let present = if colon == " " {
                present
            } else {
                present.replacen("出席人员", "出席", 1)
            };
            let a = a.replacen("列席人员", "列席", 1);
            let a = if colon == " " {
                a.replacen("列席 ", "列席：", 1)
            } else {
                a
            };
            lines.push(format!("{present} {a}"));
        }
        Some(a) => {
            lines.push(present);
            lines.push(a);
        }
        None => lines.push(present),
    }
    // Departments with the person who came: on one line, or one per line.
    if !f.unit_rows.is_empty() {
        let one_per_line = rng.chance(0.4);
        let space = if rng.chance(0.5) { " " } else { "" };
        let parts: Vec<String> = f
            .unit_rows
            .iter()
            .map(|&(u, p)| {
                let w = f.written(u);
                recs.push(Rec::org(Role::Attending, u, w.clone(), Some(p)));
                format!("{w}{space}{}", f.name(p))
            })
            .collect();
        let mut parts = parts;
        // A county's or a district's minutes have no 列席人员 of their own: the departments take the heading.
        if f.local() && f.attending_names.is_empty() {
            if let Some(first) = parts.first_mut() {
                *first = format!("列席人员{colon}{first}");
            }
        }
        if one_per_line {
            lines.extend(parts);
        } else {
            lines.push(parts.join(if space.is_empty() { " " } else { "、" }));
        }
    }
    // Departments without a name.
    if !f.representatives.is_empty() {
        let parts: Vec<String> = f
            .representatives
            .iter()
            .map(|&u| {
                let w = f.written(u);
                recs.push(Rec::org(Role::Attending, u, w.clone(), None));
                w
            })
            .collect();
        lines.push(format!("列席单位{colon}{}", parts.join("、")));
    }
    recs.push(Rec::person(Role::Recorder, f.world.recorder));
    let recorder = format!(
        "{}{colon}{}",
        ["记录人", "记录"][rng.below(2)],
        f.name(f.world.recorder)
    );
    if !f.absent.is_empty() && rng.chance(0.7) {
        recs.extend(f.absent.iter().map(|&p| Rec::person(Role::Absent, p)));
        lines.push(recorder);
        lines.push(format!("请假{colon}{}", join(f.absent)));
    } else {
        lines.push(recorder);
    }
    (lines, recs)
}
