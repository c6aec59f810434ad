//! `jiyao serve` driven by real clients: curl, Python's SPARQLWrapper and rdflib, headless Chromium, and raw sockets for faults.
//!
//! Each test starts the real binary on 127.0.0.1 with port 0 over a store
//! ingested once from the bundled seeds, reads the chosen port from its
//! standard error, and kills it when done. Every wait is bounded. The load test
//! is ignored by default: `cargo test --test server -- --ignored --nocapture load`.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;
mod support;

use common::repo;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One store for every test of this file, ingested once from the bundled minutes.
fn store_dir() -> std::path::PathBuf {
    support::seed_store_dir()
}

/// A running `jiyao serve`, killed when dropped; its standard error is collected.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Self::start_with(extra, &[])
    }

    fn start_with(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jiyao"))
            .arg("serve")
            .arg("--store")
            .arg(store_dir())
            .args([
                "--bind",
                "127.0.0.1:0",
                "--sources",
                repo("data/minutes").to_str().unwrap(),
            ])
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("listening on http://127.0.0.1:") {
                    let port: u16 = rest.split('/').next().unwrap().parse().unwrap();
                    let _ = tx.send(port);
                }
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let port = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(p) => p,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start: {}", log.lock().unwrap());
            }
        };
        Server { child, port, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GETs `path` with each `name=value` of `params` URL-encoded in its query string; returns the status and the body as JSON.
    fn get_json(&self, path: &str, params: &[&str]) -> (u16, serde_json::Value) {
        let url = self.url(path);
        let mut args = vec!["-G", url.as_str()];
        for p in params {
            args.extend(["--data-urlencode", p]);
        }
        let (status, _, body) = curl(&args);
        let v = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        (status, v)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits (up to 5 s) until the access log holds `needle`: the server writes a line after it answers.
    fn log_with(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            let log = self.log();
            if log.contains(needle) || std::time::Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs curl with a time bound; returns (status, headers, body).
fn curl(args: &[&str]) -> (u16, String, String) {
    let o: Output = Command::new("curl")
        .args(["-sS", "--max-time", "60", "-D", "-", "-o", "-"])
        .args(args)
        .output()
        .expect("curl is installed (scripts/setup.sh)");
    assert!(
        o.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let all = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut rest = all.as_str();
    // Skip interim responses (100 Continue).
    loop {
        let (head, body) = rest.split_once("\r\n\r\n").unwrap_or((rest, ""));
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .unwrap_or("0")
            .parse()
            .unwrap();
        if status == 100 {
            rest = body;
            continue;
        }
        return (status, head.to_ascii_lowercase(), body.to_owned());
    }
}

const ATTENDANCE_COUNT: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/jiyao/ontology#Attendance> }";

#[test]
fn curl_speaks_the_sparql_protocol() {
    let s = Server::start(&[]);
    let q = s.url("/query");
    // GET with query=, JSON by default.
    let (status, head, body) = curl(&[
        "-G",
        &q,
        "--data-urlencode",
        &format!("query={ATTENDANCE_COUNT}"),
    ]);
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: application/sparql-results+json"),
        "{head}"
    );
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["results"]["bindings"][0]["n"]["value"], "238");
    // POST form-encoded, CSV.
    let (status, _, body) = curl(&[
        &q,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={ATTENDANCE_COUNT}"),
    ]);
    assert_eq!((status, body.as_str()), (200, "n\r\n238\r\n"));
    // POST application/sparql-query, TSV and XML.
    let (status, _, body) = curl(&[
        &q,
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: text/tab-separated-values",
        "--data-binary",
        ATTENDANCE_COUNT,
    ]);
    assert_eq!((status, body.as_str()), (200, "?n\n238\n"));
    let (status, head, body) = curl(&[
        &q,
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/sparql-results+xml",
        "--data-binary",
        "ASK { ?p <http://xmlns.com/foaf/0.1/name> \"黄戟\" }",
    ]);
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: application/sparql-results+xml"),
        "{head}"
    );
    assert!(body.contains("<boolean>true</boolean>"), "{body}");
    // Chinese in a GET parameter: 蔡剑峰's meetings, as 列席 for 市工信局.
    let person = "PREFIX jy: <https://w3id.org/jiyao/ontology#> SELECT DISTINCT ?n ?org WHERE { ?a jy:person ?p ; jy:meeting ?m ; jy:role jy:attending ; jy:organization ?o . ?p <http://xmlns.com/foaf/0.1/name> \"蔡剑峰\" . ?m jy:ordinal ?n . ?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?org } ORDER BY ?n";
    let (_, _, body) = curl(&[
        "-G",
        &q,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={person}"),
    ]);
    assert_eq!(
        body,
        "n,org\r\n86,苏州市工业和信息化局\r\n115,苏州市工业和信息化局\r\n"
    );
    // Graph answers in every format.
    let construct = "CONSTRUCT { ?m <http://purl.org/dc/terms/identifier> ?n } WHERE { ?m a <https://w3id.org/jiyao/ontology#Meeting> ; <http://purl.org/dc/terms/identifier> ?n }";
    for (accept, needle) in [
        ("text/turtle", "dcterms:identifier \"〔2020〕36号\""),
        (
            "application/n-triples",
            "<http://purl.org/dc/terms/identifier> \"〔2020〕36号\" .\n",
        ),
        (
            "application/n-quads",
            "<http://purl.org/dc/terms/identifier> \"〔2020〕36号\" .\n",
        ),
        ("application/ld+json", "\"〔2020〕36号\""),
        ("application/rdf+xml", ">〔2020〕36号</"),
    ] {
        let (status, head, body) = curl(&[
            &q,
            "-H",
            &format!("Accept: {accept}"),
            "--data-urlencode",
            &format!("query={construct}"),
        ]);
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(
            head.contains(&format!("content-type: {accept}")),
            "{accept}: {head}"
        );
        assert!(body.contains(needle), "{accept}: {body}");
    }
    let (status, _, body) = curl(&[
        &q,
        "-H",
        "Accept: image/png",
        "--data-urlencode",
        &format!("query={ATTENDANCE_COUNT}"),
    ]);
    assert_eq!(status, 406, "{body}");
    // The dataset: one source graph as the default graph, or as the only named graph.
    let g = "https://w3id.org/jiyao/id/graph/source/001_e66f49d85cb24354.txt";
    let (_, _, body) = curl(&[
        "-G",
        &q,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={ATTENDANCE_COUNT}"),
        "--data-urlencode",
        &format!("default-graph-uri={g}"),
    ]);
    assert_eq!(body, "n\r\n81\r\n");
    let per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/jiyao/ontology#Attendance> } } GROUP BY ?g";
    let (_, _, body) = curl(&[
        "-G",
        &q,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={per_graph}"),
        "--data-urlencode",
        &format!("named-graph-uri={g}"),
    ]);
    assert_eq!(body, format!("g,n\r\n{g},81\r\n"));
    // Errors: the parser's message, 400; bad IRIs in the dataset, 400.
    let (status, _, body) = curl(&[
        "-G",
        &q,
        "--data-urlencode",
        "query=SELECT * WHERE { ?s ?p }",
    ]);
    assert_eq!(status, 400);
    assert!(
        body.starts_with("SPARQL syntax error: error at 1:"),
        "{body}"
    );
    let (status, _, _) = curl(&[
        "-G",
        &q,
        "--data-urlencode",
        "query=ASK {}",
        "--data-urlencode",
        "default-graph-uri=not an iri",
    ]);
    assert_eq!(status, 400);
    let (status, _, _) = curl(&[&q]);
    assert_eq!(status, 400);
    // Read-only: updates are refused.
    let (status, _, body) = curl(&[
        &s.url("/update"),
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "CLEAR ALL",
    ]);
    assert_eq!(status, 403);
    assert!(body.starts_with("this endpoint is read-only"), "{body}");
    let (_, _, body) = curl(&[
        "-G",
        &q,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={ATTENDANCE_COUNT}"),
    ]);
    assert_eq!(body, "n\r\n238\r\n");
    // CORS preflight.
    let (status, head, _) = curl(&[
        "-X",
        "OPTIONS",
        &q,
        "-H",
        "Origin: http://example.org",
        "-H",
        "Access-Control-Request-Method: POST",
        "-H",
        "Access-Control-Request-Headers: content-type",
    ]);
    assert_eq!(status, 204);
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    assert!(
        head.contains("access-control-allow-headers: accept, content-type, authorization"),
        "{head}"
    );
    // The access log names each request.
    let log = s.log_with(" OPTIONS /query 204 ");
    assert!(log.contains(" POST /update 403 "), "{log}");
    assert!(log.contains(" OPTIONS /query 204 "), "{log}");
}

#[test]
fn result_size_is_capped() {
    let s = Server::start(&["--max-results", "100"]);
    let (status, _, body) = curl(&[
        "-G",
        &s.url("/query"),
        "--data-urlencode",
        "query=SELECT * WHERE { ?s ?p ?o }",
    ]);
    assert_eq!(status, 422);
    assert!(
        body.starts_with("the answer has more than 100 rows"),
        "{body}"
    );
    let (status, _, body) = curl(&[
        "-G",
        &s.url("/query"),
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT * WHERE { ?s ?p ?o } LIMIT 100",
    ]);
    assert_eq!(status, 200);
    assert_eq!(body.lines().count(), 101);
}

#[test]
fn updates_need_the_flag_and_the_token() {
    // A store of its own, since this test writes.
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_jiyao"))
        .args(["ingest", repo("data/minutes").to_str().unwrap(), "--store"])
        .arg(dir.path().join("store"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let token = "correct-horse-battery-staple";
    let short = Command::new(env!("CARGO_BIN_EXE_jiyao"))
        .args([
            "serve",
            "--allow-update",
            "--bind",
            "127.0.0.1:0",
            "--store",
        ])
        .arg(dir.path().join("store"))
        .env("JIYAO_UPDATE_TOKEN", "short")
        .output()
        .unwrap();
    assert_eq!(short.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&short.stderr),
        "error: the update token must be at least 16 characters long\n"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiyao"))
        .args([
            "serve",
            "--allow-update",
            "--bind",
            "127.0.0.1:0",
            "--store",
        ])
        .arg(dir.path().join("store"))
        .env("JIYAO_UPDATE_TOKEN", token)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("listening on http://127.0.0.1:") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let update = format!("http://127.0.0.1:{port}/update");
    let insert =
        "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <http://xmlns.com/foaf/0.1/name> \"测试\" } }";
    let (status, head, _) = curl(&[
        &update,
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        insert,
    ]);
    assert_eq!(status, 401);
    assert!(head.contains("www-authenticate: bearer"), "{head}");
    let (status, _, _) = curl(&[
        &update,
        "-H",
        "Authorization: Bearer wrong-token-wrong-token",
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        insert,
    ]);
    assert_eq!(status, 401);
    let (status, _, body) = curl(&[
        &update,
        "-H",
        &format!("Authorization: Bearer {token}"),
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        insert,
    ]);
    assert_eq!(status, 204, "{body}");
    let (status, _, body) = curl(&[
        &update,
        "-H",
        &format!("Authorization: Bearer {token}"),
        "--data-urlencode",
        "update=INSERT DATA {",
    ]);
    assert_eq!(status, 400);
    assert!(body.starts_with("SPARQL syntax error"), "{body}");
    let (_, _, body) = curl(&[
        "-G",
        &format!("http://127.0.0.1:{port}/query"),
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT ?n WHERE { <urn:x:a> ?p ?n }",
    ]);
    assert_eq!(body, "n\r\n测试\r\n");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn python_sparqlwrapper_and_rdflib() {
    let s = Server::start(&[]);
    let o = Command::new("python3")
        .arg(repo("tests/server/sparqlwrapper.py"))
        .arg(s.url("/query"))
        .output()
        .expect("python3 is installed");
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stderr),
        s.log()
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["select_json"],
        serde_json::json!([
            ["86", "列席", "苏州市工业和信息化局"],
            ["115", "列席", "苏州市工业和信息化局"]
        ])
    );
    assert_eq!(v["count_csv_post"], "n\r\n238\r\n");
    assert_eq!(v["ask_xml"], "true");
    assert_eq!(v["construct_turtle"].as_array().unwrap().len(), 3);
    assert_eq!(v["bad_query"], "QueryBadFormed: SPARQL syntax error");
    assert_eq!(v["rdflib_sparqlstore"], serde_json::json!([63, 86, 115]));
}

#[test]
fn explorer_json_and_source_lines() {
    let s = Server::start(&[]);
    let (status, head, body) = curl(&[&s.url("/")]);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(
        body.contains("<script src=\"/app.js\"></script>")
            && !body.contains("http://")
            && !body.contains("https://"),
        "the page loads nothing from elsewhere"
    );
    let (_, _, js) = curl(&[&s.url("/app.js")]);
    assert!(
        !js.contains("http://")
            || js
                .matches("http://")
                .all(|_| js.contains("'http://www.w3.org/2000/svg'")),
        "the script loads nothing from elsewhere"
    );
    // Search, with Chinese input and a near miss.
    let (_, v) = s.get_json("/api/search", &["q=蔡剑峰"]);
    assert_eq!(
        v["results"][0]["id"],
        "https://w3id.org/jiyao/id/person/苏州市人民政府/蔡剑峰"
    );
    assert_eq!(v["results"][0]["kind"], "person");
    let (_, v) = s.get_json("/api/search", &["q=蔡剑锋"]);
    assert_eq!(v["results"], serde_json::json!([]));
    assert_eq!(v["suggestions"][0], "蔡剑峰");
    let (_, v) = s.get_json("/api/search", &["q=市工信局"]);
    assert_eq!(v["results"][0]["label"], "苏州市工业和信息化局");
    let (_, v) = s.get_json("/api/search", &["q=氢能", "kind=topic"]);
    assert_eq!(v["results"][0]["label"], "氢能");
    // Once the list of names is read, a page of search is the head of the whole answer,
    // and the total counts each entity once, an exact name included.
    let search = |q: &str, limit: usize| -> serde_json::Value {
        s.get_json(
            "/api/search",
            &[&format!("q={q}"), &format!("limit={limit}")],
        )
        .1
    };
    let started = Instant::now();
    while search("蔡", 1)["complete"] != true {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the list of names was not read"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let labels = |v: &serde_json::Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["label"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(search("蔡剑峰", 200)["total"], 1);
    assert_eq!(labels(&search("蔡剑峰", 200)), vec!["蔡剑峰"]);
    for q in ["蔡", "市工信局", "苏州市", "安全"] {
        let all = search(q, 200);
        let total = all["total"].as_u64().unwrap() as usize;
        assert_eq!(labels(&all).len(), total.min(200), "{q}");
        for limit in [1, 3] {
            let page = search(q, limit);
            assert_eq!(page["total"], all["total"], "{q}");
            assert_eq!(labels(&page), labels(&all)[..limit.min(total)], "{q}");
        }
    }
    // The person card.
    let (status, _, body) = curl(&[
        "-G",
        &s.url("/api/card/person"),
        "--data-urlencode",
        "id=蔡剑峰",
    ]);
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["sections"][0]["rows"],
        serde_json::json!([
            [
                "2020-01-06",
                86,
                "列席",
                "苏州市工业和信息化局",
                "004_acb563e421b872c8.txt",
                66
            ],
            [
                "2020-11-02",
                115,
                "列席",
                "苏州市工业和信息化局",
                "001_e66f49d85cb24354.txt",
                70
            ]
        ])
    );
    // A meeting by its source file, with every record's line.
    let (_, _, body) = curl(&[
        "-G",
        &s.url("/api/card/meeting"),
        "--data-urlencode",
        "id=001_e66f49d85cb24354.txt",
    ]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["title"], "第115次常务会议");
    assert_eq!(v["records"]["attendance"].as_array().unwrap().len(), 81);
    let cai: Vec<&serde_json::Value> = v["records"]["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["person"] == "蔡剑峰")
        .collect();
    assert_eq!(cai.len(), 1);
    assert_eq!(
        (
            cai[0]["role"].as_str(),
            cai[0]["org"].as_str(),
            cai[0]["line"].as_u64()
        ),
        (Some("列席"), Some("苏州市工业和信息化局"), Some(70))
    );
    assert_eq!(
        v["records"]["items"][2]["heading"],
        "审议《苏州市氢能及燃料电池产业发展规划》"
    );
    // Numbers stay numbers: the item's ordinal and line are JSON integers.
    assert!(
        v["records"]["items"][2]["item"].is_u64(),
        "{}",
        v["records"]["items"][2]
    );
    assert!(
        v["records"]["items"][2]["line"].is_u64(),
        "{}",
        v["records"]["items"][2]
    );
    // Organisation and topic cards, ambiguity and absence.
    let (_, _, body) = curl(&[
        "-G",
        &s.url("/api/card/org"),
        "--data-urlencode",
        "id=市工信局",
    ]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let people: Vec<&str> = v["sections"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[2].as_str().unwrap())
        .collect();
    assert_eq!(people, ["汪香元", "蔡剑峰", "蔡剑峰"]);
    let (_, _, body) = curl(&[
        "-G",
        &s.url("/api/card/topic"),
        "--data-urlencode",
        "id=氢能",
    ]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let years: Vec<&str> = v["sections"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r[0].as_str().unwrap()[..4])
        .collect();
    assert_eq!(years, ["2019", "2020"]);
    let (status, _, body) = curl(&[
        "-G",
        &s.url("/api/card/person"),
        "--data-urlencode",
        "id=无名氏",
    ]);
    assert_eq!(status, 404, "{body}");
    // A name of several people: search tells them apart, the card lists them with their records.
    let (_, _, body) = curl(&["-G", &s.url("/api/search"), "--data-urlencode", "q=黄戟"]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let details: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        details,
        [
            "苏州市人民政府",
            "苏州市人民政府 · 苏州市公安局",
            "苏州市人民政府 · 苏州市自然资源和规划局"
        ]
    );
    let (status, _, body) = curl(&[
        "-G",
        &s.url("/api/card/person"),
        "--data-urlencode",
        "id=黄戟",
    ]);
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["sections"][0]["name"], "people");
    assert_eq!(v["sections"][0]["rows"].as_array().unwrap().len(), 3);
    assert_eq!(
        v["sections"][1]["rows"][1][6],
        "https://w3id.org/jiyao/id/person/苏州市人民政府/黄戟/苏州市公安局"
    );
    assert!(js.contains("function namesakes(c)"));
    // The neighbourhood.
    let (_, _, body) = curl(&[
        "-G",
        &s.url("/api/neighbors"),
        "--data-urlencode",
        "id=蔡剑峰",
    ]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut labels: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    labels.sort();
    assert_eq!(
        labels,
        [
            "第115次常务会议",
            "第86次常务会议",
            "苏州市工业和信息化局",
            "蔡剑峰"
        ]
    );
    assert_eq!(v["edges"].as_array().unwrap().len(), 3);
    // The source, line by line: 蔡剑峰's record starts on line 70 of the 115th meeting's minutes (市工信局, at the end of the line) and his name opens line 71.
    let (status, _, body) = curl(&[&s.url("/source/001_e66f49d85cb24354.txt")]);
    assert_eq!(status, 200);
    let line = |n: u32| {
        body.lines()
            .find(|l| l.contains(&format!("id=\"L{n}\"")))
            .unwrap()
            .to_owned()
    };
    assert_eq!(line(70), "<div class=\"line\" id=\"L70\"><a class=\"n\" href=\"#L70\">70</a><span class=\"t\">钱宇 市教育局张曙 市科技局张东驰 市工信局</span></div>");
    assert!(
        line(71).contains("<span class=\"t\">蔡剑峰 市民宗局"),
        "{}",
        line(71)
    );
    let (status, _, _) = curl(&[&s.url("/source/..%2F..%2FCargo.toml")]);
    assert_eq!(status, 404);
    // The list of documents pages: the total, and only the page's files.
    let (status, _, body) = curl(&[&s.url("/api/documents?offset=1&limit=1")]);
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "total": 3, "offset": 1, "limit": 1,
            "documents": [{
                "file": "001_e66f49d85cb24354.txt",
                "meeting": "https://w3id.org/jiyao/id/meeting/苏州市人民政府/2020-11-02/115",
                "text": true
            }]
        })
    );
    // The store's counts leave the quads out unless asked: counting them reads every quad.
    let (status, _, body) = curl(&[&s.url("/api/stats")]);
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (
            v["documents"].clone(),
            v["attendance"].clone(),
            v["quads"].clone()
        ),
        (
            serde_json::json!(3),
            serde_json::json!(238),
            serde_json::Value::Null
        )
    );
    let (_, _, body) = curl(&[&s.url("/api/stats?quads=1")]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["quads"], serde_json::json!(8494));
    // The home page's overview, from the summary graph.
    let (status, _, body) = curl(&[&s.url("/api/overview?top=1")]);
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["years"],
        serde_json::json!([
            { "year": "2019", "meetings": 1, "items": 4, "attendance": 80 },
            { "year": "2020", "meetings": 2, "items": 10, "attendance": 158 }
        ])
    );
    assert_eq!(v["topics"][0]["label"], "安全生产");
    assert_eq!(
        v["topics"][0]["years"],
        serde_json::json!({ "2019": 2, "2020": 3 })
    );
    assert_eq!(v["people"].as_array().unwrap().len(), 1);
    assert_eq!(
        (&v["people"][0]["label"], &v["people"][0]["records"]),
        (&serde_json::json!("李亚平"), &serde_json::json!(6))
    );
    assert_eq!(
        (&v["leads"][0]["label"], &v["leads"][0]["documents"]),
        (
            &serde_json::json!("苏州市工业和信息化局"),
            &serde_json::json!(2)
        )
    );
    // A topic's card a page at a time, with the totals.
    let topic_page = |narrower: bool, offset: usize| -> serde_json::Value {
        let (status, v) = s.get_json(
            "/api/card/topic",
            &[
                "id=安全生产",
                "limit=2",
                &format!("offset={offset}"),
                &format!("narrower={narrower}"),
            ],
        );
        assert_eq!(status, 200, "{v}");
        v
    };
    let v = topic_page(false, 1);
    assert_eq!(v["sections"][0]["name"], "timeline");
    assert_eq!(v["sections"][0]["rows"].as_array().unwrap().len(), 2);
    assert_eq!(v["sections"][0]["total"], serde_json::json!(5));
    assert_eq!(v["sections"][0]["offset"], serde_json::json!(1));
    assert_eq!(v["sections"][2]["name"], "years");
    // A card gives the timeline's total at once and leaves the documents' to /api/topic-totals,
    // which counts them once; the card's pages show both after that, with and without narrower topics.
    let totals = |narrower: bool, offset: usize| {
        let v = topic_page(narrower, offset);
        (
            v["sections"][0]["total"].clone(),
            v["sections"][1]["total"].clone(),
        )
    };
    let null = serde_json::Value::Null;
    assert_eq!(totals(false, 1), (serde_json::json!(5), null.clone()));
    assert_eq!(totals(true, 0), (serde_json::json!(9), null));
    let counted = |narrower: bool| -> serde_json::Value {
        let (status, v) = s.get_json(
            "/api/topic-totals",
            &["id=安全生产", &format!("narrower={narrower}")],
        );
        assert_eq!(status, 200, "{v}");
        v
    };
    let v = counted(false);
    assert_eq!(
        (&v["timeline"], &v["documents"], &v["narrower"]),
        (
            &serde_json::json!(5),
            &serde_json::json!(2),
            &serde_json::json!(false)
        )
    );
    assert_eq!(
        v["iri"],
        serde_json::json!("https://w3id.org/jiyao/id/topic/policy/work-safety")
    );
    let five_two = (serde_json::json!(5), serde_json::json!(2));
    assert_eq!(totals(false, 1), five_two);
    assert_eq!(totals(false, 3), five_two);
    let v = counted(true);
    assert_eq!(
        (&v["timeline"], &v["documents"]),
        (&serde_json::json!(9), &serde_json::json!(2))
    );
    let nine_two = (serde_json::json!(9), serde_json::json!(2));
    assert_eq!(totals(true, 0), nine_two);
    assert_eq!(totals(true, 2), nine_two);
    assert_eq!(totals(false, 4), five_two);
    // Asked again by the IRI the card gives, the kept totals answer.
    let (status, v) = s.get_json(
        "/api/topic-totals",
        &["id=https://w3id.org/jiyao/id/topic/policy/work-safety"],
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        (&v["timeline"], &v["documents"]),
        (&serde_json::json!(5), &serde_json::json!(2))
    );
    let (status, _, _) = curl(&[&s.url("/api/topic-totals?id=%E6%B2%A1%E6%9C%89")]);
    assert_eq!(status, 404);
    let (status, _, _) = curl(&[&s.url("/api/nothing")]);
    assert_eq!(status, 404);
}

