//! Every record of every bundled seed, checked against expectations read from the seeds by hand.
//!
//! The full tables live in `tests/expected/` (one CSV per seed and table, the
//! contract's leading columns plus the source line); the facts users rely on
//! most are also spelled out below, so that a reader sees them without opening
//! a file.

mod common;

use common::{expect_file, seed, SEEDS};
use jiyao_core::date::Date;
use jiyao_core::diag::Code;
use jiyao_core::extract::{Extraction, Role};
use jiyao_core::rdf::sightings;
use jiyao_core::resolve::people::People;
use jiyao_core::table::TableKind;
use std::collections::{BTreeMap, BTreeSet};

fn table(x: &Extraction, kind: TableKind, columns: &[&str]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns).unwrap();
    for row in kind.project(x, columns).unwrap() {
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn every_attendance_record_of_every_seed() {
    for stem in SEEDS {
        let x = seed(stem);
        let cols = [
            "doc", "meeting", "date", "role", "org", "org_name", "person", "line", "col", "note",
        ];
        expect_file(
            &format!("{stem}.attendance.csv"),
            &table(&x, TableKind::Attendance, &cols),
        );
    }
}

#[test]
fn every_meeting_document_topic_and_item() {
    for stem in SEEDS {
        let x = seed(stem);
        let tables: [(TableKind, &[&str]); 5] = [
            (
                TableKind::Meetings,
                &[
                    "doc",
                    "doc_number",
                    "meeting",
                    "date",
                    "half_day",
                    "chair",
                    "chair_title",
                    "compiled",
                    "issued",
                    "issuer",
                    "year",
                    "number",
                    "published",
                    "compiled_by",
                    "issued_by",
                    "distribution",
                    "line",
                ],
            ),
            (
                TableKind::Items,
                &[
                    "doc", "meeting", "item", "action", "heading", "actions", "points", "line",
                ],
            ),
            (
                TableKind::Documents,
                &[
                    "doc",
                    "meeting",
                    "item",
                    "title",
                    "lead_org",
                    "next_step",
                    "decision",
                    "co_leads",
                    "lead_org_name",
                    "kind",
                    "status",
                    "aliases",
                    "cited",
                    "line",
                ],
            ),
            (
                TableKind::Topics,
                &[
                    "doc", "meeting", "item", "topic", "topic_id", "matched", "line", "col",
                ],
            ),
            (
                TableKind::Departments,
                &[
                    "doc", "meeting", "item", "point", "role", "org", "org_name", "line",
                ],
            ),
        ];
        for (kind, cols) in tables {
            expect_file(
                &format!("{stem}.{}.csv", kind.name()),
                &table(&x, kind, cols),
            );
        }
    }
}

fn count(x: &Extraction, role: Role) -> usize {
    x.attendance.iter().filter(|a| a.role == role).count()
}

#[test]
fn attendance_counts_by_role() {
    // (chair, present, attending with a name, representatives, recorder), counted in the seeds by hand.
    let want = [(1, 9, 64, 5, 1), (1, 12, 67, 0, 1), (1, 10, 65, 0, 1)];
    for (stem, want) in SEEDS.iter().zip(want) {
        let x = seed(stem);
        let got = (
            count(&x, Role::Chair),
            count(&x, Role::Present),
            count(&x, Role::Attending),
            count(&x, Role::Representative),
            count(&x, Role::Recorder),
        );
        assert_eq!(got, want, "{stem}");
    }
}

#[test]
fn meeting_fields() {
    let m = seed("001_e66f49d85cb24354").meeting;
    assert_eq!(m.issuer.as_deref(), Some("苏州市人民政府"));
    assert_eq!(m.doc_number.as_deref(), Some("〔2020〕36号"));
    assert_eq!(
        (m.year, m.number, m.ordinal),
        (Some(2020), Some(36), Some(115))
    );
    assert_eq!(m.date.map(Date::iso).as_deref(), Some("2020-11-02"));
    assert_eq!(m.half_day.as_deref(), Some("上午"));
    assert_eq!(
        (m.chair.as_deref(), m.chair_title.as_deref()),
        (Some("李亚平"), Some("市长"))
    );
    assert_eq!(m.compiled.map(Date::iso).as_deref(), Some("2020-11-16"));
    assert_eq!(m.issued.map(Date::iso).as_deref(), Some("2020-11-16"));
    assert_eq!(m.published, Some(true));
    assert_eq!(
        m.distribution,
        vec![
            "各市、区人民政府",
            "苏州工业园区、苏州高新区管委会",
            "市各有关部门和单位"
        ]
    );
    let m = seed("000_4fe69c810812ccb5").meeting;
    assert_eq!(
        (
            m.ordinal,
            m.date.map(Date::iso).as_deref(),
            m.compiled.map(Date::iso).as_deref(),
            m.issued.map(Date::iso).as_deref()
        ),
        (
            Some(63),
            Some("2019-04-10"),
            Some("2019-04-28"),
            Some("2019-04-29")
        )
    );
    let m = seed("004_acb563e421b872c8").meeting;
    assert_eq!(
        (
            m.ordinal,
            m.date.map(Date::iso).as_deref(),
            m.doc_number.as_deref()
        ),
        (Some(86), Some("2020-01-06"), Some("〔2020〕3号"))
    );
}

#[test]
fn key_attendance_facts() {
    let x = seed("001_e66f49d85cb24354");
    let cai = x
        .attendance
        .iter()
        .find(|a| a.person.as_deref() == Some("蔡剑峰"))
        .unwrap();
    assert_eq!(cai.role, Role::Attending);
    let org = cai.org.as_ref().unwrap();
    assert_eq!(
        (org.written.as_str(), org.canonical.as_deref()),
        ("市工信局", Some("苏州市工业和信息化局"))
    );
    assert_eq!((cai.span.line, cai.span.end_line), (70, 71));
    // 黄戟 under two departments in 〔2020〕3号 is kept twice and reported.
    let x = seed("004_acb563e421b872c8");
    let huang: Vec<&str> = x
        .attendance
        .iter()
        .filter(|a| a.person.as_deref() == Some("黄戟"))
        .map(|a| a.org.as_ref().unwrap().written.as_str())
        .collect();
    assert_eq!(huang, vec!["市公安局", "市资源规划局"]);
    assert!(x
        .diagnostics
        .iter()
        .any(|d| d.code == Code::PersonTwoOrgs && d.message.starts_with("黄戟")));
}

/// The identity rule on the seeds: one government, so nothing changes but 黄戟.
///
/// 〔2020〕3号 lists 黄戟 under 市公安局 and under 市资源规划局 at one meeting;
/// no one official explains both records, so the rule decides two people
/// there: 黄戟 of 苏州市公安局 and 黄戟 of 苏州市自然资源和规划局. The rule reads
/// one meeting at a time, so 黄戟 of 2019 (市资源规划局, 〔2019〕… 第63次)
/// stays the bare name. Every other name is one person per government.
#[test]
fn identities_of_the_seeds() {
    let people = People::bundled();
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for stem in SEEDS {
        let x = seed(stem);
        let seen: Vec<_> = sightings(&x).collect();
        assert_eq!(
            seen.len(),
            x.attendance.iter().filter(|a| a.person.is_some()).count()
        );
        names.extend(seen.iter().map(|s| s.name.clone()));
        for key in people.resolve_meeting(&seen) {
            *keys.entry(key.to_string()).or_default() += 1;
        }
    }
    let huang: Vec<(&str, usize)> = keys
        .iter()
        .filter(|(k, _)| k.contains("黄戟"))
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        huang,
        vec![
            ("苏州市人民政府/黄戟", 1),
            ("苏州市人民政府/黄戟/苏州市公安局", 1),
            ("苏州市人民政府/黄戟/苏州市自然资源和规划局", 1)
        ]
    );
    // Every other name is one person.
    assert_eq!(keys.len(), names.len() + 2);
    assert!(keys.keys().all(|k| k.starts_with("苏州市人民政府/")));
}

