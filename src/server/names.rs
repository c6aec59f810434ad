//! The list of names the explorer's search reads for prefixes and substrings, kept compact.
//!
//! The list holds every person, organisation, topic, document and source file
//! with its names (at most [`MAX_NAMES`] names), for the server's life. At
//! 100,000 meetings that is 434,723 entities and 555,575 names (61 MB), so the
//! strings are not kept one allocation each: every IRI, label, alias and folded name lives in
//! one text buffer, and the entities and names refer to stretches of it
//! ([`Span`]). IRIs under the store's base are kept without it. A folded name
//! that is the name as written (most Chinese names) shares its stretch.
//!
//! A search scans the folded names once, keeps one score per entity in a
//! dense array, and builds the few entities it returns, not the thousands a
//! one-character query matches.

use super::explorer::{fold, EntityRef};
use crate::query::graph::Kind;
use crate::query::lookup::NearNames;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The most names the search list holds; past it, search finds the rest by exact name only.
pub const MAX_NAMES: usize = 2_000_000;

/// A stretch of [`Names`]'s text: byte offset and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

/// An entity search can find.
struct Named {
    /// Its IRI, without the store's base when `based`.
    iri: Span,
    /// True when the IRI is the base followed by `iri`.
    based: bool,
    /// What it is; `None` for a source file.
    kind: Option<Kind>,
    /// Its label.
    label: Span,
}

/// How well a name matches a query, smaller first: rank (0 exact, 1 prefix, 2 substring), kind order, name length.
pub type Score = u64;

/// Packs a score so that integers compare as the tuple (rank, kind order, length) would.
pub fn score(rank: u8, kind_order: usize, len: usize) -> Score {
    (u64::from(rank) << 56)
        | ((kind_order.min(0xff) as u64) << 48)
        | (len as u64 & 0xffff_ffff_ffff)
}

/// The order of an entity's kind in results: the order of [`Kind::ALL`], source files last.
pub fn kind_order(kind: Option<Kind>) -> usize {
    kind.and_then(|k| Kind::ALL.iter().position(|x| *x == k))
        .unwrap_or(Kind::ALL.len())
}

/// The names search reads: each entity once, with its folded names.
#[derive(Default)]
pub struct Names {
    /// The store's base IRI, left out of the IRIs that start with it.
    base: String,
    /// Every string of the list, one after the other.
    text: String,
    /// The entities named.
    entities: Vec<Named>,
    /// Other names, by entity (sorted by entity, then in the order read).
    aliases: Vec<(u32, Span)>,
    /// Folded name → entity, sorted.
    names: Vec<(Span, u32)>,
    /// True when the list stopped at [`MAX_NAMES`] (or at the text's 4 GB).
    truncated: bool,
}

/// Builds a [`Names`] from (IRI, kind, name) triples in any order.
pub struct NamesBuilder {
    n: Names,
    /// IRI fingerprint → entity (the entity's IRI is compared on a hit).
    at: HashMap<u64, u32>,
    /// The entities whose fingerprint another entity took first (never seen in practice).
    collided: HashMap<String, u32>,
    /// Aliases while reading, by entity.
    aliases: HashMap<u32, Vec<Span>>,
}

