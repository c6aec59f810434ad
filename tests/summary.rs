//! The summary graph stays exact whatever order documents arrive, leave and come back in.
//!
//! Each scenario builds a store from the seeds (plus a copy of one seed under
//! another file name, so that two documents describe the same meeting and its
//! distinct keys must count once) and compares its summary graph, quad for
//! quad, with the one a bulk load of the same documents writes; the bulk load's
//! figures are checked against the seeds themselves.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::{extract_bytes, seed_bytes, SEEDS};
use jiyao::rdf::{iri::Base, DocumentGraph, Mapper};
use jiyao::resolve::{people::People, Resources};
use jiyao::store::GraphStore;
use std::collections::BTreeSet;

/// Runs a SELECT written without prefixes and returns its rows' cells in the order of the projection.
fn select(store: &GraphStore, body: &str) -> Vec<Vec<String>> {
    jiyao::query::select(store, body, &[])
        .unwrap()
        .iter()
        .map(jiyao::query::Row::values)
        .collect()
}

/// The seeds' document graphs, and a copy of the 2020-11-02 seed under another name.
fn docs() -> Vec<DocumentGraph> {
    let base = Base::default();
    let mapper = Mapper::new(&base, Resources::bundled(), People::bundled());
    let mut out: Vec<DocumentGraph> = SEEDS
        .iter()
        .map(|s| mapper.document(&extract_bytes(&format!("{s}.txt"), &seed_bytes(s))))
        .collect();
    out.push(mapper.document(&extract_bytes(
        "copy_of_001.txt",
        &seed_bytes("001_e66f49d85cb24354"),
    )));
    out
}

fn empty() -> GraphStore {
    let store = GraphStore::in_memory(Base::default()).unwrap();
    store.load_vocabulary(Resources::bundled()).unwrap();
    store
}

fn summary(store: &GraphStore) -> BTreeSet<String> {
    let g = store.base().summary_graph();
    store
        .oxigraph()
        .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
        .map(|q| q.unwrap().to_string())
        .collect()
}

fn bulk(docs: &[DocumentGraph]) -> GraphStore {
    let store = empty();
    let mut b = store.bulk();
    for d in docs {
        b.add(d.clone()).unwrap();
    }
    b.commit().unwrap();
    store
}

fn pick(docs: &[DocumentGraph], which: &[usize]) -> Vec<DocumentGraph> {
    which.iter().map(|&i| docs[i].clone()).collect()
}

#[test]
fn bulk_summary_has_the_seeds_figures() {
    let store = bulk(&docs()[..3]);
    let rows = select(&store, "SELECT ?y ?m ?i ?a WHERE { ?s a jy:YearSummary ; jy:year ?y ; jy:meetingCount ?m ; jy:itemCount ?i ; jy:attendanceCount ?a } ORDER BY ?y");
    // The same figures as meetings-per-year computed from the records (tests/queries.rs).
    let old = select(&store, "SELECT ?year (COUNT(?m) AS ?meetings) (SUM(?items1) AS ?items) (SUM(?attendance1) AS ?attendance) WHERE {
          { SELECT DISTINCT ?m ?year WHERE { ?m a jy:Meeting ; schema:startDate ?date . BIND(YEAR(?date) AS ?year) } }
          OPTIONAL { SELECT ?m (COUNT(DISTINCT ?i) AS ?ni) WHERE { ?m schema:subEvent ?i } GROUP BY ?m }
          OPTIONAL { SELECT ?m (COUNT(DISTINCT ?a) AS ?na) WHERE { ?a a jy:Attendance ; jy:meeting ?m } GROUP BY ?m }
          BIND(COALESCE(?ni, 0) AS ?items1) BIND(COALESCE(?na, 0) AS ?attendance1)
        } GROUP BY ?year ORDER BY ?year");
    assert_eq!(rows, old);
    assert_eq!(rows.len(), 2);
    // Every attendance record, dated or not, in the corpus node: what the store's counts read.
    let corpus = select(
        &store,
        "SELECT ?n WHERE { ?s a jy:CorpusSummary ; jy:attendanceCount ?n }",
    );
    let counted = select(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a jy:Attendance } }",
    );
    assert_eq!(corpus, counted);
    assert_eq!(corpus, vec![vec!["238".to_owned()]]);
    assert_eq!(store.counts().unwrap().attendance, 238);
    // Topic links per topic and month: as counted from the links, and as the links' own jy:topicMonth edges say.
    let months = select(&store, "SELECT ?t ?month ?n WHERE { ?s a jy:TopicMonthSummary ; jy:about ?t ; jy:month ?month ; jy:linkCount ?n } ORDER BY ?t ?month");
    let counted = select(&store, "SELECT ?t ?month (COUNT(?x) AS ?n) WHERE { ?x a jy:TopicLink ; jy:topic ?t ; jy:meeting ?m . ?m schema:startDate ?d BIND(SUBSTR(STR(?d), 1, 7) AS ?month) } GROUP BY ?t ?month ORDER BY ?t ?month");
    assert_eq!(months, counted);
    let edges = select(&store, "SELECT ?t ?month (COUNT(?x) AS ?n) WHERE { ?x jy:topicMonth ?s . ?s jy:about ?t ; jy:month ?month } GROUP BY ?t ?month ORDER BY ?t ?month");
    assert_eq!(months, edges);
    assert_eq!(
        months
            .iter()
            .map(|r| r[2].parse::<u32>().unwrap())
            .sum::<u32>(),
        43,
        "the seeds' topic links (crates/core/tests/expected/*.topics.csv)"
    );
    // 黄戟 is named by records under two organisations in 〔2020〕3号.
    let people = select(&store, "SELECT ?n WHERE { ?s a jy:PersonSummary ; jy:about ?p ; jy:recordCount ?n . ?p foaf:name \"蔡剑峰\" }");
    assert_eq!(people, vec![vec!["2".to_owned()]]);
}

