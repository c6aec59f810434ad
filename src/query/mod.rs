//! Questions to answers: the SPARQL runner, the bundled query library, the petgraph graph and its paths, and the entity views.
//!
//! Only this module and [`crate::store`] know Oxigraph. Queries run over the
//! union of every named graph (each source document, the topic scheme, the
//! ontology and the derived memberships), so a query need not name graphs.
//! Parameters (`--param name=value`) bind the variable `?name` with a
//! `VALUES` clause at the start of each `WHERE` block ([`bind_params`]): a value written as an N-Triples term (`<iri>`, `"text"@zh`,
//! `"2020-11-02"^^<…#date>`) is that term, an integer is an `xsd:integer`,
//! anything else is a plain string literal, unless the query's header tags the
//! parameter (`?topic@zh`, [`library::parameter_tag`]): then a bare value is a
//! literal with that tag, the one the store gives labels, so that the query
//! looks the label up exactly and starts from it.
//!
//! ```
//! use jiyao::{query, rdf::iri::Base, store::GraphStore};
//! let store = GraphStore::in_memory(Base::default()).unwrap();
//! let answer = query::run(&store, "ASK { ?s ?p ?o }", &[], None).unwrap();
//! assert!(matches!(answer, query::Answer::Boolean(false)));
//! let err = query::run(&store, "SELEC * WHERE {}", &[], None).unwrap_err();
//! assert!(err.to_string().starts_with("SPARQL syntax error"), "{err}");
//! ```

pub mod graph;
pub mod library;
pub mod links;
pub mod lookup;
pub mod network;
mod order;
pub mod render;
pub mod views;

use crate::store::GraphStore;
use oxigraph::model::{Literal, Term, Triple, Variable};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution,
    QuerySolutionIter, SparqlEvaluator,
};
use regex::Regex;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Why a query gave no answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The query text is not valid SPARQL; the message gives the position.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    /// A `--param` is malformed.
    #[error("parameter {name}: {message}")]
    Param {
        /// The parameter as given.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// Evaluation failed.
    #[error("query evaluation failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    /// The query ran past its time limit and was stopped.
    #[error("the query ran longer than {0:?} and was stopped")]
    Timeout(Duration),
    /// The store failed.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// The answer to a query, collected.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// A SELECT's variables and rows (unbound cells are `None`).
    Solutions {
        /// The projected variables, in order, without `?`.
        variables: Vec<String>,
        /// The rows.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// An ASK's answer.
    Boolean(bool),
    /// A CONSTRUCT's or DESCRIBE's triples.
    Graph(Vec<Triple>),
}

impl Answer {
    /// Returns the rows as plain strings (IRIs and literal values, empty for unbound), for tests and tables.
    pub fn strings(&self) -> Vec<Vec<String>> {
        match self {
            Answer::Solutions { rows, .. } => rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| t.as_ref().map(term_text).unwrap_or_default())
                        .collect()
                })
                .collect(),
            Answer::Boolean(b) => vec![vec![b.to_string()]],
            Answer::Graph(ts) => ts.iter().map(|t| vec![t.to_string()]).collect(),
        }
    }
}

/// The prefix declarations of the SPARQL written inside jiyao (the views, the graph, the explorer), one per prefix of [`vocab::PREFIXES`](jiyao_core::rdf::vocab::PREFIXES); `queries/*.rq` declare their own.
pub fn prefixes() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        jiyao_core::rdf::vocab::PREFIXES
            .iter()
            .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
            .collect()
    })
}

/// One solution of a SELECT written inside jiyao, read by variable name.
///
/// ```
/// use jiyao::{query, rdf::iri::Base, store::GraphStore};
/// let store = GraphStore::in_memory(Base::default()).unwrap();
/// let rows = query::select(&store, "SELECT ?n ?none WHERE { BIND(7 AS ?n) }", &[]).unwrap();
/// assert_eq!((rows[0].text("n"), rows[0].number::<u32>("n")), ("7".to_owned(), Some(7)));
/// assert_eq!(rows[0].text("none"), "");
/// ```
#[derive(Debug)]
pub struct Row(QuerySolution);

impl Row {
    /// Returns the term bound to `?var`, or `None` when it is unbound.
    ///
    /// A name the query does not project is a mistake in jiyao's own SPARQL;
    /// debug builds stop on it.
    pub fn term(&self, var: &str) -> Option<&Term> {
        debug_assert!(
            self.0.variables().iter().any(|v| v.as_str() == var),
            "?{var} is not a variable of the query"
        );
        self.0.get(var)
    }

    /// Returns `?var` as people read it ([`term_text`]); empty when unbound.
    pub fn text(&self, var: &str) -> String {
        self.term(var).map(term_text).unwrap_or_default()
    }

