//! Cards about one entity — a person, a meeting, an organisation, a topic — built from SPARQL over the store.
//!
//! A [`Card`] is a title, a few fields and a few tables (sections); the
//! command line prints it for people, as JSON for scripts, or its first table
//! as CSV. A card starts from its parameter: the name is resolved to one
//! IRI by exact index lookups ([`Reader::find`]) and every query of the card is
//! bound to that IRI. A name that matches nothing gives the nearest known names; a name
//! shared by several entities lists them ([`ViewError`]).

use super::graph::Kind;
use super::lookup::{self, Found, PersonCandidate, Reader};
use super::{Page, QueryError, Row};
use crate::store::GraphStore;
use oxigraph::model::{NamedNode, Term};
use serde::Serialize;
use std::fmt;

/// One cell of a card's table: a number where the graph holds an integer (a meeting's ordinal, a line, a count), else text.
///
/// Serialised as a JSON number or string, so that scripts reading a card get
/// `"line": 70`, not `"70"`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// An integer.
    Number(i64),
    /// Anything else, as people read it.
    Text(String),
}

impl Cell {
    /// Returns the cell of `?var` in a solution: a number for an `xsd:integer`, else its text (empty when unbound).
    fn of(row: &Row, var: &str) -> Cell {
        match row.term(var) {
            Some(Term::Literal(l)) if l.datatype() == oxigraph::model::vocab::xsd::INTEGER => l
                .value()
                .parse()
                .map_or_else(|_| Cell::Text(l.value().to_owned()), Cell::Number),
            _ => Cell::Text(row.text(var)),
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Number(n) => write!(f, "{n}"),
            Cell::Text(t) => f.write_str(t),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A table of a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// What the table shows.
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
    /// How many rows the whole table has, when the card shows one page of it ([`Page`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    /// How many rows of the whole table come before the first shown, when the card shows one page of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
}

impl Section {
    /// Returns the rows with every cell as text, for tables and CSV.
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| r.iter().map(Cell::to_string).collect())
            .collect()
    }
}

/// What jiyao knows about one entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The entity's label.
    pub title: String,
    /// The entity's IRI.
    pub iri: String,
    /// Named facts.
    pub fields: Vec<(String, String)>,
    /// Tables.
    pub sections: Vec<Section>,
}

/// Why a card could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// Nothing has that name; the nearest names follow.
    #[error("{}", lookup::not_found(.name, .nearest))]
    NotFound {
        /// The name asked for.
        name: String,
        /// The nearest known names.
        nearest: Vec<String>,
    },
    /// Several entities have that name.
    #[error("{}", lookup::ambiguous(.name, .candidates))]
    Ambiguous {
        /// The name asked for.
        name: String,
        /// The candidates, one line each, with their IRIs (a person's with its government, organisations and dates).
        candidates: Vec<String>,
    },
    /// A query failed.
    #[error(transparent)]
    Query(#[from] QueryError),
}

fn select(store: &GraphStore, body: &str, bind: &[(&str, Term)]) -> Result<Vec<Row>, QueryError> {
    let params: Vec<(String, String)> = bind
        .iter()
        .map(|(n, t)| ((*n).to_owned(), t.to_string()))
        .collect();
    super::select(store, body, &params)
}

/// A section whose columns are `(heading, variable)`: each row's cells are its solution's variables, read by name.
fn section(name: &str, columns: &[(&str, &str)], rows: &[Row]) -> Section {
    Section {
        name: name.to_owned(),
        columns: columns.iter().map(|(c, _)| (*c).to_owned()).collect(),
        rows: rows
            .iter()
            .map(|r| columns.iter().map(|(_, v)| Cell::of(r, v)).collect())
            .collect(),
        total: None,
        offset: None,
    }
}

/// The `(heading, variable)` pairs of columns whose heading is the variable's name.
fn named<'a>(vars: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    vars.iter().map(|v| (*v, *v)).collect()
}

/// Resolves a name to one entity of a kind by exact index lookups ([`Reader::find`]); the nearest names when nothing matches.
fn pick(store: &GraphStore, name: &str, kind: Kind) -> Result<(String, String), ViewError> {
    let lk = Reader::new(store, usize::MAX);
    match lk.find(name, &[kind])? {
        Found::One(iri, kind) => {
            let label = lk.describe(&iri, kind)?.label;
            Ok((iri, label))
        }
        Found::Ambiguous(candidates) => Err(ViewError::Ambiguous {
            name: name.to_owned(),
            candidates: lk.candidate_lines(&candidates)?,
        }),
        Found::NotFound(nearest) => Err(ViewError::NotFound {
            name: name.to_owned(),
            nearest,
        }),
    }
}