fn fingerprint(s: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl NamesBuilder {
    /// Starts an empty list for a store whose IRIs start with `base`.
    pub fn new(base: &str) -> Self {
        NamesBuilder {
            n: Names {
                base: base.to_owned(),
                ..Names::default()
            },
            at: HashMap::new(),
            collided: HashMap::new(),
            aliases: HashMap::new(),
        }
    }

    fn push(&mut self, s: &str) -> Option<Span> {
        let start = u32::try_from(self.n.text.len()).ok()?;
        let len = u32::try_from(s.len()).ok()?;
        start.checked_add(len)?;
        self.n.text.push_str(s);
        Some(Span { start, len })
    }

    fn find(&self, iri: &str) -> Option<u32> {
        match self.at.get(&fingerprint(iri)) {
            Some(&id) if self.n.iri_is(id, iri) => Some(id),
            Some(_) => self.collided.get(iri).copied(),
            None => None,
        }
    }

    /// Adds a name of an entity (the first name an entity gets is its label); returns false once the list is full.
    pub fn add(&mut self, iri: &str, kind: Option<Kind>, name: &str) -> bool {
        if self.n.truncated {
            return false;
        }
        if self.n.names.len() >= MAX_NAMES {
            self.n.truncated = true;
            return false;
        }
        let added = self.try_add(iri, kind, name);
        if added.is_none() {
            self.n.truncated = true;
        }
        added.is_some()
    }

    fn try_add(&mut self, iri: &str, kind: Option<Kind>, name: &str) -> Option<()> {
        let (id, span) = match self.find(iri) {
            Some(id) => {
                let label = self.n.entities[id as usize].label;
                let known = self.n.slice(label) == name
                    || self
                        .aliases
                        .get(&id)
                        .is_some_and(|a| a.iter().any(|s| self.n.slice(*s) == name));
                if known {
                    // Its folded form is in the list already.
                    return Some(());
                }
                let s = self.push(name)?;
                self.aliases.entry(id).or_default().push(s);
                (id, s)
            }
            None => {
                let id = u32::try_from(self.n.entities.len()).ok()?;
                let (based, rest) = match iri.strip_prefix(self.n.base.as_str()) {
                    Some(rest) if !self.n.base.is_empty() => (true, rest),
                    _ => (false, iri),
                };
                let iri_span = self.push(rest)?;
                let label = self.push(name)?;
                self.n.entities.push(Named {
                    iri: iri_span,
                    based,
                    kind,
                    label,
                });
                let f = fingerprint(iri);
                match self.at.entry(f) {
                    Entry::Vacant(e) => {
                        e.insert(id);
                    }
                    Entry::Occupied(_) => {
                        self.collided.insert(iri.to_owned(), id);
                    }
                }
                (id, label)
            }
        };
        let folded = fold(name);
        if folded.is_empty() {
            return Some(());
        }
        let span = if self.n.slice(span) == folded {
            span
        } else {
            self.push(&folded)?
        };
        self.n.names.push((span, id));
        Some(())
    }

    /// Finishes the list: sorts the names, drops repeats, and gives back spare capacity.
    pub fn finish(self) -> Names {
        let NamesBuilder { mut n, aliases, .. } = self;
        let mut aliases: Vec<(u32, Span)> = aliases
            .into_iter()
            .flat_map(|(id, spans)| spans.into_iter().map(move |s| (id, s)))
            .collect();
        // Stable: an entity's aliases stay in the order they were read.
        aliases.sort_by_key(|(id, _)| *id);
        n.aliases = aliases;
        let text = std::mem::take(&mut n.text);
        n.names.sort_unstable_by(|a, b| {
            slice_of(&text, a.0)
                .cmp(slice_of(&text, b.0))
                .then(a.1.cmp(&b.1))
        });
        n.names
            .dedup_by(|a, b| a.1 == b.1 && slice_of(&text, a.0) == slice_of(&text, b.0));
        n.text = text;
        n.text.shrink_to_fit();
        n.entities.shrink_to_fit();
        n.aliases.shrink_to_fit();
        n.names.shrink_to_fit();
        n
    }
}

fn slice_of(text: &str, s: Span) -> &str {
    &text[s.start as usize..(s.start + s.len) as usize]
}

impl Names {
    fn slice(&self, s: Span) -> &str {
        slice_of(&self.text, s)
    }

    /// Returns true for the kinds of entity the list holds (besides source files).
    pub fn holds(kind: Kind) -> bool {
        matches!(
            kind,
            Kind::Person | Kind::Org | Kind::Topic | Kind::Document
        )
    }

    /// Returns true when the list stopped at [`MAX_NAMES`]: search finds the rest by exact name only.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// How many entities and names the list holds, and the bytes of its text.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.entities.len(), self.names.len(), self.text.len())
    }

    /// The bytes the list holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.base.capacity()
            + self.text.capacity()
            + self.entities.capacity() * std::mem::size_of::<Named>()
            + self.aliases.capacity() * std::mem::size_of::<(u32, Span)>()
            + self.names.capacity() * std::mem::size_of::<(Span, u32)>()
    }

    /// Returns an entity's IRI.
    pub fn iri(&self, id: u32) -> String {
        let e = &self.entities[id as usize];
        let rest = self.slice(e.iri);
        if e.based {
            format!("{}{rest}", self.base)
        } else {
            rest.to_owned()
        }
    }

    /// Returns true when an entity's IRI is `iri`, without building it.
    fn iri_is(&self, id: u32, iri: &str) -> bool {
        let e = &self.entities[id as usize];
        let rest = if e.based {
            iri.strip_prefix(self.base.as_str())
        } else {
            Some(iri)
        };
        rest == Some(self.slice(e.iri))
    }

    /// Compares two entities' IRIs without building them.
    fn iri_cmp(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let bytes = |id: u32| {
            let e = &self.entities[id as usize];
            let base = if e.based { self.base.as_bytes() } else { &[] };
            base.iter().chain(self.slice(e.iri).as_bytes())
        };
        bytes(a).cmp(bytes(b))
    }

    /// Returns the entities any of whose folded names equals, starts with or contains `folded`, each with its best score, of `kind` only if given.
    pub fn matches(&self, folded: &str, kind: Option<Kind>) -> Vec<(Score, u32)> {
        let mut best: Vec<Score> = vec![Score::MAX; self.entities.len()];
        for (span, id) in &self.names {
            let e = &self.entities[*id as usize];
            if kind.is_some_and(|want| e.kind != Some(want)) {
                continue;
            }
            let name = self.slice(*span);
            let rank = if name == folded {
                0
            } else if name.starts_with(folded) {
                1
            } else if name.contains(folded) {
                2
            } else {
                continue;
            };
            let s = score(rank, kind_order(e.kind), name.chars().count());
            let b = &mut best[*id as usize];
            *b = (*b).min(s);
        }
        best.into_iter()
            .enumerate()
            .filter(|(_, s)| *s != Score::MAX)
            .map(|(id, s)| (s, id as u32))
            .collect()
    }

    /// Puts the `k` best matches first, in order (score, then IRI); the rest follow in no order.
    pub fn sort_head(&self, matches: &mut [(Score, u32)], k: usize) {
        let order = |a: &(Score, u32), b: &(Score, u32)| a.0.cmp(&b.0).then(self.iri_cmp(a.1, b.1));
        if k == 0 {
            return;
        }
        if k < matches.len() {
            matches.select_nth_unstable_by(k - 1, order);
        }
        let k = k.min(matches.len());
        matches[..k].sort_unstable_by(order);
    }

    /// Returns up to five names of people, organisations, topics and documents (of `kind` only if given) nearest to `name` by edit distance, as [`Reader::nearest`] does from the store: the same threshold and order, read from the list instead of every name of the store (the list also holds documents' identifiers).
    ///
    /// [`Reader::nearest`]: crate::query::lookup::Reader::nearest
    pub fn nearest(&self, name: &str, kind: Option<Kind>) -> Vec<String> {
        let mut near = NearNames::new(name.trim());
        for (id, e) in self.entities.iter().enumerate() {
            let wanted = match (e.kind, kind) {
                (None, _) => false,
                (Some(k), Some(want)) => k == want,
                (Some(_), None) => true,
            };
            if wanted {
                near.consider(self.slice(e.label));
                for (_, s) in self.aliases_of(id as u32) {
                    near.consider(self.slice(*s));
                }
            }
        }
        near.best()
    }

    fn aliases_of(&self, id: u32) -> &[(u32, Span)] {
        let from = self.aliases.partition_point(|(a, _)| *a < id);
        let to = from + self.aliases[from..].partition_point(|(a, _)| *a == id);
        &self.aliases[from..to]
    }

    /// Returns an entity as the page sees it (without a person's detail).
    pub fn entity_ref(&self, id: u32) -> EntityRef {
        let e = &self.entities[id as usize];
        let aliases = self
            .aliases_of(id)
            .iter()
            .map(|(_, s)| self.slice(*s).to_owned())
            .collect();
        EntityRef {
            id: self.iri(id),
            kind: e.kind.map_or("source", Kind::as_str).to_owned(),
            label: self.slice(e.label).to_owned(),
            aliases,
            detail: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://w3id.org/jiyao/id/";

    fn list() -> Names {
        let mut b = NamesBuilder::new(BASE);
        let p = |s: &str| format!("{BASE}person/苏州市人民政府/{s}");
        assert!(b.add(&p("蔡剑峰"), Some(Kind::Person), "蔡剑峰"));
        assert!(b.add(&p("王剑"), Some(Kind::Person), "王剑"));
        let org = format!("{BASE}org/苏州市工业和信息化局");
        assert!(b.add(&org, Some(Kind::Org), "苏州市工业和信息化局"));
        assert!(b.add(&org, Some(Kind::Org), "市工信局"));
        assert!(b.add(&org, Some(Kind::Org), "市工信局"));
        assert!(b.add(&org, Some(Kind::Org), "苏州市工业和信息化局"));
        let doc = format!("{BASE}document/x");
        assert!(b.add(&doc, Some(Kind::Document), "《苏州市氢能规划》"));
        assert!(b.add("urn:x:source", None, "ＡＢ剑.txt"));
        b.finish()
    }

    #[test]
    fn keeps_each_entity_once_with_its_aliases_and_the_base_apart() {
        let n = list();
        assert_eq!(n.sizes().0, 5);
        // 蔡剑峰, 王剑, the organisation's two names, the document, the source.
        assert_eq!(n.sizes().1, 6);
        assert!(!n.truncated());
        let org = n.entity_ref(2);
        assert_eq!(org.id, format!("{BASE}org/苏州市工业和信息化局"));
        assert_eq!(org.kind, "org");
        assert_eq!(org.label, "苏州市工业和信息化局");
        assert_eq!(org.aliases, vec!["市工信局".to_owned()]);
        let source = n.entity_ref(4);
        assert_eq!(source.id, "urn:x:source");
        assert_eq!(source.kind, "source");
        assert_eq!(source.aliases, Vec::<String>::new());
    }

    #[test]
    fn ranks_exact_names_then_prefixes_then_substrings() {
        let n = list();
        let mut m = n.matches(&fold("剑"), None);
        let all = m.len();
        n.sort_head(&mut m, all);
        let got: Vec<(String, u8)> = m
            .iter()
            .map(|(s, id)| (n.entity_ref(*id).label, (s >> 56) as u8))
            .collect();
        assert_eq!(
            got,
            vec![
                ("王剑".to_owned(), 2),
                ("蔡剑峰".to_owned(), 2),
                ("ＡＢ剑.txt".to_owned(), 2),
            ]
        );
        let mut m = n.matches(&fold("市工信"), None);
        n.sort_head(&mut m, 1);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, score(1, kind_order(Some(Kind::Org)), 4));
        let m = n.matches(&fold("苏州市氢能规划"), Some(Kind::Document));
        assert_eq!(m, vec![(score(0, kind_order(Some(Kind::Document)), 7), 3)]);
        assert!(n.matches("苏州", Some(Kind::Person)).is_empty());
        assert_eq!(n.matches("ab", None).len(), 1);
    }

    #[test]
    fn suggests_the_nearest_names_of_the_wanted_kind_never_a_file() {
        let n = list();
        assert_eq!(n.nearest("蔡剑锋", None), vec!["蔡剑峰", "王剑"]);
        assert_eq!(n.nearest("市工信厅", None), vec!["市工信局"]);
        assert_eq!(
            n.nearest("市工信厅", Some(Kind::Person)),
            Vec::<String>::new()
        );
        assert_eq!(n.nearest("ＡＢ剑.tx", None), Vec::<String>::new());
    }

    #[test]
    fn sorts_only_the_head_it_is_asked_for() {
        let mut b = NamesBuilder::new(BASE);
        for i in (0..50).rev() {
            b.add(
                &format!("{BASE}person/g/王{i:02}"),
                Some(Kind::Person),
                &format!("王{i:02}"),
            );
        }
        let n = b.finish();
        let mut m = n.matches("王", None);
        assert_eq!(m.len(), 50);
        n.sort_head(&mut m, 3);
        let head: Vec<String> = m[..3]
            .iter()
            .map(|(_, id)| n.entity_ref(*id).label)
            .collect();
        assert_eq!(head, vec!["王00", "王01", "王02"]);
    }
}