    /// Returns `?var` parsed as a number, or `None` when it is unbound or not one.
    pub fn number<T: std::str::FromStr>(&self, var: &str) -> Option<T> {
        match self.term(var)? {
            Term::Literal(l) => l.value().parse().ok(),
            _ => None,
        }
    }

    /// Returns every cell as text, in the order of the projection: for tests that compare two queries' rows.
    pub fn values(&self) -> Vec<String> {
        self.0
            .values()
            .iter()
            .map(|t| t.as_ref().map(term_text).unwrap_or_default())
            .collect()
    }
}

/// Runs a SELECT written without prefix declarations (see [`prefixes`]) over the union of all graphs, and returns its solutions, to be read by variable name.
pub fn select(
    store: &GraphStore,
    body: &str,
    params: &[(String, String)],
) -> Result<Vec<Row>, QueryError> {
    let text = bind_params(&format!("{}{body}", prefixes()), params)?;
    let (prepared, order) = prepare(SparqlEvaluator::new(), &text)?;
    match prepared.on_store(store.oxigraph()).execute()? {
        QueryResults::Solutions(solutions) => Solutions::new(solutions, order)?
            .map(|s| Ok(Row(s?)))
            .collect::<Result<_, QueryEvaluationError>>()
            .map_err(QueryError::from),
        _ => Err(QueryError::Syntax("not a SELECT query".to_owned())),
    }
}

/// Parses a query, taking its outermost `ORDER BY` out for jiyao to apply ([`Solutions::new`]); the dataset is the query's own, as written.
///
/// Every SPARQL jiyao evaluates goes through here (the command line, the
/// views, the server's protocol), so every sorted answer is sorted the same way.
pub(crate) fn parse(
    evaluator: SparqlEvaluator,
    text: &str,
) -> Result<(PreparedSparqlQuery, Option<order::Order>), spargebra::SparqlSyntaxError> {
    let query = spargebra::SparqlParser::new().parse_query(text)?;
    let (query, order) = order::split(query);
    Ok((evaluator.for_query(query), order))
}

/// Parses a query with the parameters already bound, over the union of all graphs ([`parse`]).
fn prepare(
    evaluator: SparqlEvaluator,
    text: &str,
) -> Result<(PreparedSparqlQuery, Option<order::Order>), QueryError> {
    let (mut prepared, order) =
        parse(evaluator, text).map_err(|e| QueryError::Syntax(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    Ok((prepared, order))
}

/// A SELECT's solutions in the order the query asks for: as the engine gives them, or, when [`parse`] took the outermost `ORDER BY` out, every row read, sorted, deduplicated and sliced as the query says.
pub(crate) struct Solutions<'a> {
    /// The query's own projected variables.
    variables: Arc<[Variable]>,
    /// Where the rows come from.
    rows: SolutionRows<'a>,
}

/// The two sources of [`Solutions`].
enum SolutionRows<'a> {
    /// Straight from the engine.
    Engine(QuerySolutionIter<'a>),
    /// Read whole and ordered by jiyao.
    Ordered(std::vec::IntoIter<Vec<Option<Term>>>),
}

impl<'a> Solutions<'a> {
    /// Wraps the engine's solutions; with an `order`, reads them all first and applies it.
    pub(crate) fn new(
        solutions: QuerySolutionIter<'a>,
        order: Option<order::Order>,
    ) -> Result<Self, QueryEvaluationError> {
        let Some(order) = order else {
            return Ok(Solutions {
                variables: solutions.variables().into(),
                rows: SolutionRows::Engine(solutions),
            });
        };
        let variables: Arc<[Variable]> = solutions.variables()[..order.width()].into();
        let all: Vec<Variable> = solutions.variables().to_vec();
        let rows = solutions
            .map(|s| {
                let s = s?;
                Ok(all.iter().map(|v| s.get(v).cloned()).collect())
            })
            .collect::<Result<Vec<Vec<Option<Term>>>, QueryEvaluationError>>()?;
        Ok(Solutions {
            variables,
            rows: SolutionRows::Ordered(order.apply(rows).into_iter()),
        })
    }

    /// Returns the projected variables, in order.
    pub(crate) fn variables(&self) -> &[Variable] {
        &self.variables
    }
}

impl Iterator for Solutions<'_> {
    type Item = Result<QuerySolution, QueryEvaluationError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.rows {
            SolutionRows::Engine(solutions) => solutions.next(),
            SolutionRows::Ordered(rows) => rows
                .next()
                .map(|row| Ok(QuerySolution::from((self.variables.clone(), row)))),
        }
    }
}

