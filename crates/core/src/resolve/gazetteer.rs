//! The department gazetteer: written forms to canonical organisations, matched with a character trie.

use super::{fold, ResolveError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An index into [`Gazetteer::orgs`].
pub type OrgId = u32;

/// What kind of body an organisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A government department or directly affiliated agency (市政府工作部门).
    GovernmentDepartment,
    /// An organ of the Communist Party committee (市委组织部 …).
    PartyOrgan,
    /// A court or procuratorate.
    CourtProcuratorate,
    /// A county-level city, a district or a development zone.
    CountyDistrict,
    /// A state-owned enterprise.
    StateOwnedEnterprise,
    /// A vertically managed branch of a central-government body (税务, 海关, 人民银行 …).
    CentralBranch,
    /// A people's organisation (工会, 共青团, 妇联 …).
    PeoplesOrganisation,
    /// The standing committee of a people's congress or a committee of the CPPCC (市人大常委会, 县政协).
    CongressCppcc,
    /// The military, the armed police or the fire and rescue service.
    MilitaryPolice,
    /// A public institution (事业单位).
    PublicInstitution,
    /// A coordination body, its office or a task force (议事协调机构, 专班).
    CoordinationBody,
    /// Not in the gazetteer: recognised by its shape only.
    Unknown,
}

impl OrgKind {
    /// Returns the snake_case name used in the CSV file and in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::GovernmentDepartment => "government_department",
            OrgKind::PartyOrgan => "party_organ",
            OrgKind::CourtProcuratorate => "court_procuratorate",
            OrgKind::CountyDistrict => "county_district",
            OrgKind::StateOwnedEnterprise => "state_owned_enterprise",
            OrgKind::CentralBranch => "central_branch",
            OrgKind::PeoplesOrganisation => "peoples_organisation",
            OrgKind::CongressCppcc => "congress_cppcc",
            OrgKind::MilitaryPolice => "military_police",
            OrgKind::PublicInstitution => "public_institution",
            OrgKind::CoordinationBody => "coordination_body",
            OrgKind::Unknown => "unknown",
        }
    }
}

/// One organisation of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Org {
    /// Its full official name, e.g. 苏州市工业和信息化局.
    pub canonical: String,
    /// Its kind.
    pub kind: OrgKind,
    /// The canonical name of its parent organisation, if the gazetteer gives one.
    pub parent: Option<String>,
    /// Every written form that names it, in file order (the canonical name excluded).
    pub aliases: Vec<String>,
}

#[derive(Debug, Default)]
struct Node {
    children: Vec<(char, u32)>,
    org: Option<OrgId>,
}

/// Organisations and a trie over every written form, folded by [`fold`].
#[derive(Debug)]
pub struct Gazetteer {
    orgs: Vec<Org>,
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Row {
    name: String,
    canonical: String,
    kind: OrgKind,
    #[serde(default)]
    parent: String,
}

impl Gazetteer {
    /// Parses the CSV (`name,canonical,kind,parent`).
    pub fn from_csv(file: &str, text: &str) -> Result<Self, ResolveError> {
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut g = Gazetteer {
            orgs: Vec::new(),
            nodes: vec![Node::default()],
        };
        let mut by_canonical: HashMap<String, OrgId> = HashMap::new();
        for row in reader.deserialize::<Row>() {
            let row = row.map_err(|e| ResolveError::Invalid {
                file: file.to_owned(),
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })?;
            let id = *by_canonical
                .entry(row.canonical.clone())
                .or_insert_with(|| {
                    g.orgs.push(Org {
                        canonical: row.canonical.clone(),
                        kind: row.kind,
                        parent: Some(row.parent.clone()).filter(|p| !p.is_empty()),
                        aliases: Vec::new(),
                    });
                    (g.orgs.len() - 1) as OrgId
                });
            if row.name != row.canonical && !g.orgs[id as usize].aliases.contains(&row.name) {
                g.orgs[id as usize].aliases.push(row.name.clone());
            }
            g.insert(&row.name, id);
            g.insert(&row.canonical, id);
        }
        Ok(g)
    }

    fn insert(&mut self, name: &str, id: OrgId) {
        let mut node = 0usize;
        for c in name.chars().map(fold) {
            node = match self.nodes[node].children.iter().find(|(k, _)| *k == c) {
                Some(&(_, next)) => next as usize,
                None => {
                    self.nodes.push(Node::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[node].children.push((c, next as u32));
                    next
                }
            };
        }
        // The first row that claims a written form keeps it.
        self.nodes[node].org.get_or_insert(id);
    }

    /// Calls `found(len, org)` for every written form that starts at `chars[start]`, shortest first.
    pub fn matches_at(&self, chars: &[char], start: usize, mut found: impl FnMut(usize, OrgId)) {
        let mut node = 0usize;
        for (k, &c) in chars[start..].iter().enumerate() {
            let c = fold(c);
            match self.nodes[node].children.iter().find(|(key, _)| *key == c) {
                Some(&(_, next)) => node = next as usize,
                None => return,
            }
            if let Some(org) = self.nodes[node].org {
                found(k + 1, org);
            }
        }
    }

    /// Returns the longest written form starting at `chars[start]`, as its length and organisation.
    pub fn longest_at(&self, chars: &[char], start: usize) -> Option<(usize, OrgId)> {
        let mut best = None;
        self.matches_at(chars, start, |len, org| best = Some((len, org)));
        best
    }

    /// Looks up a whole written form.
    pub fn lookup(&self, name: &str) -> Option<OrgId> {
        let chars: Vec<char> = name.chars().collect();
        self.longest_at(&chars, 0)
            .filter(|&(len, _)| len == chars.len())
            .map(|(_, org)| org)
    }

    /// Returns an organisation by id.
    pub fn org(&self, id: OrgId) -> &Org {
        &self.orgs[id as usize]
    }

    /// Returns every organisation, in file order.
    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }

    /// Returns the number of organisations.
    pub fn len(&self) -> usize {
        self.orgs.len()
    }

    /// Returns true when there is no organisation.
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "name,canonical,kind,parent\n市委,中共苏州市委员会,party_organ,\n市委组织部,中共苏州市委组织部,party_organ,中共苏州市委员会\n市“331”专班,苏州市“331”专项行动专班,coordination_body,\n";

    #[test]
    fn every_prefix_match_is_reported() {
        let g = Gazetteer::from_csv("g.csv", CSV).unwrap();
        let chars: Vec<char> = "市委组织部胡卫江".chars().collect();
        let mut seen = Vec::new();
        g.matches_at(&chars, 0, |len, org| {
            seen.push((len, g.org(org).canonical.clone()))
        });
        assert_eq!(
            seen,
            vec![
                (2, "中共苏州市委员会".to_owned()),
                (5, "中共苏州市委组织部".to_owned())
            ]
        );
    }

    #[test]
    fn quotes_fold() {
        let g = Gazetteer::from_csv("g.csv", CSV).unwrap();
        assert!(g.lookup("市\"331\"专班").is_some());
        assert!(g.lookup("市＂331＂专班").is_some());
        assert!(g.lookup("市331专班").is_none());
    }

    #[test]
    fn bad_kind_names_the_line() {
        let err = Gazetteer::from_csv("g.csv", "name,canonical,kind,parent\na,b,c,\n").unwrap_err();
        assert!(err.to_string().starts_with("g.csv:2:"), "{err}");
    }
}
