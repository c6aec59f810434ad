//! Who is who, measured: the identity rule's people against the truth's person ids (B-cubed).
//!
//! Each attendance record the extractor reads gets its person key from
//! [`People::resolve_meeting`] — the function the RDF mapping mints person
//! IRIs from, so no store is needed. Records are paired with truth rows of
//! `attendance.csv` by document, role, organisation as written and name (in
//! order when a document repeats one); records the extractor got wrong have no
//! pair and are left to the attendance table's score.
//!
//! Over the paired records, B-cubed precision is, averaged over records, the
//! share of the records of its predicted person that belong to its true
//! person; recall, the share of its true person's records that its predicted
//! person holds. A false merge is one more true person inside a predicted
//! person; a false split, one more predicted person for a true person.
//!
//! ```
//! use jiyao_synth::identity::{b_cubed, Pair};
//! let pair = |p: &str, t: &str| Pair { predicted: p.to_owned(), truth: t.to_owned() };
//! // Two officials called 王伟 merged into one person.
//! let s = b_cubed(&[pair("王伟", "a"), pair("王伟", "b"), pair("李强", "c")]);
//! assert_eq!((s.false_merges, s.false_splits), (1, 0));
//! assert!((s.precision - 2.0 / 3.0).abs() < 1e-9 && s.recall == 1.0);
//! ```

use jiyao_core::extract::Extraction;
use jiyao_core::rdf::{self, sightings};
use jiyao_core::resolve::links::{self, LinkRule, Span};
use jiyao_core::resolve::people::People;
use jiyao_core::resolve::Places;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One paired record: the person the rule gave it and the truth's person id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The predicted person key.
    pub predicted: String,
    /// The truth's person id.
    pub truth: String,
}

/// The identity scores of a corpus.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IdentityScore {
    /// Attendance records paired with a truth row (the ones scored).
    pub records: usize,
    /// Truth rows that name a person.
    pub truth_records: usize,
    /// Distinct true people among the paired records.
    pub truth_people: usize,
    /// Distinct predicted people among the paired records.
    pub predicted_people: usize,
    /// B-cubed precision.
    pub precision: f64,
    /// B-cubed recall.
    pub recall: f64,
    /// The harmonic mean of the two.
    pub f1: f64,
    /// True people beyond the first inside each predicted person, summed.
    pub false_merges: usize,
    /// Predicted people beyond the first for each true person, summed.
    pub false_splits: usize,
    /// Distinct names in the truth.
    pub names: usize,
    /// Names the truth gives to more than one person, anywhere in the corpus.
    pub shared_names: usize,
    /// Names the truth gives to more than one person within one government.
    pub shared_within_government: usize,
    /// People the truth places in more than one government (officials who moved between cities).
    pub movers: usize,
}

/// The keys that pair an extracted record with a truth row: document, role, organisation as written, name.
pub type PairKey = [String; 4];

/// Returns each named attendance record of one extraction with its pairing key and its person key.
pub fn predicted(doc: &str, x: &Extraction, people: &People) -> Vec<(PairKey, String)> {
    let seen: Vec<_> = sightings(x).collect();
    let keys = people.resolve_meeting(&seen);
    x.attendance
        .iter()
        .filter(|a| a.person.is_some())
        .zip(keys)
        .map(|(a, k)| {
            (
                [
                    doc.to_owned(),
                    a.role.as_str().to_owned(),
                    a.org
                        .as_ref()
                        .map(|o| o.written.clone())
                        .unwrap_or_default(),
                    a.person.clone().unwrap_or_default(),
                ],
                k.to_string(),
            )
        })
        .collect()
}

/// Returns what the link rule reads of one extraction: one span per name its attendance records give (by [`rdf::person_name`]: simplified on a page in traditional script), at the meeting's date, with their organisations.
///
/// Records of a meeting without a date give no span.
pub fn spans(x: &Extraction) -> Vec<Span> {
    let Some(date) = x.meeting.date.map(|d| d.iso()) else {
        return Vec::new();
    };
    let date = date.as_str();
    let gov = rdf::government(x);
    let gov = gov.as_str();
    let mut by_name: BTreeMap<String, Span> = BTreeMap::new();
    for a in &x.attendance {
        let Some(written) = a.person.as_deref() else {
            continue;
        };
        let name = rdf::person_name(x, written);
        let s = by_name
            .entry(name.clone().into_owned())
            .or_insert_with(|| Span::new(gov, &name, date, date, 0, &[]));
        s.records += 1;
        if let Some(o) = &a.org {
            let o = o.canonical.as_ref().unwrap_or(&o.written);
            if !s.orgs.contains(o) {
                s.orgs.push(o.clone());
            }
        }
    }
    by_name.into_values().collect()
}

