//! The same minutes as users have them — GB18030, CRLF with a byte-order mark, an HTML page — give the same records; and no input makes the extractor panic, whatever its form (the seeds and the forms fixtures, mutated, in simplified and traditional script).

mod common;

use common::{extract_bytes, seed, seed_bytes, SEEDS};
use jiyao_core::diag::Code;
use jiyao_core::extract::Extraction;
use proptest::prelude::*;

/// The records of an extraction with positions reduced to lines (HTML columns count text, not markup).
fn records(x: &Extraction, keep_columns: bool) -> String {
    let mut x = x.clone();
    x.file = String::new();
    x.encoding = jiyao_core::load::TextEncoding::Utf8;
    x.format = jiyao_core::load::Format::Text;
    x.diagnostics.retain(|d| d.code != Code::Encoding);
    let mut v = serde_json::to_value(&x).unwrap();
    fn strip(v: &mut serde_json::Value, keep_columns: bool) {
        match v {
            serde_json::Value::Object(map) => {
                if !keep_columns {
                    map.remove("col");
                    map.remove("end_col");
                }
                map.remove("file");
                for (_, x) in map.iter_mut() {
                    strip(x, keep_columns);
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strip(x, keep_columns)),
            _ => {}
        }
    }
    strip(&mut v, keep_columns);
    serde_json::to_string_pretty(&v).unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Renders a seed as an HTML page whose lines match the seed's lines: head, script and navigation on line 1.
fn as_html(text: &str) -> String {
    let mut out = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>纪要</title><script>var nav = '<p>首页</p>';</script></head><body><nav><a href=\"/\">首页</a> | 政务公开</nav><div class=\"breadcrumb\">当前位置：首页 &gt; 常务会议纪要</div>");
    let mut in_attendance = false;
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let stripped = line.trim_start_matches(['*', '#', ' ']);
        if stripped.starts_with("出席") {
            in_attendance = true;
        }
        if stripped.ends_with("整理") {
            in_attendance = false;
        }
        if in_attendance {
            // Attendance lines as <br>-separated text with &nbsp; between records.
            out.push_str(&escape(line).replace(' ', "&nbsp;"));
            out.push_str("<br>");
        } else {
            out.push_str(&format!("<p>{}</p>", escape(line)));
        }
    }
    out.push_str("<footer>版权所有 苏州市人民政府</footer></body></html>\n");
    out
}

#[test]
fn gb18030_gives_identical_records() {
    for stem in SEEDS {
        let text = String::from_utf8(seed_bytes(stem)).unwrap();
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let x = extract_bytes(&format!("{stem}.txt"), &gb);
        assert_eq!(x.encoding, jiyao_core::load::TextEncoding::Gb18030);
        assert_eq!(records(&x, true), records(&seed(stem), true), "{stem}");
    }
}

#[test]
fn crlf_with_bom_gives_identical_records() {
    for stem in SEEDS {
        let text = String::from_utf8(seed_bytes(stem)).unwrap();
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
        let x = extract_bytes(&format!("{stem}.txt"), &bytes);
        assert_eq!(x.encoding, jiyao_core::load::TextEncoding::Utf8Bom);
        assert_eq!(records(&x, true), records(&seed(stem), true), "{stem}");
    }
}

#[test]
fn html_gives_identical_records_on_the_same_lines() {
    for stem in SEEDS {
        let text = String::from_utf8(seed_bytes(stem)).unwrap();
        let html = as_html(&text);
        let x = extract_bytes(&format!("{stem}.html"), html.as_bytes());
        assert_eq!(x.format, jiyao_core::load::Format::Html);
        assert_eq!(records(&x, false), records(&seed(stem), false), "{stem}");
        // And in GB18030, declared or not.
        let declared = html.replace("charset=\"utf-8\"", "charset=\"gbk\"");
        let (gb, _, _) = encoding_rs::GB18030.encode(&declared);
        let x = extract_bytes(&format!("{stem}.htm"), &gb);
        assert_eq!(
            records(&x, false),
            records(&seed(stem), false),
            "{stem} (GB18030 HTML)"
        );
    }
}

