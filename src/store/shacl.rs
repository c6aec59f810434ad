//! A small SHACL Core validator, run as SPARQL queries over the whole store.
//!
//! It implements the subset of SHACL that `ontology/shapes.ttl` uses, and
//! refuses shapes that use anything else (so no constraint is silently
//! ignored): node shapes with `sh:targetClass` (instances of subclasses
//! included, through `rdfs:subClassOf*` in the store), and property shapes
//! with an IRI `sh:path` and any of `sh:minCount`, `sh:maxCount`,
//! `sh:datatype`, `sh:class`, `sh:nodeKind`, `sh:in`, `sh:minInclusive` and `sh:pattern`;
//! `sh:name`, `sh:description`, `rdfs:label` and `rdfs:comment` are
//! accepted as documentation. The data graph is the union of every graph of
//! the store, so a class declared in the ontology graph or a concept in the
//! topics graph satisfies `sh:class`. Literals are not checked for
//! ill-formed lexical forms.

use super::StoreError;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{Graph, NamedNode, NamedOrBlankNodeRef, Term, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::fmt;

const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// One way the data does not conform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The focus node, in N-Triples syntax.
    pub focus: String,
    /// The property path.
    pub path: String,
    /// The constraint, such as `sh:minCount 1`.
    pub constraint: String,
    /// The offending value, for value constraints.
    pub value: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} <{}>: violates {}",
            self.focus, self.path, self.constraint
        )?;
        if let Some(v) = &self.value {
            write!(f, " (value {v})")?;
        }
        Ok(())
    }
}

/// The outcome of a validation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    /// Every violation found, per shape and constraint in shapes order (at most 100 per constraint).
    pub violations: Vec<Violation>,
    /// How many (shape, constraint) checks ran.
    pub checks: usize,
}