/// Returns a term as people read it: the value of a literal, the IRI of a named node.
pub fn term_text(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Parses a parameter value into a term (see the module documentation).
pub fn param_term(value: &str) -> Term {
    if value.starts_with('<') || value.starts_with('"') {
        if let Ok(t) = value.parse::<Term>() {
            return t;
        }
    }
    if let Ok(n) = value.parse::<i64>() {
        return Literal::from(n).into();
    }
    Literal::new_simple_literal(value).into()
}

/// Binds parameters by opening every group graph pattern that follows `WHERE` (or `ASK`) with `VALUES ?name { term }`.
///
/// Binding at the start of each `WHERE` block, subqueries included, lets the
/// engine use the value from the first join, and works whether or not the
/// variable is projected. Comment lines are skipped.
pub fn bind_params(text: &str, params: &[(String, String)]) -> Result<String, QueryError> {
    if params.is_empty() {
        return Ok(text.to_owned());
    }
    let mut values = String::new();
    for (name, value) in params {
        let var =
            Variable::new(name.trim_start_matches(['?', '$'])).map_err(|e| QueryError::Param {
                name: name.clone(),
                message: e.to_string(),
            })?;
        let tagged = library::parameter_tag(text, var.as_str())
            .filter(|_| !(value.starts_with('<') || value.starts_with('"')));
        let parsed = match tagged {
            Some(tag) => Literal::new_language_tagged_literal(value.as_str(), tag)
                .map(Term::from)
                .map_err(|e| QueryError::Param {
                    name: name.clone(),
                    message: e.to_string(),
                })?,
            None => param_term(value),
        };
        let term = match parsed {
            Term::BlankNode(_) => {
                return Err(QueryError::Param {
                    name: name.clone(),
                    message: "a blank node cannot be a parameter".to_owned(),
                })
            }
            t => t,
        };
        values.push_str(&format!(" VALUES {var} {{ {term} }}"));
    }
    static WHERE: OnceLock<Regex> = OnceLock::new();
    let re = WHERE.get_or_init(|| Regex::new(r"(?i)\b(WHERE|ASK)\s*\{").unwrap());
    let mut out = String::with_capacity(text.len() + values.len() * 2);
    let mut bound = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            out.push_str(line);
            continue;
        }
        let mut last = 0;
        for m in re.find_iter(line) {
            out.push_str(&line[last..m.end()]);
            out.push_str(&values);
            last = m.end();
            bound = true;
        }
        out.push_str(&line[last..]);
    }
    if !bound {
        return Err(QueryError::Param {
            name: params[0].0.clone(),
            message: "the query has no WHERE block to bind parameters in".to_owned(),
        });
    }
    Ok(out)
}

/// Which part of a long answer to return: rows `offset ..offset + limit`.
///
/// Rows are read from the engine as it produces them: the rows before the
/// offset are dropped as they come, and reading stops after the last row of
/// the page, so a page of a long answer costs what producing its rows costs
/// (an `ORDER BY` still has to see every row before the first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Rows skipped first.
    pub offset: usize,
    /// At most this many rows after them; `None` for all.
    pub limit: Option<usize>,
}

impl Page {
    /// Every row.
    pub const ALL: Page = Page {
        offset: 0,
        limit: None,
    };

    /// Returns true when the row at this index (0-based, before paging) is past the page.
    fn past(&self, index: usize) -> bool {
        self.limit
            .is_some_and(|l| index >= self.offset.saturating_add(l))
    }

    /// Returns the SPARQL solution modifiers that select the page inside a query (empty for every row), for a subquery that chooses a page before the rest of its columns are read.
    pub fn modifiers(&self) -> String {
        match (self.limit, self.offset) {
            (Some(l), o) => format!(" LIMIT {l} OFFSET {o}"),
            (None, 0) => String::new(),
            (None, o) => format!(" OFFSET {o}"),
        }
    }

    /// Returns true when the page may leave rows out.
    pub fn is_partial(&self) -> bool {
        self.limit.is_some() || self.offset > 0
    }
}

/// Parses, binds parameters, and evaluates a query over the union of all graphs; `timeout` stops it after that long.
pub fn run(
    store: &GraphStore,
    text: &str,
    params: &[(String, String)],
    timeout: Option<Duration>,
) -> Result<Answer, QueryError> {
    run_page(store, text, params, timeout, Page::ALL)
}