fn iri_term(iri: &str) -> Term {
    NamedNode::new_unchecked(iri).into()
}

/// The number of a topic's links above which its card counts the documents by a hash join with every mention rather than by a lookup per record (see [`topic`]).
const HASH_JOIN_LINKS: usize = 2_000;

/// Runs a query of one count, `?n`, and returns it (0 when it gives no row).
fn count(store: &GraphStore, body: &str) -> Result<usize, QueryError> {
    Ok(select(store, body, &[])?
        .first()
        .and_then(|r| r.number::<usize>("n"))
        .unwrap_or(0))
}

/// A month of a topic card's links: the topic-month summary nodes of the card's topics in that month (as SPARQL terms) and how many links they count.
struct LinkMonth {
    nodes: Vec<String>,
    links: usize,
}

/// Reads, from the summary graph, the months of the topics' dated links, in order.
fn link_months(store: &GraphStore, subs: &str) -> Result<Vec<LinkMonth>, QueryError> {
    let rows = select(
        store,
        &format!(
            "SELECT ?s ?month ?links WHERE {{ VALUES ?sub {{ {subs} }}
            ?s jy:about ?sub ; a jy:TopicMonthSummary ; jy:month ?month ; jy:linkCount ?links }}"
        ),
        &[],
    )?;
    // `YYYY-MM` sorts as the months do.
    let mut months = std::collections::BTreeMap::<String, LinkMonth>::new();
    for r in &rows {
        let (Some(node), Some(links)) = (r.term("s"), r.number::<usize>("links")) else {
            continue;
        };
        let month = months.entry(r.text("month")).or_insert(LinkMonth {
            nodes: Vec::new(),
            links: 0,
        });
        month.nodes.push(node.to_string());
        month.links += links;
    }
    Ok(months.into_values().collect())
}

/// Chooses the months a timeline page falls in: their nodes and how many links the months before them hold, or `None` when the page is not inside the dated links (or is every row).
///
/// Dated links sort by date, so the links of one month all come before the
/// next month's; undated links sort after every dated one.
fn timeline_window(months: &[LinkMonth], page: Page) -> Option<(String, usize)> {
    let end = page.offset.checked_add(page.limit?)?;
    let (mut before, mut seen) = (0, 0);
    let mut nodes = Vec::new();
    for m in months {
        if seen + m.links <= page.offset {
            before += m.links;
        } else {
            nodes.extend(m.nodes.iter().cloned());
        }
        seen += m.links;
        if seen >= end {
            return Some((nodes.join(" "), before));
        }
    }
    None
}

/// The agenda items (`?i`) of the links of some topic-month nodes (SPARQL terms, space-separated).
fn month_items(nodes: &str) -> String {
    format!("VALUES ?tm {{ {nodes} }} ?l jy:topicMonth ?tm ; jy:agendaItem ?i .")
}

/// The document mentions (`?x`, with `?m` and `?item`) of agenda items `?i`: the same pattern counts a documents window and reads its page.
const ITEM_MENTIONS: &str =
    "?i jy:ordinal ?item . ?x jy:agendaItem ?i ; a jy:DocumentMention ; jy:meeting ?m .";

/// Chooses the first months whose agenda items' document mentions hold a documents page: the pattern of their items ([`month_items`]), or `None` when the page is deep, reaches past the dated months or is every row.
///
/// The summary counts links, not mentions. A topic's agenda items have about
/// one mention a link (36,067 for the 37,490 links of 安全生产 at 100,000
/// meetings), so the first months holding a quarter more links than the page
/// needs are counted, then twice as many while they stay within half the
/// links; a page deeper than that reads every item on the topic, as counting
/// would cost about as much.
fn documents_window(
    store: &GraphStore,
    months: &[LinkMonth],
    page: Page,
) -> Result<Option<String>, QueryError> {
    let Some(end) = page.limit.and_then(|l| page.offset.checked_add(l)) else {
        return Ok(None);
    };
    let half = months.iter().map(|m| m.links).sum::<usize>() / 2;
    let mut want = end.saturating_add(end / 4);
    while want <= half {
        let (mut links, mut nodes) = (0, Vec::new());
        for m in months {
            if links >= want {
                break;
            }
            links += m.links;
            nodes.extend(m.nodes.iter().cloned());
        }
        let items = month_items(&nodes.join(" "));
        let n = count(
            store,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?x WHERE {{ {items} {ITEM_MENTIONS} }} }}"
            ),
        )?;
        if n >= end {
            return Ok(Some(items));
        }
        want = want.saturating_mul(2);
    }
    Ok(None)
}

