//! Keeps the summary graph ([`jiyao_core::rdf::summary`]) exact as documents come and go.
//!
//! A bulk load adds up every document's contribution in memory, counting each
//! distinct key once by a fingerprint, and writes the summary nodes at commit.
//! A transaction that replaces or removes documents reads the contributions of
//! the old graphs (from the store) and of the new ones, and changes the stored
//! counts by the difference: additive counts by their difference, a distinct
//! key by one only when no other graph held it before (a key gained) or holds
//! it after (a key lost), which one or two index lookups tell.

use super::StoreError;
use jiyao_core::rdf::iri::Base;
use jiyao_core::rdf::summary::{
    contribution, counts_of, node_iri, node_quads, year_of, Contribution, Distinct, Summary,
};
use jiyao_core::rdf::vocab::{jy, schema};
use oxigraph::model::{NamedNodeRef, Quad, Term};
use oxigraph::store::Transaction;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

/// A 128-bit fingerprint of a distinct key (two SipHash runs with different prefixes).
pub(super) fn fingerprint(key: &impl Hash) -> u128 {
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        key.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// Reads a stored source graph's contribution.
pub(super) fn stored_contribution(
    tx: &Transaction<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<Contribution, StoreError> {
    let quads: Vec<Quad> = tx
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    Ok(contribution(&graph.into_owned(), &quads))
}

/// Returns true when some graph of the store holds a distinct key.
fn holds(tx: &Transaction<'_>, key: &Distinct) -> Result<bool, StoreError> {
    match key {
        Distinct::Meeting { meeting, year } => {
            for q in tx.quads_for_pattern(
                Some(meeting.as_ref().into()),
                Some(schema::START_DATE),
                None,
                None,
            ) {
                if let Term::Literal(l) = q?.object {
                    if year_of(l.value()) == Some(*year) {
                        return Ok(true);
                    }
                }
            }
            Ok(false)
        }
        Distinct::Item { item, .. } => Ok(tx
            .quads_for_pattern(
                None,
                Some(schema::SUB_EVENT),
                Some(item.as_ref().into()),
                None,
            )
            .next()
            .transpose()?
            .is_some()),
        // An item has a few links, a document a few mentions (the meetings that decide on it),
        // where a topic or an organisation may have thousands: start from the item, the document.
        Distinct::TopicItem { topic, item, .. } => linked(
            tx,
            (jy::AGENDA_ITEM_PROP, item.as_ref()),
            (jy::TOPIC, topic.as_ref()),
        ),
        Distinct::LeadDocument { org, document } => linked(
            tx,
            (jy::DOCUMENT, document.as_ref()),
            (jy::LEAD_ORGANIZATION, org.as_ref()),
        ),
    }
}

/// Returns true when some subject with `first` (predicate, object) also has `then`, in any graph.
fn linked(
    tx: &Transaction<'_>,
    first: (NamedNodeRef<'_>, NamedNodeRef<'_>),
    then: (NamedNodeRef<'_>, NamedNodeRef<'_>),
) -> Result<bool, StoreError> {
    let subjects: Vec<Quad> = tx
        .quads_for_pattern(None, Some(first.0), Some(first.1.into()), None)
        .collect::<Result<_, _>>()?;
    for q in subjects {
        if tx
            .quads_for_pattern(
                Some(q.subject.as_ref()),
                Some(then.0),
                Some(then.1.into()),
                None,
            )
            .next()
            .transpose()?
            .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A summary change being prepared inside a transaction: the old and new contributions of the documents it touches.
#[derive(Default)]
pub(super) struct Change {
    removed: Contribution,
    added: Contribution,
}

impl Change {
    /// Notes a contribution leaving the store (a replaced or removed graph).
    pub(super) fn remove(&mut self, c: Contribution) {
        merge(&mut self.removed, c);
    }

    /// Notes a contribution entering the store.
    pub(super) fn add(&mut self, c: Contribution) {
        merge(&mut self.added, c);
    }

    /// Returns the keys gained, which must be checked against the store *before* the graphs change.
    pub(super) fn prepare(&self, tx: &Transaction<'_>) -> Result<Prepared, StoreError> {
        let mut already = BTreeSet::new();
        for k in self.added.distinct.difference(&self.removed.distinct) {
            if holds(tx, k)? {
                already.insert(k.clone());
            }
        }
        Ok(Prepared { already })
    }

    /// Updates the summary graph; call after the graphs changed, with what [`Change::prepare`] found before.
    pub(super) fn apply(
        self,
        tx: &mut Transaction<'_>,
        base: &Base,
        prepared: Prepared,
    ) -> Result<(), StoreError> {
        let mut delta = Summary::new();
        for (t, c) in &self.added.additive {
            delta.entry(t.clone()).or_default().add(c, 1);
        }
        for (t, c) in &self.removed.additive {
            delta.entry(t.clone()).or_default().add(c, -1);
        }
        for k in self.added.distinct.difference(&self.removed.distinct) {
            if !prepared.already.contains(k) {
                let (t, c) = k.tally();
                delta.entry(t).or_default().add(&c, 1);
            }
        }
        for k in self.removed.distinct.difference(&self.added.distinct) {
            if !holds(tx, k)? {
                let (t, c) = k.tally();
                delta.entry(t).or_default().add(&c, -1);
            }
        }
        let g = base.summary_graph();
        for (t, d) in delta {
            if d.is_zero() {
                continue;
            }
            let s = node_iri(base, &t);
            let old: Vec<Quad> = tx
                .quads_for_pattern(Some(s.as_ref().into()), None, None, Some(g.as_ref().into()))
                .collect::<Result<_, _>>()?;
            let mut counts = counts_of(&old);
            counts.add(&d, 1);
            for q in &old {
                tx.remove(q);
            }
            tx.extend(&node_quads(base, &t, &counts));
        }
        Ok(())
    }
}

/// What the store held of the gained keys before a change.
pub(super) struct Prepared {
    already: BTreeSet<Distinct>,
}

/// Adds one contribution into another.
fn merge(into: &mut Contribution, c: Contribution) {
    into.distinct.extend(c.distinct);
    for (t, n) in c.additive {
        into.additive.entry(t).or_default().add(&n, 1);
    }
}
