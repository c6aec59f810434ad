//! The `jiyao` binary, driven as users drive it, in a temporary directory per test.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::repo;
use std::process::{Command, Output};

fn jiyao(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiyao"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn attendance_table_of_the_bundled_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let minutes = repo("data/minutes");
    let o = jiyao(
        &[
            "extract",
            minutes.to_str().unwrap(),
            "--format",
            "csv",
            "--table",
            "attendance",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "doc,meeting,date,role,org,org_name,person,line,col,org_kind,note,doc_number,title"
    );
    assert_eq!(lines.clone().count(), 80 + 81 + 77);
    assert!(out.contains("001_e66f49d85cb24354.txt,115,2020-11-02,attending,市工信局,苏州市工业和信息化局,蔡剑峰,70,"));
    assert!(out.contains("000_4fe69c810812ccb5.txt,63,2019-04-10,representative,苏州军分区,"));
    // The one warning the seeds deserve is printed with file and line.
    assert!(
        stderr(&o).contains("004_acb563e421b872c8.txt:68:1: warning[person-two-orgs]: 黄戟"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn tsv_meetings_table() {
    let dir = tempfile::tempdir().unwrap();
    let f = repo("data/minutes/000_4fe69c810812ccb5.txt");
    let o = jiyao(
        &[
            "extract",
            f.to_str().unwrap(),
            "-f",
            "tsv",
            "-t",
            "meetings",
        ],
        dir.path(),
    );
    assert!(o.status.success());
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        &rows[0][..9],
        &[
            "doc",
            "doc_number",
            "meeting",
            "date",
            "half_day",
            "chair",
            "chair_title",
            "compiled",
            "issued"
        ]
    );
    assert_eq!(
        &rows[1][..9],
        &[
            "000_4fe69c810812ccb5.txt",
            "〔2019〕15号",
            "63",
            "2019-04-10",
            "上午",
            "李亚平",
            "市长",
            "2019-04-28",
            "2019-04-29"
        ]
    );
}

#[test]
fn json_is_the_whole_document() {
    let dir = tempfile::tempdir().unwrap();
    let f = repo("data/minutes/004_acb563e421b872c8.txt");
    let o = jiyao(&["extract", f.to_str().unwrap()], dir.path());
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let doc = &v[0];
    assert_eq!(doc["meeting"]["ordinal"], 86);
    assert_eq!(doc["items"].as_array().unwrap().len(), 5);
    assert_eq!(doc["documents"][2]["title"], "苏州市献血条例修正案（草案）");
    assert_eq!(doc["attendance"][0]["role"], "chair");
}

#[test]
fn a_bad_file_is_named_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "购物清单：苹果、梨\n").unwrap();
    std::fs::write(dir.path().join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    std::fs::copy(
        repo("data/minutes/001_e66f49d85cb24354.txt"),
        dir.path().join("001.txt"),
    )
    .unwrap();
    let o = jiyao(
        &[
            "extract", ".", "--format", "csv", "--table", "meetings", "--quiet",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error: notes.txt: not meeting minutes"),
        "{err}"
    );
    assert!(err.contains("error: image.png: not a text file"), "{err}");
    assert_eq!(
        stdout(&o).lines().count(),
        2,
        "the good file is still extracted"
    );
}

#[test]
fn missing_file_and_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = jiyao(&["extract", "nope.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nope.txt: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = jiyao(&["extract", "--table", "nonsense", "x"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn simplified_prints_the_written_text_in_simplified_characters() {
    let dir = tempfile::tempdir().unwrap();
    let page = repo("crates/core/tests/fixtures/forms/f52_trad_report_party_study_combined.txt");
    let page = page.to_str().unwrap();
    let table = |extra: &[&str]| {
        let mut args = vec!["extract", page, "-q", "-f", "csv", "-t", "attendance"];
        args.extend_from_slice(extra);
        let o = jiyao(&args, dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let doc = "f52_trad_report_party_study_combined.txt,33,2024-03-24";
    // As written by default: the page's traditional characters.
    let written = table(&[]);
    assert!(
        written.contains(&format!(
            "{doc},chair,,,柳青雲,3,21,,,,市委副書記、市長、市政府黨組書記\n"
        )),
        "{written}"
    );
    assert!(
        written.contains(&format!(
            "{doc},attending,市發改委,澜江市发展和改革委员会,,6,11,government_department,,,\n"
        )),
        "{written}"
    );
    // Simplified: the same rows, at the same line and column.
    let simplified = table(&["--simplified"]);
    assert_eq!(
        simplified.lines().skip(1).collect::<Vec<_>>(),
        [
            format!("{doc},chair,,,柳青云,3,21,,,,市委副书记、市长、市政府党组书记"),
            format!("{doc},present,,,贺振华,4,4,,,,"),
            format!("{doc},present,,,周伟,4,8,,,,"),
            format!("{doc},present,,,张旗,4,11,,,,"),
            format!("{doc},present,,,韩卫,4,14,,,,"),
            format!("{doc},attending,市人大常委会,澜江市人民代表大会常务委员会,邹明,4,21,congress_cppcc,,,副主任"),
            format!("{doc},attending,市政协,中国人民政治协商会议澜江市委员会,葛青,4,33,congress_cppcc,,,副主席"),
            format!("{doc},attending,市财政局,澜江市财政局,,6,1,government_department,,,"),
            format!("{doc},attending,市工信局,澜江市工业和信息化局,,6,6,government_department,,,"),
            format!(
                "{doc},attending,市发改委,澜江市发展和改革委员会,,6,11,government_department,,,"
            ),
        ]
    );
    // And in the JSON, every written field.
    let o = jiyao(&["extract", page, "-q", "--simplified"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["meeting"]["chair"], "柳青云");
    assert_eq!(
        v[0]["documents"][0]["title"],
        "澜江市推进新型工业化实施方案"
    );
    assert_eq!(v[0]["documents"][0]["lead"]["written"], "市工信局");
    assert_eq!(v[0]["documents"][0]["co_leads"][0]["written"], "市发改委");
}

#[test]
fn the_query_list_marks_optional_parameters_and_a_missing_one_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let o = jiyao(&["query", "--list"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = |name: &str| {
        stdout(&o)
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    assert_eq!(
        line("meeting-attendees"),
        "meeting-attendees meeting [issuer]"
    );
    assert_eq!(
        line("documents-by-lead"),
        "documents-by-lead [leadName] Policy"
    );
    // The required parameter is asked for before any store is opened.
    let o = jiyao(
        &[
            "query",
            "meeting-attendees",
            "--param",
            "issuer=苏州市人民政府",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("this query needs --param meeting=…"),
        "{}",
        stderr(&o)
    );
}
