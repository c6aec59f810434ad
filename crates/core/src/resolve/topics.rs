//! The policy-topic scheme: labels and keywords per topic, matched in one pass with Aho-Corasick.

use super::ResolveError;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

/// One topic of the scheme; it becomes a `skos:Concept` in the graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// A stable ASCII slug, used in IRIs.
    pub id: String,
    /// The preferred Chinese label.
    pub pref_label: String,
    /// The English label.
    pub pref_label_en: String,
    /// Alternative labels.
    pub alt_labels: Vec<String>,
    /// Further literal strings that signal the topic.
    pub keywords: Vec<String>,
    /// The id of the broader topic, if any.
    pub broader: Option<String>,
}

/// The scheme and a matcher over every label and keyword.
#[derive(Debug)]
pub struct TopicScheme {
    topics: Vec<Topic>,
    matcher: AhoCorasick,
    /// For each matcher pattern, the topic index.
    pattern_topic: Vec<usize>,
}

#[derive(Deserialize)]
struct Row {
    id: String,
    pref_label: String,
    pref_label_en: String,
    #[serde(default)]
    alt_labels: String,
    #[serde(default)]
    keywords: String,
    #[serde(default)]
    broader: String,
}

fn split(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

impl TopicScheme {
    /// Parses the CSV (`id,pref_label,pref_label_en,alt_labels,keywords,broader`, lists split by `|`).
    pub fn from_csv(file: &str, text: &str) -> Result<Self, ResolveError> {
        let invalid = |line: u64, message: String| ResolveError::Invalid {
            file: file.to_owned(),
            line,
            message,
        };
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut topics = Vec::new();
        for row in reader.deserialize::<Row>() {
            let row =
                row.map_err(|e| invalid(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            topics.push(Topic {
                id: row.id,
                pref_label: row.pref_label,
                pref_label_en: row.pref_label_en,
                alt_labels: split(&row.alt_labels),
                keywords: split(&row.keywords),
                broader: Some(row.broader).filter(|b| !b.is_empty()),
            });
        }
        for (k, t) in topics.iter().enumerate() {
            let line = k as u64 + 2;
            if t.id.is_empty()
                || !t
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(invalid(
                    line,
                    format!("topic id {:?} is not a lowercase ASCII slug", t.id),
                ));
            }
            if topics[..k].iter().any(|o| o.id == t.id) {
                return Err(invalid(line, format!("topic id {:?} is used twice", t.id)));
            }
            if let Some(b) = &t.broader {
                if !topics.iter().any(|o| &o.id == b) {
                    return Err(invalid(
                        line,
                        format!("broader topic {b:?} is not in the scheme"),
                    ));
                }
            }
        }
        let mut patterns = Vec::new();
        let mut pattern_topic = Vec::new();
        for (k, t) in topics.iter().enumerate() {
            for p in std::iter::once(&t.pref_label)
                .chain(&t.alt_labels)
                .chain(&t.keywords)
            {
                if !patterns.contains(p) {
                    patterns.push(p.clone());
                    pattern_topic.push(k);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| invalid(0, e.to_string()))?;
        Ok(TopicScheme {
            topics,
            matcher,
            pattern_topic,
        })
    }

    /// Returns every topic, in file order.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Returns a topic by index.
    pub fn topic(&self, index: usize) -> &Topic {
        &self.topics[index]
    }

    /// Finds a topic by id.
    pub fn by_id(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// Returns the number of topics.
    pub fn len(&self) -> usize {
        self.topics.len()
    }

    /// Returns true when the scheme is empty.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }

    /// Calls `found(topic index, byte start, byte end)` for every occurrence of a label or keyword, overlaps included.
    pub fn find_all(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        for m in self.matcher.find_overlapping_iter(text) {
            found(
                self.pattern_topic[m.pattern().as_usize()],
                m.start(),
                m.end(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "id,pref_label,pref_label_en,alt_labels,keywords,broader\nwork-safety,安全生产,Work safety,,安委会|安委办,\nhazardous-chemicals,危险化学品,Hazardous chemicals,危化品,,work-safety\n";

    #[test]
    fn overlapping_labels_all_match() {
        let s = TopicScheme::from_csv("t.csv", CSV).unwrap();
        let mut hits = Vec::new();
        s.find_all("危险化学品安全生产", |t, a, b| {
            hits.push((s.topic(t).id.as_str(), a, b))
        });
        assert_eq!(
            hits,
            vec![("hazardous-chemicals", 0, 15), ("work-safety", 15, 27)]
        );
    }

    #[test]
    fn unknown_broader_is_an_error() {
        let err = TopicScheme::from_csv(
            "t.csv",
            "id,pref_label,pref_label_en,alt_labels,keywords,broader\na,甲,A,,,zzz\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:2: broader topic \"zzz\" is not in the scheme"
        );
    }
}
