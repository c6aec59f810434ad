//! What the explorer page asks for, as JSON: search, cards, a meeting's records with their lines, neighbourhoods, and the source text with line numbers.
//!
//! The [`Explorer`] is built once at start-up (and again after an update):
//! the entity graph of [`crate::query::graph`], an adjacency list for
//! neighbourhoods, a search index over every entity's names, the meeting of
//! each source file, and where each source file's text can be read. Cards come
//! from [`crate::query::views`], live from the store.

use super::http::{html_escape, json, percent_encode, respond, text};
use crate::query::graph::{EntityGraph, Kind, Lookup};
use crate::query::views::{self, Card, ViewError};
use crate::query::{self, QueryError};
use crate::store::GraphStore;
use oxhttp::model::{Body, Response, StatusCode};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why the explorer's index could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExplorerError {
    /// A query over the store failed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A sources directory could not be listed.
    #[error("cannot list the sources directory {path}: {source}")]
    Sources {
        /// The directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The explorer's index of the store, built once and shared by every request.
pub struct Explorer {
    graph: EntityGraph,
    /// For each entity: (neighbour, relation words, true when the relation reads from this entity).
    adjacency: Vec<Vec<(usize, String, bool)>>,
    /// Folded names and the entity they name.
    names: Vec<(String, usize)>,
    /// Source file name → the meeting it records.
    meeting_of: BTreeMap<String, String>,
    /// Source file name → where its text is, for the files found in the sources directories.
    sources: BTreeMap<String, PathBuf>,
    /// Every source file name in the store.
    documents: Vec<String>,
}

fn select(
    store: &GraphStore,
    body: &str,
    params: &[(&str, String)],
) -> Result<Vec<Vec<String>>, QueryError> {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    query::select(store, body, &params)
}

/// Folds a name for search: full-width ASCII to half-width, lower case, no spaces or book-title marks.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            (!c.is_whitespace() && !matches!(c, '《' | '》' | '〈' | '〉'))
                .then(|| c.to_lowercase())
        })
        .flatten()
        .collect()
}

/// Lists the files under directories, by file name (the first found wins), recursively, hidden files skipped.
fn list_sources(dirs: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>, ExplorerError> {
    let mut out = BTreeMap::new();
    for d in dirs {
        let mut stack = vec![d.clone()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|source| ExplorerError::Sources {
                path: dir.clone(),
                source,
            })?;
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                let Some(name) = p.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                    continue;
                };
                if name.starts_with('.') {
                    continue;
                }
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.entry(name).or_insert(p);
                }
            }
        }
    }
    Ok(out)
}

/// An entity as the page sees it.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRef {
    /// Its IRI.
    pub id: String,
    /// What it is (person, org, meeting, item, document, topic, or source for a source file).
    pub kind: String,
    /// Its label.
    pub label: String,
    /// Other names.
    pub aliases: Vec<String>,
}

impl Explorer {
    /// Builds the index from the store; `sources` are directories holding the ingested files.
    pub fn build(store: &GraphStore, sources: &[PathBuf]) -> Result<Self, ExplorerError> {
        let graph = EntityGraph::build(store)?;
        let mut adjacency = vec![Vec::new(); graph.entities().len()];
        for (a, b, words) in graph.relations() {
            adjacency[a].push((b, words.to_owned(), true));
            adjacency[b].push((a, words.to_owned(), false));
        }
        let mut names = Vec::new();
        for (id, e) in graph.entities().iter().enumerate() {
            let mut seen = BTreeSet::new();
            for n in std::iter::once(&e.label).chain(&e.aliases) {
                let f = fold(n);
                if !f.is_empty() && seen.insert(f.clone()) {
                    names.push((f, id));
                }
            }
        }
        let meeting_of = select(store, "SELECT ?doc ?m WHERE { ?m a jy:Meeting ; prov:hadPrimarySource ?s . ?s dcterms:identifier ?doc }", &[])?
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let documents = store.documents()?;
        let found = list_sources(sources)?;
        let sources = documents
            .iter()
            .filter_map(|d| found.get(d).map(|p| (d.clone(), p.clone())))
            .collect();
        Ok(Explorer {
            graph,
            adjacency,
            names,
            meeting_of,
            sources,
            documents,
        })
    }

    /// Returns how many entities the index holds.
    pub fn len(&self) -> usize {
        self.graph.entities().len()
    }

