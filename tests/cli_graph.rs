//! `jiyao query`, the views and `jiyao path` driven as users drive them, on a store ingested from the seeds in a temporary directory.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;
mod support;

use common::repo;
use std::process::{Command, Output};

fn jiyao(args: &[&str]) -> Output {
    support::jiyao_in(&store_dir(), args)
}

/// One store for every test of this file, ingested once from the bundled minutes.
fn store_dir() -> std::path::PathBuf {
    support::seed_store_dir()
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn path_between_two_heads_of_one_department() {
    let o = jiyao(&["path", "汪香元", "蔡剑峰"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "汪香元 —所属→ 苏州市工业和信息化局 ←所属— 蔡剑峰  (2 hops)\n"
    );
}

#[test]
fn path_from_a_person_to_a_topic() {
    let o = jiyao(&["path", "蔡剑峰", "氢能"]);
    assert_eq!(
        out(&o),
        "蔡剑峰 —列席(市工信局)→ 第115次常务会议 —议题三→ 第115次常务会议议题三「审议《苏州市氢能及燃料电池产业发展规划》」 —主题→ 氢能  (3 hops)\n"
    );
    let o = jiyao(&["path", "蔡剑峰", "氢能", "--via", "person,org"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out(&o), "no path from 蔡剑峰 to 氢能 within 6 hops\n");
}

#[test]
fn a_name_that_is_not_there() {
    let o = jiyao(&["path", "蔡剑锋", "氢能"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: nothing is called 蔡剑锋; did you mean: 蔡剑峰、张剑、李国锋、蔡蔚、邹剑春?\n"
    );
    let o = jiyao(&["person", "无名氏"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: nothing is called 无名氏\n");
}

#[test]
fn person_card() {
    let o = jiyao(&["person", "汪香元", "--format", "csv"]);
    assert_eq!(out(&o), "date,meeting,role,org,doc,line\n2019-04-10,63,列席,苏州市工业和信息化局,000_4fe69c810812ccb5.txt,61\n");
    let o = jiyao(&["person", "蔡剑峰"]);
    let text = out(&o);
    assert!(
        text.starts_with(
            "蔡剑峰  <https://w3id.org/jiyao/id/person/苏州市人民政府/蔡剑峰>\n  meetings: 2\n\nattendance (2)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "2020-11-02  115      列席  苏州市工业和信息化局  001_e66f49d85cb24354.txt  70\n"
        ),
        "{text}"
    );
}

#[test]
fn org_meeting_and_topic_cards() {
    let o = jiyao(&["org", "市工信局", "--format", "csv"]);
    assert_eq!(
        out(&o),
        "date,meeting,person,role,doc,line\n2019-04-10,63,汪香元,列席,000_4fe69c810812ccb5.txt,61\n2020-01-06,86,蔡剑峰,列席,004_acb563e421b872c8.txt,66\n2020-11-02,115,蔡剑峰,列席,001_e66f49d85cb24354.txt,70\n"
    );
    let o = jiyao(&["meeting", "〔2020〕36号", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "第115次常务会议");
    assert_eq!(
        v["sections"][1]["rows"][1][1],
        "苏州市氢能及燃料电池产业发展规划"
    );
    let o = jiyao(&["topic", "氢能", "--format", "csv"]);
    assert_eq!(
        out(&o),
        "date,meeting,item,topic,evidence,doc,line\n2019-04-10,63,3,氢能,审议《苏州市加快氢能产业发展的若干政策措施》,000_4fe69c810812ccb5.txt,37\n2020-11-02,115,3,氢能,审议《苏州市氢能及燃料电池产业发展规划》,001_e66f49d85cb24354.txt,31\n"
    );
}

#[test]
fn sparql_from_the_command_line() {
    let o = jiyao(&[
        "query",
        "org-representatives",
        "--param",
        "orgName=市工信局",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out(&o),
        "org,date,meeting,person,role\r\n苏州市工业和信息化局,2019-04-10,63,汪香元,列席\r\n苏州市工业和信息化局,2020-01-06,86,蔡剑峰,列席\r\n苏州市工业和信息化局,2020-11-02,115,蔡剑峰,列席\r\n"
    );
    let o = jiyao(&[
        "query",
        "ASK { ?p <http://xmlns.com/foaf/0.1/name> \"黄戟\" }",
        "--format",
        "json",
    ]);
    assert_eq!(out(&o), "{\"head\":{},\"boolean\":true}");
    let q = repo("queries/meetings-per-year.rq");
    let o = jiyao(&["query", q.to_str().unwrap(), "--format", "tsv"]);
    assert_eq!(
        out(&o),
        "?year\t?meetings\t?items\t?attendance\n2019\t1\t4\t80\n2020\t2\t10\t158\n"
    );
    let o = jiyao(&["query", "CONSTRUCT { ?m <http://purl.org/dc/terms/identifier> ?n } WHERE { ?m a <https://w3id.org/jiyao/ontology#Meeting> ; <http://purl.org/dc/terms/identifier> ?n } ORDER BY ?n", "--format", "ntriples"]);
    assert_eq!(out(&o).lines().count(), 3);
    let o = jiyao(&["query", "topic-timeline", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: this query needs --param topic=… (its header: Parameters: ?topic@zh — a topic's preferred label, e.g. 氢能 or 安全生产 (bound as \"氢能\"@zh, the store's label).)\n"
    );
    let o = jiyao(&["query", "SELECT * WHERE { ?s ?p }"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: SPARQL syntax error: "),
        "{}",
        err(&o)
    );
}

/// Runs a Python snippet; `None` (with a printed notice) when Python or the module is missing.
fn python(module: &str, code: &str) -> Option<String> {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "notice: python3 -c 'import {module}' failed; skipping (scripts/setup.sh installs it)"
        );
        return None;
    }
    let o = Command::new("python3").args(["-c", code]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8(o.stdout).unwrap())
}

#[test]
fn networks_for_gephi_and_networkx() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    for (format, projection, name) in [
        ("graphml", "co-attendance", "co.graphml"),
        ("graphml", "person-org", "po.graphml"),
        ("graphml", "full", "full.graphml"),
        ("edges-csv", "co-attendance", "co.csv"),
        ("dot", "full", "full.dot"),
    ] {
        let o = jiyao(&[
            "export",
            "--format",
            format,
            "--projection",
            projection,
            "-o",
            &file(name),
        ]);
        assert!(o.status.success(), "{}", err(&o));
    }
    // The edge list agrees with itself on the facts read from the seeds.
    let csv = std::fs::read_to_string(file("co.csv")).unwrap();
    assert!(csv
        .starts_with("source,target,label,weight,source_kind,target_kind,source_iri,target_iri\n"));
    let weight = |a: &str, b: &str| {
        csv.lines()
            .find(|l| l.starts_with(&format!("{a},{b},")) || l.starts_with(&format!("{b},{a},")))
            .map(|l| l.split(',').nth(3).unwrap().to_owned())
    };
    assert_eq!(weight("李亚平", "张东驰").as_deref(), Some("3"));
    assert_eq!(weight("蔡剑峰", "汪香元"), None, "they never met");
    assert!(std::fs::read_to_string(file("full.dot"))
        .unwrap()
        .starts_with("digraph jiyao {\n"));
    // NetworkX reads the GraphML.
    let code = format!(
        "import networkx as nx\nco = nx.read_graphml({co:?})\npo = nx.read_graphml({po:?})\nfull = nx.read_graphml({full:?})\nlabel = lambda g, n: g.nodes[n]['label']\nw = [d['weight'] for a, b, d in co.edges(data=True) if {{label(co, a), label(co, b)}} == {{'李亚平', '张东驰'}}]\nc = [d['weight'] for a, b, d in po.edges(data=True) if label(po, a) == '蔡剑峰']\nkinds = sorted({{d['kind'] for _, d in full.nodes(data=True)}})\nprint(co.number_of_nodes(), int(w[0]), c, kinds)\n",
        co = file("co.graphml"),
        po = file("po.graphml"),
        full = file("full.graphml")
    );
    if let Some(out) = python("networkx", &code) {
        // 168 people attended (166 names: 黄戟 is three people by the identity rule, which reads one meeting at a time);
        // 李亚平 and 张东驰 met three times; 蔡剑峰 attended twice for one department.
        assert_eq!(
            out.trim(),
            "168 3 [2.0] ['document', 'item', 'meeting', 'org', 'person', 'topic']"
        );
    }
}

#[test]
fn k_paths_neighbours_and_hubs_from_the_store_indexes() {
    let o = jiyao(&["path", "蔡剑峰", "氢能", "-k", "3", "-f", "csv"]);
    assert!(o.status.success(), "{}", err(&o));
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1 + 3 + 4 + 4, "{lines:?}");
    assert_eq!(lines[0], "path,hop,from,words,to,forward");
    assert_eq!(lines[4], "2,1,蔡剑峰,所属,苏州市工业和信息化局,true");
    assert_eq!(
        lines[5],
        "2,2,苏州市工业和信息化局,牵头,《苏州市加快氢能产业发展的若干政策措施》,false"
    );
    let o = jiyao(&["neighbors", "蔡剑峰", "-f", "csv"]);
    assert_eq!(
        out(&o),
        "hops,label,kind,iri,via\n\
         1,苏州市工业和信息化局,org,https://w3id.org/jiyao/id/org/苏州市工业和信息化局,蔡剑峰 —所属→ 苏州市工业和信息化局\n\
         1,第115次常务会议,meeting,https://w3id.org/jiyao/id/meeting/苏州市人民政府/2020-11-02/115,蔡剑峰 —列席(市工信局)→ 第115次常务会议\n\
         1,第86次常务会议,meeting,https://w3id.org/jiyao/id/meeting/苏州市人民政府/2020-01-06/86,蔡剑峰 —列席(市工信局)→ 第86次常务会议\n"
    );
    // A hub cut at the cap is followed only in part, and the cut is said.
    let o = jiyao(&["neighbors", "市工信局", "--hub-cap", "1"]);
    assert_eq!(
        out(&o),
        "1  汪香元  [person]  苏州市工业和信息化局 ←所属— 汪香元\n\
         1  《苏州市加快氢能产业发展的若干政策措施》  [document]  苏州市工业和信息化局 ←牵头— 《苏州市加快氢能产业发展的若干政策措施》\n"
    );
    assert_eq!(
        err(&o),
        "note: 苏州市工业和信息化局 is a hub: only 1 of its members were followed (--hub-cap)\n\
         note: 苏州市工业和信息化局 is a hub: only 1 of its attendance records were followed (--hub-cap)\n\
         note: 苏州市工业和信息化局 is a hub: only 1 of its documents led were followed (--hub-cap)\n"
    );
    let o = jiyao(&["neighbors", "市工信局"]);
    assert_eq!(err(&o), "");
    assert_eq!(out(&o).lines().count(), 4, "{}", out(&o));
}

/// Runs jiyao without `--store`, with these environment variables (and none of jiyao's own from the caller's environment).
fn jiyao_env(args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jiyao"));
    c.args(args)
        .env_remove("JIYAO_STORE")
        .env_remove("JIYAO_BASE")
        .env_remove("JIYAO_UPDATE_TOKEN");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn via_takes_a_comma_list_or_repeats_and_names_a_bad_kind() {
    let want = "蔡剑峰 —列席(市工信局)→ 第115次常务会议 —议题三→ 第115次常务会议议题三「审议《苏州市氢能及燃料电池产业发展规划》」 —主题→ 氢能  (3 hops)\n";
    for via in [
        &["--via", "meeting,item"][..],
        &["--via", "item, meeting"],
        &["--via", "meeting", "--via", "item"],
    ] {
        let mut args = vec!["path", "蔡剑峰", "氢能"];
        args.extend_from_slice(via);
        let o = jiyao(&args);
        assert_eq!(
            (out(&o), err(&o)),
            (want.to_owned(), String::new()),
            "{via:?}"
        );
    }
    // Through meetings alone there is no way to the topic: the list is not read as "all".
    let o = jiyao(&["path", "蔡剑峰", "氢能", "--via", "meeting"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out(&o), "no path from 蔡剑峰 to 氢能 within 6 hops\n");
    let o = jiyao(&["path", "蔡剑峰", "氢能", "--via", "person,topics"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: invalid value 'topics' for '--via <KINDS>': unknown kind \"topics\"; use person, org, meeting, item, document, topic\n\nFor more information, try '--help'.\n"
    );
}

#[test]
fn the_store_and_base_come_from_the_environment_unless_given() {
    let store = store_dir();
    let want = "汪香元 —所属→ 苏州市工业和信息化局 ←所属— 蔡剑峰  (2 hops)\n";
    let o = jiyao_env(
        &["path", "汪香元", "蔡剑峰"],
        &[("JIYAO_STORE", store.as_os_str())],
    );
    assert_eq!((out(&o), err(&o)), (want.to_owned(), String::new()));
    // The flag wins over the environment.
    let missing = store.with_file_name("nowhere");
    let o = jiyao_env(
        &[
            "path",
            "汪香元",
            "蔡剑峰",
            "--store",
            store.to_str().unwrap(),
        ],
        &[("JIYAO_STORE", missing.as_os_str())],
    );
    assert_eq!((out(&o), err(&o)), (want.to_owned(), String::new()));
    let o = jiyao_env(
        &["path", "汪香元", "蔡剑峰"],
        &[("JIYAO_STORE", missing.as_os_str())],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        format!(
            "error: no store at {}: run `jiyao ingest` first (or pass --store DIR)\n",
            missing.display()
        )
    );
    // JIYAO_BASE is read like --base, and --memory ignores JIYAO_STORE.
    let seeds = repo("data/minutes");
    let o = jiyao_env(
        &["ingest", "--memory", "-q", seeds.to_str().unwrap()],
        &[
            ("JIYAO_BASE", std::ffi::OsStr::new("no base")),
            ("JIYAO_STORE", missing.as_os_str()),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not an absolute IRI"), "{}", err(&o));
    let o = jiyao_env(
        &["ingest", "--memory", "-q", seeds.to_str().unwrap()],
        &[("JIYAO_STORE", missing.as_os_str())],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(!missing.exists());
}

#[test]
fn serve_wants_the_update_token_in_the_environment() {
    // (tests/server.rs serves with a token from JIYAO_UPDATE_TOKEN; here none is given.)
    let missing = store_dir().with_file_name("nowhere");
    let o = jiyao_env(
        &["serve", "--allow-update", "--bind", "127.0.0.1:0"],
        &[("JIYAO_STORE", missing.as_os_str())],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: --allow-update needs a token in $JIYAO_UPDATE_TOKEN: environment variable not found\n"
    );
}
