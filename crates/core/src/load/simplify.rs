//! The simplified view of a text written in traditional characters (繁體).
//!
//! Many government portals serve a traditional-script copy of every page. The
//! gazetteer, the surnames, the topic scheme and every pattern of the parser
//! are written in simplified characters, so matching runs on a simplified
//! *view* of the text, while records keep the characters as written.
//!
//! The view has exactly as many characters as the text, line for line, and
//! each character of the view has the UTF-8 length of the one it stands for,
//! so a character's position (and a byte range) in one is the same in the
//! other and every span stays exact. It is built from OpenCC's
//! traditional → simplified dictionaries (`data/opencc/`, compiled in): the
//! phrase dictionary first, where one traditional character has several
//! simplified ones (乾隆 stays 乾隆, 乾淨 becomes 干净), then the character
//! dictionary. Phrases that would change a line's length are not used.
//!
//! ```
//! use jiyao_core::load::simplify;
//! assert_eq!(simplify::to_simplified("蘇州市發展和改革委員會"), "苏州市发展和改革委员会");
//! assert_eq!(simplify::to_simplified("苏州市人民政府"), "苏州市人民政府");
//! assert_eq!(simplify::char_to_simplified('會'), '会');
//! assert_eq!(simplify::to_traditional("会议纪要"), "會議紀要");
//! ```

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// OpenCC's traditional → simplified characters, bundled from `data/opencc/TSCharacters.txt`.
pub const TS_CHARACTERS: &str = include_str!("../../../../data/opencc/TSCharacters.txt");
/// OpenCC's traditional → simplified phrases, bundled from `data/opencc/TSPhrases.txt`.
pub const TS_PHRASES: &str = include_str!("../../../../data/opencc/TSPhrases.txt");
/// OpenCC's simplified → traditional characters, bundled from `data/opencc/STCharacters.txt`.
pub const ST_CHARACTERS: &str = include_str!("../../../../data/opencc/STCharacters.txt");

/// The dictionaries, parsed once.
struct Converter {
    /// Every character whose simplified form differs (and has its UTF-8 length), with that form.
    chars: HashMap<char, char>,
    /// The traditional phrases and, in the same order, their simplified forms of equal shape.
    phrases: Option<AhoCorasick>,
    simplified_phrases: Vec<Vec<char>>,
}

/// The entries of an OpenCC dictionary: key and first value.
fn entries(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k, v.split(' ').next()?))
        })
}

/// Returns true when two strings have the same characters count and UTF-8 length character for character.
fn same_shape(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x.len_utf8() == y.len_utf8())
}

fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn char_table(text: &str) -> HashMap<char, char> {
    entries(text)
        .filter_map(|(k, v)| Some((single(k)?, single(v)?)))
        .filter(|(k, v)| k != v && k.len_utf8() == v.len_utf8())
        .collect()
}

fn converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let (keys, values): (Vec<&str>, Vec<Vec<char>>) = entries(TS_PHRASES)
            .filter(|(k, v)| same_shape(k, v))
            .map(|(k, v)| (k, v.chars().collect()))
            .unzip();
        Converter {
            chars: char_table(TS_CHARACTERS),
            phrases: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&keys)
                .ok(),
            simplified_phrases: values,
        }
    })
}

/// OpenCC's simplified → traditional characters that change, parsed once.
fn traditional_table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| char_table(ST_CHARACTERS))
}

/// Returns the simplified form of one character (itself when it has none).
pub fn char_to_simplified(c: char) -> char {
    converter().chars.get(&c).copied().unwrap_or(c)
}

/// Returns true when the text holds a character whose simplified form differs.
pub fn has_traditional(text: &str) -> bool {
    let table = &converter().chars;
    text.chars().any(|c| table.contains_key(&c))
}

/// The script a page is written in, decided for the page as a whole ([`script_of`]).
///
/// A simplified page may still write a name with a traditional character (the
/// seeds' 王颺); only a page in traditional script has its names read through
/// their simplified form for who is who.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Simplified characters (简体), the default, also for text with no Chinese at all.
    #[default]
    Simplified,
    /// Traditional characters (繁體).
    Traditional,
}

