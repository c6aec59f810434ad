//! Why who is who goes wrong on a generated corpus: every false split and false merge of `jiyao eval`'s identity row, by cause and by the form of the pages involved.
//!
//! ```sh
//! cargo run --release -p jiyao-synth --example identity_errors -- [--synth MEETINGS SEED] [--eval] DIR [EXAMPLES]
//! ```
//!
//! `DIR` is a corpus written by `jiyao synth` (`minutes/` and `truth/`), or
//! written there first with `--synth` (the same corpus `jiyao synth
//! --meetings MEETINGS --seed SEED` writes); `--eval` prints `jiyao eval`'s
//! report first. EXAMPLES (default 5) cases of each cause are listed; the
//! pages whose people are of an unknown government (no issuer read) are
//! counted by form, with how many of them name their city somewhere, and
//! listed one a line on standard error.
//! Records are paired with the truth as `jiyao eval` pairs them
//! ([`identity::predicted`]). For each true person the commonest predicted
//! person is its main one; every other is a false split, put down to the
//! first difference from the main person's key: the government (unknown,
//! or another one: a mover or a misread issuer), the name (the script of
//! the page, or another reading), or the disambiguator (a name split by
//! organisation at one meeting). Each predicted person holding several true
//! people is false merges, put down to what the people share: the unknown
//! government, or a government with namesakes in it.

use jiyao_core::extract::extract_file;
use jiyao_core::load::simplify::to_simplified;
use jiyao_core::resolve::people::People;
use jiyao_core::resolve::Resources;
use jiyao_synth::identity::{self, PairKey};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A predicted person key, split into government, name and disambiguator.
fn parts(key: &str) -> (&str, &str, &str) {
    let mut it = key.splitn(3, '/');
    (
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
    )
}

/// The cause of a false split: how the extra predicted person differs from the main one.
fn split_cause(main: &str, other: &str) -> &'static str {
    let (g0, n0, d0) = parts(main);
    let (g1, n1, d1) = parts(other);
    if g0 != g1 {
        if g0 == "unknown" || g1 == "unknown" {
            "government unknown"
        } else {
            "other government"
        }
    } else if n0 != n1 {
        if to_simplified(n0) == to_simplified(n1) {
            "name: script"
        } else {
            "name: other reading"
        }
    } else if d0 != d1 {
        "split by organisation"
    } else {
        "other"
    }
}

/// Reads a CSV as rows of named columns.
fn rows(path: &Path, columns: &[&str]) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().expect("a header").clone();
    let at: Vec<usize> = columns
        .iter()
        .map(|c| headers.iter().position(|h| h == *c).expect(c))
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("a record");
            at.iter().map(|&i| rec[i].to_owned()).collect()
        })
        .collect()
}

