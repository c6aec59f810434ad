//! Bytes to text: encoding detection, HTML to text, the simplified view of traditional script, and a map from text lines back to the original.
//!
//! This is the only stage of the core that touches the file system ([`read`]).
//! Everything after it works on a [`Source`]: decoded text with `\n` line ends,
//! its simplified view ([`Source::simplified`], equal to the text unless the
//! page is in traditional script) and, for each of its lines, the line of the
//! original file it came from.
//!
//! ```
//! let bytes = "\u{feff}苏州市人民政府\r\n常务会议纪要\r\n".as_bytes();
//! let src = jiyao_core::load::decode("a.txt", bytes).unwrap();
//! assert_eq!(src.text, "苏州市人民政府\n常务会议纪要\n");
//! assert_eq!(src.encoding, jiyao_core::load::TextEncoding::Utf8Bom);
//! ```

mod decode;
mod html;
pub mod simplify;
mod walk;

pub use decode::TextEncoding;
pub use walk::files_under;

use crate::diag::{Code, Diagnostic};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What kind of document the bytes were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, possibly with Markdown residue.
    Text,
    /// An HTML page; its text was extracted.
    Html,
}

/// A decoded document, ready for parsing.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name used in every diagnostic and record: the file name as given.
    pub name: String,
    /// The path it was read from, if it came from a file.
    pub path: Option<PathBuf>,
    /// The detected encoding.
    pub encoding: TextEncoding,
    /// Text or HTML.
    pub format: Format,
    /// The text as written, with `\n` line ends and no byte-order mark.
    pub text: String,
    /// The simplified view of `text`: the same lines, the same characters count
    /// and the same byte length character for character, with every traditional
    /// character replaced by its simplified form. Matching runs on this view;
    /// records keep the characters of `text`.
    pub simplified: String,
    /// The script the page is written in, decided once for the whole text
    /// ([`simplify::script_of`]). Who is who reads the names of a traditional
    /// page through their simplified form (蔡劍峰 is the 蔡剑峰 of a simplified
    /// page); a simplified page's names are kept as written, traditional
    /// characters included (王颺).
    pub script: simplify::Script,
    /// For each line of `text` (0-based), the 1-based line of the original file.
    pub line_map: Vec<u32>,
    /// Notes made while decoding (encoding guesses, replaced bytes).
    pub diagnostics: Vec<Diagnostic>,
}

impl Source {
    /// Returns the original 1-based line of the 0-based text line `index`.
    pub fn original_line(&self, index: usize) -> u32 {
        self.line_map
            .get(index)
            .copied()
            .unwrap_or_else(|| self.line_map.last().copied().unwrap_or(0) + 1)
    }
}

/// Why a file could not be turned into text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not text (they hold NUL bytes outside any UTF-16 encoding).
    #[error("{name}: not a text file (binary data at byte {offset})")]
    Binary {
        /// The file.
        name: String,
        /// The offset of the first NUL byte.
        offset: usize,
    },
}

/// Reads and decodes one file.
pub fn read(path: &Path) -> Result<Source, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut src = decode(&name, &bytes)?;
    src.path = Some(path.to_owned());
    Ok(src)
}

/// Lists the files of a directory, sorted by path, skipping hidden files and directories (names starting with `.`).
///
/// With `recursive`, the files of its subdirectories are listed too;
/// without, subdirectories are left out.
pub fn files(dir: &Path, recursive: bool) -> Result<Vec<PathBuf>, LoadError> {
    let mut stack = vec![dir.to_owned()];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        let io = |source| LoadError::Io {
            path: dir.clone(),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                if recursive {
                    stack.push(path);
                }
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Decodes bytes into a [`Source`]: detects the encoding, normalises line ends and extracts the text of HTML pages.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Source, LoadError> {
    let decoded = decode::decode_bytes(name, bytes)?;
    let mut diagnostics = decoded.diagnostics;
    let text = normalise_newlines(&decoded.text);
    let is_html = html::looks_like_html(name, &text);
    let (text, line_map, format) = if is_html {
        let (t, m) = html::to_text(&text);
        (t, m, Format::Html)
    } else {
        let lines = text.split('\n').count() as u32;
        (text, (1..=lines).collect(), Format::Text)
    };
    if is_html && text.trim().is_empty() {
        diagnostics.push(Diagnostic::new(
            name,
            crate::diag::Severity::Warning,
            Code::EmptyHtml,
            "the HTML page holds no text",
            crate::diag::Span::point(1, 1),
        ));
    }
    let simplified = simplify::to_simplified(&text);
    let script = simplify::script_of(&text);
    Ok(Source {
        name: name.to_owned(),
        path: None,
        encoding: decoded.encoding,
        format,
        simplified,
        script,
        text,
        line_map,
        diagnostics,
    })
}

fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_sorted_without_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "b.txt",
            "a.html",
            ".hidden",
            "sub/c.txt",
            "sub/deeper/d.txt",
            ".git/e.txt",
        ] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        let names = |recursive| -> Vec<String> {
            files(d, recursive)
                .unwrap()
                .iter()
                .map(|p| {
                    p.strip_prefix(d)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .collect()
        };
        assert_eq!(names(false), vec!["a.html", "b.txt"]);
        assert_eq!(
            names(true),
            vec!["a.html", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]
        );
        let missing = files(&d.join("nope"), true).unwrap_err();
        assert!(
            missing.to_string().contains("nope: cannot read"),
            "{missing}"
        );
    }

    #[test]
    fn crlf_and_lone_cr_become_newlines() {
        assert_eq!(normalise_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn traditional_pages_get_a_simplified_view_of_equal_shape() {
        let src = decode("a.txt", "無錫市人民政府\n常務會議紀要\n".as_bytes()).unwrap();
        assert_eq!(src.text, "無錫市人民政府\n常務會議紀要\n");
        assert_eq!(src.simplified, "无锡市人民政府\n常务会议纪要\n");
        assert_eq!(src.script, simplify::Script::Traditional);
        let plain = decode("b.txt", "苏州市人民政府".as_bytes()).unwrap();
        assert_eq!(plain.simplified, plain.text);
        assert_eq!(plain.script, simplify::Script::Simplified);
    }

    #[test]
    fn line_map_of_text_is_identity() {
        let src = decode("a.txt", "x\ny\nz".as_bytes()).unwrap();
        assert_eq!(src.line_map, vec![1, 2, 3]);
        assert_eq!(src.format, Format::Text);
    }
}
