//! The SPARQL 1.1 Protocol: reading query and update requests, evaluating them under a time limit and a size cap, and answering in the negotiated format.
//!
//! A query comes as `GET /query?query=…`, as a form (`POST`,
//! `application/x-www-form-urlencoded`) or as the body of a `POST` with
//! `application/sparql-query`. The dataset is the query's own (`FROM`,
//! `FROM NAMED`), else the protocol's `default-graph-uri` / `named-graph-uri`
//! parameters (which take precedence), else, as on the command line, the union
//! of every graph of the store.
//!
//! Status codes: 400 for a malformed request or query (with the parser's
//! message), 406 when no acceptable format can carry the answer, 422 when the
//! answer is larger than the cap, 503 when the query ran out of time (it is
//! cancelled, not left running), 500 when evaluation failed otherwise.

use super::http::{accepted, parse_form, respond, text};
use crate::query::{self, Watchdog};
use crate::store::GraphStore;
use oxhttp::model::{Body, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, UpdateEvaluationError,
    Variable,
};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A query read from a request, with its dataset and format parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryRequest {
    /// The SPARQL text.
    pub query: String,
    /// `default-graph-uri` parameters.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri` parameters.
    pub named_graphs: Vec<String>,
    /// A `format` parameter overriding the `Accept` header (json, xml, csv, tsv, ttl, nt, nq, jsonld, rdf).
    pub format: Option<String>,
}

/// An update read from a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateRequest {
    /// The SPARQL Update text.
    pub update: String,
}

/// The limits every query runs under.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long a query may run before it is cancelled.
    pub timeout: Duration,
    /// The largest number of rows (or triples) an answer may hold.
    pub max_results: usize,
}