#[test]
fn a_copy_of_a_meeting_counts_its_meeting_and_items_once_and_its_records_twice() {
    let all = docs();
    let once = bulk(&all[..3]);
    let twice = bulk(&all);
    let year = |s: &GraphStore| {
        select(s, "SELECT ?m ?i ?a WHERE { ?s jy:year 2020 ; a jy:YearSummary ; jy:meetingCount ?m ; jy:itemCount ?i ; jy:attendanceCount ?a }")
    };
    let (a, b) = (year(&once), year(&twice));
    assert_eq!(a[0][0], b[0][0], "meetings");
    assert_eq!(a[0][1], b[0][1], "items");
    let records = |r: &Vec<Vec<String>>| r[0][2].parse::<u32>().unwrap();
    assert_eq!(
        records(&b) - records(&a),
        81,
        "the copy's attendance records"
    );
    let corpus = |s: &GraphStore| s.counts().unwrap().attendance;
    assert_eq!(corpus(&twice) - corpus(&once), 81, "in the corpus node too");
}

#[test]
fn every_order_of_ingest_removal_and_reingest_gives_the_bulk_summary() {
    let all = docs();
    let want = summary(&bulk(&all));
    let want_without_copy = summary(&bulk(&all[..3]));
    let want_first_two = summary(&bulk(&all[..2]));

    // All at once, in one transaction.
    let s = empty();
    s.replace_documents(&all).unwrap();
    assert_eq!(summary(&s), want);

    // One by one, then again (unchanged re-ingest).
    let s = empty();
    for d in &all {
        s.replace_documents(std::slice::from_ref(d)).unwrap();
    }
    assert_eq!(summary(&s), want);
    s.replace_documents(&all).unwrap();
    assert_eq!(summary(&s), want);

    // Remove the copy: the meeting stays (the original holds it), its records go.
    s.remove_documents(&["copy_of_001.txt"]).unwrap();
    assert_eq!(summary(&s), want_without_copy);
    // Remove the original too, then a third: what is left is the first two.
    s.remove_documents(&["004_acb563e421b872c8.txt"]).unwrap();
    assert_eq!(summary(&s), want_first_two);
    // Re-ingest them in another batch shape.
    s.replace_documents(&pick(&all, &[3, 2])).unwrap();
    assert_eq!(summary(&s), want);

    // Remove the original while the copy stays, then bring it back.
    s.remove_documents(&["001_e66f49d85cb24354.txt"]).unwrap();
    assert_eq!(
        summary(&s),
        summary(&bulk(&pick(&all, &[0, 2, 3]))),
        "the copy alone holds the meeting"
    );
    s.replace_documents(&pick(&all, &[1])).unwrap();
    assert_eq!(summary(&s), want);

    // Remove everything: no summary is left, only the store's format.
    s.remove_documents(&[
        "000_4fe69c810812ccb5.txt",
        "001_e66f49d85cb24354.txt",
        "004_acb563e421b872c8.txt",
        "copy_of_001.txt",
    ])
    .unwrap();
    assert_eq!(
        summary(&s),
        BTreeSet::from([format!(
            "<https://w3id.org/jiyao/id/store> <https://w3id.org/jiyao/ontology#storeFormat> \"{}\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/jiyao/id/graph/summary>",
            jiyao::store::STORE_FORMAT
        )])
    );
}