fn no_panic(name: &str, bytes: &[u8]) {
    if let Ok(src) = jiyao_core::load::decode(name, bytes) {
        let (_doc, _diags) = jiyao_core::parse::parse(&src);
        if let Ok(mut x) =
            jiyao_core::extract::extract(&src, jiyao_core::resolve::Resources::bundled())
        {
            x.simplify();
        }
    }
}

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "  \n",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "〈",
    "“",
    "”",
    "、",
    "，",
    "。",
    "的代表",
    "出席：",
    "列席:",
    "记录：",
    "一、",
    "十一、",
    "（二）",
    "**",
    "####",
    "---",
    "市工信局",
    "团",
    "由市",
    "会同",
    "以下简称《",
    "整理",
    "印发",
    "2020年2月30日",
    "第",
    "次常务会议",
    "<p>",
    "<br>",
    "&nbsp;",
    "&#x110000;",
    "\u{feff}",
    "\r",
    "\u{3000}",
    "飏",
    "𠀀",
    // The other forms' markers and shapes.
    "出席人员",
    "列席单位：",
    "记录人",
    " 列席：",
    "负责同志列席会议",
    "应邀列席",
    "出席会议。",
    "区领导",
    "县委常委、副县长",
    "主持召开",
    "会议由市长",
    "五届104次",
    "十六届县人民政府第",
    "纪要如下：",
    "索引号：",
    "发布时间：2024-09-03 10:21",
    "撰稿：",
    "供图",
    "该《",
    "该方案",
    "会前学习《",
    "（送审稿）",
    "25日上午，",
    "12月18日",
    "会议听取了",
    "提出的《",
    "责成",
    "党组（扩大）会议和",
    "暨",
    "第一条",
    // Lists after the verb, absences, leads, chairs after the agenda, datelines.
    "出席会议的有：",
    "参加会议的有",
    "列席会议的有：",
    "因公请假",
    "缺席。",
    "要求市",
    "请区",
    "主持会议并讲话，",
    "11月4日主持召开",
    "讯（记者 ",
    "讨论通过了《",
    // Traditional script.
    "區長",
    "常務會議",
    "出席會議。",
    "縣委副書記、縣長",
    "列席人員：",
    "會議聽取了",
    "發布時間：",
];

/// The texts of the forms fixtures (news reports, prose minutes, other layouts), read once.
fn forms_fixtures() -> &'static [String] {
    static F: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        common::forms_fixtures()
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    })
}

fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(op, at, what) in edits {
        if chars.is_empty() {
            break;
        }
        let at = at % chars.len();
        match op % 3 {
            0 => {
                let end = (at + what % 40).min(chars.len());
                chars.drain(at..end);
            }
            1 => {
                let piece: Vec<char> = PIECES[what % PIECES.len()].chars().collect();
                chars.splice(at..at, piece);
            }
            _ => {
                let end = (at + what % 200).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        no_panic("x.txt", &bytes);
        no_panic("x.html", &bytes);
    }

    #[test]
    fn mutated_forms_never_panic(fixture in 0usize..1000, edits in proptest::collection::vec((0usize..3, any::<usize>(), any::<usize>()), 1..30)) {
        let fixtures = forms_fixtures();
        let text = &fixtures[fixture % fixtures.len()];
        let mutated = mutate(text, &edits);
        no_panic("f.txt", mutated.as_bytes());
        no_panic("f.html", as_html(&mutated).as_bytes());
    }

    #[test]
    fn mutated_traditional_pages_never_panic(fixture in 0usize..1000, edits in proptest::collection::vec((0usize..3, any::<usize>(), any::<usize>()), 1..30)) {
        let fixtures = forms_fixtures();
        let text = jiyao_core::load::simplify::to_traditional(&fixtures[fixture % fixtures.len()]);
        let mutated = mutate(&text, &edits);
        no_panic("t.txt", mutated.as_bytes());
        no_panic("t.html", as_html(&mutated).as_bytes());
        let (gb, _, _) = encoding_rs::GB18030.encode(&mutated);
        no_panic("t.txt", &gb);
    }

    #[test]
    fn mutated_seeds_never_panic(seed_index in 0usize..3, edits in proptest::collection::vec((0usize..3, any::<usize>(), any::<usize>()), 1..30)) {
        let text = String::from_utf8(seed_bytes(SEEDS[seed_index])).unwrap();
        let mutated = mutate(&text, &edits);
        no_panic("m.txt", mutated.as_bytes());
        no_panic("m.html", as_html(&mutated).as_bytes());
    }
}
