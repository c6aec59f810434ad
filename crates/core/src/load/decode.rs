//! Encoding detection: byte-order marks first, then strict UTF-8, then GB18030, then a declared charset.

use super::LoadError;
use crate::diag::{Code, Diagnostic, Severity, Span};
use serde::Serialize;

/// The encoding a file was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// Another encoding named by an HTML `charset` declaration.
    Declared(&'static str),
    /// Not valid in any encoding tried: decoded as UTF-8 with replacement characters.
    Lossy,
}

pub(super) struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    pub diagnostics: Vec<Diagnostic>,
}

pub(super) fn decode_bytes(name: &str, bytes: &[u8]) -> Result<Decoded, LoadError> {
    let mut diagnostics = Vec::new();
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let encoding = if enc == encoding_rs::UTF_8 {
            TextEncoding::Utf8Bom
        } else if enc == encoding_rs::UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        if had_errors {
            diagnostics.push(replaced(name));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            diagnostics,
        });
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(LoadError::Binary {
            name: name.to_owned(),
            offset,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: TextEncoding::Utf8,
            diagnostics,
        });
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if !had_errors {
        diagnostics.push(Diagnostic::new(
            name,
            Severity::Info,
            Code::Encoding,
            "not UTF-8; decoded as GB18030",
            Span::point(1, 1),
        ));
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: TextEncoding::Gb18030,
            diagnostics,
        });
    }
    if let Some(enc) = declared_charset(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            diagnostics.push(replaced(name));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: TextEncoding::Declared(enc.name()),
            diagnostics,
        });
    }
    diagnostics.push(replaced(name));
    Ok(Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: TextEncoding::Lossy,
        diagnostics,
    })
}

fn replaced(name: &str) -> Diagnostic {
    Diagnostic::new(
        name,
        Severity::Warning,
        Code::Encoding,
        "bytes invalid in every encoding tried were replaced with U+FFFD",
        Span::point(1, 1),
    )
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Finds `charset=NAME` in the first 4 KiB, as HTML pages declare it.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(bytes: &[u8]) -> TextEncoding {
        decode_bytes("t", bytes).unwrap().encoding
    }

    #[test]
    fn detects_each_encoding() {
        let text = "市工信局蔡剑峰 韩飏 王矗 都锺邑";
        assert_eq!(enc(text.as_bytes()), TextEncoding::Utf8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(enc(&bom), TextEncoding::Utf8Bom);
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        let d = decode_bytes("t", &gb).unwrap();
        assert_eq!(d.encoding, TextEncoding::Gb18030);
        assert_eq!(d.text, text);
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_bytes("t", &le).unwrap().text, text);
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert!(matches!(
            decode_bytes("x.bin", b"ab\0cd"),
            Err(LoadError::Binary { offset: 2, .. })
        ));
    }

    #[test]
    fn declared_charset_is_read() {
        let enc = declared_charset(b"<meta charset=\"gbk\">").unwrap();
        assert_eq!(enc, encoding_rs::GBK);
    }
}
