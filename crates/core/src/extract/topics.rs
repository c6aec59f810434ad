//! Topic links: which topics of the scheme each agenda item speaks of, with the sentence that shows it.

use super::items::texts;
use super::TopicLink;
use crate::parse::{Document, Text};
use crate::resolve::Resources;

/// Returns the sentence around the bytes `start..end`, bounded by 。；! ? or a line break.
pub(crate) fn sentence(s: &str, start: usize, end: usize) -> &str {
    let is_end = |c: char| matches!(c, '。' | '；' | '！' | '？' | '\n');
    let a = s[..start]
        .rfind(is_end)
        .map_or(0, |k| k + s[k..].chars().next().map_or(1, char::len_utf8));
    let z = s[end..].find(is_end).map_or(s.len(), |k| {
        end + k
            + s[end + k..]
                .chars()
                .next()
                .map_or(0, |c| if c == '\n' { 0 } else { c.len_utf8() })
    });
    s[a..z].trim()
}

/// Returns the [`sentence`] around the bytes `start..end` of the view `s`, as written in `w` (same byte length).
pub(crate) fn written_sentence(s: &str, w: &str, start: usize, end: usize) -> String {
    let sent = sentence(s, start, end);
    let a = sent.as_ptr() as usize - s.as_ptr() as usize;
    w[a..a + sent.len()].to_owned()
}

/// Matches the topic scheme against each agenda item's heading and sub-points.
pub(crate) fn read(doc: &Document, res: &Resources) -> Vec<TopicLink> {
    let scheme = &res.topics;
    let mut out = Vec::new();
    for item in &doc.items {
        let mut all = Text::default();
        for (_, t) in texts(item) {
            if let Some(last) = all.last_pos() {
                all.push('\n', last);
            }
            all.append(t);
        }
        let s = all.as_str();
        // For each topic, its first match.
        let mut first: Vec<Option<(usize, usize)>> = vec![None; scheme.len()];
        scheme.find_all(s, |topic, a, z| {
            if first[topic].is_none_or(|(fa, _)| a < fa) {
                first[topic] = Some((a, z));
            }
        });
        let mut found: Vec<(usize, usize, usize)> = first
            .iter()
            .enumerate()
            .filter_map(|(t, m)| m.map(|(a, z)| (a, t, z)))
            .collect();
        found.sort_unstable();
        for (a, t, z) in found {
            let topic = scheme.topic(t);
            out.push(TopicLink {
                item: item.ordinal,
                topic: topic.pref_label.clone(),
                topic_id: topic.id.clone(),
                matched: all.written_string(a, z),
                evidence: written_sentence(s, all.written(), a, z),
                span: all.span_of(a, z),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_bounds() {
        let s = "甲。乙氢能丙；丁";
        let a = s.find("氢能").unwrap();
        assert_eq!(sentence(s, a, a + "氢能".len()), "乙氢能丙；");
        assert_eq!(sentence("氢能", 0, 6), "氢能");
    }
}