fn media_type(content_type: Option<&str>) -> String {
    content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Reads a query request from a method, the URL's query string, the content type and the body.
pub fn read_query(
    method: &str,
    url_query: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<QueryRequest, Response<Body>> {
    let mut params = parse_form(url_query);
    let mut query = None;
    match method {
        "GET" => {}
        "POST" => match media_type(content_type).as_str() {
            "application/x-www-form-urlencoded" => {
                let body = std::str::from_utf8(body).map_err(|_| text(StatusCode::BAD_REQUEST, "the form is not UTF-8"))?;
                params.extend(parse_form(body));
            }
            "application/sparql-query" => {
                let body = std::str::from_utf8(body).map_err(|_| text(StatusCode::BAD_REQUEST, "the query is not UTF-8"))?;
                query = Some(body.to_owned());
            }
            other => {
                return Err(text(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("a POST to /query must be application/x-www-form-urlencoded or application/sparql-query, not {:?}", other),
                ))
            }
        },
        _ => return Err(text(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST")),
    }
    let mut req = QueryRequest::default();
    for (k, v) in params {
        match k.as_str() {
            "query" if query.is_none() => query = Some(v),
            "query" => {
                return Err(text(
                    StatusCode::BAD_REQUEST,
                    "more than one query in the request",
                ))
            }
            "default-graph-uri" => req.default_graphs.push(v),
            "named-graph-uri" => req.named_graphs.push(v),
            "format" | "output" => req.format = Some(v),
            _ => {}
        }
    }
    req.query = query.ok_or_else(|| {
        text(
            StatusCode::BAD_REQUEST,
            "no query: pass query=… or POST application/sparql-query",
        )
    })?;
    Ok(req)
}

/// Reads an update request: a form with `update=…` or a body of type `application/sparql-update`.
pub fn read_update(
    url_query: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<UpdateRequest, Response<Body>> {
    let body = std::str::from_utf8(body)
        .map_err(|_| text(StatusCode::BAD_REQUEST, "the update is not UTF-8"))?;
    let mut params = parse_form(url_query);
    let update = match media_type(content_type).as_str() {
        "application/sparql-update" => Some(body.to_owned()),
        "application/x-www-form-urlencoded" => {
            params.extend(parse_form(body));
            None
        }
        other => {
            return Err(text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("an update must be application/sparql-update or a form, not {other:?}"),
            ))
        }
    };
    if params
        .iter()
        .any(|(k, _)| k == "using-graph-uri" || k == "using-named-graph-uri")
    {
        return Err(text(StatusCode::BAD_REQUEST, "using-graph-uri and using-named-graph-uri are not supported: write USING in the update"));
    }
    let update = update.or_else(|| {
        params
            .into_iter()
            .find(|(k, _)| k == "update")
            .map(|(_, v)| v)
    });
    Ok(UpdateRequest {
        update: update.ok_or_else(|| {
            text(
                StatusCode::BAD_REQUEST,
                "no update: pass update=… or POST application/sparql-update",
            )
        })?,
    })
}

/// The formats an answer to SELECT or ASK can take, by media type.
const RESULT_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// The formats an answer to CONSTRUCT or DESCRIBE can take, by media type.
fn graph_types() -> [(&'static str, RdfFormat); 9] {
    let jsonld = RdfFormat::from_media_type("application/ld+json").unwrap_or(RdfFormat::NTriples);
    [
        ("text/turtle", RdfFormat::Turtle),
        ("application/x-turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("text/plain", RdfFormat::NTriples),
        ("application/n-quads", RdfFormat::NQuads),
        ("application/ld+json", jsonld),
        ("application/json", jsonld),
        ("application/rdf+xml", RdfFormat::RdfXml),
        ("application/xml", RdfFormat::RdfXml),
    ]
}

/// Picks the offer the client prefers: a `format` parameter, else the `Accept` ranges in order (`type/*` and `*/*` take the first offer of that kind).
fn negotiate<T: Copy>(
    format: Option<&str>,
    accept: Option<&str>,
    offers: &[(&'static str, T)],
    short: &[(&str, &'static str)],
) -> Option<(&'static str, T)> {
    let ranges = match format {
        Some(f) => {
            let f = f.trim().to_ascii_lowercase();
            let media = short
                .iter()
                .find(|(s, _)| *s == f)
                .map(|(_, m)| (*m).to_owned())
                .unwrap_or(f);
            vec![media]
        }
        None => accepted(accept),
    };
    for range in ranges {
        let (ty, sub) = range.split_once('/').unwrap_or((range.as_str(), ""));
        for (media, value) in offers {
            let (oty, _) = media.split_once('/').unwrap_or((media, ""));
            if range == *media || (sub == "*" && (ty == "*" || ty == oty)) {
                return Some((media, *value));
            }
        }
    }
    None
}

const SHORT_NAMES: &[(&str, &str)] = &[
    ("json", "application/sparql-results+json"),
    ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
    ("ttl", "text/turtle"),
    ("turtle", "text/turtle"),
    ("nt", "application/n-triples"),
    ("ntriples", "application/n-triples"),
    ("nq", "application/n-quads"),
    ("nquads", "application/n-quads"),
    ("jsonld", "application/ld+json"),
    ("rdf", "application/rdf+xml"),
    ("rdfxml", "application/rdf+xml"),
];

const GRAPH_SHORT_NAMES: &[(&str, &str)] = &[
    ("json", "application/ld+json"),
    ("xml", "application/rdf+xml"),
];

fn named_node(iri: &str, what: &str) -> Result<NamedNode, Reply> {
    NamedNode::new(iri).map_err(|e| {
        Reply::text(
            StatusCode::BAD_REQUEST,
            format!("{what} {iri:?} is not an IRI: {e}"),
        )
    })
}

fn timeout_response(limits: Limits) -> Reply {
    Reply::text(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query ran longer than the time limit of {:?} and was stopped",
            limits.timeout
        ),
    )
}

fn too_large(limits: Limits, what: &str) -> Reply {
    Reply::text(
        StatusCode::UNPROCESSABLE_ENTITY,
        format!("the answer has more than {} {what}, the server's cap: add a LIMIT (and ORDER BY with OFFSET to page)", limits.max_results),
    )
}

/// An answer built on the evaluation thread and turned into a response on the connection's thread.
#[derive(Debug)]
struct Reply {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: StatusCode, message: String) -> Self {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8".to_owned(),
            body: format!("{message}\n").into_bytes(),
        }
    }

    fn ok(media: &str, body: Vec<u8>) -> Self {
        Reply {
            status: StatusCode::OK,
            content_type: content_type(media),
            body,
        }
    }

    fn into_response(self) -> Response<Body> {
        respond(self.status, &self.content_type, self.body)
    }
}

/// Counts the evaluations running, stopped ones that have not yet noticed included, and holds new ones back past a bound.
#[derive(Debug)]
pub struct Gate {
    running: Mutex<usize>,
    freed: Condvar,
    max: usize,
}

impl Gate {
    /// Allows at most `max` evaluations at once.
    pub fn new(max: usize) -> Self {
        Gate {
            running: Mutex::new(0),
            freed: Condvar::new(),
            max: max.max(1),
        }
    }

    /// Returns how many evaluations are running.
    pub fn running(&self) -> usize {
        *self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits up to `patience` for a place; `None` when none came free.
    fn enter(self: &Arc<Self>, patience: Duration) -> Option<Pass> {
        let guard = self.running.lock().unwrap_or_else(|p| p.into_inner());
        let (mut n, _) = self
            .freed
            .wait_timeout_while(guard, patience, |n| *n >= self.max)
            .unwrap_or_else(|p| p.into_inner());
        if *n >= self.max {
            return None;
        }
        *n += 1;
        Some(Pass(Arc::clone(self)))
    }
}

/// One evaluation's place in the [`Gate`], given back when dropped.
struct Pass(Arc<Gate>);

impl Drop for Pass {
    fn drop(&mut self) {
        let mut n = self.0.running.lock().unwrap_or_else(|p| p.into_inner());
        *n = n.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

/// Evaluates a query on the store and answers it in the negotiated format.
///
/// The evaluation runs on its own thread. At the time limit its cancellation
/// token is set and the client is answered 503 at once: Oxigraph checks the
/// token whenever it reads the store or converts a term, so most queries stop
/// there and then, but a join computed wholly in memory (a cross product under
/// an aggregate) runs on until its next read. The [`Gate`] bounds how many
/// such evaluations may run at once; past it, a new query waits for a place,
/// and is answered 503 if none comes free within the time limit (the wait
/// counts against the limit).
pub fn answer(
    store: Arc<GraphStore>,
    gate: &Arc<Gate>,
    req: QueryRequest,
    accept: Option<String>,
    limits: Limits,
) -> Response<Body> {
    let waiting = Instant::now();
    let Some(pass) = gate.enter(limits.timeout) else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "too many queries are running ({}): try again shortly",
                gate.max
            ),
        );
    };
    let token = CancellationToken::new();
    let (tx, rx) = channel();
    let worker_token = token.clone();
    let spawned = std::thread::Builder::new()
        .name("jiyao query".to_owned())
        .spawn(move || {
            let _pass = pass;
            let r = match evaluate(&store, &req, accept.as_deref(), limits, worker_token) {
                Ok(r) | Err(r) => r,
            };
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("cannot start the query: {e}"),
        );
    }
    match rx.recv_timeout(limits.timeout.saturating_sub(waiting.elapsed())) {
        Ok(r) => r.into_response(),
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            timeout_response(limits).into_response()
        }
        Err(RecvTimeoutError::Disconnected) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the query stopped without an answer",
        ),
    }
}

fn evaluate(
    store: &GraphStore,
    req: &QueryRequest,
    accept: Option<&str>,
    limits: Limits,
    token: CancellationToken,
) -> Result<Reply, Reply> {
    let (mut prepared, order) = query::parse(
        SparqlEvaluator::new().with_cancellation_token(token.clone()),
        &req.query,
    )
    .map_err(|e| Reply::text(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")))?;
    if !req.default_graphs.is_empty() || !req.named_graphs.is_empty() {
        let defaults = req
            .default_graphs
            .iter()
            .map(|g| named_node(g, "default-graph-uri").map(GraphName::from))
            .collect::<Result<Vec<_>, _>>()?;
        let named = req
            .named_graphs
            .iter()
            .map(|g| named_node(g, "named-graph-uri").map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(defaults);
        dataset.set_available_named_graphs(named);
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let failed = |e: QueryEvaluationError| match e {
        QueryEvaluationError::Cancelled => timeout_response(limits),
        e => Reply::text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query evaluation failed: {e}"),
        ),
    };
    let results = prepared
        .on_store(store.oxigraph())
        .execute()
        .map_err(failed)?;
    match results {
        QueryResults::Solutions(solutions) => {
            let (media, format) =
                negotiate(req.format.as_deref(), accept, RESULT_TYPES, SHORT_NAMES).ok_or_else(
                    || not_acceptable("SELECT", RESULT_TYPES.iter().map(|(m, _)| *m)),
                )?;
            let solutions = query::Solutions::new(solutions, order).map_err(failed)?;
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s.map_err(failed)?;
                if rows.len() == limits.max_results {
                    return Err(too_large(limits, "rows"));
                }
                rows.push(s);
            }
            let mut out = Vec::new();
            let written = (|| -> std::io::Result<()> {
                let mut w = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut out, variables)?;
                for s in &rows {
                    w.serialize(s)?;
                }
                w.finish()?;
                Ok(())
            })();
            written.map_err(|e| {
                Reply::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot write the answer: {e}"),
                )
            })?;
            Ok(Reply::ok(media, out))
        }
        QueryResults::Boolean(b) => {
            let (media, format) =
                negotiate(req.format.as_deref(), accept, RESULT_TYPES, SHORT_NAMES)
                    .ok_or_else(|| not_acceptable("ASK", RESULT_TYPES.iter().map(|(m, _)| *m)))?;
            let mut out = Vec::new();
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, b)
                .map_err(|e| {
                    Reply::text(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("cannot write the answer: {e}"),
                    )
                })?;
            Ok(Reply::ok(media, out))
        }
        QueryResults::Graph(triples) => {
            let offers = graph_types();
            let shorts: Vec<(&str, &'static str)> = GRAPH_SHORT_NAMES
                .iter()
                .chain(SHORT_NAMES)
                .copied()
                .collect();
            let (media, format) = negotiate(req.format.as_deref(), accept, &offers, &shorts)
                .ok_or_else(|| {
                    not_acceptable("CONSTRUCT or DESCRIBE", offers.iter().map(|(m, _)| *m))
                })?;
            let mut all: Vec<Triple> = Vec::new();
            for t in triples {
                let t = t.map_err(failed)?;
                if all.len() == limits.max_results {
                    return Err(too_large(limits, "triples"));
                }
                all.push(t);
            }
            let out = write_graph(&all, format).map_err(|e| {
                Reply::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot write the answer: {e}"),
                )
            })?;
            Ok(Reply::ok(media, out))
        }
    }
}

fn write_graph(triples: &[Triple], format: RdfFormat) -> std::io::Result<Vec<u8>> {
    let mut ser = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::RdfXml) {
        for (p, iri) in jiyao_core::rdf::vocab::PREFIXES {
            ser = ser
                .with_prefix(*p, *iri)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        }
    }
    let mut w = ser.for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t)?;
    }
    w.finish()
}

fn content_type(media: &str) -> String {
    format!("{media}; charset=utf-8")
}

fn not_acceptable<'a>(form: &str, offers: impl Iterator<Item = &'a str>) -> Reply {
    Reply::text(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "no acceptable format for the answer to a {form} query; offered: {}",
            offers.collect::<Vec<_>>().join(", ")
        ),
    )
}

