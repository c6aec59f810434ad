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
use jiyao_core::load::simplify::{to_simplified, to_traditional, Script};
use jiyao_core::rdf::iri::{Base, DEFAULT_BASE};
use jiyao_core::rdf::vocab::{foaf, skos};
use jiyao_core::rdf::Mapper;
use jiyao_core::resolve::people::People;
use jiyao_core::resolve::Resources;
use oxrdf::{NamedOrBlankNode, Term};
use std::collections::BTreeMap;

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
        // Same records, same spans, once the written characters are simplified; only the page's script differs.
        assert_eq!(
            (from_traditional.script, from_view.script),
            (Script::Traditional, Script::Simplified),
            "{stem}"
        );
        let mut as_view = from_traditional.clone();
        as_view.script = Script::Simplified;
        let (a, b) = (to_simplified(&json(&as_view)), json(&from_view));
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

/// The people of a page's graph: (IRI after `person/`, `foaf:name`, `skos:altLabel`s with their language), sorted.
fn people_of(x: &Extraction) -> Vec<(String, String, Vec<String>)> {
    let base = Base::default();
    let g = Mapper::new(&base, Resources::bundled(), People::bundled()).document(x);
    let mut out: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for q in &g.quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let Some(key) = s.as_str().strip_prefix(&format!("{DEFAULT_BASE}person/")) else {
            continue;
        };
        let person = out.entry(key.to_owned()).or_default();
        match &q.object {
            Term::Literal(l) if q.predicate == foaf::NAME => person.0 = l.value().to_owned(),
            Term::Literal(l) if q.predicate == skos::ALT_LABEL => {
                person
                    .1
                    .push(format!("{}@{}", l.value(), l.language().unwrap_or("")))
            }
            _ => {}
        }
    }
    out.into_iter().map(|(k, (n, a))| (k, n, a)).collect()
}

/// A page in traditional script names the people of its simplified view: same IRIs and names, with the written form as an alternative label.
#[test]
fn a_traditional_pages_people_are_its_simplified_views() {
    let x = run("page.txt", PAGE);
    assert_eq!(x.script, Script::Traditional);
    let person = |simplified: &str, written: &str| {
        let alt = if simplified == written {
            vec![]
        } else {
            vec![format!("{written}@zh-hant")]
        };
        (
            format!("苏州市人民政府/{simplified}"),
            simplified.to_owned(),
            alt,
        )
    };
    let mut want = vec![
        person("吴庆文", "吳慶文"),
        person("王翔", "王翔"),
        person("顾海东", "顧海東"),
        person("蔡剑峰", "蔡劍峰"),
        person("谭伟良", "譚偉良"),
        person("张丽", "張麗"),
    ];
    want.sort();
    assert_eq!(people_of(&x), want);
    // The simplified page of the same meeting names the same people, without the labels.
    let view = run("page.txt", &to_simplified(PAGE));
    assert_eq!(view.script, Script::Simplified);
    let unlabelled: Vec<_> = want
        .into_iter()
        .map(|(iri, name, _)| (iri, name, vec![]))
        .collect();
    assert_eq!(people_of(&view), unlabelled);
}

/// The seeds are simplified pages, whose names stay as written: 王颺 is not 王飏, 都锺邑 not 都钟邑.
#[test]
fn the_seeds_are_simplified_and_keep_their_names() {
    let mut names = Vec::new();
    for stem in SEEDS {
        let text = String::from_utf8(seed_bytes(stem)).unwrap();
        let x = run(&format!("{stem}.txt"), &text);
        assert_eq!(x.script, Script::Simplified, "{stem}");
        assert_eq!(
            run(&format!("{stem}.txt"), &to_traditional(&text)).script,
            Script::Traditional,
            "{stem}"
        );
        for (_, name, alt) in people_of(&x) {
            assert!(alt.is_empty(), "{stem}: {name}");
            if name == "王颺" || name == "都锺邑" {
                names.push(name);
            }
        }
    }
    names.sort();
    assert_eq!(names, ["王颺", "都锺邑"]);
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
            (Ok(mut t), Ok(v)) => {
                // The page's script is the one difference besides the written characters.
                assert_eq!(
                    (t.script, v.script),
                    (Script::Traditional, Script::Simplified),
                    "{name}"
                );
                t.script = Script::Simplified;
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
