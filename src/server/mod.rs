//! `jiyao serve`: a SPARQL 1.1 Protocol endpoint and the explorer web page, over one store.
//!
//! This is the only module that knows HTTP. It answers:
//!
//! - `/query`: the SPARQL 1.1 Protocol ([`sparql`]): `GET ?query=`, `POST`
//!   forms and `POST application/sparql-query`, with `default-graph-uri` and
//!   `named-graph-uri`, content negotiation, a time limit that cancels the
//!   query and a cap on the answer's size;
//! - `/update`: SPARQL Update, refused with 403 unless the server was started
//!   with an update token ([`Config::update_token`]), then only for requests
//!   that carry it as `Authorization: Bearer …`;
//! - `/`, `/app.js`, `/style.css`: the explorer, compiled into the binary (no
//!   CDN, no build step);
//! - `/api/…`: the JSON the explorer reads ([`explorer`]); `/source/{file}`:
//!   a source file with numbered lines, for the links from every fact.
//!
//! Every answer carries `Access-Control-Allow-Origin: *`; every request is
//! logged on standard error (time, method, path, status, bytes, milliseconds).
//! Request bodies are capped ([`Config::max_body`]); a handler that panics
//! answers 500 and the server goes on.
//!
//! ```no_run
//! use jiyao::{rdf::iri::Base, server, store::GraphStore};
//! let store = GraphStore::open_read_only(std::path::Path::new("jiyao-store"), Base::default()).unwrap();
//! let running = server::start(store, server::Config::default()).unwrap();
//! eprintln!("listening on http://{}/", running.addr());
//! running.join().unwrap();
//! ```

// Handlers return `Result<_, Response>` so that any step can answer early; a response is built once per
// request, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

mod explorer;
mod http;
mod names;
mod sparql;

pub use explorer::{Explorer, ExplorerError};
pub use sparql::Limits;

use crate::store::GraphStore;
use http::{json, parse_form, respond, text};
use jiyao_core::date::Date;
use oxhttp::model::header::{
    HeaderValue, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_MAX_AGE, AUTHORIZATION, CONNECTION,
    CONTENT_LENGTH, CONTENT_TYPE, WWW_AUTHENTICATE,
};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to listen on; port 0 picks a free port (see [`Running::addr`]).
    pub bind: SocketAddr,
    /// How long a query may run before it is cancelled and answered with 503.
    pub timeout: Duration,
    /// The largest answer, in rows or triples; a larger one is refused with 422.
    pub max_results: usize,
    /// The largest request body, in bytes; a larger one is refused with 413.
    pub max_body: usize,
    /// The most connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// The most queries evaluated at once, stopped ones that have not yet noticed included; more wait, within their time limit.
    pub max_queries: usize,
    /// How long a connection may stay silent (reading or writing) before it is closed.
    pub idle_timeout: Duration,
    /// When set, `/update` accepts SPARQL Update from requests carrying this bearer token (the store must be open for writing).
    pub update_token: Option<String>,
    /// Directories holding the ingested files, so that `/source/{file}` can show their text.
    pub sources: Vec<PathBuf>,
    /// Whether each request is logged on standard error.
    pub access_log: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: Duration::from_secs(5),
            max_results: 10_000,
            max_body: 1 << 20,
            max_connections: 128,
            max_queries: std::thread::available_parallelism()
                .map_or(8, |n| n.get() * 2)
                .max(8),
            idle_timeout: Duration::from_secs(30),
            update_token: None,
            sources: Vec::new(),
            access_log: true,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// An update token was given but is too short to be a secret.
    #[error("the update token must be at least 16 characters long")]
    WeakToken,
}

/// A running server.
pub struct Running {
    addr: SocketAddr,
    listening: oxhttp::ListeningServer,
}

impl Running {
    /// Returns the address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (it stops only with the process).
    pub fn join(self) -> std::io::Result<()> {
        self.listening.join()
    }
}

struct State {
    store: Arc<GraphStore>,
    gate: Arc<sparql::Gate>,
    explorer: Arc<Explorer>,
    config: Config,
}

/// Binds the address and starts serving on background threads, at once: nothing is read from the store before the port opens.
pub fn start(store: GraphStore, config: Config) -> Result<Running, ServerError> {
    if config
        .update_token
        .as_ref()
        .is_some_and(|t| t.chars().count() < 16)
    {
        return Err(ServerError::WeakToken);
    }
    let store = Arc::new(store);
    let explorer = Explorer::new(Arc::clone(&store), &config.sources);
    let state = Arc::new(State {
        store,
        gate: Arc::new(sparql::Gate::new(config.max_queries)),
        explorer: Arc::clone(&explorer),
        config: config.clone(),
    });
    // oxhttp binds by address and cannot report a port the system chose, so port 0 is resolved here first.
    let mut tries = 0;
    loop {
        let addr = if config.bind.port() == 0 {
            let probe = TcpListener::bind(config.bind).map_err(|source| ServerError::Bind {
                addr: config.bind,
                source,
            })?;
            probe.local_addr().map_err(|source| ServerError::Bind {
                addr: config.bind,
                source,
            })?
        } else {
            config.bind
        };
        let handler_state = Arc::clone(&state);
        let server = oxhttp::Server::new(move |req| handle(&handler_state, req))
            .bind(addr)
            .with_global_timeout(config.idle_timeout)
            .with_max_concurrent_connections(config.max_connections.max(1));
        match server.spawn() {
            Ok(listening) => {
                explorer.read_names_in_background();
                return Ok(Running { addr, listening });
            }
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && config.bind.port() == 0
                    && tries < 10 =>
            {
                tries += 1
            }
            Err(source) => return Err(ServerError::Bind { addr, source }),
        }
    }
}