/// Runs an update on the store (opened for writing), under the time limit; 204 when done.
pub fn update(store: &GraphStore, req: &UpdateRequest, limits: Limits) -> Response<Body> {
    let token = CancellationToken::new();
    let prepared = match SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_update(&req.update)
    {
        Ok(p) => p,
        Err(e) => return text(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")),
    };
    let _watchdog = Watchdog::start(limits.timeout, token);
    match prepared.on_store(store.oxigraph()).execute() {
        Ok(()) => respond(
            StatusCode::NO_CONTENT,
            "text/plain; charset=utf-8",
            Body::empty(),
        ),
        Err(UpdateEvaluationError::Unexpected(e))
            if matches!(
                e.downcast_ref::<QueryEvaluationError>(),
                Some(QueryEvaluationError::Cancelled)
            ) =>
        {
            timeout_response(limits).into_response()
        }
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("update failed: {e}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_ways_of_sending_a_query() {
        let r = read_query(
            "GET",
            "query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fa&named-graph-uri=http%3A%2F%2Fb",
            None,
            b"",
        )
        .unwrap();
        assert_eq!(r.query, "ASK{}");
        assert_eq!(r.default_graphs, vec!["http://a"]);
        assert_eq!(r.named_graphs, vec!["http://b"]);
        let r = read_query(
            "POST",
            "",
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
            b"query=SELECT+*+%7B%7D&format=csv",
        )
        .unwrap();
        assert_eq!(
            (r.query.as_str(), r.format.as_deref()),
            ("SELECT * {}", Some("csv"))
        );
        let r = read_query(
            "POST",
            "default-graph-uri=x",
            Some("application/sparql-query"),
            "ASK { ?s ?p \"蔡\" }".as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (r.query.as_str(), r.default_graphs.len()),
            ("ASK { ?s ?p \"蔡\" }", 1)
        );
        assert_eq!(
            read_query("GET", "", None, b"").unwrap_err().status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            read_query("POST", "", Some("text/plain"), b"ASK{}")
                .unwrap_err()
                .status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            read_query("PUT", "query=ASK{}", None, b"")
                .unwrap_err()
                .status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
        assert_eq!(
            read_query("POST", "", Some("application/sparql-query"), &[0xff, 0xfe])
                .unwrap_err()
                .status(),
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn negotiates_formats() {
        let pick =
            |accept: &str| negotiate(None, Some(accept), RESULT_TYPES, SHORT_NAMES).map(|(m, _)| m);
        assert_eq!(pick("*/*"), Some("application/sparql-results+json"));
        assert_eq!(pick("text/csv, */*;q=0.1"), Some("text/csv"));
        assert_eq!(
            pick("application/sparql-results+xml;q=0.9, text/tab-separated-values"),
            Some("text/tab-separated-values")
        );
        assert_eq!(pick("text/*"), Some("text/xml"));
        assert_eq!(pick("image/png"), None);
        assert_eq!(
            negotiate(Some("tsv"), Some("text/csv"), RESULT_TYPES, SHORT_NAMES).map(|(m, _)| m),
            Some("text/tab-separated-values")
        );
        let offers = graph_types();
        let pick =
            |accept: &str| negotiate(None, Some(accept), &offers, SHORT_NAMES).map(|(m, _)| m);
        assert_eq!(pick("*/*"), Some("text/turtle"));
        assert_eq!(pick("application/n-quads"), Some("application/n-quads"));
        assert_eq!(pick("application/ld+json"), Some("application/ld+json"));
        assert_eq!(pick("application/rdf+xml"), Some("application/rdf+xml"));
    }
}