#[test]
fn documents_and_next_steps() {
    type Row = (Option<u32>, String, Option<String>, Option<String>);
    let docs = |stem: &str| -> Vec<Row> {
        seed(stem)
            .documents
            .into_iter()
            .map(|d| (d.item, d.title, d.lead.map(|o| o.written), d.next_step))
            .collect()
    };
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        docs("000_4fe69c810812ccb5"),
        vec![
            (
                Some(3),
                "苏州市加快氢能产业发展的若干政策措施".to_owned(),
                s("市工信局"),
                s("发文实施")
            ),
            (
                Some(4),
                "苏州市引进顶尖人才（团队）“一人一策”实施办法（试行）".to_owned(),
                s("市人才办"),
                s("提请市委常委会审议")
            ),
        ]
    );
    assert_eq!(
        docs("001_e66f49d85cb24354"),
        vec![
            (
                Some(2),
                "“双12苏州购物节”活动方案".to_owned(),
                s("市商务局"),
                None
            ),
            (
                Some(3),
                "苏州市氢能及燃料电池产业发展规划".to_owned(),
                s("市工信局"),
                s("按程序发布")
            ),
            (
                Some(5),
                "苏州市人民政府 南京医科大学战略合作发展协议书".to_owned(),
                s("市卫生健康委"),
                s("提请市委常委会审议")
            ),
        ]
    );
    assert_eq!(
        docs("004_acb563e421b872c8"),
        vec![
            (
                Some(1),
                "苏州市危险化学品安全综合治理实施方案".to_owned(),
                s("市应急局"),
                s("发文实施")
            ),
            (
                Some(1),
                "苏州市第二批安全生产巡查反馈意见".to_owned(),
                s("市安委办"),
                s("提请市委常委会审议")
            ),
            (
                Some(2),
                "苏州市献血条例修正案（草案）".to_owned(),
                s("市卫生健康委"),
                s("提请市人大常委会审议")
            ),
            (
                Some(3),
                "苏州市妇女权益保障条例（草案）".to_owned(),
                s("市妇联"),
                s("提请市人大常委会审议")
            ),
            (
                Some(4),
                "关于加快引导推进苏州市区商业办公用房去库存工作的实施意见".to_owned(),
                None,
                None
            ),
            (
                Some(5),
                "关于开展长期护理保险试点第二阶段工作的实施意见".to_owned(),
                s("市医保局"),
                s("以市政府名义印发实施")
            ),
        ]
    );
    // The short name 《政策措施》 resolves to the full title; it is not a document of its own.
    let x = seed("000_4fe69c810812ccb5");
    assert_eq!(x.documents[0].aliases, vec!["政策措施"]);
    // The co-lead of 市卫生健康委会市司法局.
    let x = seed("004_acb563e421b872c8");
    assert_eq!(
        x.documents[2]
            .co_leads
            .iter()
            .map(|o| o.written.as_str())
            .collect::<Vec<_>>(),
        vec!["市司法局"]
    );
    assert!(x.documents[4].cited);
}

#[test]
fn topics_travel_across_meetings() {
    let meetings_with = |id: &str| -> Vec<(u32, u32)> {
        SEEDS
            .iter()
            .map(|s| seed(s))
            .flat_map(|x| {
                let m = x.meeting.ordinal.unwrap();
                x.topics
                    .into_iter()
                    .filter(|t| t.topic_id == id)
                    .map(move |t| (m, t.item))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(meetings_with("hydrogen-energy"), vec![(63, 3), (115, 3)]);
    let mut safety: Vec<u32> = meetings_with("work-safety")
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    safety.dedup();
    assert_eq!(safety, vec![63, 115, 86]);
    assert_eq!(meetings_with("hazardous-chemicals"), vec![(86, 1)]);
    let scheme = &jiyao_core::resolve::Resources::bundled().topics;
    assert_eq!(
        scheme
            .by_id("hazardous-chemicals")
            .unwrap()
            .broader
            .as_deref(),
        Some("work-safety")
    );
}
