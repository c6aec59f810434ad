//! Every query of the library, the views and the graph paths, on the bundled seeds, with exact expected answers.
//!
//! The expectations were read off the seeds: 市工信局 sent 汪香元 to the 63rd
//! meeting (2019) and 蔡剑峰 to the 86th and 115th (2020); 氢能 is item 三 of
//! meetings 63 and 115; 黄戟 is listed under two organisations in 〔2020〕3号.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::{seed, SEEDS};
use jiyao::query::views::Cell;
use jiyao::query::Page;
use jiyao::query::{
    self,
    graph::{EntityGraph, Kind, Lookup},
    library, views,
};
use jiyao::rdf::{iri::Base, Mapper};
use jiyao::resolve::{people::People, Resources};
use jiyao::store::GraphStore;
use std::sync::OnceLock;

fn store() -> &'static GraphStore {
    static STORE: OnceLock<GraphStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = GraphStore::in_memory(Base::default()).unwrap();
        store.load_vocabulary(Resources::bundled()).unwrap();
        let mapper = Mapper::new(store.base(), Resources::bundled(), People::bundled());
        let docs: Vec<_> = SEEDS.iter().map(|s| mapper.document(&seed(s))).collect();
        store.replace_documents(&docs).unwrap();
        store
    })
}

fn ask(name: &str, params: &[(&str, &str)]) -> Vec<Vec<String>> {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    query::run(store(), library::get(name).unwrap(), &params, None)
        .unwrap()
        .strings()
}

fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect()
}

#[test]
fn person_meetings() {
    assert_eq!(
        ask("person-meetings", &[("name", "蔡剑峰")]),
        rows(&[
            &[
                "2020-01-06",
                "86",
                "列席",
                "苏州市工业和信息化局",
                "004_acb563e421b872c8.txt",
                "66"
            ],
            &[
                "2020-11-02",
                "115",
                "列席",
                "苏州市工业和信息化局",
                "001_e66f49d85cb24354.txt",
                "70"
            ],
        ])
    );
    assert_eq!(ask("person-meetings", &[("name", "无此人")]), rows(&[]));
}

#[test]
fn meeting_attendees() {
    let got = ask("meeting-attendees", &[("meeting", "86")]);
    let summary: Vec<(String, String)> = got.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    let want: Vec<(String, String)> =
        [("主持", "1"), ("出席", "10"), ("列席", "65"), ("记录", "1")]
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
    assert_eq!(summary, want);
    assert_eq!(
        got[1][2],
        "李亚平、王翔、洪宗明、蒋来清、陆春云、吴晓东、曹后灵、杨知评、王颺、周伟"
    );
    let got = ask("meeting-attendees", &[("meeting", "63")]);
    assert_eq!(got[3][0..2], ["代表".to_owned(), "5".to_owned()]);
    assert_eq!(got[3][2], "苏州市公安局、苏州市园林和绿化管理局、苏州市水务局、苏州工业园区管理委员会、江苏省苏州军分区");
}

#[test]
fn org_representatives_over_time() {
    let want = rows(&[
        &["苏州市工业和信息化局", "2019-04-10", "63", "汪香元", "列席"],
        &["苏州市工业和信息化局", "2020-01-06", "86", "蔡剑峰", "列席"],
        &[
            "苏州市工业和信息化局",
            "2020-11-02",
            "115",
            "蔡剑峰",
            "列席",
        ],
    ]);
    assert_eq!(ask("org-representatives", &[("orgName", "市工信局")]), want);
    assert_eq!(
        ask(
            "org-representatives",
            &[("orgName", "苏州市工业和信息化局")]
        ),
        want
    );
    // Unbound: every organisation; 市公安局 sent a representative to 63 and people to 86 and 115.
    let all = ask("org-representatives", &[]);
    let police: Vec<&Vec<String>> = all.iter().filter(|r| r[0] == "苏州市公安局").collect();
    assert_eq!(police.len(), 3, "{police:?}");
    assert_eq!(
        police[0][3], "",
        "the 63rd meeting's representative is unnamed"
    );
}

#[test]
fn people_multiple_orgs() {
    let got = ask("people-multiple-orgs", &[]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0][..2], ["黄戟".to_owned(), "2".to_owned()]);
    let mut places: Vec<&str> = got[0][2].split("; ").collect();
    places.sort_unstable();
    assert_eq!(
        places,
        vec![
            "苏州市公安局 @ 第86次",
            "苏州市自然资源和规划局 @ 第63次",
            "苏州市自然资源和规划局 @ 第86次"
        ]
    );
}