#[test]
fn replacing_a_document_by_another_version_moves_its_counts() {
    let all = docs();
    let s = empty();
    s.replace_documents(&all[..3]).unwrap();
    // The copy's file name now holds the 2019 seed's text: a new version of that document.
    let base = Base::default();
    let mapper = Mapper::new(&base, Resources::bundled(), People::bundled());
    let v1 = mapper.document(&extract_bytes(
        "copy.txt",
        &seed_bytes("001_e66f49d85cb24354"),
    ));
    let v2 = mapper.document(&extract_bytes(
        "copy.txt",
        &seed_bytes("000_4fe69c810812ccb5"),
    ));
    s.replace_documents(&[v1]).unwrap();
    s.replace_documents(std::slice::from_ref(&v2)).unwrap();
    let mut want = all[..3].to_vec();
    want.push(v2);
    assert_eq!(summary(&s), summary(&bulk(&want)));
}

/// The document graphs of a generated corpus (jiyao synth), the pages the extractor refuses left out.
fn generated(meetings: usize, seed: u64) -> Vec<DocumentGraph> {
    let base = Base::default();
    let mapper = Mapper::new(&base, Resources::bundled(), People::bundled());
    let config = jiyao_synth::Config { meetings, seed };
    let mut out = Vec::new();
    jiyao_synth::generate(&config, Resources::bundled(), |g| {
        let src = jiyao::load::decode(&g.file_name, &g.bytes).unwrap();
        if let Ok(x) = jiyao::extract::extract(&src, Resources::bundled()) {
            out.push(mapper.document(&x));
        }
        Ok::<(), jiyao_synth::SynthError>(())
    })
    .unwrap();
    out
}

/// A list's rows with the pieces of its last column sorted (GROUP_CONCAT's order is unspecified).
fn sorted_pieces(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|mut r| {
            let last = r.last_mut().unwrap();
            let mut pieces: Vec<&str> = last.split("; ").collect();
            pieces.sort_unstable();
            *last = pieces.join("; ");
            r
        })
        .collect()
}

#[test]
fn name_summaries_are_the_rows_the_records_give() {
    let all = generated(240, 11);
    let store = bulk(&all);
    let library = |name: &str| {
        let text = jiyao::query::library::get(name).unwrap();
        jiyao::query::run(&store, text, &[], None)
            .unwrap()
            .strings()
    };
    // The record-scanning forms the two queries' headers give.
    let multiple = select(&store, "SELECT ?person (COUNT(DISTINCT ?o) AS ?orgs) (GROUP_CONCAT(DISTINCT CONCAT(STR(?org), \" @ 第\", STR(?n), \"次\"); separator=\"; \") AS ?where)
        WHERE { ?p foaf:name ?person . ?ms org:member ?p ; org:organization ?o ; jy:meeting ?m . ?o skos:prefLabel ?org . ?m jy:ordinal ?n }
        GROUP BY ?person HAVING (COUNT(DISTINCT ?o) > 1) ORDER BY ?person");
    let ambiguous = select(&store, "SELECT ?name (COUNT(DISTINCT ?p) AS ?people) (GROUP_CONCAT(DISTINCT ?seen; separator=\"; \") AS ?records)
        WHERE { ?p foaf:name ?name . ?a jy:person ?p ; jy:meeting ?m .
                OPTIONAL { ?a jy:organization ?o OPTIONAL { ?o skos:prefLabel ?org } } OPTIONAL { ?m jy:ordinal ?n }
                BIND(CONCAT(STRAFTER(STR(?p), \"/person/\"), \" ← \", COALESCE(STR(?org), \"—\"), \" @ 第\", COALESCE(STR(?n), \"?\"), \"次\") AS ?seen) }
        GROUP BY ?name HAVING (COUNT(DISTINCT ?p) > 1) ORDER BY ?name");
    assert!(
        multiple.len() > 5 && ambiguous.len() > 5,
        "{} {}",
        multiple.len(),
        ambiguous.len()
    );
    assert_eq!(library("people-multiple-orgs"), sorted_pieces(multiple));
    assert_eq!(library("ambiguous-people"), sorted_pieces(ambiguous));

    // Kept exact by transactions: half at once, the rest one batch at a time, some removed and brought back.
    let s = empty();
    let (first, rest) = all.split_at(all.len() / 2);
    s.replace_documents(first).unwrap();
    for batch in rest.chunks(37) {
        s.replace_documents(batch).unwrap();
    }
    assert_eq!(summary(&s), summary(&store));
    let gone: Vec<&str> = all.iter().step_by(5).map(|d| d.file.as_str()).collect();
    s.remove_documents(&gone).unwrap();
    let kept: Vec<DocumentGraph> = all
        .iter()
        .filter(|d| !gone.contains(&d.file.as_str()))
        .cloned()
        .collect();
    assert_eq!(summary(&s), summary(&bulk(&kept)));
    let back: Vec<DocumentGraph> = all.iter().step_by(5).cloned().collect();
    s.replace_documents(&back).unwrap();
    assert_eq!(summary(&s), summary(&store));
}
