//! Cross-government link candidates over the store: the records of each name per government, read by one SPARQL query, and the core's rule ([`jiyao_core::resolve::links`]) over them.
//!
//! Nothing here merges anyone: the candidates are printed with their
//! evidence, and a user accepts one by adding its
//! [`Candidate::accept_row`] to `data/people.csv` (or a file given to
//! `jiyao ingest --people`) and ingesting again.

use super::QueryError;
use crate::store::GraphStore;
use jiyao_core::resolve::links::{self, Candidate, LinkRule, Span};
use jiyao_core::resolve::Places;

/// The records of each (government, name): first and last meeting date, records and organisations.
const SPANS: &str = "SELECT ?gov ?name (MIN(?date) AS ?first) (MAX(?date) AS ?last) (COUNT(DISTINCT ?a) AS ?records)
  (GROUP_CONCAT(DISTINCT ?org; separator=\"|\") AS ?orgs) WHERE {
  ?p a foaf:Person ; foaf:name ?name ; jy:government ?g . ?g skos:prefLabel ?gov .
  ?a jy:person ?p ; jy:meeting ?m . ?m schema:startDate ?date .
  OPTIONAL { ?a jy:organization ?o . ?o skos:prefLabel ?org }
} GROUP BY ?gov ?name";

/// Reads the spans of every (government, name) in the store.
pub fn spans(store: &GraphStore) -> Result<Vec<Span>, QueryError> {
    Ok(super::select(store, SPANS, &[])?
        .into_iter()
        .map(|r| {
            let mut orgs: Vec<String> = r
                .text("orgs")
                .split('|')
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect();
            orgs.sort();
            Span {
                government: r.text("gov"),
                name: r.text("name"),
                first: r.text("first"),
                last: r.text("last"),
                records: r.number("records").unwrap_or(0),
                orgs,
            }
        })
        .collect())
}

/// Returns the link candidates of the store under a rule, ordered by name, then the government left, then the one joined.
pub fn candidates(
    store: &GraphStore,
    places: &Places,
    rule: &LinkRule,
) -> Result<Vec<Candidate>, QueryError> {
    Ok(links::candidates(&spans(store)?, places, rule))
}