#[test]
fn ambiguous_people_say_which_one_each_record_is() {
    let got = ask("ambiguous-people", &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0][..2], ["黄戟".to_owned(), "3".to_owned()]);
    let mut records: Vec<&str> = got[0][2].split("; ").collect();
    records.sort_unstable();
    assert_eq!(
        records,
        vec![
            "苏州市人民政府/黄戟 ← 苏州市自然资源和规划局 @ 第63次",
            "苏州市人民政府/黄戟/苏州市公安局 ← 苏州市公安局 @ 第86次",
            "苏州市人民政府/黄戟/苏州市自然资源和规划局 ← 苏州市自然资源和规划局 @ 第86次"
        ]
    );
}

#[test]
fn topic_timeline() {
    assert_eq!(
        ask("topic-timeline", &[("topic", "氢能")]),
        rows(&[
            &[
                "2019-04-10",
                "63",
                "3",
                "氢能",
                "审议《苏州市加快氢能产业发展的若干政策措施》",
                "苏州市加快氢能产业发展的若干政策措施",
                "苏州市工业和信息化局"
            ],
            &[
                "2020-11-02",
                "115",
                "3",
                "氢能",
                "审议《苏州市氢能及燃料电池产业发展规划》",
                "苏州市氢能及燃料电池产业发展规划",
                "苏州市工业和信息化局"
            ],
        ])
    );
    // 安全生产 with its narrower topics reaches all three meetings.
    let mut meetings: Vec<String> = ask("topic-timeline", &[("topic", "安全生产")])
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    meetings.dedup();
    assert_eq!(meetings, vec!["63", "86", "115"]);
}

#[test]
fn documents_by_lead() {
    let got = ask("documents-by-lead", &[]);
    let pairs: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            (
                "中共苏州市委人才工作领导小组办公室",
                "苏州市引进顶尖人才（团队）“一人一策”实施办法（试行）",
                "提请市委常委会审议"
            ),
            (
                "苏州市医疗保障局",
                "关于开展长期护理保险试点第二阶段工作的实施意见",
                "以市政府名义印发实施"
            ),
            (
                "苏州市卫生健康委员会",
                "苏州市献血条例修正案（草案）",
                "提请市人大常委会审议"
            ),
            (
                "苏州市卫生健康委员会",
                "苏州市人民政府 南京医科大学战略合作发展协议书",
                "提请市委常委会审议"
            ),
            ("苏州市商务局", "“双12苏州购物节”活动方案", ""),
            (
                "苏州市妇女联合会",
                "苏州市妇女权益保障条例（草案）",
                "提请市人大常委会审议"
            ),
            (
                "苏州市安全生产委员会办公室",
                "苏州市第二批安全生产巡查反馈意见",
                "提请市委常委会审议"
            ),
            (
                "苏州市工业和信息化局",
                "苏州市加快氢能产业发展的若干政策措施",
                "发文实施"
            ),
            (
                "苏州市工业和信息化局",
                "苏州市氢能及燃料电池产业发展规划",
                "按程序发布"
            ),
            (
                "苏州市应急管理局",
                "苏州市危险化学品安全综合治理实施方案",
                "发文实施"
            ),
        ]
    );
}

#[test]
fn co_attendance() {
    assert_eq!(
        ask("co-attendance", &[("a", "蔡剑峰"), ("b", "汪香元")])[0][0],
        "0"
    );
    let got = ask("co-attendance", &[("a", "李亚平"), ("b", "张东驰")]);
    assert_eq!(got[0][0], "3");
    let mut ordinals: Vec<&str> = got[0][1].split('、').collect();
    ordinals.sort_unstable();
    assert_eq!(ordinals, vec!["115", "63", "86"]);
}

#[test]
fn per_year_counts() {
    assert_eq!(
        ask("meetings-per-year", &[]),
        rows(&[&["2019", "1", "4", "80"], &["2020", "2", "10", "158"]])
    );
    let topics = ask("topics-per-year", &[]);
    assert_eq!(topics[0], vec!["2019", "安全生产", "2"]);
    assert!(topics.contains(&vec![
        "2020".to_owned(),
        "安全生产".to_owned(),
        "3".to_owned()
    ]));
    assert!(topics.contains(&vec!["2020".to_owned(), "氢能".to_owned(), "1".to_owned()]));
    assert!(topics.contains(&vec!["2019".to_owned(), "氢能".to_owned(), "1".to_owned()]));
    assert_eq!(topics.len(), 37);
}