/// Sends raw bytes and returns what came back before the server closed or went quiet.
fn raw(port: u16, bytes: &[u8]) -> String {
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let _ = c.write_all(bytes);
    let _ = c.shutdown(Shutdown::Write);
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn still_serves(s: &Server) {
    let (status, _, body) = curl(&[
        "-G",
        &s.url("/query"),
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={ATTENDANCE_COUNT}"),
    ]);
    assert_eq!(
        (status, body.as_str()),
        (200, "n\r\n238\r\n"),
        "{}",
        s.log()
    );
}

#[test]
fn survives_malformed_http_oversized_bodies_and_disconnects() {
    let s = Server::start(&["--max-body", "10000"]);
    let p = s.port;
    assert!(raw(p, b"HELLO WORLD\r\n\r\n").starts_with("HTTP/1.1 400"));
    assert!(
        raw(p, b"GET / HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n").starts_with("HTTP/1.1 400")
    );
    assert!(raw(p, b"\x00\xff\xfe\r\n\r\n").starts_with("HTTP/1.1 400"));
    let huge_header = format!(
        "GET / HTTP/1.1\r\nhost: x\r\nx-a: {}\r\n\r\n",
        "a".repeat(100_000)
    );
    assert!(raw(p, huge_header.as_bytes()).starts_with("HTTP/1.1 400"));
    still_serves(&s);
    // An announced body over the cap is refused before it is read, and the connection closed.
    let r = raw(p, b"POST /query HTTP/1.1\r\nhost: x\r\ncontent-type: application/sparql-query\r\ncontent-length: 100000000\r\n\r\nASK {}");
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");
    assert!(
        r.contains("larger than the server's cap of 10000 bytes"),
        "{r}"
    );
    // A chunked body over the cap, and a real one sent by curl.
    let mut chunked = b"POST /query HTTP/1.1\r\nhost: x\r\ncontent-type: application/sparql-query\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..20 {
        chunked.extend_from_slice(format!("3e8\r\n{}\r\n", "#".repeat(1000)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert!(raw(p, &chunked).starts_with("HTTP/1.1 413"));
    let big = format!("query=ASK {{}}&pad={}", "x".repeat(50_000));
    let (status, _, _) = curl(&[&s.url("/query"), "--data-binary", &big]);
    assert_eq!(status, 413);
    // Abrupt disconnects: mid-headers, mid-body, and while a query runs.
    for bytes in [&b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nhos"[..], &b"POST /query HTTP/1.1\r\nhost: x\r\ncontent-type: application/sparql-query\r\ncontent-length: 50\r\n\r\nASK"[..]] {
        let mut c = TcpStream::connect(("127.0.0.1", p)).unwrap();
        c.write_all(bytes).unwrap();
        drop(c);
    }
    for _ in 0..5 {
        let mut c = TcpStream::connect(("127.0.0.1", p)).unwrap();
        c.write_all(b"GET /query?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%20%7D%20LIMIT%205000 HTTP/1.1\r\nhost: x\r\naccept: text/csv\r\n\r\n").unwrap();
        drop(c);
    }
    // Keep-alive: two requests, one after the other, on one connection.
    let mut c = BufReader::new(TcpStream::connect(("127.0.0.1", p)).unwrap());
    c.get_mut()
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    assert_eq!(get(&mut c, "/health").unwrap(), 200);
    assert_eq!(get(&mut c, "/health").unwrap(), 200);
    still_serves(&s);
}

#[test]
fn a_runaway_query_is_stopped_while_others_are_served() {
    let s = Server::start(&["--timeout", "1"]);
    let q = s.url("/query");
    // A cross product sorted: the engine reads the store as it goes, so cancellation stops it for good.
    let sorted = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1";
    // A cross product counted: the join runs in memory between reads, so the client is answered at the limit but the work ends later.
    let counted = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let runaways: Vec<_> = [sorted, counted]
        .into_iter()
        .map(|query| {
            let q = q.clone();
            let query = query.to_owned();
            std::thread::spawn(move || {
                let r = curl(&[&q, "--data-urlencode", &format!("query={query}")]);
                (r, Instant::now())
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    // Other clients keep being served while the runaways run.
    let mut served = Vec::new();
    for _ in 0..10 {
        let (status, _, body) = curl(&[
            "-G",
            &q,
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query={ATTENDANCE_COUNT}"),
        ]);
        assert_eq!((status, body.as_str()), (200, "n\r\n238\r\n"));
        served.push(Instant::now());
    }
    for r in runaways {
        let ((status, _, body), answered) = r.join().unwrap();
        assert_eq!(status, 503, "{body}");
        assert_eq!(
            body,
            "the query ran longer than the time limit of 1s and was stopped\n"
        );
        assert!(
            served[0] < answered,
            "a simple query was answered while the runaway ran"
        );
    }
    still_serves(&s);
}

/// Minimal keep-alive HTTP/1.1 client for the load test: returns the status of each answer.
fn get(c: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    c.get_mut().write_all(format!("GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: application/sparql-results+json\r\n\r\n").as_bytes())?;
    let mut status = 0;
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if c.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if status == 0 {
            status = l
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        } else if l.is_empty() {
            break;
        } else if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    c.read_exact(&mut body)?;
    Ok(status)
}

#[test]
#[ignore = "a load test: run with --ignored --nocapture; prints throughput"]
fn load() {
    let clients: usize = std::env::var("JIYAO_LOAD_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let seconds: u64 = std::env::var("JIYAO_LOAD_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let s = Server::start(&["--no-access-log"]);
    let person = "/query?query=PREFIX%20jy%3A%20%3Chttps%3A%2F%2Fw3id.org%2Fjiyao%2Fontology%23%3E%20SELECT%20%3Fm%20WHERE%20%7B%20%3Fa%20jy%3Aperson%20%3Fp%20%3B%20jy%3Ameeting%20%3Fm%20.%20%3Fp%20%3Chttp%3A%2F%2Fxmlns.com%2Ffoaf%2F0.1%2Fname%3E%20%22%E8%94%A1%E5%89%91%E5%B3%B0%22%20%7D";
    let paths = [person, "/query?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fa%20a%20%3Chttps%3A%2F%2Fw3id.org%2Fjiyao%2Fontology%23Attendance%3E%20%7D", "/api/search?q=%E8%94%A1", "/api/neighbors?id=%E8%94%A1%E5%89%91%E5%B3%B0"];
    let end = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|k| {
            let port = s.port;
            std::thread::spawn(move || {
                let mut c = BufReader::new(TcpStream::connect(("127.0.0.1", port)).unwrap());
                let (mut ok, mut errors) = (0usize, 0usize);
                let mut i = k;
                while Instant::now() < end {
                    match get(&mut c, paths[i % paths.len()]) {
                        Ok(200) => ok += 1,
                        _ => {
                            errors += 1;
                            c = BufReader::new(TcpStream::connect(("127.0.0.1", port)).unwrap());
                        }
                    }
                    i += 1;
                }
                (ok, errors)
            })
        })
        .collect();
    let (mut ok, mut errors) = (0, 0);
    for w in workers {
        let (o, e) = w.join().unwrap();
        ok += o;
        errors += e;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "load: {clients} clients for {secs:.1}s: {ok} answers, {errors} errors, {:.0} requests/s",
        ok as f64 / secs
    );
    assert_eq!(errors, 0);
}

/// Returns true when a program can be found on the PATH.
fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn headless_chromium_searches_and_opens_a_person() {
    if !(installed("chromium") && installed("chromedriver")) {
        println!("NOTICE: chromium or chromedriver is not installed (scripts/setup.sh installs them): the browser test is skipped");
        return;
    }
    let s = Server::start(&[]);
    let shots = repo("target/server-test");
    let o = Command::new("timeout")
        .args(["180", "python3"])
        .arg(repo("tests/server/browser.py"))
        .arg(s.url(""))
        .arg(&shots)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stderr),
        s.log()
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["stats"],
        "3 documents · 3 meetings · 168 people · 108 organisations · 238 attendance records"
    );
    // Each person found says which government it belongs to.
    assert_eq!(
        v["results"],
        serde_json::json!(["人物 person蔡剑峰 · 苏州市人民政府"])
    );
    let p = &v["person"];
    assert_eq!(p["title"], "蔡剑峰");
    assert_eq!(p["fields"]["meetings"], "2");
    assert_eq!(
        p["meetings"],
        serde_json::json!([
            { "meeting": "86", "role": "列席", "org": "苏州市工业和信息化局", "source": "/source/004_acb563e421b872c8.txt#L66" },
            { "meeting": "115", "role": "列席", "org": "苏州市工业和信息化局", "source": "/source/001_e66f49d85cb24354.txt#L70" }
        ])
    );
    assert_eq!(
        p["organisations"],
        serde_json::json!([["苏州市工业和信息化局", "2020-01-06", "2020-11-02", "2"]])
    );
    assert_eq!(p["coattendees"], 10);
    assert_eq!(v["meeting"]["title"], "第86次常务会议");
    assert_eq!(
        v["meeting"]["roles"],
        serde_json::json!(["主持 (1)", "出席 (10)", "列席 (65)", "记录 (1)"])
    );
    assert_eq!(v["graph"]["nodes"], 4);
    // The topic page's documents total arrives after the page, from /api/topic-totals.
    assert_eq!(v["topic"]["title"], "安全生产");
    assert_eq!(
        v["topic"]["headings"],
        serde_json::json!([
            "每年议题 Agenda items per year",
            "时间线 Timeline (5)",
            "文件 Documents (2)"
        ])
    );
    assert_eq!(v["topic"]["entries"], 5);
    for shot in [
        "search.png",
        "person.png",
        "meeting.png",
        "graph.png",
        "topic.png",
    ] {
        let bytes = std::fs::read(shots.join(shot)).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{shot} is a PNG");
    }
    println!("screenshots: {}", shots.display());
}
