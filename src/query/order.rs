//! The outermost `ORDER BY` of a SELECT, applied by jiyao to decoded rows instead of by Oxigraph's evaluator.
//!
//! Oxigraph sorts a solution sequence with a comparator that evaluates each
//! sort key afresh on every comparison, and a key bound to a string the store
//! does not inline (most Chinese names and labels) is decoded from RocksDB
//! each time: `n log n` reads for `n` rows. `org-representatives` over every
//! organisation (229,330 rows on the 10,000-meeting store) spent most of its
//! 22 s there. [`split`] takes the outermost `ORDER BY` (with the `DISTINCT`
//! or `REDUCED` and the `OFFSET` around it) out of the algebra, so the
//! engine evaluates the pattern and projects it; [`Order::apply`] then sorts
//! the rows, each decoded once, with the same order Oxigraph uses (SPARQL's
//! `ORDER BY` comparison, [`cmp_terms`]: unbound, blank nodes, IRIs, then
//! literals, comparable literals by value), deduplicates keeping the first of
//! each row as `DISTINCT` after `ORDER BY` does, and applies the slice. A sort
//! key that is an expression, such as `(!BOUND(?date))`, is bound to a fresh
//! variable by `BIND` inside the pattern and projected, so it is evaluated
//! once per row too. Rows whose keys all compare equal keep the order the
//! engine produced them in (the sort is stable).
//!
//! A query with a `LIMIT` keeps its `ORDER BY` too, as do subqueries: the
//! engine then decodes only the rows it keeps, where jiyao would decode every
//! row to sort them (a top ten by a count over 300,000 summaries reads ten
//! IRIs in the engine, 300,000 here). Without a `LIMIT` every row is decoded
//! for the answer anyway, so sorting them here never costs more.

use oxigraph::model::{Term, Variable};
use spareval::ExpressionTerm;
use spargebra::algebra::{Expression, GraphPattern, OrderExpression};
use spargebra::Query;
use std::cmp::Ordering;
use std::collections::HashSet;

/// The prefix of the variables that carry a sort key computed by an expression; a query's own variables do not start with it.
const KEY_PREFIX: &str = "__jiyao_order_";

/// What remains of the outermost `ORDER BY` and the modifiers after it, to apply to the rows the engine returns.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Order {
    /// The sort keys, each a column of the rewritten projection, descending when true.
    keys: Vec<(usize, bool)>,
    /// How many leading columns are the query's own projection (the rest are keys projected for sorting).
    width: usize,
    /// True when the query asked for `DISTINCT` (or `REDUCED`) rows.
    distinct: bool,
    /// The `OFFSET` (a query with a `LIMIT` is not split).
    start: usize,
}

/// Takes the outermost `ORDER BY` out of a SELECT query, returning the query the engine should evaluate and the [`Order`] to apply to its rows; a query without one is returned unchanged with `None`.
///
/// The rewritten query projects the original variables first, in their order,
/// then any sort key that is not among them, and has neither `DISTINCT` nor a
/// slice: both are applied after sorting, where the algebra applies them.
pub(crate) fn split(query: Query) -> (Query, Option<Order>) {
    match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } if is_ordered(&pattern) => {
            let (pattern, order) = take_order(pattern);
            (
                Query::Select {
                    dataset,
                    pattern,
                    base_iri,
                },
                Some(order),
            )
        }
        query => (query, None),
    }
}

/// Returns true for the shape `Slice? (Distinct | Reduced)? Project OrderBy …`, a SELECT whose outermost solution modifier is an `ORDER BY`, when the slice has no `LIMIT`.
fn is_ordered(pattern: &GraphPattern) -> bool {
    let pattern = match pattern {
        GraphPattern::Slice {
            length: Some(_), ..
        } => return false,
        GraphPattern::Slice { inner, .. } => inner,
        p => p,
    };
    let pattern = match pattern {
        GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } => inner,
        p => p,
    };
    matches!(pattern, GraphPattern::Project { inner, .. } if matches!(**inner, GraphPattern::OrderBy { .. }))
}

