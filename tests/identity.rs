//! Who is who, as users meet it: names that stand for several people (`person`, `path`), and link candidates across governments (`links`, accepted with `ingest --people`).
//!
//! The store holds the three seeds (苏州) and two short minutes of other
//! cities written for these tests (`tests/data/links/`): 无锡's of
//! 2019-08-12, where 汪香元 (last in 苏州's records on 2019-04-10) and 凌鸣
//! (first in 苏州's on 2020-01-06) appear, with 张伟 and 胡志斌; and 杭州's of
//! 2019-06-20 (浙江省), with 项春雷 (last in 苏州's on 2019-04-10) and 张伟.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;
mod support;

use common::repo;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use support::jiyao_in;

fn ingest(store: &Path, extra: &[&str]) {
    let mut args = vec![
        "ingest".to_owned(),
        repo("data/minutes").display().to_string(),
        repo("tests/data/links").display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = jiyao_in(store, &args);
    assert!(o.status.success(), "{}", err(&o));
}

/// One store for the tests that only read: the seeds and the two fixtures.
fn store() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        ingest(&dir.path().join("store"), &[]);
        dir
    })
    .path()
    .join("store")
}

fn jiyao(args: &[&str]) -> Output {
    jiyao_in(&store(), args)
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const PERSON: &str = "https://w3id.org/jiyao/id/person/";

#[test]
fn link_candidates_are_rare_names_moving_within_a_province_within_months() {
    let o = jiyao(&["links", "-f", "csv"]);
    assert!(o.status.success(), "{}", err(&o));
    // Not 项春雷 (苏州 → 杭州: another province), not 张伟 (three governments), not 胡志斌 (无锡 → 苏州 after 448 days).
    assert_eq!(
        out(&o),
        "name,left,last,joined,first,gap_days,governments_with_name,province,left_orgs,joined_orgs,records\n\
         凌鸣,无锡市人民政府,2019-08-12,苏州市人民政府,2020-01-06,147,2,江苏省,无锡市发展和改革委员会,苏州市发展和改革委员会,1 + 1\n\
         汪香元,苏州市人民政府,2019-04-10,无锡市人民政府,2019-08-12,124,2,江苏省,苏州市工业和信息化局,无锡市工业和信息化局,1 + 1\n"
    );
    // A wider rule admits 张伟 (无锡 → 苏州; 杭州's is in another province), as people.csv lines.
    let o = jiyao(&["links", "--max-governments", "3", "-f", "people"]);
    assert_eq!(
        out(&o),
        "凌鸣,苏州市人民政府,,,,凌鸣,无锡市人民政府,,link candidate: last in 无锡市人民政府 2019-08-12; first in 苏州市人民政府 2020-01-06 (147 days); name in 2 governments\n\
         张伟,苏州市人民政府,,,,张伟,无锡市人民政府,,link candidate: last in 无锡市人民政府 2019-08-12; first in 苏州市人民政府 2020-01-06 (147 days); name in 3 governments\n\
         汪香元,无锡市人民政府,,,,汪香元,苏州市人民政府,,link candidate: last in 苏州市人民政府 2019-04-10; first in 无锡市人民政府 2019-08-12 (124 days); name in 2 governments\n"
    );
    let o = jiyao(&["links", "--within-days", "100"]);
    assert!(out(&o).ends_with("0 candidates (rule: name in at most 2 governments, same province, last record to first within 100 days); accept one with `-f people` and a line in data/people.csv\n"), "{}", out(&o));
}

#[test]
fn an_accepted_candidate_is_one_person_across_two_governments() {
    let dir = tempfile::tempdir().unwrap();
    let accept = jiyao(&["links", "-f", "people"]);
    let line = out(&accept)
        .lines()
        .find(|l| l.starts_with("汪香元,"))
        .unwrap()
        .to_owned();
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        format!("name,government,org,from,to,person,person_government,same_as,note\n{line}\n"),
    )
    .unwrap();
    let store = dir.path().join("store");
    ingest(&store, &["--people", people.to_str().unwrap()]);
    let o = jiyao_in(&store, &["person", "汪香元", "-f", "csv"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "date,meeting,role,org,doc,line\n\
         2019-04-10,63,列席,苏州市工业和信息化局,000_4fe69c810812ccb5.txt,61\n\
         2019-08-12,37,列席,无锡市工业和信息化局,wuxi-2019-21.txt,27\n"
    );
    let o = jiyao_in(&store, &["person", "汪香元"]);
    assert!(
        out(&o).starts_with(&format!(
            "汪香元  <{PERSON}苏州市人民政府/汪香元>\n  meetings: 2\n"
        )),
        "{}",
        out(&o)
    );
    // The link is made, so it is no longer a candidate.
    let o = jiyao_in(&store, &["links", "-f", "csv"]);
    assert_eq!(out(&o).lines().count(), 2, "{}", out(&o));
    assert!(out(&o).contains("\n凌鸣,"));
}

#[test]
fn a_name_of_several_people_lists_them_with_their_records() {
    let o = jiyao(&["person", "黄戟", "-f", "csv"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        format!(
            "person,government,orgs,first,last,records\n\
             {PERSON}苏州市人民政府/黄戟,苏州市人民政府,市资源规划局,2019-04-10,2019-04-10,1\n\
             {PERSON}苏州市人民政府/黄戟/苏州市公安局,苏州市人民政府,市公安局,2020-01-06,2020-01-06,1\n\
             {PERSON}苏州市人民政府/黄戟/苏州市自然资源和规划局,苏州市人民政府,市资源规划局,2020-01-06,2020-01-06,1\n"
        )
    );
    let o = jiyao(&["person", "黄戟"]);
    let text = out(&o);
    assert!(text.starts_with("黄戟\n  people: 3\n  choose one: by IRI, or as NAME@GOVERNMENT or NAME@ORGANISATION (of a split name)\n"), "{text}");
    // Which person each record is: the last column of the attendance table.
    let records: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("attendance (3)"))
        .skip(3)
        .collect();
    assert_eq!(records.len(), 3, "{text}");
    assert!(
        records[0].starts_with("2019-04-10  63")
            && records[0].ends_with(&format!("{PERSON}苏州市人民政府/黄戟"))
    );
    assert!(records[1].contains("苏州市公安局") && records[1].ends_with("/黄戟/苏州市公安局"));
    assert!(records[2].ends_with("/黄戟/苏州市自然资源和规划局"));
}

#[test]
fn one_person_is_chosen_by_government_organisation_or_iri_and_namesakes_are_said() {
    let o = jiyao(&["person", "黄戟@公安局"]);
    assert_eq!(
        out(&o).lines().take(3).collect::<Vec<_>>(),
        [
            format!("黄戟  <{PERSON}苏州市人民政府/黄戟/苏州市公安局>"),
            "  meetings: 1".to_owned(),
            format!("  same name: 黄戟 @苏州市人民政府 (市资源规划局; 2019-04-10 – 2019-04-10, 1 record) <{PERSON}苏州市人民政府/黄戟>; 黄戟 @苏州市人民政府 (市资源规划局; 2020-01-06 – 2020-01-06, 1 record) <{PERSON}苏州市人民政府/黄戟/苏州市自然资源和规划局>"),
        ]
    );
    let iri = format!("{PERSON}苏州市人民政府/黄戟");
    let o = jiyao(&["person", &iri, "-f", "csv"]);
    assert_eq!(
        out(&o),
        "date,meeting,role,org,doc,line\n2019-04-10,63,列席,苏州市自然资源和规划局,000_4fe69c810812ccb5.txt,63\n"
    );
    // 汪香元 is two people (苏州's and 无锡's): the government chooses.
    let o = jiyao(&["person", "汪香元@无锡", "-f", "csv"]);
    assert_eq!(
        out(&o),
        "date,meeting,role,org,doc,line\n2019-08-12,37,列席,无锡市工业和信息化局,wuxi-2019-21.txt,27\n"
    );
    let o = jiyao(&["person", "黄戟@无锡"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: nothing is called 黄戟@无锡\n");
}

#[test]
fn path_lists_the_candidates_instead_of_picking_one() {
    let o = jiyao(&["path", "黄戟", "氢能"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        format!(
            "error: 黄戟 stands for 3 entities; choose one by IRI, or a person as NAME@GOVERNMENT or NAME@ORGANISATION (of a split name):\n  \
             黄戟 @苏州市人民政府 (市资源规划局; 2019-04-10 – 2019-04-10, 1 record) <{PERSON}苏州市人民政府/黄戟>\n  \
             黄戟 @苏州市人民政府 (市公安局; 2020-01-06 – 2020-01-06, 1 record) <{PERSON}苏州市人民政府/黄戟/苏州市公安局>\n  \
             黄戟 @苏州市人民政府 (市资源规划局; 2020-01-06 – 2020-01-06, 1 record) <{PERSON}苏州市人民政府/黄戟/苏州市自然资源和规划局>\n"
        )
    );
    let o = jiyao(&["path", "黄戟@公安局", "氢能", "-k", "1"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "黄戟 —所属→ 苏州市公安局 —派代表→ 第63次常务会议 —议题三→ 第63次常务会议议题三「审议《苏州市加快氢能产业发展的若干政策措施》」 —主题→ 氢能  (4 hops)\n"
    );
}

#[test]
fn a_bad_people_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,government,org,from,to,person,person_government,same_as,note\n汪香元,无锡市人民政府,,2019-8-1,,汪香元,苏州市人民政府,,bad date\n",
    )
    .unwrap();
    let o = jiyao_in(
        &dir.path().join("store"),
        &[
            "ingest",
            repo("data/minutes").to_str().unwrap(),
            "--people",
            people.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(
        err(&o),
        format!(
            "error: {}:2: dates must be ISO (YYYY-MM-DD): \"2019-8-1\", \"\"\n",
            people.display()
        )
    );
}