    /// Returns true when the store holds no entity.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Returns how many source files can be shown, and how many the store names.
    pub fn sources_found(&self) -> (usize, usize) {
        (self.sources.len(), self.documents.len())
    }

    fn entity_ref(&self, id: usize) -> EntityRef {
        let e = self.graph.entity(id);
        EntityRef {
            id: e.iri.clone(),
            kind: e.kind.as_str().to_owned(),
            label: e.label.clone(),
            aliases: e.aliases.clone(),
        }
    }

    /// Searches every entity's names (and the source files' names): exact matches first, then prefixes, then substrings; nearest names when nothing matches.
    pub fn search(&self, q: &str, kind: Option<Kind>, limit: usize) -> serde_json::Value {
        let fq = fold(q);
        if fq.is_empty() {
            return serde_json::json!({ "query": q, "results": [], "suggestions": [] });
        }
        let mut best: BTreeMap<usize, (u8, usize)> = BTreeMap::new();
        for (name, id) in &self.names {
            if kind.is_some_and(|k| self.graph.entity(*id).kind != k) {
                continue;
            }
            let rank = if *name == fq {
                0
            } else if name.starts_with(&fq) {
                1
            } else if name.contains(&fq) {
                2
            } else {
                continue;
            };
            let score = (rank, name.chars().count());
            best.entry(*id)
                .and_modify(|s| *s = (*s).min(score))
                .or_insert(score);
        }
        let kind_order = |k: Kind| Kind::ALL.iter().position(|x| *x == k).unwrap_or(9);
        let mut hits: Vec<(u8, usize, usize, usize)> = best
            .into_iter()
            .map(|(id, (r, len))| (r, kind_order(self.graph.entity(id).kind), len, id))
            .collect();
        hits.sort();
        let total = hits.len();
        let mut results: Vec<EntityRef> = hits
            .into_iter()
            .take(limit)
            .map(|(_, _, _, id)| self.entity_ref(id))
            .collect();
        if kind.is_none() {
            for d in self
                .documents
                .iter()
                .filter(|d| fold(d).contains(&fq))
                .take(limit.saturating_sub(results.len()))
            {
                results.push(EntityRef {
                    id: d.clone(),
                    kind: "source".to_owned(),
                    label: d.clone(),
                    aliases: Vec::new(),
                });
            }
        }
        let suggestions = if results.is_empty() {
            match self.graph.lookup(q, kind.as_slice()) {
                Lookup::NotFound(near) => near,
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        serde_json::json!({ "query": q, "total": total, "results": results, "suggestions": suggestions })
    }

    /// Finds one entity by IRI or name.
    pub fn find(&self, key: &str) -> Result<usize, Response<Body>> {
        match self.graph.lookup(key, &[]) {
            Lookup::One(id) => Ok(id),
            Lookup::Ambiguous(ids) => {
                let c: Vec<EntityRef> = ids.into_iter().map(|id| self.entity_ref(id)).collect();
                Err(error_json(
                    StatusCode::CONFLICT,
                    &format!("{key} is ambiguous"),
                    serde_json::json!({ "candidates": c }),
                ))
            }
            Lookup::NotFound(near) => Err(error_json(
                StatusCode::NOT_FOUND,
                &format!("nothing is called {key}"),
                serde_json::json!({ "nearest": near }),
            )),
        }
    }

    /// Returns an entity with its direct relations.
    pub fn entity(&self, key: &str) -> Response<Body> {
        let id = match self.find(key) {
            Ok(id) => id,
            Err(r) => return r,
        };
        let mut relations: Vec<serde_json::Value> = self.adjacency[id]
            .iter()
            .map(|(other, words, forward)| serde_json::json!({ "words": words, "forward": forward, "other": self.entity_ref(*other) }))
            .collect();
        relations.sort_by(|a, b| {
            a["other"]["kind"]
                .as_str()
                .cmp(&b["other"]["kind"].as_str())
                .then(
                    a["other"]["label"]
                        .as_str()
                        .cmp(&b["other"]["label"].as_str()),
                )
        });
        json(&serde_json::json!({ "entity": self.entity_ref(id), "relations": relations }))
    }

    /// Returns the entities within `hops` hops of one (at most `max`, nearest first) and every relation among them.
    pub fn neighbourhood(&self, key: &str, hops: usize, max: usize) -> Response<Body> {
        let id = match self.find(key) {
            Ok(id) => id,
            Err(r) => return r,
        };
        let near = self.graph.neighbors(id, hops.clamp(1, 3));
        let total = near.len();
        let mut keep: Vec<(usize, usize)> = vec![(id, 0)];
        keep.extend(
            near.into_iter()
                .take(max.saturating_sub(1))
                .map(|(other, d, _)| (other, d)),
        );
        let index: BTreeMap<usize, usize> = keep
            .iter()
            .enumerate()
            .map(|(k, (id, _))| (*id, k))
            .collect();
        let nodes: Vec<serde_json::Value> = keep
            .iter()
            .map(|(id, d)| {
                let e = self.entity_ref(*id);
                serde_json::json!({ "id": e.id, "kind": e.kind, "label": e.label, "distance": d })
            })
            .collect();
        let mut edges = Vec::new();
        for (a, _) in &keep {
            for (b, words, forward) in &self.adjacency[*a] {
                if *forward {
                    if let (Some(x), Some(y)) = (index.get(a), index.get(b)) {
                        edges.push(serde_json::json!({ "from": x, "to": y, "words": words }));
                    }
                }
            }
        }
        json(
            &serde_json::json!({ "center": 0, "nodes": nodes, "edges": edges, "total": total + 1, "shown": keep.len() }),
        )
    }

    /// Returns a card drawn by [`crate::query::views`], as JSON, with the source file of each meeting for links.
    pub fn card(
        &self,
        store: &GraphStore,
        kind: &str,
        key: &str,
        narrower: bool,
    ) -> Response<Body> {
        let card: Result<Card, ViewError> = match kind {
            "person" => views::person(store, key),
            "org" => views::organisation(store, key),
            "topic" => views::topic(store, key, narrower),
            "meeting" => match self.meeting_of.get(key) {
                Some(iri) => views::meeting(store, iri),
                None => views::meeting(store, key),
            },
            _ => return text(StatusCode::NOT_FOUND, format!("no card for {kind:?}")),
        };
        match card {
            Ok(card) => {
                let mut v = serde_json::to_value(&card).unwrap_or_default();
                if kind == "meeting" {
                    match self.meeting_records(store, &card.iri) {
                        Ok(extra) => v["records"] = extra,
                        Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
                    }
                }
                json(&v)
            }
            Err(e) => view_error(e),
        }
    }

    /// A meeting's agenda items, documents and attendance records, each with its line.
    fn meeting_records(
        &self,
        store: &GraphStore,
        iri: &str,
    ) -> Result<serde_json::Value, QueryError> {
        let m = [("m", format!("<{iri}>"))];
        let doc = select(store, "SELECT ?doc WHERE { ?m prov:hadPrimarySource ?s . ?s dcterms:identifier ?doc } LIMIT 1", &m)?;
        let items = select(store, "SELECT DISTINCT ?n ?heading ?line WHERE { ?m schema:subEvent ?i . ?i jy:ordinal ?n ; dcterms:title ?heading ; jy:line ?line } ORDER BY ?n", &m)?;
        let documents = select(store, "SELECT DISTINCT ?item ?title ?decision ?lead ?next ?line WHERE {
            ?x a jy:DocumentMention ; jy:meeting ?m ; jy:document ?d ; jy:line ?line . ?d dcterms:title ?title .
            OPTIONAL { ?x jy:agendaItem ?i . ?i jy:ordinal ?item } OPTIONAL { ?x jy:decision ?decision }
            OPTIONAL { ?x jy:leadOrganization ?o . ?o skos:prefLabel ?lead } OPTIONAL { ?x jy:nextStep ?next } } ORDER BY ?line ?title", &m)?;
        let attendance = select(store, "SELECT DISTINCT ?a ?role ?name ?org ?line ?col ?order WHERE {
            ?a a jy:Attendance ; jy:meeting ?m ; jy:role ?r ; jy:line ?line ; jy:column ?col . ?r rdfs:label ?role FILTER(lang(?role) = \"zh\")
            VALUES (?r ?order) { (jy:chair 1) (jy:present 2) (jy:attending 3) (jy:representative 4) (jy:absent 5) (jy:recorder 6) }
            OPTIONAL { ?a jy:person ?p . ?p foaf:name ?name } OPTIONAL { ?a jy:organization ?o . ?o skos:prefLabel ?org } }", &m)?;
        let mut attendance: Vec<(u32, u32, u32, Vec<String>)> = attendance
            .into_iter()
            .map(|r| {
                (
                    r[6].parse().unwrap_or(9),
                    r[4].parse().unwrap_or(0),
                    r[5].parse().unwrap_or(0),
                    r,
                )
            })
            .collect();
        attendance.sort();
        let attendance: Vec<serde_json::Value> = attendance
            .into_iter()
            .map(|(_, _, _, r)| serde_json::json!({ "role": r[1], "person": r[2], "org": r[3], "line": r[4] }))
            .collect();
        let items: Vec<serde_json::Value> = items
            .into_iter()
            .map(|r| serde_json::json!({ "item": r[0], "heading": r[1], "line": r[2] }))
            .collect();
        let documents: Vec<serde_json::Value> = documents
            .into_iter()
            .map(|r| serde_json::json!({ "item": r[0], "title": r[1], "decision": r[2], "lead": r[3], "next": r[4], "line": r[5] }))
            .collect();
        Ok(serde_json::json!({
            "doc": doc.first().map(|r| r[0].clone()).unwrap_or_default(),
            "items": items, "documents": documents, "attendance": attendance,
        }))
    }

    /// Returns the store's source files and their meetings.
    pub fn documents(&self) -> Response<Body> {
        let docs: Vec<serde_json::Value> = self
            .documents
            .iter()
            .map(|d| serde_json::json!({ "file": d, "meeting": self.meeting_of.get(d), "text": self.sources.contains_key(d) }))
            .collect();
        json(&docs)
    }

    /// Shows a source file with numbered lines (`#L12` anchors each line), as an HTML page.
    pub fn source_page(&self, file: &str) -> Response<Body> {
        if !self.documents.iter().any(|d| d == file) {
            return text(
                StatusCode::NOT_FOUND,
                format!("no source document {file:?} in the store"),
            );
        }
        let Some(path) = self.sources.get(file) else {
            return text(
                StatusCode::NOT_FOUND,
                format!("{file} is in the store, but its text was not found: start the server with --sources DIR (the directory it was ingested from)"),
            );
        };
        match source_html(file, path) {
            Ok(html) => respond(StatusCode::OK, "text/html; charset=utf-8", html),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e),
        }
    }
}

/// Renders a file's text with its original line numbers; HTML pages show their extracted text, each line numbered as in the page.
fn source_html(file: &str, path: &Path) -> Result<String, String> {
    let src = jiyao_core::load::read(path).map_err(|e| e.to_string())?;
    let mut body = String::new();
    let mut anchored = BTreeSet::new();
    for (k, line) in src.text.split('\n').enumerate() {
        let n = src.original_line(k);
        let id = if anchored.insert(n) {
            format!(" id=\"L{n}\"")
        } else {
            String::new()
        };
        body.push_str(&format!("<div class=\"line\"{id}><a class=\"n\" href=\"#L{n}\">{n}</a><span class=\"t\">{}</span></div>\n", html_escape(line)));
    }
    let note = match src.format {
        jiyao_core::load::Format::Html => "<p class=\"note\">An HTML page: its text as jiyao read it, each line numbered as in the page.</p>",
        jiyao_core::load::Format::Text => "",
    };
    Ok(format!(
        "<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{t}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body class=\"source\"><header><a href=\"/\">jiyao 纪要</a> › <span id=\"file\">{t}</span> <span class=\"enc\">({enc:?})</span> · <a href=\"/#/meeting/{e}\">meeting</a></header>{note}\n<main class=\"text\">\n{body}</main></body></html>\n",
        t = html_escape(file),
        e = percent_encode(file),
        enc = src.encoding,
    ))
}

fn error_json(status: StatusCode, message: &str, extra: serde_json::Value) -> Response<Body> {
    let mut v = serde_json::json!({ "error": message });
    if let (Some(o), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
        o.extend(e);
    }
    let mut r = json(&v);
    *r.status_mut() = status;
    r
}

fn view_error(e: ViewError) -> Response<Body> {
    match e {
        ViewError::NotFound { name, nearest } => error_json(
            StatusCode::NOT_FOUND,
            &format!("nothing is called {name}"),
            serde_json::json!({ "nearest": nearest }),
        ),
        ViewError::Ambiguous { name, candidates } => error_json(
            StatusCode::CONFLICT,
            &format!("{name} is ambiguous"),
            serde_json::json!({ "candidates": candidates }),
        ),
        other => error_json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &other.to_string(),
            serde_json::json!({}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_for_search() {
        assert_eq!(fold(" 蔡 剑峰 "), "蔡剑峰");
        assert_eq!(fold("《苏州市氢能规划》"), "苏州市氢能规划");
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
    }
}