fn main() {
    let usage = "usage: identity_errors [--synth MEETINGS SEED] [--eval] DIR [EXAMPLES]";
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let res = Resources::bundled();
    let synth = args.iter().position(|a| a == "--synth").map(|i| {
        let v: Vec<String> = args.drain(i..i + 3).collect();
        (
            v[1].parse::<usize>().expect(usage),
            v[2].parse::<u64>().expect(usage),
        )
    });
    let eval = args
        .iter()
        .position(|a| a == "--eval")
        .map(|i| args.remove(i));
    let dir = PathBuf::from(args.first().expect(usage));
    let examples: usize = args.get(1).map_or(5, |n| n.parse().expect(usage));
    if let Some((meetings, seed)) = synth {
        let config = jiyao_synth::Config { meetings, seed };
        jiyao_synth::write_corpus(&config, res, &dir).expect("a corpus");
    }
    if eval.is_some() {
        let opts = jiyao_synth::eval::Options::default();
        let report = jiyao_synth::eval::evaluate(&dir, &dir.join("truth"), res, &opts)
            .expect("an evaluation");
        print!("{}", report.to_text());
    }
    let files = jiyao_core::load::files(&dir.join("minutes"), false).expect("minutes/");
    let predicted: Vec<(PairKey, String)> = files
        .par_iter()
        .flat_map_iter(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            match extract_file(path, res) {
                Ok(x) => identity::predicted(&name, &x, People::bundled()),
                Err(_) => Vec::new(),
            }
        })
        .collect();
    let truth = dir.join("truth");
    let meetings = rows(&truth.join("meetings.csv"), &["doc", "form", "issuer"]);
    let form: HashMap<String, String> = meetings
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    // Pages whose people are of an unknown government, and how many of them name their city somewhere.
    let unknown: Vec<&String> = {
        let mut docs: Vec<&String> = predicted
            .iter()
            .filter(|(_, p)| p.starts_with("unknown/"))
            .map(|(k, _)| &k[0])
            .collect();
        docs.sort();
        docs.dedup();
        docs
    };
    let mut naming: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut naming_examples = Vec::new();
    for doc in &unknown {
        let Some(m) = meetings.iter().find(|r| &r[0] == *doc) else {
            continue;
        };
        let city = to_simplified(&m[2]).replace("市人民政府", "");
        let text = std::fs::read(dir.join("minutes").join(doc)).unwrap_or_default();
        let text = to_simplified(&String::from_utf8_lossy(&text));
        eprintln!("unknown government: {doc} ({city})");
        let e = naming.entry(m[1].clone()).or_default();
        e.0 += 1;
        if !city.is_empty() && text.contains(&format!("{city}市")) {
            e.2 += 1;
        }
        if !city.is_empty() && text.contains(&city) {
            e.1 += 1;
            if naming_examples.len() < examples {
                naming_examples.push(format!("{doc} ({city})"));
            }
        }
    }
    println!(
        "pages of unknown government: {} ({})",
        unknown.len(),
        naming
            .iter()
            .map(|(f, (n, named, full))| {
                format!("{f} {n}, {named} of them name their city, {full} as X市")
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    if !naming_examples.is_empty() {
        println!("  e.g. {}", naming_examples.join(", "));
    }
    let mut want: HashMap<PairKey, Vec<String>> = HashMap::new();
    for r in rows(
        &truth.join("attendance.csv"),
        &["doc", "role", "org", "person", "person_id"],
    )
    .into_iter()
    .rev()
    {
        if !r[3].is_empty() {
            let key: PairKey = [r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()];
            want.entry(key).or_default().push(r[4].clone());
        }
    }
    // True person → predicted person → documents of its records.
    let mut by_truth: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut by_pred: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (key, p) in predicted {
        if let Some(id) = want.get_mut(&key).and_then(Vec::pop) {
            by_truth
                .entry(id.clone())
                .or_default()
                .entry(p.clone())
                .or_default()
                .push(key[0].clone());
            by_pred
                .entry(p)
                .or_default()
                .entry(id)
                .or_default()
                .push(key[0].clone());
        }
    }
    let form_of = |docs: &[String]| -> String {
        let mut n: BTreeMap<&str, usize> = BTreeMap::new();
        for d in docs {
            *n.entry(form.get(d).map_or("?", String::as_str))
                .or_default() += 1;
        }
        n.into_iter()
            .max_by_key(|(_, c)| *c)
            .map_or("?".to_owned(), |(f, _)| f.to_owned())
    };
    // Cause → form → count, and a few examples per cause.
    let mut splits: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut split_examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (id, preds) in &by_truth {
        let mut preds: Vec<(&String, &Vec<String>)> = preds.iter().collect();
        preds.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let main = preds[0].0;
        for (p, docs) in &preds[1..] {
            let cause = split_cause(main, p);
            *splits
                .entry(cause)
                .or_default()
                .entry(form_of(docs))
                .or_default() += 1;
            let ex = split_examples.entry(cause).or_default();
            if ex.len() < examples {
                ex.push(format!(
                    "{id}: {main} ({} records) / {p} ({} records, {})",
                    preds[0].1.len(),
                    docs.len(),
                    docs.join(" ")
                ));
            }
        }
    }
    let mut merges: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut merge_examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (p, ids) in &by_pred {
        if ids.len() < 2 {
            continue;
        }
        let cause = match parts(p).0 {
            "unknown" => "government unknown",
            _ if parts(p).2.is_empty() => "namesakes in one government",
            _ => "namesakes in one organisation",
        };
        let mut ids: Vec<(&String, &Vec<String>)> = ids.iter().collect();
        ids.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        for (id, docs) in &ids[1..] {
            *merges
                .entry(cause)
                .or_default()
                .entry(form_of(docs))
                .or_default() += 1;
            let ex = merge_examples.entry(cause).or_default();
            if ex.len() < examples {
                ex.push(format!(
                    "{p}: {} ({} records) + {id} ({} records, {})",
                    ids[0].0,
                    ids[0].1.len(),
                    docs.len(),
                    docs.join(" ")
                ));
            }
        }
    }
    for (title, table, ex) in [
        ("false splits", &splits, &split_examples),
        ("false merges", &merges, &merge_examples),
    ] {
        let total: usize = table.values().flat_map(BTreeMap::values).sum();
        println!("{title}: {total}");
        for (cause, forms) in table {
            let n: usize = forms.values().sum();
            let forms: Vec<String> = forms.iter().map(|(f, c)| format!("{f} {c}")).collect();
            println!("  {cause:<30} {n:>6}   {}", forms.join(", "));
        }
        for (cause, lines) in ex {
            println!("  e.g. {cause}:");
            for l in lines {
                println!("    {l}");
            }
        }
    }
}
