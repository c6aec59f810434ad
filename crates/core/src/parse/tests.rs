//! Data-driven tests of the parser: an input text and the outline it must produce.
//!
//! The outline is one line per recognised part, so that a failing case shows
//! at a glance what was read differently.

use super::*;
use crate::load;

fn outline(input: &str) -> String {
    let src = load::decode("t.txt", input.as_bytes()).unwrap();
    let (doc, diags) = parse(&src);
    let mut out = Vec::new();
    fn put(out: &mut Vec<String>, k: &str, t: &Option<Text>) {
        if let Some(t) = t {
            out.push(format!("{k} {} @{}", t.as_str(), t.span()));
        }
    }
    put(&mut out, "issuer", &doc.issuer);
    put(&mut out, "title", &doc.title);
    put(&mut out, "number", &doc.doc_number);
    put(&mut out, "opening", &doc.opening);
    for item in &doc.items {
        out.push(format!(
            "item {} {} @{}",
            item.ordinal,
            item.heading.as_str(),
            item.heading.span()
        ));
        if let Some(i) = &item.intro {
            out.push(format!("  intro {}", i.as_str()));
        }
        for p in &item.points {
            out.push(format!("  point {} {}", p.ordinal, p.text.as_str()));
        }
    }
    for n in &doc.notes {
        out.push(format!("note {}", n.as_str()));
    }
    for s in &doc.sections {
        out.push(format!(
            "section {:?} {:?} @{}",
            s.kind,
            s.body.as_str(),
            s.label.span()
        ));
    }
    let f = doc.footer;
    put(&mut out, "compiled_by", &f.compiled_by);
    put(&mut out, "compiled_date", &f.compiled_date);
    put(&mut out, "publication", &f.publication);
    put(&mut out, "distribution", &f.distribution);
    put(&mut out, "issued_by", &f.issued_by);
    put(&mut out, "issued_date", &f.issued_date);
    for d in diags {
        out.push(format!(
            "diag {} {}:{} {}",
            d.code, d.span.line, d.span.col, d.message
        ));
    }
    out.join("\n")
}

fn check(cases: &[(&str, &str)]) {
    for (input, want) in cases {
        let got = outline(input);
        assert_eq!(
            got.trim(),
            want.trim(),
            "\n--- input ---\n{input}\n--- got ---\n{got}\n"
        );
    }
}

#[test]
fn header_forms() {
    check(&[
        (
            "\n\n苏州市人民政府 常务会议纪要\n\n〔2020〕36号\n\n2020年11月2日上午，李亚平市长主持召开市政府第115次常务会议。\n\n会议议定以下意见：\n\n一、审议甲\n\n出席:李亚平\n列席:张旗\n记录：栗涛\n",
            "issuer 苏州市人民政府 @3:1\ntitle 常务会议纪要 @3:9\nnumber 〔2020〕36号 @5:1\nopening 2020年11月2日上午，李亚平市长主持召开市政府第115次常务会议。 @7:1\nitem 1 审议甲 @11:3\nsection Present \"李亚平\" @13:1\nsection Attending \"张旗\" @14:1\nsection Recorder \"栗涛\" @15:1",
        ),
        (
            "# 苏州市人民政府\n\n# 常务会议纪要\n\n〔2020〕3号\n\n---\n\n2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。\n会议议定以下意见：\n#### **四、听取汇报**\n(二) 各地要加强宣传\n**出席：**李亚平 王翔  \n曹后灵\n记录：栗涛\n",
            "issuer 苏州市人民政府 @1:3\ntitle 常务会议纪要 @3:3\nnumber 〔2020〕3号 @5:1\nopening 2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。 @9:1\nitem 4 听取汇报 @11:10\n  point 2 各地要加强宣传\nsection Present \"李亚平 王翔\\n曹后灵\" @13:3\nsection Recorder \"栗涛\" @15:1\ndiag numbering 11:8 agenda item 四、 where 一、 was expected\ndiag numbering 12:1 sub-point （二） where （一） was expected\ndiag missing-section 15:1 no 列席 section",
        ),
    ]);
}

#[test]
fn page_breaks_are_rejoined() {
    check(&[(
        "常务会议纪要\n2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。\n会议议定以下意见：\n一、听取道路交通安全工作情况的\n\n汇报\n（一）原则同意市安委办关于约谈落实情\n\n况的汇报。\n\n（二）要持续推进。\n会议还研究了其他事项。\n出  席：李亚平\n列席：市文广旅局\n\n李杰 团\n市委万利\n记录：栗涛\n",
        "title 常务会议纪要 @1:1\nopening 2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。 @2:1\nitem 1 听取道路交通安全工作情况的汇报 @4:3\n  point 1 原则同意市安委办关于约谈落实情况的汇报。\n  point 2 要持续推进。\nnote 会议还研究了其他事项。\nsection Present \"李亚平\" @13:1\nsection Attending \"市文广旅局\\n李杰 团\\n市委万利\" @14:1\nsection Recorder \"栗涛\" @18:1",
    )]);
}