/// Rewrites a pattern of the shape [`is_ordered`] accepts: the projection keeps the query's variables and adds the sort keys, and the modifiers go into the [`Order`].
fn take_order(pattern: GraphPattern) -> (GraphPattern, Order) {
    let (start, pattern) = match pattern {
        GraphPattern::Slice { inner, start, .. } => (start, *inner),
        p => (0, p),
    };
    let (distinct, pattern) = match pattern {
        GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } => (true, *inner),
        p => (false, p),
    };
    let GraphPattern::Project {
        inner: ordered,
        variables: mut projection,
    } = pattern
    else {
        unreachable!("is_ordered accepted the shape")
    };
    let GraphPattern::OrderBy {
        mut inner,
        expression,
    } = *ordered
    else {
        unreachable!("is_ordered accepted the shape")
    };
    let width = projection.len();
    let mut keys = Vec::with_capacity(expression.len());
    for (k, e) in expression.into_iter().enumerate() {
        let (e, descending) = match e {
            OrderExpression::Asc(e) => (e, false),
            OrderExpression::Desc(e) => (e, true),
        };
        let variable = match e {
            Expression::Variable(v) => v,
            e => {
                let v = Variable::new_unchecked(format!("{KEY_PREFIX}{k}"));
                inner = Box::new(GraphPattern::Extend {
                    inner,
                    variable: v.clone(),
                    expression: e,
                });
                v
            }
        };
        let column = match projection.iter().position(|p| *p == variable) {
            Some(c) => c,
            None => {
                projection.push(variable);
                projection.len() - 1
            }
        };
        keys.push((column, descending));
    }
    (
        GraphPattern::Project {
            inner,
            variables: projection,
        },
        Order {
            keys,
            width,
            distinct,
            start,
        },
    )
}

/// A row of the rewritten projection with its sort keys, decoded once, beside it.
type Keyed = (Vec<Option<ExpressionTerm>>, Vec<Option<Term>>);