#[test]
fn memberships_and_data_quality() {
    let m = ask("memberships", &[]);
    let find = |p: &str, o: &str| m.iter().find(|r| r[0] == p && r[1] == o).cloned();
    assert_eq!(
        find("蔡剑峰", "苏州市工业和信息化局").unwrap()[2..],
        [
            "2020-01-06".to_owned(),
            "2020-11-02".to_owned(),
            "2".to_owned()
        ]
    );
    assert_eq!(
        find("汪香元", "苏州市工业和信息化局").unwrap()[2..],
        [
            "2019-04-10".to_owned(),
            "2019-04-10".to_owned(),
            "1".to_owned()
        ]
    );
    // 黄戟 of 苏州市自然资源和规划局 is two people since the identity rule split
    // the name at 〔2020〕3号 (one meeting, two organisations).
    let huang: Vec<&[String]> = m
        .iter()
        .filter(|r| r[0] == "黄戟" && r[1] == "苏州市自然资源和规划局")
        .map(|r| &r[2..])
        .collect();
    assert_eq!(
        huang,
        [
            ["2019-04-10", "2019-04-10", "1"],
            ["2020-01-06", "2020-01-06", "1"]
        ]
    );
    assert_eq!(
        ask("data-quality", &[]),
        rows(&[
            // 黄戟 stands for three people in 苏州's records: each record says which one it is.
            &[
                "000_4fe69c810812ccb5.txt",
                "63",
                "warning",
                "ambiguous-person",
                "黄戟 stands for 3 people in these minutes' government; this record (苏州市自然资源和规划局) is 苏州市人民政府/黄戟"
            ],
            &[
                "004_acb563e421b872c8.txt",
                "66",
                "warning",
                "ambiguous-person",
                "黄戟 stands for 3 people in these minutes' government; this record (苏州市公安局) is 苏州市人民政府/黄戟/苏州市公安局"
            ],
            &[
                "004_acb563e421b872c8.txt",
                "68",
                "warning",
                "ambiguous-person",
                "黄戟 stands for 3 people in these minutes' government; this record (苏州市自然资源和规划局) is 苏州市人民政府/黄戟/苏州市自然资源和规划局"
            ],
            &[
                "004_acb563e421b872c8.txt",
                "68",
                "warning",
                "person-two-orgs",
                "黄戟 is listed under 2 organisations: 市公安局 (line 66), 市资源规划局 (line 68)"
            ],
        ])
    );
}

