//! The generated corpus: determinism, well-formedness, and the extractor's scores on it.
//!
//! Scores are asserted as lower bounds a little below what the extractor
//! achieved when the test was written (measured values in the comments), so
//! that a regression fails the test while an improvement does not.

use jiyao_core::extract::{extract, Role};
use jiyao_core::load;
use jiyao_core::resolve::Resources;
use jiyao_synth::eval::{evaluate, Options};
use jiyao_synth::{generate, write_corpus, Config, Generated};

fn corpus(meetings: usize, seed: u64) -> Vec<Generated> {
    let mut out = Vec::new();
    generate(&Config { meetings, seed }, Resources::bundled(), |g| {
        out.push(g);
        Ok::<_, jiyao_synth::SynthError>(())
    })
    .unwrap();
    out
}

#[test]
fn the_same_seed_gives_identical_files() {
    let a = corpus(40, 11);
    let b = corpus(40, 11);
    assert_eq!(a.len(), 40);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.file_name, y.file_name);
        assert_eq!(x.bytes, y.bytes, "{}", x.file_name);
        assert_eq!(
            (&x.meeting, &x.attendance, &x.documents, &x.topics),
            (&y.meeting, &y.attendance, &y.documents, &y.topics)
        );
    }
    let c = corpus(40, 12);
    assert!(
        a.iter().zip(&c).any(|(x, y)| x.bytes != y.bytes),
        "another seed gives another corpus"
    );
}

#[test]
fn written_corpora_are_byte_identical() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = Config {
        meetings: 25,
        seed: 3,
    };
    let s1 = write_corpus(&config, Resources::bundled(), d1.path()).unwrap();
    let s2 = write_corpus(&config, Resources::bundled(), d2.path()).unwrap();
    assert_eq!(s1, s2);
    assert_eq!(s1.files, 25);
    for sub in ["minutes", "truth"] {
        let mut names: Vec<_> = std::fs::read_dir(d1.path().join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for n in names {
            let a = std::fs::read(d1.path().join(sub).join(&n)).unwrap();
            let b = std::fs::read(d2.path().join(sub).join(&n)).unwrap();
            assert_eq!(a, b, "{sub}/{n:?}");
        }
    }
}

#[test]
fn generated_minutes_parse_as_minutes() {
    let res = Resources::bundled();
    let all = corpus(120, 5);
    let mut kinds = std::collections::BTreeSet::new();
    let mut forms = std::collections::BTreeSet::new();
    for g in &all {
        kinds.insert(g.meeting.delivery.clone());
        let src =
            load::decode(&g.file_name, &g.bytes).unwrap_or_else(|e| panic!("{}: {e}", g.file_name));
        let x = extract(&src, res).unwrap_or_else(|e| panic!("{}: {e}", g.file_name));
        assert!(!x.items.is_empty(), "{}: no agenda item", g.file_name);
        forms.insert(g.meeting.form.clone());
        // Sectioned minutes list everyone; reports and prose minutes name a few, or only the chair.
        let least = if g.meeting.form.starts_with("sectioned") {
            11
        } else {
            g.attendance.len().min(1)
        };
        assert!(
            x.attendance.len() >= least,
            "{}: {} attendance records",
            g.file_name,
            x.attendance.len()
        );
    }
    // Every delivery form and every form of publication occurs in a corpus this size.
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    assert_eq!(
        forms.len(),
        jiyao_synth::forms::Form::ALL.len(),
        "{forms:?}"
    );
}

#[test]
fn every_person_starts_with_a_known_surname() {
    let res = Resources::bundled();
    for g in corpus(150, 9) {
        for row in &g.attendance {
            let person = &row.person;
            if person.is_empty() {
                // An unnamed representative, or a department whose 负责同志 attended (a report).
                assert!(
                    row.role == Role::Representative
                        || (row.role == Role::Attending && !row.org.is_empty()),
                    "{} in {}",
                    row.role.as_str(),
                    g.file_name
                );
                continue;
            }
            // Pages in traditional script keep their names as written; the surname list is simplified.
            let person = jiyao_core::load::simplify::to_simplified(person);
            let chars: Vec<char> = person.chars().collect();
            assert!((2..=4).contains(&chars.len()), "{person}");
            assert!(
                res.surnames.surname_len(&chars).is_some(),
                "{person} in {}",
                g.file_name
            );
        }
    }
}

#[test]
fn document_titles_appear_in_the_text() {
    for g in corpus(60, 2) {
        let Ok(text) = std::str::from_utf8(&g.bytes) else {
            continue;
        };
        for d in &g.documents {
            // Titles may be broken by a page break; compare without line ends.
            let flat: String = text.chars().filter(|c| *c != '\n' && *c != '\r').collect();
            assert!(
                flat.contains(d.title.as_str()),
                "{}: title {} not in the text",
                g.file_name,
                d.title
            );
        }
    }
}

