//! `--limit`/`--offset`: a page of an answer is the same rows as that slice of the whole answer.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::{seed, SEEDS};
use jiyao::query::views::{self, Card};
use jiyao::query::{self, library, Answer, Page};
use jiyao::rdf::{iri::Base, Mapper};
use jiyao::resolve::{people::People, Resources};
use jiyao::store::GraphStore;

#[test]
fn a_page_is_the_slice_of_the_whole_answer() {
    let store = GraphStore::in_memory(Base::default()).unwrap();
    store.load_vocabulary(Resources::bundled()).unwrap();
    let mapper = Mapper::new(store.base(), Resources::bundled(), People::bundled());
    let docs: Vec<_> = SEEDS.iter().map(|s| mapper.document(&seed(s))).collect();
    store.replace_documents(&docs).unwrap();
    let text = library::get("memberships").unwrap();
    let all = query::run(&store, text, &[], None).unwrap().strings();
    assert!(all.len() > 20, "{}", all.len());
    let page = |offset, limit| {
        query::run_page(&store, text, &[], None, Page { offset, limit })
            .unwrap()
            .strings()
    };
    assert_eq!(page(5, Some(7)), all[5..12].to_vec());
    assert_eq!(page(0, Some(3)), all[..3].to_vec());
    assert_eq!(page(all.len() - 2, None), all[all.len() - 2..].to_vec());
    assert_eq!(page(all.len() + 5, Some(3)), Vec::<Vec<String>>::new());
    // The variables stay even on an empty page.
    let empty = query::run_page(
        &store,
        text,
        &[],
        None,
        Page {
            offset: 0,
            limit: Some(0),
        },
    )
    .unwrap();
    assert!(
        matches!(empty, Answer::Solutions { ref variables, ref rows } if variables.len() == 5 && rows.is_empty())
    );
}

/// The seeds, and a copy of the 2020-11-02 seed whose meeting has no date (as a news report that lost it would be).
fn store_with_undated_copy() -> GraphStore {
    let store = GraphStore::in_memory(Base::default()).unwrap();
    store.load_vocabulary(Resources::bundled()).unwrap();
    let mapper = Mapper::new(store.base(), Resources::bundled(), People::bundled());
    let mut docs: Vec<_> = SEEDS.iter().map(|s| mapper.document(&seed(s))).collect();
    let mut undated = seed("001_e66f49d85cb24354");
    undated.file = "undated_copy.txt".to_owned();
    undated.meeting.date = None;
    docs.push(mapper.document(&undated));
    store.replace_documents(&docs).unwrap();
    store
}

fn rows(card: &Card, section: usize) -> Vec<Vec<String>> {
    card.sections[section].text_rows()
}

#[test]
fn topic_card_pages_are_the_whole_card_in_order_with_undated_links_last() {
    let store = store_with_undated_copy();
    let whole = views::topic(&store, "安全生产", true, Page::ALL).unwrap();
    let timeline = rows(&whole, 0);
    let dated = timeline.iter().filter(|r| !r[0].is_empty()).count();
    // The 3 + 4 + 2 links of the dated seeds to 安全生产 and its narrower topics
    // (crates/core/tests/expected/*.topics.csv), then the undated copy's 4.
    assert_eq!((timeline.len(), dated), (13, 9));
    assert!(timeline[..dated].iter().all(|r| !r[0].is_empty()));
    assert!(timeline[dated..].iter().all(|r| r[0].is_empty()));
    let documents = rows(&whole, 1);
    for (k, all) in [(0, &timeline), (1, &documents)] {
        for limit in [1, 4, 7] {
            let mut pages = Vec::new();
            for offset in (0..all.len() + limit).step_by(limit) {
                let card = views::topic(
                    &store,
                    "安全生产",
                    true,
                    Page {
                        offset,
                        limit: Some(limit),
                    },
                )
                .unwrap();
                assert_eq!(card.sections[k].total, Some(all.len()));
                pages.push(rows(&card, k));
            }
            // Each page is sorted for display on the date, meeting and item first: the
            // pages follow one another in the whole table's order.
            let key = |r: &Vec<String>| (r[0].is_empty(), r[0].clone(), r[1].clone(), r[2].clone());
            let flat: Vec<_> = pages.concat();
            let mut sorted = flat.clone();
            sorted.sort_by_key(key);
            assert_eq!(
                flat.iter().map(key).collect::<Vec<_>>(),
                sorted.iter().map(key).collect::<Vec<_>>()
            );
            let (mut a, mut b) = (all.clone(), flat);
            a.sort();
            b.sort();
            assert_eq!(a, b, "section {k}, pages of {limit}");
        }
    }
}
