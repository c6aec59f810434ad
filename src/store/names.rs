//! Keeps the name summaries ([`jiyao_core::rdf::names`]) exact as documents come and go.
//!
//! A name's row depends on every attendance record of that name in the
//! corpus, so it cannot be added up from documents' shares: a transaction
//! notes the names its old and new graphs name ([`touched`]), and after the
//! graphs changed computes those names' rows again from the store's records
//! ([`update`]), a few index lookups per record of the name. A bulk load adds
//! every document's records up in memory instead ([`BulkIngest`](super::BulkIngest)).

use super::StoreError;
use jiyao_core::rdf::iri::Base;
use jiyao_core::rdf::names::{name_quads, NameRecord, NameRows};
use jiyao_core::rdf::vocab::{foaf, jy, skos};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Transaction;
use std::collections::{BTreeSet, HashMap};

/// Returns the names of the people a stored source graph's attendance records name.
pub(super) fn touched(
    tx: &Transaction<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<BTreeSet<String>, StoreError> {
    let mut persons = BTreeSet::new();
    for q in tx.quads_for_pattern(None, Some(jy::PERSON), None, Some(graph.into())) {
        if let Term::NamedNode(p) = q?.object {
            persons.insert(p);
        }
    }
    let mut names = BTreeSet::new();
    for p in persons {
        for q in tx.quads_for_pattern(Some(p.as_ref().into()), Some(foaf::NAME), None, None) {
            if let Term::Literal(l) = q?.object {
                names.insert(l.value().to_owned());
            }
        }
    }
    Ok(names)
}

/// Computes the rows of `names` again from the store's attendance records (in source graphs) and replaces what the summary graph held of them; call after the graphs changed.
pub(super) fn update(
    tx: &mut Transaction<'_>,
    base: &Base,
    names: &BTreeSet<String>,
) -> Result<(), StoreError> {
    let mut rows = NameRows::default();
    let mut reader = Records::new(base);
    for name in names {
        for r in reader.of_name(tx, name)? {
            rows.add(&r);
        }
    }
    let g = base.summary_graph();
    let mut stale = Vec::new();
    for name in names {
        let s = base.name_summary(name);
        for q in tx.quads_for_pattern(Some(s.as_ref().into()), None, None, Some(g.as_ref().into()))
        {
            stale.push(q?);
        }
    }
    for q in &stale {
        tx.remove(q);
    }
    for row in rows.rows() {
        tx.extend(&name_quads(base, &row));
    }
    Ok(())
}

/// Reads the [`NameRecord`]s of names from the store, remembering the labels and ordinals it has read.
struct Records {
    sources: String,
    labels: HashMap<NamedNode, Option<String>>,
    ordinals: HashMap<NamedNode, Option<String>>,
}

impl Records {
    fn new(base: &Base) -> Self {
        Records {
            sources: base.source_graph_prefix(),
            labels: HashMap::new(),
            ordinals: HashMap::new(),
        }
    }

    /// Every record, in a source graph, of a person with this name.
    fn of_name(&mut self, tx: &Transaction<'_>, name: &str) -> Result<Vec<NameRecord>, StoreError> {
        let literal = Literal::new_simple_literal(name);
        let mut persons = BTreeSet::new();
        for q in tx.quads_for_pattern(None, Some(foaf::NAME), Some(literal.as_ref().into()), None) {
            if let NamedOrBlankNode::NamedNode(p) = q?.subject {
                persons.insert(p);
            }
        }
        let mut out = Vec::new();
        for person in persons {
            let records: Vec<Quad> = tx
                .quads_for_pattern(None, Some(jy::PERSON), Some(person.as_ref().into()), None)
                .collect::<Result<_, _>>()?;
            for q in records {
                let (NamedOrBlankNode::NamedNode(r), GraphName::NamedNode(g)) =
                    (&q.subject, &q.graph_name)
                else {
                    continue;
                };
                if !g.as_str().starts_with(&self.sources) {
                    continue;
                }
                let (mut org, mut meeting, mut absent) = (None, None, false);
                for q in tx.quads_for_pattern(
                    Some(r.as_ref().into()),
                    None,
                    None,
                    Some(g.as_ref().into()),
                ) {
                    let q = q?;
                    let p = q.predicate.as_ref();
                    match q.object {
                        Term::NamedNode(o) if p == jy::ORGANIZATION => org = Some(o),
                        Term::NamedNode(o) if p == jy::MEETING_PROP => meeting = Some(o),
                        Term::NamedNode(o) if p == jy::ROLE => absent = o == jy::ABSENT,
                        _ => {}
                    }
                }
                let Some(meeting) = meeting else { continue };
                let org_label = match &org {
                    Some(o) => self.first_value(tx, o, skos::PREF_LABEL, true)?,
                    None => None,
                };
                let ordinal = self.first_value(tx, &meeting, jy::ORDINAL, false)?;
                out.push(NameRecord {
                    name: name.to_owned(),
                    person: person.clone(),
                    org,
                    org_label,
                    meeting,
                    ordinal,
                    absent,
                });
            }
        }
        Ok(out)
    }

    /// The value of the first literal of (s, p, ?), remembered per subject (labels and ordinals apart).
    fn first_value(
        &mut self,
        tx: &Transaction<'_>,
        s: &NamedNode,
        p: NamedNodeRef<'_>,
        label: bool,
    ) -> Result<Option<String>, StoreError> {
        let cache = if label {
            &mut self.labels
        } else {
            &mut self.ordinals
        };
        if let Some(v) = cache.get(s) {
            return Ok(v.clone());
        }
        let mut value = None;
        for q in tx.quads_for_pattern(Some(s.as_ref().into()), Some(p), None, None) {
            if let Term::Literal(l) = q?.object {
                value = Some(l.value().to_owned());
                break;
            }
        }
        cache.insert(s.clone(), value.clone());
        Ok(value)
    }
}
