//! `--limit`/`--offset`: a page of an answer is the same rows as that slice of the whole answer.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::{seed, SEEDS};
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