impl Script {
    /// Returns `simplified` or `traditional`, as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// How many characters of a text only one script writes: (traditional forms, simplified forms).
///
/// A traditional form is a character OpenCC's traditional → simplified
/// table changes (會); a simplified form, one its simplified → traditional
/// table changes and the other table leaves alone (会). Characters both
/// scripts write (政府, 市) count for neither.
pub fn script_counts(text: &str) -> (usize, usize) {
    let (to_simplified, to_traditional) = (&converter().chars, traditional_table());
    text.chars().fold((0, 0), |(t, s), c| {
        if to_simplified.contains_key(&c) {
            (t + 1, s)
        } else if to_traditional.contains_key(&c) {
            (t, s + 1)
        } else {
            (t, s)
        }
    })
}

/// Decides the script of a whole page: traditional when it holds more characters only traditional script writes than characters only simplified script writes.
///
/// The two counts are far apart on real pages, whatever their length: a
/// simplified page writes hundreds of simplified forms (会议, 发展, 区) and
/// at most a few traditional characters in names (王颺); a traditional page
/// the reverse, with a few characters such as 台 or 后 that the tables
/// count as simplified although traditional text writes them too. Text with
/// neither (ASCII, or only characters both scripts share) is simplified.
///
/// ```
/// use jiyao_core::load::simplify::{script_of, Script};
/// assert_eq!(script_of("區長方志強主持召開區政府第3次常務會議"), Script::Traditional);
/// assert_eq!(script_of("市长王颺主持召开市政府第3次常务会议"), Script::Simplified);
/// assert_eq!(script_of("2024"), Script::Simplified);
/// ```
pub fn script_of(text: &str) -> Script {
    let (traditional, simplified) = script_counts(text);
    if traditional > simplified {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// Returns the simplified view of a text: as many characters as the text, line for line,
/// each of the UTF-8 length of the character it stands for.
///
/// Text with no traditional character is returned unchanged.
pub fn to_simplified(text: &str) -> String {
    let conv = converter();
    if !text.chars().any(|c| conv.chars.contains_key(&c)) {
        return text.to_owned();
    }
    let mut out: Vec<char> = text
        .chars()
        .map(|c| conv.chars.get(&c).copied().unwrap_or(c))
        .collect();
    if let Some(ac) = &conv.phrases {
        // Phrases override the characters they cover; matches never cross a line break.
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for m in ac.find_iter(text) {
            let at = starts.partition_point(|&b| b < m.start());
            for (k, &c) in conv.simplified_phrases[m.pattern().as_usize()]
                .iter()
                .enumerate()
            {
                if let Some(slot) = out.get_mut(at + k) {
                    *slot = c;
                }
            }
        }
    }
    out.into_iter().collect()
}

/// Writes a simplified text in traditional characters, character by character (the first of OpenCC's forms).
///
/// Good enough to generate traditional-script pages for tests and the
/// synthetic corpus; it does not pick between several traditional forms by
/// context as OpenCC's phrase dictionaries would.
pub fn to_traditional(text: &str) -> String {
    let table = traditional_table();
    text.chars()
        .map(|c| table.get(&c).copied().unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Traditional text → its simplified view; the views keep the character count.
    #[test]
    fn traditional_lines_become_simplified_of_equal_length() {
        let cases = [
            ("無錫市人民政府常務會議紀要", "无锡市人民政府常务会议纪要"),
            (
                "出席：張國華 劉曉東 區財政局",
                "出席：张国华 刘晓东 区财政局",
            ),
            (
                "列席：市發展改革委、市衛健委",
                "列席：市发展改革委、市卫健委",
            ),
            (
                "會議聽取了市工信局關於《數字經濟發展規劃》的匯報",
                "会议听取了市工信局关于《数字经济发展规划》的汇报",
            ),
            ("記錄：趙麗\n請假：陳鋒", "记录：赵丽\n请假：陈锋"),
            ("苏州市人民政府常务会议纪要", "苏州市人民政府常务会议纪要"),
            (
                "ＡＢＣ 2024年 ｜ -- **出席**",
                "ＡＢＣ 2024年 ｜ -- **出席**",
            ),
            ("", ""),
        ];
        for (written, simplified) in cases {
            let got = to_simplified(written);
            assert_eq!(got, simplified, "{written}");
            assert_eq!(got.chars().count(), written.chars().count(), "{written}");
            assert_eq!(got.len(), written.len(), "{written}");
            assert_eq!(got.split('\n').count(), written.split('\n').count());
        }
    }

    #[test]
    fn single_characters_map_through_the_table() {
        for (t, s) in [
            ('會', '会'),
            ('議', '议'),
            ('區', '区'),
            ('縣', '县'),
            ('会', '会'),
            ('a', 'a'),
        ] {
            assert_eq!(char_to_simplified(t), s);
        }
        assert!(has_traditional("區政府"));
        assert!(!has_traditional("区政府"));
    }

    /// The page-level decision counts the characters only one script writes, and compares the two counts.
    #[test]
    fn the_script_of_a_page_is_the_one_more_of_its_characters_belong_to() {
        let cases = [
            // A simplified page that writes a name with a traditional character (the seeds' 王颺):
            // 颺 is traditional; 后 灵 杨 评 伟 总 会 锺 are simplified.
            (
                "出席：曹后灵 杨知评 王颺 周伟\n列席：市总工会都锺邑",
                (1, 8),
                Script::Simplified,
            ),
            // The same lines in traditional script: 靈 楊 評 颺 偉 總 會 鍾; 后 counts as
            // simplified, though traditional text writes it too (皇后).
            (
                "出席：曹后靈 楊知評 王颺 周偉\n列席：市總工會都鍾邑",
                (8, 1),
                Script::Traditional,
            ),
            // 區 長 強 開 區 務 會 議.
            (
                "區長方志強主持召開區政府第3次常務會議",
                (8, 0),
                Script::Traditional,
            ),
            // 苏 is simplified (蘇).
            ("苏州市人民政府", (0, 1), Script::Simplified),
            ("州市人民政府", (0, 0), Script::Simplified),
            ("2024 ABC", (0, 0), Script::Simplified),
            ("", (0, 0), Script::Simplified),
        ];
        for (text, counts, script) in cases {
            assert_eq!(script_counts(text), counts, "{text}");
            assert_eq!(script_of(text), script, "{text}");
        }
        assert_eq!(Script::Traditional.as_str(), "traditional");
        assert_eq!(Script::default(), Script::Simplified);
    }
}