/// Like [`run`], returning only one [`Page`] of the rows (or triples) and reading no further than its end.
pub fn run_page(
    store: &GraphStore,
    text: &str,
    params: &[(String, String)],
    timeout: Option<Duration>,
    page: Page,
) -> Result<Answer, QueryError> {
    let token = CancellationToken::new();
    let mut evaluator = SparqlEvaluator::new();
    if timeout.is_some() {
        evaluator = evaluator.with_cancellation_token(token.clone());
    }
    let text = bind_params(text, params)?;
    let (prepared, order) = prepare(evaluator, &text)?;
    let _watchdog = timeout.map(|t| Watchdog::start(t, token.clone()));
    let map_err = |e: QueryEvaluationError| match (timeout, &e) {
        (Some(t), QueryEvaluationError::Cancelled) => QueryError::Timeout(t),
        _ => QueryError::Evaluation(e),
    };
    let results = prepared
        .on_store(store.oxigraph())
        .execute()
        .map_err(map_err)?;
    Ok(match results {
        QueryResults::Solutions(solutions) => {
            let solutions = Solutions::new(solutions, order).map_err(map_err)?;
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for (k, s) in solutions.enumerate() {
                if page.past(k) {
                    break;
                }
                let s = s.map_err(map_err)?;
                if k >= page.offset {
                    rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
                }
            }
            Answer::Solutions {
                variables: variables.iter().map(|v| v.as_str().to_owned()).collect(),
                rows,
            }
        }
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for (k, t) in triples.enumerate() {
                if page.past(k) {
                    break;
                }
                let t = t.map_err(map_err)?;
                if k >= page.offset {
                    out.push(t);
                }
            }
            Answer::Graph(out)
        }
    })
}

/// Evaluates a query like [`run`], reading every answer, and returns Oxigraph's plan as JSON, with the rows and time each step took.
///
/// This is how to see why a query is slow: the plan shows the join order the
/// optimiser chose and, per operator, how many solutions it produced. It is the
/// plan of the query as jiyao evaluates it: an outermost `ORDER BY` is not in
/// it, since jiyao sorts the rows itself ([`order`]).
pub fn explain(
    store: &GraphStore,
    text: &str,
    params: &[(String, String)],
) -> Result<String, QueryError> {
    let text = bind_params(text, params)?;
    let (prepared, _order) = prepare(SparqlEvaluator::new(), &text)?;
    let (results, explanation) = prepared
        .on_store(store.oxigraph())
        .compute_statistics()
        .explain();
    match results? {
        QueryResults::Solutions(solutions) => {
            for s in solutions {
                s?;
            }
        }
        QueryResults::Boolean(_) => {}
        QueryResults::Graph(triples) => {
            for t in triples {
                t?;
            }
        }
    }
    let mut json = Vec::new();
    explanation
        .write_in_json(&mut json)
        .map_err(|e| QueryError::Evaluation(QueryEvaluationError::Unexpected(e.into())))?;
    Ok(String::from_utf8_lossy(&json).into_owned())
}

/// Cancels a query (or an update) when its time is up, unless dropped first: the one time limit of the CLI and the server.
pub struct Watchdog {
    done: std::sync::mpsc::Sender<()>,
}

impl Watchdog {
    /// Starts a thread that cancels `token` after `limit`, unless the watchdog is dropped first.
    pub fn start(limit: Duration, token: CancellationToken) -> Self {
        let (done, rx) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            if rx.recv_timeout(limit) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                token.cancel();
            }
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let _ = self.done.send(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::iri::Base;

    fn rows(body: &str) -> Vec<Row> {
        let store = GraphStore::in_memory(Base::default()).unwrap();
        select(&store, body, &[]).unwrap()
    }

    #[test]
    fn rows_are_read_by_name_whatever_the_projection_order() {
        let body = "WHERE { BIND(\"甲\"@zh AS ?name) BIND(70 AS ?line) BIND(<https://example.org/p> AS ?p) }";
        for r in [
            rows(&format!("SELECT ?name ?line ?p {body}")),
            rows(&format!("SELECT ?p ?line ?name {body}")),
        ] {
            assert_eq!(
                (
                    r[0].text("name"),
                    r[0].number::<u32>("line"),
                    r[0].text("p")
                ),
                (
                    "甲".to_owned(),
                    Some(70),
                    "https://example.org/p".to_owned()
                )
            );
            assert_eq!(r[0].number::<u32>("name"), None);
        }
        assert_eq!(
            rows(&format!("SELECT ?p ?line ?name {body}"))[0].values(),
            ["https://example.org/p", "70", "甲"]
        );
    }

    #[test]
    fn prefixes_declare_every_vocabulary_prefix() {
        let r = rows("SELECT ?t WHERE { BIND(jy:Meeting AS ?t) }");
        assert_eq!(r[0].text("t"), "https://w3id.org/jiyao/ontology#Meeting");
        for (p, ns) in jiyao_core::rdf::vocab::PREFIXES {
            assert!(prefixes().contains(&format!("PREFIX {p}: <{ns}>\n")), "{p}");
        }
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "?nmae is not a variable of the query")]
    fn a_misspelt_variable_stops_debug_builds() {
        rows("SELECT ?name WHERE { BIND(1 AS ?name) }")[0].text("nmae");
    }
}
