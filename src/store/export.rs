//! Streaming RDF export: quads go from the store's iterator straight to the serializer.
//!
//! Nothing is collected in memory, so an export runs in constant memory on a
//! large store. Dataset formats (N-Quads, TriG, JSON-LD) keep the named
//! graphs; graph formats (Turtle, N-Triples, RDF/XML) write the triples of
//! one graph, or, without a graph, of every graph merged (a statement present
//! in two graphs is then written twice, which RDF parsers read as one).
//!
//! # Shards
//!
//! Where one machine no longer serves, the store is exported in shards and
//! loaded into a scalable SPARQL engine (see `docs/scale-out.md`). The graphs
//! fall in two kinds:
//!
//! - **source-document graphs** (`{base}graph/source/…`) are spread over `N`
//!   shards by a stable hash of the graph IRI ([`Shard::index_of`]), so that
//!   each shard holds whole document graphs and a document always lands in the
//!   same shard, whatever else the store holds;
//! - **shared graphs** — every other graph (the ontology, the topic scheme,
//!   the entities, the memberships) and the default graph — go to a part of
//!   their own, [`GraphSelector::Shared`] (`shared.nq`), written once.
//!
//! The shared part and the `N` shards are thus a partition of the store: each
//! quad is written to exactly one file, and loading all of them into one
//! engine gives exactly the store's quads, without duplicates or losses. An
//! engine per shard loads the shared part and its shard, since every query
//! needs the labels and memberships of the shared graphs. The shared graphs
//! are not copied into every shard: a loader reading all shards would then
//! read them `N + 1` times (harmless for set semantics, but `N` times the
//! load work and misleading quad counts).

use super::{GraphStore, StoreError};
use jiyao_core::rdf::vocab::PREFIXES;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNodeRef, Quad};
use std::fmt;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

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
    /// The source-document graphs of one shard.
    Shard(Shard),
    /// Every graph that is not a source-document graph (ontology, topics, entities, memberships), and the default graph.
    Shared,
}

