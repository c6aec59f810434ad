//! Text that remembers where each of its characters came from.
//!
//! Parsing joins lines (a paragraph broken by a page break, an attendance list
//! spread over many lines) and drops Markdown residue; a [`Text`] keeps, for
//! every character it holds, its line and column in the original file, so any
//! slice of it can be reported as a [`Span`].
//!
//! A text read from a traditional-script page has two layers: the simplified
//! view ([`Text::as_str`]), which every pattern and lookup matches against, and
//! the characters as written ([`Text::written`]), which records keep. The two
//! have the same characters count and the same byte length character for
//! character (see [`crate::load::simplify`]), so a byte range found in the view
//! is the same range of the written text ([`Text::written_range`]).

use crate::diag::{Pos, Span};
use serde::{Serialize, Serializer};

/// A string plus the original position of each of its characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    text: String,
    /// For each character: its byte offset in `text` and its original position.
    chars: Vec<(u32, Pos)>,
    /// The characters as written, when they differ from `text` (same byte length, char for char).
    written: Option<String>,
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.written())
    }
}

impl Text {
    /// Returns the string to match against: the simplified view of what was written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Returns the characters as written (equal to [`Text::as_str`] unless the page was in traditional script).
    pub fn written(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.text)
    }

    /// Returns the characters as written at the bytes `start..end` of the view [`Text::as_str`].
    ///
    /// `start..end` must be char boundaries of the view, as any range found in it is.
    pub fn written_range(&self, start: usize, end: usize) -> &str {
        &self.written()[start..end]
    }

    /// Returns the characters as written at the bytes `start..end` of the view, owned.
    pub fn written_string(&self, start: usize, end: usize) -> String {
        self.written_range(start, end).to_owned()
    }

    /// Returns true when the text holds no character.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends a character that came from `pos`.
    pub fn push(&mut self, c: char, pos: Pos) {
        self.push_written(c, c, pos);
    }

    /// Builds a text from a string as if it were a file of its own: each character at its line and column (from 1), lines split at `\n`.
    ///
    /// The line end after each line but the last is kept, at the column after
    /// the line's last character; with `end_last_line`, the last line gets one
    /// too, as a section read from a file would.
    ///
    /// ```
    /// use jiyao_core::parse::Text;
    /// let t = Text::from_lines("甲\n乙丙", true);
    /// assert_eq!(t.as_str(), "甲\n乙丙\n");
    /// let last = t.span_of(7, 10); // 丙
    /// assert_eq!((last.line, last.col), (2, 2));
    /// assert_eq!(Text::from_lines("甲\n乙丙", false).as_str(), "甲\n乙丙");
    /// ```
    pub fn from_lines(s: &str, end_last_line: bool) -> Text {
        let mut text = Text::default();
        let mut lines = s.split('\n').enumerate().peekable();
        while let Some((l, line)) = lines.next() {
            let line_no = l as u32 + 1;
            let mut cols = 0;
            for (c, ch) in line.chars().enumerate() {
                text.push(
                    ch,
                    Pos {
                        line: line_no,
                        col: c as u32 + 1,
                    },
                );
                cols = c as u32 + 1;
            }
            if end_last_line || lines.peek().is_some() {
                text.push(
                    '\n',
                    Pos {
                        line: line_no,
                        col: cols + 1,
                    },
                );
            }
        }
        text
    }

    /// Appends a character whose simplified view is `view` and which was written `written`.
    ///
    /// When the two differ in UTF-8 length the written character is kept in both
    /// layers, so byte ranges stay shared.
    pub fn push_written(&mut self, view: char, written: char, pos: Pos) {
        let view = if view.len_utf8() == written.len_utf8() {
            view
        } else {
            written
        };
        if view != written && self.written.is_none() {
            self.written = Some(self.text.clone());
        }
        self.chars.push((self.text.len() as u32, pos));
        self.text.push(view);
        if let Some(w) = &mut self.written {
            w.push(written);
        }
    }

    /// Appends another text, keeping its positions.
    pub fn append(&mut self, other: &Text) {
        let base = self.text.len() as u32;
        if other.written.is_some() && self.written.is_none() {
            self.written = Some(self.text.clone());
        }
        if let Some(w) = &mut self.written {
            w.push_str(other.written());
        }
        self.text.push_str(&other.text);
        self.chars
            .extend(other.chars.iter().map(|&(b, p)| (b + base, p)));
    }

    /// Returns the position of the character at byte offset `byte` (or of the last one, past the end).
    pub fn pos_at(&self, byte: usize) -> Pos {
        let k = self.chars.partition_point(|&(b, _)| (b as usize) < byte);
        self.chars
            .get(k)
            .or_else(|| self.chars.last())
            .map(|&(_, p)| p)
            .unwrap_or_default()
    }

    /// Returns the span of the bytes `start..end` (end exclusive; must be char boundaries).
    pub fn span_of(&self, start: usize, end: usize) -> Span {
        if self.chars.is_empty() {
            return Span::default();
        }
        let first = self.pos_at(start);
        let k = self
            .chars
            .partition_point(|&(b, _)| (b as usize) < end.max(start + 1));
        let last = self.chars[k.saturating_sub(1).min(self.chars.len() - 1)].1;
        Span::covering(first, last)
    }

    /// Returns the span of the whole text.
    pub fn span(&self) -> Span {
        self.span_of(0, self.text.len())
    }

    /// Returns the sub-text of the bytes `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> Text {
        let a = self.chars.partition_point(|&(b, _)| (b as usize) < start);
        let z = self.chars.partition_point(|&(b, _)| (b as usize) < end);
        let written = self
            .written
            .as_ref()
            .map(|w| w[start..end].to_owned())
            .filter(|w| *w != self.text[start..end]);
        Text {
            written,
            text: self.text[start..end].to_owned(),
            chars: self.chars[a..z]
                .iter()
                .map(|&(b, p)| (b - start as u32, p))
                .collect(),
        }
    }

    /// Returns the sub-text with leading and trailing whitespace removed.
    pub fn trim(&self) -> Text {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len();
        if start >= end {
            return Text::default();
        }
        self.slice(start, end)
    }

    /// Returns the original position of the last character, if any.
    pub fn last_pos(&self) -> Option<Pos> {
        self.chars.last().map(|&(_, p)| p)
    }

    /// Returns each character of the view with its original position.
    pub fn chars_with_pos(&self) -> impl Iterator<Item = (char, Pos)> + '_ {
        self.text.chars().zip(self.chars.iter().map(|&(_, p)| p))
    }

    /// Returns each character of the view, the character as written, and its original position.
    pub fn chars_written_with_pos(&self) -> impl Iterator<Item = (char, char, Pos)> + '_ {
        self.text
            .chars()
            .zip(self.written().chars())
            .zip(self.chars.iter().map(|&(_, p)| p))
            .map(|((v, w), p)| (v, w, p))
    }
}