#[test]
fn footer_fields() {
    check(&[(
        "常务会议纪要\n2019年4月10日上午，李亚平市长主持召开市政府第63次常务会议。\n一、审议甲\n记录：栗涛\n\n苏州市人民政府办公室整理\n\n2019年4月28日\n\n（此件公开发布）\n\n分送：各市、区人民政府，苏州工业园区、苏州高新区管委会；市\n各有关部门和单位。\n\n苏州市人民政府办公室\n\n2019年4月29日印发",
        "title 常务会议纪要 @1:1\nopening 2019年4月10日上午，李亚平市长主持召开市政府第63次常务会议。 @2:1\nitem 1 审议甲 @3:3\nsection Recorder \"栗涛\" @4:1\ncompiled_by 苏州市人民政府办公室 @6:1\ncompiled_date 2019年4月28日 @8:1\npublication （此件公开发布） @10:1\ndistribution 各市、区人民政府，苏州工业园区、苏州高新区管委会；市各有关部门和单位。 @12:4\nissued_by 苏州市人民政府办公室 @15:1\nissued_date 2019年4月29日 @17:1\ndiag missing-marker 3:1 agenda items start without a 会议议定以下意见 line\ndiag missing-section 17:1 no 出席 section\ndiag missing-section 17:1 no 列席 section",
    )]);
}

#[test]
fn footer_dates_in_chinese_numerals() {
    // Some cities write every footer date in Chinese numerals, the issue date included.
    check(&[(
        "常务会议纪要\n2005年2月7日上午，杨婷菊市长主持召开市政府第43次常务会议。\n一、审议甲\n记录：卜光华\n\n常州市人民政府办公室整理\n\n二〇〇五年二月十三日\n\n常州市人民政府办公室\n\n二〇〇五年二月十六日印发",
        "title 常务会议纪要 @1:1\nopening 2005年2月7日上午，杨婷菊市长主持召开市政府第43次常务会议。 @2:1\nitem 1 审议甲 @3:3\nsection Recorder \"卜光华\" @4:1\ncompiled_by 常州市人民政府办公室 @6:1\ncompiled_date 二〇〇五年二月十三日 @8:1\nissued_by 常州市人民政府办公室 @10:1\nissued_date 二〇〇五年二月十六日 @12:1\ndiag missing-marker 3:1 agenda items start without a 会议议定以下意见 line\ndiag missing-section 12:1 no 出席 section\ndiag missing-section 12:1 no 列席 section",
    )]);
}

#[test]
fn navigation_before_the_title_is_ignored() {
    check(&[(
        "首页 | 政务公开 | 信息公开目录\n苏州市人民政府\n常务会议纪要\n2019年4月10日上午，李亚平市长主持召开市政府第63次常务会议。\n一、审议甲\n出席：李亚平\n列席：张旗\n记录：栗涛",
        "issuer 苏州市人民政府 @2:1\ntitle 常务会议纪要 @3:1\nopening 2019年4月10日上午，李亚平市长主持召开市政府第63次常务会议。 @4:1\nitem 1 审议甲 @5:3\nsection Present \"李亚平\" @6:1\nsection Attending \"张旗\" @7:1\nsection Recorder \"栗涛\" @8:1\ndiag missing-marker 5:1 agenda items start without a 会议议定以下意见 line",
    )]);
}

#[test]
fn not_minutes_is_recognised() {
    let src = load::decode("t.txt", "hello world\nthis is not minutes\n".as_bytes()).unwrap();
    let (doc, _) = parse(&src);
    assert!(!doc.is_minutes());
}

#[test]
fn a_reports_closing_paragraph_is_a_note() {
    // 会议由…主持 after the agenda, with the attendance, is not the last item's text; an item after it still is one.
    check(&[(
        "澜江市政府召开第36次常务会议\n2023年8月29日，澜江市召开市政府第36次常务会议。\n会议审议了《澜江市城市内涝治理实施方案》。会议原则同意该方案。\n会议由市长柳青云主持。副市长贺振华出席会议。\n市信访局负责同志列席会议。\n会议还研究了其他事项。",
        "opening 2023年8月29日，澜江市召开市政府第36次常务会议。 @2:1\nitem 1 会议审议了《澜江市城市内涝治理实施方案》。会议原则同意该方案。 @3:1\nitem 2 会议还研究了其他事项。 @6:1\nnote 会议由市长柳青云主持。副市长贺振华出席会议。\nnote 市信访局负责同志列席会议。",
    )]);
}
