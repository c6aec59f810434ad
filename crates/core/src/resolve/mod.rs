//! Names to entities: the department gazetteer, China's places, the rules of department short forms, the surname list and the topic scheme.
//!
//! These are curated data kept in `data/` and compiled into the binary, so that
//! `jiyao` works from any directory; [`Resources::from_dir`] reads an edited
//! copy instead. The core never reads them from disk on its own.
//!
//! ```
//! let res = jiyao_core::resolve::Resources::bundled();
//! let chars: Vec<char> = "市工信局蔡剑峰".chars().collect();
//! let (len, org) = res.gazetteer.longest_at(&chars, 0).unwrap();
//! assert_eq!(len, 4);
//! assert_eq!(res.gazetteer.org(org).canonical, "苏州市工业和信息化局");
//! assert_eq!(res.surnames.surname_len(&chars[4..]), Some(1));
//! ```

pub mod branches;
mod gazetteer;
pub mod links;
pub mod names;
mod surnames;
mod topics;

pub use gazetteer::{Gazetteer, Org, OrgId, OrgKind};
pub use names::{Jurisdiction, Level, NameRules, PlaceRow, Places};
pub use surnames::Surnames;
pub use topics::{Topic, TopicScheme};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Why a data file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A row is malformed.
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file, as named in `data/`.
        file: String,
        /// The 1-based line of the row.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

/// Every curated table the extractor needs.
#[derive(Debug)]
pub struct Resources {
    /// Departments and other organisations, by every name minutes use for them.
    pub gazetteer: Gazetteer,
    /// China's provinces, cities and county-level divisions.
    pub places: Places,
    /// The standard short forms of departments, expanded with the issuer's place.
    pub names: NameRules,
    /// Chinese surnames, single and compound.
    pub surnames: Surnames,
    /// The policy-topic scheme.
    pub topics: TopicScheme,
}

/// The gazetteer bundled at build time from `data/gazetteer.csv`.
pub const GAZETTEER_CSV: &str = include_str!("../../../../data/gazetteer.csv");
/// China's places, bundled at build time from `data/places.csv`.
pub const PLACES_CSV: &str = include_str!("../../../../data/places.csv");
/// Divisions no longer on today's list, with their years, bundled at build time from `data/places_history.csv`.
pub const PLACES_HISTORY_CSV: &str = include_str!("../../../../data/places_history.csv");
/// The rules of department short forms, bundled at build time from `data/abbreviations.csv`.
pub const ABBREVIATIONS_CSV: &str = include_str!("../../../../data/abbreviations.csv");
/// The surname list bundled at build time from `data/surnames.txt`.
pub const SURNAMES_TXT: &str = include_str!("../../../../data/surnames.txt");
/// The topic scheme bundled at build time from `data/topics.csv`.
pub const TOPICS_CSV: &str = include_str!("../../../../data/topics.csv");

impl Resources {
    /// Returns the tables bundled into the binary, parsed once per process.
    pub fn bundled() -> &'static Resources {
        static BUNDLED: OnceLock<Resources> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            Resources::from_strs(GAZETTEER_CSV, SURNAMES_TXT, TOPICS_CSV)
                .expect("the bundled data files are checked by the test suite")
        })
    }

    /// Parses the three tables from their text, with the bundled places and short-form rules.
    pub fn from_strs(gazetteer: &str, surnames: &str, topics: &str) -> Result<Self, ResolveError> {
        Ok(Resources {
            gazetteer: Gazetteer::from_csv("gazetteer.csv", gazetteer)?,
            places: Places::from_csv("places.csv", PLACES_CSV)?
                .with_history("places_history.csv", PLACES_HISTORY_CSV)?,
            names: NameRules::from_csv("abbreviations.csv", ABBREVIATIONS_CSV)?,
            surnames: Surnames::from_text(surnames),
            topics: TopicScheme::from_csv("topics.csv", topics)?,
        })
    }

    /// Reads `gazetteer.csv`, `surnames.txt` and `topics.csv` from a directory, and
    /// `places.csv` and `abbreviations.csv` when it has them (the bundled ones otherwise).
    pub fn from_dir(dir: &Path) -> Result<Self, ResolveError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| ResolveError::Io { path, source })
        };
        let mut r = Resources::from_strs(
            &read("gazetteer.csv")?,
            &read("surnames.txt")?,
            &read("topics.csv")?,
        )?;
        if dir.join("places.csv").is_file() {
            r.places = Places::from_csv("places.csv", &read("places.csv")?)?
                .with_history("places_history.csv", PLACES_HISTORY_CSV)?;
        }
        if dir.join("abbreviations.csv").is_file() {
            r.names = NameRules::from_csv("abbreviations.csv", &read("abbreviations.csv")?)?;
        }
        Ok(r)
    }
}

/// Folds the width and quote variants that minutes mix, one character for one character.
///
/// Full-width ASCII becomes ASCII, curly quotes become straight ones and the
/// ideographic space becomes a space. Lookups compare folded characters, so
/// `市“331”专班` and `市"331"专班` find the same organisation.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '“' | '”' | '„' | '〝' | '〞' => '"',
        '‘' | '’' => '\'',
        '\u{3000}' | '\u{a0}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_parses() {
        let r = Resources::bundled();
        assert!(r.gazetteer.len() > 100);
        assert!(r.surnames.len() > 400);
        assert!(r.topics.len() >= 30);
        assert!(r.places.len() > 3000);
        assert!(r.names.len() > 60);
    }

    #[test]
    fn fold_maps_width_and_quotes() {
        let s: String = "（一）：“331”".chars().map(fold).collect();
        assert_eq!(s, "(一):\"331\"");
    }
}
pub mod people;