/// One line of the source after Markdown residue and surrounding blanks were removed.
#[derive(Clone, Debug)]
pub struct Line {
    /// The 0-based index of the line in the decoded text.
    pub index: usize,
    /// The cleaned line, with the original position of each character.
    pub text: Text,
}

/// Cleans one line: drops trailing blanks, heading marks (`#`), emphasis (`**`, `__`), rules (`---`) and leading indentation.
pub fn clean_line(index: usize, original_line: u32, raw: &str) -> Line {
    clean_line_written(index, original_line, raw, raw)
}

/// Cleans one line given its simplified view `raw` and the line as written (same characters count).
///
/// The cleaning is decided on the view; the result keeps both layers. If the two
/// lines differ in length the written line is used for both.
pub fn clean_line_written(index: usize, original_line: u32, raw: &str, written: &str) -> Line {
    let raw = if raw.chars().count() == written.chars().count() {
        raw
    } else {
        written
    };
    let written: Vec<char> = written.chars().collect();
    let chars: Vec<char> = raw.chars().collect();
    let mut keep = vec![true; chars.len()];
    let is_blank = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}';
    // A thematic break: three or more of one of -, *, _ and nothing else.
    let visible: Vec<char> = chars.iter().copied().filter(|&c| !is_blank(c)).collect();
    if visible.len() >= 3 && visible.iter().all(|&c| c == visible[0]) && "-*_=".contains(visible[0])
    {
        return Line {
            index,
            text: Text::default(),
        };
    }
    // Heading marks at the start of the line.
    let mut k = chars.iter().take_while(|&&c| is_blank(c)).count();
    let hashes = chars[k..].iter().take_while(|&&c| c == '#').count();
    if hashes > 0 && hashes <= 6 && chars.get(k + hashes).is_none_or(|&c| is_blank(c)) {
        for flag in keep.iter_mut().skip(k).take(hashes) {
            *flag = false;
        }
        k += hashes;
    }
    let _ = k;
    // Emphasis markers: ** and __ pairs anywhere.
    let mut i = 0;
    while i + 1 < chars.len() {
        if (chars[i] == '*' && chars[i + 1] == '*') || (chars[i] == '_' && chars[i + 1] == '_') {
            keep[i] = false;
            keep[i + 1] = false;
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut text = Text::default();
    for (col, (&c, &kept)) in chars.iter().zip(&keep).enumerate() {
        if kept && c != '\u{feff}' {
            text.push_written(
                c,
                written[col],
                Pos {
                    line: original_line,
                    col: col as u32 + 1,
                },
            );
        }
    }
    Line {
        index,
        text: text.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_lines_places_every_character_and_line_end() {
        let at = |t: &Text| -> Vec<(u32, u32)> {
            (0..t.as_str().len())
                .map(|b| {
                    let s = t.span_of(b, b + 1);
                    (s.line, s.col)
                })
                .collect()
        };
        let t = Text::from_lines("ab\nc", true);
        assert_eq!(t.as_str(), "ab\nc\n");
        assert_eq!(at(&t), [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]);
        let t = Text::from_lines("ab\nc", false);
        assert_eq!(t.as_str(), "ab\nc");
        assert_eq!(at(&t), [(1, 1), (1, 2), (1, 3), (2, 1)]);
        assert_eq!(Text::from_lines("", true).as_str(), "\n");
        assert!(Text::from_lines("", false).is_empty());
    }

    fn clean(raw: &str) -> (String, Span) {
        let l = clean_line(0, 7, raw);
        (l.text.as_str().to_owned(), l.text.span())
    }

    #[test]
    fn markdown_residue_is_removed_and_columns_kept() {
        let cases = [
            (
                "**出席：**李亚平 王翔  ",
                "出席：李亚平 王翔",
                Span {
                    line: 7,
                    col: 3,
                    end_line: 7,
                    end_col: 14,
                },
            ),
            (
                "#### **四、听取汇报**",
                "四、听取汇报",
                Span {
                    line: 7,
                    col: 8,
                    end_line: 7,
                    end_col: 14,
                },
            ),
            (
                "# 苏州市人民政府",
                "苏州市人民政府",
                Span {
                    line: 7,
                    col: 3,
                    end_line: 7,
                    end_col: 10,
                },
            ),
            ("---", "", Span::default()),
            (
                "　　（一）原则同意",
                "（一）原则同意",
                Span {
                    line: 7,
                    col: 3,
                    end_line: 7,
                    end_col: 10,
                },
            ),
            (
                "市委编办  ",
                "市委编办",
                Span {
                    line: 7,
                    col: 1,
                    end_line: 7,
                    end_col: 5,
                },
            ),
        ];
        for (raw, text, span) in cases {
            assert_eq!(clean(raw), (text.to_owned(), span), "{raw:?}");
        }
    }

    #[test]
    fn slices_keep_positions() {
        let l = clean_line(0, 3, "出席：李亚平");
        let s = l.text.slice("出席：".len(), l.text.as_str().len());
        assert_eq!(s.as_str(), "李亚平");
        assert_eq!(
            s.span(),
            Span {
                line: 3,
                col: 4,
                end_line: 3,
                end_col: 7
            }
        );
    }
}