/// Answers one request, logs it, and never lets a panic escape.
fn handle(state: &State, req: &mut Request<Body>) -> Response<Body> {
    let started = Instant::now();
    let method = req.method().to_string();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let response =
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| route(state, req))) {
            Ok(r) => r,
            Err(_) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error: the request could not be answered",
            ),
        };
    if state.config.access_log {
        let bytes = response
            .body()
            .len()
            .map_or_else(|| "-".to_owned(), |n| n.to_string());
        let shown: String = target.chars().take(300).collect();
        eprintln!(
            "{} {method} {shown} {} {bytes} {}ms",
            timestamp(SystemTime::now()),
            response.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    response
}

/// Formats a time as an RFC 3339 UTC timestamp to the second.
fn timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_days_since_epoch(days as i64),
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Reads the request body up to the cap; a larger body is refused, and the connection closed without reading the rest.
fn read_body(state: &State, req: &mut Request<Body>) -> Result<Vec<u8>, Response<Body>> {
    let limit = state.config.max_body;
    let announced = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut body = Vec::new();
    let too_large = match announced {
        Some(n) if n > limit as u64 => true,
        _ => {
            let read = req.body_mut().take(limit as u64 + 1).read_to_end(&mut body);
            match read {
                Ok(_) => body.len() > limit,
                Err(e) => {
                    return Err(close(
                        req,
                        text(
                            StatusCode::BAD_REQUEST,
                            format!("cannot read the request body: {e}"),
                        ),
                    ))
                }
            }
        }
    };
    if too_large {
        return Err(close(
            req,
            text(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than the server's cap of {limit} bytes"),
            ),
        ));
    }
    Ok(body)
}

/// Makes oxhttp close the connection after this answer instead of draining the rest of the request body.
fn close(req: &mut Request<Body>, mut response: Response<Body>) -> Response<Body> {
    *req.body_mut() = Body::empty();
    req.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

fn header(req: &Request<Body>, name: oxhttp::model::header::HeaderName) -> Option<&str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

fn limits(state: &State) -> Limits {
    Limits {
        timeout: state.config.timeout,
        max_results: state.config.max_results,
    }
}

fn explorer(state: &State) -> &Explorer {
    &state.explorer
}

/// Answers with the response, or 500 with the error when the store failed.
fn or_500(r: Result<Response<Body>, crate::query::QueryError>) -> Response<Body> {
    r.unwrap_or_else(|e| text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

fn route(state: &State, req: &mut Request<Body>) -> Response<Body> {
    let path = http::percent_decode(req.uri().path(), false);
    let url_query = req.uri().query().unwrap_or("").to_owned();
    let method = req.method().clone();
    if method == Method::OPTIONS {
        return preflight();
    }
    let param = |name: &str| {
        parse_form(&url_query)
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    };
    let get_only = |r: Response<Body>| {
        if method == Method::GET || method == Method::HEAD {
            r
        } else {
            text(StatusCode::METHOD_NOT_ALLOWED, "use GET")
        }
    };
    match path.as_str() {
        "/query" | "/sparql" => {
            if method != Method::GET && method != Method::POST {
                return text(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST");
            }
            let body = match read_body(state, req) {
                Ok(b) => b,
                Err(r) => return r,
            };
            match sparql::read_query(
                method.as_str(),
                &url_query,
                header(req, CONTENT_TYPE),
                &body,
            ) {
                Ok(q) => sparql::answer(
                    Arc::clone(&state.store),
                    &state.gate,
                    q,
                    header(req, oxhttp::model::header::ACCEPT).map(str::to_owned),
                    limits(state),
                ),
                Err(r) => r,
            }
        }
        "/update" => update(state, req, &url_query),
        "/" | "/index.html" => get_only(respond(
            StatusCode::OK,
            "text/html; charset=utf-8",
            INDEX_HTML,
        )),
        "/app.js" => get_only(respond(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            APP_JS,
        )),
        "/style.css" => get_only(respond(
            StatusCode::OK,
            "text/css; charset=utf-8",
            STYLE_CSS,
        )),
        "/health" => get_only(text(StatusCode::OK, "ok")),
        "/api/search" => {
            let kind = param("kind").and_then(|k| crate::query::graph::Kind::parse(&k));
            let limit = param("limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(30usize)
                .min(200);
            get_only(or_500(
                explorer(state)
                    .search(&param("q").unwrap_or_default(), kind, limit)
                    .map(|v| json(&v)),
            ))
        }
        "/api/overview" => {
            let top = param("top")
                .and_then(|t| t.parse().ok())
                .unwrap_or(15usize)
                .clamp(1, 100);
            get_only(or_500(explorer(state).overview(top)))
        }
        "/api/entity" => get_only(or_500(
            explorer(state).entity(&param("id").unwrap_or_default()),
        )),
        "/api/neighbors" => {
            let hops = param("hops").and_then(|h| h.parse().ok()).unwrap_or(1usize);
            let max = param("max")
                .and_then(|h| h.parse().ok())
                .unwrap_or(60usize)
                .clamp(1, 300);
            get_only(or_500(explorer(state).neighbourhood(
                &param("id").unwrap_or_default(),
                hops,
                max,
            )))
        }
        "/api/topic-totals" => {
            let narrower = param("narrower").is_some_and(|v| v == "1" || v == "true");
            get_only(or_500(
                explorer(state).topic_totals(&param("id").unwrap_or_default(), narrower),
            ))
        }
        "/api/documents" => {
            let offset = param("offset")
                .and_then(|o| o.parse().ok())
                .unwrap_or(0usize);
            let limit = param("limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(100usize)
                .clamp(1, 1000);
            get_only(or_500(explorer(state).documents(offset, limit)))
        }
        "/api/stats" => get_only(
            match explorer(state).counts(param("quads").is_some_and(|v| v == "1" || v == "true")) {
                Ok(c) => json(&serde_json::json!({
                    "documents": c.documents, "meetings": c.meetings, "people": c.people, "organisations": c.organisations,
                    "attendance": c.attendance, "memberships": c.memberships, "quads": c.quads,
                    "updates": state.config.update_token.is_some(), "queries_running": state.gate.running(), "timeout_ms": state.config.timeout.as_millis() as u64, "max_results": state.config.max_results,
                })),
                Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            },
        ),
        p => {
            if let Some(kind) = p.strip_prefix("/api/card/") {
                let narrower = param("narrower").is_some_and(|v| v == "1" || v == "true");
                let number = |name: &str| param(name).and_then(|v| v.parse::<usize>().ok());
                let page = crate::query::Page {
                    offset: number("offset").unwrap_or(0),
                    limit: number("limit"),
                };
                return get_only(or_500(explorer(state).card(
                    kind,
                    &param("id").unwrap_or_default(),
                    narrower,
                    page,
                )));
            }
            if let Some(file) = p.strip_prefix("/source/") {
                return get_only(explorer(state).source_page(file));
            }
            text(StatusCode::NOT_FOUND, format!("nothing at {p}"))
        }
    }
}

fn preflight() -> Response<Body> {
    let mut r = respond(
        StatusCode::NO_CONTENT,
        "text/plain; charset=utf-8",
        Body::empty(),
    );
    let h = r.headers_mut();
    // No Access-Control-Allow-Methods: oxhttp 0.3 drops that header from responses (it lists it as a forbidden
    // name), and GET and POST, the only methods served, are CORS-safelisted, so browsers need no such line.
    h.insert(
        ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Accept, Content-Type, Authorization"),
    );
    h.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    r
}

/// Compares two byte strings in time that depends only on their lengths.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn update(state: &State, req: &mut Request<Body>, url_query: &str) -> Response<Body> {
    let Some(token) = &state.config.update_token else {
        return close(req, text(StatusCode::FORBIDDEN, "this endpoint is read-only: SPARQL Update is disabled (start jiyao serve with --allow-update and a token to enable it)"));
    };
    if req.method() != Method::POST {
        return text(StatusCode::METHOD_NOT_ALLOWED, "use POST");
    }
    let given = header(req, AUTHORIZATION)
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim);
    if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
        let mut r = close(
            req,
            text(
                StatusCode::UNAUTHORIZED,
                "SPARQL Update needs the server's token: Authorization: Bearer <token>",
            ),
        );
        r.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"jiyao\""),
        );
        return r;
    }
    let body = match read_body(state, req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let u = match sparql::read_update(url_query, header(req, CONTENT_TYPE), &body) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let response = sparql::update(&state.store, &u, limits(state));
    if response.status().is_success() {
        // Search's list of names is read again from the updated store.
        state.explorer.refresh();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            timestamp(UNIX_EPOCH + Duration::from_secs(1_604_310_000)),
            "2020-11-02T09:40:00Z"
        );
        assert_eq!(
            timestamp(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00Z"
        );
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abcdefghijklmnop", b"abcdefghijklmnop"));
        assert!(!same_secret(b"abcdefghijklmnop", b"abcdefghijklmnoq"));
        assert!(!same_secret(b"abc", b"abcd"));
    }
}
