//! The forms local governments publish their meeting records in, read exactly: one fixture per case, each with its records.
//!
//! Each file under `tests/fixtures/forms/` (`.txt` or `.html`) is a record
//! written for this test, modelled on what district, county and city portals
//! publish: other sectioned layouts of minutes, prose minutes behind a
//! portal's metadata block, news reports of the meeting in many styles, page
//! furniture, and pages that are not the record of one meeting. Its
//! expectation, `NAME.expected` beside it, lists every record read: the
//! meeting's fields, the agenda items, the documents with their decision and
//! lead, every attendance record with its span, and the diagnostics; or the
//! reason the page was refused. `JIYAO_BLESS=1 cargo test -p jiyao-core --test
//! forms` rewrites the expectations after a deliberate change; review the diff.

mod common;

use jiyao_core::extract::{extract, Extraction};
use jiyao_core::load;
use jiyao_core::resolve::Resources;
use std::fmt::Write as _;
use std::path::PathBuf;

fn dir() -> PathBuf {
    common::repo("crates/core/tests/fixtures/forms")
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Writes every record of an extraction, one line each.
fn render(x: &Extraction) -> String {
    let m = &x.meeting;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "meeting kind={} form={} issuer={} level={} term={} ordinal={} date={} half_day={} chair={} chair_title={} combined={} page_date={} doc_number={} inferred={}",
        m.kind.as_str(),
        m.form.as_str(),
        opt(&m.issuer),
        m.level.map(|l| l.as_str()).unwrap_or_default(),
        opt(&m.term),
        opt(&m.ordinal),
        opt(&m.date),
        opt(&m.half_day),
        opt(&m.chair),
        opt(&m.chair_title),
        opt(&m.combined),
        opt(&m.page_date),
        opt(&m.doc_number),
        m.inferred.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(","),
    );
    for i in &x.items {
        let _ = writeln!(
            out,
            "item {} action={} @{}:{} {}",
            i.ordinal,
            opt(&i.action),
            i.span.line,
            i.span.col,
            i.heading
        );
    }
    for d in &x.documents {
        let _ = writeln!(
            out,
            "document 《{}》 item={} kind={} decision={} lead={} next_step={} aliases={} studied={} cited={} @{}:{}",
            d.title,
            opt(&d.item),
            opt(&d.kind),
            opt(&d.decision),
            d.lead.as_ref().map(|o| o.written.as_str()).unwrap_or_default(),
            opt(&d.next_step),
            d.aliases.join("|"),
            d.studied,
            d.cited,
            d.span.line,
            d.span.col,
        );
    }
    for a in &x.attendance {
        let _ = writeln!(
            out,
            "attendance {} org={} org_name={} title={} person={} @{}:{}-{}:{}",
            a.role.as_str(),
            a.org
                .as_ref()
                .map(|o| o.written.as_str())
                .unwrap_or_default(),
            a.org
                .as_ref()
                .and_then(|o| o.canonical.as_deref())
                .unwrap_or_default(),
            opt(&a.title),
            opt(&a.person),
            a.span.line,
            a.span.col,
            a.span.end_line,
            a.span.end_col,
        );
    }
    for d in &x.diagnostics {
        let _ = writeln!(
            out,
            "diagnostic {} @{}:{} {}",
            d.code, d.span.line, d.span.col, d.message
        );
    }
    out
}

fn run(name: &str, bytes: &[u8]) -> String {
    let src = match load::decode(name, bytes) {
        Ok(s) => s,
        Err(e) => return format!("not loaded: {e}\n"),
    };
    match extract(&src, Resources::bundled()) {
        Ok(x) => render(&x),
        Err(e) => format!("refused: {e}\n"),
    }
}

#[test]
fn every_form_reads_exactly() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{} fixtures", names.len());
    let bless = std::env::var_os("JIYAO_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let actual = run(&name, &std::fs::read(path).unwrap());
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        if expected != actual {
            let mut report = format!("{name}:\n");
            let (e, a): (Vec<&str>, Vec<&str>) =
                (expected.lines().collect(), actual.lines().collect());
            for k in 0..e.len().max(a.len()) {
                let (x, y) = (
                    e.get(k).copied().unwrap_or("<none>"),
                    a.get(k).copied().unwrap_or("<none>"),
                );
                if x != y {
                    let _ = writeln!(
                        report,
                        "  line {}:\n    expected: {x}\n    actual:   {y}",
                        k + 1
                    );
                }
            }
            failures.push(report);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