impl Order {
    /// Returns how many leading columns of the rewritten projection are the query's own.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Sorts rows of the rewritten projection, keeps the query's own columns, drops repeated rows when the query is `DISTINCT`, and applies its `OFFSET`.
    pub(crate) fn apply(&self, rows: Vec<Vec<Option<Term>>>) -> Vec<Vec<Option<Term>>> {
        let mut keyed: Vec<Keyed> = rows
            .into_iter()
            .map(|row| {
                let keys = self
                    .keys
                    .iter()
                    .map(|&(c, _)| row.get(c).cloned().flatten().map(ExpressionTerm::from))
                    .collect();
                (keys, row)
            })
            .collect();
        keyed.sort_by(|(a, _), (b, _)| {
            for (k, &(_, descending)) in self.keys.iter().enumerate() {
                let o = cmp_terms(a[k].as_ref(), b[k].as_ref());
                let o = if descending { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        });
        let mut seen = HashSet::new();
        keyed
            .into_iter()
            .map(|(_, mut row)| {
                row.truncate(self.width);
                row
            })
            .filter(|row| !self.distinct || seen.insert(row.clone()))
            .skip(self.start)
            .collect()
    }
}

/// Compares two sort keys as SPARQL's `ORDER BY` does in Oxigraph (`spareval`'s `cmp_terms`): unbound first, then blank nodes, IRIs and literals; literals by value where SPARQL compares them, otherwise by lexical form, datatype and language.
fn cmp_terms(a: Option<&ExpressionTerm>, b: Option<&ExpressionTerm>) -> Ordering {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (Some(_), None) => return Ordering::Greater,
        (None, Some(_)) => return Ordering::Less,
        (None, None) => return Ordering::Equal,
    };
    match (a, b) {
        (ExpressionTerm::BlankNode(a), ExpressionTerm::BlankNode(b)) => a.as_str().cmp(b.as_str()),
        (ExpressionTerm::BlankNode(_), _) => Ordering::Less,
        (_, ExpressionTerm::BlankNode(_)) => Ordering::Greater,
        (ExpressionTerm::NamedNode(a), ExpressionTerm::NamedNode(b)) => a.as_str().cmp(b.as_str()),
        (ExpressionTerm::NamedNode(_), _) => Ordering::Less,
        (_, ExpressionTerm::NamedNode(_)) => Ordering::Greater,
        _ => partial_cmp_literals(a, b).unwrap_or_else(|| {
            match (Term::from(a.clone()), Term::from(b.clone())) {
                (Term::Literal(a), Term::Literal(b)) => (a.value(), a.datatype(), a.language())
                    .cmp(&(b.value(), b.datatype(), b.language())),
                _ => Ordering::Equal,
            }
        }),
    }
}

/// Compares two literals by value where SPARQL defines their order (`spareval`'s `partial_cmp_literals`): strings, strings of one language, numbers of any numeric type, and date, time and duration values of one kind.
fn partial_cmp_literals(a: &ExpressionTerm, b: &ExpressionTerm) -> Option<Ordering> {
    use oxsdatatypes::{Decimal, Double, Float};
    use ExpressionTerm as T;
    match (a, b) {
        (T::StringLiteral(a), T::StringLiteral(b)) => a.partial_cmp(b),
        (
            T::LangStringLiteral {
                value: va,
                language: la,
            },
            T::LangStringLiteral {
                value: vb,
                language: lb,
            },
        ) => (la == lb).then(|| va.cmp(vb)),
        (T::FloatLiteral(a), T::FloatLiteral(b)) => a.partial_cmp(b),
        (T::FloatLiteral(a), T::DoubleLiteral(b)) => Double::from(*a).partial_cmp(b),
        (T::FloatLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(&Float::from(*b)),
        (T::FloatLiteral(a), T::DecimalLiteral(b)) => a.partial_cmp(&Float::from(*b)),
        (T::DoubleLiteral(a), T::FloatLiteral(b)) => a.partial_cmp(&Double::from(*b)),
        (T::DoubleLiteral(a), T::DoubleLiteral(b)) => a.partial_cmp(b),
        (T::DoubleLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(&Double::from(*b)),
        (T::DoubleLiteral(a), T::DecimalLiteral(b)) => a.partial_cmp(&Double::from(*b)),
        (T::IntegerLiteral(a), T::FloatLiteral(b)) => Float::from(*a).partial_cmp(b),
        (T::IntegerLiteral(a), T::DoubleLiteral(b)) => Double::from(*a).partial_cmp(b),
        (T::IntegerLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(b),
        (T::IntegerLiteral(a), T::DecimalLiteral(b)) => Decimal::from(*a).partial_cmp(b),
        (T::DecimalLiteral(a), T::FloatLiteral(b)) => Float::from(*a).partial_cmp(b),
        (T::DecimalLiteral(a), T::DoubleLiteral(b)) => Double::from(*a).partial_cmp(b),
        (T::DecimalLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(&Decimal::from(*b)),
        (T::DecimalLiteral(a), T::DecimalLiteral(b)) => a.partial_cmp(b),
        (T::DateTimeLiteral(a), T::DateTimeLiteral(b)) => a.partial_cmp(b),
        (T::TimeLiteral(a), T::TimeLiteral(b)) => a.partial_cmp(b),
        (T::DateLiteral(a), T::DateLiteral(b)) => a.partial_cmp(b),
        (T::GYearMonthLiteral(a), T::GYearMonthLiteral(b)) => a.partial_cmp(b),
        (T::GYearLiteral(a), T::GYearLiteral(b)) => a.partial_cmp(b),
        (T::GMonthDayLiteral(a), T::GMonthDayLiteral(b)) => a.partial_cmp(b),
        (T::GDayLiteral(a), T::GDayLiteral(b)) => a.partial_cmp(b),
        (T::GMonthLiteral(a), T::GMonthLiteral(b)) => a.partial_cmp(b),
        (T::DurationLiteral(a), T::DurationLiteral(b)) => a.partial_cmp(b),
        (T::DurationLiteral(a), T::YearMonthDurationLiteral(b)) => a.partial_cmp(b),
        (T::DurationLiteral(a), T::DayTimeDurationLiteral(b)) => a.partial_cmp(b),
        (T::YearMonthDurationLiteral(a), T::DurationLiteral(b)) => a.partial_cmp(b),
        (T::YearMonthDurationLiteral(a), T::YearMonthDurationLiteral(b)) => a.partial_cmp(b),
        (T::YearMonthDurationLiteral(a), T::DayTimeDurationLiteral(b)) => a.partial_cmp(b),
        (T::DayTimeDurationLiteral(a), T::DurationLiteral(b)) => a.partial_cmp(b),
        (T::DayTimeDurationLiteral(a), T::YearMonthDurationLiteral(b)) => a.partial_cmp(b),
        (T::DayTimeDurationLiteral(a), T::DayTimeDurationLiteral(b)) => a.partial_cmp(b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{run, Answer};
    use crate::store::GraphStore;
    use jiyao_core::rdf::iri::Base;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    /// Runs a query on a store of `(subject, value)` pairs and returns its rows as text.
    fn rows(data: &[(&str, Term)], query: &str) -> Vec<Vec<String>> {
        let store = GraphStore::in_memory(Base::default()).unwrap();
        let p = NamedNode::new_unchecked("http://example.org/p");
        for (s, o) in data {
            store
                .oxigraph()
                .insert(&Quad::new(
                    NamedNode::new_unchecked(format!("http://example.org/{s}")),
                    p.clone(),
                    o.clone(),
                    GraphName::DefaultGraph,
                ))
                .unwrap();
        }
        let answer = run(&store, query, &[], None).unwrap();
        assert!(matches!(answer, Answer::Solutions { .. }));
        answer.strings()
    }

    fn zh(s: &str) -> Term {
        Literal::new_language_tagged_literal_unchecked(s, "zh").into()
    }

    fn int(i: i64) -> Term {
        Literal::from(i).into()
    }

    #[test]
    fn the_rewrite_keeps_modifiers_and_adds_only_missing_keys() {
        let q = spargebra::SparqlParser::new()
            .parse_query(
                "SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ?c (STR(?a)) OFFSET 1",
            )
            .unwrap();
        let (q, order) = split(q);
        let order = order.unwrap();
        assert_eq!(
            order,
            Order {
                keys: vec![(1, true), (2, false), (3, false)],
                width: 2,
                distinct: true,
                start: 1,
            }
        );
        let Query::Select { pattern, .. } = q else {
            panic!("not a SELECT")
        };
        let GraphPattern::Project { variables, inner } = pattern else {
            panic!("not a projection: {pattern:?}")
        };
        let names: Vec<&str> = variables.iter().map(Variable::as_str).collect();
        assert_eq!(names, ["a", "b", "c", "__jiyao_order_2"]);
        assert!(matches!(*inner, GraphPattern::Extend { .. }));
    }

    #[test]
    fn queries_without_an_outer_order_are_left_alone() {
        for text in [
            "SELECT ?a WHERE { ?a ?p ?b } LIMIT 2",
            "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b LIMIT 2 OFFSET 1",
            "SELECT DISTINCT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b LIMIT 1 } }",
            "ASK { ?a ?p ?b }",
        ] {
            let q = spargebra::SparqlParser::new().parse_query(text).unwrap();
            let (after, order) = split(q.clone());
            assert_eq!(order, None, "{text}");
            assert_eq!(after, q, "{text}");
        }
    }

    #[test]
    fn rows_sort_as_sparql_orders_terms() {
        let data = [
            ("a", zh("王伟")),
            ("b", zh("蔡剑峰")),
            ("c", int(10)),
            ("d", int(9)),
            ("e", Literal::new_simple_literal("x").into()),
            ("f", NamedNode::new_unchecked("http://example.org/z").into()),
            (
                "g",
                Literal::new_typed_literal("2.5", oxigraph::model::vocab::xsd::DECIMAL).into(),
            ),
        ];
        let got = rows(
            &data,
            "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o ?s",
        );
        let order: Vec<&str> = got.iter().map(|r| r[0].as_str()).collect();
        // The IRI first; numbers by value (2.5 < 9 < 10); the rest by lexical form, then datatype and language.
        assert_eq!(
            order,
            [
                "http://example.org/f",
                "http://example.org/g",
                "http://example.org/d",
                "http://example.org/c",
                "http://example.org/e",
                "http://example.org/a",
                "http://example.org/b",
            ]
        );
    }

    #[test]
    fn distinct_offset_and_expression_keys_apply_after_sorting() {
        let data = [
            ("a", int(3)),
            ("b", int(1)),
            ("c", int(2)),
            ("d", int(2)),
            ("e", int(5)),
        ];
        let got = rows(
            &data,
            "SELECT DISTINCT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY DESC(?o * -1) OFFSET 1",
        );
        assert_eq!(got, [["2"], ["3"], ["5"]]);
        let got = rows(
            &data,
            "SELECT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY DESC(?s) OFFSET 3",
        );
        assert_eq!(got, [["1"], ["3"]]);
        // With a LIMIT the engine sorts (split leaves the query alone), with the same answer.
        let got = rows(
            &data,
            "SELECT DISTINCT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY DESC(?o * -1) LIMIT 2 OFFSET 1",
        );
        assert_eq!(got, [["2"], ["3"]]);
    }

    #[test]
    fn unbound_keys_sort_first_and_last_when_descending() {
        let data = [("a", int(1)), ("b", int(2))];
        let query = |order: &str| {
            format!("SELECT ?s ?x WHERE {{ ?s <http://example.org/p> ?o BIND(IF(?o > 1, ?o, ?nothing) AS ?x) }} ORDER BY {order}")
        };
        let got = rows(&data, &query("?x"));
        assert_eq!(
            got,
            [["http://example.org/a", ""], ["http://example.org/b", "2"]]
        );
        let got = rows(&data, &query("DESC(?x)"));
        assert_eq!(
            got,
            [["http://example.org/b", "2"], ["http://example.org/a", ""]]
        );
    }
}