/// Why a sharded export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShardError {
    /// A shard was not written as `K/N` with `0 <= K < N`.
    #[error("shard {0:?}: expected K/N with 0 <= K < N, such as 0/4")]
    Spec(String),
    /// A sharded export was asked for in a graph format, which would merge the graphs.
    #[error("shards keep named graphs: use a dataset format (N-Quads, TriG, JSON-LD)")]
    NotDataset,
    /// The output directory already holds files, which a loader reading the directory would also load.
    #[error("{}: the directory is not empty; remove its files or choose another directory", .0.display())]
    NotEmpty(PathBuf),
    /// Creating, writing or closing an output file (or the directory) failed.
    #[error("{}: {source}", path.display())]
    File {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One of `N` shards of the source-document graphs, written `K/N` (`0 <= K < N`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u32,
    count: u32,
}

impl Shard {
    /// Returns shard `index` of `count`, or an error unless `index < count`.
    pub fn new(index: u32, count: u32) -> Result<Self, ShardError> {
        if index < count {
            Ok(Shard { index, count })
        } else {
            Err(ShardError::Spec(format!("{index}/{count}")))
        }
    }

    /// Returns the shard's index, from 0.
    pub fn index(self) -> u32 {
        self.index
    }

    /// Returns the number of shards.
    pub fn count(self) -> u32 {
        self.count
    }

    /// Returns the shard (of `count`, which must not be 0) that a graph IRI falls in.
    ///
    /// The function is part of the export's contract, stable across versions
    /// and machines: the 64-bit FNV-1a hash of the IRI's UTF-8 bytes, mixed by
    /// MurmurHash3's 64-bit finaliser (`fmix64`), modulo `count`.
    ///
    /// ```
    /// use jiyao::store::GraphSelector;
    /// let g = "https://example.org/graph/source/001.txt";
    /// let GraphSelector::Shard(s) = GraphSelector::shard(0, 3).unwrap() else { unreachable!() };
    /// assert!(s.index_of(g) < 3);
    /// ```
    pub fn index_of(self, graph_iri: &str) -> u32 {
        shard_index(graph_iri, self.count)
    }

    /// Returns true when the shard holds the graph of this IRI.
    pub fn holds(self, graph_iri: &str) -> bool {
        self.index_of(graph_iri) == self.index
    }
}

/// The stable shard function: FNV-1a 64, then `fmix64`, modulo `count`.
fn shard_index(iri: &str, count: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in iri.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // FNV's low bits depend only on the inputs' low bits; the finaliser mixes every bit into every other.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    (h % u64::from(count.max(1))) as u32
}

impl FromStr for Shard {
    type Err = ShardError;

    /// Parses `K/N`.
    fn from_str(s: &str) -> Result<Self, ShardError> {
        let bad = || ShardError::Spec(s.to_owned());
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k = k.trim().parse().map_err(|_| bad())?;
        let n = n.trim().parse().map_err(|_| bad())?;
        Shard::new(k, n).map_err(|_| bad())
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl GraphSelector {
    /// Returns the selector of shard `index` of `count`, or an error unless `index < count`.
    pub fn shard(index: u32, count: u32) -> Result<Self, ShardError> {
        Shard::new(index, count).map(GraphSelector::Shard)
    }

    /// Parses a shard: `K/N` for the document graphs of shard K of N, or `shared` for the shared graphs.
    pub fn parse_shard(s: &str) -> Result<Self, ShardError> {
        if s.trim() == "shared" {
            Ok(GraphSelector::Shared)
        } else {
            s.parse().map(GraphSelector::Shard)
        }
    }
}

/// One file a sharded export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardFile {
    /// The file.
    pub path: PathBuf,
    /// The shard it holds, or `None` for the shared graphs.
    pub shard: Option<Shard>,
    /// The number of named graphs in it.
    pub graphs: usize,
    /// The number of quads in it.
    pub quads: usize,
}

/// Where a quad's graph goes in a sharded export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Shared,
    Shard(u32),
}

/// Returns the part a graph name belongs to, given the source-graph prefix and the number of shards.
fn part_of(graph: GraphNameRef<'_>, prefix: &str, count: u32) -> Part {
    match graph {
        GraphNameRef::NamedNode(n) if n.as_str().starts_with(prefix) => {
            Part::Shard(shard_index(n.as_str(), count))
        }
        _ => Part::Shared,
    }
}

/// Parses a graph IRI given by a user.
pub fn graph_iri(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|e| StoreError::NoSuchGraph(format!("{iri} ({e})")))
}

impl GraphStore {
    /// Writes the selected graphs in a format, streaming, and returns the writer.
    ///
    /// [`GraphSelector::Shard`] reads only the graphs of its shard, so that
    /// shards can be exported side by side; its output is the same, byte for
    /// byte, as the shard's file from [`GraphStore::export_shards`].
    pub fn export<W: Write>(
        &self,
        format: ExportFormat,
        selector: &GraphSelector,
        writer: W,
    ) -> Result<W, StoreError> {
        let mut out = self.serializer(format, writer)?;
        let write = |out: &mut WriterQuadSerializer<W>, q: Quad| {
            if format.is_dataset() {
                out.serialize_quad(&q)
            } else {
                out.serialize_triple(q.as_ref())
            }
        };
        let graph = match selector {
            GraphSelector::All => None,
            GraphSelector::Document(file) => {
                Some(self.base().source_graph(jiyao_core::rdf::file_name(file)))
            }
            GraphSelector::Iri(g) => Some(g.clone()),
            GraphSelector::Shard(_) | GraphSelector::Shared => {
                let prefix = self.base().source_graph_prefix();
                if *selector == GraphSelector::Shared {
                    for q in self.oxigraph().quads_for_pattern(
                        None,
                        None,
                        None,
                        Some(GraphNameRef::DefaultGraph),
                    ) {
                        write(&mut out, q?)?;
                    }
                }
                for g in self.oxigraph().named_graphs() {
                    let g = g?;
                    let name = g.as_ref();
                    let wanted = match (selector, name) {
                        (GraphSelector::Shard(s), NamedOrBlankNodeRef::NamedNode(n)) => {
                            n.as_str().starts_with(&prefix) && s.holds(n.as_str())
                        }
                        (GraphSelector::Shard(_), NamedOrBlankNodeRef::BlankNode(_)) => false,
                        _ => part_of(name.into(), &prefix, 1) == Part::Shared,
                    };
                    if !wanted {
                        continue;
                    }
                    for q in self
                        .oxigraph()
                        .quads_for_pattern(None, None, None, Some(name.into()))
                    {
                        write(&mut out, q?)?;
                    }
                }
                return Ok(out.finish()?);
            }
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
            write(&mut out, q?)?;
        }
        Ok(out.finish()?)
    }