impl ValidationReport {
    /// Returns true when there is no violation.
    pub fn conforms(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Validates the union of the store's graphs against the shapes.
pub(super) fn validate(store: &Store, shapes_ttl: &str) -> Result<ValidationReport, StoreError> {
    let mut shapes = Graph::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(shapes_ttl) {
        let q = t.map_err(|e| StoreError::Parse {
            what: "shapes".to_owned(),
            source: e.into(),
        })?;
        shapes.insert(&oxigraph::model::Triple::from(q));
    }
    let docs = [
        sh("name"),
        sh("description"),
        rdfs::LABEL.into_owned(),
        rdfs::COMMENT.into_owned(),
    ];
    let mut report = ValidationReport::default();
    let node_shape = sh("NodeShape");
    for shape in shapes.subjects_for_predicate_object(rdf::TYPE, &node_shape) {
        let mut targets = Vec::new();
        let mut properties = Vec::new();
        for t in shapes.triples_for_subject(shape) {
            match t.predicate.as_str().strip_prefix(SH) {
                Some("targetClass") => targets.push(iri(t.object, "sh:targetClass")?),
                Some("property") => properties.push(t.object),
                _ if t.predicate == rdf::TYPE || docs.iter().any(|d| d.as_ref() == t.predicate) => {
                }
                _ => {
                    return Err(unsupported(&format!(
                        "node shape predicate <{}>",
                        t.predicate.as_str()
                    )))
                }
            }
        }
        for prop in properties {
            let prop: NamedOrBlankNodeRef<'_> = match prop {
                TermRef::BlankNode(b) => b.into(),
                TermRef::NamedNode(n) => n.into(),
                _ => return Err(unsupported("a literal sh:property")),
            };
            let path = shapes
                .object_for_subject_predicate(prop, &sh("path"))
                .ok_or_else(|| unsupported("a property shape without sh:path"))?;
            let path = iri(path, "sh:path (only IRIs are supported)")?;
            let (mut min, mut max) = (None, None);
            let mut filters = Vec::new();
            for t in shapes.triples_for_subject(prop) {
                let local = t.predicate.as_str().strip_prefix(SH).unwrap_or("");
                let label = |v: &str| format!("sh:{local} {v}");
                match local {
                    "path" => {}
                    "minCount" => min = Some(integer(t.object)?),
                    "maxCount" => max = Some(integer(t.object)?),
                    "datatype" => {
                        let d = iri(t.object, "sh:datatype")?;
                        filters.push((
                            label(&d),
                            format!("!isLiteral(?v) || datatype(?v) != <{d}>"),
                        ));
                    }
                    "class" => {
                        let c = iri(t.object, "sh:class")?;
                        filters.push((
                            label(&c),
                            format!(
                                "NOT EXISTS {{ ?v a/<{}>* <{c}> }}",
                                rdfs::SUB_CLASS_OF.as_str()
                            ),
                        ));
                    }
                    "nodeKind" => {
                        let k = iri(t.object, "sh:nodeKind")?;
                        let cond = match k.strip_prefix(SH) {
                            Some("IRI") => "!isIRI(?v)",
                            Some("Literal") => "!isLiteral(?v)",
                            Some("BlankNode") => "!isBlank(?v)",
                            Some("BlankNodeOrIRI") => "isLiteral(?v)",
                            Some("IRIOrLiteral") => "isBlank(?v)",
                            _ => return Err(unsupported(&format!("sh:nodeKind <{k}>"))),
                        };
                        filters.push((label(&k), cond.to_owned()));
                    }
                    "in" => {
                        let members = list(&shapes, t.object)?;
                        let text: Vec<String> = members.iter().map(ToString::to_string).collect();
                        filters.push((
                            label(&format!("({})", text.join(" "))),
                            format!("?v NOT IN ({})", text.join(", ")),
                        ));
                    }
                    "minInclusive" => {
                        let TermRef::Literal(m) = t.object else {
                            return Err(unsupported("a non-literal sh:minInclusive"));
                        };
                        filters.push((
                            label(&m.to_string()),
                            format!("!isLiteral(?v) || !(?v >= {m})"),
                        ));
                    }
                    "pattern" => {
                        let TermRef::Literal(p) = t.object else {
                            return Err(unsupported("a non-literal sh:pattern"));
                        };
                        let lit = oxigraph::model::Literal::new_simple_literal(p.value());
                        filters.push((
                            label(&lit.to_string()),
                            format!("isBlank(?v) || !REGEX(STR(?v), {lit})"),
                        ));
                    }
                    _ if docs.iter().any(|d| d.as_ref() == t.predicate) => {}
                    _ => {
                        return Err(unsupported(&format!(
                            "property shape predicate <{}>",
                            t.predicate.as_str()
                        )))
                    }
                }
            }
            for class in &targets {
                let focus = format!("?f a/<{}>* <{class}>", rdfs::SUB_CLASS_OF.as_str());
                if min.is_some() || max.is_some() {
                    let mut having = Vec::new();
                    if let Some(m) = min {
                        having.push(format!("COUNT(DISTINCT ?v) < {m}"));
                    }
                    if let Some(m) = max {
                        having.push(format!("COUNT(DISTINCT ?v) > {m}"));
                    }
                    let q = format!(
                        "SELECT ?f (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} OPTIONAL {{ ?f <{path}> ?v }} }} GROUP BY ?f HAVING ({}) LIMIT 100",
                        having.join(" || ")
                    );
                    report.checks += 1;
                    for (f, n) in select(store, &q, "n")? {
                        let bounds = format!(
                            "min {} max {}",
                            min.map_or("-".into(), |m| m.to_string()),
                            max.map_or("-".into(), |m| m.to_string())
                        );
                        report.violations.push(Violation {
                            focus: f,
                            path: path.clone(),
                            constraint: format!("sh:minCount/sh:maxCount ({bounds})"),
                            value: n,
                        });
                    }
                }
                for (constraint, cond) in &filters {
                    let q = format!("SELECT DISTINCT ?f ?v WHERE {{ {focus} . ?f <{path}> ?v FILTER({cond}) }} LIMIT 100");
                    report.checks += 1;
                    for (f, v) in select(store, &q, "v")? {
                        report.violations.push(Violation {
                            focus: f,
                            path: path.clone(),
                            constraint: constraint.clone(),
                            value: v,
                        });
                    }
                }
            }
        }
    }
    Ok(report)
}

fn unsupported(what: &str) -> StoreError {
    StoreError::UnsupportedShape(format!("{what} is not supported by jiyao's SHACL subset"))
}

fn iri(t: TermRef<'_>, what: &str) -> Result<String, StoreError> {
    match t {
        TermRef::NamedNode(n) => Ok(n.as_str().to_owned()),
        _ => Err(unsupported(&format!("a non-IRI {what}"))),
    }
}

fn integer(t: TermRef<'_>) -> Result<u64, StoreError> {
    match t {
        TermRef::Literal(l) => l
            .value()
            .parse()
            .map_err(|_| unsupported("a non-integer count")),
        _ => Err(unsupported("a non-literal count")),
    }
}

/// Reads an RDF list.
fn list(g: &Graph, head: TermRef<'_>) -> Result<Vec<Term>, StoreError> {
    let mut out = Vec::new();
    let mut node = head.into_owned();
    let nil: Term = rdf::NIL.into();
    while node != nil {
        let subject: NamedOrBlankNodeRef<'_> = match &node {
            Term::NamedNode(n) => n.into(),
            Term::BlankNode(b) => b.into(),
            _ => return Err(unsupported("a malformed RDF list")),
        };
        let first = g
            .object_for_subject_predicate(subject, rdf::FIRST)
            .ok_or_else(|| unsupported("a malformed RDF list"))?;
        let rest = g
            .object_for_subject_predicate(subject, rdf::REST)
            .ok_or_else(|| unsupported("a malformed RDF list"))?;
        out.push(first.into_owned());
        node = rest.into_owned();
        if out.len() > 10_000 {
            return Err(unsupported("a cyclic RDF list"));
        }
    }
    Ok(out)
}

/// Runs a query over the union of all graphs; returns `?f` and another variable, as N-Triples text.
fn select(
    store: &Store,
    query: &str,
    other: &str,
) -> Result<Vec<(String, Option<String>)>, StoreError> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| StoreError::Query(e.into()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let mut out = Vec::new();
    if let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? {
        for s in solutions {
            let s = s?;
            let f = s.get("f").map(ToString::to_string).unwrap_or_default();
            out.push((f, s.get(other).map(ToString::to_string)));
        }
    }
    Ok(out)
}
