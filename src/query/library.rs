//! The bundled query library: one `.rq` file per question in `queries/`, compiled into the binary.
//!
//! Each file opens with comment lines saying what it answers and which
//! parameters it takes; `jiyao query NAME` runs one by name, and `jiyao query
//! --list` prints them with their first comment line.
//!
//! ```
//! let q = jiyao::query::library::get("person-meetings").unwrap();
//! assert!(q.starts_with("# Meetings a person attended"));
//! assert!(jiyao::query::library::get("no-such-query").is_none());
//! ```

/// Every bundled query, by name, in alphabetical order.
pub const QUERIES: &[(&str, &str)] = &[
    (
        "ambiguous-people",
        include_str!("../../queries/ambiguous-people.rq"),
    ),
    (
        "co-attendance",
        include_str!("../../queries/co-attendance.rq"),
    ),
    (
        "data-quality",
        include_str!("../../queries/data-quality.rq"),
    ),
    (
        "diagnostics-per-code",
        include_str!("../../queries/diagnostics-per-code.rq"),
    ),
    (
        "documents-by-lead",
        include_str!("../../queries/documents-by-lead.rq"),
    ),
    (
        "documents-per-lead",
        include_str!("../../queries/documents-per-lead.rq"),
    ),
    (
        "meeting-attendees",
        include_str!("../../queries/meeting-attendees.rq"),
    ),
    (
        "meetings-per-year",
        include_str!("../../queries/meetings-per-year.rq"),
    ),
    ("memberships", include_str!("../../queries/memberships.rq")),
    (
        "org-representatives",
        include_str!("../../queries/org-representatives.rq"),
    ),
    (
        "people-multiple-orgs",
        include_str!("../../queries/people-multiple-orgs.rq"),
    ),
    (
        "person-meetings",
        include_str!("../../queries/person-meetings.rq"),
    ),
    (
        "topic-timeline",
        include_str!("../../queries/topic-timeline.rq"),
    ),
    (
        "topics-per-year",
        include_str!("../../queries/topics-per-year.rq"),
    ),
];

/// Returns the text of a bundled query.
pub fn get(name: &str) -> Option<&'static str> {
    QUERIES.iter().find(|(n, _)| *n == name).map(|(_, q)| *q)
}

/// Returns the first comment line of a query: what it answers.
pub fn summary(text: &str) -> &str {
    text.lines()
        .next()
        .unwrap_or("")
        .trim_start_matches('#')
        .trim()
}

/// One parameter a query's header names: `?name`, `?name@tag`, either followed by `(optional)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter<'a> {
    /// The variable's name, without `?`.
    pub name: &'a str,
    /// The language tag a bare value is bound with (`?topic@zh`), if any.
    pub tag: Option<&'a str>,
    /// True when the query runs without it (`?issuer (optional)`, or a header saying `Parameters (optional)`).
    pub optional: bool,
}

/// Returns the parameters a query's header line `# Parameters…` names, in order.
///
/// The line reads `# Parameters: ?meeting — …; ?issuer@zh (optional) — …`:
/// every `?name` on it is a parameter (so its descriptions name no other
/// variable), with an optional language tag, and `(optional)` after a
/// parameter the query can run without; `# Parameters (optional): …` makes
/// every one optional.
///
/// ```
/// use jiyao::query::library::{get, parameter_specs};
/// let specs = parameter_specs(get("meeting-attendees").unwrap());
/// assert_eq!(specs.iter().map(|p| (p.name, p.tag, p.optional)).collect::<Vec<_>>(),
///            vec![("meeting", None, false), ("issuer", Some("zh"), true)]);
/// ```
pub fn parameter_specs(text: &str) -> Vec<Parameter<'_>> {
    let Some(line) = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find(|l| l.contains("Parameters"))
    else {
        return Vec::new();
    };
    let all_optional = line.contains("Parameters (optional)");
    let ident = |s: &str| {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    let mut out: Vec<Parameter<'_>> = Vec::new();
    for (at, _) in line.match_indices('?') {
        let rest = &line[at + 1..];
        let name = &rest[..ident(rest)];
        if name.is_empty() || out.iter().any(|p| p.name == name) {
            continue;
        }
        let after = &rest[name.len()..];
        let (tag, after) = match after.strip_prefix('@') {
            Some(t) => {
                let end = t
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .unwrap_or(t.len());
                ((end > 0).then(|| &t[..end]), &t[end..])
            }
            None => (None, after),
        };
        out.push(Parameter {
            name,
            tag,
            optional: all_optional || after.trim_start().starts_with("(optional)"),
        });
    }
    out
}

/// Returns the names of the parameters a query's header names (`?name — …` after `Parameters`).
pub fn parameters(text: &str) -> Vec<String> {
    parameter_specs(text)
        .into_iter()
        .map(|p| p.name.to_owned())
        .collect()
}

/// Returns the language tag a query's header gives a parameter (`?topic@zh — …`), if any.
///
/// A tagged parameter is compared with labels as the store writes them: a
/// bare value (`--param topic=氢能`) is bound as `"氢能"@zh`, so that the query
/// can look the label up exactly (`?t skos:prefLabel ?topic`) and start from
/// it, instead of reading every label and comparing `STR(…)` late.
///
/// ```
/// use jiyao::query::library::{get, parameter_tag};
/// assert_eq!(parameter_tag(get("topic-timeline").unwrap(), "topic"), Some("zh"));
/// assert_eq!(parameter_tag(get("person-meetings").unwrap(), "name"), None);
/// ```
pub fn parameter_tag<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    parameter_specs(text)
        .into_iter()
        .find(|p| p.name == name)
        .and_then(|p| p.tag)
}

/// Returns the parameters a query cannot run without: those of its header not marked optional.
///
/// A required parameter left unbound would not fail in SPARQL: the query
/// would quietly answer for every value (or for none), so the command line
/// asks for it instead.
pub fn required_parameters(text: &str) -> Vec<String> {
    parameter_specs(text)
        .into_iter()
        .filter(|p| !p.optional)
        .map(|p| p.name.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_queries_is_bundled_and_documented() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rq"))
            .map(|n| n.trim_end_matches(".rq").to_owned())
            .collect();
        files.sort();
        let bundled: Vec<&str> = QUERIES.iter().map(|(n, _)| *n).collect();
        assert_eq!(files, bundled);
        for (name, text) in QUERIES {
            assert!(text.starts_with("# "), "{name} has no header comment");
            assert!(
                text.lines().any(|l| l.starts_with("# Parameters")),
                "{name} does not say its parameters"
            );
        }
    }

    #[test]
    fn parameters_are_read_from_the_header() {
        assert_eq!(parameters(get("co-attendance").unwrap()), vec!["a", "b"]);
        assert!(parameters(get("meetings-per-year").unwrap()).is_empty());
        assert_eq!(
            required_parameters(get("topic-timeline").unwrap()),
            vec!["topic"]
        );
        assert_eq!(
            parameters(get("org-representatives").unwrap()),
            vec!["orgName"]
        );
        assert!(required_parameters(get("org-representatives").unwrap()).is_empty());
        assert_eq!(
            required_parameters(get("meeting-attendees").unwrap()),
            vec!["meeting"]
        );
        assert_eq!(
            parameters(get("meeting-attendees").unwrap()),
            vec!["meeting", "issuer"]
        );
    }
}
