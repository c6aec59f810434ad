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
//! other and every span stays exact. It uses OpenCC's traditional → simplified dictionaries (through
//! the pure-Rust `ferrous-opencc` crate, which compiles them in): a line that
//! holds a traditional character is converted by OpenCC as a whole, so its
//! phrase dictionary picks the right character where one traditional
//! character has several simplified ones; if that ever changed the line's
//! length, the line is converted character by character instead.
//!
//! ```
//! use jiyao_core::load::simplify;
//! assert_eq!(simplify::to_simplified("蘇州市發展和改革委員會"), "苏州市发展和改革委员会");
//! assert_eq!(simplify::to_simplified("苏州市人民政府"), "苏州市人民政府");
//! assert_eq!(simplify::char_to_simplified('會'), '会');
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// The OpenCC converter and a table of the single characters it changes.
struct Converter {
    opencc: Option<ferrous_opencc::OpenCC>,
    /// Every character in the CJK blocks whose simplified form differs, with that form.
    chars: HashMap<char, char>,
}

/// The CJK blocks scanned for traditional characters: the unified ideographs,
/// extension A and the compatibility ideographs.
const BLOCKS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

fn converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let opencc =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok();
        let mut chars = HashMap::new();
        if let Some(cc) = &opencc {
            // One conversion of all the characters, separated by newlines (which OpenCC
            // leaves alone), instead of one call per character.
            let all: Vec<char> = BLOCKS
                .iter()
                .flat_map(|&(a, z)| (a..=z).filter_map(char::from_u32))
                .collect();
            let joined: String = all.iter().flat_map(|&c| [c, '\n']).collect();
            let converted = cc.convert(&joined);
            let lines: Vec<&str> = converted.split('\n').collect();
            for (k, &c) in all.iter().enumerate() {
                let mut it = lines.get(k).copied().unwrap_or("").chars();
                if let (Some(s), None) = (it.next(), it.next()) {
                    if s != c && s.len_utf8() == c.len_utf8() {
                        chars.insert(c, s);
                    }
                }
            }
        }
        Converter { opencc, chars }
    })
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

/// Returns the simplified view of a text: as many characters as the text, line for line.
///
/// Text with no traditional character is returned unchanged.
pub fn to_simplified(text: &str) -> String {
    let conv = converter();
    if !text.chars().any(|c| conv.chars.contains_key(&c)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str(&simplify_line(conv, line));
    }
    out
}

fn simplify_line(conv: &Converter, line: &str) -> String {
    if !line.chars().any(|c| conv.chars.contains_key(&c)) {
        return line.to_owned();
    }
    if let Some(cc) = &conv.opencc {
        let whole = cc.convert(line);
        if whole.chars().count() == line.chars().count() {
            // Keep the byte length of every character, so byte ranges are shared.
            return line
                .chars()
                .zip(whole.chars())
                .map(|(w, s)| if s.len_utf8() == w.len_utf8() { s } else { w })
                .collect();
        }
    }
    line.chars()
        .map(|c| conv.chars.get(&c).copied().unwrap_or(c))
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
}
