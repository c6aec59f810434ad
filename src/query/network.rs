//! Networks for the tools analysts use: GraphML (Gephi, NetworkX), Graphviz DOT and edge lists in CSV, in three projections.
//!
//! - `full`: every entity and relation of the [`EntityGraph`].
//! - `co-attendance`: people only; an edge joins two people who attended a
//!   meeting together, weighted by the number of such meetings.
//! - `person-org`: a bipartite network of people and the organisations they
//!   attended for, weighted by the number of meetings.

use super::graph::{EntityGraph, Kind};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Network formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkFormat {
    /// GraphML.
    GraphMl,
    /// Graphviz DOT.
    Dot,
    /// CSV with `source,target,label,weight,source_kind,target_kind`.
    EdgesCsv,
}

/// Which network to draw from the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Projection {
    /// Every entity and relation.
    Full,
    /// People joined by shared meetings.
    CoAttendance,
    /// People and the organisations they attended for.
    PersonOrg,
}

/// A network ready to write: nodes (entity ids) and weighted, labelled edges.
#[derive(Debug, Default)]
pub struct Network {
    /// Entity ids of the nodes, in order.
    pub nodes: Vec<usize>,
    /// Edges: from, to, label, weight.
    pub edges: Vec<(usize, usize, String, u32)>,
}

/// Draws a projection of the graph.
pub fn project(g: &EntityGraph, p: Projection) -> Network {
    let mut net = Network::default();
    match p {
        Projection::Full => {
            net.nodes = (0..g.entities().len()).collect();
            net.edges = g
                .relations()
                .map(|(a, b, l)| (a, b, l.to_owned(), 1))
                .collect();
        }
        Projection::CoAttendance => {
            let mut meetings: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (a, b, _) in g.relations() {
                if g.entity(a).kind == Kind::Person && g.entity(b).kind == Kind::Meeting {
                    let people = meetings.entry(b).or_default();
                    if !people.contains(&a) {
                        people.push(a);
                    }
                }
            }
            let mut pairs: BTreeMap<(usize, usize), u32> = BTreeMap::new();
            for people in meetings.values() {
                for (i, &x) in people.iter().enumerate() {
                    for &y in &people[i + 1..] {
                        *pairs.entry((x.min(y), x.max(y))).or_insert(0) += 1;
                    }
                }
            }
            let mut nodes: Vec<usize> = meetings.values().flatten().copied().collect();
            nodes.sort_unstable();
            nodes.dedup();
            net.nodes = nodes;
            net.edges = pairs
                .into_iter()
                .map(|((a, b), w)| (a, b, "同会".to_owned(), w))
                .collect();
        }
        Projection::PersonOrg => {
            let mut nodes: Vec<usize> =
                g.affiliations().keys().flat_map(|&(a, b)| [a, b]).collect();
            nodes.sort_unstable();
            nodes.dedup();
            net.nodes = nodes;
            net.edges = g
                .affiliations()
                .iter()
                .map(|(&(a, b), &w)| (a, b, "所属".to_owned(), w))
                .collect();
        }
    }
    net
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn dot_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes a network.
pub fn write<W: Write>(
    out: &mut W,
    g: &EntityGraph,
    net: &Network,
    format: NetworkFormat,
) -> io::Result<()> {
    match format {
        NetworkFormat::GraphMl => {
            writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
            writeln!(
                out,
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
            )?;
            writeln!(
                out,
                "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>"
            )?;
            writeln!(
                out,
                "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>"
            )?;
            writeln!(
                out,
                "  <key id=\"iri\" for=\"node\" attr.name=\"iri\" attr.type=\"string\"/>"
            )?;
            writeln!(
                out,
                "  <key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>"
            )?;
            writeln!(
                out,
                "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"
            )?;
            writeln!(out, "  <graph id=\"jiyao\" edgedefault=\"directed\">")?;
            for &n in &net.nodes {
                let e = g.entity(n);
                writeln!(out, "    <node id=\"n{n}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"iri\">{}</data></node>", xml(&e.label), e.kind.as_str(), xml(&e.iri))?;
            }
            for (k, (a, b, l, w)) in net.edges.iter().enumerate() {
                writeln!(out, "    <edge id=\"e{k}\" source=\"n{a}\" target=\"n{b}\"><data key=\"elabel\">{}</data><data key=\"weight\">{w}</data></edge>", xml(l))?;
            }
            writeln!(out, "  </graph>")?;
            writeln!(out, "</graphml>")
        }
        NetworkFormat::Dot => {
            writeln!(out, "digraph jiyao {{")?;
            for &n in &net.nodes {
                let e = g.entity(n);
                writeln!(
                    out,
                    "  n{n} [label={}, kind={}];",
                    dot_str(&e.label),
                    e.kind.as_str()
                )?;
            }
            for (a, b, l, w) in &net.edges {
                writeln!(out, "  n{a} -> n{b} [label={}, weight={w}];", dot_str(l))?;
            }
            writeln!(out, "}}")
        }
        NetworkFormat::EdgesCsv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record([
                "source",
                "target",
                "label",
                "weight",
                "source_kind",
                "target_kind",
                "source_iri",
                "target_iri",
            ])?;
            for (a, b, l, weight) in &net.edges {
                let (ea, eb) = (g.entity(*a), g.entity(*b));
                w.write_record([
                    ea.label.as_str(),
                    eb.label.as_str(),
                    l.as_str(),
                    &weight.to_string(),
                    ea.kind.as_str(),
                    eb.kind.as_str(),
                    ea.iri.as_str(),
                    eb.iri.as_str(),
                ])?;
            }
            w.flush()
        }
    }
}