/// The variables of a person's attendance records, in the order the person card shows them.
const ATTENDANCE: [&str; 6] = ["date", "meeting", "role", "org", "doc", "line"];

/// The people a name stands for, as a card: one row per person with the evidence that tells them apart, and every record with the person it is.
///
/// Drawn by [`person`] when a name stands for several people, instead of
/// picking one; each can be chosen by IRI or as `NAME@GOVERNMENT`.
fn namesakes(
    store: &GraphStore,
    name: &str,
    people: &[PersonCandidate],
) -> Result<Card, ViewError> {
    let rows = people
        .iter()
        .map(|c| {
            vec![
                c.iri.clone().into(),
                c.government.clone().into(),
                c.orgs.join("、").into(),
                c.first.clone().into(),
                c.last.clone().into(),
                c.records.into(),
            ]
        })
        .collect();
    let mut records = Vec::new();
    for c in people {
        let p = [("p", iri_term(&c.iri))];
        for r in select(store, "SELECT DISTINCT ?date ?meeting ?role ?org ?doc ?line WHERE {
            ?a a jy:Attendance ; jy:person ?p ; jy:meeting ?m ; jy:role ?r ; jy:line ?line ; prov:hadPrimarySource ?s .
            ?s dcterms:identifier ?doc . ?m jy:ordinal ?meeting . OPTIONAL { ?m schema:startDate ?date }
            OPTIONAL { ?r rdfs:label ?role FILTER(lang(?role) = \"zh\") }
            OPTIONAL { ?a jy:organization ?o OPTIONAL { ?o skos:prefLabel ?org } } } ORDER BY ?date ?meeting ?line", &p)?
        {
            let mut cells: Vec<Cell> = ATTENDANCE.iter().map(|v| Cell::of(&r, v)).collect();
            cells.push(c.iri.clone().into());
            records.push(cells);
        }
    }
    records.sort();
    Ok(Card {
        title: name.to_owned(),
        iri: String::new(),
        fields: vec![
            ("people".to_owned(), people.len().to_string()),
            (
                "choose one".to_owned(),
                "by IRI, or as NAME@GOVERNMENT or NAME@ORGANISATION (of a split name)".to_owned(),
            ),
        ],
        sections: vec![
            Section {
                name: "people".to_owned(),
                columns: ["person", "government", "orgs", "first", "last", "records"]
                    .map(str::to_owned)
                    .to_vec(),
                rows,
                total: None,
                offset: None,
            },
            Section {
                name: "attendance".to_owned(),
                columns: ATTENDANCE
                    .iter()
                    .chain(&["person"])
                    .map(|c| (*c).to_owned())
                    .collect(),
                rows: records,
                total: None,
                offset: None,
            },
        ],
    })
}

/// A person: every attendance record, the organisations they attended for, and who they met most.
///
/// A name that stands for several people draws the card of its namesakes
/// instead (each person with government, organisations, dates and records,
/// and which person each record is); a person chosen by IRI or as
/// `NAME@GOVERNMENT` lists the other people of the same name.
pub fn person(store: &GraphStore, name: &str) -> Result<Card, ViewError> {
    let lk = Reader::new(store, usize::MAX);
    let (iri, label) = match lk.find(name, &[Kind::Person])? {
        Found::Ambiguous(candidates) => {
            let people = candidates
                .iter()
                .map(|(iri, _)| lk.person_candidate(iri))
                .collect::<Result<Vec<_>, _>>()?;
            return namesakes(store, name, &people);
        }
        _ => pick(store, name, Kind::Person)?,
    };
    let others: Vec<String> = match lk.find(&label, &[Kind::Person])? {
        Found::Ambiguous(all) => all
            .iter()
            .filter(|(i, _)| *i != iri)
            .map(|(i, _)| lk.person_candidate(i).map(|c| c.line()))
            .collect::<Result<_, _>>()?,
        _ => Vec::new(),
    };
    let p = [("p", iri_term(&iri))];
    // The role's label is an OPTIONAL read after the record (every role has one): as a plain
    // pattern, Oxigraph's planner starts from every label of the store and runs the person's
    // records once per label (100k store: 28,008 rows read for 389 records).
    let attendance = select(store, "SELECT DISTINCT ?date ?meeting ?role ?org ?doc ?line WHERE {
        ?a a jy:Attendance ; jy:person ?p ; jy:meeting ?m ; jy:role ?r ; jy:line ?line ; prov:hadPrimarySource ?s .
        ?s dcterms:identifier ?doc . ?m jy:ordinal ?meeting . OPTIONAL { ?m schema:startDate ?date }
        OPTIONAL { ?r rdfs:label ?role FILTER(lang(?role) = \"zh\") }
        OPTIONAL { ?a jy:organization ?o OPTIONAL { ?o skos:prefLabel ?org } } } ORDER BY ?date ?meeting ?line", &p)?;
    let orgs = select(store, "SELECT ?org (MIN(?date) AS ?first) (MAX(?date) AS ?last) (COUNT(DISTINCT ?m) AS ?meetings) WHERE {
        ?a a jy:Attendance ; jy:person ?p ; jy:organization ?o ; jy:meeting ?m . ?o skos:prefLabel ?org .
        OPTIONAL { ?m schema:startDate ?date } } GROUP BY ?org ORDER BY ?first ?org", &p)?;
    // Who they met most, by the meetings' schema:attendee edges (written at ingest for every
    // record with a person and a role other than absent), not by every co-attendee's records:
    // counted per person (namesakes stay apart), and only the ten people kept have their names read.
    let co = select(
        store,
        "SELECT ?name ?meetings WHERE {
        { SELECT ?q (COUNT(DISTINCT ?m) AS ?meetings) WHERE { ?m schema:attendee ?p . ?m schema:attendee ?q . FILTER(?q != ?p) }
          GROUP BY ?q ORDER BY DESC(?meetings) ?q LIMIT 10 }
        ?q foaf:name ?name } ORDER BY DESC(?meetings) ?name",
        &p,
    )?;
    let mut fields = vec![(
        "meetings".to_owned(),
        distinct_count(&attendance, "meeting").to_string(),
    )];
    if !others.is_empty() {
        fields.push(("same name".to_owned(), others.join("; ")));
    }
    Ok(Card {
        title: label,
        iri,
        fields,
        sections: vec![
            section("attendance", &named(&ATTENDANCE), &attendance),
            section(
                "organisations",
                &named(&["org", "first", "last", "meetings"]),
                &orgs,
            ),
            section("co-attendees", &named(&["name", "meetings"]), &co),
        ],
    })
}

fn distinct_count(rows: &[Row], var: &str) -> usize {
    let mut v: Vec<String> = rows.iter().map(|r| r.text(var)).collect();
    v.sort();
    v.dedup();
    v.len()
}

/// A meeting, by ordinal (115), date (2020-11-02) or document number (〔2020〕36号).
pub fn meeting(store: &GraphStore, key: &str) -> Result<Card, ViewError> {
    let (iri, _) = pick(store, key, Kind::Meeting)?;
    let m = [("m", iri_term(&iri))];
    let head = select(store, "SELECT ?n ?date ?half ?number ?chairTitle ?issued ?doc ?line WHERE {
        ?m jy:ordinal ?n . OPTIONAL { ?m schema:startDate ?date } OPTIONAL { ?m jy:halfDay ?half }
        OPTIONAL { ?m dcterms:identifier ?number } OPTIONAL { ?m jy:chairTitle ?chairTitle } OPTIONAL { ?m dcterms:issued ?issued }
        OPTIONAL { ?m prov:hadPrimarySource ?s OPTIONAL { ?s dcterms:identifier ?doc } } OPTIONAL { ?m jy:line ?line } } LIMIT 1", &m)?;
    let chair = select(store, "SELECT DISTINCT ?name WHERE { ?a a jy:Attendance ; jy:meeting ?m ; jy:role jy:chair ; jy:person ?p . ?p foaf:name ?name }", &m)?;
    let items = select(store, "SELECT ?item ?heading (GROUP_CONCAT(DISTINCT ?topic; separator=\"、\") AS ?topics) WHERE {
        ?m schema:subEvent ?i . ?i jy:ordinal ?item ; dcterms:title ?heading .
        OPTIONAL { ?i dcterms:subject ?t . ?t skos:prefLabel ?topic FILTER(lang(?topic) = \"zh\") } } GROUP BY ?item ?heading ORDER BY ?item", &m)?;
    let documents = select(store, "SELECT DISTINCT ?item ?title ?decision ?lead ?next WHERE {
        ?x a jy:DocumentMention ; jy:meeting ?m ; jy:document ?d . ?d dcterms:title ?title .
        OPTIONAL { ?x jy:agendaItem ?i . ?i jy:ordinal ?item } OPTIONAL { ?x jy:decision ?decision }
        OPTIONAL { ?x jy:leadOrganization ?o OPTIONAL { ?o skos:prefLabel ?lead } } OPTIONAL { ?x jy:nextStep ?next } } ORDER BY ?item ?title", &m)?;
    // Attendance by role, each list in document order.
    let records = select(store, "SELECT DISTINCT ?a ?order ?role ?who ?line ?col WHERE {
        ?a a jy:Attendance ; jy:meeting ?m ; jy:role ?r ; jy:line ?line ; jy:column ?col . OPTIONAL { ?r rdfs:label ?role FILTER(lang(?role) = \"zh\") }
        VALUES (?r ?order) { (jy:chair 1) (jy:present 2) (jy:attending 3) (jy:representative 4) (jy:absent 5) (jy:recorder 6) }
        OPTIONAL { ?a jy:person ?p OPTIONAL { ?p foaf:name ?name } } OPTIONAL { ?a jy:organization ?o OPTIONAL { ?o skos:prefLabel ?org } }
        BIND(COALESCE(?name, STR(?org)) AS ?who) }", &m)?;
    let mut sorted: Vec<(u32, u32, u32, String, String)> = records
        .into_iter()
        .map(|r| {
            (
                r.number("order").unwrap_or(9),
                r.number("line").unwrap_or(0),
                r.number("col").unwrap_or(0),
                r.text("role"),
                r.text("who"),
            )
        })
        .collect();
    sorted.sort();
    // (role, count, who) per role.
    let mut by_role: Vec<(String, usize, String)> = Vec::new();
    for (_, _, _, role, who) in sorted {
        match by_role.last_mut() {
            Some((r, n, all)) if *r == role => {
                all.push('、');
                all.push_str(&who);
                *n += 1;
            }
            _ => by_role.push((role, 1, who)),
        }
    }
    let attendance = by_role
        .into_iter()
        .map(|(role, n, who)| vec![role.into(), n.into(), who.into()])
        .collect();
    let h = |var: &str| head.first().map(|r| r.text(var)).unwrap_or_default();
    let title = format!("第{}次常务会议", h("n"));
    let mut fields = vec![
        ("date".to_owned(), format!("{}{}", h("date"), h("half"))),
        ("number".to_owned(), h("number")),
        (
            "chair".to_owned(),
            format!(
                "{}{}",
                chair.first().map(|c| c.text("name")).unwrap_or_default(),
                h("chairTitle")
            ),
        ),
        ("issued".to_owned(), h("issued")),
        ("source".to_owned(), format!("{}:{}", h("doc"), h("line"))),
    ];
    fields.retain(|(_, v)| !v.is_empty() && v != ":");
    Ok(Card {
        title,
        iri,
        fields,
        sections: vec![
            section("agenda", &named(&["item", "heading", "topics"]), &items),
            section(
                "documents",
                &[
                    ("item", "item"),
                    ("title", "title"),
                    ("decision", "decision"),
                    ("lead", "lead"),
                    ("next step", "next"),
                ],
                &documents,
            ),
            Section {
                name: "attendance".to_owned(),
                columns: ["role", "count", "who"].map(str::to_owned).to_vec(),
                rows: attendance,
                total: None,
                offset: None,
            },
        ],
    })
}

/// An organisation, by full name or short form: who represented it when, and the documents it led.
pub fn organisation(store: &GraphStore, name: &str) -> Result<Card, ViewError> {
    let (iri, _) = pick(store, name, Kind::Org)?;
    let o = [("o", iri_term(&iri))];
    let labels = select(store, "SELECT DISTINCT ?pref ?kind WHERE { ?o skos:prefLabel ?pref . OPTIONAL { ?o jy:orgKind ?kind } } LIMIT 1", &o)?;
    let aliases = select(
        store,
        "SELECT DISTINCT ?alt WHERE { ?o skos:altLabel ?alt } ORDER BY ?alt",
        &o,
    )?;
    let reps = select(store, "SELECT DISTINCT ?date ?meeting ?person ?role ?doc ?line WHERE {
        ?a a jy:Attendance ; jy:organization ?o ; jy:meeting ?m ; jy:role ?r ; jy:line ?line ; prov:hadPrimarySource ?s .
        ?s dcterms:identifier ?doc . ?m jy:ordinal ?meeting . OPTIONAL { ?m schema:startDate ?date }
        OPTIONAL { ?a jy:person ?p OPTIONAL { ?p foaf:name ?person } } OPTIONAL { ?r rdfs:label ?role FILTER(lang(?role) = \"zh\") } } ORDER BY ?date ?meeting ?line", &o)?;
    let led = select(store, "SELECT DISTINCT ?date ?meeting ?title ?next WHERE {
        ?x a jy:DocumentMention ; jy:leadOrganization ?o ; jy:document ?d ; jy:meeting ?m . ?d dcterms:title ?title .
        ?m jy:ordinal ?meeting . OPTIONAL { ?m schema:startDate ?date } OPTIONAL { ?x jy:nextStep ?next } } ORDER BY ?date ?title", &o)?;
    let (title, kind) = labels.first().map_or_else(
        || (iri.clone(), String::new()),
        |l| (l.text("pref"), l.text("kind")),
    );
    Ok(Card {
        title,
        iri,
        fields: vec![
            ("kind".to_owned(), kind),
            (
                "also written".to_owned(),
                aliases
                    .iter()
                    .map(|a| a.text("alt"))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        ],
        sections: vec![
            section(
                "representatives",
                &named(&["date", "meeting", "person", "role", "doc", "line"]),
                &reps,
            ),
            section(
                "documents led",
                &[
                    ("date", "date"),
                    ("meeting", "meeting"),
                    ("title", "title"),
                    ("next step", "next"),
                ],
                &led,
            ),
        ],
    })
}

/// A topic's timeline across meetings and years, with the evidence sentence of each entry; `narrower` folds in narrower topics.
///
/// The card holds the topic's timeline and its documents, each cut to `page`
/// (the totals say how many rows the whole tables have), then its agenda items
/// per year and topic (from the summary graph, whole). The timeline's page is chosen on what
/// orders it (date, meeting, item; then topic and link, so that pages do not
/// overlap) before the evidence, line and source of only that page's entries
/// are read: the first page of a topic linked tens of thousands of times does
/// not read every evidence sentence.
pub fn topic(
    store: &GraphStore,
    label: &str,
    narrower: bool,
    page: Page,
) -> Result<Card, ViewError> {
    topic_with_totals(store, label, narrower, page, Totals::Count).map(|(card, _)| card)
}

/// The totals of a topic card's paged tables: the topic's links and the documents of its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicTotals {
    /// Rows of the whole timeline.
    pub links: usize,
    /// Rows of the whole documents table.
    pub documents: usize,
}

/// Where a partial topic card takes its totals from.
///
/// The totals depend on the store alone. The timeline's is one index range;
/// the documents' reads every item on the topic (about a second for 安全生产
/// at 100,000 meetings), so a caller that pages through one card, or that can
/// show the page before the count, need not wait for it on every page.
pub enum Totals<'a> {
    /// Count both (one answer, whole: the CLI).
    Count,
    /// Take both from the caller, given the topic's IRI, when it kept them;
    /// otherwise count the timeline's and leave the documents' out of the card,
    /// for [`topic_totals`] to count apart (the explorer).
    Kept(&'a dyn Fn(&str) -> Option<TopicTotals>),
}

/// Draws a topic's card as [`topic`] does, with the totals of a partial page as `totals` says; returns both totals when the card shows both.
pub fn topic_with_totals(
    store: &GraphStore,
    label: &str,
    narrower: bool,
    page: Page,
    totals: Totals<'_>,
) -> Result<(Card, Option<TopicTotals>), ViewError> {
    let (iri, _) = pick(store, label, Kind::Topic)?;
    let t = [("t", iri_term(&iri))];
    let head = select(store, "SELECT ?pref ?en (GROUP_CONCAT(DISTINCT ?b; separator=\"、\") AS ?broader) (GROUP_CONCAT(DISTINCT ?n; separator=\"、\") AS ?narrow) WHERE {
        ?t skos:prefLabel ?pref FILTER(lang(?pref) = \"zh\") OPTIONAL { ?t skos:prefLabel ?en FILTER(lang(?en) = \"en\") }
        OPTIONAL { ?t skos:broader ?bt . ?bt skos:prefLabel ?b FILTER(lang(?b) = \"zh\") }
        OPTIONAL { ?nt skos:broader ?t . ?nt skos:prefLabel ?n FILTER(lang(?n) = \"zh\") } } GROUP BY ?pref ?en", &t)?;
    let subs = topic_subs(store, &iri, narrower)?;
    let years = select(
        store,
        &format!(
            "SELECT ?year ?topic ?items WHERE {{
        VALUES ?sub {{ {subs} }}
        ?s jy:about ?sub ; a jy:TopicYearSummary ; jy:year ?year ; jy:itemCount ?items .
        ?sub skos:prefLabel ?topic FILTER(lang(?topic) = \"zh\") }} ORDER BY ?year ?topic"
        ),
        &[],
    )?;
    let spans = link_months(store, &subs)?;
    // The timeline's page: from the links of the months it falls in (each link names its
    // topic-month node, and the summary says how many links each month has), or, when it
    // reaches the undated links, which sort last, from all of the topic's links.
    let (links, timeline_page) = match timeline_window(&spans, page) {
        Some((nodes, skipped)) => (
            format!(
                "VALUES ?tm {{ {nodes} }} ?x jy:topicMonth ?tm ; jy:topic ?sub ; jy:meeting ?m ."
            ),
            Page {
                offset: page.offset - skipped,
                limit: page.limit,
            },
        ),
        None => (
            format!("VALUES ?sub {{ {subs} }} ?x jy:topic ?sub ; jy:meeting ?m ."),
            page,
        ),
    };
    // Only topic links carry jy:topic, so the page is chosen without reading their types.
    let timeline = select(
        store,
        &format!(
            "SELECT ?date ?meeting ?item ?topic ?evidence ?doc ?line WHERE {{
        {{ SELECT ?x ?sub ?m ?date ?meeting ?item WHERE {{
            {links} OPTIONAL {{ ?m jy:ordinal ?meeting }} OPTIONAL {{ ?m schema:startDate ?date }}
            OPTIONAL {{ ?x jy:agendaItem ?i OPTIONAL {{ ?i jy:ordinal ?item }} }}
          }} ORDER BY (!BOUND(?date)) ?date ?meeting ?item ?sub ?x{} }}
        ?x jy:evidence ?evidence ; jy:line ?line ; prov:hadPrimarySource ?s .
        ?s dcterms:identifier ?doc . ?sub skos:prefLabel ?topic FILTER(lang(?topic) = \"zh\") }}
        ORDER BY (!BOUND(?date)) ?date ?meeting ?item ?topic",
            timeline_page.modifiers()
        ),
        &[],
    )?;
    // The documents' page likewise: chosen on date, item and mention, then titles, leads
    // and next steps read for it; from the items of the first months' links when those
    // hold the page (see `documents_window`), else from every item on the topic.
    let items = documents_window(store, &spans, page)?
        .unwrap_or_else(|| format!("VALUES ?sub {{ {subs} }} ?i dcterms:subject ?sub ."));
    let documents = select(store, &format!("SELECT DISTINCT ?date ?meeting ?item ?title ?lead ?next WHERE {{
        {{ SELECT DISTINCT ?x ?m ?date ?item WHERE {{
            {items} {ITEM_MENTIONS}
            OPTIONAL {{ ?m schema:startDate ?date }}
          }} ORDER BY (!BOUND(?date)) ?date ?item ?x{} }}
        ?x jy:document ?d . ?d dcterms:title ?title . OPTIONAL {{ ?m jy:ordinal ?meeting }}
        OPTIONAL {{ ?x jy:leadOrganization ?o OPTIONAL {{ ?o skos:prefLabel ?lead }} }} OPTIONAL {{ ?x jy:nextStep ?next }} }} ORDER BY (!BOUND(?date)) ?date ?item ?title", page.modifiers()), &[])?;
    // The totals, when a page may leave rows out: the links' now, the documents' as `totals` says.
    let (links_total, totals) = if !page.is_partial() {
        (None, None)
    } else {
        match totals {
            Totals::Count => {
                let t = count_totals(store, &subs)?;
                (Some(t.links), Some(t))
            }
            Totals::Kept(known) => match known(&iri) {
                Some(t) => (Some(t.links), Some(t)),
                None => (Some(link_total(store, &subs)?), None),
            },
        }
    };
    let paged = |mut s: Section, total: Option<usize>| {
        if let Some(total) = total {
            s.total = Some(total);
            s.offset = Some(page.offset);
        }
        s
    };
    let h = |var: &str| head.first().map(|r| r.text(var)).unwrap_or_default();
    let mut fields = vec![
        ("english".to_owned(), h("en")),
        ("broader".to_owned(), h("broader")),
        ("narrower".to_owned(), h("narrow")),
    ];
    fields.retain(|(_, v)| !v.is_empty());
    let card = Card {
        title: h("pref"),
        iri,
        fields,
        sections: vec![
            paged(
                section(
                    "timeline",
                    &named(&[
                        "date", "meeting", "item", "topic", "evidence", "doc", "line",
                    ]),
                    &timeline,
                ),
                links_total,
            ),
            paged(
                section(
                    "documents",
                    &[
                        ("date", "date"),
                        ("meeting", "meeting"),
                        ("item", "item"),
                        ("title", "title"),
                        ("lead", "lead"),
                        ("next step", "next"),
                    ],
                    &documents,
                ),
                totals.map(|t| t.documents),
            ),
            section("years", &named(&["year", "topic", "items"]), &years),
        ],
    };
    Ok((card, totals))
}

/// Returns a topic card's totals, as a partial page of [`topic_with_totals`] shows them, with the topic's IRI; `label` names the topic as it does.
///
/// They come from `known` (given the IRI) when it has them, else are counted:
/// this is the documents' count that [`Totals::Kept`] leaves out of a card.
pub fn topic_totals(
    store: &GraphStore,
    label: &str,
    narrower: bool,
    known: &dyn Fn(&str) -> Option<TopicTotals>,
) -> Result<(String, TopicTotals), ViewError> {
    let (iri, _) = pick(store, label, Kind::Topic)?;
    let totals = match known(&iri) {
        Some(t) => t,
        None => count_totals(store, &topic_subs(store, &iri, narrower)?)?,
    };
    Ok((iri, totals))
}

/// The topics a card covers, as IRIs for a `VALUES` block: the topic, and with `narrower` every topic under it.
///
/// They are looked up first and written into the queries as `VALUES`: a
/// property path in the query would make Oxigraph's planner expect millions
/// of rows and join every OPTIONAL column by a scan.
fn topic_subs(store: &GraphStore, iri: &str, narrower: bool) -> Result<String, ViewError> {
    Ok(if narrower {
        select(
            store,
            "SELECT DISTINCT ?sub WHERE { ?sub skos:broader* ?t }",
            &[("t", iri_term(iri))],
        )?
        .iter()
        .filter_map(|r| r.term("sub").map(ToString::to_string))
        .collect::<Vec<_>>()
        .join(" ")
    } else {
        iri_term(iri).to_string()
    })
}

/// Counts the links of the topics in `subs`: one index range each.
fn link_total(store: &GraphStore, subs: &str) -> Result<usize, ViewError> {
    Ok(count(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?sub {{ {subs} }} ?x jy:topic ?sub }}"),
    )?)
}

/// Counts both totals of the topics in `subs`: their links, and the document mentions of the items they are linked to.
fn count_totals(store: &GraphStore, subs: &str) -> Result<TopicTotals, ViewError> {
    let links = link_total(store, subs)?;
    // The items' records (their links and mentions) are one index range each; telling
    // the mentions apart costs a lookup of each record's type (some 15 µs at 100,000
    // meetings), or, for a topic of thousands of links, one scan of every mention's type
    // joined by hash (some 0.5 µs a mention): 0.8 s instead of 1.9 s for 37,490 links.
    let typed = if links > HASH_JOIN_LINKS {
        "} { SELECT ?x WHERE { ?x a jy:DocumentMention } }"
    } else {
        "; a jy:DocumentMention }"
    };
    let documents = count(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {{ VALUES ?sub {{ {subs} }}
            ?i dcterms:subject ?sub . ?x jy:agendaItem ?i {typed} }}"
        ),
    )?;
    Ok(TopicTotals { links, documents })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(links: &[usize]) -> Vec<LinkMonth> {
        links
            .iter()
            .enumerate()
            .map(|(k, &links)| LinkMonth {
                nodes: vec![format!("<m{k}>")],
                links,
            })
            .collect()
    }

    #[test]
    fn a_timeline_page_reads_the_months_it_falls_in() {
        let m = months(&[3, 5, 2]);
        let page = |offset, limit| Page {
            offset,
            limit: Some(limit),
        };
        for (p, want) in [
            (page(0, 2), Some(("<m0>", 0))),
            (page(0, 3), Some(("<m0>", 0))),
            (page(0, 4), Some(("<m0> <m1>", 0))),
            (page(3, 5), Some(("<m1>", 3))),
            (page(4, 5), Some(("<m1> <m2>", 3))),
            (page(8, 2), Some(("<m2>", 8))),
            (page(2, 8), Some(("<m0> <m1> <m2>", 0))),
            // Past the dated links (undated ones may follow), or every row: all links.
            (page(8, 3), None),
            (page(20, 3), None),
            (Page::ALL, None),
        ] {
            let got = timeline_window(&m, p);
            assert_eq!(got.as_ref().map(|(n, b)| (n.as_str(), *b)), want, "{p:?}");
        }
        assert_eq!(timeline_window(&[], page(0, 1)), None);
    }
}