#[test]
fn every_library_query_runs() {
    for (name, text) in library::QUERIES {
        let params: Vec<(String, String)> = library::parameters(text)
            .into_iter()
            .map(|p| (p, "蔡剑峰".to_owned()))
            .collect();
        query::run(store(), text, &params, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn syntax_errors_say_where() {
    let err = query::run(store(), "SELECT ?x WHERE { ?x ?y }", &[], None).unwrap_err();
    assert!(
        err.to_string().starts_with("SPARQL syntax error: "),
        "{err}"
    );
    assert!(
        err.to_string().contains("1:"),
        "the position is given: {err}"
    );
}

#[test]
fn paths_are_explained() {
    let g = EntityGraph::build(store()).unwrap();
    let id = |n: &str| match g.lookup(n, &[]) {
        Lookup::One(id) => id,
        other => panic!("{n}: {other:?}"),
    };
    let p = g.paths(id("汪香元"), id("蔡剑峰"), 6, 1, &[]);
    assert_eq!(
        p[0].to_string(),
        "汪香元 —所属→ 苏州市工业和信息化局 ←所属— 蔡剑峰"
    );
    let p = g.paths(id("蔡剑峰"), id("氢能"), 6, 3, &[]);
    assert_eq!(
        p.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        vec![
            "蔡剑峰 —列席(市工信局)→ 第115次常务会议 —议题三→ 第115次常务会议议题三「审议《苏州市氢能及燃料电池产业发展规划》」 —主题→ 氢能",
            "蔡剑峰 —所属→ 苏州市工业和信息化局 ←牵头— 《苏州市氢能及燃料电池产业发展规划》 ←审议— 第115次常务会议议题三「审议《苏州市氢能及燃料电池产业发展规划》」 —主题→ 氢能",
            "蔡剑峰 —所属→ 苏州市工业和信息化局 ←牵头— 《苏州市加快氢能产业发展的若干政策措施》 ←审议— 第63次常务会议议题三「审议《苏州市加快氢能产业发展的若干政策措施》」 —主题→ 氢能",
        ]
    );
    // Through people and organisations only, 蔡剑峰 cannot reach a topic.
    assert!(g
        .paths(id("蔡剑峰"), id("氢能"), 6, 1, &[Kind::Person, Kind::Org])
        .is_empty());
    // Short forms and IRIs name entities too; unknown names get suggestions.
    assert_eq!(
        id("市工信局"),
        id("https://w3id.org/jiyao/id/org/苏州市工业和信息化局")
    );
    match g.lookup("蔡剑锋", &[]) {
        Lookup::NotFound(near) => assert_eq!(near[0], "蔡剑峰"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn views() {
    let card = views::person(store(), "蔡剑峰").unwrap();
    assert_eq!(card.sections[0].rows.len(), 2);
    // Counts are numbers, labels and dates text.
    assert_eq!(
        card.sections[1].rows,
        vec![vec![
            Cell::Text("苏州市工业和信息化局".to_owned()),
            Cell::Text("2020-01-06".to_owned()),
            Cell::Text("2020-11-02".to_owned()),
            Cell::Number(2),
        ]]
    );
    // Who they met most: both of 蔡剑峰's meetings for each, the ties by name, ten kept.
    assert_eq!(card.sections[2].name, "co-attendees");
    assert_eq!(
        card.sections[2].text_rows(),
        [
            "刘军",
            "吴文祥",
            "吴晓东",
            "吴炜",
            "周伟",
            "张东驰",
            "张剑",
            "徐本",
            "徐海东",
            "曹后灵"
        ]
        .map(|n| vec![n.to_owned(), "2".to_owned()])
        .to_vec()
    );
    let card = views::organisation(store(), "市工信局").unwrap();
    let reps = card.sections[0].text_rows();
    let reps: Vec<(&str, &str)> = reps
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        reps,
        vec![("63", "汪香元"), ("86", "蔡剑峰"), ("115", "蔡剑峰")]
    );
    for key in ["115", "2020-11-02", "〔2020〕36号"] {
        let card = views::meeting(store(), key).unwrap();
        assert_eq!(card.title, "第115次常务会议", "{key}");
        assert_eq!(card.sections[0].rows.len(), 5);
        assert_eq!(
            card.sections[2]
                .rows
                .iter()
                .map(|r| r[1].clone())
                .collect::<Vec<_>>(),
            [1, 12, 67, 1].map(Cell::Number).to_vec()
        );
    }
    let card = views::topic(store(), "氢能", false, Page::ALL).unwrap();
    let timeline = card.sections[0].text_rows();
    let timeline: Vec<(&str, &str)> = timeline
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(timeline, vec![("2019-04-10", "63"), ("2020-11-02", "115")]);
    let narrow = views::topic(store(), "安全生产", false, Page::ALL)
        .unwrap()
        .sections[0]
        .rows
        .len();
    let wide = views::topic(store(), "安全生产", true, Page::ALL)
        .unwrap()
        .sections[0]
        .rows
        .len();
    assert!(
        wide > narrow,
        "--narrower folds in 危险化学品, 消防安全 …: {wide} > {narrow}"
    );
    // Pages of the timeline and of the documents: together, exactly the whole tables, with their totals.
    let whole = views::topic(store(), "安全生产", true, Page::ALL).unwrap();
    assert_eq!(whole.sections[0].total, None);
    for (k, name) in [(0, "timeline"), (1, "documents")] {
        let all = whole.sections[k].text_rows();
        assert_eq!(whole.sections[k].name, name);
        let mut pages = Vec::new();
        for offset in (0..all.len() + 3).step_by(3) {
            let page = Page {
                offset,
                limit: Some(3),
            };
            let card = views::topic(store(), "安全生产", true, page).unwrap();
            assert_eq!(card.sections[k].total, Some(all.len()), "{name}");
            assert_eq!(card.sections[k].offset, Some(offset), "{name}");
            pages.extend(card.sections[k].text_rows());
        }
        // Each page is sorted for display; the pages follow one another in the whole table's order.
        let key = |r: &Vec<String>| r[0].clone();
        let mut sorted = pages.clone();
        sorted.sort_by_key(key);
        assert_eq!(
            pages.iter().map(key).collect::<Vec<_>>(),
            sorted.iter().map(key).collect::<Vec<_>>(),
            "{name}"
        );
        let mut a = all.clone();
        a.sort();
        pages.sort();
        assert_eq!(pages, a, "{name}");
    }
    // Agenda items per year and topic, from the summaries.
    let years = whole.sections[2].text_rows();
    assert_eq!(whole.sections[2].name, "years");
    assert!(years.contains(&vec![
        "2019".to_owned(),
        "安全生产".to_owned(),
        "2".to_owned()
    ]));
    let err = views::person(store(), "蔡剑锋").unwrap_err().to_string();
    assert!(
        err.starts_with("nothing is called 蔡剑锋; did you mean: 蔡剑峰"),
        "{err}"
    );
}

#[test]
fn an_issuer_keeps_meeting_attendees_to_one_government() {
    let all = ask("meeting-attendees", &[("meeting", "86")]);
    assert_eq!(
        ask(
            "meeting-attendees",
            &[("meeting", "86"), ("issuer", "苏州市人民政府")]
        ),
        all
    );
    assert_eq!(
        ask(
            "meeting-attendees",
            &[("meeting", "86"), ("issuer", "无锡市人民政府")]
        ),
        rows(&[])
    );
}

#[test]
fn one_lead_lists_exactly_its_rows_of_the_whole_list() {
    let all = ask("documents-by-lead", &[]);
    let want: Vec<Vec<String>> = all
        .iter()
        .filter(|r| r[0] == "苏州市工业和信息化局")
        .cloned()
        .collect();
    assert_eq!(want.len(), 2);
    // The short form and the full name find the same organisation.
    assert_eq!(ask("documents-by-lead", &[("leadName", "市工信局")]), want);
    assert_eq!(
        ask("documents-by-lead", &[("leadName", "苏州市工业和信息化局")]),
        want
    );
    assert_eq!(
        ask("documents-by-lead", &[("leadName", "无此单位")]),
        rows(&[])
    );
}

#[test]
fn one_code_lists_exactly_its_rows_of_the_data_quality_list() {
    let all = ask("data-quality", &[]);
    let code = "person-two-orgs";
    let want: Vec<Vec<String>> = all.iter().filter(|r| r[3] == code).cloned().collect();
    assert_eq!(want.len(), 1);
    assert_eq!(ask("data-quality", &[("codeName", code)]), want);
    assert_eq!(
        ask("data-quality", &[("codeName", "no-such-code")]),
        rows(&[])
    );
    // The ambiguous identities are not diagnostics: the whole list and ambiguous-people give them.
    assert!(all.iter().any(|r| r[3] == "ambiguous-person"));
    assert_eq!(
        ask("data-quality", &[("codeName", "ambiguous-person")]),
        rows(&[])
    );
}

#[test]
fn per_lead_and_per_code_counts_come_from_the_summaries() {
    let per_lead = ask("documents-per-lead", &[]);
    assert_eq!(
        per_lead[..3],
        rows(&[
            &["苏州市卫生健康委员会", "2"],
            &["苏州市工业和信息化局", "2"],
            &["中共苏州市委人才工作领导小组办公室", "1"],
        ])[..]
    );
    assert_eq!(per_lead.len(), 8);
    // Each count is the number of distinct titles the whole list gives the lead.
    let all = ask("documents-by-lead", &[]);
    for r in &per_lead {
        let mut titles: Vec<&str> = all
            .iter()
            .filter(|a| a[0] == r[0])
            .map(|a| a[3].as_str())
            .collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len().to_string(), r[1], "{}", r[0]);
    }
    assert_eq!(
        ask("diagnostics-per-code", &[]),
        rows(&[&["warning", "person-two-orgs", "1"]])
    );
    // The warnings of each code are the data-quality list's rows of that code.
    let dq = ask("data-quality", &[]);
    for r in ask("diagnostics-per-code", &[])
        .iter()
        .filter(|r| r[0] != "info")
    {
        let n = dq.iter().filter(|d| d[3] == r[1]).count();
        assert_eq!(n.to_string(), r[2], "{}", r[1]);
    }
}

#[test]
fn a_meeting_has_its_average_relations_from_the_summaries() {
    // The seeds' 238 attendance records and 14 agenda items over 3 meetings.
    let lk = query::lookup::Reader::new(store(), usize::MAX);
    assert_eq!(lk.meeting_degree().unwrap(), (238 + 14) / 3);
    let empty = GraphStore::in_memory(Base::default()).unwrap();
    assert_eq!(
        query::lookup::Reader::new(&empty, usize::MAX)
            .meeting_degree()
            .unwrap(),
        1
    );
}