#[test]
fn the_extractor_scores_on_a_small_corpus() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(
        &Config {
            meetings: 200,
            seed: 7,
        },
        Resources::bundled(),
        dir.path(),
    )
    .unwrap();
    let report = evaluate(
        dir.path(),
        &dir.path().join("truth"),
        Resources::bundled(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(report.documents, 200);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let f1 = |name: &str| report.tables.iter().find(|t| t.table == name).unwrap().f1;
    // Measured when written: attendance 0.889, meetings 1.000, documents 0.967, topics 1.000.
    // Since the extractor separates records of departments the gazetteer does not know
    // (other cities' districts) instead of running them together, those records count as
    // false positives on org_name, which only the gazetteer can fill: attendance measured
    // 0.857, documents 1.000. Segmentation alone is checked below with org_name left out.
    assert!(
        f1("attendance") >= 0.85,
        "attendance F1 {}",
        f1("attendance")
    );
    assert!(f1("meetings") >= 0.97, "meetings F1 {}", f1("meetings"));
    assert!(f1("documents") >= 0.93, "documents F1 {}", f1("documents"));
    assert!(f1("topics") >= 0.97, "topics F1 {}", f1("topics"));
    // Who attended, in which role, under which department as written: measured 0.997.
    let segmentation = evaluate(
        dir.path(),
        &dir.path().join("truth"),
        Resources::bundled(),
        &Options {
            ignore: vec!["org_name".to_owned()],
            by: Some("form".to_owned()),
            ..Options::default()
        },
    )
    .unwrap();
    let seg = segmentation
        .tables
        .iter()
        .find(|t| t.table == "attendance")
        .unwrap()
        .f1;
    assert!(seg >= 0.99, "attendance F1 without org_name {seg}");
    // Each form of publication, org_name left out. Measured when written (attendance,
    // meetings, documents): sectioned 1.000 1.000 1.000; sectioned-other 0.995 1.000 1.000;
    // prose 1.000 1.000 1.000; report 0.969 1.000 0.939 and report-portal 0.966 1.000 0.940
    // (the extractor misses plans reviewed without 《》 in reports, and a few running-text
    // attendance shapes); traditional 1.000 1.000 1.000.
    let bounds = [
        ("sectioned", 0.99, 0.99, 0.99),
        ("sectioned-other", 0.98, 0.99, 0.99),
        ("prose", 0.99, 0.99, 0.99),
        ("report", 0.95, 0.99, 0.92),
        ("report-portal", 0.95, 0.99, 0.92),
        ("traditional", 0.95, 0.95, 0.95),
    ];
    assert_eq!(segmentation.groups.len(), bounds.len());
    for (form, attendance, meetings, documents) in bounds {
        let g = segmentation
            .groups
            .iter()
            .find(|g| g.value == form)
            .unwrap_or_else(|| panic!("no {form} in the corpus"));
        let f1 = |name: &str| g.tables.iter().find(|t| t.table == name).unwrap().f1;
        assert!(
            f1("attendance") >= attendance,
            "{form}: attendance {}",
            f1("attendance")
        );
        assert!(
            f1("meetings") >= meetings,
            "{form}: meetings {}",
            f1("meetings")
        );
        assert!(
            f1("documents") >= documents,
            "{form}: documents {}",
            f1("documents")
        );
    }
}

#[test]
fn what_the_truth_says_is_on_the_page() {
    // The truth of the new forms is what their pages say: every person, department,
    // chair and document title of the truth is written on the page, as written.
    for g in corpus(150, 4) {
        if g.meeting.form == "sectioned" {
            continue;
        }
        let src = load::decode(&g.file_name, &g.bytes).unwrap();
        let flat: String = src.text.chars().filter(|c| !c.is_whitespace()).collect();
        let on_page = |s: &str| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            flat.contains(&s)
        };
        let m = &g.meeting;
        for field in [&m.chair, &m.chair_title, &m.doc_number] {
            assert!(on_page(field), "{}: {field}", g.file_name);
        }
        for a in &g.attendance {
            assert!(on_page(&a.person), "{}: {}", g.file_name, a.person);
            assert!(on_page(&a.org), "{}: {}", g.file_name, a.org);
        }
        for d in &g.documents {
            assert!(on_page(&d.title), "{}: {}", g.file_name, d.title);
            assert!(on_page(&d.lead_org), "{}: {}", g.file_name, d.lead_org);
        }
        if g.meeting.chair.is_empty() {
            assert!(g.attendance.iter().all(|a| a.role != Role::Chair));
        }
    }
}
