//! Streaming RDF export: quads go from the store's iterator straight to the serializer.
//!
//! Nothing is collected in memory, so an export runs in constant memory on a
//! large store. Dataset formats (N-Quads, TriG, JSON-LD) keep the named
//! graphs; graph formats (Turtle, N-Triples, RDF/XML) write the triples of
//! one graph, or, without a graph, of every graph merged (a statement present
//! in two graphs is then written twice, which RDF parsers read as one).

use super::{GraphStore, StoreError};
use crate::rdf::vocab::PREFIXES;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode};
use std::io::Write;

/// The RDF formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportFormat {
    /// Turtle (triples).
    Turtle,
    /// N-Triples (triples).
    NTriples,
    /// N-Quads (quads).
    NQuads,
    /// TriG (quads).
    TriG,
    /// RDF/XML (triples).
    RdfXml,
    /// JSON-LD (quads).
    JsonLd,
}

impl ExportFormat {
    /// Returns true when the format keeps named graphs.
    pub fn is_dataset(self) -> bool {
        self.rdf().supports_datasets()
    }

    /// Returns the usual file extension.
    pub fn extension(self) -> &'static str {
        self.rdf().file_extension()
    }

    fn rdf(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::RdfXml => RdfFormat::RdfXml,
            ExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// Which part of the store to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphSelector {
    /// Every graph.
    All,
    /// The graph of one source document, by file name.
    Document(String),
    /// A graph by IRI (the ontology, the topics, the memberships).
    Iri(NamedNode),
}

/// Parses a graph IRI given by a user.
pub fn graph_iri(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|e| StoreError::NoSuchGraph(format!("{iri} ({e})")))
}

impl GraphStore {
    /// Writes the selected graphs in a format, streaming, and returns the writer.
    pub fn export<W: Write>(
        &self,
        format: ExportFormat,
        selector: &GraphSelector,
        writer: W,
    ) -> Result<W, StoreError> {
        let mut serializer = RdfSerializer::from_format(format.rdf());
        if matches!(
            format,
            ExportFormat::Turtle | ExportFormat::TriG | ExportFormat::RdfXml
        ) {
            for (p, ns) in PREFIXES.iter().chain([&("id", self.base().as_str())]) {
                serializer = serializer
                    .with_prefix(*p, *ns)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
            }
        }
        let mut out = serializer.for_writer(writer);
        let graph = match selector {
            GraphSelector::All => None,
            GraphSelector::Document(file) => {
                Some(self.base().source_graph(crate::rdf::file_name(file)))
            }
            GraphSelector::Iri(g) => Some(g.clone()),
        };
        if let Some(g) = &graph {
            if !self.oxigraph().contains_named_graph(g)? {
                return Err(StoreError::NoSuchGraph(g.as_str().to_owned()));
            }
        }
        let quads = self.oxigraph().quads_for_pattern(
            None,
            None,
            None,
            graph.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref())),
        );
        for q in quads {
            let q = q?;
            if format.is_dataset() {
                out.serialize_quad(&q)?;
            } else {
                out.serialize_triple(q.as_ref())?;
            }
        }
        Ok(out.finish()?)
    }
}
