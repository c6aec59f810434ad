//! The small pieces of HTTP the server needs: percent-decoding, forms, the `Accept` header, and answers.
//!
//! Everything here is pure: it reads strings and builds responses, and never
//! fails on bad input (a malformed escape decodes to itself, an unreadable
//! `Accept` header accepts anything).

use oxhttp::model::header::{HeaderValue, ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_TYPE};
use oxhttp::model::{Body, Response, StatusCode};

/// Decodes `%XX` escapes (and `+` as a space when `plus` is set); invalid escapes and invalid UTF-8 are kept as they are, lossily.
pub fn percent_decode(s: &str, plus: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses `application/x-www-form-urlencoded` text (also a URL's query string) into name–value pairs, in order.
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters, for links.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Returns the media ranges of an `Accept` header, best first (stable among equal weights); `*/*` when the header is absent or empty.
pub fn accepted(header: Option<&str>) -> Vec<String> {
    let mut ranges: Vec<(f32, usize, String)> = Vec::new();
    for (k, part) in header.unwrap_or("").split(',').enumerate() {
        let mut pieces = part.split(';');
        let range = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        if range.is_empty() {
            continue;
        }
        let mut q = 1.0f32;
        for p in pieces {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(1.0);
            }
        }
        if q > 0.0 {
            ranges.push((q, k, range));
        }
    }
    if ranges.is_empty() {
        return vec!["*/*".to_owned()];
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, r)| r).collect()
}

/// Builds a response with a body and a content type; every answer carries the CORS header.
pub fn respond(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response<Body> {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(CONTENT_TYPE, v);
    }
    r.headers_mut()
        .insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    r
}

/// Builds a plain-text answer, for errors.
pub fn text(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    let mut m = message.into();
    if !m.ends_with('\n') {
        m.push('\n');
    }
    respond(status, "text/plain; charset=utf-8", m)
}

/// Builds a JSON answer.
pub fn json<T: serde::Serialize>(value: &T) -> Response<Body> {
    match serde_json::to_vec(value) {
        Ok(v) => respond(StatusCode::OK, "application/json; charset=utf-8", v),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write JSON: {e}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes_and_forms() {
        assert_eq!(
            percent_decode("%E8%94%A1%E5%89%91%E5%B3%B0", false),
            "蔡剑峰"
        );
        assert_eq!(percent_decode("a+b%20c", true), "a b c");
        assert_eq!(percent_decode("a+b", false), "a+b");
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%zz%4", true), "%zz%4");
        assert_eq!(percent_decode("%FF", true), "\u{fffd}");
        assert_eq!(
            parse_form("query=ASK+%7B%7D&default-graph-uri=http%3A%2F%2Fa&&x"),
            vec![
                ("query".to_owned(), "ASK {}".to_owned()),
                ("default-graph-uri".to_owned(), "http://a".to_owned()),
                ("x".to_owned(), String::new())
            ]
        );
        assert_eq!(percent_encode("a b/蔡"), "a%20b%2F%E8%94%A1");
    }

    #[test]
    fn orders_accept_ranges_by_weight() {
        assert_eq!(accepted(None), vec!["*/*"]);
        assert_eq!(
            accepted(Some(
                "text/csv;q=0.5, application/sparql-results+json, */*;q=0.1"
            )),
            vec!["application/sparql-results+json", "text/csv", "*/*"]
        );
        assert_eq!(
            accepted(Some("text/turtle;q=0, text/csv")),
            vec!["text/csv"]
        );
        assert_eq!(
            html_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