/// How well the link rule's candidates find the officials who moved between governments.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LinkScore {
    /// Candidates proposed ([`links::candidates`] with the default rule).
    pub candidates: usize,
    /// Candidates whose two governments' records of the name share a true person.
    pub true_candidates: usize,
    /// Moves in the truth: a name and two governments whose records of it share a true person.
    pub moves: usize,
    /// Moves some candidate proposes.
    pub found: usize,
    /// true_candidates / candidates.
    pub precision: f64,
    /// found / moves.
    pub recall: f64,
}

/// Scores the link candidates of extracted spans against the truth's person ids.
pub fn score_links(spans: &[Span], truth: &[TruthRecord], places: &Places) -> LinkScore {
    let mut ids: HashMap<(&str, &str), BTreeSet<&str>> = HashMap::new();
    for t in truth {
        ids.entry((&t.government, &t.key[3]))
            .or_default()
            .insert(&t.person_id);
    }
    // Name → government → ids, to list the true moves.
    let mut by_name: BTreeMap<&str, BTreeMap<&str, &BTreeSet<&str>>> = BTreeMap::new();
    for ((gov, name), set) in &ids {
        by_name.entry(name).or_default().insert(gov, set);
    }
    let mut moves: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
    for (name, govs) in &by_name {
        let govs: Vec<(&&str, &&BTreeSet<&str>)> = govs.iter().collect();
        for (i, (ga, a)) in govs.iter().enumerate() {
            for (gb, b) in &govs[i + 1..] {
                if !a.is_disjoint(b) {
                    moves.insert((name, ga, gb));
                }
            }
        }
    }
    let found = links::candidates(spans, places, &LinkRule::default());
    let mut hit: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
    let mut true_candidates = 0;
    for c in &found {
        let (a, b) = (c.left.government.as_str(), c.joined.government.as_str());
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        if let Some(m) = moves.get(&(c.name.as_str(), a, b)) {
            true_candidates += 1;
            hit.insert(*m);
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    LinkScore {
        candidates: found.len(),
        true_candidates,
        moves: moves.len(),
        found: hit.len(),
        precision: ratio(true_candidates, found.len()),
        recall: ratio(hit.len(), moves.len()),
    }
}

impl LinkScore {
    /// Writes the scores as one line of text.
    pub fn to_text(&self) -> String {
        format!(
            "links      {} candidates, {} true (precision {:.4}); {} of {} moves between governments proposed (recall {:.4}); rule: name in at most {} governments, same province, within {} days\n",
            self.candidates,
            self.true_candidates,
            self.precision,
            self.found,
            self.moves,
            self.recall,
            LinkRule::default().max_governments,
            LinkRule::default().within_days,
        )
    }
}

/// One truth row of `attendance.csv` that names a person: its pairing key, its person id, and its government.
#[derive(Clone, Debug)]
pub struct TruthRecord {
    /// Document, role, organisation as written, name.
    pub key: PairKey,
    /// The person id.
    pub person_id: String,
    /// The issuer of its document (from `meetings.csv`).
    pub government: String,
}

/// Pairs predicted records with truth rows and scores them.
pub fn score(predicted: Vec<(PairKey, String)>, truth: &[TruthRecord]) -> IdentityScore {
    let mut want: HashMap<&PairKey, Vec<&str>> = HashMap::new();
    for t in truth.iter().rev() {
        want.entry(&t.key).or_default().push(&t.person_id);
    }
    let mut pairs = Vec::new();
    for (key, p) in predicted {
        if let Some(id) = want.get_mut(&key).and_then(Vec::pop) {
            pairs.push(Pair {
                predicted: p,
                truth: id.to_owned(),
            });
        }
    }
    let mut s = b_cubed(&pairs);
    s.truth_records = truth.len();
    let mut ids_by_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut ids_by_gov_name: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    let mut govs_by_id: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in truth {
        ids_by_name
            .entry(&t.key[3])
            .or_default()
            .insert(&t.person_id);
        ids_by_gov_name
            .entry((&t.government, &t.key[3]))
            .or_default()
            .insert(&t.person_id);
        govs_by_id
            .entry(&t.person_id)
            .or_default()
            .insert(&t.government);
    }
    s.names = ids_by_name.len();
    s.shared_names = ids_by_name.values().filter(|v| v.len() > 1).count();
    let mut shared_local: BTreeSet<&str> = BTreeSet::new();
    for ((_, name), ids) in &ids_by_gov_name {
        if ids.len() > 1 {
            shared_local.insert(name);
        }
    }
    s.shared_within_government = shared_local.len();
    s.movers = govs_by_id.values().filter(|g| g.len() > 1).count();
    s
}

/// B-cubed precision, recall and F1 of paired records, with false merges and splits.
pub fn b_cubed(pairs: &[Pair]) -> IdentityScore {
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    let mut pred: HashMap<&str, usize> = HashMap::new();
    let mut tru: HashMap<&str, usize> = HashMap::new();
    for p in pairs {
        *both.entry((&p.predicted, &p.truth)).or_default() += 1;
        *pred.entry(&p.predicted).or_default() += 1;
        *tru.entry(&p.truth).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for p in pairs {
        let n = both[&(p.predicted.as_str(), p.truth.as_str())] as f64;
        precision += n / pred[p.predicted.as_str()] as f64;
        recall += n / tru[p.truth.as_str()] as f64;
    }
    let n = pairs.len().max(1) as f64;
    let (precision, recall) = if pairs.is_empty() {
        (1.0, 1.0)
    } else {
        (precision / n, recall / n)
    };
    let mut truths_per_pred: HashMap<&str, usize> = HashMap::new();
    let mut preds_per_truth: HashMap<&str, usize> = HashMap::new();
    for (p, t) in both.keys() {
        *truths_per_pred.entry(p).or_default() += 1;
        *preds_per_truth.entry(t).or_default() += 1;
    }
    IdentityScore {
        records: pairs.len(),
        truth_people: tru.len(),
        predicted_people: pred.len(),
        precision,
        recall,
        f1: if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        },
        false_merges: truths_per_pred.values().map(|n| n - 1).sum(),
        false_splits: preds_per_truth.values().map(|n| n - 1).sum(),
        ..IdentityScore::default()
    }
}

impl IdentityScore {
    /// Writes the scores as a short text table.
    pub fn to_text(&self) -> String {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "identity   {:>9} {:>9} {:>9} {:>8} {:>8} {:>9.4} {:>7.4} {:>7.4}\n\
             (people: {} true, {} predicted, over {} of {} truth records; columns: truth people, predicted people, records, false merges, false splits, B-cubed precision, recall, F1)\n\
             names: {} distinct, {} ({:.1}%) shared by several people in the corpus, {} ({:.1}%) within one government; {} officials moved between governments\n",
            self.truth_people,
            self.predicted_people,
            self.records,
            self.false_merges,
            self.false_splits,
            self.precision,
            self.recall,
            self.f1,
            self.truth_people,
            self.predicted_people,
            self.records,
            self.truth_records,
            self.names,
            self.shared_names,
            pct(self.shared_names, self.names),
            self.shared_within_government,
            pct(self.shared_within_government, self.names),
            self.movers,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(p: &str, t: &str) -> Pair {
        Pair {
            predicted: p.to_owned(),
            truth: t.to_owned(),
        }
    }

    #[test]
    fn perfect_identity_scores_one() {
        let s = b_cubed(&[pair("x", "1"), pair("x", "1"), pair("y", "2")]);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        assert_eq!((s.false_merges, s.false_splits), (0, 0));
        assert_eq!((s.truth_people, s.predicted_people, s.records), (2, 2, 3));
    }

    #[test]
    fn a_split_costs_recall() {
        // One official's three records read as two people (a move between cities).
        let s = b_cubed(&[
            pair("苏州/张伟", "1"),
            pair("苏州/张伟", "1"),
            pair("无锡/张伟", "1"),
        ]);
        assert_eq!((s.false_merges, s.false_splits), (0, 1));
        assert_eq!(s.precision, 1.0);
        // Records 1 and 2 see 2 of 3, record 3 sees 1 of 3.
        assert!((s.recall - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn spans_gather_a_meetings_records_by_name() {
        let res = jiyao_core::resolve::Resources::bundled();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/minutes/004_acb563e421b872c8.txt");
        let x = jiyao_core::extract::extract_file(&path, res).unwrap();
        let spans = spans(&x);
        let huang = spans.iter().find(|s| s.name == "黄戟").unwrap();
        assert_eq!(
            huang,
            &Span::new(
                "苏州市人民政府",
                "黄戟",
                "2020-01-06",
                "2020-01-06",
                2,
                &["苏州市公安局", "苏州市自然资源和规划局"]
            )
        );
        // One span per name.
        let mut names: Vec<&str> = spans.iter().map(|s| s.name.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), spans.len());
    }

    #[test]
    fn link_candidates_are_scored_against_the_truths_movers() {
        let rec = |doc: &str, gov: &str, name: &str, id: &str| TruthRecord {
            key: [
                doc.into(),
                "attending".into(),
                "市公安局".into(),
                name.into(),
            ],
            person_id: id.into(),
            government: gov.into(),
        };
        let (wx, cz, nt) = ("无锡市人民政府", "常州市人民政府", "南通市人民政府");
        let truth = vec![
            // 贾卫 moved from 无锡 to 常州 (one id): a move, proposed.
            rec("a", wx, "贾卫", "wuxi-1"),
            rec("b", cz, "贾卫", "wuxi-1"),
            // 韩飏 of 无锡 and 韩飏 of 南通 are two people: a wrong candidate.
            rec("a", wx, "韩飏", "wuxi-2"),
            rec("c", nt, "韩飏", "nantong-1"),
            // 王矗 moved from 南通 to 常州, but after two years: a move the rule misses.
            rec("c", nt, "王矗", "nantong-2"),
            rec("b", cz, "王矗", "nantong-2"),
        ];
        let span = |gov: &str, name: &str, first: &str, last: &str| {
            Span::new(gov, name, first, last, 1, &["某局"])
        };
        let spans = [
            span(wx, "贾卫", "2018-01-01", "2019-01-01"),
            span(cz, "贾卫", "2019-03-01", "2020-01-01"),
            span(wx, "韩飏", "2018-01-01", "2019-01-01"),
            span(nt, "韩飏", "2019-02-01", "2020-01-01"),
            span(nt, "王矗", "2016-01-01", "2017-01-01"),
            span(cz, "王矗", "2019-02-01", "2020-01-01"),
        ];
        let s = score_links(
            &spans,
            &truth,
            &jiyao_core::resolve::Resources::bundled().places,
        );
        assert_eq!(
            (s.candidates, s.true_candidates, s.moves, s.found),
            (2, 1, 2, 1)
        );
        assert_eq!((s.precision, s.recall), (0.5, 0.5));
    }

    #[test]
    fn pairing_uses_document_role_org_and_name_and_counts_shared_names() {
        let key = |doc: &str, name: &str| -> PairKey {
            [
                doc.into(),
                "attending".into(),
                "市公安局".into(),
                name.into(),
            ]
        };
        let truth = vec![
            TruthRecord {
                key: key("a.txt", "王伟"),
                person_id: "suzhou-1".into(),
                government: "苏州市人民政府".into(),
            },
            TruthRecord {
                key: key("b.txt", "王伟"),
                person_id: "wuxi-1".into(),
                government: "无锡市人民政府".into(),
            },
            TruthRecord {
                key: key("c.txt", "李强"),
                person_id: "suzhou-2".into(),
                government: "无锡市人民政府".into(),
            },
            TruthRecord {
                key: key("d.txt", "李强"),
                person_id: "suzhou-2".into(),
                government: "苏州市人民政府".into(),
            },
        ];
        let predicted = vec![
            (key("a.txt", "王伟"), "苏州市人民政府/王伟".to_owned()),
            (key("b.txt", "王伟"), "无锡市人民政府/王伟".to_owned()),
            (key("c.txt", "李强"), "无锡市人民政府/李强".to_owned()),
            (key("d.txt", "李强"), "苏州市人民政府/李强".to_owned()),
            (key("e.txt", "赵六"), "苏州市人民政府/赵六".to_owned()),
        ];
        let s = score(predicted, &truth);
        assert_eq!((s.records, s.truth_records), (4, 4));
        assert_eq!((s.false_merges, s.false_splits), (0, 1));
        assert_eq!(
            (
                s.names,
                s.shared_names,
                s.shared_within_government,
                s.movers
            ),
            (2, 1, 0, 1)
        );
    }
}