    /// Writes the whole store in `count` shards and a shared part, one file each, into a directory, in one pass.
    ///
    /// The files are `shared.{ext}` (the shared graphs) and `part-000.{ext}`
    /// … (the source-document graphs of each shard, see the module
    /// documentation); every file is written, even when empty. The directory is
    /// created if need be and must otherwise be empty, so that a bulk loader
    /// given the directory never also reads the files of an earlier export.
    /// Quads are streamed from one scan of the store to their file: memory does
    /// not grow with the store, only with `count` (one buffer per file).
    /// Returns the files written, the shared part first.
    pub fn export_shards(
        &self,
        format: ExportFormat,
        count: u32,
        dir: &Path,
    ) -> Result<Vec<ShardFile>, ShardError> {
        if !format.is_dataset() {
            return Err(ShardError::NotDataset);
        }
        if count == 0 {
            return Err(ShardError::Spec(format!("{count}/{count}")));
        }
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| ShardError::File { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        if std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
            return Err(ShardError::NotEmpty(dir.to_owned()));
        }
        let width = count.saturating_sub(1).to_string().len().max(3);
        let ext = format.extension();
        let mut files = Vec::with_capacity(count as usize + 1);
        let mut outs = Vec::with_capacity(count as usize + 1);
        for k in 0..=count {
            // Index 0 is the shared part, k >= 1 shard k - 1.
            let (name, shard) = match k {
                0 => (format!("shared.{ext}"), None),
                k => (
                    format!("part-{:0width$}.{ext}", k - 1),
                    Some(Shard {
                        index: k - 1,
                        count,
                    }),
                ),
            };
            let path = dir.join(name);
            let file = File::create(&path).map_err(io(&path))?;
            let out = self
                .serializer(format, BufWriter::with_capacity(1 << 16, file))
                .map_err(io(&path))?;
            outs.push(out);
            files.push(ShardFile {
                path,
                shard,
                graphs: 0,
                quads: 0,
            });
        }
        let slot = |part| match part {
            Part::Shared => 0,
            Part::Shard(k) => k as usize + 1,
        };
        let prefix = self.base().source_graph_prefix();
        // Quads come grouped by graph: the part is computed once per graph.
        let mut current: Option<(oxigraph::model::GraphName, usize)> = None;
        for q in self.oxigraph().quads_for_pattern(None, None, None, None) {
            let q = q.map_err(StoreError::from)?;
            let k = match &current {
                Some((g, k)) if *g == q.graph_name => *k,
                _ => {
                    let k = slot(part_of(q.graph_name.as_ref(), &prefix, count));
                    if !q.graph_name.is_default_graph() {
                        files[k].graphs += 1;
                    }
                    current = Some((q.graph_name.clone(), k));
                    k
                }
            };
            outs[k].serialize_quad(&q).map_err(io(&files[k].path))?;
            files[k].quads += 1;
        }
        for (out, f) in outs.into_iter().zip(&files) {
            out.finish()
                .and_then(|mut w| w.flush().map(|()| w))
                .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
                .and_then(|file| file.sync_all())
                .map_err(io(&f.path))?;
        }
        Ok(files)
    }

    /// Returns a serializer of a format on a writer, with jiyao's prefixes for the formats that use them.
    fn serializer<W: Write>(
        &self,
        format: ExportFormat,
        writer: W,
    ) -> std::io::Result<WriterQuadSerializer<W>> {
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
        Ok(serializer.for_writer(writer))
    }
}
