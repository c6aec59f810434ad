//! Pages in traditional script (繁體): matching runs on the simplified view, records keep the characters as written.
//!
//! Two kinds of check. The seeds rendered in traditional script with OpenCC's
//! simplified → traditional characters must give, record for record and span for span,
//! what their simplified view gives, with the characters as written in every
//! field read from the text. And a short hand-written page in traditional
//! script must give the exact records listed here.

mod common;

use common::{seed_bytes, SEEDS};
use jiyao_core::date::Date;
use jiyao_core::extract::{extract, Extraction, Role};
use jiyao_core::load::decode;
use jiyao_core::load::simplify::{to_simplified, to_traditional};
use jiyao_core::resolve::Resources;

fn run(name: &str, text: &str) -> Extraction {
    let src = decode(name, text.as_bytes()).unwrap();
    extract(&src, Resources::bundled()).unwrap()
}

fn json(x: &Extraction) -> String {
    serde_json::to_string_pretty(x).unwrap()
}

#[test]
fn seeds_in_traditional_script_give_the_records_of_their_simplified_view() {
    for stem in SEEDS {
        let simplified = String::from_utf8(seed_bytes(stem)).unwrap();
        let traditional = to_traditional(&simplified);
        assert_ne!(traditional, simplified, "{stem}: OpenCC changed nothing");
        let view = to_simplified(&traditional);
        let name = format!("{stem}.txt");
        let from_traditional = run(&name, &traditional);
        let from_view = run(&name, &view);
        // Same records, same spans, once the written characters are simplified.
        let (a, b) = (to_simplified(&json(&from_traditional)), json(&from_view));
        for (la, lb) in a.lines().zip(b.lines()) {
            assert_eq!(la, lb, "{stem}");
        }
        assert_eq!(a, b, "{stem}");
        // And as many records as the seed itself gives.
        let seed = run(&name, &simplified);
        assert_eq!(
            from_traditional.attendance.len(),
            seed.attendance.len(),
            "{stem}"
        );
        assert_eq!(
            from_traditional.documents.len(),
            seed.documents.len(),
            "{stem}"
        );
        assert_eq!(from_traditional.items.len(), seed.items.len(), "{stem}");
        assert_eq!(from_traditional.topics.len(), seed.topics.len(), "{stem}");
        // Every person and department is kept as written: a substring of the traditional
        // text once blanks and line breaks (which lists are wrapped with) are dropped.
        let traditional: String = traditional.chars().filter(|c| !c.is_whitespace()).collect();
        for a in &from_traditional.attendance {
            if let Some(p) = &a.person {
                assert!(traditional.contains(p.as_str()), "{stem}: {p}");
            }
            if let Some(o) = &a.org {
                assert!(
                    traditional.contains(o.written.as_str()),
                    "{stem}: {}",
                    o.written
                );
            }
        }
        for d in &from_traditional.documents {
            let title: String = d.title.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(traditional.contains(title.as_str()), "{stem}: {}", d.title);
        }
    }
}

/// A page written for this test, in traditional script, with Suzhou's departments.
const PAGE: &str = "蘇州市人民政府
常務會議紀要
〔2023〕第9號
2023年5月8日上午，吳慶文市長主持召開市政府第31次常務會議，研究了以下事項：
一、審議《蘇州市數字經濟發展規劃（2023—2025年）》
會議原則同意《蘇州市數字經濟發展規劃（2023—2025年）》，由市工信局會同市發展改革委修改完善後印發實施。
出席：吳慶文　王翔　顧海東
列席：市工信局蔡劍峰　市衛健委譚偉良
記錄：張麗
";

/// Role, department as written, canonical name, person, line, column.
type Row<'a> = (
    Role,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    u32,
    u32,
);

#[test]
fn a_traditional_page_keeps_its_characters_in_every_record() {
    let x = run("page.txt", PAGE);
    assert_eq!(x.meeting.issuer.as_deref(), Some("蘇州市人民政府"));
    assert_eq!(x.meeting.date.map(Date::iso).as_deref(), Some("2023-05-08"));
    assert_eq!(x.meeting.half_day.as_deref(), Some("上午"));
    assert_eq!(x.meeting.chair.as_deref(), Some("吳慶文"));
    assert_eq!(x.meeting.chair_title.as_deref(), Some("市長"));
    assert_eq!(x.meeting.ordinal, Some(31));
    let rows: Vec<Row> = x
        .attendance
        .iter()
        .map(|a| {
            (
                a.role,
                a.org.as_ref().map(|o| o.written.as_str()),
                a.org.as_ref().and_then(|o| o.canonical.as_deref()),
                a.person.as_deref(),
                a.span.line,
                a.span.col,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Role::Chair, None, None, Some("吳慶文"), 4, 13),
            (Role::Present, None, None, Some("吳慶文"), 7, 4),
            (Role::Present, None, None, Some("王翔"), 7, 8),
            (Role::Present, None, None, Some("顧海東"), 7, 11),
            (
                Role::Attending,
                Some("市工信局"),
                Some("苏州市工业和信息化局"),
                Some("蔡劍峰"),
                8,
                4
            ),
            (
                Role::Attending,
                Some("市衛健委"),
                Some("苏州市卫生健康委员会"),
                Some("譚偉良"),
                8,
                12
            ),
            (Role::Recorder, None, None, Some("張麗"), 9, 4),
        ]
    );
    let d = &x.documents[0];
    assert_eq!(d.title, "蘇州市數字經濟發展規劃（2023—2025年）");
    assert_eq!(d.decision.as_deref(), Some("原则同意"));
    let lead = d.lead.as_ref().unwrap();
    assert_eq!(
        (lead.written.as_str(), lead.canonical.as_deref()),
        ("市工信局", Some("苏州市工业和信息化局"))
    );
    assert_eq!(
        d.co_leads
            .iter()
            .map(|o| o.written.as_str())
            .collect::<Vec<_>>(),
        ["市發展改革委"]
    );
}

fn try_run(name: &str, text: &str) -> Result<Extraction, String> {
    let src = decode(name, text.as_bytes()).unwrap();
    extract(&src, Resources::bundled()).map_err(|e| e.to_string())
}

/// Every forms fixture (news reports, prose minutes, other layouts, refusals) rendered in traditional script reads as its simplified view does, end to end.
#[test]
fn forms_in_traditional_script_give_the_records_of_their_simplified_view() {
    let mut converted = 0;
    for (name, text) in common::forms_fixtures() {
        let traditional = to_traditional(&text);
        if traditional == text {
            continue;
        }
        converted += 1;
        let view = to_simplified(&traditional);
        match (try_run(&name, &traditional), try_run(&name, &view)) {
            (Ok(t), Ok(v)) => {
                assert_eq!(to_simplified(&json(&t)), json(&v), "{name}");
                // --simplified: the records' written text is the view's, field for field.
                let mut s = t.clone();
                s.simplify();
                s.diagnostics = v.diagnostics.clone();
                assert_eq!(json(&s), json(&v), "{name} (simplified)");
                assert_eq!(t.attendance.len(), v.attendance.len(), "{name}");
            }
            (Err(t), Err(v)) => assert_eq!(to_simplified(&t), v, "{name}"),
            (t, v) => panic!("{name}: traditional {:?}, view {:?}", t.err(), v.err()),
        }
    }
    assert!(converted >= 40, "{converted} fixtures converted");
}
